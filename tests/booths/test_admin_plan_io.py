"""From an empty venue in the admin: import a hall from a file, export it back."""

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.models import Role
from accounts.services import role_grant
from booths.models import Booth, Hall
from booths.plan_io import export_hall
from events.factories import EventFactory
from tests.admin import admin_login
from tests.booths.test_plan_io import plan  # noqa: F401 — the fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def empty_venue(client):
    event = EventFactory()
    organizer = UserFactory()
    role_grant(user=organizer, role=Role.ORGANIZER, scope=event)
    admin_login(client, organizer)
    return event, client


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_an_empty_venue_shows_how_to_start(empty_venue):
    _event, client = empty_venue
    response = client.get(reverse("booths_board"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "No hall yet" in html
    assert reverse("booths_hall_import") in html


def test_an_organizer_imports_a_hall_and_lands_on_its_board(empty_venue, plan):  # noqa: F811
    event, client = empty_venue
    data = export_hall(plan["hall"], "json").encode()

    response = client.post(
        reverse("booths_hall_import"),
        {"event": event.pk, "file": upload("pendopo.json", data), "hall_code": "B"},
        follow=True,
    )

    hall = Hall.objects.get(event=event, code="B")
    count = Booth.objects.filter(hall=hall).count()
    assert count == plan["hall"].booths.count() > 0
    assert response.redirect_chain[-1][0] == f"{reverse('booths_board')}?hall={hall.pk}"
    assert f"Hall B imported: {count} booth(s) created, 0 updated, 0 removed." in [
        str(m) for m in response.context["messages"]
    ]


def test_a_bad_file_lists_every_problem_and_imports_nothing(empty_venue, plan):  # noqa: F811
    event, client = empty_venue
    document = json.loads(export_hall(plan["hall"], "json"))
    document["booths"][1]["x_m"] = document["booths"][0]["x_m"]  # now on top of the first
    document["booths"][1]["y_m"] = document["booths"][0]["y_m"]
    document["booths"][2]["type"] = "NOPE"

    response = client.post(
        reverse("booths_hall_import"),
        {"event": event.pk, "file": upload("plan.json", json.dumps(document).encode())},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was imported" in html
    assert "overlaps" in html
    assert "NOPE" in html
    assert not Hall.objects.filter(event=event).exists()


@pytest.mark.parametrize(
    "name, content, hall_code, message",
    [
        ("plan.xlsx", b"PK\x03\x04", "", "Choose a .json or .csv file."),
        ("plan.csv", "kode;zona\n".encode("utf-16"), "A", "is not UTF-8 text"),
        ("plan.csv", b"code,zone,type,x_m,y_m\n", "", "Say which hall the CSV file is for."),
        ("plan.json", b"{not json", "", "JSON"),
    ],
)
def test_wrong_files_get_a_clear_message(empty_venue, name, content, hall_code, message):
    event, client = empty_venue
    response = client.post(
        reverse("booths_hall_import"),
        {"event": event.pk, "file": upload(name, content), "hall_code": hall_code},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Hall.objects.exists()


def test_no_import_into_an_edition_one_does_not_organize(empty_venue, plan):  # noqa: F811
    _event, client = empty_venue
    theirs = EventFactory()
    data = export_hall(plan["hall"], "json").encode()

    response = client.post(
        reverse("booths_hall_import"),
        {"event": theirs.pk, "file": upload("plan.json", data), "hall_code": "Z"},
    )

    assert "Select a valid choice" in response.content.decode()
    assert not Hall.objects.filter(event=theirs).exists()


def test_the_export_downloads_the_hall_and_is_only_for_its_organizers(
    client,
    plan,  # noqa: F811
):
    organizer = UserFactory()
    role_grant(user=organizer, role=Role.ORGANIZER, scope=plan["hall"].event)
    admin_login(client, organizer)

    as_json = client.get(reverse("booths_hall_export", args=[plan["hall"].pk, "json"]))
    assert as_json["Content-Disposition"].startswith('attachment; filename="denah-')
    assert json.loads(as_json.content)["hall"]["code"] == plan["hall"].code
    as_csv = client.get(reverse("booths_hall_export", args=[plan["hall"].pk, "csv"]))
    rows = list(csv.DictReader(io.StringIO(as_csv.content.decode())))
    assert sorted(row["code"] for row in rows) == sorted(
        plan["hall"].booths.values_list("code", flat=True)
    )
    assert (
        client.get(reverse("booths_hall_export", args=[plan["hall"].pk, "xml"])).status_code == 404
    )

    stranger = UserFactory()
    role_grant(user=stranger, role=Role.ORGANIZER, scope=EventFactory())
    admin_login(client, stranger)
    response = client.get(reverse("booths_hall_export", args=[plan["hall"].pk, "json"]))
    assert response.status_code == 404
