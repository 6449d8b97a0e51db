"""The check-in API as a scanner calls it: bearer tokens, redeem, offline batches, lists."""

import json
import uuid
from datetime import timedelta

import pytest
from django.test import Client

from tests.tickets.world import OPENING_MORNING
from tickets.models import CheckIn, GateDevice
from tickets.selectors import pass_token
from tickets.services import gate_device_revoke, pass_reissue, pass_void

pytestmark = pytest.mark.django_db
API = "/api/v1/checkin"


@pytest.fixture
def scanner(ticket_world):
    return Client(HTTP_AUTHORIZATION=f"Bearer {ticket_world.north_token}")


def post(client, path, body):
    return client.post(f"{API}{path}", data=json.dumps(body), content_type="application/json")


@pytest.fixture(autouse=True)
def _at_the_opening(monkeypatch):
    # The API asks timezone.now(); the edition's first morning it is.
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: OPENING_MORNING)


def test_redeem_admits_and_then_refuses_with_the_reason(ticket_world, scanner):
    token = pass_token(ticket_world.register().passes[0])
    first = post(scanner, "/redeem", {"nonce": uuid.uuid4().hex, "code": token})
    assert first.status_code == 200
    assert first.json()["result"] == "admitted"
    assert first.json()["holder_name"] == "Sari Wulandari"
    second = post(scanner, "/redeem", {"nonce": uuid.uuid4().hex, "code": token})
    assert second.json()["result"] == "refused"
    assert second.json()["reason"] == "already_inside"


def test_a_repeated_nonce_answers_the_same_and_records_once(ticket_world, scanner):
    token = pass_token(ticket_world.register().passes[0])
    body = {"nonce": "retry-after-timeout-1", "code": token}
    answers = [post(scanner, "/redeem", body).json() for _ in range(3)]
    assert {a["result"] for a in answers} == {"admitted"}
    assert [a["replayed"] for a in answers] == [False, True, True]
    assert CheckIn.objects.count() == 1


def test_without_a_token_or_with_a_revoked_one_nothing_is_recorded(ticket_world):
    body = {"nonce": uuid.uuid4().hex, "code": "X" * 122}
    assert post(Client(), "/redeem", body).status_code == 401
    assert post(Client(HTTP_AUTHORIZATION="Bearer nonsense"), "/redeem", body).status_code == 401
    gate_device_revoke(device=ticket_world.north_device, actor=None)
    revoked = Client(HTTP_AUTHORIZATION=f"Bearer {ticket_world.north_token}")
    assert post(revoked, "/redeem", body).status_code == 401
    assert not CheckIn.objects.exists()


def test_a_phone_that_was_scanning_is_refused_as_soon_as_it_is_revoked(ticket_world, scanner):
    token = pass_token(ticket_world.register().passes[0])
    assert post(scanner, "/redeem", {"nonce": uuid.uuid4().hex, "code": token}).status_code == 200
    gate_device_revoke(device=ticket_world.north_device, actor=None)
    answer = post(scanner, "/redeem", {"nonce": uuid.uuid4().hex, "code": token})
    assert answer.status_code == 401
    assert CheckIn.objects.count() == 1


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"nonce": "short", "code": "x"},
        {"nonce": uuid.uuid4().hex, "code": "x", "direction": "sideways"},
        {"nonce": uuid.uuid4().hex, "code": "x" * 201},
        {"nonce": uuid.uuid4().hex, "code": "x", "scanned_at": "yesterday"},
    ],
)
def test_malformed_scans_are_answered_without_a_server_error(scanner, body):
    response = post(scanner, "/redeem", body)
    assert response.status_code in (400, 422)
    assert not CheckIn.objects.exists()


def test_junk_json_is_a_clear_error(scanner):
    response = scanner.post(f"{API}/redeem", data="{not json", content_type="application/json")
    assert response.status_code in (400, 422)


def test_an_offline_batch_applies_once_and_reports_conflicts(ticket_world, scanner):
    token = pass_token(ticket_world.register().passes[0])
    scans = [
        {
            "nonce": "offline-north-1",
            "code": token,
            "scanned_at": (OPENING_MORNING - timedelta(minutes=20)).isoformat(),
            "device_result": "admitted",
        }
    ]
    south = Client(HTTP_AUTHORIZATION=f"Bearer {ticket_world.south_token}")
    first = post(scanner, "/batch", {"scans": scans}).json()
    replay = post(scanner, "/batch", {"scans": scans}).json()
    other_gate = post(
        south,
        "/batch",
        {
            "scans": [
                {
                    **scans[0],
                    "nonce": "offline-south-1",
                    "scanned_at": (OPENING_MORNING - timedelta(minutes=10)).isoformat(),
                }
            ]
        },
    ).json()
    assert first["results"][0]["result"] == "admitted" and first["conflicts"] == 0
    assert replay["results"][0]["replayed"] and replay["conflicts"] == 0
    assert other_gate["conflicts"] == 1
    assert CheckIn.objects.count() == 2


def test_a_batch_over_the_limit_is_refused(scanner):
    scans = [{"nonce": f"n-{i:08d}", "code": "x"} for i in range(501)]
    assert post(scanner, "/batch", {"scans": scans}).status_code in (400, 422)
    assert not CheckIn.objects.exists()


def test_config_publishes_keys_days_gates_and_pass_types(ticket_world, scanner):
    config = scanner.get(f"{API}/config").json()
    assert config["event"]["id"] == ticket_world.event.pk
    assert [d["index"] for d in config["days"]] == [0, 1, 2]
    assert config["today"] == "2027-08-12"
    assert len(config["keys"]) == 1 and config["keys"][0]["kid"] == 0
    vip = next(p for p in config["pass_types"] if p["name"] == "VIP")
    assert vip["gates"] == [ticket_world.vip_gate.pk]
    assert config["device"]["gate"] == ticket_world.north.pk


def test_revocations_and_admitted_lists_follow_a_cursor(ticket_world, scanner):
    passes = [ticket_world.register(email=f"v{n}@example.id").passes[0] for n in range(3)]
    pass_void(visitor_pass=passes[0], actor=None, reason="Batal")
    listed = scanner.get(f"{API}/revocations?since=0").json()
    assert listed["items"] == [{"p": passes[0].pk, "s": 0, "d": None, "t": None}]
    pass_reissue(visitor_pass=passes[1], actor=None)
    more = scanner.get(f"{API}/revocations?since={listed['cursor']}").json()
    assert [(i["p"], i["s"]) for i in more["items"]] == [(passes[1].pk, 2)]
    post(scanner, "/redeem", {"nonce": uuid.uuid4().hex, "code": pass_token(passes[2])})
    admitted = scanner.get(f"{API}/admitted?since=0").json()
    assert [(i["p"], i["d"]) for i in admitted["items"]] == [(passes[2].pk, "in")]
    assert scanner.get(f"{API}/admitted?since={admitted['cursor']}").json()["items"] == []
    assert scanner.get(f"{API}/revocations?since=-1").status_code == 400
    assert scanner.get(f"{API}/revocations?since=abc").status_code in (400, 422)


def test_gate_staff_sign_a_phone_in_with_their_session(ticket_world):
    browser = Client(enforce_csrf_checks=False)
    browser.force_login(ticket_world.gate_staff)
    response = post(browser, "/devices", {"gate": ticket_world.south.pk, "name": "HP Budi"})
    assert response.status_code == 201
    token = response.json()["token"]
    device = GateDevice.objects.get(name="HP Budi")
    assert device.gate == ticket_world.south and device.created_by == ticket_world.gate_staff
    assert token not in device.token_digest
    phone = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert phone.get(f"{API}/config").status_code == 200
    assert phone.delete(f"{API}/devices/me").status_code == 204
    assert phone.get(f"{API}/config").status_code == 401


def test_nobody_signs_a_phone_in_at_another_editions_gate(ticket_world):
    from tests.tickets.world import make_world

    other = make_world(slug="lain")
    browser = Client()
    browser.force_login(ticket_world.gate_staff)
    assert post(browser, "/devices", {"gate": other.north.pk}).status_code == 404
    assert post(Client(), "/devices", {"gate": ticket_world.north.pk}).status_code == 401


def test_the_api_is_in_the_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert {
        "/api/v1/checkin/redeem",
        "/api/v1/checkin/batch",
        "/api/v1/checkin/revocations",
    } <= set(schema["paths"])


def test_the_api_answers_in_the_callers_language(ticket_world):
    token = pass_token(ticket_world.register().passes[0])
    english = Client(
        HTTP_AUTHORIZATION=f"Bearer {ticket_world.north_token}", HTTP_ACCEPT_LANGUAGE="en"
    )
    indonesian = Client(
        HTTP_AUTHORIZATION=f"Bearer {ticket_world.north_token}", HTTP_ACCEPT_LANGUAGE="id"
    )
    post(english, "/redeem", {"nonce": uuid.uuid4().hex, "code": token})
    again = {"nonce": uuid.uuid4().hex, "code": token}
    assert post(english, "/redeem", again).json()["reason_text"] == "Already inside"
    assert (
        post(indonesian, "/redeem", {**again, "nonce": uuid.uuid4().hex}).json()["reason_text"]
        == "Sudah di dalam"
    )
    assert english.get(f"{API}/config").json()["pass_types"][0]["name"] == "General visitor"
