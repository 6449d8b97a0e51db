"""The demo venue: Pamedan Pura Mangkunegaran, Solo, drawn as halls, zones and 500 booths.

Two pendopo halls for standard and double booths, the Pamedan square with tents for
fresh produce, and a culinary court with water. Deterministic and idempotent: objects
are found by their natural keys (hall and type codes per edition, zone and booth codes
per hall) and brought to the values below, so a second run creates nothing. Zone codes
are Indonesian words the demo applicants write in their free-text zone preference
("Zona kriya, dekat pembeli ekspor"), so the allocator can honour them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from events.models import Event
from exhibitors.models import BoothSize, Sector

from .models import Booth, BoothType, Hall, Zone

MARGIN = Decimal(3)  # from the hall's walls to the first booth
AISLE = Decimal(3)  # between two double rows, and across a row every BLOCK booths
BLOCK = 10  # booths side by side before a cross aisle


@dataclass(frozen=True)
class TypeSpec:
    code: str
    name: str
    width: int
    depth: int
    price: int
    serves: str
    power_watts: int = 900
    needs_water: bool = False
    sectors: tuple[str, ...] = ()


@dataclass(frozen=True)
class ZoneSpec:
    code: str
    name: str
    booth_type: str
    count: int
    sectors: tuple[str, ...] = ()
    has_power: bool = True
    has_water: bool = False


@dataclass(frozen=True)
class HallSpec:
    code: str
    name: str
    width: int
    depth: int
    is_outdoor: bool
    blocks_per_row: int  # how many BLOCKs of booths fit across the hall
    zones: tuple[ZoneSpec, ...]


CULINARY_SECTORS = (Sector.KULINER, Sector.KOPI_REMPAH, Sector.PERIKANAN)

BOOTH_TYPES = (
    TypeSpec("STD", "Stan standar", 3, 3, 2_500_000, BoothSize.STANDARD),
    TypeSpec("DBL", "Stan dobel", 3, 6, 4_500_000, BoothSize.DOUBLE, power_watts=1300),
    TypeSpec(
        "KUL",
        "Stan kuliner dengan air",
        3,
        3,
        3_000_000,
        BoothSize.CULINARY,
        power_watts=2200,
        needs_water=True,
        sectors=CULINARY_SECTORS,
    ),
    TypeSpec("TND", "Tenda luar ruang", 3, 3, 1_500_000, BoothSize.OUTDOOR, power_watts=450),
)

HALLS = (
    HallSpec(
        "A",
        "Pendopo Barat",
        width=102,
        depth=40,
        is_outdoor=False,
        blocks_per_row=3,
        zones=(
            ZoneSpec("FESYEN", "Zona Fesyen dan Wastra", "STD", 80, (Sector.FASHION, Sector.KRIYA)),
            ZoneSpec(
                "KRIYA",
                "Zona Kriya",
                "STD",
                80,
                (Sector.KRIYA, Sector.JASA_KREATIF, Sector.LAINNYA),
            ),
        ),
    ),
    HallSpec(
        "B",
        "Pendopo Timur",
        width=102,
        depth=40,
        is_outdoor=False,
        blocks_per_row=3,
        zones=(
            ZoneSpec(
                "HERBAL",
                "Zona Herbal dan Kecantikan",
                "STD",
                60,
                (Sector.HERBAL_KOSMETIK, Sector.KOPI_REMPAH, Sector.AGRIBISNIS),
            ),
            ZoneSpec("UMUM", "Zona Umum", "STD", 60),
            # Double booths for any sector: furniture asks for most, but not only it.
            ZoneSpec("DOBEL", "Zona Stan Dobel", "DBL", 40),
        ),
    ),
    HallSpec(
        "OUT",
        "Pamedan",
        width=120,
        depth=60,
        is_outdoor=True,
        blocks_per_row=3,
        zones=(
            ZoneSpec(
                "SEGAR",
                "Area Produk Segar",
                "TND",
                36,
                (Sector.AGRIBISNIS, Sector.PERIKANAN, Sector.KOPI_REMPAH),
            ),
            ZoneSpec("TENDA", "Tenda Umum", "TND", 24),
        ),
    ),
    HallSpec(
        "KUL",
        "Kuliner",
        width=102,
        depth=30,
        is_outdoor=True,
        blocks_per_row=3,
        zones=(
            ZoneSpec("KULINER", "Zona Kuliner", "KUL", 90, CULINARY_SECTORS, has_water=True),
            ZoneSpec("OLEH", "Zona Oleh-oleh", "STD", 30, CULINARY_SECTORS),
        ),
    ),
)

# Booths nobody may take, and why: pillars, emergency routes, utility panels.
BLOCKED = {
    ("A", "A-015"): "Tiang utama pendopo",
    ("A", "A-016"): "Tiang utama pendopo",
    ("B", "B-030"): "Jalur evakuasi ke pintu darurat timur",
    ("B", "B-031"): "Jalur evakuasi ke pintu darurat timur",
    ("OUT", "OUT-001"): "Akses mobil pemadam kebakaran",
    ("KUL", "KUL-045"): "Panel listrik dan keran induk",
    ("KUL", "KUL-046"): "Panel listrik dan keran induk",
}


@dataclass(frozen=True)
class BoothPlace:
    code: str
    zone: str
    booth_type: str
    x: Decimal
    y: Decimal
    width: Decimal
    depth: Decimal


def layout(hall: HallSpec, types: dict[str, TypeSpec]) -> list[BoothPlace]:
    """The hall's booths in double rows (back to back) with aisles between and across.

    Each zone starts on a double row of its own, so a zone is one block on the plan;
    booths are numbered in reading order through the hall.
    """
    places: list[BoothPlace] = []
    y = MARGIN
    per_row = BLOCK * hall.blocks_per_row
    for zone in hall.zones:
        booth_type = types[zone.booth_type]
        width, depth = Decimal(booth_type.width), Decimal(booth_type.depth)
        for index in range(zone.count):
            row, column = divmod(index, per_row)
            if row and not column and row % 2 == 0:
                y += 2 * depth + AISLE  # the next double row, past the aisle
            block, seat = divmod(column, BLOCK)
            x = MARGIN + block * (BLOCK * width + AISLE) + seat * width
            places.append(
                BoothPlace(
                    code=f"{hall.code}-{len(places) + 1:03d}",
                    zone=zone.code,
                    booth_type=zone.booth_type,
                    x=x,
                    y=y + (depth if row % 2 else 0),
                    width=width,
                    depth=depth,
                )
            )
        y += 2 * depth + AISLE
    return places


@dataclass
class FloorPlanSummary:
    halls: int
    zones: int
    booth_types: int
    booths: int
    blocked: int
    created: int

    def __str__(self):
        return (
            f"{self.halls} halls, {self.zones} zones, {self.booth_types} booth types, "
            f"{self.booths:,} booths ({self.blocked} blocked, {self.created:,} new)"
        )


def _bring(model, lookup: dict, values: dict):
    """Find ``model`` by ``lookup`` and give it ``values``; return (object, created)."""
    obj, created = model.objects.get_or_create(**lookup, defaults=values)
    if not created and any(getattr(obj, k) != v for k, v in values.items()):
        for key, value in values.items():
            setattr(obj, key, value)
        obj.save()
    return obj, created


BOOTH_FIELDS = ("zone_id", "booth_type_id", "x_m", "y_m", "width_m", "depth_m")


@transaction.atomic
def seed_floor_plan(*, event: Event) -> FloorPlanSummary:
    created = 0
    types: dict[str, BoothType] = {}
    for spec in BOOTH_TYPES:
        types[spec.code], new = _bring(
            BoothType,
            {"event": event, "code": spec.code},
            {
                "name": spec.name,
                "width_m": Decimal(spec.width),
                "depth_m": Decimal(spec.depth),
                "price": spec.price,
                "power_watts": spec.power_watts,
                "needs_water": spec.needs_water,
                "sectors": [str(s) for s in spec.sectors],
                "serves": str(spec.serves),
            },
        )
        created += new
    type_specs = {spec.code: spec for spec in BOOTH_TYPES}
    zone_count = booth_count = blocked_count = 0
    for position, hall_spec in enumerate(HALLS):
        hall, new = _bring(
            Hall,
            {"event": event, "code": hall_spec.code},
            {
                "name": hall_spec.name,
                "width_m": Decimal(hall_spec.width),
                "depth_m": Decimal(hall_spec.depth),
                "is_outdoor": hall_spec.is_outdoor,
                "position": position,
            },
        )
        created += new
        zones: dict[str, Zone] = {}
        for zone_spec in hall_spec.zones:
            zones[zone_spec.code], new = _bring(
                Zone,
                {"hall": hall, "code": zone_spec.code},
                {
                    "name": zone_spec.name,
                    "sectors": [str(s) for s in zone_spec.sectors],
                    "has_power": zone_spec.has_power,
                    "has_water": zone_spec.has_water,
                },
            )
            created += new
        zone_count += len(zones)
        booths = layout(hall_spec, type_specs)
        created += _bring_booths(hall, booths, zones, types)
        booth_count += len(booths)
        blocked_count += sum((hall.code, b.code) in BLOCKED for b in booths)
    return FloorPlanSummary(
        halls=len(HALLS),
        zones=zone_count,
        booth_types=len(types),
        booths=booth_count,
        blocked=blocked_count,
        created=created,
    )


def _bring_booths(hall: Hall, places, zones: dict, types: dict) -> int:
    """Create the missing booths and correct the changed ones, in a few queries."""
    existing = {booth.code: booth for booth in hall.booths.all()}
    missing, changed = [], []
    for place in places:
        reason = BLOCKED.get((hall.code, place.code), "")
        values = {
            "zone_id": zones[place.zone].pk,
            "booth_type_id": types[place.booth_type].pk,
            "x_m": place.x,
            "y_m": place.y,
            "width_m": place.width,
            "depth_m": place.depth,
            "is_blocked": bool(reason),
            "blocked_reason": reason,
        }
        booth = existing.get(place.code)
        if booth is None:
            missing.append(Booth(hall=hall, code=place.code, **values))
        elif any(getattr(booth, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(booth, key, value)
            changed.append(booth)
    Booth.objects.bulk_create(missing)
    Booth.objects.bulk_update(changed, [*BOOTH_FIELDS, "is_blocked", "blocked_reason"])
    return len(missing)


def seed_allocation(*, event: Event) -> str:
    """Open self-selection for the demo edition and give its allocated and confirmed
    exhibitors their booths, once.

    The allocator's proposal is published only for applications the demo already shows
    as allocated or confirmed; the merely approved ones are left for the organizer to
    place with the allocation desk (or to pick their own booth). Idempotent: an edition
    that already has assignments is left as it is.
    """
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from exhibitors.models import Application, ApplicationStatus

    from .allocation import placeable_applications
    from .models import Allocation, AllocationKind, SelectionWindow
    from .services import allocation_propose, proposal_publish

    zone = ZoneInfo(event.time_zone)
    SelectionWindow.objects.update_or_create(
        event=event,
        defaults={
            "opens_at": datetime(2026, 11, 1, 8, 0, tzinfo=zone),
            "closes_at": datetime(2027, 7, 31, 23, 59, tzinfo=zone),
            "hold_minutes": 30,
        },
    )
    assignments = Allocation.objects.filter(
        booth__hall__event=event, kind=AllocationKind.ASSIGNMENT
    )
    if assignments.exists():
        return f"{assignments.count()} booths already allocated"
    proposal = allocation_propose(event=event, actor=None)
    placed_already = set(
        Application.objects.filter(
            event=event, status__in=[ApplicationStatus.ALLOCATED, ApplicationStatus.CONFIRMED]
        ).values_list("pk", flat=True)
    )
    # A subset of an optimal placement still keeps every rule and quota.
    proposal.placements = [pair for pair in proposal.placements if pair[0] in placed_already]
    proposal.placed = len(proposal.placements)
    proposal.save(update_fields=["placements", "placed"])
    created = proposal_publish(proposal=proposal, actor=None)
    waiting = sum(max(a.booth_count - a.holding, 0) for a in placeable_applications(event))
    return f"{len(created)} booths allocated, {waiting} still wanted"


DEMO_BANK_ACCOUNTS = (
    ("Bank Rakyat Indonesia (BRI)", "0096-01-000789-30-5", "Panitia Hari UMKM Nasional"),
    ("Bank Mandiri", "138-00-1234567-8", "Panitia Hari UMKM Nasional"),
)
DEMO_SPONSORS = ("Kementerian UMKM", "Dinas Koperasi dan UKM Provinsi Jawa Tengah")


def seed_booth_fees(*, event: Event) -> str:
    """The edition's bank accounts, and the fees of its confirmed exhibitors: one in three
    waived by a sponsor, the others paid by transfer (with invoice and receipt). Once."""
    from datetime import timedelta

    from django.utils import timezone

    from exhibitors.models import Application, ApplicationStatus
    from payments.models import BankAccount, Payment, PaymentStatus, Provider, Waiver
    from payments.services import document_issue, log, new_reference

    from .models import Allocation, AllocationStatus
    from .payments import BOOTH_FEE

    for order, (bank, number, holder) in enumerate(DEMO_BANK_ACCOUNTS):
        BankAccount.objects.get_or_create(
            event=event,
            account_number=number,
            defaults={"bank_name": bank, "account_holder": holder, "sort_order": order},
        )
    if Payment.objects.filter(event=event).exists() or Waiver.objects.filter(event=event).exists():
        return "booth fees already recorded"
    confirmed = (
        Application.objects.filter(event=event, status=ApplicationStatus.CONFIRMED)
        .select_related("business")
        .order_by("pk")
    )
    now = timezone.now()
    waived = paid = 0
    for index, application in enumerate(confirmed):
        booths = list(
            Allocation.objects.filter(
                application=application, status=AllocationStatus.ACTIVE
            ).select_related("booth__booth_type")
        )
        amount = sum(a.booth.booth_type.price for a in booths)
        if not booths or amount <= 0:
            continue
        description = (
            f"Biaya stan {', '.join(a.booth.code for a in booths)} · "
            f"{application.business.display_name} · {event.name}"
        )[:200]
        if index % 3 == 0:
            Waiver.objects.create(
                event=event,
                purpose=BOOTH_FEE,
                subject_id=application.pk,
                description=description,
                amount=amount,
                sponsor=DEMO_SPONSORS[index % len(DEMO_SPONSORS)],
                reason="UMKM binaan program pendampingan",
            )
            waived += 1
            continue
        at = now - timedelta(days=20 - index % 15)
        payment = Payment.objects.create(
            event=event,
            purpose=BOOTH_FEE,
            subject_id=application.pk,
            reference=new_reference(),
            description=description,
            amount=amount,
            unique_code=100 + index % 900,
            provider=Provider.BANK_TRANSFER,
            status=PaymentStatus.SUCCEEDED,
            payer_name=application.business.display_name,
            created_at=at - timedelta(days=1),
            expires_at=at + timedelta(days=1),
            succeeded_at=at,
            transfer_date=at.date(),
        )
        document_issue(payment=payment, kind="invoice")
        document_issue(payment=payment, kind="receipt")
        log(payment, "succeeded", "Transfer recorded (demo).")
        paid += 1
    return f"{waived} booth fees waived, {paid} paid by transfer"
