"""The booth allocator: an exact min-cost max-flow over plain data (no Django here).

The objective, stated in full in docs/allocation.md:

1. place as many booths as the rules and quotas allow (maximum flow), and among those
   placements
2. minimise the total cost, where placing an application in a booth costs the
   booth's distance in metres from its association's anchor (a different hall costs
   ``HALL_GAP``) plus ``PREFERENCE_MISS`` when the booth's zone is not one the
   applicant prefers.

Anchors come first and are a pure function of the problem: booths are laid out in one
serpentine walk through the venue and each association gets a stretch of it in
proportion to what it can place; the anchor is the middle of that stretch. With the
anchors fixed, the costs are linear and the flow's optimum is exact. Applications
that are alike for the objective (same association, booth type asked, sector and
preferences) are one node, which keeps the graph small without changing the optimum.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import min_cost_flow

HALL_GAP = 1_000  # metres: any booth in the right hall beats every booth in another
PREFERENCE_MISS = 100  # metres: a preferred zone is worth walking this far from the anchor


@dataclass(frozen=True)
class BoothSpec:
    id: int
    hall: int
    x: float  # centre, metres
    y: float
    serves: str = ""  # the booth size it is for; "" for any
    type_sectors: frozenset[str] = frozenset()  # empty: any sector
    zone: str = ""
    zone_sectors: frozenset[str] = frozenset()
    needs_water: bool = False
    has_water: bool = False
    blocked: bool = False


@dataclass(frozen=True)
class ApplicationSpec:
    id: int
    association: int
    booth_size: str
    sector: str
    booths: int = 1  # still to place
    preferred_zones: frozenset[str] = frozenset()  # empty: a zone meant for its sector
    rank: int = 0  # who goes first among equals (earlier submission)


@dataclass
class Problem:
    booths: list[BoothSpec]
    applications: list[ApplicationSpec]
    quota_left: dict[int, int]  # association → booths it may still receive


@dataclass
class Solution:
    placements: list[tuple[int, int]] = field(default_factory=list)  # (application, booth)
    placed: int = 0
    cost: int = 0
    unplaced: dict[int, int] = field(default_factory=dict)  # application → booths missing


def mismatch(booth: BoothSpec, app: ApplicationSpec) -> str | None:
    """Why ``booth`` cannot take ``app`` ("blocked", "type", "sector", "water"), or None."""
    if booth.blocked:
        return "blocked"
    if booth.serves and booth.serves != app.booth_size:
        return "type"
    if (booth.type_sectors and app.sector not in booth.type_sectors) or (
        booth.zone_sectors and app.sector not in booth.zone_sectors
    ):
        return "sector"
    if booth.needs_water and not booth.has_water:
        return "water"
    return None


def walk_order(booths: list[BoothSpec]) -> list[BoothSpec]:
    """The booths in one serpentine walk: hall by hall, row by row, alternating direction."""
    rows: dict[tuple[int, float], list[BoothSpec]] = defaultdict(list)
    for booth in booths:
        rows[(booth.hall, round(booth.y, 1))].append(booth)
    walk = []
    for index, key in enumerate(sorted(rows)):
        row = sorted(rows[key], key=lambda b: b.x, reverse=bool(index % 2))
        walk.extend(row)
    return walk


def anchors(problem: Problem) -> dict[int, tuple[int, float, float]]:
    """Each association's anchor (hall, x, y): the middle of its stretch of the walk."""
    walk = [b for b in walk_order(problem.booths) if not b.blocked]
    demand: dict[int, int] = defaultdict(int)
    for app in problem.applications:
        demand[app.association] += app.booths
    wanted = {a: min(d, max(problem.quota_left.get(a, 0), 0)) for a, d in sorted(demand.items())}
    total = sum(wanted.values())
    result: dict[int, tuple[int, float, float]] = {}
    if not walk or not total:
        return result
    start = 0.0
    for association, count in wanted.items():
        share = len(walk) * count / total
        middle = min(int(start + share / 2), len(walk) - 1)
        booth = walk[middle]
        result[association] = (booth.hall, booth.x, booth.y)
        start += share
    return result


def cost(booth: BoothSpec, app: ApplicationSpec, anchor: tuple[int, float, float] | None) -> int:
    if anchor is None:
        distance = 0
    elif anchor[0] != booth.hall:
        distance = HALL_GAP
    else:
        distance = round(math.hypot(booth.x - anchor[1], booth.y - anchor[2]))
    if app.preferred_zones:
        met = booth.zone in app.preferred_zones
    else:
        met = app.sector in booth.zone_sectors
    return distance + (0 if met else PREFERENCE_MISS)


def solve(problem: Problem) -> Solution:
    """The exact optimum of the objective above."""
    booths = [b for b in problem.booths if not b.blocked]
    anchor_of = anchors(problem)

    groups: dict[tuple, list[ApplicationSpec]] = defaultdict(list)
    for app in problem.applications:
        if app.booths > 0 and problem.quota_left.get(app.association, 0) > 0:
            key = (app.association, app.booth_size, app.sector, app.preferred_zones)
            groups[key].append(app)
    group_keys = sorted(groups, key=repr)
    associations = sorted({key[0] for key in group_keys})

    source, sink = 0, 1
    assoc_node = {a: 2 + i for i, a in enumerate(associations)}
    group_node = {k: 2 + len(associations) + i for i, k in enumerate(group_keys)}
    booth_base = 2 + len(associations) + len(group_keys)

    tails, heads, capacities, costs = [], [], [], []

    def arc(tail, head, capacity, unit_cost=0):
        tails.append(tail)
        heads.append(head)
        capacities.append(capacity)
        costs.append(unit_cost)

    for association in associations:
        arc(source, assoc_node[association], problem.quota_left[association])
    for key in group_keys:
        arc(assoc_node[key[0]], group_node[key], sum(app.booths for app in groups[key]))
    first_placement_arc = len(tails)
    placement_arcs: list[tuple[tuple, int]] = []
    for key in group_keys:
        representative = groups[key][0]
        anchor = anchor_of.get(key[0])
        for index, booth in enumerate(booths):
            if mismatch(booth, representative) is None:
                arc(group_node[key], booth_base + index, 1, cost(booth, representative, anchor))
                placement_arcs.append((key, index))
    for index in range(len(booths)):
        arc(booth_base + index, sink, 1)

    solution = Solution()
    if not placement_arcs:
        solution.unplaced = {a.id: a.booths for a in problem.applications if a.booths > 0}
        return solution

    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        np.array(tails, dtype=np.int32),
        np.array(heads, dtype=np.int32),
        np.array(capacities, dtype=np.int64),
        np.array(costs, dtype=np.int64),
    )
    # As much as could ever flow, offered at the source and asked at the sink; the
    # solver sends the maximum that fits at the least cost.
    flow.set_node_supply(source, len(booths))
    flow.set_node_supply(sink, -len(booths))
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"The allocation flow did not solve: status {status}.")

    booths_of_group: dict[tuple, list[BoothSpec]] = defaultdict(list)
    flows = flow.flows(np.arange(first_placement_arc, first_placement_arc + len(placement_arcs)))
    for (key, index), used in zip(placement_arcs, flows, strict=True):
        if used:
            booths_of_group[key].append(booths[index])
    solution.cost = int(flow.optimal_cost())

    # Within a group every placement costs the same: earlier applicants first, and an
    # application with several booths gets neighbouring ones along the walk.
    walk_position = {b.id: i for i, b in enumerate(walk_order(booths))}
    for key in group_keys:
        given = sorted(booths_of_group[key], key=lambda b: walk_position[b.id])
        for app in sorted(groups[key], key=lambda a: (a.rank, a.id)):
            take, given = given[: app.booths], given[app.booths :]
            solution.placements.extend((app.id, booth.id) for booth in take)
            if len(take) < app.booths:
                solution.unplaced[app.id] = app.booths - len(take)
    placed_apps = {app for app, _booth in solution.placements}
    for app in problem.applications:
        if app.booths > 0 and app.id not in placed_apps and app.id not in solution.unplaced:
            solution.unplaced[app.id] = app.booths
    solution.placed = len(solution.placements)
    return solution
