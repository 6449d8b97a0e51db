"""Floor-plan board of a 1,000-booth hall: plan read + SVG render, and the whole admin view.

Starts a throwaway PostgreSQL and Redis (tests/services.py), migrates with production
settings, seeds the demo edition and its applicants (``exhibitors.demo``), then draws
one extra hall of 1,000 booths (40 × 25) in which about three quarters of the booths
are assigned or held by those applications and some are blocked. It measures, after a
warm-up, ~30 runs each of:

* ``plan_of`` + ``render_plan_svg`` (the server's cost of one plan), with its queries;
* the organizer's board (admin URL ``booths_board``) through Django's test client:
  request to rendered page, no HTTP server, queries counted.

Target: p95 ≤ 200 ms for both.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
import types
from collections import Counter

from bench.bench_review_queue import _configure, _percentile, _shape
from bench.harness import BenchmarkError
from tests.services import start_services

TIME_LIMIT = 120
BOOTHS = 1_000
COLUMNS = 40
BUSINESSES = 1_000  # the demo gives ~0.9 applications per business
RUNS = 30
MIN_RUNS = 5
WARMUP_RUNS = 3
TEARDOWN_MARGIN = 10
TARGET_MS = 200
BOARD_URL_NAME = "booths_board"
ORGANIZER_EMAIL = "panitia@pameran.test"


def run() -> list[dict]:
    deadline = time.monotonic() + TIME_LIMIT - TEARDOWN_MARGIN
    services = start_services()
    media = tempfile.mkdtemp(prefix="pameran-bench-media-")
    try:
        _configure(services, media)
        import django

        django.setup()
        from django.core.management import call_command

        began = time.monotonic()
        call_command("migrate", verbosity=0, interactive=False)
        _log(f"migrate: {time.monotonic() - began:.1f} s")
        began = time.monotonic()
        organizer, hall, placed = _build_hall()
        _log(f"{BOOTHS:,} booths, {placed:,} placed, in {time.monotonic() - began:.1f} s")
        url = _board_url()
        return [
            {"metric": "booths", "value": BOOTHS, "unit": "count"},
            {"metric": "booths placed", "value": placed, "unit": "count"},
            *_measure_render(hall, deadline),
            *_measure_board(url, organizer, hall, deadline),
        ]
    finally:
        from django.db import connections

        connections.close_all()  # PostgreSQL's smart shutdown waits for open sessions
        services.stop()
        shutil.rmtree(media, ignore_errors=True)


def _board_url() -> str:
    """The board's URL; mounted here as booths/wagtail_hooks.py would, until it does."""
    from django.conf import settings
    from django.urls import NoReverseMatch, clear_url_caches, include, path, reverse

    try:
        return reverse(BOARD_URL_NAME)
    except NoReverseMatch:
        pass
    from wagtail.admin.auth import require_admin_access
    from wagtail.utils.urlpatterns import decorate_urlpatterns

    from booths.admin_urls import urlpatterns as board
    from config.urls import urlpatterns as project

    urlconf = types.ModuleType("bench_floor_plan_urls")
    board = decorate_urlpatterns(list(board), require_admin_access)
    urlconf.urlpatterns = [path("admin/", include(board)), *project]
    settings.ROOT_URLCONF = urlconf
    clear_url_caches()
    try:
        return reverse(BOARD_URL_NAME)
    except NoReverseMatch:
        raise BenchmarkError(f"booths/admin_urls.py names no {BOARD_URL_NAME!r}.") from None


def _build_hall():
    from datetime import timedelta

    from django.db import connection, transaction
    from django.utils import timezone

    from accounts.models import User
    from booths.models import Allocation, AllocationKind, Booth, BoothType, Hall, Zone
    from events.demo import seed_event, seed_users
    from exhibitors.demo import seed_exhibitors
    from exhibitors.models import Application

    event = seed_event()
    seed_users(event=event)
    seed_exhibitors(event=event, count=BUSINESSES)
    rows = BOOTHS // COLUMNS
    with transaction.atomic():
        hall = Hall.objects.create(
            event=event,
            code="BENCH",
            name="Hall besar",
            width_m=COLUMNS * 3 + 6,
            depth_m=rows * 5 + 6,
            position=99,
        )
        zones = [Zone.objects.create(hall=hall, code=f"Z{n}", name=f"Zona {n}") for n in range(4)]
        booth_type = BoothType.objects.create(
            event=event, code="BENCH", name="Standar 3 × 3", width_m=3, depth_m=3
        )
        booths = Booth.objects.bulk_create(
            Booth(
                hall=hall,
                zone=zones[n * 4 // BOOTHS],
                booth_type=booth_type,
                code=f"B-{n:04d}",
                x_m=3 + (n % COLUMNS) * 3,
                y_m=3 + (n // COLUMNS) * 5,
                width_m=3,
                depth_m=3,
                is_blocked=n % 29 == 0,
            )
            for n in range(BOOTHS)
        )
        applications = list(
            Application.objects.filter(event=event).order_by("pk").values_list("pk", flat=True)
        )
        free = [b for b in booths if not b.is_blocked]
        placed = min(len(applications), len(free) * 3 // 4)
        until = timezone.now() + timedelta(hours=2)
        Allocation.objects.bulk_create(
            Allocation(
                booth=booth,
                application_id=application_id,
                kind=AllocationKind.HOLD if n % 5 == 0 else AllocationKind.ASSIGNMENT,
                held_until=until if n % 5 == 0 else None,
            )
            for n, (booth, application_id) in enumerate(
                zip(free[:placed], applications[:placed], strict=True)
            )
        )
    # Fresh statistics, as autovacuum would give a live database: right after a bulk
    # load the planner guesses empty tables and its plans cost several times more.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return User.objects.get(email=ORGANIZER_EMAIL), hall, placed


def _timed(action, deadline: float) -> tuple[list[float], list[int], list[int]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARMUP_RUNS):
        action()
    timings, queries, repeats = [], [], []
    while len(timings) < RUNS:
        if len(timings) >= MIN_RUNS and time.monotonic() + max(timings) / 1000 > deadline:
            _log(f"Time limit near: measured {len(timings)} of {RUNS} runs.")
            break
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            action()
            timings.append((time.perf_counter() - started) * 1000)
        queries.append(len(captured.captured_queries))
        shapes = Counter(_shape(q["sql"]) for q in captured.captured_queries)
        repeats.append(max(shapes.values(), default=0))
    return timings, queries, repeats


def _measure_render(hall, deadline: float) -> list[dict]:
    from booths.plan_svg import render_plan_svg
    from booths.selectors import plan_of

    sizes = []

    def render():
        svg = render_plan_svg(plan_of(hall), colour_by="association")
        sizes.append(len(svg))

    timings, queries, _repeats = _timed(render, deadline)
    started = time.perf_counter()
    plan = plan_of(hall)
    read_ms = (time.perf_counter() - started) * 1000
    svg_only = []
    for _ in range(RUNS):
        started = time.perf_counter()
        render_plan_svg(plan)
        svg_only.append((time.perf_counter() - started) * 1000)
    p95 = _percentile(timings, 95)
    _log(
        f"plan+svg p95 {p95:.1f} ms ({'within' if p95 <= TARGET_MS else 'OVER'} {TARGET_MS} ms);"
        f" read alone {read_ms:.1f} ms; {max(queries)} queries"
    )
    return [
        {"metric": "plan+svg p50", "value": round(_percentile(timings, 50), 1), "unit": "ms"},
        {"metric": "plan+svg p95", "value": round(p95, 1), "unit": "ms"},
        {"metric": "svg only p50", "value": round(_percentile(svg_only, 50), 1), "unit": "ms"},
        {"metric": "plan queries", "value": max(queries), "unit": "count"},
        {"metric": "svg size", "value": max(sizes), "unit": "bytes"},
    ]


def _measure_board(url: str, organizer, hall, deadline: float) -> list[dict]:
    from django.test import Client
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(organizer)
    profile.preferred_language = "id"
    profile.save()
    client = Client()
    client.force_login(organizer)
    responses = []

    def get():
        response = client.get(url, {"hall": hall.pk, "colour": "association"})
        if response.status_code != 200:
            raise BenchmarkError(
                f"The organizer got HTTP {response.status_code} from {url}; the board must "
                "answer 200 to an organizer of the edition."
            )
        responses.append(len(response.content))

    timings, queries, repeats = _timed(get, deadline)
    if len(set(queries)) > 1:
        _log(f"The number of queries varied between requests: {sorted(set(queries))}.")
    p95 = _percentile(timings, 95)
    _log(f"board p95 {p95:.1f} ms: {'within' if p95 <= TARGET_MS else 'OVER'} {TARGET_MS} ms")
    return [
        {"metric": "board requests", "value": len(timings), "unit": "count"},
        {"metric": "board p50", "value": round(_percentile(timings, 50), 1), "unit": "ms"},
        {"metric": "board p95", "value": round(p95, 1), "unit": "ms"},
        {"metric": "board mean", "value": round(statistics.fmean(timings), 1), "unit": "ms"},
        {"metric": "board queries", "value": max(queries), "unit": "count"},
        {"metric": "most repeated query", "value": max(repeats), "unit": "times per request"},
        {"metric": "board page size", "value": max(responses), "unit": "bytes"},
    ]


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
