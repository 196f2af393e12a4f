"""Browser fixtures: the app served by uvicorn on a free port, Debian's Chromium driven by
Playwright (never a downloaded browser). Screenshots go to build/screenshots (not
committed). Tests skip cleanly when /usr/bin/chromium or Playwright is missing."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tidings import load_config
from tidings.demo import samples_dir

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "build" / "screenshots"


@contextmanager
def serving(store_url: str) -> Iterator[str]:
    """The app over ``store_url`` in a uvicorn thread; yields its base URL."""
    import uvicorn

    from tidings.api import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = create_app(load_config(store={"url": store_url}))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def corpus_ctx(request):
    """The bundled sample corpus ingested once; the seeds while it is not there yet."""
    if any(samples_dir().glob("*.txt")):
        return request.getfixturevalue("samples_ctx")
    return request.getfixturevalue("seeds_ctx")


@pytest.fixture(scope="session")
def corpus_server(corpus_ctx) -> Iterator[str]:
    with serving(corpus_ctx.config.store.url) as base:
        yield base


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    """A fresh page that fails the test on any uncaught script error or dialog."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda exc: tab.errors.append(f"script error: {exc}"))
    tab.on("dialog", lambda dialog: (tab.errors.append(f"dialog: {dialog.message}"),
                                     dialog.dismiss()))
    yield tab
    context.close()


def _shoot(tab, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=False)
    return path


@pytest.fixture(scope="session")
def shoot():
    """``shoot(page, name)`` saves a screenshot as build/screenshots/<name>.png."""
    return _shoot


@pytest.fixture(scope="session")
def serve():
    """``with serve(store_url) as base_url:`` runs the app over another store."""
    return serving
