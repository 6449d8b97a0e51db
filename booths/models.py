"""Floor plans as data, and who stands where.

A Hall is a rectangle in metres (an outdoor area is a hall too); Zones group booths
with what they offer (power, water) and which sectors belong there; a BoothType says
a booth's size, price and rules; a Booth has a code and a position in its hall, so a
hall renders as SVG. An Allocation puts an application in a booth: a *hold* while an
exhibitor decides or pays (it expires), or an *assignment*. A booth has at most one
active allocation, ever: a partial unique constraint, so two requests racing for the
last booth cannot both win, whatever the Python above them does.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exhibitors.models import BoothSize, Sector

METRES = {"max_digits": 7, "decimal_places": 2}
POSITIVE = [MinValueValidator(Decimal("0.5"))]


def metres(value) -> str:
    """3.00 → "3", 2.50 → "2.5": sizes as people write them."""
    return format(Decimal(value).normalize(), "f")


def validate_sectors(value):
    if not isinstance(value, list) or any(v not in Sector.values for v in value):
        raise ValidationError(
            _("Choose sectors from the list: %(sectors)s.") % {"sectors": ", ".join(Sector.values)}
        )


class Hall(models.Model):
    event = models.ForeignKey(
        "events.Event", verbose_name=_("edition"), on_delete=models.CASCADE, related_name="halls"
    )
    code = models.CharField(_("code"), max_length=8, help_text=_("Short, e.g. A or OUT."))
    name = models.CharField(_("name"), max_length=100)
    width_m = models.DecimalField(_("width (m)"), validators=POSITIVE, **METRES)
    depth_m = models.DecimalField(_("depth (m)"), validators=POSITIVE, **METRES)
    is_outdoor = models.BooleanField(_("outdoor area"), default=False)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("hall")
        verbose_name_plural = _("halls")
        ordering = ["event", "position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "code"],
                name="booths_hall_code_unique",
                violation_error_message=_("Another hall of this edition uses this code."),
            )
        ]

    def __str__(self):
        return f"{self.code} — {self.name}"


class Zone(models.Model):
    hall = models.ForeignKey(
        Hall, verbose_name=_("hall"), on_delete=models.CASCADE, related_name="zones"
    )
    code = models.CharField(_("code"), max_length=16)
    name = models.CharField(_("name"), max_length=100)
    sectors = models.JSONField(
        _("sectors"),
        default=list,
        blank=True,
        validators=[validate_sectors],
        help_text=_("Sectors that belong here; empty means any sector."),
    )
    has_power = models.BooleanField(_("electricity"), default=True)
    has_water = models.BooleanField(_("water"), default=False)

    class Meta:
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        ordering = ["hall", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["hall", "code"],
                name="booths_zone_code_unique",
                violation_error_message=_("Another zone of this hall uses this code."),
            )
        ]

    def __str__(self):
        return f"{self.hall.code}/{self.code} — {self.name}"


class BoothType(models.Model):
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="booth_types",
    )
    code = models.CharField(_("code"), max_length=16)
    name = models.CharField(_("name"), max_length=100)
    width_m = models.DecimalField(_("width (m)"), validators=POSITIVE, **METRES)
    depth_m = models.DecimalField(_("depth (m)"), validators=POSITIVE, **METRES)
    price = models.PositiveBigIntegerField(_("price (Rp)"), default=0)
    power_watts = models.PositiveIntegerField(_("power included (watts)"), default=0)
    needs_water = models.BooleanField(
        _("needs water"), default=False, help_text=_("Only placed in zones with water.")
    )
    sectors = models.JSONField(
        _("sectors"),
        default=list,
        blank=True,
        validators=[validate_sectors],
        help_text=_("Sectors allowed in this type; empty means any sector."),
    )
    # What an applicant asked for before booth types existed (exhibitors.BoothSize).
    serves = models.CharField(
        _("serves requests for"), max_length=16, choices=BoothSize.choices, blank=True
    )

    class Meta:
        verbose_name = _("booth type")
        verbose_name_plural = _("booth types")
        ordering = ["event", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "code"],
                name="booths_type_code_unique",
                violation_error_message=_("Another booth type of this edition uses this code."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({metres(self.width_m)} × {metres(self.depth_m)} m)"


class Booth(models.Model):
    hall = models.ForeignKey(
        Hall, verbose_name=_("hall"), on_delete=models.CASCADE, related_name="booths"
    )
    zone = models.ForeignKey(
        Zone, verbose_name=_("zone"), on_delete=models.PROTECT, related_name="booths"
    )
    booth_type = models.ForeignKey(
        BoothType, verbose_name=_("booth type"), on_delete=models.PROTECT, related_name="booths"
    )
    code = models.CharField(_("code"), max_length=16)
    # Top-left corner in metres from the hall's top-left corner; size in metres.
    x_m = models.DecimalField(_("x (m)"), **METRES)
    y_m = models.DecimalField(_("y (m)"), **METRES)
    width_m = models.DecimalField(_("width (m)"), validators=POSITIVE, **METRES)
    depth_m = models.DecimalField(_("depth (m)"), validators=POSITIVE, **METRES)
    is_blocked = models.BooleanField(_("blocked"), default=False)
    blocked_reason = models.CharField(_("why blocked"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("booth")
        verbose_name_plural = _("booths")
        ordering = ["hall", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["hall", "code"],
                name="booths_booth_code_unique",
                violation_error_message=_("Another booth of this hall uses this code."),
            ),
            models.CheckConstraint(
                condition=Q(x_m__gte=0) & Q(y_m__gte=0),
                name="booths_booth_inside_origin",
                violation_error_message=_("A booth's position cannot be negative."),
            ),
        ]

    def __str__(self):
        return self.code

    def clean(self):
        super().clean()
        errors = {}
        if self.hall_id and not self.fits_in(self.hall):
            errors["x_m"] = _(
                "Booth %(code)s does not fit in hall %(hall)s (%(width)s × %(depth)s m)."
            ) % {
                "code": self.code,
                "hall": self.hall.code,
                "width": metres(self.hall.width_m),
                "depth": metres(self.hall.depth_m),
            }
        if self.zone_id and self.hall_id and self.zone.hall_id != self.hall_id:
            errors["zone"] = _("The zone belongs to another hall.")
        if self.booth_type_id and self.hall_id and self.booth_type.event_id != self.hall.event_id:
            errors["booth_type"] = _("The booth type belongs to another edition.")
        if errors:
            raise ValidationError(errors)

    def fits_in(self, hall: Hall) -> bool:
        if None in (self.x_m, self.y_m, self.width_m, self.depth_m):
            return True  # the missing field has its own error
        return self.x_m + self.width_m <= hall.width_m and self.y_m + self.depth_m <= hall.depth_m

    def overlaps(self, other: Booth) -> bool:
        return (
            self.x_m < other.x_m + other.width_m
            and other.x_m < self.x_m + self.width_m
            and self.y_m < other.y_m + other.depth_m
            and other.y_m < self.y_m + self.depth_m
        )


class SelectionWindow(models.Model):
    """When approved exhibitors may pick their own booth, and how long a pick is held."""

    event = models.OneToOneField(
        "events.Event",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="selection_window",
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    hold_minutes = models.PositiveSmallIntegerField(
        _("hold (minutes)"),
        default=30,
        validators=[MinValueValidator(1)],
        help_text=_("How long a picked booth waits for payment or confirmation."),
    )

    class Meta:
        verbose_name = _("self-selection window")
        verbose_name_plural = _("self-selection windows")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__lt=models.F("closes_at")),
                name="booths_selection_window_order",
                violation_error_message=_("Self-selection must close after it opens."),
            )
        ]

    def __str__(self):
        return f"{self.event}: {self.opens_at:%Y-%m-%d %H:%M} – {self.closes_at:%Y-%m-%d %H:%M}"

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at


class AllocationKind(models.TextChoices):
    HOLD = "hold", _("Hold")
    ASSIGNMENT = "assignment", _("Assignment")


class AllocationStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    RELEASED = "released", _("Released")
    EXPIRED = "expired", _("Expired")


class Allocation(models.Model):
    booth = models.ForeignKey(
        Booth, verbose_name=_("booth"), on_delete=models.PROTECT, related_name="allocations"
    )
    application = models.ForeignKey(
        "exhibitors.Application",
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="allocations",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=AllocationKind.choices)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=AllocationStatus.choices,
        default=AllocationStatus.ACTIVE,
    )
    held_until = models.DateTimeField(_("held until"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        ordering = ["-created_at"]
        constraints = [
            # The rule everything else leans on: one active hold or assignment per booth.
            models.UniqueConstraint(
                fields=["booth"],
                condition=Q(status="active"),
                name="booths_one_active_allocation_per_booth",
                violation_error_message=_("This booth is already taken."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="hold", status="active") | Q(held_until__isnull=False),
                name="booths_active_hold_has_an_end",
                violation_error_message=_("A hold needs an end time."),
            ),
        ]
        indexes = [models.Index(fields=["application", "status"])]

    def __str__(self):
        return f"{self.booth} ← {self.application_id} ({self.get_kind_display()})"


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    DISCARDED = "discarded", _("Discarded")


class AllocationProposal(models.Model):
    """A solver's answer the organizer looks at, adjusts and publishes as a whole.

    ``fingerprint`` is the state of the plan the proposal was computed on (active
    allocations, blocked booths, placeable applications); publishing refuses a
    proposal whose plan has changed since, so nothing is applied half on stale data.
    """

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="allocation_proposals",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    placements = models.JSONField(_("placements"), default=list)  # [[application id, booth id]]
    unplaced = models.JSONField(_("unplaced"), default=dict)  # {application id: booths missing}
    placed = models.PositiveIntegerField(_("booths placed"), default=0)
    cost = models.PositiveBigIntegerField(_("objective"), default=0)
    fingerprint = models.CharField(_("plan fingerprint"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("allocation proposal")
        verbose_name_plural = _("allocation proposals")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.event} · {self.created_at:%Y-%m-%d %H:%M} · {self.get_status_display()}"
