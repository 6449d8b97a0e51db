"""Writes for money: start a payment, pay by card, mark a transfer received, waive, refund,
apply Stripe's webhook events, and number invoices and receipts.

Money is never taken twice for one payment: a subject has at most one payment waiting
(a constraint), a payment has at most one PaymentIntent (its row is locked while it is
made, and Stripe's idempotency key repeats the same call), and every change of status is
made on the locked row, so a webhook, a return page and a retry that arrive together
apply once. What a payment is for happens through its purpose (``payments.purposes``),
once, when the payment first becomes paid.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import can
from events.money import format_rupiah

from . import gateway
from .models import (
    PAID_STATUSES,
    DocumentCounter,
    DocumentKind,
    Payment,
    PaymentDocument,
    PaymentLog,
    PaymentStatus,
    Provider,
    Refund,
    RefundStatus,
    StripeEvent,
    Waiver,
)
from .purposes import purpose_for

logger = logging.getLogger(__name__)
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CARD_MINUTES = 30  # a card payment left unfinished is cancelled after this
TRANSFER_HOURS = 48  # a bank transfer must arrive within this
MAX_UNIQUE_CODE = 999


def new_reference() -> str:
    return "P" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(9))


def log(payment: Payment | None, kind: str, message: str, *, actor=None) -> PaymentLog:
    return PaymentLog.objects.create(
        payment=payment, kind=kind, message=str(message)[:500], actor=actor
    )


def _flag(payment: Payment, note: str) -> None:
    """Ask the organizer to look: a payment that cannot do what it was for, paid twice…"""
    payment.attention_note = f"{payment.attention_note}\n{note}".strip()
    payment.needs_attention = True
    Payment.objects.filter(pk=payment.pk).update(
        needs_attention=True, attention_note=payment.attention_note
    )
    log(payment, "attention", note)


def _locked(payment: Payment) -> Payment:
    return Payment.objects.select_for_update().select_related("event").get(pk=payment.pk)


def _queue(task: str, *args) -> None:
    from . import tasks

    getattr(tasks, task).delay(*args)


# --- starting ------------------------------------------------------------------------------


def _unique_code(event_id: int) -> int:
    """A code from 1 to 999 no other waiting transfer of the edition uses."""
    taken = set(
        Payment.objects.filter(
            event_id=event_id, provider=Provider.BANK_TRANSFER, status=PaymentStatus.PENDING
        ).values_list("unique_code", flat=True)
    )
    free = [code for code in range(1, MAX_UNIQUE_CODE + 1) if code not in taken]
    if not free:
        raise ValidationError(_("Too many transfers are waiting; please pay by card or later."))
    return secrets.choice(free)


def payment_start(
    *, purpose: str, subject_id: int, provider: str, actor, language: str = "id", now=None
) -> Payment:
    """Open (or find) the payment of what ``subject_id`` owes, by card or bank transfer.

    A second call while one is waiting returns it; asking for the other method cancels the
    waiting one first (nothing was paid on it) and opens a new one.
    """
    now = now or timezone.now()
    handler = purpose_for(purpose)
    if actor is not None and not handler.may_pay(actor, subject_id):
        raise PermissionDenied(_("You may not pay for this."))
    if provider not in Provider.values:
        raise ValidationError(_("Choose a way to pay."))
    if provider == Provider.STRIPE and not gateway.enabled():
        raise ValidationError(_("Card payments are not available; please pay by bank transfer."))
    if Waiver.objects.filter(purpose=purpose, subject_id=subject_id).exists():
        raise ValidationError(_("This fee has been waived; there is nothing to pay."))
    if Payment.objects.filter(
        purpose=purpose, subject_id=subject_id, status__in=PAID_STATUSES
    ).exists():
        raise ValidationError(_("This has been paid already."))
    waiting = Payment.objects.filter(
        purpose=purpose, subject_id=subject_id, status=PaymentStatus.PENDING
    ).first()
    if waiting is not None:
        if waiting.provider == provider:
            return waiting
        payment_cancel(
            payment=waiting, actor=None, reason=_("Another way to pay was chosen."), release=False
        )
    due = handler.due(subject_id)
    if due.amount <= 0:
        raise ValidationError(_("There is nothing to pay."))
    window = (
        timedelta(minutes=CARD_MINUTES)
        if provider == Provider.STRIPE
        else timedelta(hours=TRANSFER_HOURS)
    )
    expires_at = now + window
    if due.pay_before is not None:  # a deadline of the purpose's own (e.g. the edition's)
        expires_at = min(expires_at, due.pay_before)
        if expires_at <= now:
            raise ValidationError(_("The time to pay for this has passed."))
    # Paying another way keeps who was paying.
    payer = actor if getattr(actor, "pk", None) else getattr(waiting, "payer", None)
    payer_name = (
        getattr(actor, "full_name", "") or getattr(waiting, "payer_name", "") or due.payer_name
    )[:150]
    payer_email = (
        getattr(actor, "email", "") or getattr(waiting, "payer_email", "") or due.payer_email
    )
    try:
        with transaction.atomic():
            payment = Payment.objects.create(
                event=due.event,
                purpose=purpose,
                subject_id=subject_id,
                reference=new_reference(),
                description=due.description[:200],
                amount=due.amount,
                unique_code=_unique_code(due.event.pk) if provider == Provider.BANK_TRANSFER else 0,
                provider=provider,
                payer=payer,
                payer_name=payer_name,
                payer_email=payer_email,
                language=language if language in ("id", "en") else "id",
                created_at=now,
                expires_at=expires_at,
            )
            log(
                payment,
                "created",
                _("Payment opened: %(method)s.") % {"method": payment.get_provider_display()},
                actor=actor if getattr(actor, "pk", None) else None,
            )
            if provider == Provider.BANK_TRANSFER:
                document_issue(payment=payment, kind=DocumentKind.INVOICE)
            if handler.started is not None:
                handler.started(subject_id, payment)
    except IntegrityError:
        # A double click: the other request opened it a moment ago.
        waiting = Payment.objects.filter(
            purpose=purpose, subject_id=subject_id, status=PaymentStatus.PENDING
        ).first()
        if waiting is None:
            raise
        return waiting
    return payment


# --- card ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CardResult:
    payment: Payment
    # "succeeded", "requires_action" (3-D Secure in the browser), "failed" or "processing"
    status: str
    client_secret: str = ""
    message: str = ""


def payment_pay_by_card(*, payment: Payment, token: str, actor=None) -> CardResult:
    """Charge the card behind ``token`` for ``payment``: once, whatever repeats."""
    token = (token or "").strip()
    if not token.startswith("tok_") or len(token) > 100:
        raise ValidationError(_("The card could not be read. Please enter it again."))
    with transaction.atomic():
        locked = _locked(payment)
        if locked.provider != Provider.STRIPE:
            raise ValidationError(_("This payment is not a card payment."))
        if locked.status != PaymentStatus.PENDING:
            return CardResult(locked, "succeeded" if locked.is_paid else "failed")
        if locked.stripe_payment_intent:  # a second click while the first is under way
            intent = gateway.intent(locked.stripe_payment_intent)
        else:
            try:
                intent = gateway.card_payment(
                    reference=locked.reference,
                    amount=locked.amount_due,
                    token=token,
                    email=locked.payer_email,
                    description=locked.description,
                )
            except gateway.GatewayError as error:
                message = error.user_message or _("The card was not accepted.")
                locked.status = PaymentStatus.FAILED
                locked.last_error = message[:300]
                locked.closed_at = timezone.now()
                locked.save(update_fields=["status", "last_error", "closed_at"])
                log(locked, "failed", f"{message} ({error.code})")
                return CardResult(locked, "failed", message=message)
            locked.stripe_payment_intent = intent.id
            locked.save(update_fields=["stripe_payment_intent"])
            log(locked, "intent", _("Card payment sent to Stripe (%(id)s).") % {"id": intent.id})
    synced = payment_sync_intent(intent)
    status = {"succeeded": "succeeded", "requires_action": "requires_action"}.get(
        intent.status, "failed" if intent.status == "requires_payment_method" else "processing"
    )
    message = _plain(getattr(intent, "last_payment_error", None)).get("message", "")
    return CardResult(
        synced or payment,
        status,
        client_secret=intent.client_secret if status == "requires_action" else "",
        message=message or "",
    )


def payment_refresh(*, payment: Payment) -> Payment:
    """Ask Stripe where the payment stands (after 3-D Secure, or when a webhook is late)."""
    if payment.provider != Provider.STRIPE or not payment.stripe_payment_intent:
        return payment
    return payment_sync_intent(gateway.intent(payment.stripe_payment_intent)) or payment


def payment_sync_intent(intent) -> Payment | None:
    """Bring the payment of a PaymentIntent (as fetched from Stripe) to the intent's state."""
    payment = Payment.objects.filter(stripe_payment_intent=intent.id).first()
    if payment is None:
        reference = _plain(getattr(intent, "metadata", None)).get("pameran_reference", "")
        payment = Payment.objects.filter(reference=reference).first() if reference else None
        if payment is None:
            return None
    charge_id = _id_of(getattr(intent, "latest_charge", None))
    if intent.status == "succeeded":
        if gateway.to_rupiah(intent.amount) != payment.amount_due or intent.currency != "idr":
            _flag(
                payment,
                _("Stripe took %(amount)s %(currency)s, not the amount due.")
                % {"amount": intent.amount, "currency": intent.currency},
            )
        return _succeed(payment, charge=charge_id, message=_("Paid by card."))
    if intent.status == "canceled":
        return _close(payment, PaymentStatus.CANCELLED, _("Stripe cancelled the payment."))
    if intent.status == "requires_payment_method" and charge_id:
        message = _plain(getattr(intent, "last_payment_error", None)).get("message", "")
        return _close(payment, PaymentStatus.FAILED, message or _("The card was declined."))
    return payment


def _plain(stripe_object) -> dict:
    """A Stripe object's fields as a dict (StripeObject refuses ``.get``)."""
    if stripe_object is None:
        return {}
    if hasattr(stripe_object, "to_dict"):
        return stripe_object.to_dict()
    return dict(stripe_object)


# --- bank transfer -------------------------------------------------------------------------


def payment_mark_received(*, payment: Payment, transfer_date: date, actor, now=None) -> Payment:
    """The organizer found the transfer on the bank statement."""
    now = now or timezone.now()
    if actor is not None and not can(actor, "payments.receive_payment", payment):
        raise PermissionDenied(_("You may not record transfers for this edition."))
    if payment.provider != Provider.BANK_TRANSFER:
        raise ValidationError(_("Only bank transfers are marked received by hand."))
    if transfer_date is None or transfer_date > timezone.localdate(now):
        raise ValidationError({"transfer_date": _("Give the date of the transfer (not later).")})
    with transaction.atomic():
        locked = _locked(payment)
        if locked.is_paid or locked.status == PaymentStatus.REFUNDED:
            raise ValidationError(_("This transfer was recorded already."))
        locked.transfer_date = transfer_date
        locked.received_by = actor
        locked.save(update_fields=["transfer_date", "received_by"])
        return _succeed(
            locked,
            message=_("Transfer of %(date)s recorded.") % {"date": transfer_date.isoformat()},
            actor=actor,
        )


# --- the common end of every way to pay ----------------------------------------------------


def _succeed(payment: Payment, *, charge: str = "", message: str, actor=None) -> Payment:
    with transaction.atomic():
        locked = _locked(payment)
        if locked.is_paid or locked.status == PaymentStatus.REFUNDED:
            return locked  # applied before: a repeated webhook, a reload of the result page
        was = locked.status
        locked.status = PaymentStatus.SUCCEEDED
        locked.succeeded_at = timezone.now()
        if charge:
            locked.stripe_charge = charge
        locked.save(update_fields=["status", "succeeded_at", "stripe_charge"])
        log(locked, "succeeded", message, actor=actor)
        if was != PaymentStatus.PENDING:
            _flag(locked, _("Paid although it was %(status)s before.") % {"status": was})
        document_issue(payment=locked, kind=DocumentKind.RECEIPT)
        others = Payment.objects.filter(
            purpose=locked.purpose, subject_id=locked.subject_id, status__in=PAID_STATUSES
        ).exclude(pk=locked.pk)
        if (
            others.exists()
            or Waiver.objects.filter(purpose=locked.purpose, subject_id=locked.subject_id).exists()
        ):
            _flag(locked, _("Paid twice (or paid after a waiver): refund this payment."))
        else:
            try:
                with transaction.atomic():
                    purpose_for(locked.purpose).paid(locked.subject_id, locked)
            except ValidationError as error:
                _flag(locked, " ".join(error.messages))
        transaction.on_commit(lambda: _queue("send_receipt", locked.pk))
    return locked


def _close(
    payment: Payment, status: str, message: str, *, actor=None, release: bool = True
) -> Payment:
    with transaction.atomic():
        locked = _locked(payment)
        if locked.status != PaymentStatus.PENDING:
            return locked
        locked.status = status
        locked.closed_at = timezone.now()
        if status == PaymentStatus.FAILED:
            locked.last_error = str(message)[:300]
        locked.save(update_fields=["status", "closed_at", "last_error"])
        log(locked, status, message, actor=actor)
        if status == PaymentStatus.CANCELLED and release:
            _lapse(locked)  # a failed card may be tried again while the booth is still held
    return locked


def _lapse(payment: Payment) -> None:
    handler = purpose_for(payment.purpose)
    if handler.lapsed is not None:
        handler.lapsed(payment.subject_id, payment)


def payment_cancel(*, payment: Payment, actor, reason: str, release: bool = True) -> Payment:
    """Give up a waiting payment; unless another one follows (``release=False``), what it
    held is released."""
    if actor is not None and not (
        can(actor, "payments.change_payment", payment) or payment.payer_id == actor.pk
    ):
        raise PermissionDenied(_("You may not cancel this payment."))
    if payment.stripe_payment_intent:
        intent = gateway.intent(payment.stripe_payment_intent)
        if intent.status == "succeeded":
            return payment_sync_intent(intent) or payment
        if intent.status != "canceled":
            gateway.cancel_intent(payment.stripe_payment_intent)
    return _close(
        payment, PaymentStatus.CANCELLED, reason or _("Cancelled."), actor=actor, release=release
    )


def payments_expire(*, now=None) -> int:
    """Cancel waiting payments past their time (what they held is released)."""
    now = now or timezone.now()
    count = 0
    overdue = Payment.objects.filter(status=PaymentStatus.PENDING, expires_at__lte=now)
    for payment in overdue.order_by("pk"):
        try:
            payment_cancel(payment=payment, actor=None, reason=_("Not paid in time."))
        except gateway.GatewayError:
            logger.warning("Could not cancel %s at Stripe; trying again later.", payment)
            continue
        count += 1
    return count


# --- waivers -------------------------------------------------------------------------------


def waiver_grant(
    *, purpose: str, subject_id: int, sponsor: str, reason: str, actor, now=None
) -> Waiver:
    """The fee is carried by a sponsor: nothing is charged and the subject is confirmed."""
    handler = purpose_for(purpose)
    if Waiver.objects.filter(purpose=purpose, subject_id=subject_id).exists():
        raise ValidationError(_("This fee has been waived already."))
    if Payment.objects.filter(
        purpose=purpose, subject_id=subject_id, status__in=PAID_STATUSES
    ).exists():
        raise ValidationError(_("This has been paid already; refund it instead."))
    due = handler.due(subject_id)
    if actor is not None and not can(actor, "payments.add_waiver", Waiver(event=due.event)):
        raise PermissionDenied(_("You may not waive fees for this edition."))
    sponsor, reason = (sponsor or "").strip(), (reason or "").strip()
    if not sponsor or not reason:
        raise ValidationError(_("Say who carries the fee and why."))
    for waiting in Payment.objects.filter(
        purpose=purpose, subject_id=subject_id, status=PaymentStatus.PENDING
    ):
        payment_cancel(payment=waiting, actor=None, reason=_("The fee was waived."), release=False)
    try:
        with transaction.atomic():
            waiver = Waiver.objects.create(
                event=due.event,
                purpose=purpose,
                subject_id=subject_id,
                description=due.description[:200],
                amount=due.amount,
                sponsor=sponsor[:150],
                reason=reason[:300],
                granted_by=actor,
                granted_at=now or timezone.now(),
            )
            handler.paid(subject_id, None)
    except IntegrityError:
        raise ValidationError(_("This fee has been waived already.")) from None
    return waiver


# --- refunds -------------------------------------------------------------------------------


def refund_request(*, payment: Payment, amount: int, reason: str, actor) -> Refund:
    """Give money back, in full or in part; by card through Stripe, by transfer by hand.

    What the payment paid for is undone when a full refund is confirmed.
    """
    if actor is not None and not can(actor, "payments.refund_payment", payment):
        raise PermissionDenied(_("You may not refund payments of this edition."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for the refund.")})
    with transaction.atomic():
        locked = _locked(payment)
        pending = locked.refunds.filter(status=RefundStatus.PENDING)
        left = locked.refundable - sum(r.amount for r in pending)
        if not isinstance(amount, int) or amount <= 0 or amount > left:
            raise ValidationError(
                {"amount": _("Refund between Rp 1 and %(left)s.") % {"left": format_rupiah(left)}}
            )
        refund = Refund.objects.create(
            payment=locked, amount=amount, reason=reason[:300], requested_by=actor
        )
        log(
            locked,
            "refund",
            _("Refund of %(amount)s asked: %(reason)s")
            % {"amount": format_rupiah(amount), "reason": reason},
            actor=actor,
        )
    if payment.provider == Provider.BANK_TRANSFER:
        # The organizer transfers it back by hand; recording it is the confirmation.
        return refund_confirm(refund=refund, stripe_refund="")
    try:
        made = gateway.refund(
            intent_id=payment.stripe_payment_intent, amount=amount, key=str(refund.pk)
        )
    except gateway.GatewayError as error:
        Refund.objects.filter(pk=refund.pk).update(status=RefundStatus.FAILED)
        log(payment, "refund_failed", str(error), actor=actor)
        raise ValidationError(
            _("Stripe refused the refund: %(error)s") % {"error": error}
        ) from None
    Refund.objects.filter(pk=refund.pk).update(stripe_refund=made.id)
    refund.stripe_refund = made.id
    if made.status == "succeeded":
        return refund_confirm(refund=refund, stripe_refund=made.id)
    return refund


def refund_confirm(*, refund: Refund, stripe_refund: str) -> Refund:
    """The money went back: count it, and undo what a full refund paid for (once)."""
    with transaction.atomic():
        locked_refund = Refund.objects.select_for_update().get(pk=refund.pk)
        if locked_refund.status == RefundStatus.SUCCEEDED:
            return locked_refund
        payment = _locked(locked_refund.payment)
        locked_refund.status = RefundStatus.SUCCEEDED
        locked_refund.confirmed_at = timezone.now()
        if stripe_refund:
            locked_refund.stripe_refund = stripe_refund
        locked_refund.save(update_fields=["status", "confirmed_at", "stripe_refund"])
        payment.amount_refunded += locked_refund.amount
        full = payment.amount_refunded >= payment.amount_due
        payment.status = PaymentStatus.REFUNDED if full else PaymentStatus.PARTLY_REFUNDED
        payment.save(update_fields=["amount_refunded", "status"])
        log(
            payment,
            "refunded",
            _("%(amount)s refunded.") % {"amount": format_rupiah(locked_refund.amount)},
        )
        if full:
            try:
                with transaction.atomic():
                    purpose_for(payment.purpose).refunded(payment.subject_id, payment)
            except ValidationError as error:
                _flag(payment, " ".join(error.messages))
    return locked_refund


# --- Stripe's webhook ----------------------------------------------------------------------


@dataclass(frozen=True)
class WebhookOutcome:
    status: int
    message: str


def stripe_event_receive(*, payload: bytes, signature: str) -> WebhookOutcome:
    """Verify, store by id, and apply a webhook event at most once, re-fetching its object."""
    try:
        event = gateway.verified_event(payload, signature)
    except ValueError as error:
        logger.warning("Stripe webhook refused: %s", error)
        return WebhookOutcome(400, "invalid signature")
    data_object = event.data.object
    object_id = getattr(data_object, "id", "") or ""
    stored, created = StripeEvent.objects.get_or_create(
        stripe_id=event.id,
        defaults={
            "type": event.type,
            "object_id": object_id,
            "livemode": bool(getattr(event, "livemode", False)),
            "payload": _plain(event),
        },
    )
    if not created:
        StripeEvent.objects.filter(pk=stored.pk).update(times_received=F("times_received") + 1)
    with transaction.atomic():
        stored = StripeEvent.objects.select_for_update().get(pk=stored.pk)
        if stored.processed_at is not None:
            return WebhookOutcome(200, f"already applied: {stored.outcome}")
        handler = WEBHOOK_HANDLERS.get(stored.type)
        try:
            payment, outcome = handler(object_id) if handler else (None, "ignored")
        except gateway.GatewayError as error:
            # Stripe could not be asked now: answer 500, Stripe sends the event again.
            logger.warning("Stripe event %s not applied: %s", stored.stripe_id, error)
            return WebhookOutcome(500, "try again")
        stored.processed_at = timezone.now()
        stored.outcome = outcome[:300]
        stored.payment = payment
        stored.save(update_fields=["processed_at", "outcome", "payment"])
        if payment is not None:
            log(payment, "webhook", f"{stored.type} ({stored.stripe_id}): {outcome}")
        elif handler is not None:
            log(None, "webhook", f"{stored.type} ({stored.stripe_id}): {outcome}")
    return WebhookOutcome(200, outcome)


def _id_of(reference) -> str:
    """A linked object's id, whether Stripe sent the id or expanded the object."""
    if not reference:
        return ""
    return reference if isinstance(reference, str) else reference.id


def _on_intent(intent_id: str):
    intent = gateway.intent(intent_id)  # what Stripe says now, not what the event said
    payment = payment_sync_intent(intent)
    if payment is None:
        return None, "no payment of ours"
    return payment, f"payment {payment.status}"


def _payment_of_charge(charge_id: str):
    charge = gateway.charge(charge_id)
    intent_id = _id_of(getattr(charge, "payment_intent", None))
    payment = Payment.objects.filter(stripe_payment_intent=intent_id).first() if intent_id else None
    return charge, payment


def _on_charge_refunded(charge_id: str):
    charge, payment = _payment_of_charge(charge_id)
    if payment is None:
        return None, "no payment of ours"
    confirmed = 0
    for made in gateway.refunds_of(payment.stripe_payment_intent):
        if made.status != "succeeded":
            continue
        refund = Refund.objects.filter(stripe_refund=made.id).first()
        if refund is None:  # made in Stripe's dashboard: record it
            refund = Refund.objects.create(
                payment=payment,
                amount=gateway.to_rupiah(made.amount),
                reason=_("Refunded in Stripe's dashboard."),
                stripe_refund=made.id,
            )
        if refund.status != RefundStatus.SUCCEEDED:
            refund_confirm(refund=refund, stripe_refund=made.id)
            confirmed += 1
    payment.refresh_from_db()
    return payment, f"{confirmed} refund(s) confirmed; payment {payment.status}"


def _on_dispute(charge_id: str):
    charge, payment = _payment_of_charge(charge_id)
    if payment is None:
        return None, "no payment of ours"
    _flag(payment, _("The payer disputed the card payment with the bank."))
    return payment, "dispute flagged"


def _dispute_charge(dispute_id: str):
    dispute = gateway.client().v1.disputes.retrieve(dispute_id)
    charge_id = _id_of(dispute.charge)
    return _on_dispute(charge_id)


WEBHOOK_HANDLERS = {
    "payment_intent.succeeded": _on_intent,
    "payment_intent.payment_failed": _on_intent,
    "payment_intent.canceled": _on_intent,
    "payment_intent.processing": _on_intent,
    "charge.refunded": _on_charge_refunded,
    "charge.dispute.created": _dispute_charge,
}


# --- invoices and receipts -----------------------------------------------------------------


def document_issue(*, payment: Payment, kind: str) -> PaymentDocument:
    """The payment's invoice or receipt, numbered next in its edition without a gap."""
    existing = PaymentDocument.objects.filter(payment=payment, kind=kind).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        counter, _created = DocumentCounter.objects.get_or_create(event=payment.event, kind=kind)
        counter = DocumentCounter.objects.select_for_update().get(pk=counter.pk)
        counter.last_number += 1
        counter.save(update_fields=["last_number"])
        return PaymentDocument.objects.create(
            payment=payment,
            event=payment.event,
            kind=kind,
            number=counter.last_number,
            amount=payment.amount_due,
        )
