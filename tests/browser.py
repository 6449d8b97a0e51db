"""Playwright fixtures driving Debian's Chromium (no browser download).

Use with pytest-django's ``live_server``::

    @pytest.mark.browser
    @pytest.mark.django_db(transaction=True, serialized_rollback=True)
    def test_something(live_server, page):
        page.goto(live_server.url + "/")

``serialized_rollback`` restores what migrations put in the database (Wagtail's
root page, locale and site), which a transactional test otherwise flushes.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def browser():
    """Chromium for one test.

    Playwright's sync API keeps an asyncio event loop running in this thread while
    it is started. Two things follow, and this fixture handles both:

    * Django refuses database access from a thread with a running loop;
      DJANGO_ALLOW_ASYNC_UNSAFE lifts that while the browser lives, and is
      restored afterwards so no other test (or subprocess) inherits it.
    * Django's per-thread connections turn per-context while a loop runs, so the
      test database must be set up and torn down with no loop running: this
      fixture is function-scoped, which makes pytest-django's database fixture
      (autouse, set up first and torn down last) wrap it. A wider scope would
      make ``serialized_rollback`` silently skip its restore and flush.
    """
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package.")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                yield browser
            finally:
                browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    """A fresh browser tab at desktop size; call ``page.set_viewport_size(PHONE)`` for a phone.

    Request data fixtures before ``page`` (``def test_x(live_server, demo_site, page)``)
    so that they are built before the browser starts.
    """
    context = browser.new_context(viewport=DESKTOP, locale="id-ID")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    try:
        yield tab
    finally:
        context.close()
