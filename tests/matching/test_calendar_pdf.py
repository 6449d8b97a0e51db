"""Meetings as an iCalendar file and a person's schedule as PDF: pure renders."""

import io
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from matching.calendar import CalendarEntry, render_ics
from matching.pdf import ScheduleLabels, ScheduleRow, ScheduleSheet, render_schedule

WIB = ZoneInfo("Asia/Jakarta")
STAMP = datetime(2027, 8, 10, 7, 5, tzinfo=UTC)


# --- a small iCalendar reader, enough to check what we write ------------------------------------


def unfold(data: bytes) -> list[str]:
    text = data.decode("utf-8")
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", ""), "every line ends in CRLF"
    return text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")[:-1]


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def parse(data: bytes) -> tuple[dict, list[dict]]:
    """(calendar properties, events' properties); property parameters are not used here."""
    calendar, events, current = {}, [], None
    for line in unfold(data):
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif name not in ("BEGIN", "END"):
            (current if current is not None else calendar)[name] = unescape(value)
    return calendar, events


def entry(**overrides) -> CalendarEntry:
    values = {
        "uid": "meeting-42@pameran.id",
        "starts_at": datetime(2027, 8, 12, 9, 0, tzinfo=WIB),
        "ends_at": datetime(2027, 8, 12, 9, 20, tzinfo=WIB),
        "summary": "Temu bisnis: CV Batik Danar Hadi",
        "location": "Pendapa Ageng, meja 12",
        "description": "Business matching",
    }
    values.update(overrides)
    return CalendarEntry(**values)


def test_a_calendar_holds_each_meeting_in_utc():
    data = render_ics(
        calendar_name="Jadwal temu bisnis",
        events=[entry(), entry(uid="meeting-43@pameran.id", location="", description="")],
        stamp=STAMP,
    )
    calendar, events = parse(data)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    assert calendar["X-WR-CALNAME"] == "Jadwal temu bisnis"
    assert unfold(data)[0] == "BEGIN:VCALENDAR" and unfold(data)[-1] == "END:VCALENDAR"
    first, second = events
    assert first["UID"] == "meeting-42@pameran.id"
    assert first["DTSTAMP"] == "20270810T070500Z"
    assert first["DTSTART"] == "20270812T020000Z"  # 09.00 WIB
    assert first["DTEND"] == "20270812T022000Z"
    assert first["SUMMARY"] == "Temu bisnis: CV Batik Danar Hadi"
    assert first["LOCATION"] == "Pendapa Ageng, meja 12"
    assert first["DESCRIPTION"] == "Business matching"
    assert second["UID"] == "meeting-43@pameran.id"
    assert "LOCATION" not in second and "DESCRIPTION" not in second


def test_long_lines_are_folded_at_75_octets_without_breaking_a_character():
    summary = (
        "Pertemuan bisnis dengan Koperasi Produsen Kopi Gayo — Nguyễn Thị Hương (Hà Nội), "
        "ekspor kopi arabika ke Jepang · harga Rp 1.500.000/kg · minimal 2 ton · “halal” ✓"
    )
    description = "Catatan: " + "é" * 200  # two octets each: a fold can fall mid-character
    data = render_ics(
        calendar_name="Jadwal",
        events=[entry(summary=summary, description=description)],
        stamp=STAMP,
    )
    physical = data.split(b"\r\n")[:-1]
    assert max(len(line) for line in physical) == 75
    assert all(len(line) <= 75 for line in physical)
    for line in physical:
        line.decode("utf-8")  # each physical line is whole characters
    assert sum(line.startswith(b" ") for line in physical) >= 6
    _, (event,) = parse(data)
    assert event["SUMMARY"] == summary
    assert event["DESCRIPTION"] == description


def test_text_values_are_escaped():
    summary = r"Rapat; harga, volume \ syarat"
    description = "Baris satu\nBaris dua\r\nBaris tiga, selesai; ya"
    data = render_ics(
        calendar_name="Jadwal; Solo, 2027",
        events=[entry(summary=summary, description=description)],
        stamp=STAMP,
    )
    lines = unfold(data)
    assert r"SUMMARY:Rapat\; harga\, volume \\ syarat" in lines
    assert r"DESCRIPTION:Baris satu\nBaris dua\nBaris tiga\, selesai\; ya" in lines
    assert r"X-WR-CALNAME:Jadwal\; Solo\, 2027" in lines
    calendar, (event,) = parse(data)
    assert event["SUMMARY"] == summary
    assert event["DESCRIPTION"] == "Baris satu\nBaris dua\nBaris tiga, selesai; ya"
    assert calendar["X-WR-CALNAME"] == "Jadwal; Solo, 2027"


def test_an_empty_calendar_is_still_a_calendar():
    calendar, events = parse(render_ics(calendar_name="Jadwal", events=[], stamp=STAMP))
    assert events == [] and calendar["VERSION"] == "2.0"


def test_naive_or_backward_times_are_refused():
    naive = datetime(2027, 8, 12, 9, 0)
    with pytest.raises(ValueError):
        render_ics(calendar_name="x", events=[entry(starts_at=naive)], stamp=STAMP)
    start = datetime(2027, 8, 12, 9, 0, tzinfo=WIB)
    with pytest.raises(ValueError):
        render_ics(calendar_name="x", events=[entry(ends_at=start - timedelta(minutes=1))])


def test_dtstamp_defaults_to_now():
    _, (event,) = parse(render_ics(calendar_name="x", events=[entry()]))
    assert re.fullmatch(r"\d{8}T\d{6}Z", event["DTSTAMP"])


# --- the schedule PDF ---------------------------------------------------------------------------

LABELS = ScheduleLabels(
    day="Hari",
    time="Waktu",
    table="Meja",
    counterpart="Bertemu dengan",
    location="Lokasi",
    status="Status",
    times_in="Semua waktu dalam %(zone)s",
    page="Halaman %(page)s dari %(pages)s",
    empty="Belum ada pertemuan.",
)
DAYS = ("Kamis, 12 Agustus 2027", "Jumat, 13 Agustus 2027", "Sabtu, 14 Agustus 2027")


def rows(count: int) -> list[ScheduleRow]:
    return [
        ScheduleRow(
            day_label=DAYS[index // 12 % 3],
            time_label=f"{9 + index % 12 // 3:02d}.{index % 3 * 20:02d}",
            table_label=str(index + 1),
            counterpart=f"Pembeli {index + 1:02d} PT Sumber Rejeki",
            counterpart_detail="Ritel modern · Tangerang",
            location="Pendapa Ageng",
            status_label="Terjadwal",
        )
        for index in range(count)
    ]


def sheet(**overrides) -> ScheduleSheet:
    values = {
        "title": "Jadwal Temu Bisnis",
        "person_name": "Ibu Sri Wahyuningsih",
        "organisation": "UD Keripik Tempe Bu Sri",
        "edition_name": "Hari UMKM Nasional 2027",
        "time_zone_label": "WIB",
        "rows": rows(5),
        "generated_at_label": "Dicetak 10 Agustus 2027 14.05 WIB",
        "labels": LABELS,
    }
    values.update(overrides)
    return ScheduleSheet(**values)


def pages_text(data: bytes) -> list[str]:
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:  # A4 portrait
        assert round(float(page.mediabox.width)) == 595
        assert round(float(page.mediabox.height)) == 842
    # Whitespace made one space: a label wrapped in its cell reads as one text.
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_a_short_schedule_is_one_page_with_every_row():
    (text,) = pages_text(render_schedule(sheet()))
    for expected in (
        "Jadwal Temu Bisnis",
        "Ibu Sri Wahyuningsih",
        "UD Keripik Tempe Bu Sri",
        "Hari UMKM Nasional 2027",
        "Semua waktu dalam WIB",
        "Dicetak 10 Agustus 2027 14.05 WIB",
        "Halaman 1 dari 1",
        "Kamis, 12 Agustus 2027",
        "Bertemu dengan",
        "Ritel modern · Tangerang",
    ):
        assert expected in text
    for row in rows(5):
        assert row.counterpart in text
        assert row.time_label in text


def test_a_long_schedule_breaks_onto_pages_with_the_heads_repeated():
    many = rows(60)
    texts = pages_text(render_schedule(sheet(rows=many)))
    assert len(texts) >= 2
    for number, text in enumerate(texts, start=1):
        for head in ("Hari", "Waktu", "Meja", "Bertemu dengan", "Lokasi", "Status"):
            assert head in text
        assert f"Halaman {number} dari {len(texts)}" in text
        assert "Ibu Sri Wahyuningsih" in text  # the running header
    whole = "\n".join(texts)
    for row in many:
        assert whole.count(row.counterpart) == 1  # every row once, none split or lost
    # A day that goes on over a page break is named again at the top of the next page.
    for text in texts[1:]:
        assert any(day in text for day in DAYS)


def test_names_helvetica_cannot_draw_are_kept():
    row = ScheduleRow(
        day_label="Kamis, 12 Agustus 2027",
        time_label="09.00–09.20",
        table_label="3",
        counterpart="Nguyễn Thị Hương Trading",
        counterpart_detail="Hà Nội, Việt Nam",
        location="Pendapa Ageng",
        status_label="Terjadwal",
    )
    (text,) = pages_text(render_schedule(sheet(rows=[row])))
    assert "Nguyễn Thị Hương Trading" in text
    assert "Hà Nội, Việt Nam" in text


def test_long_texts_are_cut_not_overflowing():
    long_name = "Koperasi Produsen " + "Kopi Gayo Organik Sejahtera " * 8
    row = rows(1)[0]
    row = ScheduleRow(**{**row.__dict__, "counterpart": long_name})
    (text,) = pages_text(render_schedule(sheet(rows=[row])))
    assert "Koperasi Produsen Kopi Gayo" in text
    assert "…" in text


def test_an_empty_schedule_says_so():
    (text,) = pages_text(render_schedule(sheet(rows=[])))
    assert "Belum ada pertemuan." in text
    assert "Halaman 1 dari 1" in text


def test_the_same_sheet_gives_the_same_bytes():
    assert render_schedule(sheet(rows=rows(30))) == render_schedule(sheet(rows=rows(30)))
