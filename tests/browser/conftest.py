"""Browser-test fixtures: a live server, Debian's Chromium through Playwright, and screenshots."""

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "tmp" / "artifacts"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items):
    """Every test in this folder is a browser test."""
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def require_chromium() -> None:
    """Skip without Chromium, except in CI, where a missing browser is a failure."""
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def closing_responses(app):
    """The app, with each response body closed even when the browser drops the connection.

    Werkzeug's development server skips close() when the client goes away mid-response (Chromium
    cancels a favicon it already has), which leaves a static file for the garbage collector and
    a ResourceWarning in whichever test is running. A generator is closed when it is collected,
    and its finally closes the body first.
    """

    def serve(environ, start_response):
        body = app(environ, start_response)
        try:
            yield from body
        finally:
            if hasattr(body, "close"):
                body.close()

    return serve


@pytest.fixture(scope="session")
def live_server(app) -> Iterator[str]:
    """The session's app served on 127.0.0.1 (a free port) in a thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, closing_responses(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session (Debian's, never a downloaded one)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture()
def make_page(browser, live_server, db):
    """make_page(viewport=PHONE, locale="da-DK"): a fresh context and page, closed after."""
    contexts = []

    def make(viewport: dict = PHONE, locale: str = "da-DK"):
        context = browser.new_context(viewport=viewport, base_url=live_server, locale=locale)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture()
def page(make_page):
    """A page at phone width (375 px)."""
    return make_page(PHONE)


@pytest.fixture()
def screenshot(request) -> Callable:
    """screenshot(name, page=None): a full-page PNG in tmp/artifacts/<test>-<name>.png.

    Without a page it shoots the test's `page` fixture.
    """
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    prefix = request.node.name.replace("[", "-").replace("]", "").replace("/", "-")

    def take(name: str, page=None) -> Path:
        page = page or request.getfixturevalue("page")
        path = ARTIFACTS / f"{prefix}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
