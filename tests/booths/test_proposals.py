"""The organizer asks the allocator for a proposal, adjusts it by hand and publishes it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.factories import UserFactory
from accounts.models import Role
from accounts.services import role_grant
from booths.models import Allocation, AllocationStatus, Booth, ProposalStatus
from booths.services import (
    allocation_propose,
    booth_assign,
    proposal_adjust,
    proposal_publish,
)
from exhibitors.models import ApplicationStatus
from tests.booths.test_holds import approved, build_plan

S = ApplicationStatus
pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = build_plan(booths=6)
    plan["organizer"] = UserFactory()
    role_grant(user=plan["organizer"], role=Role.ORGANIZER, scope=plan["event"])
    plan["applications"] = [approved(plan)[0] for _ in range(4)]
    return plan


def test_a_proposal_places_everyone_it_can_and_changes_nothing_yet(plan):
    proposal = allocation_propose(event=plan["event"], actor=plan["organizer"])

    assert proposal.placed == 4
    assert sorted(app for app, _booth in proposal.placements) == sorted(
        a.pk for a in plan["applications"]
    )
    assert not Allocation.objects.exists()


def test_publishing_applies_every_placement_and_allocates_the_applications(
    plan, mailoutbox, django_capture_on_commit_callbacks
):
    proposal = allocation_propose(event=plan["event"], actor=plan["organizer"])
    with django_capture_on_commit_callbacks(execute=True):
        created = proposal_publish(proposal=proposal, actor=plan["organizer"])

    assert len(created) == 4
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PUBLISHED
    for application in plan["applications"]:
        application.refresh_from_db()
        assert application.status == S.ALLOCATED
    assert len(mailoutbox) == 4  # each exhibitor hears of its booth
    with pytest.raises(ValidationError):
        proposal_publish(proposal=proposal, actor=plan["organizer"])


def test_a_stale_proposal_is_refused_and_nothing_is_half_applied(plan, english):
    proposal = allocation_propose(event=plan["event"], actor=plan["organizer"])
    # Meanwhile someone places an exhibitor by hand.
    latecomer, _owner = approved(plan)
    booth_assign(booth=plan["booths"][5], application=latecomer, actor=plan["organizer"])

    with pytest.raises(ValidationError, match="changed after this proposal"):
        proposal_publish(proposal=proposal, actor=plan["organizer"])
    assert Allocation.objects.filter(status=AllocationStatus.ACTIVE).count() == 1
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT


def test_a_hand_adjustment_moves_one_placement_and_respects_the_rules(plan, english):
    proposal = allocation_propose(event=plan["event"], actor=plan["organizer"])
    application = plan["applications"][0]
    used = {booth for _app, booth in proposal.placements}
    free = next(b for b in plan["booths"] if b.pk not in used)

    placed_in = next(booth for app, booth in proposal.placements if app == application.pk)
    with pytest.raises(ValidationError, match="already has its 1 booth"):
        proposal_adjust(
            proposal=proposal, application=application, booth=free, actor=plan["organizer"]
        )

    proposal = proposal_adjust(
        proposal=proposal,
        application=application,
        booth=free,
        from_booth=Booth.objects.get(pk=placed_in),
        actor=plan["organizer"],
    )
    assert [application.pk, free.pk] in proposal.placements
    assert [application.pk, placed_in] not in proposal.placements

    taken = next(booth for app, booth in proposal.placements if app != application.pk)
    with pytest.raises(ValidationError, match="already taken"):
        proposal_adjust(
            proposal=proposal,
            application=application,
            booth=Booth.objects.get(pk=taken),
            from_booth=free,
            actor=plan["organizer"],
        )
    Booth.objects.filter(pk=plan["booths"][0].pk).update(is_blocked=True)
    # Blocking a booth changes the plan: the draft is stale now.
    with pytest.raises(ValidationError, match="changed after this proposal"):
        proposal_adjust(
            proposal=proposal, application=application, booth=None, actor=plan["organizer"]
        )


def test_only_the_edition_s_organizers_propose_and_publish(plan):
    _application, owner = approved(plan)
    with pytest.raises(PermissionDenied):
        allocation_propose(event=plan["event"], actor=owner)
    proposal = allocation_propose(event=plan["event"], actor=plan["organizer"])
    with pytest.raises(PermissionDenied):
        proposal_publish(proposal=proposal, actor=owner)
    assert not Allocation.objects.exists()


def test_the_command_proposes_and_publishes(plan):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("allocate_booths", plan["event"].slug, "--publish", stdout=out)
    assert "4 booths placed" in out.getvalue()
    assert "Published: 4 booths allocated." in out.getvalue()
    assert Allocation.objects.filter(status=AllocationStatus.ACTIVE).count() == 4


def test_placing_by_hand_keeps_within_the_booths_asked_for_and_the_quota(plan, english):
    from events.models import Participation

    proposal = allocation_propose(event=plan["event"], actor=plan["organizer"])
    application = plan["applications"][0]
    proposal = proposal_adjust(
        proposal=proposal, application=application, booth=None, actor=plan["organizer"]
    )
    assert application.pk not in {app for app, _booth in proposal.placements}
    free = next(
        b for b in plan["booths"] if b.pk not in {booth for _a, booth in proposal.placements}
    )
    # The association's quota is now exactly what the proposal already uses.
    Participation.objects.filter(event=plan["event"], association=application.association).update(
        booth_quota=len(proposal.placements)
    )
    # A quota change makes the draft stale, so a fresh proposal is made on the new quota.
    proposal = allocation_propose(event=plan["event"], actor=plan["organizer"])
    unplaced = [a for a in plan["applications"] if str(a.pk) in proposal.unplaced]
    assert unplaced, "the tighter quota leaves someone out"
    with pytest.raises(ValidationError, match="has used its quota"):
        proposal_adjust(
            proposal=proposal, application=unplaced[0], booth=free, actor=plan["organizer"]
        )
    proposal.refresh_from_db()
    assert len(proposal.placements) == proposal.placed
