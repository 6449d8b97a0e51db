"""A hall's floor plan in and out of files: JSON (the whole hall) and CSV (its booths).

An import is all or nothing: the file is read and checked whole first, every problem
collected with its row, and only a clean file is written, in one transaction. Rows are
numbered as a spreadsheet shows them for CSV (the header is row 1) and from 1 in the
"booths" list for JSON.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from accounts.permissions import can
from exhibitors.models import BoothSize, Sector

from .models import Allocation, Booth, BoothType, Hall, Zone, metres

CSV_COLUMNS = [
    "code",
    "zone",
    "type",
    "x_m",
    "y_m",
    "width_m",
    "depth_m",
    "blocked",
    "blocked_reason",
]
CSV_REQUIRED = CSV_COLUMNS[:5]
MAX_METRES = Decimal("99999.99")  # Booth/Hall fields: 7 digits, 2 decimals
MIN_SIZE = Decimal("0.5")
MAX_AMOUNT = 10**15
MAX_ERRORS = 50  # a file that is wrong everywhere gets a readable list, not thousands of lines
TRUE = {"1", "true", "yes", "y", "ya", "x"}
FALSE = {"", "0", "false", "no", "n", "tidak"}


@dataclass
class ImportResult:
    hall: Hall
    created: list[str] = field(default_factory=list)  # booth codes
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)


# --- export -------------------------------------------------------------------------


def export_hall(hall: Hall, fmt: str = "json") -> str:
    booths = list(hall.booths.select_related("zone", "booth_type").order_by("code"))
    rows = [
        {
            "code": booth.code,
            "zone": booth.zone.code,
            "type": booth.booth_type.code,
            "x_m": metres(booth.x_m),
            "y_m": metres(booth.y_m),
            "width_m": metres(booth.width_m),
            "depth_m": metres(booth.depth_m),
            "blocked": booth.is_blocked,
            "blocked_reason": booth.blocked_reason,
        }
        for booth in booths
    ]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "blocked": "true" if row["blocked"] else "false"})
        return out.getvalue()
    if fmt != "json":
        raise ValueError(f"Unknown format {fmt!r}; use json or csv.")
    plan = {
        "hall": {
            "code": hall.code,
            "name": hall.name,
            "width_m": metres(hall.width_m),
            "depth_m": metres(hall.depth_m),
            "is_outdoor": hall.is_outdoor,
        },
        "zones": [
            {
                "code": zone.code,
                "name": zone.name,
                "sectors": list(zone.sectors),
                "has_power": zone.has_power,
                "has_water": zone.has_water,
            }
            for zone in hall.zones.order_by("code")
        ],
        # Types belong to the edition; all of them travel, so a plan imports whole.
        "booth_types": [
            {
                "code": kind.code,
                "name": kind.name,
                "width_m": metres(kind.width_m),
                "depth_m": metres(kind.depth_m),
                "price": kind.price,
                "power_watts": kind.power_watts,
                "needs_water": kind.needs_water,
                "sectors": list(kind.sectors),
                "serves": kind.serves,
            }
            for kind in BoothType.objects.filter(event_id=hall.event_id).order_by("code")
        ],
        "booths": rows,
    }
    return json.dumps(plan, ensure_ascii=False, indent=2) + "\n"


# --- reading values -----------------------------------------------------------------


class _Errors(list):
    def add(self, message: str) -> None:
        self.append(message)


def _text(value, *, max_length: int, required: bool = True) -> str | None:
    """The stripped string, or None when it is missing/too long (the caller words the error)."""
    if value is None:
        value = ""
    if not isinstance(value, str | int):
        return None
    value = str(value).strip()
    if (required and not value) or len(value) > max_length:
        return None
    return value


def _decimal(value) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        if "," in value and "." not in value:
            value = value.replace(",", ".")  # spreadsheets in Indonesian write 2,5
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number) > MAX_METRES or number != round(number, 2):
        return None
    return number


def _integer(value) -> int | None:
    """A whole number from 0 up (rupiah, watts)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip().replace(".", "").replace("_", "")  # "1.500.000" as written here
        if not (value.isascii() and value.isdigit()):
            return None
        value = int(value)
    if not isinstance(value, int) or not 0 <= value <= MAX_AMOUNT:
        return None
    return value


def _boolean(value) -> bool | None:
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    if isinstance(value, int | str):
        text = str(value).strip().lower()
        if text in TRUE:
            return True
        if text in FALSE:
            return False
    return None


def _sectors(value) -> list[str] | None:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    return value


# --- parsing the files --------------------------------------------------------------


def _parse_json(data: str) -> dict:
    try:
        plan = json.loads(data)
    except json.JSONDecodeError as error:
        raise ValidationError(
            _("The file is not valid JSON (line %(line)s, column %(column)s: %(problem)s).")
            % {"line": error.lineno, "column": error.colno, "problem": error.msg}
        ) from None
    if not isinstance(plan, dict) or not isinstance(plan.get("hall"), dict):
        raise ValidationError(_('The JSON file needs a "hall" object, as an export writes it.'))
    for key in ("zones", "booth_types", "booths"):
        if not isinstance(plan.get(key, []), list) or not all(
            isinstance(item, dict) for item in plan.get(key, [])
        ):
            raise ValidationError(_('"%(key)s" must be a list of objects.') % {"key": key})
    return plan


def _parse_csv(data: str) -> list[tuple[int, dict]]:
    data = data.lstrip("\ufeff")
    if not data.strip():
        raise ValidationError(_("The file is empty."))
    first_line = data.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(data, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as error:
        raise ValidationError(
            _("The file is not valid CSV: %(problem)s.") % {"problem": error}
        ) from None
    header = [name.strip().lower() for name in rows[0]]
    missing = [name for name in CSV_REQUIRED if name not in header]
    if missing:
        raise ValidationError(
            _("The CSV file lacks the columns: %(columns)s. Its first row must be: %(header)s.")
            % {"columns": ", ".join(missing), "header": ",".join(CSV_COLUMNS)}
        )
    records, errors = [], []
    for index, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # blank lines at the end of a spreadsheet export
        if len(row) != len(header):
            errors.append(
                _("Row %(row)s: expected %(expected)s columns, found %(found)s.")
                % {"row": index, "expected": len(header), "found": len(row)}
            )
            continue
        records.append((index, dict(zip(header, row, strict=True))))
    if errors:
        raise ValidationError(errors)
    return records


# --- checking -----------------------------------------------------------------------


@dataclass
class _BoothRow:
    row: int
    code: str
    zone: str
    type: str
    x: Decimal
    y: Decimal
    width: Decimal
    depth: Decimal
    blocked: bool
    reason: str


def _check_size(errors, prefix: str, raw: dict, key: str, label: str) -> Decimal | None:
    value = _decimal(raw.get(key))
    if value is None:
        errors.add(
            _("%(prefix)s: %(field)s is not a number of metres: %(value)s.")
            % {"prefix": prefix, "field": label, "value": raw.get(key)}
        )
    elif value < MIN_SIZE:
        errors.add(
            _("%(prefix)s: %(field)s must be at least 0.5 m, not %(value)s.")
            % {"prefix": prefix, "field": label, "value": metres(value)}
        )
        return None
    return value


def _check_sectors(errors, prefix: str, raw) -> list[str]:
    sectors = _sectors(raw)
    if sectors is None:
        errors.add(_("%(prefix)s: sectors must be a list.") % {"prefix": prefix})
        return []
    unknown = [s for s in sectors if s not in Sector.values]
    if unknown:
        errors.add(
            _("%(prefix)s: unknown sector %(sectors)s; use %(known)s.")
            % {"prefix": prefix, "sectors": ", ".join(unknown), "known": ", ".join(Sector.values)}
        )
    return sectors


def _check_hall(errors, raw: dict, hall_code: str | None) -> dict:
    prefix = _("Hall")
    code = _text(hall_code or raw.get("code"), max_length=8)
    name = _text(raw.get("name"), max_length=100)
    if code is None:
        errors.add(_("Hall: the code is missing or longer than 8 characters."))
    if name is None:
        errors.add(_("Hall: the name is missing or longer than 100 characters."))
    is_outdoor = _boolean(raw.get("is_outdoor"))
    if is_outdoor is None:
        errors.add(_("Hall: is_outdoor must be true or false."))
    return {
        "code": code,
        "name": name,
        "width_m": _check_size(errors, prefix, raw, "width_m", _("width")),
        "depth_m": _check_size(errors, prefix, raw, "depth_m", _("depth")),
        "is_outdoor": bool(is_outdoor),
    }


def _check_zones(errors, items: list[dict]) -> dict[str, dict]:
    zones: dict[str, dict] = {}
    for number, raw in enumerate(items, start=1):
        prefix = _("Zone %(number)s") % {"number": number}
        code = _text(raw.get("code"), max_length=16)
        name = _text(raw.get("name"), max_length=100)
        if code is None:
            errors.add(_("%(prefix)s: the code is missing or too long.") % {"prefix": prefix})
        elif code in zones:
            errors.add(
                _("%(prefix)s: zone %(code)s appears twice.") % {"prefix": prefix, "code": code}
            )
        if name is None:
            errors.add(_("%(prefix)s: the name is missing or too long.") % {"prefix": prefix})
        flags = {}
        for key in ("has_power", "has_water"):
            flags[key] = _boolean(raw.get(key, key == "has_power"))
            if flags[key] is None:
                errors.add(
                    _("%(prefix)s: %(field)s must be true or false.")
                    % {"prefix": prefix, "field": key}
                )
        sectors = _check_sectors(errors, prefix, raw.get("sectors"))
        if code:
            zones[code] = {"name": name, "sectors": sectors, **flags}
    return zones


def _check_types(errors, items: list[dict]) -> dict[str, dict]:
    kinds: dict[str, dict] = {}
    for number, raw in enumerate(items, start=1):
        prefix = _("Booth type %(number)s") % {"number": number}
        code = _text(raw.get("code"), max_length=16)
        name = _text(raw.get("name"), max_length=100)
        if code is None:
            errors.add(_("%(prefix)s: the code is missing or too long.") % {"prefix": prefix})
        elif code in kinds:
            errors.add(
                _("%(prefix)s: booth type %(code)s appears twice.")
                % {"prefix": prefix, "code": code}
            )
        if name is None:
            errors.add(_("%(prefix)s: the name is missing or too long.") % {"prefix": prefix})
        width = _check_size(errors, prefix, raw, "width_m", _("width"))
        depth = _check_size(errors, prefix, raw, "depth_m", _("depth"))
        amounts = {}
        for key in ("price", "power_watts"):
            amounts[key] = _integer(raw.get(key, 0))
            if amounts[key] is None:
                errors.add(
                    _("%(prefix)s: %(field)s must be a whole number, 0 or more.")
                    % {"prefix": prefix, "field": key}
                )
        needs_water = _boolean(raw.get("needs_water"))
        if needs_water is None:
            errors.add(_("%(prefix)s: needs_water must be true or false.") % {"prefix": prefix})
        serves = raw.get("serves") or ""
        if serves and serves not in BoothSize.values:
            errors.add(
                _("%(prefix)s: unknown booth size %(serves)s; use %(known)s.")
                % {"prefix": prefix, "serves": serves, "known": ", ".join(BoothSize.values)}
            )
        sectors = _check_sectors(errors, prefix, raw.get("sectors"))
        if code:
            kinds[code] = {
                "name": name,
                "width_m": width,
                "depth_m": depth,
                "needs_water": bool(needs_water),
                "sectors": sectors,
                "serves": serves,
                **amounts,
            }
    return kinds


def _check_booths(
    errors, records, *, zones: set[str], kinds: dict[str, tuple], hall_size
) -> list[_BoothRow]:
    """``kinds`` maps a type code to its (width, depth), used when a row leaves the size blank."""
    booths: list[_BoothRow] = []
    seen: dict[str, int] = {}
    for row, raw in records:
        code = _text(raw.get("code"), max_length=16)
        if code is None:
            errors.add(_("Row %(row)s: the booth code is missing or too long.") % {"row": row})
            continue
        prefix = _("Row %(row)s: booth %(code)s") % {"row": row, "code": code}
        if code in seen:
            errors.add(
                _("Row %(row)s: booth %(code)s appears twice (first in row %(first)s).")
                % {"row": row, "code": code, "first": seen[code]}
            )
            continue
        seen[code] = row
        ok = True
        zone = _text(raw.get("zone"), max_length=16) or ""
        if zone not in zones:
            errors.add(_("Row %(row)s: unknown zone %(zone)s.") % {"row": row, "zone": zone})
            ok = False
        kind = _text(raw.get("type"), max_length=16) or ""
        if kind not in kinds:
            errors.add(_("Row %(row)s: unknown booth type %(type)s.") % {"row": row, "type": kind})
            ok = False
        place = {}
        for key, label in (("x_m", "x"), ("y_m", "y")):
            place[key] = _decimal(raw.get(key))
            if place[key] is None:
                errors.add(
                    _("%(prefix)s: %(field)s is not a number of metres: %(value)s.")
                    % {"prefix": prefix, "field": label, "value": raw.get(key)}
                )
                ok = False
            elif place[key] < 0:
                errors.add(
                    _("%(prefix)s: the position cannot be negative (%(field)s = %(value)s).")
                    % {"prefix": prefix, "field": label, "value": metres(place[key])}
                )
                ok = False
        size = {}
        for key, label, index in (("width_m", _("width"), 0), ("depth_m", _("depth"), 1)):
            if raw.get(key) in (None, "") and kind in kinds and kinds[kind][index] is not None:
                size[key] = kinds[kind][index]  # blank: the type's size
            else:
                size[key] = _check_size(errors, prefix, raw, key, label)
                ok = ok and size[key] is not None
        blocked = _boolean(raw.get("blocked"))
        if blocked is None:
            errors.add(_("%(prefix)s: blocked must be true or false.") % {"prefix": prefix})
            ok = False
        reason = _text(raw.get("blocked_reason"), max_length=150, required=False)
        if reason is None:
            errors.add(_("%(prefix)s: the reason for blocking is too long.") % {"prefix": prefix})
            ok = False
        if not ok:
            continue
        booth = _BoothRow(
            row,
            code,
            zone,
            kind,
            place["x_m"],
            place["y_m"],
            size["width_m"],
            size["depth_m"],
            blocked,
            reason,
        )
        hall_code, width, depth = hall_size
        if (
            width is not None
            and depth is not None
            and (booth.x + booth.width > width or booth.y + booth.depth > depth)
        ):
            errors.add(
                _(
                    "Row %(row)s: booth %(code)s does not fit in hall %(hall)s "
                    "(%(width)s × %(depth)s m)."
                )
                % {
                    "row": row,
                    "code": code,
                    "hall": hall_code,
                    "width": metres(width),
                    "depth": metres(depth),
                }
            )
            continue
        booths.append(booth)
    return booths


def overlapping_pairs(booths: list[_BoothRow]) -> list[tuple[_BoothRow, _BoothRow]]:
    """Pairs of booths sharing floor, by a sweep along x (touching edges do not overlap).

    Only booths whose x-ranges are open at the sweep line are compared, so a plan of
    rows of booths costs about n log n plus the booths in one column.
    """
    pairs = []
    open_booths: list[_BoothRow] = []
    for booth in sorted(booths, key=lambda b: (b.x, b.y)):
        open_booths = [other for other in open_booths if other.x + other.width > booth.x]
        for other in open_booths:
            if booth.y < other.y + other.depth and other.y < booth.y + booth.depth:
                first, second = sorted((other, booth), key=lambda b: b.row)
                pairs.append((first, second))
        open_booths.append(booth)
    return sorted(pairs, key=lambda pair: (pair[1].row, pair[0].row))


# --- import -------------------------------------------------------------------------


def import_hall(*, event, data: str, fmt: str, actor, hall_code: str | None = None) -> ImportResult:
    """Create or update a hall's plan from a file; raise ValidationError with every problem."""
    if fmt not in ("json", "csv"):
        raise ValidationError(_("Unknown file format %(fmt)s; use JSON or CSV.") % {"fmt": fmt})
    errors = _Errors()
    hall_fields = zones = kinds = None
    if fmt == "json":
        plan = _parse_json(data)
        hall_fields = _check_hall(errors, plan["hall"], hall_code)
        hall_code = hall_fields["code"]
        zones = _check_zones(errors, plan.get("zones", []))
        kinds = _check_types(errors, plan.get("booth_types", []))
        records = list(enumerate(plan.get("booths", []), start=1))
    else:
        if not hall_code:
            raise ValidationError(_("Say which hall the CSV file is for."))
        records = _parse_csv(data)

    with transaction.atomic():
        hall = (
            Hall.objects.select_for_update().filter(event=event, code=hall_code).first()
            if hall_code
            else None
        )
        _check_permission(actor, hall, event)
        if fmt == "csv" and hall is None:
            raise ValidationError(
                _("This edition has no hall %(code)s; import it as JSON first.")
                % {"code": hall_code}
            )

        known_zones = set(zones or ()) | (
            set(hall.zones.values_list("code", flat=True)) if hall else set()
        )
        known_types = {
            code: (width, depth)
            for code, width, depth in BoothType.objects.filter(event=event).values_list(
                "code", "width_m", "depth_m"
            )
        }
        known_types.update(
            {code: (k["width_m"], k["depth_m"]) for code, k in (kinds or {}).items()}
        )
        if hall_fields:
            size = (hall_code, hall_fields["width_m"], hall_fields["depth_m"])
        else:
            size = (hall.code, hall.width_m, hall.depth_m)
        booths = _check_booths(
            errors, records, zones=known_zones, kinds=known_types, hall_size=size
        )
        for first, second in overlapping_pairs(booths):
            errors.add(
                _("Row %(row)s: booth %(code)s overlaps %(other)s.")
                % {"row": second.row, "code": second.code, "other": first.code}
            )

        existing = {b.code: b for b in hall.booths.all()} if hall else {}
        in_file = {b.code for b in booths} | {
            str(raw.get("code", "")).strip() for _r, raw in records
        }
        missing = sorted(code for code in existing if code not in in_file)
        kept = sorted(
            Allocation.objects.filter(booth__hall=hall, booth__code__in=missing)
            .values_list("booth__code", flat=True)
            .distinct()
        )
        if kept:
            errors.add(
                _(
                    "Booths %(codes)s are not in the file but have allocations; keep them in "
                    "the file or release and remove them by hand."
                )
                % {"codes": ", ".join(kept)}
            )
        if errors:
            raise ValidationError(_capped(errors))

        try:
            return _write(event, hall, hall_fields, zones, kinds, booths, existing, missing)
        except (ProtectedError, IntegrityError):
            # Someone allocated a booth or added the hall since the check: nothing is written.
            raise ValidationError(
                _("The plan changed while the file was imported; nothing was saved. Import again.")
            ) from None


def _capped(errors: list[str]) -> list[str]:
    if len(errors) <= MAX_ERRORS:
        return list(errors)
    more = len(errors) - MAX_ERRORS
    return [*errors[:MAX_ERRORS], _("… and %(count)s more problems.") % {"count": more}]


def _check_permission(actor, hall, event) -> None:
    if actor is None:
        return  # a management command or a task, run by whoever runs the server
    allowed = (
        can(actor, "booths.change_hall", hall)
        if hall
        else can(actor, "booths.add_hall", Hall(event=event))
    )
    if not allowed:
        raise PermissionDenied(_("Only the edition's organizers change its floor plan."))


def _write(event, hall, hall_fields, zones, kinds, booths, existing, missing) -> ImportResult:
    if hall_fields:
        values = {k: v for k, v in hall_fields.items() if k != "code"}
        if hall is None:
            hall = Hall.objects.create(event=event, code=hall_fields["code"], **values)
        else:
            for key, value in values.items():
                setattr(hall, key, value)
            hall.save()
        for code, values in zones.items():
            Zone.objects.update_or_create(hall=hall, code=code, defaults=values)
        for code, values in kinds.items():
            BoothType.objects.update_or_create(event=event, code=code, defaults=values)
    zone_ids = dict(hall.zones.values_list("code", "pk"))
    type_ids = dict(BoothType.objects.filter(event=event).values_list("code", "pk"))

    result = ImportResult(hall=hall, deleted=missing)
    Booth.objects.filter(hall=hall, code__in=missing).delete()
    new, changed = [], []
    for row in booths:
        values = {
            "zone_id": zone_ids[row.zone],
            "booth_type_id": type_ids[row.type],
            "x_m": row.x,
            "y_m": row.y,
            "width_m": row.width,
            "depth_m": row.depth,
            "is_blocked": row.blocked,
            "blocked_reason": row.reason,
        }
        booth = existing.get(row.code)
        if booth is None:
            new.append(Booth(hall=hall, code=row.code, **values))
            result.created.append(row.code)
        elif any(getattr(booth, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(booth, key, value)
            changed.append(booth)
            result.updated.append(row.code)
    Booth.objects.bulk_create(new, batch_size=500)
    Booth.objects.bulk_update(
        changed,
        ["zone", "booth_type", "x_m", "y_m", "width_m", "depth_m", "is_blocked", "blocked_reason"],
        batch_size=500,
    )
    return result
