from decimal import Decimal

import factory

from events.factories import EventFactory
from exhibitors.models import BoothSize

from .models import Booth, BoothType, Hall, Zone

# Booths of the factory stand side by side in one long row, 3 m apart, so any two
# booths of a hall never overlap; the factory hall is long enough for 300 of them.
BOOTH_WIDTH = Decimal(3)
BOOTHS_PER_HALL = 300


class HallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hall

    event = factory.SubFactory(EventFactory)
    code = factory.Sequence(lambda n: f"H{n}")
    name = factory.Sequence(lambda n: f"Pendopo {n}")
    width_m = BOOTH_WIDTH * BOOTHS_PER_HALL
    depth_m = Decimal(20)


class ZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Zone

    hall = factory.SubFactory(HallFactory)
    code = factory.Sequence(lambda n: f"Z{n}")
    name = factory.Sequence(lambda n: f"Zona {n}")
    sectors = factory.LazyFunction(list)


class BoothTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoothType

    event = factory.SubFactory(EventFactory)
    code = factory.Sequence(lambda n: f"T{n}")
    name = factory.Sequence(lambda n: f"Stan standar {n}")
    width_m = Decimal(3)
    depth_m = Decimal(3)
    price = 2_500_000
    power_watts = 900
    serves = BoothSize.STANDARD


class BoothFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booth

    zone = factory.SubFactory(ZoneFactory)
    hall = factory.SelfAttribute("zone.hall")
    booth_type = factory.SubFactory(BoothTypeFactory, event=factory.SelfAttribute("..hall.event"))
    code = factory.Sequence(lambda n: f"F-{n:04d}")
    x_m = factory.Sequence(lambda n: BOOTH_WIDTH * (n % BOOTHS_PER_HALL))
    y_m = Decimal(0)
    width_m = BOOTH_WIDTH
    depth_m = Decimal(3)
