"""The demo's business matching: ~150 buyers, sessions, meetings and a ledger of ~5,000 deals
whose totals are the sum of its live rows, written as the matching services would write them.

``seed_demo`` runs once for the module inside a transaction that is rolled back at the end;
each test runs in a savepoint of it.
"""

import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.test import override_settings

from accounts.models import Role, RoleGrant, User
from accounts.permissions import can
from events.demo import DEMO_PASSWORD
from events.models import Currency, Event, ExchangeRate, Ministry
from exhibitors.models import QUOTA_STATUSES, Application, Sector
from matching import demo
from matching.models import (
    LIVE_TRANSACTION_STATUSES,
    REPORT_GROUP_OF_KIND,
    Buyer,
    BuyerKind,
    BuyerParticipation,
    LedgerCell,
    MatchingSession,
    Meeting,
    MeetingStatus,
    Slot,
    Transaction,
    TransactionKind,
    TransactionStatus,
)
from matching.selectors import (
    DIMENSIONS,
    LedgerFilter,
    Trust,
    ledger_breakdown,
    ledger_summary,
    transactions_of,
)
from matching.services import WHOLE_CURRENCIES, ledger_rebuild, transaction_record

pytestmark = pytest.mark.django_db
M = MeetingStatus
T = TransactionStatus
K = TransactionKind


@dataclass
class Demo:
    event: Event
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
            event = Event.objects.get(slug="hari-umkm-nasional-2027")
            yield Demo(event=event, output=out.getvalue())
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def test_about_150_made_up_buyers_of_every_type_most_taking_part(seeded):
    buyers = Buyer.objects.filter(is_demo=True)
    assert 140 <= buyers.count() <= 160
    kinds = Counter(buyers.values_list("kind", flat=True))
    assert set(kinds) == set(BuyerKind.values)
    assert min(kinds.values()) >= 8
    for buyer in buyers:
        buyer.full_clean()  # sectors from the list, valid emails and URLs
        assert buyer.sectors and buyer.seeks and buyer.contact_name
        assert "Data demo" in buyer.description
    foreign = buyers.filter(kind=BuyerKind.FOREIGN)
    assert not foreign.filter(country="ID").exists()
    assert not foreign.filter(trade_attache="").exists()
    attaches = set(foreign.values_list("trade_attache", flat=True))
    assert {"ITPC Osaka", "ITPC Dubai", "Atase Perdagangan KBRI Den Haag"} <= attaches
    assert foreign.filter(city="Rotterdam").exists()
    assert not buyers.exclude(kind=BuyerKind.FOREIGN).exclude(country="ID").exists()
    # What buyers seek is written in Indonesian.
    assert all(" dan " in buyer.seeks for buyer in buyers)
    taking_part = BuyerParticipation.objects.filter(event=seeded.event, buyer__in=buyers)
    assert 0.75 * buyers.count() <= taking_part.count() < buyers.count()
    assert taking_part.filter(buyer__name=demo.DEMO_BUYER_NAME).exists()


def test_sessions_on_every_day_are_cut_into_slots(seeded):
    event = seeded.event
    sessions = MatchingSession.objects.filter(event=event).select_related("day")
    assert {s.day.date for s in sessions} == set(event.days.values_list("date", flat=True))
    zone = ZoneInfo(event.time_zone)
    for session in sessions:
        slots = list(session.slots.order_by("starts_at"))
        minutes = (session.ends_at.hour * 60 + session.ends_at.minute) - (
            session.starts_at.hour * 60 + session.starts_at.minute
        )
        assert len(slots) == minutes // session.slot_minutes
        first = slots[0].starts_at.astimezone(zone)
        assert (first.date(), first.time()) == (session.day.date, session.starts_at)


def test_meetings_in_every_status_placed_by_the_rules(seeded):
    event = seeded.event
    meetings = Meeting.objects.filter(event=event)
    statuses = Counter(meetings.values_list("status", flat=True))
    assert set(statuses) == set(M.values)
    assert statuses[M.HELD] > 200 and statuses[M.NO_SHOW] > 20 and statuses[M.SCHEDULED] > 20
    assert set(meetings.values_list("requested_by_side", flat=True)) == {
        "buyer",
        "exhibitor",
        "desk",
    }
    exhibiting = set(
        Application.objects.filter(event=event, status__in=QUOTA_STATUSES).values_list(
            "business_id", flat=True
        )
    )
    joined = set(BuyerParticipation.objects.filter(event=event).values_list("buyer_id", flat=True))
    assert set(meetings.values_list("business_id", flat=True)) <= exhibiting
    assert set(meetings.values_list("buyer_id", flat=True)) <= joined
    placed = meetings.filter(status__in=(M.SCHEDULED, M.HELD, M.NO_SHOW)).select_related(
        "slot__session"
    )
    per_session_buyer, per_session_business = Counter(), Counter()
    for meeting in placed:
        session = meeting.slot.session
        assert 1 <= meeting.table <= session.table_count
        per_session_buyer[(session.pk, meeting.buyer_id)] += 1
        per_session_business[(session.pk, meeting.business_id)] += 1
        if meeting.status == M.HELD:
            assert meeting.slot.starts_at <= meeting.checked_in_at < meeting.slot.ends_at
        if meeting.status == M.NO_SHOW:
            assert meeting.no_show_side in ("buyer", "exhibitor")
        assert meeting.requested_at < meeting.slot.starts_at
    limits = {s.pk: s for s in MatchingSession.objects.filter(event=event)}
    assert all(n <= limits[s].max_per_buyer for (s, _b), n in per_session_buyer.items())
    assert all(n <= limits[s].max_per_exhibitor for (s, _b), n in per_session_business.items())
    # Each buyer within its edition-wide limit.
    limit = dict(
        BuyerParticipation.objects.filter(event=event).values_list("buyer_id", "max_meetings")
    )
    for buyer_id, n in Counter(placed.values_list("buyer_id", flat=True)).items():
        assert n <= limit[buyer_id]
    # Only the last day still has meetings to come.
    last_day = event.days.order_by("-date").first()
    assert {m.slot.session.day_id for m in placed.filter(status=M.SCHEDULED)} == {last_day.pk}
    assert not meetings.filter(
        status__in=(M.CANCELLED, M.DECLINED, M.REQUESTED, M.ACCEPTED), slot__isnull=False
    ).exists()


def test_a_ledger_of_about_5000_deals_of_every_kind_status_and_currency(seeded):
    event = seeded.event
    rows = Transaction.objects.filter(event=event)
    assert 4_700 <= rows.count() <= 5_300
    kinds = Counter(rows.values_list("kind", flat=True))
    assert kinds[K.RETAIL_SALE] > 3_000
    assert all(kinds[kind] >= 50 for kind in K.values), kinds
    statuses = Counter(rows.values_list("status", flat=True))
    assert set(statuses) == set(T.values)
    retail = rows.filter(kind=K.RETAIL_SALE)
    assert retail.filter(buyer__isnull=True).count() > 0.9 * retail.count()
    assert not retail.filter(buyer__isnull=True, status=T.CONFIRMED).exists()  # nobody to confirm
    live_sales = retail.filter(currency="IDR", status__in=LIVE_TRANSACTION_STATUSES)
    rupiah_sales = live_sales.values_list("value_idr", flat=True)
    assert all(25_000 <= v <= 5_000_000 for v in rupiah_sales)
    currencies = set(rows.values_list("currency", flat=True))
    assert {"IDR", "USD", "SGD", "MYR", "JPY", "EUR", "SAR"} <= currencies
    rates = ExchangeRate.objects.filter(event=event)
    assert {r.currency for r in rates} == {"SGD", "MYR", "JPY", "EUR", "SAR"}
    assert all("demo" in r.source for r in rates)
    exports = rows.exclude(destination_country="")
    assert exports.count() > 100 and not exports.filter(destination_country="ID").exists()
    assert not exports.filter(kind=K.RETAIL_SALE).exists()
    programmes = set(rows.exclude(programme=None).values_list("programme__slug", flat=True))
    assert programmes == set(event.programmes.values_list("slug", flat=True))
    assert not rows.exclude(programme=None).exclude(programme__in=event.programmes.all())
    # Realistic sizes: orders in the tens of millions, MoUs in the billions.
    median = {
        kind: sorted(rows.filter(kind=kind).values_list("value_idr", flat=True))[kinds[kind] // 2]
        for kind in K.values
    }
    assert 30_000 <= median[K.RETAIL_SALE] <= 1_000_000
    assert 5_000_000 <= median[K.PURCHASE_ORDER] <= 100_000_000
    assert median[K.MOU] >= 500_000_000
    assert rows.filter(kind=K.POTENTIAL, currency="USD", value__gte=1_000_000).exists() or (
        rows.filter(kind=K.POTENTIAL).order_by("-value_usd").first().value_usd >= 500_000
    )


def test_corrections_void_and_replace_and_keep_the_history(seeded):
    rows = Transaction.objects.filter(event=seeded.event)
    replacements = rows.filter(replaces__isnull=False).select_related("replaces")
    assert 60 <= replacements.count() <= 160
    for new in replacements:
        old = new.replaces
        assert old.status == T.VOID and old.void_reason and old.voided_by_id
        assert new.status in (T.RECORDED, T.VERIFIED)
        assert new.recorded_at == old.voided_at  # one database transaction, one moment
        assert (new.business_id, new.buyer_id, new.event_id) == (
            old.business_id,
            old.buyer_id,
            old.event_id,
        )
        assert (new.kind, new.value, new.quantity) != (old.kind, old.value, old.quantity)
    assert replacements.filter(status=T.VERIFIED).exists()
    plain = rows.filter(status=T.VOID, replaced_by__isnull=True)
    assert plain.count() > 20
    assert rows.filter(status=T.VOID).count() == plain.count() + replacements.count()


def test_every_row_is_dated_at_the_edition_and_moves_forward_in_time(seeded):
    event = seeded.event
    zone = ZoneInfo(event.time_zone)
    days = set(event.days.values_list("date", flat=True))
    for row in Transaction.objects.filter(event=event, replaces__isnull=True):
        assert row.deal_date in days
        assert row.recorded_at.astimezone(zone).date() == row.deal_date
        for later in (row.confirmed_at, row.verified_at, row.voided_at):
            assert later is None or later > row.recorded_at
        assert (row.confirmed_at is not None) == (row.confirmed_by_id is not None)
        assert (row.verified_at is not None) == (row.verified_by_id is not None)
        assert (row.voided_at is not None) == (row.status == T.VOID)
        if row.status == T.CONFIRMED:
            assert row.confirmed_at and not row.verified_at
        if row.status == T.VERIFIED:
            assert row.verified_at
        if row.verified_at and row.confirmed_at:
            assert row.verified_at > row.confirmed_at


def independent_totals(event, trust):
    """Sums of the live rows, straight from the ledger's rows."""
    sums = defaultdict(lambda: [0, 0, Decimal(0), set(), set()])
    for kind, idr, usd, business, buyer in Transaction.objects.filter(
        event=event, status__in=Trust.STATUSES[trust]
    ).values_list("kind", "value_idr", "value_usd", "business_id", "buyer_id"):
        for key in (("kind", kind), ("group", REPORT_GROUP_OF_KIND[kind])):
            figures = sums[key]
            figures[0] += 1
            figures[1] += idr
            figures[2] += usd
            figures[3].add(business)
            if buyer:
                figures[4].add(buyer)
    return sums


def figures(f):
    return [f.rows, f.value_idr, f.value_usd, f.businesses, f.buyers]


@pytest.mark.parametrize("trust", [Trust.ALL, Trust.CONFIRMED, Trust.VERIFIED])
def test_ledger_totals_equal_an_independent_sum_of_the_live_rows(seeded, trust):
    event = seeded.event
    expected = independent_totals(event, trust)
    summary = ledger_summary(LedgerFilter(event=event, trust=trust))
    for group, got in summary.groups.items():
        want = expected["group", group]
        assert figures(got) == [want[0], want[1], want[2], len(want[3]), len(want[4])], group
    for kind, got in summary.kinds.items():
        want = expected["kind", kind]
        assert figures(got) == [want[0], want[1], want[2], len(want[3]), len(want[4])], kind
    assert summary.groups["retail"].value_idr > 0 and summary.groups["mou"].rows > 0


def test_breakdowns_add_up_to_the_totals_and_survive_a_rebuild(seeded):
    event = seeded.event
    ledger_filter = LedgerFilter(event=event)
    summary = ledger_summary(ledger_filter)
    for by in DIMENSIONS:
        lines = ledger_breakdown(ledger_filter, by).lines
        for group, total in summary.groups.items():
            assert sum(line.groups[group].value_idr for line in lines) == total.value_idr, by
            assert sum(line.groups[group].rows for line in lines) == total.rows, by
    live = Transaction.objects.filter(event=event, status__in=LIVE_TRANSACTION_STATUSES)
    assert LedgerCell.objects.filter(event_id=event.pk, rows__gt=0).count() < live.count()
    before = {g: figures(f) for g, f in summary.groups.items()}
    ledger_rebuild(event=event)
    assert {g: figures(f) for g, f in ledger_summary(ledger_filter).groups.items()} == before


def test_the_bulk_rows_are_what_transaction_record_writes(seeded):
    """A sample of the demo's rows, one of each kind, currency and side, recorded again
    through the service with the same input: the stored figures and snapshot agree."""
    event = seeded.event
    compared = (
        "kind",
        "currency",
        "value",
        "idr_per_unit",
        "usd_idr_rate",
        "rate_date",
        "value_idr",
        "value_usd",
        "quantity",
        "unit",
        "product_name",
        "sector",
        "destination_country",
        "programme_id",
        "deal_date",
        "notes",
        "association_id",
        "province",
        "scale",
        "buyer_kind",
        "recorded_as",
        "recorded_at",
        "meeting_id",
    )
    sample, seen = [], set()
    for row in Transaction.objects.filter(event=event, replaces__isnull=True).select_related(
        "business", "buyer", "meeting", "programme"
    ):
        key = (row.kind, row.currency, row.recorded_as, bool(row.destination_country))
        if key not in seen:
            seen.add(key)
            sample.append(row)
    assert len(sample) > 20
    for row in sample:
        with transaction.atomic():
            again = transaction_record(
                event=event,
                business=row.business,
                buyer=row.buyer,
                meeting=row.meeting,
                kind=row.kind,
                currency=row.currency,
                value=row.value,
                deal_date=row.deal_date,
                side=row.recorded_as,
                actor=None,
                quantity=row.quantity,
                unit=row.unit,
                product_name=row.product_name,
                destination_country=row.destination_country,
                programme=row.programme,
                notes=row.notes,
                recorded_at=row.recorded_at,
            )
            again.refresh_from_db()
            assert [getattr(again, f) for f in compared] == [getattr(row, f) for f in compared]
            transaction.set_rollback(True)


def test_the_demo_buyer_and_the_ministry_reader_log_in_with_their_roles(seeded, client):
    buyer = Buyer.objects.get(name=demo.DEMO_BUYER_NAME)
    user = User.objects.get(email=demo.DEMO_BUYER_EMAIL)
    assert can(user, "matching.act_for_buyer", buyer)
    assert not can(user, "matching.act_for_buyer", Buyer.objects.exclude(pk=buyer.pk).first())
    own = transactions_of(user, event=seeded.event)
    assert own.count() > 5 and not own.exclude(buyer=buyer).exists()
    # Deals the exhibitors recorded, waiting for the buyer to confirm; requests to answer.
    assert own.filter(status=T.RECORDED, recorded_as="exhibitor").exists()
    assert Meeting.objects.filter(
        buyer=buyer, status=M.REQUESTED, requested_by_side="exhibitor"
    ).exists()
    assert Meeting.objects.filter(buyer=buyer, status=M.SCHEDULED).exists()

    reader = User.objects.get(email="kemendag@pameran.test")
    kemendag = Ministry.objects.get(acronym="Kemendag")
    assert RoleGrant.objects.filter(
        user=reader, role=Role.MINISTRY_READER, scope_id=kemendag.pk
    ).exists()
    for demo_user in demo.MATCHING_DEMO_USERS:
        assert client.login(username=demo_user.email, password=DEMO_PASSWORD)
        client.logout()
    assert client.login(username=demo.DEMO_BUYER_EMAIL, password=DEMO_PASSWORD)

    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert "kemendag@pameran.test" in out.getvalue()
    assert demo.DEMO_BUYER_EMAIL in out.getvalue()


def test_seed_demo_reports_the_business_matching(seeded):
    assert "Business matching:" in seeded.output
    assert "demo buyers" in seeded.output and "deals" in seeded.output


def snapshot(event):
    return {
        "buyers": Buyer.objects.count(),
        "participations": BuyerParticipation.objects.count(),
        "sessions": MatchingSession.objects.count(),
        "slots": Slot.objects.count(),
        "meetings": sorted(
            Meeting.objects.values_list("status").annotate(n=Count("pk")).order_by()
        ),
        "rows": sorted(
            Transaction.objects.values_list("status").annotate(n=Count("pk")).order_by()
        ),
        "cells": sorted(
            LedgerCell.objects.filter(rows__gt=0).values_list("pk", "rows", "value_idr")
        ),
        "rates": sorted(ExchangeRate.objects.values_list("currency", "idr_per_unit")),
        "grants": RoleGrant.objects.count(),
    }


def test_a_second_run_changes_nothing(seeded):
    before = snapshot(seeded.event)
    demo.seed_matching(event=seeded.event)
    assert snapshot(seeded.event) == before


# --- The plans, without a database ----------------------------------------------------------


def test_the_buyers_plan_is_the_same_for_the_same_seed_and_names_are_unique():
    first = demo.plan_buyers(random.Random(2027))
    assert first == demo.plan_buyers(random.Random(2027))
    assert len({spec.name for spec in first}) == len(first)
    assert all(set(spec.sectors) <= set(Sector.values) for spec in first)


def fake_inputs():
    zone = ZoneInfo("Asia/Jakarta")
    days = [date(2027, 8, 12) + timedelta(days=n) for n in range(4)]
    products = (
        demo.ProductInfo("Keripik Tempe", 12_000, 25_000, "bungkus 200 g"),
        demo.ProductInfo("Kain Batik Tulis", 400_000, 4_000_000, "lembar"),
    )
    sectors = [Sector.KULINER, Sector.FASHION, Sector.KRIYA]
    businesses = [
        demo.BusinessInfo(n, f"{n:013d}", sectors[n % 3], "mikro", n % 2 == 0, products)
        for n in range(1, 41)
    ]
    kinds = list(BuyerKind.values)
    buyers = [
        demo.BuyerInfo(
            100 + n,
            kinds[n % len(kinds)],
            "JP" if kinds[n % len(kinds)] == BuyerKind.FOREIGN else "ID",
            tuple(sectors),
        )
        for n in range(24)
    ]
    rates = {
        "IDR": Decimal(1),
        "USD": Decimal(16250),
        **demo.DEMO_RATES,
    }
    return {
        "days": days,
        "zone": zone,
        "businesses": businesses,
        "buyers": buyers,
        "held": [],
        "rates": rates,
        "programmes": {"umkm-bisa-ekspor": 1, "e-smart-ikm": 2, "entrepreneur-hub": 3},
        "demo_buyer_id": 100,
    }


def test_the_ledger_plan_is_the_same_for_the_same_seed_and_within_the_rules():
    first = demo.plan_ledger(random.Random(5), **fake_inputs())
    assert first == demo.plan_ledger(random.Random(5), **fake_inputs())
    assert first != demo.plan_ledger(random.Random(6), **fake_inputs())
    assert len(first) == demo.RETAIL_DEALS + demo.BUSINESS_DEALS
    for deal in first:
        assert deal.value > 0 and deal.currency in Currency.values
        assert deal.buyer_id is not None or deal.kind == K.RETAIL_SALE
        assert deal.destination_country != "ID"
        # What transaction_record accepts: cents at most, whole units of rupiah and yen.
        assert deal.value.as_tuple().exponent >= -2
        if deal.currency in WHOLE_CURRENCIES:
            assert deal.value == deal.value.to_integral_value()
        if deal.kind == K.RETAIL_SALE and deal.currency == "IDR" and not deal.correction:
            assert 25_000 <= deal.value <= 5_000_000
        if deal.buyer_id is None:
            assert deal.status in (T.RECORDED, T.VERIFIED, T.VOID)
        assert not (deal.status == T.VOID and deal.correction is not None)
