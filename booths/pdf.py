"""The printable floor plan: a pure render from plan data to PDF bytes (reportlab).

One A3 landscape page per hall with every booth drawn to scale, its code and its
exhibitor, then a booth list the information desk can read from. Caching and
sending are someone else's job.
"""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from .models import metres

FREE = colors.white
TAKEN = colors.HexColor("#d7f0dd")
HELD = colors.HexColor("#fde8b6")
BLOCKED = colors.HexColor("#c9c9c9")
INK = colors.HexColor("#1f2937")
MARGIN = 15 * mm


def _fit(text: str, font: str, size: float, width: float) -> str:
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…" if text else ""


def _hall_page(pdf, event_name: str, hall, booths, printed: str) -> None:
    page_width, page_height = landscape(A3)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.setFillColor(INK)
    pdf.drawString(MARGIN, page_height - MARGIN, f"{event_name} — {hall.code} {hall.name}")
    pdf.setFont("Helvetica", 9)
    pdf.drawString(
        MARGIN,
        page_height - MARGIN - 14,
        _("%(width)s × %(depth)s m · %(count)s booths · printed %(when)s")
        % {
            "width": metres(hall.width_m),
            "depth": metres(hall.depth_m),
            "count": len(booths),
            "when": printed,
        },
    )
    top = page_height - MARGIN - 30
    usable_w, usable_h = page_width - 2 * MARGIN, top - MARGIN - 20
    scale = min(usable_w / float(hall.width_m), usable_h / float(hall.depth_m))
    pdf.setStrokeColor(INK)
    pdf.setLineWidth(1.2)
    pdf.rect(
        MARGIN,
        top - float(hall.depth_m) * scale,
        float(hall.width_m) * scale,
        float(hall.depth_m) * scale,
    )
    pdf.setLineWidth(0.4)
    for booth in booths:
        x = MARGIN + booth.x * scale
        w, h = booth.width * scale, booth.depth * scale
        y = top - booth.y * scale - h
        fill = (
            BLOCKED if booth.blocked else HELD if booth.held else TAKEN if booth.exhibitor else FREE
        )
        pdf.setFillColor(fill)
        pdf.rect(x, y, w, h, fill=1, stroke=1)
        pdf.setFillColor(INK)
        code_size = max(min(h * 0.28, w * 0.22, 9), 3)
        pdf.setFont("Helvetica-Bold", code_size)
        pdf.drawCentredString(x + w / 2, y + h - code_size - 1, booth.code)
        if booth.exhibitor:
            name_size = max(min(code_size * 0.85, 7), 2.5)
            pdf.setFont("Helvetica", name_size)
            pdf.drawCentredString(
                x + w / 2,
                y + h / 2 - name_size,
                _fit(booth.exhibitor, "Helvetica", name_size, w - 2),
            )
    legend = [
        (FREE, _("free")),
        (TAKEN, _("allocated")),
        (HELD, _("held")),
        (BLOCKED, _("blocked")),
    ]
    x = MARGIN
    pdf.setFont("Helvetica", 8)
    for fill, label in legend:
        pdf.setFillColor(fill)
        pdf.rect(x, MARGIN - 4, 10, 8, fill=1, stroke=1)
        pdf.setFillColor(INK)
        pdf.drawString(x + 14, MARGIN - 2, label)
        x += 20 + stringWidth(label, "Helvetica", 8) + 12
    pdf.showPage()


def _booth_list(pdf, event_name: str, rows) -> None:
    width, height = A4
    columns = [MARGIN, MARGIN + 28 * mm, MARGIN + 130 * mm]
    y = height
    for index, booth in enumerate(rows):
        if index == 0 or y < MARGIN + 12:
            if index:
                pdf.showPage()
            pdf.setPageSize(A4)
            y = height - MARGIN
            pdf.setFont("Helvetica-Bold", 13)
            pdf.setFillColor(INK)
            pdf.drawString(MARGIN, y, _("%(event)s — booth list") % {"event": event_name})
            y -= 20
            pdf.setFont("Helvetica-Bold", 9)
            for x, title in zip(
                columns, [_("Booth"), _("Exhibitor"), _("Association")], strict=True
            ):
                pdf.drawString(x, y, title)
            y -= 14
            pdf.setFont("Helvetica", 9)
        exhibitor = _("(blocked)") if booth.blocked else booth.exhibitor or "—"
        pdf.drawString(columns[0], y, f"{booth.code}")
        pdf.drawString(columns[1], y, _fit(exhibitor, "Helvetica", 9, 98 * mm))
        pdf.drawString(columns[2], y, booth.association)
        y -= 12
    pdf.showPage()


def render_floor_plan_pdf(*, event_name: str, halls) -> bytes:
    """``halls``: [(hall, [PlanBooth, …]), …] as booths.reports.printable_plan gives it."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=landscape(A3))
    pdf.setTitle(_("Floor plan — %(event)s") % {"event": event_name})
    pdf.setAuthor("Pameran")
    printed = timezone.localtime().strftime("%d-%m-%Y %H:%M")
    for hall, booths in halls:
        _hall_page(pdf, event_name, hall, booths, printed)
    rows = [booth for _hall, booths in halls for booth in booths]
    if rows:
        _booth_list(pdf, event_name, rows)
    pdf.save()
    return buffer.getvalue()
