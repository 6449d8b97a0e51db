"""Writes of the events room: who may, what is valid, and quotas under concurrency."""

import datetime as dt
import threading
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction

from accounts.models import Role
from accounts.services import role_grant, user_create
from events import services
from events.models import Association, Event, EventDay, Participation, Venue


@pytest.fixture
def world(db):
    venue = Venue.objects.create(
        name="Pamedan Pura Mangkunegaran",
        address="Jl. Ronggowarsito",
        city="Surakarta",
        province="33",
    )
    a = Event.objects.create(
        name="HUN 2027", slug="hun-2027", year=2027, venue=venue, booth_capacity=50
    )
    b = Event.objects.create(
        name="Makassar 2027", slug="mks-2027", year=2027, venue=venue, booth_capacity=40
    )
    asephi = Association.objects.create(name="ASEPHI", acronym="ASEPHI", slug="asephi")
    iwapi = Association.objects.create(name="IWAPI", acronym="IWAPI", slug="iwapi")
    organizer = user_create(email="panitia@pameran.test", full_name="Panitia")
    role_grant(user=organizer, role=Role.ORGANIZER, scope=a)
    gate = user_create(email="gate@pameran.test", full_name="Gate")
    role_grant(user=gate, role=Role.GATE_STAFF, scope=a)
    return {
        "venue": venue,
        "a": a,
        "b": b,
        "asephi": asephi,
        "iwapi": iwapi,
        "organizer": organizer,
        "gate": gate,
    }


def test_organizer_sets_a_quota_in_their_edition(world):
    saved = services.participation_save(
        participation=Participation(event=world["a"], association=world["asephi"], booth_quota=20),
        actor=world["organizer"],
    )
    assert Participation.objects.get(pk=saved.pk).booth_quota == 20


def test_organizer_may_not_add_a_quota_to_another_edition(world):
    participation = Participation(event=world["b"], association=world["asephi"], booth_quota=5)
    with pytest.raises(PermissionDenied):
        services.participation_save(participation=participation, actor=world["organizer"])
    assert Participation.objects.count() == 0
    assert participation.pk is None  # the caller may try again with a corrected object


def test_organizer_may_not_move_a_quota_to_another_edition(world):
    participation = Participation.objects.create(
        event=world["a"], association=world["asephi"], booth_quota=5
    )
    participation.event = world["b"]
    with pytest.raises(PermissionDenied):
        services.participation_save(participation=participation, actor=world["organizer"])
    assert Participation.objects.get(pk=participation.pk).event == world["a"]


def test_gate_staff_may_not_change_the_edition(world):
    world["a"].name = "Renamed"
    with pytest.raises(PermissionDenied):
        services.event_save(event=world["a"], actor=world["gate"])
    assert Event.objects.get(pk=world["a"].pk).name == "HUN 2027"


@pytest.mark.usefixtures("english")
def test_quota_beyond_the_booths_on_offer_is_refused(world):
    Participation.objects.create(event=world["a"], association=world["asephi"], booth_quota=45)
    with pytest.raises(ValidationError) as refused:
        services.participation_save(
            participation=Participation(
                event=world["a"], association=world["iwapi"], booth_quota=6
            ),
            actor=world["organizer"],
        )
    assert refused.value.message_dict["booth_quota"] == [
        "Quotas would total 51 booths, but the edition offers only 50. "
        "At most 5 are left for this association."
    ]
    assert Participation.objects.count() == 1


@pytest.mark.usefixtures("english")
def test_booths_on_offer_cannot_drop_below_the_quotas_given(world):
    Participation.objects.create(event=world["a"], association=world["asephi"], booth_quota=45)
    event = Event.objects.get(pk=world["a"].pk)
    event.booth_capacity = 44
    with pytest.raises(ValidationError) as refused:
        services.event_save(event=event, actor=world["organizer"])
    assert (
        "Association quotas already total 45 booths"
        in refused.value.message_dict["booth_capacity"][0]
    )
    assert Event.objects.get(pk=event.pk).booth_capacity == 50


@pytest.mark.usefixtures("english")
def test_seed_code_saves_an_edition_with_its_days_and_refuses_a_day_twice(world):
    venue = world["venue"]
    event = Event(name="HUN 2028", slug="hun-2028", year=2028, venue=venue, booth_capacity=10)
    day = {"opens_at": dt.time(9), "closes_at": dt.time(21), "visitor_capacity": 1000}
    event.days.add(EventDay(date=dt.date(2028, 8, 12), **day))
    services.event_save(event=event, actor=None)
    assert Event.objects.get(slug="hun-2028").days.count() == 1

    twice = Event(name="HUN 2029", slug="hun-2029", year=2029, venue=venue)
    twice.days.add(
        EventDay(date=dt.date(2029, 8, 12), **day), EventDay(date=dt.date(2029, 8, 12), **day)
    )
    with pytest.raises(ValidationError) as refused:
        services.event_save(event=twice, actor=None)
    assert refused.value.messages == ["12-08-2029 is listed twice; give each day once."]
    assert not Event.objects.filter(slug="hun-2029").exists()
    assert twice.pk is None


@pytest.mark.usefixtures("english")
def test_acronyms_are_unique_whatever_their_case(world):
    copy = Association(name="Ikatan lain", acronym="iwapi", slug="iwapi-lain")
    with pytest.raises(ValidationError) as refused:
        services.association_save(association=copy, actor=world["organizer"])
    assert refused.value.message_dict["acronym"] == [
        "Another association already uses this acronym."
    ]
    assert Association.objects.count() == 2


@pytest.mark.usefixtures("english")
def test_an_association_with_quotas_cannot_be_deleted(world):
    Participation.objects.create(event=world["a"], association=world["asephi"], booth_quota=5)
    with pytest.raises(ValidationError) as refused:
        services.object_delete(obj=world["asephi"], actor=None)
    assert "is still used by 1 other records" in refused.value.messages[0]
    assert Association.objects.filter(pk=world["asephi"].pk).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_organizers_saving_quotas_at_once_cannot_exceed_the_booths_on_offer(world):
    """Each quota fits alone (30 of 50), not together: exactly one is saved."""
    assert connection.vendor == "postgresql"
    a, organizer = world["a"], world["organizer"]
    first_saved = threading.Event()
    release_first = threading.Event()
    outcomes = {}

    def first():
        try:
            with transaction.atomic():
                services.participation_save(
                    participation=Participation(
                        event=a, association=world["asephi"], booth_quota=30
                    ),
                    actor=organizer,
                )
                first_saved.set()
                release_first.wait(10)  # hold the edition's lock, uncommitted
            outcomes["first"] = "saved"
        except ValidationError as error:
            outcomes["first"] = error
        finally:
            first_saved.set()
            connection.close()

    def second():
        first_saved.wait(10)
        try:
            services.participation_save(
                participation=Participation(event=a, association=world["iwapi"], booth_quota=30),
                actor=organizer,
            )
            outcomes["second"] = "saved"
        except ValidationError as error:
            outcomes["second"] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    first_saved.wait(10)
    time.sleep(0.5)  # the second is now waiting for the lock (or, without one, already done)
    release_first.set()
    for thread in threads:
        thread.join(20)

    assert outcomes["first"] == "saved"
    assert isinstance(outcomes["second"], ValidationError)
    # The refused thread answers in the default language, Indonesian.
    assert "Paling banyak 20 stan tersisa" in outcomes["second"].messages[0]
    assert list(Participation.objects.filter(event=a).values_list("booth_quota", flat=True)) == [30]
