"""The allocator's view of an edition: the solver's problem read from the database.

Reads only; proposing and publishing are services (booths.services).
"""

from __future__ import annotations

import hashlib
import re

from django.db.models import Count, Q

from events.models import Event, Participation
from exhibitors.models import Application, ApplicationStatus

from .models import Allocation, AllocationStatus, Booth
from .solver import ApplicationSpec, BoothSpec, Problem

# Applications that may stand in a booth.
PLACEABLE = (ApplicationStatus.APPROVED, ApplicationStatus.ALLOCATED, ApplicationStatus.CONFIRMED)


def _active(queryset):
    return queryset.filter(status=AllocationStatus.ACTIVE)


def placeable_applications(event: Event):
    """Applications that may still receive booths, with how many they hold already."""
    return (
        Application.objects.filter(event=event, status__in=PLACEABLE)
        .select_related("business", "association")
        .annotate(
            holding=Count("allocations", filter=Q(allocations__status=AllocationStatus.ACTIVE))
        )
        .order_by("submitted_at", "pk")
    )


def booth_spec(booth: Booth) -> BoothSpec:
    """A booth as the solver's rules see it (type, zone and hall loaded)."""
    return BoothSpec(
        id=booth.pk,
        hall=booth.hall_id,
        x=float(booth.x_m + booth.width_m / 2),
        y=float(booth.y_m + booth.depth_m / 2),
        serves=booth.booth_type.serves,
        type_sectors=frozenset(booth.booth_type.sectors),
        zone=booth.zone.code,
        zone_sectors=frozenset(booth.zone.sectors),
        needs_water=booth.booth_type.needs_water,
        has_water=booth.zone.has_water,
        blocked=booth.is_blocked,
    )


def _preferred_zones(text: str, zones: dict[str, str]) -> frozenset[str]:
    """Zones whose code or name the applicant wrote in its free-text preference."""
    if not text:
        return frozenset()
    words = text.lower()
    return frozenset(
        code
        for code, name in zones.items()
        if re.search(rf"\b{re.escape(code.lower())}\b", words) or name.lower() in words
    )


def allocation_problem(event: Event) -> tuple[Problem, str]:
    """The edition as the solver sees it, and a fingerprint of that state."""
    booths = list(
        Booth.objects.filter(hall__event=event)
        .select_related("booth_type", "zone")
        .exclude(
            pk__in=_active(Allocation.objects.filter(booth__hall__event=event)).values("booth_id")
        )
        .order_by("pk")
    )
    zones = {b.zone.code: b.zone.name for b in booths}
    booth_specs = [booth_spec(b) for b in booths]
    applications = list(placeable_applications(event))
    application_specs = [
        ApplicationSpec(
            id=a.pk,
            association=a.association_id,
            booth_size=a.booth_size,
            sector=a.business.sector,
            booths=max(a.booth_count - a.holding, 0),
            preferred_zones=_preferred_zones(a.preferred_zone, zones),
            rank=rank,
        )
        for rank, a in enumerate(applications)
    ]
    taken = dict(
        _active(Allocation.objects.filter(booth__hall__event=event))
        .values_list("application__association_id")
        .annotate(n=Count("pk"))
    )
    quota_left = {
        p.association_id: max(p.booth_quota - taken.get(p.association_id, 0), 0)
        for p in Participation.objects.filter(event=event)
    }
    problem = Problem(booths=booth_specs, applications=application_specs, quota_left=quota_left)
    return problem, fingerprint(event)


def fingerprint(event: Event) -> str:
    """What a proposal depends on: active allocations, blocked booths, placeable applications."""
    parts = [
        sorted(
            _active(Allocation.objects.filter(booth__hall__event=event)).values_list(
                "booth_id", "application_id"
            )
        ),
        sorted(
            Booth.objects.filter(hall__event=event, is_blocked=True).values_list("pk", flat=True)
        ),
        sorted(
            Application.objects.filter(event=event, status__in=PLACEABLE).values_list(
                "pk", "booth_count", "booth_size", "association_id"
            )
        ),
        sorted(Participation.objects.filter(event=event).values_list("pk", "booth_quota")),
        Booth.objects.filter(hall__event=event).count(),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def bookable_booths(application: Application) -> list[Booth]:
    """Free booths ``application`` may pick, in hall and code order."""
    from .services import placement_problem  # the one rule for a pick

    taken = _active(Allocation.objects.filter(booth__hall__event_id=application.event_id))
    booths = (
        Booth.objects.filter(hall__event_id=application.event_id, is_blocked=False)
        .exclude(pk__in=taken.values("booth_id"))
        .select_related("booth_type", "zone", "hall")
        .order_by("hall__position", "hall__code", "code")
    )
    return [b for b in booths if placement_problem(b, application) is None]
