import pytest
from django.core.management import call_command

from accounts.models import Role, RoleGrant, User
from accounts.permissions import can
from events.demo import DEMO_PASSWORD, DEMO_USERS
from events.models import Association, Event, Ministry, Participation, Programme

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Event, Association, Participation, Ministry, Programme, User, RoleGrant)
    }


def test_seed_demo_builds_the_edition_once_however_often_it_runs():
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    call_command("seed_demo", "--if-empty")
    assert counts() == first

    event = Event.objects.get(slug="hari-umkm-nasional-2027")
    assert event.name == "Hari UMKM Nasional 2027"
    assert event.venue.name == "Pamedan Pura Mangkunegaran"
    assert [day.date.isoformat() for day in event.days.order_by("date")] == [
        "2027-08-12",
        "2027-08-13",
        "2027-08-14",
        "2027-08-15",
    ]
    participations = event.participations.select_related("association")
    assert participations.count() == 26
    # Quotas add up to the booths on offer.
    assert sum(p.booth_quota for p in participations) == event.booth_capacity == 500
    acronyms = {p.association.acronym for p in participations}
    assert {"ASEPHI", "AKUMINDO", "IWAPI", "ABDSI", "HIPMI", "APKLI", "AKUMANDIRI"} <= acronyms
    # Made-up associations are marked as demo data.
    assert Association.objects.filter(is_demo=True).exists()
    assert Programme.objects.filter(name="UMKM BISA Ekspor", ministry__acronym="Kemendag").exists()


def test_every_demo_login_works_and_holds_its_role(client):
    call_command("seed_demo")
    event = Event.objects.get()
    for demo in DEMO_USERS:
        assert client.login(username=demo.email, password=DEMO_PASSWORD), demo.email
        client.logout()
    organizer = User.objects.get(email="panitia@pameran.test")
    assert can(organizer, "events.change_event", event)
    gate = User.objects.get(email="gerbang@pameran.test")
    assert can(gate, "events.operate_gates", event)
    assert not can(gate, "events.change_event", event)
    asephi = Association.objects.get(acronym="ASEPHI")
    assert RoleGrant.objects.filter(
        user__email="asephi@pameran.test", role=Role.ASSOCIATION_ADMIN, scope_id=asephi.pk
    ).exists()
    assert User.objects.get(email="admin@pameran.test").is_superuser


def test_if_empty_leaves_an_existing_database_alone():
    call_command("seed_demo")
    Participation.objects.filter(association__acronym="IWAPI").update(booth_quota=1)
    call_command("seed_demo", "--if-empty")
    assert Participation.objects.get(association__acronym="IWAPI").booth_quota == 1
