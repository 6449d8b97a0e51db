"""What every PDF of Pameran draws text with: Helvetica, or DejaVu Sans for what WinAnsi
cannot encode, and one-line cuts and word wraps that fit a width.

The renderers themselves stay in their rooms (``render_…(obj) -> bytes``); they share these
so a foreign guest's name prints the same on a pass, an invoice and a schedule.
"""

from __future__ import annotations

import os
from functools import cache

from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

DEJAVU_DIR = "/usr/share/fonts/truetype/dejavu"  # Debian's fonts-dejavu-core
INK = colors.HexColor("#111827")


@cache
def _dejavu() -> tuple[str, str]:
    """(regular, bold) DejaVu Sans, registered on first use; Helvetica if it is not installed."""
    try:
        for name in ("DejaVuSans", "DejaVuSans-Bold"):
            path = os.path.join(DEJAVU_DIR, f"{name}.ttf")
            # Only the characters drawn go into the subset, not all of ASCII too.
            pdfmetrics.registerFont(TTFont(name, path, asciiReadable=False))
    except (OSError, ValueError):  # reportlab's TTFError is a ValueError
        return "Helvetica", "Helvetica-Bold"
    return "DejaVuSans", "DejaVuSans-Bold"


def font_for(text: str, bold: bool = False) -> str:
    """Helvetica when its WinAnsi encoding holds ``text``, else DejaVu Sans.

    WinAnsi covers Indonesian and English with "–", "·", "—" and "…"; only the texts
    that need more (a name in Vietnamese, say) pay for an embedded font.
    """
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return _dejavu()[bold]
    return "Helvetica-Bold" if bold else "Helvetica"


def truncate(text: str, font: str, size: float, width: float) -> str:
    """``text`` on one line, cut with "…" to fit ``width``; a binary search, for long texts."""
    text = " ".join(text.split())
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    low, high, room = 0, len(text), width - pdfmetrics.stringWidth("…", font, size)
    while low < high:
        middle = (low + high + 1) // 2
        if pdfmetrics.stringWidth(text[:middle], font, size) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def wrap_lines(text: str, font: str, size: float, width: float, max_lines: int) -> list[str]:
    """Word wrap; the last line takes the rest, so ``draw_text`` cuts it with "…"."""
    lines = simpleSplit(" ".join(text.split()), font, size, width) or [""]
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
    return lines


def draw_text(pdf, x, y, text, size, *, bold=False, color=INK, align="left", width=0.0, font=""):
    """One line at baseline ``y``, cut to ``width`` when one is given."""
    font = font or font_for(text, bold)
    if width:
        text = truncate(text, font, size, width)
    pdf.setFont(font, size)
    pdf.setFillColor(color)
    draw = {"left": pdf.drawString, "right": pdf.drawRightString, "centre": pdf.drawCentredString}
    draw[align](x, y, text)
