"""Meetings as an iCalendar file (RFC 5545): a pure render from ``CalendarEntry`` values.

Times are written in UTC ("...Z"), so a phone shows them in its own zone without a
VTIMEZONE block; lines end in CRLF and are folded at 75 octets, never inside a UTF-8
character; text values are escaped. Sending and serving the file are someone else's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from django.utils import timezone

PRODID = "-//Pameran//Business matching//ID"
LINE_OCTETS = 75  # RFC 5545 §3.1, without the CRLF
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # what TEXT may not hold (HTAB may stay)


@dataclass(frozen=True)
class CalendarEntry:
    uid: str  # stable across renders, e.g. "meeting-42@pameran.id", so an update replaces it
    starts_at: datetime  # aware
    ends_at: datetime  # aware
    summary: str
    location: str = ""
    description: str = ""


def escape_text(value: str) -> str:
    """A TEXT value (§3.3.11): backslash, semicolon, comma and newlines escaped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line folded (§3.1): at most 75 octets a line, continued after CRLF and a
    space, never breaking a UTF-8 character; ends with CRLF."""
    parts: list[str] = []
    current, size = [], 0
    limit = LINE_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            parts.append("".join(current))
            current, size = [], 0
            limit = LINE_OCTETS - 1  # the leading space of a continuation counts
        current.append(char)
        size += octets
    parts.append("".join(current))
    return "\r\n ".join(parts) + "\r\n"


def _utc(value: datetime) -> str:
    if timezone.is_naive(value):
        raise ValueError("Calendar times must be aware datetimes.")
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def render_ics(
    *, calendar_name: str, events: list[CalendarEntry], stamp: datetime | None = None
) -> bytes:
    """A VCALENDAR of ``events`` as UTF-8 bytes. ``stamp`` is the DTSTAMP of every event
    (when the file was made): now unless given, so a test can pin it."""
    stamp_text = _utc(stamp or timezone.now())
    name = escape_text(calendar_name)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{name}",  # RFC 7986
        f"X-WR-CALNAME:{name}",  # what Google Calendar and Outlook read
    ]
    for entry in events:
        starts, ends = _utc(entry.starts_at), _utc(entry.ends_at)
        if entry.ends_at <= entry.starts_at:
            raise ValueError(f"Event {entry.uid} must end after it starts.")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape_text(entry.uid)}",
            f"DTSTAMP:{stamp_text}",
            f"DTSTART:{starts}",
            f"DTEND:{ends}",
            f"SUMMARY:{escape_text(entry.summary)}",
        ]
        if entry.location:
            lines.append(f"LOCATION:{escape_text(entry.location)}")
        if entry.description:
            lines.append(f"DESCRIPTION:{escape_text(entry.description)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines).encode("utf-8")
