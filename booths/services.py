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

from .allocation import PLACEABLE, allocation_problem, booth_spec, fingerprint
from .models import (
    Allocation,
    AllocationKind,
    AllocationProposal,
    AllocationStatus,
    Booth,
    ProposalStatus,
    SelectionWindow,
)
from .solver import ApplicationSpec, mismatch, solve

ACTIVE = AllocationStatus.ACTIVE


def placement_problem(booth: Booth, application: Application) -> str | None:
    """Why ``booth`` is not for ``application``, or None when it may stand there.

    The rules are the allocator's own (``solver.mismatch``), so a hand pick and the
    solver never disagree; this only puts them into words.
    """
    if booth.hall.event_id != application.event_id:
        return _("Booth %(code)s belongs to another edition.") % {"code": booth.code}
    reason = mismatch(
        booth_spec(booth),
        ApplicationSpec(
            id=application.pk,
            association=application.association_id,
            booth_size=application.booth_size,
            sector=application.business.sector,
        ),
    )
    if reason == "blocked":
        return _("Booth %(code)s is blocked.") % {"code": booth.code}
    if reason == "type":
        return _("Booth %(code)s is a %(type)s; you asked for a %(wanted)s.") % {
            "code": booth.code,
            "type": booth.booth_type.name,
            "wanted": application.get_booth_size_display(),
        }
    if reason == "sector":
        return _("Booth %(code)s is not for the %(sector)s sector.") % {
            "code": booth.code,
            "sector": application.business.get_sector_display(),
        }
    if reason == "water":
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


# Organizers place, move and swap ----------------------------------------------------


def _require_allocate(actor, allocation: Allocation) -> None:
    if actor is not None and not can(actor, "booths.allocate", allocation):
        raise PermissionDenied(_("You may not place exhibitors in this edition."))


def _end(allocation: Allocation, now) -> None:
    Allocation.objects.filter(pk=allocation.pk).update(
        status=AllocationStatus.RELEASED, ended_at=now
    )
    allocation.status = AllocationStatus.RELEASED


def booth_assign(
    *, booth: Booth, application: Application, actor, note: str = "", now=None
) -> Allocation:
    """Put ``application`` in ``booth``; the exhibitor's own hold on it becomes the assignment."""
    from exhibitors.services import application_allocate

    now = now or timezone.now()
    _require_allocate(actor, Allocation(booth=booth, application=application))
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update()
            .select_related("business")
            .get(pk=application.pk)
        )
        booth = Booth.objects.select_related("booth_type", "zone", "hall").get(pk=booth.pk)
        own_hold = locked.allocations.filter(
            booth=booth, status=ACTIVE, kind=AllocationKind.HOLD
        ).first()
        if own_hold is not None:
            _end(own_hold, now)
        _expire(Allocation.objects.filter(booth=booth), now)
        _check_may_place(booth, locked)
        assignment = _create(
            Allocation(
                booth=booth,
                application=locked,
                kind=AllocationKind.ASSIGNMENT,
                created_by=actor,
                created_at=now,
                note=note,
            )
        )
        if locked.status == ApplicationStatus.APPROVED:
            application_allocate(application=locked, actor=actor)
    return assignment


def allocation_move(
    *, allocation: Allocation, to_booth: Booth, actor, note: str = ""
) -> Allocation:
    """Move an exhibitor to another booth; a confirmed exhibitor is told by email."""
    _require_allocate(actor, allocation)
    now = timezone.now()
    with transaction.atomic():
        current = Allocation.objects.select_for_update().get(pk=allocation.pk)
        if current.status != ACTIVE or current.kind != AllocationKind.ASSIGNMENT:
            raise ValidationError(_("Only a current assignment can be moved."))
        application = (
            Application.objects.select_for_update()
            .select_related("business")
            .get(pk=current.application_id)
        )
        target = Booth.objects.select_related("booth_type", "zone", "hall").get(pk=to_booth.pk)
        problem = placement_problem(target, application)
        if problem:
            raise ValidationError(problem)
        _expire(Allocation.objects.filter(booth=target), now)
        _end(current, now)
        moved = _create(
            Allocation(
                booth=target,
                application=application,
                kind=AllocationKind.ASSIGNMENT,
                created_by=actor,
                created_at=now,
                note=note or _("Moved from %(code)s.") % {"code": current.booth.code},
            )
        )
        _tell_if_confirmed(application, moved, previous=current)
    return moved


def allocation_swap(
    *, first: Allocation, second: Allocation, actor
) -> tuple[Allocation, Allocation]:
    """Exchange the booths of two assignments in one step."""
    _require_allocate(actor, first)
    _require_allocate(actor, second)
    now = timezone.now()
    with transaction.atomic():
        a, b = (
            Allocation.objects.select_for_update()
            .select_related(
                "booth__booth_type", "booth__zone", "booth__hall", "application__business"
            )
            .get(pk=pk)
            for pk in sorted([first.pk, second.pk])  # a fixed order: no deadlock between swaps
        )
        if any(x.status != ACTIVE or x.kind != AllocationKind.ASSIGNMENT for x in (a, b)):
            raise ValidationError(_("Only two current assignments can be swapped."))
        for booth, application in ((b.booth, a.application), (a.booth, b.application)):
            problem = placement_problem(booth, application)
            if problem:
                raise ValidationError(problem)
        _end(a, now)
        _end(b, now)
        note = _("Swapped %(first)s and %(second)s.") % {"first": a.booth, "second": b.booth}
        new_a = _create(
            Allocation(
                booth=b.booth,
                application=a.application,
                kind=AllocationKind.ASSIGNMENT,
                created_by=actor,
                created_at=now,
                note=note,
            )
        )
        new_b = _create(
            Allocation(
                booth=a.booth,
                application=b.application,
                kind=AllocationKind.ASSIGNMENT,
                created_by=actor,
                created_at=now,
                note=note,
            )
        )
        _tell_if_confirmed(a.application, new_a, previous=a)
        _tell_if_confirmed(b.application, new_b, previous=b)
    return new_a, new_b


def _tell_if_confirmed(
    application: Application, moved: Allocation, *, previous: Allocation
) -> None:
    if application.status != ApplicationStatus.CONFIRMED:
        return
    from .tasks import send_booth_moved_email

    transaction.on_commit(lambda: send_booth_moved_email.delay(moved.pk, previous.pk))


# Proposals: solve, adjust by hand, publish at once ---------------------------------


def _require_proposal(actor, perm: str, proposal: AllocationProposal) -> None:
    if actor is not None and not can(actor, perm, proposal):
        raise PermissionDenied(_("You may not allocate booths in this edition."))


def allocation_propose(*, event, actor) -> AllocationProposal:
    """Run the allocator on the edition as it is now; nothing changes until published."""
    proposal = AllocationProposal(event=event, created_by=actor)
    _require_proposal(actor, "booths.add_allocationproposal", proposal)
    problem, plan_state = allocation_problem(event)
    solution = solve(problem)
    proposal.placements = [list(pair) for pair in solution.placements]
    proposal.unplaced = {str(app): missing for app, missing in solution.unplaced.items()}
    proposal.placed = solution.placed
    proposal.cost = solution.cost
    proposal.fingerprint = plan_state
    proposal.save()
    return proposal


def _check_fresh(proposal: AllocationProposal) -> None:
    if proposal.status != ProposalStatus.DRAFT:
        raise ValidationError(
            _("This proposal is already %(status)s.")
            % {"status": proposal.get_status_display().lower()}
        )
    if fingerprint(proposal.event) != proposal.fingerprint:
        raise ValidationError(
            _(
                "The floor plan or the applications changed after this proposal was made. "
                "Make a new proposal; nothing was changed."
            )
        )


def proposal_adjust(
    *,
    proposal: AllocationProposal,
    application: Application,
    booth: Booth | None,
    actor,
    from_booth: Booth | None = None,
) -> AllocationProposal:
    """Change one placement of a draft proposal by hand.

    With ``from_booth``, the application's placement there moves to ``booth`` (or is
    taken out when ``booth`` is None). Without it, ``booth`` is one more placement for
    the application — within the booths it asked for and its association's quota —
    and ``booth=None`` takes the application out of the proposal altogether.
    """
    _require_proposal(actor, "booths.change_allocationproposal", proposal)
    with transaction.atomic():
        proposal = AllocationProposal.objects.select_for_update().get(pk=proposal.pk)
        _check_fresh(proposal)
        application = Application.objects.select_related("business", "association").get(
            pk=application.pk
        )
        mine = [pair for pair in proposal.placements if pair[0] == application.pk]
        if from_booth is not None:
            if [application.pk, from_booth.pk] not in mine:
                raise ValidationError(
                    _("%(business)s is not in booth %(code)s in this proposal.")
                    % {"business": application.business.display_name, "code": from_booth.code}
                )
            placements = [p for p in proposal.placements if p != [application.pk, from_booth.pk]]
        elif booth is None:
            placements = [p for p in proposal.placements if p[0] != application.pk]
        else:
            placements = list(proposal.placements)
            _check_room_for_one_more(proposal, application, mine)
        if booth is not None:
            booth = Booth.objects.select_related("booth_type", "zone", "hall").get(pk=booth.pk)
            if (
                any(pair[1] == booth.pk for pair in placements)
                or booth.allocations.filter(status=ACTIVE).exists()
            ):
                raise ValidationError(_("Booth %(code)s is already taken.") % {"code": booth.code})
            if application.status not in PLACEABLE:
                raise ValidationError(
                    _("Only approved applications get a booth; this one is %(status)s.")
                    % {"status": application.get_status_display().lower()}
                )
            problem = placement_problem(booth, application)
            if problem:
                raise ValidationError(problem)
            placements.append([application.pk, booth.pk])
        proposal.placements = placements
        proposal.placed = len(placements)
        proposal.save(update_fields=["placements", "placed"])
    return proposal


def _check_room_for_one_more(
    proposal: AllocationProposal, application: Application, mine: list
) -> None:
    """One more booth for ``application``: within what it asked for and its quota."""
    from events.models import Participation

    holding = application.allocations.filter(status=ACTIVE).count()
    if holding + len(mine) >= application.booth_count:
        raise ValidationError(
            _("%(business)s already has its %(count)s booth(s) in this proposal.")
            % {"business": application.business.display_name, "count": application.booth_count}
        )
    quota = (
        Participation.objects.filter(
            event_id=proposal.event_id, association_id=application.association_id
        )
        .values_list("booth_quota", flat=True)
        .first()
        or 0
    )
    members = set(
        Application.objects.filter(
            event_id=proposal.event_id, association_id=application.association_id
        ).values_list("pk", flat=True)
    )
    used = Allocation.objects.filter(
        booth__hall__event_id=proposal.event_id,
        application__association_id=application.association_id,
        status=ACTIVE,
    ).count() + sum(1 for app_id, _booth in proposal.placements if app_id in members)
    if used >= quota:
        raise ValidationError(
            _("%(association)s has used its quota of %(quota)s booth(s).")
            % {"association": application.association.acronym, "quota": quota}
        )


def proposal_publish(*, proposal: AllocationProposal, actor) -> list[Allocation]:
    """Apply every placement of a draft proposal in one transaction, or none of them."""
    from exhibitors.services import application_allocate

    _require_proposal(actor, "booths.change_allocationproposal", proposal)
    now = timezone.now()
    created = []
    with transaction.atomic():
        # The edition's row is the publishing lock: one publication at a time.
        type(proposal.event).objects.select_for_update().get(pk=proposal.event_id)
        proposal = AllocationProposal.objects.select_for_update().get(pk=proposal.pk)
        _check_fresh(proposal)
        booths = Booth.objects.select_related("booth_type", "zone", "hall").in_bulk(
            [booth_id for _app, booth_id in proposal.placements]
        )
        applications = Application.objects.select_related("business").in_bulk(
            [app_id for app_id, _booth in proposal.placements]
        )
        for app_id, booth_id in proposal.placements:
            booth, application = booths[booth_id], applications[app_id]
            problem = placement_problem(booth, application)
            if problem:
                raise ValidationError(problem)
            created.append(
                _create(
                    Allocation(
                        booth=booth,
                        application=application,
                        kind=AllocationKind.ASSIGNMENT,
                        created_by=actor,
                        created_at=now,
                        note=_("Published from the allocation proposal of %(date)s.")
                        % {
                            "date": timezone.localtime(proposal.created_at).strftime(
                                "%d-%m-%Y %H:%M"
                            )
                        },
                    )
                )
            )
        for application in {a.pk: a for a in applications.values()}.values():
            if application.status == ApplicationStatus.APPROVED:
                application_allocate(application=application, actor=actor)
        proposal.status = ProposalStatus.PUBLISHED
        proposal.published_at = now
        proposal.save(update_fields=["status", "published_at"])
    return created


def proposal_discard(*, proposal: AllocationProposal, actor) -> AllocationProposal:
    """Set a draft proposal aside; it stays on record, and nothing on the plan changes."""
    _require_proposal(actor, "booths.change_allocationproposal", proposal)
    updated = AllocationProposal.objects.filter(pk=proposal.pk, status=ProposalStatus.DRAFT).update(
        status=ProposalStatus.DISCARDED
    )
    if not updated:
        raise ValidationError(
            _("This proposal is already %(status)s.")
            % {"status": proposal.get_status_display().lower()}
        )
    proposal.refresh_from_db()
    return proposal
