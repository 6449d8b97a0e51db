"""Stripe's webhook: real signatures, stored by id, applied once in any order, re-fetched."""

import time

import pytest
from django.urls import reverse

from exhibitors.models import ApplicationStatus
from payments import gateway
from payments.models import (
    DocumentKind,
    Payment,
    PaymentDocument,
    PaymentLog,
    PaymentStatus,
    Provider,
    Refund,
    RefundStatus,
    StripeEvent,
)
from payments.services import payment_start
from tests.payments.conftest import (
    FEE,
    card_token,
    event_payload,
    localstripe_post,
    signed,
)

pytestmark = pytest.mark.django_db
URL = "/payments/stripe/webhook/"


def post(client, payload: dict, **signing):
    body, header = signed(payload, **signing)
    return client.post(
        URL, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )


@pytest.fixture
def charged(fee_world, stripe_on):
    """A card charged at Stripe whose answer never reached Pameran (the browser closed)."""
    payment = payment_start(
        purpose="booth_fee",
        subject_id=fee_world.application.pk,
        provider=Provider.STRIPE,
        actor=fee_world.owner,
    )
    intent = gateway.card_payment(
        reference=payment.reference,
        amount=payment.amount_due,
        token=card_token(stripe_on),
        email="",
        description=payment.description,
    )
    Payment.objects.filter(pk=payment.pk).update(stripe_payment_intent=intent.id)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    return payment, intent


def test_the_webhook_url_is_reversible():
    assert reverse("stripe_webhook") == URL


def test_a_bad_signature_is_refused_and_changes_nothing(client, charged, stripe_on):
    payment, intent = charged
    payload = event_payload("evt_forged", "payment_intent.succeeded", {"id": intent.id})
    for signing in ({"secret": "whsec_someone_else"}, {"at": int(time.time()) - 3600}):
        assert post(client, payload, **signing).status_code == 400
    unsigned = client.post(URL, data=b"{}", content_type="application/json")
    assert unsigned.status_code == 400
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    assert not StripeEvent.objects.exists()


def test_succeeded_confirms_the_booth_and_ten_repeats_apply_once(
    client, charged, fee_world, stripe_on
):
    payment, intent = charged
    payload = event_payload("evt_paid_1", "payment_intent.succeeded", {"id": intent.id})
    answers = [post(client, payload) for _ in range(10)]
    assert {a.status_code for a in answers} == {200}
    assert "already applied" in answers[-1].content.decode()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    fee_world.application.refresh_from_db()
    assert fee_world.application.status == ApplicationStatus.CONFIRMED
    stored = StripeEvent.objects.get()
    assert (stored.times_received, stored.payment_id) == (10, payment.pk)
    assert PaymentLog.objects.filter(payment=payment, kind="succeeded").count() == 1
    assert PaymentDocument.objects.filter(payment=payment, kind=DocumentKind.RECEIPT).count() == 1


def test_the_payload_is_not_trusted_the_object_is_fetched(client, charged, stripe_on):
    payment, intent = charged
    forged = {"id": intent.id, "status": "canceled", "amount": 1, "currency": "usd"}
    assert (
        post(client, event_payload("evt_lie", "payment_intent.canceled", forged)).status_code == 200
    )
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED  # Stripe says it succeeded: it did
    assert not payment.needs_attention  # and for the amount due, in rupiah


def test_a_failure_arriving_after_the_success_changes_nothing(client, charged, stripe_on):
    payment, intent = charged
    assert (
        post(
            client, event_payload("evt_a", "payment_intent.succeeded", {"id": intent.id})
        ).status_code
        == 200
    )
    late = event_payload("evt_b", "payment_intent.payment_failed", {"id": intent.id})
    assert post(client, late).status_code == 200
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert StripeEvent.objects.filter(processed_at__isnull=False).count() == 2


def test_an_event_for_an_unknown_object_is_stored_and_answered(client, stripe_on):
    intent = localstripe_post(
        stripe_on,
        "/v1/payment_intents",
        {"amount": "5000", "currency": "idr", "payment_method": "pm_card_visa", "confirm": "true"},
    )
    answer = post(client, event_payload("evt_other", "payment_intent.succeeded", intent))
    assert answer.status_code == 200
    assert "no payment of ours" in answer.content.decode()
    assert StripeEvent.objects.get().outcome == "no payment of ours"
    assert not Payment.objects.exists()


def test_an_event_type_we_do_not_handle_is_stored_as_ignored(client, stripe_on):
    answer = post(client, event_payload("evt_x", "customer.created", {"id": "cus_123"}))
    assert answer.status_code == 200
    assert StripeEvent.objects.get().outcome == "ignored"


def test_a_refund_made_in_stripe_s_dashboard_is_recorded_and_undoes_the_booth(
    client, charged, fee_world, stripe_on
):
    payment, intent = charged
    post(client, event_payload("evt_paid", "payment_intent.succeeded", {"id": intent.id}))
    localstripe_post(stripe_on, "/v1/refunds", {"payment_intent": intent.id})
    charge_id = gateway.intent(intent.id).latest_charge
    charge_id = charge_id if isinstance(charge_id, str) else charge_id.id
    for _ in range(2):  # sent twice: recorded once
        assert (
            post(client, event_payload("evt_ref", "charge.refunded", {"id": charge_id})).status_code
            == 200
        )
    refund = Refund.objects.get()
    assert (refund.amount, refund.status) == (FEE, RefundStatus.SUCCEEDED)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED
    fee_world.application.refresh_from_db()
    assert fee_world.application.status == ApplicationStatus.CANCELLED


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_localstripe_delivers_its_own_signed_webhook(live_server, fee_world, stripe_on, settings):
    """End to end: localstripe signs and posts payment_intent.succeeded to our endpoint."""
    localstripe_post(
        stripe_on,
        "/_config/webhooks/pameran",
        {"url": f"{live_server.url}{URL}", "secret": settings.STRIPE_WEBHOOK_SECRET},
    )
    payment = payment_start(
        purpose="booth_fee",
        subject_id=fee_world.application.pk,
        provider=Provider.STRIPE,
        actor=fee_world.owner,
    )
    intent = gateway.card_payment(
        reference=payment.reference,
        amount=payment.amount_due,
        token=card_token(stripe_on),
        email="",
        description=payment.description,
    )
    Payment.objects.filter(pk=payment.pk).update(stripe_payment_intent=intent.id)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if StripeEvent.objects.filter(
            type="payment_intent.succeeded", processed_at__isnull=False
        ).exists():
            break
        time.sleep(0.2)
    stored = StripeEvent.objects.get(type="payment_intent.succeeded")
    assert stored.processed_at is not None, stored.outcome
    payment.refresh_from_db()
    assert stored.payment_id == payment.pk, stored.outcome
    assert payment.status == PaymentStatus.SUCCEEDED
