"""A visitor on a phone: reads the home page, switches to English, finds an exhibitor by
sector and sees its booth on the floor plan, with no error in the browser's console."""

import os
import tempfile
from pathlib import Path

import pytest

from booths.factories import BoothFactory, HallFactory, ZoneFactory
from booths.models import Allocation, AllocationKind
from exhibitors.factories import ApplicationFactory, BusinessFactory, ProductFactory
from exhibitors.models import ApplicationStatus, Sector
from tests.browser import PHONE

SHOTS = Path(os.environ.get("SCREENSHOT_DIR") or Path(tempfile.gettempdir()) / "shots")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def exhibitors(demo_site, demo_event):
    """Three approved exhibitors of the demo edition; the coffee roaster has booth K-07."""
    association = demo_event.participations.select_related("association").first().association
    hall = HallFactory(event=demo_event, code="A", name="Pendopo Ageng")
    zone = ZoneFactory(hall=hall, code="K", name="Kuliner")
    booths = [BoothFactory(zone=zone, code=f"K-{n:02d}") for n in range(1, 9)]
    made = {}
    for name, sector in [
        ("Kopi Lereng Lawu", Sector.KOPI_REMPAH),
        ("Batik Tulis Laweyan", Sector.FASHION),
        ("Anyaman Pandan Klaten", Sector.KRIYA),
    ]:
        business = BusinessFactory(brand_name=name, sector=sector, description=f"{name}.")
        ProductFactory(business=business, name=f"Produk {name}")
        made[name] = ApplicationFactory(
            business=business,
            event=demo_event,
            association=association,
            status=ApplicationStatus.CONFIRMED,
        )
    Allocation.objects.create(
        booth=booths[6], application=made["Kopi Lereng Lawu"], kind=AllocationKind.ASSIGNMENT
    )
    return made


def test_a_visitor_on_a_phone_finds_an_exhibitor_and_its_booth(live_server, exhibitors, page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.set_viewport_size(PHONE)

    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.locator("h1").inner_text() == "Produk terbaik UMKM Indonesia, dalam satu pameran"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the home page scrolls sideways on a phone ({width}px)"
    page.screenshot(path=str(SHOTS / "site-home-phone-id.png"), full_page=True)

    page.locator("[data-testid=language-switcher] a[hreflang=en]").click()
    page.wait_for_url(live_server.url + "/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == (
        "Indonesia's finest small-business products, in one exhibition"
    )

    page.locator("[data-testid=home-directory]").click()
    page.wait_for_load_state()
    assert page.url.startswith(live_server.url + "/en/")
    cards = page.locator("[data-testid=exhibitor-card]")
    assert cards.count() == 3

    sector = page.get_by_label("Sector")
    if not sector.is_visible():  # on a phone the filters fold under their summary
        page.locator("[data-filter-panel] > summary").click()
    sector.select_option(Sector.KOPI_REMPAH.value)
    page.locator("[data-testid=directory-filters] button[type=submit]").click()
    page.wait_for_load_state()
    assert "sector=kopi_rempah" in page.url
    assert cards.count() == 1
    assert "Kopi Lereng Lawu" in cards.first.inner_text()
    page.screenshot(path=str(SHOTS / "site-directory-phone-en.png"), full_page=True)

    cards.first.get_by_role("link").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Kopi Lereng Lawu"
    booth = page.locator(".floor-plan svg .booth.is-highlighted")
    assert booth.count() == 1
    assert booth.get_attribute("data-code") == "K-07"
    booth.scroll_into_view_if_needed()
    assert booth.is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the exhibitor page scrolls sideways on a phone ({width}px)"
    page.screenshot(path=str(SHOTS / "site-exhibitor-phone-en.png"), full_page=True)

    assert problems == []
