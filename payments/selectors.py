"""Reads for money: a subject's payments, what a payer may see, documents as views."""

from __future__ import annotations

from django.utils import formats, timezone, translation

from accounts.permissions import can

from .models import BankAccount, DocumentKind, Payment, PaymentDocument, PaymentStatus, Waiver
from .pdf import DocumentLine, DocumentView
from .purposes import purpose_for


def payments_of(purpose: str, subject_id: int):
    return Payment.objects.filter(purpose=purpose, subject_id=subject_id).order_by("-created_at")


def waiver_of(purpose: str, subject_id: int) -> Waiver | None:
    return Waiver.objects.filter(purpose=purpose, subject_id=subject_id).first()


def open_payment(purpose: str, subject_id: int) -> Payment | None:
    return payments_of(purpose, subject_id).filter(status=PaymentStatus.PENDING).first()


def paid_payment(purpose: str, subject_id: int) -> Payment | None:
    return (
        payments_of(purpose, subject_id)
        .filter(status__in=(PaymentStatus.SUCCEEDED, PaymentStatus.PARTLY_REFUNDED))
        .first()
    )


# A payer without an account (a visitor's order) reaches the payments it opened through a
# signed cookie of their references, set when the payment was opened in that browser.
PAYER_COOKIE = "pameran_payments"
PAYER_SALT = "payments.payer"
PAYER_MAX_AGE = 7 * 24 * 60 * 60
PAYER_COOKIE_LIMIT = 10  # references kept, newest first


def payer_references(request) -> list[str]:
    value = request.get_signed_cookie(
        PAYER_COOKIE, default="", salt=PAYER_SALT, max_age=PAYER_MAX_AGE
    )
    return [reference for reference in value.split(",") if reference]


def remember_payer(request, response, reference: str) -> None:
    """Let this browser come back to ``reference``'s payment (and no other browser)."""
    kept = [reference, *(r for r in payer_references(request) if r != reference)]
    response.set_signed_cookie(
        PAYER_COOKIE,
        ",".join(kept[:PAYER_COOKIE_LIMIT]),
        salt=PAYER_SALT,
        max_age=PAYER_MAX_AGE,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def may_see_payment(user, payment: Payment, references=()) -> bool:
    """The browser that opened it, the payer, whoever may pay its subject, and the
    edition's organizers."""
    if payment.reference in references:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if payment.payer_id == user.pk or can(user, "payments.view_payment", payment):
        return True
    return purpose_for(payment.purpose).may_pay(user, payment.subject_id)


def bank_accounts(event) -> list[BankAccount]:
    return list(BankAccount.objects.filter(event=event, is_active=True))


def _date(value, language: str) -> str:
    if value is None:
        return ""
    with translation.override(language):
        return formats.date_format(timezone.localtime(value), "j F Y")


def _event_dates(event) -> str:
    days = list(event.days.order_by("date").values_list("date", flat=True))
    if not days:
        return ""
    with translation.override("id"):
        first, last = days[0], days[-1]
        if first == last:
            return formats.date_format(first, "j F Y")
        return f"{formats.date_format(first, 'j')}–{formats.date_format(last, 'j F Y')}"


def document_view(document: PaymentDocument) -> DocumentView:
    """What an invoice or receipt shows, from the document and its payment."""
    payment = Payment.objects.select_related("event__venue", "payer").get(pk=document.payment_id)
    event = payment.event
    venue = event.venue
    issued = document.issued_at
    return DocumentView(
        kind=document.kind,
        number=document.display_number,
        issued_on=_date(issued, "id"),
        issued_on_en=_date(issued, "en"),
        event_name=event.name,
        event_dates=_event_dates(event),
        venue=f"{venue.name}, {venue.city}" if venue else "",
        organizer=f"Panitia {event.name}",
        payer_name=payment.payer_name or getattr(payment.payer, "full_name", ""),
        payer_email=payment.payer_email,
        payer_business="",
        reference=payment.reference,
        lines=(DocumentLine(description=payment.description, amount=payment.amount),),
        unique_code=payment.unique_code,
        total=payment.amount_due,
        status=payment.status,
        method=payment.provider,
        paid_on=_date(payment.succeeded_at, "id") if document.kind == DocumentKind.RECEIPT else "",
        pay_before=(
            formats.date_format(timezone.localtime(payment.expires_at), "j F Y H:i")
            if document.kind == DocumentKind.INVOICE and payment.expires_at
            else ""
        ),
        bank_accounts=tuple(
            (account.bank_name, account.account_number, account.account_holder)
            for account in bank_accounts(event)
        ),
        refunded=payment.amount_refunded,
    )


def document_of(payment: Payment, kind: str) -> PaymentDocument | None:
    documents = PaymentDocument.objects.filter(payment=payment, kind=kind)
    return documents.select_related("event").first()
