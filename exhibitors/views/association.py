"""The association portal: an association's admins see, vouch for and export its applicants.

Only users holding the association-admin role reach these pages; everyone else gets a
403 page that says who the portal is for. What an admin sees is narrowed twice: by
``visible`` (the permission rules: never a draft, never another association's
applicant) and by the associations the admin holds the role over, so an admin who is
also an organizer still sees only the association's own list here. Status changes go
through the services, which check the permission again and never take a status from
the request.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import wraps
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from accounts.permissions import can, visible
from events.models import Association, Event
from events.selectors import associations_administered_by, current_edition, zone_label

from ..models import Application, ApplicationStatus
from ..selectors import QuotaLine, application_detail, quota_lines, review_queue
from ..services import TRANSITIONS, application_return, application_verify

PAGE_SIZE = 50
TEMPLATES = "exhibitors/association"
# Drafts are the exhibitor's own; the association sees an application once it is sent.
LISTED_STATUSES = [s for s in ApplicationStatus if s != ApplicationStatus.DRAFT]


# --- who may enter ----------------------------------------------------------------------------


def association_admin_required(view):
    """Log in first; then only association admins pass, with their associations."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        associations = associations_administered_by(request.user)
        if not associations:
            return render(request, f"{TEMPLATES}/forbidden.html", status=403)
        return view(request, associations, *args, **kwargs)

    return wrapper


# --- which edition and which applicants ---------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """What a portal page is about: an edition and the admin's associations in it."""

    event: Event | None
    editions: list[Event]
    associations: list[Association]  # administered and taking part in ``event``


def portal_scope(request, associations: list[Association]) -> Scope:
    """The edition chosen by ``?event=<slug>`` among those the associations take part in,
    else the current edition, else their newest one. An unknown slug is a 404."""
    editions = list(
        Event.objects.filter(participations__association__in=associations)
        .select_related("venue")
        .distinct()
        .order_by("-year", "-pk")
    )
    slug = request.GET.get("event", "")
    if slug:
        event = next((e for e in editions if e.slug == slug), None)
        if event is None:
            raise Http404
    else:
        current = current_edition()
        event = next((e for e in editions if current and e.pk == current.pk), None)
        event = event or (editions[0] if editions else None)
    taking_part = (
        set(event.participations.values_list("association_id", flat=True)) if event else set()
    )
    return Scope(event, editions, [a for a in associations if a.pk in taking_part])


class ApplicantFilterForm(forms.Form):
    """The list's filters; a value that is not a choice is ignored, not an error page."""

    q = forms.CharField(required=False, max_length=100, label=gettext_lazy("Search"))
    status = forms.ChoiceField(
        required=False,
        choices=[("", gettext_lazy("All statuses"))]
        + [(s.value, s.label) for s in LISTED_STATUSES],
        label=gettext_lazy("Status"),
    )
    association = forms.CharField(required=False, max_length=80)

    def value(self, name: str) -> str:
        self.is_valid()
        return self.cleaned_data.get(name) or ""


def applicants(user, scope: Scope, filters: ApplicantFilterForm | None = None) -> QuerySet:
    """The scope's applications this user may see, filtered, newest submission first."""
    if scope.event is None or not scope.associations:
        return Application.objects.none()
    queryset = _narrow(review_queue(user, event=scope.event), scope, filters)
    return queryset.order_by(F("submitted_at").desc(nulls_last=True), "-pk")


def status_counts(user, scope: Scope, filters: ApplicantFilterForm | None = None) -> dict:
    """How many applicants the list would show for each status, other filters applied."""
    if scope.event is None or not scope.associations:
        return {}
    queryset = visible(user, "exhibitors.view_application", Application.objects.all()).filter(
        event=scope.event
    )
    rows = (
        _narrow(queryset, scope, filters, by_status=False)
        .order_by()
        .values("status")
        .annotate(count=Count("pk", distinct=True))
    )
    return {row["status"]: row["count"] for row in rows}


def _narrow(queryset, scope: Scope, filters, *, by_status=True) -> QuerySet:
    associations = scope.associations
    if filters is not None and (slug := filters.value("association")):
        associations = [a for a in associations if a.slug == slug] or associations
    queryset = queryset.filter(association__in=associations).exclude(status=ApplicationStatus.DRAFT)
    if filters is None:
        return queryset
    if by_status and (status := filters.value("status")):
        queryset = queryset.filter(status=status)
    if search := filters.value("q").strip():
        queryset = queryset.filter(_search_condition(search))
    return queryset


def _search_condition(search: str) -> Q:
    condition = Q(business__legal_name__icontains=search) | Q(
        business__brand_name__icontains=search
    )
    digits = re.sub(r"[\s.\-]", "", search)
    if digits.isdigit():  # an NIB, whole or in part, however it was typed
        condition |= Q(business__nib__contains=digits)
    return condition


# --- pages ------------------------------------------------------------------------------------


@never_cache
@require_GET
@association_admin_required
def home(request, associations):
    scope = portal_scope(request, associations)
    filters = ApplicantFilterForm(request.GET)
    page = Paginator(applicants(request.user, scope, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    counts = status_counts(request.user, scope, filters)
    current = {
        key: filters.value(key) for key in ("q", "status", "association") if filters.value(key)
    }
    if scope.event:
        current = {"event": scope.event.slug, **current}
    context = {
        "associations": associations,
        "scope": scope,
        "edition": scope.event,
        "zone": zone_label(scope.event.time_zone) if scope.event else "",
        "subtitle": ", ".join(str(a) for a in associations),
        "quota_cards": _quota_cards(scope),
        "filters": filters,
        "page": page,
        "status_filters": _status_filters(counts, current),
        "total": sum(counts.values()),
        "is_filtered": bool({"q", "status", "association"} & set(current)),
        "query": urlencode(current),
        "export_url": reverse("exhibitors:association_export") + "?" + urlencode(current),
        "clear_url": reverse("exhibitors:association_home")
        + ("?" + urlencode({"event": scope.event.slug}) if scope.event else ""),
    }
    return render(request, f"{TEMPLATES}/home.html", context)


@dataclass(frozen=True)
class QuotaCard:
    """A quota line with the widths of its bar: used, then waiting, within the quota."""

    line: QuotaLine
    used_percent: int
    waiting_percent: int

    @property
    def over_by(self) -> int:
        return max(-self.line.left, 0)

    @classmethod
    def of(cls, line: QuotaLine) -> QuotaCard:
        if line.quota <= 0:
            return cls(line, 100 if line.used else 0, 0)
        used = min(round(100 * line.used / line.quota), 100)
        waiting = min(round(100 * line.applied / line.quota), 100 - used)
        return cls(line, used, waiting)


def _quota_cards(scope: Scope) -> list[QuotaCard]:
    if scope.event is None:
        return []
    lines = quota_lines(scope.event, associations=scope.associations)
    return [QuotaCard.of(line) for line in lines]


def _status_filters(counts: dict[str, int], current: dict[str, str]) -> list[dict]:
    """Status chips with their counts: the statuses present, plus the one chosen."""
    base = {k: v for k, v in current.items() if k != "status"}
    chips = [
        {
            "label": _("All"),
            "count": sum(counts.values()),
            "url": "?" + urlencode(base),
            "active": not current.get("status"),
            "status": "",
        }
    ]
    for status in LISTED_STATUSES:
        if counts.get(status) or current.get("status") == status:
            chips.append(
                {
                    "label": status.label,
                    "count": counts.get(status, 0),
                    "url": "?" + urlencode({**base, "status": status.value}),
                    "active": current.get("status") == status.value,
                    "status": status.value,
                }
            )
    return chips


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("The exhibitor reads this in the email and in their portal."),
        error_messages={"required": gettext_lazy("Give a reason; the exhibitor will read it.")},
    )


@never_cache
@require_http_methods(["GET", "POST"])
@association_admin_required
def application(request, associations, pk: int):
    found = application_detail(pk, request.user)
    if (
        found is None
        or found.association_id not in {a.pk for a in associations}
        or found.status == ApplicationStatus.DRAFT
    ):
        raise Http404
    return_form = ReturnForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "verify":
            return _act(request, found, application_verify, _("Membership verified."))
        if action == "return":
            return_form = ReturnForm(request.POST)
            if return_form.is_valid():
                return _act(
                    request,
                    found,
                    application_return,
                    _("The application was returned to the exhibitor."),
                    reason=return_form.cleaned_data["reason"],
                )
            messages.error(request, _("The application was not returned: give a reason."))
        else:
            messages.error(request, _("That action is not available here."))
            return redirect(request.path)
    return render(
        request,
        f"{TEMPLATES}/application.html",
        {
            "application": found,
            "business": found.business,
            "edition": found.event,
            "zone": zone_label(found.event.time_zone),
            "associations": associations,
            "can_review": found.status in TRANSITIONS["verify"].sources
            and can(request.user, "exhibitors.verify_application", found),
            "return_form": return_form,
            "today": timezone.localdate(),
            "other_documents": _documents_besides_certificates(found.business),
            "back_url": reverse("exhibitors:association_home")
            + "?"
            + urlencode({"event": found.event.slug}),
        },
    )


def _documents_besides_certificates(business) -> list:
    certificate_documents = {c.document_id for c in business.certifications.all()}
    return [d for d in business.documents.all() if d.pk not in certificate_documents]


def _act(request, found: Application, service, success: str, **arguments):
    try:
        service(application=found, actor=request.user, **arguments)
    except (ValidationError, PermissionDenied) as error:
        for message in getattr(error, "messages", None) or [str(error)]:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(request.path)


# --- the CSV export -----------------------------------------------------------------------------

# A spreadsheet runs a cell that starts like a formula; a leading quote keeps it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def export_header() -> list[str]:
    return [
        _("Association"),
        _("Legal name"),
        _("Brand name"),
        _("NIB"),
        _("Sector"),
        _("Scale"),
        _("Province"),
        _("City or regency"),
        _("WhatsApp"),
        _("Business email"),
        _("Booth type"),
        _("Booths"),
        _("Status"),
        _("Submitted at"),
        _("Certificates"),
    ]


def export_row(application: Application, *, zone: ZoneInfo, today) -> list:
    business = application.business
    certificates = ", ".join(
        f"{c.get_kind_display()} ({_('expired')})" if c.is_expired(today) else c.get_kind_display()
        for c in business.certifications.all()
    )
    submitted = (
        timezone.localtime(application.submitted_at, zone).strftime("%d-%m-%Y %H:%M")
        if application.submitted_at
        else ""
    )
    return [
        application.association.acronym,
        business.legal_name,
        business.brand_name,
        business.nib,
        business.get_sector_display(),
        business.get_scale_display(),
        business.get_province_display(),
        business.city,
        business.whatsapp,
        business.email,
        application.get_booth_size_display(),
        application.booth_count,
        application.get_status_display(),
        submitted,
        certificates,
    ]


@never_cache
@require_GET
@association_admin_required
def export(request, associations):
    scope = portal_scope(request, associations)
    if scope.event is None:
        raise Http404
    rows = applicants(request.user, scope, ApplicantFilterForm(request.GET)).prefetch_related(
        "business__certifications"
    )
    names = [a.slug for a in scope.associations] if len(scope.associations) == 1 else []
    filename = slugify("-".join([_("applicants"), *names, scope.event.slug])) + ".csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # the byte-order mark makes Excel read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(export_header())
    zone, today = ZoneInfo(scope.event.time_zone), timezone.localdate()
    for application in rows:
        writer.writerow(
            [spreadsheet_safe(cell) for cell in export_row(application, zone=zone, today=today)]
        )
    return response
