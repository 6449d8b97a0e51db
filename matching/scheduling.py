"""The meeting scheduler: accepted meetings of one session put into slots and at tables.

A pure function of plain values, no database: ``plan_session`` takes the session's slots,
its table count and limits, the accepted meetings still to place (``Wanted``) and the
meetings already placed (``already``, kept as they are), and returns a ``Plan``.

What always holds in the result, ``already`` included:

- a buyer meets at most one exhibitor per slot, and an exhibitor at most one buyer;
- a (slot, table) holds at most one meeting, and new tables are numbered 1..``tables``;
- no new meeting is put in a slot that overlaps a time the buyer or the exhibitor is
  busy elsewhere (``busy_buyers``, ``busy_businesses``: another session, say);
- a buyer has at most ``max_per_buyer`` meetings in the session and an exhibitor at most
  ``max_per_exhibitor``, ``already`` counted;
- a buyer gets at most ``buyer_remaining[buyer_id]`` new meetings: what is left of the
  buyer's edition-wide limit once every meeting placed so far, this session's ``already``
  too, is counted. A buyer absent from it has no edition-wide limit.

How it places as many as it can:

1. meetings are taken most constrained first (the fewest slots the two have free in
   common, then the person whose free slots are most in demand), and each goes in the
   earliest slot free for both that has a table free;
2. when there is none, an augmenting search moves meetings placed before (never
   ``already``) to other slots to make room, a few moves deep;
3. then a local search takes one placed meeting out when that lets two in (a person's
   limit spent on the wrong meeting, or one slot two meetings need), while it gains.

Tables come last, slot by slot: a buyer keeps the table of their previous meeting when
it is free, else the exhibitor theirs, else the lowest free table. The search is bounded
by counted moves, not by time, so the same input, in any order, gives the same plan.
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

# Bounds on the search, in moves tried (so that it is deterministic, unlike a time limit).
REPAIR_DEPTH, REPAIR_BUDGET = 3, 100  # per meeting, first pass
FINAL_DEPTH, FINAL_BUDGET = 5, 1_000  # per meeting, second pass over what is left
IMPROVE_DEPTH, IMPROVE_BUDGET = 1, 20  # per meeting, in the local search
IMPROVE_CHAIN = 3  # meetings taken out in one chain, at most
REFILLS = 40  # meetings tried in the place of the one taken out
IMPROVE_LIMIT = 20_000  # moves for the ejection chains, for the whole session …
IMPROVE_PER_MEETING = 50  # … and this many more per meeting wanted


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
    """When people are taken elsewhere: (start, end) intervals per buyer and per business.

    ``Busy.of`` builds it from meetings of other sessions; hand it to ``plan_session`` as
    ``plan_session(..., **busy.kwargs())``.
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
    """The new placements (``already`` is not repeated) and what could not be placed,
    both by meeting id."""

    placed: list[Placed]
    unplaced: list[tuple[int, str]]  # (meeting_id, reason code)

    @property
    def reasons(self) -> dict[int, str]:
        return dict(self.unplaced)


def _overlaps(slot: SlotTime, intervals: Iterable[Interval]) -> bool:
    return any(slot.starts_at < ends and starts < slot.ends_at for starts, ends in intervals)


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

    The slots of one session do not overlap one another. A meeting id appears once, in
    ``wanted`` or in ``already`` (else ``ValueError``).
    """
    buyer_remaining = buyer_remaining or {}
    busy_buyers = busy_buyers or {}
    busy_businesses = busy_businesses or {}
    ordered_slots = sorted(slots, key=lambda slot: (slot.starts_at, slot.ends_at, slot.id))
    slot_order = [slot.id for slot in ordered_slots]
    wanted = sorted(wanted, key=lambda meeting: meeting.meeting_id)
    ids = [meeting.meeting_id for meeting in wanted] + [placed.meeting_id for placed in already]
    if len(ids) != len(set(ids)):
        raise ValueError("A meeting id appears more than once in wanted and already.")

    # What ``already`` holds: tables, people's slots, and their counts in the session.
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
    buyer_session = Counter(placed.buyer_id for placed in already)
    business_session = Counter(placed.business_id for placed in already)
    buyer_room: Counter = Counter()  # new meetings each person may still take
    business_room: Counter = Counter()
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
    common, options = {}, {}  # the slots both have free; those of them with a table left
    for meeting in wanted:
        shared = set(business_free[meeting.business_id])
        both = [slot for slot in buyer_free[meeting.buyer_id] if slot in shared]
        common[meeting.meeting_id] = both
        options[meeting.meeting_id] = [slot for slot in both if capacity[slot]]
    board = _Schedule(wanted, options, slot_order, capacity, buyer_room, business_room)

    # How tight a person is: the meetings they can take over the slots they have free.
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
        return (len(options[meeting.meeting_id]), -tightest, meeting.meeting_id)

    order = [meeting.meeting_id for meeting in sorted(wanted, key=priority)]
    board.prioritise(order)
    ceiling = _ceiling(wanted, options, capacity, buyer_room, business_room)
    for depth, budget in ((REPAIR_DEPTH, REPAIR_BUDGET), (FINAL_DEPTH, FINAL_BUDGET)):
        for mid in order:
            if len(board.slot_of) >= ceiling:
                break
            board.add(mid, depth, budget)
    if len(board.slot_of) < ceiling:
        limit = board.spent + IMPROVE_LIMIT + IMPROVE_PER_MEETING * len(wanted)
        board.improve(order, limit, ceiling)

    unplaced = []
    for meeting in wanted:
        if meeting.meeting_id not in board.slot_of:
            reason = board.reason(meeting, common[meeting.meeting_id])
            unplaced.append((meeting.meeting_id, reason))
    return Plan(placed=_tables(board, wanted, slot_order, free_tables, already), unplaced=unplaced)


def _ceiling(
    wanted: list[Wanted],
    options: dict[int, list[int]],
    capacity: dict[int, int],
    buyer_room: Counter,
    business_room: Counter,
) -> int:
    """More than this many cannot be placed: the tables in the slots anyone can use, and
    for each side, what each person can take (their room, their meetings, their slots)."""
    usable = {slot for slots_of in options.values() for slot in slots_of}
    bounds = [sum(capacity[slot] for slot in usable)]
    for side, room in (("buyer_id", buyer_room), ("business_id", business_room)):
        meetings: dict[int, int] = Counter()
        slots: dict[int, set[int]] = defaultdict(set)
        for meeting in wanted:
            person = getattr(meeting, side)
            if options[meeting.meeting_id]:
                meetings[person] += 1
                slots[person].update(options[meeting.meeting_id])
        bounds.append(sum(min(room[p], meetings[p], len(slots[p])) for p in meetings))
    return min(bounds)


class _Schedule:
    """Slots for the new meetings, searched with an undo trail; tables are only counted."""

    def __init__(
        self,
        meetings: list[Wanted],
        options: dict[int, list[int]],
        slot_order: list[int],
        capacity: dict[int, int],
        buyer_room: Counter,
        business_room: Counter,
    ):
        self.meetings = {meeting.meeting_id: meeting for meeting in meetings}
        self.options = options  # meeting -> the slots it may take, earliest first
        self.position = {slot: index for index, slot in enumerate(slot_order)}
        self.capacity = capacity
        self.buyer_room = buyer_room
        self.business_room = business_room
        self.slot_of: dict[int, int] = {}
        self.buyer_at: dict[tuple[int, int], int] = {}
        self.business_at: dict[tuple[int, int], int] = {}
        self.at_slot: dict[int, dict[int, None]] = {slot: {} for slot in slot_order}
        self.buyer_count: Counter = Counter()
        self.business_count: Counter = Counter()
        self.trail: list[tuple[bool, int, int]] = []  # (was a put, meeting, slot)
        self.moves_left = 0  # of the search in progress
        self.spent = 0  # moves tried in all
        self.limit = 0  # on ``spent``, for the ejection chains
        self.of_buyer: dict[int, list[int]] = defaultdict(list)
        self.of_business: dict[int, list[int]] = defaultdict(list)
        self.of_slot: dict[int, list[int]] = defaultdict(list)  # who may take it, by priority
        for meeting in meetings:
            self.of_buyer[meeting.buyer_id].append(meeting.meeting_id)
            self.of_business[meeting.business_id].append(meeting.meeting_id)

    def prioritise(self, order: list[int]) -> None:
        for mid in order:
            for slot in self.options[mid]:
                self.of_slot[slot].append(mid)

    # --- the board, and undoing it -------------------------------------------------------

    def _set(self, mid: int, slot: int, on: bool) -> None:
        meeting = self.meetings[mid]
        step = 1 if on else -1
        self.buyer_count[meeting.buyer_id] += step
        self.business_count[meeting.business_id] += step
        if on:
            self.slot_of[mid] = slot
            self.buyer_at[meeting.buyer_id, slot] = mid
            self.business_at[meeting.business_id, slot] = mid
            self.at_slot[slot][mid] = None
        else:
            del self.slot_of[mid]
            del self.buyer_at[meeting.buyer_id, slot]
            del self.business_at[meeting.business_id, slot]
            del self.at_slot[slot][mid]

    def put(self, mid: int, slot: int) -> None:
        self._set(mid, slot, True)
        self.trail.append((True, mid, slot))

    def take(self, mid: int) -> None:
        slot = self.slot_of[mid]
        self._set(mid, slot, False)
        self.trail.append((False, mid, slot))

    def undo(self, mark: int) -> None:
        while len(self.trail) > mark:
            was_put, mid, slot = self.trail.pop()
            self._set(mid, slot, not was_put)

    def buyer_full(self, meeting: Wanted) -> bool:
        return self.buyer_count[meeting.buyer_id] >= self.buyer_room[meeting.buyer_id]

    def business_full(self, meeting: Wanted) -> bool:
        return self.business_count[meeting.business_id] >= self.business_room[meeting.business_id]

    def fits(self, meeting: Wanted, slot: int) -> bool:
        return (
            (meeting.buyer_id, slot) not in self.buyer_at
            and (meeting.business_id, slot) not in self.business_at
            and len(self.at_slot[slot]) < self.capacity[slot]
        )

    def reason(self, meeting: Wanted, common: list[int]) -> str:
        """Why an unplaced meeting stays unplaced, on the final board; ``common`` are the
        slots both people had free before this plan."""
        if self.buyer_full(meeting):
            return BUYER_FULL
        if self.business_full(meeting):
            return EXHIBITOR_FULL
        both_free = any(
            (meeting.buyer_id, slot) not in self.buyer_at
            and (meeting.business_id, slot) not in self.business_at
            for slot in common
        )
        return NO_TABLE if both_free else NO_COMMON_SLOT  # both free, but no table then

    # --- one more meeting ----------------------------------------------------------------

    def add(self, mid: int, depth: int, budget: int) -> bool:
        """Place the unplaced meeting ``mid`` if its people have room, moving others if need be."""
        meeting = self.meetings[mid]
        if mid in self.slot_of or self.buyer_full(meeting) or self.business_full(meeting):
            return False
        self.moves_left = budget
        placed = self._place(meeting, depth, frozenset())
        self.spent += 1 + budget - self.moves_left
        return placed

    def _place(self, meeting: Wanted, depth: int, path: frozenset[int]) -> bool:
        """The earliest slot that fits, or one emptied for it by moving the meetings in the
        way to other slots, at most ``depth`` moves deep (the augmenting search)."""
        for slot in self.options[meeting.meeting_id]:
            if self.fits(meeting, slot):
                self.put(meeting.meeting_id, slot)
                return True
        if depth <= 0:
            return False
        path = path | {meeting.meeting_id}
        for _cost, slot, ways in self._moves(meeting, path):
            for evicted in ways:
                if self.moves_left <= 0:
                    return False
                self.moves_left -= 1
                mark = len(self.trail)
                for other in evicted:
                    self.take(other)
                self.put(meeting.meeting_id, slot)
                if all(self._place(self.meetings[o], depth - 1, path) for o in evicted):
                    return True
                self.undo(mark)
        return False

    def _moves(self, meeting: Wanted, path: frozenset[int]):
        """(cost, slot, ways to empty it for ``meeting``), the cheapest and earliest first."""
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
            # Every table is taken too: one more meeting has to leave, the most movable first.
            others = [mid for mid in self.at_slot[slot] if mid not in own and mid not in path]
            others.sort(key=lambda mid: (-len(self.options[mid]), mid))
            if others:
                moves.append((len(own) + 1, slot, [(*own_sorted, mid) for mid in others]))
        moves.sort(key=lambda move: (move[0], self.position[move[1]]))
        return moves

    # --- one out, two in -----------------------------------------------------------------

    def improve(self, order: list[int], limit: int, ceiling: int) -> None:
        """Ejection chains, for what moving meetings between slots cannot do: take a placed
        meeting out so an unplaced one goes in, then place another in its stead (or take
        one more out for that one, ``IMPROVE_CHAIN`` deep). A chain is kept only when it
        places one more; the rounds repeat while they gain and ``limit`` moves last."""
        self.limit = limit
        improved = True
        while improved and self.spent < limit:
            improved = False
            for mid in order:
                if len(self.slot_of) >= ceiling:
                    return
                if mid not in self.slot_of and self._gain(mid, IMPROVE_CHAIN, frozenset()):
                    improved = True

    def _gain(self, mid: int, depth: int, path: frozenset[int]) -> bool:
        """Place ``mid`` with one more meeting placed in all, or change nothing."""
        if self.add(mid, IMPROVE_DEPTH, IMPROVE_BUDGET):
            return True
        if depth <= 0:
            return False
        path = path | {mid}
        for out in self._in_the_way(self.meetings[mid]):
            if self.spent >= self.limit:
                return False
            if out in path:
                continue
            mark, slot = len(self.trail), self.slot_of[out]
            self.take(out)
            if self.add(mid, IMPROVE_DEPTH, IMPROVE_BUDGET) and any(
                self._gain(other, depth - 1, path | {out})
                for other in self._refills(self.meetings[out], slot, mid)
                if other not in path
            ):
                return True
            self.undo(mark)
        return False

    def _in_the_way(self, meeting: Wanted) -> list[int]:
        """Placed meetings whose going might let ``meeting`` in."""
        buyer_full, business_full = self.buyer_full(meeting), self.business_full(meeting)
        if buyer_full and business_full:
            return []
        if buyer_full:
            return [mid for mid in self.of_buyer[meeting.buyer_id] if mid in self.slot_of]
        if business_full:
            return [mid for mid in self.of_business[meeting.business_id] if mid in self.slot_of]
        found: dict[int, None] = {}
        for slot in self.options[meeting.meeting_id]:
            for mid in (
                self.buyer_at.get((meeting.buyer_id, slot)),
                self.business_at.get((meeting.business_id, slot)),
            ):
                if mid is not None:
                    found[mid] = None
        return list(found)

    def _refills(self, out: Wanted, slot: int, added: int) -> list[int]:
        """Unplaced meetings that taking ``out`` out of ``slot`` may have made room for:
        itself, its people's, then those that could use its table, in ``order``."""
        found = {out.meeting_id: None}
        for mid in self.of_buyer[out.buyer_id] + self.of_business[out.business_id]:
            if mid not in self.slot_of and mid != added:
                found[mid] = None
        for mid in self.of_slot[slot]:
            if len(found) >= REFILLS:
                break
            if mid not in self.slot_of and mid != added:
                found[mid] = None
        return list(found)


def _tables(
    board: _Schedule,
    wanted: list[Wanted],
    slot_order: list[int],
    free_tables: dict[int, list[int]],
    already: list[Placed],
) -> list[Placed]:
    """Tables slot by slot: a buyer keeps their last table if it is free, else the
    exhibitor theirs, else the lowest free one."""
    last_table: dict[tuple[str, int], int] = {}
    already_at: dict[int, list[Placed]] = defaultdict(list)
    for placed in already:
        already_at[placed.slot_id].append(placed)
    by_slot: dict[int, list[Wanted]] = defaultdict(list)
    for meeting in wanted:  # meeting-id order
        if meeting.meeting_id in board.slot_of:
            by_slot[board.slot_of[meeting.meeting_id]].append(meeting)
    result = []
    for slot in slot_order:
        for placed in sorted(already_at[slot], key=lambda placed: placed.meeting_id):
            last_table["buyer", placed.buyer_id] = placed.table
            last_table["business", placed.business_id] = placed.table
        free = list(free_tables[slot])  # ascending
        chosen: dict[int, int] = {}
        for side in ("buyer", "business", None):
            for meeting in by_slot[slot]:
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
