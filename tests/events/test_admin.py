"""The organizer's Wagtail admin for editions, venues, associations, quotas, ministries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from accounts.models import Role
from accounts.services import role_grant, user_create
from events.models import (
    Association,
    Event,
    EventDay,
    EventStatus,
    Ministry,
    Participation,
    Programme,
    Venue,
)
from tests.admin import admin_login

pytestmark = pytest.mark.django_db

SCREENS = ["event", "venue", "association", "participation", "ministry", "programme"]


def url(model, view="index", *args):
    return reverse(f"events_{model}:{view}", args=args)


@pytest.fixture
def world():
    venue = Venue.objects.create(
        name="Pamedan Pura Mangkunegaran",
        address="Jl. Ronggowarsito",
        city="Surakarta",
        province="33",
    )
    old = Event.objects.create(
        name="Hari UMKM Nasional 2026",
        slug="hun-2026",
        year=2026,
        venue=venue,
        status=EventStatus.CLOSED,
        booth_capacity=100,
    )
    a = Event.objects.create(
        name="Hari UMKM Nasional 2027",
        slug="hun-2027",
        year=2027,
        venue=venue,
        status=EventStatus.PUBLISHED,
        booth_capacity=50,
    )
    b = Event.objects.create(
        name="Pameran Makassar 2027",
        slug="makassar-2027",
        year=2027,
        venue=venue,
        time_zone="Asia/Makassar",
        booth_capacity=40,
    )
    EventDay.objects.create(
        event=a,
        date=dt.date(2027, 8, 12),
        opens_at=dt.time(9),
        closes_at=dt.time(21),
        visitor_capacity=20000,
    )
    asephi = Association.objects.create(
        name="Asosiasi Eksportir dan Produsen Handicraft Indonesia",
        acronym="ASEPHI",
        slug="asephi",
        sector_focus="Kriya",
    )
    iwapi = Association.objects.create(
        name="Ikatan Wanita Pengusaha Indonesia",
        acronym="IWAPI",
        slug="iwapi",
        sector_focus="Kuliner",
    )
    hipmi = Association.objects.create(
        name="Himpunan Pengusaha Muda Indonesia",
        acronym="HIPMI",
        slug="hipmi",
        sector_focus="Aneka usaha",
    )
    Participation.objects.create(event=old, association=asephi, booth_quota=77)
    Participation.objects.create(event=a, association=asephi, booth_quota=12)
    Participation.objects.create(event=a, association=iwapi, booth_quota=30)
    Participation.objects.create(event=b, association=hipmi, booth_quota=9)
    kemenkop = Ministry.objects.create(
        name="Kementerian Koperasi dan UKM", acronym="Kemenkop", slug="kemenkop"
    )
    Programme.objects.create(ministry=kemenkop, name="UMKM Naik Kelas", slug="umkm-naik-kelas")

    def person(email, role=None, scope=None, **extra):
        user = user_create(
            email=email, full_name=email.split("@")[0].title(), password="x", **extra
        )
        if role:
            role_grant(user=user, role=role, scope=scope)
        return user

    return {
        "venue": venue,
        "old": old,
        "a": a,
        "b": b,
        "asephi": asephi,
        "iwapi": iwapi,
        "hipmi": hipmi,
        "kemenkop": kemenkop,
        "superuser": person("root@pameran.test", is_superuser=True, is_staff=True),
        "organizer": person("panitia@pameran.test", Role.ORGANIZER, a),
        "gate": person("gate@pameran.test", Role.GATE_STAFF, a),
        "reader": person("reader@pameran.test", Role.MINISTRY_READER, kemenkop),
        "assoc_admin": person("asephi@pameran.test", Role.ASSOCIATION_ADMIN, asephi),
        "plain": person("plain@pameran.test"),
    }


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- who gets in ------------------------------------------------------------------------


def test_superuser_lists_all_six_screens_under_one_menu(client, world):
    admin_login(client, world["superuser"])
    for model in SCREENS:
        response = client.get(url(model))
        assert response.status_code == 200, model
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Exhibition" in home or "Pameran" in home


@pytest.mark.parametrize("who", ["gate", "reader", "assoc_admin", "plain"])
def test_people_who_are_not_organizers_are_refused_the_admin(client, world, who):
    admin_login(client, world[who])
    for path in [reverse("wagtailadmin_home"), url("event"), url("association")]:
        response = client.get(path)
        assert response.status_code in (302, 403), path
        if response.status_code == 302:
            assert reverse("wagtailadmin_login") in response["Location"]


def test_association_list_shows_acronym_name_sector_and_quota_in_current_edition(client, world):
    admin_login(client, world["superuser"])
    response = client.get(url("association"))
    html = response.content.decode()
    assert "Booth quota in Hari UMKM Nasional 2027" in html
    rows = {row.acronym: row.current_quota for row in response.context["object_list"]}
    # The latest published edition's quotas, not the 2026 ones; HIPMI is only in Makassar.
    assert rows == {"ASEPHI": 12, "HIPMI": None, "IWAPI": 30}
    for text in ["Ikatan Wanita Pengusaha Indonesia", "Kuliner", "Kriya"]:
        assert text in html


def test_participation_list_sums_quotas_against_booths_on_offer(client, world):
    admin_login(client, world["superuser"])
    response = client.get(url("participation"), {"event": world["a"].pk})
    summary = {row["event"].slug: row for row in response.context["quota_summary"]}
    assert list(summary) == ["hun-2027"]
    assert (summary["hun-2027"]["total"], summary["hun-2027"]["capacity"]) == (42, 50)
    html = response.content.decode()
    assert "Quotas against booths on offer" in html
    assert [p.association.acronym for p in response.context["object_list"]] == ["ASEPHI", "IWAPI"]


# --- an organizer sees and edits only the editions they run ---------------------------------


def test_organizer_sees_own_edition_only(client, world):
    admin_login(client, world["organizer"])
    listed = client.get(url("event")).context["object_list"]
    assert [e.slug for e in listed] == ["hun-2027"]
    assert client.get(url("event", "edit", world["a"].pk)).status_code == 200
    assert client.get(url("event", "edit", world["b"].pk)).status_code == 404
    # Deleting an edition is for platform superusers: refused, and the edition stays.
    refused = client.get(url("event", "delete", world["a"].pk))
    assert refused.status_code in (302, 403)
    assert refused.status_code == 403 or refused["Location"] == reverse("wagtailadmin_home")
    assert client.post(url("event", "delete", world["a"].pk)).status_code in (302, 403)
    assert Event.objects.filter(pk=world["a"].pk).exists()
    quotas = client.get(url("participation")).context["object_list"]
    assert {p.event.slug for p in quotas} == {"hun-2027"}
    hipmi_in_b = Participation.objects.get(event=world["b"])
    assert client.get(url("participation", "edit", hipmi_in_b.pk)).status_code == 404


def event_form_data(event, **overrides):
    data = {
        "name": event.name,
        "slug": event.slug,
        "year": event.year,
        "status": event.status,
        "venue": event.venue_id,
        "time_zone": event.time_zone,
        "booth_capacity": event.booth_capacity,
        "exhibitor_registration_opens_at": "",
        "exhibitor_registration_closes_at": "",
        "visitor_registration_opens_at": "",
        "visitor_registration_closes_at": "",
        "usd_idr_rate": "",
        "usd_idr_rate_date": "",
        "usd_idr_rate_source": "",
        "days": inline_formset(
            [
                {
                    "id": day.pk,
                    "date": day.date.isoformat(),
                    "opens_at": day.opens_at.strftime("%H:%M"),
                    "closes_at": day.closes_at.strftime("%H:%M"),
                    "visitor_capacity": day.visitor_capacity,
                }
                for day in event.days.order_by("date")
            ],
            initial=event.days.count(),
        ),
        "exchange_rates": inline_formset(
            [
                {
                    "id": rate.pk,
                    "currency": rate.currency,
                    "idr_per_unit": str(rate.idr_per_unit),
                    "rate_date": rate.rate_date.isoformat(),
                    "source": rate.source,
                }
                for rate in event.exchange_rates.all()
            ]
            if event.pk
            else [],
            initial=event.exchange_rates.count() if event.pk else 0,
        ),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_organizer_edits_own_edition_with_days_windows_in_its_zone_and_rate(client, world):
    admin_login(client, world["organizer"])
    a = world["a"]
    day = a.days.get()
    data = event_form_data(
        a,
        name="Hari UMKM Nasional 2027 · Solo",
        time_zone="Asia/Makassar",
        exhibitor_registration_opens_at="2027-05-01 08:00",
        exhibitor_registration_closes_at="2027-06-30 17:00",
        usd_idr_rate="16250.50",
        usd_idr_rate_date="2027-07-01",
        usd_idr_rate_source="Bank Indonesia JISDOR",
        days=inline_formset(
            [
                {
                    "id": day.pk,
                    "date": "2027-08-12",
                    "opens_at": "10:00",
                    "closes_at": "22:00",
                    "visitor_capacity": 25000,
                },
                {
                    "date": "2027-08-13",
                    "opens_at": "09:00",
                    "closes_at": "21:00",
                    "visitor_capacity": 18000,
                },
            ],
            initial=1,
        ),
    )
    response = client.post(url("event", "edit", a.pk), data)
    assert response.status_code == 302, response.context["form"].errors
    a.refresh_from_db()
    assert a.name == "Hari UMKM Nasional 2027 · Solo"
    assert a.usd_idr_rate == Decimal("16250.50")
    # 08:00 WITA is 00:00 UTC.
    assert a.exhibitor_registration_opens_at == dt.datetime(2027, 5, 1, 0, 0, tzinfo=dt.UTC)
    assert [(d.date.day, d.opens_at.hour, d.visitor_capacity) for d in a.days.order_by("date")] == [
        (12, 10, 25000),
        (13, 9, 18000),
    ]
    # Shown back in the edition's zone.
    page = client.get(url("event", "edit", a.pk)).content.decode()
    assert "2027-05-01 08:00" in page


def test_organizer_records_the_rate_of_another_currency(client, world):
    admin_login(client, world["organizer"])
    a = world["a"]
    rate = {"currency": "SGD", "idr_per_unit": "12150.25", "rate_date": "2027-08-01"}
    data = event_form_data(
        a, exchange_rates=inline_formset([{**rate, "source": "Bank Indonesia JISDOR"}])
    )
    response = client.post(url("event", "edit", a.pk), data)
    assert response.status_code == 302
    assert [(r.currency, r.idr_per_unit) for r in a.exchange_rates.all()] == [
        ("SGD", Decimal("12150.2500"))
    ]
    # The dollar's rate lives on the edition itself, and a rate must be positive.
    for bad in ({**rate, "currency": "USD"}, {**rate, "currency": "MYR", "idr_per_unit": "0"}):
        data = event_form_data(a, exchange_rates=inline_formset([{**bad, "source": "BI"}]))
        assert client.post(url("event", "edit", a.pk), data).status_code == 200
    assert a.exchange_rates.count() == 1


def test_organizer_cannot_edit_another_edition_by_posting(client, world):
    admin_login(client, world["organizer"])
    b = world["b"]
    response = client.post(url("event", "edit", b.pk), event_form_data(b, name="Hijacked"))
    assert response.status_code == 404
    b.refresh_from_db()
    assert b.name == "Pameran Makassar 2027"


def test_organizer_cannot_choose_another_edition_for_a_quota(client, world):
    admin_login(client, world["organizer"])
    form = client.get(url("participation", "add")).context["form"]
    assert list(form.fields["event"].queryset) == [world["a"]]
    before = Participation.objects.count()
    response = client.post(
        url("participation", "add"),
        {"event": world["b"].pk, "association": world["iwapi"].pk, "booth_quota": 5, "notes": ""},
    )
    assert response.status_code == 200
    assert "Choose one of the editions you run." in response.content.decode()
    assert Participation.objects.count() == before


def test_organizer_sets_a_quota_and_sees_the_association_admins(client, world):
    admin_login(client, world["organizer"])
    response = client.post(
        url("participation", "add"),
        {"event": world["a"].pk, "association": world["hipmi"].pk, "booth_quota": 8, "notes": ""},
    )
    assert response.status_code == 302
    assert Participation.objects.get(event=world["a"], association=world["hipmi"]).booth_quota == 8
    asephi_in_a = Participation.objects.get(event=world["a"], association=world["asephi"])
    page = client.get(url("participation", "edit", asephi_in_a.pk)).content.decode()
    assert "Association admins" in page
    assert "asephi@pameran.test" in page


# --- bad input: a clear message, nothing saved ----------------------------------------------


def snapshot(event):
    event.refresh_from_db()
    return (
        event.name,
        event.exhibitor_registration_closes_at,
        event.usd_idr_rate,
        [(d.date, d.opens_at, d.closes_at) for d in event.days.order_by("date")],
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {
                "exhibitor_registration_opens_at": "2027-06-30 17:00",
                "exhibitor_registration_closes_at": "2027-05-01 08:00",
            },
            "Registration must close after it opens.",
        ),
        (
            {"usd_idr_rate": "16000", "usd_idr_rate_date": "", "usd_idr_rate_source": ""},
            "Give the date of the exchange rate.",
        ),
        (
            {"usd_idr_rate": "16000", "usd_idr_rate_date": "2027-07-01"},
            "Give the source of the exchange rate.",
        ),
        ({"booth_capacity": "41"}, "Association quotas already total 42 booths"),
    ],
)
def test_bad_edition_input_is_refused_with_a_message(client, world, overrides, message):
    admin_login(client, world["organizer"])
    a = world["a"]
    before = snapshot(a)
    response = client.post(
        url("event", "edit", a.pk), event_form_data(a, name="Changed", **overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "could not be saved" in response.content.decode()
    assert snapshot(a) == before


def test_event_day_closing_before_opening_is_refused(client, world):
    admin_login(client, world["organizer"])
    a = world["a"]
    before = snapshot(a)
    day = a.days.get()
    days = inline_formset(
        [
            {
                "id": day.pk,
                "date": "2027-08-12",
                "opens_at": "21:00",
                "closes_at": "09:00",
                "visitor_capacity": 100,
            }
        ],
        initial=1,
    )
    response = client.post(url("event", "edit", a.pk), event_form_data(a, name="X", days=days))
    assert response.status_code == 200
    assert "Closing time must be after opening time." in response.content.decode()
    assert snapshot(a) == before


@pytest.mark.parametrize("acronym", ["IWAPI", "iwapi"])
def test_duplicate_acronym_is_refused(client, world, acronym):
    admin_login(client, world["organizer"])
    before = Association.objects.count()
    response = client.post(
        url("association", "add"),
        {"acronym": acronym, "slug": "iwapi-2", "name": "Another IWAPI", "sector_focus": ""},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "Association with this Acronym already exists." in html
        or "Another association already uses this acronym." in html
    )
    assert Association.objects.count() == before


def test_quota_beyond_booth_capacity_is_refused(client, world):
    admin_login(client, world["organizer"])
    before = list(Participation.objects.values_list("pk", "booth_quota"))
    response = client.post(
        url("participation", "add"),
        {"event": world["a"].pk, "association": world["hipmi"].pk, "booth_quota": 9, "notes": ""},
    )
    assert response.status_code == 200
    assert (
        "Quotas would total 51 booths, but the edition offers only 50. "
        "At most 8 are left for this association."
    ) in response.content.decode()
    assert list(Participation.objects.values_list("pk", "booth_quota")) == before


@pytest.mark.parametrize(
    ("latitude", "longitude", "message"),
    [
        ("123.5", "110.8", "Latitude must be between -90 and 90."),
        ("-7.56", "", "Give both latitude and longitude, or neither."),
    ],
)
def test_bad_venue_coordinates_are_refused(client, world, latitude, longitude, message):
    admin_login(client, world["organizer"])
    before = Venue.objects.count()
    response = client.post(
        url("venue", "add"),
        {
            "name": "Benteng Vastenburg",
            "address": "Jl. Mayor Sunaryo",
            "city": "Surakarta",
            "province": "33",
            "latitude": latitude,
            "longitude": longitude,
            "directions": "",
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Venue.objects.count() == before


def test_duplicate_programme_name_within_a_ministry_is_refused(client, world):
    admin_login(client, world["organizer"])
    before = Programme.objects.count()
    response = client.post(
        url("programme", "add"),
        {
            "ministry": world["kemenkop"].pk,
            "name": "UMKM Naik Kelas",
            "slug": "umkm-naik-kelas-2",
            "description": "",
            "website": "",
        },
    )
    assert response.status_code == 200
    assert "This ministry already has a programme with this name." in response.content.decode()
    assert Programme.objects.count() == before


def test_superuser_creates_an_edition_with_its_days(client, world):
    admin_login(client, world["superuser"])
    blank = Event(venue=world["venue"], year=2028, booth_capacity=60)
    data = event_form_data(
        blank,
        name="Hari UMKM Nasional 2028",
        slug="hun-2028",
        status="draft",
        time_zone="Asia/Jayapura",
        visitor_registration_opens_at="2028-06-01 09:00",
        visitor_registration_closes_at="2028-08-10 18:00",
        days=inline_formset(
            [
                {
                    "date": "2028-08-11",
                    "opens_at": "09:00",
                    "closes_at": "21:00",
                    "visitor_capacity": 5000,
                }
            ]
        ),
    )
    response = client.post(url("event", "add"), data)
    assert response.status_code == 302
    event = Event.objects.get(slug="hun-2028")
    # 09:00 WIT is 00:00 UTC.
    assert event.visitor_registration_opens_at == dt.datetime(2028, 6, 1, 0, 0, tzinfo=dt.UTC)
    assert [(d.date, d.visitor_capacity) for d in event.days.all()] == [
        (dt.date(2028, 8, 11), 5000)
    ]


def test_association_screen_shows_its_admins_read_only(client, world):
    admin_login(client, world["organizer"])
    page = client.get(url("association", "edit", world["asephi"].pk)).content.decode()
    assert "Association admins" in page
    assert "asephi@pameran.test" in page
    assert 'name="admins"' not in page
    iwapi_page = client.get(url("association", "edit", world["iwapi"].pk)).content.decode()
    assert "Nobody holds the association admin role for IWAPI yet." in iwapi_page
