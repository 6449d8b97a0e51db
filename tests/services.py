"""Throwaway PostgreSQL and Redis servers for the test suite, from Debian's binaries.

``config.settings.test`` calls ``ensure_services`` before it reads the environment:
the first pytest process starts both servers and exports DATABASE_URL and
REDIS_URL, which xdist workers inherit; the servers stop when that process exits.
When DATABASE_URL is set already, those servers are used instead. Benchmarks call
``start_services`` too.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pg_bindir() -> str:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not candidates:
        raise RuntimeError("PostgreSQL is not installed: run `make test` (it installs it).")
    return os.path.dirname(candidates[-1])


def _as_postgres_user(cmd: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


def _wait_for_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"Nothing listens on port {port} after {timeout} s.")


@dataclass
class Services:
    database_url: str
    redis_url: str
    _stops: list = field(default_factory=list)

    def stop(self) -> None:
        while self._stops:
            stop = self._stops.pop()
            with contextlib.suppress(Exception):  # best effort at exit
                stop()


def start_services() -> Services:
    root = tempfile.mkdtemp(prefix="pameran-services-")
    services = Services(database_url="", redis_url="")
    services._stops.append(lambda: shutil.rmtree(root, ignore_errors=True))
    try:
        _start_postgres(root, services)
        _start_redis(root, services)
    except Exception:
        services.stop()
        raise
    atexit.register(services.stop)
    return services


def _start_postgres(root: str, services: Services) -> None:
    bindir = _pg_bindir()
    datadir = os.path.join(root, "pg")
    os.makedirs(datadir)
    if os.geteuid() == 0:
        postgres = pwd.getpwnam("postgres")
        os.chown(root, postgres.pw_uid, postgres.pw_gid)
        os.chown(datadir, postgres.pw_uid, postgres.pw_gid)
    subprocess.run(
        _as_postgres_user(
            [
                f"{bindir}/initdb",
                "-D",
                datadir,
                "-U",
                "pameran",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale",
                "C.UTF-8",
            ]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    port = _free_port()
    process = subprocess.Popen(
        _as_postgres_user(
            [
                f"{bindir}/postgres",
                "-D",
                datadir,
                "-p",
                str(port),
                "-k",
                root,
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "max_connections=200",
            ]
        ),
        stdout=subprocess.DEVNULL,
        stderr=open(os.path.join(root, "postgres.log"), "wb"),  # noqa: SIM115
    )
    services._stops.append(lambda: _terminate(process))
    _wait_for_port(port)
    # The port answers before the server accepts logins; wait for a real query.
    deadline = time.monotonic() + 30
    while True:
        ready = subprocess.run(
            [f"{bindir}/pg_isready", "-h", "127.0.0.1", "-p", str(port), "-U", "pameran"],
            stdout=subprocess.DEVNULL,
        )
        if ready.returncode == 0:
            break
        if time.monotonic() > deadline:
            raise RuntimeError("PostgreSQL did not become ready.")
        time.sleep(0.1)
    services.database_url = f"postgres://pameran@127.0.0.1:{port}/postgres"


def _start_redis(root: str, services: Services) -> None:
    binary = shutil.which("redis-server")
    if not binary:
        raise RuntimeError("redis-server is not installed: run `make test` (it installs it).")
    port = _free_port()
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            root,
        ],
        stdout=subprocess.DEVNULL,
    )
    services._stops.append(lambda: _terminate(process))
    _wait_for_port(port)
    services.redis_url = f"redis://127.0.0.1:{port}/0"


def _terminate(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def ensure_services() -> None:
    if "DATABASE_URL" in os.environ:
        return
    services = start_services()
    os.environ["DATABASE_URL"] = services.database_url
    os.environ["REDIS_URL"] = services.redis_url
