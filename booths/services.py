"""Writes for who stands where: holds picked by exhibitors, their release and expiry.

The database has the last word on "one active allocation per booth" (a partial unique
constraint); these functions add the rules a booth must meet for an application and
serialise one exhibitor's picks on its application row, so an exhibitor never holds
more booths than it asked for, however many tabs it clicks in.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import can
from exhibitors.models import Application, ApplicationStatus

from .models import Allocation, AllocationKind, AllocationStatus, Booth, SelectionWindow

ACTIVE = AllocationStatus.ACTIVE
# Applications that may stand in a booth.
PLACEABLE = (ApplicationStatus.APPROVED, ApplicationStatus.ALLOCATED, ApplicationStatus.CONFIRMED)


def placement_problem(booth: Booth, application: Application) -> str | None:
    """Why ``booth`` is not for ``application``, or None when it may stand there."""
    booth_type, zone = booth.booth_type, booth.zone
    sector = application.business.sector
    if booth.hall.event_id != application.event_id:
        return _("Booth %(code)s belongs to another edition.") % {"code": booth.code}
    if booth.is_blocked:
        return _("Booth %(code)s is blocked.") % {"code": booth.code}
    if booth_type.serves and booth_type.serves != application.booth_size:
        return _("Booth %(code)s is a %(type)s; you asked for a %(wanted)s.") % {
            "code": booth.code,
            "type": booth_type.name,
            "wanted": application.get_booth_size_display(),
        }
    if not booth_type.admits(sector) or not zone.admits(sector):
        return _("Booth %(code)s is not for the %(sector)s sector.") % {
            "code": booth.code,
            "sector": application.business.get_sector_display(),
        }
    if booth_type.needs_water and not zone.has_water:
        return _("Booth %(code)s has no water connection.") % {"code": booth.code}
    return None


def _check_may_place(booth: Booth, application: Application) -> None:
    if application.status not in PLACEABLE:
        raise ValidationError(
            _("Only approved applications get a booth; this one is %(status)s.")
            % {"status": application.get_status_display().lower()}
        )
    problem = placement_problem(booth, application)
    if problem:
        raise ValidationError(problem)
    taken = application.allocations.filter(status=ACTIVE).count()
    if taken >= application.booth_count:
        raise ValidationError(
            _("This application already has its %(count)s booth(s).")
            % {"count": application.booth_count}
        )


def _create(allocation: Allocation) -> Allocation:
    try:
        with transaction.atomic():
            allocation.save()
    except IntegrityError as error:  # another request took the booth a moment ago
        raise ValidationError(
            _("Booth %(code)s is already taken.") % {"code": allocation.booth}
        ) from error
    return allocation


def booth_hold(*, booth: Booth, application: Application, actor, now=None) -> Allocation:
    """An approved exhibitor picks ``booth``; it is held for the window's hold minutes."""
    now = now or timezone.now()
    probe = Allocation(booth=booth, application=application)
    if actor is not None and not can(actor, "booths.hold_booth", probe):
        raise PermissionDenied(_("You may not pick a booth for this application."))
    window = SelectionWindow.objects.filter(event_id=application.event_id).first()
    if window is None or not window.is_open(now):
        raise ValidationError(_("Booth selection is not open for this edition."))
    with transaction.atomic():
        # One exhibitor's picks queue up here; other exhibitors race only on the booth.
        locked = (
            Application.objects.select_for_update()
            .select_related("business")
            .get(pk=application.pk)
        )
        booth = Booth.objects.select_related("booth_type", "zone", "hall").get(pk=booth.pk)
        _check_may_place(booth, locked)
        # A hold past its time frees the booth even before the periodic sweep runs.
        _expire(Allocation.objects.filter(booth=booth), now)
        return _create(
            Allocation(
                booth=booth,
                application=locked,
                kind=AllocationKind.HOLD,
                held_until=now + timedelta(minutes=window.hold_minutes),
                created_by=actor,
                created_at=now,
            )
        )


def allocation_release(*, allocation: Allocation, actor, now=None) -> Allocation:
    """Give the booth back: the exhibitor drops its own hold, or an organizer frees a booth."""
    if actor is not None and not (
        can(actor, "booths.allocate", allocation)
        or (allocation.kind == AllocationKind.HOLD and can(actor, "booths.hold_booth", allocation))
    ):
        raise PermissionDenied(_("You may not release this booth."))
    updated = Allocation.objects.filter(pk=allocation.pk, status=ACTIVE).update(
        status=AllocationStatus.RELEASED, ended_at=now or timezone.now()
    )
    if not updated:
        raise ValidationError(_("This booth is no longer held."))
    allocation.refresh_from_db()
    return allocation


def holds_expire(*, now=None) -> int:
    """End every hold whose time is up; returns how many booths came free."""
    return _expire(Allocation.objects.all(), now or timezone.now())


def _expire(allocations, now) -> int:
    return allocations.filter(kind=AllocationKind.HOLD, status=ACTIVE, held_until__lte=now).update(
        status=AllocationStatus.EXPIRED, ended_at=now
    )
