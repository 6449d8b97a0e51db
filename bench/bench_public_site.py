"""The public site (served by Wagtail) under gunicorn on PostgreSQL: server time, load,
queries and JavaScript per page.

Starts a throwaway PostgreSQL and Redis (tests/services.py), migrates and seeds the
demo edition with production settings, collects static files, starts gunicorn
(2 gthread workers × 4 threads) on a free port of 127.0.0.1 and measures:

- queries per page: each page rendered once in a ``manage.py shell`` against the same
  database, counted with Django's CaptureQueriesContext (second render, caches warm);
- server time: sequential GETs over one keep-alive connection (no queueing behind other
  requests), p50/p95 per page; target p95 ≤ 60 ms for the home page and the directory;
- throughput: the home page and the directory under 8 concurrent connections;
- JavaScript shipped: every <script src> of the page fetched gzip-compressed, as a
  browser would; target ≤ 100 KB per page.

The load generator shares the machine's cores with gunicorn and PostgreSQL, so the
figures are a floor for comparing changes, not a capacity plan.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

from bench import gunicorn
from bench.harness import ROOT, BenchmarkError
from bench.loadgen import drive
from tests.services import start_services

TIME_LIMIT = 120
SEQUENTIAL_REQUESTS = 60  # per page, one connection: server time without queueing
LOAD_REQUESTS = 240  # per page, 8 connections
CONCURRENCY = 8
WARMUP_REQUESTS = 5
TEARDOWN_MARGIN = 15  # seconds kept for stopping gunicorn, PostgreSQL and Redis
WORKERS = 2
THREADS = 4
LOG_DIR = ROOT / "bench" / "out" / "public_site"

# Renders each page once to warm caches, then again counting queries; prints JSON.
QUERY_COUNT_SCRIPT = """
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from cms.models import DirectoryPage, NewsIndexPage, EventPage
from exhibitors.models import Application, QUOTA_STATUSES
directory = DirectoryPage.objects.live().filter(locale__language_code="id").first()
event_page = EventPage.objects.live().filter(locale__language_code="id").first()
news = NewsIndexPage.objects.live().filter(locale__language_code="id").first()
application = (
    Application.objects.filter(
        event=directory.edition, status__in=QUOTA_STATUSES, business__is_published=True
    ).select_related("business").order_by("pk").first()
)
sector = application.business.sector
pages = {
    "home": "/",
    "home (en)": "/en/",
    "event page": event_page.url,
    "directory": directory.url,
    "directory, sector filter": directory.url + "?sector=" + sector,
    "directory, search": directory.url + "?q=kopi",
    "exhibitor page": directory.exhibitor_url(application.business),
    "news index": news.url,
}
client = Client(HTTP_HOST="127.0.0.1")
out = {}
for name, url in pages.items():
    first = client.get(url)
    assert first.status_code == 200, (name, url, first.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    out[name] = {"url": url, "queries": len(queries)}
print("QUERY-COUNTS" + json.dumps(out))
"""
TARGET_PAGES = ("home", "directory")


def run() -> list[dict]:
    started = time.monotonic()
    shutil.rmtree(LOG_DIR, ignore_errors=True)
    LOG_DIR.mkdir(parents=True)
    services = start_services()
    media = tempfile.mkdtemp(prefix="pameran-bench-media-")
    results: list[dict] = []
    try:
        port = gunicorn.free_port()
        env = _production_env(services, media, port)
        _manage(env, "migrate", "--noinput")
        _manage(env, "seed_demo")
        _manage(env, "collectstatic", "--noinput")
        pages = _query_counts(env)
        server = gunicorn.start(port, workers=WORKERS, threads=THREADS, log_dir=LOG_DIR, env=env)
        try:
            gunicorn.wait_until_ready(port, server, LOG_DIR)
            _check_home_page(port)
            for name, info in pages.items():
                results.append(_metric(f"{name}: queries", info["queries"], "count"))
            for name, info in pages.items():
                html = _get(port, info["url"])
                results.append(_metric(f"{name}: JavaScript (gzip)", _javascript(port, html), "KB"))
                results.append(_metric(f"{name}: HTML size", round(len(html) / 1024, 1), "KB"))
            print("gunicorn ready; warming up, then measuring", file=sys.stderr, flush=True)
            for name, info in pages.items():
                drive(port, info["url"], requests=WARMUP_REQUESTS, concurrency=1, time_limit=2)
                # What is left is shared by the pages still to measure and the two loads.
                left = TIME_LIMIT - TEARDOWN_MARGIN - (time.monotonic() - started)
                sequential = drive(
                    port,
                    info["url"],
                    requests=SEQUENTIAL_REQUESTS,
                    concurrency=1,
                    time_limit=max(1, min(6, left / (len(pages) + 2))),
                )
                _require(sequential, name)
                results.append(_metric(f"{name}: server p50", sequential.percentile(50), "ms"))
                results.append(_metric(f"{name}: server p95", sequential.percentile(95), "ms"))
            for name in TARGET_PAGES:
                left = TIME_LIMIT - TEARDOWN_MARGIN - (time.monotonic() - started)
                load = drive(
                    port,
                    pages[name]["url"],
                    requests=LOAD_REQUESTS,
                    concurrency=CONCURRENCY,
                    time_limit=max(1, min(12, left / 2)),
                )
                _require(load, name)
                label = f"{name}, {CONCURRENCY} connections"
                results.append(_metric(f"{label}: throughput", load.per_second, "requests/s"))
                results.append(_metric(f"{label}: latency p95", load.percentile(95), "ms"))
                results.append(_metric(f"{label}: errors", load.errors, "count"))
        finally:
            gunicorn.stop(server)
    finally:
        services.stop()
        shutil.rmtree(media, ignore_errors=True)
    return results


def _metric(name: str, value, unit: str) -> dict:
    return {
        "metric": name,
        "value": round(value, 2) if isinstance(value, float) else value,
        "unit": unit,
    }


def _require(load, name: str) -> None:
    if not load.requests:
        raise BenchmarkError(f"No request to the {name} succeeded: {dict(load.statuses)}.")


def _query_counts(env: dict) -> dict:
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", QUERY_COUNT_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    marker = next(
        (line for line in result.stdout.splitlines() if line.startswith("QUERY-COUNTS")), None
    )
    if result.returncode != 0 or marker is None:
        (LOG_DIR / "query-counts.log").write_text(result.stdout + result.stderr)
        raise BenchmarkError(
            "Counting queries per page failed; see bench/out/public_site/query-counts.log."
        )
    return json.loads(marker.removeprefix("QUERY-COUNTS"))


def _get(port: int, path: str, headers: dict | None = None) -> bytes:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read()


def _javascript(port: int, html: bytes) -> float:
    """KB of JavaScript a browser downloads for the page: scripts gzip-compressed as
    whitenoise serves them, inline scripts compressed alike."""
    import gzip

    total = 0
    text = html.decode("utf-8", errors="replace")
    for src in sorted(set(re.findall(r'<script[^>]+src="([^"]+)"', text))):
        if src.startswith(("http://", "https://", "//")):
            raise BenchmarkError(f"The page loads a script from elsewhere: {src}.")
        total += len(_get(port, src, {"Accept-Encoding": "gzip"}))
    for attributes, inline in re.findall(
        r"<script(?![^>]*src=)([^>]*)>(.*?)</script>", text, flags=re.S
    ):
        if "json" not in attributes:  # structured data is not code
            total += len(gzip.compress(inline.encode()))
    return round(total / 1024, 1)


def _production_env(services, media: str, port: int) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": services.database_url,
            "REDIS_URL": services.redis_url,
            "ALLOWED_HOSTS": "127.0.0.1",
            "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{port}",
            "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
            "SECURE_SSL_REDIRECT": "false",
            "MEDIA_ROOT": os.path.join(media, "public"),
            "PRIVATE_MEDIA_ROOT": os.path.join(media, "private"),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "CELERY_TASK_ALWAYS_EAGER": "true",
            "LOG_LEVEL": "WARNING",
        }
    )
    for name in ("AWS_STORAGE_BUCKET_NAME", "SENTRY_DSN", "DEBUG"):
        env.pop(name, None)
    return env


def _manage(env: dict, *args: str) -> None:
    began = time.monotonic()
    log = LOG_DIR / f"manage-{args[0]}.log"
    with log.open("wb") as out:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=90,
        )
    if result.returncode != 0:
        lines = [line.strip() for line in log.read_text(errors="replace").splitlines()]
        last = next((line for line in reversed(lines) if line), "no output")
        raise BenchmarkError(
            f"manage.py {args[0]} failed ({last}); see {LOG_DIR.relative_to(ROOT)}/{log.name}."
        )
    print(f"manage.py {args[0]}: {time.monotonic() - began:.1f} s", file=sys.stderr, flush=True)


def _check_home_page(port: int) -> None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            body = response.read()
    except OSError as exc:
        raise BenchmarkError(f"The home page does not answer 200: {exc}.") from exc
    if b"<html" not in body.lower() or b"UMKM" not in body:
        raise BenchmarkError(
            "The home page answered 200 but is not the seeded demo home page "
            "(no UMKM in its HTML); check seed_demo."
        )
