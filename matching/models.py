"""Business matching: buyers, sessions cut into slots, meetings, and the deal ledger.

The ledger (``Transaction``) is append-only. A row is never edited: its status moves
forward (recorded → confirmed or verified → void) and a correction voids it and links
the row that replaces it. Every row stores the rates it was converted at, and what it
is reported under (association, province, scale, sector, buyer type) as they were when
it was recorded, so a figure read today is the figure read at the closing ceremony.

``LedgerCell`` is the ledger summed per reporting grain; services keep it in step in the
same database transaction as every ledger write, and the dashboards read it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from events.models import Currency
from events.regions import Province
from exhibitors.models import Scale, Sector

from .countries import Country


class BuyerKind(models.TextChoices):
    LARGE_INDUSTRY = "large_industry", _("Large industry")
    RETAIL_CHAIN = "retail_chain", _("Retail chain")
    EXPORTER = "exporter", _("Exporter or aggregator")
    BUMN = "bumn", _("State-owned enterprise (BUMN)")
    ECOMMERCE = "ecommerce", _("E-commerce")
    FOREIGN = "foreign", _("Foreign buyer (via a trade attaché)")
    HOTEL_RESTAURANT = "horeka", _("Hotel, restaurant or caterer")
    GOVERNMENT = "government", _("Government procurement")


class Buyer(models.Model):
    """An organisation that comes to buy: it exists across editions, like a business."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("buyer type"), max_length=24, choices=BuyerKind.choices)
    country = models.CharField(
        _("country"), max_length=2, choices=Country.choices, default=Country.ID
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    sectors = models.JSONField(
        _("sectors of interest"),
        default=list,
        blank=True,
        help_text=_("The sectors whose products the buyer looks for."),
    )
    seeks = models.TextField(
        _("what the buyer seeks"),
        blank=True,
        help_text=_("Products, volumes, certificates needed (halal, BPOM, SNI …)."),
    )
    description = models.TextField(_("about the buyer"), blank=True)
    website = models.URLField(_("website"), blank=True)
    trade_attache = models.CharField(
        _("through trade attaché"),
        max_length=200,
        blank=True,
        help_text=_("For foreign buyers: the attaché or ITPC that brought them, e.g. ITPC Osaka."),
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("buyer")
        verbose_name_plural = _("buyers")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        unknown = [s for s in (self.sectors or []) if s not in Sector.values]
        if not isinstance(self.sectors, list) or unknown:
            raise ValidationError({"sectors": _("Choose sectors from the list.")})

    def sector_labels(self) -> list[str]:
        labels = dict(Sector.choices)
        return [str(labels[s]) for s in self.sectors or [] if s in labels]


class BuyerParticipation(models.Model):
    """A buyer taking part in an edition's business matching."""

    buyer = models.ForeignKey(
        Buyer, verbose_name=_("buyer"), on_delete=models.CASCADE, related_name="participations"
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="buyer_participations",
    )
    max_meetings = models.PositiveSmallIntegerField(
        _("most meetings"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
        help_text=_("Most meetings the buyer takes in this edition."),
    )
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)

    class Meta:
        verbose_name = _("buyer participation")
        verbose_name_plural = _("buyer participations")
        ordering = ["event", "buyer"]
        constraints = [
            models.UniqueConstraint(
                fields=["buyer", "event"],
                name="matching_buyer_once_per_event",
                violation_error_message=_("This buyer already takes part in this edition."),
            )
        ]

    def __str__(self):
        return f"{self.buyer} · {self.event}"


class MatchingSession(models.Model):
    """A block of business matching on one day of the edition, cut into equal slots."""

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="matching_sessions",
    )
    day = models.ForeignKey(
        "events.EventDay",
        verbose_name=_("day"),
        on_delete=models.CASCADE,
        related_name="matching_sessions",
    )
    name = models.CharField(_("name"), max_length=150)
    location = models.CharField(_("location"), max_length=150, blank=True)
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("minutes per meeting"),
        default=20,
        validators=[MinValueValidator(5), MaxValueValidator(120)],
    )
    table_count = models.PositiveSmallIntegerField(
        _("tables"), default=10, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    max_per_buyer = models.PositiveSmallIntegerField(
        _("most meetings per buyer"), default=8, validators=[MinValueValidator(1)]
    )
    max_per_exhibitor = models.PositiveSmallIntegerField(
        _("most meetings per exhibitor"), default=4, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("matching session")
        verbose_name_plural = _("matching sessions")
        ordering = ["event", "day__date", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at__lt=models.F("ends_at")),
                name="matching_session_hours_order",
                violation_error_message=_("The session must end after it starts."),
            )
        ]

    def __str__(self):
        return f"{self.name} · {self.day.date:%d-%m-%Y}"

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.starts_at >= self.ends_at:
            raise ValidationError({"ends_at": _("The session must end after it starts.")})
        if self.day_id and self.event_id and self.day.event_id != self.event_id:
            raise ValidationError({"day": _("Choose a day of this edition.")})


class Slot(models.Model):
    """One meeting time of a session; every table meets at the same times."""

    session = models.ForeignKey(
        MatchingSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="slots"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["session", "starts_at"], name="matching_slot_unique")
        ]

    def __str__(self):
        return f"{self.session} · {timezone.localtime(self.starts_at):%H:%M}"


class Side(models.TextChoices):
    BUYER = "buyer", _("Buyer")
    EXHIBITOR = "exhibitor", _("Exhibitor")
    DESK = "desk", _("Matching desk")


class MeetingStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted, waiting for a time")
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", pgettext_lazy("meeting status", "Held")
    NO_SHOW = "no_show", _("No-show")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


M = MeetingStatus
# A pair has at most one meeting in these statuses per edition.
LIVE_MEETING_STATUSES = (M.REQUESTED, M.ACCEPTED, M.SCHEDULED)
# Meetings that take a place at a table.
PLACED_MEETING_STATUSES = (M.SCHEDULED, M.HELD, M.NO_SHOW)


class Meeting(models.Model):
    """A buyer and an exhibitor meeting at a table: requested by one, accepted by the other,
    placed by the scheduler, checked in or marked a no-show by the desk."""

    event = models.ForeignKey(
        "events.Event", verbose_name=_("edition"), on_delete=models.CASCADE, related_name="meetings"
    )
    buyer = models.ForeignKey(
        Buyer, verbose_name=_("buyer"), on_delete=models.CASCADE, related_name="meetings"
    )
    business = models.ForeignKey(
        "exhibitors.Business",
        verbose_name=_("exhibitor"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    requested_by_side = models.CharField(_("requested by"), max_length=12, choices=Side.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by (person)"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    message = models.TextField(_("message"), blank=True, max_length=1000)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=12, choices=MeetingStatus.choices, default=M.REQUESTED
    )
    response_message = models.TextField(_("reply"), blank=True, max_length=1000)
    responded_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replied by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    slot = models.ForeignKey(
        Slot,
        verbose_name=_("time"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
    )
    table = models.PositiveSmallIntegerField(_("table"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    no_show_side = models.CharField(
        _("who did not come"), max_length=12, choices=Side.choices, blank=True
    )
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["event", "slot__starts_at", "table", "requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "buyer", "business"],
                condition=Q(status__in=LIVE_MEETING_STATUSES),
                name="matching_one_live_meeting_per_pair",
                violation_error_message=_("These two already have a meeting request."),
            ),
            models.UniqueConstraint(
                fields=["slot", "table"],
                condition=Q(status__in=PLACED_MEETING_STATUSES),
                name="matching_one_meeting_per_table",
                violation_error_message=_("That table is taken at that time."),
            ),
            models.UniqueConstraint(
                fields=["slot", "buyer"],
                condition=Q(status__in=PLACED_MEETING_STATUSES),
                name="matching_buyer_one_place_per_slot",
                violation_error_message=_("The buyer already meets someone at that time."),
            ),
            models.UniqueConstraint(
                fields=["slot", "business"],
                condition=Q(status__in=PLACED_MEETING_STATUSES),
                name="matching_exhibitor_one_place_per_slot",
                violation_error_message=_("The exhibitor already meets someone at that time."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=PLACED_MEETING_STATUSES)
                | (Q(slot__isnull=False) & Q(table__isnull=False)),
                name="matching_placed_meeting_has_place",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status"]),
            models.Index(fields=["buyer", "status"]),
            models.Index(fields=["business", "status"]),
        ]

    def __str__(self):
        return f"{self.buyer} × {self.business}"


class TransactionKind(models.TextChoices):
    RETAIL_SALE = "retail_sale", _("Retail sale")
    PURCHASE_ORDER = "purchase_order", _("Purchase order")
    CONTRACT = "contract", _("Contract")
    MOU = "mou", _("MoU")
    POTENTIAL = "potential", _("Potential (indication of interest)")


K = TransactionKind


class ReportGroup(models.TextChoices):
    """How kinds are reported: never summed into one number across these groups."""

    RETAIL = "retail", _("Retail sales")
    ORDERS = "orders", _("Orders and contracts")
    MOU = "mou", _("MoUs")
    POTENTIAL = "potential", _("Potential transactions")


REPORT_GROUP_OF_KIND = {
    K.RETAIL_SALE: ReportGroup.RETAIL,
    K.PURCHASE_ORDER: ReportGroup.ORDERS,
    K.CONTRACT: ReportGroup.ORDERS,
    K.MOU: ReportGroup.MOU,
    K.POTENTIAL: ReportGroup.POTENTIAL,
}


class TransactionStatus(models.TextChoices):
    RECORDED = "recorded", _("Recorded")
    CONFIRMED = "confirmed", _("Confirmed by the other party")
    VERIFIED = "verified", _("Verified by the organizer")
    VOID = "void", pgettext_lazy("deal status", "Void")


T = TransactionStatus
LIVE_TRANSACTION_STATUSES = (T.RECORDED, T.CONFIRMED, T.VERIFIED)
# The only columns a stored row may still change: its status and who moved it.
STATUS_FIELDS = frozenset(
    {
        "status",
        "confirmed_by",
        "confirmed_at",
        "verified_by",
        "verified_at",
        "voided_by",
        "voided_at",
        "void_reason",
    }
)


class Transaction(models.Model):
    """A deal in the ledger. Rows are written once; see the module's docstring."""

    # Composite indexes below lead with these three keys; no single-column index each.
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("edition"),
        on_delete=models.PROTECT,
        related_name="transactions",
        db_index=False,
    )
    business = models.ForeignKey(
        "exhibitors.Business",
        verbose_name=_("exhibitor"),
        on_delete=models.PROTECT,
        related_name="transactions",
        db_index=False,
    )
    buyer = models.ForeignKey(
        Buyer,
        verbose_name=_("buyer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transactions",
        help_text=_("Empty only for retail sales to visitors."),
        db_index=False,
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transactions",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=TransactionKind.choices)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=2)
    # The rates the value was converted at, stored with the row (rupiah per unit).
    idr_per_unit = models.DecimalField(_("rupiah per unit"), max_digits=14, decimal_places=4)
    usd_idr_rate = models.DecimalField(_("USD→IDR rate"), max_digits=12, decimal_places=2)
    rate_date = models.DateField(_("rate date"), null=True, blank=True)
    value_idr = models.BigIntegerField(_("value in rupiah"))
    value_usd = models.DecimalField(_("value in US dollars"), max_digits=16, decimal_places=2)
    quantity = models.DecimalField(
        _("quantity"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=32, blank=True)
    product_name = models.CharField(_("product"), max_length=150, blank=True)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    destination_country = models.CharField(
        _("export destination"),
        max_length=2,
        choices=Country.choices,
        blank=True,
        help_text=_("Only for exports."),
    )
    programme = models.ForeignKey(
        "events.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transactions",
    )
    deal_date = models.DateField(_("deal date"))
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    # What the row is reported under, as it was when recorded.
    association = models.ForeignKey(
        "events.Association",
        verbose_name=_("association"),
        on_delete=models.PROTECT,
        related_name="transactions",
    )
    province = models.CharField(_("province"), max_length=2, choices=Province.choices)
    scale = models.CharField(_("scale"), max_length=16, choices=Scale.choices)
    buyer_kind = models.CharField(
        _("buyer type"), max_length=24, choices=BuyerKind.choices, blank=True
    )
    recorded_as = models.CharField(_("recorded by side"), max_length=12, choices=Side.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=12, choices=TransactionStatus.choices, default=T.RECORDED
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    void_reason = models.TextField(_("reason for voiding"), blank=True)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
    )

    class Meta:
        verbose_name = _("transaction")
        verbose_name_plural = _("transactions")
        ordering = ["-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gt=0) & Q(value_idr__gt=0) & Q(value_usd__gte=0),
                name="matching_transaction_value_positive",
                violation_error_message=_("The value must be more than zero."),
            ),
            models.CheckConstraint(
                condition=Q(buyer__isnull=False) | Q(kind=K.RETAIL_SALE),
                name="matching_transaction_buyer_unless_retail",
                violation_error_message=_("Only a retail sale may have no buyer."),
            ),
            models.CheckConstraint(
                condition=Q(status=T.VOID) | Q(voided_at__isnull=True),
                name="matching_transaction_void_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "kind"]),
            models.Index(fields=["business", "-recorded_at"]),
            models.Index(fields=["buyer", "-recorded_at"]),
        ]

    def __str__(self):
        return f"#{self.pk} {self.get_kind_display()} {self.business} {self.value} {self.currency}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            changed = kwargs.get("update_fields")
            if changed is None or not set(changed) <= STATUS_FIELDS:
                raise ValidationError(
                    _("A recorded deal is never edited: void it and record a replacement.")
                )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A recorded deal is never deleted: void it."))

    @property
    def report_group(self) -> str:
        return REPORT_GROUP_OF_KIND[self.kind]

    @property
    def is_export(self) -> bool:
        return bool(self.destination_country) and self.destination_country != Country.ID


class LedgerCell(models.Model):
    """The live ledger summed per reporting grain; kept by ``matching.services``.

    Plain integer columns rather than foreign keys, and ``0`` or ``""`` for "none",
    so the grain is one unique key on both databases and a write is one upsert.
    """

    event_id = models.BigIntegerField()
    status = models.CharField(max_length=12)
    kind = models.CharField(max_length=16)
    currency = models.CharField(max_length=3)
    deal_date = models.DateField()
    association_id = models.BigIntegerField()
    sector = models.CharField(max_length=32)
    province = models.CharField(max_length=2)
    scale = models.CharField(max_length=16)
    buyer_kind = models.CharField(max_length=24)
    country = models.CharField(max_length=2)
    programme_id = models.BigIntegerField()
    business_id = models.BigIntegerField()
    buyer_id = models.BigIntegerField()
    rows = models.BigIntegerField(default=0)
    value = models.DecimalField(max_digits=22, decimal_places=2, default=0)
    value_idr = models.BigIntegerField(default=0)
    value_usd = models.DecimalField(max_digits=20, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("ledger cell")
        verbose_name_plural = _("ledger cells")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "event_id",
                    "status",
                    "kind",
                    "currency",
                    "deal_date",
                    "association_id",
                    "sector",
                    "province",
                    "scale",
                    "buyer_kind",
                    "country",
                    "programme_id",
                    "business_id",
                    "buyer_id",
                ],
                name="matching_ledger_cell_grain",
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.status} {self.deal_date}: {self.rows}"


class LedgerParty(models.Model):
    """The live ledger summed per edition, status, kind and party (``b`` an exhibiting
    business, ``u`` a buyer); kept by ``matching.services`` beside ``LedgerCell``.

    The headline figures (no filter but the trust level and kind) read these few rows —
    a national edition has thousands, not the tens of thousands of cells — and still
    count each UMKM and buyer once.
    """

    BUSINESS = "b"
    BUYER = "u"

    event_id = models.BigIntegerField()
    status = models.CharField(max_length=12)
    kind = models.CharField(max_length=16)
    side = models.CharField(max_length=1)
    party_id = models.BigIntegerField()
    rows = models.BigIntegerField(default=0)
    value_idr = models.BigIntegerField(default=0)
    value_usd = models.DecimalField(max_digits=20, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("ledger party")
        verbose_name_plural = _("ledger parties")
        constraints = [
            models.UniqueConstraint(
                fields=["event_id", "status", "kind", "side", "party_id"],
                name="matching_ledger_party_grain",
            )
        ]

    def __str__(self):
        return f"{self.side}{self.party_id} {self.kind} {self.status}: {self.rows}"
