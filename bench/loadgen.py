"""A small HTTP load generator: threads, one keep-alive connection each, 127.0.0.1 only.

GET by default; ``method``, ``body`` and ``headers`` send anything else. ``path``, ``body``
and ``headers`` may be functions of the request's number (0, 1, 2 … across all threads),
so every request can carry its own token, email or client address.
"""

from __future__ import annotations

import http.client
import math
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass
class LoadResult:
    requests: int = 0  # responses with the expected status
    errors: int = 0  # other statuses, and requests that raised
    seconds: float = 0.0
    connections: int = 0  # TCP connections opened (keep-alive keeps this near concurrency)
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    bytes_received: int = 0

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        """Nearest-rank percentile of the successful requests' latencies, in ms."""
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        rank = max(1, math.ceil(p / 100 * len(ordered)))
        return ordered[rank - 1]


class _CountingConnection(http.client.HTTPConnection):
    opened = 0
    _lock = threading.Lock()

    def connect(self):
        super().connect()
        with self._lock:
            type(self).opened += 1


def _per_request(value, default):
    if value is None:
        return lambda number: default
    if callable(value):
        return value
    return lambda number: value


def drive(
    port: int,
    path: str | Callable[[int], str] = "/",
    *,
    requests: int,
    concurrency: int,
    time_limit: float,
    host: str = "127.0.0.1",
    expect_status: int = 200,
    headers: dict | Callable[[int], dict] | None = None,
    method: str = "GET",
    body: bytes | Callable[[int], bytes] | None = None,
) -> LoadResult:
    """Send ``requests`` requests over ``concurrency`` connections, stopping at ``time_limit`` s.

    Request ``n`` goes to ``path(n)`` with ``headers(n)`` and ``body(n)`` when those are
    functions; building them is not timed.
    """
    if host not in LOOPBACK:
        raise ValueError("Load is generated against this machine only.")
    path_of = _per_request(path, "/")
    headers_of = _per_request(headers, {})
    body_of = _per_request(body, None)
    result = LoadResult()
    lock = threading.Lock()
    issued = 0
    started = time.perf_counter()
    deadline = started + time_limit
    connection_class = type("Connection", (_CountingConnection,), {"opened": 0})

    def worker():
        nonlocal issued
        connection = connection_class(host, port, timeout=30)
        latencies, statuses, errors, received = [], Counter(), 0, 0
        while True:
            with lock:
                if issued >= requests or time.perf_counter() >= deadline:
                    break
                number = issued
                issued += 1
            target, extra, payload = path_of(number), headers_of(number), body_of(number)
            began = time.perf_counter()
            try:
                connection.request(method, target, body=payload, headers=extra)
                response = connection.getresponse()
                content = response.read()
            except (OSError, http.client.HTTPException):
                errors += 1
                statuses["exception"] += 1
                connection.close()
                continue
            elapsed = (time.perf_counter() - began) * 1000
            statuses[response.status] += 1
            if response.status == expect_status:
                latencies.append(elapsed)
                received += len(content)
            else:
                errors += 1
        connection.close()
        with lock:
            result.latencies_ms.extend(latencies)
            result.statuses.update(statuses)
            result.errors += errors
            result.bytes_received += received

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    result.requests = len(result.latencies_ms)
    result.connections = connection_class.opened
    return result
