"""The organizer's pass and gate screens in the Wagtail admin: pass types, gates, passes,
pass emails, scanner devices, the waiting list, badge sheets, live figures, signing keys."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone, translation

from accounts.factories import UserFactory
from accounts.models import Role
from accounts.services import role_grant
from events.factories import EventDayFactory, EventFactory
from events.models import EventStatus
from tests.admin import admin_login
from tickets import services
from tickets.factories import (
    GateFactory,
    PassTypeFactory,
    RegistrationFactory,
    StaffPassTypeFactory,
    make_device,
    make_pass,
)
from tickets.models import (
    BadgeSheetJob,
    DeliveryStatus,
    Direction,
    GateDevice,
    JobStatus,
    Pass,
    PassDelivery,
    PassRevocation,
    PassStatus,
    PassType,
    SigningKey,
    WaitlistEntry,
)
from tickets.selectors import display_code, forget_memos

pytestmark = pytest.mark.django_db


def messages_of(response):
    with translation.override("en"):
        return [str(m).strip() for m in response.context["messages"]] if response.context else []


def errors_of(form):
    with translation.override("en"):
        return {name: [str(e) for e in errors] for name, errors in form.errors.items()}


def listed(response):
    return list(response.context["object_list"])


def pass_url(visitor_pass, view="edit"):
    return reverse(f"tickets_pass:{view}", args=[visitor_pass.pk])


def local_today(event):
    return timezone.now().astimezone(ZoneInfo(event.time_zone)).date()


@pytest.fixture(autouse=True)
def _fresh_memos():
    forget_memos()
    yield
    forget_memos()


@pytest.fixture
def world():
    ours = EventFactory(
        name="Hari UMKM Nasional 2027", slug="hun-2027", status=EventStatus.PUBLISHED
    )
    theirs = EventFactory(
        name="Pameran Makassar 2027", slug="makassar-2027", time_zone="Asia/Makassar"
    )
    today = EventDayFactory(event=ours, date=local_today(ours), visitor_capacity=500)
    tomorrow = EventDayFactory(event=ours, date=local_today(ours) + timedelta(days=1))
    their_day = EventDayFactory(event=theirs, date=local_today(theirs))
    north = GateFactory(event=ours, name="Gerbang Utara", code="utara")
    south = GateFactory(event=ours, name="Gerbang Selatan", code="selatan")
    their_gate = GateFactory(event=theirs, name="Gerbang Losari", code="losari")
    general = PassTypeFactory(
        event=ours, name="Pengunjung umum", name_en="General visitor", days=[today, tomorrow]
    )
    buyer = PassTypeFactory(
        event=ours, name="Pembeli bisnis", name_en="Business buyer", price=25_000, days=[today]
    )
    staff = StaffPassTypeFactory(event=ours, name="Petugas stan", days=[today, tomorrow])
    their_type = PassTypeFactory(event=theirs, name="Umum Makassar", days=[their_day])

    registration = RegistrationFactory(
        event=ours, reference="K7M3Q9XD", contact_name="Budi Santoso", email="budi@contoh.id"
    )
    budi = make_pass(
        pass_type=general, holder_name="Budi Santoso", registration=registration, days=[today]
    )
    sari = make_pass(pass_type=general, holder_name="Sari Dewi", holder_email="sari@contoh.id")
    andi = make_pass(pass_type=their_type, holder_name="Andi Makassar", holder_email="a@b.id")

    organizer = UserFactory(email="panitia@pameran.test", full_name="Panitia Solo")
    role_grant(user=organizer, role=Role.ORGANIZER, scope=ours)
    other_organizer = UserFactory(email="makassar@pameran.test")
    role_grant(user=other_organizer, role=Role.ORGANIZER, scope=theirs)
    gate_staff = UserFactory(email="gerbang@pameran.test")
    role_grant(user=gate_staff, role=Role.GATE_STAFF, scope=ours)
    return {
        "ours": ours,
        "theirs": theirs,
        "today": today,
        "tomorrow": tomorrow,
        "their_day": their_day,
        "north": north,
        "south": south,
        "their_gate": their_gate,
        "general": general,
        "buyer": buyer,
        "staff": staff,
        "their_type": their_type,
        "registration": registration,
        "budi": budi,
        "sari": sari,
        "andi": andi,
        "organizer": organizer,
        "other_organizer": other_organizer,
        "gate_staff": gate_staff,
        "superuser": UserFactory(email="root@pameran.test", is_superuser=True),
    }


@pytest.fixture
def organizer(client, world):
    return admin_login(client, world["organizer"])


SCREENS = [
    "tickets_pass:index",
    "tickets_pass:add",
    "tickets_passtype:index",
    "tickets_passtype:add",
    "tickets_gate:index",
    "tickets_gate:add",
    "tickets_passdelivery:index",
    "tickets_gatedevice:index",
    "tickets_waitlistentry:index",
    "tickets_badges",
    "tickets_live",
    "tickets_security",
    "tickets_security_retire",
]


# --- who gets in -----------------------------------------------------------------------------


def test_every_screen_opens_for_the_organizer_and_the_menu_lists_them(organizer, world):
    for name in SCREENS:
        assert organizer.get(reverse(name)).status_code == 200, name
    assert organizer.get(pass_url(world["budi"])).status_code == 200
    # The sidebar's items travel as JSON: "—" is written \u2014 there.
    html = organizer.get(reverse("wagtailadmin_home")).content.decode().replace("\\u2014", "—")
    for label in [
        "Passes",
        "Pass types",
        "Pass emails",
        "Waiting list",
        "Badge sheets",
        "Gates",
        "Scanner devices",
        "Gates — live",
        "Pass security",
    ]:
        assert label in html, label


@pytest.mark.parametrize("who", ["gate_staff", "plain"])
def test_gate_staff_and_others_cannot_open_these_screens(client, world, who):
    user = world["gate_staff"] if who == "gate_staff" else UserFactory()
    admin_login(client, user)
    for path in [reverse(name) for name in SCREENS] + [
        pass_url(world["budi"]),
        pass_url(world["budi"], "pdf"),
    ]:
        response = client.get(path)
        assert response.status_code in (302, 403), path
        if response.status_code == 302:
            assert reverse("wagtailadmin_login") in response["Location"]
    response = client.post(pass_url(world["budi"]), {"action": "void", "reason": "x"})
    assert response.status_code in (302, 403)
    assert Pass.objects.get(pk=world["budi"].pk).status == PassStatus.VALID


def test_organizer_lists_only_their_editions_passes(organizer, world):
    passes = listed(organizer.get(reverse("tickets_pass:index")))
    assert {p.holder_name for p in passes} == {"Budi Santoso", "Sari Dewi"}
    html = organizer.get(reverse("tickets_pass:index")).content.decode()
    assert display_code(world["budi"].code).replace("-", "\u2011") in html
    assert "K7M3Q9XD" in html
    assert "Andi Makassar" not in html


def test_another_editions_pass_answers_404_everywhere(organizer, world):
    andi = world["andi"]
    assert organizer.get(pass_url(andi)).status_code == 404
    assert organizer.get(pass_url(andi, "pdf")).status_code == 404
    for action in ["approve", "void", "reissue", "resend"]:
        response = organizer.post(pass_url(andi), {"action": action, "reason": "hostile"})
        assert response.status_code == 404, action
    andi.refresh_from_db()
    assert (andi.status, andi.serial) == (PassStatus.VALID, 1)
    assert not PassDelivery.objects.filter(visitor_pass=andi).exists()


def test_superuser_sees_every_edition(client, world):
    admin_login(client, world["superuser"])
    names = {p.holder_name for p in listed(client.get(reverse("tickets_pass:index")))}
    assert names == {"Budi Santoso", "Sari Dewi", "Andi Makassar"}
    assert client.get(pass_url(world["andi"])).status_code == 200


# --- the pass list ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"q": "sari"}, {"Sari Dewi"}),
        ({"q": "budi@contoh"}, {"Budi Santoso"}),
        ({"q": "k7m3q9xd"}, {"Budi Santoso"}),  # the registration reference
        ({"status": "void"}, set()),
        ({"status": "valid"}, {"Budi Santoso", "Sari Dewi"}),
    ],
)
def test_pass_list_filters_and_search(organizer, world, query, expected):
    response = organizer.get(reverse("tickets_pass:index"), query)
    assert {p.holder_name for p in listed(response)} == expected


def test_pass_list_searches_codes_as_printed_and_filters_by_type_and_day(organizer, world):
    sari = world["sari"]
    printed = display_code(sari.code).lower()  # "k7m3q-9xd2a", as read off the pass
    response = organizer.get(reverse("tickets_pass:index"), {"q": printed})
    assert [p.holder_name for p in listed(response)] == ["Sari Dewi"]
    response = organizer.get(reverse("tickets_pass:index"), {"day": world["tomorrow"].pk})
    assert [p.holder_name for p in listed(response)] == ["Sari Dewi"]
    make_pass(pass_type=world["buyer"], holder_name="Pak Pembeli")
    response = organizer.get(reverse("tickets_pass:index"), {"pass_type": world["buyer"].pk})
    assert [p.holder_name for p in listed(response)] == ["Pak Pembeli"]
    choices = response.context["filters"].form.fields["pass_type"].queryset
    assert world["their_type"] not in set(choices)


@pytest.mark.parametrize(
    "query",
    [
        {"event": "abc"},
        {"day": "²"},
        {"pass_type": "999999999999999999999"},
        {"status": "<script>"},
        {"day": "-1"},
    ],
)
def test_junk_in_the_pass_list_query_string_is_harmless(organizer, world, query):
    response = organizer.get(reverse("tickets_pass:index"), query)
    assert response.status_code == 200
    assert "Andi Makassar" not in response.content.decode()


def test_a_filter_on_another_editions_day_or_type_shows_none_of_its_passes(organizer, world):
    for query in ({"day": world["their_day"].pk}, {"pass_type": world["their_type"].pk}):
        response = organizer.get(reverse("tickets_pass:index"), query)
        assert response.status_code == 200
        assert "Andi Makassar" not in {p.holder_name for p in listed(response)}


# --- one pass --------------------------------------------------------------------------------


def test_pass_screen_shows_holder_registration_scans_and_emails(organizer, world, client):
    budi = world["budi"]
    device, _token = services.gate_device_register(
        gate=world["north"], name="HP Utara 1", actor=world["gate_staff"]
    )
    services.checkin_redeem(
        device=device, scan=services.Scan(nonce="s-1", text=budi.code, direction=Direction.IN)
    )
    services.checkin_redeem(
        device=device, scan=services.Scan(nonce="s-2", text=budi.code, direction=Direction.IN)
    )
    services.pass_deliver(visitor_pass=budi, reason="registered")
    html = organizer.get(pass_url(budi)).content.decode()
    for text in [
        "Budi Santoso",
        display_code(budi.code),
        "General visitor",
        "K7M3Q9XD",
        "budi@contoh.id",
        "+6281234567890",
        "Kota Surakarta",
        "Jawa Tengah",
        "General public",
        "Gerbang Utara",
        "Already inside",
        "HP Utara 1",
        "registered",
        "WIB",
    ]:
        assert text in html, text
    assert html.count('data-checkin="admitted"') == 1
    assert html.count('data-checkin="refused"') == 1
    consent = timezone.localtime(world["registration"].consent_at, ZoneInfo("Asia/Jakarta"))
    assert f"{consent:%d-%m-%Y %H:%M:%S} WIB" in html


def test_void_requires_a_reason_and_changes_nothing_without_one(organizer, world):
    sari = world["sari"]
    response = organizer.post(pass_url(sari), {"action": "void", "reason": "  "})
    assert response.status_code == 200
    assert "Give a reason for voiding the pass." in messages_of(response)
    assert errors_of(response.context["void_form"]) == {
        "reason": ["Give a reason for voiding the pass."]
    }
    sari.refresh_from_db()
    assert sari.status == PassStatus.VALID
    assert not PassRevocation.objects.filter(visitor_pass=sari).exists()


def test_void_with_a_reason(organizer, world):
    sari = world["sari"]
    response = organizer.post(
        pass_url(sari), {"action": "void", "reason": "Shared on social media"}
    )
    assert response.status_code == 302
    sari.refresh_from_db()
    assert sari.status == PassStatus.VOID
    assert sari.void_reason == "Shared on social media"
    assert PassRevocation.objects.get(visitor_pass=sari).valid_serial == 0
    page = organizer.get(pass_url(sari))
    assert any("is void" in m for m in messages_of(page))
    html = page.content.decode()
    assert 'data-action="void"' not in html and 'data-action="reissue"' not in html
    # Voiding twice is refused with the service's words.
    again = organizer.post(pass_url(sari), {"action": "void", "reason": "again"})
    assert "This pass is already void." in messages_of(again)


def test_reissue_bumps_the_serial_revokes_the_old_code_and_emails_the_new(organizer, world):
    sari = world["sari"]
    old_key = sari.access_key
    response = organizer.post(pass_url(sari), {"action": "reissue"})
    assert response.status_code == 302
    sari.refresh_from_db()
    assert sari.serial == 2 and sari.access_key != old_key
    assert PassRevocation.objects.get(visitor_pass=sari).valid_serial == 2
    delivery = PassDelivery.objects.get(visitor_pass=sari)
    assert (delivery.reason, delivery.to_email) == ("reissued", "sari@contoh.id")
    assert delivery.requested_by == world["organizer"]
    messages = messages_of(organizer.get(pass_url(sari)))
    assert any("re-issued (issue 2)" in m for m in messages)


def test_resend_queues_an_email_to_the_registrations_address(organizer, world):
    budi = world["budi"]  # no email of his own: the registration's
    response = organizer.post(pass_url(budi), {"action": "resend"})
    assert response.status_code == 302
    delivery = PassDelivery.objects.get(visitor_pass=budi)
    assert (delivery.to_email, delivery.reason, delivery.status) == (
        "budi@contoh.id",
        "resent",
        DeliveryStatus.QUEUED,
    )
    assert "Budi Santoso's pass is queued to budi@contoh.id." in messages_of(
        organizer.get(pass_url(budi))
    )


def test_approve_a_pending_pass(organizer, world):
    pending = make_pass(
        pass_type=world["general"],
        holder_name="Guru SMK",
        holder_email="guru@smk.sch.id",
        status=PassStatus.PENDING,
    )
    html = organizer.get(pass_url(pending)).content.decode()
    assert 'data-action="approve"' in html and 'data-action="pdf"' not in html
    response = organizer.post(pass_url(pending), {"action": "approve"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == PassStatus.VALID and pending.approved_at is not None
    assert PassDelivery.objects.get(visitor_pass=pending).reason == "approved"


def test_approving_a_valid_pass_is_refused_with_the_reason(organizer, world):
    response = organizer.post(pass_url(world["sari"]), {"action": "approve"})
    assert response.status_code == 302
    messages = messages_of(organizer.get(pass_url(world["sari"])))
    assert any("Only a pass awaiting approval can be approved" in m for m in messages)
    assert not PassDelivery.objects.filter(visitor_pass=world["sari"]).exists()


def test_an_unknown_action_is_not_found(organizer, world):
    assert organizer.post(pass_url(world["sari"]), {"action": "delete"}).status_code == 404
    assert organizer.get(reverse("tickets_pass:edit", args=[999_999_999])).status_code == 404


def test_a_void_pass_cannot_be_downloaded(organizer, world):
    sari = services.pass_void(visitor_pass=world["sari"], actor=None, reason="x")
    response = organizer.get(pass_url(sari, "pdf"))
    assert response.status_code == 302
    assert "Only a valid pass can be downloaded." in messages_of(organizer.get(pass_url(sari)))


def test_download_the_pass_pdf(organizer, world):
    response = organizer.get(pass_url(world["sari"], "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f"pass-{world['sari'].code}.pdf" in response["Content-Disposition"]


# --- issuing by hand -------------------------------------------------------------------------


def issue_data(world, **overrides):
    data = {
        "event": world["ours"].pk,
        "pass_type": world["general"].pk,
        "days": [world["today"].pk, world["tomorrow"].pk],
        "holder_name": "Ibu Menteri",
        "holder_email": "Menteri@Kementerian.go.id",
        "send": "on",
    }
    data.update(overrides)
    return data


def test_issue_a_pass_by_hand(organizer, world):
    response = organizer.post(reverse("tickets_pass:add"), issue_data(world))
    visitor_pass = Pass.objects.get(holder_name="Ibu Menteri")
    assert response.status_code == 302
    assert response["Location"] == pass_url(visitor_pass)
    assert visitor_pass.event == world["ours"] and visitor_pass.status == PassStatus.VALID
    assert {d.pk for d in visitor_pass.days.all()} == {world["today"].pk, world["tomorrow"].pk}
    assert visitor_pass.day_mask == 0b11
    assert visitor_pass.holder_email == "menteri@kementerian.go.id"
    delivery = PassDelivery.objects.get(visitor_pass=visitor_pass)
    assert (delivery.reason, delivery.requested_by) == ("issued", world["organizer"])
    messages = messages_of(organizer.get(pass_url(visitor_pass)))
    assert any(m.startswith(f"Pass {display_code(visitor_pass.code)} issued") for m in messages)


def test_issue_without_sending(organizer, world):
    organizer.post(reverse("tickets_pass:add"), issue_data(world, send=""))
    visitor_pass = Pass.objects.get(holder_name="Ibu Menteri")
    assert not PassDelivery.objects.filter(visitor_pass=visitor_pass).exists()


@pytest.mark.parametrize(
    "hostile, field",
    [
        ({"days": ["their_day"]}, "days"),
        ({"pass_type": "their_type"}, "pass_type"),
        ({"days": ["abc"]}, "days"),
        ({"holder_name": ""}, "holder_name"),
    ],
)
def test_issue_refuses_another_editions_type_or_day(organizer, world, hostile, field):
    data = {
        key: [world[v].pk if v in world else v for v in value]
        if isinstance(value, list)
        else (world[value].pk if value in world else value)
        for key, value in hostile.items()
    }
    response = organizer.post(reverse("tickets_pass:add"), issue_data(world, **data))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Pass.objects.filter(holder_name="Ibu Menteri").exists()


def test_issue_a_day_the_pass_type_does_not_cover_is_refused_by_the_service(organizer, world):
    response = organizer.post(
        reverse("tickets_pass:add"),
        issue_data(world, pass_type=world["buyer"].pk, days=[world["tomorrow"].pk]),
    )
    assert response.status_code == 200
    assert "This pass type is not valid on one of the days chosen." in messages_of(response)
    assert not Pass.objects.filter(holder_name="Ibu Menteri").exists()


def test_issue_a_pass_on_a_full_day_is_refused(organizer, world):
    type(world["today"]).objects.filter(pk=world["today"].pk).update(visitor_capacity=1)
    response = organizer.post(reverse("tickets_pass:add"), issue_data(world))
    assert response.status_code == 200
    assert any("No places are left" in m for m in messages_of(response))


@pytest.mark.parametrize("event", ["theirs", "junk"])
def test_issue_for_another_or_a_junk_edition_answers_404(organizer, world, event):
    event_id = world["theirs"].pk if event == "theirs" else "1; drop table"
    assert organizer.get(reverse("tickets_pass:add"), {"event": event_id}).status_code == 404
    data = issue_data(world, event=event_id, pass_type=world["their_type"].pk)
    data["days"] = [world["their_day"].pk]
    assert organizer.post(reverse("tickets_pass:add"), data).status_code == 404
    assert not Pass.objects.filter(holder_name="Ibu Menteri").exists()


# --- pass types ------------------------------------------------------------------------------


def pass_type_data(world, **overrides):
    data = {
        "event": world["ours"].pk,
        "name": "Media",
        "name_en": "Press",
        "category": "press",
        "price": "0",
        "days": [world["today"].pk],
        "capacity_per_day": "50",
        "max_per_registration": "1",
        "requires_approval": "on",
        "sort_order": "5",
    }
    data.update(overrides)
    return data


def test_pass_type_list_shows_price_days_capacity_and_flags(organizer, world, english):
    response = organizer.get(reverse("tickets_passtype:index"))
    assert {t.name for t in listed(response)} == {
        "Pengunjung umum",
        "Pembeli bisnis",
        "Petugas stan",
    }
    html = response.content.decode()
    assert "Rp\u00a025.000" in html
    assert "Free" in html
    assert "Umum Makassar" not in html


def test_create_a_pass_type_with_days_and_gates_of_the_edition(organizer, world):
    response = organizer.post(
        reverse("tickets_passtype:add"), pass_type_data(world, gates=[world["north"].pk])
    )
    assert response.status_code == 302
    press = PassType.objects.get(name="Media")
    assert press.event == world["ours"]
    assert list(press.days.all()) == [world["today"]]
    assert list(press.gates.all()) == [world["north"]]
    assert press.requires_approval and not press.is_public


@pytest.mark.parametrize("field, key", [("days", "their_day"), ("gates", "their_gate")])
def test_a_day_or_gate_of_another_edition_is_refused(organizer, world, field, key):
    response = organizer.post(
        reverse("tickets_passtype:add"), pass_type_data(world, **{field: [world[key].pk]})
    )
    assert response.status_code == 200
    errors = errors_of(response.context["form"])
    assert errors[field] == [f"Choose {field} of an edition you run."]
    assert not PassType.objects.filter(name="Media").exists()


def test_even_a_superuser_cannot_mix_the_days_of_two_editions(client, world):
    admin_login(client, world["superuser"])
    response = client.post(
        reverse("tickets_passtype:add"),
        pass_type_data(
            world, days=[world["today"].pk, world["their_day"].pk], gates=[world["their_gate"].pk]
        ),
    )
    assert response.status_code == 200
    errors = errors_of(response.context["form"])
    assert errors["days"] == ["Choose days of Hari UMKM Nasional 2027 only."]
    assert errors["gates"] == ["Choose gates of Hari UMKM Nasional 2027 only."]
    assert not PassType.objects.filter(name="Media").exists()


def test_edit_keeps_the_edition_and_offers_only_its_days(organizer, world):
    general = world["general"]
    url = reverse("tickets_passtype:edit", args=[general.pk])
    form = organizer.get(url).context["form"]
    assert set(form.fields["days"].queryset) == {world["today"], world["tomorrow"]}
    assert form.fields["event"].disabled
    # A hostile edition in the POST is ignored: the pass type stays where it is.
    data = pass_type_data(
        world, event=world["theirs"].pk, name="Pengunjung umum", days=[world["tomorrow"].pk]
    )
    response = organizer.post(url, data)
    assert response.status_code == 302
    general.refresh_from_db()
    assert general.event == world["ours"]
    assert list(general.days.all()) == [world["tomorrow"]]


def test_another_editions_pass_type_and_gate_answer_404(organizer, world):
    for model, obj in [("passtype", world["their_type"]), ("gate", world["their_gate"])]:
        for view in ("edit", "delete"):
            url = reverse(f"tickets_{model}:{view}", args=[obj.pk])
            assert organizer.get(url).status_code == 404, (model, view)
            assert organizer.post(url).status_code == 404, (model, view)
    assert PassType.objects.filter(pk=world["their_type"].pk).exists()


def test_a_pass_type_with_passes_cannot_be_deleted(organizer, world):
    url = reverse("tickets_passtype:delete", args=[world["general"].pk])
    response = organizer.post(url)
    assert response.status_code == 302
    assert PassType.objects.filter(pk=world["general"].pk).exists()
    messages = messages_of(organizer.get(reverse("tickets_passtype:index")))
    assert any("still in use" in m for m in messages)


# --- gates and scanner devices ---------------------------------------------------------------


def test_gate_list_counts_signed_in_devices_and_todays_scans(organizer, world):
    staff = world["gate_staff"]
    phone, _ = services.gate_device_register(gate=world["north"], name="HP 1", actor=staff)
    old, _ = services.gate_device_register(gate=world["north"], name="HP 2", actor=staff)
    services.gate_device_revoke(device=old, actor=staff)
    for n, who in enumerate(["budi", "sari"]):
        services.checkin_redeem(
            device=phone, scan=services.Scan(nonce=f"g{n}", text=world[who].code)
        )
    gates = {g.name: g for g in listed(organizer.get(reverse("tickets_gate:index")))}
    assert set(gates) == {"Gerbang Utara", "Gerbang Selatan"}
    assert (gates["Gerbang Utara"].device_count, gates["Gerbang Utara"].scans_today) == (1, 2)
    assert (gates["Gerbang Selatan"].device_count, gates["Gerbang Selatan"].scans_today) == (0, 0)


def test_create_a_gate_for_the_organizers_edition_only(organizer, world):
    data = {"event": world["ours"].pk, "name": "Gerbang Timur", "code": "timur", "is_active": "on"}
    assert organizer.post(reverse("tickets_gate:add"), data).status_code == 302
    hostile = dict(data, event=world["theirs"].pk, code="timur-2")
    response = organizer.post(reverse("tickets_gate:add"), hostile)
    assert response.status_code == 200
    assert errors_of(response.context["form"])["event"] == ["Choose one of the editions you run."]
    duplicate = organizer.post(reverse("tickets_gate:add"), dict(data, name="Lagi"))
    assert duplicate.status_code == 200
    assert not world["theirs"].gates.filter(code__startswith="timur").exists()


def test_devices_list_and_revoke(organizer, world):
    device, _ = services.gate_device_register(
        gate=world["south"], name="HP Selatan", actor=world["gate_staff"]
    )
    their_device, _ = make_device(gate=world["their_gate"], name="HP Losari")
    response = organizer.get(reverse("tickets_gatedevice:index"))
    assert [d.name for d in listed(response)] == ["HP Selatan"]
    assert "gerbang@pameran.test" in response.content.decode() or (
        world["gate_staff"].full_name in response.content.decode()
    )
    back = reverse("tickets_gatedevice:index") + "?gate=" + str(world["south"].pk)
    response = organizer.post(
        reverse("tickets_gatedevice:revoke", args=[device.pk]), {"next": back}
    )
    assert response.status_code == 302 and response["Location"] == back
    device.refresh_from_db()
    assert device.revoked_at is not None
    assert (
        organizer.post(reverse("tickets_gatedevice:revoke", args=[their_device.pk])).status_code
        == 404
    )
    assert GateDevice.objects.get(pk=their_device.pk).revoked_at is None


def test_a_row_action_never_returns_to_another_site(organizer, world):
    device, _ = make_device(gate=world["north"])
    response = organizer.post(
        reverse("tickets_gatedevice:revoke", args=[device.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("tickets_gatedevice:index")


# --- the pass email log ----------------------------------------------------------------------


def test_email_log_filters_and_resends(organizer, world):
    sent = services.pass_deliver(visitor_pass=world["sari"], reason="registered")
    PassDelivery.objects.filter(pk=sent.pk).update(status=DeliveryStatus.SENT)
    failed = services.pass_deliver(visitor_pass=world["budi"], reason="registered")
    PassDelivery.objects.filter(pk=failed.pk).update(
        status=DeliveryStatus.FAILED, attempts=6, last_error="Connection refused"
    )
    services.pass_deliver(visitor_pass=world["andi"], reason="registered")
    index = reverse("tickets_passdelivery:index")

    response = organizer.get(index)
    assert {d.to_email for d in listed(response)} == {"sari@contoh.id", "budi@contoh.id"}
    assert "Connection refused" in response.content.decode()
    response = organizer.get(index, {"status": "failed"})
    assert [d.pk for d in listed(response)] == [failed.pk]
    response = organizer.get(index, {"event": world["ours"].pk, "status": "sent"})
    assert [d.pk for d in listed(response)] == [sent.pk]

    back = index + "?status=failed"
    response = organizer.post(
        reverse("tickets_passdelivery:resend", args=[failed.pk]), {"next": back}
    )
    assert response.status_code == 302 and response["Location"] == back
    again = PassDelivery.objects.filter(visitor_pass=world["budi"]).order_by("-pk").first()
    assert (again.reason, again.status, again.requested_by) == (
        "resent",
        DeliveryStatus.QUEUED,
        world["organizer"],
    )
    assert "Budi Santoso's pass is queued to budi@contoh.id." in messages_of(organizer.get(back))


def test_resending_another_editions_or_a_void_pass(organizer, world):
    theirs = services.pass_deliver(visitor_pass=world["andi"], reason="registered")
    assert (
        organizer.post(reverse("tickets_passdelivery:resend", args=[theirs.pk])).status_code == 404
    )
    delivery = services.pass_deliver(visitor_pass=world["sari"], reason="registered")
    services.pass_void(visitor_pass=world["sari"], actor=None, reason="x")
    organizer.post(reverse("tickets_passdelivery:resend", args=[delivery.pk]))
    messages = messages_of(organizer.get(reverse("tickets_passdelivery:index")))
    assert "Only a valid pass can be sent." in messages
    assert PassDelivery.objects.filter(visitor_pass=world["sari"]).count() == 1


# --- waiting list ----------------------------------------------------------------------------


def test_waiting_list_lists_and_deletes_only_the_organizers_entries(organizer, world):
    (ours,) = services.waitlist_join(
        event=world["ours"],
        pass_type=world["general"],
        days=[world["today"]],
        name="Rina",
        email="rina@contoh.id",
        consent=True,
    )
    (theirs,) = services.waitlist_join(
        event=world["theirs"],
        pass_type=world["their_type"],
        days=[world["their_day"]],
        name="Ucok",
        email="ucok@contoh.id",
        consent=True,
    )
    response = organizer.get(reverse("tickets_waitlistentry:index"))
    assert [e.name for e in listed(response)] == ["Rina"]
    response = organizer.get(reverse("tickets_waitlistentry:index"), {"day": world["tomorrow"].pk})
    assert listed(response) == []
    url = reverse("tickets_waitlistentry:delete", args=[theirs.pk])
    assert organizer.post(url).status_code == 404
    response = organizer.post(reverse("tickets_waitlistentry:delete", args=[ours.pk]))
    assert response.status_code == 302
    assert list(WaitlistEntry.objects.values_list("name", flat=True)) == ["Ucok"]


# --- live figures ----------------------------------------------------------------------------


def scan(device, visitor_pass, nonce, direction=Direction.IN):
    return services.checkin_redeem(
        device=device,
        scan=services.Scan(nonce=nonce, text=visitor_pass.code, direction=direction),
    )


def test_live_figures_show_who_is_inside_after_scans(organizer, world, english):
    staff = world["gate_staff"]
    north, _ = services.gate_device_register(gate=world["north"], name="HP U", actor=staff)
    south, _ = services.gate_device_register(gate=world["south"], name="HP S", actor=staff)
    assert scan(north, world["budi"], "1").admitted
    assert scan(north, world["sari"], "2").admitted
    assert not scan(south, world["sari"], "3").admitted  # already inside
    assert scan(south, world["sari"], "4", Direction.OUT).admitted
    void = make_pass(pass_type=world["general"], holder_name="X", status=PassStatus.VOID)
    assert not scan(south, void, "5").admitted

    response = organizer.get(reverse("tickets_live"))
    assert response.status_code == 200
    figures = response.context["figures"]
    assert (figures.inside_now, figures.entries_today, figures.exits_today) == (1, 2, 1)
    assert figures.refused_today == 2
    html = response.content.decode()
    assert 'hx-trigger="every 15s"' in html
    assert "Already inside" in html and "Pass is void" in html
    by_gate = {line["gate"]: line for line in figures.by_gate}
    assert by_gate["Gerbang Utara"]["entries"] == 2
    assert (by_gate["Gerbang Selatan"]["exits"], by_gate["Gerbang Selatan"]["refused"]) == (1, 2)
    hour = timezone.now().astimezone(ZoneInfo("Asia/Jakarta")).strftime("%H")
    assert f'data-hour="{hour}"' in html
    (row,) = response.context["hour_rows"]
    assert (row["entries"], row["exits"]) == (2, 1)
    today_line = next(c for c in figures.capacities if c.day == world["today"])
    assert (today_line.registered, today_line.capacity) == (2, 500)

    partial = organizer.get(reverse("tickets_live"), HTTP_HX_REQUEST="true")
    body = partial.content.decode()
    assert body.lstrip().startswith('<div id="live-figures"')
    assert "<html" not in body and 'data-figure="inside"' in body


def test_live_figures_of_another_day_and_hostile_edition_ids(organizer, world):
    response = organizer.get(reverse("tickets_live"), {"day": world["tomorrow"].pk})
    assert response.context["day"] == world["tomorrow"]
    # A day of another edition falls back to today; another edition or junk is not found.
    response = organizer.get(reverse("tickets_live"), {"day": world["their_day"].pk})
    assert response.context["day"] == world["today"]
    for event_id in [world["theirs"].pk, "abc", "²", "99999999999999999999"]:
        response = organizer.get(reverse("tickets_live"), {"event": event_id})
        assert response.status_code == 404, event_id


def test_an_organizer_of_two_editions_switches_between_them(client, world):
    both = world["organizer"]
    role_grant(user=both, role=Role.ORGANIZER, scope=world["theirs"])
    admin_login(client, both)
    response = client.get(reverse("tickets_live"))
    assert response.context["event"] == world["ours"]  # the published one leads
    assert 'id="live-edition"' in response.content.decode()
    response = client.get(reverse("tickets_live"), {"event": world["theirs"].pk})
    assert response.context["event"] == world["theirs"]
    assert response.context["day"] == world["their_day"]


# --- badge sheets ----------------------------------------------------------------------------


def test_badge_sheets_need_staff_passes(organizer, world):
    response = organizer.post(reverse("tickets_badges"), {"event": world["ours"].pk})
    assert response.status_code == 302
    assert "There are no valid staff passes to print." in messages_of(
        organizer.get(reverse("tickets_badges"))
    )
    assert not BadgeSheetJob.objects.exists()


def test_badge_job_request_shows_progress_while_running(organizer, world, monkeypatch):
    for name in ("Pegawai Satu", "Pegawai Dua"):
        make_pass(pass_type=world["staff"], holder_name=name)
    monkeypatch.setattr(services, "_queue", lambda *args: None)  # a worker that has not started
    organizer.post(reverse("tickets_badges"), {"event": world["ours"].pk})
    job = BadgeSheetJob.objects.get()
    assert (job.total, job.status, job.requested_by) == (2, JobStatus.QUEUED, world["organizer"])
    BadgeSheetJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, done=1)
    page = organizer.get(reverse("tickets_badges"))
    html = page.content.decode()
    assert "1 / 2 (50%)" in html
    assert 'hx-trigger="every 3s"' in html
    assert "data-staff-passes" in html
    assert organizer.get(reverse("tickets_badge_download", args=[job.pk])).status_code == 404


def test_a_finished_job_is_downloaded_through_the_checked_view(client, organizer, world):
    job = BadgeSheetJob.objects.create(
        event=world["ours"], total=1, done=1, status=JobStatus.DONE, pass_ids=[world["sari"].pk]
    )
    job.file.save(f"badges-test-{job.pk}.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    page = organizer.get(reverse("tickets_badges")).content.decode()
    assert reverse("tickets_badge_download", args=[job.pk]) in page
    assert job.file.name not in page  # private storage: no public address exists
    assert "hx-trigger" not in page  # nothing running: no polling
    response = organizer.get(reverse("tickets_badge_download", args=[job.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert "attachment" in response["Content-Disposition"]
    admin_login(client, world["other_organizer"])
    assert client.get(reverse("tickets_badge_download", args=[job.pk])).status_code == 404
    job.file.delete(save=False)


def test_badge_job_finishes_and_its_pdf_is_downloaded(
    organizer, world, django_capture_on_commit_callbacks
):
    for name in ("Pegawai Satu", "Pegawai Dua"):
        make_pass(pass_type=world["staff"], holder_name=name)
    with django_capture_on_commit_callbacks(execute=True):
        organizer.post(reverse("tickets_badges"), {"event": world["ours"].pk})
    job = BadgeSheetJob.objects.get()
    assert (job.status, job.done, job.total) == (JobStatus.DONE, 2, 2)
    response = organizer.get(reverse("tickets_badge_download", args=[job.pk]))
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    job.file.delete(save=False)


# --- signing keys ----------------------------------------------------------------------------


def test_rotate_makes_a_new_key_and_the_old_still_verifies(organizer, world):
    first = services.signing_key_for(world["ours"])
    response = organizer.post(
        reverse("tickets_security"), {"event": world["ours"].pk, "action": "rotate"}
    )
    assert response.status_code == 302
    keys = list(SigningKey.objects.filter(event=world["ours"]).order_by("kid"))
    assert [k.kid for k in keys] == [first.kid, first.kid + 1]
    assert all(k.retired_at is None for k in keys)
    html = organizer.get(reverse("tickets_security")).content.decode()
    assert "signs new passes" in html and "still verifies" in html


def test_retiring_old_keys_needs_confirmation(organizer, world):
    first = services.signing_key_for(world["ours"])
    url = reverse("tickets_security_retire")
    page = organizer.get(url, {"event": world["ours"].pk}).content.decode()
    assert "stops opening the gates" in page or "stop opening the gates" in page
    response = organizer.post(url, {"event": world["ours"].pk})
    assert response.status_code == 200
    assert "Tick the box to confirm." in messages_of(response)
    first.refresh_from_db()
    assert first.retired_at is None
    response = organizer.post(url, {"event": world["ours"].pk, "confirm": "on"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.retired_at is not None
    assert SigningKey.objects.filter(event=world["ours"], retired_at__isnull=True).count() == 1
    # The old QR codes are refused at the gate now.
    token_before = services.tokens.sign(
        services.tokens.Claims(
            kid=first.kid,
            event_id=world["ours"].pk,
            pass_id=world["sari"].pk,
            serial=1,
            pass_type_id=world["general"].pk,
            day_mask=world["sari"].day_mask,
        ),
        bytes(first.private_key),
    )
    device, _ = make_device(gate=world["north"])
    outcome = services.checkin_redeem(
        device=device, scan=services.Scan(nonce="old", text=token_before)
    )
    assert not outcome.admitted


def test_another_editions_keys_are_not_found(organizer, world):
    for url in (reverse("tickets_security"), reverse("tickets_security_retire")):
        assert organizer.get(url, {"event": world["theirs"].pk}).status_code == 404
        response = organizer.post(
            url, {"event": world["theirs"].pk, "action": "rotate", "confirm": "on"}
        )
        assert response.status_code == 404
    assert not SigningKey.objects.filter(event=world["theirs"]).exists()


# --- the factories other tests use ---------------------------------------------------------------


def test_factories_issue_passes_as_the_services_do(world):
    from tickets.factories import PassFactory
    from tickets.models import DayTally

    general = world["general"]
    visitor_pass = PassFactory(pass_type=general, days=[world["tomorrow"]])
    assert visitor_pass.event == world["ours"]
    assert list(visitor_pass.days.all()) == [world["tomorrow"]]
    assert visitor_pass.day_mask == 0b10  # the edition's second day
    assert len(visitor_pass.code) == 10 and visitor_pass.status == PassStatus.VALID
    pending = PassFactory(event=world["ours"], status=PassStatus.PENDING)
    assert pending.pass_type.event == world["ours"] and pending.approved_at is None
    void = make_pass(event=world["theirs"], status=PassStatus.VOID)
    assert void.voided_at is not None and void.event == world["theirs"]
    taken = DayTally.objects.get(day=world["tomorrow"], pass_type=None).taken
    assert taken == 3  # Sari (both days), the pass above and the pending one (every day)
    device, token = make_device(gate=world["north"])
    assert GateDevice.objects.get(token_digest=services.token_digest(token)) == device
