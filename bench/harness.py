"""Find, run and report the benchmarks in bench/.

Each ``bench_*.py`` runs in a child process (``python -m bench --child FILE OUT``)
in its own session, so a benchmark may set environment variables and start servers,
and one that overruns its time limit is stopped with everything it started. The
parent prints a table (benchmark, metric, value, unit) and writes results.json with
the machine the figures came from.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
RESULTS_FILE = BENCH_DIR / "results.json"
DEFAULT_TIME_LIMIT = 120  # seconds; also the most a benchmark may ask for
STOP_GRACE = 20  # seconds between SIGTERM and SIGKILL for an overrunning benchmark


class BenchmarkError(Exception):
    """A benchmark cannot run; the message says why and what to do."""


@dataclass
class Outcome:
    name: str
    description: str
    status: str  # "ok", "failed" or "timed out"
    seconds: float
    results: list[dict] = field(default_factory=list)
    error: str = ""


def discover(directory: Path = BENCH_DIR) -> list[Path]:
    return sorted(directory.glob("bench_*.py"))


def bench_name(path: Path) -> str:
    return path.stem.removeprefix("bench_")


def load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    if not callable(getattr(module, "run", None)):
        raise BenchmarkError(f"{path.name} has no run() function.")
    return module


def describe(module) -> str:
    doc = (module.__doc__ or "").strip()
    return doc.splitlines()[0] if doc else ""


def time_limit_of(module) -> int:
    limit = int(getattr(module, "TIME_LIMIT", DEFAULT_TIME_LIMIT))
    return max(1, min(limit, DEFAULT_TIME_LIMIT))


def validate(results) -> list[dict]:
    if not isinstance(results, list) or not results:
        raise BenchmarkError("run() must return a non-empty list of measurements.")
    clean = []
    for item in results:
        if not isinstance(item, dict):
            raise BenchmarkError(f"A measurement must be a dict, not {item!r}.")
        metric, value, unit = item.get("metric"), item.get("value"), item.get("unit", "")
        if not isinstance(metric, str) or not metric:
            raise BenchmarkError(f"A measurement needs a metric name: {item!r}.")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise BenchmarkError(f"The value of {metric!r} must be a number, not {value!r}.")
        if not isinstance(unit, str):
            raise BenchmarkError(f"The unit of {metric!r} must be text, not {unit!r}.")
        clean.append({"metric": metric, "value": value, "unit": unit})
    return clean


# The child: run one benchmark and write its measurements (or its error) as JSON.


def _stop_on_sigterm(signum, frame):
    raise SystemExit(128 + signum)  # runs the benchmark's finally blocks and atexit


def run_child(path: Path, out: Path) -> int:
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        results = validate(load(path).run())
    except BenchmarkError as exc:
        print(f"{path.name}: {exc}", file=sys.stderr)
        out.write_text(json.dumps({"error": str(exc)}))
        return 1
    except Exception as exc:
        traceback.print_exc()
        message = "".join(traceback.format_exception_only(exc)).strip()
        out.write_text(json.dumps({"error": message}))
        return 1
    out.write_text(json.dumps({"results": results}))
    return 0


# The parent: one child per benchmark, bounded in time.


def run_one(path: Path) -> Outcome:
    name = bench_name(path)
    started = time.monotonic()
    try:
        module = load(path)
    except Exception as exc:
        message = "".join(traceback.format_exception_only(exc)).strip()
        return Outcome(name, "", "failed", 0.0, error=message)
    description, limit = describe(module), time_limit_of(module)
    with tempfile.TemporaryDirectory(prefix="pameran-bench-") as tmp:
        out = Path(tmp) / "out.json"
        child = subprocess.Popen(
            [sys.executable, "-m", "bench", "--child", str(path), str(out)],
            cwd=ROOT,
            start_new_session=True,
        )
        try:
            child.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            _stop_group(child)
            seconds = round(time.monotonic() - started, 1)
            error = f"stopped after its time limit of {limit} s"
            return Outcome(name, description, "timed out", seconds, error=error)
        seconds = round(time.monotonic() - started, 1)
        try:
            report = json.loads(out.read_text())
        except (OSError, ValueError):
            report = {"error": f"the benchmark process exited with status {child.returncode}"}
    if "error" in report:
        return Outcome(name, description, "failed", seconds, error=report["error"])
    return Outcome(name, description, "ok", seconds, results=report["results"])


def _stop_group(child: subprocess.Popen) -> None:
    for sig, wait in ((signal.SIGTERM, STOP_GRACE), (signal.SIGKILL, 5)):
        try:
            os.killpg(child.pid, sig)
        except ProcessLookupError:
            return
        try:
            child.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        # Other work on the machine slows every figure; this says how busy it was.
        "load_average_1min": round(os.getloadavg()[0], 2),
        "date": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
    }


def commit() -> str:
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
        )
    except OSError:
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def format_value(value) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) >= 10 else f"{value:,.2f}"
    return f"{value:,}"


def table(outcomes: list[Outcome]) -> str:
    rows = [("benchmark", "metric", "value", "unit")]
    for outcome in outcomes:
        if outcome.status != "ok":
            rows.append((outcome.name, outcome.status.upper(), "", outcome.error))
            continue
        for item in outcome.results:
            rows.append((outcome.name, item["metric"], format_value(item["value"]), item["unit"]))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = []
    for index, row in enumerate(rows):
        name, metric, value, unit = row
        lines.append(
            f"{name:<{widths[0]}}  {metric:<{widths[1]}}  {value:>{widths[2]}}  {unit}".rstrip()
        )
        if index == 0:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 4)
    return "\n".join(lines)


def report(outcomes: list[Outcome], machine_info: dict) -> dict:
    return {
        "machine": machine_info,
        "commit": commit(),
        "benchmarks": [asdict(outcome) for outcome in outcomes],
    }


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        return run_child(Path(argv[1]), Path(argv[2]))
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--dir", type=Path, default=BENCH_DIR, help=argparse.SUPPRESS)
    parser.add_argument("--output", type=Path, default=RESULTS_FILE, help="results file")
    args = parser.parse_args(argv)

    paths = discover(args.dir)
    if args.names:
        known = {bench_name(path): path for path in paths}
        unknown = [name for name in args.names if name not in known]
        if unknown:
            print(f"Unknown benchmark: {', '.join(unknown)}. Known: {', '.join(known)}.")
            return 2
        paths = [known[name] for name in args.names]
    if not paths:
        print(f"No bench_*.py found in {args.dir.name}/.")
        return 2

    machine_info = machine()  # before the run: its date and how busy the machine was
    outcomes = []
    for path in paths:
        print(f"== {bench_name(path)}", flush=True)
        outcomes.append(run_one(path))
    data = report(outcomes, machine_info)
    args.output.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    info = data["machine"]
    print()
    print(
        f"{info['cores']} cores · {info['cpu']} · Python {info['python']} · {info['date']}"
        + f" · load {info['load_average_1min']}"
        + (f" · commit {data['commit']}" if data["commit"] else "")
    )
    print(table(outcomes))
    print(f"\nWrote {args.output.name}.")
    return 0 if all(outcome.status == "ok" for outcome in outcomes) else 1
