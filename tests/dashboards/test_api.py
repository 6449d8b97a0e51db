"""The figures API as a ministry's system calls it: bearer tokens per ministry, revocable at
once, a per-minute limit, filters that are refused rather than dropped, and programme-only
figures kept for the programme's ministry."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from accounts.factories import UserFactory
from dashboards.services import api_token_create, api_token_revoke
from events.factories import MinistryFactory, ProgrammeFactory
from matching.factories import exhibiting_business, ledger_event, participating_buyer
from matching.services import transaction_record, transaction_verify

pytestmark = pytest.mark.django_db
DAY = date(2027, 8, 12)


@pytest.fixture
def world():
    UserFactory(is_superuser=True)
    event = ledger_event(status="published")
    kemendag = MinistryFactory(acronym="KEMENDAG")
    kemenperin = MinistryFactory(acronym="KEMENPERIN")
    export_programme = ProgrammeFactory(ministry=kemendag, slug="umkm-bisa-ekspor")
    industry_programme = ProgrammeFactory(ministry=kemenperin, slug="industri-kecil")
    event.programmes.add(export_programme, industry_programme)
    event.save()
    business = exhibiting_business(event)
    buyer = participating_buyer(event)

    def record(**fields):
        values = {
            "event": event,
            "business": business,
            "buyer": buyer,
            "kind": "purchase_order",
            "currency": "USD",
            "value": "1000",
            "deal_date": DAY,
            "side": "desk",
            "actor": None,
        }
        values.update(fields)
        return transaction_record(**values)

    verified = record(programme=export_programme)
    transaction_verify(transaction_row=verified, actor=None)
    record(kind="mou", currency="IDR", value="2000000000", programme=industry_programme)
    record(kind="retail_sale", buyer=None, currency="IDR", value="150000")
    _token, key = api_token_create(ministry=kemendag, name="Dashboard Kemendag", actor=None)
    return {
        "event": event,
        "key": key,
        "kemendag": kemendag,
        "export_programme": export_programme,
        "industry_programme": industry_programme,
    }


def call(world, path, key=None, **params):
    client = Client(headers={"authorization": f"Bearer {key or world['key']}"})
    return client.get(f"/api/v1/figures/{path}", {"edition": world["event"].slug, **params})


def test_summary_keeps_the_groups_apart(world):
    response = call(world, "summary")
    assert response.status_code == 200
    body = response.json()
    assert body["groups"]["orders"]["value_idr"] == 16_000_000
    assert Decimal(body["groups"]["orders"]["value_usd"]) == Decimal("1000.00")
    assert body["groups"]["mou"]["value_idr"] == 2_000_000_000
    assert body["groups"]["retail"] == {
        "deals": 1,
        "value_idr": 150_000,
        "value_usd": "9.38",
        "umkm": 1,
        "buyers": 0,
    }
    assert body["umkm"] == 1 and body["buyers"] == 1
    assert "total" not in body


def test_verified_only(world):
    body = call(world, "summary", trust="verified").json()
    assert body["groups"]["orders"]["deals"] == 1
    assert body["groups"]["mou"]["deals"] == 0


def test_breakdown_by_kind_and_by_day(world):
    body = call(world, "breakdown", by="kind").json()
    assert {line["key"] for line in body["lines"]} == {"purchase_order", "mou", "retail_sale"}
    body = call(world, "breakdown", by="day").json()
    assert [line["key"] for line in body["lines"]] == ["2027-08-12"]


def test_no_token_a_wrong_token_and_a_revoked_token_are_refused(world):
    assert (
        Client().get("/api/v1/figures/summary", {"edition": world["event"].slug}).status_code == 401
    )
    assert call(world, "summary", key="pmr_00000000_forged").status_code == 401
    token, key = api_token_create(ministry=world["kemendag"], name="old", actor=None)
    assert call(world, "summary", key=key).status_code == 200
    api_token_revoke(token=token, actor=None)
    assert call(world, "summary", key=key).status_code == 401


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "gift"},
        {"day": "12/08/2027"},
        {"trust": "maybe"},
        {"currency": "XYZ"},
        {"province": "99"},
        {"association": "no-such-association"},
        {"country": "Narnia"},
    ],
)
def test_filters_that_do_not_parse_are_refused_not_dropped(world, params):
    response = call(world, "summary", **params)
    assert response.status_code == 400
    assert next(iter(params)) in response.json()["detail"]


def test_an_unknown_edition_and_an_unknown_breakdown(world):
    client = Client(headers={"authorization": f"Bearer {world['key']}"})
    assert client.get("/api/v1/figures/summary", {"edition": "nope"}).status_code == 400
    assert call(world, "breakdown", by="colour").status_code == 400


def test_a_ministry_reads_its_own_programme_but_not_anothers(world):
    own = call(world, "summary", programme="umkm-bisa-ekspor")
    assert own.status_code == 200
    assert own.json()["groups"]["orders"]["deals"] == 1
    other = call(world, "summary", programme="industri-kecil")
    assert other.status_code == 403
    assert "programme" in other.json()["detail"] or "program" in other.json()["detail"]
    lines = call(world, "breakdown", by="programme").json()["lines"]
    assert {line["key"] for line in lines} == {str(world["export_programme"].pk), "0"}


def test_each_token_has_a_per_minute_limit(world):
    _token, key = api_token_create(
        ministry=world["kemendag"], name="small", actor=None, requests_per_minute=3
    )
    answers = [call(world, "summary", key=key).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    limited = call(world, "summary", key=key)
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert call(world, "summary").status_code == 200  # another token is not slowed


def test_the_endpoints_are_in_the_openapi_schema():
    schema = Client().get("/api/v1/openapi.json").json()
    assert "/api/v1/figures/summary" in schema["paths"]
    assert "/api/v1/figures/breakdown" in schema["paths"]


def test_the_demo_token_reads_the_figures(world):
    from dashboards.demo import DEMO_API_KEY, seed_api_token

    MinistryFactory(acronym="KemenUMKM")
    seed_api_token()
    seed_api_token()  # seeding again changes nothing
    response = call(world, "summary", key=DEMO_API_KEY)
    assert response.status_code == 200
    assert response.json()["groups"]["mou"]["value_idr"] == 2_000_000_000
