"""The load generator's POSTs: a body and headers of their own for every request."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.loadgen import drive


class Echo(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    seen: list = []
    lock = threading.Lock()

    def do_POST(self):
        data = self.rfile.read(int(self.headers["Content-Length"]))
        with self.lock:
            self.seen.append((self.path, self.headers.get("X-Number"), json.loads(data)))
        body = b"ok"
        self.send_response(201)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    Echo.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def test_every_request_gets_its_own_body_and_headers_once(server):
    result = drive(
        server,
        lambda n: f"/redeem/{n % 3}",
        requests=120,
        concurrency=4,
        time_limit=30,
        method="POST",
        expect_status=201,
        body=lambda n: json.dumps({"n": n}).encode(),
        headers=lambda n: {"X-Number": str(n), "Content-Type": "application/json"},
    )
    assert result.requests == 120 and result.errors == 0
    assert result.connections == 4
    assert sorted(body["n"] for _path, _header, body in Echo.seen) == list(range(120))
    assert all(header == str(body["n"]) for _path, header, body in Echo.seen)
    assert all(path == f"/redeem/{body['n'] % 3}" for path, _header, body in Echo.seen)


def test_a_fixed_body_is_sent_with_every_request(server):
    result = drive(
        server,
        "/x",
        requests=10,
        concurrency=2,
        time_limit=30,
        method="POST",
        expect_status=201,
        body=b'{"n": 7}',
    )
    assert result.requests == 10
    assert [body for _path, _header, body in Echo.seen] == [{"n": 7}] * 10
