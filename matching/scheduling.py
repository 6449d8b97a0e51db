"""The meeting scheduler: accepted meetings of one session put into slots and at tables.

A pure function of plain values, no database: ``plan_session`` takes the session's slots,
its table count and limits, the accepted meetings still to place (``Wanted``) and the
meetings already placed (``Already``, kept as they are), and returns a ``Plan``.

What always holds in the result, ``already`` included:

- a buyer meets at most one exhibitor per slot, and an exhibitor at most one buyer;
- a (slot, table) holds at most one meeting, and tables are numbered 1..``tables``;
- no new meeting is put in a slot that overlaps a time the buyer or the exhibitor is
  busy elsewhere (``busy_buyers``, ``busy_businesses``: another session, say);
- a buyer has at most ``max_per_buyer`` meetings in the session and an exhibitor at most
  ``max_per_exhibitor``, ``already`` counted; and a buyer gets at most
  ``buyer_remaining[buyer_id]`` new meetings (what is left of the buyer's edition-wide
  limit once every placed meeting, this session's too, is counted; absent, no limit).

How it places as many as it can: meetings are taken most constrained first (the fewest
slots the two can share, then the busiest person), each goes in the earliest slot free for
both with a table free, and when there is none an augmenting search moves meetings
already placed (not ``already``) to other slots to make room, a few moves deep. Tables
come last, slot by slot: a buyer keeps the table of their previous meeting when it is free.
The same input, in any order, gives the same plan.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

Interval = tuple[datetime, datetime]

BUYER_FULL = "buyer_full"
EXHIBITOR_FULL = "exhibitor_full"
NO_COMMON_SLOT = "no_common_slot"
NO_TABLE = "no_table"

REASON_LABELS = {
    BUYER_FULL: _("The buyer has no room for more meetings"),
    EXHIBITOR_FULL: _("The exhibitor has no room for more meetings"),
    NO_COMMON_SLOT: _("No time when both are free"),
    NO_TABLE: _("No table free at a time when both are free"),
}

# The augmenting search: how many meetings deep it moves, and how many moves it may try
# for one meeting before it gives up on it (a bound on time, not on quality in practice).
REPAIR_DEPTH = 3
REPAIR_BUDGET = 400
FINAL_DEPTH = 5
FINAL_BUDGET = 4_000


@dataclass(frozen=True)
class SlotTime:
    id: int
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class Wanted:
    """An accepted meeting still to place."""

    meeting_id: int
    buyer_id: int
    business_id: int


@dataclass(frozen=True)
class Placed:
    meeting_id: int
    buyer_id: int
    business_id: int
    slot_id: int
    table: int


@dataclass(frozen=True)
class Busy:
    """When people are taken elsewhere: per buyer and per business, (start, end) intervals.

    ``Busy.of`` builds it from meetings of other sessions; ``kwargs()`` hands it to
    ``plan_session``: ``plan_session(..., **busy.kwargs())``.
    """

    buyers: Mapping[int, tuple[Interval, ...]] = field(default_factory=dict)
    businesses: Mapping[int, tuple[Interval, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, meetings: Iterable[tuple[int, int, datetime, datetime]]) -> Busy:
        """From (buyer_id, business_id, starts_at, ends_at) of meetings held elsewhere."""
        buyers: dict[int, list[Interval]] = defaultdict(list)
        businesses: dict[int, list[Interval]] = defaultdict(list)
        for buyer_id, business_id, starts_at, ends_at in meetings:
            buyers[buyer_id].append((starts_at, ends_at))
            businesses[business_id].append((starts_at, ends_at))
        return cls(
            buyers={key: tuple(sorted(value)) for key, value in sorted(buyers.items())},
            businesses={key: tuple(sorted(value)) for key, value in sorted(businesses.items())},
        )

    def kwargs(self) -> dict[str, dict[int, list[Interval]]]:
        return {
            "busy_buyers": {key: list(value) for key, value in self.buyers.items()},
            "busy_businesses": {key: list(value) for key, value in self.businesses.items()},
        }


@dataclass
class Plan:
    """New placements (``already`` is not repeated here), and what could not be placed."""

    placed: list[Placed]
    unplaced: list[tuple[int, str]]  # (meeting_id, reason code), by meeting id

    @property
    def unplaced_reasons(self) -> dict[int, str]:
        return dict(self.unplaced)


def _overlaps(slot: SlotTime, intervals: Iterable[Interval]) -> bool:
    return any(slot.starts_at < ends and starts < slot.ends_at for starts, ends in intervals)


class _Board:
    """Slot choices for the new meetings, with an undo trail for the augmenting search."""

    def __init__(self, slot_order: list[int], capacity: dict[int, int]):
        self.position = {slot: index for index, slot in enumerate(slot_order)}
        self.capacity = capacity
        self.slot_of: dict[int, int] = {}
        self.buyer_at: dict[tuple[int, int], int] = {}
        self.business_at: dict[tuple[int, int], int] = {}
        self.at_slot: dict[int, dict[int, None]] = {s: {} for s in slot_order}  # ordered sets
        self.trail: list[tuple[bool, int, int]] = []  # (was a put, meeting, slot)
        self.meetings: dict[int, Wanted] = {}
        self.options: dict[int, list[int]] = {}  # meeting -> slots it may take, earliest first

    def put(self, meeting: Wanted, slot: int) -> None:
        mid = meeting.meeting_id
        self.slot_of[mid] = slot
        self.buyer_at[meeting.buyer_id, slot] = mid
        self.business_at[meeting.business_id, slot] = mid
        self.at_slot[slot][mid] = None
        self.trail.append((True, mid, slot))

    def take(self, meeting: Wanted) -> int:
        mid = meeting.meeting_id
        slot = self.slot_of.pop(mid)
        del self.buyer_at[meeting.buyer_id, slot]
        del self.business_at[meeting.business_id, slot]
        del self.at_slot[slot][mid]
        self.trail.append((False, mid, slot))
        return slot

    def undo(self, mark: int) -> None:
        while len(self.trail) > mark:
            was_put, mid, slot = self.trail.pop()
            meeting = self.meetings[mid]
            if was_put:
                del self.slot_of[mid]
                del self.buyer_at[meeting.buyer_id, slot]
                del self.business_at[meeting.business_id, slot]
                del self.at_slot[slot][mid]
            else:
                self.slot_of[mid] = slot
                self.buyer_at[meeting.buyer_id, slot] = mid
                self.business_at[meeting.business_id, slot] = mid
                self.at_slot[slot][mid] = None

    def fits(self, meeting: Wanted, slot: int) -> bool:
        return (
            (meeting.buyer_id, slot) not in self.buyer_at
            and (meeting.business_id, slot) not in self.business_at
            and len(self.at_slot[slot]) < self.capacity[slot]
        )

    def insert(self, meeting: Wanted, depth: int, budget: list[int], path: frozenset[int]) -> bool:
        """Place ``meeting``, moving others out of the way at most ``depth`` deep."""
        for slot in self.options[meeting.meeting_id]:
            if self.fits(meeting, slot):
                self.put(meeting, slot)
                return True
        if depth <= 0:
            return False
        path = path | {meeting.meeting_id}
        for _cost, slot, blockers in self._moves(meeting, path):
            for evicted in blockers:
                if budget[0] <= 0:
                    return False
                budget[0] -= 1
                mark = len(self.trail)
                for other in evicted:
                    self.take(self.meetings[other])
                self.put(meeting, slot)
                if all(self.insert(self.meetings[o], depth - 1, budget, path) for o in evicted):
                    return True
                self.undo(mark)
        return False

    def _moves(self, meeting: Wanted, path: frozenset[int]):
        """(cost, slot, ways to empty it): the meetings to move so ``meeting`` takes the slot."""
        moves = []
        for slot in self.options[meeting.meeting_id]:
            own = {
                self.buyer_at.get((meeting.buyer_id, slot)),
                self.business_at.get((meeting.business_id, slot)),
            } - {None}
            if own & path:
                continue
            own_sorted = tuple(sorted(own))
            if len(self.at_slot[slot]) - len(own) < self.capacity[slot]:
                moves.append((len(own), slot, [own_sorted]))
                continue
            # The tables are full too: one more meeting has to leave, the most movable first.
            others = [mid for mid in self.at_slot[slot] if mid not in own and mid not in path]
            others.sort(key=lambda mid: (-len(self.options[mid]), mid))
            if others:
                moves.append((len(own) + 1, slot, [(*own_sorted, mid) for mid in others]))
        moves.sort(key=lambda move: (move[0], self.position[move[1]]))
        return moves


def plan_session(
    *,
    slots: list[SlotTime],
    tables: int,
    wanted: list[Wanted],
    already: list[Placed],
    max_per_buyer: int,
    max_per_exhibitor: int,
    buyer_remaining: dict[int, int] | None = None,
    busy_buyers: dict[int, list[Interval]] | None = None,
    busy_businesses: dict[int, list[Interval]] | None = None,
) -> Plan:
    """Place as many ``wanted`` meetings as the rules allow; see the module's docstring.

    Slots of one session do not overlap one another. A meeting id may appear once, in
    ``wanted`` or in ``already``.
    """
    buyer_remaining = buyer_remaining or {}
    busy_buyers = busy_buyers or {}
    busy_businesses = busy_businesses or {}
    ordered_slots = sorted(slots, key=lambda slot: (slot.starts_at, slot.ends_at, slot.id))
    slot_order = [slot.id for slot in ordered_slots]
    wanted = sorted(wanted, key=lambda meeting: meeting.meeting_id)
    ids = [meeting.meeting_id for meeting in wanted] + [p.meeting_id for p in already]
    if len(ids) != len(set(ids)):
        raise ValueError("A meeting id appears more than once in wanted and already.")

    # What ``already`` takes: tables, people's slots, and their counts in the session.
    taken_tables: dict[int, set[int]] = defaultdict(set)
    buyer_taken: set[tuple[int, int]] = set()
    business_taken: set[tuple[int, int]] = set()
    for placed in already:
        taken_tables[placed.slot_id].add(placed.table)
        buyer_taken.add((placed.buyer_id, placed.slot_id))
        business_taken.add((placed.business_id, placed.slot_id))
    free_tables = {
        slot: [table for table in range(1, tables + 1) if table not in taken_tables[slot]]
        for slot in slot_order
    }
    capacity = {slot: len(free_tables[slot]) for slot in slot_order}
    buyer_room = Counter()
    business_room = Counter()
    buyer_session = Counter(placed.buyer_id for placed in already)
    business_session = Counter(placed.business_id for placed in already)
    for meeting in wanted:
        b, e = meeting.buyer_id, meeting.business_id
        room = max(0, max_per_buyer - buyer_session[b])
        if b in buyer_remaining:
            room = min(room, max(0, buyer_remaining[b]))
        buyer_room[b] = room
        business_room[e] = max(0, max_per_exhibitor - business_session[e])

    def free_slots(person: int, busy: dict, taken: set) -> list[int]:
        intervals = busy.get(person, ())
        return [
            slot.id
            for slot in ordered_slots
            if (person, slot.id) not in taken and not _overlaps(slot, intervals)
        ]

    buyer_free = {b: free_slots(b, busy_buyers, buyer_taken) for b in buyer_room}
    business_free = {e: free_slots(e, busy_businesses, business_taken) for e in business_room}

    board = _Board(slot_order, capacity)
    for meeting in wanted:
        board.meetings[meeting.meeting_id] = meeting
        shared = set(business_free[meeting.business_id])
        board.options[meeting.meeting_id] = [
            slot for slot in buyer_free[meeting.buyer_id] if slot in shared and capacity[slot] > 0
        ]

    usable = sorted({slot for options in board.options.values() for slot in options})
    # How tight each person is: meetings they could take over the slots they have free.
    buyer_demand = Counter(meeting.buyer_id for meeting in wanted)
    business_demand = Counter(meeting.business_id for meeting in wanted)

    def pressure(demand: int, room: int, free: int) -> Fraction:
        return Fraction(min(demand, room), max(free, 1))

    def priority(meeting: Wanted):
        b, e = meeting.buyer_id, meeting.business_id
        tightest = max(
            pressure(buyer_demand[b], buyer_room[b], len(buyer_free[b])),
            pressure(business_demand[e], business_room[e], len(business_free[e])),
        )
        return (len(board.options[meeting.meeting_id]), -tightest, meeting.meeting_id)

    buyer_count: Counter = Counter()
    business_count: Counter = Counter()

    def has_room(meeting: Wanted) -> bool:
        return (
            buyer_count[meeting.buyer_id] < buyer_room[meeting.buyer_id]
            and business_count[meeting.business_id] < business_room[meeting.business_id]
        )

    places = sum(capacity[slot] for slot in usable)

    def attempt(meeting: Wanted, depth: int, budget: int) -> None:
        if meeting.meeting_id in board.slot_of or not has_room(meeting):
            return
        if len(board.slot_of) >= places:  # every table anyone could use is taken
            return
        if board.insert(meeting, depth, [budget], frozenset()):
            buyer_count[meeting.buyer_id] += 1
            business_count[meeting.business_id] += 1

    order = sorted(wanted, key=priority)
    for meeting in order:
        attempt(meeting, REPAIR_DEPTH, REPAIR_BUDGET)
    for meeting in order:  # a second, deeper look at what is left
        attempt(meeting, FINAL_DEPTH, FINAL_BUDGET)

    placed = _tables(board, wanted, slot_order, free_tables, already)
    unplaced = []
    for meeting in wanted:
        if meeting.meeting_id in board.slot_of:
            continue
        if buyer_count[meeting.buyer_id] >= buyer_room[meeting.buyer_id]:
            reason = BUYER_FULL
        elif business_count[meeting.business_id] >= business_room[meeting.business_id]:
            reason = EXHIBITOR_FULL
        elif any(
            (meeting.buyer_id, slot) not in board.buyer_at
            and (meeting.business_id, slot) not in board.business_at
            for slot in board.options[meeting.meeting_id]
        ):
            reason = NO_TABLE  # both are free at some time, but every table is taken then
        else:
            reason = NO_COMMON_SLOT
        unplaced.append((meeting.meeting_id, reason))
    return Plan(placed=placed, unplaced=unplaced)


def _tables(
    board: _Board,
    wanted: list[Wanted],
    slot_order: list[int],
    free_tables: dict[int, list[int]],
    already: list[Placed],
) -> list[Placed]:
    """Tables slot by slot: a buyer keeps their last table if free, else the exhibitor's."""
    last_table: dict[tuple[str, int], int] = {}
    already_at: dict[int, list[Placed]] = defaultdict(list)
    for placed in already:
        already_at[placed.slot_id].append(placed)
    by_slot: dict[int, list[Wanted]] = defaultdict(list)
    for meeting in wanted:
        if meeting.meeting_id in board.slot_of:
            by_slot[board.slot_of[meeting.meeting_id]].append(meeting)
    result = []
    for slot in slot_order:
        for placed in sorted(already_at[slot], key=lambda p: p.meeting_id):
            last_table["buyer", placed.buyer_id] = placed.table
            last_table["business", placed.business_id] = placed.table
        free = list(free_tables[slot])  # ascending
        chosen: dict[int, int] = {}
        # Buyers keep their table first, then exhibitors theirs, then the lowest free one.
        for side in ("buyer", "business", None):
            for meeting in by_slot[slot]:  # meeting-id order
                if meeting.meeting_id in chosen:
                    continue
                if side is None:
                    wish = free[0]
                else:
                    person = meeting.buyer_id if side == "buyer" else meeting.business_id
                    wish = last_table.get((side, person))
                if wish in free:
                    free.remove(wish)
                    chosen[meeting.meeting_id] = wish
        for meeting in by_slot[slot]:
            table = chosen[meeting.meeting_id]
            last_table["buyer", meeting.buyer_id] = table
            last_table["business", meeting.business_id] = table
            result.append(
                Placed(meeting.meeting_id, meeting.buyer_id, meeting.business_id, slot, table)
            )
    result.sort(key=lambda placed: placed.meeting_id)
    return result
