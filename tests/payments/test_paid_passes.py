"""Paid visitor passes: registered without an account, reserved, paid, then valid and sent."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from payments.models import Payment, PaymentStatus
from payments.services import payments_expire, refund_request
from tests.payments.conftest import card_token
from tests.tickets.test_views import form_data, register_url
from tests.tickets.world import make_world
from tickets.models import DayTally, Pass, PassDelivery, PassStatus, PassType
from tickets.selectors import forget_memos

pytestmark = pytest.mark.django_db
PRICE = 75_000


@pytest.fixture
def world(db):
    forget_memos()
    built = make_world()
    PassType.objects.filter(pk=built.general.pk).update(price=PRICE)
    forget_memos()
    return built


@pytest.fixture(autouse=True)
def _open_now(world, monkeypatch):
    # Registration windows are checked against "now": keep it inside the edition's window.
    from django.utils import timezone

    from tests.tickets.world import OPENING_MORNING

    monkeypatch.setattr(timezone, "now", lambda: OPENING_MORNING.replace(month=7))


def register_two(client, world):
    data = form_data(world, members="Sari Wulandari\nBudi Santoso", pass_type=world.school.pk)
    PassType.objects.filter(pk=world.school.pk).update(price=PRICE)
    forget_memos()
    return client.post(register_url(world), data, follow=True)


def taken(world) -> int:
    return DayTally.objects.get(day=world.days[0], pass_type__isnull=True).taken


def test_a_paid_pass_is_reserved_and_the_page_asks_for_the_payment(client, world):
    response = client.post(register_url(world), form_data(world), follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == "/tiket/selesai/"
    assert "Rp 75.000" in page
    assert 'data-testid="pay-transfer"' in page
    visitor_pass = Pass.objects.get()
    assert visitor_pass.status == PassStatus.AWAITING_PAYMENT
    assert visitor_pass.access_key not in page  # no pass to open before it is paid
    assert not PassDelivery.objects.exists()
    assert taken(world) == 1  # the place is held


def test_a_group_pays_by_card_and_every_pass_is_sent(
    client, world, stripe_on, django_capture_on_commit_callbacks
):
    register_two(client, world)
    response = client.post(reverse("tickets:registration_pay"), {"provider": "stripe"})
    payment = Payment.objects.get()
    assert response.url == reverse("payments:pay", args=[payment.reference])
    assert payment.amount_due == 2 * PRICE
    assert client.get(response.url).status_code == 200
    assert Client().get(response.url).status_code == 404  # another browser sees nothing
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            reverse("payments:card", args=[payment.reference]),
            data=json.dumps({"token": card_token(stripe_on)}),
            content_type="application/json",
        )
    assert answer.json()["status"] == "succeeded"
    assert set(Pass.objects.values_list("status", flat=True)) == {PassStatus.VALID}
    assert PassDelivery.objects.filter(reason="paid").count() == 2
    subjects = [m.subject for m in mail.outbox]
    assert sum("Kuitansi" in s or "Receipt" in s for s in subjects) == 1
    page = client.get("/tiket/selesai/").content.decode()
    for visitor_pass in Pass.objects.all():
        assert visitor_pass.access_key in page


def test_an_order_left_unpaid_gives_its_places_back(client, world):
    client.post(register_url(world), form_data(world))
    client.post(reverse("tickets:registration_pay"), {"provider": "bank_transfer"})
    payment = Payment.objects.get()
    assert payments_expire(now=payment.expires_at + timedelta(seconds=1)) == 1
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CANCELLED
    assert Pass.objects.get().status == PassStatus.VOID
    assert taken(world) == 0


def test_a_full_refund_voids_the_paid_passes(client, world, stripe_on):
    client.post(register_url(world), form_data(world))
    client.post(reverse("tickets:registration_pay"), {"provider": "stripe"})
    payment = Payment.objects.get()
    client.post(
        reverse("payments:card", args=[payment.reference]),
        data=json.dumps({"token": card_token(stripe_on)}),
        content_type="application/json",
    )
    payment.refresh_from_db()
    refund_request(payment=payment, amount=PRICE, reason="Batal datang", actor=world.organizer)
    assert Pass.objects.get().status == PassStatus.VOID
    assert taken(world) == 0


def test_without_the_registration_s_cookie_nothing_can_be_paid(client, world):
    client.post(register_url(world), form_data(world))
    stranger = Client()
    response = stranger.post(reverse("tickets:registration_pay"), {"provider": "bank_transfer"})
    assert response.status_code == 302
    assert not Payment.objects.exists()


def test_a_visitor_may_switch_to_a_transfer_without_losing_the_places(client, world, stripe_on):
    client.post(register_url(world), form_data(world))
    client.post(reverse("tickets:registration_pay"), {"provider": "stripe"})
    card = Payment.objects.get()
    response = client.post(
        reverse("payments:switch", args=[card.reference]), {"provider": "bank_transfer"}
    )
    transfer = Payment.objects.exclude(pk=card.pk).get()
    assert response.url == reverse("payments:pay", args=[transfer.reference])
    card.refresh_from_db()
    assert card.status == PaymentStatus.CANCELLED
    assert transfer.unique_code > 0
    assert Pass.objects.get().status == PassStatus.AWAITING_PAYMENT
    assert taken(world) == 1
