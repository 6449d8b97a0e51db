"""The association portal: who gets in, what an admin sees, verifying, returning, the CSV."""

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.factories import UserFactory
from accounts.models import Role
from accounts.services import role_grant
from events.factories import AssociationFactory, EventFactory, ParticipationFactory
from events.models import EventStatus, TimeZone
from exhibitors.factories import (
    ApplicationFactory,
    BusinessFactory,
    CertificationFactory,
    DocumentFactory,
    ProductFactory,
    manager_of,
)
from exhibitors.models import ApplicationStatus, ApplicationTransition, CertificationKind

pytestmark = pytest.mark.django_db
S = ApplicationStatus
SUBMITTED_AT = datetime(2027, 3, 1, 1, 30, tzinfo=UTC)  # 09:30 WITA


@pytest.fixture
def world():
    """Association X in a WITA edition, with a submitted applicant, a draft and bystanders."""
    event = EventFactory(status=EventStatus.PUBLISHED, time_zone=TimeZone.WITA)
    other_event = EventFactory()
    association, other_association = AssociationFactory(), AssociationFactory()
    ParticipationFactory(event=event, association=association, booth_quota=10)
    ParticipationFactory(event=event, association=other_association, booth_quota=5)
    business = BusinessFactory(legal_name="CV Batik Laweyan", brand_name="Laweyan Asri")
    drafting = BusinessFactory(legal_name="UD Draft Saja", brand_name="")
    foreign = BusinessFactory(legal_name="PT Lain Asosiasi", brand_name="")
    submitted = ApplicationFactory(
        business=business,
        event=event,
        association=association,
        status=S.SUBMITTED,
        submitted_at=SUBMITTED_AT,
        booth_count=2,
    )
    draft = ApplicationFactory(business=drafting, event=event, association=association)
    foreign_application = ApplicationFactory(
        business=foreign,
        event=event,
        association=other_association,
        status=S.SUBMITTED,
        submitted_at=SUBMITTED_AT,
    )
    users = {
        "exhibitor": manager_of(business),
        "other_exhibitor": manager_of(foreign),
        "association_admin": UserFactory(),
        "other_association_admin": UserFactory(),
        "organizer": UserFactory(),
        "other_organizer": UserFactory(),
        "superuser": UserFactory(is_superuser=True, is_staff=True),
    }
    role_grant(user=users["association_admin"], role=Role.ASSOCIATION_ADMIN, scope=association)
    role_grant(
        user=users["other_association_admin"], role=Role.ASSOCIATION_ADMIN, scope=other_association
    )
    role_grant(user=users["organizer"], role=Role.ORGANIZER, scope=event)
    role_grant(user=users["other_organizer"], role=Role.ORGANIZER, scope=other_event)
    return {
        "event": event,
        "other_event": other_event,
        "association": association,
        "other_association": other_association,
        "business": business,
        "submitted": submitted,
        "draft": draft,
        "foreign": foreign_application,
        "users": users,
    }


def home_url(**query):
    url = reverse("exhibitors:association_home")
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def detail_url(application):
    return reverse("exhibitors:association_application", args=[application.pk])


def export_url(event, **query):
    query = {"event": event.slug, **query}
    return (
        reverse("exhibitors:association_export")
        + "?"
        + "&".join(f"{k}={v}" for k, v in query.items())
    )


def listed_ids(response) -> set[int]:
    return {a.pk for a in response.context["page"].object_list}


def csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


# --- who gets in ------------------------------------------------------------------------------

OUTSIDERS = ["exhibitor", "other_exhibitor", "organizer", "other_organizer", "superuser"]


@pytest.mark.parametrize("page", ["home", "detail", "export"])
def test_anonymous_visitors_are_sent_to_log_in(client, world, page):
    url = {
        "home": home_url(),
        "detail": detail_url(world["submitted"]),
        "export": export_url(world["event"]),
    }[page]

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("who", OUTSIDERS)
@pytest.mark.parametrize("page", ["home", "detail", "export"])
def test_everyone_but_association_admins_gets_a_403_page_that_says_why(client, world, who, page):
    client.force_login(world["users"][who])
    url = {
        "home": home_url(),
        "detail": detail_url(world["submitted"]),
        "export": export_url(world["event"]),
    }[page]

    response = client.get(url)

    assert response.status_code == 403
    assert b'data-testid="forbidden"' in response.content
    assert "exhibitors/association/forbidden.html" in [t.name for t in response.templates]


@pytest.mark.parametrize("who", OUTSIDERS)
def test_nobody_but_association_admins_can_verify(
    client, world, who, django_capture_on_commit_callbacks
):
    client.force_login(world["users"][who])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(detail_url(world["submitted"]), {"action": "verify"})

    assert response.status_code == 403
    world["submitted"].refresh_from_db()
    assert world["submitted"].status == S.SUBMITTED


def test_the_forbidden_page_names_the_account_in_english(client, world, english):
    client.force_login(world["users"]["exhibitor"])

    response = client.get(reverse("exhibitors:association_home"))

    assert response.status_code == 403
    assert "This page is for association admins" in response.content.decode()
    assert world["users"]["exhibitor"].email in response.content.decode()


# --- the list -----------------------------------------------------------------------------------


def test_the_admin_sees_only_its_own_submitted_applicants(client, world):
    ApplicationFactory(
        event=world["other_event"], association=world["association"], status=S.SUBMITTED
    )
    client.force_login(world["users"]["association_admin"])

    response = client.get(home_url())

    assert response.status_code == 200
    assert response.context["scope"].event == world["event"]
    assert listed_ids(response) == {world["submitted"].pk}
    html = response.content.decode()
    assert "Laweyan Asri" in html
    assert "UD Draft Saja" not in html
    assert "PT Lain Asosiasi" not in html


def test_the_other_association_sees_its_own_and_not_ours(client, world):
    client.force_login(world["users"]["other_association_admin"])

    response = client.get(home_url())

    assert listed_ids(response) == {world["foreign"].pk}


def test_every_status_after_the_draft_is_listed_with_its_badge(client, world):
    for status in [S.RETURNED, S.ASSOCIATION_VERIFIED, S.APPROVED, S.REJECTED, S.WITHDRAWN]:
        ApplicationFactory(event=world["event"], association=world["association"], status=status)
    client.force_login(world["users"]["association_admin"])

    response = client.get(home_url())

    assert len(listed_ids(response)) == 6
    html = response.content.decode()
    for status in ["submitted", "returned", "association_verified", "approved", "rejected"]:
        assert f'data-status="{status}"' in html
    assert 'data-status="draft"' not in html


def test_the_quota_card_counts_used_left_and_waiting_booths(client, world):
    for count, status in [(3, S.APPROVED), (1, S.CONFIRMED), (2, S.ASSOCIATION_VERIFIED)]:
        ApplicationFactory(
            event=world["event"], association=world["association"], status=status, booth_count=count
        )
    ApplicationFactory(  # another association's use counts against its own quota only
        event=world["event"], association=world["other_association"], status=S.APPROVED
    )
    client.force_login(world["users"]["association_admin"])

    response = client.get(home_url())

    [card] = response.context["quota_cards"]
    assert (card.line.quota, card.line.used, card.line.left, card.line.applied) == (10, 4, 6, 4)
    assert (card.used_percent, card.waiting_percent) == (40, 40)
    html = response.content.decode()
    assert html.count('data-testid="quota-card"') == 1
    assert 'data-testid="quota-left">6<' in html


def test_a_quota_exceeded_by_an_override_shows_red_and_says_by_how_much(client, world, english):
    ApplicationFactory(
        event=world["event"], association=world["association"], status=S.APPROVED, booth_count=4
    )
    for _ in range(3):
        ApplicationFactory(
            event=world["event"],
            association=world["association"],
            status=S.CONFIRMED,
            booth_count=4,
        )
    client.force_login(world["users"]["association_admin"])

    response = client.get(home_url())

    [card] = response.context["quota_cards"]
    assert (card.line.left, card.over_by, card.used_percent) == (-6, 6, 100)
    assert "approved 6 booths beyond the quota" in response.content.decode()


def test_the_status_filter_narrows_the_list_and_a_bogus_status_is_ignored(client, world):
    approved = ApplicationFactory(
        event=world["event"], association=world["association"], status=S.APPROVED
    )
    client.force_login(world["users"]["association_admin"])

    assert listed_ids(client.get(home_url(status="approved"))) == {approved.pk}
    assert listed_ids(client.get(home_url(status="draft"))) == {approved.pk, world["submitted"].pk}
    assert listed_ids(client.get(home_url(status="<script>"))) == {
        approved.pk,
        world["submitted"].pk,
    }


@pytest.mark.parametrize(
    ("search", "found"),
    [("laweyan", True), ("BATIK", True), ("asri", True), ("nothing-like-it", False)],
)
def test_search_by_business_name(client, world, search, found):
    client.force_login(world["users"]["association_admin"])

    ids = listed_ids(client.get(home_url(q=search)))

    assert ids == ({world["submitted"].pk} if found else set())


def test_search_by_nib_whole_or_in_part_however_typed(client, world):
    nib = world["business"].nib
    client.force_login(world["users"]["association_admin"])

    for typed in [nib, nib[-6:], f"{nib[:4]} {nib[4:8]}-{nib[8:]}"]:
        assert listed_ids(client.get(home_url(q=typed))) == {world["submitted"].pk}, typed


def test_search_cannot_reach_drafts_or_other_associations(client, world):
    client.force_login(world["users"]["association_admin"])

    assert listed_ids(client.get(home_url(q="Draft"))) == set()
    assert listed_ids(client.get(home_url(q=world["foreign"].business.nib))) == set()


def test_status_counts_follow_the_search_and_an_empty_result_says_so(client, world):
    ApplicationFactory(event=world["event"], association=world["association"], status=S.APPROVED)
    client.force_login(world["users"]["association_admin"])

    everything = client.get(home_url())
    searched = client.get(home_url(q="laweyan"))
    nothing = client.get(home_url(q="no-such-business"))

    def counts(response):
        return {c["status"]: c["count"] for c in response.context["status_filters"]}

    assert counts(everything) == {"": 2, "submitted": 1, "approved": 1}
    assert counts(searched) == {"": 1, "submitted": 1}
    assert b'data-testid="no-match"' in nothing.content
    assert b'data-testid="export-link"' not in nothing.content


def test_an_association_with_no_applicant_yet_is_told_so(client, world):
    world["submitted"].delete()
    client.force_login(world["users"]["association_admin"])

    response = client.get(home_url())

    assert b'data-testid="no-applicants"' in response.content
    assert b'data-testid="quota-card"' in response.content


def test_the_list_has_pages_of_fifty(client, world):
    for _ in range(50):
        ApplicationFactory(
            event=world["event"], association=world["association"], status=S.SUBMITTED
        )
    client.force_login(world["users"]["association_admin"])

    first = client.get(home_url())
    second = client.get(home_url(page=2))

    assert len(first.context["page"].object_list) == 50
    assert len(second.context["page"].object_list) == 1
    assert listed_ids(first).isdisjoint(listed_ids(second))
    assert f"event={world['event'].slug}&amp;page=2" in first.content.decode()


def test_another_edition_is_chosen_by_its_slug_but_only_among_the_associations_editions(
    client, world
):
    later = EventFactory()
    ParticipationFactory(event=later, association=world["association"])
    there = ApplicationFactory(event=later, association=world["association"], status=S.SUBMITTED)
    client.force_login(world["users"]["association_admin"])

    chosen = client.get(home_url(event=later.slug))
    not_taking_part = client.get(home_url(event=world["other_event"].slug))
    unknown = client.get(home_url(event="no-such-edition"))

    assert listed_ids(chosen) == {there.pk}
    assert b'data-testid="edition-picker"' in chosen.content
    assert not_taking_part.status_code == unknown.status_code == 404


def test_the_current_edition_leads_even_when_a_newer_draft_edition_exists(client, world):
    newer_draft = EventFactory(year=2099)
    ParticipationFactory(event=newer_draft, association=world["association"])
    client.force_login(world["users"]["association_admin"])

    assert client.get(home_url()).context["scope"].event == world["event"]


def test_an_association_in_no_edition_is_told_so(client, world):
    lonely = UserFactory()
    role_grant(user=lonely, role=Role.ASSOCIATION_ADMIN, scope=AssociationFactory())
    client.force_login(lonely)

    response = client.get(home_url())

    assert response.status_code == 200
    assert b'data-testid="no-edition"' in response.content


def test_an_admin_of_two_associations_sees_both_and_can_narrow_to_one(client, world):
    admin = world["users"]["association_admin"]
    role_grant(user=admin, role=Role.ASSOCIATION_ADMIN, scope=world["other_association"])
    client.force_login(admin)

    both = client.get(home_url())
    one = client.get(home_url(association=world["other_association"].slug))

    assert listed_ids(both) == {world["submitted"].pk, world["foreign"].pk}
    assert len(both.context["quota_cards"]) == 2
    assert listed_ids(one) == {world["foreign"].pk}


def test_an_admin_who_also_organizes_sees_only_the_association_here(client, world):
    admin = world["users"]["association_admin"]
    role_grant(user=admin, role=Role.ORGANIZER, scope=world["event"])
    client.force_login(admin)

    assert listed_ids(client.get(home_url())) == {world["submitted"].pk}
    assert client.get(detail_url(world["foreign"])).status_code == 404
    assert client.get(detail_url(world["draft"])).status_code == 404


# --- one application ----------------------------------------------------------------------------


def test_the_detail_shows_profile_products_certificates_and_history(client, world):
    business = world["business"]
    ProductFactory(
        business=business, name="Kain Batik Tulis", price_min=350_000, price_max=1_500_000
    )
    valid = CertificationFactory(business=business, kind=CertificationKind.HALAL)
    expired = CertificationFactory(
        business=business,
        kind=CertificationKind.SNI,
        number="SNI-1234",
        issued_on=date.today() - timedelta(days=800),
        expires_on=date.today() - timedelta(days=1),
    )
    nib_document = DocumentFactory(business=business, title="NIB OSS")
    ApplicationTransition.objects.create(
        application=world["submitted"], from_status=S.DRAFT, to_status=S.SUBMITTED
    )
    client.force_login(world["users"]["association_admin"])

    response = client.get(detail_url(world["submitted"]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "CV Batik Laweyan" in html and business.nib in html
    assert "Kain Batik Tulis" in html and "Rp 350.000" in html and "Rp 1.500.000" in html
    assert html.count('data-testid="certificate"') == 2
    assert html.count('data-expired="true"') == 1
    for document in (valid.document, expired.document, nib_document):
        assert reverse("exhibitors:document", args=[document.pk]) in html
    assert 'data-status="submitted"' in html
    assert b'data-testid="verify-button"' in response.content
    assert b'data-testid="history"' in response.content


def test_the_submitted_time_is_shown_in_the_event_zone(client, world):
    client.force_login(world["users"]["association_admin"])

    html = client.get(detail_url(world["submitted"])).content.decode()

    assert "01-03-2027 09:30 WITA" in html


@pytest.mark.parametrize("key", ["draft", "foreign"])
def test_a_draft_or_another_associations_application_is_a_404(client, world, key):
    application = world[key]
    before = application.status
    client.force_login(world["users"]["association_admin"])

    assert client.get(detail_url(application)).status_code == 404
    assert client.post(detail_url(application), {"action": "verify"}).status_code == 404
    application.refresh_from_db()
    assert application.status == before
    assert not application.transitions.exists()


def test_the_other_associations_admin_cannot_act_on_ours(client, world):
    client.force_login(world["users"]["other_association_admin"])

    response = client.post(detail_url(world["submitted"]), {"action": "return", "reason": "x"})

    assert response.status_code == 404
    world["submitted"].refresh_from_db()
    assert world["submitted"].status == S.SUBMITTED


def test_verifying_moves_it_on_records_who_and_emails_the_exhibitor(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    admin = world["users"]["association_admin"]
    client.force_login(admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(detail_url(world["submitted"]), {"action": "verify"}, follow=True)

    world["submitted"].refresh_from_db()
    assert world["submitted"].status == S.ASSOCIATION_VERIFIED
    transition = world["submitted"].transitions.get()
    assert (transition.actor, transition.from_status) == (admin, S.SUBMITTED)
    assert [m.to for m in mailoutbox] == [[world["users"]["exhibitor"].email]]
    assert 'data-status="association_verified"' in response.content.decode()
    assert b'data-testid="no-action"' in response.content


def test_a_forged_status_in_the_post_is_ignored(client, world, django_capture_on_commit_callbacks):
    client.force_login(world["users"]["association_admin"])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            detail_url(world["submitted"]),
            {"action": "verify", "status": S.CONFIRMED, "to_status": S.APPROVED},
        )

    world["submitted"].refresh_from_db()
    assert world["submitted"].status == S.ASSOCIATION_VERIFIED


@pytest.mark.parametrize("action", ["approve", "confirm", "withdraw", "submit", ""])
def test_actions_that_are_not_the_associations_change_nothing(
    client, world, action, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(world["users"]["association_admin"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(detail_url(world["submitted"]), {"action": action, "reason": "x"})

    assert response.status_code == 302
    world["submitted"].refresh_from_db()
    assert world["submitted"].status == S.SUBMITTED
    assert not world["submitted"].transitions.exists()
    assert mailoutbox == []


def test_returning_with_a_reason_sends_it_to_the_exhibitor(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(world["users"]["association_admin"])
    reason = "Nomor anggota tidak ditemukan; lampirkan kartu anggota."

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            detail_url(world["submitted"]), {"action": "return", "reason": reason}
        )

    assert response.status_code == 302
    world["submitted"].refresh_from_db()
    assert (world["submitted"].status, world["submitted"].reason) == (S.RETURNED, reason)
    assert world["submitted"].transitions.get().reason == reason
    [message] = mailoutbox
    assert reason in message.body


@pytest.mark.parametrize("reason", ["", "   \n  "])
def test_returning_without_a_reason_is_refused_and_changes_nothing(
    client, world, reason, mailoutbox, english, django_capture_on_commit_callbacks
):
    client.force_login(world["users"]["association_admin"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            detail_url(world["submitted"]), {"action": "return", "reason": reason}
        )

    assert response.status_code == 200
    assert "Give a reason; the exhibitor will read it." in response.content.decode()
    world["submitted"].refresh_from_db()
    assert world["submitted"].status == S.SUBMITTED
    assert mailoutbox == []


def test_acting_on_an_application_already_decided_is_refused_with_a_message(
    client, world, mailoutbox, english, django_capture_on_commit_callbacks
):
    world["submitted"].status = S.ASSOCIATION_VERIFIED
    world["submitted"].save()
    client.force_login(world["users"]["association_admin"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            detail_url(world["submitted"]), {"action": "return", "reason": "late"}, follow=True
        )

    messages = [str(m) for m in response.context["messages"]]
    assert any("cannot be returned by the association" in m for m in messages), messages
    world["submitted"].refresh_from_db()
    assert world["submitted"].status == S.ASSOCIATION_VERIFIED
    assert mailoutbox == []


# --- the CSV export -----------------------------------------------------------------------------


def test_the_export_is_a_utf8_csv_excel_opens_with_a_translated_header(client, world):
    client.force_login(world["users"]["association_admin"])
    with translation.override("en"):
        url = export_url(world["event"])

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].endswith(f'{world["event"].slug}.csv"')
    header, *rows = csv_rows(response)
    assert header == [
        "Association",
        "Legal name",
        "Brand name",
        "NIB",
        "Sector",
        "Scale",
        "Province",
        "City or regency",
        "WhatsApp",
        "Business email",
        "Booth type",
        "Booths",
        "Status",
        "Submitted at",
        "Certificates",
    ]
    assert len(rows) == 1


def test_the_export_lists_its_applicants_with_local_times_and_certificates(client, world):
    business = world["business"]
    business.email = "batik@laweyan.test"
    business.save()
    CertificationFactory(business=business, kind=CertificationKind.HALAL)
    CertificationFactory(
        business=business,
        kind=CertificationKind.SNI,
        number="SNI-99",
        issued_on=date.today() - timedelta(days=800),
        expires_on=date.today() - timedelta(days=2),
    )
    client.force_login(world["users"]["association_admin"])
    with translation.override("en"):
        url = export_url(world["event"])

    _, row = csv_rows(client.get(url))

    assert row[:4] == [
        world["association"].acronym,
        "CV Batik Laweyan",
        "Laweyan Asri",
        business.nib,
    ]
    assert row[4:7] == ["Handicraft (kriya)", "Micro (mikro)", "Jawa Tengah"]
    assert row[7:12] == [
        "Kota Surakarta",
        "'+6281234567890",  # the formula guard also quotes a leading +
        "batik@laweyan.test",
        "Standard booth 3 × 3 m",
        "2",
    ]
    assert row[12] == "Submitted"
    assert row[13] == "01-03-2027 09:30"
    assert row[14] == "Halal (BPJPH), SNI (expired)"


def test_the_export_never_holds_drafts_or_other_associations(client, world):
    client.force_login(world["users"]["association_admin"])

    _, *rows = csv_rows(client.get(export_url(world["event"])))

    assert [row[3] for row in rows] == [world["business"].nib]


def test_the_export_follows_the_lists_filters(client, world):
    ApplicationFactory(event=world["event"], association=world["association"], status=S.APPROVED)
    client.force_login(world["users"]["association_admin"])

    _, *approved = csv_rows(client.get(export_url(world["event"], status="approved")))
    _, *searched = csv_rows(client.get(export_url(world["event"], q="laweyan")))

    assert len(approved) == 1 and approved[0][3] != world["business"].nib
    assert [row[3] for row in searched] == [world["business"].nib]


def test_the_export_of_an_edition_the_association_is_not_in_is_a_404(client, world):
    client.force_login(world["users"]["association_admin"])

    assert client.get(export_url(world["other_event"])).status_code == 404


@pytest.mark.parametrize(
    ("legal_name", "expected"),
    [
        ('=HYPERLINK("http://evil.test","klik")', '\'=HYPERLINK("http://evil.test","klik")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("CV Aman = Sentosa", "CV Aman = Sentosa"),
    ],
)
def test_cells_that_look_like_formulas_are_kept_as_text(client, world, legal_name, expected):
    world["business"].legal_name = legal_name
    world["business"].save()
    client.force_login(world["users"]["association_admin"])

    _, row = csv_rows(client.get(export_url(world["event"])))

    assert row[1] == expected


def test_the_list_and_the_detail_take_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    for _ in range(30):
        application = ApplicationFactory(
            event=world["event"], association=world["association"], status=S.SUBMITTED
        )
        CertificationFactory(business=application.business)
    for _ in range(3):
        CertificationFactory(business=world["business"])
        ProductFactory(business=world["business"])
    client.force_login(world["users"]["association_admin"])

    # 11, 8 and 12 today (the session, the user and the grants included), plus the site's
    # menus and footer on pages (the site, its settings, its menus, the menu's pages); thirty
    # rows with one more query each would be far beyond.
    with django_assert_max_num_queries(17):
        client.get(home_url())
    with django_assert_max_num_queries(10):
        client.get(export_url(world["event"]))
    with django_assert_max_num_queries(18):
        client.get(detail_url(world["submitted"]))
