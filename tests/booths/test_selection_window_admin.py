"""Organizers open and close self-selection per edition in the admin."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts.factories import UserFactory
from accounts.models import Role
from accounts.services import role_grant
from booths.models import SelectionWindow
from events.factories import EventFactory
from events.models import TimeZone
from exhibitors.factories import BusinessFactory, manager_of
from tests.admin import admin_login

pytestmark = pytest.mark.django_db

MAKASSAR = ZoneInfo(TimeZone.WITA)


def url(view="index", *args):
    return reverse(f"booths_selectionwindow:{view}", args=args)


def errors_of(response):
    with translation.override("en"):
        return {
            name: [str(e) for e in errors]
            for name, errors in response.context["form"].errors.items()
        }


@pytest.fixture
def world():
    ours = EventFactory(time_zone=TimeZone.WITA)
    theirs = EventFactory()
    organizer = UserFactory(email="panitia@pameran.test")
    role_grant(user=organizer, role=Role.ORGANIZER, scope=ours)
    other_organizer = UserFactory(email="solo@pameran.test")
    role_grant(user=other_organizer, role=Role.ORGANIZER, scope=theirs)
    return {
        "ours": ours,
        "theirs": theirs,
        "organizer": organizer,
        "other_organizer": other_organizer,
    }


def window_data(event, **overrides):
    data = {
        "event": event.pk,
        "opens_at": "2027-05-01 09:00",
        "closes_at": "2027-05-03 17:00",
        "hold_minutes": "45",
    }
    data.update(overrides)
    return data


def test_organizer_opens_self_selection_in_the_editions_time_zone(client, world):
    admin_login(client, world["organizer"])
    assert client.get(url("add")).status_code == 200

    response = client.post(url("add"), window_data(world["ours"]))

    assert response.status_code == 302
    window = SelectionWindow.objects.get(event=world["ours"])
    # Typed as Makassar wall-clock time (WITA, UTC+8), whatever the admin's own zone.
    assert window.opens_at == datetime(2027, 5, 1, 9, 0, tzinfo=MAKASSAR)
    assert window.closes_at == datetime(2027, 5, 3, 17, 0, tzinfo=MAKASSAR)
    assert window.hold_minutes == 45

    listing = client.get(url())
    assert list(listing.context["object_list"]) == [window]
    html = listing.content.decode()
    assert "01-05-2027\u00a009:00\u00a0WITA" in html
    assert "03-05-2027\u00a017:00\u00a0WITA" in html

    edit = client.get(url("edit", window.pk)).content.decode()
    assert 'value="2027-05-01 09:00"' in edit


def test_organizer_closes_the_window_early_and_shortens_holds(client, world):
    now = timezone.now()
    window = SelectionWindow.objects.create(
        event=world["ours"], opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=1)
    )
    admin_login(client, world["organizer"])
    listing = client.get(url())
    assert listing.context["object_list"][0].is_open()

    closing = timezone.localtime(now - timedelta(minutes=5), MAKASSAR)
    response = client.post(
        url("edit", window.pk),
        window_data(
            world["ours"],
            opens_at=timezone.localtime(window.opens_at, MAKASSAR).strftime("%Y-%m-%d %H:%M"),
            closes_at=closing.strftime("%Y-%m-%d %H:%M"),
            hold_minutes="15",
        ),
    )

    assert response.status_code == 302
    window.refresh_from_db()
    assert window.hold_minutes == 15
    assert not window.is_open()
    assert window.closes_at == closing.replace(second=0, microsecond=0)


def test_a_window_closing_before_it_opens_is_refused_with_the_reason(client, world, english):
    admin_login(client, world["organizer"])
    data = window_data(world["ours"], opens_at="2027-05-03 09:00", closes_at="2027-05-01 09:00")

    response = client.post(url("add"), data)

    assert response.status_code == 200
    assert errors_of(response) == {"closes_at": ["Self-selection must close after it opens."]}
    assert "Self-selection must close after it opens." in response.content.decode()
    assert not SelectionWindow.objects.exists()

    same_time = client.post(url("add"), {**data, "closes_at": data["opens_at"]})
    assert errors_of(same_time) == {"closes_at": ["Self-selection must close after it opens."]}


def test_an_edition_has_one_window(client, world, english):
    now = timezone.now()
    SelectionWindow.objects.create(
        event=world["ours"], opens_at=now, closes_at=now + timedelta(days=1)
    )
    admin_login(client, world["organizer"])

    response = client.post(url("add"), window_data(world["ours"]))

    assert response.status_code == 200
    assert errors_of(response) == {
        "event": ["This edition already has a self-selection window; edit that one."]
    }
    assert SelectionWindow.objects.count() == 1


def test_hold_minutes_must_be_at_least_one(client, world):
    admin_login(client, world["organizer"])
    response = client.post(url("add"), window_data(world["ours"], hold_minutes="0"))
    assert response.status_code == 200
    assert "hold_minutes" in errors_of(response)
    assert not SelectionWindow.objects.exists()


# --- who may -------------------------------------------------------------------------------------


def test_another_editions_organizer_neither_sees_nor_touches_the_window(client, world, english):
    now = timezone.now()
    window = SelectionWindow.objects.create(
        event=world["ours"], opens_at=now, closes_at=now + timedelta(days=1)
    )
    admin_login(client, world["other_organizer"])

    assert list(client.get(url()).context["object_list"]) == []
    assert client.get(url("edit", window.pk)).status_code == 404
    assert client.post(url("edit", window.pk), window_data(world["ours"])).status_code == 404
    assert client.get(url("delete", window.pk)).status_code == 404
    assert client.post(url("delete", window.pk)).status_code == 404
    assert SelectionWindow.objects.filter(pk=window.pk, hold_minutes=30).exists()

    refused = client.post(url("add"), window_data(world["ours"]))
    assert refused.status_code == 200
    assert errors_of(refused)["event"] == ["Choose one of the editions you run."]
    event_choices = refused.context["form"].fields["event"].queryset
    assert list(event_choices) == [world["theirs"]]


def test_organizer_deletes_their_window(client, world):
    now = timezone.now()
    window = SelectionWindow.objects.create(
        event=world["ours"], opens_at=now, closes_at=now + timedelta(days=1)
    )
    admin_login(client, world["organizer"])
    assert client.post(url("delete", window.pk)).status_code == 302
    assert not SelectionWindow.objects.exists()


def test_an_exhibitor_cannot_reach_the_windows(client, world):
    exhibitor = manager_of(BusinessFactory())
    admin_login(client, exhibitor)
    for path in (url(), url("add")):
        response = client.get(path)
        assert response.status_code in (302, 403), path
        if response.status_code == 302:
            assert reverse("wagtailadmin_login") in response["Location"]


def test_the_exhibition_menu_lists_self_selection_windows(client, world):
    admin_login(client, world["organizer"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Self-selection windows" in html
