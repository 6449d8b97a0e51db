"""Pass PDFs and exhibitor-staff badge sheets: pure renders from ``PassCard`` values (reportlab).

``render_pass_pdf`` draws one visitor pass on an A6 portrait page (105 × 148 mm). It
prints as it is on A6 card, and on A4 either at actual size (cut along the page edge)
or fitted to the page (everything, the QR code too, just grows).

``render_badge_sheets`` draws exhibitor-staff badges the size of an ID card (ISO/IEC
7810 ID-1, "CR80", 85.6 × 54 mm, landscape), which slide into the standard ID-card
holders on lanyards: ten to an A4 page (2 × 5), with cut marks at every badge's corners
and a white margin inside the cut line, so an uneven cut leaves no coloured sliver.

Both are bilingual on one page: every label is written in Indonesian, then in English,
from one English msgid looked up under each language. Colours follow the pass category,
and VIP, press and staff passes wear a chip in the band, so they tell apart at a glance.

The QR code holds the pass's signed token (tickets.tokens): 122 base32 characters, one
alphanumeric segment, error correction level M, hence a version 5 symbol (37 × 37
modules). It is drawn as vector rectangles, one per horizontal run of dark modules, with
the 4-module quiet zone the standard asks for. No images; fonts are the PDF's built-in
Helvetica, and a text Helvetica cannot draw (say "Nguyễn Thị Hương") is set in DejaVu
Sans, which reportlab embeds as a subset. Caching, storing and mailing are someone
else's job (tickets.pdf_store, tickets.tasks).
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import qrcode
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4, A6
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from events.pdf import font_for

from .models import PassStatus
from .selectors import PassCard

QR_VERSION = 5  # what a token needs at level M; make(fit=True) grows it if one ever did not fit
QUIET_ZONE = 4  # modules of white around the symbol (ISO/IEC 18004)

INK = colors.HexColor("#111827")
MUTED = colors.HexColor("#4b5563")
RULE = colors.HexColor("#d1d5db")
WHITE = colors.white
VOID_RED = colors.HexColor("#dc2626")

PASS_MARGIN = 7 * mm
PASS_MODULE = 1.1 * mm  # a 40.7 mm symbol on A6
BADGE_WIDTH, BADGE_HEIGHT = 85.6 * mm, 54 * mm  # ISO/IEC 7810 ID-1 (CR80)
BADGE_COLUMNS, BADGE_ROWS = 2, 5
BADGE_GAP_X, BADGE_GAP_Y = 8 * mm, 3 * mm
BADGE_INSET = 2.5 * mm  # white inside the cut line
BADGE_MODULE = 0.7 * mm  # a 25.9 mm symbol
MARK_OFFSET, MARK_LENGTH = 0.8 * mm, 3 * mm


# --- the QR code, shared by the pass and the badges ----------------------------------------------


def make_qr(token: str) -> qrcode.QRCode:
    """The QR symbol of ``token``: level M, one alphanumeric segment, version 5 or more."""
    code = qrcode.QRCode(version=QR_VERSION, error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(token, optimize=0)  # base32 is all alphanumeric: one segment
    code.make(fit=True)
    return code


def qr_matrix(token: str) -> list[list[bool]]:
    """The symbol's modules, row by row from the top; True is dark. No quiet zone."""
    return make_qr(token).modules


def qr_width(matrix: list[list[bool]], module: float) -> float:
    """The side of the symbol with its quiet zone, at ``module`` per module."""
    return (len(matrix) + 2 * QUIET_ZONE) * module


def draw_qr(pdf: canvas.Canvas, matrix: list[list[bool]], x: float, y: float, module: float):
    """Draw a QR symbol with its quiet zone, lower left at (x, y); returns its side.

    The quiet zone is painted white. The dark modules are one filled path of rectangles
    in module units, one per horizontal run: whole numbers, written as PDF operators
    directly (reportlab's path objects format every coordinate as a float, which is
    most of the cost of a page), so the file stays small and prints sharp.
    """
    count = len(matrix)
    side = qr_width(matrix, module)
    pdf.saveState()
    pdf.setFillColor(WHITE)
    pdf.rect(x, y, side, side, stroke=0, fill=1)
    pdf.translate(x + QUIET_ZONE * module, y + side - QUIET_ZONE * module)
    pdf.scale(module, -module)  # row 0 at the top, one unit per module
    pdf.setFillColor(colors.black)
    runs = []
    for row_index, row in enumerate(matrix):
        column = 0
        while column < count:
            if row[column]:
                start = column
                while column < count and row[column]:
                    column += 1
                runs.append(f"{start} {row_index} {column - start} 1 re")
            else:
                column += 1
    runs.append("f")
    pdf.addLiteral("\n".join(runs))
    pdf.restoreState()
    return side


def _width(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


# --- words, in both languages --------------------------------------------------------------------


def _both(message: str) -> tuple[str, str]:
    """(Indonesian, English) of one msgid."""
    with translation.override("id"):
        indonesian = gettext(message)
    with translation.override("en"):
        english = gettext(message)
    return indonesian, english


def _joined(pair: tuple[str, str], separator: str = " · ") -> str:
    """ "Hari · Days"; one text when a msgid has no Indonesian translation yet."""
    return pair[0] if pair[0] == pair[1] else f"{pair[0]}{separator}{pair[1]}"


@dataclass(frozen=True)
class Labels:
    show_qr: str
    on_phone: str
    days: str
    gates: str
    void: str
    issue: str
    chips: dict[str, str]


def _labels() -> Labels:
    return Labels(
        show_qr=_joined(_both(gettext_noop("Show this QR code at the gate")), " / "),
        on_phone=_joined(_both(gettext_noop("Printed or on your phone screen")), " / "),
        days=_joined(_both(gettext_noop("Days"))),
        gates=_joined(_both(gettext_noop("Gates"))),
        void=_joined(_both(gettext_noop("VOID"))),
        issue=_joined(_both(gettext_noop("Pass %(number)s · issue %(serial)s")), " / "),
        chips={
            "vip": _joined(_both(gettext_noop("VIP"))),
            "press": _joined(_both(gettext_noop("PRESS"))),
            "exhibitor_staff": _joined(_both(gettext_noop("STAFF"))),
        },
    )


# --- colours by category -------------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    band: Color  # the header band and the footer bar
    soft: Color  # the venue line on the band
    accent: Color  # the pass type and the headings
    tint: Color  # the ribbon under the band
    chip: Color  # the category chip (its word is in the band colour)


def _style(band: str, accent: str, tint: str, *, chip: str = "#ffffff", soft: str = "#e5e7eb"):
    hexed = colors.HexColor
    return Style(hexed(band), hexed(soft), hexed(accent), hexed(tint), hexed(chip))


STYLES = {
    "general": _style("#0f766e", "#0f766e", "#e6f4f1"),
    "buyer": _style("#1d4ed8", "#1d4ed8", "#e8eefc"),
    "student": _style("#6d28d9", "#6d28d9", "#f0e9fc"),
    "vip": _style("#111827", "#8a6d1c", "#f6efd9", chip="#d4af37", soft="#d4af37"),
    "press": _style("#dc2626", "#b91c1c", "#fdecec"),
    "exhibitor_staff": _style("#ea580c", "#c2410c", "#fdefe5"),
}


def style_of(category: str) -> Style:
    return STYLES.get(category, STYLES["general"])


# --- text that fits ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """Lines of one font and size, ready to draw."""

    font: str
    size: float
    lines: list[str]
    leading: float = 1.18

    @property
    def height(self) -> float:
        """From the first line's cap height to the last line's descender."""
        if not self.lines:
            return 0.0
        return self.size * (0.72 + self.leading * (len(self.lines) - 1) + 0.22)

    def draw(self, pdf, x: float, top: float, colour, *, align="left", width=0.0) -> float:
        """Draw with the cap height of the first line at ``top``; returns the bottom."""
        pdf.setFont(self.font, self.size)
        pdf.setFillColor(colour)
        y = top - self.size * 0.72
        for line in self.lines:
            if align == "centre":
                pdf.drawCentredString(x + width / 2, y, line)
            elif align == "right":
                pdf.drawRightString(x + width, y, line)
            else:
                pdf.drawString(x, y, line)
            y -= self.size * self.leading
        return top - self.height


def _truncate(text: str, font: str, size: float, width: float) -> str:
    if _width(text, font, size) <= width:
        return text
    while text and _width(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…" if text else ""


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap; a word wider than the line is broken."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if _width(candidate, font, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while len(word) > 1 and _width(word, font, size) > width:
            cut = len(word) - 1
            while cut > 1 and _width(word[:cut], font, size) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def fit(
    text: str,
    *,
    bold: bool = False,
    size: float,
    smallest: float,
    width: float,
    lines: int = 1,
    wrapped_size: float | None = None,
    leading: float = 1.18,
) -> Text:
    """``text`` at the largest size from ``size`` down to ``smallest`` that fills at most
    ``lines`` lines of ``width``. Wrapped, it starts from ``wrapped_size`` (a long name
    on two lines need not be as big as a short one on one). At ``smallest`` what does not
    fit is cut with "…": never wider than ``width``, never more than ``lines`` lines."""
    text = " ".join(text.split())
    font = font_for(text, bold)
    if not text:
        return Text(font, size, [], leading)
    natural = _width(text, font, size)
    one_line = size * width / natural  # a text's width grows with its size
    if one_line >= size:
        return Text(font, size, [text], leading)
    if lines == 1 or one_line >= size * 0.85:
        if one_line >= smallest:
            return Text(font, math.floor(one_line * 4) / 4, [text], leading)
        if lines == 1:
            return Text(font, smallest, [_truncate(text, font, smallest, width)], leading)
    current = min(size, wrapped_size or size)
    while current >= smallest:
        wrapped = _wrap(text, font, current, width)
        if len(wrapped) <= lines:
            return Text(font, current, wrapped, leading)
        current -= 0.5
    wrapped = _wrap(text, font, smallest, width)
    rest = " ".join(wrapped[lines - 1 :])
    kept = [*wrapped[: lines - 1], _truncate(rest, font, smallest, width)]
    return Text(font, smallest, kept, leading)


# --- pieces both layouts use ---------------------------------------------------------------------


def _band(pdf, card: PassCard, labels: Labels, style: Style, box, sizes, *, rounded=0.0):
    """The coloured band: event name, venue and city, the category chip; returns its bottom.

    ``box`` is (left, top, width, least height), ``sizes`` (event, venue, padding, most
    lines of the event name).
    """
    left, top, width, least = box
    event_size, venue_size, pad, event_lines = sizes
    chip = labels.chips.get(card.category, "")
    chip_size = event_size * 0.78
    chip_font = font_for(chip, bold=True)
    chip_width = _width(chip, chip_font, chip_size) + 1.2 * chip_size if chip else 0.0
    room = width - 2 * pad - (chip_width + pad if chip else 0.0)
    event = fit(
        card.event_name,
        bold=True,
        size=event_size,
        smallest=event_size * 0.75,
        width=room,
        lines=event_lines,
        leading=1.12,
    )
    place = " · ".join(part for part in (card.venue, card.city) if part)
    venue = fit(place, size=venue_size, smallest=venue_size * 0.8, width=room)
    gap = venue_size * 0.5
    height = max(least, pad + event.height + gap + venue.height + pad * 0.8)
    bottom = top - height
    pdf.setFillColor(style.band)
    if rounded:
        pdf.roundRect(left, bottom, width, height, rounded, stroke=0, fill=1)
        pdf.rect(left, bottom, width, height / 2, stroke=0, fill=1)  # square lower corners
    else:
        pdf.rect(left, bottom, width, height, stroke=0, fill=1)
    text_top = top - pad
    under = event.draw(pdf, left + pad, text_top, WHITE)
    venue.draw(pdf, left + pad, under - gap, style.soft)
    if chip:
        pad_y = chip_size * 0.38
        chip_height = chip_size * 0.72 + 2 * pad_y
        chip_left = left + width - pad - chip_width
        pdf.setFillColor(style.chip)
        pdf.roundRect(
            chip_left, text_top - chip_height, chip_width, chip_height, chip_height * 0.22, 0, 1
        )
        pdf.setFillColor(style.band)
        pdf.setFont(chip_font, chip_size)
        pdf.drawCentredString(chip_left + chip_width / 2, text_top - pad_y - chip_size * 0.72, chip)
    return bottom


def _code(pdf, code: str, centre: float, top: float, size: float) -> float:
    """The typed code, letter-spaced, centred under the QR code; returns its baseline."""
    spacing = size * 0.14
    font = font_for(code, bold=True)
    width = _width(code, font, size) + spacing * (len(code) - 1)
    baseline = top - size * 0.72
    pdf.setFont(font, size)
    pdf.setFillColor(INK)
    pdf.drawString(centre - width / 2, baseline, code, charSpace=spacing)
    return baseline


def _void_stamp(pdf, text: str, x: float, y: float, width: float, height: float) -> None:
    """``text`` (BATAL · VOID) in red across the area, corner to corner, and a red frame."""
    font = font_for(text, bold=True)
    diagonal = math.hypot(width, height)
    size = min(height * 0.2, diagonal * 0.72 / max(_width(text, font, 1), 1))
    pdf.saveState()
    pdf.setStrokeColor(VOID_RED)
    pdf.setLineWidth(max(1.2, size * 0.05))
    inset = min(width, height) * 0.015
    pdf.rect(x + inset, y + inset, width - 2 * inset, height - 2 * inset, stroke=1, fill=0)
    pdf.setFillAlpha(0.8)
    pdf.translate(x + width / 2, y + height / 2)
    pdf.rotate(math.degrees(math.atan2(height, width)))
    pdf.setFillColor(VOID_RED)
    pdf.setFont(font, size)
    pdf.drawCentredString(0, -size * 0.36, text)
    pdf.restoreState()


def _day_rows(card: PassCard) -> list[tuple[str, str, str]] | None:
    """(Indonesian date, English date, hours) per day, when the lines read "date · hours"."""
    rows = []
    for indonesian, english in zip(card.days_id, card.days_en, strict=False):
        id_date, id_sep, id_hours = indonesian.rpartition(" · ")
        en_date, en_sep, en_hours = english.rpartition(" · ")
        if not (id_sep and en_sep) or id_hours != en_hours:
            return None
        rows.append((id_date, en_date, id_hours))
    return rows


# --- the visitor pass ----------------------------------------------------------------------------


def render_pass_pdf(card: PassCard) -> bytes:
    """One visitor pass as PDF bytes: an A6 portrait page (105 × 148 mm), bilingual.

    Top to bottom: the event band (name, venue, a VIP/PRESS/STAFF chip), the pass type
    ribbon with the price, the holder and organisation, the QR code and its typed code,
    how to use it, the days and the gates. A void pass is stamped across.
    """
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A6, pageCompression=1, invariant=1)
    pdf.setTitle(f"{card.event_name} — {card.holder_name}")
    pdf.setAuthor("Pameran")
    pdf.setSubject(f"{card.pass_type_id} · {card.code}")
    _draw_pass(pdf, card, _labels())
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _draw_pass(pdf, card: PassCard, labels: Labels) -> None:
    page_width, page_height = A6
    style = style_of(card.category)
    x, width = PASS_MARGIN, page_width - 2 * PASS_MARGIN
    footer = 5 * mm

    y = _band(
        pdf,
        card,
        labels,
        style,
        (0, page_height, page_width, 18 * mm),
        (14, 8.5, PASS_MARGIN, 2),
    )
    y = _ribbon(pdf, card, style, x=x, top=y, width=width, page_width=page_width)

    name = fit(
        card.holder_name,
        bold=True,
        size=20,
        smallest=11,
        width=width,
        lines=2,
        wrapped_size=16,
        leading=1.08,
    )
    y = name.draw(pdf, x, y - 4.2 * mm, INK)
    if card.organisation:
        organisation = fit(
            card.organisation, size=9.5, smallest=7.5, width=width, lines=2, wrapped_size=8.5
        )
        y = organisation.draw(pdf, x, y - 1.6 * mm, MUTED)

    # The QR code, centred; its quiet zone is white space above and below the symbol.
    matrix = qr_matrix(card.token)
    side = qr_width(matrix, PASS_MODULE)
    draw_qr(pdf, matrix, (page_width - side) / 2, y - 0.5 * mm - side, PASS_MODULE)
    y -= 0.5 * mm + side  # the code goes under the quiet zone, never into it
    y = _code(pdf, card.code, page_width / 2, y, 13) - 3.6 * mm

    for index, text in enumerate((labels.show_qr, labels.on_phone)):
        line = fit(text, bold=index == 0, size=8 - index * 0.5, smallest=6, width=width)
        y = line.draw(pdf, x, y, INK if index == 0 else MUTED, align="centre", width=width)
        y -= 1.3 * mm

    if card.days_id or card.gate_hints:
        pdf.setStrokeColor(RULE)
        pdf.setLineWidth(0.6)
        pdf.line(x, y - 0.6 * mm, x + width, y - 0.6 * mm)
    _details(pdf, card, labels, style, x=x, top=y - 3.2 * mm, width=width, bottom=footer + 1.2 * mm)

    pdf.setFillColor(style.band)
    pdf.rect(0, 0, page_width, footer, stroke=0, fill=1)
    issue = labels.issue % {"number": card.pass_id, "serial": card.serial}
    Text(font_for(issue), 6.5, [issue]).draw(
        pdf, x, footer / 2 + 6.5 * 0.36, WHITE, align="right", width=width
    )
    if card.status == PassStatus.VOID:
        _void_stamp(pdf, labels.void, 0, 0, page_width, page_height)


def _ribbon(pdf, card: PassCard, style: Style, *, x, top, width, page_width) -> float:
    """The pass type, Indonesian then English, and the price on a tinted strip."""
    price = Text(font_for(card.price, True), 11, [card.price]) if card.price else None
    room = width - (_width(card.price, price.font, 11) + 4 * mm if price else 0)
    first = fit(card.pass_type_id, bold=True, size=11, smallest=8, width=room)
    english = card.pass_type_en
    same = english.strip().casefold() == card.pass_type_id.strip().casefold()
    beside = room - _width(first.lines[0] + "  ", first.font, first.size) if first.lines else room
    second = None
    if not same:
        second = fit(english, size=9, smallest=7.5, width=beside)
        if _width(second.lines[0], second.font, second.size) > beside or second.size < 8:
            second = fit(english, size=9, smallest=7, width=room)  # on a line of its own
            beside = 0
    stacked = second is not None and not beside
    height = 12 * mm if stacked else 8.5 * mm
    pdf.setFillColor(style.tint)
    pdf.rect(0, top - height, page_width, height, stroke=0, fill=1)
    pdf.setFillColor(style.band)
    pdf.rect(0, top - height, 2.2 * mm, height, stroke=0, fill=1)
    baseline = top - height / 2 - 11 * 0.36  # an 11 pt cap height, centred
    if stacked:
        first.draw(pdf, x, top - 2.4 * mm, style.accent)
        second.draw(pdf, x, top - height + 2.4 * mm + second.size * 0.72, MUTED)
    else:
        first.draw(pdf, x, baseline + first.size * 0.72, style.accent)
        if second is not None:
            offset = _width(first.lines[0] + "  ", first.font, first.size)
            second.draw(pdf, x + offset, baseline + second.size * 0.72, MUTED)
    if price:
        price.draw(pdf, x, baseline + 11 * 0.72, INK, align="right", width=width)
    return top - height


def _details(pdf, card: PassCard, labels: Labels, style: Style, *, x, top, width, bottom):
    """Days and gates, at the largest size from 8 pt down to 5.5 pt that fits above
    ``bottom``; at the smallest, what is left over is cut and marked with "…"."""
    size = 8.0
    while True:
        blocks = _detail_blocks(card, labels, size, width)
        if top - sum(height for height, _draw in blocks) >= bottom or size <= 5.5:
            break
        size -= 0.25
    y = top
    for index, (height, draw) in enumerate(blocks):
        if y - height < bottom and index:
            pdf.setFont("Helvetica-Bold", size)
            pdf.setFillColor(MUTED)
            pdf.drawString(x, y - size * 0.72, "…")
            break
        y = draw(pdf, x, y, style)


def _detail_blocks(card: PassCard, labels: Labels, size: float, width: float):
    """[(height, draw(pdf, x, top, style) -> bottom)] for the days and gates at ``size``."""
    head_size = size * 0.82

    def heading(text):
        text = text.upper()

        def draw(pdf, x, top, style):
            Text(font_for(text, True), head_size, [text]).draw(pdf, x, top, style.accent)
            return top - head_size * 1.6

        return head_size * 1.6, draw

    def table_row(cells, widths, gap, cell_size):
        row_step = cell_size * 1.36

        def draw(pdf, x, top, style):
            left = x
            for (text, bold, colour), cell_width in zip(cells, widths, strict=True):
                font = font_for(text, bold)
                Text(font, cell_size, [_truncate(text, font, cell_size, cell_width)]).draw(
                    pdf, left, top, colour
                )
                left += cell_width + gap
            return top - row_step

        return row_step, draw

    def stacked_day(indonesian, english):
        first = Text(font_for(indonesian, True), size, [indonesian])
        first = Text(first.font, size, [_truncate(indonesian, first.font, size, width)])
        lines = [first]
        if english != indonesian:
            font = font_for(english)
            lines.append(Text(font, size * 0.9, [_truncate(english, font, size * 0.9, width)]))
        height = sum(text.size * 1.25 for text in lines) + size * 0.25

        def draw(pdf, x, top, style):
            y = top
            for index, text in enumerate(lines):
                text.draw(pdf, x, y, INK if index == 0 else MUTED)
                y -= text.size * 1.25
            return top - height

        return height, draw

    def gate(hint):
        text = fit(hint, size=size, smallest=size * 0.9, width=width, lines=2, leading=1.2)

        def draw(pdf, x, top, style):
            text.draw(pdf, x, top, INK)
            return top - len(text.lines) * size * 1.2 - size * 0.22

        return len(text.lines) * size * 1.2 + size * 0.22, draw

    blocks = []
    if card.days_id:
        blocks.append(heading(labels.days))
        rows = _day_rows(card)
        if rows:
            gap = 3 * mm
            shown = [0, 1, 2] if any(row[0] != row[1] for row in rows) else [0, 2]
            columns = [
                max(_width(row[i], font_for(row[i], i == 0), size) for row in rows) for i in shown
            ]
            room = width - gap * (len(shown) - 1)
            cell_size = size
            if sum(columns) > room:  # too wide: a smaller size, down to 5.5 pt
                cell_size = max(5.5, math.floor(size * room / sum(columns) * 4) / 4)
                columns = [column * cell_size / size for column in columns]
            spare = room - sum(columns)
            if spare < 0:  # still too wide: the dates give way, not the hours
                for index in range(len(columns) - 1):
                    columns[index] += spare / (len(columns) - 1)
            styles = {0: (True, INK), 1: (False, MUTED), 2: (False, INK)}
            for row in rows:
                cells = [(row[i], *styles[i]) for i in shown]
                blocks.append(table_row(cells, columns, gap, cell_size))
        else:
            blocks.extend(
                stacked_day(indonesian, english)
                for indonesian, english in zip(card.days_id, card.days_en, strict=False)
            )
    if card.gate_hints:
        if blocks:
            blocks.append((size * 0.6, lambda pdf, x, top, style: top - size * 0.6))
        blocks.append(heading(labels.gates))
        blocks.extend(gate(hint) for hint in card.gate_hints)
    return blocks


# --- the staff badges ----------------------------------------------------------------------------


def render_badge_sheets(
    cards: Sequence[PassCard], progress: Callable[[int], None] | None = None
) -> bytes:
    """Badges for ``cards`` as one PDF: ID-1 badges (85.6 × 54 mm), 2 × 5 to an A4 page.

    Each badge has the event band with a chip for its category, the holder's name, the
    exhibitor's business (``card.organisation``), the pass type, the days, and the QR code
    with its typed code; cut marks stand at every corner. ``progress(n)`` is called after
    each page with the number of badges drawn so far. An empty list gives one blank page.
    """
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=1, invariant=1)
    pdf.setAuthor("Pameran")
    if cards:
        pdf.setTitle(cards[0].event_name)
    labels = _labels()
    slots = _badge_slots()
    for start in range(0, max(len(cards), 1), len(slots)):
        page = cards[start : start + len(slots)]
        for card, (x, y) in zip(page, slots, strict=False):
            _draw_badge(pdf, card, labels, x, y)
        _cut_marks(pdf, slots[: len(page)])
        pdf.showPage()
        if progress is not None and page:
            progress(start + len(page))
    pdf.save()
    return buffer.getvalue()


def _badge_slots() -> list[tuple[float, float]]:
    """Lower-left corners of the badges of a page, row by row from the top."""
    page_width, page_height = A4
    block_width = BADGE_COLUMNS * BADGE_WIDTH + (BADGE_COLUMNS - 1) * BADGE_GAP_X
    block_height = BADGE_ROWS * BADGE_HEIGHT + (BADGE_ROWS - 1) * BADGE_GAP_Y
    left = (page_width - block_width) / 2
    top = (page_height + block_height) / 2
    return [
        (
            left + column * (BADGE_WIDTH + BADGE_GAP_X),
            top - (row + 1) * BADGE_HEIGHT - row * BADGE_GAP_Y,
        )
        for row in range(BADGE_ROWS)
        for column in range(BADGE_COLUMNS)
    ]


def _cut_marks(pdf, slots) -> None:
    """Hairlines continuing each badge's edges outwards from its corners, never into a badge."""
    reach_x = min(MARK_LENGTH, BADGE_GAP_X - 2 * MARK_OFFSET)
    reach_y = min(MARK_LENGTH, BADGE_GAP_Y - 2 * MARK_OFFSET)
    path = pdf.beginPath()
    for x, y in slots:
        for corner_x, out_x in ((x, -1), (x + BADGE_WIDTH, 1)):
            for corner_y, out_y in ((y, -1), (y + BADGE_HEIGHT, 1)):
                start = corner_x + out_x * MARK_OFFSET
                path.moveTo(start, corner_y)
                path.lineTo(start + out_x * reach_x, corner_y)
                start = corner_y + out_y * MARK_OFFSET
                path.moveTo(corner_x, start)
                path.lineTo(corner_x, start + out_y * reach_y)
    pdf.setStrokeColor(colors.black)
    pdf.setLineWidth(0.3)
    pdf.drawPath(path, stroke=1, fill=0)


def _draw_badge(pdf, card: PassCard, labels: Labels, x: float, y: float) -> None:
    style = style_of(card.category)
    inner_x, inner_width = x + BADGE_INSET, BADGE_WIDTH - 2 * BADGE_INSET
    top, bottom = y + BADGE_HEIGHT - BADGE_INSET, y + BADGE_INSET
    pad = 2.2 * mm
    band_bottom = _band(
        pdf,
        card,
        labels,
        style,
        (inner_x, top, inner_width, 10.5 * mm),
        (8, 5.5, pad, 1),
        rounded=1.6 * mm,
    )

    # The QR code on the right under the band; its quiet zone is the white margin there.
    matrix = qr_matrix(card.token)
    side = qr_width(matrix, BADGE_MODULE)
    qr_x = inner_x + inner_width - side + (QUIET_ZONE - 1) * BADGE_MODULE
    qr_bottom = band_bottom - 0.4 * mm - side
    draw_qr(pdf, matrix, qr_x, qr_bottom, BADGE_MODULE)
    _code(pdf, card.code, qr_x + side / 2, qr_bottom, 7)

    # The holder, the business, the pass type and the days on the left.
    left = inner_x + pad * 0.7
    width = qr_x + (QUIET_ZONE - 1) * BADGE_MODULE - left
    name = fit(
        card.holder_name,
        bold=True,
        size=13,
        smallest=8,
        width=width,
        lines=2,
        wrapped_size=11.5,
        leading=1.08,
    )
    cursor = name.draw(pdf, left, band_bottom - 3.2 * mm, INK)
    if card.organisation:
        organisation = fit(
            card.organisation, size=7.5, smallest=6, width=width, lines=2, wrapped_size=7
        )
        cursor = organisation.draw(pdf, left, cursor - 1.2 * mm, MUTED)
    cursor = fit(card.pass_type_id, bold=True, size=7, smallest=5.5, width=width).draw(
        pdf, left, cursor - 2 * mm, style.accent
    )
    if card.pass_type_en.strip().casefold() != card.pass_type_id.strip().casefold():
        cursor = fit(card.pass_type_en, size=6, smallest=5, width=width).draw(
            pdf, left, cursor - 0.7 * mm, MUTED
        )
    _badge_days(pdf, card, left, cursor - 1.8 * mm, width, bottom + 1.8 * mm)

    pdf.setFillColor(style.band)
    pdf.rect(inner_x, bottom, inner_width, 0.8 * mm, stroke=0, fill=1)
    if card.status == PassStatus.VOID:
        _void_stamp(pdf, labels.void, x, y, BADGE_WIDTH, BADGE_HEIGHT)


def _badge_days(pdf, card: PassCard, x, top, width, bottom) -> None:
    """The days: Indonesian over English when there is room, else Indonesian, as many as fit."""
    if not card.days_id:
        return
    pairs = list(zip(card.days_id, card.days_en, strict=False))
    both = [(text, index) for day in pairs for index, text in enumerate(dict.fromkeys(day))]
    local = [(text, 0) for text in card.days_id]
    chosen, size = None, 4.6
    for size in (5.5, 5.0, 4.6):
        for lines in (both, local):
            if top - len(lines) * size * 1.22 >= bottom:
                chosen = lines
                break
        if chosen:
            break
    if chosen is None:  # more days than room: as many as fit, then how many more
        room = max(1, int((top - bottom) / (size * 1.22)))
        chosen = local[: room - 1] + [(f"+{len(local) - room + 1}", 0)]
    y = top
    for text, index in chosen:
        font = font_for(text, bold=index == 0)
        line = Text(font, size, [_truncate(text, font, size, width)])
        line.draw(pdf, x, y, INK if index == 0 else MUTED)
        y -= size * 1.22
