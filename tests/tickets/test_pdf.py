"""The pass PDF and the staff badge sheets, read back the way a gate and a visitor see them:
rasterised by poppler, QR codes decoded by zxing-cpp, text extracted by pypdf."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
import qrcode
import zxingcpp
from django.utils import translation
from PIL import Image
from pypdf import PdfReader
from qrcode.constants import ERROR_CORRECT_M

from tickets import tokens
from tickets.pdf import fit, make_qr, render_badge_sheets, render_pass_pdf
from tickets.selectors import PassCard

KID = 3
PRIVATE, PUBLIC = tokens.new_key_pair()
LONG_NAME = "Raden Ajeng Kartika Sari Dewi Kusumawardhani"
LONG_ORGANISATION = (
    "Kementerian Koperasi dan Usaha Kecil dan Menengah Republik Indonesia, "
    "Deputi Bidang Usaha Mikro, Asisten Deputi Pemasaran dan Jaringan Usaha"
)


def token_for(pass_id: int, *, serial: int = 1, day_mask: int = 0b111) -> str:
    claims = tokens.Claims(
        kid=KID, event_id=7, pass_id=pass_id, serial=serial, pass_type_id=2, day_mask=day_mask
    )
    return tokens.sign(claims, PRIVATE)


def make_card(pass_id: int = 1, **changes) -> PassCard:
    values = {
        "pass_id": pass_id,
        "token": token_for(pass_id),
        "code": f"K7M3Q-{pass_id:05d}",
        "holder_name": "Budi Santoso",
        "organisation": "SMK Negeri 2 Surakarta",
        "pass_type_id": "Pengunjung Umum",
        "pass_type_en": "General visitor",
        "category": "general",
        "status": "valid",
        "event_name": "Hari UMKM Nasional 2027",
        "venue": "Pamedan Pura Mangkunegaran",
        "city": "Surakarta",
        "days_id": [
            "Kamis, 12 Agustus 2027 · 09.00–21.00 WIB",
            "Jumat, 13 Agustus 2027 · 09.00–21.00 WIB",
        ],
        "days_en": [
            "Thursday, 12 August 2027 · 09.00–21.00 WIB",
            "Friday, 13 August 2027 · 09.00–21.00 WIB",
        ],
        "gate_hints": ["Gerbang Utara — Jl. Ronggowarsito", "Gerbang Timur"],
        "price": "",
        "serial": 1,
    }
    values.update(changes)
    return PassCard(**values)


def staff_card(pass_id: int, **changes) -> PassCard:
    return make_card(
        pass_id,
        category="exhibitor_staff",
        pass_type_id="Staf Peserta Pameran",
        pass_type_en="Exhibitor staff",
        organisation="Batik Tulis Laweyan Sejahtera",
        holder_name=f"Staf Nomor {pass_id}",
        **changes,
    )


def page_images(pdf: bytes, tmp_path: Path, dpi: int = 150) -> list[Image.Image]:
    source = tmp_path / "out.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", str(source), str(tmp_path / "page")],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return [Image.open(path) for path in sorted(tmp_path.glob("page-*.png"))]


def text_of(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def both(message: str) -> tuple[str, str]:
    with translation.override("id"):
        indonesian = translation.gettext(message)
    with translation.override("en"):
        english = translation.gettext(message)
    return indonesian, english


def test_a_token_is_a_version_5_code_at_level_m():
    token = token_for(123456, serial=200, day_mask=0xFFFF)
    assert len(token) == tokens.TOKEN_CHARS

    chosen = qrcode.QRCode(version=None, error_correction=ERROR_CORRECT_M)
    chosen.add_data(token)
    chosen.make(fit=True)
    assert chosen.version == 5  # qrcode's own choice, from version 1 up

    drawn = make_qr(token)
    assert drawn.version == 5
    assert drawn.error_correction == ERROR_CORRECT_M
    assert len(drawn.modules) == 37
    assert [segment.mode for segment in drawn.data_list] == [qrcode.util.MODE_ALPHA_NUM]


def test_the_pass_qr_code_scans_to_the_signed_token(tmp_path):
    card = make_card(42, price="Rp 25.000", category="buyer")

    pdf = render_pass_pdf(card)

    [image] = page_images(pdf, tmp_path)
    found = zxingcpp.read_barcodes(image)
    assert [barcode.format for barcode in found] == [zxingcpp.BarcodeFormat.QRCode]
    assert found[0].text == card.token
    claims = tokens.verify(found[0].text, {KID: PUBLIC})
    assert (claims.pass_id, claims.serial, claims.day_indexes()) == (42, 1, [0, 1, 2])


def test_the_pass_reads_in_both_languages():
    card = make_card(7, price="Rp 25.000")

    [text] = text_of(render_pass_pdf(card))

    for expected in (
        "Budi Santoso",
        "SMK Negeri 2 Surakarta",
        "Pengunjung Umum",
        "General visitor",
        "Hari UMKM Nasional 2027",
        "Pamedan Pura Mangkunegaran",
        "Surakarta",
        "Rp 25.000",
        "K7M3Q-00007",
        "Gerbang Utara — Jl. Ronggowarsito",
        "Gerbang Timur",
    ):
        assert expected in text
    for line in card.days_id + card.days_en:  # "date · hours" is set as a table: date, hours
        date, _sep, hours = line.rpartition(" · ")
        assert date in text
        assert hours in text
    indonesian, english = both("Show this QR code at the gate")
    assert indonesian in text
    assert english in text
    indonesian, english = both("Days")
    assert f"{indonesian} · {english}".upper() in text  # a heading, in capitals
    assert indonesian == "Hari"


def test_days_that_are_not_date_and_hours_are_printed_as_they_are():
    card = make_card(days_id=["Sepanjang pameran"], days_en=["Throughout the exhibition"])

    [text] = text_of(render_pass_pdf(card))

    assert "Sepanjang pameran" in text
    assert "Throughout the exhibition" in text


def test_a_void_pass_is_stamped():
    [valid] = text_of(render_pass_pdf(make_card()))
    [void] = text_of(render_pass_pdf(make_card(status="void")))

    indonesian, english = both("VOID")
    assert english not in valid
    assert english in void
    assert indonesian in void


@pytest.mark.parametrize(
    "category", ["general", "buyer", "student", "vip", "press", "exhibitor_staff", "unknown"]
)
def test_a_pass_is_small(category):
    pdf = render_pass_pdf(make_card(category=category, price="Rp 150.000"))

    assert pdf.startswith(b"%PDF-")
    assert len(pdf) <= 30_000
    assert b"/Subtype /Image" not in pdf
    [page] = PdfReader(io.BytesIO(pdf)).pages
    assert (round(page.mediabox.width), round(page.mediabox.height)) == (298, 420)  # A6


def test_the_same_card_gives_the_same_bytes():
    assert render_pass_pdf(make_card()) == render_pass_pdf(make_card())  # cacheable


def test_a_name_helvetica_cannot_draw_is_set_in_an_embedded_font_and_stays_small():
    card = make_card(holder_name="Nguyễn Thị Hương", organisation="Łódź Press Club")

    pdf = render_pass_pdf(card)

    [text] = text_of(pdf)
    assert "Nguyễn Thị Hương" in text
    assert "Łódź Press Club" in text
    assert len(pdf) <= 30_000


def test_staff_vip_and_press_wear_their_chip():
    words = {"vip": "VIP", "press": "PRESS", "exhibitor_staff": "STAFF"}
    for category, word in words.items():
        [text] = text_of(render_pass_pdf(make_card(category=category)))
        assert both(word)[1] in text
    [general] = text_of(render_pass_pdf(make_card(category="general")))
    assert not any(both(word)[1] in general.split() for word in words.values())


def test_long_texts_shrink_or_wrap_within_their_width():
    name = fit(LONG_NAME, bold=True, size=20, smallest=11, width=258, lines=2)
    assert 11 <= name.size <= 20
    assert len(name.lines) == 2
    assert " ".join(name.lines) == LONG_NAME

    endless = fit("Sentosa" * 40, bold=True, size=20, smallest=11, width=258, lines=2)
    assert len(endless.lines) == 2
    assert endless.lines[-1].endswith("…")
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for text in (name, endless):
        assert all(stringWidth(line, text.font, text.size) <= 258 for line in text.lines)


def test_a_pass_with_long_texts_and_many_days_still_scans(tmp_path):
    days = [f"Hari ke-{n}, {n} Agustus 2027 · 09.00–21.00 WIB" for n in range(1, 17)]
    card = make_card(
        holder_name=LONG_NAME * 3,
        organisation=LONG_ORGANISATION,
        event_name="Hari UMKM Nasional 2027 — Pameran Produk Unggulan Nusantara, Solo",
        pass_type_id="Tamu Kehormatan Kementerian dan Lembaga Negara",
        pass_type_en="Guest of honour, ministries and state agencies",
        category="vip",
        days_id=days,
        days_en=[day.replace("Hari ke", "Day") for day in days],
        gate_hints=[f"Gerbang {n} — Jl. Ronggowarsito, seberang masjid agung" for n in range(4)],
        price="Rp 1.500.000",
    )

    pdf = render_pass_pdf(card)

    assert len(pdf) <= 30_000
    [image] = page_images(pdf, tmp_path)
    assert [barcode.text for barcode in zxingcpp.read_barcodes(image)] == [card.token]
    [text] = text_of(pdf)
    assert "Raden Ajeng" in text
    assert "…" in text  # what does not fit is cut, visibly


def test_badge_sheets_put_ten_badges_on_a_page_and_every_code_scans(tmp_path):
    cards = [staff_card(n) for n in range(1, 11)]
    calls = []

    pdf = render_badge_sheets(cards, progress=calls.append)

    assert calls == [10]
    [page] = PdfReader(io.BytesIO(pdf)).pages
    assert (round(page.mediabox.width), round(page.mediabox.height)) == (595, 842)  # A4
    [image] = page_images(pdf, tmp_path)
    found = zxingcpp.read_barcodes(image)
    assert sorted(barcode.text for barcode in found) == sorted(card.token for card in cards)
    for barcode in found:
        tokens.verify(barcode.text, {KID: PUBLIC})
    [text] = text_of(pdf)
    for card in cards:
        assert card.holder_name in text
        assert card.code in text
    for expected in (
        "Hari UMKM Nasional 2027",
        "Batik Tulis Laweyan Sejahtera",
        "Staf Peserta Pameran",
        "Exhibitor staff",
        "Kamis, 12 Agustus 2027 · 09.00–21.00 WIB",
    ):
        assert expected in text


def test_badge_sheets_report_progress_page_by_page():
    cards = [staff_card(n, status="void" if n == 5 else "valid") for n in range(1, 24)]
    calls = []

    pdf = render_badge_sheets(cards, progress=calls.append)

    assert calls == [10, 20, 23]
    pages = text_of(pdf)
    assert len(pages) == 3
    assert "Staf Nomor 23" in pages[2]
    assert both("VOID")[1] in pages[0]
    assert both("VOID")[1] not in pages[1]


def test_badge_sheets_of_nothing_are_one_blank_page():
    calls = []

    pdf = render_badge_sheets([], progress=calls.append)

    assert calls == []
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
