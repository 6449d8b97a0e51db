"""Factories for passes and gates.

Passes are issued through ``tickets.services.pass_issue`` (``make_pass`` and
``PassFactory``), so their day mask, PassDay rows, codes and the days' tallies are
what the real code makes. Build strategies are not offered for passes: a pass is
only meaningful once its days are written.

    day = EventDayFactory(event=event)
    general = PassTypeFactory(event=event, days=[day])
    gate = GateFactory(event=event)
    visitor_pass = make_pass(pass_type=general, holder_name="Sri Wahyuni")
    device, token = make_device(gate=gate)
"""

from __future__ import annotations

import factory
from django.utils import timezone

from events.factories import EventDayFactory, EventFactory
from events.regions import Province

from . import services
from .models import (
    Gate,
    GateDevice,
    Pass,
    PassCategory,
    PassStatus,
    PassType,
    Registration,
    VisitorCategory,
)


class GateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gate

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Gerbang {n}")
    code = factory.Sequence(lambda n: f"gerbang-{n}")
    hint = ""
    is_active = True


class PassTypeFactory(factory.django.DjangoModelFactory):
    """A free public pass type, valid on ``days`` (default: every day of the edition;
    an edition without days gets one). ``gates`` restricts it to some gates."""

    class Meta:
        model = PassType
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Pengunjung umum {n}")
    name_en = factory.Sequence(lambda n: f"General visitor {n}")
    category = PassCategory.GENERAL
    price = 0
    capacity_per_day = None
    requires_approval = False
    is_public = True
    multiple_entries = False
    max_per_registration = 1

    @factory.post_generation
    def days(obj, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            extracted = list(obj.event.days.order_by("date")) or [EventDayFactory(event=obj.event)]
        obj.days.set(extracted)

    @factory.post_generation
    def gates(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.gates.set(extracted)


class StaffPassTypeFactory(PassTypeFactory):
    """Exhibitor staff badges: not on the public form, in and out all day."""

    name = factory.Sequence(lambda n: f"Petugas stan {n}")
    name_en = factory.Sequence(lambda n: f"Exhibitor staff {n}")
    category = PassCategory.EXHIBITOR_STAFF
    is_public = False
    multiple_entries = True


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A registration row alone; give it passes with ``make_pass(registration=...)``."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    reference = factory.Sequence(lambda n: f"R{n:07d}")
    contact_name = factory.Faker("name", locale="id_ID")
    email = factory.Sequence(lambda n: f"pengunjung{n}@example.test")
    phone = "+6281234567890"
    province = Province.JAWA_TENGAH
    city = "Kota Surakarta"
    category = VisitorCategory.PUBLIC
    organisation = ""
    language = "id"
    consent_at = factory.LazyFunction(timezone.now)


def make_pass(
    *,
    event=None,
    pass_type: PassType | None = None,
    days=None,
    holder_name: str = "Budi Santoso",
    holder_email: str = "",
    registration: Registration | None = None,
    application=None,
    status: str = PassStatus.VALID,
    now=None,
) -> Pass:
    """A pass issued by ``services.pass_issue`` (no email), then moved to ``status``.

    Without ``pass_type`` a free general pass type of ``event`` (or a new edition) is
    made; without ``days`` the pass is valid on every day of its type. A pending or
    awaiting-payment pass keeps its places, as one made by registration does; a void
    pass is voided by ``services.pass_void``.
    """
    if pass_type is None:
        pass_type = PassTypeFactory(event=event) if event is not None else PassTypeFactory()
    event = event or pass_type.event
    if days is None:
        days = list(pass_type.days.order_by("date"))
    visitor_pass = services.pass_issue(
        event=event,
        pass_type=pass_type,
        days=days,
        holder_name=holder_name,
        holder_email=holder_email,
        actor=None,
        application=application,
        registration=registration,
        deliver=False,
        now=now,
    )
    if status == PassStatus.VOID:
        return services.pass_void(visitor_pass=visitor_pass, actor=None, reason="factory")
    if status != PassStatus.VALID:
        Pass.objects.filter(pk=visitor_pass.pk).update(status=status, approved_at=None)
        visitor_pass.refresh_from_db()
    return visitor_pass


class PassFactory(factory.django.DjangoModelFactory):
    """``PassFactory(pass_type=..., days=[...], status=...)``: ``make_pass`` as a factory."""

    class Meta:
        model = Pass

    event = None
    pass_type = factory.LazyAttribute(
        lambda o: PassTypeFactory(event=o.event) if o.event is not None else PassTypeFactory()
    )
    days = None
    holder_name = factory.Faker("name", locale="id_ID")
    holder_email = factory.Sequence(lambda n: f"pemegang{n}@example.test")
    registration = None
    application = None
    status = PassStatus.VALID

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return make_pass(**kwargs)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("Passes are issued, not built: use PassFactory() or make_pass().")


def make_device(
    *, gate: Gate | None = None, name: str = "HP gerbang", created_by=None
) -> tuple[GateDevice, str]:
    """A scanner signed in at ``gate``: (device, bearer token), as
    ``services.gate_device_register`` makes them, without asking who may."""
    import secrets

    gate = gate or GateFactory()
    raw = secrets.token_urlsafe(32)
    device = GateDevice.objects.create(
        event_id=gate.event_id,
        gate=gate,
        name=name,
        token_digest=services.token_digest(raw),
        created_by=created_by,
    )
    return device, raw
