"""Invoices and receipts as PDF (reportlab): pure functions of a DocumentView.

``payments.selectors.document_view`` builds the view from a PaymentDocument; this file
only draws it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from events.money import format_rupiah
from events.pdf import draw_text, font_for, wrap_lines


@dataclass(frozen=True)
class DocumentLine:
    description: str
    amount: int  # rupiah


@dataclass(frozen=True)
class DocumentView:
    kind: str  # "invoice" or "receipt"
    number: str  # e.g. "INV/2027/00012"
    issued_on: str  # a date, already formatted in Indonesian and English: "12 Agustus 2027"
    issued_on_en: str
    event_name: str
    event_dates: str  # e.g. "12–15 Agustus 2027"
    venue: str
    organizer: str  # who issues it, e.g. "Panitia Hari UMKM Nasional 2027"
    payer_name: str
    payer_email: str
    payer_business: str  # the UMKM's name, or ""
    reference: str  # the payment reference, e.g. "P7K2M9QXRT"
    lines: tuple[DocumentLine, ...]
    unique_code: int  # rupiah added to a bank transfer, 0 otherwise
    total: int  # rupiah
    status: str  # "pending", "succeeded", "refunded", "partly_refunded", "cancelled", ...
    method: str  # "stripe" or "bank_transfer"
    paid_on: str = ""  # formatted date of payment, receipts only
    pay_before: str = ""  # formatted deadline, invoices only
    bank_accounts: tuple[tuple[str, str, str], ...] = field(default_factory=tuple)
    refunded: int = 0  # rupiah refunded so far


PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
LEFT, RIGHT, WIDTH = MARGIN, PAGE_WIDTH - MARGIN, PAGE_WIDTH - 2 * MARGIN
FOOTER_TOP = MARGIN + 12 * mm  # line items and closing rows stay above this
BOX_WIDTH, BOX_HEIGHT = 64 * mm, 27 * mm  # the stamp, or an open invoice's deadline box
AMOUNT_WIDTH = 42 * mm  # the amount column

INK = colors.HexColor("#111827")
LABEL = colors.HexColor("#374151")  # Indonesian labels
MUTED = colors.HexColor("#6b7280")  # English, the second language
RULE = colors.HexColor("#d1d5db")
TINT = colors.HexColor("#f1f5f9")
ACCENT = colors.HexColor("#1e3a5f")
GREEN, AMBER, RED = (colors.HexColor(c) for c in ("#15803d", "#b45309", "#b91c1c"))

TITLES = {"invoice": ("Faktur", "Invoice"), "receipt": ("Kuitansi", "Receipt")}
METHODS = {
    "bank_transfer": ("Transfer bank", "Bank transfer"),
    "stripe": ("Pembayaran daring", "Online payment"),
}
PAID = ("succeeded", "partly_refunded")
MAX_ACCOUNTS = 4  # more would push the line items off the page
ROW_HEIGHTS = {"heading": 22, "label": 18, "field": 19, "account": 34, "note": 30, "gap": 8}


# --- text: events.pdf draws it; paragraphs are the documents' own ---------------------------


def _para(pdf, x, y, text, size, width, *, bold=False, color=INK, max_lines=2) -> float:
    """Wrapped text from baseline ``y``; returns the baseline of the line after it."""
    font = font_for(text, bold)  # one font for every line of it
    for line in wrap_lines(text, font, size, width, max_lines):
        draw_text(pdf, x, y, line, size, color=color, width=width, font=font)
        y -= size * 1.3
    return y


def _pair(
    pdf, x, y, indonesian, english, size=8.5, *, bold=False, color=LABEL, align="left", value=""
):
    """Indonesian, then " / English" smaller and lighter, then ``value`` in bold: one line."""
    english, small = f" / {english}" if english else "", size * 0.85
    value = f"  {value}" if value else ""
    first = pdfmetrics.stringWidth(indonesian, font_for(indonesian, bold), size)
    second = pdfmetrics.stringWidth(english, font_for(english), small)
    whole = first + second + pdfmetrics.stringWidth(value, font_for(value, True), size)
    x -= {"left": 0, "right": whole, "centre": whole / 2}[align]
    draw_text(pdf, x, y, indonesian, size, bold=bold, color=color)
    draw_text(pdf, x + first, y, english, small, color=MUTED if color == LABEL else color)
    draw_text(pdf, x + first + second, y, value, size, bold=True)


# --- the page, top to bottom ------------------------------------------------------------------


def render_payment_document(view: DocumentView) -> bytes:
    """One A4 page: the invoice or receipt ``view`` describes, in Indonesian and English."""
    title = TITLES.get(view.kind, TITLES["invoice"])
    buffer = io.BytesIO()
    # invariant: no timestamp or random file id, so one view always gives the same bytes.
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1)
    pdf.setTitle(f"{title[0]} / {title[1]} {view.number}")
    pdf.setAuthor(view.organizer)
    pdf.setSubject(f"{view.event_name} · {view.reference}")
    y = _header(pdf, view, title)
    y = _parties(pdf, view, y)
    totals, closing = _total_rows(view), _closing_rows(view)
    # What follows the line items is measured first, so the items yield the space, not it.
    floor = FOOTER_TOP + 16 * len(totals) + 20 + sum(ROW_HEIGHTS[row[0]] for row in closing)
    y = _lines(pdf, view, y, floor)
    y = _totals(pdf, totals, y)
    _closing(pdf, closing, y)
    _footer(pdf, view)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _header(pdf, view: DocumentView, title: tuple[str, str]) -> float:
    pdf.setFillColor(ACCENT)
    pdf.rect(0, PAGE_HEIGHT - 4 * mm, PAGE_WIDTH, 4 * mm, stroke=0, fill=1)
    top = PAGE_HEIGHT - MARGIN
    draw_text(pdf, RIGHT, top - 20, title[0].upper(), 24, bold=True, color=ACCENT, align="right")
    draw_text(pdf, RIGHT, top - 35, title[1].upper(), 11, color=MUTED, align="right")
    width = WIDTH - 60 * mm
    y = _para(pdf, LEFT, top - 12, view.organizer, 13, width, bold=True)
    y = _para(pdf, LEFT, y - 1, view.event_name, 10, width)
    place = " · ".join(part for part in (view.venue, view.event_dates) if part)
    y = min(_para(pdf, LEFT, y, place, 9, width, color=MUTED), top - 44)
    pdf.setStrokeColor(RULE)
    pdf.line(LEFT, y + 2, RIGHT, y + 2)
    # Number, date and reference side by side: what a finance officer files the page under.
    columns = (LEFT, LEFT + WIDTH * 0.42, LEFT + WIDTH * 0.66)
    y -= 16
    _pair(pdf, columns[0], y, "Nomor", "Number")
    _pair(pdf, columns[1], y, "Tanggal terbit", "Issued on")
    _pair(pdf, columns[2], y, "Referensi pembayaran", "Payment reference")
    draw_text(pdf, columns[0], y - 20, view.number, 17, bold=True, width=WIDTH * 0.4)
    draw_text(pdf, columns[1], y - 16, view.issued_on, 10.5, width=WIDTH * 0.22)
    if view.issued_on_en != view.issued_on:
        draw_text(pdf, columns[1], y - 28, view.issued_on_en, 8.5, color=MUTED, width=WIDTH * 0.22)
    draw_text(pdf, columns[2], y - 17, view.reference, 12, bold=True, width=WIDTH * 0.34)
    return y - 46


def _mark(view: DocumentView) -> tuple[str, str, colors.Color] | None:
    if view.status == "cancelled":
        return "DIBATALKAN", "CANCELLED", RED
    if view.status == "refunded":
        return "DIKEMBALIKAN", "REFUNDED", AMBER
    if view.kind == "receipt" or view.status in PAID:
        return "LUNAS", "PAID", GREEN
    return None


def _parties(pdf, view: DocumentView, y: float) -> float:
    """The payer on the left; on the right the stamp, or an open invoice's deadline and amount."""
    box_x, box_y = RIGHT - BOX_WIDTH, y - BOX_HEIGHT + 8
    top, centre, mark = box_y + BOX_HEIGHT, box_x + BOX_WIDTH / 2, _mark(view)
    if mark:
        pdf.setStrokeColor(mark[2])
        pdf.setLineWidth(1.8)
        pdf.roundRect(box_x, box_y, BOX_WIDTH, BOX_HEIGHT, 4, stroke=1, fill=0)
        pdf.setLineWidth(1)
        size = min(
            20, 20 * (BOX_WIDTH - 20) / pdfmetrics.stringWidth(mark[0], "Helvetica-Bold", 20)
        )
        draw_text(pdf, centre, top - 27, mark[0], size, bold=True, color=mark[2], align="centre")
        draw_text(pdf, centre, top - 41, mark[1], 10, bold=True, color=mark[2], align="centre")
        if view.paid_on and mark[0] != "DIBATALKAN":
            _pair(pdf, centre, box_y + 10, "Dibayar", "Paid", 8, align="centre", value=view.paid_on)
    else:
        pdf.setFillColor(TINT)
        pdf.roundRect(box_x, box_y, BOX_WIDTH, BOX_HEIGHT, 4, stroke=0, fill=1)
        x = box_x + 10
        if view.pay_before:
            _pair(pdf, x, top - 16, "Bayar sebelum", "Pay before")
            draw_text(pdf, x, top - 31, view.pay_before, 12, bold=True, width=BOX_WIDTH - 20)
            top -= 34
        _pair(pdf, x, top - 16, "Total tagihan", "Amount due")
        draw_text(pdf, x, top - 32, format_rupiah(view.total), 13, bold=True, color=ACCENT)
    label = ("Dibayar oleh", "Paid by") if view.kind == "receipt" else ("Kepada", "Billed to")
    _pair(pdf, LEFT, y, *label)
    width = WIDTH - BOX_WIDTH - 12 * mm
    bottom = _para(pdf, LEFT, y - 16, view.payer_name, 12, width, bold=True)
    if view.payer_business:
        bottom = _para(pdf, LEFT, bottom, view.payer_business, 10, width)
    if view.payer_email:
        draw_text(pdf, LEFT, bottom, view.payer_email, 9, color=MUTED, width=width)
        bottom -= 12
    return min(bottom, box_y) - 24


def _lines(pdf, view: DocumentView, y: float, floor: float) -> float:
    """The line items, descriptions wrapped to three lines; those that do not fit are summed."""
    pdf.setFillColor(TINT)
    pdf.rect(LEFT, y - 7, WIDTH, 20, stroke=0, fill=1)
    _pair(pdf, LEFT + 6, y, "Uraian", "Description", bold=True)
    _pair(pdf, RIGHT - 6, y, "Jumlah", "Amount", bold=True, align="right")
    y -= 24
    width = WIDTH - AMOUNT_WIDTH - 12
    for index, line in enumerate(view.lines):
        font, amount, rest = font_for(line.description), line.amount, view.lines[index:]
        wrapped = wrap_lines(line.description, font, 10, width, 3)
        # Each row leaves room for a one-line "and N more" row after it, unless it is the last.
        summed = y - 14 * len(wrapped) - 10 - (24 if len(rest) > 1 else 0) < floor
        if summed:  # one page, and the amounts still add up to the total
            wrapped = [f"… dan {len(rest)} baris lainnya / and {len(rest)} more lines"]
            font, amount = font_for(wrapped[0]), sum(other.amount for other in rest)
        for number, text in enumerate(wrapped):
            draw_text(pdf, LEFT + 6, y - 14 * number, text, 10, width=width, font=font)
        draw_text(pdf, RIGHT - 6, y, format_rupiah(amount), 10, align="right")
        y -= 14 * len(wrapped) + 10
        pdf.setStrokeColor(RULE)
        pdf.line(LEFT, y + 14, RIGHT, y + 14)
        if summed:
            break
    return y


def _total_rows(view: DocumentView) -> list[tuple[str, str, int, colors.Color]]:
    rows = [("Kode unik", "Unique code", view.unique_code, LABEL)] if view.unique_code > 0 else []
    rows.append(("Total", "", view.total, INK))
    if view.refunded > 0:
        rows.append(("Dikembalikan", "Refunded", -view.refunded, AMBER))
        rows.append(("Dibayar bersih", "Net paid", view.total - view.refunded, INK))
    return rows


def _totals(pdf, rows, y: float) -> float:
    x = RIGHT - AMOUNT_WIDTH - 50 * mm
    for indonesian, english, amount, color in rows:
        size, bold = (12, True) if indonesian == "Total" else (10, indonesian == "Dibayar bersih")
        if indonesian == "Total":  # under a rule, and a little apart
            pdf.setStrokeColor(INK)
            pdf.line(x, y + 12, RIGHT, y + 12)
            y -= 2
        _pair(pdf, x + 6, y, indonesian, english, size if bold else 9.5, bold=bold, color=color)
        draw_text(
            pdf, RIGHT - 6, y, format_rupiah(amount), size, bold=bold, color=color, align="right"
        )
        y -= 18 if indonesian == "Total" else 16
    return y - 16


def _closing_rows(view: DocumentView) -> list[tuple]:
    """What follows the totals: payment details on a paid page, how to pay on an open invoice."""
    mark = _mark(view)
    if mark and mark[0] == "DIBATALKAN":
        cancelled = "Faktur ini telah dibatalkan. Mohon tidak melakukan pembayaran."
        return [("note", cancelled, "This invoice has been cancelled. Please do not pay it.", RED)]
    if mark:
        method = METHODS.get(view.method, (view.method, view.method))
        return [
            ("heading", "Rincian pembayaran", "Payment details"),
            ("field", "Metode pembayaran", "Payment method", f"{method[0]} · {method[1]}"),
            ("gap",),
            ("note", "Terima kasih atas partisipasi Anda.", "Thank you for taking part.", MUTED),
        ]
    rows = [("heading", "Cara pembayaran", "How to pay")]
    if not view.bank_accounts:
        return [*rows, ("field", "Sebutkan referensi", "Quote the reference", view.reference)]
    total = format_rupiah(view.total)
    rows += [
        ("field", "Jumlah transfer tepat", "Exact amount to transfer", total),
        ("field", "Berita transfer", "Transfer note", view.reference),
        ("label", "Transfer ke", "Transfer to"),
        *(("account", *account) for account in view.bank_accounts[:MAX_ACCOUNTS]),
    ]
    code = ("termasuk kode unik, ", "unique code included, ") if view.unique_code else ("", "")
    note_id = f"Transfer tepat sejumlah di atas, {code[0]}dan tulis referensi di berita transfer."
    note_en = f"Transfer the exact amount, {code[1]}and quote the reference: it is how we match it."
    return [*rows, ("note", note_id, note_en, MUTED)]


def _closing(pdf, rows: list[tuple], y: float) -> None:
    for kind, *values in rows:
        if kind in ("heading", "label"):
            _pair(pdf, LEFT, y, *values, 10.5 if kind == "heading" else 9, bold=kind == "heading")
        elif kind == "field":
            _pair(pdf, LEFT, y, values[0], values[1], 9)
            draw_text(pdf, LEFT + 72 * mm, y, values[2], 11, bold=True, width=WIDTH - 72 * mm)
        elif kind == "account":  # bank name, account number, account holder
            pdf.setFillColor(TINT)
            pdf.roundRect(LEFT, y - 16, WIDTH, 28, 3, stroke=0, fill=1)
            draw_text(pdf, LEFT + 8, y + 1, values[0], 10, bold=True, width=WIDTH * 0.5)
            draw_text(
                pdf, LEFT + 8, y - 10, f"a.n. {values[2]}", 8.5, color=LABEL, width=WIDTH * 0.5
            )
            number = {"bold": True, "color": ACCENT, "align": "right", "width": WIDTH * 0.42}
            draw_text(pdf, RIGHT - 8, y - 5, values[1], 14, **number)
        elif kind == "note":
            draw_text(pdf, LEFT, y, values[0], 9, color=LABEL if values[2] == MUTED else values[2])
            draw_text(pdf, LEFT, y - 12, values[1], 8, color=values[2])
        y -= ROW_HEIGHTS[kind]


def _footer(pdf, view: DocumentView) -> None:
    pdf.setStrokeColor(RULE)
    pdf.line(LEFT, MARGIN + 6 * mm, RIGHT, MARGIN + 6 * mm)
    _pair(pdf, LEFT, MARGIN, "Dibuat secara elektronik", "Generated electronically", 7.5)
    signature = f"{view.organizer} · {view.number}"
    draw_text(pdf, RIGHT, MARGIN, signature, 7.5, color=MUTED, align="right", width=WIDTH * 0.4)
