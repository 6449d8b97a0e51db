"""The few Stripe calls Pameran makes, through the official ``stripe`` library.

Amounts go to Stripe in sen (IDR is a two-decimal currency in Stripe's API), while
Pameran keeps whole rupiah. ``STRIPE_API_BASE`` points the client at another server
(localstripe in tests); without ``STRIPE_SECRET_KEY`` card payments are off.
"""

from __future__ import annotations

import stripe
from django.conf import settings

CURRENCY = "idr"
SEN_PER_RUPIAH = 100


class GatewayError(Exception):
    """Stripe refused or could not be reached; ``user_message`` is safe to show."""

    def __init__(self, message: str, *, user_message: str = "", code: str = ""):
        super().__init__(message)
        self.user_message = user_message
        self.code = code


def enabled() -> bool:
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY)


def js_url() -> str:
    base = settings.STRIPE_API_BASE.rstrip("/")
    return f"{base}/js.stripe.com/v3/" if base else "https://js.stripe.com/v3/"


def client() -> stripe.StripeClient:
    options = {"max_network_retries": 2}
    if settings.STRIPE_API_BASE:
        options["base_addresses"] = {"api": settings.STRIPE_API_BASE.rstrip("/")}
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, **options)


def to_sen(rupiah: int) -> int:
    return rupiah * SEN_PER_RUPIAH


def to_rupiah(sen: int) -> int:
    return sen // SEN_PER_RUPIAH


def _call(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except stripe.CardError as error:
        raise GatewayError(
            str(error), user_message=error.user_message or "", code=error.code or "card"
        ) from error
    except stripe.StripeError as error:
        raise GatewayError(str(error), code=getattr(error, "code", "") or "stripe") from error


def card_payment(*, reference: str, amount: int, token: str, email: str, description: str):
    """Charge the card behind ``token`` (from Stripe.js) once for this reference.

    The card is saved on a customer, whose card id pays the PaymentIntent (real Stripe and
    localstripe both take it). The idempotency keys make a retried call the same call.
    """
    api = client().v1
    customer = _call(
        api.customers.create,
        params={"source": token, "email": email or None, "description": reference},
        options={"idempotency_key": f"pameran-customer-{reference}-{token}"},
    )
    return _call(
        api.payment_intents.create,
        params={
            "amount": to_sen(amount),
            "currency": CURRENCY,
            "customer": customer.id,
            "payment_method": customer.default_source,
            "confirm": True,
            "metadata": {"pameran_reference": reference},
        },
        options={"idempotency_key": f"pameran-intent-{reference}"},
    )


def intent(intent_id: str):
    return _call(client().v1.payment_intents.retrieve, intent_id)


def cancel_intent(intent_id: str):
    return _call(client().v1.payment_intents.cancel, intent_id)


def charge(charge_id: str):
    return _call(client().v1.charges.retrieve, charge_id)


def refund(*, intent_id: str, amount: int, key: str):
    return _call(
        client().v1.refunds.create,
        params={"payment_intent": intent_id, "amount": to_sen(amount)},
        options={"idempotency_key": f"pameran-refund-{key}"},
    )


def refunds_of(intent_id: str) -> list:
    listed = _call(client().v1.refunds.list, params={"payment_intent": intent_id, "limit": 100})
    return list(listed.data)


def succeeded_intents(limit: int = 100) -> list:
    """Recent PaymentIntents, for reconciliation (localstripe lists them all)."""
    listed = _call(client().v1.payment_intents.list, params={"limit": limit})
    return [item for item in listed.data if item.status == "succeeded"]


def verified_event(payload: bytes, signature: str):
    """The event if ``signature`` is Stripe's for ``payload``; raises ValueError otherwise."""
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise ValueError("no webhook secret configured")
    try:
        return stripe.Webhook.construct_event(
            payload, signature, settings.STRIPE_WEBHOOK_SECRET, tolerance=300
        )
    except stripe.SignatureVerificationError as error:
        raise ValueError(str(error)) from error
