"""The ledger briefing as PDF (reportlab): a pure function of a ``LedgerReport``.

One or two A4 pages a minister can be handed: the edition, what is counted, a headline box
per report group (retail sales, orders and contracts, MoUs, potential deals: never added
up), a chart of value per group and one per day, then the top associations, the export
destinations and the buyer types. ``dashboards.reports`` reads the data; this only draws,
in the active language, with the fonts and colours of the invoices (``payments.pdf``).
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from events.money import format_rupiah, format_rupiah_short, format_usd_short
from events.pdf import draw_text, font_for, wrap_lines
from matching.models import ReportGroup
from matching.selectors import Breakdown, Figures
from payments.pdf import ACCENT, INK, LABEL, MUTED, RULE, TINT

if TYPE_CHECKING:
    from .reports import LedgerReport

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
LEFT, RIGHT, WIDTH = MARGIN, PAGE_WIDTH - MARGIN, PAGE_WIDTH - 2 * MARGIN
TOP = PAGE_HEIGHT - MARGIN
FOOTER_TOP = MARGIN + 30  # blocks stay above this
GAP = 16  # between blocks
CHART_FONT = "Helvetica"

GROUP_COLORS = {
    ReportGroup.RETAIL: colors.HexColor("#0f766e"),
    ReportGroup.ORDERS: ACCENT,
    ReportGroup.MOU: colors.HexColor("#b45309"),
    ReportGroup.POTENTIAL: colors.HexColor("#94a3b8"),
}
GROUPS = tuple(ReportGroup.values)
TOP_ROWS = 8  # per table, so the briefing keeps to two pages
ROW = 18  # a table row: the value, and the number of deals under it


# --- numbers the way the reader writes them -------------------------------------------------


def _english() -> bool:
    return (translation.get_language() or "id").startswith("en")


def _number(value, places: int = 0) -> str:
    """``1.234.567,89`` in Indonesian, ``1,234,567.89`` in English."""
    text = f"{Decimal(value):,.{places}f}"
    return text if _english() else text.translate(str.maketrans(",.", ".,"))


def _rupiah(value) -> str:
    """The exact figure: ``Rp 1.234.567.890``; ``IDR 1,234,567,890`` in English."""
    return f"IDR {_number(value)}" if _english() else format_rupiah(value)


def _usd(value) -> str:
    return f"USD {_number(value, 2)}"


def _rate(value: Decimal) -> str:
    """Rupiah per unit, with the decimals it was recorded with (at most four)."""
    exponent = Decimal(value).normalize().as_tuple().exponent
    return f"{'IDR' if _english() else 'Rp'} {_number(value, min(4, max(0, -exponent)))}"


def _deals(count: int) -> str:
    return ngettext("%(count)s deal", "%(count)s deals", count) % {"count": _number(count)}


def _group_label(group: str) -> str:
    return str(ReportGroup(group).label)


# --- layout: blocks of known height, laid out on pages before anything is drawn --------------


@dataclass(frozen=True)
class Block:
    height: float
    draw: Callable  # draw(pdf, top)


def _paginate(blocks: list[Block], first_top: float, next_top: float) -> list[list[Block]]:
    pages: list[list[Block]] = [[]]
    room = first_top - FOOTER_TOP
    for block in blocks:
        if pages[-1] and block.height > room:
            pages.append([])
            room = next_top - FOOTER_TOP
        pages[-1].append(block)
        room -= block.height + GAP
    return pages


def render_ledger_report(report: LedgerReport) -> bytes:
    """The briefing of ``report`` as PDF bytes, in the active language."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1)
    title = _("Business-matching deals report")
    pdf.setTitle(f"{title} — {report.edition_name}")
    pdf.setAuthor(f"Pameran · {report.edition_name}")
    pdf.setSubject(report.filter_text)
    blocks = [
        _header(report, title),
        _headlines(report),
        _group_chart(report),
        _day_chart(report),
        _associations(report.by_association),
        _countries(report.by_country),
        _buyer_kinds(report.by_buyer_kind),
    ]
    pages = _paginate(blocks, TOP, TOP - 18)
    for number, page in enumerate(pages, 1):
        if number == 1:
            pdf.setFillColor(ACCENT)
            pdf.rect(0, PAGE_HEIGHT - 4 * mm, PAGE_WIDTH, 4 * mm, stroke=0, fill=1)
            top = TOP
        else:
            _running_header(pdf, report, title)
            top = TOP - 18
        for block in page:
            block.draw(pdf, top)
            top -= block.height + GAP
        _footer(pdf, report, number, len(pages))
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _running_header(pdf, report: LedgerReport, title: str) -> None:
    draw_text(pdf, LEFT, TOP, f"{title} · {report.edition_name}", 8, color=MUTED, width=WIDTH * 0.7)
    pdf.setStrokeColor(RULE)
    pdf.line(LEFT, TOP - 6, RIGHT, TOP - 6)


def _section(pdf, top: float, title: str, note: str = "") -> float:
    """A block's title, with a short note on the right; returns where the content starts."""
    draw_text(pdf, LEFT, top - 10, title, 10.5, bold=True, width=WIDTH * 0.6)
    if note:
        draw_text(pdf, RIGHT, top - 10, note, 7.5, color=MUTED, align="right", width=WIDTH * 0.4)
    pdf.setStrokeColor(ACCENT)
    pdf.setLineWidth(0.8)
    pdf.line(LEFT, top - 15, RIGHT, top - 15)
    pdf.setLineWidth(1)
    return top - 22


# --- the header ---------------------------------------------------------------------------


def _header(report: LedgerReport, title: str) -> Block:
    name_lines = wrap_lines(report.edition_name, font_for(report.edition_name, True), 20, WIDTH, 2)
    place = " · ".join(part for part in (report.venue, report.dates_text) if part)
    labels = (_("Filter applied"), _("Deals counted"))
    label_width = max(stringWidth(f"{label}:", font_for(label, True), 8.5) for label in labels) + 6
    filter_lines = wrap_lines(
        report.filter_text, font_for(report.filter_text), 8.5, WIDTH - 20 - label_width, 3
    )
    box = 12 * (len(filter_lines) + 1) + 10
    height = 14 + 24 * len(name_lines) + 16 + 8 + box

    def draw(pdf, top):
        draw_text(pdf, LEFT, top - 9, title.upper(), 9, bold=True, color=ACCENT)
        y = top - 14
        for line in name_lines:
            y -= 24
            draw_text(pdf, LEFT, y + 5, line, 20, bold=True, width=WIDTH)
        y -= 16
        draw_text(pdf, LEFT, y + 4, place, 10, color=LABEL, width=WIDTH)
        y -= 8
        pdf.setFillColor(TINT)
        pdf.roundRect(LEFT, y - box, WIDTH, box, 3, stroke=0, fill=1)
        x = LEFT + 10
        line_y = y - 15
        draw_text(pdf, x, line_y, f"{labels[0]}:", 8.5, bold=True, color=LABEL)
        for line in filter_lines:
            draw_text(pdf, x + label_width, line_y, line, 8.5, width=WIDTH - 20 - label_width)
            line_y -= 12
        draw_text(pdf, x, line_y, f"{labels[1]}:", 8.5, bold=True, color=LABEL)
        draw_text(
            pdf, x + label_width, line_y, report.trust_text, 8.5, width=WIDTH - 20 - label_width
        )

    return Block(height, draw)


# --- the headline boxes -------------------------------------------------------------------

BOX_GAP = 8
BOX_WIDTH = (WIDTH - 3 * BOX_GAP) / 4
BOX_HEIGHT = 104


def _fit_size(text: str, size: float, width: float, bold: bool = True) -> float:
    """The largest size up to ``size`` at which ``text`` fits ``width``."""
    measured = stringWidth(text, font_for(text, bold), size)
    return size if measured <= width else max(7, size * width / measured)


def _headlines(report: LedgerReport) -> Block:
    summary = report.summary
    note = _(
        "Each group is counted on its own and the four are never added up: an MoU or a "
        "potential deal is an intention, not money that changed hands."
    )
    note_lines = wrap_lines(note, font_for(note), 7.5, WIDTH, 2)
    anyone = _(
        "In any group: %(businesses)s UMKM and %(buyers)s buyers took part in at least one "
        "deal, each counted once."
    ) % {"businesses": _number(summary.businesses), "buyers": _number(summary.buyers)}
    height = BOX_HEIGHT + 8 + 10 * len(note_lines) + 14

    def draw(pdf, top):
        for index, group in enumerate(GROUPS):
            _box(pdf, LEFT + index * (BOX_WIDTH + BOX_GAP), top, group, summary.groups[group])
        y = top - BOX_HEIGHT - 14
        for line in note_lines:
            draw_text(pdf, LEFT, y, line, 7.5, color=MUTED, width=WIDTH)
            y -= 10
        draw_text(pdf, LEFT, y - 3, anyone, 8.5, color=LABEL, width=WIDTH)

    return Block(height, draw)


def _box(pdf, x: float, top: float, group: str, figures: Figures) -> None:
    inner = BOX_WIDTH - 16
    pdf.setFillColor(TINT)
    pdf.roundRect(x, top - BOX_HEIGHT, BOX_WIDTH, BOX_HEIGHT, 4, stroke=0, fill=1)
    pdf.setFillColor(GROUP_COLORS[group])
    pdf.rect(x, top - 3, BOX_WIDTH, 3, stroke=0, fill=1)
    left = x + 8
    draw_text(pdf, left, top - 16, _group_label(group), 8.5, bold=True, color=LABEL, width=inner)
    short = format_rupiah_short(figures.value_idr)
    draw_text(pdf, left, top - 38, short, _fit_size(short, 15, inner), bold=True, color=ACCENT)
    draw_text(pdf, left, top - 52, _rupiah(figures.value_idr), 8, width=inner)
    draw_text(pdf, left, top - 63, _usd(figures.value_usd), 8, color=LABEL, width=inner)
    pdf.setStrokeColor(RULE)
    pdf.line(left, top - 71, x + BOX_WIDTH - 8, top - 71)
    draw_text(pdf, left, top - 84, _deals(figures.rows), 8, bold=True, width=inner)
    people = _("%(businesses)s UMKM · %(buyers)s buyers") % {
        "businesses": _number(figures.businesses),
        "buyers": _number(figures.buyers),
    }
    draw_text(pdf, left, top - 96, people, 7.5, color=LABEL, width=inner)


# --- the charts ---------------------------------------------------------------------------


def _axis(chart, values) -> None:
    """A value axis from zero to a round top, four or five steps, short rupiah labels."""
    axis = chart.valueAxis
    top = max(values, default=0) or 1_000_000
    magnitude = Decimal(10) ** (len(str(int(top / 4))) - 1)
    step = next(magnitude * factor for factor in (1, 2, 5, 10) if magnitude * factor * 5 >= top)
    axis.valueMin, axis.valueStep = 0, float(step)
    axis.valueMax = float(step * math.ceil(Decimal(top) / step))
    axis.labels.fontName, axis.labels.fontSize = CHART_FONT, 7
    axis.labels.fillColor = LABEL
    axis.labelTextFormat = format_rupiah_short
    axis.strokeColor = RULE
    axis.gridStrokeColor = RULE
    axis.gridStrokeWidth = 0.4


def _group_chart(report: LedgerReport) -> Block:
    chart_height = 4 * 20
    height = 22 + chart_height + 8

    def draw(pdf, top):
        y = _section(pdf, top, _("Value per report group (rupiah)"), _("groups shown apart"))
        groups = list(reversed(GROUPS))  # the first group at the top
        values = [report.summary.groups[g].value_idr for g in groups]
        drawing = Drawing(WIDTH, chart_height + 6)
        chart = HorizontalBarChart()
        label_room = 118
        chart.x, chart.y = label_room, 2
        chart.width, chart.height = WIDTH - label_room - 96, chart_height
        chart.data = [values]
        chart.barWidth = 12
        chart.strokeColor = None
        chart.bars.strokeColor = None
        for index, group in enumerate(groups):
            chart.bars[(0, index)].fillColor = GROUP_COLORS[group]
        chart.categoryAxis.categoryNames = [_group_label(g) for g in groups]
        chart.categoryAxis.labels.fontName = "Helvetica-Bold"
        chart.categoryAxis.labels.fontSize = 8
        chart.categoryAxis.labels.fillColor = INK
        chart.categoryAxis.labels.boxAnchor = "e"
        chart.categoryAxis.labels.dx = -6
        chart.categoryAxis.strokeColor = RULE
        chart.categoryAxis.tickLeft = 0
        chart.valueAxis.valueMin = 0
        chart.valueAxis.valueMax = max(values) or 1
        chart.valueAxis.visible = False
        chart.barLabelFormat = format_rupiah_short
        chart.barLabels.fontName, chart.barLabels.fontSize = "Helvetica-Bold", 8
        chart.barLabels.fillColor = INK
        chart.barLabels.boxAnchor = "w"
        chart.barLabels.dx = 4
        drawing.add(chart)
        renderPDF.draw(drawing, pdf, LEFT, y - chart_height - 6)

    return Block(height, draw)


def _day_columns(report: LedgerReport) -> tuple[list[str], dict[str, list[int]]]:
    """The edition's days one by one; deals dated before or after it in one column each."""
    days = list(report.days) or [line.key for line in report.by_day.lines]
    names = [formats.date_format(day, "D j M") for day in days]
    columns = {g: [0] * len(days) for g in GROUPS}
    before, after = dict.fromkeys(GROUPS, 0), dict.fromkeys(GROUPS, 0)
    for line in report.by_day.lines:
        if line.key in days:
            target = {g: (columns[g], days.index(line.key)) for g in GROUPS}
            for group, (values, index) in target.items():
                values[index] += line.groups[group].value_idr
        else:
            side = before if line.key < days[0] else after
            for group in GROUPS:
                side[group] += line.groups[group].value_idr
    if any(before.values()):
        names.insert(0, _("Earlier"))
        for group in GROUPS:
            columns[group].insert(0, before[group])
    if any(after.values()):
        names.append(_("Later"))
        for group in GROUPS:
            columns[group].append(after[group])
    return names, columns


def _day_chart(report: LedgerReport) -> Block:
    chart_height = 190
    height = 22 + chart_height + 34

    def draw(pdf, top):
        y = _section(pdf, top, _("Value per day (rupiah)"), _("by the date of the deal"))
        names, by_group = _day_columns(report)
        drawing = Drawing(WIDTH, chart_height + 24)
        chart = VerticalBarChart()
        chart.x, chart.y = 62, 20
        chart.width, chart.height = WIDTH - 66, chart_height
        chart.data = [by_group[g] for g in GROUPS] if names else [[0]]
        chart.strokeColor = None
        chart.bars.strokeColor = None
        for index, group in enumerate(GROUPS):
            chart.bars[index].fillColor = GROUP_COLORS[group]
        chart.groupSpacing = 10
        chart.barSpacing = 1
        chart.categoryAxis.categoryNames = names or ["—"]
        chart.categoryAxis.labels.fontName = CHART_FONT
        chart.categoryAxis.labels.fontSize = 7.5
        chart.categoryAxis.labels.fillColor = INK
        chart.categoryAxis.labels.dy = -2
        chart.categoryAxis.strokeColor = RULE
        chart.categoryAxis.tickDown = 0
        _axis(chart, [v for values in by_group.values() for v in values])
        chart.valueAxis.visibleGrid = True
        drawing.add(chart)
        bottom = y - chart_height - 24
        renderPDF.draw(drawing, pdf, LEFT, bottom)
        _legend(pdf, LEFT + 62, bottom - 8)

    return Block(height, draw)


def _legend(pdf, x: float, y: float) -> None:
    for group in GROUPS:
        label = _group_label(group)
        pdf.setFillColor(GROUP_COLORS[group])
        pdf.rect(x, y - 1, 8, 8, stroke=0, fill=1)
        draw_text(pdf, x + 11, y, label, 7.5, color=LABEL)
        x += 11 + stringWidth(label, font_for(label), 7.5) + 14


# --- the tables ---------------------------------------------------------------------------

RANK_WIDTH = 16
GROUP_WIDTH = 74
LABEL_WIDTH = WIDTH - RANK_WIDTH - 4 * GROUP_WIDTH
HEADER_HEIGHT = 22


def _table(title: str, note: str, lines, money: Callable[[Figures], str], empty: str) -> Block:
    rows = max(1, len(lines))
    height = 22 + HEADER_HEIGHT + rows * ROW + 2

    def draw(pdf, top):
        y = _section(pdf, top, title, note)
        pdf.setFillColor(TINT)
        pdf.rect(LEFT, y - HEADER_HEIGHT, WIDTH, HEADER_HEIGHT, stroke=0, fill=1)
        for index, group in enumerate(GROUPS):
            right = LEFT + RANK_WIDTH + LABEL_WIDTH + (index + 1) * GROUP_WIDTH - 4
            name = _group_label(group)
            wrapped = wrap_lines(name, font_for(name, True), 7.5, GROUP_WIDTH - 8, 2)
            for number, text in enumerate(wrapped):
                line_y = y - 9 - number * 8.5 - (4 if len(wrapped) == 1 else 0)
                draw_text(pdf, right, line_y, text, 7.5, bold=True, color=LABEL, align="right")
            pdf.setFillColor(GROUP_COLORS[group])
            pdf.rect(
                right - GROUP_WIDTH + 12, y - HEADER_HEIGHT, GROUP_WIDTH - 8, 1.5, stroke=0, fill=1
            )
        y -= HEADER_HEIGHT
        if not lines:
            draw_text(pdf, LEFT + RANK_WIDTH, y - 12, empty, 8.5, color=MUTED)
            return
        for rank, (label, groups) in enumerate(lines, 1):
            draw_text(pdf, LEFT + RANK_WIDTH - 5, y - 11, f"{rank}", 8, color=MUTED, align="right")
            draw_text(pdf, LEFT + RANK_WIDTH, y - 11, label, 8.5, width=LABEL_WIDTH - 8)
            for index, group in enumerate(GROUPS):
                right = LEFT + RANK_WIDTH + LABEL_WIDTH + (index + 1) * GROUP_WIDTH - 4
                figures = groups[group]
                if not figures.rows:
                    draw_text(pdf, right, y - 11, "—", 8, color=MUTED, align="right")
                    continue
                draw_text(pdf, right, y - 8.3, money(figures), 7.8, bold=True, align="right")
                draw_text(pdf, right, y - 15.6, _deals(figures.rows), 6, color=MUTED, align="right")
            y -= ROW
            pdf.setStrokeColor(RULE)
            pdf.setLineWidth(0.4)
            pdf.line(LEFT, y + 0.5, RIGHT, y + 0.5)
            pdf.setLineWidth(1)

    return Block(height, draw)


def _idr(figures: Figures) -> str:
    return format_rupiah_short(figures.value_idr)


def _usd_short(figures: Figures) -> str:
    return format_usd_short(figures.value_usd)


def _top(breakdown: Breakdown, *, skip=()) -> tuple[list, int]:
    lines = [line for line in breakdown.lines if line.key not in skip]
    return [(line.label, line.groups) for line in lines[:TOP_ROWS]], len(lines)


def _associations(breakdown: Breakdown) -> Block:
    lines, count = _top(breakdown)
    note = (
        _("the %(shown)s of %(count)s with the highest value")
        % {"shown": len(lines), "count": count}
        if count > len(lines)
        else ""
    )
    return _table(
        _("Top %(count)s associations") % {"count": TOP_ROWS},
        note,
        lines,
        _idr,
        _("No association recorded a deal yet."),
    )


def _countries(breakdown: Breakdown) -> Block:
    lines, _count = _top(breakdown, skip=("", "ID"))
    return _table(
        _("Top export destinations (US dollars)"),
        _("domestic deals left out"),
        lines,
        _usd_short,
        _("No export deal recorded yet."),
    )


def _buyer_kinds(breakdown: Breakdown) -> Block:
    # Retail sales without a buyer are the retail column already: no line of their own.
    lines = [(line.label, line.groups) for line in breakdown.lines if line.key]
    return _table(_("By buyer type"), "", lines, _idr, _("No deal recorded yet."))


# --- the footer ---------------------------------------------------------------------------


def _rates_text(report: LedgerReport) -> str:
    parts = []
    for rate in report.rates:
        when = formats.date_format(rate.rate_date, "j F Y") if rate.rate_date else ""
        origin = ", ".join(part for part in (rate.source, when) if part)
        parts.append(
            f"1 {rate.currency} = {_rate(rate.idr_per_unit)}" + (f" ({origin})" if origin else "")
        )
    if not parts:
        return _("Source: Pameran deal ledger. No exchange rate recorded: rupiah deals only.")
    return _(
        "Source: Pameran deal ledger. Rates used: %(rates)s; each deal keeps the rate it was "
        "recorded at."
    ) % {"rates": "; ".join(parts)}


def _footer(pdf, report: LedgerReport, page: int, pages: int) -> None:
    pdf.setStrokeColor(RULE)
    pdf.line(LEFT, FOOTER_TOP - 6, RIGHT, FOOTER_TOP - 6)
    generated = _("Generated %(when)s") % {"when": report.generated_text}
    draw_text(pdf, LEFT, FOOTER_TOP - 16, generated, 7, color=LABEL, width=WIDTH - 70)
    text = _rates_text(report)
    font = font_for(text)
    for number, line in enumerate(wrap_lines(text, font, 6.5, WIDTH - 70, 2)):
        y = FOOTER_TOP - 25 - number * 8
        draw_text(pdf, LEFT, y, line, 6.5, color=MUTED, font=font, width=WIDTH - 70)
    numbering = _("Page %(page)s of %(pages)s") % {"page": page, "pages": pages}
    draw_text(pdf, RIGHT, FOOTER_TOP - 16, numbering, 7, color=MUTED, align="right")
