"""The demo venue: Pamedan Pura Mangkunegaran drawn as halls, zones and 500 booths."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from booths.demo import seed_floor_plan
from booths.models import (
    Allocation,
    AllocationStatus,
    Booth,
    BoothType,
    Hall,
    SelectionWindow,
    Zone,
)
from booths.services import placement_problem
from events.demo import BOOTHS_ON_OFFER, seed_event
from events.models import Participation
from exhibitors.models import Application, ApplicationStatus, BoothSize, Sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return seed_event()


def snapshot():
    return {
        model.__name__: sorted(model.objects.values_list(*fields))
        for model, fields in (
            (Hall, ("code", "name", "width_m", "depth_m", "is_outdoor")),
            (Zone, ("hall__code", "code", "sectors", "has_water")),
            (BoothType, ("code", "price", "serves", "needs_water", "sectors")),
            (
                Booth,
                ("pk", "code", "zone__code", "booth_type__code", "x_m", "y_m", "is_blocked"),
            ),
        )
    }


def test_the_venue_offers_the_booths_the_edition_promises(event):
    summary = seed_floor_plan(event=event)

    booths = Booth.objects.filter(hall__event=event)
    assert booths.count() == summary.booths == BOOTHS_ON_OFFER == event.booth_capacity
    assert Counter(booths.values_list("hall__code", flat=True)) == {
        "A": 160,
        "B": 160,
        "OUT": 60,
        "KUL": 120,
    }
    assert Counter(booths.values_list("booth_type__serves", flat=True)) == {
        BoothSize.STANDARD: 310,
        BoothSize.DOUBLE: 40,
        BoothSize.CULINARY: 90,
        BoothSize.OUTDOOR: 60,
    }
    halls = {hall.code: hall for hall in Hall.objects.filter(event=event)}
    assert halls["A"].name == "Pendopo Barat" and not halls["A"].is_outdoor
    assert halls["OUT"].name == "Pamedan" and halls["OUT"].is_outdoor
    assert {booth.code for booth in booths if booth.code.startswith("KUL-")} >= {"KUL-030"}
    assert {"A-001", "B-045", "OUT-060", "KUL-120"} <= set(booths.values_list("code", flat=True))


def test_booth_types_carry_the_prices_and_rules_of_the_demo(event):
    seed_floor_plan(event=event)

    types = {t.serves: t for t in BoothType.objects.filter(event=event)}
    assert {serves: (t.price, t.width_m, t.depth_m) for serves, t in types.items()} == {
        BoothSize.STANDARD: (2_500_000, 3, 3),
        BoothSize.DOUBLE: (4_500_000, 3, 6),
        BoothSize.CULINARY: (3_000_000, 3, 3),
        BoothSize.OUTDOOR: (1_500_000, 3, 3),
    }
    culinary = types[BoothSize.CULINARY]
    assert culinary.needs_water
    assert set(culinary.sectors) == {Sector.KULINER, Sector.KOPI_REMPAH, Sector.PERIKANAN}
    # Every culinary stall stands where there is water.
    stalls = Booth.objects.filter(booth_type=culinary).select_related("zone")
    assert stalls and all(booth.zone.has_water for booth in stalls)


def test_zones_name_their_sectors_and_the_culinary_zone_has_water(event):
    seed_floor_plan(event=event)

    zones = {z.code: z for z in Zone.objects.filter(hall__event=event)}
    assert Sector.KRIYA in zones["KRIYA"].sectors
    assert Sector.FASHION in zones["FESYEN"].sectors
    assert Sector.AGRIBISNIS in zones["SEGAR"].sectors
    assert Sector.HERBAL_KOSMETIK in zones["HERBAL"].sectors
    assert zones["DOBEL"].sectors == []  # double booths: furniture asks most, not only it
    assert zones["KULINER"].has_water and Sector.KULINER in zones["KULINER"].sectors
    assert zones["UMUM"].sectors == []  # any sector
    for zone in zones.values():
        zone.full_clean()


def test_no_two_booths_overlap_and_every_booth_fits_its_hall(event):
    seed_floor_plan(event=event)

    for hall in Hall.objects.filter(event=event):
        booths = list(hall.booths.select_related("hall", "zone", "booth_type"))
        assert booths
        for booth in booths:
            booth.full_clean()  # fits, zone of the hall, type of the edition
            assert booth.fits_in(hall)
            assert booth.zone.hall_id == hall.pk
            assert (booth.width_m, booth.depth_m) == (
                booth.booth_type.width_m,
                booth.booth_type.depth_m,
            )
        # Booths sorted by position: only neighbours in a row could overlap, but
        # check every pair; 160 booths is 12,720 pairs, cheap enough.
        for i, booth in enumerate(booths):
            for other in booths[i + 1 :]:
                assert not booth.overlaps(other), (booth.code, other.code)


def test_a_few_booths_are_blocked_and_say_why(event):
    seed_floor_plan(event=event)

    blocked = Booth.objects.filter(hall__event=event, is_blocked=True)
    assert 0.01 * BOOTHS_ON_OFFER <= blocked.count() <= 0.02 * BOOTHS_ON_OFFER
    assert all(booth.blocked_reason for booth in blocked)
    assert not Booth.objects.filter(is_blocked=False).exclude(blocked_reason="").exists()
    assert set(blocked.values_list("code", flat=True)) >= {"A-015", "OUT-001", "KUL-045"}


def test_a_second_run_creates_and_changes_nothing(event):
    first = seed_floor_plan(event=event)
    assert first.created == 4 + 4 + 9 + 500  # halls, types, zones, booths
    before = snapshot()

    second = seed_floor_plan(event=event)

    assert second.created == 0
    assert snapshot() == before
    assert str(second) == "4 halls, 9 zones, 4 booth types, 500 booths (7 blocked, 0 new)"


def test_a_second_run_puts_a_moved_booth_back_and_restores_a_deleted_one(event):
    seed_floor_plan(event=event)
    before = snapshot()
    Booth.objects.filter(code="A-001").update(x_m=50, y_m=30)
    Booth.objects.filter(code="B-045").delete()

    summary = seed_floor_plan(event=event)

    assert summary.created == 1
    after = snapshot()
    assert {k: v for k, v in after.items() if k != "Booth"} == {
        k: v for k, v in before.items() if k != "Booth"
    }
    strip = [row[1:] for row in after["Booth"]]  # B-045 has a new primary key
    assert sorted(strip) == sorted(row[1:] for row in before["Booth"])


def test_seed_demo_prints_the_floor_plan_line(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    out = StringIO()
    call_command("seed_demo", stdout=out)

    assert "Floor plan: 4 halls, 9 zones, 4 booth types, 500 booths (7 blocked, 517 new)." in (
        out.getvalue()
    )
    assert "Allocation: 119 booths allocated, 69 still wanted." in out.getvalue()
    # Whoever the demo shows as allocated or confirmed stands somewhere.
    standing = Application.objects.filter(
        status__in=[ApplicationStatus.ALLOCATED, ApplicationStatus.CONFIRMED]
    ).annotate(booths=Count("allocations", filter=Q(allocations__status="active")))
    assert standing.exists()
    assert [a.pk for a in standing if a.booths == 0] == []
    again = StringIO()
    call_command("seed_demo", stdout=again)
    assert "500 booths (7 blocked, 0 new)" in again.getvalue()
    assert "Allocation: 119 booths already allocated." in again.getvalue()
    assert Booth.objects.count() == 500


def test_the_demo_allocation_keeps_rules_and_quotas_and_mails_nobody(
    settings, tmp_path, mailoutbox
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=StringIO())

    active = Allocation.objects.filter(status=AllocationStatus.ACTIVE).select_related(
        "booth__booth_type", "booth__zone", "booth__hall", "application__business"
    )
    assert active.count() > 100
    # The approved ones are left for the organizer's allocation desk.
    assert Application.objects.filter(status=ApplicationStatus.APPROVED).exists()
    assert not active.filter(application__status=ApplicationStatus.APPROVED).exists()
    for allocation in active:
        assert placement_problem(allocation.booth, allocation.application) is None
    used = Counter(a.application.association_id for a in active)
    for participation in Participation.objects.all():
        assert used[participation.association_id] <= participation.booth_quota
    assert SelectionWindow.objects.get().is_open()
    assert mailoutbox == []
