"""Reads of editions for the public site and other rooms (no writes here)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, Min, QuerySet, Sum

from accounts.models import Role
from accounts.permissions import grants_of, visible

from .models import Association, Event, EventDay, EventStatus, Participation, TimeZone


def event_days(event: Event) -> QuerySet[EventDay]:
    """The edition's days with their opening hours, in date order."""
    return EventDay.objects.filter(event=event).order_by("date")


def participations_of(event: Event) -> QuerySet[Participation]:
    """The associations taking part in the edition, with quotas, by acronym."""
    return (
        Participation.objects.filter(event=event)
        .select_related("association")
        .order_by("association__acronym")
    )


def programmes_of(event: Event):
    """The ministry programmes supporting the edition, with their ministries."""
    return event.programmes.select_related("ministry").order_by("name")


def current_edition(user=None) -> Event | None:
    """The edition to lead with: the newest published one, else the newest.

    With ``user``, only among the editions that user may see (the admin's figures).
    """
    events = Event.objects.select_related("venue").order_by("-year", "-pk")
    if user is not None:
        events = visible(user, "events.view_event", events)
    return events.filter(status=EventStatus.PUBLISHED).first() or events.first()


@dataclass(frozen=True)
class EditionSummary:
    event: Event
    first_date: date | None
    last_date: date | None
    day_count: int
    association_count: int
    booth_capacity: int
    quota_total: int

    @property
    def zone_label(self) -> str:
        return zone_label(self.event.time_zone)


def edition_summary(event: Event) -> EditionSummary:
    """The figures of an edition's card, in two queries whatever its size."""
    days = EventDay.objects.filter(event=event).aggregate(
        first=Min("date"), last=Max("date"), count=Count("pk")
    )
    quotas = Participation.objects.filter(event=event).aggregate(
        count=Count("pk"), total=Sum("booth_quota")
    )
    return EditionSummary(
        event=event,
        first_date=days["first"],
        last_date=days["last"],
        day_count=days["count"],
        association_count=quotas["count"],
        booth_capacity=event.booth_capacity,
        quota_total=quotas["total"] or 0,
    )


def zone_label(time_zone: str) -> str:
    """The short label (WIB, WITA or WIT) of an Indonesian zone; the name itself otherwise."""
    try:
        return TimeZone(time_zone).name
    except ValueError:
        return time_zone


def associations_administered_by(user) -> list[Association]:
    """The associations ``user`` holds the association-admin role over, by acronym."""
    ids = grants_of(user).get(Role.ASSOCIATION_ADMIN)
    if not ids:
        return []
    return list(Association.objects.filter(pk__in=ids).order_by("acronym"))
