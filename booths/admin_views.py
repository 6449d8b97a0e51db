"""The organizer's floor-plan board in the Wagtail admin: one hall at a time, coloured
by status or association, with each association's booths used and left; a booth picked
on the plan can be moved, swapped, freed or given to an application that lacks one.

Changes go through booths.services (allocation_move, allocation_swap,
allocation_release, booth_assign), which record who did what in the allocations' trail.
Anything the user may not see reads as absent (404), not as forbidden.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.permissions import can, visible
from events.models import EventStatus
from events.params import as_id
from exhibitors.models import Application
from exhibitors.selectors import QuotaLine, quota_lines

from .models import Allocation, AllocationKind, AllocationStatus, Booth, Hall
from .plan_svg import COLOUR_BY, association_colour, render_plan_svg
from .reports import unplaced_applications
from .selectors import BoothStatus, PlanData, halls_of, plan_of
from .services import allocation_move, allocation_release, allocation_swap, booth_assign
from .viewsets import editions_for

VIEW_HALL = "booths.view_hall"
COLOUR_CHOICES = [("status", _("Status")), ("association", _("Association"))]


def colour_choice(value: str | None) -> str:
    return value if value in COLOUR_BY else "status"


def board_hall(user, hall_id: str | None) -> Hall:
    """The hall the board shows: the one asked for, else the lead edition's first."""
    halls = visible(user, VIEW_HALL, Hall.objects.select_related("event"))
    if hall_id:
        hall = halls.filter(pk=as_id(hall_id)).first() if as_id(hall_id) else None
    else:
        hall = (
            halls.filter(event__status=EventStatus.PUBLISHED)
            .order_by("-event__year", "-event_id", "position", "code")
            .first()
        ) or halls.order_by("-event__year", "-event_id", "position", "code").first()
    if hall is None or not can(user, VIEW_HALL, hall):
        raise Http404
    return hall


@dataclass(frozen=True)
class QuotaRow:
    line: QuotaLine
    colour: str
    in_hall: int  # booths of this hall the association's exhibitors hold or have


def quota_rows(event, plan: PlanData) -> list[QuotaRow]:
    in_hall = Counter(booth.association for booth in plan.booths if booth.association)
    return [
        QuotaRow(
            line=line,
            colour=association_colour(line.participation.association.acronym),
            in_hall=in_hall[line.participation.association.acronym],
        )
        for line in quota_lines(event)
    ]


class FloorPlanBoardView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "booths/admin/board.html"
    page_title = _("Floor plan")
    header_icon = "table"

    @cached_property
    def hall(self) -> Hall | None:
        """None for an organizer whose venue has no hall yet: the board says how to start."""
        hall_id = self.request.GET.get("hall")
        try:
            return board_hall(self.request.user, hall_id)
        except Http404:
            if hall_id or not editions_for(self.request.user).exists():
                raise
            return None

    @cached_property
    def colour_by(self) -> str:
        return colour_choice(self.request.GET.get("colour"))

    def get(self, request, *args, **kwargs):
        self.hall  # noqa: B018 — 404 before anything renders
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.hall.event.name if self.hall else ""

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.hall is None:
            context["hall"] = None
            return context
        hall, event = self.hall, self.hall.event
        plan = plan_of(hall)
        context.update(
            hall=hall,
            event=event,
            halls=halls_of(event),
            colour=self.colour_by,
            colours=COLOUR_CHOICES,
            selected_code=self.request.GET.get("booth", "")[:20],
            may_allocate=can(self.request.user, "booths.allocate", _probe(hall)),
            waiting=unplaced_applications(event),
            plan=plan,
            plan_svg=render_plan_svg(plan, colour_by=self.colour_by),
            counts=[
                (status, BoothStatus.LABELS[status], plan.count(status))
                for status in BoothStatus.ALL
            ],
            quota_rows=quota_rows(event, plan),
        )
        return context


def _probe(hall: Hall) -> Allocation:
    """An allocation in ``hall``: what "may allocate here" is asked about."""
    return Allocation(booth=Booth(hall=hall))


class BoardChangeView(View):
    """POST only: the booth picked on the board is moved, swapped, freed or assigned."""

    http_method_names = ["post"]

    def post(self, request):
        booth_id = request.POST.get("booth", "")
        booth = (
            Booth.objects.select_related("hall__event").filter(pk=as_id(booth_id)).first()
            if as_id(booth_id)
            else None
        )
        if booth is None or not can(request.user, VIEW_HALL, booth.hall):
            raise Http404
        query = {"hall": booth.hall_id, "colour": colour_choice(request.POST.get("colour"))}
        try:
            messages.success(request, self.change(request, booth))
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", None) or [str(error)]))
        else:
            moved_to = request.POST.get("target", "").strip()
            if request.POST.get("change") in ("move", "swap") and moved_to:
                query["booth"] = moved_to
        query.setdefault("booth", booth.code)
        return redirect(f"{reverse('booths_board')}?{urlencode(query)}")

    def change(self, request, booth: Booth) -> str:
        action = request.POST.get("change", "")
        note = request.POST.get("note", "").strip()[:200]
        current = booth.allocations.filter(status=AllocationStatus.ACTIVE).first()
        if action == "assign":
            return self.assign(request, booth, note)
        if current is None:
            raise ValidationError(gettext("Booth %(code)s is free.") % {"code": booth.code})
        if action == "release":
            allocation_release(allocation=current, actor=request.user)
            return gettext("Booth %(code)s is free again.") % {"code": booth.code}
        code = request.POST.get("target", "").strip()
        target = (
            Booth.objects.filter(hall__event=booth.hall.event, code__iexact=code).first()
            if code
            else None
        )
        if target is None:
            raise ValidationError(
                gettext("There is no booth %(code)s in this edition.") % {"code": code or "—"}
            )
        if target.pk == booth.pk:
            raise ValidationError(gettext("Choose another booth than %(code)s.") % {"code": code})
        there = target.allocations.filter(status=AllocationStatus.ACTIVE).first()
        if action == "move":
            if there is not None:
                raise ValidationError(
                    gettext("Booth %(code)s is taken; swap them instead.") % {"code": target.code}
                )
            allocation_move(allocation=current, to_booth=target, actor=request.user, note=note)
            return gettext("Moved from %(from)s to %(to)s.") % {
                "from": booth.code,
                "to": target.code,
            }
        if action == "swap":
            if there is None or there.kind != AllocationKind.ASSIGNMENT:
                raise ValidationError(
                    gettext("Booth %(code)s has no exhibitor to swap with; move instead.")
                    % {"code": target.code}
                )
            allocation_swap(first=current, second=there, actor=request.user)
            return gettext("Swapped %(first)s and %(second)s.") % {
                "first": booth.code,
                "second": target.code,
            }
        raise ValidationError(gettext("Choose what to do with the booth."))

    def assign(self, request, booth: Booth, note: str) -> str:
        app_id = request.POST.get("application", "")
        application = (
            Application.objects.filter(pk=as_id(app_id), event=booth.hall.event).first()
            if as_id(app_id)
            else None
        )
        if application is None:
            raise ValidationError(gettext("Choose an application to place."))
        booth_assign(booth=booth, application=application, actor=request.user, note=note)
        return gettext("%(business)s is in booth %(code)s.") % {
            "business": application.business.display_name,
            "code": booth.code,
        }


class BoardMenuItem(MenuItem):
    """ "Floor plan" in the Exhibition menu, for whoever may see a hall."""

    def is_shown(self, request):
        # "In any edition", from the cached grants: no query on every admin page.
        return can(request.user, VIEW_HALL)


def board_menu_item() -> BoardMenuItem:
    return BoardMenuItem(
        _("Floor plan"),
        reverse_lazy("booths_board"),
        name="booths_board",
        icon_name="table",
        order=500,
    )
