"""The SVG floor plan: what it draws, that it is safe with hostile names, that it reads
the plan in a fixed number of queries, and the organizer's board that shows it."""

import os
import time
import xml.etree.ElementTree as ET
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import NoReverseMatch, clear_url_caches, include, path, reverse
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.admin.auth import require_admin_access
from wagtail.users.models import UserProfile
from wagtail.utils.urlpatterns import decorate_urlpatterns

from accounts.factories import UserFactory
from accounts.models import Role
from accounts.services import role_grant
from booths.admin_urls import urlpatterns as board_urlpatterns
from booths.models import Allocation, AllocationKind, Booth, BoothType, Hall, Zone
from booths.plan_svg import association_colour, render_plan_svg
from booths.selectors import PlanBooth, PlanData, plan_of
from config.urls import urlpatterns as project_urlpatterns
from events.factories import AssociationFactory, EventFactory, ParticipationFactory
from exhibitors.factories import ApplicationFactory, BusinessFactory, manager_of
from exhibitors.models import ApplicationStatus
from tests.admin import admin_login
from tests.browser import PHONE

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(1)</script> & Co"
PASSWORD = "secret-pass-123"  # accounts.factories.UserFactory's

# Until booths/wagtail_hooks.py registers the board, the tests mount it as the hook would.
urlpatterns = [
    path("admin/", include(decorate_urlpatterns(list(board_urlpatterns), require_admin_access))),
    *project_urlpatterns,
]


@pytest.fixture
def board_url(settings):
    try:
        reverse("booths_board")
    except NoReverseMatch:
        settings.ROOT_URLCONF = __name__
        clear_url_caches()
    return reverse("booths_board")


# --- building plans --------------------------------------------------------------------


def build_hall(*, booths=8, event=None, code="A", columns=10):
    """A hall with ``booths`` 3 × 3 m booths in rows of ``columns``, aisles between rows."""
    event = event or EventFactory(booth_capacity=5000)
    rows = (booths + columns - 1) // columns or 1
    hall = Hall.objects.create(
        event=event, code=code, name=f"Hall {code}", width_m=columns * 3, depth_m=rows * 5
    )
    zone = Zone.objects.create(hall=hall, code="UMUM", name="Umum")
    booth_type, _ = BoothType.objects.get_or_create(
        event=event, code="STD", defaults={"name": "Standar", "width_m": 3, "depth_m": 3}
    )
    Booth.objects.bulk_create(
        Booth(
            hall=hall,
            zone=zone,
            booth_type=booth_type,
            code=f"{code}-{n:03d}",
            x_m=(n % columns) * 3,
            y_m=(n // columns) * 5,
            width_m=3,
            depth_m=3,
        )
        for n in range(booths)
    )
    return hall


def place(booth, *, kind=AllocationKind.ASSIGNMENT, business=None, association=None):
    application = ApplicationFactory(
        event=booth.hall.event,
        business=business or BusinessFactory(),
        association=association or AssociationFactory(),
        status=ApplicationStatus.ALLOCATED,
    )
    return Allocation.objects.create(
        booth=booth,
        application=application,
        kind=kind,
        held_until=timezone.now() + timedelta(minutes=30) if kind == AllocationKind.HOLD else None,
    )


@pytest.fixture
def world():
    """Hall A of one edition: a free, a held, an allocated (hostile name) and a blocked booth."""
    event = EventFactory(name="Hari UMKM Nasional 2027", booth_capacity=100)
    asephi = AssociationFactory(acronym="ASEPHI", name="Asosiasi Eksportir Kerajinan")
    iwapi = AssociationFactory(acronym="IWAPI", name="Ikatan Wanita Pengusaha Indonesia")
    ParticipationFactory(event=event, association=asephi, booth_quota=10)
    ParticipationFactory(event=event, association=iwapi, booth_quota=5)
    hall = build_hall(booths=4, event=event)
    build_hall(booths=2, event=event, code="B")
    free, held, allocated, blocked = hall.booths.order_by("code")
    place(held, kind=AllocationKind.HOLD, association=iwapi)
    hostile = BusinessFactory(legal_name="PT Aman", brand_name=HOSTILE)
    place(allocated, business=hostile, association=asephi)
    blocked.is_blocked = True
    blocked.blocked_reason = "Pillar"
    blocked.save()
    organizer = UserFactory(email="panitia@pameran.test", full_name="Rina Panitia")
    role_grant(user=organizer, role=Role.ORGANIZER, scope=event)
    return {
        "event": event,
        "hall": hall,
        "organizer": organizer,
        "hostile": hostile,
        "codes": {"free": free.code, "held": held.code, "allocated": allocated.code},
    }


def booth_groups(svg: str) -> dict[str, ET.Element]:
    root = ET.fromstring(svg)
    groups = root.iter(f"{SVG}g")
    return {g.get("data-code"): g for g in groups if "booth" in g.get("class", "").split()}


# --- the plan data ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_plan_says_who_stands_in_each_booth(world):
    plan = plan_of(world["hall"])
    by_code = {booth.code: booth for booth in plan.booths}
    assert [b.status for b in plan.booths] == ["free", "held", "allocated", "blocked"]
    allocated = by_code[world["codes"]["allocated"]]
    assert (allocated.business, allocated.association, allocated.type_code) == (
        HOSTILE,
        "ASEPHI",
        "STD",
    )
    assert by_code[world["codes"]["held"]].association == "IWAPI"
    assert (plan.width, plan.depth) == (30.0, 5.0)


@pytest.mark.django_db
def test_released_allocations_leave_the_booth_free(world):
    Allocation.objects.filter(booth__hall=world["hall"]).update(status="released")
    statuses = [b.status for b in plan_of(world["hall"]).booths]
    assert statuses == ["free", "free", "free", "blocked"]


@pytest.mark.django_db
@pytest.mark.parametrize("booths", [3, 60])
def test_the_plan_is_read_in_a_fixed_number_of_queries(booths, django_assert_max_num_queries):
    hall = build_hall(booths=booths)
    association = AssociationFactory()
    for booth in hall.booths.all()[: booths // 2 + 1]:
        place(booth, association=association)
    with django_assert_max_num_queries(2):
        plan = plan_of(hall)
    assert len(plan.booths) == booths


# --- the SVG ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_svg_has_one_focusable_group_per_booth_with_its_status(world):
    svg = render_plan_svg(plan_of(world["hall"]))
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox").split()[2:] != ["0", "0"]
    groups = booth_groups(svg)
    assert {code: g.get("data-status") for code, g in groups.items()} == {
        "A-000": "free",
        "A-001": "held",
        "A-002": "allocated",
        "A-003": "blocked",
    }
    for group in groups.values():
        assert group.get("tabindex") == "0"
        assert group.get("role") == "button"
        assert group.get("aria-label").startswith(group.get("data-code"))
        assert group.find(f"{SVG}rect") is not None
        assert group.find(f"{SVG}text").text == group.get("data-code")
    assert root.find(f".//{SVG}g[@class='legend']") is not None


@pytest.mark.django_db
def test_a_hostile_business_name_is_text_not_markup(world):
    svg = render_plan_svg(plan_of(world["hall"]), label_names=True)
    assert "<script>" not in svg
    group = booth_groups(svg)[world["codes"]["allocated"]]  # parses: nothing broke out
    assert group.get("data-business") == HOSTILE
    assert HOSTILE in group.get("aria-label")
    assert not list(ET.fromstring(svg).iter(f"{SVG}script"))


def test_hostile_codes_and_hall_names_are_escaped_too():
    plan = PlanData(
        hall_id=1,
        hall_code='"><x',
        hall_name="</svg><script>",
        width=10,
        depth=10,
        booths=(PlanBooth(1, 'A"1<', 0, 0, 3, 3, "S&", "<b>", "Z'", False),),
    )
    svg = render_plan_svg(plan)
    (group,) = booth_groups(svg).values()
    assert group.get("data-code") == 'A"1<'
    assert group.get("data-type") == "<b>"
    assert "</svg><script>" in ET.fromstring(svg).find(f"{SVG}title").text


def test_association_colours_are_stable_and_distinct():
    # crc32, not hash(): the same in every process, so a printed plan matches the screen.
    assert association_colour("ASEPHI") == "hsl(47, 70%, 74%)"
    assert association_colour("ASEPHI") == association_colour("ASEPHI")
    colours = {association_colour(a) for a in ("ASEPHI", "IWAPI", "HIPMI", "KADIN", "APINDO")}
    assert len(colours) == 5
    assert association_colour("") == "#f4f4f4"


@pytest.mark.django_db
def test_colouring_by_association_paints_each_association_s_booths_its_colour(world):
    svg = render_plan_svg(plan_of(world["hall"]), colour_by="association")
    groups = booth_groups(svg)
    fill = groups[world["codes"]["allocated"]].find(f"{SVG}rect").get("fill")
    assert fill == association_colour("ASEPHI")
    assert groups[world["codes"]["held"]].find(f"{SVG}rect").get("fill") == association_colour(
        "IWAPI"
    )
    legend = ET.fromstring(svg).find(f".//{SVG}g[@class='legend']")
    assert {"ASEPHI", "IWAPI"} <= {t.text for t in legend.iter(f"{SVG}text")}


@pytest.mark.django_db
def test_highlight_marks_the_named_booth_and_bad_options_are_refused(world):
    plan = plan_of(world["hall"])
    groups = booth_groups(render_plan_svg(plan, highlight="A-001"))
    assert "is-highlighted" in groups["A-001"].get("class")
    assert "is-highlighted" not in groups["A-000"].get("class")
    with pytest.raises(ValueError):
        render_plan_svg(plan, colour_by="price")


def test_a_thousand_booths_render_fast():
    booths = tuple(
        PlanBooth(
            n,
            f"A-{n:04d}",
            (n % 40) * 3,
            (n // 40) * 5,
            3,
            3,
            "STD",
            "Standar",
            "Z",
            n % 17 == 0,
            kind=("assignment", "hold", "")[n % 3],
            business=f"UD Usaha {n}" if n % 3 < 2 else "",
            association=f"AS{n % 12}" if n % 3 < 2 else "",
        )
        for n in range(1000)
    )
    plan = PlanData(1, "A", "Besar", 120, 125, booths)
    render_plan_svg(plan)  # warm-up
    started = time.perf_counter()
    svg = render_plan_svg(plan, colour_by="association")
    elapsed = time.perf_counter() - started
    assert len(booth_groups(svg)) == 1000
    assert elapsed < 0.2, f"{elapsed * 1000:.0f} ms for 1,000 booths"


# --- the organizer's board -------------------------------------------------------------


@pytest.mark.django_db
def test_the_organizer_sees_the_board_of_a_hall(client, world, board_url):
    admin_login(client, world["organizer"])
    response = client.get(board_url, {"hall": world["hall"].pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<g class="booth"') == 4
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html
    assert "<script>alert(1)</script>" not in html
    assert 'data-hall-tab="' in html and html.count("data-hall-tab=") == 2
    assert 'data-association="ASEPHI"' in html and "data-in-hall" in html
    assert "Booths per association" in html


@pytest.mark.django_db
def test_the_board_opens_on_the_first_hall_and_colours_by_association(client, world, board_url):
    admin_login(client, world["organizer"])
    response = client.get(board_url, {"colour": "association"})
    assert response.status_code == 200
    assert response.context["hall"] == world["hall"]
    assert association_colour("ASEPHI") in response.content.decode()
    # An unknown colouring falls back to status rather than failing.
    assert client.get(board_url, {"colour": "x"}).context["colour"] == "status"


@pytest.mark.django_db
def test_another_edition_s_hall_reads_as_absent(client, world, board_url):
    other_hall = build_hall(booths=2, code="X")
    admin_login(client, world["organizer"])
    assert client.get(board_url, {"hall": other_hall.pk}).status_code == 404
    assert client.get(board_url, {"hall": "nope"}).status_code == 404
    assert client.get(board_url, {"hall": 999_999}).status_code == 404

    stranger = UserFactory()
    role_grant(user=stranger, role=Role.ORGANIZER, scope=other_hall.event)
    admin_login(client, stranger)
    assert client.get(board_url, {"hall": world["hall"].pk}).status_code == 404
    assert client.get(board_url).context["hall"] == other_hall


@pytest.mark.django_db
def test_exhibitors_and_visitors_are_refused(client, world, board_url):
    exhibitor = manager_of(world["hostile"])
    for user in (exhibitor, UserFactory()):
        admin_login(client, user)
        response = client.get(board_url, {"hall": world["hall"].pk})
        assert response.status_code in (302, 403, 404)
        assert HOSTILE.split("&")[0].replace("<", "&lt;") not in response.content.decode()
    client.logout()
    assert client.get(board_url, {"hall": world["hall"].pk}).status_code == 302


@pytest.mark.django_db
def test_the_board_s_queries_do_not_grow_with_the_hall(
    client, world, board_url, django_assert_max_num_queries
):
    admin_login(client, world["organizer"])
    client.get(board_url, {"hall": world["hall"].pk})  # warm caches (session, profile)
    with django_assert_max_num_queries(40) as small:
        client.get(board_url, {"hall": world["hall"].pk})
    big = build_hall(booths=60, event=world["event"], code="C")
    for booth in big.booths.all()[:30]:
        place(booth)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(board_url, {"hall": big.pk})
    assert response.content.decode().count('<g class="booth"') == 60


# --- in a browser ----------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_organizer_taps_a_booth_on_a_phone_and_zooms(
    live_server, world, board_url, page, tmp_path
):
    shots = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    profile = UserProfile.get_for_user(world["organizer"])
    profile.preferred_language = "en"
    profile.save()
    page.goto(live_server.url + reverse("wagtailadmin_login"))
    page.locator('input[name="username"]').fill(world["organizer"].email)
    page.locator('input[name="password"]').fill(PASSWORD)
    page.locator('button[type="submit"]').click()
    page.wait_for_url(f"**{reverse('wagtailadmin_home')}")

    page.goto(f"{live_server.url}{board_url}?hall={world['hall'].pk}")
    expect(page.locator(".booth")).to_have_count(4)
    page.screenshot(path=shots / "board-desktop.png", full_page=True)

    page.set_viewport_size(PHONE)
    info = page.locator("[data-info]")
    allocated = page.locator(f'.booth[data-code="{world["codes"]["allocated"]}"]')
    allocated.scroll_into_view_if_needed()
    allocated.click()  # a tap: no hover on phones
    expect(info).to_have_attribute("data-code", world["codes"]["allocated"])
    expect(info.locator('[data-info-field="business"]')).to_contain_text(HOSTILE)
    expect(info.locator('[data-info-field="status"]')).to_have_text("Allocated")

    svg = page.locator(".floor-plan__svg")
    before = svg.get_attribute("viewBox")
    page.get_by_role("button", name="Zoom in").click()
    expect(svg).not_to_have_attribute("viewBox", before)
    zoomed = [float(v) for v in svg.get_attribute("viewBox").split()]
    assert zoomed[2] < float(before.split()[2])
    page.screenshot(path=shots / "board-phone.png", full_page=True)

    page.get_by_role("button", name="Whole hall").click()
    expect(svg).to_have_attribute("viewBox", before)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_full_hall_coloured_by_association_stays_usable(live_server, board_url, page, tmp_path):
    shots = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    hall = build_hall(booths=300, columns=25)
    associations = [AssociationFactory(acronym=a) for a in ("ASEPHI", "IWAPI", "HIPMI", "KADIN")]
    for association in associations:
        ParticipationFactory(event=hall.event, association=association, booth_quota=80)
    for n, booth in enumerate(hall.booths.order_by("code")[:220]):
        kind = AllocationKind.HOLD if n % 6 == 0 else AllocationKind.ASSIGNMENT
        place(booth, kind=kind, association=associations[n % 4])
    organizer = UserFactory()
    role_grant(user=organizer, role=Role.ORGANIZER, scope=hall.event)
    profile = UserProfile.get_for_user(organizer)
    profile.preferred_language = "en"
    profile.save()

    page.goto(live_server.url + reverse("wagtailadmin_login"))
    page.locator('input[name="username"]').fill(organizer.email)
    page.locator('input[name="password"]').fill(PASSWORD)
    page.locator('button[type="submit"]').click()
    page.wait_for_url(f"**{reverse('wagtailadmin_home')}")
    page.goto(f"{live_server.url}{board_url}?hall={hall.pk}&colour=association")
    expect(page.locator(".booth")).to_have_count(300)
    booth = page.locator('.booth[data-code="A-007"]')
    booth.focus()  # the keyboard shows the same details as a tap
    expect(page.locator("[data-info]")).to_have_attribute("data-code", "A-007")
    page.screenshot(path=shots / "board-full-desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.get_by_role("button", name="Zoom in").click()
    page.get_by_role("button", name="Zoom in").click()
    page.screenshot(path=shots / "board-full-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.django_db
def test_the_menu_item_shows_to_those_who_may_see_a_hall(rf, world, board_url):
    from booths.admin_views import board_menu_item

    item = board_menu_item()
    request = rf.get("/admin/")
    for user, shown in ((world["organizer"], True), (manager_of(world["hostile"]), False)):
        request.user = user
        assert item.is_shown(request) is shown
    assert str(item.url) == board_url
