"""Home page ("/", served by Wagtail) under gunicorn on PostgreSQL: throughput and latency.

Starts a throwaway PostgreSQL and Redis (tests/services.py), migrates and seeds the
demo edition with production settings, collects static files, starts gunicorn
(2 gthread workers × 4 threads) on a free port of 127.0.0.1, warms it up, then sends
1,000 GETs over 8 keep-alive connections from threads in this process. The load
generator shares the machine's cores with gunicorn and PostgreSQL, so the figures
are a floor for comparing changes, not a capacity plan.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from bench.harness import ROOT, BenchmarkError
from bench.loadgen import drive
from tests.services import start_services

TIME_LIMIT = 120
REQUESTS = 1000  # about 30 s at the ~35 requests/s a 2-core machine manages
CONCURRENCY = 8
WARMUP_REQUESTS = 50
LOAD_TIME_LIMIT = 50  # seconds; the run reports what it managed if it gets there
TEARDOWN_MARGIN = 15  # seconds kept for stopping gunicorn, PostgreSQL and Redis
WORKERS = 2
THREADS = 4
LOG_DIR = ROOT / "bench" / "out" / "home_page"


def run() -> list[dict]:
    started = time.monotonic()
    if not list(ROOT.glob("*/management/commands/seed_demo.py")):
        raise BenchmarkError(
            "The seed_demo management command does not exist yet; this benchmark measures "
            "the home page of the seeded demo edition."
        )
    shutil.rmtree(LOG_DIR, ignore_errors=True)
    LOG_DIR.mkdir(parents=True)
    services = start_services()
    media = tempfile.mkdtemp(prefix="pameran-bench-media-")
    try:
        port = _free_port()
        env = _production_env(services, media, port)
        _manage(env, "migrate", "--noinput")
        _manage(env, "seed_demo")
        _manage(env, "collectstatic", "--noinput")
        server = _start_gunicorn(env, port)
        try:
            _wait_until_ready(port, server)
            _check_home_page(port)
            print("gunicorn ready; warming up, then measuring", file=sys.stderr, flush=True)
            drive(port, "/", requests=WARMUP_REQUESTS, concurrency=CONCURRENCY, time_limit=10)
            # A slow machine gets fewer requests, not a benchmark killed at its time limit.
            left = TIME_LIMIT - TEARDOWN_MARGIN - (time.monotonic() - started)
            load = drive(
                port,
                "/",
                requests=REQUESTS,
                concurrency=CONCURRENCY,
                time_limit=max(5, min(LOAD_TIME_LIMIT, left)),
            )
        finally:
            _stop(server)
    finally:
        services.stop()
        shutil.rmtree(media, ignore_errors=True)
    if not load.requests:
        raise BenchmarkError(f"No request succeeded: {dict(load.statuses)}.")
    sent = load.requests + load.errors
    if sent < REQUESTS:
        print(f"Time limit reached after {sent} of {REQUESTS} requests.", file=sys.stderr)
    return [
        {"metric": "requests", "value": load.requests, "unit": "count"},
        {"metric": "errors", "value": load.errors, "unit": "count"},
        {"metric": "concurrency", "value": CONCURRENCY, "unit": "connections"},
        {"metric": "connections opened", "value": load.connections, "unit": "count"},
        {"metric": "throughput", "value": round(load.per_second, 1), "unit": "requests/s"},
        {"metric": "latency p50", "value": round(load.percentile(50), 2), "unit": "ms"},
        {"metric": "latency p95", "value": round(load.percentile(95), 2), "unit": "ms"},
        {"metric": "latency p99", "value": round(load.percentile(99), 2), "unit": "ms"},
        {
            "metric": "page size",
            "value": load.bytes_received // max(load.requests, 1),
            "unit": "bytes",
        },
    ]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


def _start_gunicorn(env: dict, port: int) -> subprocess.Popen:
    log = LOG_DIR / "gunicorn.log"
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--worker-class",
            "gthread",
            "--threads",
            str(THREADS),
            "--keep-alive",
            "5",
            "--no-control-socket",
            "--log-level",
            "warning",
            "--error-logfile",
            str(log),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_until_ready(port: int, server: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchmarkError(f"gunicorn exited; see {LOG_DIR.relative_to(ROOT)}/gunicorn.log.")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise BenchmarkError(f"gunicorn did not answer /readyz within {timeout} s.")


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


def _stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
