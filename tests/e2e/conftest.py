"""Browser tests: the app served on a loopback port, driven by Debian's chromium via Playwright.

They skip when /usr/bin/chromium is missing, unless REQUIRE_BROWSER=1.
Screenshots land in tests/e2e/screenshots/ so a person can look at them.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.conftest import require_or_skip

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
SHOTS = Path(__file__).parent / "screenshots"


@pytest.fixture(params=["sqlite"])
def backend(request) -> str:
    """Browser tests run on SQLite, the embedded default, to keep CI short."""
    return request.param


@pytest.fixture
def live_server(app):
    """Serve the test app on 127.0.0.1 in a thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    port = server.server_port
    app.config.update(SERVER_NAME=None, PUBLIC_BASE_URL=f"http://127.0.0.1:{port}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        require_or_skip("REQUIRE_BROWSER", "chromium not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser):
    """``new_page()`` opens a fresh phone-sized page (its own cookies) at 360×740."""
    contexts = []

    def _open(locale: str = "id-ID"):
        context = browser.new_context(viewport={"width": 360, "height": 740}, locale=locale)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def screenshot():
    """``screenshot(page, "name")`` saves tests/e2e/screenshots/name.png."""
    SHOTS.mkdir(exist_ok=True)

    def _shot(page, name: str, full_page: bool = True) -> Path:
        path = SHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return _shot
