"""The exhibitor portal as an exhibitor (and a hostile one) uses it: pages, forms, refusals."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from accounts.factories import UserFactory
from accounts.models import Role
from accounts.selectors import users_with_role
from accounts.services import role_grant
from events.factories import AssociationFactory, EventFactory, ParticipationFactory
from exhibitors import services
from exhibitors.factories import (
    TINY_PDF,
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
    Business,
    Certification,
    Document,
    DocumentKind,
    Product,
)

S = ApplicationStatus
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


def verified_user(**fields):
    return UserFactory(email_verified_at=timezone.now(), **fields)


def png_bytes(size=(40, 30)) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(output, "PNG")
    return output.getvalue()


class World:
    """An open edition with one association, and a business ready to apply."""

    def __init__(self):
        now = timezone.now()
        self.event = EventFactory(
            exhibitor_registration_opens_at=now - timedelta(days=10),
            exhibitor_registration_closes_at=now + timedelta(days=30),
        )
        self.association = AssociationFactory(acronym="ASEPHI")
        ParticipationFactory(event=self.event, association=self.association)
        self.business = BusinessFactory(legal_name="CV Batik Sekar")
        self.owner = manager_of(self.business, email_verified_at=now)
        DocumentFactory(business=self.business, kind=DocumentKind.NIB)
        self.product = ProductFactory(business=self.business, name="Batik tulis")

    def draft(self, **fields):
        return services.application_create(
            business=self.business,
            event=self.event,
            actor=self.owner,
            association=self.association,
            products=[self.product],
            **fields,
        )


@pytest.fixture
def world():
    return World()


@pytest.fixture
def owner_client(client, world):
    client.force_login(world.owner)
    return client


def application_data(world, **overrides):
    data = {
        "association": world.association.pk,
        "booth_size": "standard",
        "booth_count": "1",
        "preferred_zone": "near the coffee stalls",
        "products": [world.product.pk],
        "staff_count": "2",
        "notes": "",
    }
    data.update(overrides)
    return data


def business_data(**overrides):
    data = {
        "legal_name": "CV Kopi Lereng Merapi",
        "brand_name": "Kopi Lereng",
        "nib": "1234 5678.90123",
        "legal_form": "cv",
        "scale": "mikro",
        "sector": "kopi_rempah",
        "province": "34",
        "city": "Kabupaten Sleman",
        "address": "Jl. Kaliurang Km 20",
        "whatsapp": "0812 3456 7890",
        "export_experience": "none",
        "is_published": "on",
    }
    data.update(overrides)
    return data


# --- pages and who reaches them ----------------------------------------------------------------

OWN_PAGES = [
    ("exhibitors:home", None),
    ("exhibitors:business_edit", None),
    ("exhibitors:managers", None),
    ("exhibitors:products", None),
    ("exhibitors:product_create", None),
    ("exhibitors:product_edit", "product"),
    ("exhibitors:product_delete", "product"),
    ("exhibitors:certifications", None),
    ("exhibitors:certification_delete", "certification"),
    ("exhibitors:documents", None),
    ("exhibitors:business_document_delete", "document"),
    ("exhibitors:application_create", "event"),
    ("exhibitors:application", "application"),
    ("exhibitors:application_edit", "application"),
    ("exhibitors:application_withdraw", "application"),
]


def _url(world, name, arg):
    if arg is None:
        return reverse(name)
    if arg == "event":
        return reverse(name, args=[world.event.slug])
    objects = {
        "product": lambda: world.product,
        "certification": lambda: CertificationFactory(business=world.business),
        "document": lambda: DocumentFactory(business=world.business, kind=DocumentKind.OTHER),
        "application": lambda: world.draft(),
    }
    return reverse(name, args=[objects[arg]().pk])


@pytest.mark.parametrize(("name", "arg"), OWN_PAGES)
def test_every_page_renders_for_a_manager(owner_client, world, name, arg):
    response = owner_client.get(_url(world, name, arg))

    assert response.status_code == 200
    assert b'data-testid="portal-nav"' in response.content


@pytest.mark.parametrize(("name", "arg"), [*OWN_PAGES, ("exhibitors:business_create", None)])
def test_anonymous_visitors_are_sent_to_log_in(client, world, name, arg):
    url = _url(world, name, arg)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "next=" in response["Location"]


def test_the_portal_speaks_english_under_en(owner_client, english):
    response = owner_client.get("/en/portal/")

    assert response.status_code == 200
    assert b"Checklist" in response.content


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("exhibitors:product_edit", "get"),
        ("exhibitors:product_edit", "post"),
        ("exhibitors:product_delete", "post"),
        ("exhibitors:certification_delete", "post"),
        ("exhibitors:business_document_delete", "post"),
        ("exhibitors:application", "get"),
        ("exhibitors:application_edit", "post"),
        ("exhibitors:application_submit", "post"),
        ("exhibitors:application_withdraw", "post"),
    ],
)
def test_another_exhibitor_gets_404_for_foreign_objects(client, world, name, method):
    targets = {
        "exhibitors:product_edit": world.product,
        "exhibitors:product_delete": world.product,
        "exhibitors:certification_delete": CertificationFactory(business=world.business),
        "exhibitors:business_document_delete": DocumentFactory(
            business=world.business, kind=DocumentKind.OTHER
        ),
    }
    target = targets.get(name) or world.draft()
    stranger = manager_of(BusinessFactory(), email_verified_at=timezone.now())
    client.force_login(stranger)

    response = getattr(client, method)(
        reverse(name, args=[target.pk]), {"name": "Stolen", "price_min": 1, "price_max": 2}
    )

    assert response.status_code == 404
    world.product.refresh_from_db()
    assert world.product.name == "Batik tulis"
    assert Product.objects.filter(pk=world.product.pk).exists()
    assert Application.objects.filter(business=world.business, status=S.DRAFT).count() <= 1
    assert not Application.objects.exclude(status=S.DRAFT).exists()


def test_an_account_without_a_business_is_invited_to_register_one(client):
    client.force_login(verified_user())

    home = client.get(reverse("exhibitors:home"))
    products = client.get(reverse("exhibitors:products"))

    assert b'data-testid="portal-welcome"' in home.content
    assert reverse("exhibitors:business_create").encode() in home.content
    assert products.status_code == 302
    assert products["Location"] == reverse("exhibitors:business_create")


# --- the business profile ----------------------------------------------------------------------


def test_registering_a_business_normalises_the_nib_and_makes_the_user_its_manager(client):
    user = verified_user()
    client.force_login(user)
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")

    response = client.post(reverse("exhibitors:business_create"), {**business_data(), "logo": logo})

    assert response.status_code == 302
    assert response["Location"] == reverse("exhibitors:home")
    business = Business.objects.get()
    assert business.nib == "1234567890123"
    assert business.whatsapp == "+6281234567890"
    assert list(users_with_role(role=Role.EXHIBITOR, scope=business)) == [user]
    assert business.logo.name.startswith("businesses/logos/logo-")
    assert business.logo.name.endswith(".png")
    with business.logo.open("rb") as stored:
        assert stored.read().startswith(b"\x89PNG")


def test_the_profile_form_explains_the_scale_bands_and_lists_38_provinces(client, english):
    client.force_login(verified_user())

    response = client.get(reverse("exhibitors:business_create"))

    assert b"annual sales up to Rp 2 billion" in response.content
    form = response.context["form"]
    assert len([value for value, _ in form.fields["province"].choices if value]) == 38


@pytest.mark.parametrize("nib", ["123456789012", "12345678901234", "12345678901AB"])
def test_a_wrong_nib_is_refused_and_nothing_is_stored(client, english, nib):
    client.force_login(verified_user())

    response = client.post(reverse("exhibitors:business_create"), business_data(nib=nib))

    assert response.status_code == 200
    assert "exactly 13 digits" in " ".join(response.context["form"].errors["nib"])
    assert not Business.objects.exists()
    # What was typed is still there.
    assert b"CV Kopi Lereng Merapi" in response.content


def test_a_duplicate_nib_is_refused_with_a_message(client, english):
    BusinessFactory(nib="1234567890123")
    user = verified_user()
    client.force_login(user)

    response = client.post(reverse("exhibitors:business_create"), business_data())

    assert response.status_code == 200
    assert b"Another business is already registered with this NIB." in response.content
    assert Business.objects.count() == 1
    assert not user.role_grants.exists()


def test_an_unverified_account_cannot_register_a_business(client, english):
    user = UserFactory(email_verified_at=None)
    client.force_login(user)

    response = client.post(reverse("exhibitors:business_create"), business_data())

    assert b"Confirm your email address" in response.content
    assert not Business.objects.exists()


def test_a_second_business_for_the_same_account_is_refused(owner_client, world, english):
    response = owner_client.post(
        reverse("exhibitors:business_create"), business_data(), follow=True
    )

    assert Business.objects.count() == 1
    assert b"This account already manages a business." in response.content


def test_a_logo_that_is_a_program_is_refused(owner_client, world, english):
    program = SimpleUploadedFile("logo.png", b"MZ\x90\x00" + b"\x00" * 200)

    response = owner_client.post(
        reverse("exhibitors:business_edit"),
        {**business_data(nib=world.business.nib), "logo": program},
    )

    assert response.status_code == 200
    assert "program or an archive" in " ".join(response.context["form"].errors["logo"])
    world.business.refresh_from_db()
    assert world.business.legal_name == "CV Batik Sekar"
    assert not world.business.logo


def test_editing_the_profile_saves_it(owner_client, world):
    response = owner_client.post(
        reverse("exhibitors:business_edit"),
        business_data(nib=world.business.nib, legal_name="CV Batik Sekar Jagad"),
    )

    assert response.status_code == 302
    world.business.refresh_from_db()
    assert world.business.legal_name == "CV Batik Sekar Jagad"


# --- co-managers -------------------------------------------------------------------------------


def test_a_manager_adds_and_removes_a_co_manager(owner_client, world):
    colleague = verified_user(email="rekan@example.test")

    added = owner_client.post(reverse("exhibitors:managers"), {"email": "REKAN@example.test"})
    page = owner_client.get(reverse("exhibitors:managers"))
    removed = owner_client.post(reverse("exhibitors:manager_remove", args=[colleague.pk]))

    assert added.status_code == 302
    assert b"rekan@example.test" in page.content
    assert removed.status_code == 302
    assert list(users_with_role(role=Role.EXHIBITOR, scope=world.business)) == [world.owner]


def test_adding_an_unknown_email_or_someone_managing_another_business_is_refused(
    owner_client, world, english
):
    busy = manager_of(BusinessFactory(), email_verified_at=timezone.now())

    unknown = owner_client.post(reverse("exhibitors:managers"), {"email": "nobody@example.test"})
    taken = owner_client.post(reverse("exhibitors:managers"), {"email": busy.email})

    assert b"No account uses nobody@example.test" in unknown.content
    assert b"This account already manages a business." in taken.content
    assert users_with_role(role=Role.EXHIBITOR, scope=world.business).count() == 1


def test_the_last_manager_cannot_be_removed(owner_client, world, english):
    response = owner_client.post(
        reverse("exhibitors:manager_remove", args=[world.owner.pk]), follow=True
    )

    assert b"A business keeps at least one manager." in response.content
    assert users_with_role(role=Role.EXHIBITOR, scope=world.business).count() == 1


# --- products ----------------------------------------------------------------------------------


def test_a_product_is_added_with_prices_typed_the_indonesian_way(owner_client, world):
    photo = SimpleUploadedFile("foto.png", png_bytes(), content_type="image/png")

    response = owner_client.post(
        reverse("exhibitors:product_create"),
        {
            "name": "Kopi arabika 250 g",
            "price_min": "Rp 85.000",
            "price_max": "1.500.000",
            "unit": "pack",
            "hs_code": "0901.21",
            "photo": photo,
        },
    )
    listing = owner_client.get(reverse("exhibitors:products"))

    assert response.status_code == 302
    product = Product.objects.get(name="Kopi arabika 250 g")
    assert (product.price_min, product.price_max, product.hs_code) == (85_000, 1_500_000, "090121")
    assert product.business == world.business
    assert product.photo.name.endswith(".png")
    assert "Rp 85.000 – Rp 1.500.000" in listing.content.decode()


def test_a_product_whose_lowest_price_is_above_its_highest_is_refused(owner_client, world, english):
    response = owner_client.post(
        reverse("exhibitors:product_create"),
        {"name": "Tas anyaman", "price_min": "200000", "price_max": "100000", "unit": "pcs"},
    )

    assert response.status_code == 200
    assert "cannot be above the highest price" in " ".join(
        response.context["form"].errors["price_max"]
    )
    assert not Product.objects.filter(name="Tas anyaman").exists()


def test_a_product_is_edited_and_deleted(owner_client, world):
    owner_client.post(
        reverse("exhibitors:product_edit", args=[world.product.pk]),
        {"name": "Batik cap", "price_min": "100000", "price_max": "300000", "unit": "lembar"},
    )
    world.product.refresh_from_db()
    deleted = owner_client.post(reverse("exhibitors:product_delete", args=[world.product.pk]))

    assert world.product.name == "Batik cap"
    assert deleted.status_code == 302
    assert not Product.objects.filter(pk=world.product.pk).exists()


# --- certificates and documents ----------------------------------------------------------------


def _private_files(settings):
    root = settings.PRIVATE_MEDIA_ROOT
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_a_certificate_is_recorded_with_its_document(owner_client, world, settings):
    response = owner_client.post(
        reverse("exhibitors:certifications"),
        {
            "kind": "pirt",
            "number": "P-IRT No. 1234567890123-45",
            "issued_on": "2024-01-10",
            "expires_on": "2029-01-10",
            "document": SimpleUploadedFile("pirt.pdf", TINY_PDF, content_type="application/pdf"),
        },
    )
    page = owner_client.get(reverse("exhibitors:certifications"))

    assert response.status_code == 302
    certification = Certification.objects.get(business=world.business)
    assert certification.number == "123456789012345"
    assert certification.document.kind == DocumentKind.CERTIFICATE
    assert b"1234567890123-45" in page.content
    assert b"10-01-2029" in page.content


def test_a_malformed_certificate_number_is_refused_and_no_document_is_left(
    owner_client, world, settings, english
):
    documents_before, files_before = Document.objects.count(), _private_files(settings)

    response = owner_client.post(
        reverse("exhibitors:certifications"),
        {
            "kind": "halal",
            "number": "HALAL-12",
            "document": SimpleUploadedFile("halal.pdf", TINY_PDF, content_type="application/pdf"),
        },
    )

    assert response.status_code == 200
    assert "halal certificate number" in " ".join(response.context["form"].errors["number"])
    assert not Certification.objects.exists()
    assert Document.objects.count() == documents_before
    assert _private_files(settings) == files_before


def test_an_expired_certificate_is_flagged_on_the_dashboard_and_its_page(owner_client, world):
    CertificationFactory(
        business=world.business,
        number="ID35110000123450122",
        issued_on=timezone.localdate() - timedelta(days=900),
        expires_on=timezone.localdate() - timedelta(days=3),
    )

    home = owner_client.get(reverse("exhibitors:home"))
    page = owner_client.get(reverse("exhibitors:certifications"))

    assert b'data-testid="expired-certificates"' in home.content
    assert b"ID35110000123450122" in home.content
    assert b'data-testid="expired-badge"' in page.content


def test_a_50_mb_upload_is_refused_and_nothing_is_stored(owner_client, world, settings, english):
    documents_before, files_before = Document.objects.count(), _private_files(settings)
    big = SimpleUploadedFile(
        "katalog.pdf", b"%PDF-1.4\n" + b"0" * (50 * 1024 * 1024), content_type="application/pdf"
    )

    response = owner_client.post(
        reverse("exhibitors:documents"), {"kind": "catalogue", "title": "Katalog", "file": big}
    )

    assert response.status_code == 200
    assert "the limit is 10 MB" in " ".join(response.context["form"].errors["file"])
    assert Document.objects.count() == documents_before
    assert _private_files(settings) == files_before


def test_an_executable_named_pdf_is_refused(owner_client, world, settings, english):
    documents_before, files_before = Document.objects.count(), _private_files(settings)
    program = SimpleUploadedFile(
        "sertifikat.pdf", b"MZ\x90\x00" + b"\x00" * 2000, content_type="application/pdf"
    )

    response = owner_client.post(
        reverse("exhibitors:certifications"),
        {"kind": "halal", "number": "ID35110000123450122", "document": program},
    )

    assert response.status_code == 200
    assert "program or an archive" in " ".join(response.context["form"].errors["document"])
    assert not Certification.objects.exists()
    assert Document.objects.count() == documents_before
    assert _private_files(settings) == files_before


def test_a_document_is_uploaded_listed_and_deleted(owner_client, world, settings):
    response = owner_client.post(
        reverse("exhibitors:documents"),
        {
            "kind": "association_letter",
            "title": "Surat keanggotaan ASEPHI",
            "file": SimpleUploadedFile("surat.pdf", TINY_PDF, content_type="application/pdf"),
        },
    )
    document = Document.objects.get(title="Surat keanggotaan ASEPHI")
    page = owner_client.get(reverse("exhibitors:documents"))
    deleted = owner_client.post(reverse("exhibitors:business_document_delete", args=[document.pk]))

    assert response.status_code == 302
    assert b"Surat keanggotaan ASEPHI" in page.content
    assert deleted.status_code == 302
    assert not Document.objects.filter(pk=document.pk).exists()


def test_a_certificate_document_is_not_deleted_from_the_documents_page(owner_client, world):
    certification = CertificationFactory(business=world.business)

    response = owner_client.post(
        reverse("exhibitors:business_document_delete", args=[certification.document.pk])
    )

    assert response.status_code == 302
    assert Document.objects.filter(pk=certification.document.pk).exists()


# --- applications ------------------------------------------------------------------------------


def test_an_application_is_created_as_a_draft_and_shown_with_its_history(owner_client, world):
    response = owner_client.post(
        reverse("exhibitors:application_create", args=[world.event.slug]),
        application_data(world, needs_power="on", power_watts="900"),
    )

    application = Application.objects.get(business=world.business)
    assert response.status_code == 302
    assert response["Location"] == reverse("exhibitors:application", args=[application.pk])
    assert application.status == S.DRAFT
    assert application.power_watts == 900
    assert list(application.products.all()) == [world.product]
    page = owner_client.get(response["Location"])
    assert b'data-status="draft"' in page.content
    assert b'data-testid="history-row"' in page.content


def test_the_association_list_holds_only_associations_of_the_edition(owner_client, world):
    outsider = AssociationFactory(acronym="LUAR")

    page = owner_client.get(reverse("exhibitors:application_create", args=[world.event.slug]))
    response = owner_client.post(
        reverse("exhibitors:application_create", args=[world.event.slug]),
        application_data(world, association=outsider.pk),
    )

    assert list(page.context["form"].fields["association"].queryset) == [world.association]
    assert response.status_code == 200
    assert "association" in response.context["form"].errors
    assert not Application.objects.exists()


def test_another_business_products_cannot_be_attached(owner_client, world):
    foreign = ProductFactory(business=BusinessFactory())

    response = owner_client.post(
        reverse("exhibitors:application_create", args=[world.event.slug]),
        application_data(world, products=[foreign.pk]),
    )

    assert response.status_code == 200
    assert "products" in response.context["form"].errors
    assert not Application.objects.exists()


def test_power_without_watts_is_refused_and_the_typed_answers_stay(owner_client, world, english):
    response = owner_client.post(
        reverse("exhibitors:application_create", args=[world.event.slug]),
        application_data(world, needs_power="on", notes="Kami butuh meja tambahan"),
    )

    assert response.status_code == 200
    assert "Say how many watts you need." in response.content.decode()
    assert "Kami butuh meja tambahan" in response.content.decode()
    assert not Application.objects.exists()


def test_after_the_deadline_no_application_is_created_and_the_page_says_so(
    owner_client, world, english
):
    world.event.exhibitor_registration_closes_at = timezone.now() - timedelta(hours=1)
    world.event.save()
    url = reverse("exhibitors:application_create", args=[world.event.slug])

    page = owner_client.get(url)
    response = owner_client.post(url, application_data(world))

    for shown in (page, response):
        assert shown.status_code == 200
        assert b'data-testid="registration-closed"' in shown.content
        assert b"closed on" in shown.content
        assert b'data-testid="application-form"' not in shown.content
    assert not Application.objects.exists()


def test_the_dashboard_offers_open_editions_with_their_deadline(owner_client, world):
    response = owner_client.get(reverse("exhibitors:home"))

    assert reverse("exhibitors:application_create", args=[world.event.slug]).encode() in (
        response.content
    )
    local_deadline = timezone.localtime(world.event.exhibitor_registration_closes_at)
    assert local_deadline.strftime("%d-%m-%Y %H:%M").encode() in response.content


def test_the_dashboard_lists_applications_and_stops_offering_that_edition(owner_client, world):
    application = world.draft()

    response = owner_client.get(reverse("exhibitors:home"))

    assert reverse("exhibitors:application", args=[application.pk]).encode() in response.content
    assert b'data-status="draft"' in response.content
    assert (
        reverse("exhibitors:application_create", args=[world.event.slug]).encode()
        not in response.content
    )


def test_an_application_is_edited_while_editable(owner_client, world):
    application = world.draft()

    response = owner_client.post(
        reverse("exhibitors:application_edit", args=[application.pk]),
        application_data(world, booth_count="2", needs_water="on"),
    )

    application.refresh_from_db()
    assert response.status_code == 302
    assert (application.booth_count, application.needs_water) == (2, True)


def test_an_application_no_longer_editable_is_not_changed(owner_client, world):
    application = ApplicationFactory(
        business=world.business,
        event=world.event,
        association=world.association,
        status=S.APPROVED,
    )

    response = owner_client.post(
        reverse("exhibitors:application_edit", args=[application.pk]),
        application_data(world, booth_count="3"),
    )

    application.refresh_from_db()
    assert response.status_code == 302
    assert application.booth_count == 1


def test_submitting_moves_the_application_and_emails_the_managers(
    owner_client, world, mailoutbox, django_capture_on_commit_callbacks
):
    application = world.draft()
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(
            reverse("exhibitors:application_submit", args=[application.pk])
        )

    application.refresh_from_db()
    assert response.status_code == 302
    assert application.status == S.SUBMITTED
    assert [mail.to for mail in mailoutbox] == [[world.owner.email]]
    page = owner_client.get(reverse("exhibitors:application", args=[application.pk]))
    assert b'data-status="submitted"' in page.content


def test_submitting_with_the_checklist_incomplete_is_refused_with_the_missing_items(
    owner_client, world, english
):
    application = world.draft()
    Document.objects.filter(business=world.business, kind=DocumentKind.NIB).delete()

    response = owner_client.post(
        reverse("exhibitors:application_submit", args=[application.pk]), follow=True
    )

    application.refresh_from_db()
    assert application.status == S.DRAFT
    assert b"Complete these first" in response.content
    assert b"NIB certificate uploaded" in response.content


def test_submit_is_post_only(owner_client, world):
    application = world.draft()

    response = owner_client.get(reverse("exhibitors:application_submit", args=[application.pk]))

    assert response.status_code == 405
    application.refresh_from_db()
    assert application.status == S.DRAFT


def test_withdrawing_asks_first_then_records_the_reason(owner_client, world):
    application = world.draft()
    url = reverse("exhibitors:application_withdraw", args=[application.pk])

    confirm = owner_client.get(url)
    application.refresh_from_db()
    assert application.status == S.DRAFT
    assert b'data-testid="confirm-withdraw"' in confirm.content

    response = owner_client.post(url, {"reason": "Produk belum siap"})

    application.refresh_from_db()
    assert response.status_code == 302
    assert application.status == S.WITHDRAWN
    assert application.transitions.last().reason == "Produk belum siap"


@pytest.mark.parametrize("forged", [S.APPROVED, S.CONFIRMED, S.ASSOCIATION_VERIFIED])
def test_a_forged_status_in_post_data_changes_nothing(owner_client, world, forged):
    create = owner_client.post(
        reverse("exhibitors:application_create", args=[world.event.slug]),
        application_data(world, status=forged, quota_override="on", reason="forged"),
    )
    application = Application.objects.get(business=world.business)
    assert create.status_code == 302
    assert application.status == S.DRAFT

    owner_client.post(
        reverse("exhibitors:application_edit", args=[application.pk]),
        application_data(world, status=forged),
    )
    application.refresh_from_db()
    assert application.status == S.DRAFT
    assert not application.quota_override

    owner_client.post(
        reverse("exhibitors:application_submit", args=[application.pk]), {"status": forged}
    )
    application.refresh_from_db()
    assert application.status == S.SUBMITTED

    owner_client.post(
        reverse("exhibitors:application_withdraw", args=[application.pk]),
        {"status": forged, "reason": ""},
    )
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN


def test_the_history_names_the_association_not_its_staff(owner_client, world, english):
    application = world.draft()
    services.application_submit(application=application, actor=world.owner)
    admin = UserFactory(full_name="Ibu Ratna Pengurus")
    role_grant(user=admin, role=Role.ASSOCIATION_ADMIN, scope=world.association)
    services.application_return(
        application=application, actor=admin, reason="Lampirkan surat keanggotaan."
    )

    response = owner_client.get(reverse("exhibitors:application", args=[application.pk]))

    content = response.content.decode()
    assert 'data-status="returned"' in content
    assert 'data-testid="decision-reason"' in content
    assert "Lampirkan surat keanggotaan." in content
    assert "Ibu Ratna Pengurus" not in content
    assert "Association" in content
    assert "You" in content


def test_an_organizer_decision_is_shown_by_role_with_its_reason(owner_client, world, english):
    application = world.draft()
    services.application_submit(application=application, actor=world.owner)
    admin = UserFactory(full_name="Ibu Ratna Pengurus")
    role_grant(user=admin, role=Role.ASSOCIATION_ADMIN, scope=world.association)
    organizer = UserFactory(full_name="Pak Bambang Panitia")
    role_grant(user=organizer, role=Role.ORGANIZER, scope=world.event)
    services.application_verify(application=application, actor=admin)
    services.application_reject(
        application=application, actor=organizer, reason="Kuota sektor kriya sudah penuh."
    )

    response = owner_client.get(reverse("exhibitors:application", args=[application.pk]))

    content = response.content.decode()
    assert 'data-status="rejected"' in content
    assert "Kuota sektor kriya sudah penuh." in content
    assert "Organizer" in content
    assert "Pak Bambang Panitia" not in content
    # A closed application offers nothing to do.
    assert 'data-testid="submit"' not in content
    assert 'data-testid="withdraw"' not in content
    assert 'data-testid="edit"' not in content
