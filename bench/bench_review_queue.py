"""Organizer review queue in the Wagtail admin with 5,000 applications: render time, queries.

Starts a throwaway PostgreSQL and Redis (tests/services.py), migrates with production
settings in this process, seeds the demo edition and bulk-creates ~5,000 businesses
with products, certificates and documents and their applications in every status
(``exhibitors.demo`` with a larger count; quotas raised so approvals stay within them).
Then an organizer, logged in through Django's test client, opens the queue
(``applications:index``) 20 times, after a warm-up: each request is timed from the
request to the rendered page and its queries are counted (CaptureQueriesContext). No
HTTP server is involved, so the figures are the view's own cost. A query repeated once
per row would show as "most repeated query" close to the page size.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter

from bench.harness import BenchmarkError
from tests.services import start_services

TIME_LIMIT = 120
APPLICATIONS = 5_000
# The demo plan gives about 0.92 applications per business: this many give ≥ 5,000.
BUSINESSES = 5_500
REQUESTS = 20
MIN_REQUESTS = 5  # a slow machine measures fewer requests rather than hit the time limit
WARMUP_REQUESTS = 3
TEARDOWN_MARGIN = 10  # seconds kept for closing connections and stopping the servers
TARGET_MS = 300
QUEUE_URL_NAME = "applications:index"
ORGANIZER_EMAIL = "panitia@pameran.test"


def run() -> list[dict]:
    deadline = time.monotonic() + TIME_LIMIT - TEARDOWN_MARGIN
    services = start_services()
    media = tempfile.mkdtemp(prefix="pameran-bench-media-")
    try:
        _configure(services, media)
        import django

        django.setup()
        url = _queue_url()
        began = time.monotonic()
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        _log(f"migrate: {time.monotonic() - began:.1f} s")
        began = time.monotonic()
        organizer, applications = _build_edition()
        _log(f"{applications:,} applications built in {time.monotonic() - began:.1f} s")
        return _measure(url, organizer, applications, deadline)
    finally:
        from django.db import connections

        connections.close_all()  # PostgreSQL's smart shutdown waits for open sessions
        services.stop()
        shutil.rmtree(media, ignore_errors=True)


def _configure(services, media: str) -> None:
    for name in [k for k in os.environ if k.startswith(("DJANGO_", "PYTEST"))]:
        del os.environ[name]
    for name in ("AWS_STORAGE_BUCKET_NAME", "SENTRY_DSN", "DEBUG"):
        os.environ.pop(name, None)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": services.database_url,
            "REDIS_URL": services.redis_url,
            "ALLOWED_HOSTS": "testserver",
            "WAGTAILADMIN_BASE_URL": "http://testserver",
            "SECURE_SSL_REDIRECT": "false",
            "MEDIA_ROOT": os.path.join(media, "public"),
            "PRIVATE_MEDIA_ROOT": os.path.join(media, "private"),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "CELERY_TASK_ALWAYS_EAGER": "true",
            "LOG_LEVEL": "WARNING",
        }
    )


def _queue_url() -> str:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(QUEUE_URL_NAME)
    except NoReverseMatch:
        raise BenchmarkError(
            f"The organizer review queue (URL name {QUEUE_URL_NAME!r}) does not exist yet: "
            "register the applications viewset in exhibitors/wagtail_hooks.py."
        ) from None


def _build_edition():
    from django.db.models import F

    from accounts.models import User
    from events.demo import seed_event, seed_users
    from exhibitors.demo import seed_exhibitors

    event = seed_event()
    # Room in the quotas for the approvals of 5,000 applicants, as in a large edition.
    event.participations.update(booth_quota=F("booth_quota") * 12)
    seed_users(event=event)
    summary = seed_exhibitors(event=event, count=BUSINESSES)
    if summary.applications < APPLICATIONS:
        raise BenchmarkError(
            f"The demo plan made {summary.applications:,} applications, fewer than "
            f"{APPLICATIONS:,}; raise BUSINESSES in {os.path.basename(__file__)}."
        )
    return User.objects.get(email=ORGANIZER_EMAIL), summary.applications


def _measure(url: str, organizer, applications: int, deadline: float) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(organizer)
    for _ in range(WARMUP_REQUESTS):
        _check(client.get(url), url)

    timings, queries, repeats = [], [], []
    while len(timings) < REQUESTS:
        if len(timings) >= MIN_REQUESTS and time.monotonic() + max(timings) / 1000 > deadline:
            _log(f"Time limit near: measured {len(timings)} of {REQUESTS} requests.")
            break
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
        _check(response, url)
        timings.append(elapsed * 1000)
        queries.append(len(captured.captured_queries))
        shapes = Counter(_shape(q["sql"]) for q in captured.captured_queries)
        repeats.append(max(shapes.values(), default=0))
    _log_slowest(captured.captured_queries)
    if len(set(queries)) > 1:
        _log(f"The number of queries varied between requests: {sorted(set(queries))}.")
    p50, p95 = _percentile(timings, 50), _percentile(timings, 95)
    verdict = "within" if p95 <= TARGET_MS else "OVER"
    _log(f"p95 {p95:.1f} ms: {verdict} the {TARGET_MS} ms target; {max(queries)} queries")
    return [
        {"metric": "applications", "value": applications, "unit": "count"},
        {"metric": "requests", "value": len(timings), "unit": "count"},
        {"metric": "render p50", "value": round(p50, 1), "unit": "ms"},
        {"metric": "render p95", "value": round(p95, 1), "unit": "ms"},
        {"metric": "render mean", "value": round(statistics.fmean(timings), 1), "unit": "ms"},
        {"metric": "queries per request", "value": max(queries), "unit": "count"},
        {"metric": "most repeated query", "value": max(repeats), "unit": "times per request"},
        {"metric": "page size", "value": len(response.content), "unit": "bytes"},
    ]


def _check(response, url: str) -> None:
    if response.status_code != 200:
        where = response.get("Location", "")
        raise BenchmarkError(
            f"The organizer got HTTP {response.status_code} from {url}"
            + (f" (redirected to {where})" if where else "")
            + "; the queue must answer 200 to an organizer of the edition."
        )


def _log_slowest(captured: list[dict], count: int = 3) -> None:
    """The slowest queries of the last request, for whoever makes the queue faster."""
    for query in sorted(captured, key=lambda q: float(q["time"]), reverse=True)[:count]:
        _log(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:160]}")


def _shape(sql: str) -> str:
    """A query without its literals, so that one query per row counts as one shape."""
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r"\b\d+\b", "?", sql)
    return re.sub(r"\(\?(?:, \?)*\)", "(?)", sql)


def _percentile(values: list[float], percent: float) -> float:
    ordered = sorted(values)
    rank = (len(ordered) - 1) * percent / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
