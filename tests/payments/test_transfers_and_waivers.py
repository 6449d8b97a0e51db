"""Bank transfers with unique codes, waivers, lapsed payments and gapless numbering."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.factories import UserFactory
from booths.models import Allocation, AllocationKind, AllocationStatus
from exhibitors.models import ApplicationStatus
from payments.models import (
    DocumentKind,
    Payment,
    PaymentDocument,
    PaymentStatus,
    Provider,
    Waiver,
)
from payments.services import (
    document_issue,
    payment_mark_received,
    payment_start,
    payments_expire,
    waiver_grant,
)
from tests.booths.test_holds import approved
from tests.payments.conftest import FEE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english(english):
    """The messages are matched in English here; Indonesian is the default."""


def start_transfer(world, application=None, owner=None):
    return payment_start(
        purpose="booth_fee",
        subject_id=(application or world.application).pk,
        provider=Provider.BANK_TRANSFER,
        actor=owner or world.owner,
    )


def test_a_transfer_shows_a_unique_amount_and_an_invoice(fee_world):
    payment = start_transfer(fee_world)
    assert 1 <= payment.unique_code <= 999
    assert payment.amount_due == FEE + payment.unique_code
    invoice = PaymentDocument.objects.get(payment=payment, kind=DocumentKind.INVOICE)
    assert invoice.display_number == f"INV/{fee_world.plan['event'].year}/00001"
    assert invoice.amount == payment.amount_due
    fee_world.hold.refresh_from_db()
    assert fee_world.hold.held_until >= payment.expires_at  # held while the transfer comes


def test_two_waiting_transfers_never_share_a_unique_code(fee_world):
    other, owner = approved(fee_world.plan)
    from booths.services import booth_hold

    booth_hold(booth=fee_world.plan["booths"][1], application=other, actor=owner)
    first = start_transfer(fee_world)
    second = start_transfer(fee_world, other, owner)
    assert first.unique_code != second.unique_code


def test_the_organizer_marks_it_received_and_the_booth_is_confirmed(fee_world):
    payment = start_transfer(fee_world)
    paid = payment_mark_received(
        payment=payment, transfer_date=date.today(), actor=fee_world.organizer
    )
    assert paid.status == PaymentStatus.SUCCEEDED
    assert paid.received_by == fee_world.organizer
    fee_world.application.refresh_from_db()
    assert fee_world.application.status == ApplicationStatus.CONFIRMED
    assert Allocation.objects.get(application=fee_world.application, status="active").kind == (
        AllocationKind.ASSIGNMENT
    )
    with pytest.raises(ValidationError, match="already"):
        payment_mark_received(
            payment=payment, transfer_date=date.today(), actor=fee_world.organizer
        )
    assert PaymentDocument.objects.filter(payment=payment, kind=DocumentKind.RECEIPT).count() == 1


def test_a_transfer_dated_tomorrow_or_by_someone_else_changes_nothing(fee_world):
    payment = start_transfer(fee_world)
    with pytest.raises(ValidationError):
        payment_mark_received(
            payment=payment,
            transfer_date=timezone.localdate() + timedelta(days=1),
            actor=fee_world.organizer,
        )
    for stranger in (fee_world.owner, UserFactory()):
        with pytest.raises(PermissionDenied):
            payment_mark_received(payment=payment, transfer_date=date.today(), actor=stranger)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_choosing_the_card_after_a_transfer_cancels_the_transfer_not_the_booth(
    fee_world, stripe_on
):
    transfer = start_transfer(fee_world)
    card = payment_start(
        purpose="booth_fee",
        subject_id=fee_world.application.pk,
        provider=Provider.STRIPE,
        actor=fee_world.owner,
    )
    transfer.refresh_from_db()
    assert transfer.status == PaymentStatus.CANCELLED
    assert card.status == PaymentStatus.PENDING
    fee_world.hold.refresh_from_db()
    assert fee_world.hold.status == AllocationStatus.ACTIVE


def test_an_unpaid_transfer_lapses_and_frees_the_booth(fee_world):
    payment = start_transfer(fee_world)
    assert payments_expire(now=payment.expires_at - timedelta(seconds=1)) == 0
    assert payments_expire(now=payment.expires_at) == 1
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CANCELLED
    fee_world.hold.refresh_from_db()
    assert fee_world.hold.status == AllocationStatus.EXPIRED


def test_a_waiver_confirms_the_booth_and_leaves_nothing_to_pay(fee_world):
    waiting = start_transfer(fee_world)
    waiver = waiver_grant(
        purpose="booth_fee",
        subject_id=fee_world.application.pk,
        sponsor="Kementerian UMKM",
        reason="Program UMKM binaan",
        actor=fee_world.organizer,
    )
    assert waiver.amount == FEE
    waiting.refresh_from_db()
    assert waiting.status == PaymentStatus.CANCELLED
    fee_world.application.refresh_from_db()
    assert fee_world.application.status == ApplicationStatus.CONFIRMED
    with pytest.raises(ValidationError, match="waived"):
        start_transfer(fee_world)
    with pytest.raises(ValidationError, match="waived already"):
        waiver_grant(
            purpose="booth_fee",
            subject_id=fee_world.application.pk,
            sponsor="Lagi",
            reason="Lagi",
            actor=fee_world.organizer,
        )


def test_a_waiver_needs_a_sponsor_a_reason_and_an_organizer(fee_world):
    for sponsor, reason, actor in (
        ("", "Program", fee_world.organizer),
        ("Kementerian", " ", fee_world.organizer),
        ("Kementerian", "Program", fee_world.owner),
    ):
        with pytest.raises((ValidationError, PermissionDenied)):
            waiver_grant(
                purpose="booth_fee",
                subject_id=fee_world.application.pk,
                sponsor=sponsor,
                reason=reason,
                actor=actor,
            )
    assert not Waiver.objects.exists()
    fee_world.application.refresh_from_db()
    assert fee_world.application.status == ApplicationStatus.APPROVED


def test_nothing_to_pay_without_a_booth_or_for_a_stranger(fee_world):
    other, owner = approved(fee_world.plan)
    with pytest.raises(ValidationError, match="Pick a booth"):
        start_transfer(fee_world, other, owner)
    with pytest.raises(PermissionDenied):
        start_transfer(fee_world, owner=UserFactory())
    with pytest.raises(ValidationError, match="Unknown payment purpose"):
        payment_start(purpose="nope", subject_id=1, provider="bank_transfer", actor=None)
    assert not Payment.objects.exists()


def test_numbers_have_no_gaps_even_when_a_transaction_rolls_back(fee_world):
    payment = start_transfer(fee_world)  # invoice 1
    try:
        with transaction.atomic():
            document_issue(payment=payment, kind=DocumentKind.RECEIPT)  # would be receipt 1
            raise RuntimeError("the server fell over")
    except RuntimeError:
        pass
    payment_mark_received(payment=payment, transfer_date=date.today(), actor=fee_world.organizer)
    numbers = sorted(PaymentDocument.objects.values_list("kind", "number"))
    assert numbers == [(DocumentKind.INVOICE, 1), (DocumentKind.RECEIPT, 1)]
