"""On random ledgers, every total the dashboards, the API and the rollup give equals an
independent sum of the ledger's rows, per report group, kind and currency; void rows never
count; a rate changed afterwards changes nothing recorded."""

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.factories import UserFactory
from dashboards.services import api_token_create
from events.factories import AssociationFactory, MinistryFactory
from events.models import ExchangeRate
from matching.factories import exhibiting_business, ledger_event, participating_buyer
from matching.models import (
    REPORT_GROUP_OF_KIND,
    LedgerCell,
    LedgerParty,
    ReportGroup,
    Transaction,
    TransactionKind,
    TransactionStatus,
)
from matching.selectors import (
    DIMENSIONS,
    LedgerFilter,
    Trust,
    ledger_breakdown,
    ledger_rows,
    ledger_summary,
)
from matching.services import (
    ledger_rebuild,
    transaction_confirm,
    transaction_correct,
    transaction_record,
    transaction_verify,
    transaction_void,
)

pytestmark = pytest.mark.django_db
T = TransactionStatus
KINDS = TransactionKind.values
CURRENCIES = ["IDR", "USD", "SGD", "JPY"]

deal = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(KINDS),
        "currency": st.sampled_from(CURRENCIES),
        "value": st.integers(min_value=1, max_value=5_000_000_000),
        "cents": st.integers(min_value=0, max_value=99),
        "business": st.integers(min_value=0, max_value=3),
        "buyer": st.integers(min_value=0, max_value=2),
        "day": st.integers(min_value=0, max_value=1),
        "export": st.sampled_from(["", "", "JP", "SG"]),
        "then": st.sampled_from(["keep", "keep", "confirm", "verify", "void", "correct"]),
    }
)


def _independent(rows, statuses):
    """Sums straight from the rows, with no code of the ledger's."""
    sums = defaultdict(lambda: [0, 0, Decimal(0), set(), set()])
    for row in rows:
        if row.status not in statuses:
            continue
        for key in (("group", REPORT_GROUP_OF_KIND[row.kind]), ("kind", row.kind)):
            line = sums[key]
            line[0] += 1
            line[1] += row.value_idr
            line[2] += row.value_usd
            line[3].add(row.business_id)
            if row.buyer_id:
                line[4].add(row.buyer_id)
    return sums


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(deals=st.lists(deal, min_size=0, max_size=14), new_rate=st.integers(10_000, 20_000))
def test_every_total_is_the_sum_of_the_live_rows(deals, new_rate):
    UserFactory(is_superuser=True)
    event = ledger_event(status="published")
    ExchangeRate.objects.create(
        event=event, currency="SGD", idr_per_unit="11900.5", rate_date=date(2027, 8, 1), source="BI"
    )
    ExchangeRate.objects.create(
        event=event, currency="JPY", idr_per_unit="107.25", rate_date=date(2027, 8, 1), source="BI"
    )
    association = AssociationFactory()
    businesses = [exhibiting_business(event, association=association) for _ in range(4)]
    buyers = [participating_buyer(event) for _ in range(3)]
    first_day = date(2027, 8, 12)
    for d in deals:
        whole = d["currency"] in ("IDR", "JPY")
        value = (
            Decimal(d["value"])
            if whole
            else Decimal(d["value"] % 10_000_000) + Decimal(d["cents"]) / 100
        )
        if value <= 0:
            value = Decimal(1)
        row = transaction_record(
            event=event,
            business=businesses[d["business"]],
            buyer=None if d["kind"] == "retail_sale" and d["buyer"] == 0 else buyers[d["buyer"]],
            kind=d["kind"],
            currency=d["currency"],
            value=value,
            deal_date=first_day + timedelta(days=d["day"]),
            destination_country=d["export"],
            side="desk",
            actor=None,
        )
        if d["then"] == "confirm" and row.buyer_id:
            transaction_confirm(transaction_row=row, actor=None)
        elif d["then"] == "verify":
            transaction_verify(transaction_row=row, actor=None)
        elif d["then"] == "void":
            transaction_void(transaction_row=row, actor=None, reason="entered twice")
        elif d["then"] == "correct":
            transaction_correct(transaction_row=row, actor=None, reason="typo", value=value + 1)

    # A rate changed afterwards changes nothing recorded.
    event.usd_idr_rate = Decimal(new_rate)
    event.save()
    ExchangeRate.objects.filter(event=event).update(idr_per_unit="1")

    rows = list(Transaction.objects.filter(event=event))
    for row in rows:  # the stored conversion is the one made at recording time
        assert row.usd_idr_rate == Decimal("16000.00")
    token_key = api_token_create(ministry=MinistryFactory(), name="test", actor=None)[1]
    client = Client(headers={"authorization": f"Bearer {token_key}"})

    for trust, statuses in Trust.STATUSES.items():
        expected = _independent(rows, statuses)
        ledger_filter = LedgerFilter(event=event, trust=trust)
        summary = ledger_summary(ledger_filter)
        api = client.get("/api/v1/figures/summary", {"edition": event.slug, "trust": trust}).json()
        for group in ReportGroup.values:
            n, idr, usd, umkm, buying = expected[("group", group)]
            figures = summary.groups[group]
            assert (figures.rows, figures.value_idr, figures.value_usd) == (n, idr, usd)
            assert (figures.businesses, figures.buyers) == (len(umkm), len(buying))
            answered = api["groups"][group]
            assert (answered["deals"], answered["value_idr"], Decimal(answered["value_usd"])) == (
                n,
                idr,
                usd,
            )
        for kind in KINDS:
            n, idr, usd, _umkm, _buyers = expected[("kind", kind)]
            assert (summary.kinds[kind].rows, summary.kinds[kind].value_idr) == (n, idr)
        # Every breakdown adds up to the headline, group by group.
        for by in DIMENSIONS:
            lines = ledger_breakdown(ledger_filter, by).lines
            for group in ReportGroup.values:
                assert sum(line.groups[group].value_idr for line in lines) == (
                    summary.groups[group].value_idr
                )
                assert sum(line.groups[group].rows for line in lines) == summary.groups[group].rows
        # Per currency of the deal, in that currency.
        per_currency = defaultdict(Decimal)
        for row in rows:
            if row.status in statuses:
                per_currency[row.currency] += row.value
        lines = ledger_breakdown(ledger_filter, "currency").lines
        assert {line.key: line.value_by_currency[line.key] for line in lines} == dict(per_currency)
        # A filtered summary reads the cells, the headline the party sums: both add up.
        for narrowed in ({"day": first_day}, {"country": "JP"}, {"currency": "USD"}):
            narrow_filter = LedgerFilter(event=event, trust=trust, **narrowed)
            column, value = next(iter(narrowed.items()))
            column = {"day": "deal_date", "country": "destination_country"}.get(column, column)
            subset = [r for r in rows if getattr(r, column) == value]
            expected_narrow = _independent(subset, statuses)
            narrow = ledger_summary(narrow_filter)
            for group in ReportGroup.values:
                n, idr, usd, umkm, buying = expected_narrow[("group", group)]
                got = narrow.groups[group]
                assert (got.rows, got.value_idr, got.value_usd) == (n, idr, usd)
                assert (got.businesses, got.buyers) == (len(umkm), len(buying))
        for kind in KINDS:
            one_kind = ledger_summary(LedgerFilter(event=event, trust=trust, kind=kind))
            assert one_kind.kinds[kind].rows == expected[("kind", kind)][0]
            assert one_kind.businesses == len(expected[("kind", kind)][3])
        # The rows behind the figures are exactly the live rows.
        assert {r.pk for r in ledger_rows(ledger_filter)} == {
            r.pk for r in rows if r.status in statuses
        }

    # Rebuilding the rollup from the rows gives the same cells as the running sums.
    def cells():
        return sorted(
            (c.status, c.kind, c.currency, c.business_id, c.buyer_id, c.rows, c.value_idr)
            for c in LedgerCell.objects.filter(event_id=event.pk, rows__gt=0)
        ) + sorted(
            (p.status, p.kind, p.side, p.party_id, p.rows, p.value_idr, p.value_usd)
            for p in LedgerParty.objects.filter(event_id=event.pk, rows__gt=0)
        )

    running = cells()
    ledger_rebuild(event=event)
    assert cells() == running
