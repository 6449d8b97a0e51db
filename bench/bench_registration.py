"""Visitor registration (POST /tiket/<edition>/daftar/) under gunicorn: registrations/s, latency.

Starts a throwaway PostgreSQL and Redis (tests/services.py) and migrates with production
settings in this process, with Celery not eager: the pass email is queued to the Redis
broker, as in production, not sent inside the request (no worker runs; the queue is
counted at the end). It builds an edition whose visitor registration is open now, with
the demo's gates and pass types and its ~20,000 passes (``tickets.demo.seed_tickets``), so
the email-uniqueness check and the tallies work on tables of a real size.

gunicorn serves the site (workers and threads in the results). The benchmark GETs the
form once for its CSRF cookie and token and its signed time stamp, waits until the stamp
is old enough (the form refuses answers sent within 3 s), then sends the registrations
with Debian's ``wrk`` and a Lua script when it is installed (`make bench` installs it),
else with bench/loadgen.py (BENCH_LOADGEN=python forces it): general visitors, each
with a distinct email and a distinct X-Forwarded-For (the per-address throttle counts
the last entry, as behind the production proxy), one or two days each. Every
registration must answer 302 (to the "registered" page); afterwards the registrations
are counted in the database and the ``deliver_pass`` tasks in Redis (LLEN of the
``celery`` list).

Target: ≥ 200 registrations/s with p95 ≤ 150 ms.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import time
import urllib.parse
import urllib.request
from base64 import b64decode
from pathlib import Path

from bench import gunicorn
from bench.bench_checkin import (
    WRK_DONE,
    analyze,
    bench_edition,
    configure,
    log,
    migrate,
    wrk_run,
)
from bench.harness import ROOT, BenchmarkError
from bench.loadgen import drive
from tests.services import start_services

TIME_LIMIT = 120
TEARDOWN_MARGIN = 12
CONCURRENCY = 8
REQUESTS = 4_000
LOAD_SECONDS = 15
WARMUP_REQUESTS = 100
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
THREADS = int(os.environ.get("BENCH_THREADS", "4"))
WORKER_CLASS = os.environ.get("BENCH_WORKER_CLASS", "gthread")
LOADGEN = os.environ.get("BENCH_LOADGEN", "wrk")  # "wrk" if installed, else "python"
TARGET_PER_SECOND = 200
TARGET_P95_MS = 150
SLUG = "bench-daftar"
LOG_DIR = ROOT / "bench" / "out" / "registration"


def run() -> list[dict]:
    deadline = time.monotonic() + TIME_LIMIT - TEARDOWN_MARGIN
    shutil.rmtree(LOG_DIR, ignore_errors=True)
    LOG_DIR.mkdir(parents=True)
    services = start_services()
    media = tempfile.mkdtemp(prefix="pameran-bench-media-")
    server = None
    try:
        port = gunicorn.free_port()
        configure(services, media, port, eager=False)
        import django

        django.setup()
        migrate()
        began = time.monotonic()
        event, pass_type, days, summary = _build()
        log(f"edition in {time.monotonic() - began:.1f} s: {summary}")
        server = gunicorn.start(
            port, workers=WORKERS, threads=THREADS, worker_class=WORKER_CLASS, log_dir=LOG_DIR
        )
        gunicorn.wait_until_ready(port, server, LOG_DIR)
        form = _form(port)
        body = _body_factory(form, pass_type, days)
        headers = _headers_factory(form)
        wait = form["stamped_at"] + 3.2 - time.monotonic()
        if wait > 0:
            time.sleep(wait)  # the form refuses a stamp younger than 3 s
        tool = "wrk" if LOADGEN == "wrk" and shutil.which("wrk") else "python"
        warm = _drive(tool, port, form, pass_type, days, body, headers, "warm", 2, 10**6)
        if warm.requests == 0:
            raise BenchmarkError(
                f"No registration succeeded ({dict(warm.statuses)}): "
                f"{_explain(port, form, body(0), headers(0))}"
            )
        left = deadline - time.monotonic() - 8
        load_before = os.getloadavg()[0]
        seconds = max(5, min(LOAD_SECONDS, left))
        load = _drive(tool, port, form, pass_type, days, body, headers, "load", seconds, 0)
        stored, queued, task = _stored(event, services.redis_url)
    finally:
        if server is not None:
            gunicorn.stop(server)
        from django.db import connections

        connections.close_all()
        services.stop()
        shutil.rmtree(media, ignore_errors=True)
    answered = warm.requests + load.requests
    log(
        f"{load.requests:,} registrations in {load.seconds:.1f} s = {load.per_second:,.0f}/s, "
        f"p50 {load.percentile(50):.1f} p95 {load.percentile(95):.1f} "
        f"p99 {load.percentile(99):.1f} ms; {load.errors} errors {dict(load.statuses)}"
    )
    log(f"stored {stored:,} registrations for {answered:,} redirects; {queued:,} tasks ({task})")
    # wrk stops with up to one request per connection unanswered; the server may have
    # stored those. Fewer stored than answered, or more than that, is a lost or extra write.
    in_flight = 2 * CONCURRENCY if tool == "wrk" else 0
    if not answered <= stored <= answered + in_flight:
        raise BenchmarkError(f"{answered:,} registrations answered but {stored:,} stored.")
    if queued != stored:
        raise BenchmarkError(f"{stored:,} registrations but {queued:,} tasks in the broker.")
    p95, rate = load.percentile(95), load.per_second
    log(
        f"targets: {rate:,.0f}/s ({'reached' if rate >= TARGET_PER_SECOND else 'BELOW'} "
        f"{TARGET_PER_SECOND}), p95 {p95:.1f} ms "
        f"({'within' if p95 <= TARGET_P95_MS else 'OVER'} {TARGET_P95_MS})"
    )
    return [
        {
            "metric": "load generator",
            "value": 1 if tool == "wrk" else 0,
            "unit": tool if tool == "wrk" else "python (bench/loadgen.py)",
        },
        {"metric": "gunicorn workers", "value": WORKERS, "unit": WORKER_CLASS},
        {"metric": "threads per worker", "value": THREADS, "unit": "threads"},
        {"metric": "concurrency", "value": CONCURRENCY, "unit": "connections"},
        {"metric": "machine load before", "value": round(load_before, 2), "unit": "1-min load"},
        {"metric": "registrations", "value": load.requests, "unit": "count"},
        {"metric": "errors", "value": load.errors, "unit": "count"},
        {"metric": "throughput", "value": round(rate, 1), "unit": "registrations/s"},
        {"metric": "latency p50", "value": round(load.percentile(50), 2), "unit": "ms"},
        {"metric": "latency p95", "value": round(p95, 2), "unit": "ms"},
        {"metric": "latency p99", "value": round(load.percentile(99), 2), "unit": "ms"},
        {"metric": "emails queued", "value": queued, "unit": "tasks in Redis"},
    ]


def _build():
    from tickets.demo import bring_gates_and_types, seed_tickets

    event = bench_edition(SLUG, first_day_offset=20, capacity=100_000, registration_open=True)
    summary = seed_tickets(event=event)
    _gates, types = bring_gates_and_types(event)
    analyze()
    days = list(event.days.order_by("date").values_list("pk", flat=True))
    return event, types["general"], days, summary


def _form(port: int) -> dict:
    """GET the form: its CSRF cookie and token and its signed time stamp."""
    path = f"/tiket/{SLUG}/daftar/"
    stamped_at = time.monotonic()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
        html = response.read().decode()
        cookies = response.headers.get_all("Set-Cookie") or []
    csrf_cookie = next(
        (c.split(";", 1)[0].split("=", 1)[1] for c in cookies if c.startswith("csrftoken=")), ""
    )
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    stamp = re.search(r'name="stamp" value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="stamp"', html
    )
    if not (csrf_cookie and token and stamp):
        raise BenchmarkError(f"The registration form at {path} has no CSRF token or stamp.")
    return {
        "path": path,
        "cookie": csrf_cookie,
        "token": token.group(1),
        "stamp": stamp.group(1),
        "stamped_at": stamped_at,
    }


def _body_factory(form: dict, pass_type, days: list[int]):
    def body(n: int) -> bytes:
        fields = [
            ("csrfmiddlewaretoken", form["token"]),
            ("stamp", form["stamp"]),
            ("website", ""),
            ("pass_type", str(pass_type.pk)),
            ("days", str(days[n % len(days)])),
            ("contact_name", f"Pengunjung Uji {n}"),
            ("email", f"pengunjung.{n}@example.com"),
            ("phone", f"0812{n % 10**8:08d}"),
            ("province", "33"),
            ("city", "Kota Surakarta"),
            ("category", "public"),
            ("organisation", ""),
            ("members", ""),
            ("consent", "on"),
        ]
        if n % 4 == 0:  # some come on two days
            fields.append(("days", str(days[(n + 1) % len(days)])))
        return urllib.parse.urlencode(fields).encode()

    return body


def _headers_factory(form: dict):
    def headers(n: int) -> dict:
        return {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={form['cookie']}",
            # Behind the proxy, the last entry is the client: one address per visitor.
            "X-Forwarded-For": f"203.0.113.7, 10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}",
        }

    return headers


class _WrkLoad:
    """wrk's figures in the shape of bench.loadgen.LoadResult, as far as this file reads it."""

    def __init__(self, figures: dict):
        self.errors = sum(figures[k] for k in ("connect", "read", "write", "status", "timeout"))
        self.requests = figures["requests"] - figures["status"]
        self.seconds = figures["duration_us"] / 1e6
        self.per_second = self.requests / self.seconds if self.seconds else 0.0
        self.statuses = {"non-2xx/3xx": figures["status"]} if figures["status"] else {}
        self._ms = {p: figures[f"p{p}"] / 1000 for p in (50, 95, 99)}

    def percentile(self, p: float) -> float:
        return self._ms[p]


WRK_SCRIPT = r"""
local token, stamp, cookie = "%(token)s", "%(stamp)s", "%(cookie)s"
local pass_type, days, first = "%(pass_type)s", {%(days)s}, %(first)d
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  number = 0
end

function request()
  -- Distinct emails and addresses across both wrk threads: thread id in the low bits.
  local n = first + number * 2 + id
  number = number + 1
  local body = "csrfmiddlewaretoken=" .. token .. "&stamp=" .. stamp .. "&website=" ..
    "&pass_type=" .. pass_type .. "&days=" .. days[n %% #days + 1] ..
    "&contact_name=Pengunjung+Uji+" .. n .. "&email=pengunjung." .. n .. "%%40example.com" ..
    "&phone=0812" .. string.format("%%08d", n %% 100000000) .. "&province=33" ..
    "&city=Kota+Surakarta&category=public&organisation=&members=&consent=on"
  if n %% 4 == 0 then body = body .. "&days=" .. days[(n + 1) %% #days + 1] end
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=" .. cookie,
    ["X-Forwarded-For"] = string.format("203.0.113.7, 10.%%d.%%d.%%d",
      math.floor(n / 65536) %% 256, math.floor(n / 256) %% 256, n %% 256),
  }
  return wrk.format("POST", "%(path)s", headers, body)
end
"""


def _drive(tool, port, form, pass_type, days, body, headers, label, seconds, first):
    """One run of registrations for ``seconds`` (numbered from ``first``), whichever tool."""
    if tool == "python":
        return drive(
            port,
            form["path"],
            requests=WARMUP_REQUESTS if label == "warm" else REQUESTS,
            concurrency=CONCURRENCY,
            time_limit=15 if label == "warm" else seconds,
            method="POST",
            expect_status=302,
            body=lambda n: body(first + n),
            headers=lambda n: headers(first + n),
        )
    directory = Path(tempfile.mkdtemp(prefix="pameran-wrk-"))
    try:
        script = directory / "register.lua"
        script.write_text(
            WRK_SCRIPT
            % {
                "token": urllib.parse.quote(form["token"]),
                "stamp": urllib.parse.quote(form["stamp"]),
                "cookie": form["cookie"],
                "pass_type": pass_type.pk,
                "days": ", ".join(f'"{day}"' for day in days),
                "first": first,
                "path": form["path"],
            }
            + WRK_DONE
        )
        figures = wrk_run(
            port,
            script,
            connections=CONCURRENCY,
            seconds=int(seconds),
            log_name=f"wrk-{label}.txt",
            log_dir=LOG_DIR,
        )
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    return _WrkLoad(figures)


def _explain(port: int, form: dict, data: bytes, headers: dict) -> str:
    """Why a registration did not redirect: the first error messages on the page."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{form['path']}", data=data, headers=headers
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            html = response.read().decode()
    except OSError as exc:
        return str(exc)
    errors = re.findall(r'class="[^"]*(?:invalid-feedback|alert)[^"]*"[^>]*>([^<]+)<', html)
    return "; ".join(e.strip() for e in errors[:3]) or "no message on the page"


def _stored(event, redis_url: str) -> tuple[int, int, str]:
    """Registrations written for the edition (besides the seeded ones); tasks in the broker."""
    import redis

    from tickets.models import Registration

    stored = Registration.objects.filter(event=event, email__endswith="@example.com").count()
    broker = redis.Redis.from_url(redis_url)
    queued = broker.llen("celery")
    task = ""
    last = broker.lindex("celery", -1)
    if last:
        message = json.loads(last)
        task = message.get("headers", {}).get("task", "")
        if not task and message.get("body"):
            task = str(json.loads(b64decode(message["body"])))[:80]
    return stored, queued, task
