"""The exhibitor's booth picker page: only suitable free booths, hold and release by POST."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from booths.models import Allocation, AllocationStatus, Booth, SelectionWindow
from tests.booths.test_holds import approved, build_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(client):
    plan = build_plan(booths=3)
    Booth.objects.filter(pk=plan["booths"][2].pk).update(is_blocked=True)
    application, owner = approved(plan)
    client.force_login(owner)
    return plan, application, client


def test_the_picker_offers_only_free_suitable_booths(setup):
    plan, application, client = setup
    other, _ = approved(plan)
    Allocation.objects.create(
        booth=plan["booths"][1],
        application=other,
        kind="hold",
        held_until=timezone.now() + timedelta(minutes=5),
    )
    response = client.get(reverse("booths:picker", args=[application.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-booth="A-000"' in html
    assert 'data-booth="A-001"' not in html  # held by another exhibitor
    assert 'data-booth="A-002"' not in html  # blocked


def test_holding_and_releasing_a_booth(setup, english):
    plan, application, client = setup
    url = reverse("booths:hold", args=[application.pk])
    response = client.post(url, {"booth": plan["booths"][0].pk}, follow=True)
    assert "A-000 is yours until" in response.content.decode()
    hold = Allocation.objects.get(status=AllocationStatus.ACTIVE)

    client.post(reverse("booths:release", args=[application.pk, hold.pk]))
    hold.refresh_from_db()
    assert hold.status == AllocationStatus.RELEASED


@pytest.mark.parametrize("booth", ["", "abc", "999999"])
def test_a_forged_booth_is_refused_with_a_message(setup, booth, english):
    _plan, application, client = setup
    response = client.post(
        reverse("booths:hold", args=[application.pk]), {"booth": booth}, follow=True
    )
    assert "Choose a booth from the plan." in response.content.decode()
    assert not Allocation.objects.exists()


def test_another_business_s_application_is_not_found(setup):
    plan, _application, client = setup
    foreign, _ = approved(plan)
    assert client.get(reverse("booths:picker", args=[foreign.pk])).status_code == 404
    response = client.post(
        reverse("booths:hold", args=[foreign.pk]), {"booth": plan["booths"][0].pk}
    )
    assert response.status_code == 404
    assert not Allocation.objects.exists()


def test_a_closed_window_says_so(setup):
    plan, application, client = setup
    SelectionWindow.objects.filter(event=plan["event"]).update(
        opens_at=timezone.now() + timedelta(days=1), closes_at=timezone.now() + timedelta(days=2)
    )
    response = client.get(reverse("booths:picker", args=[application.pk]))
    assert 'data-testid="picker-closed"' in response.content.decode()
