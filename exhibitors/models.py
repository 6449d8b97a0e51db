"""The UMKM and its path into an edition: business, products, certificates, documents, applications.

A Business lives across editions; its managers are users holding the exhibitor role
over it (``accounts.RoleGrant``), so "who may see this" is one question everywhere.
An Application is the business applying to one edition through one association; its
status only changes through ``exhibitors.services`` and every change leaves an
``ApplicationTransition`` row (the history the exhibitor, the association and the
organizer read). Documents are private files, served only by a permission-checked view
that records every read by someone other than the business's own managers.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import indonesian_phone_validator
from events.regions import Province

from . import validators
from .files import private_storage


class Scale(models.TextChoices):
    # Bands of PP 7/2021 (annual sales); shown to applicants so they can place themselves.
    MIKRO = "mikro", _("Micro (mikro)")
    KECIL = "kecil", _("Small (kecil)")
    MENENGAH = "menengah", _("Medium (menengah)")


SCALE_BANDS = {
    Scale.MIKRO: _("annual sales up to Rp 2 billion"),
    Scale.KECIL: _("annual sales above Rp 2 billion up to Rp 15 billion"),
    Scale.MENENGAH: _("annual sales above Rp 15 billion up to Rp 50 billion"),
}


class Sector(models.TextChoices):
    KULINER = "kuliner", _("Culinary (kuliner)")
    FASHION = "fashion", _("Fashion")
    KRIYA = "kriya", _("Handicraft (kriya)")
    AGRIBISNIS = "agribisnis", _("Agribusiness")
    HERBAL_KOSMETIK = "herbal_kosmetik", _("Herbal & cosmetics")
    FURNITUR_DEKORASI = "furnitur_dekorasi", _("Furniture & decoration")
    KOPI_REMPAH = "kopi_rempah", _("Coffee & spices")
    PERIKANAN = "perikanan", _("Fishery products")
    JASA_KREATIF = "jasa_kreatif", _("Creative services")
    LAINNYA = "lainnya", _("Other")


class LegalForm(models.TextChoices):
    PERORANGAN = "perorangan", _("Sole proprietor (perorangan)")
    PT_PERORANGAN = "pt_perorangan", _("PT Perorangan")
    CV = "cv", _("CV")
    PT = "pt", _("PT")
    KOPERASI = "koperasi", _("Cooperative (koperasi)")
    FIRMA = "firma", _("Firm (firma)")


class ExportExperience(models.TextChoices):
    NONE = "none", _("Not yet")
    INDIRECT = "indirect", _("Through an aggregator or exporter")
    DIRECT = "direct", _("Exports directly")


class Business(models.Model):
    """A UMKM, across editions."""

    legal_name = models.CharField(_("legal name"), max_length=200)
    brand_name = models.CharField(_("brand name"), max_length=200, blank=True)
    nib = models.CharField(
        _("NIB"),
        max_length=13,
        unique=True,
        validators=[validators.validate_nib],
        help_text=_("Nomor Induk Berusaha from OSS: 13 digits."),
        error_messages={"unique": _("Another business is already registered with this NIB.")},
    )
    legal_form = models.CharField(_("legal form"), max_length=16, choices=LegalForm.choices)
    scale = models.CharField(_("scale"), max_length=16, choices=Scale.choices)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    province = models.CharField(_("province"), max_length=2, choices=Province.choices)
    city = models.CharField(_("city or regency"), max_length=100)
    address = models.TextField(_("address"))
    whatsapp = models.CharField(
        _("WhatsApp number"), max_length=16, validators=[indonesian_phone_validator]
    )
    email = models.EmailField(_("business email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    marketplace_links = models.TextField(
        _("marketplace and social links"),
        blank=True,
        validators=[validators.validate_marketplace_links],
        help_text=_("One link per line: Tokopedia, Shopee, Instagram …"),
    )
    description = models.TextField(_("about the business"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="businesses/logos/", blank=True)
    founded_year = models.PositiveSmallIntegerField(
        _("year founded"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    export_experience = models.CharField(
        _("export experience"),
        max_length=16,
        choices=ExportExperience.choices,
        default=ExportExperience.NONE,
    )
    export_destinations = models.CharField(
        _("export destinations"), max_length=200, blank=True, help_text=_("Countries, if any.")
    )
    is_published = models.BooleanField(
        _("show in the public directory"),
        default=True,
        help_text=_("Once approved, the profile and products appear in the exhibitor directory."),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("business")
        verbose_name_plural = _("businesses")
        ordering = ["legal_name"]
        indexes = [models.Index(fields=["sector"]), models.Index(fields=["province"])]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.brand_name or self.legal_name

    @property
    def scale_band(self) -> str:
        return SCALE_BANDS.get(self.scale, "")

    def clean_fields(self, exclude=None):
        # "9120 0012.34567" is typed from a paper certificate: store the 13 digits.
        if self.nib:
            self.nib = validators.normalize_nib(self.nib)
        super().clean_fields(exclude=exclude)


class Product(models.Model):
    business = models.ForeignKey(
        Business, verbose_name=_("business"), on_delete=models.CASCADE, related_name="products"
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="businesses/products/", blank=True)
    price_min = models.PositiveBigIntegerField(_("lowest price (Rp)"))
    price_max = models.PositiveBigIntegerField(_("highest price (Rp)"))
    unit = models.CharField(_("unit"), max_length=32, help_text=_("pcs, kg, bottle, pack …"))
    hs_code = models.CharField(
        _("HS code"),
        max_length=10,
        blank=True,
        validators=[validators.validate_hs_code],
        help_text=_("Optional: 4, 6, 8 or 10 digits, for export buyers."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["business", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(price_min__lte=models.F("price_max")),
                name="exhibitors_product_price_range",
                violation_error_message=_("The lowest price cannot be above the highest price."),
            )
        ]

    def __str__(self):
        return self.name

    def clean_fields(self, exclude=None):
        if self.hs_code:
            self.hs_code = validators.normalize_hs_code(self.hs_code)
        super().clean_fields(exclude=exclude)


class DocumentKind(models.TextChoices):
    NIB = "nib", _("NIB certificate")
    CERTIFICATE = "certificate", _("Certificate")
    ASSOCIATION_LETTER = "association_letter", _("Association membership letter")
    PRODUCT_CATALOGUE = "catalogue", _("Product catalogue")
    OTHER = "other", _("Other")


class Document(models.Model):
    """A private file of a business; read only through ``exhibitors:document``."""

    business = models.ForeignKey(
        Business, verbose_name=_("business"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=150, blank=True)
    file = models.FileField(_("file"), storage=private_storage, upload_to="documents/%Y/%m/")
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.title or self.get_kind_display()


class DocumentAccess(models.Model):
    """A read of a document by someone other than the business's own managers."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="accesses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("read by"), on_delete=models.PROTECT
    )
    at = models.DateTimeField(_("read at"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("document access")
        verbose_name_plural = _("document accesses")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.user} · {self.document} · {self.at:%Y-%m-%d %H:%M}"


class CertificationKind(models.TextChoices):
    PIRT = "pirt", _("P-IRT (home industry food permit)")
    BPOM_MD = "bpom_md", _("BPOM MD (domestic processed food)")
    BPOM_ML = "bpom_ml", _("BPOM ML (imported processed food)")
    HALAL = "halal", _("Halal (BPJPH)")
    SNI = "sni", _("SNI")


class Certification(models.Model):
    business = models.ForeignKey(
        Business,
        verbose_name=_("business"),
        on_delete=models.CASCADE,
        related_name="certifications",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=CertificationKind.choices)
    number = models.CharField(_("number"), max_length=40)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    expires_on = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Leave empty if it does not expire.")
    )
    document = models.ForeignKey(
        Document,
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="certifications",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        ordering = ["business", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["business", "kind", "number"],
                name="exhibitors_certification_unique",
                violation_error_message=_("This certificate is already recorded."),
            ),
            models.CheckConstraint(
                condition=Q(issued_on__isnull=True)
                | Q(expires_on__isnull=True)
                | Q(issued_on__lt=models.F("expires_on")),
                name="exhibitors_certification_dates",
                violation_error_message=_("A certificate must expire after it was issued."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.display_number}"

    @property
    def display_number(self) -> str:
        return validators.format_certificate_number(self.kind, self.number)

    def is_expired(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.expires_on is not None and self.expires_on < on

    def clean(self):
        super().clean()
        if self.kind and self.number:
            try:
                self.number = validators.normalize_certificate_number(self.kind, self.number)
            except ValidationError as error:
                raise ValidationError({"number": error.error_list}) from None


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned by the association")
    ASSOCIATION_VERIFIED = "association_verified", _("Verified by the association")
    APPROVED = "approved", _("Approved")
    WAITLISTED = "waitlisted", _("Waitlisted")
    REJECTED = "rejected", _("Rejected")
    ALLOCATED = "allocated", _("Booth allocated")
    CONFIRMED = "confirmed", _("Confirmed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CANCELLED = "cancelled", _("Cancelled")


S = ApplicationStatus
# Statuses that hold (or may still claim) a place in the association's quota.
QUOTA_STATUSES = (S.APPROVED, S.ALLOCATED, S.CONFIRMED)
# Closed applications do not block a new one for the same edition.
CLOSED_STATUSES = (S.REJECTED, S.WITHDRAWN, S.CANCELLED)
EDITABLE_STATUSES = (S.DRAFT, S.RETURNED, S.SUBMITTED)


class BoothSize(models.TextChoices):
    # Until booths define BoothType per hall (issue 4), applicants ask for a kind of booth.
    STANDARD = "standard", _("Standard booth 3 × 3 m")
    DOUBLE = "double", _("Double booth 3 × 6 m")
    CULINARY = "culinary", _("Culinary stall with water")
    OUTDOOR = "outdoor", _("Outdoor tent 3 × 3 m")


class Application(models.Model):
    business = models.ForeignKey(
        Business,
        verbose_name=_("business"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("edition"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    association = models.ForeignKey(
        "events.Association",
        verbose_name=_("association"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    status = models.CharField(
        _("status"), max_length=24, choices=ApplicationStatus.choices, default=S.DRAFT
    )
    booth_size = models.CharField(
        _("booth type"), max_length=16, choices=BoothSize.choices, default=BoothSize.STANDARD
    )
    booth_count = models.PositiveSmallIntegerField(
        _("number of booths"), default=1, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    preferred_zone = models.CharField(
        _("preferred zone or neighbours"),
        max_length=150,
        blank=True,
        help_text=_("E.g. near the culinary area, next to other coffee producers."),
    )
    products = models.ManyToManyField(
        Product, verbose_name=_("products to show"), blank=True, related_name="applications"
    )
    needs_power = models.BooleanField(_("needs electricity"), default=False)
    power_watts = models.PositiveIntegerField(
        _("power needed (watts)"), null=True, blank=True, validators=[MaxValueValidator(10000)]
    )
    needs_water = models.BooleanField(_("needs water"), default=False)
    staff_count = models.PositiveSmallIntegerField(
        _("staff at the booth"), default=2, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    notes = models.TextField(_("notes for the organizer"), blank=True)
    quota_override = models.BooleanField(_("approved beyond the quota"), default=False)
    reason = models.TextField(_("reason of the last decision"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-status_changed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["business", "event"],
                condition=~Q(status__in=CLOSED_STATUSES),
                name="exhibitors_one_open_application_per_event",
                violation_error_message=_(
                    "This business already has an application to this edition."
                ),
            )
        ]
        indexes = [
            models.Index(fields=["event", "status"]),
            models.Index(fields=["event", "association", "status"]),
        ]

    def __str__(self):
        return f"{self.business} → {self.event}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES


class ApplicationTransition(models.Model):
    """One status change of an application: the history and the audit trail."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    from_status = models.CharField(
        _("from"), max_length=24, choices=ApplicationStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=24, choices=ApplicationStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)
    quota_override = models.BooleanField(_("beyond the quota"), default=False)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.application_id}: {self.from_status} → {self.to_status}"
