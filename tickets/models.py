"""Passes and gates: who may come in, on which days, and every scan at the gates.

A visitor's ``Registration`` holds one or more ``Pass`` rows (a group registers many
named people). A pass is valid on some of the edition's days (``PassDay``); its QR
code carries a token signed with the edition's ``SigningKey`` (tickets.tokens), which
scanners verify offline. ``serial`` goes up when a pass is re-issued, which revokes
the tokens printed before; ``PassRevocation`` is the log scanners download.

Every scan, admitted or refused, is a ``CheckIn`` with the gate, the device, the
direction, the client's nonce (so an offline batch uploaded twice is applied once)
and the reason for a refusal. ``DayTally`` counts the places taken per day and per
pass type, so registration checks capacity without counting thousands of rows.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import indonesian_phone_validator
from events.models import Event, EventDay
from events.regions import Province
from exhibitors.files import private_storage

MAX_PASS_DAYS = 16  # the token's day mask has 16 bits


class PassCategory(models.TextChoices):
    GENERAL = "general", _("General visitor")
    BUYER = "buyer", _("Business buyer")
    STUDENT = "student", _("Student group")
    VIP = "vip", _("VIP / government")
    PRESS = "press", _("Press")
    EXHIBITOR_STAFF = "exhibitor_staff", _("Exhibitor staff")


class VisitorCategory(models.TextChoices):
    PUBLIC = "public", _("General public")
    STUDENT = "student", _("Student or teacher")
    UMKM = "umkm", _("UMKM owner")
    BUSINESS = "business", _("Business buyer or trader")
    GOVERNMENT = "government", _("Government")
    PRESS = "press", _("Press")
    OTHER = "other", _("Other")


class Gate(models.Model):
    """An entrance of the venue where staff scan passes."""

    event = models.ForeignKey(
        Event, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="gates"
    )
    name = models.CharField(_("name"), max_length=100)
    code = models.SlugField(
        _("code"), max_length=32, help_text=_("Short name shown on the scanner, e.g. utara-1.")
    )
    hint = models.CharField(
        _("where it is"),
        max_length=200,
        blank=True,
        help_text=_("Printed on passes, e.g. Jl. Ronggowarsito, opposite the mosque."),
    )
    is_active = models.BooleanField(_("open"), default=True)

    class Meta:
        verbose_name = _("gate")
        verbose_name_plural = _("gates")
        ordering = ["event", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "code"],
                name="tickets_gate_unique_code",
                violation_error_message=_("This edition already has a gate with that code."),
            )
        ]

    def __str__(self):
        return self.name


class PassType(models.Model):
    """A kind of pass an edition issues: general visitor, buyer, press, exhibitor staff …"""

    event = models.ForeignKey(
        Event, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="pass_types"
    )
    name = models.CharField(_("name (Indonesian)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    category = models.CharField(
        _("category"), max_length=24, choices=PassCategory.choices, default=PassCategory.GENERAL
    )
    price = models.PositiveIntegerField(
        _("price (rupiah)"), default=0, help_text=_("0 for a free pass.")
    )
    days = models.ManyToManyField(
        EventDay,
        verbose_name=_("valid days"),
        related_name="pass_types",
        help_text=_("The days a holder may choose; a pass is valid on the days chosen."),
    )
    capacity_per_day = models.PositiveIntegerField(
        _("capacity per day"),
        null=True,
        blank=True,
        help_text=_("Most passes of this type per day; empty: only the day's visitor capacity."),
    )
    requires_approval = models.BooleanField(
        _("needs approval"),
        default=False,
        help_text=_("An organizer approves each pass before it is sent."),
    )
    is_public = models.BooleanField(
        _("on the registration form"),
        default=True,
        help_text=_("Offered to visitors who register online; others are issued by organizers."),
    )
    multiple_entries = models.BooleanField(
        _("unlimited entries"),
        default=False,
        help_text=_("Admitted even when the holder did not scan out (e.g. exhibitor staff)."),
    )
    gates = models.ManyToManyField(
        Gate,
        verbose_name=_("admitted at"),
        blank=True,
        related_name="pass_types",
        help_text=_("Empty: every gate admits this pass type."),
    )
    max_per_registration = models.PositiveSmallIntegerField(
        _("most passes in one registration"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
        help_text=_("More than 1 allows group registration (a school or a company)."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("pass type")
        verbose_name_plural = _("pass types")
        ordering = ["event", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "name"],
                name="tickets_passtype_unique_name",
                violation_error_message=_("This edition already has a pass type with that name."),
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if (get_language() or "").startswith("en") and self.name_en:
            return self.name_en
        return self.name

    @property
    def counts_as_visitor(self) -> bool:
        """Staff badges do not take visitors' places in a day's capacity."""
        return self.category != PassCategory.EXHIBITOR_STAFF

    @property
    def is_free(self) -> bool:
        return self.price == 0


class Registration(models.Model):
    """A visitor's sign-up for an edition: one person, or a group with a contact person."""

    event = models.ForeignKey(
        Event, verbose_name=_("edition"), on_delete=models.PROTECT, related_name="registrations"
    )
    reference = models.CharField(_("reference"), max_length=12, unique=True)
    contact_name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"))
    phone = models.CharField(
        _("WhatsApp number"), max_length=16, validators=[indonesian_phone_validator]
    )
    province = models.CharField(_("province"), max_length=2, choices=Province.choices)
    city = models.CharField(_("city or regency"), max_length=100)
    category = models.CharField(
        _("visitor category"), max_length=16, choices=VisitorCategory.choices
    )
    organisation = models.CharField(
        _("school, company or organisation"), max_length=200, blank=True
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="id"
    )
    consent_at = models.DateTimeField(_("privacy consent given at"))
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-created_at"]
        constraints = [
            # Registering again with the same email resends the passes (tickets.services).
            models.UniqueConstraint(
                fields=["event", "email"],
                name="tickets_registration_one_per_email",
                violation_error_message=_("This email is already registered for this edition."),
            )
        ]

    def __str__(self):
        return f"{self.reference} · {self.contact_name}"


class PassStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    AWAITING_PAYMENT = "awaiting_payment", _("Awaiting payment")
    VALID = "valid", _("Valid")
    VOID = "void", _("Void")


# Passes that hold a place in a day's capacity.
LIVE_STATUSES = (PassStatus.PENDING, PassStatus.AWAITING_PAYMENT, PassStatus.VALID)


class Pass(models.Model):
    """One person's admission to an edition on some of its days."""

    event = models.ForeignKey(
        Event, verbose_name=_("edition"), on_delete=models.PROTECT, related_name="passes"
    )
    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="passes",
    )
    application = models.ForeignKey(
        "exhibitors.Application",
        verbose_name=_("exhibitor application"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff_passes",
        help_text=_("For exhibitor staff badges."),
    )
    pass_type = models.ForeignKey(
        PassType, verbose_name=_("pass type"), on_delete=models.PROTECT, related_name="passes"
    )
    holder_name = models.CharField(_("holder's name"), max_length=150)
    holder_email = models.EmailField(_("holder's email"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PassStatus.choices, default=PassStatus.VALID
    )
    serial = models.PositiveSmallIntegerField(
        _("issue number"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(255)],
        help_text=_("Goes up when the pass is re-issued; older QR codes stop working."),
    )
    days = models.ManyToManyField(
        EventDay, verbose_name=_("days"), through="PassDay", related_name="passes"
    )
    day_mask = models.PositiveIntegerField(
        _("days (bit mask)"),
        default=0,
        help_text=_("Bit i is the edition's i-th day, as carried in the QR code."),
    )
    code = models.CharField(
        _("pass code"),
        max_length=12,
        unique=True,
        help_text=_("Printed under the QR code, for typing in when a code does not scan."),
    )
    access_key = models.CharField(_("pass page key"), max_length=32, unique=True)
    inside_day = models.ForeignKey(
        EventDay,
        verbose_name=_("inside on"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        # Unindexed, like presence_changed_at: a scan then updates the row in place (a HOT
        # update), touching none of the pass's indexes. Who is inside is counted per edition.
        db_index=False,
        help_text=_("The day on which the holder last entered without scanning out."),
    )
    presence_changed_at = models.DateTimeField(_("last scanned at"), null=True, blank=True)
    created_at = models.DateTimeField(_("issued at"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    void_reason = models.CharField(_("reason for voiding"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("pass")
        verbose_name_plural = _("passes")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["event", "status"], name="tickets_pass_event_status"),
            models.Index(fields=["event", "pass_type"], name="tickets_pass_event_type"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(serial__gte=1, serial__lte=255),
                name="tickets_pass_serial_range",
                violation_error_message=_("A pass can be re-issued at most 254 times."),
            ),
            models.CheckConstraint(
                condition=~Q(status="void") | Q(voided_at__isnull=False),
                name="tickets_pass_void_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.code} · {self.holder_name}"

    @property
    def is_valid(self) -> bool:
        return self.status == PassStatus.VALID

    def day_list(self) -> list[EventDay]:
        return sorted(self.days.all(), key=lambda day: day.date)


class PassDay(models.Model):
    """A day on which a pass admits its holder."""

    visitor_pass = models.ForeignKey(
        Pass, verbose_name=_("pass"), on_delete=models.CASCADE, related_name="pass_days"
    )
    day = models.ForeignKey(
        EventDay, verbose_name=_("day"), on_delete=models.PROTECT, related_name="pass_days"
    )

    class Meta:
        verbose_name = _("pass day")
        verbose_name_plural = _("pass days")
        constraints = [
            models.UniqueConstraint(fields=["visitor_pass", "day"], name="tickets_passday_unique")
        ]

    def __str__(self):
        return f"{self.visitor_pass_id} · {self.day_id}"


class DayTally(models.Model):
    """Places taken on a day: for one pass type, or (pass_type empty) all visitors together.

    Registration locks these rows, checks them against the capacities and adds to
    them in one transaction, so two visitors never take the last place twice.
    """

    day = models.ForeignKey(EventDay, on_delete=models.CASCADE, related_name="tallies")
    pass_type = models.ForeignKey(
        PassType, on_delete=models.CASCADE, null=True, blank=True, related_name="tallies"
    )
    taken = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("day tally")
        verbose_name_plural = _("day tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "pass_type"],
                condition=Q(pass_type__isnull=False),
                name="tickets_tally_unique_type",
            ),
            models.UniqueConstraint(
                fields=["day"], condition=Q(pass_type__isnull=True), name="tickets_tally_unique_day"
            ),
        ]

    def __str__(self):
        return f"{self.day_id} · {self.pass_type_id or '*'} · {self.taken}"


class WaitlistEntry(models.Model):
    """Someone who wanted a place on a full day; told by email when places come free."""

    event = models.ForeignKey(
        Event, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="waitlist"
    )
    pass_type = models.ForeignKey(
        PassType, verbose_name=_("pass type"), on_delete=models.CASCADE, related_name="waitlist"
    )
    day = models.ForeignKey(
        EventDay, verbose_name=_("day"), on_delete=models.CASCADE, related_name="waitlist"
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"))
    phone = models.CharField(
        _("WhatsApp number"), max_length=16, blank=True, validators=[indonesian_phone_validator]
    )
    people = models.PositiveSmallIntegerField(_("people"), default=1)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="id"
    )
    consent_at = models.DateTimeField(_("privacy consent given at"))
    created_at = models.DateTimeField(_("joined at"), default=timezone.now)
    notified_at = models.DateTimeField(_("told of a free place at"), null=True, blank=True)

    class Meta:
        verbose_name = _("waiting-list entry")
        verbose_name_plural = _("waiting-list entries")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "pass_type", "email"],
                name="tickets_waitlist_once",
                violation_error_message=_("This email is already on the waiting list."),
            )
        ]

    def __str__(self):
        return f"{self.name} · {self.day}"


class SigningKey(models.Model):
    """An edition's Ed25519 key pair; the public half is published to scanners.

    ``kid`` travels in every token, so a scanner knows which public key to use. A
    retired key no longer verifies: the QR codes it signed stop working and the
    passes must be sent again (tickets.services.signing_key_rotate).
    """

    event = models.ForeignKey(
        Event, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="signing_keys"
    )
    kid = models.PositiveSmallIntegerField(_("key id"), validators=[MaxValueValidator(31)])
    private_key = models.BinaryField(_("private key"))
    public_key = models.BinaryField(_("public key"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    class Meta:
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")
        ordering = ["event", "-kid"]
        constraints = [
            models.UniqueConstraint(fields=["event", "kid"], name="tickets_key_unique_kid"),
            models.CheckConstraint(condition=Q(kid__lte=31), name="tickets_key_kid_range"),
        ]

    def __str__(self):
        return f"{self.event} · key {self.kid}"


class PassRevocation(models.Model):
    """A pass voided, or re-issued (its tokens below ``serial`` revoked): scanners' log.

    The id is the cursor scanners download from.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="pass_revocations")
    visitor_pass = models.ForeignKey(Pass, on_delete=models.CASCADE, related_name="revocations")
    valid_serial = models.PositiveSmallIntegerField(
        help_text="Tokens with a lower serial are revoked; 0 when the whole pass is void."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("pass revocation")
        verbose_name_plural = _("pass revocations")
        indexes = [models.Index(fields=["event", "id"], name="tickets_revocation_cursor")]

    def __str__(self):
        return f"{self.visitor_pass_id} · {self.valid_serial}"


class GateDevice(models.Model):
    """A phone allowed to scan at a gate, by a bearer token (only its digest is stored)."""

    event = models.ForeignKey(
        Event, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="gate_devices"
    )
    gate = models.ForeignKey(
        Gate, verbose_name=_("gate"), on_delete=models.CASCADE, related_name="devices"
    )
    name = models.CharField(_("device"), max_length=100)
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed in by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_seen_at = models.DateTimeField(_("last seen"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("scanner device")
        verbose_name_plural = _("scanner devices")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} · {self.gate}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Direction(models.TextChoices):
    IN = "in", _("Entry")
    OUT = "out", _("Exit")


class ScanResult(models.TextChoices):
    ADMITTED = "admitted", _("Admitted")
    REFUSED = "refused", _("Refused")


class RefusalReason(models.TextChoices):
    UNKNOWN = "unknown", _("Unknown or damaged code")
    OTHER_EVENT = "other_event", _("Pass for another edition")
    VOID = "void", _("Pass is void")
    REVOKED = "revoked", _("Old code: the pass was re-issued")
    NOT_APPROVED = "not_approved", _("Pass not approved yet")
    NOT_PAID = "not_paid", _("Pass not paid")
    WRONG_DAY = "wrong_day", _("Not valid today")
    WRONG_GATE = "wrong_gate", _("Not admitted at this gate")
    ALREADY_INSIDE = "already_inside", _("Already inside")
    NOT_INSIDE = "not_inside", _("Not scanned in")
    CLOSED = "closed", _("Not an exhibition day")


class CheckIn(models.Model):
    """One scan at a gate, admitted or refused, online or uploaded from an offline queue."""

    # Both lead composite indexes below; their own indexes would only slow every scan.
    event = models.ForeignKey(
        Event,
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="checkins",
        db_index=False,
    )
    visitor_pass = models.ForeignKey(
        Pass,
        verbose_name=_("pass"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="checkins",
        db_index=False,
    )
    gate = models.ForeignKey(
        Gate, verbose_name=_("gate"), on_delete=models.PROTECT, related_name="checkins"
    )
    device = models.ForeignKey(
        GateDevice,
        verbose_name=_("device"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="checkins",
    )
    day = models.ForeignKey(
        EventDay,
        verbose_name=_("day"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="checkins",
    )
    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices)
    result = models.CharField(_("result"), max_length=8, choices=ScanResult.choices)
    reason = models.CharField(_("reason"), max_length=16, choices=RefusalReason.choices, blank=True)
    nonce = models.CharField(_("client nonce"), max_length=64)
    scanned_at = models.DateTimeField(_("scanned at"))
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    offline = models.BooleanField(_("scanned offline"), default=False)
    conflict = models.BooleanField(
        _("conflict"),
        default=False,
        help_text=_("Admitted offline although the server would have refused (e.g. two gates)."),
    )
    scanned_serial = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("scan")
        verbose_name_plural = _("scans")
        ordering = ["-scanned_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "nonce"], name="tickets_checkin_nonce_once"),
            models.CheckConstraint(
                condition=Q(result="refused") | Q(visitor_pass__isnull=False),
                name="tickets_checkin_admitted_has_pass",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "scanned_at"], name="tickets_checkin_event_time"),
            models.Index(fields=["visitor_pass", "scanned_at"], name="tickets_checkin_pass_time"),
            models.Index(fields=["event", "id"], name="tickets_checkin_cursor"),
        ]

    def __str__(self):
        return f"{self.get_result_display()} · {self.gate} · {self.scanned_at:%H:%M:%S}"


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class PassDelivery(models.Model):
    """One email of a pass with its PDF: queued, sent or failed; the log organizers read."""

    visitor_pass = models.ForeignKey(
        Pass, verbose_name=_("pass"), on_delete=models.CASCADE, related_name="deliveries"
    )
    to_email = models.EmailField(_("to"))
    status = models.CharField(
        _("status"), max_length=8, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    reason = models.CharField(
        _("why"),
        max_length=32,
        blank=True,
        help_text=_("registered, registered again, resent by an organizer, re-issued …"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("pass email")
        verbose_name_plural = _("pass emails")
        ordering = ["-queued_at", "-pk"]

    def __str__(self):
        return f"{self.to_email} · {self.get_status_display()}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class BadgeSheetJob(models.Model):
    """Badge sheets for many exhibitor staff, made in the background with progress shown."""

    event = models.ForeignKey(
        Event, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="badge_jobs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=8, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    total = models.PositiveIntegerField(_("badges"), default=0)
    pass_ids = models.JSONField(default=list, editable=False)
    done = models.PositiveIntegerField(_("badges made"), default=0)
    # Names and businesses of staff: private, served only through the admin's checked view.
    file = models.FileField(_("file"), storage=private_storage, upload_to="badges/", blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("badge sheet job")
        verbose_name_plural = _("badge sheet jobs")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.event} · {self.total} badges"

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 100
