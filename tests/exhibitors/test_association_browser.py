"""An association admin logs in, reads the quota and verifies an applicant, in Chromium."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.factories import UserFactory
from accounts.models import Role
from accounts.services import role_grant
from events.factories import AssociationFactory, EventFactory, ParticipationFactory
from events.models import EventStatus
from exhibitors.factories import (
    ApplicationFactory,
    BusinessFactory,
    CertificationFactory,
    ProductFactory,
    manager_of,
)
from exhibitors.models import ApplicationStatus
from tests.browser import PHONE

PASSWORD = "secret-pass-123"  # accounts.factories.UserFactory's


@pytest.fixture
def portal_world():
    event = EventFactory(name="Hari UMKM Nasional 2027", status=EventStatus.PUBLISHED)
    association = AssociationFactory(acronym="ASEPHI", name="Asosiasi Eksportir Kerajinan")
    ParticipationFactory(event=event, association=association, booth_quota=12)
    ApplicationFactory(
        event=event, association=association, status=ApplicationStatus.APPROVED, booth_count=3
    )
    business = BusinessFactory(legal_name="CV Batik Laweyan", brand_name="Laweyan Asri")
    manager_of(business)
    ProductFactory(business=business, name="Kain Batik Tulis")
    CertificationFactory(business=business)
    application = ApplicationFactory(
        business=business,
        event=event,
        association=association,
        status=ApplicationStatus.SUBMITTED,
        submitted_at=datetime(2027, 3, 1, 2, 0, tzinfo=UTC),
    )
    admin = UserFactory(email="admin@asephi.test", full_name="Dewi Lestari")
    role_grant(user=admin, role=Role.ASSOCIATION_ADMIN, scope=association)
    return {"admin": admin, "application": application}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_association_admin_logs_in_reads_the_quota_and_verifies_an_applicant(
    live_server, portal_world, page, tmp_path
):
    application = portal_world["application"]

    page.goto(live_server.url + reverse("accounts:login"))
    login = page.get_by_test_id("login-form")
    login.locator('input[name="username"]').fill(portal_world["admin"].email)
    login.locator('input[name="password"]').fill(PASSWORD)
    login.locator('button[type="submit"]').click()

    page.wait_for_url(f"**{reverse('exhibitors:association_home')}")
    quota = page.get_by_test_id("quota-card")
    expect(quota).to_contain_text("ASEPHI")
    expect(quota.get_by_test_id("quota-used")).to_have_text("3")
    expect(quota.get_by_test_id("quota-left")).to_have_text("9")
    expect(quota.get_by_test_id("quota-waiting")).to_have_text("1")
    page.screenshot(path=tmp_path / "portal-desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=tmp_path / "portal-phone.png", full_page=True)

    page.get_by_test_id("applicant-card").filter(has_text="Laweyan Asri").click()
    status = page.get_by_test_id("application-status")
    expect(status).to_have_attribute("data-status", "submitted")
    page.screenshot(path=tmp_path / "application-phone.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=tmp_path / "application-desktop.png", full_page=True)

    page.get_by_test_id("verify-button").click()

    expect(status).to_have_attribute("data-status", "association_verified")
    expect(page.get_by_test_id("no-action")).to_be_visible()
    page.screenshot(path=tmp_path / "application-verified-desktop.png", full_page=True)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ASSOCIATION_VERIFIED
