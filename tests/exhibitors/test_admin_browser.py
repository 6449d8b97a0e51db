"""An organizer logs in to the Wagtail admin, opens the queue and approves an application."""

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from accounts.factories import UserFactory
from accounts.models import Role
from accounts.services import role_grant
from events.factories import AssociationFactory, EventFactory, ParticipationFactory
from events.models import EventStatus
from exhibitors.factories import (
    ApplicationFactory,
    BusinessFactory,
    CertificationFactory,
    DocumentFactory,
    ProductFactory,
    manager_of,
)
from exhibitors.models import Application, ApplicationStatus

PASSWORD = "secret-pass-123"  # accounts.factories.UserFactory's
S = ApplicationStatus


@pytest.fixture
def queue_world():
    event = EventFactory(name="Hari UMKM Nasional 2027", status=EventStatus.PUBLISHED)
    asephi = AssociationFactory(acronym="ASEPHI", name="Asosiasi Eksportir Kerajinan")
    iwapi = AssociationFactory(acronym="IWAPI", name="Ikatan Wanita Pengusaha Indonesia")
    ParticipationFactory(event=event, association=asephi, booth_quota=3)
    ParticipationFactory(event=event, association=iwapi, booth_quota=2)
    ApplicationFactory(event=event, association=iwapi, status=S.CONFIRMED, booth_count=3)
    submitted = datetime(2027, 3, 1, 2, 0, tzinfo=UTC)
    for name, status in [("UD Rendang Minang", S.SUBMITTED), ("CV Tenun Ikat", S.WAITLISTED)]:
        ApplicationFactory(
            business=BusinessFactory(legal_name=name, brand_name=""),
            event=event,
            association=iwapi,
            status=status,
            submitted_at=submitted,
        )
    business = BusinessFactory(legal_name="CV Batik Laweyan", brand_name="Laweyan Asri")
    manager_of(business)
    product = ProductFactory(
        business=business, name="Kain Batik Tulis", price_min=450_000, price_max=900_000
    )
    CertificationFactory(business=business)
    DocumentFactory(business=business, title="NIB OSS")
    application = ApplicationFactory(
        business=business,
        event=event,
        association=asephi,
        status=S.ASSOCIATION_VERIFIED,
        booth_count=2,
        submitted_at=submitted,
    )
    application.products.set([product])
    organizer = UserFactory(email="panitia@pameran.test", full_name="Rina Panitia")
    role_grant(user=organizer, role=Role.ORGANIZER, scope=event)
    profile = UserProfile.get_for_user(organizer)
    profile.preferred_language = "en"  # the admin reads in its user's language
    profile.save()
    return {"organizer": organizer, "application": application}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_organizer_approves_a_verified_application_from_the_queue(
    live_server, queue_world, page, tmp_path
):
    shots = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    application = queue_world["application"]

    page.goto(live_server.url + reverse("wagtailadmin_login"))
    page.locator('input[name="username"]').fill(queue_world["organizer"].email)
    page.locator('input[name="password"]').fill(PASSWORD)
    page.locator('button[type="submit"]').click()
    page.wait_for_url(f"**{reverse('wagtailadmin_home')}")

    page.get_by_role("button", name="Exhibition").click()
    page.get_by_role("link", name="Applications").click()
    page.wait_for_url(f"**{reverse('applications:index')}")
    quota = page.locator("[data-quota-event]")
    expect(quota.locator('[data-association="IWAPI"]')).to_have_attribute("data-over", "")
    expect(quota.locator('[data-association="ASEPHI"]')).to_contain_text("3")
    page.screenshot(path=shots / "admin-queue.png", full_page=True)

    page.get_by_role("link", name="Laweyan Asri").click()
    page.wait_for_url(f"**{reverse('applications:review', args=[application.pk])}")
    review = page.locator("[data-application-status]")
    expect(review).to_have_attribute("data-application-status", S.ASSOCIATION_VERIFIED)
    expect(page.locator('[data-section="products"]')).to_contain_text("Rp 450.000")
    expect(page.locator('[data-section="documents"]')).to_contain_text("NIB OSS")
    # The admin scrolls inside its own panel: a tall window shows the whole screen.
    page.set_viewport_size({"width": 1280, "height": 2600})
    page.screenshot(path=shots / "admin-review.png")

    page.locator('form[data-decision="approve"] button[type="submit"]').click()
    expect(review).to_have_attribute("data-application-status", S.APPROVED)
    expect(page.locator(".pameran-status").first).to_have_text("Approved")
    expect(page.locator('[data-transition="approved"]')).to_contain_text("Rina Panitia")
    page.screenshot(path=shots / "admin-approved.png")

    application.refresh_from_db()
    assert application.status == S.APPROVED
    assert Application.objects.get(pk=application.pk).transitions.get().actor.email == (
        "panitia@pameran.test"
    )
