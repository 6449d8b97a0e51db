from datetime import date, time
from decimal import Decimal

import factory

from accounts.factories import UserFactory
from accounts.models import Role
from accounts.services import role_grant
from events.factories import AssociationFactory, EventDayFactory, EventFactory
from exhibitors.factories import ApplicationFactory, BusinessFactory
from exhibitors.models import ApplicationStatus, Sector

from .models import Buyer, BuyerKind, BuyerParticipation, MatchingSession


class BuyerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Buyer

    name = factory.Sequence(lambda n: f"PT Pembeli Contoh {n}")
    kind = BuyerKind.RETAIL_CHAIN
    country = "ID"
    city = "Jakarta"
    sectors = factory.LazyFunction(lambda: [Sector.KRIYA, Sector.KULINER])
    seeks = "Produk kriya dan makanan ringan untuk gerai modern."


def buyer_account(buyer: Buyer, **user_fields):
    """A verified account acting for ``buyer``."""
    user = UserFactory(**user_fields)
    role_grant(user=user, role=Role.BUYER, scope=buyer)
    return user


class BuyerParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BuyerParticipation

    buyer = factory.SubFactory(BuyerFactory)
    event = factory.SubFactory(EventFactory)


def ledger_event(**fields):
    """An edition that records deals: a dollar rate and a day."""
    defaults = {
        "usd_idr_rate": Decimal("16000.00"),
        "usd_idr_rate_date": date(2027, 8, 1),
        "usd_idr_rate_source": "Bank Indonesia JISDOR",
    }
    event = EventFactory(**{**defaults, **fields})
    EventDayFactory(event=event, date=date(2027, 8, 12))
    EventDayFactory(event=event, date=date(2027, 8, 13))
    return event


def exhibiting_business(event, *, association=None, **fields):
    """A business with an approved application to ``event``."""
    business = BusinessFactory(**fields)
    ApplicationFactory(
        business=business,
        event=event,
        association=association or AssociationFactory(),
        status=ApplicationStatus.APPROVED,
    )
    return business


def participating_buyer(event, **fields):
    buyer = BuyerFactory(**fields)
    BuyerParticipation.objects.create(buyer=buyer, event=event)
    return buyer


class MatchingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MatchingSession

    event = factory.SubFactory(EventFactory)
    day = factory.LazyAttribute(lambda o: o.event.days.first() or EventDayFactory(event=o.event))
    name = factory.Sequence(lambda n: f"Temu Bisnis {n}")
    starts_at = time(10, 0)
    ends_at = time(12, 0)
    slot_minutes = 20
    table_count = 5
