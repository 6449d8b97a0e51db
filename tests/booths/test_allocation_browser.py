"""In the browser: the organizer runs the allocator, moves one booth on the plan, publishes."""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.models import Role
from accounts.services import role_grant
from booths.models import Allocation, AllocationProposal, AllocationStatus, Hall, ProposalStatus
from exhibitors.models import ApplicationStatus
from tests.booths.test_holds import approved, build_plan


def log_in_to_the_admin(page, live_server, user):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    page.goto(live_server.url + reverse("wagtailadmin_login"))
    page.locator('input[name="username"]').fill(user.email)
    page.locator('input[name="password"]').fill("secret-pass-123")
    page.locator('button[type="submit"]').click()
    page.wait_for_url(f"**{reverse('wagtailadmin_home')}")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_organizer_runs_the_allocator_moves_one_booth_and_publishes(live_server, page, tmp_path):
    from playwright.sync_api import expect

    shots = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    plan = build_plan(booths=10)
    Hall.objects.filter(pk=plan["hall"].pk).update(width_m=32, depth_m=12)
    applications = [approved(plan)[0] for _ in range(4)]
    organizer = UserFactory(email="panitia@pameran.test")
    role_grant(user=organizer, role=Role.ORGANIZER, scope=plan["event"])
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    log_in_to_the_admin(page, live_server, organizer)
    page.get_by_role("button", name="Exhibition").click()
    page.get_by_role("link", name="Automatic allocation").click()
    page.wait_for_url(f"**{reverse('booths_proposals')}")
    page.get_by_test_id("run-allocator").click()
    page.wait_for_url("**/booths/allocation/*/")
    proposed = page.locator('g.booth[data-status="proposed"]')
    expect(proposed).to_have_count(4)
    expect(page.locator("[data-change]")).to_have_count(4)
    page.screenshot(path=shots / "admin-proposal.png", full_page=True)

    # Pick a proposed booth, then tap a free one: the exhibitor moves there.
    source = proposed.first
    source_code = source.get_attribute("data-code")
    moving = page.locator(f'[data-change="{source_code}"] td').nth(2).inner_text()
    source.click()
    expect(page.locator("[data-booth-actions]")).to_be_visible()
    page.get_by_role("button", name="Tap the new booth…").click()
    expect(page.locator("[data-picking-hint]")).to_be_visible()
    free = page.locator('g.booth[data-status="free"]').last
    target_code = free.get_attribute("data-code")
    free.click()
    expect(page.locator(".messages")).to_contain_text(
        f"{moving} moves from {source_code} to {target_code} in this proposal."
    )
    expect(page.locator(f'g.booth[data-code="{target_code}"]')).to_have_attribute(
        "data-status", "proposed"
    )
    expect(page.locator(f'g.booth[data-code="{source_code}"]')).to_have_attribute(
        "data-status", "free"
    )
    page.screenshot(path=shots / "admin-proposal-moved.png", full_page=True)

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("publish").click()
    page.wait_for_url(f"**{reverse('booths_board')}**")
    expect(page.locator(".messages")).to_contain_text("Published: 4 booth(s) allocated.")
    expect(page.locator('g.booth[data-status="allocated"]')).to_have_count(4)
    page.screenshot(path=shots / "admin-board-published.png", full_page=True)

    assert AllocationProposal.objects.get().status == ProposalStatus.PUBLISHED
    moved = Allocation.objects.get(booth__code=target_code, status=AllocationStatus.ACTIVE)
    assert moved.application.business.display_name == moving
    assert not Allocation.objects.filter(booth__code=source_code).exists()
    for application in applications:
        application.refresh_from_db()
        assert application.status == ApplicationStatus.ALLOCATED
    assert errors == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_organizer_moves_an_exhibitor_on_the_board_by_tapping(live_server, page, tmp_path):
    from playwright.sync_api import expect

    from booths.services import booth_assign

    shots = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    plan = build_plan(booths=6)
    Hall.objects.filter(pk=plan["hall"].pk).update(width_m=20, depth_m=8)
    application = approved(plan)[0]
    organizer = UserFactory(email="panitia@pameran.test")
    role_grant(user=organizer, role=Role.ORGANIZER, scope=plan["event"])
    booth_assign(booth=plan["booths"][0], application=application, actor=organizer)

    log_in_to_the_admin(page, live_server, organizer)
    page.goto(live_server.url + reverse("booths_board"))
    page.locator('g.booth[data-code="A-000"]').click()
    expect(page.locator("[data-info-field=business]")).to_contain_text(
        application.business.display_name
    )
    page.get_by_role("button", name="Tap the new booth…").click()
    page.locator('g.booth[data-code="A-004"]').click()
    expect(page.locator(".messages")).to_contain_text("Moved from A-000 to A-004.")
    expect(page.locator('g.booth[data-code="A-004"]')).to_have_attribute("data-status", "allocated")
    page.screenshot(path=shots / "admin-board-moved.png", full_page=True)
    assert (
        Allocation.objects.get(application=application, status=AllocationStatus.ACTIVE).booth.code
        == "A-004"
    )
