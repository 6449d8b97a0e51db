"""The organizer's booth reports: fill rates, quota use, unplaced applications, PDF and CSV."""

import csv
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounts.factories import UserFactory
from accounts.models import Role
from accounts.services import role_grant
from booths.models import Booth
from booths.services import booth_assign
from events.factories import AssociationFactory, EventFactory, ParticipationFactory
from events.models import EventStatus
from exhibitors.factories import ApplicationFactory, BusinessFactory
from exhibitors.models import ApplicationStatus, BoothSize, Sector
from tests.admin import admin_login
from tests.booths.test_holds import approved, build_plan

pytestmark = pytest.mark.django_db

REPORTS = reverse("booths_reports")
PDF = reverse("booths_plan_pdf")


def csv_url(table):
    return reverse("booths_report_csv", args=[table])


@pytest.fixture
def world():
    """Five booths, one blocked; Batik Sekar Arum placed, Tenun Ikat Sumba still waiting,
    and a small association whose two approved members exceed its quota of one."""
    plan = build_plan(booths=5)
    event = plan["event"]
    Booth.objects.filter(pk=plan["booths"][4].pk).update(is_blocked=True)
    placed, exhibitor = approved(plan)
    placed.business.brand_name = "Batik Sekar Arum"
    placed.business.save()
    booth_assign(booth=plan["booths"][0], application=placed, actor=None)
    waiting, _ = approved(plan, booth_count=2)
    waiting.business.brand_name = "Tenun Ikat Sumba"
    waiting.business.save()
    booth_assign(booth=plan["booths"][1], application=waiting, actor=None)

    small = AssociationFactory(acronym="APKRI")
    ParticipationFactory(event=event, association=small, booth_quota=1)
    for name in ("Kopi Gayo Lestari", "Rotan Cirebon"):
        ApplicationFactory(
            business=BusinessFactory(brand_name=name, sector=Sector.KRIYA),
            event=event,
            association=small,
            status=ApplicationStatus.APPROVED,
            booth_size=BoothSize.STANDARD,
            booth_count=1,
        )

    organizer = UserFactory(email="panitia@pameran.test")
    role_grant(user=organizer, role=Role.ORGANIZER, scope=event)
    theirs = EventFactory()
    other_organizer = UserFactory(email="makassar@pameran.test")
    role_grant(user=other_organizer, role=Role.ORGANIZER, scope=theirs)
    return {
        **plan,
        "placed": placed,
        "waiting": waiting,
        "small": small,
        "organizer": organizer,
        "exhibitor": exhibitor,
        "theirs": theirs,
        "other_organizer": other_organizer,
    }


def rows_of(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


# --- what the organizer sees ------------------------------------------------------------------


def test_organizer_reads_fill_rates_of_halls_and_zones(client, world):
    admin_login(client, world["organizer"])
    response = client.get(REPORTS)

    assert response.status_code == 200
    assert response.context["event"] == world["event"]
    (hall,) = response.context["halls"]
    assert (hall.label, hall.booths, hall.taken, hall.blocked, hall.percent) == (
        "A — Pendopo",
        4,
        2,
        1,
        50.0,
    )
    zones = {rate.label: rate for rate in response.context["zones"]}
    assert (zones["A/KRI — Kriya"].taken, zones["A/KUL — Kuliner"].booths) == (2, 0)
    html = response.content.decode()
    assert 'data-hall="A — Pendopo"' in html
    assert 'data-percent="50.0"' in html


def test_organizer_reads_quota_use_and_sees_the_association_over_its_quota(client, world):
    admin_login(client, world["organizer"])
    response = client.get(REPORTS)

    lines = {
        line.participation.association.acronym: line for line in response.context["quota_lines"]
    }
    small = lines["APKRI"]
    assert (small.quota, small.used, small.left, small.over) == (1, 2, -1, True)
    big = lines[world["association"].acronym]
    assert (big.quota, big.used, big.over) == (500, 3, False)
    html = response.content.decode()
    assert 'data-association="APKRI" class="pameran-reports__over" data-over' in html
    assert html.count("data-over") == 1
    assert "over quota" in html


def test_unplaced_applications_link_to_their_review_screen(client, world):
    admin_login(client, world["organizer"])
    response = client.get(REPORTS)

    rows = {row.application.business.display_name: row for row in response.context["unplaced"]}
    assert set(rows) == {"Tenun Ikat Sumba", "Kopi Gayo Lestari", "Rotan Cirebon"}
    sumba = rows["Tenun Ikat Sumba"]
    assert (sumba.application.holding, sumba.application.booth_count, sumba.missing) == (1, 2, 1)
    review = reverse("applications:review", args=[world["waiting"].pk])
    assert sumba.review_url == review
    html = response.content.decode()
    assert f'<a href="{review}">Tenun Ikat Sumba</a>' in html
    assert "Batik Sekar Arum" not in html  # placed in full
    assert client.get(review).status_code == 200


def test_the_menu_lists_booth_reports(client, world):
    admin_login(client, world["organizer"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Booth reports" in html
    assert REPORTS in html


def test_the_lead_edition_shows_first_and_the_chooser_switches(client, world):
    organizer = world["organizer"]
    newer = EventFactory(year=world["event"].year + 1, status=EventStatus.PUBLISHED)
    role_grant(user=organizer, role=Role.ORGANIZER, scope=newer)
    admin_login(client, organizer)

    first = client.get(REPORTS)
    assert first.context["event"] == newer
    assert list(first.context["editions"]) == [newer, world["event"]]
    assert f'<option value="{world["event"].pk}"' in first.content.decode()

    chosen = client.get(REPORTS, {"event": world["event"].pk})
    assert chosen.context["event"] == world["event"]
    assert len(chosen.context["unplaced"]) == 3


# --- who may read them --------------------------------------------------------------------------


def test_another_editions_organizer_gets_404_for_every_report(client, world):
    admin_login(client, world["other_organizer"])
    ours = {"event": world["event"].pk}
    assert client.get(REPORTS, ours).status_code == 404
    assert client.get(PDF, ours).status_code == 404
    for table in ("fill", "quota", "unplaced"):
        assert client.get(csv_url(table), ours).status_code == 404
    # Their own (empty) edition opens by default, with none of ours in it.
    response = client.get(REPORTS)
    assert response.context["event"] == world["theirs"]
    assert list(response.context["editions"]) == [world["theirs"]]
    assert "Tenun Ikat Sumba" not in response.content.decode()


@pytest.mark.parametrize("bad", ["abc", "999999", "99999999999999999999", ""])
def test_a_made_up_edition_is_404_or_the_lead_one(client, world, bad):
    admin_login(client, world["organizer"])
    response = client.get(REPORTS, {"event": bad})
    if bad:
        assert response.status_code == 404
    else:
        assert response.context["event"] == world["event"]


def test_an_exhibitor_reads_nothing(client, world):
    admin_login(client, world["exhibitor"])
    ours = {"event": world["event"].pk}
    for url in (REPORTS, PDF, csv_url("quota")):
        response = client.get(url, ours)
        assert response.status_code in (302, 403, 404), url
        if response.status_code == 302:
            assert reverse("wagtailadmin_login") in response["Location"]
        assert b"Tenun Ikat Sumba" not in response.content


# --- downloads ------------------------------------------------------------------------------------


def test_the_printable_plan_downloads_as_a_pdf_with_booths_and_exhibitors(client, world):
    admin_login(client, world["organizer"])
    response = client.get(PDF, {"event": world["event"].pk})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename=")
    assert disposition.endswith(f'-{world["event"].slug}.pdf"')
    assert response.content.startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "A-000" in text
    assert "Batik Sekar Arum" in text
    assert "Tenun Ikat Sumba" in text


def test_the_pdf_file_is_named_denah_in_indonesian(client, world):
    admin_login(client, world["organizer"], language="id")
    response = client.get(PDF, {"event": world["event"].pk})
    assert f'filename="denah-{world["event"].slug}.pdf"' in response["Content-Disposition"]


def test_the_report_page_links_the_downloads_of_its_edition(client, world):
    admin_login(client, world["organizer"])
    html = client.get(REPORTS).content.decode()
    query = f"?event={world['event'].pk}"
    assert f'href="{PDF}{query}"' in html
    for table in ("fill", "quota", "unplaced"):
        assert f'href="{csv_url(table)}{query}"' in html


def test_csv_of_quota_use_and_unplaced_applications_parse(client, world):
    admin_login(client, world["organizer"])
    ours = {"event": world["event"].pk}

    quota = client.get(csv_url("quota"), ours)
    assert quota["Content-Type"] == "text/csv; charset=utf-8"
    assert quota["Content-Disposition"].endswith(f'-{world["event"].slug}.csv"')
    header, *rows = rows_of(quota)
    assert header[:6] == [
        "Association",
        "Association name",
        "Quota",
        "Used",
        "Left",
        "Waiting for a decision",
    ]
    by_acronym = {row[0]: row for row in rows}
    assert by_acronym["APKRI"][2:] == ["1", "2", "-1", "0", "yes"]  # a negative stays a number
    assert by_acronym[world["association"].acronym][2:5] == ["500", "3", "497"]

    header, *rows = rows_of(client.get(csv_url("unplaced"), ours))
    assert header[1] == "Business"
    sumba = next(row for row in rows if row[1] == "Tenun Ikat Sumba")
    assert sumba[0] == str(world["waiting"].pk)
    assert sumba[4:6] == ["2", "1"]  # asked, held
    assert len(rows) == 3

    header, *rows = rows_of(client.get(csv_url("fill"), ours))
    assert rows[0] == ["Hall", "A — Pendopo", "4", "2", "1", "50.0"]
    assert {row[1] for row in rows[1:]} == {"A/KRI — Kriya", "A/KUL — Kuliner"}


def test_csv_defuses_text_a_spreadsheet_would_run(client, world):
    business = world["waiting"].business
    business.brand_name = '=HYPERLINK("http://evil.test")'
    business.save()
    admin_login(client, world["organizer"])
    _header, *rows = rows_of(client.get(csv_url("unplaced"), {"event": world["event"].pk}))
    assert '\'=HYPERLINK("http://evil.test")' in [row[1] for row in rows]


def test_an_unknown_csv_table_is_404(client, world):
    admin_login(client, world["organizer"])
    assert client.get(csv_url("passwords"), {"event": world["event"].pk}).status_code == 404


# --- in the browser ---------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_organizer_opens_the_reports_of_the_demo_and_downloads_the_plan(
    live_server, page, tmp_path
):
    import os
    from pathlib import Path

    from playwright.sync_api import expect
    from wagtail.users.models import UserProfile

    from booths.demo import seed_allocation, seed_floor_plan
    from events.demo import seed_event
    from exhibitors.demo import seed_exhibitors
    from tests.browser import PHONE

    shots = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    event = seed_event()
    seed_exhibitors(event=event)
    seed_floor_plan(event=event)
    seed_allocation(event=event)
    organizer = UserFactory(email="panitia-laporan@pameran.test")
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
    page.get_by_role("link", name="Booth reports").click()
    page.wait_for_url(f"**{REPORTS}")
    expect(page.get_by_role("heading", name="Fill rate per hall")).to_be_visible()
    expect(page.locator("[data-hall]").first).to_contain_text("Pendopo Barat")
    # The admin scrolls inside its own layout, so a tall window shows the whole report.
    page.set_viewport_size({"width": 1280, "height": 3200})
    page.screenshot(path=shots / "admin-booth-reports.png")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download printable plan (PDF)").click()
    assert download.value.suggested_filename == f"floor-plan-{event.slug}.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")

    # The demo's self-selection window, in the edition's time zone.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("booths_selectionwindow:index"))
    expect(page.locator("table.listing")).to_contain_text("01-11-2026\u00a008:00\u00a0WIB")
    page.screenshot(path=shots / "admin-selection-windows.png")

    page.goto(live_server.url + REPORTS)
    page.set_viewport_size({**PHONE, "height": 3200})
    page.reload()
    expect(page.get_by_role("heading", name="Fill rate per hall")).to_be_visible()
    page.screenshot(path=shots / "admin-booth-reports-phone.png")


def test_the_page_reads_in_the_same_queries_however_many_are_unplaced(
    client, world, django_assert_max_num_queries
):
    admin_login(client, world["organizer"])
    client.get(REPORTS)  # warm the admin's per-session caches
    with django_assert_max_num_queries(25) as few:
        client.get(REPORTS)
    for _n in range(5):
        approved(world)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(REPORTS)
    assert len(response.context["unplaced"]) == 8
