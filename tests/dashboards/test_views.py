"""The ministry dashboard as its readers see it: totals kept apart, every figure linking to
its rows, business names but no personal data, filters refused with a message, downloads,
and who may look at all."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.factories import UserFactory
from accounts.models import Role
from accounts.services import role_grant
from dashboards.models import ExportJob, ExportStatus
from events.factories import MinistryFactory, ProgrammeFactory
from exhibitors.factories import manager_of
from matching.factories import (
    buyer_account,
    exhibiting_business,
    ledger_event,
    participating_buyer,
)
from matching.services import transaction_record, transaction_void

pytestmark = pytest.mark.django_db
DAY = date(2027, 8, 12)


@pytest.fixture
def world():
    UserFactory(is_superuser=True)
    event = ledger_event(status="published", name="Hari UMKM Nasional 2027")
    ministry = MinistryFactory(acronym="KEMENKOP")
    other_ministry = MinistryFactory(acronym="KEMENDAG")
    own_programme = ProgrammeFactory(ministry=ministry, slug="naik-kelas")
    other_programme = ProgrammeFactory(ministry=other_ministry, slug="bisa-ekspor")
    event.programmes.add(own_programme, other_programme)
    event.save()
    business = exhibiting_business(event, legal_name="CV Batik Laweyan Jaya", brand_name="")
    manager = manager_of(business, full_name="Siti Rahayu", email="siti.rahayu@example.id")
    buyer = participating_buyer(event, name="PT Ritel Nusantara")
    buyer_account(buyer, full_name="Budi Santoso", email="budi@example.id")
    reader = UserFactory(full_name="Pembaca Kementerian")
    role_grant(user=reader, role=Role.MINISTRY_READER, scope=ministry)

    def record(**fields):
        values = {
            "event": event,
            "business": business,
            "buyer": buyer,
            "kind": "purchase_order",
            "currency": "IDR",
            "value": "25000000",
            "deal_date": DAY,
            "side": "exhibitor",
            "actor": manager,
        }
        values.update(fields)
        return transaction_record(**values)

    record()
    record(kind="mou", value="3000000000", programme=own_programme)
    void = record(value="999999999")
    transaction_void(transaction_row=void, actor=manager, reason="salah ketik")
    return {
        "event": event,
        "reader": reader,
        "business": business,
        "own_programme": own_programme,
        "other_programme": other_programme,
    }


@pytest.fixture
def reader_client(client, world):
    client.force_login(world["reader"])
    return client


def home(client, world, **params):
    return client.get(reverse("dashboards:home"), {"edition": world["event"].slug, **params})


def test_a_ministry_reader_lands_on_the_figures(client, world):
    client.force_login(world["reader"])
    response = client.get(reverse("accounts:home"))
    assert response["Location"] == reverse("dashboards:home")


def test_totals_are_kept_apart_and_void_rows_never_count(reader_client, world):
    page = home(reader_client, world).content.decode()
    assert "Rp 25.000.000" in page
    assert "Rp 3.000.000.000" in page
    assert "Rp 999.999.999" not in page
    assert "Rp 3.025.000.000" not in page  # no sum across groups


def test_every_figure_links_to_its_rows_with_business_names_and_no_personal_data(
    reader_client, world
):
    response = home(reader_client, world)
    orders_link = response.context["groups"][1]["rows_url"]
    rows = reader_client.get(orders_link).content.decode()
    assert "CV Batik Laweyan Jaya" in rows
    assert "PT Ritel Nusantara" in rows
    assert "Rp 25.000.000" in rows
    assert "Rp 999.999.999" not in rows
    for personal in ("Siti Rahayu", "siti.rahayu@example.id", "Budi Santoso", "budi@example.id"):
        assert personal not in rows


def test_a_breakdown_line_links_to_its_rows(reader_client, world):
    response = home(reader_client, world, by="programme")
    lines = response.context["lines"]
    own = next(item for item in lines if item["line"].key == world["own_programme"].pk)
    mou_cell = own["cells"][2]
    assert mou_cell["figures"].value_idr == 3_000_000_000
    rows = reader_client.get(mou_cell["rows_url"]).content.decode()
    assert "MoU" in rows and "Rp 3.000.000.000" in rows
    none = next(item for item in lines if not item["line"].key)
    rows = reader_client.get(none["cells"][1]["rows_url"])
    assert rows.context["page"].paginator.count == 1


def test_a_filter_that_does_not_parse_shows_why_and_no_figures(reader_client, world):
    page = home(reader_client, world, kind="gift", day="kemarin").content.decode()
    assert "gift" in page and "YYYY-MM-DD" in page
    assert 'data-testid="filter-refused"' in page
    assert "Rp 25.000.000" not in page


def test_another_ministrys_programme_is_refused(reader_client, world):
    assert home(reader_client, world, programme="naik-kelas").status_code == 200
    assert home(reader_client, world, programme="bisa-ekspor").status_code == 403
    response = home(reader_client, world, by="programme")
    keys = {item["line"].key for item in response.context["lines"]}
    assert world["other_programme"].pk not in keys


def test_people_who_read_no_figures_are_refused(client, world):
    assert home(client, world).status_code == 302  # to the login page
    exhibitor = manager_of(exhibiting_business(world["event"]))
    client.force_login(exhibitor)
    assert home(client, world).status_code == 403
    stranger_organizer = UserFactory()
    role_grant(user=stranger_organizer, role=Role.ORGANIZER, scope=ledger_event())
    client.force_login(stranger_organizer)
    assert home(client, world).status_code == 404


def test_the_organizer_reads_its_own_edition(client, world):
    organizer = UserFactory()
    role_grant(user=organizer, role=Role.ORGANIZER, scope=world["event"])
    client.force_login(organizer)
    assert "Rp 25.000.000" in home(client, world).content.decode()


def test_downloads_contain_the_figures(reader_client, world):
    query = {"edition": world["event"].slug}
    xlsx = reader_client.get(reverse("dashboards:export_figures", args=["xlsx"]), query)
    assert xlsx.status_code == 200
    cells = [
        c.value
        for sheet in load_workbook(io.BytesIO(xlsx.content)).worksheets
        for row in sheet.iter_rows()
        for c in row
    ]
    assert 25_000_000 in cells and 3_000_000_000 in cells and 999_999_999 not in cells
    pdf = reader_client.get(reverse("dashboards:report_pdf"), query)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Hari UMKM Nasional 2027" in text
    assert "25.000.000" in text
    rows = reader_client.get(reverse("dashboards:export_rows", args=["xlsx"]), query)
    cells = [
        c.value for row in load_workbook(io.BytesIO(rows.content)).active.iter_rows() for c in row
    ]
    assert "CV Batik Laweyan Jaya" in cells
    assert "Siti Rahayu" not in cells


def test_a_large_rows_export_is_prepared_in_the_background(
    reader_client, world, settings, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr("dashboards.views.DIRECT_ROWS_LIMIT", 1)
    with django_capture_on_commit_callbacks(execute=True):
        response = reader_client.get(
            reverse("dashboards:export_rows", args=["csv"]), {"edition": world["event"].slug}
        )
    job = ExportJob.objects.get()
    assert response["Location"] == reverse("dashboards:export_job", args=[job.pk])
    assert job.status == ExportStatus.DONE and job.progress == 100
    page = reader_client.get(response["Location"]).content.decode()
    assert 'data-testid="export-download"' in page
    download = reader_client.get(reverse("dashboards:export_download", args=[job.pk]))
    content = b"".join(download.streaming_content).decode("utf-8-sig")
    assert "CV Batik Laweyan Jaya" in content
    # Someone else's download is not found.
    other = UserFactory()
    role_grant(user=other, role=Role.MINISTRY_READER, scope=MinistryFactory())
    reader_client.force_login(other)
    assert (
        reader_client.get(reverse("dashboards:export_download", args=[job.pk])).status_code == 404
    )


def test_the_public_live_figures(client, world):
    response = client.get(reverse("dashboards:live", args=[world["event"].slug]))
    assert response.status_code == 200
    assert "Rp 3.000.000.000" in response.content.decode()
    draft = ledger_event()
    assert client.get(reverse("dashboards:live", args=[draft.slug])).status_code == 404


def test_an_export_that_fails_says_so_and_keeps_nothing_half_written(
    reader_client, world, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr("dashboards.views.DIRECT_ROWS_LIMIT", 1)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("dashboards.exports.rows_xlsx", broken)
    with django_capture_on_commit_callbacks(execute=True):
        response = reader_client.get(
            reverse("dashboards:export_rows", args=["xlsx"]), {"edition": world["event"].slug}
        )
    job = ExportJob.objects.get()
    assert job.status == ExportStatus.FAILED and not job.file
    page = reader_client.get(response["Location"]).content.decode()
    assert 'data-testid="export-download"' not in page
    assert "alert-danger" in page
