"""The business-matching portal as a buyer and an exhibitor use it, and as others try to
abuse it: pages, the request → accept → schedule → download path, deals recorded by one
side and confirmed by the other, and the refusals that change nothing."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounts.factories import UserFactory
from events.factories import ProgrammeFactory
from exhibitors.factories import ProductFactory, manager_of
from exhibitors.models import Sector
from matching import services
from matching.factories import (
    BuyerFactory,
    MatchingSessionFactory,
    buyer_account,
    exhibiting_business,
    ledger_event,
    participating_buyer,
)
from matching.models import Buyer, Meeting, MeetingStatus, Transaction, TransactionStatus

pytestmark = pytest.mark.django_db
M = MeetingStatus
T = TransactionStatus
DAY = date(2027, 8, 12)


class World:
    def __init__(self):
        self.event = ledger_event(name="Hari UMKM Nasional 2027")
        self.business = exhibiting_business(
            self.event, brand_name="Kopi Lereng Merapi", sector=Sector.KOPI_REMPAH
        )
        ProductFactory(business=self.business, name="Kopi arabika Merapi")
        self.buyer = participating_buyer(
            self.event,
            name="PT Sarinah Niaga",
            sectors=[Sector.KOPI_REMPAH],
            seeks="Kopi arabika untuk gerai",
        )
        self.exhibitor = manager_of(self.business)
        self.buyer_user = buyer_account(self.buyer)
        # Others of the same edition, and a buyer that does not take part.
        self.other_business = exhibiting_business(self.event, brand_name="Batik Laweyan")
        self.other_exhibitor = manager_of(self.other_business)
        self.other_buyer = participating_buyer(self.event, name="CV Toko Lain")
        self.other_buyer_user = buyer_account(self.other_buyer)
        self.outsider = BuyerFactory(name="PT Bukan Peserta")


@pytest.fixture
def world():
    return World()


def as_user(client, user):
    client.force_login(user)
    return client


def url(name, *args):
    return reverse(f"matching:{name}", args=args)


def meeting(world, *, status=M.REQUESTED, side="buyer", buyer=None, business=None):
    return Meeting.objects.create(
        event=world.event,
        buyer=buyer or world.buyer,
        business=business or world.business,
        requested_by_side=side,
        status=status,
    )


def record(world, *, side="exhibitor", **fields):
    values = {
        "event": world.event,
        "business": world.business,
        "buyer": world.buyer,
        "kind": "purchase_order",
        "currency": "IDR",
        "value": Decimal("15000000"),
        "deal_date": DAY,
        "side": side,
        "actor": world.exhibitor if side == "exhibitor" else world.buyer_user,
    }
    values.update(fields)
    return services.transaction_record(**values)


def deal_post(**fields):
    data = {
        "kind": "purchase_order",
        "currency": "IDR",
        "value": "15.000.000",
        "deal_date": DAY.isoformat(),
        "quantity": "",
        "unit": "",
        "product_name": "Kopi arabika 1 kg",
        "destination_country": "",
        "programme": "",
        "meeting": "",
        "notes": "",
    }
    data.update(fields)
    return data


# --- pages render for their owner and refuse others -----------------------------------------

BUYER_PAGES = [
    "buyer_home",
    "buyer_profile",
    "buyer_suggestions",
    "buyer_exhibitors",
    "buyer_requests",
    "buyer_schedule",
    "buyer_deals",
    "buyer_deal_create",
]
EXHIBITOR_PAGES = [
    "exhibitor_home",
    "exhibitor_buyers",
    "exhibitor_requests",
    "exhibitor_schedule",
    "exhibitor_deals",
    "exhibitor_deal_create",
]


@pytest.mark.parametrize("name", BUYER_PAGES)
def test_buyer_pages_render_for_the_buyer_and_refuse_others(client, world, name):
    assert client.get(url(name)).status_code == 302  # to the login page
    response = as_user(client, world.buyer_user).get(url(name))
    assert response.status_code == 200
    assert "PT Sarinah Niaga" in response.content.decode()
    client.force_login(world.exhibitor)
    assert client.get(url(name)).status_code == 403
    client.force_login(UserFactory())
    assert client.get(url(name)).status_code == 403


@pytest.mark.parametrize("name", EXHIBITOR_PAGES)
def test_exhibitor_pages_render_for_the_exhibitor_and_refuse_others(client, world, name):
    response = as_user(client, world.exhibitor).get(url(name))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kopi Lereng Merapi" in page
    assert url("exhibitor_home") in page  # the exhibitor portal's tab
    client.force_login(world.buyer_user)  # no business: sent to register one
    assert client.get(url(name))["Location"] == reverse("exhibitors:business_create")


def test_the_front_door_sends_each_side_home(client, world):
    assert as_user(client, world.buyer_user).get(url("index"))["Location"] == url("buyer_home")
    client.force_login(world.exhibitor)
    assert client.get(url("index"))["Location"] == url("exhibitor_home")
    client.force_login(UserFactory())
    assert client.get(url("index")).status_code == 403


def test_the_exhibitor_portal_links_to_business_matching(client, world):
    page = as_user(client, world.exhibitor).get(reverse("exhibitors:home")).content.decode()
    assert url("exhibitor_home") in page


def test_a_buyer_outside_every_edition_is_told_how_to_take_part(client, world):
    user = buyer_account(world.outsider)
    response = as_user(client, user).get(url("buyer_home"))
    assert response.status_code == 200
    assert b'data-testid="no-edition"' in response.content
    assert as_user(client, user).get(url("buyer_exhibitors")).status_code == 200
    assert b'data-testid="no-edition"' in client.get(url("buyer_deals")).content


def test_the_buyer_home_counts_requests_meetings_and_deals(client, world):
    meeting(world, side="exhibitor")  # to answer
    meeting(world, business=world.other_business)  # sent
    record(world)
    page = as_user(client, world.buyer_user).get(url("buyer_home"))
    counts = page.context["counts"]
    assert (counts["to_answer"], counts["sent"], counts["scheduled"]) == (1, 1, 0)
    assert page.context["deal_count"] == 1
    assert len(page.context["deals_to_confirm"]) == 1


# --- the buyer's profile ------------------------------------------------------------------------


def test_the_buyer_edits_its_profile(client, world):
    response = as_user(client, world.buyer_user).post(
        url("buyer_profile"),
        {
            "name": "PT Sarinah Niaga Baru",
            "kind": "retail_chain",
            "country": "ID",
            "city": "Jakarta",
            "sectors": ["kopi_rempah", "kuliner"],
            "seeks": "Kopi, teh, camilan bersertifikat halal",
            "description": "Gerai ritel di 20 kota.",
            "website": "sarinah.example",
        },
    )
    assert response.status_code == 302
    world.buyer.refresh_from_db()
    assert world.buyer.name == "PT Sarinah Niaga Baru"
    assert world.buyer.sectors == ["kopi_rempah", "kuliner"]
    assert world.buyer.website == "https://sarinah.example"


def test_a_bad_profile_changes_nothing_and_keeps_what_was_typed(client, world):
    response = as_user(client, world.buyer_user).post(
        url("buyer_profile"),
        {"name": "", "kind": "alien", "country": "ZZ", "sectors": ["nope"], "seeks": "Kopi enak"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert {"name", "kind", "country", "sectors"} <= set(form.errors)
    assert "Kopi enak" in response.content.decode()
    world.buyer.refresh_from_db()
    assert world.buyer.name == "PT Sarinah Niaga"


# --- finding the other side ---------------------------------------------------------------------


def test_the_buyer_filters_exhibitors_by_sector_province_and_name(client, world):
    as_user(client, world.buyer_user)
    names = lambda response: [r["business"].display_name for r in response.context["rows"]]  # noqa: E731
    assert names(client.get(url("buyer_exhibitors"))) == ["Batik Laweyan", "Kopi Lereng Merapi"]
    assert names(client.get(url("buyer_exhibitors"), {"sector": "kopi_rempah"})) == [
        "Kopi Lereng Merapi"
    ]
    assert names(client.get(url("buyer_exhibitors"), {"q": "batik"})) == ["Batik Laweyan"]
    assert names(client.get(url("buyer_exhibitors"), {"province": "11"})) == []


def test_junk_filters_are_refused_with_a_message_not_an_error(client, world):
    as_user(client, world.buyer_user)
    response = client.get(
        url("buyer_exhibitors"),
        {"sector": "'; drop table", "province": "999", "q": "x" * 500, "halaman": "abc"},
    )
    assert response.status_code == 200
    assert b'data-testid="filter-errors"' in response.content
    assert len(response.context["rows"]) == 2  # the refused filters are not applied
    client.force_login(world.exhibitor)
    response = client.get(url("exhibitor_buyers"), {"kind": "zzz", "sector": "1", "halaman": "-9"})
    assert response.status_code == 200
    assert b'data-testid="filter-errors"' in response.content
    assert {r["buyer"] for r in response.context["rows"]} == {world.buyer, world.other_buyer}


def test_the_exhibitor_sees_the_editions_buyers_with_suggestions(client, world):
    response = as_user(client, world.exhibitor).get(url("exhibitor_buyers"))
    assert world.outsider not in {r["buyer"] for r in response.context["rows"]}
    (first, *_rest) = response.context["suggestions"]
    assert first.buyer == world.buyer
    assert b'data-testid="reasons"' in response.content
    response = client.get(url("exhibitor_buyers"), {"sector": "kopi_rempah"})
    assert [r["buyer"] for r in response.context["rows"]] == [world.buyer]


def test_suggestions_page_lists_scored_exhibitors(client, world):
    response = as_user(client, world.buyer_user).get(url("buyer_suggestions"))
    suggestions = response.context["suggestions"]
    assert suggestions[0].business == world.business
    assert f'data-score="{suggestions[0].score}"' in response.content.decode()


# --- request → accept → schedule → downloads ----------------------------------------------------


def test_request_accept_schedule_and_download(client, world):
    as_user(client, world.buyer_user)
    page = client.get(url("buyer_request_meeting", world.business.pk))
    assert page.status_code == 200 and "Kopi arabika Merapi" in page.content.decode()
    response = client.post(
        url("buyer_request_meeting", world.business.pk), {"message": "Kami cari kopi 500 kg."}
    )
    assert response["Location"] == url("buyer_requests")
    sent = Meeting.objects.get()
    assert (sent.status, sent.requested_by_side, sent.message) == (
        M.REQUESTED,
        "buyer",
        "Kami cari kopi 500 kg.",
    )
    # Asking twice is answered with the request that exists.
    again = client.post(url("buyer_request_meeting", world.business.pk), {"message": "lagi"})
    assert again.status_code == 200 and Meeting.objects.count() == 1

    client.force_login(world.exhibitor)
    requests = client.get(url("exhibitor_requests"))
    assert [i["meeting"] for i in requests.context["to_answer"]] == [sent]
    response = client.post(
        url("exhibitor_meeting_respond", sent.pk),
        {f"m{sent.pk}-decision": "accept", f"m{sent.pk}-message": "Siap, sampai jumpa."},
    )
    assert response.status_code == 302
    sent.refresh_from_db()
    assert (sent.status, sent.response_message) == (M.ACCEPTED, "Siap, sampai jumpa.")

    session = MatchingSessionFactory(event=world.event, location="Pendopo Prangwedanan")
    services.session_save(session=session, actor=None)
    plan = services.session_schedule(session=session, actor=None)
    assert len(plan.placed) == 1
    sent.refresh_from_db()
    assert sent.status == M.SCHEDULED

    for user, prefix, counterpart in (
        (world.exhibitor, "exhibitor", "PT Sarinah Niaga"),
        (world.buyer_user, "buyer", "Kopi Lereng Merapi"),
    ):
        client.force_login(user)
        page = client.get(url(f"{prefix}_schedule")).content.decode()
        assert counterpart in page and "Pendopo Prangwedanan" in page
        assert "10:00" in page  # the first slot, in the edition's zone
        ics = client.get(url(f"{prefix}_schedule_ics"))
        assert ics.status_code == 200 and ics["Content-Type"].startswith("text/calendar")
        assert "attachment" in ics["Content-Disposition"]
        text = ics.content.decode()
        assert "BEGIN:VEVENT" in text and counterpart in text.replace("\r\n ", "")
        pdf = client.get(url(f"{prefix}_schedule_pdf"))
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
        extracted = " ".join(
            p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages
        ).replace("\n", " ")
        assert counterpart in extracted


def test_a_declined_request_and_a_cancelled_one(client, world):
    asked = meeting(world, side="exhibitor")
    as_user(client, world.buyer_user)
    client.post(
        url("buyer_meeting_respond", asked.pk),
        {f"m{asked.pk}-decision": "decline", f"m{asked.pk}-message": "Belum perlu."},
    )
    asked.refresh_from_db()
    assert asked.status == M.DECLINED
    mine = meeting(world, business=world.other_business)
    assert client.get(url("buyer_meeting_cancel", mine.pk)).status_code == 200  # confirm page
    client.post(url("buyer_meeting_cancel", mine.pk))
    mine.refresh_from_db()
    assert mine.status == M.CANCELLED


def test_nobody_answers_their_own_request_nor_someone_elses(client, world):
    mine = meeting(world)  # the buyer asked
    as_user(client, world.buyer_user)
    response = client.post(
        url("buyer_meeting_respond", mine.pk), {f"m{mine.pk}-decision": "accept"}
    )
    assert response.status_code == 403
    theirs = meeting(world, buyer=world.other_buyer, side="exhibitor")
    assert client.post(url("buyer_meeting_respond", theirs.pk)).status_code == 404
    assert client.post(url("buyer_meeting_cancel", theirs.pk)).status_code == 404
    client.force_login(world.other_exhibitor)
    assert client.post(url("exhibitor_meeting_cancel", mine.pk)).status_code == 404
    assert set(Meeting.objects.values_list("status", flat=True)) == {M.REQUESTED}


def test_requests_go_only_to_the_editions_other_side(client, world):
    as_user(client, world.exhibitor)
    assert client.get(url("exhibitor_request_meeting", world.outsider.pk)).status_code == 404
    assert client.post(url("exhibitor_request_meeting", world.outsider.pk)).status_code == 404
    stranger = exhibiting_business(ledger_event())
    client.force_login(world.buyer_user)
    assert client.post(url("buyer_request_meeting", stranger.pk)).status_code == 404
    assert not Meeting.objects.exists()


def test_writes_take_post_only(client, world):
    row = record(world)
    asked = meeting(world, side="exhibitor")
    as_user(client, world.buyer_user)
    assert client.get(url("buyer_deal_confirm", row.pk)).status_code == 405
    assert client.get(url("buyer_meeting_respond", asked.pk)).status_code == 405
    assert client.get(url("buyer_deal_void", row.pk)).status_code == 405
    row.refresh_from_db()
    assert row.status == T.RECORDED


# --- deals ---------------------------------------------------------------------------------------


def test_the_exhibitor_records_a_deal_and_the_buyer_confirms_it(client, world):
    held = meeting(world, status=M.ACCEPTED)
    programme = ProgrammeFactory(name="UMKM BISA Ekspor")
    world.event.programmes.add(programme)
    world.event.save()
    as_user(client, world.exhibitor)
    form = client.get(url("exhibitor_deal_create")).context["form"]
    assert set(form.fields["counterpart"].queryset) == {world.buyer, world.other_buyer}
    response = client.post(
        url("exhibitor_deal_create"),
        deal_post(
            counterpart=world.buyer.pk,
            currency="USD",
            value="1.250,50",
            quantity="500",
            unit="kg",
            destination_country="JP",
            programme=programme.pk,
            meeting=held.pk,
        ),
    )
    row = Transaction.objects.get()
    assert response["Location"] == url("exhibitor_deal", row.pk)
    assert (row.buyer, row.value, row.value_idr, row.recorded_as) == (
        world.buyer,
        Decimal("1250.50"),
        20_008_000,
        "exhibitor",
    )
    assert (row.meeting, row.programme, row.destination_country) == (held, programme, "JP")

    client.force_login(world.buyer_user)
    deals = client.get(url("buyer_deals"))
    assert b'data-testid="awaits-me"' in deals.content
    detail = client.get(url("buyer_deal", row.pk))
    assert b'data-testid="confirm-deal"' in detail.content
    assert "USD 1.250,50" in detail.content.decode()  # an Indonesian page
    client.post(url("buyer_deal_confirm", row.pk))
    row.refresh_from_db()
    assert (row.status, row.confirmed_by) == (T.CONFIRMED, world.buyer_user)

    client.force_login(world.exhibitor)
    page = client.get(url("exhibitor_deal", row.pk))
    assert b'data-status="confirmed"' in page.content
    assert b'data-testid="void-form"' not in page.content  # vouched for: no more voiding


def test_the_buyer_records_and_the_exhibitor_confirms(client, world):
    as_user(client, world.buyer_user)
    response = client.post(
        url("buyer_deal_create"), deal_post(counterpart=world.business.pk, kind="contract")
    )
    row = Transaction.objects.get()
    assert response.status_code == 302 and row.recorded_as == "buyer" and row.buyer == world.buyer
    assert "retail_sale" not in dict(
        client.get(url("buyer_deal_create")).context["form"].fields["kind"].choices
    )
    # The buyer cannot confirm its own row.
    assert client.post(url("buyer_deal_confirm", row.pk)).status_code == 403
    client.force_login(world.exhibitor)
    client.post(url("exhibitor_deal_confirm", row.pk))
    row.refresh_from_db()
    assert row.status == T.CONFIRMED


def test_a_retail_sale_needs_no_buyer_but_an_order_does(client, world):
    as_user(client, world.exhibitor)
    response = client.post(url("exhibitor_deal_create"), deal_post(counterpart=""))
    assert response.status_code == 200
    assert "counterpart" in response.context["form"].errors
    assert not Transaction.objects.exists()
    client.post(
        url("exhibitor_deal_create"),
        deal_post(counterpart="", kind="retail_sale", value="Rp 250.000"),
    )
    row = Transaction.objects.get()
    assert (row.buyer, row.value_idr) == (None, 250_000)
    page = client.get(url("exhibitor_deals")).content.decode()
    assert "Rp 250.000" in page


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"value": "-5.000"}, "value"),
        ({"value": "0"}, "value"),
        ({"value": "seribu"}, "value"),
        ({"value": "100,5"}, "value"),  # half a rupiah
        ({"currency": "XYZ"}, "currency"),
        ({"currency": "SGD"}, "currency"),  # no rate recorded for this edition
        ({"kind": "gift"}, "kind"),
        ({"deal_date": "2030-01-01"}, "deal_date"),
        ({"deal_date": "kemarin"}, "deal_date"),
        ({"quantity": "-3", "unit": "kg"}, "quantity"),
        ({"quantity": "3"}, "unit"),
        ({"destination_country": "ID"}, "destination_country"),
    ],
)
def test_bad_deals_are_refused_on_the_form_with_the_input_kept(client, world, fields, field):
    as_user(client, world.exhibitor)
    response = client.post(
        url("exhibitor_deal_create"),
        deal_post(counterpart=world.buyer.pk, notes="Catatan penting", **fields),
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    page = response.content.decode()
    assert "Catatan penting" in page and "Kopi arabika 1 kg" in page
    assert not Transaction.objects.exists()


def test_a_deal_with_a_buyer_outside_the_edition_is_refused(client, world):
    as_user(client, world.exhibitor)
    response = client.post(url("exhibitor_deal_create"), deal_post(counterpart=world.outsider.pk))
    assert "counterpart" in response.context["form"].errors
    other_meeting = meeting(world, buyer=world.other_buyer, business=world.other_business)
    response = client.post(
        url("exhibitor_deal_create"),
        deal_post(counterpart=world.buyer.pk, meeting=other_meeting.pk),
    )
    assert "meeting" in response.context["form"].errors
    programme = ProgrammeFactory()  # not supporting this edition
    response = client.post(
        url("exhibitor_deal_create"),
        deal_post(counterpart=world.buyer.pk, programme=programme.pk),
    )
    assert "programme" in response.context["form"].errors
    assert not Transaction.objects.exists()


def test_deals_of_others_are_not_found(client, world):
    row = record(world)
    theirs = record(
        world, business=world.other_business, buyer=world.other_buyer, actor=world.other_exhibitor
    )
    as_user(client, world.exhibitor)
    for name in ("exhibitor_deal", "exhibitor_deal_correct"):
        assert client.get(url(name, theirs.pk)).status_code == 404
    for name in ("exhibitor_deal_confirm", "exhibitor_deal_void"):
        assert client.post(url(name, theirs.pk), {"reason": "x"}).status_code == 404
    client.force_login(world.other_buyer_user)
    assert client.get(url("buyer_deal", row.pk)).status_code == 404
    assert client.post(url("buyer_deal_confirm", row.pk)).status_code == 404
    assert client.get(url("buyer_deal", 10**9)).status_code == 404
    assert set(Transaction.objects.values_list("status", flat=True)) == {T.RECORDED}


def test_confirming_ones_own_deal_is_forbidden(client, world):
    row = record(world)
    response = as_user(client, world.exhibitor).post(url("exhibitor_deal_confirm", row.pk))
    assert response.status_code == 403
    row.refresh_from_db()
    assert row.status == T.RECORDED
    assert b'data-testid="confirm-deal"' not in client.get(url("exhibitor_deal", row.pk)).content


def test_the_recorder_voids_its_unconfirmed_row_with_a_reason(client, world):
    row = record(world)
    as_user(client, world.exhibitor)
    response = client.post(url("exhibitor_deal_void", row.pk), {"reason": "  "})
    assert response.status_code == 200 and "reason" in response.context["void_form"].errors
    row.refresh_from_db()
    assert row.status == T.RECORDED
    client.post(url("exhibitor_deal_void", row.pk), {"reason": "Tercatat dua kali"})
    row.refresh_from_db()
    assert (row.status, row.void_reason) == (T.VOID, "Tercatat dua kali")
    # The other party cannot void it.
    second = record(world)
    client.force_login(world.buyer_user)
    assert client.post(url("buyer_deal_void", second.pk), {"reason": "no"}).status_code == 403


def test_a_correction_voids_the_row_and_links_the_replacement(client, world):
    row = record(world)
    as_user(client, world.exhibitor)
    form = client.get(url("exhibitor_deal_correct", row.pk)).context["form"]
    assert form.initial["value"] == "15000000"
    refused = client.post(
        url("exhibitor_deal_correct", row.pk),
        deal_post(value="-1", reason="PO says 14 juta"),
    )
    assert "value" in refused.context["form"].errors
    row.refresh_from_db()
    assert row.status == T.RECORDED and Transaction.objects.count() == 1
    response = client.post(
        url("exhibitor_deal_correct", row.pk),
        deal_post(value="14.000.000", reason="PO says 14 juta"),
    )
    replacement = Transaction.objects.get(replaces=row)
    assert response["Location"] == url("exhibitor_deal", replacement.pk)
    row.refresh_from_db()
    assert row.status == T.VOID and replacement.value_idr == 14_000_000
    page = client.get(url("exhibitor_deal", replacement.pk))
    assert [link["row"] for link in page.context["chain"]] == [row, replacement]
    deals = client.get(url("exhibitor_deals")).content.decode()
    assert f"#{row.pk}" in deals and 'data-testid="replaced-by"' in deals
    # A confirmed row is no longer corrected by its recorder.
    services.transaction_confirm(transaction_row=replacement, actor=world.buyer_user)
    assert client.get(url("exhibitor_deal_correct", replacement.pk)).status_code == 302
    assert Transaction.objects.count() == 2


def test_profile_edit_needs_the_change_permission(client, world, monkeypatch):
    from matching import views

    as_user(client, world.buyer_user)
    monkeypatch.setattr(views, "can", lambda user, perm, obj=None: perm != "matching.change_buyer")
    response = client.post(url("buyer_profile"), {"name": "Diubah", "kind": "retail_chain"})
    assert response.status_code == 403
    assert Buyer.objects.get(pk=world.buyer.pk).name == "PT Sarinah Niaga"


def test_the_lists_take_the_same_queries_for_3_or_12_exhibitors(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(name):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(name)).status_code == 200
        return len(queries)

    as_user(client, world.buyer_user)
    few = count("buyer_exhibitors"), count("buyer_suggestions"), count("buyer_home")
    for n in range(10):
        business = exhibiting_business(world.event, sector=Sector.KOPI_REMPAH)
        ProductFactory(business=business, name=f"Kopi {n}")
        participating_buyer(world.event)
    assert (count("buyer_exhibitors"), count("buyer_suggestions"), count("buyer_home")) == few
    client.force_login(world.exhibitor)
    buyers = count("exhibitor_buyers")
    participating_buyer(world.event, sectors=[Sector.KOPI_REMPAH])
    assert count("exhibitor_buyers") == buyers


def test_the_portal_speaks_english_under_en(client, world):
    response = as_user(client, world.buyer_user).get("/en" + url("buyer_home"))
    assert response.status_code == 200
    assert "Business matching" in response.content.decode()
