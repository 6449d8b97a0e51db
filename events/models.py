from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel

from .regions import Province


class TimeZone(models.TextChoices):
    WIB = "Asia/Jakarta", _("WIB (Asia/Jakarta, UTC+7)")
    WITA = "Asia/Makassar", _("WITA (Asia/Makassar, UTC+8)")
    WIT = "Asia/Jayapura", _("WIT (Asia/Jayapura, UTC+9)")


class Venue(models.Model):
    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"))
    city = models.CharField(_("city"), max_length=100)
    province = models.CharField(_("province"), max_length=2, choices=Province.choices)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    directions = models.TextField(_("how to get there"), blank=True)

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="events_venue_latitude_range",
                violation_error_message=_("Latitude must be between -90 and 90."),
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="events_venue_longitude_range",
                violation_error_message=_("Longitude must be between -180 and 180."),
            ),
        ]

    def __str__(self):
        return f"{self.name}, {self.city}"

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))
        errors = {}
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            errors["latitude"] = _("Latitude must be between -90 and 90.")
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            errors["longitude"] = _("Longitude must be between -180 and 180.")
        if errors:
            raise ValidationError(errors)


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")
    ARCHIVED = "archived", _("Archived")


class Event(ClusterableModel):
    """One edition of the exhibition, e.g. "Hari UMKM Nasional 2027, Solo"."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000)])
    venue = models.ForeignKey(
        Venue, verbose_name=_("venue"), on_delete=models.PROTECT, related_name="events"
    )
    time_zone = models.CharField(
        _("time zone"), max_length=32, choices=TimeZone.choices, default=TimeZone.WIB
    )
    status = models.CharField(
        _("status"), max_length=16, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    booth_capacity = models.PositiveIntegerField(
        _("booths on offer"),
        default=0,
        help_text=_("How many booths the edition offers; association quotas may not exceed it."),
    )
    exhibitor_registration_opens_at = models.DateTimeField(
        _("exhibitor registration opens"), null=True, blank=True
    )
    exhibitor_registration_closes_at = models.DateTimeField(
        _("exhibitor registration closes"), null=True, blank=True
    )
    visitor_registration_opens_at = models.DateTimeField(
        _("visitor registration opens"), null=True, blank=True
    )
    visitor_registration_closes_at = models.DateTimeField(
        _("visitor registration closes"), null=True, blank=True
    )
    usd_idr_rate = models.DecimalField(
        _("USD→IDR rate"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("1"))],
        help_text=_("Rupiah per US dollar, used to report deals in both currencies."),
    )
    usd_idr_rate_date = models.DateField(_("rate date"), null=True, blank=True)
    usd_idr_rate_source = models.CharField(
        _("rate source"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Bank Indonesia JISDOR of the rate date."),
    )
    programmes = ParentalManyToManyField(
        "Programme",
        verbose_name=_("programmes"),
        blank=True,
        related_name="events",
        help_text=_("Ministry programmes that support this edition, e.g. UMKM BISA Ekspor."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["-year", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(exhibitor_registration_opens_at__isnull=True)
                | Q(exhibitor_registration_closes_at__isnull=True)
                | Q(
                    exhibitor_registration_opens_at__lt=models.F("exhibitor_registration_closes_at")
                ),
                name="events_event_exhibitor_window_order",
                violation_error_message=_("Exhibitor registration must close after it opens."),
            ),
            models.CheckConstraint(
                condition=Q(visitor_registration_opens_at__isnull=True)
                | Q(visitor_registration_closes_at__isnull=True)
                | Q(visitor_registration_opens_at__lt=models.F("visitor_registration_closes_at")),
                name="events_event_visitor_window_order",
                violation_error_message=_("Visitor registration must close after it opens."),
            ),
            models.CheckConstraint(
                condition=Q(usd_idr_rate__isnull=True) | Q(usd_idr_rate__gt=0),
                name="events_event_rate_positive",
                violation_error_message=_("The exchange rate must be positive."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        for kind in ("exhibitor", "visitor"):
            opens = getattr(self, f"{kind}_registration_opens_at")
            closes = getattr(self, f"{kind}_registration_closes_at")
            if opens and closes and opens >= closes:
                errors[f"{kind}_registration_closes_at"] = _(
                    "Registration must close after it opens."
                )
        has_rate = self.usd_idr_rate is not None
        if has_rate and not self.usd_idr_rate_date:
            errors["usd_idr_rate_date"] = _("Give the date of the exchange rate.")
        if has_rate and not self.usd_idr_rate_source:
            errors["usd_idr_rate_source"] = _("Give the source of the exchange rate.")
        if errors:
            raise ValidationError(errors)

    @property
    def first_day(self):
        return self.days.order_by("date").first()

    @property
    def last_day(self):
        return self.days.order_by("date").last()

    def quota_total(self) -> int:
        return self.participations.aggregate(total=models.Sum("booth_quota"))["total"] or 0


class EventDay(models.Model):
    """A day of the edition with its opening hours (in the event's zone) and capacity."""

    # A ParentalKey, so the days are edited on the event's own admin screen.
    event = ParentalKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField(_("date"))
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))
    visitor_capacity = models.PositiveIntegerField(
        _("visitor capacity"), help_text=_("Most visitors admitted on this day.")
    )

    class Meta:
        verbose_name = _("event day")
        verbose_name_plural = _("event days")
        ordering = ["event", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "date"],
                name="events_day_unique_date",
                violation_error_message=_("This edition already has that day."),
            ),
            models.CheckConstraint(
                condition=Q(opens_at__lt=models.F("closes_at")),
                name="events_day_hours_order",
                violation_error_message=_("Closing time must be after opening time."),
            ),
        ]

    def __str__(self):
        return f"{self.event} · {self.date:%d-%m-%Y}"

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.opens_at >= self.closes_at:
            raise ValidationError({"closes_at": _("Closing time must be after opening time.")})


class Association(models.Model):
    """A UMKM association, across editions (ASEPHI, IWAPI, HIPMI …)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=32, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    sector_focus = models.CharField(_("sector focus"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_demo = models.BooleanField(
        _("demo data"),
        default=False,
        help_text=_("A plausible association made up for the demo, not a real one."),
    )

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        ordering = ["acronym"]

    def __str__(self):
        return f"{self.acronym} — {self.name}"


class Participation(models.Model):
    """An association taking part in an edition, with its booth quota."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="participations"
    )
    association = models.ForeignKey(
        Association,
        verbose_name=_("association"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    booth_quota = models.PositiveIntegerField(_("booth quota"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["event", "association__acronym"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "association"],
                name="events_participation_unique",
                violation_error_message=_("This association already takes part in this edition."),
            )
        ]

    def __str__(self):
        return f"{self.association.acronym} @ {self.event}"

    def clean(self):
        super().clean()
        if self.event_id is None or self.booth_quota is None:
            return
        others = (
            Participation.objects.filter(event_id=self.event_id)
            .exclude(pk=self.pk)
            .aggregate(total=models.Sum("booth_quota"))["total"]
            or 0
        )
        capacity = self.event.booth_capacity
        if others + self.booth_quota > capacity:
            raise ValidationError(
                {
                    "booth_quota": _(
                        "Quotas would total %(total)s booths, but the edition offers only "
                        "%(capacity)s. At most %(left)s are left for this association."
                    )
                    % {
                        "total": others + self.booth_quota,
                        "capacity": capacity,
                        "left": max(capacity - others, 0),
                    }
                }
            )


class Ministry(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=32, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("ministry")
        verbose_name_plural = _("ministries")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Programme(models.Model):
    """A ministry's programme that deals and exhibitors can be attributed to."""

    ministry = models.ForeignKey(
        Ministry, verbose_name=_("ministry"), on_delete=models.PROTECT, related_name="programmes"
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["ministry", "name"],
                name="events_programme_unique",
                violation_error_message=_("This ministry already has a programme with this name."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.ministry.acronym})"


class Currency(models.TextChoices):
    """Currencies a deal may be recorded in: the rupiah, the dollar, and the currencies of
    Indonesia's main export markets. Anything else is refused rather than guessed."""

    IDR = "IDR", _("Indonesian rupiah (IDR)")
    USD = "USD", _("US dollar (USD)")
    SGD = "SGD", _("Singapore dollar (SGD)")
    MYR = "MYR", _("Malaysian ringgit (MYR)")
    CNY = "CNY", _("Chinese yuan (CNY)")
    JPY = "JPY", _("Japanese yen (JPY)")
    KRW = "KRW", _("Korean won (KRW)")
    EUR = "EUR", _("Euro (EUR)")
    AUD = "AUD", _("Australian dollar (AUD)")
    SAR = "SAR", _("Saudi riyal (SAR)")
    AED = "AED", _("UAE dirham (AED)")
    GBP = "GBP", _("Pound sterling (GBP)")


class ExchangeRate(models.Model):
    """Rupiah per unit of a currency other than the dollar, recorded for an edition.

    The dollar's rate stays on the event (``usd_idr_rate``). A deal stores the rates it
    was converted at, so changing a rate here never changes a recorded figure.
    """

    event = ParentalKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="exchange_rates"
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    idr_per_unit = models.DecimalField(
        _("rupiah per unit"),
        max_digits=14,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0.0001"))],
    )
    rate_date = models.DateField(_("rate date"))
    source = models.CharField(_("rate source"), max_length=200)

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["event", "currency"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "currency"],
                name="events_rate_unique_currency",
                violation_error_message=_("This edition already has a rate for that currency."),
            ),
            models.CheckConstraint(
                condition=Q(idr_per_unit__gt=0),
                name="events_rate_positive",
                violation_error_message=_("The exchange rate must be positive."),
            ),
        ]

    def __str__(self):
        return f"{self.currency} {self.idr_per_unit}"

    def clean(self):
        super().clean()
        if self.currency in (Currency.IDR, Currency.USD):
            raise ValidationError(
                {
                    "currency": _(
                        "The rupiah needs no rate and the dollar's rate is set on the edition."
                    )
                }
            )
