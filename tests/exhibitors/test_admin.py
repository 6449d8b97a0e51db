"""The organizer's application queue, review screen and bulk decisions in the Wagtail admin."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from wagtail.admin.admin_url_finder import AdminURLFinder

from accounts.factories import UserFactory
from accounts.models import Role
from accounts.services import role_grant
from events.factories import AssociationFactory, EventFactory, ParticipationFactory
from events.models import EventStatus
from events.regions import Province
from exhibitors.factories import (
    ApplicationFactory,
    BusinessFactory,
    CertificationFactory,
    DocumentFactory,
    ProductFactory,
    manager_of,
)
from exhibitors.models import (
    Application,
    ApplicationStatus,
    ApplicationTransition,
    Business,
    DocumentAccess,
    Scale,
    Sector,
)
from tests.admin import admin_login

pytestmark = pytest.mark.django_db

S = ApplicationStatus
QUEUE = "applications:index"


def review_url(application):
    return reverse("applications:review", args=[application.pk])


def bulk_url(action, *applications, next_url="/admin/exhibitors/applications/"):
    ids = "&".join(f"id={a.pk}" for a in applications)
    return reverse("wagtail_bulk_action", args=["exhibitors", "application", action]) + (
        f"?{ids}&next={next_url}"
    )


def messages_of(response):
    return [str(m).strip() for m in response.context["messages"]] if response.context else []


def listed(response):
    return [a.business.legal_name for a in response.context["object_list"]]


@pytest.fixture
def world():
    a = EventFactory(name="Hari UMKM Nasional 2027", slug="hun-2027", status=EventStatus.PUBLISHED)
    b = EventFactory(name="Pameran Makassar 2027", slug="makassar-2027")
    asephi = AssociationFactory(acronym="ASEPHI", name="Asosiasi Handicraft")
    iwapi = AssociationFactory(acronym="IWAPI", name="Ikatan Wanita Pengusaha")
    hipmi = AssociationFactory(acronym="HIPMI", name="Himpunan Pengusaha Muda")
    ParticipationFactory(event=a, association=asephi, booth_quota=2)
    ParticipationFactory(event=a, association=iwapi, booth_quota=10)
    ParticipationFactory(event=b, association=hipmi, booth_quota=5)
    now = timezone.now()

    def apply(legal_name, association, status, *, event=a, minutes_ago=0, **business):
        return ApplicationFactory(
            business=BusinessFactory(legal_name=legal_name, brand_name="", **business),
            event=event,
            association=association,
            status=status,
            submitted_at=None if status == S.DRAFT else now - timedelta(days=1),
            status_changed_at=now - timedelta(minutes=minutes_ago),
        )

    kopi = apply(
        "CV Kopi Gayo",
        asephi,
        S.ASSOCIATION_VERIFIED,
        minutes_ago=5,
        sector=Sector.KOPI_REMPAH,
        province=Province.ACEH,
        scale=Scale.KECIL,
        nib="7300000000001",
    )
    batik = apply(
        "CV Batik Laweyan",
        asephi,
        S.ASSOCIATION_VERIFIED,
        minutes_ago=10,
        sector=Sector.FASHION,
        province=Province.JAWA_TENGAH,
        nib="7300000000002",
    )
    rendang = apply(
        "UD Rendang Minang",
        iwapi,
        S.SUBMITTED,
        minutes_ago=1,
        sector=Sector.KULINER,
        province=Province.SUMATERA_BARAT,
        scale=Scale.MENENGAH,
        nib="7300000000003",
    )
    tenun = apply("CV Tenun Ikat", iwapi, S.APPROVED, minutes_ago=30, nib="7300000000004")
    toraja = apply("CV Kopi Toraja", hipmi, S.ASSOCIATION_VERIFIED, event=b, nib="7300000000005")
    CertificationFactory(business=kopi.business)
    CertificationFactory(
        business=batik.business,
        issued_on=timezone.localdate() - timedelta(days=800),
        expires_on=timezone.localdate() - timedelta(days=3),
    )

    organizer = UserFactory(email="panitia@pameran.test", full_name="Panitia Solo")
    role_grant(user=organizer, role=Role.ORGANIZER, scope=a)
    organizer_b = UserFactory(email="makassar@pameran.test")
    role_grant(user=organizer_b, role=Role.ORGANIZER, scope=b)
    assoc_admin = UserFactory(email="asephi@pameran.test")
    role_grant(user=assoc_admin, role=Role.ASSOCIATION_ADMIN, scope=asephi)
    return {
        "a": a,
        "b": b,
        "asephi": asephi,
        "iwapi": iwapi,
        "hipmi": hipmi,
        "kopi": kopi,
        "batik": batik,
        "rendang": rendang,
        "tenun": tenun,
        "toraja": toraja,
        "organizer": organizer,
        "organizer_b": organizer_b,
        "assoc_admin": assoc_admin,
        "exhibitor": manager_of(kopi.business),
        "superuser": UserFactory(email="root@pameran.test", is_superuser=True),
    }


@pytest.fixture
def organizer(client, world):
    return admin_login(client, world["organizer"])


# --- the queue --------------------------------------------------------------------------


def test_queue_lists_the_organizers_edition_newest_change_first(organizer, world):
    response = organizer.get(reverse(QUEUE))
    assert response.status_code == 200
    assert listed(response) == [
        "UD Rendang Minang",
        "CV Kopi Gayo",
        "CV Batik Laweyan",
        "CV Tenun Ikat",
    ]
    html = response.content.decode()
    assert review_url(world["kopi"]) in html
    assert review_url(world["toraja"]) not in html
    for header in [
        "Business",
        "Association",
        "Sector",
        "Province",
        "Scale",
        "Booths",
        "Certificates",
        "Submitted",
    ]:
        assert header in html, header
    assert 'data-status="association_verified"' in html
    assert "Verified by the association" in html


def test_queue_has_no_add_edit_or_delete(organizer, world):
    html = organizer.get(reverse(QUEUE)).content.decode()
    assert "Add application" not in html
    for view in ("add", "edit", "delete", "copy", "inspect"):
        with pytest.raises(NoReverseMatch):
            reverse(f"applications:{view}", args=[] if view == "add" else [1])


def test_certificates_column_counts_and_flags_expired(organizer, world):
    html = organizer.get(reverse(QUEUE)).content.decode()
    rows = {a.business.legal_name: a for a in organizer.get(reverse(QUEUE)).context["object_list"]}
    assert rows["CV Kopi Gayo"].certificate_count == 1
    assert not rows["CV Kopi Gayo"].has_expired_certificate
    assert rows["CV Batik Laweyan"].has_expired_certificate
    assert rows["UD Rendang Minang"].certificate_count == 0
    assert html.count("data-expired") == 1


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"association": "iwapi"}, ["UD Rendang Minang", "CV Tenun Ikat"]),
        ({"sector": Sector.KULINER}, ["UD Rendang Minang"]),
        ({"province": Province.ACEH}, ["CV Kopi Gayo"]),
        ({"scale": Scale.MENENGAH}, ["UD Rendang Minang"]),
        ({"status": S.ASSOCIATION_VERIFIED}, ["CV Kopi Gayo", "CV Batik Laweyan"]),
        ({"certificates": "none"}, ["UD Rendang Minang", "CV Tenun Ikat"]),
        ({"certificates": "present"}, ["CV Kopi Gayo", "CV Batik Laweyan"]),
        ({"certificates": "expired"}, ["CV Batik Laweyan"]),
        ({"q": "batik"}, ["CV Batik Laweyan"]),
        ({"q": "7300000000003"}, ["UD Rendang Minang"]),
        ({"q": "7300 0000 0000 3"}, ["UD Rendang Minang"]),
    ],
)
def test_each_filter_narrows_the_queue(organizer, world, params, expected):
    if "association" in params:
        params = {"association": world[params["association"]].pk}
    response = organizer.get(reverse(QUEUE), params)
    assert response.status_code == 200
    assert listed(response) == expected


def test_event_filter_offers_only_the_organizers_editions(organizer, world, client):
    response = organizer.get(reverse(QUEUE), {"event": world["a"].pk})
    assert len(listed(response)) == 4
    choices = list(response.context["filters"].form.fields["event"].queryset)
    assert choices == [world["a"]]
    # Another edition's id is not a valid choice: the filter is ignored, nothing leaks.
    response = organizer.get(reverse(QUEUE), {"event": world["b"].pk})
    assert "CV Kopi Toraja" not in listed(response)

    admin_login(client, world["superuser"])
    response = client.get(reverse(QUEUE), {"event": world["b"].pk})
    assert listed(response) == ["CV Kopi Toraja"]


def test_quota_panel_shows_quota_used_left_and_waiting_in_red_when_over(organizer, world):
    ApplicationFactory(
        event=world["a"], association=world["asephi"], status=S.CONFIRMED, booth_count=3
    )
    response = organizer.get(reverse(QUEUE))
    rows = {
        row["line"].participation.association.acronym: row for row in response.context["quota_rows"]
    }
    assert (rows["ASEPHI"]["line"].used, rows["ASEPHI"]["line"].applied) == (3, 2)
    assert rows["ASEPHI"]["over_by"] == 1
    assert (rows["IWAPI"]["line"].quota, rows["IWAPI"]["line"].used) == (10, 1)
    html = response.content.decode()
    assert "Booth quotas in Hari UMKM Nasional 2027" in html
    assert "1 booth over the quota" in html
    assert 'data-association="ASEPHI" class="pameran-over" data-over' in html
    assert 'data-association="IWAPI">' in html
    # Folded into one line, and unfolded because an association is over its quota.
    assert "4 of 12 booths used · 3 waiting for a decision" in html
    assert "1 association over its quota" in html
    assert '<details class="pameran-quota__details" open>' in html


def test_quota_panel_follows_the_chosen_edition(client, world):
    admin_login(client, world["superuser"])
    response = client.get(reverse(QUEUE), {"event": world["b"].pk})
    assert response.context["quota_event"] == world["b"]
    assert [
        r["line"].participation.association.acronym for r in response.context["quota_rows"]
    ] == ["HIPMI"]


def make_applications(event, association, count):
    """``count`` submitted applications, each from its own business with a certificate."""
    start = Business.objects.count()
    businesses = Business.objects.bulk_create(
        BusinessFactory.build(
            legal_name=f"PT Massal {start + n}", nib=f"{8000000000000 + start + n}"
        )
        for n in range(count)
    )
    now = timezone.now()
    Application.objects.bulk_create(
        Application(
            business=business,
            event=event,
            association=association,
            status=S.SUBMITTED,
            submitted_at=now,
            status_changed_at=now - timedelta(seconds=n),
        )
        for n, business in enumerate(businesses)
    )


def test_queue_queries_do_not_grow_with_5000_applications(
    organizer, world, django_assert_max_num_queries
):
    make_applications(world["a"], world["iwapi"], 10)
    organizer.get(reverse(QUEUE))  # warm caches: content types, the admin profile
    with django_assert_max_num_queries(16) as small:
        response = organizer.get(reverse(QUEUE))
    assert len(response.context["object_list"]) == 14

    make_applications(world["a"], world["iwapi"], 5000)
    with connection.cursor() as cursor:
        # A live database has statistics (autovacuum); without them the planner guesses 1 row.
        cursor.execute(
            "ANALYZE exhibitors_application, exhibitors_business, exhibitors_certification"
        )
    with django_assert_max_num_queries(16) as large:
        response = organizer.get(reverse(QUEUE), {"sector": Sector.KRIYA, "p": 3})
    assert len(response.context["object_list"]) == 50
    assert response.context["paginator"].count == 5011
    assert len(small.captured_queries) == len(large.captured_queries)


# --- the review screen -------------------------------------------------------------------------


def test_review_shows_profile_products_certificates_documents_and_history(organizer, world):
    batik = world["batik"]
    business = batik.business
    chosen = ProductFactory(
        business=business, name="Kemeja Batik Tulis", price_min=350000, price_max=1250000
    )
    ProductFactory(business=business, name="Selendang Sutra")
    batik.products.set([chosen])
    nib = DocumentFactory(business=business, title="NIB OSS")
    reader = world["assoc_admin"]
    DocumentAccess.objects.create(document=nib, user=reader)
    ApplicationTransition.objects.create(
        application=batik,
        from_status=S.SUBMITTED,
        to_status=S.ASSOCIATION_VERIFIED,
        actor=reader,
        reason="Anggota aktif sejak 2019",
    )
    response = organizer.get(review_url(batik))
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "CV Batik Laweyan",
        "7300000000002",
        "Fashion",
        "Jawa Tengah",
        "Kemeja Batik Tulis",
        "Rp 350.000",
        "Rp 1.250.000",
        "Selendang Sutra",
        "NIB OSS",
        "Anggota aktif sejak 2019",
        "Hari UMKM Nasional 2027",
        "ASEPHI",
    ]:
        assert text in html, text
    assert 'data-application-status="association_verified"' in html
    assert 'data-certification="halal" data-expired' in html
    assert f'data-read-by="{reader.email}"' in html
    assert reader.full_name in html
    # Only the decisions open to a verified application are offered.
    assert [d["decision"].action for d in response.context["decisions"]] == [
        "approve",
        "waitlist",
        "reject",
    ]


def test_review_links_documents_through_the_checked_view(organizer, world):
    document = DocumentFactory(business=world["kopi"].business, title="NIB OSS")
    html = organizer.get(review_url(world["kopi"])).content.decode()
    with translation.override("en"):  # the admin reads in its user's language
        link = reverse("exhibitors:document", args=[document.pk])
    assert f'href="{link}"' in html


def decide(client, application, action, **data):
    payload = {"action": action}
    payload.update({f"{action}-{name}": value for name, value in data.items()})
    return client.post(review_url(application), payload)


def test_approve_within_quota(organizer, world):
    response = decide(organizer, world["kopi"], "approve")
    assert response.status_code == 302
    kopi = Application.objects.get(pk=world["kopi"].pk)
    assert kopi.status == S.APPROVED
    assert not kopi.quota_override
    transition = kopi.transitions.get()
    assert (transition.from_status, transition.to_status) == (S.ASSOCIATION_VERIFIED, S.APPROVED)
    assert transition.actor == world["organizer"]
    page = organizer.get(review_url(kopi))
    assert "CV Kopi Gayo: Approved." in messages_of(page)
    assert "Panitia Solo" in page.content.decode()


def test_approve_beyond_quota_is_refused_then_allowed_with_override_and_reason(organizer, world):
    ApplicationFactory(
        event=world["a"], association=world["asephi"], status=S.APPROVED, booth_count=2
    )
    kopi = world["kopi"]

    refused = decide(organizer, kopi, "approve")
    assert refused.status_code == 200
    assert any("beyond its quota" in m for m in messages_of(refused))
    assert Application.objects.get(pk=kopi.pk).status == S.ASSOCIATION_VERIFIED
    assert not kopi.transitions.exists()

    no_reason = decide(organizer, kopi, "approve", override_quota="on")
    assert no_reason.status_code == 200
    assert "Say why this approval goes beyond the association's quota." in messages_of(no_reason)
    assert no_reason.context["decisions"][0]["form"].errors["reason"]
    assert Application.objects.get(pk=kopi.pk).status == S.ASSOCIATION_VERIFIED

    allowed = decide(
        organizer, kopi, "approve", override_quota="on", reason="Sponsor utama, disetujui ketua"
    )
    assert allowed.status_code == 302
    kopi.refresh_from_db()
    assert (kopi.status, kopi.quota_override) == (S.APPROVED, True)
    transition = kopi.transitions.get()
    assert transition.quota_override
    assert transition.reason == "Sponsor utama, disetujui ketua"
    html = organizer.get(review_url(kopi)).content.decode()
    assert "data-quota-override" in html
    assert "beyond the quota" in html


def test_waitlist(organizer, world):
    assert decide(organizer, world["batik"], "waitlist").status_code == 302
    batik = Application.objects.get(pk=world["batik"].pk)
    assert batik.status == S.WAITLISTED
    assert batik.transitions.get().to_status == S.WAITLISTED


def test_reject_needs_a_reason(organizer, world):
    refused = decide(organizer, world["rendang"], "reject", reason="  ")
    assert refused.status_code == 200
    assert "Give a reason; the exhibitor will read it." in refused.content.decode()
    assert Application.objects.get(pk=world["rendang"].pk).status == S.SUBMITTED
    assert not ApplicationTransition.objects.filter(application=world["rendang"]).exists()

    done = decide(organizer, world["rendang"], "reject", reason="Produk belum punya izin edar")
    assert done.status_code == 302
    rendang = Application.objects.get(pk=world["rendang"].pk)
    assert (rendang.status, rendang.reason) == (S.REJECTED, "Produk belum punya izin edar")
    assert rendang.transitions.get().reason == "Produk belum punya izin edar"


def test_cancel_an_approved_application_with_a_reason(organizer, world):
    tenun = world["tenun"]
    assert decide(organizer, tenun, "cancel").status_code == 200
    assert Application.objects.get(pk=tenun.pk).status == S.APPROVED
    assert (
        decide(organizer, tenun, "cancel", reason="Tidak hadir technical meeting").status_code
        == 302
    )
    assert Application.objects.get(pk=tenun.pk).status == S.CANCELLED
    assert tenun.transitions.get().actor == world["organizer"]


def test_a_decision_the_status_does_not_allow_changes_nothing(organizer, world):
    draft = ApplicationFactory(event=world["a"], association=world["iwapi"], status=S.DRAFT)
    response = decide(organizer, draft, "approve")
    assert response.status_code == 200
    assert any("cannot be approved" in m for m in messages_of(response))
    assert Application.objects.get(pk=draft.pk).status == S.DRAFT
    assert response.context["decisions"] == []


def test_unknown_action_is_not_found(organizer, world):
    response = organizer.post(review_url(world["kopi"]), {"action": "allocate"})
    assert response.status_code == 404
    assert Application.objects.get(pk=world["kopi"].pk).status == S.ASSOCIATION_VERIFIED


# --- decisions on a selection -------------------------------------------------------------------


def test_bulk_approve_reports_successes_and_each_failure(organizer, world):
    kopi, batik, rendang = world["kopi"], world["batik"], world["rendang"]
    tenun = world["tenun"]
    iwapi_verified = ApplicationFactory(
        business=BusinessFactory(legal_name="CV Gerabah Kasongan", brand_name=""),
        event=world["a"],
        association=world["iwapi"],
        status=S.ASSOCIATION_VERIFIED,
    )
    confirm = organizer.get(bulk_url("approve", kopi, batik, rendang, iwapi_verified, tenun))
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert "CV Kopi Gayo" in html and "CV Gerabah Kasongan" in html

    response = organizer.post(
        bulk_url("approve", kopi, batik, rendang, iwapi_verified), {"reason": ""}, follow=True
    )
    messages = messages_of(response)
    # ASEPHI's quota is 2 booths: Kopi and Batik fit; Rendang is only submitted.
    assert "3 applications approved." in messages
    assert any(
        m.startswith("UD Rendang Minang was not changed:") and "cannot be approved" in m
        for m in messages
    )
    statuses = dict(
        Application.objects.filter(
            pk__in=[kopi.pk, batik.pk, rendang.pk, iwapi_verified.pk]
        ).values_list("business__legal_name", "status")
    )
    assert statuses == {
        "CV Kopi Gayo": S.APPROVED,
        "CV Batik Laweyan": S.APPROVED,
        "UD Rendang Minang": S.SUBMITTED,
        "CV Gerabah Kasongan": S.APPROVED,
    }
    assert (
        ApplicationTransition.objects.filter(to_status=S.APPROVED, actor=world["organizer"]).count()
        == 3
    )


def test_bulk_approve_beyond_quota_fails_alone(organizer, world):
    ApplicationFactory(event=world["a"], association=world["asephi"], status=S.APPROVED)
    response = organizer.post(
        bulk_url("approve", world["kopi"], world["batik"]), {"reason": ""}, follow=True
    )
    messages = messages_of(response)
    assert "1 application approved." in messages
    assert sum("beyond its quota" in m for m in messages) == 1
    statuses = sorted(
        Application.objects.filter(pk__in=[world["kopi"].pk, world["batik"].pk]).values_list(
            "status", flat=True
        )
    )
    assert statuses == [S.APPROVED, S.ASSOCIATION_VERIFIED]


def test_bulk_reject_needs_a_reason_and_records_it(organizer, world):
    refused = organizer.post(bulk_url("reject", world["kopi"], world["rendang"]), {"reason": ""})
    assert refused.status_code == 200
    assert refused.context["form"].errors["reason"]
    assert Application.objects.filter(status=S.REJECTED).count() == 0

    organizer.post(
        bulk_url("reject", world["kopi"], world["rendang"]), {"reason": "Kuota sektor penuh"}
    )
    rejected = Application.objects.filter(status=S.REJECTED)
    assert set(rejected.values_list("pk", flat=True)) == {world["kopi"].pk, world["rendang"].pk}
    assert set(rejected.values_list("reason", flat=True)) == {"Kuota sektor penuh"}


def test_bulk_waitlist(organizer, world):
    response = organizer.post(
        bulk_url("waitlist", world["kopi"], world["tenun"]), {"reason": ""}, follow=True
    )
    messages = messages_of(response)
    assert "1 application waitlisted." in messages
    assert any(m.startswith("CV Tenun Ikat was not changed:") for m in messages)
    assert Application.objects.get(pk=world["kopi"].pk).status == S.WAITLISTED


def test_bulk_select_all_follows_the_filters(organizer, world):
    url = reverse("wagtail_bulk_action", args=["exhibitors", "application", "waitlist"])
    params = f"?id=all&association={world['asephi'].pk}&next=/admin/"
    confirm = organizer.get(url + params)
    assert {entry["item"].pk for entry in confirm.context["items"]} == {
        world["kopi"].pk,
        world["batik"].pk,
    }
    organizer.post(url + params, {"reason": ""})
    assert set(Application.objects.filter(status=S.WAITLISTED).values_list("pk", flat=True)) == {
        world["kopi"].pk,
        world["batik"].pk,
    }


def test_bulk_on_another_editions_application_finds_nothing(organizer, world):
    assert organizer.get(bulk_url("approve", world["toraja"])).status_code == 404
    response = organizer.post(bulk_url("approve", world["toraja"]), {"reason": ""})
    assert response.status_code == 404
    assert Application.objects.get(pk=world["toraja"].pk).status == S.ASSOCIATION_VERIFIED


# --- who gets in ----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["assoc_admin", "exhibitor"])
def test_association_admins_and_exhibitors_are_refused(client, world, who):
    admin_login(client, world[who])
    for path in [reverse(QUEUE), review_url(world["kopi"]), bulk_url("approve", world["kopi"])]:
        response = client.get(path)
        assert response.status_code in (302, 403), path
        if response.status_code == 302:
            assert reverse("wagtailadmin_login") in response["Location"]
    response = decide(client, world["kopi"], "approve")
    assert response.status_code in (302, 403)
    assert Application.objects.get(pk=world["kopi"].pk).status == S.ASSOCIATION_VERIFIED


def test_organizer_of_another_edition_can_neither_see_nor_decide(client, world):
    admin_login(client, world["organizer_b"])
    assert listed(client.get(reverse(QUEUE))) == ["CV Kopi Toraja"]
    assert client.get(review_url(world["kopi"])).status_code == 404
    assert decide(client, world["kopi"], "approve").status_code == 404
    assert Application.objects.get(pk=world["kopi"].pk).status == S.ASSOCIATION_VERIFIED
    assert client.get(review_url(world["toraja"])).status_code == 200


def test_an_organizer_managing_a_business_does_not_review_it_elsewhere(client, world):
    # The Solo organizer also runs a business that applied to Makassar.
    role_grant(user=world["organizer"], role=Role.EXHIBITOR, scope=world["toraja"].business)
    admin_login(client, world["organizer"])
    assert "CV Kopi Toraja" not in listed(client.get(reverse(QUEUE)))
    assert client.get(review_url(world["toraja"])).status_code == 404


def test_the_queue_sits_in_the_exhibition_menu_for_organizers(client, world):
    admin_login(client, world["organizer"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(QUEUE) in html
    assert "Applications" in html


def test_superuser_sees_every_edition(client, world):
    admin_login(client, world["superuser"])
    assert "CV Kopi Toraja" in listed(client.get(reverse(QUEUE)))
    assert client.get(review_url(world["toraja"])).status_code == 200


def test_sorting_by_a_column_keeps_a_stable_order(organizer, world):
    response = organizer.get(reverse(QUEUE), {"ordering": "association__acronym"})
    # Within one association, the newest application first, on every page.
    assert listed(response) == [
        "CV Batik Laweyan",
        "CV Kopi Gayo",
        "CV Tenun Ikat",
        "UD Rendang Minang",
    ]


def test_links_to_an_application_elsewhere_in_the_admin_open_its_review(world):
    assert AdminURLFinder(world["organizer"]).get_edit_url(world["kopi"]) == review_url(
        world["kopi"]
    )
    assert AdminURLFinder(world["organizer_b"]).get_edit_url(world["kopi"]) is None
