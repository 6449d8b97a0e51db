"""Reads for floor plans: a hall's booths with who stands in each, for the SVG plan."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Allocation, AllocationKind, AllocationStatus, Booth, Hall


class BoothStatus:
    FREE = "free"
    HELD = "held"
    ALLOCATED = "allocated"
    BLOCKED = "blocked"
    # Only on a proposal's plan: a free booth the allocator would give to someone.
    PROPOSED = "proposed"

    ALL = (FREE, HELD, ALLOCATED, BLOCKED)
    LABELS = {
        FREE: _("Free"),
        HELD: _("Held"),
        ALLOCATED: _("Allocated"),
        BLOCKED: _("Blocked"),
        PROPOSED: _("Proposed"),
    }


@dataclass(frozen=True, slots=True)
class PlanBooth:
    pk: int
    code: str
    x: float
    y: float
    w: float
    d: float
    type_code: str
    type_name: str
    zone_code: str
    blocked: bool
    # The active allocation, if any.
    kind: str = ""  # AllocationKind value, PROPOSED on a proposal's plan, "" when free
    application_id: int | None = None
    business: str = ""
    association: str = ""

    @property
    def status(self) -> str:
        # A blocked booth with someone still in it shows who is there: that needs fixing.
        if self.kind == AllocationKind.ASSIGNMENT:
            return BoothStatus.ALLOCATED
        if self.kind == AllocationKind.HOLD:
            return BoothStatus.HELD
        if self.kind == BoothStatus.PROPOSED:
            return BoothStatus.PROPOSED
        return BoothStatus.BLOCKED if self.blocked else BoothStatus.FREE


@dataclass(frozen=True, slots=True)
class PlanData:
    hall_id: int
    hall_code: str
    hall_name: str
    width: float
    depth: float
    booths: tuple[PlanBooth, ...]

    def count(self, status: str) -> int:
        return sum(1 for booth in self.booths if booth.status == status)


def _m(value: Decimal) -> float:
    return float(value)


def halls_of(event) -> QuerySet[Hall]:
    return Hall.objects.filter(event=event).order_by("position", "code")


def plan_of(hall: Hall) -> PlanData:
    """Every booth of ``hall`` and its active allocation, in two queries whatever the size."""
    rows = (
        Booth.objects.filter(hall=hall)
        .order_by("code")
        .values_list(
            "pk",
            "code",
            "x_m",
            "y_m",
            "width_m",
            "depth_m",
            "booth_type__code",
            "booth_type__name",
            "zone__code",
            "is_blocked",
        )
    )
    allocations = (
        Allocation.objects.filter(booth__hall=hall, status=AllocationStatus.ACTIVE)
        .order_by()  # the model's "-created_at" would only add a sort
        .values_list(
            "booth_id",
            "kind",
            "application_id",
            "application__business__brand_name",
            "application__business__legal_name",
            "application__association__acronym",
        )
    )
    active = {
        booth_id: (kind, application_id, brand or legal, acronym)
        for booth_id, kind, application_id, brand, legal, acronym in allocations
    }
    booths = []
    for pk, code, x, y, w, d, type_code, type_name, zone_code, blocked in rows:
        kind, application_id, business, association = active.get(pk, ("", None, "", ""))
        booths.append(
            PlanBooth(
                pk=pk,
                code=code,
                x=_m(x),
                y=_m(y),
                w=_m(w),
                d=_m(d),
                type_code=type_code,
                type_name=type_name,
                zone_code=zone_code,
                blocked=blocked,
                kind=kind,
                application_id=application_id,
                business=business,
                association=association or "",
            )
        )
    return PlanData(
        hall_id=hall.pk,
        hall_code=hall.code,
        hall_name=hall.name,
        width=_m(hall.width_m),
        depth=_m(hall.depth_m),
        booths=tuple(booths),
    )


def plan_with_proposal(plan: PlanData, placements: list[list[int]]) -> PlanData:
    """``plan`` as it would be once a proposal's ``placements`` are published.

    Booths the proposal fills show as PROPOSED with the business to stand there; a
    booth already taken keeps what it has (the allocator only fills free booths).
    """
    from exhibitors.models import Application

    here = {booth.pk for booth in plan.booths}
    wanted = {booth_id: app_id for app_id, booth_id in placements if booth_id in here}
    names = {
        pk: (brand or legal, acronym or "")
        for pk, brand, legal, acronym in Application.objects.filter(
            pk__in=wanted.values()
        ).values_list("pk", "business__brand_name", "business__legal_name", "association__acronym")
    }
    booths = []
    for booth in plan.booths:
        app_id = wanted.get(booth.pk)
        if app_id is None or booth.kind or app_id not in names:
            booths.append(booth)
            continue
        business, association = names[app_id]
        booths.append(
            replace(
                booth,
                kind=BoothStatus.PROPOSED,
                application_id=app_id,
                business=business,
                association=association,
            )
        )
    return replace(plan, booths=tuple(booths))
