"""The demo exhibitors: ~400 businesses and their applications to the demo edition."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import Role, User
from accounts.permissions import can
from accounts.services import role_grant
from events.demo import seed_event, seed_users
from events.models import Participation
from events.regions import Province
from exhibitors.demo import DEMO_UMKM_EMAIL, plan, seed_exhibitors
from exhibitors.factories import BusinessFactory
from exhibitors.files import private_storage
from exhibitors.models import (
    QUOTA_STATUSES,
    Application,
    ApplicationStatus,
    ApplicationTransition,
    Business,
    Certification,
    CertificationKind,
    Document,
    DocumentKind,
    Product,
    Sector,
)
from exhibitors.selectors import business_checklist, business_of, quota_lines, review_queue
from exhibitors.services import APPLICATION_FIELDS, TRANSITIONS

FOOD_PERMITS = {CertificationKind.PIRT, CertificationKind.BPOM_MD, CertificationKind.BPOM_ML}


@pytest.fixture
def event(db, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    event = seed_event()
    seed_users(event=event)
    return event


def snapshot():
    return {
        model.__name__: model.objects.count()
        for model in (
            Business,
            Product,
            Certification,
            Document,
            Application,
            ApplicationTransition,
            Application.products.through,
        )
    }


def allowed(from_status, to_status):
    return any(
        rule.to == to_status and from_status in rule.sources for rule in TRANSITIONS.values()
    )


def test_the_plan_is_the_same_for_the_same_seed_and_follows_the_transitions():
    first, again, other = plan(), plan(), plan(rng_seed=7)
    assert [s.fields for s in first] == [s.fields for s in again]
    assert [s.fields["nib"] for s in first] != [s.fields["nib"] for s in other]
    for spec in first:
        if spec.application is None:
            continue
        steps = [step.status for step in spec.application.steps]
        assert steps[0] == ApplicationStatus.DRAFT
        for before, after in zip(steps, steps[1:], strict=False):
            assert allowed(before, after), (before, after)


def test_every_planned_value_passes_the_models_checks_in_its_stored_form():
    # Seeding writes the plan without a check per row (constraints are the database's);
    # this is the check.
    for spec in plan():
        business = Business(**spec.fields)
        business.full_clean(validate_unique=False, validate_constraints=False)
        assert business.nib == spec.fields["nib"]
        for values in spec.products:
            fields = {k: v for k, v in values.items() if k != "kind"}
            product = Product(business=business, **fields)
            product.full_clean(
                exclude=["business"], validate_unique=False, validate_constraints=False
            )
            assert product.hs_code == fields["hs_code"]
            assert 0 < product.price_min <= product.price_max
        for cert in spec.certificates:
            certification = Certification(
                business=business,
                kind=cert.kind,
                number=cert.number,
                issued_on=cert.issued_on,
                expires_on=cert.expires_on,
            )
            certification.full_clean(
                exclude=["business", "document"], validate_unique=False, validate_constraints=False
            )
            assert certification.number == cert.number
            assert cert.expires_on is None or cert.issued_on < cert.expires_on
        if spec.application is not None:
            application = Application(business=business, **_wishes(spec.application))
            application.full_clean(
                exclude=["business", "event", "association", "created_by"],
                validate_constraints=False,
            )


def _wishes(application):
    names = [name for name in APPLICATION_FIELDS if name != "association"]
    return {name: getattr(application, name) for name in names}


@pytest.mark.django_db
def test_seeding_builds_businesses_and_applications_in_every_status(event):
    summary = seed_exhibitors(event=event)

    businesses = Business.objects.all()
    assert businesses.count() == summary.businesses >= 350
    assert not businesses.filter(is_demo=False).exists()
    assert set(businesses.values_list("sector", flat=True)) == set(Sector.values)
    provinces = Counter(businesses.values_list("province", flat=True))
    assert len(provinces) >= 15
    assert provinces.most_common(1)[0][0] == Province.JAWA_TENGAH
    assert not businesses.filter(products__isnull=True).exists()

    # Every status, and each association within its quota.
    statuses = set(Application.objects.filter(event=event).values_list("status", flat=True))
    assert statuses == set(ApplicationStatus.values)
    lines = quota_lines(event)
    assert all(line.used <= line.quota for line in lines)
    assert sum(1 for line in lines if line.used or line.applied) >= 20

    # About 8% of the certificates are expired; each has a document whose file exists.
    certificates = Certification.objects.select_related("document")
    expired = sum(c.is_expired() for c in certificates)
    assert 0.04 <= expired / certificates.count() <= 0.14
    names = {c.document.file.name for c in certificates}
    assert all(private_storage().exists(name) for name in names)

    # The history replays transitions the services allow, ending at the current status.
    history = {}
    for transition in ApplicationTransition.objects.order_by("at", "pk"):
        history.setdefault(transition.application_id, []).append(transition)
    for application in Application.objects.prefetch_related("products"):
        steps = history[application.pk]
        assert steps[0].from_status == "" and steps[0].to_status == ApplicationStatus.DRAFT
        for before, after in zip(steps, steps[1:], strict=False):
            assert after.from_status == before.to_status
            assert allowed(after.from_status, after.to_status)
            assert after.at >= before.at
        assert steps[-1].to_status == application.status
        assert application.status_changed_at == steps[-1].at
        assert {p.business_id for p in application.products.all()} <= {application.business_id}
        if application.status != ApplicationStatus.DRAFT:
            # What submitting requires was there.
            assert application.submitted_at is not None
            blocking = [i for i in business_checklist(application.business) if i.blocking]
            assert all(item.done for item in blocking), (application, blocking)


@pytest.mark.django_db
def test_seed_demo_prints_the_counts_and_a_second_run_adds_nothing(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    out = StringIO()
    call_command("seed_demo", stdout=out)
    first = snapshot()
    assert "400 demo businesses (400 new)" in out.getvalue()

    again = StringIO()
    call_command("seed_demo", stdout=again)

    assert snapshot() == first
    assert "400 demo businesses (0 new)" in again.getvalue()
    assert "(0 new) in 11 statuses" in again.getvalue()


@pytest.mark.django_db
def test_the_demo_exhibitor_manages_a_complete_business_with_a_pending_application(event):
    seed_exhibitors(event=event)
    user = User.objects.get(email=DEMO_UMKM_EMAIL)

    business = business_of(user)

    assert business is not None and business.is_demo
    assert can(user, "exhibitors.change_business", business)
    assert all(item.done for item in business_checklist(business))
    assert business.documents.filter(kind=DocumentKind.NIB).exists()
    application = business.applications.get(event=event)
    assert application.status in (
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.ASSOCIATION_VERIFIED,
    )
    assert application.products.exists()
    assert application.transitions.filter(actor=user).exists()
    # Its documents are files of its own: deleting one leaves the others' files alone.
    own = {d.file.name for d in business.documents.all()}
    others = set(Document.objects.exclude(business=business).values_list("file", flat=True))
    assert own and not own & others


@pytest.mark.django_db
def test_the_demo_association_admin_sees_several_applicants(event):
    seed_exhibitors(event=event)
    admin = User.objects.get(email="asephi@pameran.test")

    queue = review_queue(admin, event=event)

    assert queue.count() >= 10
    assert {a.association.acronym for a in queue} == {"ASEPHI"}
    assert not queue.filter(status=ApplicationStatus.DRAFT).exists()
    assert queue.filter(status=ApplicationStatus.SUBMITTED).count() >= 2
    submitted = queue.filter(status=ApplicationStatus.SUBMITTED).first()
    assert can(admin, "exhibitors.verify_application", submitted)


@pytest.mark.django_db
def test_small_quotas_are_never_exceeded(event):
    Participation.objects.filter(event=event).update(booth_quota=2)

    seed_exhibitors(event=event)

    assert all(line.used <= 2 for line in quota_lines(event))
    used = Application.objects.filter(event=event, status__in=QUOTA_STATUSES)
    assert used.exists()
    assert Application.objects.filter(status=ApplicationStatus.WAITLISTED).count() > 40


@pytest.mark.django_db
def test_a_demo_exhibitor_who_already_manages_a_business_keeps_it(event):
    user = User.objects.get(email=DEMO_UMKM_EMAIL)
    own = BusinessFactory()
    role_grant(user=user, role=Role.EXHIBITOR, scope=own)

    seed_exhibitors(event=event)

    assert business_of(user) == own
    assert Business.objects.filter(is_demo=True).count() >= 350
