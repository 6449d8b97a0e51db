"""Writes for editions, venues, associations, participations, ministries and programmes.

Each ``<entity>_save`` checks that ``actor`` may do it (``accounts.permissions.can``),
validates the whole object (``full_clean``) and saves it in one transaction, so the
Wagtail admin, seed code and any later API share one rule. ``actor=None`` is the
system itself (seed data, migrations of data) and skips the permission check.

An object is checked before the write (may the actor change what is stored?) and
after it inside the same transaction (may the actor hold what it became?); a
refusal after the write rolls it back. That is how "an organizer of event A may
not move a participation to event B" and "may not add one to event B" are asked
through the very rule that guards editing.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from accounts.permissions import can

from .models import Association, Event, Ministry, Participation, Programme, Venue


def refuse():
    raise PermissionDenied(_("You may not make this change."))


def _check_stored(obj, *, actor, verb: str) -> None:
    """May ``actor`` do ``verb`` to the object as it is stored now?"""
    if actor is None:
        return
    perm = f"{obj._meta.app_label}.{verb}_{obj._meta.model_name}"
    if obj.pk is None:
        if not can(actor, perm):
            refuse()
        return
    stored = type(obj)._default_manager.get(pk=obj.pk)
    if not can(actor, perm, stored):
        refuse()


def _check_saved(obj, *, actor, verb: str, was_new: bool) -> None:
    """After the write, in the same transaction: may ``actor`` hold the object as it is now?"""
    if actor is None:
        return
    # An object just added is judged by what it is attached to, through the
    # "change" rule (e.g. a participation belongs to an edition the actor runs);
    # the "add" rule alone answers only "in some scope".
    perm = f"{obj._meta.app_label}.{'change' if was_new else verb}_{obj._meta.model_name}"
    if not can(actor, perm, obj):
        refuse()


def guarded_save(obj, *, actor, before_save=None):
    """Check, validate and save ``obj`` atomically; nothing is left behind on refusal."""
    was_new = obj.pk is None
    verb = "add" if was_new else "change"
    _check_stored(obj, actor=actor, verb=verb)
    try:
        with transaction.atomic():
            if before_save is not None:
                before_save()
            obj.full_clean()
            obj.save()
            _check_saved(obj, actor=actor, verb=verb, was_new=was_new)
    except BaseException:
        if was_new:
            obj.pk = None
            obj._state.adding = True
        raise
    return obj


def venue_save(*, venue: Venue, actor) -> Venue:
    return guarded_save(venue, actor=actor)


def _clean_days(event: Event) -> None:
    """Validate the event's days as edited in memory (inline on the event's screen)."""
    errors = []
    seen = set()
    for day in event.days.all():
        try:
            day.full_clean(exclude=["event"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            errors.extend(error.messages)
        if day.date in seen:
            errors.append(
                _("%(date)s is listed twice; give each day once.")
                % {"date": day.date.strftime("%d-%m-%Y")}
            )
        seen.add(day.date)
    if errors:
        raise ValidationError(errors)


def event_save(*, event: Event, actor) -> Event:
    """Save an edition and the days attached to it (a ClusterableModel saves both)."""

    def before_save():
        _clean_days(event)
        if event.pk is None:
            return
        # Lock the edition: quotas are checked against booth_capacity under the same lock.
        Event.objects.select_for_update().filter(pk=event.pk).first()
        total = event.quota_total()
        if event.booth_capacity < total:
            raise ValidationError(
                {
                    "booth_capacity": _(
                        "Association quotas already total %(total)s booths; lower them "
                        "before offering fewer booths."
                    )
                    % {"total": total}
                }
            )

    return guarded_save(event, actor=actor, before_save=before_save)


def association_save(*, association: Association, actor) -> Association:
    def before_save():
        taken = Association.objects.filter(acronym__iexact=association.acronym).exclude(
            pk=association.pk
        )
        if association.acronym and taken.exists():
            raise ValidationError({"acronym": _("Another association already uses this acronym.")})

    return guarded_save(association, actor=actor, before_save=before_save)


def participation_save(*, participation: Participation, actor) -> Participation:
    """Set an association's booth quota in an edition.

    The edition's row is locked first, so two organizers saving quotas at the same
    time are serialised and the total can never exceed the booths on offer.
    """

    def before_save():
        if participation.event_id is None:
            raise ValidationError({"event": _("Choose the edition.")})
        locked = Event.objects.select_for_update().get(pk=participation.event_id)
        participation.event = locked  # full_clean compares with the locked capacity

    return guarded_save(participation, actor=actor, before_save=before_save)


def ministry_save(*, ministry: Ministry, actor) -> Ministry:
    return guarded_save(ministry, actor=actor)


def programme_save(*, programme: Programme, actor) -> Programme:
    return guarded_save(programme, actor=actor)


@transaction.atomic
def object_delete(*, obj: models.Model, actor) -> None:
    """Delete ``obj`` if ``actor`` may; a protected reference gives a clear message."""
    perm = f"{obj._meta.app_label}.delete_{obj._meta.model_name}"
    if actor is not None and not can(actor, perm, obj):
        refuse()
    try:
        with transaction.atomic():
            obj.delete()
    except models.ProtectedError as error:
        raise ValidationError(
            _("%(object)s is still used by %(count)s other records; remove those first.")
            % {"object": obj, "count": len(error.protected_objects)}
        ) from error
