"""The demo's passes: ~20,000 visitors whose tallies, day masks, tokens and first morning at the
gates agree with what the tickets services would have written.

``seed_demo`` runs once for the module (about 10 s on PostgreSQL) inside a transaction that
is rolled back at the end; each test runs in a savepoint of it.
"""

import json
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.test import Client, override_settings

from accounts.models import User, indonesian_phone_validator
from events.demo import DEMO_PASSWORD
from events.models import Event
from exhibitors.models import Application, ApplicationStatus
from tickets import demo, tokens
from tickets.models import (
    LIVE_STATUSES,
    CheckIn,
    DayTally,
    Direction,
    Gate,
    GateDevice,
    Pass,
    PassCategory,
    PassDay,
    PassRevocation,
    PassStatus,
    PassType,
    Registration,
    ScanResult,
)
from tickets.scanner_views import scanner_gates
from tickets.selectors import day_indexes, forget_memos, live_figures, pass_token, public_keys
from tickets.services import Scan, checkin_redeem

pytestmark = pytest.mark.django_db


@dataclass
class Demo:
    event: Event
    days: list
    output: str


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("demo-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media / "public", PRIVATE_MEDIA_ROOT=media / "private"),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            out = StringIO()
            call_command("seed_demo", stdout=out)
            forget_memos()
            event = Event.objects.get(slug="hari-umkm-nasional-2027")
            yield Demo(event=event, days=list(event.days.order_by("date")), output=out.getvalue())
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            forget_memos()


def by_type(event):
    return {p.name: p for p in PassType.objects.filter(event=event)}


def test_the_demo_issues_about_twenty_thousand_passes_of_the_demo_types(seeded):
    event = seeded.event
    passes = Pass.objects.filter(event=event)
    assert 18_000 <= passes.count() <= 22_000
    assert "Passes: " in seeded.output and " passes in " in seeded.output
    counts = Counter(passes.values_list("pass_type__name", flat=True))
    assert counts["Pengunjung Umum"] > 0.7 * passes.count()
    assert 1_500 <= counts["Rombongan Pelajar"] <= 3_500
    assert 500 <= counts["Pembeli Bisnis"] <= 1_200
    few_hundred = counts["VIP & Pemerintah"] + counts["Media"] + counts["Staf Peserta"]
    assert 200 <= few_hundred <= 600
    assert counts["Kelas Ekspor (workshop)"] == 0  # paid: payments come later

    types = by_type(event)
    assert {name: t.name_en for name, t in types.items()} == {
        "Pengunjung Umum": "General visitor",
        "Pembeli Bisnis": "Business buyer",
        "Rombongan Pelajar": "Student group",
        "VIP & Pemerintah": "VIP & government",
        "Media": "Press",
        "Staf Peserta": "Exhibitor staff",
        "Kelas Ekspor (workshop)": "Export class (workshop)",
    }
    assert {name for name, t in types.items() if t.is_public} == {
        "Pengunjung Umum",
        "Pembeli Bisnis",
        "Rombongan Pelajar",
    }
    assert types["Pembeli Bisnis"].requires_approval
    assert types["Rombongan Pelajar"].max_per_registration == 40
    assert types["Rombongan Pelajar"].capacity_per_day == 1500
    assert types["Staf Peserta"].multiple_entries
    assert not types["Staf Peserta"].counts_as_visitor
    workshop = types["Kelas Ekspor (workshop)"]
    assert (workshop.price, workshop.capacity_per_day, workshop.is_public) == (75_000, 60, False)
    for pass_type in types.values():
        assert set(pass_type.days.all()) == set(seeded.days)

    gates = {g.code: g for g in Gate.objects.filter(event=event)}
    assert {g.name for g in gates.values()} == {
        "Gerbang Utara",
        "Gerbang Selatan",
        "Gerbang Timur",
        "Pintu VIP & Media",
    }
    assert "Ronggowarsito" in gates["utara"].hint and "Kartini" in gates["selatan"].hint
    assert "bus" in gates["timur"].hint
    assert list(types["VIP & Pemerintah"].gates.all()) == [gates["vip"]]
    assert list(types["Media"].gates.all()) == []  # every gate, the VIP door included
    # Nobody else may use the VIP door.
    admitted_at_vip = {
        name for name, t in types.items() if not t.gates.exists() or gates["vip"] in t.gates.all()
    }
    assert admitted_at_vip == {"VIP & Pemerintah", "Media"}


def test_visitors_look_like_indonesian_visitors_and_consented(seeded):
    registrations = Registration.objects.filter(event=seeded.event)
    assert registrations.filter(consent_at__isnull=True).count() == 0
    sample = list(registrations.order_by("?")[:300])
    for registration in sample:
        assert registration.email.endswith("@contoh.test")
        indonesian_phone_validator(registration.phone)
        assert registration.contact_name.strip() and registration.city
        assert registration.consent_at <= datetime.now(UTC)
    provinces = Counter(registrations.values_list("province", flat=True))
    top = [code for code, _n in provinces.most_common(3)]
    assert set(top) == {"33", "34", "35"}  # Jawa Tengah, DI Yogyakarta, Jawa Timur
    assert provinces["33"] > 0.5 * registrations.count()
    assert len(set(registrations.values_list("category", flat=True))) >= 5
    assert registrations.values("email").distinct().count() == registrations.count()

    groups = registrations.annotate(n=Count("passes")).filter(n__gt=1)
    assert groups.exists()
    assert not groups.exclude(passes__pass_type__name="Rombongan Pelajar").exists()
    assert max(groups.values_list("n", flat=True)) <= 40
    assert all(g.organisation for g in groups)


def test_staff_badges_belong_to_confirmed_applications_two_or_three_each(seeded):
    staff = Pass.objects.filter(event=seeded.event, pass_type__category="exhibitor_staff")
    per_application = Counter(staff.values_list("application_id", flat=True))
    confirmed = set(
        Application.objects.filter(
            event=seeded.event, status=ApplicationStatus.CONFIRMED
        ).values_list("pk", flat=True)
    )
    assert confirmed and set(per_application) == confirmed
    assert set(per_application.values()) <= {2, 3}
    assert not staff.filter(registration__isnull=False).exists()
    assert not Pass.objects.filter(event=seeded.event, application__isnull=False).exclude(
        pass_type__category="exhibitor_staff"
    )


def test_void_and_pending_passes_are_as_the_services_leave_them(seeded):
    passes = Pass.objects.filter(event=seeded.event)
    void = passes.filter(status=PassStatus.VOID)
    assert 100 <= void.count() <= 600
    assert not void.filter(void_reason="").exists()
    assert not void.filter(voided_at__isnull=True).exists()
    revoked = set(
        PassRevocation.objects.filter(event=seeded.event, valid_serial=0).values_list(
            "visitor_pass_id", flat=True
        )
    )
    assert revoked == set(void.values_list("pk", flat=True))
    pending = passes.filter(status=PassStatus.PENDING)
    assert 10 <= pending.count() <= 150
    assert set(pending.values_list("pass_type__name", flat=True)) == {"Pembeli Bisnis"}
    assert not pending.filter(approved_at__isnull=False).exists()
    assert not passes.filter(status=PassStatus.VALID, approved_at__isnull=True).exists()
    codes = passes.values_list("code", flat=True)
    assert all(len(code) == 10 for code in codes)
    assert passes.values("access_key").distinct().count() == passes.count()


def test_the_tallies_equal_a_recount_per_day_and_type(seeded):
    live = PassDay.objects.filter(
        visitor_pass__event=seeded.event, visitor_pass__status__in=LIVE_STATUSES
    )
    per_type = Counter(
        {
            (row["day_id"], row["visitor_pass__pass_type_id"]): row["n"]
            for row in live.values("day_id", "visitor_pass__pass_type_id").annotate(n=Count("pk"))
        }
    )
    visitors = Counter(
        dict(
            live.exclude(visitor_pass__pass_type__category=PassCategory.EXHIBITOR_STAFF)
            .values_list("day_id")
            .annotate(n=Count("pk"))
        )
    )
    tallies = DayTally.objects.filter(day__event=seeded.event)
    for tally in tallies:
        if tally.pass_type_id is None:
            assert tally.taken == visitors[tally.day_id], tally
        else:
            assert tally.taken == per_type[(tally.day_id, tally.pass_type_id)], tally
    keys = {(t.day_id, t.pass_type_id) for t in tallies}
    assert {key for key, n in per_type.items() if n} <= keys
    assert {(day.pk, None) for day in seeded.days} <= keys
    # The demo keeps the capacities registration keeps.
    for day in seeded.days:
        assert visitors[day.pk] <= day.visitor_capacity
    students = PassType.objects.get(event=seeded.event, name="Rombongan Pelajar")
    for day in seeded.days:
        assert per_type[(day.pk, students.pk)] <= students.capacity_per_day


def test_every_pass_day_mask_matches_its_days(seeded):
    forget_memos()
    index = day_indexes(seeded.event)
    days = defaultdict(int)
    for pass_id, day_id in PassDay.objects.filter(visitor_pass__event=seeded.event).values_list(
        "visitor_pass_id", "day_id"
    ):
        days[pass_id] |= 1 << index[day_id]
    masks = dict(Pass.objects.filter(event=seeded.event).values_list("pk", "day_mask"))
    assert masks == dict(days)
    assert all(mask for mask in masks.values())


def test_valid_passes_carry_tokens_the_scanner_verifies(seeded):
    forget_memos()
    keys = public_keys(seeded.event)
    sample = Pass.objects.filter(event=seeded.event, status=PassStatus.VALID).order_by("?")[:50]
    for visitor_pass in sample.select_related("event"):
        claims = tokens.verify(pass_token(visitor_pass), keys)
        assert (claims.event_id, claims.pass_id, claims.serial) == (
            seeded.event.pk,
            visitor_pass.pk,
            visitor_pass.serial,
        )
        assert (claims.pass_type_id, claims.day_mask) == (
            visitor_pass.pass_type_id,
            visitor_pass.day_mask,
        )


def test_the_first_morning_at_the_gates(seeded):
    event, first = seeded.event, seeded.days[0]
    zone = ZoneInfo(event.time_zone)
    scans = CheckIn.objects.filter(event=event)
    assert 5_000 <= scans.count() <= 6_000
    assert set(scans.values_list("day_id", flat=True)) == {first.pk}
    times = scans.values_list("scanned_at", flat=True)
    local = [moment.astimezone(zone) for moment in times]
    assert {moment.date() for moment in local} == {first.date}
    assert time(9) <= min(local).time() and max(local).time() < time(12)

    outcome = Counter(scans.values_list("direction", "result", "reason"))
    entries = outcome[("in", "admitted", "")]
    exits = outcome[("out", "admitted", "")]
    assert entries > 0.8 * scans.count()
    assert 150 <= exits <= 0.15 * scans.count()
    refusals = Counter(
        dict(scans.filter(result=ScanResult.REFUSED).values_list("reason").annotate(n=Count("pk")))
    )
    assert {"already_inside", "wrong_day", "unknown", "void"} <= set(refusals)
    assert 100 <= sum(refusals.values()) <= 0.1 * scans.count()
    assert not scans.filter(result=ScanResult.REFUSED, reason="").exists()
    assert not scans.filter(result=ScanResult.ADMITTED, visitor_pass__isnull=True).exists()
    assert scans.filter(reason="unknown", visitor_pass__isnull=True).count() == refusals["unknown"]
    # Re-entries: passes admitted in twice, with an exit between.
    twice = (
        scans.filter(result=ScanResult.ADMITTED, direction=Direction.IN)
        .values("visitor_pass")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert twice.count() > 50
    assert scans.filter(offline=True).exists()
    assert scans.values("nonce").distinct().count() == scans.count()
    # One phone per gate, signed in by the demo's gate staff; every gate scanned.
    staff = User.objects.get(email="gerbang@pameran.test")
    devices = GateDevice.objects.filter(event=event)
    assert devices.count() == 4
    assert {d.created_by_id for d in devices} == {staff.pk}
    assert {d.gate.code for d in devices if d.checkins.exists()} == {
        "utara",
        "selatan",
        "timur",
        "vip",
    }
    admitted_at_vip = set(
        scans.filter(gate__code="vip", result=ScanResult.ADMITTED).values_list(
            "visitor_pass__pass_type__name", flat=True
        )
    )
    assert admitted_at_vip <= {"VIP & Pemerintah", "Media"}


def test_who_is_inside_follows_the_last_admitted_scan(seeded):
    event, first = seeded.event, seeded.days[0]
    last = {}
    for pass_id, direction, at in (
        CheckIn.objects.filter(event=event, result=ScanResult.ADMITTED)
        .order_by("scanned_at", "pk")
        .values_list("visitor_pass_id", "direction", "scanned_at")
    ):
        last[pass_id] = (direction, at)
    passes = Pass.objects.filter(event=event)
    inside = set(passes.filter(inside_day__isnull=False).values_list("pk", flat=True))
    assert inside == {pass_id for pass_id, (direction, _at) in last.items() if direction == "in"}
    assert set(passes.filter(inside_day__isnull=False).values_list("inside_day", flat=True)) == {
        first.pk
    }
    stamps = dict(
        passes.filter(presence_changed_at__isnull=False).values_list("pk", "presence_changed_at")
    )
    assert stamps == {pass_id: at for pass_id, (_direction, at) in last.items()}
    figures = live_figures(event, day=first)
    assert figures.inside_now == len(inside) > 3_000
    assert figures.entries_today > figures.inside_now


def test_the_services_agree_with_the_demo_on_who_is_inside(seeded, monkeypatch):
    """At 12:30 on the first day the real check-in rules see the demo's state."""
    event, first = seeded.event, seeded.days[0]
    noon = datetime.combine(first.date, time(12, 30), tzinfo=ZoneInfo(event.time_zone))
    monkeypatch.setattr("django.utils.timezone.now", lambda: noon)
    device = GateDevice.objects.get(event=event, gate__code="utara")
    general = Pass.objects.filter(
        event=event, status=PassStatus.VALID, pass_type__name="Pengunjung Umum"
    )
    inside = general.filter(inside_day=first).order_by("pk").first()
    went_out = general.filter(
        inside_day__isnull=True, day_mask=1, presence_changed_at__isnull=False
    ).first()
    not_yet = general.filter(day_mask=1, presence_changed_at__isnull=True).first()
    outcomes = {
        name: checkin_redeem(
            device=device,
            scan=Scan(nonce=uuid.uuid4().hex, text=pass_token(visitor_pass)),
            now=noon,
        )
        for name, visitor_pass in (("inside", inside), ("out", went_out), ("new", not_yet))
    }
    assert outcomes["inside"].reason == "already_inside"
    assert outcomes["out"].admitted and outcomes["new"].admitted


def test_the_demo_gate_staff_opens_the_scanner_and_signs_a_phone_in_at_every_gate(seeded):
    browser = Client()
    assert browser.login(username="gerbang@pameran.test", password=DEMO_PASSWORD)
    assert browser.get("/scan/").status_code == 200
    staff = User.objects.get(email="gerbang@pameran.test")
    gates = Gate.objects.filter(event=seeded.event)
    assert {g["id"] for g in scanner_gates(staff)} == {gate.pk for gate in gates}
    for gate in gates:
        response = browser.post(
            "/api/v1/checkin/devices",
            data=json.dumps({"gate": gate.pk, "name": f"HP uji {gate.code}"}),
            content_type="application/json",
        )
        assert response.status_code == 201, response.content
        assert response.json()["gate"]["code"] == gate.code


def snapshot(event):
    return {
        "registrations": sorted(
            Registration.objects.filter(event=event).values_list("reference", "email")
        ),
        "passes": sorted(
            Pass.objects.filter(event=event).values_list(
                "pk", "code", "status", "day_mask", "inside_day", "presence_changed_at"
            )
        ),
        "pass_days": PassDay.objects.filter(visitor_pass__event=event).count(),
        "tallies": sorted(
            DayTally.objects.filter(day__event=event).values_list("pk", "pass_type", "taken")
        ),
        "checkins": CheckIn.objects.filter(event=event).count(),
        "devices": sorted(GateDevice.objects.filter(event=event).values_list("pk", "token_digest")),
        "gates": sorted(Gate.objects.filter(event=event).values_list("pk", "code", "hint")),
        "types": sorted(
            PassType.objects.filter(event=event).values_list("pk", "name", "capacity_per_day")
        ),
    }


def test_a_second_run_changes_nothing(seeded):
    before = snapshot(seeded.event)
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert snapshot(seeded.event) == before
    assert "passes already issued; nothing added" in out.getvalue()


class FakeDay:
    def __init__(self, on: date, capacity: int):
        self.date, self.opens_at, self.visitor_capacity = on, time(9), capacity
        self.closes_at = time(21)


def fake_days(capacity: int) -> list:
    return [FakeDay(date(2027, 8, 12) + timedelta(days=n), capacity) for n in range(4)]


def test_the_plan_is_the_same_for_the_same_seed():
    now = datetime(2026, 12, 1, 8, tzinfo=UTC)
    zone = ZoneInfo("Asia/Jakarta")
    first = demo.plan(days=fake_days(15_000), zone=zone, now=now, application_ids=[1, 2, 3])
    again = demo.plan(days=fake_days(15_000), zone=zone, now=now, application_ids=[1, 2, 3])
    assert first == again
    other = demo.plan(days=fake_days(15_000), zone=zone, now=now, rng_seed=1)
    assert [p.holder_name for p in other.passes[:50]] != [p.holder_name for p in first.passes[:50]]


def test_the_plan_keeps_small_capacities():
    zone = ZoneInfo("Asia/Jakarta")
    now = datetime(2026, 12, 1, 8, tzinfo=UTC)
    planned = demo.plan(days=fake_days(2_000), zone=zone, now=now, general=5_000, scans=False)
    taken = Counter()
    for p in planned.passes:
        if p.status in LIVE_STATUSES and p.type_key != "staff":
            taken.update(p.days)
    assert taken and max(taken.values()) <= 2_000
