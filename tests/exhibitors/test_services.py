"""Every application transition and every refusal, through the services all screens call."""

import os
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.factories import UserFactory
from accounts.models import Role
from accounts.permissions import can
from accounts.services import role_grant
from events.factories import AssociationFactory, EventFactory, ParticipationFactory
from exhibitors import services
from exhibitors.factories import (
    TINY_PDF,
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
    Certification,
    CertificationKind,
    Document,
    DocumentAccess,
    DocumentKind,
    Sector,
)
from exhibitors.selectors import business_checklist, quota_lines

S = ApplicationStatus
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


class World:
    def __init__(self):
        self.event = EventFactory(booth_capacity=100)
        self.association = AssociationFactory(acronym="ASEPHI")
        self.participation = ParticipationFactory(
            event=self.event, association=self.association, booth_quota=2
        )
        self.business = BusinessFactory()
        self.owner = manager_of(self.business)
        DocumentFactory(business=self.business, kind=DocumentKind.NIB)
        self.product = ProductFactory(business=self.business)
        self.organizer = UserFactory()
        role_grant(user=self.organizer, role=Role.ORGANIZER, scope=self.event)
        self.association_admin = UserFactory()
        role_grant(user=self.association_admin, role=Role.ASSOCIATION_ADMIN, scope=self.association)
        self.other_organizer = UserFactory()
        role_grant(user=self.other_organizer, role=Role.ORGANIZER, scope=EventFactory())
        self.other_association_admin = UserFactory()
        role_grant(
            user=self.other_association_admin,
            role=Role.ASSOCIATION_ADMIN,
            scope=AssociationFactory(),
        )
        self.stranger = manager_of(BusinessFactory())

    def apply(self, **fields):
        return services.application_create(
            business=self.business,
            event=self.event,
            actor=self.owner,
            association=self.association,
            products=[self.product],
            **fields,
        )

    def application_in(self, status, business=None, booth_count=1):
        """An application brought to ``status`` through the real transitions."""
        business = business or self.business
        owner = self.owner if business == self.business else manager_of(business)
        if business != self.business:
            DocumentFactory(business=business, kind=DocumentKind.NIB)
            ProductFactory(business=business)
        application = services.application_create(
            business=business,
            event=self.event,
            actor=owner,
            association=self.association,
            booth_count=booth_count,
        )
        path = {
            S.DRAFT: [],
            S.SUBMITTED: ["submit"],
            S.RETURNED: ["submit", "return"],
            S.ASSOCIATION_VERIFIED: ["submit", "verify"],
            S.APPROVED: ["submit", "verify", "approve"],
            S.WAITLISTED: ["submit", "verify", "waitlist"],
            S.REJECTED: ["submit", "verify", "reject"],
            S.ALLOCATED: ["submit", "verify", "approve", "allocate"],
            S.CONFIRMED: ["submit", "verify", "approve", "allocate", "confirm"],
            S.WITHDRAWN: ["withdraw"],
            S.CANCELLED: ["submit", "verify", "approve", "cancel"],
        }[status]
        actors = {
            "submit": owner,
            "withdraw": owner,
            "return": self.association_admin,
            "verify": self.association_admin,
        }
        for action in path:
            getattr(services, f"application_{action}")(
                application=application,
                actor=actors.get(action, self.organizer),
                **({"reason": "Alasan"} if services.TRANSITIONS[action].needs_reason else {}),
            )
        application.refresh_from_db()
        assert application.status == status
        return application


@pytest.fixture
def world():
    return World()


# Creating and editing -------------------------------------------------------------


def test_an_exhibitor_creates_a_draft_that_records_who_and_when(world):
    application = world.apply(booth_count=2, needs_water=True, staff_count=3)

    assert application.status == S.DRAFT
    assert list(application.products.all()) == [world.product]
    (first,) = application.transitions.all()
    assert (first.from_status, first.to_status, first.actor) == ("", S.DRAFT, world.owner)


@pytest.mark.parametrize(
    "window, message",
    [
        ({"exhibitor_registration_closes_at": -1}, "closed on"),
        ({"exhibitor_registration_opens_at": +1}, "opens on"),
    ],
)
def test_no_application_outside_the_registration_window(world, english, window, message):
    for name, days in window.items():
        setattr(world.event, name, timezone.now() + timedelta(days=days))
    world.event.save()

    with pytest.raises(ValidationError, match=message):
        world.apply()
    assert not Application.objects.exists()


def test_the_association_must_take_part_in_the_edition(world, english):
    with pytest.raises(ValidationError, match="does not take part"):
        services.application_create(
            business=world.business,
            event=world.event,
            actor=world.owner,
            association=AssociationFactory(),
        )
    assert not Application.objects.exists()


def test_products_of_another_business_cannot_be_shown(world, english):
    with pytest.raises(ValidationError, match="your own business"):
        services.application_create(
            business=world.business,
            event=world.event,
            actor=world.owner,
            association=world.association,
            products=[ProductFactory()],
        )
    assert not Application.objects.exists()


def test_one_open_application_per_business_and_edition(world):
    world.apply()
    with pytest.raises(ValidationError):
        world.apply()
    assert Application.objects.count() == 1


def test_a_withdrawn_application_does_not_block_a_new_one(world):
    world.application_in(S.WITHDRAWN)
    world.apply()
    assert Application.objects.filter(status=S.DRAFT).count() == 1


def test_nobody_but_its_managers_applies_for_a_business(world):
    for actor in (world.stranger, world.organizer, world.association_admin):
        with pytest.raises(PermissionDenied):
            services.application_create(
                business=world.business,
                event=world.event,
                actor=actor,
                association=world.association,
            )
    assert not Application.objects.exists()


def test_editing_stops_once_the_association_verified(world, english):
    application = world.application_in(S.ASSOCIATION_VERIFIED)
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.application_update(application=application, actor=world.owner, booth_count=3)
    application.refresh_from_db()
    assert application.booth_count == 1


def test_editing_a_returned_application_is_allowed(world):
    application = world.application_in(S.RETURNED)
    services.application_update(application=application, actor=world.owner, booth_count=2)
    application.refresh_from_db()
    assert application.booth_count == 2


def test_power_needs_a_wattage(world, english):
    with pytest.raises(ValidationError, match="watts"):
        world.apply(needs_power=True)


def test_unknown_fields_are_a_programming_error_not_a_status_change(world):
    with pytest.raises(TypeError):
        world.apply(status=S.APPROVED)
    assert not Application.objects.exists()


# Transitions ----------------------------------------------------------------------


@pytest.mark.parametrize("status", list(S))
def test_every_status_is_reachable_through_the_services(world, status):
    application = world.application_in(status)
    history = list(application.transitions.values_list("to_status", flat=True))
    assert history[0] == S.DRAFT
    assert history[-1] == status


def test_submitting_records_the_time_and_emails_every_manager(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    co_manager = manager_of(BusinessFactory())  # manages another business: not told
    second = UserFactory(preferred_language="en")
    role_grant(user=second, role=Role.EXHIBITOR, scope=world.business)
    application = world.apply()

    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=application, actor=world.owner)

    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert application.submitted_at is not None
    told = [mail for mail in mailoutbox if world.association_admin.email not in mail.to]
    recipients = sorted(address for mail in told for address in mail.to)
    assert recipients == sorted([world.owner.email, second.email])
    assert co_manager.email not in recipients
    english_mail = next(mail for mail in mailoutbox if mail.to == [second.email])
    assert "Submitted" in english_mail.subject
    assert f"/en/portal/pendaftaran/{application.pk}/" in english_mail.body


def test_an_incomplete_business_cannot_submit(world, english):
    world.business.documents.all().delete()
    application = world.apply()
    with pytest.raises(ValidationError, match="NIB certificate uploaded"):
        services.application_submit(application=application, actor=world.owner)
    application.refresh_from_db()
    assert application.status == S.DRAFT


def test_a_culinary_business_needs_a_food_permit_to_submit(world, english):
    world.business.sector = Sector.KULINER
    world.business.save()
    application = world.apply()
    with pytest.raises(ValidationError, match="food permit"):
        services.application_submit(application=application, actor=world.owner)
    CertificationFactory(business=world.business, kind=CertificationKind.PIRT, number="1" * 15)
    services.application_submit(application=application, actor=world.owner)


def test_submitting_after_the_deadline_is_refused(world, english):
    application = world.apply()
    world.event.exhibitor_registration_closes_at = timezone.now() - timedelta(minutes=1)
    world.event.save()
    with pytest.raises(ValidationError, match="closed on"):
        services.application_submit(application=application, actor=world.owner)
    application.refresh_from_db()
    assert application.status == S.DRAFT


def test_the_association_verifies_its_own_applicants_only(world):
    application = world.application_in(S.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.application_verify(application=application, actor=world.other_association_admin)
    services.application_verify(application=application, actor=world.association_admin)
    application.refresh_from_db()
    assert application.status == S.ASSOCIATION_VERIFIED


def test_a_draft_is_not_the_association_s_to_verify(world):
    application = world.apply()
    with pytest.raises(PermissionDenied):
        services.application_verify(application=application, actor=world.association_admin)


def test_returning_needs_a_reason_that_the_exhibitor_reads(
    world, english, mailoutbox, django_capture_on_commit_callbacks
):
    application = world.application_in(S.SUBMITTED)
    mailoutbox.clear()
    with pytest.raises(ValidationError, match="Give a reason"):
        services.application_return(
            application=application, actor=world.association_admin, reason="  "
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.application_return(
            application=application,
            actor=world.association_admin,
            reason="Lampirkan surat keanggotaan.",
        )
    application.refresh_from_db()
    assert application.status == S.RETURNED
    assert application.reason == "Lampirkan surat keanggotaan."
    assert "Lampirkan surat keanggotaan." in mailoutbox[-1].body


@pytest.mark.parametrize("action", ["approve", "waitlist", "reject"])
def test_only_the_edition_s_organizers_decide(world, action):
    application = world.application_in(S.ASSOCIATION_VERIFIED)
    decide = getattr(services, f"application_{action}")
    for actor in (world.owner, world.association_admin, world.other_organizer):
        with pytest.raises(PermissionDenied):
            decide(application=application, actor=actor, reason="x")
    decide(application=application, actor=world.organizer, reason="Alasan")
    application.refresh_from_db()
    assert application.status == services.TRANSITIONS[action].to
    last = application.transitions.last()
    assert (last.actor, last.from_status) == (world.organizer, S.ASSOCIATION_VERIFIED)


def test_rejecting_needs_a_reason(world, english):
    application = world.application_in(S.ASSOCIATION_VERIFIED)
    with pytest.raises(ValidationError, match="Give a reason"):
        services.application_reject(application=application, actor=world.organizer, reason="")
    application.refresh_from_db()
    assert application.status == S.ASSOCIATION_VERIFIED


@pytest.mark.parametrize(
    "status, action",
    [
        (S.DRAFT, "approve"),
        (S.SUBMITTED, "approve"),
        (S.REJECTED, "approve"),
        (S.APPROVED, "submit"),
        (S.WITHDRAWN, "withdraw"),
        (S.CONFIRMED, "verify"),
        (S.DRAFT, "confirm"),
    ],
)
def test_a_transition_from_the_wrong_status_is_refused(world, english, status, action):
    application = world.application_in(status)
    before = application.transitions.count()
    actor = {
        "submit": world.owner,
        "withdraw": world.owner,
        "verify": world.association_admin,
    }.get(action, world.organizer)
    with pytest.raises((ValidationError, PermissionDenied)):
        getattr(services, f"application_{action}")(application=application, actor=actor)
    application.refresh_from_db()
    assert application.status == status
    assert application.transitions.count() == before


def test_approving_beyond_the_quota_needs_an_explicit_reasoned_override(world, english):
    world.application_in(S.APPROVED, booth_count=2)  # the quota of 2 is used up
    application = world.application_in(S.ASSOCIATION_VERIFIED, business=BusinessFactory())

    with pytest.raises(ValidationError, match="used 2 of its 2 booths"):
        services.application_approve(application=application, actor=world.organizer)
    with pytest.raises(ValidationError, match="Say why"):
        services.application_approve(
            application=application, actor=world.organizer, override_quota=True
        )
    application.refresh_from_db()
    assert application.status == S.ASSOCIATION_VERIFIED

    services.application_approve(
        application=application,
        actor=world.organizer,
        override_quota=True,
        reason="Binaan Kementerian, kuota tambahan.",
    )
    application.refresh_from_db()
    assert application.status == S.APPROVED
    assert application.quota_override is True
    last = application.transitions.last()
    assert last.quota_override is True
    assert last.reason == "Binaan Kementerian, kuota tambahan."
    (line,) = quota_lines(world.event)
    assert (line.quota, line.used, line.left, line.over) == (2, 3, -1, True)


def test_an_override_within_the_quota_is_not_recorded_as_one(world):
    application = world.application_in(S.ASSOCIATION_VERIFIED)
    services.application_approve(
        application=application, actor=world.organizer, override_quota=True, reason="x"
    )
    application.refresh_from_db()
    assert application.quota_override is False


def test_withdrawing_frees_the_quota(world):
    application = world.application_in(S.APPROVED, booth_count=2)
    services.application_withdraw(application=application, actor=world.owner)
    (line,) = quota_lines(world.event)
    assert line.used == 0


def test_bulk_decisions_report_each_failure_and_keep_the_successes(world, english):
    ready = world.application_in(S.ASSOCIATION_VERIFIED)
    too_early = world.application_in(S.SUBMITTED, business=BusinessFactory())

    results = services.application_decide_many(
        applications=[ready, too_early], decision="waitlist", actor=world.organizer
    )

    assert [r.ok for r in results] == [True, False]
    assert "cannot be waitlisted" in results[1].message
    ready.refresh_from_db()
    too_early.refresh_from_db()
    assert (ready.status, too_early.status) == (S.WAITLISTED, S.SUBMITTED)


# Businesses, certificates, documents ---------------------------------------------


def test_an_account_registers_one_business_and_becomes_its_manager(world, english):
    user = UserFactory()
    business = BusinessFactory.build(nib="9999999999999")
    services.business_register(business=business, actor=user)
    assert can(user, "exhibitors.change_business", business)
    with pytest.raises(ValidationError, match="already manages"):
        services.business_register(business=BusinessFactory.build(nib="8888888888888"), actor=user)
    assert Business.objects.filter(nib="8888888888888").count() == 0


def test_an_unverified_account_cannot_register_a_business(english):
    user = UserFactory(email_verified_at=None)
    with pytest.raises(ValidationError, match="Confirm your email"):
        services.business_register(business=BusinessFactory.build(), actor=user)
    assert not Business.objects.exists()


@pytest.mark.parametrize(
    "nib, message",
    [
        ("12345", "13 digits"),
        ("12345678901234", "13 digits"),
        ("12345678901AB", "13 digits"),
    ],
)
def test_a_bad_nib_is_refused(english, nib, message):
    with pytest.raises(ValidationError, match=message):
        services.business_register(business=BusinessFactory.build(nib=nib), actor=UserFactory())
    assert not Business.objects.exists()


def test_a_duplicate_nib_is_refused(world, english):
    with pytest.raises(ValidationError, match="already registered with this NIB"):
        services.business_register(
            business=BusinessFactory.build(nib=world.business.nib), actor=UserFactory()
        )


def test_co_managers_are_added_by_email_and_the_last_one_stays(world, english):
    colleague = UserFactory(email="rekan@example.test")
    services.business_manager_add(
        business=world.business, email="REKAN@example.test ", actor=world.owner
    )
    assert can(colleague, "exhibitors.change_business", world.business)

    with pytest.raises(ValidationError, match="already manages"):
        services.business_manager_add(business=BusinessFactory(), email=colleague.email, actor=None)
    with pytest.raises(ValidationError, match="sign up first"):
        services.business_manager_add(
            business=world.business, email="nobody@example.test", actor=world.owner
        )
    with pytest.raises(PermissionDenied):
        services.business_manager_add(
            business=world.business, email="x@example.test", actor=world.stranger
        )
    services.business_manager_remove(business=world.business, user=colleague, actor=world.owner)
    with pytest.raises(ValidationError, match="at least one manager"):
        services.business_manager_remove(
            business=world.business, user=world.owner, actor=world.owner
        )


def _pdf(name="sertifikat.pdf", content=TINY_PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_a_certificate_is_stored_with_its_document_and_shown_formatted(world):
    certification = services.certification_add(
        certification=Certification(
            business=world.business, kind=CertificationKind.PIRT, number="2063372010123-27"
        ),
        uploaded=_pdf(),
        actor=world.owner,
    )
    assert certification.number == "206337201012327"
    assert certification.display_number == "2063372010123-27"
    assert certification.document.file.read().startswith(b"%PDF-")


@pytest.mark.parametrize(
    "kind, number",
    [
        (CertificationKind.PIRT, "12345"),
        (CertificationKind.BPOM_MD, "ML 123456789012"),
        (CertificationKind.HALAL, "XX123456789012"),
    ],
)
def test_a_malformed_certificate_number_stores_nothing(world, kind, number):
    with pytest.raises(ValidationError):
        services.certification_add(
            certification=Certification(business=world.business, kind=kind, number=number),
            uploaded=_pdf(),
            actor=world.owner,
        )
    assert not Certification.objects.exists()
    assert not Document.objects.filter(kind=DocumentKind.CERTIFICATE).exists()


def test_an_executable_posing_as_a_pdf_stores_nothing(world):
    with pytest.raises(ValidationError):
        services.certification_add(
            certification=Certification(
                business=world.business, kind=CertificationKind.HALAL, number="ID3311000012345"
            ),
            uploaded=_pdf("sertifikat.pdf", b"MZ\x90\x00" + b"\x00" * 200),
            actor=world.owner,
        )
    assert not Certification.objects.exists()


def test_only_managers_add_certificates(world):
    with pytest.raises(PermissionDenied):
        services.certification_add(
            certification=Certification(
                business=world.business, kind=CertificationKind.HALAL, number="ID3311000012345"
            ),
            uploaded=_pdf(),
            actor=world.stranger,
        )


def test_expired_certificates_are_flagged_in_the_checklist(world):
    CertificationFactory(
        business=world.business,
        issued_on=timezone.localdate() - timedelta(days=800),
        expires_on=timezone.localdate() - timedelta(days=1),
    )
    items = {item.key: item for item in business_checklist(world.business)}
    assert items["certificates_valid"].done is False
    assert items["certificates_valid"].blocking is False


def test_reading_a_document_is_recorded_unless_a_manager_reads_it(world):
    document = world.business.documents.get()
    world.application_in(S.SUBMITTED)

    services.document_open(document=document, actor=world.owner).close()
    assert not DocumentAccess.objects.exists()

    for reader in (world.association_admin, world.organizer):
        services.document_open(document=document, actor=reader, ip_address="10.0.0.1").close()
    assert sorted(DocumentAccess.objects.values_list("user", flat=True)) == sorted(
        [world.association_admin.pk, world.organizer.pk]
    )


def test_documents_are_closed_to_everyone_else(world):
    document = world.business.documents.get()
    world.apply()  # a draft: the association does not see it yet
    for reader in (world.association_admin, world.other_association_admin, world.stranger):
        with pytest.raises(PermissionDenied):
            services.document_open(document=document, actor=reader)
    world.other_organizer.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.document_open(document=document, actor=world.other_organizer)
    assert not DocumentAccess.objects.exists()


def test_application_transitions_are_kept_as_history(world):
    application = world.application_in(S.CONFIRMED)
    assert list(
        ApplicationTransition.objects.filter(application=application).values_list(
            "to_status", flat=True
        )
    ) == [S.DRAFT, S.SUBMITTED, S.ASSOCIATION_VERIFIED, S.APPROVED, S.ALLOCATED, S.CONFIRMED]


def test_a_nib_and_an_hs_code_typed_with_separators_are_stored_as_digits(world):
    business = BusinessFactory.build(nib="9120 0012.34-567")
    services.business_register(business=business, actor=UserFactory())
    assert Business.objects.get(pk=business.pk).nib == "9120001234567"
    product = ProductFactory.build(business=business, hs_code="0901.21.00.10")
    services.product_save(product=product, actor=None)
    assert product.hs_code == "0901210010"


def test_the_association_s_admins_hear_of_each_submission_and_nobody_else(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    world.association_admin.preferred_language = "en"  # each admin reads it in their language
    world.association_admin.save()
    application = world.apply()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=application, actor=world.owner)

    (notice,) = [mail for mail in mailoutbox if world.association_admin.email in mail.to]
    assert notice.subject == f"New applicant for ASEPHI: {world.business.display_name}"
    assert f"/en/asosiasi/pendaftaran/{application.pk}/" in notice.body
    assert not [mail for mail in mailoutbox if world.other_association_admin.email in mail.to]

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_verify(application=application, actor=world.association_admin)
    assert [mail.to for mail in mailoutbox] == [[world.owner.email]]  # only the exhibitor


def test_a_replaced_logo_and_a_deleted_product_s_photo_leave_no_public_file(
    world, django_capture_on_commit_callbacks
):
    world.business.logo.save("lama.png", ContentFile(b"old"), save=True)
    old_logo = world.business.logo.path
    world.business.logo.save("baru.png", ContentFile(b"new"), save=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.business_update(business=world.business, actor=world.owner)
    assert not os.path.exists(old_logo)
    assert os.path.exists(world.business.logo.path)

    world.product.photo.save("foto.png", ContentFile(b"photo"), save=True)
    photo = world.product.photo.path
    with django_capture_on_commit_callbacks(execute=True):
        services.product_delete(product=world.product, actor=world.owner)
    assert not os.path.exists(photo)


def test_a_refused_logo_change_keeps_the_old_file(world, django_capture_on_commit_callbacks):
    world.business.logo.save("lama.png", ContentFile(b"old"), save=True)
    old_logo = world.business.logo.path
    world.business.logo.save("baru.png", ContentFile(b"new"), save=False)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        services.business_update(business=world.business, actor=world.stranger)
    assert os.path.exists(old_logo)
