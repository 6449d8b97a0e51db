"""The load generator counts what a server really answered, over keep-alive connections."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.loadgen import LoadResult, drive


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive

    def do_GET(self):
        status = 500 if self.path == "/broken" else 200
        body = b"hello" if status == 200 else b"no"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def test_sends_exactly_the_requests_asked_over_one_connection_per_thread(server):
    result = drive(server, "/", requests=300, concurrency=4, time_limit=30)
    assert result.requests == 300
    assert result.errors == 0
    assert result.connections == 4
    assert result.statuses == {200: 300}
    assert result.bytes_received == 300 * len(b"hello")
    assert len(result.latencies_ms) == 300
    assert result.per_second > 0


def test_unexpected_statuses_are_errors_not_latencies(server):
    result = drive(server, "/broken", requests=20, concurrency=2, time_limit=30)
    assert result.requests == 0
    assert result.errors == 20
    assert result.statuses == {500: 20}


def test_a_closed_port_gives_errors_not_a_crash():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = drive(port, "/", requests=5, concurrency=1, time_limit=10)
    assert result.requests == 0
    assert result.errors == 5
    assert result.statuses == {"exception": 5}


def test_load_goes_to_this_machine_only():
    with pytest.raises(ValueError, match="this machine only"):
        drive(80, "/", requests=1, concurrency=1, time_limit=1, host="example.org")


def test_percentiles_use_the_nearest_rank():
    result = LoadResult(latencies_ms=[float(n) for n in range(100, 0, -1)])
    assert result.percentile(50) == 50.0
    assert result.percentile(95) == 95.0
    assert result.percentile(99) == 99.0
    assert result.percentile(100) == 100.0
    assert LoadResult().percentile(95) == 0.0
