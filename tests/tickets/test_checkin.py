"""The check-in rules, applied online and to offline uploads, with every refusal's reason."""

import uuid
from datetime import timedelta

import pytest

from tests.tickets.world import OPENING_MORNING, make_world
from tickets import tokens
from tickets.models import CheckIn, Direction, Pass, ScanResult
from tickets.selectors import forget_memos, live_figures, pass_token
from tickets.services import (
    Scan,
    checkin_redeem,
    checkin_upload,
    pass_issue,
    pass_reissue,
    pass_void,
    signing_key_rotate,
)

pytestmark = pytest.mark.django_db


def scan(device, text, *, direction=Direction.IN, at=OPENING_MORNING, **extra):
    return checkin_redeem(
        device=device,
        scan=Scan(nonce=uuid.uuid4().hex, text=text, direction=direction, **extra),
        now=at,
    )


@pytest.fixture
def visitor(ticket_world):
    return ticket_world.register().passes[0]


def test_a_valid_pass_enters_once_and_shows_who_it_is(ticket_world, visitor):
    token = pass_token(visitor)
    first = scan(ticket_world.north_device, token)
    assert first.admitted
    assert first.holder_name == "Sari Wulandari"
    assert first.pass_type == "Pengunjung Umum"
    again = scan(ticket_world.south_device, token, at=OPENING_MORNING + timedelta(minutes=5))
    assert not again.admitted
    assert again.reason == "already_inside"
    assert str(again.reason_text) == "Sudah di dalam"


def test_after_an_exit_the_pass_may_enter_again(ticket_world, visitor):
    token = pass_token(visitor)
    scan(ticket_world.north_device, token)
    out = scan(
        ticket_world.north_device,
        token,
        direction=Direction.OUT,
        at=OPENING_MORNING + timedelta(hours=1),
    )
    assert out.admitted
    back = scan(ticket_world.south_device, token, at=OPENING_MORNING + timedelta(hours=2))
    assert back.admitted


def test_inside_yesterday_does_not_block_today(ticket_world):
    visitor = ticket_world.register(days=ticket_world.days[:2]).passes[0]
    token = pass_token(visitor)
    assert scan(ticket_world.north_device, token).admitted
    assert scan(ticket_world.north_device, token, at=OPENING_MORNING + timedelta(days=1)).admitted


def test_the_typed_pass_code_works_like_the_qr(ticket_world, visitor):
    typed = f"{visitor.code[:5].lower()}-{visitor.code[5:]}"
    assert scan(ticket_world.north_device, typed).admitted


def test_wrong_day(ticket_world, visitor):
    outcome = scan(
        ticket_world.north_device, pass_token(visitor), at=OPENING_MORNING + timedelta(days=1)
    )
    assert outcome.reason == "wrong_day"


def test_not_an_exhibition_day(ticket_world, visitor):
    outcome = scan(
        ticket_world.north_device, pass_token(visitor), at=OPENING_MORNING - timedelta(days=3)
    )
    assert outcome.reason == "closed"


def test_a_gate_restricted_to_vip(ticket_world):
    vip = pass_issue(
        event=ticket_world.event,
        pass_type=ticket_world.vip,
        days=ticket_world.days,
        holder_name="Ibu Menteri",
        actor=None,
        deliver=False,
    )
    token = pass_token(vip)
    assert scan(ticket_world.north_device, token).reason == "wrong_gate"
    assert scan(ticket_world.vip_device, token).admitted


def test_staff_badges_enter_many_times(ticket_world):
    staff = pass_issue(
        event=ticket_world.event,
        pass_type=ticket_world.staff,
        days=ticket_world.days,
        holder_name="Penjaga Stan",
        actor=None,
        deliver=False,
    )
    token = pass_token(staff)
    assert all(scan(ticket_world.north_device, token).admitted for _ in range(3))


def test_a_void_pass_is_refused(ticket_world, visitor):
    token = pass_token(visitor)
    pass_void(visitor_pass=visitor, actor=None, reason="Dibatalkan")
    assert scan(ticket_world.north_device, token).reason == "void"


def test_a_reissued_pass_refuses_its_old_code(ticket_world, visitor):
    old = pass_token(visitor)
    reissued = pass_reissue(visitor_pass=visitor, actor=None)
    assert scan(ticket_world.north_device, old).reason == "revoked"
    assert scan(ticket_world.north_device, pass_token(reissued)).admitted


def test_a_pending_pass_is_refused(ticket_world):
    ticket_world.general.requires_approval = True
    ticket_world.general.save()
    pending = ticket_world.register().passes[0]
    assert scan(ticket_world.north_device, pass_token(pending)).reason == "not_approved"


@pytest.mark.parametrize(
    "text",
    ["", "hello", "A" * 122, "https://example.com/promo", "AAAAA-BBBBB", "7" * 500],
)
def test_junk_is_refused_as_unknown_and_recorded(ticket_world, text):
    outcome = scan(ticket_world.north_device, text[:200])
    assert outcome.result == ScanResult.REFUSED
    assert outcome.reason == "unknown"
    assert CheckIn.objects.get(pk=outcome.checkin_id).visitor_pass is None


def test_a_forged_token_is_refused(ticket_world, visitor):
    claims = tokens.Claims(
        kid=0,
        event_id=ticket_world.event.pk,
        pass_id=visitor.pk,
        serial=1,
        pass_type_id=visitor.pass_type_id,
        day_mask=visitor.day_mask,
    )
    forger_key, _public = tokens.new_key_pair()
    outcome = scan(ticket_world.north_device, tokens.sign(claims, forger_key))
    assert outcome.reason == "unknown"
    assert not Pass.objects.get(pk=visitor.pk).inside_day_id


def test_a_pass_of_another_edition_is_refused(ticket_world):
    other = make_world(slug="edisi-lain")
    stranger = other.register(email="lain@example.id").passes[0]
    assert scan(ticket_world.north_device, pass_token(stranger)).reason == "other_event"
    assert scan(ticket_world.north_device, stranger.code).reason == "other_event"


def test_a_retired_key_stops_its_tokens(ticket_world, visitor):
    old = pass_token(visitor)
    signing_key_rotate(event=ticket_world.event, actor=None, retire_previous=True)
    forget_memos()
    assert scan(ticket_world.north_device, old).reason == "unknown"
    assert scan(ticket_world.north_device, pass_token(visitor)).admitted


def test_a_rotated_key_keeps_old_tokens_working(ticket_world, visitor):
    old = pass_token(visitor)
    signing_key_rotate(event=ticket_world.event, actor=None)
    forget_memos()
    assert pass_token(visitor) != old
    assert scan(ticket_world.north_device, old).admitted


def test_the_same_nonce_twice_is_one_scan(ticket_world, visitor):
    once = Scan(nonce="n-0001-abcdef", text=pass_token(visitor))
    first = checkin_redeem(device=ticket_world.north_device, scan=once, now=OPENING_MORNING)
    second = checkin_redeem(device=ticket_world.north_device, scan=once, now=OPENING_MORNING)
    assert first.admitted and second.admitted and second.replayed
    assert CheckIn.objects.count() == 1


def test_an_offline_batch_uploaded_twice_is_applied_once(ticket_world):
    passes = [ticket_world.register(email=f"v{n}@example.id").passes[0] for n in range(3)]
    batch = [
        Scan(
            nonce=f"offline-{n:04d}",
            text=pass_token(p),
            scanned_at=OPENING_MORNING + timedelta(minutes=n),
            device_result="admitted",
        )
        for n, p in enumerate(passes)
    ]
    later = OPENING_MORNING + timedelta(hours=1)
    first = checkin_upload(device=ticket_world.north_device, scans=batch, now=later)
    again = checkin_upload(device=ticket_world.north_device, scans=list(reversed(batch)), now=later)
    assert [o.admitted for o in first] == [True, True, True]
    assert all(o.replayed for o in again)
    assert CheckIn.objects.filter(offline=True).count() == 3
    assert live_figures(ticket_world.event, now=later).inside_now == 3


def test_two_gates_admitting_one_pass_offline_flag_a_conflict(ticket_world, visitor):
    token = pass_token(visitor)
    later = OPENING_MORNING + timedelta(hours=1)
    north = Scan(
        nonce="north-1-abcdef", text=token, scanned_at=OPENING_MORNING, device_result="admitted"
    )
    south = Scan(
        nonce="south-1-abcdef",
        text=token,
        scanned_at=OPENING_MORNING + timedelta(minutes=3),
        device_result="admitted",
    )
    (a,) = checkin_upload(device=ticket_world.north_device, scans=[north], now=later)
    (b,) = checkin_upload(device=ticket_world.south_device, scans=[south], now=later)
    assert a.admitted and not a.conflict
    assert b.admitted and b.conflict and b.reason == "already_inside"
    assert CheckIn.objects.filter(conflict=True).count() == 1


def test_an_old_offline_exit_does_not_undo_a_newer_entry(ticket_world, visitor):
    token = pass_token(visitor)
    scan(ticket_world.north_device, token, at=OPENING_MORNING)
    scan(
        ticket_world.north_device,
        token,
        direction=Direction.OUT,
        at=OPENING_MORNING + timedelta(minutes=30),
    )
    scan(ticket_world.north_device, token, at=OPENING_MORNING + timedelta(minutes=60))
    late_exit = Scan(
        nonce="late-exit-abcdef",
        text=token,
        direction=Direction.OUT,
        scanned_at=OPENING_MORNING + timedelta(minutes=45),
        device_result="admitted",
    )
    checkin_upload(
        device=ticket_world.north_device,
        scans=[late_exit],
        now=OPENING_MORNING + timedelta(minutes=90),
    )
    assert Pass.objects.get(pk=visitor.pk).inside_day_id == ticket_world.days[0].pk


def test_live_figures_count_entries_exits_and_people_inside(ticket_world):
    passes = [ticket_world.register(email=f"v{n}@example.id").passes[0] for n in range(4)]
    for p in passes:
        scan(ticket_world.north_device, pass_token(p))
    scan(
        ticket_world.south_device,
        pass_token(passes[0]),
        direction=Direction.OUT,
        at=OPENING_MORNING + timedelta(hours=1),
    )
    scan(ticket_world.south_device, "junk")
    figures = live_figures(ticket_world.event, now=OPENING_MORNING + timedelta(hours=2))
    assert figures.inside_now == 3
    assert figures.entries_today == 4
    assert figures.exits_today == 1
    assert figures.refused_today == 1
    by_gate = {line["gate"]: line for line in figures.by_gate}
    assert by_gate["Gerbang Utara"]["entries"] == 4
    assert by_gate["Gerbang Selatan"] == {
        "gate": "Gerbang Selatan",
        "entries": 0,
        "exits": 1,
        "refused": 1,
    }
    assert figures.capacities[0].registered == 4


def test_a_pass_moved_by_another_gate_between_read_and_write_is_judged_again(
    ticket_world, visitor, monkeypatch
):
    """The scan's write only lands on the presence it read; else it is judged again, locked."""
    from tickets import services

    read = services._read_pass
    reads = []

    def read_then_another_gate_admits(cursor, pass_id, event_id, *, lock):
        state = read(cursor, pass_id, event_id, lock=lock)
        reads.append(lock)
        if len(reads) == 1:  # the south gate admits the holder just after this read
            Pass.objects.filter(pk=pass_id).update(
                inside_day=ticket_world.days[0], presence_changed_at=OPENING_MORNING
            )
        return state

    monkeypatch.setattr(services, "_read_pass", read_then_another_gate_admits)
    outcome = scan(ticket_world.north_device, pass_token(visitor))
    assert reads == [False, True]
    assert not outcome.admitted
    assert outcome.reason == "already_inside"
    stored = CheckIn.objects.get()
    assert (stored.result, stored.reason) == (ScanResult.REFUSED, "already_inside")
