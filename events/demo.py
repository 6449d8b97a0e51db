"""The demo edition: Hari UMKM Nasional 2027 at Pamedan Pura Mangkunegaran, Solo.

Deterministic and idempotent: objects are found by their natural keys and brought
to the values below, so running it again changes nothing. Associations whose names
are not public record are made up for the demo and marked ``is_demo``.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Role, User
from accounts.services import role_grant

from .models import (
    Association,
    Event,
    EventDay,
    EventStatus,
    Ministry,
    Participation,
    Programme,
    TimeZone,
    Venue,
)
from .regions import Province

DEMO_PASSWORD = "pameran-demo"  # noqa: S105 — printed by `make run` on purpose
EVENT_SLUG = "hari-umkm-nasional-2027"
BOOTHS_ON_OFFER = 500

# (acronym, name, sector focus, is_demo)
ASSOCIATIONS = [
    (
        "ASEPHI",
        "Asosiasi Eksportir dan Produsen Handicraft Indonesia",
        "Kriya dan handicraft ekspor",
        False,
    ),
    ("AKUMINDO", "Asosiasi UMKM Indonesia", "Lintas sektor", False),
    ("IWAPI", "Ikatan Wanita Pengusaha Indonesia", "Usaha milik perempuan", False),
    ("ABDSI", "Asosiasi Business Development Services Indonesia", "Pendampingan usaha", False),
    ("HIPMI", "Himpunan Pengusaha Muda Indonesia", "Pengusaha muda", False),
    ("APKLI", "Asosiasi Pedagang Kaki Lima Indonesia", "Kuliner dan pedagang kaki lima", False),
    (
        "AKUMANDIRI",
        "Asosiasi Industri Usaha Mikro Kecil dan Menengah Indonesia",
        "Industri kecil",
        False,
    ),
    ("HIPPI", "Himpunan Pengusaha Pribumi Indonesia", "Lintas sektor", False),
    ("APJI", "Asosiasi Pengusaha Jasa Boga Indonesia", "Kuliner dan jasa boga", False),
    ("ASPPUK", "Asosiasi Pendamping Perempuan Usaha Kecil", "Usaha kecil perempuan", False),
    ("HIMKI", "Himpunan Industri Mebel dan Kerajinan Indonesia", "Furnitur dan dekorasi", False),
    ("APPMI", "Asosiasi Perancang Pengusaha Mode Indonesia", "Fesyen", False),
    ("GP JAMU", "Gabungan Pengusaha Jamu dan Obat Tradisional Indonesia", "Herbal dan jamu", False),
    ("AEKI", "Asosiasi Eksportir Kopi Indonesia", "Kopi", False),
    ("APBN-S", "Asosiasi Perajin Batik Nusantara Surakarta", "Batik dan wastra", True),
    ("PPRN", "Perkumpulan Petani Rempah Nusantara", "Kopi dan rempah", True),
    ("AKKI", "Asosiasi Kosmetik dan Kecantikan Lokal Indonesia", "Herbal dan kosmetik", True),
    ("ASPAGRI", "Asosiasi Pengolah Hasil Agribisnis Indonesia", "Agribisnis olahan", True),
    ("APKRI", "Asosiasi Perajin Kulit Rakyat Indonesia", "Produk kulit", True),
    ("AMDI", "Asosiasi Makanan Daerah Indonesia", "Makanan khas daerah", True),
    ("APTENUN", "Asosiasi Penenun Tradisional Nusantara", "Tenun dan songket", True),
    ("ASKRIDA", "Asosiasi Kreator Digital UMKM", "Produk kreatif digital", True),
    ("APERI", "Asosiasi Pengusaha Rotan Indonesia", "Rotan dan anyaman", True),
    ("AMPI-UKM", "Asosiasi Minuman dan Produk Olahan UKM", "Minuman olahan", True),
    ("APKESTRA", "Asosiasi Perajin Keramik dan Gerabah Nusantara", "Keramik dan gerabah", True),
    ("ASPETANI", "Asosiasi Pengusaha Tani Muda Indonesia", "Hortikultura", True),
]

# Larger quotas for the associations with the most members; the rest share the remainder.
LARGE_QUOTAS = {"AKUMINDO": 40, "IWAPI": 34, "HIPMI": 30, "APKLI": 30, "ASEPHI": 28, "HIPPI": 24}

MINISTRIES = [
    ("KemenUMKM", "Kementerian Usaha Mikro, Kecil, dan Menengah", "https://umkm.go.id"),
    ("Kemendag", "Kementerian Perdagangan", "https://www.kemendag.go.id"),
    ("Kemenperin", "Kementerian Perindustrian", "https://kemenperin.go.id"),
    ("Kemenkop", "Kementerian Koperasi", "https://kemenkop.go.id"),
    ("Kemenekraf", "Kementerian Ekonomi Kreatif", "https://kemenekraf.go.id"),
]

# (ministry acronym, name, description)
PROGRAMMES = [
    (
        "Kemendag",
        "UMKM BISA Ekspor",
        "Pendampingan UMKM menuju pasar ekspor: pelatihan, kurasi produk, dan temu bisnis "
        "dengan pembeli luar negeri melalui perwakilan dagang.",
    ),
    (
        "KemenUMKM",
        "Entrepreneur Hub",
        "Pendampingan usaha mikro agar naik kelas: legalitas, pembiayaan, dan akses pasar.",
    ),
    (
        "Kemenperin",
        "e-Smart IKM",
        "Pemasaran digital bagi industri kecil dan menengah melalui lokapasar.",
    ),
]


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    role: str | None
    scope: str | None  # "event", an association acronym, or a ministry acronym


DEMO_USERS = [
    DemoUser("admin@pameran.test", "Admin Pameran", None, None),
    DemoUser("panitia@pameran.test", "Sri Wahyuni (Panitia)", Role.ORGANIZER, "event"),
    DemoUser(
        "gerbang@pameran.test", "Bambang Setiawan (Petugas Gerbang)", Role.GATE_STAFF, "event"
    ),
    DemoUser(
        "asephi@pameran.test", "Dewi Lestari (Admin ASEPHI)", Role.ASSOCIATION_ADMIN, "ASEPHI"
    ),
    DemoUser("umkm@pameran.test", "Siti Aminah (UMKM)", Role.EXHIBITOR, None),
    DemoUser("buyer@pameran.test", "Hendra Gunawan (Buyer)", Role.BUYER, None),
    DemoUser(
        "kemenkop@pameran.test",
        "Rahmat Hidayat (Kementerian UMKM)",
        Role.MINISTRY_READER,
        "KemenUMKM",
    ),
]


def _quotas() -> dict[str, int]:
    rest = [acronym for acronym, *_ in ASSOCIATIONS if acronym not in LARGE_QUOTAS]
    remaining = BOOTHS_ON_OFFER - sum(LARGE_QUOTAS.values())
    share, extra = divmod(remaining, len(rest))
    quotas = dict(LARGE_QUOTAS)
    for index, acronym in enumerate(rest):
        quotas[acronym] = share + (1 if index < extra else 0)
    return quotas


def _upsert(model, lookup: dict, values: dict):
    obj = model.objects.filter(**lookup).first() or model(**lookup)
    for field, value in values.items():
        setattr(obj, field, value)
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def seed_event() -> Event:
    tz = ZoneInfo(TimeZone.WIB)
    venue = _upsert(
        Venue,
        {"name": "Pamedan Pura Mangkunegaran"},
        {
            "address": "Jl. Ronggowarsito, Keprabon, Kec. Banjarsari",
            "city": "Kota Surakarta",
            "province": Province.JAWA_TENGAH,
            "latitude": Decimal("-7.566400"),
            "longitude": Decimal("110.822600"),
            "directions": (
                "Dari Stasiun Solo Balapan sekitar 2 km ke selatan; dari Bandara Adi Soemarmo "
                "sekitar 30 menit. Parkir kendaraan di kawasan Pasar Triwindu dan Jl. Diponegoro."
            ),
        },
    )
    event = _upsert(
        Event,
        {"slug": EVENT_SLUG},
        {
            "name": "Hari UMKM Nasional 2027",
            "year": 2027,
            "venue": venue,
            "time_zone": TimeZone.WIB,
            "status": EventStatus.PUBLISHED,
            "booth_capacity": BOOTHS_ON_OFFER,
            "exhibitor_registration_opens_at": datetime(2026, 11, 1, 8, 0, tzinfo=tz),
            "exhibitor_registration_closes_at": datetime(2027, 6, 30, 23, 59, tzinfo=tz),
            # Open already, so the demo's visitors can register and be scanned today.
            "visitor_registration_opens_at": datetime(2026, 11, 1, 8, 0, tzinfo=tz),
            "visitor_registration_closes_at": datetime(2027, 8, 15, 20, 0, tzinfo=tz),
            "usd_idr_rate": Decimal("16250.00"),
            "usd_idr_rate_date": date(2026, 11, 2),
            "usd_idr_rate_source": "Bank Indonesia JISDOR (angka demo)",
        },
    )
    first_day = date(2027, 8, 12)  # 12 August, Hari UMKM Nasional
    for offset in range(4):
        _upsert(
            EventDay,
            {"event": event, "date": first_day + timedelta(days=offset)},
            {"opens_at": time(9, 0), "closes_at": time(21, 0), "visitor_capacity": 15000},
        )

    quotas = _quotas()
    for acronym, name, focus, is_demo in ASSOCIATIONS:
        association = _upsert(
            Association,
            {"acronym": acronym},
            {
                "name": name,
                "slug": slugify(acronym),
                "sector_focus": focus,
                "is_demo": is_demo,
                "contact_email": f"sekretariat@{slugify(acronym)}.example",
            },
        )
        # Quotas are brought to their values in place; they always add up to the booths.
        Participation.objects.update_or_create(
            event=event, association=association, defaults={"booth_quota": quotas[acronym]}
        )

    for acronym, name, website in MINISTRIES:
        _upsert(
            Ministry,
            {"acronym": acronym},
            {"name": name, "slug": slugify(acronym), "website": website},
        )
    for ministry_acronym, name, description in PROGRAMMES:
        _upsert(
            Programme,
            {"slug": slugify(name)},
            {
                "ministry": Ministry.objects.get(acronym=ministry_acronym),
                "name": name,
                "description": description,
            },
        )
    event.programmes.set(Programme.objects.filter(slug__in=[slugify(p[1]) for p in PROGRAMMES]))
    event.save()
    return event


@transaction.atomic
def seed_users(*, event: Event) -> list[User]:
    users = []
    for demo in DEMO_USERS:
        user = User.objects.filter(email=demo.email).first()
        if user is None:
            user = User(email=demo.email, full_name=demo.full_name)
            user.set_password(DEMO_PASSWORD)
        user.full_name = demo.full_name
        user.email_verified_at = user.email_verified_at or timezone.now()
        user.is_superuser = user.is_staff = demo.role is None
        user.save()
        scope = None
        if demo.scope == "event":
            scope = event
        elif demo.scope:
            scope = (
                Association.objects.filter(acronym=demo.scope).first()
                or Ministry.objects.filter(acronym=demo.scope).first()
            )
        if demo.role and scope is not None:
            role_grant(user=user, role=demo.role, scope=scope)
        users.append(user)
    return users
