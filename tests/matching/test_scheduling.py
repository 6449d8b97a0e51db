"""The meeting scheduler (matching.scheduling): pure, so no database here."""

import itertools
import random
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from django.utils.functional import Promise
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.scheduling import (
    REASON_LABELS,
    Busy,
    Placed,
    Plan,
    SlotTime,
    Wanted,
    plan_session,
)

START = datetime(2027, 8, 12, 2, 0, tzinfo=UTC)  # 09.00 WIB
MINUTES = 20


def make_slots(count: int, first_id: int = 1) -> list[SlotTime]:
    return [
        SlotTime(
            first_id + index,
            START + timedelta(minutes=MINUTES * index),
            START + timedelta(minutes=MINUTES * (index + 1)),
        )
        for index in range(count)
    ]


def during(slot: SlotTime) -> tuple[datetime, datetime]:
    return (slot.starts_at, slot.ends_at)


def overlaps(slot: SlotTime, intervals) -> bool:
    return any(slot.starts_at < ends and starts < slot.ends_at for starts, ends in intervals)


def plan(**kwargs) -> Plan:
    kwargs.setdefault("already", [])
    kwargs.setdefault("max_per_buyer", 10)
    kwargs.setdefault("max_per_exhibitor", 10)
    return plan_session(**kwargs)


# --- random sessions ---------------------------------------------------------------------------


@st.composite
def sessions(draw):
    """A session with slots, tables, limits, people's other commitments, meetings already
    placed (consistent among themselves and within the limits) and meetings wanted."""
    slot_count = draw(st.integers(1, 6))
    slots = make_slots(slot_count, first_id=draw(st.integers(1, 50)))
    tables = draw(st.integers(0, 4))
    buyers = draw(st.integers(1, 5))
    businesses = draw(st.integers(1, 5))
    max_per_buyer = draw(st.integers(0, slot_count + 1))
    max_per_exhibitor = draw(st.integers(0, slot_count + 1))
    pairs = sorted(
        draw(
            st.sets(
                st.tuples(st.integers(1, buyers), st.integers(1, businesses)),
                max_size=buyers * businesses,
            )
        )
    )
    draw(st.randoms(use_true_random=False)).shuffle(pairs)
    split = draw(st.integers(0, len(pairs)))

    # Meetings already placed: kept only when they fit with those kept before.
    already: list[Placed] = []
    used: set = set()
    counts: Counter = Counter()
    for number, (buyer, business) in enumerate(pairs[:split], start=1000):
        if not tables:
            break
        slot = draw(st.sampled_from(slots))
        table = draw(st.integers(1, tables))
        keys = {("b", buyer, slot.id), ("e", business, slot.id), ("t", table, slot.id)}
        if keys & used:
            continue
        if counts["b", buyer] >= max_per_buyer or counts["e", business] >= max_per_exhibitor:
            continue
        used |= keys
        counts["b", buyer] += 1
        counts["e", business] += 1
        already.append(Placed(number, buyer, business, slot.id, table))
    wanted = [
        Wanted(number, buyer, business)
        for number, (buyer, business) in enumerate(pairs[split:], start=1)
    ]

    def busy(people: int) -> dict:
        result = {}
        for person in range(1, people + 1):
            intervals = []
            for _ in range(draw(st.integers(0, 2))):
                begin = draw(st.integers(-30, MINUTES * slot_count + 10))
                length = draw(st.integers(1, 70))
                intervals.append(
                    (START + timedelta(minutes=begin), START + timedelta(minutes=begin + length))
                )
            if intervals:
                result[person] = intervals
        return result

    remaining = {
        buyer: draw(st.integers(0, slot_count))
        for buyer in range(1, buyers + 1)
        if draw(st.booleans())
    }
    return {
        "slots": slots,
        "tables": tables,
        "wanted": wanted,
        "already": already,
        "max_per_buyer": max_per_buyer,
        "max_per_exhibitor": max_per_exhibitor,
        "buyer_remaining": remaining,
        "busy_buyers": busy(buyers),
        "busy_businesses": busy(businesses),
    }


def check_plan(session: dict, result: Plan) -> None:
    """Everything ``plan_session`` promises, on one input and its plan."""
    slots = {slot.id: slot for slot in session["slots"]}
    wanted = {meeting.meeting_id: meeting for meeting in session["wanted"]}
    already = session["already"]
    every = [*already, *result.placed]

    # Each wanted meeting is placed or unplaced, exactly once; nothing else is.
    ids = [placed.meeting_id for placed in result.placed] + [mid for mid, _ in result.unplaced]
    assert sorted(ids) == sorted(wanted)
    assert {reason for _, reason in result.unplaced} <= set(REASON_LABELS)
    for placed in result.placed:
        meeting = wanted[placed.meeting_id]
        assert (placed.buyer_id, placed.business_id) == (meeting.buyer_id, meeting.business_id)
        assert placed.slot_id in slots
        assert 1 <= placed.table <= session["tables"]

    # ``already`` stays where it is: no placement repeats or moves it.
    assert not {placed.meeting_id for placed in result.placed} & {p.meeting_id for p in already}

    # Nobody twice at one time, no table twice at one time.
    for key in (
        lambda p: (p.slot_id, p.buyer_id),
        lambda p: (p.slot_id, p.business_id),
        lambda p: (p.slot_id, p.table),
    ):
        assert len({key(placed) for placed in every}) == len(every)

    # Limits, ``already`` counted; the edition-wide rest for new meetings.
    buyers = Counter(placed.buyer_id for placed in every)
    businesses = Counter(placed.business_id for placed in every)
    assert all(count <= session["max_per_buyer"] for count in buyers.values())
    assert all(count <= session["max_per_exhibitor"] for count in businesses.values())
    new_per_buyer = Counter(placed.buyer_id for placed in result.placed)
    for buyer, left in session["buyer_remaining"].items():
        assert new_per_buyer[buyer] <= left

    # Other commitments.
    for placed in result.placed:
        slot = slots[placed.slot_id]
        assert not overlaps(slot, session["busy_buyers"].get(placed.buyer_id, ()))
        assert not overlaps(slot, session["busy_businesses"].get(placed.business_id, ()))

    # Nothing left out could simply have been added, and its reason says why.
    taken = {(p.slot_id, "b", p.buyer_id) for p in every} | {
        (p.slot_id, "e", p.business_id) for p in every
    }
    tables_used = Counter(placed.slot_id for placed in every)
    for mid, reason in result.unplaced:
        meeting = wanted[mid]
        buyer_full = buyers[meeting.buyer_id] >= session["max_per_buyer"] or (
            new_per_buyer[meeting.buyer_id]
            >= session["buyer_remaining"].get(meeting.buyer_id, 10**6)
        )
        business_full = businesses[meeting.business_id] >= session["max_per_exhibitor"]
        both_free = [
            slot
            for slot in session["slots"]
            if (slot.id, "b", meeting.buyer_id) not in taken
            and (slot.id, "e", meeting.business_id) not in taken
            and not overlaps(slot, session["busy_buyers"].get(meeting.buyer_id, ()))
            and not overlaps(slot, session["busy_businesses"].get(meeting.business_id, ()))
        ]
        with_table = [slot for slot in both_free if tables_used[slot.id] < session["tables"]]
        assert buyer_full or business_full or not with_table, f"{mid} could have been placed"
        if reason == "buyer_full":
            assert buyer_full
        elif reason == "exhibitor_full":
            assert business_full and not buyer_full
        elif reason == "no_table":
            assert not (buyer_full or business_full) and both_free
        else:
            assert not (buyer_full or business_full or both_free)


@settings(max_examples=200, deadline=None)
@given(sessions())
def test_a_plan_keeps_every_rule(session):
    check_plan(session, plan_session(**session))


@settings(max_examples=200, deadline=None)
@given(sessions(), st.randoms(use_true_random=False))
def test_the_same_input_in_any_order_gives_the_same_plan(session, rng):
    first = plan_session(**session)
    shuffled = dict(session)
    for key in ("slots", "wanted", "already"):
        shuffled[key] = list(session[key])
        rng.shuffle(shuffled[key])
    again = plan_session(**shuffled)
    assert again == first
    assert plan_session(**session) == first


def best_count(session: dict) -> int:
    """The most meetings that can be placed, by trying every choice (tiny sessions only)."""
    slots = session["slots"]
    choices = []
    for meeting in session["wanted"]:
        free = [
            slot.id
            for slot in slots
            if not overlaps(slot, session["busy_buyers"].get(meeting.buyer_id, ()))
            and not overlaps(slot, session["busy_businesses"].get(meeting.business_id, ()))
        ]
        choices.append([None, *free])
    best = 0
    for choice in itertools.product(*choices):
        count = sum(slot is not None for slot in choice)
        if count <= best:
            continue
        seen, per_slot, buyers, businesses = set(), Counter(), Counter(), Counter()
        fine = True
        for meeting, slot in zip(session["wanted"], choice, strict=True):
            if slot is None:
                continue
            keys = {("b", meeting.buyer_id, slot), ("e", meeting.business_id, slot)}
            if keys & seen:
                fine = False
                break
            seen |= keys
            per_slot[slot] += 1
            buyers[meeting.buyer_id] += 1
            businesses[meeting.business_id] += 1
        fine = (
            fine
            and all(count <= session["tables"] for count in per_slot.values())
            and all(count <= session["max_per_buyer"] for count in buyers.values())
            and all(count <= session["max_per_exhibitor"] for count in businesses.values())
        )
        if fine:
            best = count
    return best


@settings(max_examples=200, deadline=None)
@given(
    slot_count=st.integers(1, 3),
    tables=st.integers(1, 3),
    limits=st.tuples(st.integers(1, 3), st.integers(1, 3)),
    pairs=st.sets(st.tuples(st.integers(1, 3), st.integers(1, 3)), min_size=1, max_size=6),
    busy=st.lists(st.tuples(st.sampled_from("be"), st.integers(1, 3), st.integers(0, 2))),
)
def test_small_sessions_get_as_many_meetings_as_can_be(slot_count, tables, limits, pairs, busy):
    slots = make_slots(slot_count)
    busy_buyers, busy_businesses = {}, {}
    for side, person, index in busy:
        if index < slot_count:
            target = busy_buyers if side == "b" else busy_businesses
            target.setdefault(person, []).append(during(slots[index]))
    session = {
        "slots": slots,
        "tables": tables,
        "wanted": [Wanted(n, b, e) for n, (b, e) in enumerate(sorted(pairs), start=1)],
        "already": [],
        "max_per_buyer": limits[0],
        "max_per_exhibitor": limits[1],
        "buyer_remaining": {},
        "busy_buyers": busy_buyers,
        "busy_businesses": busy_businesses,
    }
    result = plan_session(**session)
    check_plan(session, result)
    assert len(result.placed) == best_count(session)


# --- examples ----------------------------------------------------------------------------------


def test_the_meeting_with_fewest_common_times_goes_first():
    # Taken in id order, meeting 1 would take 09.00, the buyer's only time with exhibitor 8.
    slots = make_slots(2)
    result = plan(
        slots=slots,
        tables=2,
        wanted=[Wanted(1, 1, 7), Wanted(2, 1, 8)],
        busy_businesses={8: [during(slots[1])]},
    )
    assert {(p.meeting_id, p.slot_id) for p in result.placed} == {(1, 2), (2, 1)}
    assert result.unplaced == []


def test_a_meeting_placed_earlier_moves_to_make_room():
    # Every meeting can take either slot, so the order alone cannot help: in id order,
    # 1 and 2 take 09.00, 3 takes 09.20, and 4 (buyer 3 with exhibitor 3) finds exhibitor
    # 3 taken at 09.00 (by 2) and buyer 3 at 09.20 (by 3). Meeting 2 moves to let it in.
    result = plan(
        slots=make_slots(2),
        tables=3,
        wanted=[Wanted(1, 1, 2), Wanted(2, 2, 3), Wanted(3, 3, 2), Wanted(4, 3, 3)],
    )
    assert len(result.placed) == 4
    slot_of = {placed.meeting_id: placed.slot_id for placed in result.placed}
    assert slot_of[3] != slot_of[4] and slot_of[2] != slot_of[4] and slot_of[1] != slot_of[3]


def test_a_limit_is_spent_on_the_meeting_that_leaves_room_for_another():
    # Buyer 1 may have one meeting, exhibitor 1 one. Meeting 1 (buyer 1 × exhibitor 1)
    # would use up both; meetings 2 and 3 together place two.
    result = plan(
        slots=make_slots(3),
        tables=5,
        wanted=[Wanted(1, 1, 1), Wanted(2, 1, 2), Wanted(3, 2, 1)],
        max_per_buyer=1,
        max_per_exhibitor=1,
    )
    assert sorted(placed.meeting_id for placed in result.placed) == [2, 3]
    assert result.unplaced == [(1, "buyer_full")]


def test_a_chain_of_exchanges_on_a_single_slot():
    # One slot, so nothing can move: greedy takes 1 (b2 × e1) and 2 (b3 × e2) and nothing
    # more. The best is 3, 4, 5: 1 out for 3, then 2 out for 4, then 5 in.
    result = plan(
        slots=make_slots(1),
        tables=3,
        wanted=[
            Wanted(1, 2, 1),
            Wanted(2, 3, 2),
            Wanted(3, 1, 1),
            Wanted(4, 2, 2),
            Wanted(5, 3, 3),
        ],
    )
    assert sorted(placed.meeting_id for placed in result.placed) == [3, 4, 5]


def test_reason_buyer_full_counts_meetings_already_placed():
    slots = make_slots(3)
    result = plan(
        slots=slots,
        tables=2,
        already=[Placed(100, 1, 9, slots[0].id, 1)],
        wanted=[Wanted(1, 1, 2), Wanted(2, 1, 3)],
        max_per_buyer=2,
    )
    assert len(result.placed) == 1
    assert result.unplaced[0][1] == "buyer_full"


def test_reason_buyer_full_from_the_edition_wide_rest():
    result = plan(
        slots=make_slots(3),
        tables=2,
        wanted=[Wanted(1, 1, 2), Wanted(2, 1, 3), Wanted(3, 2, 3)],
        buyer_remaining={1: 0},  # buyer 2 is absent: no edition-wide limit
    )
    assert [placed.meeting_id for placed in result.placed] == [3]
    assert result.reasons == {1: "buyer_full", 2: "buyer_full"}


def test_reason_exhibitor_full():
    result = plan(
        slots=make_slots(3),
        tables=2,
        wanted=[Wanted(1, 1, 5), Wanted(2, 2, 5)],
        max_per_exhibitor=1,
    )
    assert len(result.placed) == 1
    assert result.unplaced == [(2, "exhibitor_full")]


def test_reason_no_common_slot():
    slots = make_slots(2)
    result = plan(
        slots=slots,
        tables=2,
        wanted=[Wanted(1, 1, 5)],
        busy_buyers={1: [during(slots[0])]},
        busy_businesses={5: [(slots[1].starts_at + timedelta(minutes=5), slots[1].ends_at)]},
    )
    assert result.placed == []
    assert result.unplaced == [(1, "no_common_slot")]


def test_reason_no_table():
    slots = make_slots(1)
    result = plan(slots=slots, tables=1, wanted=[Wanted(1, 1, 5), Wanted(2, 2, 6)])
    assert [placed.meeting_id for placed in result.placed] == [1]
    assert result.unplaced == [(2, "no_table")]
    # Every table taken by meetings already placed: still a matter of tables.
    full = plan(
        slots=slots,
        tables=1,
        already=[Placed(100, 3, 7, slots[0].id, 1)],
        wanted=[Wanted(1, 1, 5)],
    )
    assert full.unplaced == [(1, "no_table")]


def test_a_busy_interval_that_only_touches_a_slot_leaves_it_free():
    slots = make_slots(2)
    result = plan(
        slots=slots,
        tables=1,
        wanted=[Wanted(1, 1, 5)],
        busy_buyers={1: [(slots[0].starts_at - timedelta(hours=1), slots[0].starts_at)]},
    )
    assert result.placed == [Placed(1, 1, 5, slots[0].id, 1)]


def test_meetings_already_placed_keep_their_table_and_time():
    slots = make_slots(2)
    already = [Placed(100, 1, 5, slots[0].id, 1), Placed(101, 2, 6, slots[0].id, 2)]
    result = plan(slots=slots, tables=3, already=already, wanted=[Wanted(1, 1, 6)])
    # Buyer 1 and exhibitor 6 are both taken at 09.00: 09.20, at buyer 1's table.
    assert result.placed == [Placed(1, 1, 6, slots[1].id, 1)]


def test_a_buyer_keeps_their_table_from_slot_to_slot():
    result = plan(
        slots=make_slots(3),
        tables=4,
        wanted=[Wanted(n, 1 + n % 2, 10 + n) for n in range(1, 7)],
    )
    tables_of = {}
    for placed in result.placed:
        tables_of.setdefault(placed.buyer_id, set()).add(placed.table)
    assert len(result.placed) == 6
    assert all(len(tables) == 1 for tables in tables_of.values())


def test_a_meeting_id_twice_is_refused():
    with pytest.raises(ValueError):
        plan(
            slots=make_slots(1),
            tables=1,
            wanted=[Wanted(1, 1, 5)],
            already=[Placed(1, 1, 5, 1, 1)],
        )


def test_busy_of_meetings_elsewhere():
    slots = make_slots(3)
    busy = Busy.of([(1, 5, *during(slots[0])), (2, 5, *during(slots[1]))])
    assert busy.businesses == {5: (during(slots[0]), during(slots[1]))}
    result = plan(slots=slots, tables=2, wanted=[Wanted(1, 3, 5)], **busy.kwargs())
    assert [placed.slot_id for placed in result.placed] == [slots[2].id]


def test_reason_labels_are_lazy_and_cover_every_code():
    assert set(REASON_LABELS) == {"buyer_full", "exhibitor_full", "no_common_slot", "no_table"}
    for label in REASON_LABELS.values():
        assert isinstance(label, Promise)
        assert str(label)


def test_a_large_session_is_planned_within_the_rules():
    rng = random.Random(2027)
    slots = make_slots(12)
    pairs = sorted({(rng.randint(1, 30), rng.randint(1, 120)) for _ in range(400)})
    session = {
        "slots": slots,
        "tables": 20,
        "wanted": [Wanted(n, b, e) for n, (b, e) in enumerate(pairs, start=1)],
        "already": [],
        "max_per_buyer": 10,
        "max_per_exhibitor": 4,
        "buyer_remaining": {b: rng.randint(0, 12) for b in range(1, 31, 3)},
        "busy_buyers": {b: [during(rng.choice(slots))] for b in range(1, 31, 4)},
        "busy_businesses": {e: [during(rng.choice(slots))] for e in range(1, 121, 5)},
    }
    result = plan_session(**session)
    check_plan(session, result)
    assert len(result.placed) > 200
