import datetime as dt
from decimal import Decimal

import pytest

from cms.demo import build_demo_site
from events.models import (
    Association,
    Event,
    EventDay,
    EventStatus,
    Participation,
    TimeZone,
    Venue,
)

# 26 made-up associations (not real ones); quotas add up to 1,175 of the 1,200 booths.
SECTORS = [
    ("APKN", "Kriya Nusantara"),
    ("AKBI", "Kuliner Betawi"),
    ("HPTS", "Pengrajin Tenun Sumba"),
    ("APBJ", "Pembatik Jawa"),
    ("AKOP", "Kopi Petani"),
    ("AFMI", "Fesyen Muslim"),
    ("AHRD", "Herbal dan Rempah Daerah"),
    ("APKR", "Perabot Kayu Rakyat"),
    ("AKSN", "Kerajinan Songket"),
    ("AUDK", "Usaha Digital Kreatif"),
    ("APOM", "Pangan Olahan Mikro"),
    ("AKLP", "Kulit dan Perhiasan"),
    ("APSB", "Sambal dan Bumbu"),
    ("AUKM", "Usaha Kosmetik Mandiri"),
    ("APIK", "Produk Ikan dan Kelautan"),
    ("ATRA", "Tekstil Rumahan"),
    ("ASKA", "Seni Keramik"),
    ("APMN", "Perempuan Mandiri"),
    ("AKBU", "Kue dan Bakery Usaha"),
    ("ABMD", "Bambu Desa"),
    ("APTK", "Petani Teh dan Kakao"),
    ("AMUD", "Mainan dan Usaha Anak"),
    ("ARKS", "Rotan dan Kriya Serat"),
    ("AUPW", "Usaha Pariwisata"),
    ("ASKN", "Sayur dan Kebun"),
    ("APJB", "Penjahit dan Bordir"),
]
ASSOCIATIONS = [
    (acronym, f"Asosiasi {name}", 40 + (n % 3) * 5)
    for n, (acronym, name) in enumerate(SECTORS, start=1)
]


@pytest.fixture
def demo_event(db):
    venue = Venue.objects.create(
        name="Pamedan Pura Mangkunegaran",
        address="Jl. Ronggowarsito, Keprabon, Kec. Banjarsari",
        city="Surakarta",
        province="33",
        latitude=Decimal("-7.566600"),
        longitude=Decimal("110.823500"),
        directions="Dari Stasiun Solo Balapan sekitar 10 menit dengan taksi atau ojek.",
    )
    event = Event.objects.create(
        name="Hari UMKM Nasional 2027",
        slug="hari-umkm-nasional-2027",
        year=2027,
        venue=venue,
        time_zone=TimeZone.WIB,
        status=EventStatus.PUBLISHED,
        booth_capacity=1200,
        # 1 March 2027, 09:00 in Jakarta
        exhibitor_registration_opens_at=dt.datetime(2027, 3, 1, 2, 0, tzinfo=dt.UTC),
        exhibitor_registration_closes_at=dt.datetime(2027, 6, 30, 16, 59, tzinfo=dt.UTC),
    )
    for offset in range(4):
        EventDay.objects.create(
            event=event,
            date=dt.date(2027, 8, 12) + dt.timedelta(days=offset),
            opens_at=dt.time(9, 0),
            closes_at=dt.time(21, 0) if offset < 3 else dt.time(17, 0),
            visitor_capacity=15000,
        )
    for acronym, name, quota in ASSOCIATIONS:
        association = Association.objects.create(
            name=name, acronym=acronym, slug=acronym.lower(), is_demo=True
        )
        Participation.objects.create(event=event, association=association, booth_quota=quota)
    return event


@pytest.fixture
def demo_site(demo_event):
    return build_demo_site(event=demo_event)
