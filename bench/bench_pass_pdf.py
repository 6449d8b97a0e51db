"""Pass PDFs and staff badge sheets (tickets.pdf): render time and size of one pass, 5,000 badges.

Pure renders from ``PassCard`` values built in memory (no database): each card gets its
own signed token (tickets.tokens), so every QR code is computed afresh, as in production.
Measures, after a warm-up:

* one visitor pass (A6), ~300 renders across the six categories: p50, p95, max, in wall
  time and in CPU time (which other work on a shared machine disturbs less); the time of
  the QR code alone (qrcode's choice of mask is most of a render); the largest file;
* a pass whose holder's name needs an embedded font (DejaVu Sans subset): p50 and size;
* the exhibitor-staff badge sheets of 5,000 cards in one PDF (10 ID-1 badges to an A4
  page): total seconds (wall and CPU), pages, bytes and the process's peak memory
  (ru_maxrss: reportlab keeps every page until it writes the file).

Targets: a pass in ≤ 15 ms (p95) and ≤ 30 KB.
"""

from __future__ import annotations

import os
import resource
import sys
import time

from bench.bench_review_queue import _percentile

TIME_LIMIT = 120
TEARDOWN_MARGIN = 10  # seconds kept to report before the harness stops the benchmark
PASS_RUNS = 300
FONT_RUNS = 30
WARMUP_RUNS = 5
BADGES = 5_000
TARGET_MS = 15
TARGET_BYTES = 30_000
CATEGORIES = ["general", "buyer", "student", "vip", "press", "exhibitor_staff"]
NAMES = [
    "Budi Santoso",
    "Siti Nurhaliza",
    "Raden Ajeng Kartika Sari Dewi Kusumawardhani",
    "Agus",
    "Dewi Lestari Simangunsong",
    "I Gusti Ngurah Putu Wijaya",
]
ORGANISATIONS = [
    "Batik Tulis Laweyan Sejahtera",
    "CV Keripik Tempe Mbok Sri",
    "UD Kopi Gayo Aceh Tengah Mandiri Jaya Abadi Sentosa Makmur",
    "",
    "Kementerian Koperasi dan Usaha Kecil dan Menengah Republik Indonesia",
]


class _OutOfTime(Exception):
    pass


def run() -> list[dict]:
    deadline = time.monotonic() + TIME_LIMIT - TEARDOWN_MARGIN
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"  # settings only: no database
    import django

    django.setup()
    from tickets import tokens

    private, _public = tokens.new_key_pair()
    return [
        *_measure_pass(private),
        *_measure_font(private),
        *_measure_badges(private, deadline),
    ]


def _card(private: bytes, number: int, **changes):
    from tickets import tokens
    from tickets.selectors import PassCard

    claims = tokens.Claims(
        kid=1, event_id=1, pass_id=number, serial=1, pass_type_id=1 + number % 6, day_mask=0b111
    )
    values = {
        "pass_id": number,
        "token": tokens.sign(claims, private),
        "code": f"K7M3Q-{number:05d}"[-11:],
        "holder_name": NAMES[number % len(NAMES)],
        "organisation": ORGANISATIONS[number % len(ORGANISATIONS)],
        "pass_type_id": "Pengunjung Umum",
        "pass_type_en": "General visitor",
        "category": CATEGORIES[number % len(CATEGORIES)],
        "status": "void" if number % 50 == 0 else "valid",
        "event_name": "Hari UMKM Nasional 2027",
        "venue": "Pamedan Pura Mangkunegaran",
        "city": "Surakarta",
        "days_id": [
            f"{weekday}, {12 + index} Agustus 2027 · 09.00–21.00 WIB"
            for index, weekday in enumerate(["Kamis", "Jumat", "Sabtu"])
        ],
        "days_en": [
            f"{weekday}, {12 + index} August 2027 · 09.00–21.00 WIB"
            for index, weekday in enumerate(["Thursday", "Friday", "Saturday"])
        ],
        "gate_hints": ["Gerbang Utara — Jl. Ronggowarsito", "Gerbang Timur — Jl. Kartini"],
        "price": "Rp 25.000" if number % 3 == 0 else "",
        "serial": 1,
    }
    values.update(changes)
    return PassCard(**values)


def _measure_pass(private: bytes) -> list[dict]:
    from tickets.pdf import make_qr, render_pass_pdf

    cards = [_card(private, n) for n in range(1, PASS_RUNS + WARMUP_RUNS + 1)]
    for card in cards[:WARMUP_RUNS]:
        render_pass_pdf(card)
    timings, cpu_timings, qr_timings, sizes = [], [], [], []
    for card in cards[WARMUP_RUNS:]:
        started, cpu_started = time.perf_counter(), time.process_time()
        pdf = render_pass_pdf(card)
        timings.append((time.perf_counter() - started) * 1000)
        cpu_timings.append((time.process_time() - cpu_started) * 1000)
        sizes.append(len(pdf))
        started = time.perf_counter()
        make_qr(card.token)
        qr_timings.append((time.perf_counter() - started) * 1000)
    p95 = _percentile(timings, 95)
    _log(
        f"pass p95 {p95:.1f} ms ({'within' if p95 <= TARGET_MS else 'OVER'} {TARGET_MS} ms), "
        f"largest {max(sizes):,} bytes "
        f"({'within' if max(sizes) <= TARGET_BYTES else 'OVER'} {TARGET_BYTES:,})"
    )
    return [
        {"metric": "pass renders", "value": len(timings), "unit": "count"},
        {"metric": "pass p50", "value": round(_percentile(timings, 50), 2), "unit": "ms"},
        {"metric": "pass p95", "value": round(p95, 2), "unit": "ms"},
        {"metric": "pass max", "value": round(max(timings), 2), "unit": "ms"},
        # CPU time: what a render costs when other work shares the machine's cores
        {"metric": "pass CPU p50", "value": round(_percentile(cpu_timings, 50), 2), "unit": "ms"},
        {"metric": "pass CPU p95", "value": round(_percentile(cpu_timings, 95), 2), "unit": "ms"},
        {
            "metric": "QR code alone p50",
            "value": round(_percentile(qr_timings, 50), 2),
            "unit": "ms",
        },
        {"metric": "pass size max", "value": max(sizes), "unit": "bytes"},
    ]


def _measure_font(private: bytes) -> list[dict]:
    """A holder's name Helvetica cannot draw: DejaVu Sans is embedded (a subset)."""
    from tickets.pdf import render_pass_pdf

    cards = [
        _card(private, 10_000 + n, holder_name="Nguyễn Thị Hương", organisation="Łódź Press Club")
        for n in range(FONT_RUNS + 1)
    ]
    render_pass_pdf(cards[0])  # registers the fonts
    timings, sizes = [], []
    for card in cards[1:]:
        started = time.perf_counter()
        pdf = render_pass_pdf(card)
        timings.append((time.perf_counter() - started) * 1000)
        sizes.append(len(pdf))
    return [
        {
            "metric": "pass, embedded font p50",
            "value": round(_percentile(timings, 50), 2),
            "unit": "ms",
        },
        {"metric": "pass, embedded font size", "value": max(sizes), "unit": "bytes"},
    ]


def _measure_badges(private: bytes, deadline: float) -> list[dict]:
    from tickets.pdf import render_badge_sheets

    cards = [
        _card(
            private,
            20_000 + n,
            category="exhibitor_staff",
            status="valid",
            price="",
            pass_type_id="Staf Peserta Pameran",
            pass_type_en="Exhibitor staff",
        )
        for n in range(BADGES)
    ]
    progress: list[int] = []

    def report(done: int) -> None:
        progress.append(done)
        if time.monotonic() > deadline and done < BADGES:
            raise _OutOfTime  # a busy machine: report the rate rather than be stopped

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started, cpu_started = time.perf_counter(), time.process_time()
    try:
        pdf = render_badge_sheets(cards, progress=report)
    except _OutOfTime:
        seconds = time.perf_counter() - started
        done = progress[-1]
        _log(f"Time limit near: {done:,} of {BADGES:,} badges drawn in {seconds:.1f} s.")
        return [
            {"metric": "badges drawn before the time limit", "value": done, "unit": "count"},
            {
                "metric": "badge sheets time, projected",
                "value": round(seconds * BADGES / done, 1),
                "unit": "s",
            },
            {"metric": "badge time each", "value": round(seconds * 1000 / done, 2), "unit": "ms"},
        ]
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if progress[-1] != BADGES or progress != sorted(progress):
        raise RuntimeError(f"progress went {progress[:3]} … {progress[-3:]}, not up to {BADGES}")
    _log(
        f"{BADGES:,} badges: {seconds:.1f} s, {len(progress)} pages, {len(pdf) / 1e6:.1f} MB, "
        f"peak memory {peak:.0f} MiB (was {rss_before:.0f} MiB before)"
    )
    return [
        {"metric": "badges", "value": BADGES, "unit": "count"},
        {"metric": "badge sheets time", "value": round(seconds, 1), "unit": "s"},
        {"metric": "badge sheets CPU time", "value": round(cpu_seconds, 1), "unit": "s"},
        {"metric": "badge time each", "value": round(seconds * 1000 / BADGES, 2), "unit": "ms"},
        {"metric": "badge sheet pages", "value": len(progress), "unit": "count"},
        {"metric": "badge sheets size", "value": len(pdf), "unit": "bytes"},
        {"metric": "peak memory", "value": round(peak, 1), "unit": "MiB"},
        {"metric": "peak memory growth", "value": round(peak - rss_before, 1), "unit": "MiB"},
    ]


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
