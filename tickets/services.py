"""Writes for passes: registration, issue, approval, voiding, re-issue, delivery, keys,
scanner devices, and the check-in rules applied to every scan.

Capacity is kept in ``DayTally`` rows, locked in a fixed order and updated in the
transaction that creates or voids passes, so the last place of a day is never given
twice. A scan moves its holder by compare-and-swap on the pass's presence, so two gates
scanning one pass at the same instant admit it once; the scan's nonce is unique, so a
batch uploaded again is applied once. Email goes out from Celery tasks queued on commit.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import can
from events.models import Event, EventDay, EventStatus

from . import tokens
from .models import (
    CheckIn,
    DayTally,
    DeliveryStatus,
    Direction,
    Gate,
    GateDevice,
    Pass,
    PassDay,
    PassDelivery,
    PassRevocation,
    PassStatus,
    PassType,
    RefusalReason,
    Registration,
    ScanResult,
    SigningKey,
    WaitlistEntry,
)
from .selectors import (
    day_indexes,
    edition_days,
    forget_device,
    loaded,
    pass_type_gates,
    public_keys,
    reason_text,
)

logger = logging.getLogger(__name__)
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud and typed at gates
PASS_CODE_LENGTH = 10
REFERENCE_LENGTH = 10  # 32**10 references: no collision in any plausible number of editions


def new_code(length: int = PASS_CODE_LENGTH) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def normalize_code(text: str) -> str:
    """What a gate attendant typed, as stored: upper case, no dashes or spaces."""
    return "".join(ch for ch in (text or "").upper() if ch.isascii() and ch.isalnum())


def new_access_key() -> str:
    return secrets.token_urlsafe(18)


# --- signing keys --------------------------------------------------------------------------


def signing_key_for(event: Event) -> SigningKey:
    """The edition's current signing key, made on first use."""
    key = SigningKey.objects.filter(event=event, retired_at__isnull=True).order_by("-kid").first()
    if key is not None:
        return key
    with transaction.atomic():
        Event.objects.select_for_update().only("pk").get(pk=event.pk)
        key = (
            SigningKey.objects.filter(event=event, retired_at__isnull=True).order_by("-kid").first()
        )
        if key is None:
            key = _new_key(event)
    return key


def _new_key(event: Event) -> SigningKey:
    last = SigningKey.objects.filter(event=event).order_by("-kid").first()
    kid = 0 if last is None else last.kid + 1
    if kid > tokens.MAX_KID:
        raise ValidationError(_("This edition has used all 32 signing keys."))
    private, public = tokens.new_key_pair()
    return SigningKey.objects.create(event=event, kid=kid, private_key=private, public_key=public)


def signing_key_rotate(*, event: Event, actor, retire_previous: bool = False) -> SigningKey:
    """A new key signs from now on; with ``retire_previous`` the old QR codes stop working.

    Retiring is for a leaked key: every pass must then be sent again.
    """
    if actor is not None and not can(actor, "tickets.manage_signing_keys", event):
        raise PermissionDenied(_("You may not change this edition's signing keys."))
    with transaction.atomic():
        Event.objects.select_for_update().only("pk").get(pk=event.pk)
        if retire_previous:
            SigningKey.objects.filter(event=event, retired_at__isnull=True).update(
                retired_at=timezone.now()
            )
        return _new_key(event)


# --- registration --------------------------------------------------------------------------


class CapacityError(ValidationError):
    """The days asked for are full; ``full_days`` says which, for the waiting list."""

    def __init__(self, message, full_days: Sequence[EventDay]):
        super().__init__(message, code="full")
        self.full_days = list(full_days)


@dataclass
class Person:
    name: str
    email: str = ""


@dataclass
class RegistrationOutcome:
    registration: Registration
    created: bool
    passes: list[Pass] = field(default_factory=list)


def registration_is_open(event: Event, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    if event.status != EventStatus.PUBLISHED:
        return False
    opens, closes = event.visitor_registration_opens_at, event.visitor_registration_closes_at
    return (opens is None or opens <= now) and (closes is None or now < closes)


def registration_create(
    *,
    event: Event,
    pass_type: PassType,
    days: Iterable[EventDay],
    contact_name: str,
    email: str,
    phone: str,
    province: str,
    city: str,
    category: str,
    people: Sequence[Person] = (),
    organisation: str = "",
    language: str = "id",
    consent: bool,
    now: datetime | None = None,
) -> RegistrationOutcome:
    """A visitor (or a group's contact person) registers; one pass per person.

    ``people`` are the group's members; empty means the contact person alone.
    Registering the same email again for the edition creates nothing and sends the
    existing passes again.
    """
    now = now or timezone.now()
    email = (email or "").strip().lower()
    existing = Registration.objects.filter(event=event, email=email).first()
    if existing is not None:
        return _registered_again(existing)
    if not consent:
        raise ValidationError(_("Please agree to the privacy notice to register."))
    if not registration_is_open(event, now):
        raise ValidationError(_("Visitor registration for this edition is not open."))
    if pass_type.event_id != event.pk or not pass_type.is_public:
        raise ValidationError(_("This pass type cannot be chosen here."))
    days = _checked_days(pass_type, days)
    members = list(people) or [Person(name=contact_name, email=email)]
    if len(members) > pass_type.max_per_registration:
        raise ValidationError(
            _("At most %(count)s people can register together for this pass type.")
            % {"count": pass_type.max_per_registration}
        )
    registration = Registration(
        event=event,
        reference=new_code(REFERENCE_LENGTH),
        contact_name=contact_name.strip(),
        email=email,
        phone=phone,
        province=province,
        city=city.strip(),
        category=category,
        organisation=organisation.strip(),
        language=language if language in ("id", "en") else "id",
        consent_at=now,
        created_at=now,
    )
    # The edition is the caller's own object; uniqueness races end in IntegrityError below.
    registration.full_clean(exclude=["reference", "event"], validate_unique=False)
    # A paid pass waits for its payment (tickets.payments), then is valid and sent.
    if not pass_type.is_free:
        status = PassStatus.AWAITING_PAYMENT
    elif pass_type.requires_approval:
        status = PassStatus.PENDING
    else:
        status = PassStatus.VALID
    try:
        with transaction.atomic():
            registration.save()
            passes = _create_passes(
                event=event,
                pass_type=pass_type,
                days=days,
                people=members,
                status=status,
                registration=registration,
                default_email=email,
                now=now,
            )
            if status == PassStatus.VALID:
                for visitor_pass in passes:
                    pass_deliver(visitor_pass=visitor_pass, reason="registered")
            elif status == PassStatus.PENDING:
                transaction.on_commit(
                    lambda: _queue("send_registration_received_email", registration.pk)
                )
            # Last, so the day's tally rows, which every registration locks, are held only
            # until COMMIT; when a day is full, everything above rolls back (emails too).
            _take_places(pass_type, days, len(members))
    except IntegrityError:
        # The same email a moment ago, in another request: that one won; resend its passes.
        existing = Registration.objects.filter(event=event, email=email).first()
        if existing is None:
            raise
        return _registered_again(existing)
    return RegistrationOutcome(registration=registration, created=True, passes=passes)


def registration_paid(*, registration_id: int) -> list[Pass]:
    """The order of a registration is paid: its passes waiting for payment become valid and
    are sent (once: a pass already valid is left as it is)."""
    with transaction.atomic():
        passes = list(
            Pass.objects.select_for_update()
            .filter(registration_id=registration_id, status=PassStatus.AWAITING_PAYMENT)
            .order_by("pk")
        )
        if not passes:
            raise ValidationError(_("These passes are no longer waiting for a payment."))
        now = timezone.now()
        for visitor_pass in passes:
            visitor_pass.status = PassStatus.VALID
            visitor_pass.approved_at = now
            visitor_pass.save(update_fields=["status", "approved_at", "updated_at"])
            if _address_of(visitor_pass):
                pass_deliver(visitor_pass=visitor_pass, reason="paid")
    return passes


def registration_unpaid(*, registration_id: int, reason: str, refunded: bool = False) -> int:
    """The order was not paid (or was refunded): its passes are voided, their places free."""
    statuses = [PassStatus.AWAITING_PAYMENT] + ([PassStatus.VALID] if refunded else [])
    voided = 0
    for visitor_pass in Pass.objects.filter(
        registration_id=registration_id, status__in=statuses
    ).order_by("pk"):
        pass_void(visitor_pass=visitor_pass, actor=None, reason=reason)
        voided += 1
    return voided


def _registered_again(registration: Registration) -> RegistrationOutcome:
    passes = list(registration.passes.select_related("pass_type").order_by("pk"))
    with transaction.atomic():
        for visitor_pass in passes:
            if visitor_pass.status == PassStatus.VALID:
                pass_deliver(visitor_pass=visitor_pass, reason="registered_again")
    return RegistrationOutcome(registration=registration, created=False, passes=passes)


def _checked_days(pass_type: PassType, days: Iterable[EventDay]) -> list[EventDay]:
    chosen = {day.pk: day for day in days}
    if not chosen:
        raise ValidationError(_("Choose at least one day."))
    allowed = {day.pk for day in pass_type.days.all()}  # prefetched where the caller could
    if not set(chosen) <= allowed:
        raise ValidationError(_("This pass type is not valid on one of the days chosen."))
    return sorted(chosen.values(), key=lambda day: day.date)


def _take_places(pass_type: PassType, days: list[EventDay], count: int) -> None:
    """Lock the days' tallies, refuse when any is full, and add ``count`` to them."""
    tallies = _locked_tallies(pass_type, days)
    full = []
    for day in days:
        day_tally, type_tally = tallies[(day.pk, None)], tallies[(day.pk, pass_type.pk)]
        if (
            pass_type.counts_as_visitor
            and day_tally.taken + count > day.visitor_capacity
            or (
                pass_type.capacity_per_day is not None
                and type_tally.taken + count > pass_type.capacity_per_day
            )
        ):
            full.append(day)
    if full:
        names = ", ".join(day_label(day) for day in full)
        raise CapacityError(
            _("No places are left on %(days)s. You can join the waiting list.") % {"days": names},
            full,
        )
    keys = [(day.pk, pass_type.pk) for day in days]
    if pass_type.counts_as_visitor:
        keys += [(day.pk, None) for day in days]
    DayTally.objects.filter(pk__in=[tallies[key].pk for key in keys]).update(
        taken=F("taken") + count
    )


def _locked_tallies(pass_type: PassType, days: list[EventDay]) -> dict:
    """The tallies of ``days`` (the day's and the pass type's), created if missing, locked."""
    day_ids = [day.pk for day in days]
    wanted = {(d, None) for d in day_ids} | {(d, pass_type.pk) for d in day_ids}

    def load():
        rows = (
            DayTally.objects.select_for_update()
            .filter(day_id__in=day_ids)
            .filter(Q(pass_type__isnull=True) | Q(pass_type=pass_type))
            .order_by("pk")  # one order everywhere: no deadlocks between registrations
        )
        return {(row.day_id, row.pass_type_id): row for row in rows}

    tallies = load()
    missing = wanted - set(tallies)
    if missing:
        for day_id, type_id in sorted(missing, key=lambda key: (key[0], key[1] or 0)):
            try:
                with transaction.atomic():
                    DayTally.objects.create(day_id=day_id, pass_type_id=type_id, taken=0)
            except IntegrityError:  # created by a concurrent registration
                pass
        tallies = load()
    return tallies


def _give_back_places(visitor_pass: Pass) -> None:
    day_ids = list(visitor_pass.pass_days.values_list("day_id", flat=True))
    if not day_ids:
        return
    pass_type = visitor_pass.pass_type
    tallies = _locked_tallies(pass_type, list(EventDay.objects.filter(pk__in=day_ids)))
    keys = [(d, pass_type.pk) for d in day_ids]
    if pass_type.counts_as_visitor:
        keys += [(d, None) for d in day_ids]
    DayTally.objects.filter(pk__in=[tallies[key].pk for key in keys], taken__gt=0).update(
        taken=F("taken") - 1
    )


def day_label(day: EventDay) -> str:
    from django.utils.formats import date_format

    return date_format(day.date, "l, j F Y")


def _create_passes(
    *,
    event: Event,
    pass_type: PassType,
    days: list[EventDay],
    people: Sequence[Person],
    status: str,
    registration: Registration | None = None,
    application=None,
    default_email: str = "",
    now: datetime,
) -> list[Pass]:
    indexes = day_indexes(event)
    mask = 0
    for day in days:
        index = indexes[day.pk]
        if index >= 16:
            raise ValidationError(_("A pass can cover at most the first 16 days of an edition."))
        mask |= 1 << index
    passes = [
        Pass(
            event=event,
            registration=registration,
            application=application,
            pass_type=pass_type,
            holder_name=person.name.strip(),
            holder_email=(person.email or default_email).strip().lower(),
            status=status,
            day_mask=mask,
            code=new_code(),
            access_key=new_access_key(),
            created_at=now,
            approved_at=now if status == PassStatus.VALID else None,
        )
        for person in people
    ]
    # Names and emails are checked; the foreign keys and constraints hold by construction,
    # and checking them again would cost queries per person of a 40-person group.
    for visitor_pass in passes:
        visitor_pass.full_clean(
            exclude=["code", "access_key", "event", "pass_type", "registration", "application"],
            validate_unique=False,
            validate_constraints=False,
        )
    Pass.objects.bulk_create(passes)
    PassDay.objects.bulk_create([PassDay(visitor_pass=p, day=day) for p in passes for day in days])
    return passes


def pass_issue(
    *,
    event: Event,
    pass_type: PassType,
    days: Iterable[EventDay],
    holder_name: str,
    holder_email: str = "",
    actor,
    application=None,
    registration: Registration | None = None,
    deliver: bool = True,
    now: datetime | None = None,
) -> Pass:
    """An organizer issues a pass (press, VIP, exhibitor staff …), past the public form.

    Capacity still holds: a day that is full takes no more visitors.
    """
    if actor is not None and not can(actor, "tickets.add_pass", pass_type):
        raise PermissionDenied(_("You may not issue passes for this edition."))
    if pass_type.event_id != event.pk:
        raise ValidationError(_("This pass type belongs to another edition."))
    if not holder_name.strip():
        raise ValidationError(_("Give the holder's name."))
    now = now or timezone.now()
    days = _checked_days(pass_type, days)
    with transaction.atomic():
        _take_places(pass_type, days, 1)
        (visitor_pass,) = _create_passes(
            event=event,
            pass_type=pass_type,
            days=days,
            people=[Person(name=holder_name, email=holder_email)],
            status=PassStatus.VALID,
            registration=registration,
            application=application,
            now=now,
        )
        if deliver and visitor_pass.holder_email:
            pass_deliver(visitor_pass=visitor_pass, actor=actor, reason="issued")
    return visitor_pass


def pass_approve(*, visitor_pass: Pass, actor, now: datetime | None = None) -> Pass:
    if actor is not None and not can(actor, "tickets.change_pass", visitor_pass):
        raise PermissionDenied(_("You may not approve this pass."))
    with transaction.atomic():
        locked = Pass.objects.select_for_update().get(pk=visitor_pass.pk)
        if locked.status != PassStatus.PENDING:
            raise ValidationError(
                _("Only a pass awaiting approval can be approved; this one is %(status)s.")
                % {"status": locked.get_status_display().lower()}
            )
        locked.status = PassStatus.VALID
        locked.approved_at = now or timezone.now()
        locked.save(update_fields=["status", "approved_at", "updated_at"])
        if _address_of(locked):
            pass_deliver(visitor_pass=locked, actor=actor, reason="approved")
    return locked


def pass_void(*, visitor_pass: Pass, actor, reason: str, now: datetime | None = None) -> Pass:
    """Void a pass: its QR codes stop working at once and its places come free."""
    if actor is not None and not can(actor, "tickets.change_pass", visitor_pass):
        raise PermissionDenied(_("You may not void this pass."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give a reason for voiding the pass."))
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Pass.objects.select_for_update().select_related("pass_type").get(pk=visitor_pass.pk)
        )
        if locked.status == PassStatus.VOID:
            raise ValidationError(_("This pass is already void."))
        locked.status = PassStatus.VOID
        locked.voided_at = now
        locked.void_reason = reason[:300]
        locked.save(update_fields=["status", "voided_at", "void_reason", "updated_at"])
        PassRevocation.objects.create(
            event_id=locked.event_id, visitor_pass=locked, valid_serial=0, created_at=now
        )
        _give_back_places(locked)
        day_ids = list(locked.pass_days.values_list("day_id", flat=True))
        transaction.on_commit(lambda: _queue("notify_waitlist", locked.pass_type_id, day_ids))
    return locked


def pass_reissue(*, visitor_pass: Pass, actor, now: datetime | None = None) -> Pass:
    """A new QR code and pass page link (e.g. the old ones were shared); the old stop working."""
    if actor is not None and not can(actor, "tickets.change_pass", visitor_pass):
        raise PermissionDenied(_("You may not re-issue this pass."))
    now = now or timezone.now()
    with transaction.atomic():
        locked = Pass.objects.select_for_update().get(pk=visitor_pass.pk)
        if locked.status == PassStatus.VOID:
            raise ValidationError(_("A void pass cannot be re-issued."))
        if locked.serial >= tokens.MAX_SERIAL:
            raise ValidationError(_("This pass cannot be re-issued again; issue a new one."))
        locked.serial += 1
        locked.access_key = new_access_key()
        locked.save(update_fields=["serial", "access_key", "updated_at"])
        PassRevocation.objects.create(
            event_id=locked.event_id,
            visitor_pass=locked,
            valid_serial=locked.serial,
            created_at=now,
        )
        if locked.status == PassStatus.VALID and _address_of(locked):
            pass_deliver(visitor_pass=locked, actor=actor, reason="reissued")
    return locked


def pass_deliver(*, visitor_pass: Pass, actor=None, reason: str = "resent") -> PassDelivery:
    """Queue the pass's email (PDF attached, link to the pass page) once this commits."""
    if actor is not None and not can(actor, "tickets.change_pass", visitor_pass):
        raise PermissionDenied(_("You may not send this pass."))
    if visitor_pass.status != PassStatus.VALID:
        raise ValidationError(_("Only a valid pass can be sent."))
    to = _address_of(visitor_pass)
    if not to:
        raise ValidationError(_("This pass has no email address to send it to."))
    delivery = PassDelivery.objects.create(
        visitor_pass=visitor_pass, to_email=to, reason=reason, requested_by=actor
    )
    transaction.on_commit(lambda: _queue("deliver_pass", delivery.pk))
    return delivery


def _address_of(visitor_pass: Pass) -> str:
    if visitor_pass.holder_email:
        return visitor_pass.holder_email
    return visitor_pass.registration.email if visitor_pass.registration_id else ""


def delivery_record(
    *, delivery: PassDelivery, sent: bool, error: str = "", final: bool = False
) -> None:
    """The task's report of one attempt: sent, or failed (for good when ``final``)."""
    changes = {"attempts": F("attempts") + 1, "last_error": error[:500]}
    if sent:
        changes.update(status=DeliveryStatus.SENT, sent_at=timezone.now())
    elif final:
        changes.update(status=DeliveryStatus.FAILED)
    PassDelivery.objects.filter(pk=delivery.pk).update(**changes)


def waitlist_join(
    *,
    event: Event,
    pass_type: PassType,
    days: Iterable[EventDay],
    name: str,
    email: str,
    phone: str = "",
    people: int = 1,
    language: str = "id",
    consent: bool,
    now: datetime | None = None,
) -> list[WaitlistEntry]:
    """Put someone on the waiting list of full days; joining twice changes nothing."""
    if not consent:
        raise ValidationError(_("Please agree to the privacy notice to join the waiting list."))
    now = now or timezone.now()
    days = _checked_days(pass_type, days)
    email = email.strip().lower()
    entries = []
    with transaction.atomic():
        for day in days:
            entry, _created = WaitlistEntry.objects.get_or_create(
                day=day,
                pass_type=pass_type,
                email=email,
                defaults={
                    "event": event,
                    "name": name.strip(),
                    "phone": phone,
                    "people": max(1, people),
                    "language": language if language in ("id", "en") else "id",
                    "consent_at": now,
                    "created_at": now,
                },
            )
            entries.append(entry)
    return entries


def _queue(task_name: str, *args) -> None:
    from . import tasks

    getattr(tasks, task_name).delay(*args)


# --- scanner devices -----------------------------------------------------------------------


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def gate_device_register(*, gate: Gate, name: str, actor) -> tuple[GateDevice, str]:
    """A phone signs in at ``gate``: (device, bearer token). Only the token's digest is kept."""
    if not can(actor, "events.operate_gates", gate.event):
        raise PermissionDenied(_("You may not scan at this edition's gates."))
    if not gate.is_active:
        raise ValidationError(_("This gate is closed."))
    raw = secrets.token_urlsafe(32)
    device = GateDevice.objects.create(
        event_id=gate.event_id,
        gate=gate,
        name=(name or "").strip()[:100] or _("Scanner"),
        token_digest=token_digest(raw),
        created_by=actor,
    )
    return device, raw


def gate_device_revoke(*, device: GateDevice, actor) -> GateDevice:
    if actor is not None and not (
        can(actor, "tickets.change_gatedevice", device) or device.created_by_id == actor.pk
    ):
        raise PermissionDenied(_("You may not revoke this device."))
    GateDevice.objects.filter(pk=device.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    forget_device(device.token_digest)
    device.refresh_from_db()
    return device


# --- check-in ------------------------------------------------------------------------------


@dataclass
class ScanOutcome:
    result: str
    reason: str = ""
    checkin_id: int | None = None
    nonce: str = ""
    direction: str = Direction.IN
    pass_id: int | None = None
    holder_name: str = ""
    pass_type: str = ""
    category: str = ""
    code: str = ""
    replayed: bool = False
    conflict: bool = False

    @property
    def admitted(self) -> bool:
        return self.result == ScanResult.ADMITTED

    @property
    def reason_text(self) -> str:
        return reason_text(self.reason)


@dataclass(frozen=True)
class Scan:
    """What a scanner sends for one scan (online now, or later from its offline queue)."""

    nonce: str
    text: str  # the QR token, or a pass code typed in
    direction: str = Direction.IN
    scanned_at: datetime | None = None
    # From an offline queue: what the device decided at the gate.
    device_result: str = ""
    device_reason: str = ""


def _find_pass(event: Event, text: str, keys: dict[int, bytes]):
    """(pass id or None, serial scanned or None, refusal reason or "")."""
    if tokens.looks_like_token(text):
        try:
            claims = tokens.verify(text, keys)
        except tokens.TokenError:
            try:
                claims, _body, _sig = tokens.read_claims(text)
            except tokens.TokenError:
                return None, None, RefusalReason.UNKNOWN
            if claims.event_id != event.pk:
                return None, None, RefusalReason.OTHER_EVENT
            return None, None, RefusalReason.UNKNOWN
        if claims.event_id != event.pk:  # signed by a key this edition shares? never
            return None, None, RefusalReason.OTHER_EVENT
        return claims.pass_id, claims.serial, ""
    code = normalize_code(text)
    if not code or len(code) > 12:
        return None, None, RefusalReason.UNKNOWN
    row = Pass.objects.filter(code=code).values_list("pk", "event_id").first()
    if row is None:
        return None, None, RefusalReason.UNKNOWN
    if row[1] != event.pk:
        return None, None, RefusalReason.OTHER_EVENT
    return row[0], None, ""


def scan_day(event: Event, moment: datetime) -> EventDay | None:
    local = moment.astimezone(ZoneInfo(event.time_zone)).date()
    return next((day for day in edition_days(event.pk) if day.date == local), None)


def judge(
    visitor_pass: Pass, *, serial: int | None, gate: Gate, day: EventDay | None, direction: str
) -> str:
    """The check-in rules: "" to admit, else the refusal reason.

    Mirrored offline in static/js/scanner/judge.js: change both together.
    """
    if visitor_pass.status == PassStatus.VOID:
        return RefusalReason.VOID
    if serial is not None and serial != visitor_pass.serial:
        return RefusalReason.REVOKED if serial < visitor_pass.serial else RefusalReason.UNKNOWN
    if direction == Direction.OUT:
        return ""  # nobody is kept in; an exit of someone not inside is noted, not refused
    if visitor_pass.status == PassStatus.PENDING:
        return RefusalReason.NOT_APPROVED
    if visitor_pass.status == PassStatus.AWAITING_PAYMENT:
        return RefusalReason.NOT_PAID
    if day is None:
        return RefusalReason.CLOSED
    index = day_indexes(visitor_pass.event_id)[day.pk]
    if not visitor_pass.day_mask >> index & 1:
        return RefusalReason.WRONG_DAY
    gates = pass_type_gates(visitor_pass.pass_type_id)
    if gates and gate.pk not in gates:
        return RefusalReason.WRONG_GATE
    if visitor_pass.inside_day_id == day.pk and not visitor_pass.pass_type.multiple_entries:
        return RefusalReason.ALREADY_INSIDE
    return ""


def checkin_redeem(*, device: GateDevice, scan: Scan, now: datetime | None = None) -> ScanOutcome:
    """Judge one scan at ``device``'s gate and record it; the same nonce twice is one scan."""
    now = now or timezone.now()
    return _apply(device=device, scan=scan, now=now, offline=False)


def checkin_upload(
    *, device: GateDevice, scans: Sequence[Scan], now: datetime | None = None
) -> list[ScanOutcome]:
    """Apply an offline queue, oldest first; scans already applied (by nonce) are replayed."""
    now = now or timezone.now()
    ordered = sorted(
        scans,
        key=lambda s: (
            timezone.make_aware(s.scanned_at, UTC)
            if s.scanned_at and timezone.is_naive(s.scanned_at)
            else s.scanned_at or now
        ),
    )
    return [_apply(device=device, scan=scan, now=now, offline=True) for scan in ordered]


def _replay(event_id: int, nonce: str) -> ScanOutcome | None:
    existing = (
        CheckIn.objects.filter(event_id=event_id, nonce=nonce)
        .select_related("visitor_pass__pass_type")
        .first()
    )
    if existing is None:
        return None
    return _outcome(existing, existing.visitor_pass, replayed=True)


def _outcome(checkin: CheckIn, visitor_pass: Pass | None, *, replayed=False) -> ScanOutcome:
    return ScanOutcome(
        result=checkin.result,
        reason=checkin.reason,
        checkin_id=checkin.pk,
        nonce=checkin.nonce,
        direction=checkin.direction,
        pass_id=visitor_pass.pk if visitor_pass else None,
        holder_name=visitor_pass.holder_name if visitor_pass else "",
        pass_type=visitor_pass.pass_type.display_name if visitor_pass else "",
        category=visitor_pass.pass_type.category if visitor_pass else "",
        code=visitor_pass.code if visitor_pass else "",
        replayed=replayed,
        conflict=checkin.conflict,
    )


# The scan path runs at every gate at peak hour, so it speaks SQL of its own (decision 0006):
# one read of the pass, then one statement that moves the holder and records the scan, in
# autocommit. The move is a compare-and-swap on the pass's presence; when another gate
# changed it in between, the scan is judged again with the pass's row locked.
PASS_STATE_COLUMNS = (
    "id",
    "event_id",
    "pass_type_id",
    "status",
    "serial",
    "day_mask",
    "inside_day_id",
    "presence_changed_at",
    "holder_name",
    "code",
)
PASS_TYPE_STATE_COLUMNS = ("name", "name_en", "category", "multiple_entries")
READ_PASS_SQL = """
    SELECT p.id, p.event_id, p.pass_type_id, p.status, p.serial, p.day_mask, p.inside_day_id,
           p.presence_changed_at, p.holder_name, p.code,
           t.name, t.name_en, t.category, t.multiple_entries
      FROM tickets_pass p JOIN tickets_passtype t ON t.id = p.pass_type_id
     WHERE p.id = %s AND p.event_id = %s
"""
# Typed, because in INSERT ... SELECT a NULL has no type of its own.
INSERT_CHECKIN_SQL = """
    INSERT INTO tickets_checkin (event_id, visitor_pass_id, gate_id, device_id, day_id,
           direction, result, reason, nonce, scanned_at, received_at, offline, conflict,
           scanned_serial)
    SELECT %s::bigint, %s::bigint, %s::bigint, %s::bigint, %s::bigint, %s::varchar,
           %s::varchar, %s::varchar, %s::varchar, %s::timestamptz, %s::timestamptz,
           %s::boolean, %s::boolean, %s::smallint
    RETURNING id
"""
MOVE_AND_INSERT_CHECKIN_SQL = """
    WITH moved AS (
        UPDATE tickets_pass SET inside_day_id = %s::bigint, presence_changed_at = %s::timestamptz
         WHERE id = %s AND status = %s AND serial = %s
           AND inside_day_id IS NOT DISTINCT FROM %s::bigint
           AND presence_changed_at IS NOT DISTINCT FROM %s::timestamptz
        RETURNING id
    )
    INSERT INTO tickets_checkin (event_id, visitor_pass_id, gate_id, device_id, day_id,
           direction, result, reason, nonce, scanned_at, received_at, offline, conflict,
           scanned_serial)
    SELECT %s::bigint, %s::bigint, %s::bigint, %s::bigint, %s::bigint, %s::varchar,
           %s::varchar, %s::varchar, %s::varchar, %s::timestamptz, %s::timestamptz,
           %s::boolean, %s::boolean, %s::smallint
     WHERE EXISTS (SELECT 1 FROM moved)
    RETURNING id
"""


@dataclass
class _Decision:
    result: str
    reason: str
    conflict: bool
    # Where the holder is after the scan, and since when; None when the pass does not move.
    move: tuple[int | None, datetime] | None


def _apply(*, device: GateDevice, scan: Scan, now: datetime, offline: bool) -> ScanOutcome:
    nonce = (scan.nonce or "").strip()[:64]
    if not nonce:
        raise ValidationError(_("A scan needs a nonce."))
    direction = scan.direction if scan.direction in Direction.values else None
    if direction is None:
        raise ValidationError(_("Direction must be in or out."))
    event = device.event
    # Offline queues are often uploaded twice (a timeout, a retry): answer those at once.
    # Online, a repeated nonce is rare, and the unique constraint catches it below.
    if offline:
        replay = _replay(event.pk, nonce)
        if replay is not None:
            return replay
    scanned_at = scan.scanned_at or now
    if timezone.is_naive(scanned_at):  # a phone that sent no offset: read it as UTC
        scanned_at = timezone.make_aware(scanned_at, UTC)
    if not offline or scanned_at > now:
        scanned_at = min(scanned_at, now) if offline else now
    day = scan_day(event, scanned_at)
    pass_id, serial, found = _find_pass(event, scan.text, public_keys(event))
    checkin = CheckIn(
        event=event,
        gate=device.gate,
        device=device,
        day=day,
        direction=direction,
        nonce=nonce,
        scanned_at=scanned_at,
        received_at=now,
        offline=offline,
        scanned_serial=serial,
    )

    def attempt(cursor, *, lock: bool) -> Pass | None:
        visitor_pass = None
        if pass_id is not None:
            visitor_pass = _read_pass(cursor, pass_id, event.pk, lock=lock)
        decision = _decide(
            visitor_pass,
            found=found if pass_id is None else "",
            scan=scan,
            serial=serial,
            checkin=checkin,
            offline=offline,
        )
        checkin.visitor_pass = visitor_pass
        checkin.result, checkin.reason, checkin.conflict = (
            decision.result,
            decision.reason,
            decision.conflict,
        )
        checkin.pk = _record(cursor, checkin, visitor_pass, decision.move)
        return visitor_pass

    try:
        with connection.cursor() as cursor:
            visitor_pass = attempt(cursor, lock=False)
            if checkin.pk is None:  # another gate moved the holder meanwhile: again, locked
                with transaction.atomic():
                    visitor_pass = attempt(cursor, lock=True)
    except IntegrityError:
        # The same nonce from a concurrent upload: that one was applied; answer with it.
        replay = _replay(event.pk, nonce)
        if replay is None:
            raise
        return replay
    return _outcome(checkin, visitor_pass)


def _read_pass(cursor, pass_id: int, event_id: int, *, lock: bool) -> Pass | None:
    """What the check-in rules read of a pass; its other fields load if asked for."""
    cursor.execute(READ_PASS_SQL + (" FOR UPDATE OF p" if lock else ""), [pass_id, event_id])
    row = cursor.fetchone()
    if row is None:
        return None
    split = len(PASS_STATE_COLUMNS)
    visitor_pass = loaded(Pass, PASS_STATE_COLUMNS, row[:split])
    visitor_pass.pass_type = loaded(
        PassType, ("id", *PASS_TYPE_STATE_COLUMNS), (row[2], *row[split:])
    )
    return visitor_pass


def _decide(
    visitor_pass: Pass | None, *, found: str, scan: Scan, serial, checkin: CheckIn, offline: bool
) -> _Decision:
    direction, day, at = checkin.direction, checkin.day, checkin.scanned_at
    if visitor_pass is None:
        reason = found or RefusalReason.UNKNOWN
    else:
        reason = judge(visitor_pass, serial=serial, gate=checkin.gate, day=day, direction=direction)
    result = ScanResult.REFUSED if reason else ScanResult.ADMITTED
    conflict = False
    if offline and scan.device_result in ScanResult.values:
        # What happened at the gate stands; where the server disagrees, flag it.
        conflict = scan.device_result == ScanResult.ADMITTED and bool(reason)
        if scan.device_result == ScanResult.ADMITTED and visitor_pass is not None:
            result = ScanResult.ADMITTED
        elif scan.device_result == ScanResult.REFUSED:
            result = ScanResult.REFUSED
            reason = reason or (
                scan.device_reason
                if scan.device_reason in RefusalReason.values
                else RefusalReason.UNKNOWN
            )
    move = None
    if result == ScanResult.ADMITTED and visitor_pass is not None:
        if direction == Direction.OUT and visitor_pass.inside_day_id is None:
            reason = reason or RefusalReason.NOT_INSIDE  # noted: an exit nobody saw enter
        stamp = visitor_pass.presence_changed_at
        if stamp is None or at >= stamp:  # an older scan arriving late does not undo a newer one
            move = (day.pk if direction == Direction.IN and day is not None else None, at)
    return _Decision(result=result, reason=reason, conflict=conflict, move=move)


def _record(cursor, checkin: CheckIn, visitor_pass: Pass | None, move) -> int | None:
    """Store the scan (and move the holder); None when the pass changed since it was read."""
    values = [
        checkin.event_id,
        visitor_pass.pk if visitor_pass is not None else None,
        checkin.gate_id,
        checkin.device_id,
        checkin.day_id,
        checkin.direction,
        checkin.result,
        checkin.reason,
        checkin.nonce,
        checkin.scanned_at,
        checkin.received_at,
        checkin.offline,
        checkin.conflict,
        checkin.scanned_serial,
    ]
    if move is None:
        sql = INSERT_CHECKIN_SQL
    else:
        sql = MOVE_AND_INSERT_CHECKIN_SQL
        values = [
            *move,
            visitor_pass.pk,
            visitor_pass.status,
            visitor_pass.serial,
            visitor_pass.inside_day_id,
            visitor_pass.presence_changed_at,
            *values,
        ]
    # Inside a caller's transaction, a savepoint keeps a clashing nonce answerable.
    with transaction.atomic() if connection.in_atomic_block else nullcontext():
        cursor.execute(sql, values)
        row = cursor.fetchone()
    if row is None:
        return None
    if move is not None:
        visitor_pass.inside_day_id, visitor_pass.presence_changed_at = move
    return row[0]


# --- badge sheets --------------------------------------------------------------------------


def badge_job_request(*, event: Event, actor, pass_ids: Sequence[int] | None = None):
    """Queue badge sheets for the edition's valid exhibitor-staff passes (or ``pass_ids``)."""
    from .models import BadgeSheetJob, PassCategory

    if actor is not None and not can(
        actor, "tickets.add_badgesheetjob", BadgeSheetJob(event=event)
    ):
        raise PermissionDenied(_("You may not print badges for this edition."))
    passes = Pass.objects.filter(event=event, status=PassStatus.VALID)
    if pass_ids is not None:
        passes = passes.filter(pk__in=list(pass_ids))
    else:
        passes = passes.filter(pass_type__category=PassCategory.EXHIBITOR_STAFF)
    ids = list(passes.order_by("pk").values_list("pk", flat=True))
    if not ids:
        raise ValidationError(_("There are no valid staff passes to print."))
    job = BadgeSheetJob.objects.create(
        event=event, requested_by=actor, total=len(ids), pass_ids=ids
    )
    transaction.on_commit(lambda: _queue("make_badge_sheets", job.pk))
    return job


def badge_job_run(*, job_id: int, chunk: int = 200) -> int:
    """Render a job's badge sheets, saving progress every ``chunk`` badges."""
    from django.core.files.base import ContentFile

    from .models import BadgeSheetJob, JobStatus
    from .pdf import render_badge_sheets
    from .selectors import pass_card, pass_token

    job = BadgeSheetJob.objects.filter(pk=job_id).first()
    if job is None or job.status == JobStatus.DONE:
        return 0
    BadgeSheetJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, done=0)
    cards = []
    try:
        key = signing_key_for(job.event)  # once for the job, not once per badge
        ids = list(job.pass_ids)
        for start in range(0, len(ids), chunk):
            batch = (
                Pass.objects.filter(pk__in=ids[start : start + chunk])
                .select_related(
                    "event__venue", "pass_type", "registration", "application__business"
                )
                .prefetch_related("days", "pass_type__gates")
                .order_by("pk")
            )
            cards.extend(
                pass_card(visitor_pass, token=pass_token(visitor_pass, key=key))
                for visitor_pass in batch
            )

        def progress(done: int) -> None:
            BadgeSheetJob.objects.filter(pk=job.pk).update(done=done)

        pdf = render_badge_sheets(cards, progress=progress)
        job.file.save(f"badges-{job.event_id}-{job.pk}.pdf", ContentFile(pdf), save=False)
        BadgeSheetJob.objects.filter(pk=job.pk).update(
            status=JobStatus.DONE, file=job.file.name, done=len(cards), finished_at=timezone.now()
        )
    except Exception as error:  # reported on the job's screen; the organizer can ask again
        logger.exception("Badge sheet job %s failed.", job.pk)
        BadgeSheetJob.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, error=str(error)[:500], finished_at=timezone.now()
        )
        return 0
    return len(cards)
