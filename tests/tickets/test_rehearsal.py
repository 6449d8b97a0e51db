"""A rehearsal date lets the gates act as on an exhibition day before the edition opens."""

import json
import uuid

import pytest
from django.test import Client

from tickets.selectors import gate_now, pass_token

pytestmark = pytest.mark.django_db


def redeem(world, code):
    client = Client(HTTP_AUTHORIZATION=f"Bearer {world.north_token}")
    body = {"nonce": uuid.uuid4().hex, "code": code}
    return client.post(
        "/api/v1/checkin/redeem", data=json.dumps(body), content_type="application/json"
    ).json()


def test_without_a_rehearsal_date_a_future_edition_is_closed_at_the_gates(ticket_world):
    assert redeem(ticket_world, pass_token(ticket_world.register().passes[0]))["reason"] == "closed"


def test_on_a_rehearsal_date_the_gates_admit_as_on_that_day(ticket_world, settings):
    settings.TICKETS_REHEARSAL_DATE = "2027-08-12"
    assert gate_now().date().isoformat() == "2027-08-12"
    token = pass_token(ticket_world.register().passes[0])
    assert redeem(ticket_world, token)["result"] == "admitted"
    assert redeem(ticket_world, token)["reason"] == "already_inside"
