"""Paying: start a payment, the pay page (card or bank transfer), the result, the
invoice and receipt PDFs, and Stripe's webhook. Thin: the work is in services."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from . import gateway
from .models import DocumentKind, Payment, PaymentStatus, Provider
from .purposes import purpose_for
from .selectors import (
    bank_accounts,
    document_of,
    document_view,
    may_see_payment,
    payer_references,
    remember_payer,
)
from .services import (
    payment_cancel,
    payment_pay_by_card,
    payment_refresh,
    payment_start,
    stripe_event_receive,
)


def _payment(request, reference: str) -> Payment:
    payment = Payment.objects.select_related("event").filter(reference=reference).first()
    if payment is None or not may_see_payment(request.user, payment, payer_references(request)):
        raise Http404
    return payment


def _back_url(payment: Payment) -> str:
    handler = purpose_for(payment.purpose)
    return handler.back_url(payment.subject_id) if handler.back_url else ""


@login_required
@require_POST
def start(request, purpose: str, subject_id: int):
    """The payer chose how to pay: open (or find) the payment and show it."""
    provider = request.POST.get("provider", "")
    try:
        payment = payment_start(
            purpose=purpose,
            subject_id=subject_id,
            provider=provider,
            actor=request.user,
            language=(get_language() or "id")[:2],
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        back = request.POST.get("next", "")
        return redirect(back if back.startswith("/") and not back.startswith("//") else "/")
    return redirect("payments:pay", reference=payment.reference)


@never_cache
@require_GET
def pay(request, reference: str):
    payment = _payment(request, reference)
    if payment.provider == Provider.STRIPE and payment.status == PaymentStatus.PENDING:
        payment = payment_refresh(payment=payment)  # a webhook may be late
    return render(
        request,
        "payments/pay.html",
        {
            "payment": payment,
            "event": payment.event,
            "back_url": _back_url(payment),
            "bank_accounts": bank_accounts(payment.event),
            "stripe_js": gateway.js_url(),
            "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
            "card_enabled": gateway.enabled(),
            "invoice": document_of(payment, DocumentKind.INVOICE),
            "receipt": document_of(payment, DocumentKind.RECEIPT),
        },
    )


@require_POST
def card(request, reference: str):
    """The card form sends its Stripe.js token here; the answer says what the page does next."""
    payment = _payment(request, reference)
    try:
        token = json.loads(request.body or b"{}").get("token", "")
    except (ValueError, AttributeError):
        token = ""
    if not isinstance(token, str):
        token = ""
    try:
        result = payment_pay_by_card(payment=payment, token=token, actor=request.user)
    except ValidationError as error:
        return JsonResponse({"status": "error", "message": " ".join(error.messages)}, status=400)
    except gateway.GatewayError:
        return JsonResponse(
            {
                "status": "error",
                "message": _(
                    "The card service could not be reached. Nothing was charged; "
                    "please try again in a moment."
                ),
            },
            status=502,
        )
    return JsonResponse(
        {
            "status": result.status,
            "client_secret": result.client_secret,
            "message": result.message,
            "next": reverse("payments:pay", args=[result.payment.reference]),
        }
    )


@require_POST
def cancel(request, reference: str):
    payment = _payment(request, reference)
    try:
        # A visitor without an account got here through _payment's check.
        actor = request.user if request.user.is_authenticated else None
        payment_cancel(payment=payment, actor=actor, reason=_("Cancelled by the payer."))
    except (ValidationError, PermissionDenied, gateway.GatewayError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect("payments:pay", reference=reference)
    messages.info(request, _("The payment was cancelled. Nothing was charged."))
    back = _back_url(payment)
    return redirect(back) if back else redirect("payments:pay", reference=reference)


@require_GET
def document(request, reference: str, kind: str):
    payment = _payment(request, reference)
    if kind not in DocumentKind.values:
        raise Http404
    found = document_of(payment, kind)
    if found is None:
        raise Http404
    from .pdf import render_payment_document

    pdf = render_payment_document(document_view(found))
    response = HttpResponse(pdf, content_type="application/pdf")
    name = found.display_number.replace("/", "-")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


@require_POST
def switch(request, reference: str):
    """Pay a waiting payment another way: it is cancelled (nothing was paid on it) and a
    payment by the other method opens, for the same subject."""
    payment = _payment(request, reference)
    provider = request.POST.get("provider", "")
    try:
        if payment.status != PaymentStatus.PENDING:
            raise ValidationError(_("This payment is no longer waiting."))
        # Whoever may see this payment may pay its subject: the check was _payment's.
        opened = payment_start(
            purpose=payment.purpose,
            subject_id=payment.subject_id,
            provider=provider,
            actor=None,
            language=(get_language() or "id")[:2],
        )
    except (ValidationError, PermissionDenied, gateway.GatewayError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect("payments:pay", reference=reference)
    response = redirect("payments:pay", reference=opened.reference)
    remember_payer(request, response, opened.reference)
    return response


@csrf_exempt
@require_POST
def stripe_webhook(request):
    outcome = stripe_event_receive(
        payload=request.body, signature=request.headers.get("Stripe-Signature", "")
    )
    return HttpResponse(outcome.message, status=outcome.status, content_type="text/plain")
