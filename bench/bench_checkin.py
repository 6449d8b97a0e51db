"""Gate check-in (POST /api/v1/checkin/redeem) under gunicorn on PostgreSQL: redeems/s, latency.

Starts a throwaway PostgreSQL and Redis (tests/services.py) and migrates with production
settings in this process. Instead of the whole demo (seed_demo spends ~10 s on exhibitors,
booths and pages the check-in never reads) it builds a dedicated edition whose four days
run from yesterday to the day after tomorrow in WIB, so that "now" is an exhibition day:
the demo's gates and pass types, its ~20,000 passes and a morning of scans
(``tickets.demo.seed_tickets``), and 17,000 more general visitors valid every day
(``tickets.demo.add_visitors``). Two phones sign in at Gerbang Utara and Gerbang Selatan
through ``tickets.services.gate_device_register``, as the scanner does.

gunicorn then serves the API (workers and threads in the results) and the load generator
sends redeems at 1, 8 and 32 concurrent connections, each level with tokens of its own:
every redeem carries a distinct valid token (signed as ``tickets.selectors.pass_token``
signs) and is admitted, except one in 33 that re-sends a token admitted a moment before and
is refused as already inside. Should a level outrun its tokens, they come round again as
exits, then as entries, which are admitted too. Afterwards the scans written are counted in
the database: what the server answered is what it stored.

The load comes from Debian's ``wrk`` with a Lua script when it is installed (`make bench`
installs it): Python threads (bench/loadgen.py) need ~0.1–0.2 ms of CPU and a GIL hand-off
per request on the same two cores as gunicorn and PostgreSQL, which shows at 32
connections. BENCH_LOADGEN=python (or no wrk) uses them instead; the results say which.
At one connection wrk's latencies read up to ~2 ms higher than loadgen's in some runs
(its event loop against the server's small writes: /healthz gives wrk a mean of 6.7 ms
with stalls, loadgen a p50 of 1.1 ms), so compare figures from the same tool only.
Everything shares two cores: the figures compare changes, they do not plan capacity.

With 32 clients each waiting for its answer, latency is 32 / throughput on average
(Little's law): p95 ≤ 15 ms at 32 clients needs well over 2,000 redeems/s, not 1,000.

Targets: p95 ≤ 15 ms at 32 clients and ≥ 1,000 redeems/s.
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
from collections import Counter
from datetime import timedelta
from pathlib import Path

from bench import gunicorn
from bench.harness import ROOT, BenchmarkError
from bench.loadgen import drive
from tests.services import start_services

TIME_LIMIT = 120
TEARDOWN_MARGIN = 12  # seconds kept for stopping gunicorn, PostgreSQL and Redis
EXTRA_VISITORS = 17_000
# (connections, seconds, tokens of its own); wrk runs for the seconds, loadgen stops at either.
LEVELS = [(1, 5, 2_500), (8, 8, 6_000), (32, 8, 8_000)]
WARMUP = (8, 2, 500)
REPEAT_EVERY = 33  # one redeem in 33 re-sends a token just admitted: refused, already inside
# gunicorn: of 2 and 3 sync workers and 2×2, 2×4, 3×2 and 4×2 gthread workers × threads,
# 3 × 2 gave the most redeems/s at 8 and 32 clients on 2 cores (sync workers close the
# connection after each response, so 32 clients queue for 2 of them). Set BENCH_WORKERS,
# BENCH_THREADS and BENCH_WORKER_CLASS to try another.
WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
WORKER_CLASS = os.environ.get("BENCH_WORKER_CLASS", "gthread")
LOADGEN = os.environ.get("BENCH_LOADGEN", "wrk")  # "wrk" if installed, else "python"
TARGET_P95_MS = 15
TARGET_PER_SECOND = 1000
LOG_DIR = ROOT / "bench" / "out" / "checkin"
REDEEM = "/api/v1/checkin/redeem"
GATE_STAFF_EMAIL = "gerbang@pameran.test"


def run() -> list[dict]:
    deadline = time.monotonic() + TIME_LIMIT - TEARDOWN_MARGIN
    shutil.rmtree(LOG_DIR, ignore_errors=True)
    LOG_DIR.mkdir(parents=True)
    services = start_services()
    media = tempfile.mkdtemp(prefix="pameran-bench-media-")
    server = None
    try:
        port = gunicorn.free_port()
        configure(services, media, port, eager=True)
        import django

        django.setup()
        migrate()
        began = time.monotonic()
        event, tokens, devices = _build()
        log(f"edition, {len(tokens):,} tokens and devices in {time.monotonic() - began:.1f} s")
        server = gunicorn.start(
            port, workers=WORKERS, threads=THREADS, worker_class=WORKER_CLASS, log_dir=LOG_DIR
        )
        gunicorn.wait_until_ready(port, server, LOG_DIR)
        tool = "wrk" if LOADGEN == "wrk" and shutil.which("wrk") else "python"
        pools = _pools(tokens)
        _load(tool, port, "warm", WARMUP[0], WARMUP[1], pools.pop(0), devices, deadline)
        results = [
            {"metric": "load generator", "value": 1 if tool == "wrk" else 0, "unit": tool},
            {"metric": "gunicorn workers", "value": WORKERS, "unit": WORKER_CLASS},
            {"metric": "threads per worker", "value": THREADS, "unit": "threads"},
        ]
        for (clients, seconds, _size), pool in zip(LEVELS, pools, strict=True):
            if time.monotonic() + seconds + 3 > deadline:
                log(f"Time limit near: {clients} clients not measured.")
                continue
            results.append(
                {
                    "metric": f"{clients} client{'s' if clients > 1 else ''}: machine load before",
                    "value": round(os.getloadavg()[0], 2),
                    "unit": "1-min load average",
                }
            )
            load = _load(tool, port, f"c{clients}", clients, seconds, pool, devices, deadline)
            stored = _stored(event, f"c{clients}-")
            results += _figures(clients, load, stored)
        return results
    finally:
        if server is not None:
            gunicorn.stop(server)
        from django.db import connections

        connections.close_all()  # PostgreSQL's smart shutdown waits for open sessions
        services.stop()
        shutil.rmtree(media, ignore_errors=True)


# --- shared with bench_registration -----------------------------------------------------------


def configure(services, media: str, port: int, *, eager: bool) -> None:
    """Production settings in this process and in the gunicorn it starts."""
    for name in [k for k in os.environ if k.startswith(("DJANGO_", "PYTEST"))]:
        del os.environ[name]
    for name in ("AWS_STORAGE_BUCKET_NAME", "SENTRY_DSN", "DEBUG", "CELERY_BROKER_URL"):
        os.environ.pop(name, None)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": services.database_url,
            "REDIS_URL": services.redis_url,
            "ALLOWED_HOSTS": "127.0.0.1,testserver",
            "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{port}",
            "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
            "SECURE_SSL_REDIRECT": "false",
            "MEDIA_ROOT": os.path.join(media, "public"),
            "PRIVATE_MEDIA_ROOT": os.path.join(media, "private"),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "CELERY_TASK_ALWAYS_EAGER": "true" if eager else "false",
            "LOG_LEVEL": "WARNING",
        }
    )


def migrate() -> None:
    from django.core.management import call_command

    began = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    log(f"migrate: {time.monotonic() - began:.1f} s")


def bench_edition(slug: str, *, first_day_offset: int, capacity: int, registration_open: bool):
    """A published edition of four days from today + ``first_day_offset`` (WIB)."""
    from datetime import time as clock
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from events.models import Event, EventDay, EventStatus, TimeZone, Venue
    from events.regions import Province

    zone = ZoneInfo(TimeZone.WIB)
    today = timezone.now().astimezone(zone).date()
    venue = Venue.objects.create(
        name="Pamedan Pura Mangkunegaran",
        address="Jl. Ronggowarsito, Keprabon, Kec. Banjarsari",
        city="Kota Surakarta",
        province=Province.JAWA_TENGAH,
    )
    now = timezone.now()
    event = Event.objects.create(
        name=f"Bench {slug}",
        slug=slug,
        year=today.year,
        venue=venue,
        time_zone=TimeZone.WIB,
        status=EventStatus.PUBLISHED,
        visitor_registration_opens_at=now - timedelta(days=30),
        visitor_registration_closes_at=(
            now + timedelta(days=30) if registration_open else now - timedelta(days=1)
        ),
    )
    for offset in range(4):
        EventDay.objects.create(
            event=event,
            date=today + timedelta(days=first_day_offset + offset),
            opens_at=clock(0, 0),
            closes_at=clock(23, 59),
            visitor_capacity=capacity,
        )
    return event


def gate_staff(event):
    from accounts.models import Role, User
    from accounts.services import role_grant

    user = User.objects.filter(email=GATE_STAFF_EMAIL).first()
    if user is None:
        user = User.objects.create(email=GATE_STAFF_EMAIL, full_name="Bambang Setiawan")
    role_grant(user=user, role=Role.GATE_STAFF, scope=event)
    return user


def analyze() -> None:
    # Fresh statistics, as autovacuum would give a live database after a bulk load.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def wrk_run(
    port: int, script: Path, *, connections: int, seconds: int, log_name: str, log_dir=None
) -> dict:
    """Run wrk with ``script`` (whose done() prints one WRKJSON line); its figures."""
    log_dir = log_dir or LOG_DIR
    threads = min(connections, 2)
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
        f"http://127.0.0.1:{port}",
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 30, cwd=script.parent
    )
    (log_dir / log_name).write_text(result.stdout + result.stderr)
    match = re.search(r"^WRKJSON (.*)$", result.stdout, re.MULTILINE)
    if result.returncode != 0 or match is None:
        raise BenchmarkError(f"wrk failed ({result.returncode}); see bench/out/.../{log_name}.")
    return json.loads(match.group(1))


WRK_DONE = r"""
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d, "p50": %.1f, "p95": %.1f, "p99": %.1f, "max": %.1f, ' ..
    '"mean": %.1f}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    latency.mean))
end
"""


# --- the check-in benchmark ------------------------------------------------------------------


def _build():
    from events.models import EventDay
    from tickets import tokens as token_format
    from tickets.demo import add_visitors, seed_tickets
    from tickets.models import Gate, Pass
    from tickets.selectors import pass_token
    from tickets.services import gate_device_register, signing_key_for

    event = bench_edition(
        "bench-checkin", first_day_offset=-1, capacity=100_000, registration_open=False
    )
    staff = gate_staff(event)
    began = time.monotonic()
    summary = seed_tickets(event=event)
    log(f"seed_tickets: {time.monotonic() - began:.1f} s: {summary}")
    began = time.monotonic()
    ids = add_visitors(event=event, count=EXTRA_VISITORS)
    log(f"add_visitors: {len(ids):,} passes in {time.monotonic() - began:.1f} s")
    analyze()
    devices = [
        gate_device_register(gate=Gate.objects.get(event=event, code=code), name=name, actor=staff)[
            1
        ]
        for code, name in (("utara", "HP bench utara"), ("selatan", "HP bench selatan"))
    ]
    key = signing_key_for(event)
    private = bytes(key.private_key)
    rows = Pass.objects.filter(pk__in=ids).order_by("pk")
    tokens = [
        token_format.sign(
            token_format.Claims(
                kid=key.kid,
                event_id=event.pk,
                pass_id=pk,
                serial=serial,
                pass_type_id=type_id,
                day_mask=mask,
            ),
            private,
        )
        for pk, serial, type_id, mask in rows.values_list(
            "pk", "serial", "pass_type_id", "day_mask"
        )
    ]
    first = rows.select_related("event").first()
    if pass_token(first) != tokens[0]:
        raise BenchmarkError("The bench signs tokens differently from tickets.selectors.")
    days = EventDay.objects.filter(event=event).count()
    log(f"{days} days from yesterday; {len(tokens):,} tokens signed")
    return event, tokens, devices


def _pools(tokens: list[str]) -> list[list[str]]:
    pools, start = [], 0
    for size in [WARMUP[2], *(size for _c, _s, size in LEVELS)]:
        pools.append(tokens[start : start + size])
        start += size
    if any(not pool for pool in pools):
        raise BenchmarkError("Not enough tokens for every level.")
    return pools


def _scan_body(label: str, number: int, pool: list[str]) -> bytes:
    """Redeem ``number`` of a level: a fresh token, or (1 in REPEAT_EVERY) one just admitted."""
    if number and number % REPEAT_EVERY == 0:
        token, direction = pool[(number - 1) % len(pool)], "in"
    else:
        fresh = number - number // REPEAT_EVERY
        rounds, index = divmod(fresh, len(pool))
        token, direction = pool[index], "out" if rounds % 2 else "in"
    return json.dumps({"nonce": f"{label}-{number:07d}", "code": token, "direction": direction})


WRK_SCRIPT = r"""
local tokens_file, label, repeat_every = "%(tokens)s", "%(label)s", %(repeat)d
local devices, threads = {%(devices)s}, %(threads)d
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  pool = {}
  local n = 0
  for line in io.lines(tokens_file) do
    if n %% threads == id then pool[#pool + 1] = line end
    n = n + 1
  end
  number, fresh = 0, 0
  headers = {["Content-Type"] = "application/json",
             ["Authorization"] = "Bearer " .. devices[(id %% #devices) + 1]}
end

function request()
  number = number + 1
  local token, direction
  if number %% repeat_every == 0 and fresh > 0 then
    token, direction = pool[(fresh - 1) %% #pool + 1], "in"
  else
    local index = fresh %% #pool + 1
    local round = math.floor(fresh / #pool)
    token = pool[index]
    direction = (round %% 2 == 0) and "in" or "out"
    fresh = fresh + 1
  end
  local nonce = string.format("%%s-%%d-%%07d", label, id, number)
  local body = '{"nonce":"' .. nonce .. '","code":"' .. token .. '","direction":"' ..
    direction .. '"}'
  return wrk.format("POST", "%(path)s", headers, body)
end
"""


def _load(tool, port, label, clients, seconds, pool, devices, deadline) -> dict:
    """Drive one level; latency in ms, whichever tool."""
    began = time.monotonic()
    if tool == "wrk":
        directory = Path(tempfile.mkdtemp(prefix="pameran-wrk-"))
        try:
            tokens_file = directory / "tokens.txt"
            tokens_file.write_text("\n".join(pool) + "\n")
            script = directory / "redeem.lua"
            script.write_text(
                WRK_SCRIPT
                % {
                    "tokens": tokens_file,
                    "label": label,
                    "repeat": REPEAT_EVERY,
                    "devices": ", ".join(f'"{d}"' for d in devices),
                    "threads": min(clients, 2),
                    "path": REDEEM,
                }
                + WRK_DONE
            )
            figures = wrk_run(
                port, script, connections=clients, seconds=seconds, log_name=f"wrk-{label}.txt"
            )
        finally:
            shutil.rmtree(directory, ignore_errors=True)
        errors = sum(figures[k] for k in ("connect", "read", "write", "status", "timeout"))
        load = {
            "requests": figures["requests"] - figures["status"],
            "errors": errors,
            "seconds": figures["duration_us"] / 1e6,
            "p50": figures["p50"] / 1000,
            "p95": figures["p95"] / 1000,
            "p99": figures["p99"] / 1000,
        }
    else:
        left = max(3.0, deadline - time.monotonic() - 5)
        result = drive(
            port,
            REDEEM,
            requests=10**7,
            concurrency=clients,
            time_limit=min(seconds, left),
            method="POST",
            body=lambda n: _scan_body(label, n, pool).encode(),
            headers=lambda n: {
                "Content-Type": "application/json",
                "Authorization": f"Bearer {devices[n % len(devices)]}",
            },
        )
        load = {
            "requests": result.requests,
            "errors": result.errors,
            "seconds": result.seconds,
            "p50": result.percentile(50),
            "p95": result.percentile(95),
            "p99": result.percentile(99),
        }
    load["per_second"] = load["requests"] / load["seconds"] if load["seconds"] else 0.0
    log(
        f"{label}: {clients} clients, {load['requests']:,} redeems in {load['seconds']:.1f} s "
        f"= {load['per_second']:,.0f}/s, p50 {load['p50']:.1f} p95 {load['p95']:.1f} "
        f"p99 {load['p99']:.1f} ms, {load['errors']} errors ({time.monotonic() - began:.1f} s)"
    )
    return load


def _stored(event, prefix: str) -> Counter:
    """What the server wrote for one level: scans by result, and refusals by reason."""
    from django.db.models import Count

    from tickets.models import CheckIn

    rows = (
        CheckIn.objects.filter(event=event, nonce__startswith=prefix)
        .values_list("result", "reason")
        .annotate(n=Count("pk"))
    )
    stored = Counter()
    for result, reason, n in rows:
        stored[result] += n
        if result == "refused":
            stored[f"refused:{reason}"] += n
    return stored


def _figures(clients: int, load: dict, stored: Counter) -> list[dict]:
    admitted, refused = stored["admitted"], stored["refused"]
    reasons = {k.removeprefix("refused:"): v for k, v in stored.items() if ":" in k}
    log(f"  stored: {admitted:,} admitted, {refused:,} refused {reasons}")
    # wrk stops counting at its deadline; the redeems in flight then are stored, not counted.
    if not load["requests"] <= admitted + refused <= load["requests"] + clients:
        raise BenchmarkError(
            f"{clients} clients: {load['requests']:,} answers but {admitted + refused:,} stored"
        )
    if clients == 32:
        p95, rate = load["p95"], load["per_second"]
        log(
            f"  targets: p95 {p95:.1f} ms ({'within' if p95 <= TARGET_P95_MS else 'OVER'} "
            f"{TARGET_P95_MS}), {rate:,.0f}/s "
            f"({'reached' if rate >= TARGET_PER_SECOND else 'BELOW'} {TARGET_PER_SECOND:,})"
        )
    tag = f"{clients} client{'s' if clients > 1 else ''}"
    return [
        {
            "metric": f"{tag}: throughput",
            "value": round(load["per_second"], 1),
            "unit": "redeems/s",
        },
        {"metric": f"{tag}: latency p50", "value": round(load["p50"], 2), "unit": "ms"},
        {"metric": f"{tag}: latency p95", "value": round(load["p95"], 2), "unit": "ms"},
        {"metric": f"{tag}: latency p99", "value": round(load["p99"], 2), "unit": "ms"},
        {"metric": f"{tag}: admitted", "value": admitted, "unit": "scans"},
        {"metric": f"{tag}: refused", "value": refused, "unit": "scans"},
        {"metric": f"{tag}: errors", "value": load["errors"], "unit": "count"},
    ]
