"""gunicorn for the benchmarks that measure over HTTP: a free port, start, wait, stop."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.harness import ROOT, BenchmarkError


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(
    port: int,
    *,
    workers: int,
    threads: int,
    log_dir: Path,
    worker_class: str = "gthread",
    env: dict | None = None,
) -> subprocess.Popen:
    """gunicorn serving config.wsgi on 127.0.0.1:`port`; errors go to log_dir/gunicorn.log."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            worker_class,
            "--threads",
            str(threads),
            "--keep-alive",
            "5",
            "--backlog",
            "2048",
            "--no-control-socket",
            "--log-level",
            "warning",
            "--error-logfile",
            str(log_dir / "gunicorn.log"),
        ],
        cwd=ROOT,
        env=dict(os.environ) if env is None else env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_until_ready(
    port: int, server: subprocess.Popen, log_dir: Path, timeout: float = 30
) -> None:
    deadline = time.monotonic() + timeout
    log = (log_dir / "gunicorn.log").relative_to(ROOT)
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchmarkError(f"gunicorn exited; see {log}.")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise BenchmarkError(f"gunicorn did not answer /readyz within {timeout} s.")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
