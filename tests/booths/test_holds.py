"""Exhibitors pick booths: the rules of a pick, expiry, and no double booking under load."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from accounts.models import Role
from accounts.services import role_grant
from booths.models import (
    Allocation,
    AllocationStatus,
    Booth,
    BoothType,
    Hall,
    SelectionWindow,
    Zone,
)
from booths.services import allocation_release, booth_hold, holds_expire
from events.factories import AssociationFactory, EventFactory, ParticipationFactory
from exhibitors.factories import ApplicationFactory, BusinessFactory, manager_of
from exhibitors.models import ApplicationStatus, BoothSize, Sector

S = ApplicationStatus


def build_plan(*, booths=4, hold_minutes=30):
    event = EventFactory(booth_capacity=1000)
    now = timezone.now()
    SelectionWindow.objects.create(
        event=event,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=1),
        hold_minutes=hold_minutes,
    )
    hall = Hall.objects.create(event=event, code="A", name="Pendopo", width_m=400, depth_m=20)
    zone = Zone.objects.create(hall=hall, code="KRI", name="Kriya", sectors=[Sector.KRIYA])
    water = Zone.objects.create(hall=hall, code="KUL", name="Kuliner", has_water=True)
    standard = BoothType.objects.create(
        event=event, code="STD", name="Standar", width_m=3, depth_m=3, serves=BoothSize.STANDARD
    )
    culinary = BoothType.objects.create(
        event=event,
        code="KUL",
        name="Kuliner",
        width_m=3,
        depth_m=3,
        needs_water=True,
        serves=BoothSize.CULINARY,
    )
    plan = {
        "event": event,
        "hall": hall,
        "zone": zone,
        "water": water,
        "standard": standard,
        "culinary": culinary,
    }
    plan["booths"] = [
        Booth.objects.create(
            hall=hall,
            zone=zone,
            booth_type=standard,
            code=f"A-{n:03d}",
            x_m=Decimal(3 * n),
            y_m=0,
            width_m=3,
            depth_m=3,
        )
        for n in range(booths)
    ]
    association = AssociationFactory()
    ParticipationFactory(event=event, association=association, booth_quota=500)
    plan["association"] = association
    return plan


def approved(plan, *, sector=Sector.KRIYA, booth_size=BoothSize.STANDARD, booth_count=1):
    business = BusinessFactory(sector=sector)
    application = ApplicationFactory(
        business=business,
        event=plan["event"],
        association=plan["association"],
        status=S.APPROVED,
        booth_size=booth_size,
        booth_count=booth_count,
    )
    return application, manager_of(business)


@pytest.mark.django_db
def test_an_approved_exhibitor_holds_a_booth_until_the_hold_runs_out():
    plan = build_plan(hold_minutes=20)
    application, owner = approved(plan)
    booth = plan["booths"][0]

    hold = booth_hold(booth=booth, application=application, actor=owner)

    assert hold.status == AllocationStatus.ACTIVE
    assert hold.held_until - hold.created_at == timedelta(minutes=20)
    assert holds_expire(now=hold.held_until - timedelta(seconds=1)) == 0
    assert holds_expire(now=hold.held_until) == 1
    hold.refresh_from_db()
    assert hold.status == AllocationStatus.EXPIRED


@pytest.mark.django_db
def test_a_hold_past_its_time_does_not_block_the_booth_before_the_sweep(english):
    plan = build_plan(hold_minutes=5)
    first, first_owner = approved(plan)
    second, second_owner = approved(plan)
    booth = plan["booths"][0]
    booth_hold(booth=booth, application=first, actor=first_owner)

    with pytest.raises(ValidationError, match="already taken"):
        booth_hold(booth=booth, application=second, actor=second_owner)
    later = timezone.now() + timedelta(minutes=6)
    taken = booth_hold(booth=booth, application=second, actor=second_owner, now=later)
    assert taken.application == second


@pytest.mark.django_db
@pytest.mark.parametrize(
    "setup, message",
    [
        ("blocked", "is blocked"),
        ("wrong_type", "you asked for"),
        ("wrong_sector", "not for the"),
        ("no_water", "no water"),
        ("not_approved", "Only approved applications"),
        ("second_booth", "already has its 1 booth"),
        ("window_closed", "not open"),
    ],
)
def test_a_pick_that_breaks_a_rule_is_refused_and_nothing_is_held(english, setup, message):
    plan = build_plan()
    application, owner = approved(plan)
    booth = plan["booths"][1]
    if setup == "blocked":
        Booth.objects.filter(pk=booth.pk).update(is_blocked=True)
    elif setup == "wrong_type":
        application.booth_size = BoothSize.DOUBLE
        application.save()
    elif setup == "wrong_sector":
        application.business.sector = Sector.FASHION
        application.business.save()
    elif setup == "no_water":
        Booth.objects.filter(pk=booth.pk).update(booth_type=plan["culinary"])
        application.booth_size = BoothSize.CULINARY
        application.save()
        Zone.objects.filter(pk=plan["zone"].pk).update(sectors=[])
    elif setup == "not_approved":
        application.status = S.ASSOCIATION_VERIFIED
        application.save()
    elif setup == "second_booth":
        booth_hold(booth=plan["booths"][0], application=application, actor=owner)
    elif setup == "window_closed":
        SelectionWindow.objects.filter(event=plan["event"]).update(
            closes_at=timezone.now() - timedelta(minutes=1),
            opens_at=timezone.now() - timedelta(days=2),
        )
    before = Allocation.objects.count()

    with pytest.raises(ValidationError, match=message):
        booth_hold(booth=booth, application=application, actor=owner)
    assert Allocation.objects.count() == before


@pytest.mark.django_db
def test_nobody_picks_for_another_business():
    plan = build_plan()
    application, _owner = approved(plan)
    _other, stranger = approved(plan)
    with pytest.raises(PermissionDenied):
        booth_hold(booth=plan["booths"][0], application=application, actor=stranger)
    assert not Allocation.objects.exists()


@pytest.mark.django_db
def test_an_exhibitor_releases_its_hold_and_an_organizer_may_too(english):
    plan = build_plan()
    application, owner = approved(plan)
    hold = booth_hold(booth=plan["booths"][0], application=application, actor=owner)
    allocation_release(allocation=hold, actor=owner)
    assert hold.status == AllocationStatus.RELEASED
    with pytest.raises(ValidationError, match="no longer held"):
        allocation_release(allocation=hold, actor=owner)

    again = booth_hold(booth=plan["booths"][0], application=application, actor=owner)
    organizer = manager_of(BusinessFactory())
    with pytest.raises(PermissionDenied):
        allocation_release(allocation=again, actor=organizer)
    role_grant(user=organizer, role=Role.ORGANIZER, scope=plan["event"])
    allocation_release(allocation=again, actor=organizer)


def _attempt(booth, application, user):
    try:
        booth_hold(booth=booth, application=application, actor=user)
        return True
    except ValidationError:
        return False
    finally:
        connection.close()  # each worker thread has its own connection


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_hundred_holds_on_one_booth_at_once_give_exactly_one():
    plan = build_plan(booths=1)
    applicants = [approved(plan) for _ in range(200)]
    booth = plan["booths"][0]

    with ThreadPoolExecutor(max_workers=40) as pool:
        results = list(pool.map(lambda pair: _attempt(booth, pair[0], pair[1]), applicants))

    assert results.count(True) == 1
    assert Allocation.objects.filter(booth=booth, status=AllocationStatus.ACTIVE).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_hundred_exhibitors_picking_among_fifty_booths_never_share_one():
    plan = build_plan(booths=50)
    applicants = [approved(plan) for _ in range(200)]
    # Everybody clicks the booths in the same popular order, several times over.
    attempts = [
        (booth, application, user)
        for round_ in range(3)
        for index, (application, user) in enumerate(applicants)
        for booth in [plan["booths"][(index + round_) % 50]]
    ]

    with ThreadPoolExecutor(max_workers=40) as pool:
        list(pool.map(lambda args: _attempt(*args), attempts))

    active = Allocation.objects.filter(status=AllocationStatus.ACTIVE)
    booths = list(active.values_list("booth_id", flat=True))
    holders = list(active.values_list("application_id", flat=True))
    assert len(booths) == len(set(booths)) == 50  # every booth once, none twice
    assert len(holders) == len(set(holders))  # no exhibitor holds two
