"""The visitors' pages: registration (and its hostile cases), the waiting list, the pass page."""

import time

import pytest
from django.core import mail, signing

from tests.tickets.world import make_world
from tickets.forms import FORM_SALT
from tickets.models import Pass, Registration, WaitlistEntry
from tickets.services import pass_void

pytestmark = pytest.mark.django_db


class _PastSigner(signing.TimestampSigner):
    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 30)


def old_stamp() -> str:
    """A form stamp from 30 s ago, as a person who read the form would send."""
    return _PastSigner(salt=FORM_SALT).sign("registration")


@pytest.fixture(autouse=True)
def _open_now(ticket_world, monkeypatch):
    # Registration windows are checked against "now": keep it inside the demo window.
    from django.utils import timezone

    from tests.tickets.world import OPENING_MORNING

    monkeypatch.setattr(timezone, "now", lambda: OPENING_MORNING.replace(month=7))


def form_data(world, **changes):
    data = {
        "pass_type": world.general.pk,
        "days": [world.days[0].pk],
        "contact_name": "Sari Wulandari",
        "email": "sari@example.id",
        "phone": "0812-3456-7890",
        "province": "33",
        "city": "Kota Surakarta",
        "category": "public",
        "organisation": "",
        "members": "",
        "consent": "on",
        "website": "",
        "stamp": old_stamp(),
    }
    data.update(changes)
    return data


def register_url(world):
    return f"/tiket/{world.event.slug}/daftar/"


def test_the_form_is_in_indonesian_and_lists_the_public_free_passes(client, ticket_world):
    page = client.get(register_url(ticket_world)).content.decode()
    assert "Pengunjung Umum" in page and "Rombongan Pelajar" in page
    assert "VIP" not in page.split('data-testid="registration-form"')[1]
    assert 'name="website"' in page


def test_a_visitor_registers_and_lands_on_the_passes(
    client, ticket_world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(ticket_world), form_data(ticket_world), follow=True)
    assert response.redirect_chain[-1][0] == "/tiket/selesai/"
    visitor_pass = Pass.objects.get()
    assert visitor_pass.registration.phone == "+6281234567890"
    assert visitor_pass.access_key in response.content.decode()
    assert f"mendaftar untuk {ticket_world.event.name}." in response.content.decode()
    assert mail.outbox[0].to == ["sari@example.id"]
    page = client.get(f"/tiket/p/{visitor_pass.access_key}/").content.decode()
    assert "Sari Wulandari" in page and "<svg" in page
    pdf = client.get(f"/tiket/p/{visitor_pass.access_key}/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_english_form_registers_an_english_visitor(
    client, ticket_world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en{register_url(ticket_world)}", form_data(ticket_world))
    assert Registration.objects.get().language == "en"
    assert mail.outbox[0].subject.startswith("Your pass")


def test_registering_again_resends_and_shows_nothing_private(
    client, ticket_world, django_capture_on_commit_callbacks
):
    client.post(register_url(ticket_world), form_data(ticket_world))
    stranger = type(client)()
    with django_capture_on_commit_callbacks(execute=True):
        response = stranger.post(
            register_url(ticket_world), form_data(ticket_world, contact_name="X"), follow=True
        )
    page = response.content.decode()
    assert "sudah terdaftar" in page
    assert Pass.objects.get().access_key not in page
    assert Pass.objects.count() == 1


def test_a_group_registers_with_one_line_per_member(client, ticket_world):
    members = "Budi Santoso\nSiti Aminah, siti@example.id\n\n  Joko  \n"
    client.post(
        register_url(ticket_world),
        form_data(
            ticket_world, pass_type=ticket_world.school.pk, members=members, organisation="SMPN 1"
        ),
    )
    names = sorted(Pass.objects.values_list("holder_name", flat=True))
    assert names == ["Budi Santoso", "Joko", "Siti Aminah"]
    assert Pass.objects.get(holder_name="Siti Aminah").holder_email == "siti@example.id"


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"email": "sari@@example"}, "email"),
        ({"phone": "12"}, "+62"),
        ({"phone": "0812abc"}, "+62"),
        ({"days": []}, "Choose at least one day"),
        ({"days": ["999999"]}, "valid choice"),
        ({"pass_type": "abc"}, "valid choice"),
        ({"province": "XX"}, "valid choice"),
        ({"consent": ""}, "privacy notice"),
        ({"members": "Budi, not-an-email"}, "not an email address"),
        ({"members": "Budi\nSiti"}, "At most 1 people"),
        ({"website": "http://spam.example"}, "could not be checked"),
        ({"stamp": ""}, "could not be checked"),
        ({"stamp": "forged:stamp:value"}, "could not be checked"),
    ],
)
def test_bad_input_comes_back_with_a_message_and_the_answers_kept(
    client, ticket_world, english, changes, message
):
    response = client.post(f"/en{register_url(ticket_world)}", form_data(ticket_world, **changes))
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert 'value="Kota Surakarta"' in page  # what the visitor typed is still there
    assert not Registration.objects.exists()


def test_a_pass_type_or_day_not_offered_on_the_form_is_refused(client, ticket_world, english):
    other = make_world(slug="hari-umkm-lain")
    for changes in (
        {"pass_type": ticket_world.vip.pk},  # exists, but not public
        {"pass_type": other.general.pk},  # another edition's
        {"days": [other.days[0].pk]},  # another edition's day
    ):
        response = client.post(
            f"/en{register_url(ticket_world)}", form_data(ticket_world, **changes)
        )
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()
    assert not Registration.objects.exists()
    assert not Pass.objects.exists()


def test_a_form_sent_back_at_once_is_refused_as_a_bot(client, ticket_world, english):
    fresh = signing.TimestampSigner(salt=FORM_SALT).sign("registration")
    response = client.post(f"/en{register_url(ticket_world)}", form_data(ticket_world, stamp=fresh))
    assert "very quick" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_flood_from_one_address_is_throttled(client, ticket_world, english):
    for n in range(100):
        client.post(register_url(ticket_world), form_data(ticket_world, email=f"v{n}@example.id"))
    assert Registration.objects.count() == 100
    response = client.post(
        f"/en{register_url(ticket_world)}", form_data(ticket_world, email="last@example.id")
    )
    assert "Too many registrations" in response.content.decode()
    assert not Registration.objects.filter(email="last@example.id").exists()


def test_a_full_day_offers_the_waiting_list(client, ticket_world):
    day = ticket_world.days[0]
    day.visitor_capacity = 0
    day.save()
    page = client.post(register_url(ticket_world), form_data(ticket_world)).content.decode()
    assert 'data-testid="waitlist-offer"' in page
    assert not Registration.objects.exists()
    client.post(
        f"/tiket/{ticket_world.event.slug}/antrean/",
        {
            "pass_type": ticket_world.general.pk,
            "days": [day.pk],
            "name": "Sari",
            "email": "sari@example.id",
            "phone": "",
            "people": 2,
            "consent": "on",
            "website": "",
            "stamp": old_stamp(),
        },
    )
    entry = WaitlistEntry.objects.get()
    assert (entry.email, entry.people, entry.day) == ("sari@example.id", 2, day)


def test_a_void_pass_page_says_so_and_shows_no_qr(client, ticket_world):
    visitor_pass = ticket_world.register().passes[0]
    pass_void(visitor_pass=visitor_pass, actor=None, reason="Batal")
    page = client.get(f"/tiket/p/{visitor_pass.access_key}/").content.decode()
    assert 'data-testid="pass-void"' in page and "<svg" not in page
    assert client.get(f"/tiket/p/{visitor_pass.access_key}/pdf/").status_code == 404


@pytest.mark.parametrize("key", ["nope", "x" * 40, "%00", "../../etc"])
def test_unknown_pass_pages_are_not_found(client, ticket_world, key):
    assert client.get(f"/tiket/p/{key}/").status_code == 404


def test_the_pass_page_works_offline_through_its_service_worker(client, ticket_world):
    worker = client.get("/tiket/sw.js")
    assert worker["Content-Type"] == "application/javascript"
    assert "caches" in worker.content.decode()
    manifest = client.get("/tiket/manifest.webmanifest?start=//evil.example/").json()
    assert manifest["start_url"] == "/tiket/daftar/"
    assert (
        client.get("/tiket/manifest.webmanifest?start=/tiket/p/abc/").json()["start_url"]
        == "/tiket/p/abc/"
    )


def test_registration_closed_says_so(client, ticket_world):
    ticket_world.event.visitor_registration_closes_at = (
        ticket_world.event.visitor_registration_opens_at.replace(day=2)
    )
    ticket_world.event.save()
    page = client.get(register_url(ticket_world)).content.decode()
    assert 'data-testid="registration-closed"' in page
    client.post(register_url(ticket_world), form_data(ticket_world))
    assert not Registration.objects.exists()
