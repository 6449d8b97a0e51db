"""The deal ledger: recording at the edition's rates, confirmation, verification, voiding
and correction, and the refusals that leave the ledger as it was."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.factories import UserFactory
from accounts.models import Role
from accounts.services import role_grant
from events.factories import AssociationFactory, ProgrammeFactory
from events.models import ExchangeRate
from exhibitors.factories import manager_of
from matching.factories import (
    BuyerFactory,
    buyer_account,
    exhibiting_business,
    ledger_event,
    participating_buyer,
)
from matching.models import LedgerCell, Transaction, TransactionStatus
from matching.selectors import LedgerFilter, Trust, history_of, ledger_summary
from matching.services import (
    transaction_confirm,
    transaction_correct,
    transaction_record,
    transaction_verify,
    transaction_void,
)

pytestmark = pytest.mark.django_db
T = TransactionStatus
DAY = date(2027, 8, 12)


@pytest.fixture
def world():
    event = ledger_event()
    business = exhibiting_business(event)
    buyer = participating_buyer(event)
    organizer = UserFactory()
    role_grant(user=organizer, role=Role.ORGANIZER, scope=event)
    return {
        "event": event,
        "business": business,
        "buyer": buyer,
        "exhibitor": manager_of(business),
        "buyer_user": buyer_account(buyer),
        "organizer": organizer,
    }


def record(world, **fields):
    values = {
        "event": world["event"],
        "business": world["business"],
        "buyer": world["buyer"],
        "kind": "purchase_order",
        "currency": "IDR",
        "value": Decimal("15000000"),
        "deal_date": DAY,
        "side": "exhibitor",
        "actor": world["exhibitor"],
    }
    values.update(fields)
    return transaction_record(**values)


def totals(world, trust=Trust.ALL):
    return ledger_summary(LedgerFilter(event=world["event"], trust=trust))


def test_a_deal_in_dollars_stores_both_values_at_the_editions_rate(world):
    row = record(world, currency="USD", value="1250.50")
    assert row.value_idr == 20_008_000
    assert row.value_usd == Decimal("1250.50")
    assert row.usd_idr_rate == Decimal("16000.00")
    orders = totals(world).groups["orders"]
    assert (orders.rows, orders.value_idr, orders.value_usd) == (1, 20_008_000, Decimal("1250.50"))
    assert (orders.businesses, orders.buyers) == (1, 1)


def test_a_rate_changed_after_the_fact_changes_no_recorded_value(world):
    event = world["event"]
    ExchangeRate.objects.create(
        event=event, currency="SGD", idr_per_unit="12000", rate_date=DAY, source="BI"
    )
    row = record(world, currency="SGD", value="100")
    event.usd_idr_rate = Decimal("17000")
    event.save()
    ExchangeRate.objects.filter(event=event).update(idr_per_unit="99999")
    row.refresh_from_db()
    assert (row.value_idr, row.value_usd) == (1_200_000, Decimal("75.00"))
    assert totals(world).groups["orders"].value_idr == 1_200_000


def test_kinds_are_reported_apart(world):
    record(world, kind="retail_sale", buyer=None, value="250000")
    record(world, kind="mou", value="1000000000")
    record(world, kind="potential", value="5000000000")
    record(world, kind="contract", value="40000000")
    groups = totals(world).groups
    assert groups["retail"].value_idr == 250_000
    assert groups["retail"].buyers == 0
    assert groups["orders"].value_idr == 40_000_000
    assert groups["mou"].value_idr == 1_000_000_000
    assert groups["potential"].value_idr == 5_000_000_000


def test_the_buyer_confirms_and_the_organizer_verifies(world):
    row = record(world)
    with pytest.raises(PermissionDenied):
        transaction_confirm(transaction_row=row, actor=world["exhibitor"])
    transaction_confirm(transaction_row=row, actor=world["buyer_user"])
    assert totals(world, Trust.CONFIRMED).groups["orders"].rows == 1
    assert totals(world, Trust.VERIFIED).groups["orders"].rows == 0
    with pytest.raises(PermissionDenied):
        transaction_verify(transaction_row=row, actor=world["buyer_user"])
    transaction_verify(transaction_row=row, actor=world["organizer"])
    row.refresh_from_db()
    assert row.status == T.VERIFIED
    assert totals(world, Trust.VERIFIED).groups["orders"].rows == 1
    assert totals(world).groups["orders"].rows == 1


def test_a_verified_row_is_never_edited_only_voided_and_replaced(world):
    row = record(world)
    transaction_verify(transaction_row=row, actor=world["organizer"])
    row.value = Decimal("1")
    with pytest.raises(ValidationError):
        row.save()
    with pytest.raises(PermissionDenied):
        transaction_correct(
            transaction_row=row, actor=world["exhibitor"], reason="typo", value="14000000"
        )
    replacement = transaction_correct(
        transaction_row=row, actor=world["organizer"], reason="PO says 14 juta", value="14000000"
    )
    row.refresh_from_db()
    assert row.status == T.VOID and row.value == Decimal("15000000.00")
    assert replacement.replaces == row and replacement.status == T.RECORDED
    assert [r.pk for r in history_of(row)] == [row.pk, replacement.pk]
    assert totals(world).groups["orders"].value_idr == 14_000_000
    assert Transaction.objects.count() == 2


def test_the_recorder_may_void_its_own_row_until_someone_vouches(world):
    row = record(world)
    with pytest.raises(ValidationError):
        transaction_void(transaction_row=row, actor=world["exhibitor"], reason="  ")
    transaction_void(transaction_row=row, actor=world["exhibitor"], reason="double entry")
    assert totals(world).groups["orders"].rows == 0
    other = record(world)
    transaction_confirm(transaction_row=other, actor=world["buyer_user"])
    with pytest.raises(PermissionDenied):
        transaction_void(transaction_row=other, actor=world["exhibitor"], reason="oops")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"value": "-5"}, "value"),
        ({"value": "0"}, "value"),
        ({"value": "abc"}, "value"),
        ({"value": "NaN"}, "value"),
        ({"value": "1e30"}, "value"),
        ({"value": "100.5"}, "value"),  # half a rupiah
        ({"currency": "XYZ"}, "currency"),
        ({"currency": "SGD"}, "currency"),  # no rate recorded
        ({"kind": "gift"}, "kind"),
        ({"buyer": None}, "buyer"),
        ({"destination_country": "ID"}, "destination_country"),
        ({"destination_country": "ZZ"}, "destination_country"),
        ({"deal_date": date(2030, 1, 1)}, "deal_date"),
        ({"quantity": "-3", "unit": "kg"}, "quantity"),
        ({"quantity": "3"}, "unit"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(world, fields, field):
    with pytest.raises(ValidationError) as error:
        record(world, **fields)
    assert field in error.value.message_dict
    assert Transaction.objects.count() == 0
    assert not LedgerCell.objects.filter(rows__gt=0).exists()


def test_a_deal_with_parties_that_never_took_part_is_refused(world):
    outsider = BuyerFactory()
    with pytest.raises(ValidationError, match="tidak ikut|does not take part"):
        record(world, buyer=outsider, side="desk", actor=world["organizer"])
    stranger = exhibiting_business(ledger_event(), association=AssociationFactory())
    with pytest.raises(ValidationError):
        record(world, business=stranger, side="desk", actor=world["organizer"])
    assert Transaction.objects.count() == 0


def test_nobody_records_for_a_party_it_does_not_act_for(world):
    other_buyer = participating_buyer(world["event"])
    with pytest.raises(PermissionDenied):
        record(world, buyer=other_buyer, side="buyer", actor=world["buyer_user"])
    with pytest.raises(PermissionDenied):
        record(world, side="desk", actor=world["exhibitor"])
    assert Transaction.objects.count() == 0


def test_a_programme_must_support_the_edition(world):
    programme = ProgrammeFactory()
    with pytest.raises(ValidationError) as error:
        record(world, programme=programme)
    assert "programme" in error.value.message_dict
    world["event"].programmes.add(programme)
    world["event"].save()
    assert record(world, programme=programme).programme == programme


def test_an_absurd_value_is_refused(world):
    with pytest.raises(ValidationError):
        record(world, currency="USD", value="99999999999")
    assert Transaction.objects.count() == 0


def test_the_database_refuses_edits_and_deletes_of_ledger_rows(world):
    from django.db import DatabaseError, transaction

    row = record(world)
    for change in ({"value": Decimal("1")}, {"value_idr": 1}, {"business_id": row.business_id + 1}):
        with pytest.raises(DatabaseError), transaction.atomic():
            Transaction.objects.filter(pk=row.pk).update(**change)
    with pytest.raises(DatabaseError), transaction.atomic():
        Transaction.objects.filter(pk=row.pk)._raw_delete(Transaction.objects.db)
    transaction_void(transaction_row=row, actor=world["exhibitor"], reason="double")
    with pytest.raises(DatabaseError), transaction.atomic():
        Transaction.objects.filter(pk=row.pk).update(status=T.RECORDED)
    row.refresh_from_db()
    assert row.value == Decimal("15000000.00") and row.status == T.VOID
