"""The organizer's money screens in the Wagtail admin: payments (list, exports, one payment
and its actions), fee waivers, bank accounts and the reconciliation with Stripe."""

import csv
import io
import os
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts.factories import UserFactory
from accounts.models import Role
from accounts.services import role_grant
from booths.models import Allocation, AllocationKind, AllocationStatus
from booths.services import booth_hold
from events.factories import EventFactory
from exhibitors.models import ApplicationStatus
from payments import gateway
from payments.admin_views import Totals
from payments.models import (
    BankAccount,
    DocumentKind,
    Payment,
    PaymentStatus,
    Provider,
    Refund,
    RefundStatus,
    Waiver,
)
from payments.services import payment_pay_by_card, payment_start
from tests.admin import admin_login
from tests.booths.test_holds import approved
from tests.payments.conftest import FEE, card_token

pytestmark = pytest.mark.django_db

INDEX = "payments_payment:index"


def messages_of(response):
    with translation.override("en"):
        return [str(m).strip() for m in response.context["messages"]] if response.context else []


def listed(response):
    return list(response.context["object_list"])


def detail_url(payment):
    return reverse("payments_payment:inspect", args=[payment.pk])


def rows_of(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def transfer(world):
    return payment_start(
        purpose="booth_fee",
        subject_id=world.application.pk,
        provider=Provider.BANK_TRANSFER,
        actor=world.owner,
    )


def paid_by_card(world, url):
    payment = payment_start(
        purpose="booth_fee",
        subject_id=world.application.pk,
        provider=Provider.STRIPE,
        actor=world.owner,
    )
    result = payment_pay_by_card(payment=payment, token=card_token(url))
    assert result.status == "succeeded"
    payment.refresh_from_db()
    return payment


def application_status(world):
    world.application.refresh_from_db()
    return world.application.status


@pytest.fixture
def organizer(client, fee_world):
    return admin_login(client, fee_world.organizer)


@pytest.fixture
def outsider(client, fee_world):
    """The organizer of another edition, logged in instead."""
    theirs = EventFactory(name="Pameran Makassar 2027", slug="makassar-2027")
    user = UserFactory(email="makassar@pameran.test")
    role_grant(user=user, role=Role.ORGANIZER, scope=theirs)
    return {"event": theirs, "user": user, "client": admin_login(client, user)}


# --- who gets in -----------------------------------------------------------------------------

SCREENS = [
    INDEX,
    "payments_waiver:index",
    "payments_waive",
    "payments_bankaccount:index",
    "payments_bankaccount:add",
    "payments_reconciliation",
]


def test_every_screen_opens_for_the_organizer_and_the_menu_lists_them(organizer, fee_world):
    payment = transfer(fee_world)
    for name in SCREENS:
        assert organizer.get(reverse(name)).status_code == 200, name
    assert organizer.get(detail_url(payment)).status_code == 200
    html = organizer.get(reverse("wagtailadmin_home")).content.decode()
    for label in ["Payments", "Fee waivers", "Waive booth fee", "Bank accounts", "Reconciliation"]:
        assert label in html, label


def test_an_exhibitor_cannot_reach_these_screens(client, fee_world):
    payment = transfer(fee_world)
    admin_login(client, fee_world.owner)
    for path in [reverse(name) for name in SCREENS] + [
        detail_url(payment),
        reverse(INDEX) + "?export=csv",
    ]:
        response = client.get(path)
        assert response.status_code in (302, 403), path
        if response.status_code == 302:
            assert reverse("wagtailadmin_login") in response["Location"]
    today = timezone.localdate().isoformat()
    response = client.post(
        detail_url(payment), {"action": "receive", "receive-transfer_date": today}
    )
    assert response.status_code in (302, 403)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    assert application_status(fee_world) == ApplicationStatus.APPROVED


def test_another_editions_organizer_cannot_see_or_act_on_the_payment(outsider, fee_world):
    payment = transfer(fee_world)
    theirs = outsider["client"]
    assert payment not in listed(theirs.get(reverse(INDEX)))
    assert payment.reference not in theirs.get(reverse(INDEX)).content.decode()
    exported = rows_of(theirs.get(reverse(INDEX), {"export": "csv"}))
    assert [row for row in exported[1:] if payment.reference in row] == []
    assert theirs.get(detail_url(payment)).status_code == 404
    today = timezone.localdate().isoformat()
    for data in [
        {"action": "receive", "receive-transfer_date": today},
        {"action": "cancel", "cancel-reason": "hostile"},
        {"action": "refund", "refund-amount": "1", "refund-reason": "hostile"},
    ]:
        assert theirs.post(detail_url(payment), data).status_code == 404, data["action"]
    ours = fee_world.plan["event"].pk
    assert theirs.get(reverse("payments_reconciliation"), {"event": ours}).status_code == 404
    assert theirs.get(reverse("payments_waive"), {"event": ours}).status_code == 404
    # Their own waiver form offers none of our applications, and refuses one sent anyway.
    response = theirs.post(
        reverse("payments_waive"),
        {
            "event": outsider["event"].pk,
            "application": fee_world.application.pk,
            "sponsor": "Kemenkop",
            "reason": "hostile",
        },
    )
    assert response.status_code == 200
    assert "Choose one of the applications listed." in messages_of(response)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    assert not Waiver.objects.exists()
    assert application_status(fee_world) == ApplicationStatus.APPROVED


# --- the list and its exports ----------------------------------------------------------------


def test_the_list_shows_the_payment_and_exports_csv_and_xlsx(organizer, fee_world):
    payment = transfer(fee_world)
    response = organizer.get(reverse(INDEX))
    assert listed(response) == [payment]
    html = response.content.decode()
    assert payment.reference in html
    assert f"Rp\u00a01.500.{payment.unique_code:03d}" in html
    assert "Bank transfer" in html and "Waiting for payment" in html
    assert detail_url(payment) in html

    as_csv = organizer.get(reverse(INDEX), {"export": "csv"})
    assert as_csv["Content-Type"] == "text/csv; charset=utf-8"
    assert as_csv["Content-Disposition"].startswith('attachment; filename="payments-')
    header, *rows = rows_of(as_csv)
    assert header[:5] == ["Reference", "Edition", "For", "Description", "Amount (Rp)"]
    assert header[-3:] == ["Created at", "Paid at", "Transfer date"]
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["Reference"] == payment.reference
    assert row["Edition"] == fee_world.plan["event"].name
    assert row["For"] == "Booth fee"
    assert (row["Amount (Rp)"], row["Unique code (Rp)"]) == ("1500000", str(payment.unique_code))
    assert (row["Method"], row["Status"]) == ("Bank transfer", "Waiting for payment")
    assert row["Payer's email"] == fee_world.owner.email
    assert row["Created at"].endswith("+07:00") and row["Paid at"] == ""

    as_xlsx = organizer.get(reverse(INDEX), {"export": "xlsx"})
    assert as_xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(as_xlsx.streaming_content))).active
    values = [[cell.value for cell in line] for line in sheet.iter_rows()]
    assert values[0][0] == "Reference" and values[1][0] == payment.reference
    assert values[1][4] == FEE


def test_the_csv_defuses_text_a_spreadsheet_would_run(organizer, fee_world):
    payment = transfer(fee_world)
    Payment.objects.filter(pk=payment.pk).update(payer_name='=HYPERLINK("http://x")')
    header, row = rows_of(organizer.get(reverse(INDEX), {"export": "csv"}))
    assert dict(zip(header, row, strict=True))["Payer's name"] == '\'=HYPERLINK("http://x")'


@pytest.mark.parametrize(
    "query, found",
    [
        ({"q": "REF"}, True),  # the reference, typed in lower case
        ({"q": "a-000 · merek"}, True),  # the description (the booth and the business)
        ({"status": "pending"}, True),
        ({"status": "succeeded"}, False),
        ({"provider": "stripe"}, False),
        ({"provider": "bank_transfer"}, True),
        ({"purpose": "booth_fee"}, True),
        ({"needs_attention": "true"}, False),
        ({"event": "abc"}, True),  # junk in a filter is ignored
    ],
)
def test_list_filters_and_search(organizer, fee_world, query, found):
    payment = transfer(fee_world)
    if query.get("q") == "REF":
        query = {"q": payment.reference.lower()}
    response = organizer.get(reverse(INDEX), query)
    assert response.status_code == 200
    assert (payment in listed(response)) is found


# --- one payment: a transfer received --------------------------------------------------------


def test_a_transfer_marked_received_is_paid_and_confirms_the_application(organizer, fee_world):
    payment = transfer(fee_world)
    html = organizer.get(detail_url(payment)).content.decode()
    assert 'data-action="receive"' in html and 'data-action="cancel"' in html
    assert 'data-action="refund"' not in html
    invoice = reverse("payments:document", args=[payment.reference, DocumentKind.INVOICE])
    assert invoice in html

    today = timezone.localdate()
    response = organizer.post(
        detail_url(payment), {"action": "receive", "receive-transfer_date": today.isoformat()}
    )
    assert response.status_code == 302
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert (payment.transfer_date, payment.received_by) == (today, fee_world.organizer)
    assert application_status(fee_world) == ApplicationStatus.CONFIRMED
    active = Allocation.objects.get(
        application=fee_world.application, status=AllocationStatus.ACTIVE
    )
    assert active.kind == AllocationKind.ASSIGNMENT

    page = organizer.get(detail_url(payment))
    assert any(f"{payment.reference} is paid" in m for m in messages_of(page))
    html = page.content.decode()
    receipt = reverse("payments:document", args=[payment.reference, DocumentKind.RECEIPT])
    assert receipt in html
    assert 'data-log="succeeded"' in html
    assert 'data-action="receive"' not in html and 'data-action="refund"' in html
    assert organizer.get(receipt).status_code == 200


def test_a_future_transfer_date_is_refused_and_nothing_changes(organizer, fee_world):
    payment = transfer(fee_world)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = organizer.post(
        detail_url(payment), {"action": "receive", "receive-transfer_date": tomorrow.isoformat()}
    )
    assert response.status_code == 200
    assert "Give the date of the transfer (not later)." in messages_of(response)
    form = response.context["receive_form"]
    with translation.override("en"):
        assert form.errors["transfer_date"] == ["Give the date of the transfer (not later)."]
    assert form["transfer_date"].value() == tomorrow.isoformat()  # what was typed stays
    payment.refresh_from_db()
    assert (payment.status, payment.transfer_date, payment.received_by) == (
        PaymentStatus.PENDING,
        None,
        None,
    )
    assert application_status(fee_world) == ApplicationStatus.APPROVED


def test_a_transfer_date_that_is_not_a_date_is_refused(organizer, fee_world):
    payment = transfer(fee_world)
    response = organizer.post(
        detail_url(payment), {"action": "receive", "receive-transfer_date": "kemarin"}
    )
    assert response.status_code == 200
    assert "Enter a valid date." in messages_of(response)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_a_waiting_payment_is_cancelled_with_a_reason(organizer, fee_world):
    payment = transfer(fee_world)
    response = organizer.post(detail_url(payment), {"action": "cancel", "cancel-reason": " "})
    assert response.status_code == 200
    assert "Give a reason for cancelling the payment." in messages_of(response)
    assert Payment.objects.get(pk=payment.pk).status == PaymentStatus.PENDING

    response = organizer.post(
        detail_url(payment), {"action": "cancel", "cancel-reason": "Exhibitor asked to pay later"}
    )
    assert response.status_code == 302
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CANCELLED
    entry = payment.log.get(kind="cancelled")
    assert (entry.message, entry.actor) == ("Exhibitor asked to pay later", fee_world.organizer)
    # What it held is released; nothing more can be done to it.
    assert fee_world.hold.__class__.objects.get(pk=fee_world.hold.pk).status == (
        AllocationStatus.EXPIRED
    )
    html = organizer.get(detail_url(payment)).content.decode()
    assert "data-no-action" in html
    again = organizer.post(
        detail_url(payment), {"action": "receive", "receive-transfer_date": "2026-01-01"}
    )
    assert again.status_code == 302
    assert Payment.objects.get(pk=payment.pk).status == PaymentStatus.CANCELLED


def test_an_unknown_action_is_404(organizer, fee_world):
    payment = transfer(fee_world)
    assert organizer.post(detail_url(payment), {"action": "delete"}).status_code == 404


# --- one payment: refunds --------------------------------------------------------------------


def test_a_card_payment_refunded_from_the_admin_goes_back_through_localstripe(
    organizer, fee_world, stripe_on
):
    payment = paid_by_card(fee_world, stripe_on)
    page = organizer.get(detail_url(payment))
    form = page.context["refund_form"]
    assert form["amount"].value() == "1.500.000"  # all that is refundable
    html = page.content.decode()
    assert 'name="refund-amount" value="1.500.000"' in html
    assert payment.stripe_payment_intent in html
    assert 'data-section="stripe-events"' in html

    response = organizer.post(
        detail_url(payment),
        {"action": "refund", "refund-amount": "Rp 500.000", "refund-reason": "Booth smaller"},
    )
    assert response.status_code == 302
    payment.refresh_from_db()
    assert (payment.status, payment.amount_refunded) == (PaymentStatus.PARTLY_REFUNDED, 500_000)
    refund = Refund.objects.get(payment=payment)
    assert refund.status == RefundStatus.SUCCEEDED and refund.stripe_refund.startswith("re_")
    at_stripe = gateway.refunds_of(payment.stripe_payment_intent)
    assert [(r.id, gateway.to_rupiah(r.amount)) for r in at_stripe] == [
        (refund.stripe_refund, 500_000)
    ]
    assert application_status(fee_world) == ApplicationStatus.CONFIRMED

    page = organizer.get(detail_url(payment))
    assert "Rp 500.000 refunded." in messages_of(page)
    assert page.context["refund_form"]["amount"].value() == "1.000.000"
    html = page.content.decode()
    assert 'data-refund="succeeded"' in html and "Booth smaller" in html

    # The rest: the payment is refunded in full and the application cancelled.
    response = organizer.post(
        detail_url(payment),
        {"action": "refund", "refund-amount": "1000000", "refund-reason": "Withdrew"},
    )
    assert response.status_code == 302
    payment.refresh_from_db()
    assert (payment.status, payment.amount_refunded) == (PaymentStatus.REFUNDED, FEE)
    assert len(gateway.refunds_of(payment.stripe_payment_intent)) == 2
    assert application_status(fee_world) == ApplicationStatus.CANCELLED


@pytest.mark.parametrize(
    "data, message",
    [
        ({"refund-amount": "1500000", "refund-reason": ""}, "Give a reason for the refund."),
        (
            {"refund-amount": "1500001", "refund-reason": "Too much"},
            "Refund between Rp 1 and Rp 1.500.000.",
        ),
        (
            {"refund-amount": "satu juta", "refund-reason": "x"},
            "Give an amount in whole rupiah, e.g. 1.500.000.",
        ),
    ],
)
def test_a_refund_the_service_refuses_changes_nothing(
    organizer, fee_world, stripe_on, data, message
):
    payment = paid_by_card(fee_world, stripe_on)
    response = organizer.post(detail_url(payment), {"action": "refund", **data})
    assert response.status_code == 200
    assert message in messages_of(response)
    assert response.context["refund_form"]["reason"].value() == data["refund-reason"]
    payment.refresh_from_db()
    assert (payment.status, payment.amount_refunded) == (PaymentStatus.SUCCEEDED, 0)
    assert not Refund.objects.exists()
    assert gateway.refunds_of(payment.stripe_payment_intent) == []


# --- waivers ---------------------------------------------------------------------------------


def test_a_waiver_through_the_admin_confirms_the_application(organizer, fee_world):
    waiting = transfer(fee_world)
    page = organizer.get(reverse("payments_waive"))
    choices = list(page.context["form"].fields["application"].queryset)
    assert choices == [fee_world.application]
    assert "a payment is waiting" in page.content.decode()

    response = organizer.post(
        reverse("payments_waive"),
        {
            "event": fee_world.plan["event"].pk,
            "application": fee_world.application.pk,
            "sponsor": "Kementerian Koperasi dan UKM",
            "reason": "Binaan programme 2027",
        },
    )
    assert response.status_code == 302
    waiver = Waiver.objects.get()
    assert (waiver.amount, waiver.sponsor, waiver.granted_by) == (
        FEE,
        "Kementerian Koperasi dan UKM",
        fee_world.organizer,
    )
    assert application_status(fee_world) == ApplicationStatus.CONFIRMED
    waiting.refresh_from_db()
    assert waiting.status == PaymentStatus.CANCELLED

    listing = organizer.get(response["Location"])
    assert any("is waived, carried by Kementerian Koperasi" in m for m in messages_of(listing))
    assert listed(listing) == [waiver]
    assert "Rp\u00a01.500.000" in listing.content.decode()
    header, *rows = rows_of(organizer.get(reverse("payments_waiver:index"), {"export": "csv"}))
    row = dict(zip(header, rows[0], strict=True))
    assert row["Sponsored by"] == "Kementerian Koperasi dan UKM"
    assert row["Amount waived (Rp)"] == str(FEE)
    assert row["Granted by"] == (fee_world.organizer.full_name or fee_world.organizer.email)
    # Waived: no longer offered.
    again = organizer.get(reverse("payments_waive"))
    assert list(again.context["form"].fields["application"].queryset) == []
    assert "data-no-applications" in again.content.decode()


def test_a_waiver_needs_a_sponsor_and_a_reason(organizer, fee_world):
    response = organizer.post(
        reverse("payments_waive"),
        {"application": fee_world.application.pk, "sponsor": "", "reason": ""},
    )
    assert response.status_code == 200
    assert "Say who carries the fee and why." in messages_of(response)
    assert not Waiver.objects.exists()
    assert application_status(fee_world) == ApplicationStatus.APPROVED


def test_a_paid_application_is_not_offered_for_a_waiver(organizer, fee_world):
    payment = transfer(fee_world)
    organizer.post(
        detail_url(payment),
        {"action": "receive", "receive-transfer_date": timezone.localdate().isoformat()},
    )
    page = organizer.get(reverse("payments_waive"))
    assert list(page.context["form"].fields["application"].queryset) == []


# --- bank accounts ---------------------------------------------------------------------------


def test_bank_accounts_are_added_for_the_organizers_editions_only(organizer, fee_world):
    ours = fee_world.plan["event"]
    theirs = EventFactory(name="Pameran Makassar 2027")
    BankAccount.objects.create(
        event=theirs, bank_name="BNI", account_number="999", account_holder="Panitia Makassar"
    )
    add = organizer.get(reverse("payments_bankaccount:add"))
    assert list(add.context["form"].fields["event"].queryset) == [ours]
    data = {
        "event": ours.pk,
        "bank_name": "Bank Rakyat Indonesia",
        "account_number": "0123-01-000123-30-5",
        "account_holder": "Panitia Hari UMKM Nasional",
        "is_active": "on",
        "sort_order": "0",
    }
    refused = organizer.post(reverse("payments_bankaccount:add"), {**data, "event": theirs.pk})
    assert refused.status_code == 200
    assert not BankAccount.objects.filter(event=theirs, bank_name="Bank Rakyat Indonesia").exists()
    assert organizer.post(reverse("payments_bankaccount:add"), data).status_code == 302
    account = BankAccount.objects.get(event=ours)
    assert account.account_number == "0123-01-000123-30-5"
    listing = organizer.get(reverse("payments_bankaccount:index"))
    assert listed(listing) == [account]
    other = BankAccount.objects.get(event=theirs)
    edit = reverse("payments_bankaccount:edit", args=[other.pk])
    assert organizer.get(edit).status_code == 404
    delete = reverse("payments_bankaccount:delete", args=[other.pk])
    assert organizer.post(delete).status_code == 404
    assert BankAccount.objects.filter(pk=other.pk).exists()


# --- reconciliation --------------------------------------------------------------------------


def test_reconciliation_with_localstripe_shows_the_recorded_payment_as_matched(
    organizer, fee_world, stripe_on
):
    payment = paid_by_card(fee_world, stripe_on)
    response = organizer.get(
        reverse("payments_reconciliation"), {"event": fee_world.plan["event"].pk}
    )
    assert response.status_code == 200
    result = response.context["result"]
    assert result.checked and result.balanced
    assert result.recorded == Totals(1, FEE)
    assert result.at_stripe == Totals(1, FEE)
    assert result.matched == Totals(1, FEE)
    assert result.mismatches == []
    html = response.content.decode()
    assert 'data-balanced="true"' in html and "data-no-mismatch" in html
    assert payment.stripe_payment_intent not in {line.intent_id for line in result.unknown}


def test_reconciliation_lists_what_differs_from_stripe(organizer, fee_world, stripe_on):
    payment = paid_by_card(fee_world, stripe_on)
    # Recorded with another amount than Stripe took, and a "paid" payment Stripe never saw.
    Payment.objects.filter(pk=payment.pk).update(amount=FEE + 1000)
    ghost = Payment.objects.create(
        event=fee_world.plan["event"],
        purpose="booth_fee",
        subject_id=fee_world.application.pk,
        reference="PGHOST0001",
        description="Booth fee",
        amount=250_000,
        provider=Provider.STRIPE,
        status=PaymentStatus.SUCCEEDED,
        stripe_payment_intent="pi_not_at_stripe",
        succeeded_at=timezone.now(),
    )
    response = organizer.get(reverse("payments_reconciliation"))
    result = response.context["result"]
    assert not result.balanced
    assert result.recorded == Totals(2, FEE + 1000 + 250_000)
    assert result.matched == Totals(0, 0)
    problems = {line.payment.reference: line for line in result.mismatches}
    assert problems[payment.reference].problem == "Stripe took another amount."
    assert (problems[payment.reference].recorded, problems[payment.reference].at_stripe) == (
        FEE + 1000,
        FEE,
    )
    assert problems[ghost.reference].problem.startswith("Recorded as paid, but not found at Stripe")
    html = response.content.decode()
    assert f'data-mismatch="{payment.reference}"' in html
    assert f'data-mismatch="{ghost.reference}"' in html


def test_reconciliation_without_stripe_shows_the_recorded_totals(organizer, fee_world, settings):
    settings.STRIPE_SECRET_KEY = ""
    payment = transfer(fee_world)
    response = organizer.get(reverse("payments_reconciliation"))
    html = response.content.decode()
    assert "data-stripe-off" in html
    assert response.context["result"].checked is False
    assert response.context["transfers_waiting"] == Totals(1, payment.amount_due)
    assert response.context["transfers_received"] == Totals(0, 0)
    assert response.context["waivers"] == Totals(0, 0)


def test_reconciliation_says_so_when_stripe_cannot_be_asked(
    organizer, fee_world, stripe_on, monkeypatch
):
    paid_by_card(fee_world, stripe_on)

    def down(*args, **kwargs):
        raise gateway.GatewayError("Connection refused", code="connection")

    monkeypatch.setattr(gateway, "succeeded_intents", down)
    response = organizer.get(reverse("payments_reconciliation"))
    assert response.status_code == 200
    assert "Stripe could not be asked: Connection refused" in messages_of(response)
    assert "data-stripe-error" in response.content.decode()
    assert response.context["result"].recorded == Totals(1, FEE)


def test_reconciliation_counts_transfers_and_waivers(organizer, fee_world):
    payment = transfer(fee_world)
    organizer.post(
        detail_url(payment),
        {"action": "receive", "receive-transfer_date": timezone.localdate().isoformat()},
    )
    response = organizer.get(reverse("payments_reconciliation"))
    assert response.context["transfers_received"] == Totals(1, payment.amount_due)
    assert response.context["transfers_waiting"] == Totals(0, 0)


# --- how it looks ----------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_screens_in_the_browser(live_server, fee_world, stripe_on, page, tmp_path):
    """The list, a payment and the reconciliation, as an organizer sees them (PNG files in
    $SCREENSHOT_DIR when set)."""
    from wagtail.users.models import UserProfile

    shots = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    card = paid_by_card(fee_world, stripe_on)
    second, second_owner = approved(fee_world.plan)
    booth_hold(booth=fee_world.plan["booths"][1], application=second, actor=second_owner)
    organizer = fee_world.organizer
    organizer.set_password("secret-pass-123")
    organizer.save()
    profile = UserProfile.get_for_user(organizer)
    profile.preferred_language = "en"
    profile.save()

    page.goto(live_server.url + reverse("wagtailadmin_login"))
    page.locator('input[name="username"]').fill(organizer.email)
    page.locator('input[name="password"]').fill("secret-pass-123")
    page.locator('button[type="submit"]').click()
    page.wait_for_url(f"**{reverse('wagtailadmin_home')}")

    page.get_by_role("button", name="Exhibition").click()
    page.get_by_role("link", name="Payments").click()
    page.wait_for_url(f"**{reverse(INDEX)}")
    page.screenshot(path=shots / "payments-list.png", full_page=True)

    page.get_by_role("link", name=card.reference).click()
    page.wait_for_url(f"**{detail_url(card)}")
    page.set_viewport_size({"width": 1280, "height": 2000})
    page.screenshot(path=shots / "payment-detail.png")
    page.locator('form[data-action="refund"] textarea').fill("Booth smaller than planned")
    page.locator('form[data-action="refund"] input[name="refund-amount"]').fill("500000")
    page.locator('form[data-action="refund"] button[type="submit"]').click()
    page.locator('[data-refund="succeeded"]').wait_for()
    page.screenshot(path=shots / "payment-refunded.png")

    page.goto(live_server.url + reverse("payments_reconciliation"))
    page.locator('[data-balanced="true"]').wait_for()
    page.screenshot(path=shots / "reconciliation.png")
    Payment.objects.filter(pk=card.pk).update(amount=FEE + 1000, needs_attention=True)
    page.reload()
    page.locator('[data-balanced="false"]').wait_for()
    page.screenshot(path=shots / "reconciliation-mismatch.png")
    Payment.objects.filter(pk=card.pk).update(amount=FEE, needs_attention=False)

    page.goto(live_server.url + reverse("payments_waive"))
    page.locator("select[name=application]").select_option(str(second.pk))
    page.locator("input[name=sponsor]").fill("Kementerian Koperasi dan UKM")
    page.locator("textarea[name=reason]").fill("Binaan programme 2027")
    page.screenshot(path=shots / "waive.png")
    page.locator('button[type="submit"]').filter(has_text="Waive the fee").click()
    page.wait_for_url(f"**{reverse('payments_waiver:index')}**")
    page.screenshot(path=shots / "waivers.png")
    assert Waiver.objects.get().subject_id == second.pk
    card.refresh_from_db()
    assert card.status == PaymentStatus.PARTLY_REFUNDED
