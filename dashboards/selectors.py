"""Reads across rooms for the figures: which editions a reader sees, the edition's facts
(exhibitors, visitors), and the public live figures.

The deal totals themselves come from ``matching.selectors`` (one set of sums for the
dashboard, the exports, the API and the website).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet

from accounts.models import Role
from accounts.permissions import grants_of
from events.models import Event, EventStatus, Programme
from exhibitors.models import QUOTA_STATUSES, Application
from matching.models import BuyerParticipation, ReportGroup
from matching.selectors import LedgerFilter, LedgerSummary, ledger_summary
from tickets.models import CheckIn, Direction, Pass, PassStatus, ScanResult
from tickets.selectors import today_of

from .models import ExportJob

LIVE_FIGURES_SECONDS = 60


def figure_editions(user) -> QuerySet[Event]:
    """Editions whose figures ``user`` may read, newest first."""
    events = Event.objects.exclude(status=EventStatus.DRAFT).order_by("-year", "-pk")
    if user.is_superuser or grants_of(user).get(Role.MINISTRY_READER):
        return events
    organized = grants_of(user).get(Role.ORGANIZER) or ()
    return Event.objects.filter(pk__in=organized).order_by("-year", "-pk")


def readable_programme_ids(user) -> set[int] | None:
    """Programmes whose figures alone ``user`` may read; None means all of them."""
    if user.is_superuser or grants_of(user).get(Role.ORGANIZER):
        return None
    return programmes_of_ministries(grants_of(user).get(Role.MINISTRY_READER) or ())


def programmes_of_ministries(ministry_ids) -> set[int]:
    return set(Programme.objects.filter(ministry_id__in=ministry_ids).values_list("pk", flat=True))


def readable_lines(lines: list, allowed: set[int] | None) -> list:
    """A programme breakdown's lines a reader may see: its ministries' programmes, and the
    deals under no programme (``allowed`` None: every line)."""
    if allowed is None:
        return list(lines)
    return [line for line in lines if not line.key or line.key in allowed]


@dataclass(frozen=True)
class EditionFacts:
    exhibitors: int
    buyers: int
    visitors_registered: int
    visitors_came: int
    # Admitted today (None when today is not a day of the edition).
    visitors_today: int | None = None


def edition_facts(event: Event) -> EditionFacts:
    """Who took part: exhibiting UMKM, buyers, visitors registered and admitted at least once.
    Counts only, never a person."""
    exhibitors = Application.objects.filter(event=event, status__in=QUOTA_STATUSES).count()
    buyers = BuyerParticipation.objects.filter(event=event).count()
    passes = Pass.objects.filter(event=event).aggregate(
        registered=Count("pk", filter=Q(status=PassStatus.VALID))
    )
    admitted = CheckIn.objects.filter(
        event=event, result=ScanResult.ADMITTED, direction=Direction.IN
    ).values("visitor_pass_id")
    came = admitted.distinct().count()
    today = today_of(event)
    visitors_today = admitted.filter(day=today).distinct().count() if today else None
    return EditionFacts(
        exhibitors=exhibitors,
        buyers=buyers,
        visitors_registered=passes["registered"] or 0,
        visitors_came=came,
        visitors_today=visitors_today,
    )


@dataclass(frozen=True)
class PublicFigures:
    facts: EditionFacts
    summary: LedgerSummary


def public_figures(event: Event) -> PublicFigures:
    """The website's live figures block: the same sums as the dashboard (all recorded deals),
    kept for a minute so a busy home page costs the database nothing."""
    key = f"dashboards:public-figures:{event.pk}"
    figures = cache.get(key)
    if figures is None:
        figures = PublicFigures(
            facts=edition_facts(event), summary=ledger_summary(LedgerFilter(event=event))
        )
        cache.set(key, figures, LIVE_FIGURES_SECONDS)
    return figures


def public_figures_context(event: Event) -> dict:
    """What the live-figures block shows: the facts and each report group's sums, in the
    order the dashboard reports them (kinds are never summed together)."""
    figures = public_figures(event)
    groups = [
        {"key": key, "label": label, "figures": figures.summary.groups[key]}
        for key, label in ReportGroup.choices
    ]
    return {"event": event, "facts": figures.facts, "groups": groups}


PUBLIC_STATUSES = (EventStatus.PUBLISHED, EventStatus.CLOSED)


def public_editions() -> QuerySet[Event]:
    return Event.objects.filter(status__in=PUBLIC_STATUSES)


def exports_of(user) -> QuerySet[ExportJob]:
    return ExportJob.objects.filter(requested_by=user).select_related("event")
