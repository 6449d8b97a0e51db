"""The allocator returns the exact optimum of its objective, and never breaks a rule."""

import itertools
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from booths.solver import (
    HALL_GAP,
    PREFERENCE_MISS,
    ApplicationSpec,
    BoothSpec,
    Problem,
    anchors,
    cost,
    mismatch,
    solve,
)

SIZES = ["standard", "culinary"]
SECTORS = ["kriya", "kuliner", "fashion"]


def brute_force(problem: Problem) -> tuple[int, int]:
    """(booths placed, cost) of the best assignment, by trying every one (single-booth apps)."""
    anchor_of = anchors(problem)
    booths = problem.booths
    best = (0, 0)
    choices = [None, *range(len(booths))]
    for pick in itertools.product(choices, repeat=len(problem.applications)):
        used = [b for b in pick if b is not None]
        if len(used) != len(set(used)):
            continue
        per_association = Counter(
            app.association
            for app, b in zip(problem.applications, pick, strict=True)
            if b is not None
        )
        if any(n > problem.quota_left.get(a, 0) for a, n in per_association.items()):
            continue
        total = 0
        for app, b in zip(problem.applications, pick, strict=True):
            if b is None:
                continue
            if mismatch(booths[b], app) is not None:
                break
            total += cost(booths[b], app, anchor_of.get(app.association))
        else:
            candidate = (len(used), total)
            if candidate[0] > best[0] or (candidate[0] == best[0] and candidate[1] < best[1]):
                best = candidate
    return best


booth_specs = st.builds(
    BoothSpec,
    id=st.integers(0, 10_000),
    hall=st.sampled_from([1, 2]),
    x=st.integers(0, 60).map(float),
    y=st.integers(0, 20).map(float),
    serves=st.sampled_from(["", *SIZES]),
    type_sectors=st.sampled_from([frozenset(), frozenset({"kuliner"})]),
    zone=st.sampled_from(["A", "B", "KUL"]),
    zone_sectors=st.sampled_from([frozenset(), frozenset({"kriya"}), frozenset({"kuliner"})]),
    needs_water=st.booleans(),
    has_water=st.booleans(),
    blocked=st.booleans(),
)


def application_specs(booths_each):
    return st.builds(
        ApplicationSpec,
        id=st.integers(0, 10_000),
        association=st.sampled_from([1, 2, 3]),
        booth_size=st.sampled_from(SIZES),
        sector=st.sampled_from(SECTORS),
        booths=booths_each,
        preferred_zones=st.sampled_from([frozenset(), frozenset({"A"}), frozenset({"KUL"})]),
        rank=st.integers(0, 5),
    )


def problems(max_booths, max_apps, booths_each=None):
    if booths_each is None:
        booths_each = st.just(1)
    return st.builds(
        lambda booths, apps, quotas: Problem(
            booths=[BoothSpec(**{**b.__dict__, "id": i}) for i, b in enumerate(booths)],
            applications=[
                ApplicationSpec(**{**a.__dict__, "id": 100 + i}) for i, a in enumerate(apps)
            ],
            quota_left=dict(zip([1, 2, 3], quotas, strict=True)),
        ),
        st.lists(booth_specs, min_size=1, max_size=max_booths),
        st.lists(application_specs(booths_each), min_size=1, max_size=max_apps),
        st.lists(st.integers(0, 4), min_size=3, max_size=3),
    )


def solution_value(problem, solution):
    anchor_of = anchors(problem)
    apps = {a.id: a for a in problem.applications}
    booths = {b.id: b for b in problem.booths}
    return sum(
        cost(booths[b], apps[a], anchor_of.get(apps[a].association)) for a, b in solution.placements
    )


@settings(max_examples=150, deadline=None)
@given(problems(max_booths=5, max_apps=4))
def test_the_solver_matches_brute_force_exactly(problem):
    solution = solve(problem)
    assert (solution.placed, solution.cost) == brute_force(problem)
    assert solution_value(problem, solution) == solution.cost


@settings(max_examples=100, deadline=None)
@given(problems(max_booths=40, max_apps=25, booths_each=st.integers(1, 3)))
def test_rules_and_quotas_hold_on_random_instances(problem):
    solution = solve(problem)
    apps = {a.id: a for a in problem.applications}
    booths = {b.id: b for b in problem.booths}

    used = [b for _a, b in solution.placements]
    assert len(used) == len(set(used))  # a booth once
    for app_id, booth_id in solution.placements:
        assert mismatch(booths[booth_id], apps[app_id]) is None
    per_app = Counter(a for a, _b in solution.placements)
    for app_id, count in per_app.items():
        assert count + solution.unplaced.get(app_id, 0) == apps[app_id].booths
    per_association = Counter(apps[a].association for a, _b in solution.placements)
    for association, count in per_association.items():
        assert count <= problem.quota_left[association]


def test_members_of_an_association_stand_together_and_preferences_count():
    # Two associations, a row of ten booths; each gets the half around its anchor.
    booths = [BoothSpec(id=i, hall=1, x=3.0 * i + 1.5, y=1.5, zone="A") for i in range(10)]
    apps = [
        ApplicationSpec(id=100 + i, association=1 + i % 2, booth_size="standard", sector="kriya")
        for i in range(10)
    ]
    solution = solve(Problem(booths, apps, quota_left={1: 5, 2: 5}))
    by_association = {1: [], 2: []}
    for app_id, booth_id in solution.placements:
        by_association[1 + (app_id - 100) % 2].append(booth_id)
    assert sorted(by_association[1]) == [0, 1, 2, 3, 4]
    assert sorted(by_association[2]) == [5, 6, 7, 8, 9]
    assert solution.cost == 2 * (3 + 3 + 6 + 6) + 2 * 0 + 10 * PREFERENCE_MISS


def test_quota_and_rules_leave_the_rest_unplaced():
    booths = [
        BoothSpec(id=1, hall=1, x=1.5, y=1.5, serves="culinary", needs_water=True),
        BoothSpec(id=2, hall=1, x=4.5, y=1.5, serves="standard"),
        BoothSpec(id=3, hall=2, x=1.5, y=1.5, serves="standard", blocked=True),
    ]
    apps = [
        ApplicationSpec(id=10, association=1, booth_size="culinary", sector="kuliner"),
        ApplicationSpec(id=11, association=1, booth_size="standard", sector="kriya", rank=1),
        ApplicationSpec(id=12, association=1, booth_size="standard", sector="kriya", rank=0),
    ]
    solution = solve(Problem(booths, apps, quota_left={1: 5}))
    # No water: the culinary stall stays empty; one standard booth, to the earlier applicant.
    assert solution.placements == [(12, 2)]
    assert solution.unplaced == {10: 1, 11: 1}
    assert HALL_GAP > 0
