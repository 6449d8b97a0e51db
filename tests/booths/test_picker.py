"""The exhibitor's booth picker page: only suitable free booths, hold and release by POST."""

import json
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from booths.models import Allocation, AllocationStatus, Booth, Hall, SelectionWindow, Zone
from tests.booths.test_holds import approved, build_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(client):
    plan = build_plan(booths=3)
    Booth.objects.filter(pk=plan["booths"][2].pk).update(is_blocked=True)
    application, owner = approved(plan)
    client.force_login(owner)
    return plan, application, client


def picker_html(client, application) -> str:
    response = client.get(reverse("booths:picker", args=[application.pk]))
    assert response.status_code == 200
    return response.content.decode()


BOOTH_TAG = re.compile(r'<g class="([^"]*)" data-pk="\d+" data-code="([^"]+)"')


def plan_details(html: str) -> dict:
    """The picker script's data for the (first) plan on the page."""
    found = re.search(
        r'<script id="plan-hall-\d+-offers" type="application/json">(.*?)</script>', html
    )
    return json.loads(found.group(1))


def booth_classes(html: str) -> dict[str, str]:
    """Booth code -> the class attribute of its g.booth on the plan."""
    return {code: classes for classes, code in BOOTH_TAG.findall(html)}


def test_the_picker_offers_only_free_suitable_booths(setup):
    plan, application, client = setup
    other, _ = approved(plan)
    Allocation.objects.create(
        booth=plan["booths"][1],
        application=other,
        kind="hold",
        held_until=timezone.now() + timedelta(minutes=5),
    )
    html = picker_html(client, application)
    assert 'data-booth="A-000"' in html
    assert 'data-booth="A-001"' not in html  # held by another exhibitor
    assert 'data-booth="A-002"' not in html  # blocked


def test_the_plan_lights_the_booths_on_offer_and_greys_the_rest(setup):
    plan, application, client = setup
    other, _ = approved(plan)
    Allocation.objects.create(
        booth=plan["booths"][1],
        application=other,
        kind="hold",
        held_until=timezone.now() + timedelta(minutes=5),
    )
    html = picker_html(client, application)

    classes = booth_classes(html)
    assert classes == {
        "A-000": "booth is-pickable",
        "A-001": "booth is-muted",
        "A-002": "booth is-muted",
    }
    assert 'id="plan-hall-{}"'.format(plan["hall"].pk) in html
    assert "data-pick-form" in html and 'data-testid="picker-legend"' in html
    assert plan_details(html) == {
        "offers": {
            str(plan["booths"][0].pk): {
                "code": "A-000",
                "zone": "Kriya",
                "price": f"Rp {plan['standard'].price:,}".replace(",", "."),
            }
        },
        "mine": [],
    }


def test_a_second_pick_shows_the_first_as_the_exhibitor_s_own(setup):
    plan, application, client = setup
    application.booth_count = 2
    application.save()
    client.post(reverse("booths:hold", args=[application.pk]), {"booth": plan["booths"][1].pk})

    html = picker_html(client, application)

    assert booth_classes(html)["A-001"] == "booth is-muted"
    assert booth_classes(html)["A-000"] == "booth is-pickable"
    assert plan_details(html)["mine"] == [str(plan["booths"][1].pk)]
    assert "data-pick-mine" in html


def test_only_halls_with_a_booth_on_offer_get_a_plan(setup):
    plan, application, client = setup
    empty = Hall.objects.create(
        event=plan["event"], code="B", name="Pendopo Timur", width_m=30, depth_m=20
    )
    second = Hall.objects.create(
        event=plan["event"], code="C", name="Pamedan", width_m=30, depth_m=20, position=5
    )
    for hall, code in ((empty, "B-001"), (second, "C-001")):
        Booth.objects.create(
            hall=hall,
            zone=Zone.objects.create(hall=hall, code="KRI", name="Kriya", sectors=[]),
            booth_type=plan["standard"],
            code=code,
            x_m=Decimal(0),
            y_m=Decimal(0),
            width_m=3,
            depth_m=3,
            is_blocked=hall == empty,
        )

    html = picker_html(client, application)

    assert 'data-testid="hall-A"' in html and 'data-testid="hall-C"' in html
    assert 'data-testid="hall-B"' not in html
    assert html.count("data-floor-plan ") == 2
    assert f'href="#plan-hall-{second.pk}-section"' in html  # a jump to each hall


def test_an_exhibitor_with_all_its_booths_sees_no_plan(setup):
    plan, application, client = setup
    client.post(reverse("booths:hold", args=[application.pk]), {"booth": plan["booths"][0].pk})
    html = picker_html(client, application)
    assert 'data-testid="my-booths"' in html
    assert "data-floor-plan" not in html and "data-pick-form" not in html


def test_holding_and_releasing_a_booth(setup, english):
    plan, application, client = setup
    url = reverse("booths:hold", args=[application.pk])
    response = client.post(url, {"booth": plan["booths"][0].pk}, follow=True)
    assert "A-000 is yours until" in response.content.decode()
    hold = Allocation.objects.get(status=AllocationStatus.ACTIVE)

    client.post(reverse("booths:release", args=[application.pk, hold.pk]))
    hold.refresh_from_db()
    assert hold.status == AllocationStatus.RELEASED


@pytest.mark.parametrize("booth", ["", "abc", "999999", "-1", "1.0", "²", "9" * 30, " 1"])
def test_a_forged_booth_is_refused_with_a_message(setup, booth, english):
    _plan, application, client = setup
    response = client.post(
        reverse("booths:hold", args=[application.pk]), {"booth": booth}, follow=True
    )
    assert response.status_code == 200
    assert "Choose a booth from the plan." in response.content.decode()
    assert not Allocation.objects.exists()


def test_a_booth_of_another_edition_is_refused(setup, english):
    _plan, application, client = setup
    elsewhere = build_plan(booths=1)["booths"][0]
    response = client.post(
        reverse("booths:hold", args=[application.pk]), {"booth": elsewhere.pk}, follow=True
    )
    assert "Choose a booth from the plan." in response.content.decode()
    assert not Allocation.objects.exists()


@pytest.mark.parametrize(
    "case, message", [("blocked", "is blocked"), ("wrong_type", "you asked for")]
)
def test_a_booth_that_is_not_on_offer_is_refused_with_the_reason(setup, case, message, english):
    plan, application, client = setup
    booth = plan["booths"][2]  # blocked by the fixture
    if case == "wrong_type":
        booth = plan["booths"][0]
        Booth.objects.filter(pk=booth.pk).update(booth_type=plan["culinary"])
    response = client.post(
        reverse("booths:hold", args=[application.pk]), {"booth": booth.pk}, follow=True
    )
    assert message in response.content.decode()
    assert not Allocation.objects.exists()


def test_a_booth_someone_else_holds_is_refused(setup, english):
    plan, application, client = setup
    other, _ = approved(plan)
    Allocation.objects.create(
        booth=plan["booths"][0],
        application=other,
        kind="hold",
        held_until=timezone.now() + timedelta(minutes=5),
    )
    response = client.post(
        reverse("booths:hold", args=[application.pk]), {"booth": plan["booths"][0].pk}, follow=True
    )
    assert "already taken" in response.content.decode()
    assert not Allocation.objects.filter(application=application).exists()


def test_holding_and_releasing_need_a_post(setup):
    plan, application, client = setup
    assert client.get(reverse("booths:hold", args=[application.pk])).status_code == 405
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
    html = picker_html(client, application)
    assert 'data-testid="picker-closed"' in html
    assert "data-floor-plan" not in html


def test_a_closed_window_refuses_a_hold(setup, english):
    plan, application, client = setup
    SelectionWindow.objects.filter(event=plan["event"]).update(
        opens_at=timezone.now() - timedelta(days=2), closes_at=timezone.now() - timedelta(days=1)
    )
    response = client.post(
        reverse("booths:hold", args=[application.pk]), {"booth": plan["booths"][0].pk}, follow=True
    )
    assert "not open" in response.content.decode()
    assert not Allocation.objects.exists()
