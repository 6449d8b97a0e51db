"""The organizer's floor-plan board in the Wagtail admin: one hall at a time, coloured
by status or association, with each association's booths used and left.

Read-only: placing and moving exhibitors go through booths.services elsewhere.
Anything the user may not see reads as absent (404), not as forbidden.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.http import Http404
from django.urls import reverse_lazy
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.permissions import can, visible
from events.models import EventStatus
from exhibitors.selectors import QuotaLine, quota_lines

from .models import Hall
from .plan_svg import COLOUR_BY, association_colour, render_plan_svg
from .selectors import BoothStatus, PlanData, halls_of, plan_of

VIEW_HALL = "booths.view_hall"


def board_hall(user, hall_id: str | None) -> Hall:
    """The hall the board shows: the one asked for, else the lead edition's first."""
    halls = visible(user, VIEW_HALL, Hall.objects.select_related("event"))
    if hall_id:
        hall = halls.filter(pk=hall_id).first() if hall_id.isdigit() else None
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
    def hall(self) -> Hall:
        return board_hall(self.request.user, self.request.GET.get("hall"))

    @cached_property
    def colour_by(self) -> str:
        colour = self.request.GET.get("colour", "status")
        return colour if colour in COLOUR_BY else "status"

    def get(self, request, *args, **kwargs):
        self.hall  # noqa: B018 — 404 before anything renders
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.hall.event.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        hall, event = self.hall, self.hall.event
        plan = plan_of(hall)
        context.update(
            hall=hall,
            event=event,
            halls=halls_of(event),
            colour=self.colour_by,
            colours=[("status", _("Status")), ("association", _("Association"))],
            plan=plan,
            plan_svg=render_plan_svg(plan, colour_by=self.colour_by),
            counts=[
                (status, BoothStatus.LABELS[status], plan.count(status))
                for status in BoothStatus.ALL
            ],
            quota_rows=quota_rows(event, plan),
        )
        return context


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
