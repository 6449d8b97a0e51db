"""Visitors' pages: register (alone or as a group), the waiting list, the pass page.

No account is needed. A registration is throttled per client address (many phones
share one address on Indonesian mobile networks, so the limits are generous) and
checked for bots by ``forms.HumanCheckMixin``. Whatever goes wrong, the form comes
back with the visitor's answers and a message; nothing is half-saved (the services
write in one transaction).
"""

from __future__ import annotations

import io
import json

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts.forms import client_address
from accounts.selectors import attempts_exceeded
from accounts.services import attempt_record
from events.models import Event
from events.selectors import current_edition

from .forms import RegistrationForm, WaitlistForm
from .models import PassStatus, PassType, Registration
from .pdf_store import pass_pdf
from .selectors import (
    offered_pass_types,
    pass_by_access_key,
    pass_card,
    places_left,
    public_edition,
)
from .services import CapacityError, registration_create, registration_is_open, waitlist_join

# The "registered" page shows the passes of the registration this browser just made; its
# id travels in a signed cookie, so registering writes no session row.
REGISTERED_COOKIE = "pameran_registered"
REGISTERED_SALT = "tickets.registered"
REGISTERED_MAX_AGE = 2 * 60 * 60


def _edition(slug: str) -> Event:
    event = public_edition(slug)
    if event is None:
        raise Http404
    return event


def register_current(request):
    event = current_edition()
    if event is None:
        raise Http404
    return redirect("tickets:register", slug=event.slug)


def _throttled(request, email: str) -> bool:
    return attempts_exceeded(
        action="visitor_registration", client=client_address(request), email=email
    )


@never_cache
@require_http_methods(["GET", "POST"])
def register(request, slug: str):
    event = _edition(slug)
    pass_types = offered_pass_types(event)
    is_open = registration_is_open(event)
    form = RegistrationForm(request.POST or None, event=event, pass_types=pass_types)
    full_days = []
    if request.method == "POST" and is_open and form.is_valid():
        data = form.cleaned_data
        if _throttled(request, data["email"]):
            form.add_error(None, _("Too many registrations from here. Please wait 15 minutes."))
        else:
            attempt_record(
                action="visitor_registration",
                client=client_address(request),
                email=data["email"],
            )
            try:
                outcome = registration_create(
                    event=event,
                    pass_type=data["pass_type"],
                    days=data["days"],
                    contact_name=data["contact_name"],
                    email=data["email"],
                    phone=data["phone"],
                    province=data["province"],
                    city=data["city"],
                    category=data["category"],
                    organisation=data["organisation"],
                    people=data["members"],
                    language=(get_language() or "id")[:2],
                    consent=data["consent"],
                )
            except CapacityError as error:
                full_days = error.full_days
                form.add_error(None, error.messages[0])
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                if not outcome.created:
                    messages.info(
                        request,
                        _(
                            "This email is already registered for %(event)s. We have sent the "
                            "passes to it again; please check your inbox (and the spam folder)."
                        )
                        % {"event": event.name},
                    )
                    return redirect("tickets:register", slug=event.slug)
                response = redirect("tickets:registered")
                response.set_signed_cookie(
                    REGISTERED_COOKIE,
                    str(outcome.registration.pk),
                    salt=REGISTERED_SALT,
                    max_age=REGISTERED_MAX_AGE,
                    secure=request.is_secure(),
                    httponly=True,
                    samesite="Lax",
                )
                return response
    left = {p.pk: places_left(p) for p in pass_types}
    return render(
        request,
        "tickets/register.html",
        {
            "event": event,
            "form": form,
            "is_open": is_open,
            "pass_types": pass_types,
            "places_left": left,
            "full_days": full_days,
            "waitlist_form": _waitlist_form_for(event, form, full_days) if full_days else None,
        },
    )


def _waitlist_form_for(event, form, full_days):
    data = form.cleaned_data
    initial = {
        "pass_type": data.get("pass_type"),
        "days": [day.pk for day in full_days],
        "name": data.get("contact_name", ""),
        "email": data.get("email", ""),
        "phone": data.get("phone", ""),
        "people": max(1, len(data.get("members") or [])),
    }
    return WaitlistForm(
        initial=initial, event=event, pass_types=PassType.objects.filter(event=event)
    )


@never_cache
@require_http_methods(["GET", "POST"])
def waitlist(request, slug: str):
    event = _edition(slug)
    pass_types = PassType.objects.filter(event=event, is_public=True)
    form = WaitlistForm(request.POST or None, event=event, pass_types=pass_types)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            waitlist_join(
                event=event,
                pass_type=data["pass_type"],
                days=data["days"],
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                people=data["people"],
                language=(get_language() or "id")[:2],
                consent=data["consent"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("You are on the waiting list. We will email you when a place comes free."),
            )
            return redirect("tickets:register", slug=event.slug)
    return render(request, "tickets/waitlist.html", {"event": event, "form": form})


def _registration_here(request) -> Registration | None:
    """The registration just made in this browser (its signed cookie), if any."""
    registration_id = request.get_signed_cookie(
        REGISTERED_COOKIE, default=None, salt=REGISTERED_SALT, max_age=REGISTERED_MAX_AGE
    )
    if not registration_id:
        return None
    return Registration.objects.select_related("event").filter(pk=registration_id).first()


@never_cache
def registered(request):
    """After registering: the passes of the registration just made in this browser, and
    for paid passes the amount and the ways to pay."""
    from payments import gateway
    from payments.selectors import open_payment

    from .payments import PASSES, passes_due

    registration = _registration_here(request)
    if registration is None:
        return redirect("tickets:register_current")
    passes = list(registration.passes.select_related("pass_type").order_by("pk"))
    unpaid = any(p.status == PassStatus.AWAITING_PAYMENT for p in passes)
    due = None
    if unpaid:
        try:
            due = passes_due(registration.pk)
        except ValidationError:
            due = None
    return render(
        request,
        "tickets/registered.html",
        {
            "registration": registration,
            "event": registration.event,
            "passes": passes,
            "pending": any(p.status == PassStatus.PENDING for p in passes),
            "due": due,
            "waiting_payment": open_payment(PASSES, registration.pk) if unpaid else None,
            "card_enabled": gateway.enabled(),
        },
    )


@require_POST
def registration_pay(request):
    """Pay the passes of the registration made in this browser, by card or transfer."""
    from payments.selectors import remember_payer
    from payments.services import payment_start

    from .payments import PASSES

    registration = _registration_here(request)
    if registration is None:
        return redirect("tickets:register_current")
    try:
        # This browser made the registration (its signed cookie): no account is needed.
        payment = payment_start(
            purpose=PASSES,
            subject_id=registration.pk,
            provider=request.POST.get("provider", ""),
            actor=None,
            language=registration.language,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("tickets:registered")
    response = redirect("payments:pay", reference=payment.reference)
    remember_payer(request, response, payment.reference)
    return response


def qr_svg(text: str) -> str:
    """The QR code of ``text`` as an inline SVG path: sharp at any size, a few kB."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=4,
        image_factory=qrcode.image.svg.SvgPathImage,
    )
    code.add_data(text)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg") :]


@never_cache
def pass_page(request, key: str):
    visitor_pass = pass_by_access_key(key)
    if visitor_pass is None:
        raise Http404
    card = pass_card(visitor_pass)
    english = (get_language() or "").startswith("en")
    return render(
        request,
        "tickets/pass_page.html",
        {
            "pass": visitor_pass,
            "card": card,
            "event": visitor_pass.event,
            "days": card.days_en if english else card.days_id,
            "qr_svg": qr_svg(card.token) if visitor_pass.status == PassStatus.VALID else "",
            "pass_type_name": card.pass_type_en if english else card.pass_type_id,
        },
    )


def pass_pdf_download(request, key: str):
    visitor_pass = pass_by_access_key(key)
    if visitor_pass is None or visitor_pass.status != PassStatus.VALID:
        raise Http404
    response = HttpResponse(pass_pdf(visitor_pass), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="pass-{visitor_pass.code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@cache_control(max_age=0, no_cache=True)
def pass_service_worker(request):
    shell = [
        static("vendor/bootstrap/bootstrap.min.css"),
        static("css/site.css"),
        static("css/pass.css"),
    ]
    response = HttpResponse(
        render_to_string(
            "tickets/pass_sw.js",
            {"shell": json.dumps(shell), "static_prefix": settings.STATIC_URL},
        ),
        content_type="application/javascript",
    )
    response["Service-Worker-Allowed"] = reverse("tickets:pass_service_worker").rsplit("/", 1)[0]
    return response


@cache_control(max_age=3600)
def pass_manifest(request):
    icon = static("img/pass-icon.svg")
    start = str(request.GET.get("start", ""))
    if not (start.startswith("/") and not start.startswith("//")):
        start = reverse("tickets:register_current")
    body = {
        "name": _("Pameran pass"),
        "short_name": _("My pass"),
        "start_url": start,
        "scope": reverse("tickets:pass_service_worker").rsplit("/", 1)[0] + "/",
        "display": "standalone",
        "background_color": "#fbf7f0",
        "theme_color": "#3b2a1f",
        "icons": [{"src": icon, "sizes": "any", "type": "image/svg+xml"}],
    }
    return HttpResponse(json.dumps(body), content_type="application/manifest+json")
