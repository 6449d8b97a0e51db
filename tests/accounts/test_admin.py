"""People in the Wagtail admin: the Users screens for our User, and role grants."""

import pytest
from django.urls import reverse

from accounts.models import Role, RoleGrant, User
from accounts.permissions import can
from accounts.services import role_grant, user_create
from events.models import Association, Event, Ministry, Venue
from tests.admin import admin_login

pytestmark = pytest.mark.django_db

GRANTS = "accounts_rolegrant"


@pytest.fixture
def world():
    venue = Venue.objects.create(
        name="Pamedan", address="Jl. Ronggowarsito", city="Solo", province="33"
    )
    event = Event.objects.create(name="HUN 2027", slug="hun-2027", year=2027, venue=venue)
    asephi = Association.objects.create(name="ASEPHI", acronym="ASEPHI", slug="asephi")
    kemenkop = Ministry.objects.create(name="Kemenkop UKM", acronym="Kemenkop", slug="kemenkop")
    root = user_create(
        email="root@pameran.test", full_name="Root", is_superuser=True, is_staff=True
    )
    organizer = user_create(email="panitia@pameran.test", full_name="Sri Panitia")
    role_grant(user=organizer, role=Role.ORGANIZER, scope=event)
    budi = user_create(email="budi@pameran.test", full_name="Budi", phone="+6281234567890")
    return {
        "event": event,
        "asephi": asephi,
        "kemenkop": kemenkop,
        "root": root,
        "organizer": organizer,
        "budi": budi,
    }


def key(obj):
    return f"{obj._meta.label_lower}:{obj.pk}"


# --- role grants ------------------------------------------------------------------------


def test_grants_are_listed_and_filtered_by_role(client, world):
    role_grant(user=world["budi"], role=Role.ASSOCIATION_ADMIN, scope=world["asephi"])
    admin_login(client, world["root"])
    everyone = client.get(reverse(f"{GRANTS}:index"))
    assert everyone.status_code == 200
    assert {g.role for g in everyone.context["object_list"]} == {"organizer", "association_admin"}
    admins = client.get(reverse(f"{GRANTS}:index"), {"role": "association_admin"})
    listed = list(admins.context["object_list"])
    assert [(g.user.email, str(g.scope)) for g in listed] == [
        ("budi@pameran.test", "ASEPHI — ASEPHI")
    ]


def test_scope_picker_offers_editions_associations_and_ministries(client, world):
    admin_login(client, world["root"])
    form = client.get(reverse(f"{GRANTS}:add")).context["form"]
    groups = dict(form.fields["scope"].choices[1:])
    assert {label for label, _text in groups["Editions"]} == {key(world["event"])}
    assert {label for label, _text in groups["Associations"]} == {key(world["asephi"])}
    assert {label for label, _text in groups["Ministries"]} == {key(world["kemenkop"])}
    # Roles whose scope model is not installed yet are not offered.
    roles = {value for value, _label in form.fields["role"].choices if value}
    assert {"organizer", "gate_staff", "association_admin", "ministry_reader"} <= roles


def test_granting_a_role_goes_through_the_service_and_takes_effect(client, world):
    admin_login(client, world["root"])
    response = client.post(
        reverse(f"{GRANTS}:add"),
        {"user": world["budi"].pk, "role": "gate_staff", "scope": key(world["event"])},
    )
    assert response.status_code == 302
    grant = RoleGrant.objects.get(user=world["budi"], role="gate_staff")
    assert grant.scope == world["event"]
    assert grant.granted_by == world["root"]
    assert can(User.objects.get(pk=world["budi"].pk), "events.operate_gates", world["event"])


@pytest.mark.parametrize(
    ("role", "scope", "message"),
    [
        (
            "organizer",
            "asephi",
            "The Organizer role is held over one of the editions; pick one of those.",
        ),
        ("association_admin", "event", "held over one of the associations"),
        ("ministry_reader", "missing", "Select a valid choice."),
    ],
)
def test_a_role_over_the_wrong_kind_of_object_is_refused(client, world, role, scope, message):
    admin_login(client, world["root"])
    before = RoleGrant.objects.count()
    value = "events.event:999999" if scope == "missing" else key(world[scope])
    response = client.post(
        reverse(f"{GRANTS}:add"), {"user": world["budi"].pk, "role": role, "scope": value}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert RoleGrant.objects.count() == before


def test_granting_the_same_role_twice_says_so(client, world):
    admin_login(client, world["root"])
    before = RoleGrant.objects.count()
    response = client.post(
        reverse(f"{GRANTS}:add"),
        {"user": world["organizer"].pk, "role": "organizer", "scope": key(world["event"])},
    )
    assert response.status_code == 200
    assert "Sri Panitia already holds this role over HUN 2027." in response.content.decode()
    assert RoleGrant.objects.count() == before


def test_revoking_a_grant_removes_the_permission(client, world):
    admin_login(client, world["root"])
    grant = RoleGrant.objects.get(user=world["organizer"])
    response = client.post(reverse(f"{GRANTS}:delete", args=[grant.pk]))
    assert response.status_code == 302
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()
    assert not can(
        User.objects.get(pk=world["organizer"].pk), "events.change_event", world["event"]
    )


def test_organizers_cannot_grant_roles(client, world):
    admin_login(client, world["organizer"])
    for name in ("index", "add"):
        response = client.get(reverse(f"{GRANTS}:{name}"))
        assert response.status_code in (302, 403)
    response = client.post(
        reverse(f"{GRANTS}:add"),
        {"user": world["budi"].pk, "role": "organizer", "scope": key(world["event"])},
    )
    assert response.status_code in (302, 403)
    assert not RoleGrant.objects.filter(user=world["budi"]).exists()


# --- Users ------------------------------------------------------------------------------


def user_form(**overrides):
    data = {
        "email": "ani@pameran.test",
        "full_name": "Ani Wulandari",
        "phone": "+6281298765432",
        "preferred_language": "id",
        "password1": "Kerajinan-Solo-2027",
        "password2": "Kerajinan-Solo-2027",
    }
    data.update(overrides)
    return data


def test_users_list_and_create_with_email_full_name_and_phone(client, world):
    admin_login(client, world["root"])
    listing = client.get(reverse("wagtailusers_users:index"), {"q": "budi"})
    assert listing.status_code == 200
    assert [u.email for u in listing.context["object_list"]] == ["budi@pameran.test"]
    form_page = client.get(reverse("wagtailusers_users:add")).content.decode()
    assert 'name="full_name"' in form_page and 'name="first_name"' not in form_page
    response = client.post(reverse("wagtailusers_users:add"), user_form(email="Ani@Pameran.test"))
    assert response.status_code == 302
    ani = User.objects.get(email="ani@pameran.test")
    assert (ani.full_name, ani.phone) == ("Ani Wulandari", "+6281298765432")
    assert ani.check_password("Kerajinan-Solo-2027")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"email": "BUDI@pameran.test"}, "Another account already uses this email address."),
        ({"phone": "081234"}, "Enter an Indonesian number starting with +62"),
        ({"full_name": ""}, "This field is required."),
        ({"password2": "something-else"}, "The two password fields didn"),
    ],
)
def test_bad_user_input_is_refused(client, world, overrides, message):
    admin_login(client, world["root"])
    before = User.objects.count()
    response = client.post(reverse("wagtailusers_users:add"), user_form(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert User.objects.count() == before


def test_editing_a_user_keeps_the_custom_fields(client, world):
    admin_login(client, world["root"])
    budi = world["budi"]
    page = client.get(reverse("wagtailusers_users:edit", args=[budi.pk])).content.decode()
    assert 'value="Budi"' in page
    response = client.post(
        reverse("wagtailusers_users:edit", args=[budi.pk]),
        {
            "email": budi.email,
            "full_name": "Budi Santoso",
            "phone": "+6281234567890",
            "preferred_language": "en",
            "is_active": "on",
            "password1": "",
            "password2": "",
        },
    )
    assert response.status_code == 302
    budi.refresh_from_db()
    assert (budi.full_name, budi.preferred_language) == ("Budi Santoso", "en")


def test_organizers_cannot_manage_users(client, world):
    admin_login(client, world["organizer"])
    assert client.get(reverse("wagtailusers_users:index")).status_code in (302, 403)
    client.post(reverse("wagtailusers_users:add"), user_form())
    assert not User.objects.filter(email="ani@pameran.test").exists()
