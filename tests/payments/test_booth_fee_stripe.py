"""Booth fees by card, through the real ``stripe`` library against localstripe over HTTP."""

import json
import urllib.request

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from booths.models import Allocation, AllocationKind, AllocationStatus
from exhibitors.models import ApplicationStatus
from exhibitors.services import application_withdraw
from payments import gateway
from payments.models import (
    DocumentKind,
    Payment,
    PaymentDocument,
    PaymentLog,
    PaymentStatus,
    Provider,
)
from payments.services import (
    payment_pay_by_card,
    payment_refresh,
    payment_start,
    refund_request,
)
from tests.payments.conftest import FEE, card_token, localstripe_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english(english):
    """The messages are matched in English here; Indonesian is the default."""


def start_card(world):
    return payment_start(
        purpose="booth_fee",
        subject_id=world.application.pk,
        provider=Provider.STRIPE,
        actor=world.owner,
    )


def charges_of(url: str, intent_id: str) -> list:
    request = urllib.request.Request(
        f"{url}/v1/charges?limit=100", headers={"Authorization": "Bearer sk_test_pameran"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        charges = json.loads(response.read())["data"]
    return [charge for charge in charges if charge.get("payment_intent") == intent_id]


def test_a_card_payment_confirms_the_booth_and_emails_a_receipt(
    fee_world, stripe_on, django_capture_on_commit_callbacks
):
    payment = start_card(fee_world)
    assert payment.amount_due == FEE
    with django_capture_on_commit_callbacks(execute=True):
        result = payment_pay_by_card(payment=payment, token=card_token(stripe_on))
    assert result.status == "succeeded"
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    intent = gateway.intent(payment.stripe_payment_intent)
    assert (intent.amount, intent.currency) == (FEE * 100, "idr")  # IDR goes in sen
    fee_world.application.refresh_from_db()
    assert fee_world.application.status == ApplicationStatus.CONFIRMED
    booth = Allocation.objects.get(application=fee_world.application, status="active")
    assert booth.kind == AllocationKind.ASSIGNMENT
    receipt = PaymentDocument.objects.get(payment=payment, kind=DocumentKind.RECEIPT)
    assert receipt.display_number.startswith("KWT/")
    assert [m.to for m in mail.outbox if "Kuitansi" in m.subject or "Receipt" in m.subject] == [
        [fee_world.owner.email]
    ]
    sent = next(m for m in mail.outbox if m.attachments)
    assert sent.attachments[0][2] == "application/pdf"


def test_a_double_click_opens_one_payment_and_charges_once(fee_world, stripe_on):
    first, second = start_card(fee_world), start_card(fee_world)
    assert first.pk == second.pk
    one = payment_pay_by_card(payment=first, token=card_token(stripe_on))
    two = payment_pay_by_card(payment=second, token=card_token(stripe_on))
    assert one.status == two.status == "succeeded"
    first.refresh_from_db()
    assert len(charges_of(stripe_on, first.stripe_payment_intent)) == 1
    assert Payment.objects.count() == 1
    assert PaymentDocument.objects.filter(kind=DocumentKind.RECEIPT).count() == 1


def test_a_declined_card_fails_keeps_the_booth_and_may_be_tried_again(fee_world, stripe_on):
    payment = start_card(fee_world)
    result = payment_pay_by_card(payment=payment, token=card_token(stripe_on, "4000000000000002"))
    assert result.status == "failed"
    assert result.message
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED
    fee_world.hold.refresh_from_db()
    assert fee_world.hold.status == AllocationStatus.ACTIVE  # still held for another try
    again = start_card(fee_world)
    assert again.pk != payment.pk
    assert payment_pay_by_card(payment=again, token=card_token(stripe_on)).status == "succeeded"


def test_three_d_secure_completes_in_the_browser_then_the_page_sees_it(fee_world, stripe_on):
    payment = start_card(fee_world)
    result = payment_pay_by_card(payment=payment, token=card_token(stripe_on, "4000002500003155"))
    assert result.status == "requires_action"
    assert result.client_secret.startswith(result.payment.stripe_payment_intent)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    # What the fake Stripe.js does when the payer completes the 3-D Secure step:
    request = urllib.request.Request(
        f"{stripe_on}/v1/payment_intents/{payment.stripe_payment_intent}/_authenticate"
        "?success=true",
        data=json.dumps({"key": "pk_test_pameran", "client_secret": result.client_secret}).encode(),
        method="POST",
    )
    urllib.request.urlopen(request, timeout=10).close()
    assert payment_refresh(payment=payment).status == PaymentStatus.SUCCEEDED


def test_the_amount_is_the_server_s_whatever_the_browser_sends(fee_world, stripe_on, client):
    payment = start_card(fee_world)
    client.force_login(fee_world.owner)
    response = client.post(
        reverse("payments:card", args=[payment.reference]),
        data=json.dumps({"token": card_token(stripe_on), "amount": 1000}),
        content_type="application/json",
    )
    assert response.json()["status"] == "succeeded"
    payment.refresh_from_db()
    assert gateway.intent(payment.stripe_payment_intent).amount == FEE * 100


def test_a_made_up_token_is_refused_with_a_message_and_nothing_changes(
    fee_world, stripe_on, client
):
    payment = start_card(fee_world)
    client.force_login(fee_world.owner)
    url = reverse("payments:card", args=[payment.reference])
    for body in ('{"token": "not-a-token"}', "not json", '{"token": ["tok_x"]}'):
        response = client.post(url, data=body, content_type="application/json")
        assert response.status_code == 400
        assert response.json()["message"]
    payment.refresh_from_db()
    assert (payment.status, payment.stripe_payment_intent) == (PaymentStatus.PENDING, "")


def test_a_payment_for_an_application_withdrawn_meanwhile_is_flagged_not_applied(
    fee_world, stripe_on
):
    payment = start_card(fee_world)
    application_withdraw(application=fee_world.application, actor=fee_world.owner)
    payment_pay_by_card(payment=payment, token=card_token(stripe_on))
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED  # the money came: it is recorded
    assert payment.needs_attention
    assert "refund" in payment.attention_note
    fee_world.application.refresh_from_db()
    assert fee_world.application.status == ApplicationStatus.WITHDRAWN
    assert PaymentLog.objects.filter(payment=payment, kind="attention").exists()


def test_a_full_refund_cancels_the_application_and_frees_the_booth(fee_world, stripe_on):
    payment = start_card(fee_world)
    payment_pay_by_card(payment=payment, token=card_token(stripe_on))
    payment.refresh_from_db()
    refund_request(payment=payment, amount=FEE, reason="Stan dibatalkan", actor=fee_world.organizer)
    payment.refresh_from_db()
    assert (payment.status, payment.amount_refunded) == (PaymentStatus.REFUNDED, FEE)
    fee_world.application.refresh_from_db()
    assert fee_world.application.status == ApplicationStatus.CANCELLED
    assert not Allocation.objects.filter(application=fee_world.application, status="active")


def test_a_partial_refund_keeps_the_booth(fee_world, stripe_on):
    payment = start_card(fee_world)
    payment_pay_by_card(payment=payment, token=card_token(stripe_on))
    payment.refresh_from_db()
    refund_request(payment=payment, amount=500_000, reason="Potongan", actor=fee_world.organizer)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PARTLY_REFUNDED
    assert payment.refundable == FEE - 500_000
    fee_world.application.refresh_from_db()
    assert fee_world.application.status == ApplicationStatus.CONFIRMED
    with pytest.raises(ValidationError):  # more than is left
        refund_request(payment=payment, amount=FEE, reason="Lagi", actor=fee_world.organizer)
    payment.refresh_from_db()
    assert payment.amount_refunded == 500_000


def test_without_stripe_keys_there_is_no_card_payment(fee_world, settings):
    settings.STRIPE_SECRET_KEY = ""
    with pytest.raises(ValidationError, match="bank transfer"):
        start_card(fee_world)
    assert not Payment.objects.exists()


def test_localstripe_is_a_real_server(stripe_on):
    made = localstripe_post(stripe_on, "/v1/customers", {"email": "a@example.id"})
    assert made["id"].startswith("cus_")
