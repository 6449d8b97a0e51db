"""The matching desk in the Wagtail admin: buyers, matching sessions and their grid, the
scheduler's button, check-in and no-show, meetings, and the deal ledger with its verify,
void and correct actions."""

import os
import shutil
from collections import Counter
from datetime import date, time
from decimal import Decimal
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from accounts.factories import UserFactory
from accounts.models import Role, RoleGrant, User
from accounts.services import role_grant
from exhibitors.factories import manager_of
from matching import services
from matching.factories import (
    buyer_account,
    exhibiting_business,
    ledger_event,
    participating_buyer,
)
from matching.models import (
    Buyer,
    BuyerParticipation,
    LedgerCell,
    MatchingSession,
    Meeting,
    MeetingStatus,
    Slot,
    Transaction,
    TransactionStatus,
)
from matching.scheduling import REASON_LABELS
from matching.selectors import LedgerFilter, Trust, ledger_summary
from tests.admin import admin_login

pytestmark = pytest.mark.django_db

M = MeetingStatus
T = TransactionStatus
DAY = date(2027, 8, 12)

BUYERS = "matching_buyer:index"
SESSIONS = "matching_session:index"
MEETINGS = "matching_meeting:index"
LEDGER = "matching_transaction:index"


def messages_of(response):
    with translation.override("en"):
        return [str(m).strip() for m in response.context["messages"]] if response.context else []


def followed_messages(response):
    """Messages of a response followed to its end (``follow=True``)."""
    return messages_of(response)


def listed(response):
    return list(response.context["object_list"])


def session_url(session, view="detail"):
    return reverse(f"matching_session:{view}", args=[session.pk])


def deal_url(row):
    return reverse("matching_transaction:detail", args=[row.pk])


def totals(event, trust=Trust.ALL):
    return ledger_summary(LedgerFilter(event=event, trust=trust))


def new_session(event, **fields):
    values = {
        "event": event,
        "day": event.days.order_by("date").first(),
        "name": "Temu Bisnis Kriya",
        "location": "Pendopo",
        "starts_at": time(10, 0),
        "ends_at": time(11, 0),
        "slot_minutes": 20,
        "table_count": 2,
        "max_per_buyer": 8,
        "max_per_exhibitor": 4,
    }
    values.update(fields)
    return services.session_save(session=MatchingSession(**values), actor=None)


class World:
    pass


@pytest.fixture
def world():
    w = World()
    w.event = ledger_event(name="Hari UMKM Nasional 2027", slug="hun-2027")
    w.other = ledger_event(name="Pameran Makassar 2027", slug="makassar-2027")
    w.organizer = UserFactory(email="panitia@pameran.test", full_name="Sri Panitia")
    role_grant(user=w.organizer, role=Role.ORGANIZER, scope=w.event)
    w.outsider = UserFactory(email="makassar@pameran.test")
    role_grant(user=w.outsider, role=Role.ORGANIZER, scope=w.other)
    w.businesses = [
        exhibiting_business(w.event, brand_name=name)
        for name in ("Batik Laweyan", "Keripik Tempe Bu Sri", "Anyaman Mendong")
    ]
    w.business = w.businesses[0]
    w.buyers = [
        participating_buyer(w.event, name=name)
        for name in ("PT Sarinah", "Hero Supermarket", "ITPC Osaka")
    ]
    w.buyer = w.buyers[0]
    w.exhibitor = manager_of(w.business)
    w.buyer_user = buyer_account(w.buyer)
    w.session = new_session(w.event)
    # The other edition, with its own session, meeting and deal.
    theirs = exhibiting_business(w.other, brand_name="Kopi Toraja")
    their_buyer = participating_buyer(w.other, name="PT Makassar Niaga")
    w.their_session = new_session(w.other, name="Temu Bisnis Makassar")
    w.their_meeting = services.meeting_request(
        event=w.other, buyer=their_buyer, business=theirs, side="desk", actor=None
    )
    w.their_deal = services.transaction_record(
        event=w.other,
        business=theirs,
        buyer=their_buyer,
        kind="purchase_order",
        currency="IDR",
        value="9000000",
        deal_date=DAY,
        side="desk",
        actor=w.outsider,
    )
    return w


def record(w, **fields):
    values = {
        "event": w.event,
        "business": w.business,
        "buyer": w.buyer,
        "kind": "purchase_order",
        "currency": "IDR",
        "value": Decimal("15000000"),
        "deal_date": DAY,
        "side": "exhibitor",
        "actor": w.exhibitor,
    }
    values.update(fields)
    return services.transaction_record(**values)


def pair_all(w):
    """Every buyer with every exhibitor, accepted and waiting for a time (9 meetings)."""
    return [
        services.meeting_request(
            event=w.event, buyer=buyer, business=business, side="desk", actor=w.organizer
        )
        for buyer in w.buyers
        for business in w.businesses
    ]


@pytest.fixture
def organizer(client, world):
    return admin_login(client, world.organizer)


# --- who gets in -----------------------------------------------------------------------------


def screens(w, row=None):
    row = row or Transaction.objects.filter(event=w.event).first()
    urls = [
        reverse(BUYERS),
        reverse("matching_buyer:add"),
        reverse("matching_buyer:edit", args=[w.buyer.pk]),
        reverse("matching_buyer:enrol", args=[w.buyer.pk]),
        reverse("matching_buyer:login", args=[w.buyer.pk]),
        reverse(SESSIONS),
        reverse("matching_session:add"),
        reverse("matching_session:edit", args=[w.session.pk]),
        session_url(w.session),
        session_url(w.session, "print"),
        reverse(MEETINGS),
        reverse("matching_meeting:pair"),
        reverse(LEDGER),
        reverse("matching_transaction:record"),
    ]
    if row is not None:
        urls.append(deal_url(row))
    return urls


def test_every_screen_opens_for_the_organizer_and_the_menu_lists_them(organizer, world):
    record(world)
    for url in screens(world):
        assert organizer.get(url).status_code == 200, url
    html = organizer.get(reverse("wagtailadmin_home")).content.decode()
    for label in ["Business matching", "Buyers", "Matching sessions", "Meetings", "Deal ledger"]:
        assert label in html, label


def test_the_screens_open_in_indonesian_too(client, world):
    pair_all(world)
    services.session_schedule(session=world.session, actor=world.organizer)
    row = record(world)
    admin_login(client, world.organizer, language="id")
    for url in screens(world, row):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["exhibitor", "buyer_user"])
def test_an_exhibitor_or_a_buyer_cannot_reach_the_desk(client, world, who):
    row = record(world)
    pair_all(world)
    admin_login(client, getattr(world, who))
    for url in screens(world, row):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert reverse("wagtailadmin_login") in response["Location"]
    client.post(session_url(world.session), {"action": "schedule"})
    client.post(deal_url(row), {"action": "verify"})
    client.post(deal_url(row), {"action": "void", "void-reason": "hostile"})
    client.post(reverse("matching_transaction:verify"), {"ids": [row.pk]})
    row.refresh_from_db()
    assert row.status == T.RECORDED
    assert not Meeting.objects.filter(event=world.event, status=M.SCHEDULED).exists()


def test_another_editions_organizer_sees_none_of_it_and_changes_nothing(client, world):
    row = record(world)
    meeting = pair_all(world)[0]
    theirs = admin_login(client, world.outsider)
    # Lists show their own rows only.
    assert listed(theirs.get(reverse(LEDGER))) == [world.their_deal]
    assert listed(theirs.get(reverse(SESSIONS))) == [world.their_session]
    assert listed(theirs.get(reverse(MEETINGS))) == [world.their_meeting]
    assert row.business.display_name not in theirs.get(reverse(LEDGER)).content.decode()
    # Our objects read as absent.
    for url in [
        session_url(world.session),
        session_url(world.session, "print"),
        reverse("matching_session:edit", args=[world.session.pk]),
        reverse("matching_session:delete", args=[world.session.pk]),
        deal_url(row),
    ]:
        assert theirs.get(url).status_code == 404, url
    for url in [reverse("matching_meeting:pair"), reverse("matching_transaction:record")]:
        assert theirs.get(url, {"event": world.event.pk}).status_code == 404, url
    assert theirs.post(session_url(world.session), {"action": "schedule"}).status_code == 404
    assert theirs.post(deal_url(row), {"action": "verify"}).status_code == 404
    assert (
        theirs.post(deal_url(row), {"action": "void", "void-reason": "hostile"}).status_code == 404
    )
    assert theirs.post(reverse("matching_meeting:cancel", args=[meeting.pk])).status_code == 404
    response = theirs.post(reverse("matching_transaction:verify"), {"ids": [row.pk]}, follow=True)
    assert "None of the ticked deals can be verified by you." in followed_messages(response)
    # Recording in our edition through their own form: our exhibitor is not a choice.
    response = theirs.post(
        reverse("matching_transaction:record"),
        {
            "event": world.other.pk,
            "business": world.business.pk,
            "kind": "retail_sale",
            "currency": "IDR",
            "value": "100000",
            "deal_date": DAY.isoformat(),
        },
    )
    assert response.status_code == 200
    assert "Choose an exhibitor of this edition." in messages_of(response)
    row.refresh_from_db()
    meeting.refresh_from_db()
    assert (row.status, meeting.status) == (T.RECORDED, M.ACCEPTED)
    assert Transaction.objects.filter(event=world.event).count() == 1


# --- buyers ----------------------------------------------------------------------------------


def test_a_buyer_is_added_with_sectors_ticked_and_listed_with_filters(organizer, world):
    response = organizer.post(
        reverse("matching_buyer:add"),
        {
            "name": "Aeon Indonesia",
            "kind": "retail_chain",
            "country": "ID",
            "city": "Tangerang",
            "sectors": ["kuliner", "fashion"],
            "seeks": "Makanan ringan bersertifikat halal",
            "contact_name": "Budi",
            "contact_email": "budi@aeon.test",
        },
    )
    assert response.status_code == 302
    buyer = Buyer.objects.get(name="Aeon Indonesia")
    assert buyer.sectors == ["kuliner", "fashion"]
    form = organizer.get(reverse("matching_buyer:add")).content.decode()
    assert 'type="checkbox" name="sectors"' in form
    # A sector that is not on the list is refused.
    response = organizer.post(
        reverse("matching_buyer:add"),
        {"name": "Junk", "kind": "retail_chain", "country": "ID", "sectors": ["nuclear"]},
    )
    assert response.status_code == 200
    assert not Buyer.objects.filter(name="Junk").exists()
    # Filters and search.
    assert buyer in listed(organizer.get(reverse(BUYERS), {"sector": "fashion"}))
    assert buyer not in listed(organizer.get(reverse(BUYERS), {"sector": "kriya"}))
    assert buyer in listed(organizer.get(reverse(BUYERS), {"kind": "retail_chain"}))
    assert buyer not in listed(organizer.get(reverse(BUYERS), {"kind": "exporter"}))
    assert buyer in listed(organizer.get(reverse(BUYERS), {"q": "tangerang"}))
    assert buyer not in listed(organizer.get(reverse(BUYERS), {"event": world.event.pk}))
    assert world.buyer in listed(organizer.get(reverse(BUYERS), {"event": world.event.pk}))


def test_a_buyer_is_enrolled_in_an_edition_once(organizer, world):
    buyer = Buyer.objects.create(name="Aeon Indonesia", kind="retail_chain")
    url = reverse("matching_buyer:enrol", args=[buyer.pk])
    response = organizer.post(url, {"event": world.event.pk, "max_meetings": "6"}, follow=True)
    assert "Aeon Indonesia takes part in Hari UMKM Nasional 2027" in followed_messages(response)[0]
    assert BuyerParticipation.objects.get(buyer=buyer, event=world.event).max_meetings == 6
    # Again, or into an edition the organizer does not run: refused, nothing added.
    for event in (world.event, world.other):
        response = organizer.post(url, {"event": event.pk, "max_meetings": "6"})
        assert response.status_code == 200
        assert any("Choose one of the editions you run" in m for m in messages_of(response))
    assert BuyerParticipation.objects.filter(buyer=buyer).count() == 1


def test_a_buyer_contact_gets_a_login_with_a_link_to_set_its_password(
    organizer, world, django_capture_on_commit_callbacks
):
    buyer = world.buyers[1]
    url = reverse("matching_buyer:login", args=[buyer.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = organizer.post(
            url,
            {"email": "Rina@Hero.test", "full_name": "Rina", "preferred_language": "id"},
            follow=True,
        )
    assert "a link to set its password is on its way" in followed_messages(response)[0]
    user = User.objects.get(email="rina@hero.test")
    assert not user.has_usable_password()
    assert RoleGrant.objects.filter(user=user, role=Role.BUYER, scope_id=buyer.pk).exists()
    assert [message.to for message in mail.outbox] == [["rina@hero.test"]]
    # The same address again finds the account: no second account, no second grant.
    with django_capture_on_commit_callbacks(execute=True):
        organizer.post(url, {"email": "rina@hero.test", "preferred_language": "id"})
    assert User.objects.filter(email__iexact="rina@hero.test").count() == 1
    assert RoleGrant.objects.filter(user=user, role=Role.BUYER).count() == 1
    # An exhibitor's or an organizer's account may not act for a buyer.
    for email in (world.exhibitor.email, world.organizer.email):
        response = organizer.post(url, {"email": email, "preferred_language": "id"})
        assert response.status_code == 200
        assert not RoleGrant.objects.filter(
            user__email=email, role=Role.BUYER, scope_id=buyer.pk
        ).exists()
    # A new address without a name is refused.
    response = organizer.post(url, {"email": "new@hero.test", "preferred_language": "id"})
    assert "No account uses this email yet: give the person's name." in messages_of(response)
    assert not User.objects.filter(email="new@hero.test").exists()


# --- sessions --------------------------------------------------------------------------------


def session_form(world, **fields):
    values = {
        "event": world.event.pk,
        "name": "Temu Bisnis Kuliner",
        "location": "Hall B",
        "day": world.event.days.order_by("date").last().pk,
        "starts_at": "13:00",
        "ends_at": "15:00",
        "slot_minutes": "20",
        "table_count": "10",
        "max_per_buyer": "6",
        "max_per_exhibitor": "4",
    }
    values.update(fields)
    return values


def test_a_session_saved_from_the_admin_is_cut_into_slots(organizer, world):
    response = organizer.post(reverse("matching_session:add"), session_form(world))
    session = MatchingSession.objects.get(name="Temu Bisnis Kuliner")
    assert response.status_code == 302
    assert response["Location"] == session_url(session)
    assert session.slots.count() == 6
    # A day of another edition, or hours the wrong way round: refused, nothing saved.
    their_day = world.other.days.first()
    for hostile in ({"day": their_day.pk}, {"starts_at": "15:00", "ends_at": "13:00"}):
        response = organizer.post(
            reverse("matching_session:add"), session_form(world, name="Hostile", **hostile)
        )
        assert response.status_code == 200
        assert not MatchingSession.objects.filter(name="Hostile").exists()
    # Shorter hours once meetings are placed there: refused, the slots stay.
    pair_all(world)
    services.session_schedule(session=session, actor=world.organizer)
    response = organizer.post(
        reverse("matching_session:edit", args=[session.pk]),
        session_form(world, ends_at="13:20"),
    )
    assert response.status_code == 200
    assert "Meetings are already placed at times this change would remove." in (
        response.content.decode()
    )
    assert session.slots.count() == 6


def test_the_schedule_button_places_meetings_without_double_booking(organizer, world):
    meetings = pair_all(world)  # 9 accepted meetings; the session has 3 times × 2 tables
    response = organizer.post(session_url(world.session), {"action": "schedule"}, follow=True)
    assert response.status_code == 200
    notes = followed_messages(response)
    assert "6 meetings placed in Temu Bisnis Kriya." in notes
    assert "3 accepted meetings could not be placed: the reasons are listed." in notes
    placed = list(Meeting.objects.filter(slot__session=world.session, status=M.SCHEDULED))
    assert len(placed) == 6
    for key in (
        lambda m: (m.slot_id, m.table),
        lambda m: (m.slot_id, m.buyer_id),
        lambda m: (m.slot_id, m.business_id),
    ):
        assert max(Counter(map(key, placed)).values()) == 1
    assert {m.table for m in placed} <= {1, 2}
    html = response.content.decode()
    assert html.count("data-placed-meeting=") == 6
    assert html.count("data-unplaced-meeting=") == 3
    waiting = Meeting.objects.filter(pk__in=[m.pk for m in meetings], status=M.ACCEPTED)
    assert waiting.count() == 3
    with translation.override("en"):
        labels = {str(label) for label in REASON_LABELS.values()}
    assert any(label in html for label in labels)
    # The grid shows each placed meeting in its cell.
    for meeting in placed:
        assert f'data-meeting="{meeting.pk}"' in html
    # The report shows once; pressing again places nothing twice.
    again = organizer.get(session_url(world.session)).content.decode()
    assert "data-placed-meeting=" not in again
    organizer.post(session_url(world.session), {"action": "schedule"})
    assert Meeting.objects.filter(slot__session=world.session).count() == 6
    # The printable schedule lists them too.
    printed = organizer.get(session_url(world.session, "print")).content.decode()
    assert printed.count("data-meeting=") == 6
    assert "PT Sarinah" in printed


def test_check_in_and_no_show_from_the_grid(organizer, world):
    pair_all(world)
    services.session_schedule(session=world.session, actor=world.organizer)
    first, second, third = Meeting.objects.filter(status=M.SCHEDULED).order_by("pk")[:3]
    url = session_url(world.session)
    response = organizer.post(url, {"action": "check_in", "meeting": first.pk}, follow=True)
    assert "are checked in at table" in followed_messages(response)[0]
    organizer.post(url, {"action": "no_show", "meeting": second.pk, "side": "buyer"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.checked_in_by) == (M.HELD, world.organizer)
    assert (second.status, second.no_show_side) == (M.NO_SHOW, "buyer")
    # A late arrival is checked in after all.
    organizer.post(url, {"action": "check_in", "meeting": second.pk})
    second.refresh_from_db()
    assert second.status == M.HELD
    # Hostile input: an unknown side, a meeting held already, another session's meeting.
    response = organizer.post(
        url, {"action": "no_show", "meeting": third.pk, "side": "nobody"}, follow=True
    )
    assert "Say who did not come." in followed_messages(response)
    response = organizer.post(url, {"action": "no_show", "meeting": first.pk, "side": "buyer"})
    third.refresh_from_db()
    first.refresh_from_db()
    assert (third.status, first.status) == (M.SCHEDULED, M.HELD)
    other = new_session(world.event, name="Sore", starts_at=time(14, 0), ends_at=time(15, 0))
    assert (
        organizer.post(session_url(other), {"action": "check_in", "meeting": third.pk}).status_code
        == 404
    )
    assert organizer.post(url, {"action": "explode"}).status_code == 404


def test_a_session_without_meetings_is_deleted_and_one_with_meetings_is_kept(organizer, world):
    spare = new_session(world.event, name="Cadangan", starts_at=time(16, 0), ends_at=time(17, 0))
    response = organizer.post(reverse("matching_session:delete", args=[spare.pk]))
    assert response.status_code == 302
    assert not MatchingSession.objects.filter(pk=spare.pk).exists()
    pair_all(world)
    services.session_schedule(session=world.session, actor=world.organizer)
    organizer.post(reverse("matching_session:delete", args=[world.session.pk]))
    assert MatchingSession.objects.filter(pk=world.session.pk).exists()
    assert Slot.objects.filter(session=world.session).count() == 3


# --- meetings --------------------------------------------------------------------------------


def test_the_desk_pairs_a_buyer_and_an_exhibitor(organizer, world):
    url = reverse("matching_meeting:pair")
    data = {"event": world.event.pk, "buyer": world.buyer.pk, "business": world.business.pk}
    response = organizer.post(url, {**data, "message": "Butuh batik tulis"}, follow=True)
    assert "are paired" in followed_messages(response)[0]
    meeting = Meeting.objects.get(event=world.event)
    assert (meeting.status, meeting.requested_by_side, meeting.requested_by) == (
        M.ACCEPTED,
        "desk",
        world.organizer,
    )
    # Twice: refused by the ledger of meetings, nothing added.
    response = organizer.post(url, data)
    assert response.status_code == 200
    assert "These two already have a meeting request." in messages_of(response)
    # A buyer of another edition is not a choice.
    their_buyer = Buyer.objects.get(name="PT Makassar Niaga")
    response = organizer.post(url, {**data, "buyer": their_buyer.pk})
    assert "Choose a buyer taking part in this edition." in messages_of(response)
    assert Meeting.objects.filter(event=world.event).count() == 1


def test_the_meetings_list_filters_and_calls_off(organizer, world):
    meetings = pair_all(world)
    services.session_schedule(session=world.session, actor=world.organizer)
    placed = Meeting.objects.filter(status=M.SCHEDULED)
    assert set(listed(organizer.get(reverse(MEETINGS), {"status": "scheduled"}))) == set(placed)
    assert set(listed(organizer.get(reverse(MEETINGS), {"session": world.session.pk}))) == set(
        placed
    )
    by_buyer = listed(organizer.get(reverse(MEETINGS), {"buyer": world.buyer.pk}))
    assert {m.buyer_id for m in by_buyer} == {world.buyer.pk} and len(by_buyer) == 3
    html = organizer.get(reverse(MEETINGS)).content.decode()
    assert "Pair a buyer and an exhibitor" in html
    meeting = meetings[0]
    response = organizer.post(
        reverse("matching_meeting:cancel", args=[meeting.pk]),
        {"next": reverse(MEETINGS) + "?status=accepted"},
    )
    assert response["Location"] == reverse(MEETINGS) + "?status=accepted"
    meeting.refresh_from_db()
    assert (meeting.status, meeting.slot, meeting.table) == (M.CANCELLED, None, None)


# --- the deal ledger -------------------------------------------------------------------------


def record_form(world, **fields):
    values = {
        "event": world.event.pk,
        "business": world.business.pk,
        "buyer": world.buyer.pk,
        "kind": "contract",
        "currency": "USD",
        "value": "1250.50",
        "deal_date": DAY.isoformat(),
        "product_name": "Batik tulis",
        "quantity": "200",
        "unit": "lembar",
        "destination_country": "JP",
    }
    values.update(fields)
    return values


def test_the_desk_records_a_deal_at_the_editions_rate(organizer, world):
    response = organizer.post(reverse("matching_transaction:record"), record_form(world))
    row = Transaction.objects.get(event=world.event)
    assert response["Location"] == deal_url(row)
    assert (row.recorded_as, row.recorded_by, row.status) == ("desk", world.organizer, T.RECORDED)
    assert (row.value_idr, row.value_usd) == (20_008_000, Decimal("1250.50"))
    orders = totals(world.event).groups["orders"]
    assert (orders.rows, orders.value_idr) == (1, 20_008_000)
    html = organizer.get(deal_url(row)).content.decode()
    assert "USD\u00a01,250.50" in html and "Rp\u00a020.008.000" in html
    assert "Rp\u00a016.000" in html  # the rate stored with the row
    assert "Sri Panitia" in html


@pytest.mark.parametrize(
    "hostile, field_message",
    [
        ({"value": "-5000"}, "The value must be more than zero."),
        ({"value": "0"}, "The value must be more than zero."),
        ({"value": "1.500.000"}, "Type the value without thousands separators, e.g. 15000000."),
        ({"value": "1e30"}, None),
        ({"value": "NaN"}, None),
        ({"kind": "purchase_order", "buyer": ""}, "Name the buyer"),
        ({"currency": "XXX"}, None),
        ({"deal_date": "2099-01-01"}, "The deal date cannot be in the future."),
    ],
)
def test_hostile_deal_input_records_nothing(organizer, world, hostile, field_message):
    before = totals(world.event)
    response = organizer.post(reverse("matching_transaction:record"), record_form(world, **hostile))
    assert response.status_code == 200
    if field_message:
        assert any(field_message in m for m in messages_of(response)), messages_of(response)
    assert not Transaction.objects.filter(event=world.event).exists()
    assert totals(world.event) == before


def test_verify_void_and_correct_leave_the_right_rows_and_totals(organizer, world):
    first = record(world)
    second = record(world, kind="retail_sale", buyer=None, value="250000")
    assert totals(world.event).groups["orders"].value_idr == 15_000_000

    # Verify.
    response = organizer.post(deal_url(first), {"action": "verify"}, follow=True)
    assert f"Deal #{first.pk} is verified." in followed_messages(response)
    first.refresh_from_db()
    assert (first.status, first.verified_by) == (T.VERIFIED, world.organizer)
    verified = totals(world.event, Trust.VERIFIED)
    assert (verified.groups["orders"].rows, verified.groups["orders"].value_idr) == (1, 15_000_000)
    # Verifying twice is not offered and refused.
    response = organizer.post(deal_url(first), {"action": "verify"}, follow=True)
    assert "This cannot be done to the deal as it stands now." in followed_messages(response)

    # Correct: the old row is void, a new one replaces it, history links both.
    response = organizer.post(
        deal_url(first),
        {
            "action": "correct",
            "correct-kind": "purchase_order",
            "correct-currency": "IDR",
            "correct-value": "14000000",
            "correct-deal_date": DAY.isoformat(),
            "correct-reason": "PO says 14 juta",
        },
    )
    replacement = Transaction.objects.get(replaces=first)
    assert response["Location"] == deal_url(replacement)
    first.refresh_from_db()
    assert (first.status, first.void_reason, first.value) == (
        T.VOID,
        "PO says 14 juta",
        Decimal("15000000.00"),
    )
    assert (replacement.status, replacement.value_idr, replacement.recorded_as) == (
        T.RECORDED,
        14_000_000,
        "desk",
    )
    html = organizer.get(deal_url(replacement)).content.decode()
    assert f'data-history-row="{first.pk}"' in html
    assert f'data-history-row="{replacement.pk}"' in html
    assert "PO says 14 juta" in html
    old = organizer.get(deal_url(first)).content.decode()
    assert f'data-replaced-by="{replacement.pk}"' in old
    assert 'data-action="void"' not in old and 'data-action="correct"' not in old
    orders = totals(world.event).groups["orders"]
    assert (orders.rows, orders.value_idr) == (1, 14_000_000)
    assert totals(world.event, Trust.VERIFIED).groups["orders"].rows == 0

    # Void, with a reason.
    response = organizer.post(
        deal_url(second), {"action": "void", "void-reason": "Recorded twice"}, follow=True
    )
    assert "is void: the totals no longer count it." in followed_messages(response)[0]
    second.refresh_from_db()
    assert (second.status, second.voided_by, second.void_reason) == (
        T.VOID,
        world.organizer,
        "Recorded twice",
    )
    assert totals(world.event).groups["retail"].rows == 0
    assert Transaction.objects.filter(event=world.event).count() == 3
    # The rollup is the sum of the live rows.
    live = Transaction.objects.filter(event=world.event).exclude(status=T.VOID)
    cells = LedgerCell.objects.filter(event_id=world.event.pk, rows__gt=0)
    assert sum(c.value_idr for c in cells) == sum(r.value_idr for r in live) == 14_000_000


def test_hostile_void_and_correction_change_nothing(organizer, world):
    row = record(world)
    before = totals(world.event)
    # No reason.
    response = organizer.post(deal_url(row), {"action": "void", "void-reason": "   "})
    assert response.status_code == 200
    assert "Say why the deal is void." in messages_of(response)
    # A negative value in a correction: refused, the row is not voided either.
    response = organizer.post(
        deal_url(row),
        {
            "action": "correct",
            "correct-kind": "purchase_order",
            "correct-currency": "IDR",
            "correct-value": "-14000000",
            "correct-deal_date": DAY.isoformat(),
            "correct-reason": "hostile",
        },
    )
    assert response.status_code == 200
    assert "The value must be more than zero." in messages_of(response)
    assert 'value="-14000000"' in response.content.decode()  # what was typed stays
    # A correction without a reason.
    response = organizer.post(
        deal_url(row),
        {
            "action": "correct",
            "correct-kind": "purchase_order",
            "correct-currency": "IDR",
            "correct-value": "14000000",
            "correct-deal_date": DAY.isoformat(),
        },
    )
    assert "Say why the deal is void." in messages_of(response)
    # An unknown action.
    assert organizer.post(deal_url(row), {"action": "edit"}).status_code == 404
    row.refresh_from_db()
    assert row.status == T.RECORDED and row.void_reason == ""
    assert Transaction.objects.filter(event=world.event).count() == 1
    assert totals(world.event) == before
    # No edit screen is offered: the ledger is append-only.
    html = organizer.get(deal_url(row)).content.decode()
    assert "/edit/" not in html


def test_ticked_deals_are_verified_at_once(organizer, world):
    rows = [record(world), record(world, value="2000000"), record(world, value="3000000")]
    services.transaction_void(transaction_row=rows[2], actor=world.organizer, reason="twice")
    response = organizer.post(
        reverse("matching_transaction:verify"),
        {
            "ids": [rows[0].pk, rows[1].pk, rows[2].pk, world.their_deal.pk, "junk"],
            "next": reverse(LEDGER) + "?status=recorded",
        },
    )
    assert response["Location"] == reverse(LEDGER) + "?status=recorded"
    statuses = {
        row.pk: row.status for row in Transaction.objects.filter(pk__in=[r.pk for r in rows])
    }
    assert statuses == {rows[0].pk: T.VERIFIED, rows[1].pk: T.VERIFIED, rows[2].pk: T.VOID}
    world.their_deal.refresh_from_db()
    assert world.their_deal.status == T.RECORDED
    verified = totals(world.event, Trust.VERIFIED).groups["orders"]
    assert (verified.rows, verified.value_idr) == (2, 17_000_000)
    response = organizer.post(reverse("matching_transaction:verify"), {"ids": []}, follow=True)
    assert "Tick the deals to verify first." in followed_messages(response)


def test_the_ledger_list_filters_searches_and_shows_the_totals(organizer, world):
    po = record(world)
    desk = {"side": "desk", "actor": world.organizer}
    retail = record(
        world, kind="retail_sale", buyer=None, value="250000", business=world.businesses[1], **desk
    )
    usd = record(world, kind="mou", currency="USD", value="1000", buyer=world.buyers[2], **desk)
    services.transaction_verify(transaction_row=usd, actor=world.organizer)
    response = organizer.get(reverse(LEDGER))
    assert set(listed(response)) == {po, retail, usd}
    html = response.content.decode()
    assert 'data-group="orders" data-rows="1" data-value-idr="15000000"' in html
    assert (
        'data-group="mou" data-rows="1" data-value-idr="16000000" data-verified-idr="16000000"'
        in html
    )
    assert "Record a deal" in html and "Verify the ticked deals" in html
    assert f'name="ids" value="{po.pk}"' in html
    assert f'name="ids" value="{usd.pk}"' not in html  # verified already: nothing to tick
    cases = [
        ({"status": "verified"}, {usd}),
        ({"kind": "retail_sale"}, {retail}),
        ({"currency": "USD"}, {usd}),
        ({"buyer": world.buyers[2].pk}, {usd}),
        ({"association": po.association_id}, {po, usd}),  # both of Batik Laweyan
        ({"q": "keripik"}, {retail}),
        ({"q": "itpc"}, {usd}),
        ({"q": f"#{po.pk}"}, {po}),
        ({"recorded_as": "exhibitor"}, {po}),
    ]
    for query, expected in cases:
        assert set(listed(organizer.get(reverse(LEDGER), query))) == expected, query


# --- in a browser ----------------------------------------------------------------------------

SHOTS = os.environ.get("MATCHING_SCREENSHOTS", "")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_session_grid_and_a_deal_fit_a_laptop_screen(live_server, world, page, tmp_path):
    pair_all(world)
    services.session_schedule(session=world.session, actor=world.organizer)
    held, absent = Meeting.objects.filter(status=M.SCHEDULED).order_by("pk")[:2]
    services.meeting_check_in(meeting=held, actor=world.organizer)
    services.meeting_mark_no_show(meeting=absent, side="exhibitor", actor=world.organizer)
    row = record(world, currency="USD", value="1250.50", product_name="Batik tulis")
    corrected = services.transaction_correct(
        transaction_row=row, actor=world.organizer, reason="Nilai PO 1.300 USD", value="1300"
    )
    world.organizer.set_password("rahasia-panitia-2027")
    world.organizer.save()
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(world.organizer)
    profile.preferred_language = "en"
    profile.save()

    page.goto(live_server.url + reverse("wagtailadmin_login"))
    page.fill("input[name=username]", world.organizer.email)
    page.fill("input[name=password]", "rahasia-panitia-2027")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")

    def shoot(name):
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, name
        # Nothing sticks out of the screen inside a scrolling table either (Wagtail's own
        # side panel and its minimap wait off-screen on edit forms, or slide in).
        sticking_out = page.evaluate(
            """() => [...document.querySelectorAll("main *")]
                .filter((e) => e.checkVisibility() && !e.closest(".form-side, .w-minimap"))
                .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
                .map((e) => e.tagName + "." + e.className).slice(0, 5)"""
        )
        assert sticking_out == [], (name, sticking_out)
        shot = tmp_path / f"{name}.png"
        page.set_viewport_size({"width": 1280, "height": 1800})
        page.screenshot(path=str(shot), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            shutil.copy(shot, Path(SHOTS) / shot.name)

    # The desk presses the button: the three meetings left over are reported with why.
    page.goto(live_server.url + session_url(world.session))
    page.click("[data-action=schedule] button")
    page.wait_for_selector("[data-report]")
    assert page.locator("[data-unplaced-meeting]").count() == 3
    assert page.locator("[data-meeting-status=held]").count() == 1
    assert page.locator("[data-check-in]").count() == 5
    page.locator(".pameran-noshow summary").first.click()
    shoot("session-grid")
    for name, url in [
        ("deal-detail", deal_url(corrected)),
        ("ledger", reverse(LEDGER)),
        ("session-print", session_url(world.session, "print")),
        ("buyers", reverse(BUYERS)),
        ("buyer-edit", reverse("matching_buyer:edit", args=[world.buyer.pk])),
        ("buyer-login", reverse("matching_buyer:login", args=[world.buyer.pk])),
        ("sessions", reverse(SESSIONS)),
        ("meetings", reverse(MEETINGS)),
        ("pair", reverse("matching_meeting:pair")),
        ("record", reverse("matching_transaction:record")),
    ]:
        page.goto(live_server.url + url)
        shoot(name)
