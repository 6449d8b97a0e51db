"""The demo site's pictures, drawn with Pillow: batik motifs, market stalls, a pendopo.

Nothing is downloaded or copied: every picture is drawn here from a few shapes in the
site's palette (sogan brown, gold, turmeric, brick, cream), 1600 × 900 JPEG, and saved
once as a Wagtail image in the "Demo" collection. `demo_images()` finds them again by
title, so seeding twice draws nothing new; association logos (a monogram on a coloured
circle) are made only for demo associations that have no logo.

Drawing is done at twice the size and scaled down, for smooth edges; the bytes of each
picture are remembered for the process, so tests that build the demo site many times
draw each picture once.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

WIDTH, HEIGHT = 1600, 900
SCALE = 2  # drawn at twice the size, then scaled down
COLLECTION = "Demo"
JPEG_QUALITY = 84

SOGAN = (59, 42, 31)  # #3b2a1f
SOGAN_DARK = (38, 27, 20)
GOLD = (200, 150, 62)  # #c8963e
KUNYIT = (216, 155, 43)  # #d89b2b
BATA = (164, 67, 42)  # #a4432a
BATA_DARK = (132, 53, 32)
KREM = (251, 247, 240)  # #fbf7f0
PASIR = (242, 232, 216)  # #f2e8d8
LINE = (230, 218, 198)
INDIGO = (46, 58, 89)
DAUN = (92, 110, 62)


@dataclass(frozen=True)
class Palette:
    ground: tuple
    motif: tuple
    accent: tuple
    detail: tuple


PALETTES = {
    "emas": Palette(SOGAN, GOLD, KUNYIT, KREM),
    "krem": Palette(PASIR, SOGAN, BATA, GOLD),
    "bata": Palette(BATA_DARK, KUNYIT, PASIR, SOGAN),
    "malam": Palette(INDIGO, GOLD, PASIR, SOGAN_DARK),
    "daun": Palette(DAUN, PASIR, KUNYIT, SOGAN),
}


# Shapes -----------------------------------------------------------------------------------


def _ellipse_points(cx, cy, a, b, angle, steps=40):
    cos, sin = math.cos(angle), math.sin(angle)
    points = []
    for i in range(steps):
        t = 2 * math.pi * i / steps
        x, y = a * math.cos(t), b * math.sin(t)
        points.append((cx + x * cos - y * sin, cy + x * sin + y * cos))
    return points


def _star_points(cx, cy, outer, inner, tips=8, rotation=0.0):
    points = []
    for i in range(tips * 2):
        radius = outer if i % 2 == 0 else inner
        t = rotation + math.pi * i / tips
        points.append((cx + radius * math.cos(t), cy + radius * math.sin(t)))
    return points


def _kawung_field(draw, box, cell, palette: Palette, outline=True):
    """The kawung motif: four oval petals around every point of a grid, a dot at the centre."""
    x0, y0, x1, y1 = box
    a, b = cell * 0.36, cell * 0.2
    offset = cell * 0.3
    rows = int((y1 - y0) / cell) + 2
    cols = int((x1 - x0) / cell) + 2
    for row in range(rows):
        for col in range(cols):
            cx = x0 + col * cell
            cy = y0 + row * cell
            for quarter in range(4):
                angle = math.pi / 4 + quarter * math.pi / 2
                px = cx + offset * math.cos(angle)
                py = cy + offset * math.sin(angle)
                petal = _ellipse_points(px, py, a, b, angle)
                draw.polygon(petal, fill=palette.motif, outline=palette.ground if outline else None)
                inner = _ellipse_points(px, py, a * 0.45, b * 0.35, angle, steps=24)
                draw.polygon(inner, fill=palette.accent)
            r = cell * 0.06
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=palette.detail)
            # The small diamond between four groups.
            mx, my = cx + cell / 2, cy + cell / 2
            d = cell * 0.07
            draw.polygon(
                [(mx, my - d), (mx + d, my), (mx, my + d), (mx - d, my)], fill=palette.accent
            )


def _gradient(size, top, bottom):
    width, height = size
    image = PILImage.new("RGB", (1, 256))
    for y in range(256):
        t = y / 255
        image.putpixel((0, y), tuple(round(top[i] + (bottom[i] - top[i]) * t) for i in range(3)))
    return image.resize((width, height))


def _band(draw, y, height, width, palette: Palette, cell):
    """A narrow border of small kawung between two gold lines."""
    draw.rectangle((0, y, width, y + height), fill=palette.ground)
    _kawung_field(draw, (cell / 2, y + height / 2, width, y + height / 2 + 1), cell, palette)
    line = max(2, cell // 14)
    draw.rectangle((0, y, width, y + line), fill=palette.motif)
    draw.rectangle((0, y + height - line, width, y + height), fill=palette.motif)


# Pictures ---------------------------------------------------------------------------------


def draw_kawung(draw, size, palette: Palette, rng):
    w, h = size
    draw.rectangle((0, 0, w, h), fill=palette.ground)
    _kawung_field(draw, (0, 0, w, h), h / 4.5, palette)


def draw_parang(draw, size, palette: Palette, rng):
    """Diagonal parang bands: a chain of leaf shapes between stripes."""
    w, h = size
    draw.rectangle((0, 0, w, h), fill=palette.ground)
    step = h / 3.2
    stripe = step * 0.16
    for k in range(-8, int((w + h) / step) + 8):
        # A band along the line x - y = k * step.
        offset = k * step
        band = [(offset, 0), (offset + stripe, 0), (offset + stripe + h, h), (offset + h, h)]
        draw.polygon(band, fill=palette.motif)
        leaf_a, leaf_b = step * 0.32, step * 0.13
        for j in range(-1, int(h / (step * 0.5)) + 2):
            t = j * step * 0.5
            cx = offset + stripe + step * 0.42 + t
            cy = t + step * 0.05
            leaf = _ellipse_points(cx, cy, leaf_a, leaf_b, math.pi / 4 + 0.5)
            draw.polygon(leaf, fill=palette.accent)
            dot = step * 0.05
            draw.ellipse((cx - dot, cy - dot, cx + dot, cy + dot), fill=palette.detail)


def draw_ceplok(draw, size, palette: Palette, rng):
    """Ceplok: eight-pointed flowers in a square grid, with circles between them."""
    w, h = size
    draw.rectangle((0, 0, w, h), fill=palette.ground)
    cell = h / 3.6
    for row in range(-1, int(h / cell) + 2):
        for col in range(-1, int(w / cell) + 2):
            cx, cy = col * cell + cell / 2, row * cell + cell / 2
            draw.polygon(_star_points(cx, cy, cell * 0.46, cell * 0.22), fill=palette.motif)
            draw.polygon(
                _star_points(cx, cy, cell * 0.3, cell * 0.15, rotation=math.pi / 8),
                fill=palette.accent,
            )
            r = cell * 0.08
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=palette.detail)
            mx, my = cx + cell / 2, cy + cell / 2
            r2 = cell * 0.1
            draw.ellipse((mx - r2, my - r2, mx + r2, my + r2), outline=palette.motif, width=6)


def draw_truntum(draw, size, palette: Palette, rng):
    """Truntum: small flowers scattered like stars on a dark ground."""
    w, h = size
    draw.rectangle((0, 0, w, h), fill=palette.ground)
    cell = h / 7
    for row in range(int(h / cell) + 1):
        for col in range(int(w / cell) + 1):
            cx = col * cell + (cell / 2 if row % 2 else 0) + rng.uniform(-cell * 0.08, cell * 0.08)
            cy = row * cell + rng.uniform(-cell * 0.08, cell * 0.08)
            r = cell * rng.uniform(0.22, 0.3)
            for petal in range(8):
                t = petal * math.pi / 4
                px, py = cx + r * math.cos(t), cy + r * math.sin(t)
                pr = r * 0.32
                draw.ellipse((px - pr, py - pr, px + pr, py + pr), fill=palette.motif)
            cr = r * 0.35
            draw.ellipse((cx - cr, cy - cr, cx + cr, cy + cr), fill=palette.accent)


def _stall(draw, x, base, width, height, palette: Palette, rng, goods="mixed"):
    """A market stall: a striped awning with a scalloped edge, posts, a table with goods."""
    roof_top = base - height
    awning = height * 0.2
    stripes = 7
    top_left, top_right = x + width * 0.12, x + width * 0.88
    low_left, low_right = x - width * 0.04, x + width * 1.04
    colours = [palette.accent, palette.detail]
    top_step = (top_right - top_left) / stripes
    low_step = (low_right - low_left) / stripes
    low = roof_top + awning
    for i in range(stripes):
        colour = colours[i % 2]
        draw.polygon(
            [
                (top_left + i * top_step, roof_top),
                (top_left + (i + 1) * top_step, roof_top),
                (low_left + (i + 1) * low_step, low),
                (low_left + i * low_step, low),
            ],
            fill=colour,
        )
        r = low_step / 2
        sx = low_left + i * low_step
        draw.pieslice((sx, low - r * 0.8, sx + low_step, low + r * 0.8), 0, 180, fill=colour)
    draw.rectangle((top_left, roof_top - height * 0.03, top_right, roof_top), fill=SOGAN_DARK)
    post = width * 0.03
    for px in (x + width * 0.04, x + width * 0.96 - post):
        draw.rectangle((px, low, px + post, base), fill=palette.motif)
    table_top = base - height * 0.3
    draw.rectangle(
        (x - width * 0.02, table_top, x + width * 1.02, table_top + height * 0.04),
        fill=palette.motif,
    )
    draw.rectangle((x + width * 0.02, table_top + height * 0.04, x + width * 0.98, base), fill=BATA)
    band = Palette(SOGAN, GOLD, KUNYIT, KREM)
    band_y = table_top + height * 0.1
    draw.rectangle((x + width * 0.02, band_y, x + width * 0.98, band_y + height * 0.1), fill=SOGAN)
    cell = height * 0.1
    cx = x + width * 0.02 + cell / 2
    while cx < x + width * 0.98 - cell / 3:
        _kawung_field(draw, (cx, band_y + cell / 2, cx + 1, band_y + cell / 2 + 1), cell, band)
        cx += cell
    draw.rectangle((x - width * 0.02, band_y + height * 0.1, x + width * 1.02, base), fill=BATA)
    gx = x + width * 0.06
    choices = [GOLD, BATA_DARK, KREM, KUNYIT, DAUN, INDIGO, PASIR]
    while True:
        kind = goods if goods != "mixed" else rng.choice(["jar", "bowl", "cloth", "basket"])
        size = width * rng.uniform(0.09, 0.13)
        step = size * (1.5 if kind == "bowl" else 1.3)
        if gx + size * (1.2 if kind == "bowl" else 1) > x + width * 0.94:
            break
        colour = rng.choice(choices)
        if kind == "jar":
            draw.rounded_rectangle(
                (gx, table_top - size * 1.4, gx + size, table_top), radius=size * 0.2, fill=colour
            )
            draw.rectangle(
                (gx + size * 0.2, table_top - size * 1.6, gx + size * 0.8, table_top - size * 1.35),
                fill=SOGAN_DARK,
            )
        elif kind == "bowl":
            draw.pieslice(
                (gx, table_top - size * 0.9, gx + size * 1.2, table_top + size * 0.3),
                180,
                360,
                fill=colour,
            )
            for steam in range(2):
                sx = gx + size * (0.35 + steam * 0.45)
                draw.arc(
                    (sx - size * 0.15, table_top - size * 1.9, sx + size * 0.15, table_top - size),
                    100,
                    260,
                    fill=KREM,
                    width=6,
                )
        elif kind == "cloth":
            draw.rectangle((gx, table_top - size * 0.9, gx + size, table_top), fill=colour)
            draw.line(
                (gx, table_top - size * 0.45, gx + size, table_top - size * 0.45),
                fill=SOGAN,
                width=5,
            )
        else:
            draw.ellipse((gx, table_top - size, gx + size, table_top), fill=colour)
            draw.arc(
                (gx + size * 0.1, table_top - size * 1.5, gx + size * 0.9, table_top - size * 0.4),
                180,
                360,
                fill=SOGAN,
                width=6,
            )
        gx += step


def _bunting(draw, w, y, colours, sag):
    flags = 26
    for i in range(flags):
        x0 = i * w / flags
        x1 = (i + 1) * w / flags
        yy = y + sag * math.sin(math.pi * ((i + 0.5) % 9) / 9)
        draw.polygon(
            [(x0 + 4, yy), (x1 - 4, yy), ((x0 + x1) / 2, yy + (x1 - x0) * 0.9)],
            fill=colours[i % len(colours)],
        )
    draw.line((0, y, w, y), fill=SOGAN, width=4)


def _joglo(draw, cx, base, width, height, colour, pillar):
    """A pendopo with its stacked joglo roof."""
    roof_low = base - height * 0.45
    draw.polygon(
        [
            (cx - width / 2, roof_low),
            (cx - width * 0.3, roof_low - height * 0.2),
            (cx + width * 0.3, roof_low - height * 0.2),
            (cx + width / 2, roof_low),
        ],
        fill=colour,
    )
    draw.polygon(
        [
            (cx - width * 0.3, roof_low - height * 0.2),
            (cx - width * 0.12, roof_low - height * 0.55),
            (cx + width * 0.12, roof_low - height * 0.55),
            (cx + width * 0.3, roof_low - height * 0.2),
        ],
        fill=colour,
    )
    for i in range(6):
        px = cx - width * 0.42 + i * width * 0.168
        draw.rectangle((px, roof_low, px + width * 0.025, base), fill=pillar)
    draw.rectangle((cx - width * 0.48, base, cx + width * 0.48, base + height * 0.04), fill=pillar)


def draw_market(draw, size, palette: Palette, rng, goods="mixed", dusk=False):
    w, h = size
    sky_top, sky_bottom = (INDIGO, BATA) if dusk else (PASIR, KREM)
    draw.canvas.paste(_gradient((w, int(h * 0.7)), sky_top, sky_bottom), (0, 0))
    if dusk:
        for _ in range(40):
            sx, sy = rng.uniform(0, w), rng.uniform(0, h * 0.3)
            draw.ellipse((sx - 3, sy - 3, sx + 3, sy + 3), fill=PASIR)
    sun_r = h * 0.13
    sun_x = w * 0.78
    draw.ellipse(
        (sun_x - sun_r, h * 0.16 - sun_r, sun_x + sun_r, h * 0.16 + sun_r),
        fill=KUNYIT if not dusk else GOLD,
    )
    _joglo(draw, w * 0.5, h * 0.5, w * 0.62, h * 0.55, SOGAN_DARK if dusk else SOGAN, SOGAN_DARK)
    ground = h * 0.62
    draw.rectangle((0, ground, w, h), fill=SOGAN)
    _band(draw, ground + h * 0.26, h * 0.12, w, Palette(SOGAN_DARK, GOLD, KUNYIT, KREM), h * 0.09)
    stall_w = w / 4
    x = stall_w * 0.06
    for _ in range(4):
        _stall(draw, x, ground + h * 0.24, stall_w * 0.84, h * 0.46, palette, rng, goods=goods)
        x += stall_w
    _bunting(draw, w, h * 0.04, [BATA, GOLD, KREM, KUNYIT], h * 0.05)
    if dusk:
        for i in range(12):
            lx = w * (i + 0.5) / 12
            ly = h * 0.1 + h * 0.05 * math.sin(math.pi * ((i + 0.5) % 4) / 4)
            draw.ellipse((lx - 9, ly - 9, lx + 9, ly + 9), fill=KUNYIT)


def draw_culinary(draw, size, palette: Palette, rng):
    draw_market(draw, size, palette, rng, goods="bowl", dusk=True)


def draw_night_market(draw, size, palette: Palette, rng):
    draw_market(draw, size, palette, rng, goods="mixed", dusk=True)


def draw_pendopo(draw, size, palette: Palette, rng):
    w, h = size
    draw.canvas.paste(_gradient((w, h), KREM, PASIR), (0, 0))
    sun_r = h * 0.2
    draw.ellipse((w * 0.5 - sun_r, h * 0.32 - sun_r, w * 0.5 + sun_r, h * 0.32 + sun_r), fill=GOLD)
    _joglo(draw, w * 0.5, h * 0.66, w * 0.86, h * 0.9, SOGAN, SOGAN_DARK)
    draw.rectangle((0, h * 0.7, w, h), fill=palette.ground)
    _kawung_field(draw, (0, h * 0.76, w, h), h * 0.12, palette)
    draw.rectangle((0, h * 0.7, w, h * 0.72), fill=GOLD)
    # Banners hanging from the roof.
    for i, colour in enumerate([BATA, KUNYIT, BATA, KUNYIT, BATA]):
        bx = w * (0.17 + i * 0.165)
        draw.polygon(
            [
                (bx, h * 0.36),
                (bx + w * 0.035, h * 0.36),
                (bx + w * 0.035, h * 0.55),
                (bx + w * 0.0175, h * 0.52),
                (bx, h * 0.55),
            ],
            fill=colour,
        )


def draw_meeting(draw, size, palette: Palette, rng):
    """Business matching from above: round tables with two chairs each, on a batik floor."""
    w, h = size
    draw.rectangle((0, 0, w, h), fill=palette.ground)
    floor = Palette(
        palette.ground,
        tuple(min(255, c + 22) for c in palette.ground),
        palette.ground,
        palette.motif,
    )
    _kawung_field(draw, (0, 0, w, h), h / 6, floor, outline=False)
    cell_x, cell_y = w / 5, h / 3
    for row in range(3):
        for col in range(5):
            cx, cy = cell_x * (col + 0.5), cell_y * (row + 0.5)
            r = min(cell_x, cell_y) * 0.24
            for side in (-1, 1):
                chair = (cx + side * r * 1.45, cy)
                cr = r * 0.38
                draw.ellipse(
                    (chair[0] - cr, chair[1] - cr, chair[0] + cr, chair[1] + cr),
                    fill=palette.accent,
                )
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=KREM, outline=GOLD, width=10)
            # Papers and a cup on the table.
            draw.rectangle(
                (cx - r * 0.5, cy - r * 0.3, cx - r * 0.05, cy + r * 0.3),
                fill=PASIR,
                outline=SOGAN,
                width=3,
            )
            cup = r * 0.16
            draw.ellipse((cx + r * 0.25 - cup, cy - cup, cx + r * 0.25 + cup, cy + cup), fill=BATA)


def draw_pass(draw, size, palette: Palette, rng):
    """A stylised pass with a QR-like square (not a real code) on a parang ground."""
    w, h = size
    draw_parang(draw, size, PALETTES["emas"], rng)
    cw, ch = w * 0.36, h * 0.8
    x0, y0 = (w - cw) / 2, (h - ch) / 2
    draw.rounded_rectangle(
        (x0 + 18, y0 + 18, x0 + cw + 18, y0 + ch + 18), radius=40, fill=SOGAN_DARK
    )
    draw.rounded_rectangle((x0, y0, x0 + cw, y0 + ch), radius=40, fill=KREM)
    draw.rounded_rectangle((x0, y0, x0 + cw, y0 + ch * 0.18), radius=40, fill=BATA)
    draw.rectangle((x0, y0 + ch * 0.1, x0 + cw, y0 + ch * 0.18), fill=BATA)
    qr = cw * 0.7
    qx, qy = x0 + (cw - qr) / 2, y0 + ch * 0.26
    modules = 21
    m = qr / modules
    for i in range(modules):
        for j in range(modules):
            finder = (
                (i < 7 and j < 7) or (i < 7 and j >= modules - 7) or (i >= modules - 7 and j < 7)
            )
            if finder:
                ii, jj = i % (modules - 7) if i >= 7 else i, j % (modules - 7) if j >= 7 else j
                on = ii in (0, 6) or jj in (0, 6) or (2 <= ii <= 4 and 2 <= jj <= 4)
            else:
                on = rng.random() < 0.45
            if on:
                draw.rectangle(
                    (qx + j * m, qy + i * m, qx + (j + 1) * m, qy + (i + 1) * m), fill=SOGAN
                )
    for k in range(2):
        ly = qy + qr + ch * (0.07 + k * 0.07)
        draw.rounded_rectangle(
            (x0 + cw * 0.15, ly, x0 + cw * (0.85 - k * 0.2), ly + ch * 0.035), radius=8, fill=LINE
        )


def draw_map(draw, size, palette: Palette, rng):
    """A stylised town map: streets, the palace square, a station and a pin."""
    w, h = size
    draw.rectangle((0, 0, w, h), fill=PASIR)
    for _ in range(60):
        bx, by = rng.uniform(0, w), rng.uniform(0, h)
        bw, bh = rng.uniform(60, 200), rng.uniform(50, 160)
        draw.rounded_rectangle((bx, by, bx + bw, by + bh), radius=12, fill=LINE)
    street = SOGAN
    for y in (h * 0.22, h * 0.58, h * 0.86):
        draw.line((0, y, w, y + rng.uniform(-40, 40)), fill=KREM, width=46)
        draw.line((0, y, w, y), fill=street, width=4)
    for x in (w * 0.18, w * 0.47, w * 0.8):
        draw.line((x, 0, x + rng.uniform(-60, 60), h), fill=KREM, width=46)
    # The river.
    points = [(w * t / 20, h * 0.95 - h * 0.1 * math.sin(t / 3)) for t in range(21)]
    draw.line(points, fill=INDIGO, width=30)
    # The square and the palace.
    sx0, sy0, sx1, sy1 = w * 0.52, h * 0.28, w * 0.76, h * 0.52
    draw.rectangle((sx0, sy0, sx1, sy1), fill=DAUN)
    _kawung_field(
        draw, (sx0 + 40, sy0 + 40, sx1 - 30, sy1 - 30), 80, Palette(DAUN, PASIR, KUNYIT, SOGAN)
    )
    draw.rectangle((sx0, sy0 - h * 0.12, sx1, sy0 - h * 0.02), fill=SOGAN)
    # The railway and the station.
    draw.line((0, h * 0.08, w, h * 0.12), fill=SOGAN_DARK, width=16)
    for i in range(40):
        x = i * w / 40
        draw.line((x, h * 0.08 + i * 0.001 * h - 14, x, h * 0.08 + 14), fill=SOGAN_DARK, width=4)
    draw.rounded_rectangle((w * 0.3, h * 0.02, w * 0.42, h * 0.14), radius=14, fill=BATA)
    # The dotted route and the pin.
    route = [(w * 0.36, h * 0.14), (w * 0.47, h * 0.22), (w * 0.47, h * 0.4), (w * 0.6, h * 0.4)]
    for (ax, ay), (bx, by) in zip(route, route[1:], strict=False):
        steps = int(math.hypot(bx - ax, by - ay) / 36)
        for s in range(steps):
            t = s / max(steps, 1)
            px, py = ax + (bx - ax) * t, ay + (by - ay) * t
            draw.ellipse((px - 9, py - 9, px + 9, py + 9), fill=BATA)
    px, py = w * 0.64, h * 0.4
    r = h * 0.07
    draw.polygon(
        [(px - r * 0.8, py - r * 0.6), (px + r * 0.8, py - r * 0.6), (px, py + r * 1.3)], fill=BATA
    )
    draw.ellipse((px - r, py - r * 1.8, px + r, py + r * 0.2), fill=BATA)
    draw.ellipse((px - r * 0.4, py - r * 1.2, px + r * 0.4, py - r * 0.4), fill=KREM)


def draw_export(draw, size, palette: Palette, rng):
    """Crates with batik-patterned sides stacked on a dock, a ship on the horizon."""
    w, h = size
    draw.canvas.paste(_gradient((w, h), PASIR, KREM), (0, 0))
    draw.rectangle((0, h * 0.55, w, h * 0.7), fill=INDIGO)
    # The ship.
    draw.polygon(
        [(w * 0.55, h * 0.5), (w * 0.95, h * 0.5), (w * 0.9, h * 0.58), (w * 0.6, h * 0.58)],
        fill=SOGAN,
    )
    for i, colour in enumerate([BATA, KUNYIT, DAUN, BATA, GOLD]):
        draw.rectangle(
            (w * (0.6 + i * 0.06), h * 0.43, w * (0.655 + i * 0.06), h * 0.5), fill=colour
        )
    draw.rectangle((0, h * 0.7, w, h), fill=SOGAN)
    crate = h * 0.2
    positions = [(0.06, 0), (0.06 + 0.14, 0), (0.06 + 0.28, 0), (0.13, 1), (0.27, 1), (0.2, 2)]
    for i, (fx, level) in enumerate(positions):
        x0 = w * fx
        y1 = h * 0.82 - level * crate
        box = (x0, y1 - crate, x0 + crate * 1.05, y1)
        draw.rectangle(box, fill=[GOLD, KUNYIT, PASIR][i % 3], outline=SOGAN_DARK, width=6)
        _kawung_field(
            draw,
            (
                box[0] + crate * 0.2,
                box[1] + crate * 0.2,
                box[2] - crate * 0.1,
                box[3] - crate * 0.1,
            ),
            crate * 0.4,
            Palette([GOLD, KUNYIT, PASIR][i % 3], BATA, SOGAN, KREM),
            outline=False,
        )
        draw.rectangle(box, outline=SOGAN_DARK, width=6)
    for k in range(3):
        x = w * (0.55 + k * 0.15)
        draw.line((x, h * 0.7, x, h), fill=SOGAN_DARK, width=6)


def draw_drying_cloths(draw, size, palette: Palette, rng):
    """Batik cloths hung on a bamboo pole to dry, each with its own motif."""
    w, h = size
    draw.canvas.paste(_gradient((w, h), KREM, PASIR), (0, 0))
    draw.rectangle((0, h * 0.86, w, h), fill=SOGAN)
    pole_y = h * 0.12
    for post_x in (w * 0.04, w * 0.94):
        draw.rectangle((post_x, pole_y - h * 0.04, post_x + w * 0.02, h * 0.88), fill=SOGAN_DARK)
    draw.rounded_rectangle((0, pole_y - 14, w, pole_y + 14), radius=14, fill=GOLD)
    for k in range(1, 12):
        x = k * w / 12
        draw.line((x, pole_y - 14, x, pole_y + 14), fill=KUNYIT, width=6)
    motifs = [
        (draw_kawung, PALETTES["emas"]),
        (draw_parang, PALETTES["bata"]),
        (draw_ceplok, PALETTES["krem"]),
        (draw_truntum, PALETTES["malam"]),
    ]
    cloth_w, gap = w * 0.19, w * 0.035
    x = (w - 4 * cloth_w - 3 * gap) / 2
    for index, (motif, motif_palette) in enumerate(motifs):
        cloth_h = h * rng.uniform(0.58, 0.68)
        cloth = PILImage.new("RGB", (int(cloth_w), int(cloth_h)), KREM)
        cloth_draw = ImageDraw.Draw(cloth)
        cloth_draw.canvas = cloth
        motif(cloth_draw, (int(cloth_w * 2.2), int(cloth_h)), motif_palette, rng)
        top = int(pole_y + 10 + index % 2 * 6)
        draw.rectangle(
            (x + 12, top + 12, x + cloth_w + 12, top + cloth_h + 12), fill=(214, 200, 178)
        )
        draw.canvas.paste(cloth, (int(x), top))
        # A plain border at the cloth's hem, as on a kain panjang.
        draw.rectangle((x, top + cloth_h - h * 0.04, x + cloth_w, top + cloth_h), fill=SOGAN)
        for peg in (x + cloth_w * 0.2, x + cloth_w * 0.8):
            draw.rounded_rectangle(
                (peg - 8, pole_y - 22, peg + 8, pole_y + 34), radius=6, fill=BATA_DARK
            )
        x += cloth_w + gap


@dataclass(frozen=True)
class Picture:
    key: str
    title: str
    draw: Callable
    palette: str
    seed: int


PICTURES = [
    Picture("home", "Ilustrasi demo: pasar UMKM di depan pendopo", draw_market, "emas", 1),
    Picture("event", "Ilustrasi demo: pendopo dan motif kawung", draw_pendopo, "emas", 2),
    Picture("kawung-emas", "Ilustrasi demo: motif kawung emas", draw_kawung, "emas", 3),
    Picture("kawung-krem", "Ilustrasi demo: motif kawung sogan", draw_kawung, "krem", 4),
    Picture("kawung-bata", "Ilustrasi demo: motif kawung bata", draw_kawung, "bata", 5),
    Picture("parang", "Ilustrasi demo: motif parang", draw_parang, "emas", 6),
    Picture("parang-bata", "Ilustrasi demo: motif parang bata", draw_parang, "bata", 7),
    Picture("ceplok", "Ilustrasi demo: motif ceplok", draw_ceplok, "krem", 8),
    Picture("ceplok-daun", "Ilustrasi demo: motif ceplok hijau", draw_ceplok, "daun", 9),
    Picture("truntum", "Ilustrasi demo: motif truntum", draw_truntum, "malam", 10),
    Picture("pasar-malam", "Ilustrasi demo: pasar malam UMKM", draw_night_market, "bata", 11),
    Picture("kuliner", "Ilustrasi demo: zona kuliner", draw_culinary, "emas", 12),
    Picture("temu-bisnis", "Ilustrasi demo: meja temu bisnis", draw_meeting, "emas", 13),
    Picture("tiket", "Ilustrasi demo: tiket masuk dengan kode QR", draw_pass, "emas", 14),
    Picture("peta", "Ilustrasi demo: peta menuju lokasi", draw_map, "emas", 15),
    Picture("ekspor", "Ilustrasi demo: peti produk siap ekspor", draw_export, "emas", 16),
    Picture("jemuran", "Ilustrasi demo: kain batik dijemur", draw_drying_cloths, "emas", 17),
]
PICTURES_BY_KEY = {picture.key: picture for picture in PICTURES}


@cache
def picture_bytes(key: str) -> bytes:
    """The JPEG of one picture (drawn once per process)."""
    picture = PICTURES_BY_KEY[key]
    size = (WIDTH * SCALE, HEIGHT * SCALE)
    canvas = PILImage.new("RGB", size, KREM)
    draw = ImageDraw.Draw(canvas)
    draw.canvas = canvas  # for the pictures that paste a gradient
    picture.draw(draw, size, PALETTES[picture.palette], random.Random(picture.seed))
    canvas = canvas.resize((WIDTH, HEIGHT), PILImage.Resampling.LANCZOS)
    out = BytesIO()
    canvas.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue()


# Logos ------------------------------------------------------------------------------------

LOGO_SIZE = 400
LOGO_COLOURS = [SOGAN, BATA, GOLD, INDIGO, DAUN, BATA_DARK, KUNYIT]
FONT_FILES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf",
]


def _font(size: int):
    for path in FONT_FILES:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


@cache
def logo_bytes(acronym: str) -> bytes:
    """A round logo: the acronym in cream on a circle whose colour follows from the acronym."""
    scale = 2
    size = LOGO_SIZE * scale
    digest = hashlib.sha1(acronym.encode(), usedforsecurity=False).digest()
    colour = LOGO_COLOURS[digest[0] % len(LOGO_COLOURS)]
    text_colour = SOGAN if colour in (GOLD, KUNYIT) else KREM
    canvas = PILImage.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(canvas)
    margin = size * 0.02
    draw.ellipse((margin, margin, size - margin, size - margin), fill=colour)
    ring = size * 0.07
    draw.ellipse(
        (ring, ring, size - ring, size - ring),
        outline=text_colour,
        width=max(4, size // 80),
    )
    # A small kawung flower above the letters.
    petal = size * 0.06
    cx, cy = size / 2, size * 0.27
    for quarter in range(4):
        angle = math.pi / 4 + quarter * math.pi / 2
        draw.polygon(
            _ellipse_points(
                cx + petal * 0.9 * math.cos(angle),
                cy + petal * 0.9 * math.sin(angle),
                petal,
                petal * 0.55,
                angle,
            ),
            fill=text_colour,
        )
    label = acronym.upper()
    font_size = int(size * 0.3)
    font = _font(font_size)
    while font_size > 20 and draw.textlength(label, font=font) > size * 0.7:
        font_size -= 4
        font = _font(font_size)
    draw.text((size / 2, size * 0.58), label, font=font, fill=text_colour, anchor="mm")
    canvas = canvas.resize((LOGO_SIZE, LOGO_SIZE), PILImage.Resampling.LANCZOS)
    out = BytesIO()
    canvas.save(out, "PNG", optimize=True)
    return out.getvalue()


# Wagtail images ---------------------------------------------------------------------------


def demo_collection():
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION).first()
    return existing or root.add_child(name=COLLECTION)


def _save_image(title: str, filename: str, data: bytes, collection):
    from wagtail.images import get_image_model

    image_model = get_image_model()
    image = image_model(title=title, collection=collection)
    image.file = ImageFile(BytesIO(data), name=filename)
    image.file_size = len(data)
    image.file_hash = hashlib.sha1(data, usedforsecurity=False).hexdigest()
    image.save()
    return image


def demo_images() -> dict:
    """{key: image} for every demo picture, drawing and saving those not yet stored."""
    from wagtail.images import get_image_model

    collection = demo_collection()
    titles = {picture.title: picture for picture in PICTURES}
    stored = {
        image.title: image
        for image in get_image_model()
        .objects.filter(collection=collection, title__in=titles)
        .order_by("pk")
    }
    images = {}
    for picture in PICTURES:
        image = stored.get(picture.title)
        if image is None:
            image = _save_image(
                picture.title, f"demo-{picture.key}.jpg", picture_bytes(picture.key), collection
            )
        images[picture.key] = image
    return images


def give_demo_associations_logos(associations) -> int:
    """A generated logo for every demo association (`is_demo`) without one; how many were made.

    Real associations keep what they have: a made-up logo next to a real name would
    misrepresent it.
    """
    from wagtail.images import get_image_model

    collection = None
    made = 0
    for association in associations:
        if not association.is_demo or association.logo_id:
            continue
        collection = collection or demo_collection()
        title = f"Logo demo {association.acronym}"
        image = get_image_model().objects.filter(
            collection=collection, title=title
        ).first() or _save_image(
            title,
            f"demo-logo-{association.slug or association.pk}.png",
            logo_bytes(association.acronym),
            collection,
        )
        association.logo = image
        association.save(update_fields=["logo"])
        made += 1
    return made
