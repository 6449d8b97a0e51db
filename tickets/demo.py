"""Demo passes for an edition: gates, pass types, ~20,000 visitors and a first morning of scans.

``seed_tickets`` gives the demo edition its four gates and seven pass types, about
20,000 passes in ~17,000 registrations (most of them general visitors, school groups,
business buyers, a few hundred VIP, press and exhibitor-staff passes for the confirmed
applications), the ``DayTally`` rows that match them, and the first day's morning at the
gates: ~5,500 scans between 09:00 and 12:00 in the edition's time zone, entries mostly,
some exits and re-entries, and the refusals a real morning has.

Deterministic: the plan (who, which type and days, when, which gate) is drawn from
``random.Random(rng_seed)``; registration times are relative to the moment of seeding
(as in exhibitors.demo), so the organizers' "registrations per day" chart has data. Pass
codes (the alphabet and length of ``tickets.services.new_code``), pass-page keys
(``new_access_key``) and device tokens are secrets drawn from ``secrets``, as for every
pass: the demo's links cannot be worked out from its source.
Idempotent: gates and pass types are found by their codes and names and brought to the
values below; passes, scans and devices are written once, when the edition has no pass.

The scans are judged with the rules of ``tickets.services.judge`` (re-implemented here
on plain values, without a query per scan), so every refusal is the one the server
would have given, and each pass's ``inside_day`` / ``presence_changed_at`` is where its
last admitted scan left it (tests/tickets/test_demo.py replays a few through the real
services to check). Rows are written in bulk, COPY on PostgreSQL and executemany on
SQLite: through the registration service a visitor costs ~25 statements (about 20 ms on
a 2-core machine), minutes for the demo; here the tickets part takes ~2 s on SQLite and
~3 s on PostgreSQL.
"""

from __future__ import annotations

import random
import secrets
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from itertools import accumulate
from zoneinfo import ZoneInfo

from django.db import connection, models, transaction
from django.utils import timezone

from accounts.models import User
from events.models import Event, EventDay
from events.regions import Province

from .models import (
    LIVE_STATUSES,
    MAX_PASS_DAYS,
    CheckIn,
    DayTally,
    Direction,
    Gate,
    GateDevice,
    Pass,
    PassCategory,
    PassDay,
    PassRevocation,
    PassStatus,
    PassType,
    RefusalReason,
    Registration,
    ScanResult,
    VisitorCategory,
)
from .services import (
    CODE_ALPHABET,
    PASS_CODE_LENGTH,
    REFERENCE_LENGTH,
    new_access_key,
    new_code,
    signing_key_for,
    token_digest,
)

BATCH = 2000
DEMO_EMAIL_DOMAIN = "contoh.test"  # reserved (RFC 2606): never a real mailbox
GATE_STAFF_EMAIL = "gerbang@pameran.test"  # events.demo.DEMO_USERS
RNG_SEED = 2027

# --- Gates and pass types ----------------------------------------------------------------------


@dataclass(frozen=True)
class GateSpec:
    code: str
    name: str
    hint: str


GATES = [
    GateSpec(
        "utara", "Gerbang Utara", "Jl. Ronggowarsito, pintu utama di depan Pura Mangkunegaran"
    ),
    GateSpec("selatan", "Gerbang Selatan", "Jl. Kartini, dekat Pasar Triwindu"),
    GateSpec("timur", "Gerbang Timur", "Parkir bus rombongan, Jl. Teuku Umar"),
    GateSpec("vip", "Pintu VIP & Media", "Khusus undangan VIP, pemerintah dan media"),
]
PUBLIC_GATES = ("utara", "selatan", "timur")


@dataclass(frozen=True)
class TypeSpec:
    key: str
    name: str
    name_en: str
    category: str
    price: int = 0
    is_public: bool = True
    requires_approval: bool = False
    multiple_entries: bool = False
    max_per_registration: int = 1
    capacity_per_day: int | None = None
    gates: tuple[str, ...] = PUBLIC_GATES  # empty: every gate

    @property
    def counts_as_visitor(self) -> bool:
        return self.category != PassCategory.EXHIBITOR_STAFF


PASS_TYPES = [
    TypeSpec("general", "Pengunjung Umum", "General visitor", PassCategory.GENERAL),
    TypeSpec(
        "buyer", "Pembeli Bisnis", "Business buyer", PassCategory.BUYER, requires_approval=True
    ),
    TypeSpec(
        "student",
        "Rombongan Pelajar",
        "Student group",
        PassCategory.STUDENT,
        max_per_registration=40,
        capacity_per_day=1500,
    ),
    TypeSpec(
        "vip",
        "VIP & Pemerintah",
        "VIP & government",
        PassCategory.VIP,
        is_public=False,
        gates=("vip",),
    ),
    # The VIP door and every other gate: no restriction at all.
    TypeSpec("press", "Media", "Press", PassCategory.PRESS, is_public=False, gates=()),
    TypeSpec(
        "staff",
        "Staf Peserta",
        "Exhibitor staff",
        PassCategory.EXHIBITOR_STAFF,
        is_public=False,
        multiple_entries=True,
    ),
    # Paid; payments come later, so nobody holds one yet.
    TypeSpec(
        "workshop",
        "Kelas Ekspor (workshop)",
        "Export class (workshop)",
        PassCategory.GENERAL,
        price=75_000,
        is_public=False,
        capacity_per_day=60,
    ),
]
TYPES = {spec.key: spec for spec in PASS_TYPES}

# --- How many, and when -------------------------------------------------------------------

GENERAL_VISITORS = 16_000
BUYERS = 850
STUDENTS = 2_600  # in groups of 15–40
VIPS = 110
PRESS = 90
STAFF_PER_APPLICATION = (2, 3)
# How many days a general visitor registers for: one, two, three, or all.
DAYS_WANTED = {1: 72, 2: 18, 3: 4, 0: 6}  # 0: every day
# Who comes on which day, by weekday (Monday 0): weekends are busiest, schools come on weekdays.
WEEKDAY_WEIGHTS = {0: 0.7, 1: 0.7, 2: 0.7, 3: 0.9, 4: 0.75, 5: 1.25, 6: 1.2}
OPENING_BONUS = 1.2  # the first day has the opening ceremony
SCHOOL_WEEKDAY_WEIGHTS = {0: 1.0, 1: 1.0, 2: 1.0, 3: 1.0, 4: 1.0, 5: 0.15, 6: 0.1}
REGISTRATION_SPAN_DAYS = 75  # registrations spread over this many days before seeding
REGISTRATION_HOURS = {
    hour: 1 if hour < 6 else 3 if hour < 9 else 6 if hour < 19 else 4 for hour in range(24)
}
VOID_SHARE = 0.015
PENDING_BUYER_SHARE = 0.07

VOID_REASONS = [
    "Dibatalkan atas permintaan pengunjung (batal hadir).",
    "Pendaftaran ganda: pengunjung sudah terdaftar dengan email lain.",
    "Data pendaftaran tidak valid (nama dan nomor WhatsApp fiktif).",
    "Diganti dengan tiket rombongan sekolah.",
]
BUYER_VOID_REASONS = [
    "Bukan pembeli bisnis; silakan daftar sebagai pengunjung umum.",
    "Perusahaan tidak dapat diverifikasi.",
]

# --- Who the visitors are ---------------------------------------------------------------------

GIVEN_WOMEN = [
    "Sri", "Siti", "Dewi", "Endang", "Rina", "Yuni", "Wulan", "Ratna", "Indah", "Lestari",
    "Fitri", "Nur", "Ayu", "Putri", "Diah", "Retno", "Tri", "Dwi", "Eka", "Nanik", "Sumarni",
    "Wahyu", "Novi", "Anik", "Rahmawati", "Kartika", "Larasati", "Puspita", "Anisa", "Maya",
    "Ning", "Tutik", "Yulia", "Mega", "Rizka", "Nurul", "Erna", "Heni", "Dian", "Septi",
]  # fmt: skip
GIVEN_MEN = [
    "Budi", "Agus", "Bambang", "Joko", "Slamet", "Hadi", "Eko", "Dwi", "Bayu", "Arif", "Andi",
    "Teguh", "Heru", "Wahyu", "Yusuf", "Rudi", "Sigit", "Dedi", "Hendra", "Fajar", "Rizal",
    "Imam", "Ahmad", "Gunawan", "Supriyadi", "Suryo", "Wisnu", "Aji", "Dimas", "Galih",
    "Bagus", "Anton", "Yoga", "Ari", "Nugroho", "Hari", "Ilham", "Ferry", "Danang", "Purnomo",
]  # fmt: skip
FAMILY = [
    "Santoso", "Wibowo", "Setiawan", "Prasetyo", "Susanto", "Hidayat", "Kurniawan", "Saputra",
    "Nugraha", "Wijaya", "Pratama", "Purnomo", "Rahayu", "Handayani", "Lestari", "Wulandari",
    "Suryani", "Permatasari", "Kusumawati", "Utami", "Astuti", "Hartono", "Gunawan", "Subekti",
    "Widodo", "Sutrisno", "Haryanto", "Mulyono", "Sulistyo", "Hermawan", "Ramadhan", "Firmansyah",
    "Maharani", "Anggraini", "Safitri", "Puspitasari", "Cahyani", "Nurhayati", "Susilowati",
    "Darmawan", "Suharto", "Wardhani", "Yuliani", "Setyaningsih", "Kuncoro", "Triyono",
]  # fmt: skip
WOMEN_FAMILY = {
    "Rahayu", "Handayani", "Lestari", "Wulandari", "Suryani", "Permatasari", "Kusumawati",
    "Utami", "Astuti", "Maharani", "Anggraini", "Safitri", "Puspitasari", "Cahyani",
    "Nurhayati", "Susilowati", "Wardhani", "Yuliani", "Setyaningsih",
}  # fmt: skip
YOUNG_GIVEN = [
    "Aditya", "Rizky", "Nabila", "Aulia", "Salsabila", "Fajar", "Dimas", "Bagas", "Putri",
    "Zahra", "Alya", "Keisha", "Rafi", "Naufal", "Farel", "Azzahra", "Nayla", "Raka", "Bima",
    "Citra", "Dinda", "Galang", "Hafiz", "Intan", "Kayla", "Laras", "Mutiara", "Nadia",
    "Rangga", "Satria", "Tiara", "Vina", "Yoga", "Zaki", "Arya", "Bintang", "Cantika", "Dafa",
]  # fmt: skip
TITLES_MEN = ["Dr.", "Ir.", "Drs.", "H.", "Prof. Dr."]
TITLES_WOMEN = ["Dr.", "Ir.", "Dra.", "Hj.", "Prof. Dr."]
TITLES_AFTER = ["S.E.", "M.M.", "M.Si.", "S.H.", "M.A.P.", "S.Sos.", "M.Ec.Dev."]
PHONE_PREFIXES = [
    "811", "812", "813", "821", "822", "823", "852", "853", "856", "857", "858", "877",
    "878", "881", "882", "895", "896", "897",
]  # fmt: skip
SCHOOL_KINDS = {
    "SMK Negeri": 9,
    "SMA Negeri": 7,
    "SMP Negeri": 4,
    "SMK Muhammadiyah": 3,
    "MA Negeri": 2,
    "SMA Islam Terpadu": 1,
    "SMK Kristen": 1,
    "SMA Katolik": 1,
}
COMPANY_FORMS = {"CV": 5, "PT": 4, "UD": 2, "Koperasi": 1, "Toko Oleh-oleh": 1}
COMPANY_WORDS = [
    "Sumber Rejeki", "Mitra Usaha", "Berkah Niaga", "Sinar Jaya", "Nusantara Trading",
    "Sekar Arum", "Indo Kriya", "Prima Rasa", "Sentosa Abadi", "Anugerah Makmur",
    "Cahaya Timur", "Karya Bersama", "Bumi Lestari", "Graha Batik", "Rumah Oleh-oleh",
    "Pasar Digital", "Dapur Nusantara", "Tunas Export", "Rempah Raya", "Kain Kita",
]  # fmt: skip
UMKM_WORDS = ["Keripik", "Batik", "Jamu", "Kopi", "Kerajinan", "Sambal", "Tenun", "Roti"]

_FAMILY_WOMEN = [name for name in FAMILY if name in WOMEN_FAMILY]
_FAMILY_MEN = [name for name in FAMILY if name not in WOMEN_FAMILY]

P = Province
# Visitors come from near the venue (Solo): Central Java, Yogyakarta and East Java first.
VISITOR_PROVINCES = {
    P.JAWA_TENGAH: 62,
    P.DI_YOGYAKARTA: 11,
    P.JAWA_TIMUR: 10,
    P.JAWA_BARAT: 5,
    P.DKI_JAKARTA: 4,
    P.BANTEN: 1.5,
    P.BALI: 1,
    P.SUMATERA_UTARA: 0.8,
    P.SULAWESI_SELATAN: 0.8,
    P.LAMPUNG: 0.6,
    P.KALIMANTAN_TIMUR: 0.6,
    P.NUSA_TENGGARA_BARAT: 0.5,
    P.SUMATERA_SELATAN: 0.5,
    P.KALIMANTAN_SELATAN: 0.4,
    P.SUMATERA_BARAT: 0.4,
    P.PAPUA: 0.2,
}
GENERAL_CATEGORIES = {
    VisitorCategory.PUBLIC: 62,
    VisitorCategory.UMKM: 14,
    VisitorCategory.STUDENT: 9,
    VisitorCategory.BUSINESS: 3,
    VisitorCategory.GOVERNMENT: 4,
    VisitorCategory.OTHER: 8,
}

# --- The first morning at the gates ---------------------------------------------------------------

MORNING = (time(9, 0), time(12, 0))
# Of the passes valid on the first day, these shares come through a gate before noon.
ARRIVING = {
    "general": 0.55,
    "buyer": 0.5,
    "student": 0.8,
    "vip": 0.85,
    "press": 0.85,
    "staff": 0.97,
}
ENTRY_GATES = {  # where each kind of visitor comes in
    "general": {"utara": 48, "selatan": 34, "timur": 18},
    "buyer": {"utara": 55, "selatan": 35, "timur": 10},
    "student": {"timur": 80, "utara": 12, "selatan": 8},
    "vip": {"vip": 1},
    "press": {"vip": 55, "utara": 30, "selatan": 15},
    "staff": {"utara": 40, "selatan": 40, "timur": 20},
}
EXIT_SHARE = 0.08  # of those inside: go out before noon (lunch, the car, the mosque)
REENTRY_SHARE = 0.5  # of those who went out: back in before noon
STAFF_OUT_AND_IN = 0.35  # staff fetch stock from their cars
STAFF_IN_TWICE = 0.1  # staff badges enter again without scanning out: admitted
DOUBLE_SCAN = 0.025  # a pass shown again while its holder is inside (a shared screenshot)
VIP_DOOR_BY_MISTAKE = 0.006  # a general visitor tries the VIP door first
TYPED_CODE = 0.03  # the code typed in because the QR would not scan
WRONG_DAY_SCANS = 90  # passes for a later day shown on the first
VOID_SCANS = 25
PENDING_SCANS = 12
UNKNOWN_SCANS = 45  # screenshots of other events, damaged prints
# The east gate lost its connection for a while: its scans were queued and uploaded later.
OFFLINE_WINDOW = (time(10, 20), time(10, 36))


# --- The plan ------------------------------------------------------------------------------------


@dataclass
class PlannedPass:
    type_key: str
    holder_name: str
    holder_email: str
    days: tuple[int, ...]  # positions among the edition's days, ascending
    status: str
    created_at: datetime
    approved_at: datetime | None = None
    voided_at: datetime | None = None
    void_reason: str = ""
    application_id: int | None = None
    registration: int | None = None  # index into the plan's registrations
    inside: bool = False
    presence_changed_at: datetime | None = None


@dataclass
class PlannedRegistration:
    contact_name: str
    email: str
    phone: str
    province: str
    city: str
    category: str
    organisation: str
    language: str
    created_at: datetime


@dataclass
class PlannedScan:
    at: datetime
    gate: str
    direction: str
    pass_index: int | None  # None: a code that is no pass
    typed: bool = False
    result: str = ""
    reason: str = ""


@dataclass
class Plan:
    registrations: list[PlannedRegistration] = field(default_factory=list)
    passes: list[PlannedPass] = field(default_factory=list)
    scans: list[PlannedScan] = field(default_factory=list)


_CUMULATIVE: dict[int, tuple[dict, list, list[float]]] = {}


def _weighted(rng: random.Random, weights: dict):
    """One key of ``weights`` (one of this module's tables), drawn in proportion to its value."""
    table = _CUMULATIVE.get(id(weights))
    if table is None or table[0] is not weights:
        table = (weights, list(weights), list(accumulate(weights.values())))
        _CUMULATIVE[id(weights)] = table
    _weights, keys, cumulative = table
    return rng.choices(keys, cum_weights=cumulative)[0]


class _People:
    """Made-up Indonesian names, unique emails at the demo domain, WhatsApp numbers."""

    def __init__(self, rng: random.Random):
        from exhibitors.demo import PROVINCES

        self.rng = rng
        self.cities = {province: cities for province, _weight, cities in PROVINCES}
        self.emails: set[str] = set()

    def name(self, *, young: bool = False, woman: bool | None = None) -> str:
        rng = self.rng
        if young:
            return f"{rng.choice(YOUNG_GIVEN)} {rng.choice(FAMILY)}"
        woman = rng.random() < 0.5 if woman is None else woman
        given = rng.choice(GIVEN_WOMEN if woman else GIVEN_MEN)
        families = _FAMILY_WOMEN if woman else _FAMILY_MEN
        if rng.random() < 0.12:  # one name only, as many Javanese have
            return given if len(given) > 4 else f"{given} {rng.choice(families)}"
        return f"{given} {rng.choice(families)}"

    def official(self) -> str:
        woman = self.rng.random() < 0.4
        name = self.name(woman=woman)
        if self.rng.random() < 0.6:
            name = f"{self.rng.choice(TITLES_WOMEN if woman else TITLES_MEN)} {name}"
        if self.rng.random() < 0.5:
            name = f"{name}, {self.rng.choice(TITLES_AFTER)}"
        return name

    def email(self, name: str) -> str:
        words = [w for w in name.lower().replace(",", " ").split() if w.isalpha() and len(w) > 2]
        base = ".".join(words[:2]) or "pengunjung"
        candidate = f"{base}@{DEMO_EMAIL_DOMAIN}"
        while candidate in self.emails:
            candidate = f"{base}{self.rng.randint(1, 999)}@{DEMO_EMAIL_DOMAIN}"
        self.emails.add(candidate)
        return candidate

    def phone(self) -> str:
        digits = f"{self.rng.randrange(10**8):08d}"[: self.rng.choice((7, 8))]
        return f"+62{self.rng.choice(PHONE_PREFIXES)}{digits}"

    def place(self) -> tuple[str, str]:
        province = _weighted(self.rng, VISITOR_PROVINCES)
        cities = self.cities.get(province) or [Province(province).label]
        if province == P.JAWA_TENGAH and self.rng.random() < 0.45:
            return province, "Kota Surakarta"  # the host city
        return province, self.rng.choice(cities)

    def school(self, city: str) -> str:
        kind = _weighted(self.rng, SCHOOL_KINDS)
        place = city.removeprefix("Kota ").removeprefix("Kabupaten ")
        return f"{kind} {self.rng.randint(1, 9)} {place}"

    def company(self) -> str:
        form = _weighted(self.rng, COMPANY_FORMS)
        return f"{form} {self.rng.choice(COMPANY_WORDS)}"

    def umkm(self) -> str:
        return f"{self.rng.choice(UMKM_WORDS)} {self.rng.choice(COMPANY_WORDS)}"


class _Planner:
    def __init__(self, rng: random.Random, days: list[EventDay], now: datetime, zone: ZoneInfo):
        self.rng = rng
        self.days = days[:MAX_PASS_DAYS]  # a token's day mask has 16 bits
        self.people = _People(rng)
        self.plan = Plan()
        self.zone = zone
        opening = datetime.combine(days[0].date, days[0].opens_at, tzinfo=zone)
        # Everyone registered before the edition opens, and before this seeding.
        self.anchor = min(now, opening - timedelta(days=1))
        self.taken: Counter = Counter()  # (position, type key or None) → places
        self.weights = [
            WEEKDAY_WEIGHTS[day.date.weekday()] * (OPENING_BONUS if i == 0 else 1)
            for i, day in enumerate(days)
        ]
        self.school_weights = [SCHOOL_WEEKDAY_WEIGHTS[day.date.weekday()] for day in days]

    # Places: the plan keeps the capacities the services keep.
    def _fits(self, spec: TypeSpec, positions, count: int) -> bool:
        for position in positions:
            if spec.counts_as_visitor and (
                self.taken[(position, None)] + count > self.days[position].visitor_capacity
            ):
                return False
            if spec.capacity_per_day is not None and (
                self.taken[(position, spec.key)] + count > spec.capacity_per_day
            ):
                return False
        return True

    def _take(self, spec: TypeSpec, positions, count: int) -> None:
        for position in positions:
            self.taken[(position, spec.key)] += count
            if spec.counts_as_visitor:
                self.taken[(position, None)] += count

    def _registered_at(self) -> datetime:
        # More registrations as the edition nears; office hours more than nights.
        days_before = REGISTRATION_SPAN_DAYS * self.rng.betavariate(1.0, 2.4)
        moment = self.anchor - timedelta(days=days_before)
        local = moment.astimezone(self.zone)
        hour = _weighted(self.rng, REGISTRATION_HOURS)
        moment = local.replace(hour=hour, minute=self.rng.randrange(60), second=0, microsecond=0)
        return moment - timedelta(days=1) if moment > self.anchor else moment

    def _pick_days(self, count: int, weights: list[float]) -> tuple[int, ...]:
        positions = list(range(len(self.days)))
        if count <= 0 or count >= len(positions):
            return tuple(positions)
        chosen: set[int] = set()
        while len(chosen) < count:
            chosen.add(self.rng.choices(positions, weights=weights)[0])
        return tuple(sorted(chosen))

    def _register(
        self, spec, contact, email, category, organisation, members, positions, status, place=None
    ):
        """One registration with a pass for each member, if the days have room; else nothing."""
        if not self._fits(spec, positions, len(members)):
            return None
        self._take(spec, positions, len(members))
        province, city = place or self.people.place()
        at = self._registered_at()
        self.plan.registrations.append(
            PlannedRegistration(
                contact_name=contact,
                email=email,
                phone=self.people.phone(),
                province=province,
                city=city,
                category=category,
                organisation=organisation,
                language="en" if self.rng.random() < 0.06 else "id",
                created_at=at,
            )
        )
        index = len(self.plan.registrations) - 1
        passes = []
        for name, member_email in members:
            planned = PlannedPass(
                type_key=spec.key,
                holder_name=name,
                holder_email=member_email or email,
                days=positions,
                status=status,
                created_at=at,
                approved_at=at if status == PassStatus.VALID else None,
                registration=index,
            )
            self.plan.passes.append(planned)
            passes.append(planned)
        return passes

    def general_visitors(self, count: int) -> None:
        spec = TYPES["general"]
        for _ in range(count):
            wanted = _weighted(self.rng, DAYS_WANTED)
            positions = self._pick_days(wanted, self.weights)
            name = self.people.name()
            email = self.people.email(name)
            category = _weighted(self.rng, GENERAL_CATEGORIES)
            organisation = ""
            if category == VisitorCategory.UMKM and self.rng.random() < 0.7:
                organisation = self.people.umkm()
            elif category == VisitorCategory.BUSINESS:
                organisation = self.people.company()
            passes = self._register(
                spec, name, email, category, organisation, [(name, "")], positions, "valid"
            )
            if passes and self.rng.random() < VOID_SHARE:
                self._void(passes[0], self.rng.choice(VOID_REASONS))

    def buyers(self, count: int) -> None:
        spec = TYPES["buyer"]
        weekday_first = [w if i < 2 else w * 0.5 for i, w in enumerate(self.weights)]
        for _ in range(count):
            positions = self._pick_days(self.rng.choice((1, 1, 2)), weekday_first)
            name = self.people.name()
            email = self.people.email(name)
            pending = self.rng.random() < PENDING_BUYER_SHARE
            passes = self._register(
                spec,
                name,
                email,
                VisitorCategory.BUSINESS,
                self.people.company(),
                [(name, "")],
                positions,
                PassStatus.PENDING if pending else PassStatus.VALID,
            )
            if not passes or pending:
                continue
            visitor_pass = passes[0]
            visitor_pass.approved_at = min(
                self.anchor, visitor_pass.created_at + timedelta(hours=self.rng.uniform(3, 72))
            )
            if self.rng.random() < 0.03:
                self._void(visitor_pass, self.rng.choice(BUYER_VOID_REASONS))

    def student_groups(self, count: int) -> None:
        spec = TYPES["student"]
        planned = 0
        attempts = 0
        while planned < count and attempts < count:
            attempts += 1
            size = min(spec.max_per_registration, max(15, round(self.rng.gauss(29, 7))))
            positions = self._pick_days(1, self.school_weights)
            teacher = self.people.name()
            email = self.people.email(teacher)
            members = [(teacher, "")] + [
                (self.people.name(young=True), "") for _ in range(size - 1)
            ]
            province, city = self.people.place()
            passes = self._register(
                spec,
                teacher,
                email,
                VisitorCategory.STUDENT,
                self.people.school(city),
                members,
                positions,
                PassStatus.VALID,
                place=(province, city),
            )
            if passes:
                planned += len(passes)

    def issued(self, key: str, count: int, *, application_ids=()) -> None:
        """Passes organizers issue by hand (VIP, press, staff badges): no registration."""
        spec = TYPES[key]
        everyday = tuple(range(len(self.days)))
        owners = list(application_ids) or [None] * count
        for application_id in owners:
            if key == "vip":
                name = self.people.official()
                positions = everyday if self.rng.random() < 0.4 else (0,)
            else:
                name = self.people.name()
                positions = everyday
            if not self._fits(spec, positions, 1):
                continue
            self._take(spec, positions, 1)
            at = self.anchor - timedelta(days=self.rng.uniform(1, 20))
            email = "" if key == "staff" and self.rng.random() < 0.6 else self.people.email(name)
            self.plan.passes.append(
                PlannedPass(
                    type_key=key,
                    holder_name=name,
                    holder_email=email,
                    days=positions,
                    status=PassStatus.VALID,
                    created_at=at,
                    approved_at=at,
                    application_id=application_id,
                )
            )

    def _void(self, visitor_pass: PlannedPass, reason: str) -> None:
        spec = TYPES[visitor_pass.type_key]
        for position in visitor_pass.days:  # a void pass gives its places back
            self.taken[(position, spec.key)] -= 1
            if spec.counts_as_visitor:
                self.taken[(position, None)] -= 1
        visitor_pass.status = PassStatus.VOID
        visitor_pass.void_reason = reason
        visitor_pass.voided_at = min(
            self.anchor, visitor_pass.created_at + timedelta(days=self.rng.uniform(0.2, 10))
        )


class _Morning:
    """The first day's morning at the gates, judged as tickets.services.judge would."""

    def __init__(self, rng: random.Random, plan: Plan, day_start: datetime):
        self.rng = rng
        self.plan = plan
        self.start = day_start  # 09:00 local, as an aware datetime
        morning = datetime.combine(day_start.date(), MORNING[1], tzinfo=day_start.tzinfo)
        self.end = morning - timedelta(seconds=1)
        self.wanted: list[PlannedScan] = []

    def minutes(self, value: float) -> datetime:
        moment = self.start + timedelta(seconds=round(value * 60))
        return min(moment, self.end)

    def scan(self, at, gate, pass_index, direction=Direction.IN):
        if at <= self.end:
            typed = pass_index is not None and self.rng.random() < TYPED_CODE
            self.wanted.append(PlannedScan(at, gate, direction, pass_index, typed=typed))

    def arrivals(self) -> None:
        rng = self.rng
        groups: dict[int, list[int]] = defaultdict(list)
        for index, visitor_pass in enumerate(self.plan.passes):
            if 0 not in visitor_pass.days or visitor_pass.status != PassStatus.VALID:
                continue
            key = visitor_pass.type_key
            if rng.random() >= ARRIVING.get(key, 0):
                continue
            if key == "student":
                groups[visitor_pass.registration].append(index)
                continue
            if key == "staff":
                at = self.minutes(min(40, rng.expovariate(1 / 12)))
            elif key in ("vip", "press"):
                at = self.minutes(rng.triangular(0, 70, 20))
            else:  # the opening draws a crowd; it thins out towards noon
                at = self.minutes(180 * rng.betavariate(1.5, 2.6))
            self.visit(index, key, at)
        for members in groups.values():
            bus = rng.uniform(0, 130)  # the bus arrives; the group queues at one gate
            gate = _weighted(rng, ENTRY_GATES["student"])
            for index in members:
                at = self.minutes(bus + rng.uniform(0, 9))
                self.visit(index, "student", at, gate=gate, stays=True)

    def visit(self, index: int, key: str, at: datetime, *, gate=None, stays=False) -> None:
        rng = self.rng
        gate = gate or _weighted(rng, ENTRY_GATES[key])
        if key == "general" and rng.random() < VIP_DOOR_BY_MISTAKE:
            self.scan(at, "vip", index)  # refused: sent round to the north gate
            at += timedelta(minutes=rng.uniform(4, 12))
            gate = "utara"
        self.scan(at, gate, index)
        if rng.random() < DOUBLE_SCAN:
            self.scan(
                at + timedelta(minutes=rng.uniform(1, 50)),
                rng.choice(("utara", "selatan")),
                index,
            )
        if key == "staff":
            if rng.random() < STAFF_IN_TWICE:
                self.scan(at + timedelta(minutes=rng.uniform(10, 90)), gate, index)
            if rng.random() < STAFF_OUT_AND_IN:
                out = at + timedelta(minutes=rng.uniform(20, 120))
                self.scan(out, gate, index, Direction.OUT)
                self.scan(out + timedelta(minutes=rng.uniform(3, 25)), gate, index)
            return
        if not stays and rng.random() < EXIT_SHARE:
            out = at + timedelta(minutes=rng.uniform(20, 120))
            exit_gate = _weighted(rng, ENTRY_GATES[key])
            self.scan(out, exit_gate, index, Direction.OUT)
            if rng.random() < REENTRY_SHARE:
                self.scan(out + timedelta(minutes=rng.uniform(5, 45)), exit_gate, index)

    def strays(self) -> None:
        """Scans that are refused however often they are tried."""
        rng = self.rng
        passes = self.plan.passes
        later = [
            i
            for i, p in enumerate(passes)
            if 0 not in p.days and p.status == PassStatus.VALID and p.type_key == "general"
        ]
        void = [i for i, p in enumerate(passes) if p.status == PassStatus.VOID]
        pending = [
            i for i, p in enumerate(passes) if p.status == PassStatus.PENDING and 0 in p.days
        ]
        for pool, count in ((later, WRONG_DAY_SCANS), (void, VOID_SCANS), (pending, PENDING_SCANS)):
            for index in rng.sample(pool, min(count, len(pool))):
                gate = _weighted(rng, ENTRY_GATES["general"])
                self.scan(self.minutes(180 * rng.betavariate(1.5, 2.6)), gate, index)
        for _ in range(UNKNOWN_SCANS):
            gate = _weighted(rng, ENTRY_GATES["general"])
            self.scan(self.minutes(rng.uniform(0, 180)), gate, None)

    def judge(self, gates_of: dict[str, tuple[str, ...]]) -> list[PlannedScan]:
        """Apply the check-in rules in time order; the passes end where their scans left them."""
        passes = self.plan.passes
        for scan in sorted(self.wanted, key=lambda s: s.at):
            if scan.pass_index is None:
                scan.result, scan.reason = ScanResult.REFUSED, RefusalReason.UNKNOWN
                continue
            visitor_pass = passes[scan.pass_index]
            spec = TYPES[visitor_pass.type_key]
            reason = ""
            if visitor_pass.status == PassStatus.VOID:
                reason = RefusalReason.VOID
            elif scan.direction == Direction.OUT:
                reason = ""
            elif visitor_pass.status == PassStatus.PENDING:
                reason = RefusalReason.NOT_APPROVED
            elif 0 not in visitor_pass.days:
                reason = RefusalReason.WRONG_DAY
            elif gates_of[spec.key] and scan.gate not in gates_of[spec.key]:
                reason = RefusalReason.WRONG_GATE
            elif visitor_pass.inside and not spec.multiple_entries:
                reason = RefusalReason.ALREADY_INSIDE
            if reason:
                scan.result, scan.reason = ScanResult.REFUSED, reason
                continue
            scan.result = ScanResult.ADMITTED
            if scan.direction == Direction.OUT and not visitor_pass.inside:
                scan.reason = RefusalReason.NOT_INSIDE  # noted, not refused
            visitor_pass.inside = scan.direction == Direction.IN
            visitor_pass.presence_changed_at = scan.at
        return sorted(self.wanted, key=lambda s: s.at)


def plan(
    *,
    days: list[EventDay],
    zone: ZoneInfo,
    now: datetime,
    application_ids: list[int] = (),
    rng_seed: int = RNG_SEED,
    general: int = GENERAL_VISITORS,
    scans: bool = True,
) -> Plan:
    """The demo's visitors, passes and first morning, drawn from ``rng_seed``."""
    rng = random.Random(rng_seed)
    planner = _Planner(rng, days, now, zone)
    planner.issued("vip", VIPS)
    planner.issued("press", PRESS)
    staff = [
        application_id
        for application_id in application_ids
        for _ in range(rng.randint(*STAFF_PER_APPLICATION))
    ]
    if staff:
        planner.issued("staff", len(staff), application_ids=staff)
    planner.student_groups(STUDENTS)
    planner.buyers(BUYERS)
    planner.general_visitors(general)
    result = planner.plan
    if scans:
        start = datetime.combine(days[0].date, MORNING[0], tzinfo=zone)
        morning = _Morning(rng, result, start)
        morning.arrivals()
        morning.strays()
        result.scans = morning.judge({spec.key: spec.gates for spec in PASS_TYPES})
    return result


# --- Writing it -------------------------------------------------------------------------------


def _bring(model, lookup: dict, values: dict):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values)
    if any(getattr(obj, key) != value for key, value in values.items()):
        for key, value in values.items():
            setattr(obj, key, value)
        obj.save()
    return obj


def bring_gates_and_types(event: Event) -> tuple[dict[str, Gate], dict[str, PassType]]:
    """The edition's demo gates and pass types, created or brought back to the values above."""
    gates = {
        spec.code: _bring(
            Gate, {"event": event, "code": spec.code}, {"name": spec.name, "hint": spec.hint}
        )
        for spec in GATES
    }
    days = list(EventDay.objects.filter(event=event).order_by("date"))
    types = {}
    for order, spec in enumerate(PASS_TYPES):
        pass_type = _bring(
            PassType,
            {"event": event, "name": spec.name},
            {
                "name_en": spec.name_en,
                "category": spec.category,
                "price": spec.price,
                "capacity_per_day": spec.capacity_per_day,
                "requires_approval": spec.requires_approval,
                "is_public": spec.is_public,
                "multiple_entries": spec.multiple_entries,
                "max_per_registration": spec.max_per_registration,
                "sort_order": order,
            },
        )
        pass_type.days.set(days)
        pass_type.gates.set([gates[code] for code in spec.gates])
        types[spec.key] = pass_type
    return gates, types


def _codes(count: int, length: int, taken: set[str]) -> list[str]:
    """``count`` new codes like tickets.services.new_code makes (same alphabet, secret).

    One ``secrets.token_bytes`` call per batch instead of a ``secrets.choice`` per
    character: 32 letters divide 256, so each byte's low five bits pick one evenly.
    Codes in ``taken`` (those of the database) or drawn twice are drawn again.
    """
    size = len(CODE_ALPHABET)
    seen, fresh = set(taken), []
    while len(fresh) < count:
        wanted = count - len(fresh)
        if 256 % size:
            batch = [new_code(length) for _ in range(wanted)]
        else:
            raw = secrets.token_bytes(wanted * length)
            batch = [
                "".join(CODE_ALPHABET[b % size] for b in raw[start : start + length])
                for start in range(0, len(raw), length)
            ]
        for code in batch:
            if code not in seen:
                seen.add(code)
                fresh.append(code)
    return fresh


def _reserve_ids(model, count: int) -> list[int]:
    """Primary keys for ``count`` new rows of ``model``, taken before inserting them."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Sequences are outside transactions: nobody else is given these ids.
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the seeding transaction holds the database's write lock.
        quoted = connection.ops.quote_name(table)
        cursor.execute(f"SELECT MAX(id) FROM {quoted}")  # noqa: S608 - a model's table
        highest = cursor.fetchone()[0] or 0
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        first = max(highest, row[0] if row else 0) + 1
    return list(range(first, first + count))


def _insert(model, columns: list[str], rows: list[tuple]) -> None:
    """Write ``rows`` (values of ``columns``, in Python form) without the ORM's per-value cost.

    bulk_create spends ~10 µs a value compiling SQL and the demo writes ~800,000 values:
    PostgreSQL gets them through COPY, SQLite through one executemany a batch (it runs in
    this process, so a statement costs little). Other databases get bulk_create.
    """
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in columns]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(f.column) for f in fields)
    if connection.vendor == "postgresql":
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    if connection.vendor != "sqlite":
        model.objects.bulk_create(
            (model(**dict(zip(columns, row, strict=True))) for row in rows), batch_size=BATCH
        )
        return
    adapt = {
        i: connection.ops.adapt_datetimefield_value
        if isinstance(f, models.DateTimeField)
        else connection.ops.adapt_datefield_value
        for i, f in enumerate(fields)
        if isinstance(f, models.DateField)
    }
    sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            if adapt:
                batch = [list(row) for row in batch]
                for row in batch:
                    for i, to_db in adapt.items():
                        if row[i] is not None:
                            row[i] = to_db(row[i])
            cursor.executemany(sql, batch)


def write_passes(
    *, event: Event, planned: Plan, types: dict[str, PassType], days: list[EventDay]
) -> list[int]:
    """Registrations, passes, their days and revocations, and the tallies to match.

    Returns the new passes' ids, in the plan's order.
    """
    now = timezone.now()
    registration_ids = _reserve_ids(Registration, len(planned.registrations))
    references = _codes(
        len(planned.registrations),
        REFERENCE_LENGTH,
        set(Registration.objects.values_list("reference", flat=True)),
    )
    _insert(
        Registration,
        [
            "id",
            "event",
            "reference",
            "contact_name",
            "email",
            "phone",
            "province",
            "city",
            "category",
            "organisation",
            "language",
            "consent_at",
            "created_at",
        ],  # fmt: skip
        [
            (
                pk,
                event.pk,
                reference,
                r.contact_name,
                r.email,
                r.phone,
                r.province,
                r.city,
                r.category,
                r.organisation,
                r.language,
                r.created_at,
                r.created_at,
            )  # fmt: skip
            for pk, reference, r in zip(
                registration_ids, references, planned.registrations, strict=True
            )
        ],
    )
    pass_ids = _reserve_ids(Pass, len(planned.passes))
    codes = _codes(
        len(planned.passes), PASS_CODE_LENGTH, set(Pass.objects.values_list("code", flat=True))
    )
    first = days[0].pk
    rows = []
    for pk, code, p in zip(pass_ids, codes, planned.passes, strict=True):
        mask = 0
        for position in p.days:
            mask |= 1 << position
        rows.append(
            (
                pk,
                event.pk,
                registration_ids[p.registration] if p.registration is not None else None,
                p.application_id,
                types[p.type_key].pk,
                p.holder_name,
                p.holder_email,
                p.status,
                1,
                mask,
                code,
                new_access_key(),
                first if p.inside else None,
                p.presence_changed_at,
                p.created_at,
                now,
                p.approved_at,
                p.voided_at,
                p.void_reason,
            )  # fmt: skip
        )
    _insert(
        Pass,
        [
            "id",
            "event",
            "registration",
            "application",
            "pass_type",
            "holder_name",
            "holder_email",
            "status",
            "serial",
            "day_mask",
            "code",
            "access_key",
            "inside_day",
            "presence_changed_at",
            "created_at",
            "updated_at",
            "approved_at",
            "voided_at",
            "void_reason",
        ],  # fmt: skip
        rows,
    )
    _insert(
        PassDay,
        ["visitor_pass", "day"],
        [
            (pk, days[position].pk)
            for pk, p in zip(pass_ids, planned.passes, strict=True)
            for position in p.days
        ],
    )
    _insert(
        PassRevocation,
        ["event", "visitor_pass", "valid_serial", "created_at"],
        [
            (event.pk, pk, 0, p.voided_at)
            for pk, p in zip(pass_ids, planned.passes, strict=True)
            if p.status == PassStatus.VOID
        ],
    )
    _add_to_tallies(planned, types, days)
    return pass_ids


def _add_to_tallies(planned: Plan, types: dict[str, PassType], days: list[EventDay]) -> None:
    added: Counter = Counter()
    for p in planned.passes:
        if p.status not in LIVE_STATUSES:
            continue
        spec = TYPES[p.type_key]
        for position in p.days:
            added[(days[position].pk, types[p.type_key].pk)] += 1
            if spec.counts_as_visitor:
                added[(days[position].pk, None)] += 1
    wanted = {(day.pk, None) for day in days} | {
        (day.pk, pass_type.pk) for day in days for pass_type in types.values()
    }
    existing = {(t.day_id, t.pass_type_id): t for t in DayTally.objects.filter(day__in=days)}
    changed = []
    for key, tally in existing.items():
        if added[key]:
            tally.taken += added[key]
            changed.append(tally)
    DayTally.objects.bulk_update(changed, ["taken"], batch_size=BATCH)
    DayTally.objects.bulk_create(
        [
            DayTally(day_id=day_id, pass_type_id=type_id, taken=added[(day_id, type_id)])
            for day_id, type_id in sorted(wanted - set(existing), key=lambda k: (k[0], k[1] or 0))
        ],
        batch_size=BATCH,
    )


def write_morning(
    *,
    event: Event,
    planned: Plan,
    pass_ids: list[int],
    gates: dict[str, Gate],
    day: EventDay,
    rng: random.Random,
) -> int:
    """One scanner per gate, signed in by the demo's gate staff, and the morning's scans."""
    staff = User.objects.filter(email=GATE_STAFF_EMAIL).first()
    zone = ZoneInfo(event.time_zone)
    signed_in = datetime.combine(day.date, time(8, 15), tzinfo=zone)
    devices = {}
    for code, gate in gates.items():
        # Nobody needs the raw token of a demo phone: only a digest of a random one is kept.
        devices[code] = GateDevice.objects.create(
            event=event,
            gate=gate,
            name=f"HP {gate.name}",
            token_digest=token_digest(secrets.token_urlsafe(32)),
            created_by=staff,
            created_at=signed_in,
        )
    offline_from, offline_to = (
        datetime.combine(day.date, moment, tzinfo=zone) for moment in OFFLINE_WINDOW
    )
    rows = []
    last_seen = {}
    for scan in planned.scans:
        pass_id = pass_ids[scan.pass_index] if scan.pass_index is not None else None
        offline = scan.gate == "timur" and offline_from <= scan.at < offline_to
        received = (
            offline_to + timedelta(seconds=rng.uniform(5, 40))
            if offline
            else scan.at + timedelta(milliseconds=rng.randint(120, 900))
        )
        last_seen[scan.gate] = max(last_seen.get(scan.gate, received), received)
        rows.append(
            (
                event.pk,
                pass_id,
                gates[scan.gate].pk,
                devices[scan.gate].pk,
                day.pk,
                scan.direction,
                scan.result,
                scan.reason,
                str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                scan.at,
                received,
                offline,
                False,
                None if pass_id is None or scan.typed else 1,
            )  # fmt: skip
        )
    _insert(
        CheckIn,
        [
            "event",
            "visitor_pass",
            "gate",
            "device",
            "day",
            "direction",
            "result",
            "reason",
            "nonce",
            "scanned_at",
            "received_at",
            "offline",
            "conflict",
            "scanned_serial",
        ],  # fmt: skip
        rows,
    )
    for code, moment in last_seen.items():
        GateDevice.objects.filter(pk=devices[code].pk).update(last_seen_at=moment)
    return len(rows)


@transaction.atomic
def seed_tickets(*, event: Event, rng_seed: int = RNG_SEED) -> str:
    """Bring the demo's gates, pass types, passes and first morning to ``event``; a summary."""
    from exhibitors.models import Application, ApplicationStatus

    gates, types = bring_gates_and_types(event)
    signing_key_for(event)  # the QR codes need the edition's key; made once
    existing = Pass.objects.filter(event=event)
    if existing.exists():
        return f"{existing.count():,} passes already issued; nothing added"
    days = list(EventDay.objects.filter(event=event).order_by("date"))
    if not days:
        return "the edition has no days; no passes issued"
    zone = ZoneInfo(event.time_zone)
    confirmed = list(
        Application.objects.filter(event=event, status=ApplicationStatus.CONFIRMED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    planned = plan(
        days=days, zone=zone, now=timezone.now(), application_ids=confirmed, rng_seed=rng_seed
    )
    pass_ids = write_passes(event=event, planned=planned, types=types, days=days)
    scans = write_morning(
        event=event,
        planned=planned,
        pass_ids=pass_ids,
        gates=gates,
        day=days[0],
        rng=random.Random(rng_seed + 1),
    )
    _analyze()
    statuses = Counter(p.status for p in planned.passes)
    inside = sum(p.inside for p in planned.passes)
    return (
        f"{len(pass_ids):,} passes in {len(planned.registrations):,} registrations "
        f"({statuses[PassStatus.VALID]:,} valid, {statuses[PassStatus.PENDING]:,} awaiting "
        f"approval, {statuses[PassStatus.VOID]:,} void), {len(types)} pass types, "
        f"{len(gates)} gates; {scans:,} scans on the morning of {days[0].date:%d %B %Y}, "
        f"{inside:,} inside at noon"
    )


def _analyze() -> None:
    """Fresh planner statistics for the tables just filled, as autovacuum would give later.

    Without them PostgreSQL plans the first queries as if the tables were empty, and a join
    of 20,000 registrations to 20,000 passes by nested loops takes minutes.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE tickets_registration, tickets_pass, tickets_passday, tickets_checkin,"
                " tickets_passdelivery, tickets_daytally"
            )


def add_visitors(
    *, event: Event, count: int, rng_seed: int = RNG_SEED + 7, now: datetime | None = None
) -> list[int]:
    """``count`` more general visitors with valid passes for every day (benchmarks).

    The edition needs its demo pass types (``bring_gates_and_types``); tallies are kept.
    """
    _gates, types = bring_gates_and_types(event)
    days = list(EventDay.objects.filter(event=event).order_by("date"))
    rng = random.Random(rng_seed)
    planner = _Planner(rng, days, now or timezone.now(), ZoneInfo(event.time_zone))
    planner.people.emails |= set(
        Registration.objects.filter(event=event).values_list("email", flat=True)
    )
    positions = {day.pk: position for position, day in enumerate(days)}
    keys = {pass_type.pk: key for key, pass_type in types.items()}
    for day_id, type_id, taken in DayTally.objects.filter(day__in=days).values_list(
        "day_id", "pass_type_id", "taken"
    ):
        if type_id is None or type_id in keys:
            planner.taken[(positions[day_id], keys.get(type_id))] = taken
    spec = TYPES["general"]
    everyday = tuple(range(len(planner.days)))
    for _ in range(count):
        name = planner.people.name()
        email = planner.people.email(name)
        planner._register(
            spec, name, email, VisitorCategory.PUBLIC, "", [(name, "")], everyday, "valid"
        )
    with transaction.atomic():
        ids = write_passes(event=event, planned=planner.plan, types=types, days=days)
    _analyze()
    return ids
