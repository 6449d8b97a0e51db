from datetime import date, time, timedelta

import factory

from .models import Association, Event, EventDay, Ministry, Participation, Programme, Venue
from .regions import Province


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Gedung Pameran {n}")
    address = "Jl. Slamet Riyadi No. 1"
    city = "Kota Surakarta"
    province = Province.JAWA_TENGAH


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    name = factory.Sequence(lambda n: f"Hari UMKM Nasional {2027 + n}")
    slug = factory.Sequence(lambda n: f"hari-umkm-nasional-{2027 + n}")
    year = factory.Sequence(lambda n: 2027 + n)
    venue = factory.SubFactory(VenueFactory)
    booth_capacity = 100


class EventDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventDay

    event = factory.SubFactory(EventFactory)
    date = factory.Sequence(lambda n: date(2027, 8, 12) + timedelta(days=n))
    opens_at = time(9, 0)
    closes_at = time(21, 0)
    visitor_capacity = 1000


class AssociationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Association

    name = factory.Sequence(lambda n: f"Asosiasi Contoh {n}")
    acronym = factory.Sequence(lambda n: f"AC{n}")
    slug = factory.Sequence(lambda n: f"ac{n}")


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    event = factory.SubFactory(EventFactory)
    association = factory.SubFactory(AssociationFactory)
    booth_quota = 10


class MinistryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ministry

    name = factory.Sequence(lambda n: f"Kementerian Contoh {n}")
    acronym = factory.Sequence(lambda n: f"KC{n}")
    slug = factory.Sequence(lambda n: f"kc{n}")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    ministry = factory.SubFactory(MinistryFactory)
    name = factory.Sequence(lambda n: f"Program {n}")
    slug = factory.Sequence(lambda n: f"program-{n}")
