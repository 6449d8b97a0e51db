"""Registration through the services: passes, capacity, groups, resends, waiting list."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from tests.tickets.world import OPENING_MORNING
from tickets.models import DayTally, Pass, PassDelivery, PassStatus, Registration, WaitlistEntry
from tickets.selectors import day_capacities, places_left
from tickets.services import (
    CapacityError,
    Person,
    pass_approve,
    pass_issue,
    pass_reissue,
    pass_void,
    waitlist_join,
)

pytestmark = pytest.mark.django_db


def test_a_visitor_registers_and_gets_one_pass_by_email(
    ticket_world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = ticket_world.register(days=ticket_world.days[:2])
    assert outcome.created
    (visitor_pass,) = outcome.passes
    visitor_pass.refresh_from_db()
    assert visitor_pass.status == PassStatus.VALID
    assert visitor_pass.holder_name == "Sari Wulandari"
    assert visitor_pass.day_mask == 0b011
    assert sorted(d.date.day for d in visitor_pass.days.all()) == [12, 13]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sari@example.id"]
    assert message.attachments[0][2] == "application/pdf"
    assert visitor_pass.access_key in message.body
    assert PassDelivery.objects.get(visitor_pass=visitor_pass).status == "sent"


def test_registering_the_same_email_again_resends_instead_of_creating(
    ticket_world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = ticket_world.register()
    with django_capture_on_commit_callbacks(execute=True):
        again = ticket_world.register(email="  SARI@example.id ", name="Someone Else")
    assert not again.created
    assert again.registration == first.registration
    assert Pass.objects.count() == 1
    assert len(mail.outbox) == 2
    assert list(PassDelivery.objects.values_list("reason", flat=True).order_by("pk")) == [
        "registered",
        "registered_again",
    ]


def test_a_school_registers_a_group_and_every_member_gets_a_pass(
    ticket_world, django_capture_on_commit_callbacks
):
    members = [Person(name=f"Siswa {n}") for n in range(30)] + [
        Person(name="Bu Guru", email="guru@sekolah.sch.id")
    ]
    with django_capture_on_commit_callbacks(execute=True):
        outcome = ticket_world.register(
            email="tu@sekolah.sch.id",
            name="Tata Usaha SMKN 2",
            pass_type=ticket_world.school,
            people=members,
            organisation="SMK Negeri 2 Surakarta",
            category="student",
        )
    assert len(outcome.passes) == 31
    assert len(mail.outbox) == 31
    recipients = sorted({m.to[0] for m in mail.outbox})
    assert recipients == ["guru@sekolah.sch.id", "tu@sekolah.sch.id"]
    assert day_capacities(ticket_world.event)[0].registered == 31


def test_a_group_larger_than_the_pass_type_allows_is_refused(ticket_world, english):
    with pytest.raises(ValidationError, match="At most 1 people"):
        ticket_world.register(people=[Person(name="A"), Person(name="B")])
    assert not Registration.objects.exists()


def test_a_full_day_says_so_and_nothing_is_created(ticket_world, english):
    day = ticket_world.days[0]
    day.visitor_capacity = 2
    day.save()
    ticket_world.register(email="a@example.id")
    ticket_world.register(email="b@example.id")
    with pytest.raises(CapacityError) as refused:
        ticket_world.register(email="c@example.id", days=ticket_world.days[:2])
    assert refused.value.full_days == [day]
    assert "waiting list" in refused.value.messages[0]
    assert Registration.objects.count() == 2
    # The second day was not charged for the refused registration.
    assert not DayTally.objects.filter(day=ticket_world.days[1], taken__gt=0).exists()


def test_a_pass_type_capacity_is_kept_apart_from_the_days(ticket_world):
    ticket_world.general.capacity_per_day = 1
    ticket_world.general.save()
    ticket_world.register(email="a@example.id")
    with pytest.raises(CapacityError):
        ticket_world.register(email="b@example.id")
    assert places_left(ticket_world.general)[ticket_world.days[0].pk] == 0
    # Another pass type still has room on that day.
    ticket_world.register(email="c@example.id", pass_type=ticket_world.school)


def test_staff_badges_do_not_take_visitors_places(ticket_world):
    day = ticket_world.days[0]
    day.visitor_capacity = 1
    day.save()
    ticket_world.register(email="a@example.id")
    staff = pass_issue(
        event=ticket_world.event,
        pass_type=ticket_world.staff,
        days=[day],
        holder_name="Penjaga Stan",
        actor=None,
        deliver=False,
    )
    assert staff.status == PassStatus.VALID
    with pytest.raises(CapacityError):
        pass_issue(
            event=ticket_world.event,
            pass_type=ticket_world.general,
            days=[day],
            holder_name="Satu Lagi",
            actor=None,
            deliver=False,
        )


def test_voiding_frees_the_place_and_tells_the_waiting_list(
    ticket_world, django_capture_on_commit_callbacks
):
    day = ticket_world.days[0]
    day.visitor_capacity = 1
    day.save()
    outcome = ticket_world.register(email="a@example.id")
    waitlist_join(
        event=ticket_world.event,
        pass_type=ticket_world.general,
        days=[day],
        name="Dewi",
        email="dewi@example.id",
        consent=True,
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pass_void(visitor_pass=outcome.passes[0], actor=ticket_world.organizer, reason="Batal")
    assert places_left(ticket_world.general)[day.pk] == 1
    assert [m.to for m in mail.outbox] == [["dewi@example.id"]]
    assert WaitlistEntry.objects.get().notified_at is not None


def test_void_needs_a_reason_and_happens_once(ticket_world, english):
    visitor_pass = ticket_world.register().passes[0]
    with pytest.raises(ValidationError, match="reason"):
        pass_void(visitor_pass=visitor_pass, actor=None, reason="  ")
    pass_void(visitor_pass=visitor_pass, actor=None, reason="Duplikat")
    with pytest.raises(ValidationError, match="already void"):
        pass_void(visitor_pass=visitor_pass, actor=None, reason="Lagi")
    assert DayTally.objects.get(day=ticket_world.days[0], pass_type=None).taken == 0


def test_reissue_changes_the_code_and_the_link(ticket_world):
    visitor_pass = ticket_world.register().passes[0]
    old_key = Pass.objects.get(pk=visitor_pass.pk).access_key
    reissued = pass_reissue(visitor_pass=visitor_pass, actor=None)
    assert reissued.serial == 2
    assert reissued.access_key != old_key
    assert reissued.revocations.get().valid_serial == 2


def test_a_pass_needing_approval_is_sent_only_once_approved(
    ticket_world, django_capture_on_commit_callbacks
):
    ticket_world.general.requires_approval = True
    ticket_world.general.save()
    with django_capture_on_commit_callbacks(execute=True):
        visitor_pass = ticket_world.register().passes[0]
    assert visitor_pass.status == PassStatus.PENDING
    assert [m.subject for m in mail.outbox] and not mail.outbox[0].attachments
    with django_capture_on_commit_callbacks(execute=True):
        pass_approve(visitor_pass=visitor_pass, actor=ticket_world.organizer)
    assert mail.outbox[-1].attachments


def test_gate_staff_may_not_void_passes(ticket_world):
    from django.core.exceptions import PermissionDenied

    visitor_pass = ticket_world.register().passes[0]
    with pytest.raises(PermissionDenied):
        pass_void(visitor_pass=visitor_pass, actor=ticket_world.gate_staff, reason="x")


@pytest.mark.parametrize(
    "change,message",
    [
        ({"consent": False}, "privacy"),
        ({"days": []}, "at least one day"),
        ({"phone": "12345"}, "+62"),
        ({"email": "not-an-email"}, "email"),
        ({"province": "99"}, "valid choice"),
        ({"category": "alien"}, "valid choice"),
        ({"now": OPENING_MORNING + timedelta(days=10)}, "not open"),
    ],
)
def test_bad_registrations_are_refused_and_change_nothing(ticket_world, english, change, message):
    with pytest.raises(ValidationError) as refused:
        ticket_world.register(**change)
    assert message.lower() in " ".join(refused.value.messages).lower()
    assert not Registration.objects.exists()
    assert not Pass.objects.exists()


def test_a_day_of_another_edition_is_refused(ticket_world, english):
    from tests.tickets.world import make_world

    other = make_world(slug="lain")
    with pytest.raises(ValidationError, match="not valid on one of the days"):
        ticket_world.register(days=[other.days[0]])
