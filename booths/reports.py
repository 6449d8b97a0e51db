"""Reads for the organizer's reports: fill rates, unplaced applications, the printable plan."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from events.models import Event

from .allocation import placeable_applications
from .models import Allocation, AllocationKind, AllocationStatus, Booth, Hall, Zone


@dataclass(frozen=True)
class FillRate:
    label: str
    booths: int  # not blocked
    taken: int  # with an active hold or assignment
    blocked: int

    @property
    def percent(self) -> float:
        return round(100 * self.taken / self.booths, 1) if self.booths else 0.0


def _rates(queryset, label) -> list[FillRate]:
    rows = queryset.annotate(
        total=Count("booths", distinct=True),
        blocked=Count("booths", filter=Q(booths__is_blocked=True), distinct=True),
        taken=Count(
            "booths", filter=Q(booths__allocations__status=AllocationStatus.ACTIVE), distinct=True
        ),
    )
    return [FillRate(label(r), r.total - r.blocked, r.taken, r.blocked) for r in rows]


def fill_by_hall(event: Event) -> list[FillRate]:
    return _rates(Hall.objects.filter(event=event), lambda h: f"{h.code} — {h.name}")


def fill_by_zone(event: Event) -> list[FillRate]:
    return _rates(
        Zone.objects.filter(hall__event=event).select_related("hall"),
        lambda z: f"{z.hall.code}/{z.code} — {z.name}",
    )


def unplaced_applications(event: Event):
    """Placeable applications that hold fewer booths than they asked for."""
    return [a for a in placeable_applications(event) if a.holding < a.booth_count]


@dataclass(frozen=True)
class PlanBooth:
    code: str
    x: float
    y: float
    width: float
    depth: float
    blocked: bool
    held: bool
    exhibitor: str  # "" when free
    association: str


def printable_plan(event: Event) -> list[tuple[Hall, list[PlanBooth]]]:
    """Every hall with its booths and who stands in each, in three queries."""
    current = {
        a.booth_id: a
        for a in Allocation.objects.filter(
            booth__hall__event=event, status=AllocationStatus.ACTIVE
        ).select_related("application__business", "application__association")
    }
    booths_of: dict[int, list[PlanBooth]] = {}
    for booth in Booth.objects.filter(hall__event=event).order_by("hall", "code"):
        allocation = current.get(booth.pk)
        booths_of.setdefault(booth.hall_id, []).append(
            PlanBooth(
                code=booth.code,
                x=float(booth.x_m),
                y=float(booth.y_m),
                width=float(booth.width_m),
                depth=float(booth.depth_m),
                blocked=booth.is_blocked,
                held=bool(allocation and allocation.kind == AllocationKind.HOLD),
                exhibitor=allocation.application.business.display_name if allocation else "",
                association=allocation.application.association.acronym if allocation else "",
            )
        )
    return [(hall, booths_of.get(hall.pk, [])) for hall in Hall.objects.filter(event=event)]
