import os
import tempfile
from pathlib import Path

import pytest

from tests.browser import DESKTOP, PHONE

SHOTS = Path(os.environ.get("SCREENSHOT_DIR") or Path(tempfile.gettempdir()) / "shots")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_language_switcher_in_chromium(live_server, demo_site, page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.locator("h1").inner_text() == "Produk terbaik UMKM Indonesia, dalam satu pameran"

    page.locator("[data-testid=language-switcher] a[hreflang=en]").click()

    page.wait_for_url(live_server.url + "/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == (
        "Indonesia's finest small-business products, in one exhibition"
    )
    assert "Thursday, 12 August 2027" in page.locator("[data-testid=edition-card]").inner_text()
    path = SHOTS / "switched-to-en.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000


def test_visitor_button_leads_to_the_visitor_section(live_server, demo_site, page):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/en/")

    page.locator("[data-testid=cta-visitor]").click()

    page.wait_for_url(live_server.url + "/en/hari-umkm-nasional-2027/#visitors")
    assert page.locator("#visitors").is_visible()
    # On a phone the menu folds away, the language switcher stays in reach.
    assert page.locator("[data-testid=language-switcher]").is_visible()
    assert not page.locator("#site-nav-links").is_visible()


@pytest.mark.parametrize(("size_name", "size"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_screenshots(live_server, demo_site, page, size_name, size):
    """Full-page screenshots for a person to look at; also checks nothing overflows."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(size)
    for name, url in [
        ("home-id", "/"),
        ("home-en", "/en/"),
        ("event-id", "/hari-umkm-nasional-2027/"),
        ("event-en", "/en/hari-umkm-nasional-2027/"),
        ("404-id", "/tidak-ada/"),
    ]:
        page.goto(live_server.url + url)
        page.screenshot(path=str(SHOTS / f"{name}-{size_name}.png"), full_page=True)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{url} scrolls sideways at {size['width']}px"
