"""Reads for passes and gates: tokens, pass cards for PDFs and pages, the scanner's lists,
and the organizers' live figures.

The check-in path asks for an edition's public keys, day order and gate rules on
every scan; those change rarely, so each process keeps them for a few seconds
(``_memo``) instead of asking the database each time. A retired key or a changed gate
rule therefore reaches every web process within ``MEMO_SECONDS``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import Count, Q
from django.db.models.functions import TruncHour
from django.utils import timezone
from django.utils.formats import date_format

from events.models import Event, EventDay, EventStatus
from events.money import format_rupiah

from . import tokens
from .models import (
    CheckIn,
    DayTally,
    Direction,
    Gate,
    GateDevice,
    Pass,
    PassRevocation,
    PassStatus,
    PassType,
    RefusalReason,
    Registration,
    ScanResult,
    SigningKey,
)

MEMO_SECONDS = 10.0
_memo_lock = threading.Lock()
_memo_store: dict[tuple, tuple[float, object]] = {}


def _memo(key: tuple, compute):
    """``compute()``, remembered in this process for MEMO_SECONDS; None is not remembered,
    so made-up keys (a slug, a token) cannot fill the memory."""
    now = time.monotonic()
    hit = _memo_store.get(key)
    if hit is not None and now - hit[0] < MEMO_SECONDS:
        return hit[1]
    value = compute()
    if value is not None:
        with _memo_lock:
            _memo_store[key] = (now, value)
    return value


def forget_memos() -> None:
    """Drop every process-local memo (tests, and right after a key rotation here)."""
    with _memo_lock:
        _memo_store.clear()


def day_indexes(event: Event | int) -> dict[int, int]:
    """EventDay id → its position among the edition's days, as the token's day mask counts."""
    event_id = event if isinstance(event, int) else event.pk
    return _memo(
        ("day_indexes", event_id),
        lambda: {
            pk: index
            for index, pk in enumerate(
                EventDay.objects.filter(event_id=event_id)
                .order_by("date")
                .values_list("pk", flat=True)
            )
        },
    )


def edition_days(event_id: int) -> list[EventDay]:
    """The edition's days in date order (the check-in path asks on every scan)."""
    return _memo(
        ("edition_days", event_id),
        lambda: list(EventDay.objects.filter(event_id=event_id).order_by("date")),
    )


def public_keys(event: Event | int) -> dict[int, bytes]:
    """Key id → raw Ed25519 public key, for the edition's keys that are not retired."""
    event_id = event if isinstance(event, int) else event.pk
    return _memo(("public_keys", event_id), lambda: _load_public_keys(event_id))


def _load_public_keys(event_id: int) -> dict[int, bytes]:
    return {
        kid: bytes(public)
        for kid, public in SigningKey.objects.filter(
            event_id=event_id, retired_at__isnull=True
        ).values_list("kid", "public_key")
    }


def pass_type_gates(pass_type_id: int) -> frozenset[int]:
    """Ids of the gates a pass type is restricted to; empty: every gate."""
    return _memo(
        ("pass_type_gates", pass_type_id),
        lambda: frozenset(
            PassType.gates.through.objects.filter(passtype_id=pass_type_id).values_list(
                "gate_id", flat=True
            )
        ),
    )


def reason_text(reason: str) -> str:
    if not reason:
        return ""
    try:
        return str(RefusalReason(reason).label)
    except ValueError:
        return reason


def pass_token(visitor_pass: Pass, *, key: SigningKey | None = None) -> str:
    """The text of the pass's QR code, signed with the edition's current key (or ``key``)."""
    from .services import signing_key_for

    key = key or signing_key_for(visitor_pass.event)
    return tokens.sign(
        tokens.Claims(
            kid=key.kid,
            event_id=visitor_pass.event_id,
            pass_id=visitor_pass.pk,
            serial=visitor_pass.serial,
            pass_type_id=visitor_pass.pass_type_id,
            day_mask=visitor_pass.day_mask,
        ),
        bytes(key.private_key),
    )


def display_code(code: str) -> str:
    """``K7M3Q9XD2A`` as ``K7M3Q-9XD2A``: easier to read out and type."""
    half = (len(code) + 1) // 2
    return f"{code[:half]}-{code[half:]}" if len(code) > 6 else code


ACCESS_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def pass_by_access_key(key: str) -> Pass | None:
    if not key or len(key) > 32 or not set(key) <= ACCESS_KEY_CHARS:
        return None
    return (
        Pass.objects.select_related("event__venue", "pass_type", "registration")
        .prefetch_related("days")
        .filter(access_key=key)
        .first()
    )


@dataclass(frozen=True)
class PassCard:
    """Everything a pass PDF, a badge or the pass page shows; plain values, no queries."""

    pass_id: int
    token: str
    code: str
    holder_name: str
    organisation: str
    pass_type_id: str  # name in Indonesian
    pass_type_en: str
    category: str
    status: str
    event_name: str
    venue: str
    city: str
    days_id: list[str]  # "Kamis, 12 Agustus 2027 · 09.00–21.00 WIB"
    days_en: list[str]
    gate_hints: list[str]  # "Gerbang Utara — Jl. Ronggowarsito"
    price: str  # "Rp 25.000", or "" for a free pass
    serial: int

    @property
    def fingerprint(self) -> str:
        """Changes whenever anything printed on the pass changes (the PDF store's key)."""
        import hashlib

        return hashlib.sha256(repr(astuple(self)).encode()).hexdigest()


def _zone_abbreviation(time_zone: str) -> str:
    return {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}.get(
        time_zone, time_zone
    )


def _day_lines(days: list[EventDay], zone: str, language: str) -> list[str]:
    from django.utils import translation

    lines = []
    with translation.override(language):
        for day in days:
            hours = f"{day.opens_at:%H.%M}–{day.closes_at:%H.%M} {zone}"
            lines.append(f"{date_format(day.date, 'l, j F Y')} · {hours}")
    return lines


def pass_card(visitor_pass: Pass, *, token: str | None = None) -> PassCard:
    """The card of ``visitor_pass`` (with event, venue, type and days loaded)."""
    event = visitor_pass.event
    days = sorted(visitor_pass.days.all(), key=lambda day: day.date)
    zone = _zone_abbreviation(event.time_zone)
    # .all() keeps a prefetch (badge sheets load thousands of passes at once).
    gates = [gate for gate in visitor_pass.pass_type.gates.all() if gate.is_active]
    if not gates:
        gates = _memo(
            ("open_gates", event.pk),
            lambda: list(Gate.objects.filter(event=event, is_active=True)),
        )
    organisation = ""
    if visitor_pass.registration_id and visitor_pass.registration.organisation:
        organisation = visitor_pass.registration.organisation
    elif visitor_pass.application_id:
        organisation = visitor_pass.application.business.display_name
    token = token or pass_token(visitor_pass)
    return PassCard(
        pass_id=visitor_pass.pk,
        token=token,
        code=display_code(visitor_pass.code),
        holder_name=visitor_pass.holder_name,
        organisation=organisation,
        pass_type_id=visitor_pass.pass_type.name,
        pass_type_en=visitor_pass.pass_type.name_en or visitor_pass.pass_type.name,
        category=visitor_pass.pass_type.category,
        status=visitor_pass.status,
        event_name=event.name,
        venue=event.venue.name,
        city=event.venue.city,
        days_id=_day_lines(days, zone, "id"),
        days_en=_day_lines(days, zone, "en"),
        gate_hints=[f"{gate.name} — {gate.hint}" if gate.hint else gate.name for gate in gates],
        price=format_rupiah(visitor_pass.pass_type.price) if visitor_pass.pass_type.price else "",
        serial=visitor_pass.serial,
    )


# --- the scanner's lists ---------------------------------------------------------------------


def revocations_since(event: Event, cursor: int, limit: int = 5000) -> tuple[list[dict], int]:
    """Passes voided or re-issued after ``cursor``: [{p: pass id, s: lowest valid serial}]."""
    rows = list(
        PassRevocation.objects.filter(event=event, pk__gt=cursor)
        .order_by("pk")
        .values_list("pk", "visitor_pass_id", "valid_serial")[:limit]
    )
    next_cursor = rows[-1][0] if rows else cursor
    return [{"p": pass_id, "s": serial} for _pk, pass_id, serial in rows], next_cursor


def admitted_since(
    event: Event, cursor: int, *, day: EventDay | None, limit: int = 5000
) -> tuple[list[dict], int]:
    """Admitted scans of ``day`` after ``cursor``: [{p: pass id, d: "in"/"out", t: epoch s}]."""
    if day is None:
        last = CheckIn.objects.filter(event=event).order_by("-pk").values_list("pk", flat=True)
        return [], max(cursor, last.first() or 0)
    rows = list(
        CheckIn.objects.filter(event=event, pk__gt=cursor, day=day, result=ScanResult.ADMITTED)
        .order_by("pk")
        .values_list("pk", "visitor_pass_id", "direction", "scanned_at")[:limit]
    )
    next_cursor = rows[-1][0] if rows else cursor
    return [
        {"p": pass_id, "d": direction, "t": int(at.timestamp())}
        for _pk, pass_id, direction, at in rows
    ], next_cursor


def scanner_config(event: Event) -> dict:
    """What a scanner needs to judge passes offline: days, gates, pass types, public keys."""
    import base64

    from .services import signing_key_for

    signing_key_for(event)  # an edition's first scanner creates its key
    indexes = day_indexes(event)
    days = EventDay.objects.filter(event=event).order_by("date")
    pass_types = PassType.objects.filter(event=event).prefetch_related("gates")
    return {
        "event": {"id": event.pk, "name": event.name, "time_zone": event.time_zone},
        "days": [
            {
                "id": day.pk,
                "index": indexes[day.pk],
                "date": day.date.isoformat(),
                "opens_at": day.opens_at.strftime("%H:%M"),
                "closes_at": day.closes_at.strftime("%H:%M"),
            }
            for day in days
        ],
        "gates": [
            {"id": gate.pk, "code": gate.code, "name": gate.name}
            for gate in Gate.objects.filter(event=event, is_active=True)
        ],
        "pass_types": [
            {
                "id": pass_type.pk,
                "name": pass_type.display_name,
                "category": pass_type.category,
                "multiple_entries": pass_type.multiple_entries,
                "gates": sorted(gate.pk for gate in pass_type.gates.all()),
            }
            for pass_type in pass_types
        ],
        "keys": [
            {"kid": kid, "public_key": base64.b64encode(public).decode("ascii")}
            for kid, public in sorted(_load_public_keys(event.pk).items())
        ],
        "reasons": {value: str(label) for value, label in RefusalReason.choices},
    }


# --- live figures ----------------------------------------------------------------------------


@dataclass
class DayCapacity:
    day: EventDay
    registered: int
    capacity: int

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.registered / self.capacity)) if self.capacity else 100

    @property
    def left(self) -> int:
        return max(0, self.capacity - self.registered)


def day_capacities(event: Event) -> list[DayCapacity]:
    taken = dict(
        DayTally.objects.filter(day__event=event, pass_type__isnull=True).values_list(
            "day_id", "taken"
        )
    )
    return [
        DayCapacity(day=day, registered=taken.get(day.pk, 0), capacity=day.visitor_capacity)
        for day in EventDay.objects.filter(event=event).order_by("date")
    ]


def places_left(pass_type: PassType) -> dict[int, int]:
    """Day id → places left for ``pass_type`` (the smaller of the day's and the type's)."""
    tallies = {
        (day_id, type_id): taken
        for day_id, type_id, taken in DayTally.objects.filter(
            Q(pass_type__isnull=True) | Q(pass_type=pass_type), day__event_id=pass_type.event_id
        ).values_list("day_id", "pass_type_id", "taken")
    }
    left = {}
    for day in pass_type.days.all():
        room = []
        if pass_type.counts_as_visitor:
            room.append(day.visitor_capacity - tallies.get((day.pk, None), 0))
        if pass_type.capacity_per_day is not None:
            room.append(pass_type.capacity_per_day - tallies.get((day.pk, pass_type.pk), 0))
        left[day.pk] = max(0, min(room)) if room else 10**9
    return left


@dataclass
class GateHour:
    gate: str
    hour: datetime
    entries: int = 0
    exits: int = 0
    refused: int = 0


@dataclass
class LiveFigures:
    day: EventDay | None
    inside_now: int
    entries_today: int
    exits_today: int
    refused_today: int
    conflicts_today: int
    by_gate: list[dict]
    by_hour: list[GateHour]
    hours: list[datetime]
    capacities: list[DayCapacity]
    registrations: int
    passes_valid: int
    refusals: list[tuple[str, int]]


def gate_now() -> datetime:
    """The time at the gates: now, or now on ``TICKETS_REHEARSAL_DATE`` when that is set.

    ``make run`` sets it to the demo edition's first day, so the demo's gates can be
    tried before the edition takes place; production leaves it empty.
    """
    now = timezone.now()
    rehearsal = getattr(settings, "TICKETS_REHEARSAL_DATE", "")
    if not rehearsal:
        return now
    local = now.astimezone(ZoneInfo(settings.TIME_ZONE))
    return datetime.combine(date.fromisoformat(rehearsal), local.timetz())


def today_of(event: Event, now: datetime | None = None) -> EventDay | None:
    now = now or gate_now()
    local = now.astimezone(ZoneInfo(event.time_zone)).date()
    return EventDay.objects.filter(event=event, date=local).first()


def live_figures(event: Event, *, day: EventDay | None = None, now=None) -> LiveFigures:
    """Entries and exits per gate and hour, people inside, registrations against capacity."""
    day = day or today_of(event, now)
    zone = ZoneInfo(event.time_zone)
    scans = CheckIn.objects.filter(event=event, day=day) if day else CheckIn.objects.none()
    admitted = scans.filter(result=ScanResult.ADMITTED)
    entries = admitted.filter(direction=Direction.IN)
    exits = admitted.filter(direction=Direction.OUT)
    gate_names = dict(Gate.objects.filter(event=event).values_list("pk", "name"))
    by_gate = []
    rows = scans.values("gate_id", "direction", "result").annotate(n=Count("pk"))
    totals: dict[int, dict] = {}
    for row in rows:
        line = totals.setdefault(
            row["gate_id"],
            {"gate": gate_names.get(row["gate_id"], "?"), "entries": 0, "exits": 0, "refused": 0},
        )
        if row["result"] == ScanResult.REFUSED:
            line["refused"] += row["n"]
        elif row["direction"] == Direction.IN:
            line["entries"] += row["n"]
        else:
            line["exits"] += row["n"]
    by_gate = sorted(totals.values(), key=lambda line: line["gate"])
    hourly: dict[tuple[int, datetime], GateHour] = {}
    hour_rows = (
        scans.annotate(hour=TruncHour("scanned_at", tzinfo=zone))
        .values("gate_id", "hour", "direction", "result")
        .annotate(n=Count("pk"))
    )
    for row in hour_rows:
        hour = row["hour"].astimezone(zone)
        cell = hourly.setdefault(
            (row["gate_id"], hour), GateHour(gate=gate_names.get(row["gate_id"], "?"), hour=hour)
        )
        if row["result"] == ScanResult.REFUSED:
            cell.refused += row["n"]
        elif row["direction"] == Direction.IN:
            cell.entries += row["n"]
        else:
            cell.exits += row["n"]
    hours = sorted({hour for _gate, hour in hourly})
    refusals = sorted(
        (
            (reason_text(row["reason"]), row["n"])
            for row in scans.filter(result=ScanResult.REFUSED)
            .values("reason")
            .annotate(n=Count("pk"))
        ),
        key=lambda item: -item[1],
    )
    return LiveFigures(
        day=day,
        inside_now=Pass.objects.filter(event=event, inside_day=day).count() if day else 0,
        entries_today=entries.count(),
        exits_today=exits.count(),
        refused_today=scans.filter(result=ScanResult.REFUSED).count(),
        conflicts_today=scans.filter(conflict=True).count(),
        by_gate=by_gate,
        by_hour=sorted(hourly.values(), key=lambda cell: (cell.hour, cell.gate)),
        hours=hours,
        capacities=day_capacities(event),
        registrations=Registration.objects.filter(event=event).count(),
        passes_valid=Pass.objects.filter(event=event, status=PassStatus.VALID).count(),
        refusals=refusals,
    )


def registrations_per_day(event: Event, *, days: int = 30, now=None) -> list[tuple[str, int]]:
    """Registrations per calendar day (the edition's zone) over the last ``days`` days."""
    from django.db.models.functions import TruncDate

    now = now or timezone.now()
    zone = ZoneInfo(event.time_zone)
    since = now - timedelta(days=days)
    rows = (
        Registration.objects.filter(event=event, created_at__gte=since)
        .annotate(date=TruncDate("created_at", tzinfo=zone))
        .values("date")
        .annotate(n=Count("pk"))
        .order_by("date")
    )
    return [(date_format(row["date"], "j M"), row["n"]) for row in rows]


def public_edition(slug: str) -> Event | None:
    """A published or closed edition by its slug, with its venue (every registration asks)."""
    return _memo(
        ("public_edition", slug),
        lambda: (
            Event.objects.select_related("venue")
            .filter(slug=slug, status__in=[EventStatus.PUBLISHED, EventStatus.CLOSED])
            .first()
        ),
    )


def offered_pass_types(event: Event) -> list[PassType]:
    """The public pass types of the registration form, in order, with their days."""
    return _memo(
        ("offered_pass_types", event.pk),
        lambda: list(
            PassType.objects.filter(event=event, is_public=True)
            .prefetch_related("days")
            .order_by("sort_order", "name")
        ),
    )


def visitor_registration_offered(event: Event, now: datetime | None = None) -> bool:
    """Is the public registration form open for ``event`` and offering a pass?"""
    from .services import registration_is_open

    return registration_is_open(event, now) and offers_public_pass(event)


def offers_public_pass(event: Event) -> bool:
    """Does ``event`` have a pass type the public may register for?"""
    return PassType.objects.filter(event=event, is_public=True).exists()


def loaded(model, names: Sequence[str], values: Sequence):
    """An instance from some of its columns, in any order; the others load if asked for."""
    given = dict(zip(names, values, strict=True))
    names = [f.attname for f in model._meta.concrete_fields if f.attname in given]
    return model.from_db(DEFAULT_DB_ALIAS, names, [given[name] for name in names])


ACTIVE_DEVICE_SQL = """
    SELECT d.id, d.event_id, d.gate_id, d.name, d.last_seen_at, d.revoked_at, d.created_by_id,
           g.event_id, g.name, g.code, g.is_active, e.name, e.slug, e.time_zone, e.status
      FROM tickets_gatedevice d
      JOIN tickets_gate g ON g.id = d.gate_id
      JOIN events_event e ON e.id = d.event_id
     WHERE d.token_digest = %s AND d.revoked_at IS NULL AND g.is_active
"""


def active_device(digest: str) -> GateDevice | None:
    """The unrevoked device of an active gate with this token digest, with its gate and edition.

    Asked on every scan, so remembered for MEMO_SECONDS in each process (revoking forgets it
    here at once; other processes refuse the phone within seconds) and read in one plain
    query of the columns the check-in path reads; the other fields load if asked for.
    """
    return _memo(("device", digest), lambda: _read_active_device(digest))


def forget_device(digest: str) -> None:
    with _memo_lock:
        _memo_store.pop(("device", digest), None)


def _read_active_device(digest: str) -> GateDevice | None:
    with connection.cursor() as cursor:
        cursor.execute(ACTIVE_DEVICE_SQL, [digest])
        row = cursor.fetchone()
    if row is None:
        return None
    device = loaded(
        GateDevice,
        ("id", "event_id", "gate_id", "name", "last_seen_at", "revoked_at", "created_by_id"),
        row[:7],
    )
    device.gate = loaded(
        Gate, ("id", "event_id", "name", "code", "is_active"), (row[2], *row[7:11])
    )
    device.event = loaded(
        Event, ("id", "name", "slug", "time_zone", "status"), (row[1], *row[11:15])
    )
    return device
