"""A small edition with gates, pass types and scanner devices, for the tickets tests.

Import the fixture in a test module: ``from tests.tickets.world import ticket_world  # noqa``.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import pytest

from accounts.factories import UserFactory
from accounts.models import Role
from accounts.services import role_grant
from events.factories import EventDayFactory, EventFactory
from events.models import EventStatus
from tickets.models import Gate, PassCategory, PassType
from tickets.services import gate_device_register, registration_create

# 10:00 WIB on the edition's first day (12 August 2027).
OPENING_MORNING = datetime(2027, 8, 12, 3, 0, tzinfo=UTC)


@dataclass
class World:
    event: object
    days: list
    north: Gate
    south: Gate
    vip_gate: Gate
    general: PassType
    school: PassType
    vip: PassType
    staff: PassType
    gate_staff: object
    organizer: object
    north_device: object
    north_token: str
    south_device: object
    south_token: str
    vip_device: object

    def register(self, email="sari@example.id", name="Sari Wulandari", days=None, **extra):
        kwargs = {
            "event": self.event,
            "pass_type": self.general,
            "days": self.days[:1] if days is None else days,
            "contact_name": name,
            "email": email,
            "phone": "+6281234567890",
            "province": "33",
            "city": "Kota Surakarta",
            "category": "public",
            "consent": True,
            "now": OPENING_MORNING - timedelta(days=30),
            **extra,
        }
        return registration_create(**kwargs)


def make_world(*, capacity=1000, slug=None) -> World:
    extra = {"slug": slug} if slug else {}
    event = EventFactory(
        status=EventStatus.PUBLISHED,
        visitor_registration_opens_at=datetime(2027, 6, 1, tzinfo=UTC),
        visitor_registration_closes_at=datetime(2027, 8, 15, 12, tzinfo=UTC),
        **extra,
    )
    days = [
        EventDayFactory(
            event=event,
            date=date(2027, 8, 12) + timedelta(days=i),
            opens_at=time(9),
            closes_at=time(21),
            visitor_capacity=capacity,
        )
        for i in range(3)
    ]
    north = Gate.objects.create(
        event=event, name="Gerbang Utara", code="utara", hint="Jl. Ronggowarsito"
    )
    south = Gate.objects.create(event=event, name="Gerbang Selatan", code="selatan")
    vip_gate = Gate.objects.create(event=event, name="Pintu VIP", code="vip")

    def pass_type(name, category, **kwargs):
        created = PassType.objects.create(event=event, name=name, category=category, **kwargs)
        created.days.set(days)
        return created

    general = pass_type("Pengunjung Umum", PassCategory.GENERAL, name_en="General visitor")
    school = pass_type(
        "Rombongan Pelajar", PassCategory.STUDENT, name_en="Student group", max_per_registration=40
    )
    vip = pass_type("VIP", PassCategory.VIP, requires_approval=True, is_public=False)
    vip.gates.set([vip_gate])
    staff = pass_type(
        "Staf Peserta", PassCategory.EXHIBITOR_STAFF, is_public=False, multiple_entries=True
    )
    gate_staff = UserFactory(email=f"gerbang-{event.pk}@example.id")
    role_grant(user=gate_staff, role=Role.GATE_STAFF, scope=event)
    organizer = UserFactory(email=f"panitia-{event.pk}@example.id")
    role_grant(user=organizer, role=Role.ORGANIZER, scope=event)
    north_device, north_token = gate_device_register(gate=north, name="HP 1", actor=gate_staff)
    south_device, south_token = gate_device_register(gate=south, name="HP 2", actor=gate_staff)
    vip_device, _token = gate_device_register(gate=vip_gate, name="HP VIP", actor=gate_staff)
    return World(
        event=event,
        days=days,
        north=north,
        south=south,
        vip_gate=vip_gate,
        general=general,
        school=school,
        vip=vip,
        staff=staff,
        gate_staff=gate_staff,
        organizer=organizer,
        north_device=north_device,
        north_token=north_token,
        south_device=south_device,
        south_token=south_token,
        vip_device=vip_device,
    )


@pytest.fixture
def ticket_world(db) -> World:
    from tickets.selectors import forget_memos

    forget_memos()
    world = make_world()
    yield world
    forget_memos()
