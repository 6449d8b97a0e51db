"""Invoices and receipts read back the way a finance officer reads them: text extracted by pypdf,
and the page rasterised by poppler to see that nothing runs into the margins."""

from __future__ import annotations

import io
import subprocess
from dataclasses import replace

from PIL import Image
from pypdf import PdfReader

from payments.pdf import DocumentLine, DocumentView, render_payment_document

INVOICE = DocumentView(
    kind="invoice",
    number="INV/2027/00012",
    issued_on="12 Agustus 2027",
    issued_on_en="12 August 2027",
    event_name="Hari UMKM Nasional 2027",
    event_dates="12–15 Agustus 2027",
    venue="Pamedan Pura Mangkunegaran, Surakarta",
    organizer="Panitia Hari UMKM Nasional 2027",
    payer_name="Kopi Gayo – Ibu Siti",
    payer_email="siti@kopigayo.id",
    payer_business="CV Kopi Gayo Nusantara",
    reference="P7K2M9QXRT",
    lines=(DocumentLine("Sewa stan 3 × 3 m, Zona Kuliner", 1_500_000),),
    unique_code=123,
    total=1_500_123,
    status="pending",
    method="bank_transfer",
    pay_before="19 Agustus 2027 23:59",
    bank_accounts=(
        ("Bank Rakyat Indonesia (BRI)", "0123-01-000456-30-1", "Panitia Hari UMKM Nasional"),
        ("Bank Mandiri", "137-00-1234567-8", "Panitia Hari UMKM Nasional"),
    ),
)
RECEIPT = replace(
    INVOICE,
    kind="receipt",
    number="KW/2027/00012",
    status="succeeded",
    paid_on="14 Agustus 2027",
    pay_before="",
)


def read(view: DocumentView) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(render_payment_document(view)))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_invoice_shows_what_to_pay_and_where():
    reader, text = read(INVOICE)

    assert len(reader.pages) == 1
    for expected in ("FAKTUR", "INVOICE", "INV/2027/00012", "Kopi Gayo – Ibu Siti"):
        assert expected in text
    assert "Rp 1.500.000" in text  # the line
    assert "Rp 123" in text and "Kode unik" in text
    assert "Rp 1.500.123" in text  # the total, unique code included
    assert "0123-01-000456-30-1" in text and "137-00-1234567-8" in text
    assert "Bank Rakyat Indonesia (BRI)" in text
    assert "P7K2M9QXRT" in text
    assert "19 Agustus 2027 23:59" in text
    assert "LUNAS" not in text and "DIBATALKAN" not in text


def test_invoice_metadata_names_the_document_and_organizer():
    reader, _ = read(INVOICE)

    assert reader.metadata.title == "Faktur / Invoice INV/2027/00012"
    assert reader.metadata.author == "Panitia Hari UMKM Nasional 2027"


def test_receipt_is_marked_paid_with_the_date():
    reader, text = read(RECEIPT)

    assert len(reader.pages) == 1
    for expected in ("KUITANSI", "RECEIPT", "KW/2027/00012", "Kopi Gayo – Ibu Siti"):
        assert expected in text
    assert "Dibayar oleh" in text  # the payer's label
    assert "LUNAS" in text and "PAID" in text
    assert "14 Agustus 2027" in text
    assert "Rp 1.500.123" in text
    assert "0123-01-000456-30-1" not in text  # nothing left to transfer
    assert "Dikembalikan" not in text


def test_cancelled_invoice_is_marked_and_asks_for_no_payment():
    _, text = read(replace(INVOICE, status="cancelled"))

    assert "DIBATALKAN" in text and "CANCELLED" in text
    assert "0123-01-000456-30-1" not in text


def test_partly_refunded_receipt_shows_the_refund():
    _, text = read(replace(RECEIPT, status="partly_refunded", refunded=500_000))

    assert "LUNAS" in text
    assert "Dikembalikan" in text and "-Rp 500.000" in text
    assert "Rp 1.000.123" in text  # net paid


def test_refunded_receipt_says_refunded_instead_of_paid():
    _, text = read(replace(RECEIPT, status="refunded", refunded=1_500_123))

    assert "DIKEMBALIKAN" in text and "REFUNDED" in text
    assert "LUNAS" not in text
    assert "-Rp 1.500.123" in text


def test_no_unique_code_row_without_a_unique_code():
    _, text = read(replace(INVOICE, unique_code=0, total=1_500_000, method="stripe"))

    assert "Kode unik" not in text
    assert "Rp 1.500.000" in text


def test_name_beyond_latin_1_is_drawn_and_readable():
    _, text = read(replace(RECEIPT, payer_name="Nguyễn Thị Hương"))

    assert "Nguyễn Thị Hương" in text


def margins_are_blank(pdf: bytes, tmp_path) -> bool:
    """No ink in the 15 mm side margins or below the footer (the top band is decoration)."""
    (tmp_path / "page.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "50", "-gray", "-png", "-singlefile", "page.pdf", "page"],
        cwd=tmp_path,
        check=True,
        timeout=60,
    )
    page = Image.open(tmp_path / "page.png").convert("L")
    width, height = page.size
    side, band = round(width * 15 / 210), round(height * 5 / 297)
    strips = [
        (0, band, side, height),
        (width - side, band, width, height),
        (0, height - side, width, height),
    ]
    return all(page.crop(box).getextrema()[0] > 230 for box in strips)


def test_long_name_and_description_stay_on_one_page(tmp_path):
    view = replace(
        INVOICE,
        payer_name="Raden Ajeng Kartika Sari Dewi Kusumawardhani " * 10,
        payer_business="Koperasi Produsen Kerajinan Tangan " * 10,
        payer_email="x" * 300 + "@example.com",
        lines=(DocumentLine("Sewa stan premium di hall utama dekat panggung " * 30, 1_500_000),),
        bank_accounts=INVOICE.bank_accounts * 4,
    )
    reader, text = read(view)

    assert len(reader.pages) == 1
    assert "Raden Ajeng" in text
    assert "…" in text  # cut, not overflowing
    assert "Rp 1.500.123" in text
    assert margins_are_blank(render_payment_document(view), tmp_path)


def test_many_lines_are_summed_to_stay_on_one_page():
    lines = tuple(DocumentLine(f"Tambahan kursi lipat nomor {n}", 10_000) for n in range(80))
    view = replace(INVOICE, lines=lines, unique_code=0, total=800_000)
    reader, text = read(view)

    assert len(reader.pages) == 1
    assert "Tambahan kursi lipat nomor 0" in text
    assert "baris lainnya" in text and "more lines" in text
    assert "Rp 800.000" in text


def test_same_view_renders_the_same_pdf_twice():
    first, second = render_payment_document(RECEIPT), render_payment_document(RECEIPT)
    reader_first, reader_second = PdfReader(io.BytesIO(first)), PdfReader(io.BytesIO(second))

    assert len(reader_first.pages) == len(reader_second.pages) == 1
    text = reader_first.pages[0].extract_text()
    assert text and text == reader_second.pages[0].extract_text()
    assert first == second  # no timestamp, no random id: a pure function of the view
