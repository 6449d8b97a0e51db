"""The organizer's booth reports in the Wagtail admin: one edition at a time, its fill
rates per hall and zone, each association's quota use, the approved applications still
short of booths, the printable plan (PDF) and the same figures as CSV.

Read-only. An edition the user does not organize reads as absent (404), as on the board.
Registered by booths/wagtail_hooks.py (``urlpatterns``, ``reports_menu_item``).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass

from django.http import Http404, HttpResponse
from django.urls import path, reverse, reverse_lazy
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.permissions import can, visible
from events.models import Event, EventStatus
from events.params import as_id
from exhibitors.models import Application
from exhibitors.selectors import QuotaLine, quota_lines
from exhibitors.views.association import spreadsheet_safe

from .pdf import render_floor_plan_pdf
from .reports import FillRate, fill_by_hall, fill_by_zone, printable_plan, unplaced_applications

VIEW_REPORTS = "booths.view_reports"
DECIDE = "exhibitors.decide_application"  # who may open an application's review screen


def report_editions(user):
    """The editions whose reports ``user`` may read, newest first."""
    return visible(user, VIEW_REPORTS, Event.objects.order_by("-year", "-pk"))


def report_edition(user, event_id: str | None) -> Event:
    """The edition asked for, else the lead one (the newest published, else the newest)."""
    editions = report_editions(user)
    if event_id:
        event = editions.filter(pk=as_id(event_id)).first() if as_id(event_id) else None
    else:
        event = editions.filter(status=EventStatus.PUBLISHED).first() or editions.first()
    if event is None or not can(user, VIEW_REPORTS, event):
        raise Http404
    return event


def total(rates: list[FillRate], label: str) -> FillRate:
    return FillRate(
        label,
        sum(r.booths for r in rates),
        sum(r.taken for r in rates),
        sum(r.blocked for r in rates),
    )


@dataclass(frozen=True)
class UnplacedRow:
    application: Application
    review_url: str  # "" when the user may not open the review screen

    @property
    def missing(self) -> int:
        return self.application.booth_count - self.application.holding


def unplaced_rows(user, event: Event) -> list[UnplacedRow]:
    # Deciding is granted per edition: ask once, not once per row (and query).
    may_review = can(user, DECIDE, Application(event=event))
    return [
        UnplacedRow(
            application,
            reverse("applications:review", args=[application.pk]) if may_review else "",
        )
        for application in unplaced_applications(event)
    ]


class BoothReportsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "booths/admin/reports.html"
    page_title = gettext_lazy("Booth reports")
    header_icon = "doc-full"

    @cached_property
    def event(self) -> Event:
        return report_edition(self.request.user, self.request.GET.get("event"))

    def get(self, request, *args, **kwargs):
        self.event  # noqa: B018 — 404 before anything renders
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.event.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event, user = self.event, self.request.user
        halls = fill_by_hall(event)
        lines = quota_lines(event)
        context.update(
            event=event,
            editions=report_editions(user),
            halls=halls,
            halls_total=total(halls, _("All halls")) if len(halls) > 1 else None,
            zones=fill_by_zone(event),
            quota_lines=lines,
            quota_total=quota_total(lines),
            unplaced=unplaced_rows(user, event),
            event_query=f"?event={event.pk}",
        )
        return context


@dataclass(frozen=True)
class QuotaTotal:
    quota: int
    used: int
    left: int
    applied: int


def quota_total(lines: list[QuotaLine]) -> QuotaTotal:
    return QuotaTotal(
        quota=sum(line.quota for line in lines),
        used=sum(line.used for line in lines),
        left=sum(line.left for line in lines),
        applied=sum(line.applied for line in lines),
    )


def _filename(stem: str, event: Event, extension: str) -> str:
    return f"{slugify(f'{stem} {event.slug}')}.{extension}"


@never_cache
@require_GET
def plan_pdf(request):
    event = report_edition(request.user, request.GET.get("event"))
    pdf = render_floor_plan_pdf(event_name=event.name, halls=printable_plan(event))
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = _filename(_("Floor plan"), event, "pdf")  # "denah-…" in Indonesian
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- CSV -----------------------------------------------------------------------------------


def fill_table(event: Event) -> list[list]:
    header = [_("Level"), _("Hall or zone"), _("Booths"), _("Taken"), _("Blocked"), _("Fill %")]
    rows = [
        [level, rate.label, rate.booths, rate.taken, rate.blocked, rate.percent]
        for level, rates in ((_("Hall"), fill_by_hall(event)), (_("Zone"), fill_by_zone(event)))
        for rate in rates
    ]
    return [header, *rows]


def quota_table(event: Event) -> list[list]:
    header = [
        _("Association"),
        _("Association name"),
        _("Quota"),
        _("Used"),
        _("Left"),
        _("Waiting for a decision"),
        _("Over quota"),
    ]
    rows = [
        [
            line.participation.association.acronym,
            line.participation.association.name,
            line.quota,
            line.used,
            line.left,
            line.applied,
            _("yes") if line.over else "",
        ]
        for line in quota_lines(event)
    ]
    return [header, *rows]


def unplaced_table(event: Event) -> list[list]:
    header = [
        _("Application"),
        _("Business"),
        _("Association"),
        _("Booth size asked"),
        _("Booths asked"),
        _("Booths held"),
        _("Status"),
    ]
    rows = [
        [
            a.pk,
            a.business.display_name,
            a.association.acronym,
            a.get_booth_size_display(),
            a.booth_count,
            a.holding,
            a.get_status_display(),
        ]
        for a in unplaced_applications(event)
    ]
    return [header, *rows]


CSV_TABLES = {
    "fill": (gettext_lazy("fill rate"), fill_table),
    "quota": (gettext_lazy("quota use"), quota_table),
    "unplaced": (gettext_lazy("unplaced"), unplaced_table),
}


@never_cache
@require_GET
def report_csv(request, table: str):
    if table not in CSV_TABLES:
        raise Http404
    event = report_edition(request.user, request.GET.get("event"))
    stem, build = CSV_TABLES[table]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = _filename(str(stem), event, "csv")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # the byte-order mark makes Excel read the file as UTF-8
    writer = csv.writer(response)
    for row in build(event):
        # Numbers stay numbers; text that a spreadsheet would run as a formula is defused.
        writer.writerow(
            [cell if isinstance(cell, int | float) else spreadsheet_safe(cell) for cell in row]
        )
    return response


urlpatterns = [
    path("booths/reports/", BoothReportsView.as_view(), name="booths_reports"),
    path("booths/reports/plan.pdf", plan_pdf, name="booths_plan_pdf"),
    path("booths/reports/<slug:table>.csv", report_csv, name="booths_report_csv"),
]


# --- menu ------------------------------------------------------------------------------------


class ReportsMenuItem(MenuItem):
    """ "Booth reports" in the Exhibition menu, for whoever organizes an edition."""

    def is_shown(self, request):
        # "In any edition", from the cached grants: no query on every admin page.
        return can(request.user, VIEW_REPORTS)


def reports_menu_item() -> ReportsMenuItem:
    return ReportsMenuItem(
        gettext_lazy("Booth reports"),
        reverse_lazy("booths_reports"),
        name="booths_reports",
        icon_name="doc-full",
        order=510,
    )
