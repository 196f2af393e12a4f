"""Fixtures of the ingest tests: a local web server on 127.0.0.1 serving pages and feeds."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tidings import load_config


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    chunks: int = 1  # send the body this many times, without a Content-Length


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a client that stops reading (the size cap) is expected here


class LocalWeb:
    """Routes by path; every request is logged as (method, path)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[str] = []
        handler = self._handler()
        self.server = _QuietServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def _handler(self):
        web = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the http.server API)
                web.requests.append(self.path)
                route = web.routes.get(self.path) or Route(b"not found", 404, "text/plain")
                if route.delay:
                    time.sleep(route.delay)
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                for key, value in route.headers.items():
                    self.send_header(key, value)
                if route.chunks == 1:
                    self.send_header("Content-Length", str(len(route.body)))
                    self.end_headers()
                    self.wfile.write(route.body)
                    return
                self.end_headers()  # no length: the client must stop reading on its own
                try:
                    for _ in range(route.chunks):
                        self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True

            def log_message(self, *args) -> None:
                pass

        return Handler


@pytest.fixture
def web():
    server = LocalWeb()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture
def fetch_config(tmp_path):
    """A configuration that may fetch from 127.0.0.1, quickly."""
    return load_config(store={"url": str(tmp_path / "web.db")},
                       fetch={"allow_private": True, "delay": 0.0, "timeout": 2.0})


INGEST_STAGES = ["clean.html.v1", "clean.boilerplate.v2", "lang.detect.v1", "meta.dateline.v1",
                 "dedup.minhash.v1"]


@pytest.fixture
def ingest_ctx(tmp_path):
    """A store and the ingest stages only (the NLP stages are not what these tests test)."""
    from tidings import Context, open_store

    config = load_config(store={"url": str(tmp_path / "ingest.db")},
                         pipeline={"stages": INGEST_STAGES},
                         fetch={"allow_private": True, "delay": 0.0, "timeout": 2.0})
    ctx = Context(config, open_store(config.store.url))
    yield ctx
    ctx.store.close()
