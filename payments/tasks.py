"""Work off the request for money: the receipt email, and waiting payments that lapse."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import DocumentKind, Payment

logger = logging.getLogger(__name__)


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def send_receipt(self, payment_id: int) -> bool:
    """Email the payer the receipt (PDF attached) of a payment that became paid."""
    from .log import log_email
    from .pdf import render_payment_document
    from .selectors import document_of, document_view

    payment = Payment.objects.select_related("event").filter(pk=payment_id).first()
    if payment is None or not payment.payer_email:
        return False
    document = document_of(payment, DocumentKind.RECEIPT)
    if document is None:
        return False
    with translation.override(payment.language):
        context = {
            "payment": payment,
            "event": payment.event,
            "number": document.display_number,
            "url": _absolute(reverse("payments:pay", args=[payment.reference])),
        }
        subject = " ".join(render_to_string("emails/payments/receipt_subject.txt", context).split())
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("emails/payments/receipt.txt", context),
            to=[payment.payer_email],
        )
        message.attach(
            f"{document.display_number.replace('/', '-')}.pdf",
            render_payment_document(document_view(document)),
            "application/pdf",
        )
    try:
        message.send()
    except Exception as error:  # the mail server: try again later, then leave it in the log
        log_email(payment, sent=False, error=str(error))
        raise self.retry(exc=error) from error
    log_email(payment, sent=True)
    return True


@shared_task
def expire_payments() -> int:
    from .services import payments_expire

    return payments_expire()
