"""Payments against localstripe: a real fake Stripe server on loopback, per test worker."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pytest

from accounts.factories import UserFactory
from accounts.models import Role
from accounts.services import role_grant
from booths.models import BoothType
from booths.services import booth_hold
from tests.booths.test_holds import approved, build_plan

WEBHOOK_SECRET = "whsec_pameran_test"
FEE = 1_500_000


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def localstripe_url():
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "localstripe", "--port", str(port), "--from-scratch"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("localstripe did not start") from None
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def stripe_on(settings, localstripe_url):
    settings.STRIPE_SECRET_KEY = "sk_test_pameran"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_pameran"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = localstripe_url
    return localstripe_url


def signed(payload: dict, *, secret: str = WEBHOOK_SECRET, at: int | None = None) -> tuple:
    """A webhook body and its Stripe-Signature header, in Stripe's own scheme (v1 HMAC)."""
    body = json.dumps(payload).encode()
    stamp = int(at if at is not None else time.time())
    mac = hmac.new(secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
    return body, f"t={stamp},v1={mac}"


def event_payload(event_id: str, kind: str, obj: dict) -> dict:
    return {
        "id": event_id,
        "object": "event",
        "type": kind,
        "api_version": "2024-06-20",
        "created": int(time.time()),
        "livemode": False,
        "data": {"object": obj},
    }


def localstripe_post(url: str, path: str, data: dict) -> dict:
    request = urllib.request.Request(
        f"{url}{path}",
        data=urllib.parse.urlencode(data).encode(),
        headers={"Authorization": "Bearer sk_test_pameran"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
    return json.loads(body) if body.strip() else {}


def card_token(url: str, number: str = "4242424242424242") -> str:
    """What Stripe.js makes of a card typed into the card element."""
    made = localstripe_post(
        url,
        "/v1/tokens",
        {
            "card[number]": number,
            "card[exp_month]": "12",
            "card[exp_year]": "2030",
            "card[cvc]": "123",
            "key": "pk_test_pameran",
        },
    )
    return made["id"]


@dataclass
class FeeWorld:
    plan: dict
    application: object
    owner: object
    organizer: object
    hold: object


@pytest.fixture
def fee_world(db) -> FeeWorld:
    plan = build_plan(booths=3, hold_minutes=20)
    BoothType.objects.filter(pk=plan["standard"].pk).update(price=FEE)
    application, owner = approved(plan)
    hold = booth_hold(booth=plan["booths"][0], application=application, actor=owner)
    organizer = UserFactory(email="panitia@example.id")
    role_grant(user=organizer, role=Role.ORGANIZER, scope=plan["event"])
    return FeeWorld(plan, application, owner, organizer, hold)
