"""Every role that exists now, asked the one permission question about several objects."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from accounts.factories import UserFactory
from accounts.models import Role, RoleGrant
from accounts.permissions import can, visible
from accounts.services import role_grant, role_revoke
from events.factories import (
    AssociationFactory,
    EventFactory,
    MinistryFactory,
    ParticipationFactory,
    ProgrammeFactory,
)
from events.models import Association, Event, Participation, Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    event_a, event_b = EventFactory(), EventFactory()
    assoc_x, assoc_y = AssociationFactory(), AssociationFactory()
    ministry_1, ministry_2 = MinistryFactory(), MinistryFactory()
    w = {
        "event_a": event_a,
        "event_b": event_b,
        "assoc_x": assoc_x,
        "assoc_y": assoc_y,
        "part_ax": ParticipationFactory(event=event_a, association=assoc_x),
        "part_by": ParticipationFactory(event=event_b, association=assoc_y),
        "ministry_1": ministry_1,
        "ministry_2": ministry_2,
        "prog_1": ProgrammeFactory(ministry=ministry_1),
        "prog_2": ProgrammeFactory(ministry=ministry_2),
        "anonymous": AnonymousUser(),
        "plain": UserFactory(),
        "superuser": UserFactory(is_superuser=True, is_staff=True),
        "organizer": UserFactory(),
        "gate": UserFactory(),
        "assoc_admin": UserFactory(),
        "ministry_reader": UserFactory(),
    }
    role_grant(user=w["organizer"], role=Role.ORGANIZER, scope=event_a)
    role_grant(user=w["gate"], role=Role.GATE_STAFF, scope=event_a)
    role_grant(user=w["assoc_admin"], role=Role.ASSOCIATION_ADMIN, scope=assoc_x)
    role_grant(user=w["ministry_reader"], role=Role.MINISTRY_READER, scope=ministry_1)
    return w


# (user, permission, object key or None, expected)
MATRIX = [
    # organizer of event A
    ("organizer", "wagtailadmin.access_admin", None, True),
    ("organizer", "events.view_event", "event_a", True),
    ("organizer", "events.change_event", "event_a", True),
    ("organizer", "events.change_event", "event_b", False),
    ("organizer", "events.view_event", "event_b", False),
    ("organizer", "events.add_event", None, False),
    ("organizer", "events.delete_event", "event_a", False),
    ("organizer", "events.operate_gates", "event_a", True),
    ("organizer", "events.operate_gates", "event_b", False),
    ("organizer", "events.change_participation", "part_ax", True),
    ("organizer", "events.change_participation", "part_by", False),
    ("organizer", "events.add_participation", None, True),
    ("organizer", "events.view_association", "assoc_y", True),
    ("organizer", "events.change_association", "assoc_y", True),
    ("organizer", "events.add_programme", None, True),
    ("organizer", "events.delete_ministry", "ministry_1", False),
    # gate staff of event A
    ("gate", "wagtailadmin.access_admin", None, False),
    ("gate", "events.view_event", "event_a", True),
    ("gate", "events.view_event", "event_b", False),
    ("gate", "events.change_event", "event_a", False),
    ("gate", "events.operate_gates", "event_a", True),
    ("gate", "events.operate_gates", "event_b", False),
    ("gate", "events.view_participation", "part_ax", False),
    # admin of association X
    ("assoc_admin", "wagtailadmin.access_admin", None, False),
    ("assoc_admin", "events.view_participation", "part_ax", True),
    ("assoc_admin", "events.view_participation", "part_by", False),
    ("assoc_admin", "events.change_participation", "part_ax", False),
    ("assoc_admin", "events.view_association", "assoc_x", True),
    ("assoc_admin", "events.change_association", "assoc_x", True),
    ("assoc_admin", "events.change_association", "assoc_y", False),
    ("assoc_admin", "events.view_event", "event_a", False),
    # reader of ministry 1
    ("ministry_reader", "wagtailadmin.access_admin", None, False),
    ("ministry_reader", "events.view_ministry", "ministry_1", True),
    ("ministry_reader", "events.view_ministry", "ministry_2", False),
    ("ministry_reader", "events.view_programme", "prog_1", True),
    ("ministry_reader", "events.view_programme", "prog_2", False),
    ("ministry_reader", "events.change_programme", "prog_1", False),
    ("ministry_reader", "events.view_event", "event_a", False),
    # no role
    ("plain", "wagtailadmin.access_admin", None, False),
    ("plain", "events.view_event", "event_a", False),
    ("plain", "events.view_association", "assoc_x", False),
    ("anonymous", "events.view_event", "event_a", False),
    ("anonymous", "wagtailadmin.access_admin", None, False),
    # platform superuser, including permissions no rule names
    ("superuser", "events.delete_event", "event_b", True),
    ("superuser", "events.add_event", None, True),
    ("superuser", "events.no_such_action", None, True),
    ("organizer", "events.no_such_action", None, False),
]


@pytest.mark.parametrize(("who", "perm", "target", "expected"), MATRIX)
def test_role_matrix(world, who, perm, target, expected):
    user = world[who]
    obj = world[target] if target else None
    assert can(user, perm, obj) is expected
    # Django's has_perm, which the Wagtail and Django admins call, gives the same answer.
    assert user.has_perm(perm, obj) is expected


def test_visible_narrows_querysets_to_the_scope(world):
    assert list(visible(world["organizer"], "events.change_event", Event.objects.all())) == [
        world["event_a"]
    ]
    assert list(
        visible(world["organizer"], "events.view_participation", Participation.objects.all())
    ) == [world["part_ax"]]
    assert list(
        visible(world["assoc_admin"], "events.view_participation", Participation.objects.all())
    ) == [world["part_ax"]]
    assert list(
        visible(world["ministry_reader"], "events.view_programme", Programme.objects.all())
    ) == [world["prog_1"]]
    assert visible(world["plain"], "events.view_event", Event.objects.all()).count() == 0
    assert visible(world["anonymous"], "events.view_event", Event.objects.all()).count() == 0
    assert visible(world["superuser"], "events.view_event", Event.objects.all()).count() == 2
    # An organizer keeps the cross-edition association register.
    assert (
        visible(world["organizer"], "events.view_association", Association.objects.all()).count()
        == 2
    )


def test_inactive_user_loses_every_permission(world):
    organizer = world["organizer"]
    organizer.is_active = False
    organizer.save()
    assert not can(organizer, "events.change_event", world["event_a"])
    superuser = world["superuser"]
    superuser.is_active = False
    assert not can(superuser, "events.view_event", world["event_a"])


def test_revoking_a_role_takes_effect_at_once(world):
    organizer = world["organizer"]
    assert can(organizer, "events.change_event", world["event_a"])
    assert role_revoke(user=organizer, role=Role.ORGANIZER, scope=world["event_a"]) is True
    assert not can(organizer, "events.change_event", world["event_a"])
    assert role_revoke(user=organizer, role=Role.ORGANIZER, scope=world["event_a"]) is False


def test_granting_twice_keeps_one_grant(world):
    role_grant(user=world["gate"], role=Role.GATE_STAFF, scope=world["event_a"])
    assert RoleGrant.objects.filter(user=world["gate"], role=Role.GATE_STAFF).count() == 1


@pytest.mark.parametrize(
    ("role", "scope_key"),
    [
        (Role.ORGANIZER, "assoc_x"),
        (Role.ASSOCIATION_ADMIN, "event_a"),
        (Role.MINISTRY_READER, "assoc_x"),
        # Business and buyer organisations arrive with later issues; until then these
        # roles cannot be granted over anything that exists.
        (Role.EXHIBITOR, "event_a"),
        (Role.BUYER, "ministry_1"),
    ],
)
@pytest.mark.usefixtures("english")
def test_a_role_over_the_wrong_kind_of_object_is_refused(world, role, scope_key):
    with pytest.raises(ValidationError) as excinfo:
        role_grant(user=world["plain"], role=role, scope=world[scope_key])
    assert "This role is granted over" in str(excinfo.value)
    assert "events." not in str(excinfo.value).replace("exhibitors.", "").replace("matching.", "")
    assert not RoleGrant.objects.filter(user=world["plain"]).exists()


def test_an_unsaved_object_is_judged_by_what_it_points_to(world):
    from events.models import Participation as P

    mine = P(event=world["event_a"], association=world["assoc_y"], booth_quota=1)
    theirs = P(event=world["event_b"], association=world["assoc_x"], booth_quota=1)
    assert can(world["organizer"], "events.add_participation", mine)
    assert not can(world["organizer"], "events.add_participation", theirs)
    # A reverse path on a saved object asks the database.
    assert can(world["organizer"], "events.view_association", world["assoc_y"])
