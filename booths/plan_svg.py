"""A hall's floor plan as an SVG string: pure, fast, and safe with user-typed names.

The viewBox is in metres with the hall's top-left corner at 0,0, so booths are drawn
at their own coordinates and the page zooms by changing the viewBox. Every booth is a
focusable ``<g class="booth">`` whose data- attributes feed the info panel
(static/js/floor-plan.js). Strings are built with a list and one join: a template per
booth would cost more than the whole plan for a thousand booths. Every text that
reaches the markup goes through ``escape`` — business names are typed by exhibitors.
"""

from __future__ import annotations

import zlib
from collections.abc import Collection
from html import escape

from django.utils.translation import gettext as _

from .selectors import BoothStatus, PlanBooth, PlanData

# Light fills under dark text and a dark outline: text contrast above 7:1 on every
# fill, and each status also differs by outline/pattern, not by colour alone.
STATUS_STYLE = {
    BoothStatus.FREE: ("#d7f2dd", "#1e6b34"),
    BoothStatus.HELD: ("#ffe39a", "#8a5300"),
    BoothStatus.ALLOCATED: ("#c4dcf7", "#1c4a8a"),
    BoothStatus.BLOCKED: ("#d5d5d5", "#4a4a4a"),
    BoothStatus.PROPOSED: ("#e6d4f5", "#5b2a86"),
}
TEXT_COLOUR = "#1a1a1a"
NO_ASSOCIATION_FILL = "#f4f4f4"
COLOUR_BY = ("status", "association")


def association_colour(acronym: str) -> str:
    """A stable, light colour per association: the same acronym, the same colour, always.

    crc32 rather than ``hash()``, which Python salts per process.
    """
    if not acronym:
        return NO_ASSOCIATION_FILL
    digest = zlib.crc32(acronym.encode())
    hue = digest % 360
    lightness = 74 + (digest >> 9) % 3 * 4  # 74/78/82 %: still light under dark text
    return f"hsl({hue}, 70%, {lightness}%)"


def _n(value: float) -> str:
    """A number for SVG attributes, short: 3.0 → "3", 2.25 → "2.25"."""
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _fit(text: str, chars: int) -> str:
    if len(text) <= chars:
        return text
    return text[: max(chars - 1, 1)] + "…"


def _status_labels() -> dict[str, str]:
    return {status: str(label) for status, label in BoothStatus.LABELS.items()}


def render_plan_svg(
    plan: PlanData,
    *,
    colour_by: str = "status",
    highlight: str | Collection[str] | None = None,
    label_names: bool = True,
    pickable: Collection[int] | None = None,
) -> str:
    """The plan of one hall as ``<svg>…</svg>``; safe to mark safe (all text escaped).

    ``pickable``, when given, is the ids of the booths the viewer may choose: they get
    ``is-pickable`` and every other booth ``is-muted``, so a picker shows what is on offer.
    """
    if colour_by not in COLOUR_BY:
        raise ValueError(f"colour_by must be one of {COLOUR_BY}, not {colour_by!r}")
    if isinstance(highlight, str):
        highlight = {highlight}
    highlight = set(highlight or ())
    labels = _status_labels()
    width, depth = plan.width, plan.depth
    unit = max(width, depth) / 60  # one "line" of legend text, in metres
    margin = unit
    associations = sorted({booth.association for booth in plan.booths if booth.association})
    legend, legend_bottom = _legend(plan, colour_by, associations, labels, unit, depth + margin)
    view_box = (-margin, -margin, width + 2 * margin, legend_bottom + 2 * margin)
    title = _("Floor plan of hall %(code)s — %(name)s") % {
        "code": plan.hall_code,
        "name": plan.hall_name,
    }
    out = [
        '<svg xmlns="http://www.w3.org/2000/svg" class="floor-plan__svg"'
        f' viewBox="{" ".join(_n(v) for v in view_box)}"'
        f' data-hall="{plan.hall_id}" data-width="{_n(width)}" data-depth="{_n(depth)}"'
        f' role="group" aria-label="{escape(title)}" preserveAspectRatio="xMidYMid meet">',
        f"<title>{escape(title)}</title>",
        '<defs><pattern id="floor-plan-blocked" width="0.6" height="0.6"'
        ' patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="0.6" height="0.6" fill="{STATUS_STYLE[BoothStatus.BLOCKED][0]}"/>'
        '<line x1="0" y1="0" x2="0" y2="0.6" stroke="#8c8c8c" stroke-width="0.18"/>'
        "</pattern></defs>",
        f'<rect class="hall" x="0" y="0" width="{_n(width)}" height="{_n(depth)}"'
        f' fill="#ffffff" stroke="#333333" stroke-width="{_n(unit * 0.25)}"/>',
        '<g class="booths">',
    ]
    picking = pickable is not None
    pickable = set(pickable or ())
    for booth in plan.booths:
        pick = (booth.pk in pickable) if picking else None
        out.append(_booth(booth, colour_by, booth.code in highlight, label_names, labels, pick))
    out.append("</g>")
    out.append(legend)
    out.append("</svg>")
    return "".join(out)


def _booth(
    booth: PlanBooth,
    colour_by: str,
    highlighted: bool,
    label_names: bool,
    labels: dict,
    pickable: bool | None = None,
) -> str:
    status = booth.status
    fill, stroke = STATUS_STYLE[status]
    if status == BoothStatus.BLOCKED:
        fill = "url(#floor-plan-blocked)"
    elif colour_by == "association":
        fill = association_colour(booth.association) if booth.association else "#ffffff"
    code = escape(booth.code)
    business = escape(booth.business)
    association = escape(booth.association)
    type_name = escape(booth.type_name)
    status_label = escape(labels[status])
    aria = f"{booth.code}, {booth.type_name}, {labels[status]}"
    if booth.business:
        aria += f", {booth.business}"
    if booth.association:
        aria += f" ({booth.association})"
    classes = "booth"
    if highlighted:
        classes += " is-highlighted"
    if pickable is not None:
        classes += " is-pickable" if pickable else " is-muted"
    w, d = booth.w, booth.d
    # The code fills at most ~28 % of the depth and 80 % of the width (bold digits ≈ 0.68 em).
    font = min(d * 0.28, w * 0.8 / (max(len(booth.code), 2) * 0.68))
    cx, cy = booth.x + w / 2, booth.y + d / 2
    show_name = label_names and booth.business and d >= font * 3
    text_y = cy - font * 0.55 if show_name else cy
    stroke_width = min(w, d) * (0.08 if highlighted else 0.035)
    # A hold is dashed: told apart from an assignment without colour (and by association).
    dash = ""
    if status == BoothStatus.HELD:
        dash = f' stroke-dasharray="{_n(min(w, d) * 0.12)} {_n(min(w, d) * 0.07)}"'
        stroke_width *= 1.8
    elif status == BoothStatus.PROPOSED:  # dotted: not yet anyone's, whatever the colour
        dash = f' stroke-dasharray="{_n(min(w, d) * 0.04)} {_n(min(w, d) * 0.06)}"'
        stroke_width *= 1.8
    parts = [
        f'<g class="{classes}" data-pk="{booth.pk}" data-code="{code}" data-status="{status}"'
        f' data-status-label="{status_label}" data-type="{type_name}"'
        f' data-zone="{escape(booth.zone_code)}" data-association="{association}"'
        f' data-business="{business}" tabindex="0" role="button" aria-label="{escape(aria)}">',
        f'<rect x="{_n(booth.x)}" y="{_n(booth.y)}" width="{_n(w)}" height="{_n(d)}"'
        f' fill="{fill}" stroke="{stroke}" stroke-width="{_n(stroke_width)}"{dash}/>',
        f'<text x="{_n(cx)}" y="{_n(text_y)}" font-size="{_n(font)}" fill="{TEXT_COLOUR}"'
        f' text-anchor="middle" dominant-baseline="central" font-weight="600">{code}</text>',
    ]
    if show_name:
        name_font = font * 0.62
        chars = int(w * 0.92 / (name_font * 0.55))
        name = escape(_fit(booth.business, chars))
        parts.append(
            f'<text x="{_n(cx)}" y="{_n(cy + font * 0.7)}" font-size="{_n(name_font)}"'
            f' fill="{TEXT_COLOUR}" text-anchor="middle" dominant-baseline="central">'
            f"{name}</text>"
        )
    parts.append("</g>")
    return "".join(parts)


def _legend(
    plan: PlanData, colour_by: str, associations: list[str], labels: dict, unit: float, top: float
) -> tuple[str, float]:
    """The legend under the hall, and the y where it ends."""
    if colour_by == "association":
        entries = [(association_colour(a), "#333333", a) for a in associations]
        entries.append(("#ffffff", STATUS_STYLE[BoothStatus.FREE][1], _("No exhibitor")))
        entries.append(
            (
                "url(#floor-plan-blocked)",
                STATUS_STYLE[BoothStatus.BLOCKED][1],
                labels[BoothStatus.BLOCKED],
            )
        )
    else:
        entries = []
        shown = BoothStatus.ALL
        if plan.count(BoothStatus.PROPOSED):
            shown = (*shown, BoothStatus.PROPOSED)
        for status in shown:
            fill, stroke = STATUS_STYLE[status]
            if status == BoothStatus.BLOCKED:
                fill = "url(#floor-plan-blocked)"
            entries.append((fill, stroke, f"{labels[status]} ({plan.count(status)})"))
    font = unit * 1.1
    out = [f'<g class="legend" font-size="{_n(font)}" fill="{TEXT_COLOUR}">']
    x, y, line = 0.0, top + unit * 0.4, unit * 1.6
    for fill, stroke, label in entries:
        width = unit * 1.6 + len(label) * font * 0.58 + unit * 1.2
        if x and x + width > plan.width:
            x, y = 0.0, y + line
        out.append(
            f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(unit * 1.2)}" height="{_n(unit * 1.2)}"'
            f' fill="{fill}" stroke="{stroke}" stroke-width="{_n(unit * 0.08)}"/>'
            f'<text x="{_n(x + unit * 1.6)}" y="{_n(y + unit * 0.6)}"'
            f' dominant-baseline="central">{escape(label)}</text>'
        )
        x += width
    out.append("</g>")
    return "".join(out), y + line
