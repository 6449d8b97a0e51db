"""A person's business-matching schedule as PDF (reportlab): a pure render of a ScheduleSheet.

One buyer's or one exhibitor's meetings, A4 portrait: a header with the edition, the
person and the time zone, then one table row per meeting (day, time, table, who they
meet, where, status), the column heads repeated on every page, page numbers in the
footer. Every word comes in the sheet already translated (one language, or both written
"Meja / Table"), so the render needs no active language. Fonts are Helvetica, and DejaVu
Sans for a text Helvetica cannot draw, through payments.pdf's helper.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.utils.translation import gettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from events.pdf import font_for

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 16 * mm
LEFT, RIGHT, WIDTH = MARGIN, PAGE_WIDTH - MARGIN, PAGE_WIDTH - 2 * MARGIN
FOOTER_Y = MARGIN - 4 * mm  # the footer's baseline
BODY_BOTTOM = MARGIN + 6 * mm  # rows stay above this

INK = colors.HexColor("#111827")
LABEL = colors.HexColor("#374151")
MUTED = colors.HexColor("#6b7280")
RULE = colors.HexColor("#d1d5db")
DAY_RULE = colors.HexColor("#9ca3af")
TINT = colors.HexColor("#f1f5f9")
ACCENT = colors.HexColor("#1e3a5f")

SIZE = 9  # body text
SMALL = 8  # the counterpart's detail
LEADING = 1.25
PAD_X, PAD_Y = 4, 5  # inside a cell
HEAD_SIZE = 8  # the column heads, on at most two lines
RUNNING_TOP = PAGE_HEIGHT - MARGIN  # the baseline of the running header on later pages

# (field, share of the width, most lines)
COLUMNS = (
    ("day", 0.15, 2),
    ("time", 0.12, 2),
    ("table", 0.08, 2),
    ("counterpart", 0.34, 3),
    ("location", 0.17, 3),
    ("status", 0.14, 2),
)


@dataclass(frozen=True)
class ScheduleRow:
    day_label: str  # e.g. "Kamis, 12 Agustus 2027"
    time_label: str  # e.g. "09.00–09.20"
    table_label: str  # e.g. "12"
    counterpart: str  # who the person meets: a buyer's or an exhibitor's name
    counterpart_detail: str = ""  # e.g. "Ritel modern · Surakarta" or a contact
    location: str = ""
    status_label: str = ""


@dataclass(frozen=True)
class ScheduleLabels:
    """The words of the sheet, translated by the caller (see ``schedule_labels``)."""

    day: str
    time: str
    table: str
    counterpart: str
    location: str
    status: str
    times_in: str  # "Times in %(zone)s"
    page: str  # "Page %(page)s of %(pages)s"
    empty: str  # shown when there are no rows


@dataclass(frozen=True)
class ScheduleSheet:
    title: str  # e.g. "Jadwal temu bisnis"
    person_name: str
    organisation: str
    edition_name: str
    time_zone_label: str  # e.g. "WIB"
    rows: list[ScheduleRow] = field(default_factory=list)
    generated_at_label: str = ""  # e.g. "Dicetak 10 Agustus 2027 14.05 WIB"
    labels: ScheduleLabels | None = None  # None: schedule_labels() in the active language


def schedule_labels() -> ScheduleLabels:
    """The labels in the active language, for a caller that has nothing better."""
    return ScheduleLabels(
        day=gettext("Day"),
        time=gettext("Time"),
        table=gettext("Table"),
        counterpart=gettext("Meeting with"),
        location=gettext("Location"),
        status=gettext("Status"),
        times_in=gettext("Times in %(zone)s"),
        page=gettext("Page %(page)s of %(pages)s"),
        empty=gettext("No meetings scheduled yet."),
    )


# --- text -----------------------------------------------------------------------------------


def _truncate(text: str, font: str, size: float, width: float) -> str:
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    room = width - pdfmetrics.stringWidth("…", font, size)
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits, by binary search
        middle = (low + high + 1) // 2
        if pdfmetrics.stringWidth(text[:middle], font, size) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def _lines(text: str, font: str, size: float, width: float, most: int) -> list[str]:
    """Word-wrapped to at most ``most`` lines of ``width``; the last one cut with "…"."""
    text = " ".join(text.split())
    if not text:
        return []
    lines = simpleSplit(text, font, size, width) or [text]
    if len(lines) > most:
        lines = [*lines[: most - 1], " ".join(lines[most - 1 :])]
    return [_truncate(line, font, size, width) for line in lines]


def _draw(pdf, x: float, y: float, text: str, font: str, size: float, color, align="left"):
    pdf.setFont(font, size)
    pdf.setFillColor(color)
    if align == "right":
        pdf.drawRightString(x, y, text)
    else:
        pdf.drawString(x, y, text)


@dataclass
class _Cell:
    lines: list[tuple[str, str, float, colors.Color]]  # (text, font, size, colour)

    @property
    def height(self) -> float:
        return sum(size * LEADING for _t, _f, size, _c in self.lines)


def _text_cell(text: str, width: float, most: int, *, bold=False, size=SIZE, color=INK) -> _Cell:
    font = font_for(text, bold)
    return _Cell([(line, font, size, color) for line in _lines(text, font, size, width, most)])


def _widths() -> list[float]:
    return [WIDTH * share for _name, share, _most in COLUMNS]


@dataclass
class _Row:
    row: ScheduleRow
    cells: list[_Cell]
    new_day: bool  # the first row of its day

    @property
    def height(self) -> float:
        return max(cell.height for cell in self.cells) + 2 * PAD_Y


def _layout(row: ScheduleRow, new_day: bool, show_day: bool) -> _Row:
    widths = [width - 2 * PAD_X for width in _widths()]
    most = [column[2] for column in COLUMNS]
    counterpart = _text_cell(row.counterpart, widths[3], 2, bold=True)
    if row.counterpart_detail:
        detail = _text_cell(row.counterpart_detail, widths[3], 1, size=SMALL, color=MUTED)
        counterpart.lines += detail.lines
    day = row.day_label if show_day else ""
    cells = [
        _text_cell(day, widths[0], most[0], bold=True),
        _text_cell(row.time_label, widths[1], most[1], bold=True),
        _text_cell(row.table_label, widths[2], most[2]),
        counterpart,
        _text_cell(row.location, widths[4], most[4], color=LABEL),
        _text_cell(row.status_label, widths[5], most[5], color=LABEL),
    ]
    return _Row(row, cells, new_day)


# --- pages ----------------------------------------------------------------------------------


def render_schedule(schedule: ScheduleSheet) -> bytes:
    """The schedule as PDF bytes; the same sheet always gives the same bytes."""
    labels = schedule.labels or schedule_labels()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1)
    pdf.setTitle(f"{schedule.title} · {schedule.person_name}")
    pdf.setAuthor(schedule.edition_name)
    pdf.setSubject(schedule.organisation)

    pages = _paginate(schedule, labels)
    for number, rows in enumerate(pages, start=1):
        if number == 1:
            top = _first_header(pdf, schedule, labels)
        else:
            top = _running_header(pdf, schedule)
        y = _column_heads(pdf, labels, top)
        if not schedule.rows:
            _draw(pdf, LEFT + PAD_X, y - 18, labels.empty, font_for(labels.empty), 10, MUTED)
        for index, row in enumerate(rows):
            y = _draw_row(pdf, row, y, first_on_page=index == 0)
        _footer(pdf, schedule, labels, number, len(pages))
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _paginate(schedule: ScheduleSheet, labels: ScheduleLabels) -> list[list[_Row]]:
    """Rows into pages, none split: the day is written on a day's first row and again at
    the top of a page."""
    heads = _head_height(labels)
    scratch = canvas.Canvas(io.BytesIO(), pagesize=A4)  # to measure the first page's header
    first_top = _first_header(scratch, schedule, labels) - heads
    later_top = RUNNING_TOP - 14 - heads
    pages: list[list[_Row]] = [[]]
    y = first_top
    previous_day = None
    for row in schedule.rows:
        new_day = row.day_label != previous_day
        laid = _layout(row, new_day, show_day=new_day or not pages[-1])
        if pages[-1] and y - laid.height < BODY_BOTTOM:
            pages.append([])
            y = later_top
            laid = _layout(row, new_day, show_day=True)
        pages[-1].append(laid)
        y -= laid.height
        previous_day = row.day_label
    return pages


def _first_header(pdf, schedule: ScheduleSheet, labels: ScheduleLabels) -> float:
    """The accent bar, the title and edition, the person, the time zone; returns the bottom."""
    pdf.setFillColor(ACCENT)
    pdf.rect(0, PAGE_HEIGHT - 4 * mm, PAGE_WIDTH, 4 * mm, stroke=0, fill=1)
    y = PAGE_HEIGHT - MARGIN - 8
    title_font = font_for(schedule.title, True)
    for line in _lines(schedule.title, title_font, 17, WIDTH, 2):
        _draw(pdf, LEFT, y, line, title_font, 17, ACCENT)
        y -= 20
    if schedule.edition_name:
        font = font_for(schedule.edition_name)
        for line in _lines(schedule.edition_name, font, 10, WIDTH, 2):
            _draw(pdf, LEFT, y, line, font, 10, LABEL)
            y -= 13
    y -= 10
    # The person, in a tinted box, the time zone on its right.
    zone = labels.times_in % {"zone": schedule.time_zone_label} if schedule.time_zone_label else ""
    zone_font = font_for(zone, True)
    zone_width = pdfmetrics.stringWidth(zone, zone_font, 9) if zone else 0
    room = WIDTH - 2 * 8 - (zone_width + 12 if zone else 0)
    name_font = font_for(schedule.person_name, True)
    name_lines = _lines(schedule.person_name, name_font, 13, room, 2)
    org_font = font_for(schedule.organisation)
    org_lines = _lines(schedule.organisation, org_font, 10, room, 2)
    height = 16 + 16 * len(name_lines) + 13 * len(org_lines)
    pdf.setFillColor(TINT)
    pdf.roundRect(LEFT, y - height, WIDTH, height, 3, stroke=0, fill=1)
    line_y = y - 8 - 13
    for line in name_lines:
        _draw(pdf, LEFT + 8, line_y, line, name_font, 13, INK)
        line_y -= 16
    for line in org_lines:
        _draw(pdf, LEFT + 8, line_y + 2, line, org_font, 10, LABEL)
        line_y -= 13
    if zone:
        _draw(pdf, RIGHT - 8, y - 8 - 12, zone, zone_font, 9, ACCENT, align="right")
    return y - height - 10


def _running_header(pdf, schedule: ScheduleSheet) -> float:
    """Later pages: who and what on the left, the edition on the right; returns the bottom."""
    pdf.setFillColor(ACCENT)
    pdf.rect(0, PAGE_HEIGHT - 2 * mm, PAGE_WIDTH, 2 * mm, stroke=0, fill=1)
    name, title, edition = schedule.person_name, schedule.title, schedule.edition_name
    fonts = font_for(name, True), font_for(title), font_for(edition)
    title = f" · {title}" if title and name else title
    natural = [pdfmetrics.stringWidth(t, f, 9) for t, f in zip((name, title), fonts, strict=False)]
    edition_width = min(pdfmetrics.stringWidth(edition, fonts[2], 8), WIDTH * 0.4)
    room = WIDTH - edition_width - 12
    name_width = min(natural[0], room)
    name = _truncate(name, fonts[0], 9, name_width)
    title = _truncate(title, fonts[1], 9, room - name_width) if room - name_width > 20 else ""
    _draw(pdf, LEFT, RUNNING_TOP, name, fonts[0], 9, INK)
    x = LEFT + pdfmetrics.stringWidth(name, fonts[0], 9)
    _draw(pdf, x, RUNNING_TOP, title, fonts[1], 9, LABEL)
    edition = _truncate(edition, fonts[2], 8, edition_width)
    _draw(pdf, RIGHT, RUNNING_TOP, edition, fonts[2], 8, MUTED, align="right")
    return RUNNING_TOP - 14


def _head_cells(labels: ScheduleLabels) -> list[_Cell]:
    heads = (labels.day, labels.time, labels.table, labels.counterpart, labels.location)
    return [
        _text_cell(text, width - 2 * PAD_X, 2, bold=True, size=HEAD_SIZE, color=ACCENT)
        for text, width in zip((*heads, labels.status), _widths(), strict=True)
    ]


def _head_height(labels: ScheduleLabels) -> float:
    return max(cell.height for cell in _head_cells(labels)) + 2 * PAD_Y + 2


def _column_heads(pdf, labels: ScheduleLabels, top: float) -> float:
    """The tinted row of column heads from ``top`` down; returns its bottom."""
    height = _head_height(labels)
    pdf.setFillColor(TINT)
    pdf.rect(LEFT, top - height, WIDTH, height, stroke=0, fill=1)
    pdf.setStrokeColor(ACCENT)
    pdf.setLineWidth(0.8)
    pdf.line(LEFT, top - height, RIGHT, top - height)
    pdf.setLineWidth(1)
    _draw_cells(pdf, _head_cells(labels), top - 1)
    return top - height


def _draw_cells(pdf, cells: list[_Cell], top: float) -> None:
    x = LEFT
    for cell, width in zip(cells, _widths(), strict=True):
        y = top - PAD_Y
        for text, font, size, color in cell.lines:
            y -= size * LEADING
            _draw(pdf, x + PAD_X, y + size * 0.25, text, font, size, color)
        x += width


def _draw_row(pdf, row: _Row, top: float, *, first_on_page: bool) -> float:
    if row.new_day and not first_on_page:  # a firmer rule between days
        pdf.setStrokeColor(DAY_RULE)
        pdf.setLineWidth(1)
        pdf.line(LEFT, top, RIGHT, top)
    _draw_cells(pdf, row.cells, top)
    bottom = top - row.height
    pdf.setStrokeColor(RULE)
    pdf.setLineWidth(0.5)
    pdf.line(LEFT, bottom, RIGHT, bottom)
    pdf.setLineWidth(1)
    return bottom


def _footer(pdf, schedule: ScheduleSheet, labels: ScheduleLabels, page: int, pages: int):
    pdf.setStrokeColor(RULE)
    pdf.setLineWidth(0.5)
    pdf.line(LEFT, FOOTER_Y + 10, RIGHT, FOOTER_Y + 10)
    pdf.setLineWidth(1)
    if schedule.generated_at_label:
        text = schedule.generated_at_label
        font = font_for(text)
        _draw(pdf, LEFT, FOOTER_Y, _truncate(text, font, 7.5, WIDTH * 0.6), font, 7.5, MUTED)
    number = labels.page % {"page": page, "pages": pages}
    _draw(pdf, RIGHT, FOOTER_Y, number, font_for(number), 7.5, MUTED, align="right")
