"""An exhibitor picks a booth on the SVG floor plan, in Chromium, on a desktop and a phone."""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect

from booths.demo import seed_floor_plan
from booths.models import (
    Allocation,
    AllocationKind,
    AllocationStatus,
    Booth,
    BoothType,
    Hall,
    SelectionWindow,
)
from events.demo import seed_event
from events.models import Participation
from exhibitors.factories import ApplicationFactory, BusinessFactory, manager_of
from exhibitors.models import ApplicationStatus, BoothSize, Sector
from tests.booths.test_holds import approved, build_plan
from tests.browser import DESKTOP, PHONE

PASSWORD = "secret-pass-123"  # accounts.factories.UserFactory's
SHOTS = Path(os.environ.get("SCREENSHOT_DIR") or Path(tempfile.gettempdir()) / "shots")


def watch_console(page) -> list[str]:
    """Console errors and uncaught exceptions of the page, as they happen.

    The browser's own request for /favicon.ico (the site has none yet) is not the page's.
    """
    errors = []

    def on_console(message):
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            errors.append(f"{message.text} ({message.location.get('url')})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def log_in_to_picker(page, live_server, user, application) -> str:
    # In English: the assertions name English labels (the Indonesian page is the default).
    with translation.override("en"):
        picker = reverse("booths:picker", args=[application.pk])
        login_url = reverse("accounts:login")
    page.goto(f"{live_server.url}{login_url}?next={picker}")
    login = page.get_by_test_id("login-form")
    login.locator('input[name="username"]').fill(user.email)
    login.locator('input[name="password"]').fill(PASSWORD)
    login.locator('button[type="submit"]').click()
    page.wait_for_url(f"**{picker}")
    return picker


@pytest.fixture
def small_world():
    """A small hall: four booths on offer, one held by someone else, one blocked; the
    exhibitor wants two."""
    plan = build_plan(booths=6)
    Hall.objects.filter(pk=plan["hall"].pk).update(width_m=24, depth_m=12)
    BoothType.objects.filter(pk=plan["standard"].pk).update(price=2_500_000)
    Booth.objects.filter(pk=plan["booths"][5].pk).update(is_blocked=True)
    other, _ = approved(plan)
    Allocation.objects.create(
        booth=plan["booths"][4],
        application=other,
        kind=AllocationKind.HOLD,
        held_until=timezone.now() + timedelta(minutes=20),
    )
    application, owner = approved(plan, booth_count=2)
    return {"plan": plan, "application": application, "owner": owner}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_exhibitor_picks_a_booth_on_the_svg_plan(live_server, small_world, page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    errors = watch_console(page)
    application = small_world["application"]
    booth = small_world["plan"]["booths"][2]
    log_in_to_picker(page, live_server, small_world["owner"], application)

    plan = page.locator("[data-floor-plan]")
    expect(plan.locator("g.booth.is-pickable")).to_have_count(4)
    hold = plan.get_by_role("button", name="Hold this booth")
    expect(hold).to_be_hidden()

    # A booth someone else holds: its details, and no way to hold it.
    plan.locator('g.booth.is-muted[data-code="A-004"]').click()
    expect(plan.locator("[data-info]")).to_have_attribute("data-code", "A-004")
    expect(hold).to_be_hidden()
    expect(plan.locator("[data-pick-unavailable]")).to_be_visible()

    plan.locator(f'g.booth.is-pickable[data-code="{booth.code}"]').click()
    expect(hold).to_be_visible()
    expect(plan.locator("[data-pick-unavailable]")).to_be_hidden()
    expect(plan.locator('[data-pick-field="price"]')).to_have_text("Rp 2.500.000")
    page.screenshot(path=SHOTS / "picker-small-desktop.png", full_page=True)
    hold.click()

    page.wait_for_load_state()
    mine = page.get_by_test_id("my-booths")
    expect(mine.locator(f'[data-booth="{booth.code}"]')).to_be_visible()
    expect(mine).to_contain_text(booth.code)
    active = Allocation.objects.filter(status=AllocationStatus.ACTIVE, application=application)
    assert list(active.values_list("booth_id", "kind")) == [(booth.pk, AllocationKind.HOLD)]

    # It wants a second booth: the plan is still there, the first one now reads as its own.
    plan = page.locator("[data-floor-plan]")
    expect(plan.locator("g.booth.is-pickable")).to_have_count(3)
    plan.locator(f'g.booth[data-code="{booth.code}"]').click()
    expect(plan.locator("[data-pick-mine]")).to_be_visible()
    expect(plan.get_by_role("button", name="Hold this booth")).to_be_hidden()
    page.screenshot(path=SHOTS / "picker-small-second-desktop.png", full_page=True)
    assert errors == []


@pytest.fixture
def demo_world():
    """The demo venue, hall A half full, and a batik maker approved for a standard booth."""
    event = seed_event()
    seed_floor_plan(event=event)
    now = timezone.now()
    SelectionWindow.objects.create(
        event=event, opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=7)
    )
    participations = list(Participation.objects.filter(event=event).select_related("association"))
    taken = Booth.objects.filter(hall__event=event, hall__code="A", is_blocked=False)
    taken = list(taken.order_by("code")[:90:1])
    for n in range(0, len(taken), 6):  # six booths per exhibitor keeps the test fast
        neighbour = ApplicationFactory(
            event=event,
            association=participations[n % len(participations)].association,
            business=BusinessFactory(brand_name=f"Batik Laweyan {n}"),
            status=ApplicationStatus.ALLOCATED,
            booth_count=6,
        )
        for booth in taken[n : n + 6]:
            kind = AllocationKind.HOLD if n % 4 == 0 else AllocationKind.ASSIGNMENT
            Allocation.objects.create(
                booth=booth,
                application=neighbour,
                kind=kind,
                held_until=now + timedelta(minutes=20) if kind == AllocationKind.HOLD else None,
            )
    business = BusinessFactory(brand_name="Batik Sekar Jagad", sector=Sector.KRIYA)
    application = ApplicationFactory(
        event=event,
        association=participations[0].association,
        business=business,
        status=ApplicationStatus.APPROVED,
        booth_size=BoothSize.STANDARD,
        booth_count=1,
    )
    return {"event": event, "application": application, "owner": manager_of(business)}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_on_a_phone_an_exhibitor_zooms_into_a_busy_hall_and_holds_a_booth(
    live_server, demo_world, page
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    errors = watch_console(page)
    application = demo_world["application"]
    page.set_viewport_size(PHONE)
    log_in_to_picker(page, live_server, demo_world["owner"], application)
    page.screenshot(path=SHOTS / "picker-demo-phone.png", full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=SHOTS / "picker-demo-desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    hall = page.get_by_test_id("hall-A")
    plan = hall.locator("[data-floor-plan]")
    hold = plan.get_by_role("button", name="Hold this booth")
    for _ in range(3):
        plan.locator("[data-zoom=in]").click()
    page.screenshot(path=SHOTS / "picker-demo-phone-zoomed.png", full_page=True)

    # Tapping a taken booth offers nothing; tapping a free one offers the hold.
    muted = plan.locator('g.booth.is-muted[data-status="allocated"]').first
    plan.evaluate(
        "(root, code) => root.floorPlan.selectCode(code)", muted.get_attribute("data-code")
    )
    expect(hold).to_be_hidden()
    expect(plan.locator("[data-pick-unavailable]")).to_be_visible()

    target = plan.locator("g.booth.is-pickable").first
    code = target.get_attribute("data-code")
    target.scroll_into_view_if_needed()
    target.click()
    expect(plan.locator("[data-info]")).to_have_attribute("data-code", code)
    expect(hold).to_be_visible()
    page.screenshot(path=SHOTS / "picker-demo-phone-selected.png", full_page=True)
    hold.click()

    page.wait_for_load_state()
    expect(page.get_by_test_id("my-booths").locator(f'[data-booth="{code}"]')).to_be_visible()
    page.screenshot(path=SHOTS / "picker-demo-phone-held.png", full_page=True)
    active = Allocation.objects.filter(booth__code=code, status=AllocationStatus.ACTIVE)
    assert list(active.values_list("application_id", "kind")) == [
        (application.pk, AllocationKind.HOLD)
    ]
    assert errors == []
