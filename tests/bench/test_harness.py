"""`make bench`: discovery, isolation, time limits, the table and results.json."""

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FAST = '''
"""Counts to a thousand.

More text that stays out of results.json.
"""

def run():
    return [
        {"metric": "loops", "value": 1000, "unit": "count"},
        {"metric": "speed", "value": 1234.5678, "unit": "loops/s"},
    ]
'''

BROKEN = """
from bench.harness import BenchmarkError

def run():
    raise BenchmarkError("PostgreSQL is not installed.")
"""

CRASHING = """
def run():
    return 1 / 0
"""

NOT_A_NUMBER = """
def run():
    return [{"metric": "speed", "value": "fast", "unit": "loops/s"}]
"""

SLOW = """
import os, subprocess, time
TIME_LIMIT = 2

def run():
    helper = subprocess.Popen(["sleep", "300"])
    with open(os.environ["BENCH_TEST_PIDFILE"], "w") as f:
        f.write(str(helper.pid))
    time.sleep(300)
    return [{"metric": "never", "value": 1, "unit": ""}]
"""

NO_RUN = """
VALUE = 1
"""


def write(directory, **modules):
    for name, source in modules.items():
        (directory / f"bench_{name}.py").write_text(textwrap.dedent(source))


def bench(directory, *args, env=None):
    output = directory / "results.json"
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--dir", str(directory), "--output", str(output), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=90,
        env={**os.environ, **(env or {})},
    )
    data = json.loads(output.read_text()) if output.exists() else None
    return result, data


def test_runs_every_benchmark_prints_a_table_and_writes_results(tmp_path):
    write(tmp_path, fast=FAST, also=FAST)
    result, data = bench(tmp_path)

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    header = next(line for line in lines if line.startswith("benchmark"))
    assert header.split() == ["benchmark", "metric", "value", "unit"]
    assert any(line.split() == ["fast", "loops", "1,000", "count"] for line in lines)
    assert any(line.split() == ["fast", "speed", "1,234.6", "loops/s"] for line in lines)
    assert any(line.startswith("also ") for line in lines)

    assert [b["name"] for b in data["benchmarks"]] == ["also", "fast"]
    fast = data["benchmarks"][1]
    assert fast["status"] == "ok"
    assert fast["description"] == "Counts to a thousand."
    assert fast["results"][1] == {"metric": "speed", "value": 1234.5678, "unit": "loops/s"}
    machine = data["machine"]
    assert machine["cores"] == os.cpu_count()
    assert machine["python"] == ".".join(map(str, sys.version_info[:3]))
    assert machine["date"].endswith("+00:00")
    assert machine["load_average_1min"] >= 0


def test_runs_only_the_benchmarks_named(tmp_path):
    write(tmp_path, fast=FAST, broken=BROKEN)
    result, data = bench(tmp_path, "fast")
    assert result.returncode == 0
    assert [b["name"] for b in data["benchmarks"]] == ["fast"]


def test_an_unknown_name_is_refused_and_nothing_is_written(tmp_path):
    write(tmp_path, fast=FAST)
    result, data = bench(tmp_path, "nope")
    assert result.returncode == 2
    assert "Unknown benchmark: nope. Known: fast." in result.stdout
    assert data is None


def test_an_empty_directory_says_so(tmp_path):
    result, data = bench(tmp_path)
    assert result.returncode == 2
    assert "No bench_*.py found" in result.stdout
    assert data is None


def test_failures_are_reported_and_the_others_still_run(tmp_path):
    write(tmp_path, fast=FAST, broken=BROKEN, crashing=CRASHING, nan=NOT_A_NUMBER, norun=NO_RUN)
    result, data = bench(tmp_path)

    assert result.returncode == 1
    by_name = {b["name"]: b for b in data["benchmarks"]}
    assert by_name["fast"]["status"] == "ok"
    assert by_name["broken"]["status"] == "failed"
    assert by_name["broken"]["error"] == "PostgreSQL is not installed."
    assert by_name["crashing"]["error"] == "ZeroDivisionError: division by zero"
    assert by_name["nan"]["error"] == "The value of 'speed' must be a number, not 'fast'."
    assert "has no run() function" in by_name["norun"]["error"]
    assert any(
        line.split()[:2] == ["broken", "FAILED"] and "PostgreSQL is not installed." in line
        for line in result.stdout.splitlines()
    )


def test_an_overrunning_benchmark_is_stopped_with_what_it_started(tmp_path):
    write(tmp_path, slow=SLOW)
    pidfile = tmp_path / "helper.pid"
    started = time.monotonic()
    result, data = bench(tmp_path, env={"BENCH_TEST_PIDFILE": str(pidfile)})

    assert time.monotonic() - started < 30
    assert result.returncode == 1
    (slow,) = data["benchmarks"]
    assert slow["status"] == "timed out"
    assert slow["error"] == "stopped after its time limit of 2 s"
    helper = int(pidfile.read_text())
    for _ in range(50):
        if not _alive(helper):
            break
        time.sleep(0.1)
    assert not _alive(helper), "the benchmark's own child process survived"


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie waiting for its parent counts as gone.
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split()[2] != "Z"


@pytest.mark.parametrize("limit", [0, 500])
def test_time_limits_are_kept_between_one_second_and_two_minutes(tmp_path, limit):
    from bench.harness import load, time_limit_of

    path = tmp_path / "bench_x.py"
    path.write_text(f"TIME_LIMIT = {limit}\ndef run():\n    return []\n")
    assert time_limit_of(load(path)) == (1 if limit == 0 else 120)


def test_the_committed_results_come_from_a_real_run():
    data = json.loads((ROOT / "bench" / "results.json").read_text())
    (site,) = [b for b in data["benchmarks"] if b["name"] == "public_site"]
    assert site["status"] == "ok"
    figures = {r["metric"]: r["value"] for r in site["results"]}
    for page in ("home", "directory"):
        assert figures[f"{page}: queries"] > 0
        assert 0 < figures[f"{page}: server p50"] <= figures[f"{page}: server p95"]
        assert figures[f"{page}, 8 connections: errors"] == 0
        assert figures[f"{page}, 8 connections: throughput"] > 0
        assert figures[f"{page}: JavaScript (gzip)"] > 0
