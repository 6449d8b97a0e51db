"""An exhibitor pays a booth fee by card in Chromium, against localstripe's fake Stripe.js."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from booths.models import Allocation, AllocationKind
from exhibitors.models import ApplicationStatus
from payments.models import Payment, PaymentStatus
from tests.booths.test_picker_browser import SHOTS, log_in_to_picker, watch_console

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def scope_fake_stripe_js(page, localstripe_url: str) -> None:
    """Serve localstripe's fake Stripe.js inside a function scope.

    Its top-level ``class Element`` hides the DOM's ``Element`` from every other script
    (Bootstrap's selector engine then throws on each click); real Stripe.js declares no
    such global. Wrapped, it still sets the global ``Stripe`` and finds its own URL.
    """

    def wrap(route):
        original = route.fetch()
        route.fulfill(response=original, body=f"(function () {{\n{original.text()}\n}})();")

    page.route(f"{localstripe_url}/js.stripe.com/v3/**", wrap)


def test_an_exhibitor_pays_the_booth_fee_by_card_and_the_booth_is_confirmed(
    live_server, fee_world, stripe_on, page
):
    errors = watch_console(page)
    scope_fake_stripe_js(page, stripe_on)
    log_in_to_picker(page, live_server, fee_world.owner, fee_world.application)
    fee = page.get_by_test_id("booth-fee")
    expect(fee).to_contain_text("Rp 1.500.000")
    fee.get_by_test_id("pay-card").click()
    page.wait_for_url("**/bayar/**")
    expect(page.get_by_test_id("amount")).to_have_text("Rp 1.500.000")
    # localstripe's card element: plain inputs named by their placeholders.
    card = page.locator("#card-element")
    card.locator('input[placeholder="number"]').fill("4242424242424242")
    card.locator('input[placeholder="exp_month"]').fill("12")
    card.locator('input[placeholder="exp_year"]').fill("30")
    card.locator('input[placeholder="cvc"]').fill("123")
    card.locator('input[placeholder="postal_code"]').fill("57131")
    pay = page.locator("#card-pay")
    pay.dblclick()  # an impatient double click still charges once
    expect(page.get_by_test_id("paid")).to_be_visible(timeout=15_000)
    expect(page.get_by_test_id("receipt-link")).to_be_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "payment-paid.png"), full_page=True)

    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.SUCCEEDED
    fee_world.application.refresh_from_db()
    assert fee_world.application.status == ApplicationStatus.CONFIRMED
    assert Allocation.objects.get(application=fee_world.application, status="active").kind == (
        AllocationKind.ASSIGNMENT
    )
    response = page.request.get(f"{live_server.url}/bayar/{payment.reference}/receipt.pdf")
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    page.goto(f"{live_server.url}/stan/pilih/{fee_world.application.pk}/")
    expect(page.get_by_test_id("fee-paid")).to_be_visible()
    assert errors == []


def test_a_transfer_shows_the_exact_amount_and_the_account(live_server, fee_world, stripe_on, page):
    from payments.models import BankAccount

    BankAccount.objects.create(
        event=fee_world.plan["event"],
        bank_name="Bank Rakyat Indonesia",
        account_number="0123-01-000456-30-1",
        account_holder="Panitia Hari UMKM",
    )
    with translation.override("en"):
        log_in_to_picker(page, live_server, fee_world.owner, fee_world.application)
    page.get_by_test_id("pay-transfer").click()
    page.wait_for_url("**/bayar/**")
    payment = Payment.objects.get()
    transfer = page.get_by_test_id("transfer")
    expect(transfer).to_contain_text("0123-01-000456-30-1")
    expect(page.get_by_test_id("transfer-amount")).to_have_text(
        f"Rp 1.500.{payment.unique_code:03d}"
    )
    expect(transfer).to_contain_text(payment.reference)
    page.screenshot(path=str(SHOTS / "payment-transfer.png"), full_page=True)
