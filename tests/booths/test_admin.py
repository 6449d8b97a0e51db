"""The organizer's floor plan screens: halls, zones, booth types and booths."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.factories import UserFactory
from accounts.models import Role
from accounts.services import role_grant
from booths.factories import BoothFactory, BoothTypeFactory, HallFactory, ZoneFactory
from booths.models import Booth, BoothType, Hall, Zone
from events.factories import AssociationFactory, EventFactory
from exhibitors.models import BoothSize, Sector
from tests.admin import admin_login

pytestmark = pytest.mark.django_db

SCREENS = ["hall", "zone", "boothtype", "booth"]


def url(model, view="index", *args):
    return reverse(f"booths_{model}:{view}", args=args)


def plan_of(event, hall_code="A"):
    hall = HallFactory(event=event, code=hall_code, name=f"Pendopo {hall_code}", width_m=30)
    zone = ZoneFactory(hall=hall, code="KRIYA", name="Zona Kriya", sectors=[Sector.KRIYA])
    booth_type = BoothTypeFactory(event=event, code="STD", name="Stan standar")
    booths = [
        BoothFactory(
            hall=hall, zone=zone, booth_type=booth_type, code=f"{hall_code}-{n:03d}", x_m=3 * n
        )
        for n in range(3)
    ]
    return {"hall": hall, "zone": zone, "type": booth_type, "booths": booths}


@pytest.fixture
def world():
    ours, theirs = EventFactory(), EventFactory()
    organizer = UserFactory(email="panitia@pameran.test")
    role_grant(user=organizer, role=Role.ORGANIZER, scope=ours)
    other_organizer = UserFactory(email="makassar@pameran.test")
    role_grant(user=other_organizer, role=Role.ORGANIZER, scope=theirs)
    association_admin = UserFactory(email="asephi@pameran.test")
    role_grant(user=association_admin, role=Role.ASSOCIATION_ADMIN, scope=AssociationFactory())
    return {
        "ours": ours,
        "theirs": theirs,
        "organizer": organizer,
        "other_organizer": other_organizer,
        "association_admin": association_admin,
        "plain": UserFactory(email="plain@pameran.test"),
        "plan": plan_of(ours, "A"),
        "their_plan": plan_of(theirs, "M"),
    }


def booth_data(booth, **overrides):
    data = {
        "hall": booth.hall_id,
        "code": booth.code,
        "zone": booth.zone_id,
        "booth_type": booth.booth_type_id,
        "x_m": booth.x_m,
        "y_m": booth.y_m,
        "width_m": booth.width_m,
        "depth_m": booth.depth_m,
        "is_blocked": "",
        "blocked_reason": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def errors_of(response):
    """The form's errors as the English admin shows them (a request leaves Indonesian active)."""
    with translation.override("en"):
        return {
            name: [str(e) for e in errors]
            for name, errors in response.context["form"].errors.items()
        }


# --- who gets in ---------------------------------------------------------------------------


def test_organizer_lists_only_the_floor_plan_of_their_edition(client, world):
    admin_login(client, world["organizer"])
    for model in SCREENS:
        response = client.get(url(model))
        assert response.status_code == 200, model
    halls = client.get(url("hall")).context["object_list"]
    assert [(h.code, h.booth_count) for h in halls] == [("A", 3)]
    booths = client.get(url("booth")).context["object_list"]
    assert [b.code for b in booths] == ["A-000", "A-001", "A-002"]
    assert [z.code for z in client.get(url("zone")).context["object_list"]] == ["KRIYA"]
    types = client.get(url("boothtype")).context["object_list"]
    assert [t.pk for t in types] == [world["plan"]["type"].pk]


def test_the_exhibition_menu_lists_the_floor_plan_screens(client, world):
    admin_login(client, world["organizer"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    for label in ["Halls", "Zones", "Booth types", "Booths"]:
        assert label in html


def test_lists_show_size_price_in_rupiah_and_booth_counts(client, world):
    admin_login(client, world["organizer"])
    halls = client.get(url("hall")).content.decode()
    assert "30\u00a0×\u00a020\u00a0m" in halls
    types = client.get(url("boothtype")).content.decode()
    assert "Rp\u00a02.500.000" in types
    assert "3\u00a0×\u00a03\u00a0m" in types


def test_another_editions_objects_answer_404(client, world):
    admin_login(client, world["organizer"])
    theirs = world["their_plan"]
    for model, obj in [
        ("hall", theirs["hall"]),
        ("zone", theirs["zone"]),
        ("boothtype", theirs["type"]),
        ("booth", theirs["booths"][0]),
    ]:
        assert client.get(url(model, "edit", obj.pk)).status_code == 404, model
        assert client.get(url(model, "delete", obj.pk)).status_code == 404, model
        assert client.post(url(model, "delete", obj.pk)).status_code == 404, model
    assert Booth.objects.filter(pk=theirs["booths"][0].pk).exists()
    booth = theirs["booths"][0]
    response = client.post(url("booth", "edit", booth.pk), booth_data(booth, x_m=9))
    assert response.status_code == 404
    booth.refresh_from_db()
    assert booth.x_m == 0


@pytest.mark.parametrize("who", ["association_admin", "plain"])
def test_people_who_do_not_organize_are_refused(client, world, who):
    admin_login(client, world[who])
    booth = world["plan"]["booths"][0]
    for path in [url("hall"), url("booth"), url("booth", "edit", booth.pk), url("hall", "add")]:
        response = client.get(path)
        assert response.status_code in (302, 403), path
        if response.status_code == 302:
            assert reverse("wagtailadmin_login") in response["Location"]


def test_filters_offer_only_the_users_own_halls_and_narrow_the_list(client, world):
    extra_hall = HallFactory(event=world["ours"], code="B", name="Pendopo Timur")
    BoothFactory(hall=extra_hall, zone=ZoneFactory(hall=extra_hall), code="B-001")
    admin_login(client, world["organizer"])

    response = client.get(url("booth"), {"hall": extra_hall.pk})
    assert [b.code for b in response.context["object_list"]] == ["B-001"]
    hall_choices = response.context["filters"].form.fields["hall"].queryset
    assert set(hall_choices) == {world["plan"]["hall"], extra_hall}

    blocked = world["plan"]["booths"][1]
    Booth.objects.filter(pk=blocked.pk).update(is_blocked=True, blocked_reason="Tiang")
    response = client.get(url("booth"), {"is_blocked": "true"})
    assert [b.code for b in response.context["object_list"]] == [blocked.code]

    response = client.get(url("booth"), {"q": "A-002"})
    assert [b.code for b in response.context["object_list"]] == ["A-002"]


# --- editing -------------------------------------------------------------------------------


def test_organizer_moves_and_blocks_a_booth(client, world):
    admin_login(client, world["organizer"])
    booth = world["plan"]["booths"][2]
    response = client.post(
        url("booth", "edit", booth.pk),
        booth_data(booth, x_m="21", y_m="6", is_blocked="on", blocked_reason="Pintu darurat"),
    )
    assert response.status_code == 302
    booth.refresh_from_db()
    assert (booth.x_m, booth.y_m, booth.is_blocked) == (Decimal(21), Decimal(6), True)
    assert booth.blocked_reason == "Pintu darurat"


def test_a_booth_outside_its_hall_is_refused_with_the_reason(client, world, english):
    admin_login(client, world["organizer"])
    booth = world["plan"]["booths"][0]
    response = client.post(url("booth", "edit", booth.pk), booth_data(booth, x_m="28"))

    assert response.status_code == 200
    assert errors_of(response)["x_m"] == ["Booth A-000 does not fit in hall A (30 × 20 m)."]
    assert "does not fit in hall A" in response.content.decode()
    booth.refresh_from_db()
    assert booth.x_m == 0


def test_a_new_booth_takes_its_types_size_and_must_fit(client, world, english):
    admin_login(client, world["organizer"])
    plan = world["plan"]
    data = booth_data(plan["booths"][0], code="A-010", x_m="12", width_m=None, depth_m=None)
    response = client.post(url("booth", "add"), data)
    assert response.status_code == 302
    booth = Booth.objects.get(code="A-010")
    assert (booth.width_m, booth.depth_m) == (Decimal(3), Decimal(3))

    refused = client.post(url("booth", "add"), {**data, "code": "A-011", "y_m": "18"})
    assert refused.status_code == 200
    assert "does not fit in hall A" in errors_of(refused)["x_m"][0]
    assert not Booth.objects.filter(code="A-011").exists()


def test_a_blocked_booth_needs_a_reason(client, world, english):
    admin_login(client, world["organizer"])
    booth = world["plan"]["booths"][0]
    response = client.post(url("booth", "edit", booth.pk), booth_data(booth, is_blocked="on"))
    assert response.status_code == 200
    assert errors_of(response)["blocked_reason"] == ["Say why the booth is blocked."]


def test_a_booth_cannot_be_put_in_another_editions_hall_or_zone(client, world, english):
    admin_login(client, world["organizer"])
    booth = world["plan"]["booths"][0]
    theirs = world["their_plan"]
    response = client.post(
        url("booth", "edit", booth.pk),
        booth_data(booth, hall=theirs["hall"].pk, zone=theirs["zone"].pk),
    )
    assert response.status_code == 200
    errors = errors_of(response)
    assert errors["hall"] == ["Choose a hall of an edition you run."]
    assert errors["zone"] == ["Choose a zone of an edition you run."]
    booth.refresh_from_db()
    assert booth.hall == world["plan"]["hall"]


def test_a_zone_of_another_hall_is_refused(client, world, english):
    other_hall = HallFactory(event=world["ours"], code="B")
    other_zone = ZoneFactory(hall=other_hall, code="UMUM")
    admin_login(client, world["organizer"])
    booth = world["plan"]["booths"][0]
    response = client.post(url("booth", "edit", booth.pk), booth_data(booth, zone=other_zone.pk))
    assert response.status_code == 200
    assert errors_of(response)["zone"] == ["The zone belongs to another hall."]


def test_organizer_adds_a_hall_only_to_their_edition(client, world, english):
    admin_login(client, world["organizer"])
    data = {
        "event": world["ours"].pk,
        "code": "OUT",
        "name": "Pamedan",
        "width_m": "120",
        "depth_m": "60",
        "is_outdoor": "on",
        "position": "2",
    }
    assert client.post(url("hall", "add"), data).status_code == 302
    assert Hall.objects.get(event=world["ours"], code="OUT").is_outdoor

    refused = client.post(url("hall", "add"), {**data, "event": world["theirs"].pk, "code": "X"})
    assert refused.status_code == 200
    assert "event" in errors_of(refused)
    assert "Choose one of the editions you run." in refused.content.decode()
    assert not Hall.objects.filter(code="X").exists()


def test_zone_sectors_are_ticked_from_the_list(client, world):
    admin_login(client, world["organizer"])
    data = {
        "hall": world["plan"]["hall"].pk,
        "code": "KUL",
        "name": "Zona Kuliner",
        "sectors": [Sector.KULINER, Sector.KOPI_REMPAH],
        "has_power": "on",
        "has_water": "on",
    }
    assert client.post(url("zone", "add"), data).status_code == 302
    zone = Zone.objects.get(code="KUL")
    assert zone.sectors == [Sector.KULINER, Sector.KOPI_REMPAH] and zone.has_water

    edit = client.get(url("zone", "edit", zone.pk)).content.decode()
    assert 'type="checkbox" name="sectors" value="kuliner"' in edit


def test_booth_type_edit_saves_price_in_rupiah(client, world):
    admin_login(client, world["organizer"])
    booth_type = world["plan"]["type"]
    data = {
        "event": world["ours"].pk,
        "code": "STD",
        "name": "Stan standar",
        "width_m": "3",
        "depth_m": "3",
        "price": "2750000",
        "power_watts": "900",
        "serves": BoothSize.STANDARD,
        "sectors": [],
    }
    response = client.post(url("boothtype", "edit", booth_type.pk), data)
    assert response.status_code == 302
    assert BoothType.objects.get(pk=booth_type.pk).price == 2_750_000
    assert "Rp\u00a02.750.000" in client.get(url("boothtype")).content.decode()


def test_a_zone_with_booths_cannot_be_deleted(client, world):
    admin_login(client, world["organizer"])
    zone = world["plan"]["zone"]
    assert client.get(url("zone", "delete", zone.pk)).context["is_protected"]
    assert client.post(url("zone", "delete", zone.pk)).status_code in (302, 403)
    assert Zone.objects.filter(pk=zone.pk).exists()


def test_a_zone_whose_booths_the_reference_index_missed_is_kept_with_a_message(client, world):
    # Bulk-created booths (the demo's) send no signals, so Wagtail's usage count
    # misses them; the database's PROTECT still refuses, and the user reads why.
    hall = world["plan"]["hall"]
    zone = ZoneFactory(hall=hall, code="BULK")
    Booth.objects.bulk_create(
        [
            Booth(
                hall=hall,
                zone=zone,
                booth_type=world["plan"]["type"],
                code="A-020",
                x_m=0,
                y_m=10,
                width_m=3,
                depth_m=3,
            )
        ]
    )
    admin_login(client, world["organizer"])
    response = client.post(url("zone", "delete", zone.pk), follow=True)
    assert Zone.objects.filter(pk=zone.pk).exists()
    assert "is still in use" in response.content.decode()


def test_organizer_deletes_a_free_booth(client, world):
    admin_login(client, world["organizer"])
    booth = world["plan"]["booths"][2]
    assert client.post(url("booth", "delete", booth.pk)).status_code == 302
    assert not Booth.objects.filter(pk=booth.pk).exists()


def test_factory_booths_are_valid_and_never_overlap():
    zone = ZoneFactory()
    booths = [BoothFactory(zone=zone) for _ in range(5)] + [BoothFactory()]
    for booth in booths:
        booth.full_clean()
    assert booths[-1].booth_type.event == booths[-1].hall.event
    for i, booth in enumerate(booths[:5]):
        assert all(not booth.overlaps(other) for other in booths[i + 1 : 5])


# --- in the browser --------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_organizer_finds_a_booth_of_the_demo_venue_and_blocks_it(live_server, page, tmp_path):
    import os
    from pathlib import Path

    from playwright.sync_api import expect
    from wagtail.users.models import UserProfile

    from booths.demo import seed_floor_plan

    shots = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    event = EventFactory(booth_capacity=500)
    seed_floor_plan(event=event)
    organizer = UserFactory(email="panitia@pameran.test")
    role_grant(user=organizer, role=Role.ORGANIZER, scope=event)
    profile = UserProfile.get_for_user(organizer)
    profile.preferred_language = "en"
    profile.save()

    page.goto(live_server.url + reverse("wagtailadmin_login"))
    page.locator('input[name="username"]').fill(organizer.email)
    page.locator('input[name="password"]').fill("secret-pass-123")
    page.locator('button[type="submit"]').click()
    page.wait_for_url(f"**{reverse('wagtailadmin_home')}")

    page.get_by_role("button", name="Exhibition").click()
    page.get_by_role("link", name="Halls").click()
    page.wait_for_url(f"**{url('hall')}")
    expect(page.locator("table.listing")).to_contain_text("Pendopo Barat")
    expect(page.locator("table.listing")).to_contain_text("102\u00a0×\u00a040\u00a0m")
    page.screenshot(path=shots / "admin-halls.png", full_page=True)

    page.goto(live_server.url + url("boothtype"))
    expect(page.locator("table.listing")).to_contain_text("Rp\u00a04.500.000")
    page.screenshot(path=shots / "admin-booth-types.png", full_page=True)

    page.goto(live_server.url + url("booth") + "?q=B-045")
    page.get_by_role("link", name="B-045").click()
    page.locator('input[name="is_blocked"]').check()
    page.locator('input[name="blocked_reason"]').fill("Kabel panggung")
    page.locator('input[name="x_m"]').fill("101")
    page.get_by_role("button", name="Save").click()
    expect(
        page.locator("#panel-child-panel-child-x_m-errors, .w-field__errors")
        .filter(has_text="fit")
        .first
    ).to_contain_text("does not fit in hall B")
    page.screenshot(path=shots / "admin-booth-refused.png", full_page=True)
    booth = Booth.objects.get(hall__event=event, code="B-045")
    page.locator('input[name="x_m"]').fill(str(booth.x_m))
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**{url('booth')}")
    booth.refresh_from_db()
    assert booth.is_blocked and booth.blocked_reason == "Kabel panggung"
    page.screenshot(path=shots / "admin-booths.png", full_page=True)
