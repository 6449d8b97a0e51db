"""Organizers place, move and swap exhibitors; every change stays in the booth's history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.factories import UserFactory
from accounts.models import Role
from accounts.services import role_grant
from booths.models import Allocation, AllocationKind, AllocationStatus
from booths.services import allocation_move, allocation_swap, booth_assign, booth_hold
from exhibitors.models import ApplicationStatus
from tests.booths.test_holds import approved, build_plan

S = ApplicationStatus
pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = build_plan(booths=4)
    plan["organizer"] = UserFactory()
    role_grant(user=plan["organizer"], role=Role.ORGANIZER, scope=plan["event"])
    return plan


def test_assigning_an_approved_application_marks_it_allocated(plan):
    application, _owner = approved(plan)
    assignment = booth_assign(
        booth=plan["booths"][0], application=application, actor=plan["organizer"]
    )
    application.refresh_from_db()
    assert assignment.kind == AllocationKind.ASSIGNMENT
    assert application.status == S.ALLOCATED
    assert application.transitions.last().actor == plan["organizer"]


def test_the_exhibitor_s_own_hold_turns_into_the_assignment(plan):
    application, owner = approved(plan)
    hold = booth_hold(booth=plan["booths"][0], application=application, actor=owner)
    booth_assign(booth=plan["booths"][0], application=application, actor=plan["organizer"])
    hold.refresh_from_db()
    assert hold.status == AllocationStatus.RELEASED
    assert Allocation.objects.filter(status=AllocationStatus.ACTIVE).count() == 1


def test_only_the_edition_s_organizers_assign(plan):
    application, owner = approved(plan)
    other = UserFactory()
    role_grant(user=other, role=Role.ORGANIZER, scope=build_plan()["event"])
    for actor in (owner, other):
        with pytest.raises(PermissionDenied):
            booth_assign(booth=plan["booths"][0], application=application, actor=actor)
    assert not Allocation.objects.exists()


def test_a_move_keeps_the_old_booth_in_history_and_tells_a_confirmed_exhibitor(
    plan, mailoutbox, django_capture_on_commit_callbacks, english
):
    application, owner = approved(plan)
    owner.preferred_language = "en"
    owner.save()
    first = booth_assign(booth=plan["booths"][0], application=application, actor=plan["organizer"])
    application.status = S.CONFIRMED
    application.save()

    with django_capture_on_commit_callbacks(execute=True):
        moved = allocation_move(
            allocation=first, to_booth=plan["booths"][2], actor=plan["organizer"]
        )

    first.refresh_from_db()
    assert first.status == AllocationStatus.RELEASED
    assert moved.booth == plan["booths"][2]
    assert "Moved from A-000" in moved.note
    (mail,) = mailoutbox
    assert mail.to == [owner.email]
    assert "from booth A-000 to booth A-002" in mail.body


def test_a_move_onto_a_taken_booth_changes_nothing(plan, english):
    one, _ = approved(plan)
    two, _ = approved(plan)
    first = booth_assign(booth=plan["booths"][0], application=one, actor=plan["organizer"])
    booth_assign(booth=plan["booths"][1], application=two, actor=plan["organizer"])
    with pytest.raises(ValidationError, match="already taken"):
        allocation_move(allocation=first, to_booth=plan["booths"][1], actor=plan["organizer"])
    first.refresh_from_db()
    assert first.status == AllocationStatus.ACTIVE


def test_a_swap_exchanges_two_booths_at_once(plan):
    one, _ = approved(plan)
    two, _ = approved(plan)
    a = booth_assign(booth=plan["booths"][0], application=one, actor=plan["organizer"])
    b = booth_assign(booth=plan["booths"][1], application=two, actor=plan["organizer"])

    new_a, new_b = allocation_swap(first=a, second=b, actor=plan["organizer"])

    assert (new_a.application, new_a.booth) == (one, plan["booths"][1])
    assert (new_b.application, new_b.booth) == (two, plan["booths"][0])
    assert Allocation.objects.filter(status=AllocationStatus.ACTIVE).count() == 2
    assert Allocation.objects.filter(status=AllocationStatus.RELEASED).count() == 2
