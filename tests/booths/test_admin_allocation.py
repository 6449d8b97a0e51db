"""The organizer's allocation desk and the board's changes, through the admin's pages."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.factories import UserFactory
from accounts.models import Role
from accounts.selectors import users_with_role
from accounts.services import role_grant
from booths.models import Allocation, AllocationProposal, AllocationStatus, ProposalStatus
from booths.services import allocation_propose, booth_assign, booth_hold
from exhibitors.models import ApplicationStatus
from tests.admin import admin_login
from tests.booths.test_holds import approved, build_plan

pytestmark = pytest.mark.django_db
ACTIVE = AllocationStatus.ACTIVE


@pytest.fixture
def desk(client):
    plan = build_plan(booths=6)
    organizer = UserFactory(email="panitia@pameran.test")
    role_grant(user=organizer, role=Role.ORGANIZER, scope=plan["event"])
    plan["organizer"] = organizer
    plan["applications"] = [approved(plan)[0] for _ in range(3)]
    admin_login(client, organizer)
    return plan, client


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_the_organizer_runs_the_allocator_and_sees_the_proposal_on_the_plan(desk):
    plan, client = desk
    listing = client.get(reverse("booths_proposals"))
    assert listing.status_code == 200
    assert "3 approved application(s) still want 3 booths; 6 booth(s) are free." in (
        listing.content.decode()
    )

    response = client.post(reverse("booths_proposals"), {"event": plan["event"].pk}, follow=True)

    proposal = AllocationProposal.objects.get()
    assert response.redirect_chain[-1][0] == reverse("booths_proposal", args=[proposal.pk])
    assert "The allocator placed 3 booth(s)." in messages_of(response)[0]
    html = response.content.decode()
    assert html.count('data-status="proposed"') == 3
    for application in plan["applications"]:
        assert application.business.display_name in html
    assert not Allocation.objects.exists()  # nothing published yet


def test_the_diff_lists_each_new_placement_and_leaves_taken_booths_alone(desk):
    plan, client = desk
    first = plan["applications"][0]
    booth_assign(booth=plan["booths"][0], application=first, actor=plan["organizer"])
    proposal = allocation_propose(event=plan["event"], actor=plan["organizer"])

    response = client.get(reverse("booths_proposal", args=[proposal.pk]))
    changes = response.context["changes"]

    assert {a.pk for a, _booth in changes} == {a.pk for a in plan["applications"][1:]}
    assert plan["booths"][0].code not in {booth.code for _a, booth in changes}
    assert response.context["staying"] == 1
    assert 'data-code="A-000" data-status="allocated"' in response.content.decode()


def test_moving_a_placement_by_booth_code_and_publishing(
    desk, mailoutbox, django_capture_on_commit_callbacks
):
    plan, client = desk
    proposal = allocation_propose(event=plan["event"], actor=plan["organizer"])
    application_id, booth_id = proposal.placements[0]
    taken = {b for _a, b in proposal.placements}
    free = next(b for b in plan["booths"] if b.pk not in taken)
    action = reverse("booths_proposal_action", args=[proposal.pk, "adjust"])

    response = client.post(
        action, {"booth": booth_id, "change": "move", "target": free.code.lower()}, follow=True
    )

    assert "moves from" in messages_of(response)[0]
    proposal.refresh_from_db()
    assert [application_id, free.pk] in proposal.placements
    assert all(b != booth_id for _a, b in proposal.placements)

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("booths_proposal_action", args=[proposal.pk, "publish"]), follow=True
        )
    assert "Published: 3 booth(s) allocated." in messages_of(response)[0]
    assert Allocation.objects.get(application_id=application_id, status=ACTIVE).booth == free
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PUBLISHED
    for application in plan["applications"]:
        application.refresh_from_db()
        assert application.status == ApplicationStatus.ALLOCATED
    # Each exhibitor is told where it stands.
    assert len(mailoutbox) == 3
    to_moved = next(m for m in mailoutbox if free.code in m.body)
    moved_business = Allocation.objects.get(booth=free, status=ACTIVE).application.business
    assert to_moved.to == [
        user.email for user in users_with_role(role=Role.EXHIBITOR, scope=moved_business)
    ]


@pytest.mark.parametrize(
    "form, message",
    [
        ({"booth": "", "change": "move", "target": "A-001"}, "Choose a booth on the plan first."),
        ({"booth": "x1", "change": "move", "target": "A-001"}, "Choose a booth on the plan first."),
        ({"change": "move", "target": "Z-999"}, "There is no booth Z-999 in this edition."),
        ({"change": "move", "target": ""}, "There is no booth — in this edition."),
        ({"change": "shuffle"}, "Choose what to do with the booth."),
        ({"change": "place", "application": "abc"}, "Choose an application to place."),
    ],
)
def test_bad_adjustments_are_refused_with_a_message_and_change_nothing(desk, form, message):
    plan, client = desk
    proposal = allocation_propose(event=plan["event"], actor=plan["organizer"])
    before = list(proposal.placements)
    form = {"booth": proposal.placements[0][1], **form}

    response = client.post(
        reverse("booths_proposal_action", args=[proposal.pk, "adjust"]), form, follow=True
    )

    assert message in messages_of(response)
    proposal.refresh_from_db()
    assert proposal.placements == before


def test_moving_onto_a_booth_already_in_the_proposal_is_refused(desk):
    plan, client = desk
    proposal = allocation_propose(event=plan["event"], actor=plan["organizer"])
    (_a, first), (_b, second) = proposal.placements[:2]
    second_code = next(b.code for b in plan["booths"] if b.pk == second)

    response = client.post(
        reverse("booths_proposal_action", args=[proposal.pk, "adjust"]),
        {"booth": first, "change": "move", "target": second_code},
        follow=True,
    )

    assert f"Booth {second_code} is already taken." in messages_of(response)


def test_a_stale_proposal_shows_why_and_cannot_be_published(desk):
    plan, client = desk
    proposal = allocation_propose(event=plan["event"], actor=plan["organizer"])
    latecomer, _owner = approved(plan)  # a new approval changes what the solver saw

    page = client.get(reverse("booths_proposal", args=[proposal.pk]))
    assert page.context["stale"]
    assert 'data-testid="publish"' not in page.content.decode()

    response = client.post(
        reverse("booths_proposal_action", args=[proposal.pk, "publish"]), follow=True
    )
    assert "changed after this proposal was made" in messages_of(response)[0]
    assert not Allocation.objects.exists()
    assert latecomer.allocations.count() == 0


def test_discarding_keeps_the_proposal_on_record_and_changes_nothing(desk):
    plan, client = desk
    proposal = allocation_propose(event=plan["event"], actor=plan["organizer"])

    client.post(reverse("booths_proposal_action", args=[proposal.pk, "discard"]))

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DISCARDED
    assert not Allocation.objects.exists()
    listing = client.get(reverse("booths_proposals"))
    assert "Discarded" in listing.content.decode()


@pytest.mark.parametrize("who", ["other_organizer", "exhibitor", "plain"])
def test_the_desk_is_not_there_for_anyone_else(client, desk, who):
    plan, organizer_client = desk
    proposal = allocation_propose(event=plan["event"], actor=plan["organizer"])
    other_event = build_plan(booths=1)["event"]
    people = {
        "other_organizer": UserFactory(),
        "exhibitor": approved(plan)[1],
        "plain": UserFactory(),
    }
    user = people[who]
    if who == "other_organizer":
        role_grant(user=user, role=Role.ORGANIZER, scope=other_event)
    client.force_login(user)

    assert client.get(reverse("booths_proposal", args=[proposal.pk])).status_code in (302, 404)
    response = client.post(reverse("booths_proposal_action", args=[proposal.pk, "publish"]))
    assert response.status_code in (302, 404)
    response = client.post(reverse("booths_proposals"), {"event": plan["event"].pk})
    assert response.status_code in (302, 404)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT
    assert AllocationProposal.objects.count() == 1


# --- the board: move, swap, free, place -------------------------------------------------


def change(client, **form):
    return client.post(reverse("booths_board_change"), form, follow=True)


def test_the_board_moves_swaps_and_frees_booths(desk):
    plan, client = desk
    first, second, third = plan["applications"]
    b = plan["booths"]
    one = booth_assign(booth=b[0], application=first, actor=plan["organizer"])
    booth_assign(booth=b[1], application=second, actor=plan["organizer"])

    response = change(client, booth=b[0].pk, change="move", target=b[2].code, note="Dekat pintu")
    assert messages_of(response) == [f"Moved from {b[0].code} to {b[2].code}."]
    moved = Allocation.objects.get(application=first, status=ACTIVE)
    assert (
        moved.booth == b[2]
        and moved.note == "Dekat pintu"
        and moved.created_by == plan["organizer"]
    )
    one.refresh_from_db()
    assert one.status == AllocationStatus.RELEASED  # the trail keeps where it stood

    response = change(client, booth=b[2].pk, change="swap", target=b[1].code)
    assert messages_of(response) == [f"Swapped {b[2].code} and {b[1].code}."]
    assert Allocation.objects.get(application=first, status=ACTIVE).booth == b[1]
    assert Allocation.objects.get(application=second, status=ACTIVE).booth == b[2]

    response = change(client, booth=b[1].pk, change="release")
    assert messages_of(response) == [f"Booth {b[1].code} is free again."]
    assert not Allocation.objects.filter(application=first, status=ACTIVE).exists()

    response = change(client, booth=b[3].pk, change="assign", application=third.pk)
    assert messages_of(response) == [f"{third.business.display_name} is in booth {b[3].code}."]
    assert Allocation.objects.get(application=third, status=ACTIVE).booth == b[3]


def test_the_board_refuses_bad_changes_with_a_message(desk):
    plan, client = desk
    first, second, _third = plan["applications"]
    b = plan["booths"]
    booth_assign(booth=b[0], application=first, actor=plan["organizer"])
    booth_hold(booth=b[1], application=second, actor=None)
    before = sorted(Allocation.objects.values_list("pk", "status", "booth_id"))

    cases = [
        ({"booth": b[0].pk, "change": "move", "target": b[1].code}, "is taken; swap them"),
        ({"booth": b[0].pk, "change": "swap", "target": b[1].code}, "no exhibitor to swap"),
        ({"booth": b[0].pk, "change": "swap", "target": b[4].code}, "no exhibitor to swap"),
        ({"booth": b[0].pk, "change": "move", "target": b[0].code}, "Choose another booth"),
        ({"booth": b[0].pk, "change": "move", "target": "Q-1"}, "There is no booth Q-1"),
        ({"booth": b[4].pk, "change": "release"}, f"Booth {b[4].code} is free."),
        ({"booth": b[4].pk, "change": "assign", "application": "0"}, "Choose an application"),
        ({"booth": b[1].pk, "change": "move", "target": b[4].code}, "Only a current assignment"),
        ({"booth": b[5].pk, "change": "assign", "application": first.pk}, "already has its 1"),
    ]
    for form, message in cases:
        response = change(client, **form)
        assert any(message in m for m in messages_of(response)), (form, messages_of(response))
    assert sorted(Allocation.objects.values_list("pk", "status", "booth_id")) == before


def test_the_board_s_changes_are_not_for_others(client, desk):
    plan, _organizer_client = desk
    booth = plan["booths"][0]
    assignment = booth_assign(
        booth=booth, application=plan["applications"][0], actor=plan["organizer"]
    )
    other = UserFactory()
    role_grant(user=other, role=Role.ORGANIZER, scope=build_plan(booths=1)["event"])
    client.force_login(other)

    response = client.post(reverse("booths_board_change"), {"booth": booth.pk, "change": "release"})

    assert response.status_code == 404
    assignment.refresh_from_db()
    assert assignment.status == ACTIVE


def test_a_proposal_made_by_a_command_lists_and_opens(desk):
    plan, client = desk
    proposal = allocation_propose(event=plan["event"], actor=None)  # as manage.py does

    listing = client.get(reverse("booths_proposals"))
    page = client.get(reverse("booths_proposal", args=[proposal.pk]))

    assert "the system" in listing.content.decode()
    assert "by the system" in page.content.decode()
