"""The organizer's pass and gate screens in the Wagtail admin beyond the plain lists: one
pass with its scans, emails and actions; issuing a pass by hand; resending a pass email;
revoking a scanner; badge sheets; the gates' live figures; the edition's signing keys.

Every change goes through tickets.services (pass_approve, pass_void, pass_reissue,
pass_deliver, pass_issue, gate_device_revoke, badge_job_request, signing_key_rotate);
these views read the form, call the service and report its answer. A refusal changes
nothing and keeps what was typed. A pass, a job or an edition the user may not see
reads as absent (404), as elsewhere in the admin.

The viewsets (tickets/viewsets.py) mount the pass, email and device views; the others
are registered by tickets/wagtail_hooks.py (tickets/admin_urls.py, the menu items below).
"""

from __future__ import annotations

import hashlib

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from accounts.permissions import can, visible
from events.admin_views import (
    EditionMixin,
    PermissionMenuItem,
    local_time,
    status_badge,
)
from events.models import Event, EventDay
from events.params import as_id
from events.selectors import zone_label

from . import services
from .models import (
    BadgeSheetJob,
    JobStatus,
    Pass,
    PassCategory,
    PassStatus,
    PassType,
    SigningKey,
)
from .selectors import display_code, forget_memos, live_figures, today_of

VIEW_PASS = "tickets.view_pass"
CHANGE_PASS = "tickets.change_pass"
VIEW_DELIVERY = "tickets.view_passdelivery"
VIEW_DEVICE = "tickets.view_gatedevice"
VIEW_BADGES = "tickets.view_badgesheetjob"
ADD_BADGES = "tickets.add_badgesheetjob"
VIEW_LIVE = "tickets.view_live_figures"
MANAGE_KEYS = "tickets.manage_signing_keys"

NBSP = "\u00a0"
LIVE_REFRESH_SECONDS = 15
JOBS_REFRESH_SECONDS = 3


# --- shared helpers --------------------------------------------------------------------------


def day_text(day: EventDay) -> str:
    return date_format(day.date, "l, j F Y")


def short_days(days) -> str:
    """``12 Agu, 13 Agu``: the days of a pass or a pass type, in date order."""
    return ", ".join(
        date_format(day.date, "j M").replace(" ", NBSP)
        for day in sorted(days, key=lambda day: day.date)
    )


def report(request, error: ValidationError | PermissionDenied) -> None:
    """A service's refusal, as a message at the top of the next page."""
    for message in getattr(error, "messages", None) or [str(error) or _("Not allowed.")]:
        messages.error(request, message)


def safe_next(request, fallback: str) -> str:
    """Where a row action returns: the list it came from (with its filters), if ours."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def visible_pass(user, pk) -> Pass:
    visitor_pass = (
        Pass.objects.select_related(
            "event__venue", "pass_type", "registration", "application__business"
        )
        .prefetch_related("days", "pass_type__gates")
        .filter(pk=pk)
        .first()
    )
    if visitor_pass is None or not can(user, VIEW_PASS, visitor_pass):
        raise Http404
    return visitor_pass


# --- one pass --------------------------------------------------------------------------------


class VoidForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,  # the service asks for one, and says so
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Required. Kept with the pass; the holder is not told."),
    )


PASS_ACTIONS = ("approve", "void", "reissue", "resend")


class PassDetailView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """A pass: holder, type, days, registration, its scans and emails, and what may be done."""

    model = Pass
    any_permission_required = ["view", "change"]
    template_name = "tickets/admin/pass_detail.html"
    header_icon = "tag"
    index_url_name = None
    edit_url_name = None
    pdf_url_name = None

    @cached_property
    def visitor_pass(self) -> Pass:
        return visible_pass(self.request.user, self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.visitor_pass  # noqa: B018 — 404 before anything renders
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return self.visitor_pass.holder_name

    def get_page_subtitle(self):
        return display_code(self.visitor_pass.code)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Passes")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, void_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        visitor_pass = self.visitor_pass
        event = visitor_pass.event
        status = visitor_pass.status
        registration = visitor_pass.registration
        email = visitor_pass.holder_email or (registration.email if registration else "")
        may_change = can(self.request.user, CHANGE_PASS, visitor_pass)
        context.update(
            visitor_pass=visitor_pass,
            event=event,
            zone=zone_label(event.time_zone),
            status_badge=status_badge(status, visitor_pass.get_status_display()),
            code=display_code(visitor_pass.code),
            days=visitor_pass.day_list(),
            gates=list(visitor_pass.pass_type.gates.all()),
            registration=registration,
            siblings=(
                registration.passes.exclude(pk=visitor_pass.pk).order_by("pk")[:50]
                if registration
                else []
            ),
            checkins=visitor_pass.checkins.select_related("gate", "device", "day").order_by(
                "-scanned_at", "-pk"
            )[:200],
            deliveries=visitor_pass.deliveries.select_related("requested_by").order_by(
                "-queued_at", "-pk"
            )[:100],
            email=email,
            may_change=may_change,
            can_approve=may_change and status == PassStatus.PENDING,
            can_void=may_change and status != PassStatus.VOID,
            can_reissue=may_change and status != PassStatus.VOID,
            can_resend=may_change and status == PassStatus.VALID and bool(email),
            can_download=status == PassStatus.VALID,
            pdf_url=reverse(self.pdf_url_name, args=[visitor_pass.pk]),
            pass_url_name=self.edit_url_name,
            void_form=void_form or VoidForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        if action not in PASS_ACTIONS:
            raise Http404
        visitor_pass = self.visitor_pass
        void_form = VoidForm(request.POST) if action == "void" else None
        try:
            done = self.act(action, visitor_pass, void_form)
        except (ValidationError, PermissionDenied) as error:
            report(request, error)
            if void_form is not None:
                # Stay on the screen with what was typed, the refusal on the field.
                if isinstance(error, ValidationError) and not void_form.errors:
                    void_form.add_error("reason", error.messages)
                return self.render_to_response(self.get_context_data(void_form=void_form))
        else:
            messages.success(request, done)
        return redirect(self.edit_url_name, visitor_pass.pk)

    def act(self, action: str, visitor_pass: Pass, void_form: VoidForm | None) -> str:
        actor = self.request.user
        holder = visitor_pass.holder_name
        if action == "approve":
            services.pass_approve(visitor_pass=visitor_pass, actor=actor)
            return _("%(holder)s's pass is approved and on its way by email.") % {"holder": holder}
        if action == "void":
            if not void_form.is_valid():
                raise ValidationError(void_form.errors["reason"])
            services.pass_void(
                visitor_pass=visitor_pass, actor=actor, reason=void_form.cleaned_data["reason"]
            )
            return _("%(holder)s's pass is void: its QR code no longer opens the gates.") % {
                "holder": holder
            }
        if action == "reissue":
            renewed = services.pass_reissue(visitor_pass=visitor_pass, actor=actor)
            text = _(
                "%(holder)s's pass is re-issued (issue %(serial)s): the old QR code and pass "
                "page link no longer work."
            ) % {"holder": holder, "serial": renewed.serial}
            if renewed.status == PassStatus.VALID:
                text += " " + _("The new pass is on its way by email.")
            return text
        delivery = services.pass_deliver(visitor_pass=visitor_pass, actor=actor, reason="resent")
        return _("%(holder)s's pass is queued to %(email)s.") % {
            "holder": holder,
            "email": delivery.to_email,
        }


class PassPdfView(View):
    """The pass as the holder gets it (tickets.pdf_store), for printing at the desk."""

    http_method_names = ["get"]
    edit_url_name = None

    def get(self, request, pk):
        visitor_pass = visible_pass(request.user, pk)
        if visitor_pass.status != PassStatus.VALID:
            messages.error(request, _("Only a valid pass can be downloaded."))
            return redirect(self.edit_url_name, visitor_pass.pk)
        from .pdf_store import pass_pdf

        response = HttpResponse(pass_pdf(visitor_pass), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="pass-{visitor_pass.code}.pdf"'
        response["Cache-Control"] = "private, no-store"
        return response


# --- issuing a pass by hand ------------------------------------------------------------------


class IssueForm(forms.Form):
    pass_type = forms.ModelChoiceField(
        label=gettext_lazy("Pass type"), queryset=PassType.objects.none()
    )
    days = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Days"),
        queryset=EventDay.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    holder_name = forms.CharField(label=gettext_lazy("Holder's name"), max_length=150)
    holder_email = forms.EmailField(
        label=gettext_lazy("Holder's email"),
        required=False,
        help_text=gettext_lazy("The pass is emailed here. Empty: download and print it."),
    )
    send = forms.BooleanField(
        label=gettext_lazy("Email the pass now"), required=False, initial=True
    )

    def __init__(self, *args, event: Event, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        types = visible(user, "tickets.add_pass", PassType.objects.filter(event=event))
        field = self.fields["pass_type"]
        field.queryset = types.prefetch_related("days").order_by("sort_order", "name")
        field.label_from_instance = lambda pass_type: (
            f"{pass_type.display_name} ({short_days(pass_type.days.all())})"
        )
        field.error_messages["invalid_choice"] = _("Choose a pass type of this edition.")
        field = self.fields["days"]
        field.queryset = EventDay.objects.filter(event=event).order_by("date")
        field.label_from_instance = day_text
        field.error_messages["invalid_choice"] = _("Choose days of this edition.")
        field.error_messages["invalid_pk_value"] = _("Choose days of this edition.")


class PassIssueView(PermissionCheckedMixin, EditionMixin, WagtailAdminTemplateMixin, FormView):
    """An organizer issues a pass (press, VIP, a guest …) past the public form."""

    model = Pass
    permission_required = "add"
    template_name = "tickets/admin/pass_issue.html"
    form_class = IssueForm
    page_title = gettext_lazy("Issue a pass")
    header_icon = "tag"
    index_url_name = None
    edit_url_name = None

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Passes")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(event=self.event, user=self.request.user)
        return kwargs

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            visitor_pass = services.pass_issue(
                event=self.event,
                pass_type=data["pass_type"],
                days=data["days"],
                holder_name=data["holder_name"],
                holder_email=data["holder_email"],
                actor=self.request.user,
                deliver=data["send"],
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, getattr(error, "messages", None) or [str(error)])
            report(self.request, error)
            return self.form_invalid(form)
        text = _("Pass %(code)s issued to %(holder)s.") % {
            "code": display_code(visitor_pass.code),
            "holder": visitor_pass.holder_name,
        }
        if data["send"] and visitor_pass.holder_email:
            text += " " + _("It is on its way to %(email)s.") % {"email": visitor_pass.holder_email}
        messages.success(self.request, text)
        return redirect(self.edit_url_name, visitor_pass.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["index_url"] = reverse(self.index_url_name)
        return context


# --- row actions of the email log and the device list ----------------------------------------


class DeliveryResendView(View):
    """POST only: send a logged pass email again (a new delivery), then back to the log."""

    http_method_names = ["post"]
    index_url_name = None

    def post(self, request, pk):
        from .models import PassDelivery

        delivery = (
            PassDelivery.objects.select_related("visitor_pass__registration").filter(pk=pk).first()
        )
        if delivery is None or not can(request.user, VIEW_DELIVERY, delivery):
            raise Http404
        visitor_pass = delivery.visitor_pass
        try:
            queued = services.pass_deliver(
                visitor_pass=visitor_pass, actor=request.user, reason="resent"
            )
        except (ValidationError, PermissionDenied) as error:
            report(request, error)
        else:
            messages.success(
                request,
                _("%(holder)s's pass is queued to %(email)s.")
                % {"holder": visitor_pass.holder_name, "email": queued.to_email},
            )
        return redirect(safe_next(request, reverse(self.index_url_name)))


class DeviceRevokeView(View):
    """POST only: a scanner phone is signed out for good; it can no longer scan."""

    http_method_names = ["post"]
    index_url_name = None

    def post(self, request, pk):
        from .models import GateDevice

        device = GateDevice.objects.select_related("gate").filter(pk=pk).first()
        if device is None or not can(request.user, VIEW_DEVICE, device):
            raise Http404
        was_active = device.is_active
        try:
            services.gate_device_revoke(device=device, actor=request.user)
        except (ValidationError, PermissionDenied) as error:
            report(request, error)
        else:
            if was_active:
                messages.success(
                    request,
                    _("%(device)s at %(gate)s is signed out and can no longer scan.")
                    % {"device": device.name, "gate": device.gate.name},
                )
            else:
                messages.info(
                    request, _("%(device)s was already signed out.") % {"device": device.name}
                )
        return redirect(safe_next(request, reverse(self.index_url_name)))


# --- badge sheets ----------------------------------------------------------------------------


class BadgeSheetsView(EditionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Ask for the edition's staff badge sheets and follow the jobs until they are ready."""

    template_name = "tickets/admin/badges.html"
    jobs_template_name = "tickets/admin/_badge_jobs.html"
    page_title = gettext_lazy("Badge sheets")
    header_icon = "user"

    def edition_allowed(self, event: Event) -> bool:
        return can(self.request.user, VIEW_BADGES, BadgeSheetJob(event=event))

    def get(self, request, *args, **kwargs):
        if request.headers.get("HX-Request"):
            return TemplateResponse(request, self.jobs_template_name, self.jobs_context())
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            job = services.badge_job_request(event=self.event, actor=request.user)
        except (ValidationError, PermissionDenied) as error:
            report(request, error)
        else:
            messages.success(
                request,
                _("Badge sheets for %(count)s staff passes are being made.") % {"count": job.total},
            )
        return redirect(self.here())

    def jobs_context(self) -> dict:
        event = self.event
        jobs = list(
            BadgeSheetJob.objects.filter(event=event)
            .select_related("requested_by")
            .order_by("-created_at", "-pk")[:20]
        )
        working = any(job.status in (JobStatus.QUEUED, JobStatus.RUNNING) for job in jobs)
        return {
            "event": event,
            "zone": zone_label(event.time_zone),
            "jobs": [
                {"job": job, "badge": status_badge(job.status, job.get_status_display())}
                for job in jobs
            ],
            "working": working,
            "refresh_seconds": JOBS_REFRESH_SECONDS,
            "poll_url": self.here(),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.event
        context.update(self.jobs_context())
        context.update(
            staff_passes=Pass.objects.filter(
                event=event,
                status=PassStatus.VALID,
                pass_type__category=PassCategory.EXHIBITOR_STAFF,
            ).count(),
            may_request=can(self.request.user, ADD_BADGES, BadgeSheetJob(event=event)),
        )
        return context


class BadgeDownloadView(View):
    """A finished job's PDF, read from private storage: never a public URL."""

    http_method_names = ["get"]

    def get(self, request, pk):
        job = BadgeSheetJob.objects.select_related("event").filter(pk=pk).first()
        if job is None or not can(request.user, VIEW_BADGES, job):
            raise Http404
        if job.status != JobStatus.DONE or not job.file:
            raise Http404
        try:
            handle = job.file.open("rb")
        except (FileNotFoundError, OSError) as error:
            raise Http404 from error
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=f"badges-{job.event.slug}-{job.pk}.pdf",
            content_type="application/pdf",
        )
        response["Cache-Control"] = "private, no-store"
        return response


# --- live figures ----------------------------------------------------------------------------


def hour_rows(figures) -> tuple[list[str], list[dict]]:
    """The per-hour table: gates across, hours down, entries and exits in each cell."""
    gates = sorted({cell.gate for cell in figures.by_hour})
    cells = {(cell.hour, cell.gate): cell for cell in figures.by_hour}
    rows = []
    for hour in figures.hours:
        line = [cells.get((hour, gate)) for gate in gates]
        rows.append(
            {
                "hour": hour,
                "cells": line,
                "entries": sum(cell.entries for cell in line if cell),
                "exits": sum(cell.exits for cell in line if cell),
                "refused": sum(cell.refused for cell in line if cell),
            }
        )
    return gates, rows


class LiveFiguresView(EditionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Who is inside, entries and exits per gate and hour, and registrations per day."""

    edition_perm = VIEW_LIVE
    template_name = "tickets/admin/live.html"
    figures_template_name = "tickets/admin/_live_figures.html"
    page_title = gettext_lazy("Gates — live")
    header_icon = "view"

    @cached_property
    def days(self):
        return list(EventDay.objects.filter(event=self.event).order_by("date"))

    @cached_property
    def day(self) -> EventDay | None:
        """The day asked for (``?day=``, one of the edition's), else today in its zone."""
        asked = as_id(self.request.GET.get("day"))
        chosen = next((day for day in self.days if day.pk == asked), None)
        return chosen or today_of(self.event)

    def get(self, request, *args, **kwargs):
        if request.headers.get("HX-Request"):
            return TemplateResponse(request, self.figures_template_name, self.figures_context())
        return super().get(request, *args, **kwargs)

    def figures_context(self) -> dict:
        event = self.event
        figures = live_figures(event, day=self.day)
        gates, rows = hour_rows(figures)
        query = {"day": self.day.pk} if self.day else {}
        capacity = next(
            (line for line in figures.capacities if self.day and line.day.pk == self.day.pk), None
        )
        return {
            "event": event,
            "zone": zone_label(event.time_zone),
            "figures": figures,
            "day": self.day,
            "capacity_today": capacity,
            "hour_gates": gates,
            "hour_rows": rows,
            "refresh_seconds": LIVE_REFRESH_SECONDS,
            "poll_url": self.here(**query),
            "updated_at": local_time(timezone.now(), event),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.figures_context())
        context["days"] = self.days
        context["today"] = today_of(self.event)
        return context


# --- signing keys ----------------------------------------------------------------------------


def key_fingerprint(key: SigningKey) -> str:
    """The first bytes of the public key's SHA-256, grouped: what a scanner can show."""
    digest = hashlib.sha256(bytes(key.public_key)).hexdigest()[:16].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


class PassSecurityView(EditionMixin, WagtailAdminTemplateMixin, TemplateView):
    """The edition's signing keys: which sign and verify, a new key, and retiring old ones."""

    edition_perm = MANAGE_KEYS
    template_name = "tickets/admin/security.html"
    page_title = gettext_lazy("Pass security")
    header_icon = "key"

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") != "rotate":
            raise Http404
        try:
            key = services.signing_key_rotate(
                event=self.event, actor=request.user, retire_previous=False
            )
        except (ValidationError, PermissionDenied) as error:
            report(request, error)
        else:
            forget_memos()  # this process verifies with the new key at once
            messages.success(
                request,
                _("Key %(kid)s signs the passes from now on. QR codes already sent keep working.")
                % {"kid": key.kid},
            )
        return redirect(self.here())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        keys = list(
            SigningKey.objects.filter(event=self.event)
            .only("pk", "event_id", "kid", "public_key", "created_at", "retired_at")
            .order_by("-kid")
        )
        active = [key for key in keys if key.retired_at is None]
        context.update(
            keys=[
                {
                    "key": key,
                    "fingerprint": key_fingerprint(key),
                    "signing": bool(active) and key.pk == active[0].pk,
                }
                for key in keys
            ],
            active_count=len(active),
            valid_passes=Pass.objects.filter(event=self.event, status=PassStatus.VALID).count(),
            retire_url=reverse("tickets_security_retire") + f"?event={self.event.pk}",
        )
        return context


class RetireKeysForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "I understand: every QR code sent so far stops working, and every pass must be "
            "sent again."
        ),
        required=True,
        error_messages={"required": gettext_lazy("Tick the box to confirm.")},
    )


class RetireKeysView(EditionMixin, WagtailAdminTemplateMixin, FormView):
    """Confirmed: a new key, and every older key retired (for a leaked key)."""

    edition_perm = MANAGE_KEYS
    template_name = "tickets/admin/security_retire.html"
    form_class = RetireKeysForm
    page_title = gettext_lazy("Retire old signing keys")
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": self.security_url, "label": _("Pass security")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    @property
    def security_url(self) -> str:
        return reverse("tickets_security") + f"?event={self.event.pk}"

    def form_invalid(self, form):
        for message in form.errors.get("confirm", []):
            messages.error(self.request, message)
        return super().form_invalid(form)

    def form_valid(self, form):
        try:
            key = services.signing_key_rotate(
                event=self.event, actor=self.request.user, retire_previous=True
            )
        except (ValidationError, PermissionDenied) as error:
            report(self.request, error)
            return redirect(self.security_url)
        forget_memos()
        messages.warning(
            self.request,
            _(
                "The old keys are retired and key %(kid)s signs from now on. QR codes sent "
                "before no longer open the gates: send the passes again."
            )
            % {"kid": key.kid},
        )
        return redirect(self.security_url)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            security_url=self.security_url,
            valid_passes=Pass.objects.filter(event=self.event, status=PassStatus.VALID).count(),
        )
        return context


# --- menu ------------------------------------------------------------------------------------


def live_menu_item() -> MenuItem:
    return PermissionMenuItem(
        gettext_lazy("Gates — live"),
        reverse_lazy("tickets_live"),
        name="tickets_live",
        icon_name="view",
        order=37,
        perm=VIEW_LIVE,
    )


def badges_menu_item() -> MenuItem:
    return PermissionMenuItem(
        gettext_lazy("Badge sheets"),
        reverse_lazy("tickets_badges"),
        name="tickets_badges",
        icon_name="user",
        order=34,
        perm=VIEW_BADGES,
    )


def security_menu_item() -> MenuItem:
    return PermissionMenuItem(
        gettext_lazy("Pass security"),
        reverse_lazy("tickets_security"),
        name="tickets_security",
        icon_name="key",
        order=38,
        perm=MANAGE_KEYS,
    )
