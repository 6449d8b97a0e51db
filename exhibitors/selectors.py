"""Reads for businesses and applications: portals, review queues, quotas, checklists."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from accounts.permissions import visible
from events.models import Event, Participation

from .models import (
    QUOTA_STATUSES,
    Application,
    ApplicationStatus,
    Business,
    Certification,
    CertificationKind,
    DocumentKind,
    Sector,
)

FOOD_PERMITS = (CertificationKind.PIRT, CertificationKind.BPOM_MD, CertificationKind.BPOM_ML)


def business_of(user) -> Business | None:
    """The business ``user`` manages (an account manages at most one)."""
    if not user.is_authenticated:
        return None
    grant = user.role_grants.filter(role=Role.EXHIBITOR).only("scope_id").first()
    return Business.objects.filter(pk=grant.scope_id).first() if grant else None


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str | Promise
    done: bool
    # A blocking item stops the application from being submitted; others are advice.
    blocking: bool = True


def business_checklist(business: Business, *, on=None) -> list[ChecklistItem]:
    """What the business still lacks before it can apply, in the order to fix it."""
    on = on or timezone.localdate()
    certifications = list(business.certifications.all())
    kinds = {c.kind for c in certifications}
    expired = [c for c in certifications if c.is_expired(on)]
    items = [
        ChecklistItem("profile", _("Business profile filled in"), bool(business.pk)),
        ChecklistItem(
            "nib_document",
            _("NIB certificate uploaded"),
            business.documents.filter(kind=DocumentKind.NIB).exists(),
        ),
        ChecklistItem("products", _("At least one product"), business.products.exists()),
    ]
    if business.sector == Sector.KULINER:
        items.append(
            ChecklistItem(
                "food_permit",
                _("A food permit (P-IRT or BPOM) for culinary products"),
                bool(kinds & set(FOOD_PERMITS)),
            )
        )
    items.append(
        ChecklistItem(
            "certificates_valid",
            _("No expired certificates"),
            not expired,
            blocking=False,
        )
    )
    items.append(ChecklistItem("logo", _("Logo uploaded"), bool(business.logo), blocking=False))
    return items


def expired_certifications(business: Business, *, on=None) -> list[Certification]:
    on = on or timezone.localdate()
    return [c for c in business.certifications.all() if c.is_expired(on)]


def applications_of(business: Business) -> QuerySet[Application]:
    return (
        Application.objects.filter(business=business)
        .select_related("event", "association")
        .prefetch_related("transitions__actor")
        .order_by("-event__year", "-created_at")
    )


def open_editions(*, now=None) -> QuerySet[Event]:
    """Editions whose exhibitor registration is open now."""
    now = now or timezone.now()
    return (
        Event.objects.filter(
            Q(exhibitor_registration_opens_at__isnull=True)
            | Q(exhibitor_registration_opens_at__lte=now),
            Q(exhibitor_registration_closes_at__isnull=True)
            | Q(exhibitor_registration_closes_at__gt=now),
        )
        .select_related("venue")
        .order_by("-year")
    )


def quota_use(participation: Participation) -> int:
    """Booths taken by the association's approved, allocated and confirmed applications."""
    return (
        Application.objects.filter(
            event_id=participation.event_id,
            association_id=participation.association_id,
            status__in=QUOTA_STATUSES,
        ).aggregate(total=Sum("booth_count"))["total"]
        or 0
    )


@dataclass(frozen=True)
class QuotaLine:
    participation: Participation
    used: int
    applied: int  # applications waiting for a decision (submitted or verified), in booths

    @property
    def quota(self) -> int:
        return self.participation.booth_quota

    @property
    def left(self) -> int:
        return self.quota - self.used

    @property
    def over(self) -> bool:
        return self.used > self.quota


def quota_lines(event: Event, *, associations=None) -> list[QuotaLine]:
    """Each association's quota in ``event`` against its use, in one query."""
    waiting = (ApplicationStatus.SUBMITTED, ApplicationStatus.ASSOCIATION_VERIFIED)
    participations = (
        Participation.objects.filter(event=event)
        .select_related("association")
        .annotate(
            used=Sum(
                "association__applications__booth_count",
                filter=Q(
                    association__applications__event=event,
                    association__applications__status__in=QUOTA_STATUSES,
                ),
            ),
            applied=Sum(
                "association__applications__booth_count",
                filter=Q(
                    association__applications__event=event,
                    association__applications__status__in=waiting,
                ),
            ),
        )
        .order_by("association__acronym")
    )
    if associations is not None:
        participations = participations.filter(association__in=associations)
    return [QuotaLine(p, p.used or 0, p.applied or 0) for p in participations]


def review_queue(
    user, *, event: Event | None = None, perm: str = "exhibitors.view_application"
) -> QuerySet[Application]:
    """Applications ``user`` may ``perm``, with what a queue row shows, in fixed queries.

    Annotations: ``certificate_count`` and ``has_expired_certificate``. The permission
    filter is a semi-join on ids, so the page query needs no DISTINCT over wide
    joined rows, and the certificates are counted in a subquery instead of a GROUP BY.
    """
    today = timezone.localdate()
    allowed = visible(user, perm, Application.objects.all()).values("pk")
    queryset = Application.objects.filter(pk__in=allowed)
    if event is not None:
        queryset = queryset.filter(event=event)
    certificates = (
        Certification.objects.filter(business_id=OuterRef("business_id"))
        .order_by()
        .values("business_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        queryset.select_related("business", "association", "event")
        .annotate(
            certificate_count=Coalesce(Subquery(certificates, output_field=IntegerField()), 0),
            has_expired_certificate=Exists(
                Certification.objects.filter(
                    business_id=OuterRef("business_id"), expires_on__lt=today
                )
            ),
        )
        .order_by("-status_changed_at", "-pk")
    )


def application_detail(application_id: int, user) -> Application | None:
    """One application with its business, products, certificates, documents and history."""
    queryset = visible(user, "exhibitors.view_application", Application.objects.all())
    return (
        queryset.select_related("business", "association", "event")
        .prefetch_related(
            "products",
            "business__products",
            Prefetch(
                "business__certifications",
                queryset=Certification.objects.select_related("document"),
            ),
            "business__documents",
            "transitions__actor",
        )
        .filter(pk=application_id)
        .first()
    )
