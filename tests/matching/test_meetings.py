"""Meetings through the services: asked by one side, answered by the other, placed by the
scheduler within each side's maximum across sessions, checked in or marked a no-show."""

from datetime import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from exhibitors.factories import manager_of
from matching.factories import (
    MatchingSessionFactory,
    buyer_account,
    exhibiting_business,
    ledger_event,
    participating_buyer,
)
from matching.models import BuyerParticipation, Meeting, MeetingStatus
from matching.services import (
    meeting_cancel,
    meeting_check_in,
    meeting_mark_no_show,
    meeting_request,
    meeting_respond,
    session_save,
    session_schedule,
)

pytestmark = pytest.mark.django_db
M = MeetingStatus


@pytest.fixture
def world():
    event = ledger_event()
    buyer = participating_buyer(event)
    businesses = [exhibiting_business(event) for _ in range(5)]
    return {"event": event, "buyer": buyer, "businesses": businesses}


def session(event, **fields):
    values = {"starts_at": time(10, 0), "ends_at": time(11, 0), "table_count": 3}
    values.update(fields)
    return session_save(
        session=MatchingSessionFactory.build(event=event, day=event.days.first(), **values),
        actor=None,
    )


def paired(world, business, side="desk"):
    return meeting_request(
        event=world["event"], buyer=world["buyer"], business=business, side=side, actor=None
    )


def test_a_request_is_answered_only_by_the_side_that_was_asked(world):
    business = world["businesses"][0]
    exhibitor = manager_of(business)
    buyer_user = buyer_account(world["buyer"])
    meeting = meeting_request(
        event=world["event"],
        buyer=world["buyer"],
        business=business,
        side="buyer",
        actor=buyer_user,
        message="Boleh kami cicipi?",
    )
    with pytest.raises(PermissionDenied):
        meeting_respond(meeting=meeting, accept=True, actor=buyer_user)
    meeting_respond(meeting=meeting, accept=True, actor=exhibitor, message="Silakan")
    assert Meeting.objects.get(pk=meeting.pk).status == M.ACCEPTED
    with pytest.raises(ValidationError):
        meeting_respond(meeting=meeting, accept=False, actor=exhibitor)
    with pytest.raises(ValidationError):  # one live meeting per pair
        meeting_request(
            event=world["event"],
            buyer=world["buyer"],
            business=business,
            side="buyer",
            actor=buyer_user,
        )


def test_the_buyers_edition_maximum_holds_across_sessions(world):
    BuyerParticipation.objects.filter(buyer=world["buyer"]).update(max_meetings=2)
    first = session(world["event"])
    second = session(world["event"], starts_at=time(13, 0), ends_at=time(14, 0))
    for business in world["businesses"]:
        paired(world, business)
    assert len(session_schedule(session=first, actor=None).placed) == 2
    assert len(session_schedule(session=first, actor=None).placed) == 0  # pressed again
    plan = session_schedule(session=second, actor=None)
    assert plan.placed == []
    assert set(plan.reasons.values()) == {"buyer_full"}
    assert Meeting.objects.filter(status=M.SCHEDULED).count() == 2


def test_no_person_or_table_is_booked_twice(world):
    other_buyer = participating_buyer(world["event"])
    one = session(world["event"], table_count=1)
    for business in world["businesses"][:3]:
        paired(world, business)
        meeting_request(
            event=world["event"], buyer=other_buyer, business=business, side="desk", actor=None
        )
    session_schedule(session=one, actor=None)
    placed = list(Meeting.objects.filter(status=M.SCHEDULED))
    assert len({(m.slot_id, m.table) for m in placed}) == len(placed)
    assert len({(m.slot_id, m.buyer_id) for m in placed}) == len(placed)
    assert len({(m.slot_id, m.business_id) for m in placed}) == len(placed)
    assert len(placed) == 3  # one table, three 20-minute slots


def test_check_in_no_show_and_cancel(world):
    slot_session = session(world["event"])
    meeting = paired(world, world["businesses"][0])
    session_schedule(session=slot_session, actor=None)
    with pytest.raises(ValidationError):
        meeting_mark_no_show(meeting=meeting, side="nobody", actor=None)
    meeting_mark_no_show(meeting=meeting, side="buyer", actor=None)
    meeting_check_in(meeting=meeting, actor=None)  # the buyer came late after all
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert meeting.status == M.HELD and meeting.no_show_side == ""
    with pytest.raises(ValidationError):
        meeting_cancel(meeting=meeting, actor=None)
    later = paired(world, world["businesses"][1])
    session_schedule(session=slot_session, actor=None)
    meeting_cancel(meeting=later, actor=None)
    later = Meeting.objects.get(pk=later.pk)
    assert later.status == M.CANCELLED and later.slot is None


def test_a_session_cannot_drop_times_that_hold_meetings(world):
    slot_session = session(world["event"])
    paired(world, world["businesses"][0])
    session_schedule(session=slot_session, actor=None)
    slot_session.starts_at = time(10, 40)
    with pytest.raises(ValidationError):
        session_save(session=slot_session, actor=None)
    assert slot_session.slots.count() == 3
