"""Money for booth fees and visitor orders: payments, Stripe's events, refunds, waivers,
bank accounts, and the numbered invoices and receipts.

Payments know no purposes: what a payment is for is a ``purpose`` key and the id of its
subject (an application, a registration); the room it serves registers what is due and
what happens once it is paid (``payments.purposes``). Amounts are whole rupiah.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event


class Provider(models.TextChoices):
    STRIPE = "stripe", _("Card (Stripe)")
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for payment")
    SUCCEEDED = "succeeded", _("Paid")
    FAILED = "failed", _("Failed")
    REFUNDED = "refunded", _("Refunded")
    PARTLY_REFUNDED = "partly_refunded", _("Partly refunded")
    CANCELLED = "cancelled", _("Cancelled")


PAID_STATUSES = (PaymentStatus.SUCCEEDED, PaymentStatus.PARTLY_REFUNDED)


class Payment(models.Model):
    event = models.ForeignKey(
        Event, verbose_name=_("edition"), on_delete=models.PROTECT, related_name="payments"
    )
    purpose = models.CharField(_("for"), max_length=32)
    subject_id = models.PositiveBigIntegerField(_("subject"))
    reference = models.CharField(
        _("reference"),
        max_length=16,
        unique=True,
        help_text=_("Quoted by the payer, e.g. in the bank transfer's description."),
    )
    description = models.CharField(_("description"), max_length=200)
    amount = models.PositiveBigIntegerField(_("amount (Rp)"))
    unique_code = models.PositiveSmallIntegerField(
        _("unique code (Rp)"),
        default=0,
        help_text=_("Added to a bank transfer's amount so that the transfer can be told apart."),
    )
    provider = models.CharField(_("method"), max_length=16, choices=Provider.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=PaymentStatus.choices, default=PaymentStatus.PENDING
    )
    amount_refunded = models.PositiveBigIntegerField(_("refunded (Rp)"), default=0)
    payer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("payer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="payments",
    )
    payer_name = models.CharField(_("payer's name"), max_length=150, blank=True)
    payer_email = models.EmailField(_("payer's email"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="id")
    stripe_payment_intent = models.CharField(
        _("Stripe PaymentIntent"), max_length=64, blank=True, db_index=True
    )
    stripe_charge = models.CharField(_("Stripe charge"), max_length=64, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("pay before"), null=True, blank=True)
    succeeded_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("cancelled or failed at"), null=True, blank=True)
    transfer_date = models.DateField(_("transfer date"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked received by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    needs_attention = models.BooleanField(_("needs attention"), default=False)
    attention_note = models.TextField(_("what needs attention"), blank=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # A double click on "pay" finds the payment the first click opened.
            models.UniqueConstraint(
                fields=["purpose", "subject_id"],
                condition=Q(status="pending"),
                name="payments_one_pending_per_subject",
            ),
            models.UniqueConstraint(
                fields=["stripe_payment_intent"],
                condition=~Q(stripe_payment_intent=""),
                name="payments_one_payment_per_intent",
            ),
            models.CheckConstraint(
                condition=Q(amount_refunded__lte=models.F("amount") + models.F("unique_code")),
                name="payments_refund_within_amount",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status"], name="payments_event_status"),
            models.Index(fields=["purpose", "subject_id"], name="payments_subject"),
        ]

    def __str__(self):
        return f"{self.reference} · {self.description}"

    @property
    def amount_due(self) -> int:
        """What the payer sends: the amount and, for a bank transfer, its unique code."""
        return self.amount + self.unique_code

    @property
    def is_paid(self) -> bool:
        return self.status in PAID_STATUSES

    @property
    def refundable(self) -> int:
        return self.amount_due - self.amount_refunded if self.is_paid else 0


class PaymentLog(models.Model):
    """What happened to a payment, in order: created, paid, a webhook, a refund, a problem."""

    payment = models.ForeignKey(
        Payment,
        verbose_name=_("payment"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="log",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    kind = models.CharField(_("what"), max_length=32)
    message = models.CharField(_("message"), max_length=500)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("payment log entry")
        verbose_name_plural = _("payment log")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind}: {self.message}"


class StripeEvent(models.Model):
    """Every webhook event Stripe sent, by its id: stored first, applied at most once."""

    stripe_id = models.CharField(_("Stripe event"), max_length=64, unique=True)
    type = models.CharField(_("type"), max_length=64)
    object_id = models.CharField(_("object"), max_length=64, blank=True)
    livemode = models.BooleanField(default=False)
    payload = models.JSONField(_("payload"))
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    times_received = models.PositiveIntegerField(_("times received"), default=1)
    processed_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=300, blank=True)
    payment = models.ForeignKey(
        Payment,
        verbose_name=_("payment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stripe_events",
    )

    class Meta:
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.stripe_id} {self.type}"


class RefundStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    SUCCEEDED = "succeeded", _("Refunded")
    FAILED = "failed", _("Failed")


class Refund(models.Model):
    payment = models.ForeignKey(
        Payment, verbose_name=_("payment"), on_delete=models.PROTECT, related_name="refunds"
    )
    amount = models.PositiveBigIntegerField(_("amount (Rp)"))
    reason = models.CharField(_("reason"), max_length=300)
    status = models.CharField(
        _("status"), max_length=16, choices=RefundStatus.choices, default=RefundStatus.PENDING
    )
    stripe_refund = models.CharField(_("Stripe refund"), max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["stripe_refund"],
                condition=~Q(stripe_refund=""),
                name="payments_one_refund_per_stripe_refund",
            )
        ]

    def __str__(self):
        return f"{self.payment.reference} −{self.amount}"


class Waiver(models.Model):
    """A fee not charged: sponsored by a ministry, an association or a programme."""

    event = models.ForeignKey(
        Event, verbose_name=_("edition"), on_delete=models.PROTECT, related_name="waivers"
    )
    purpose = models.CharField(_("for"), max_length=32)
    subject_id = models.PositiveBigIntegerField(_("subject"))
    description = models.CharField(_("description"), max_length=200)
    amount = models.PositiveBigIntegerField(_("amount waived (Rp)"))
    sponsor = models.CharField(
        _("sponsored by"),
        max_length=150,
        help_text=_("The ministry, association or programme that carries the fee."),
    )
    reason = models.CharField(_("reason"), max_length=300)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)

    class Meta:
        verbose_name = _("fee waiver")
        verbose_name_plural = _("fee waivers")
        ordering = ["-granted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["purpose", "subject_id"], name="payments_one_waiver_per_subject"
            )
        ]

    def __str__(self):
        return f"{self.description} · {self.sponsor}"


class BankAccount(models.Model):
    """Where exhibitors and visitors transfer to, shown on the payment page and invoice."""

    event = models.ForeignKey(
        Event, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="bank_accounts"
    )
    bank_name = models.CharField(_("bank"), max_length=100)
    account_number = models.CharField(_("account number"), max_length=40)
    account_holder = models.CharField(_("account holder"), max_length=150)
    is_active = models.BooleanField(_("shown to payers"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("bank account")
        verbose_name_plural = _("bank accounts")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return f"{self.bank_name} {self.account_number} a.n. {self.account_holder}"


class DocumentKind(models.TextChoices):
    INVOICE = "invoice", _("Invoice")
    RECEIPT = "receipt", _("Receipt")


DOCUMENT_PREFIXES = {DocumentKind.INVOICE: "INV", DocumentKind.RECEIPT: "KWT"}


class DocumentCounter(models.Model):
    """The last number given per edition and kind; locked while the next is taken."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=DocumentKind.choices)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "kind"], name="payments_one_counter_per_kind")
        ]

    def __str__(self):
        return f"{self.kind} {self.last_number}"


class PaymentDocument(models.Model):
    """An invoice (what is due) or a receipt (what was paid), numbered without gaps."""

    payment = models.ForeignKey(
        Payment, verbose_name=_("payment"), on_delete=models.PROTECT, related_name="documents"
    )
    event = models.ForeignKey(Event, verbose_name=_("edition"), on_delete=models.PROTECT)
    kind = models.CharField(_("kind"), max_length=16, choices=DocumentKind.choices)
    number = models.PositiveIntegerField(_("number"))
    amount = models.PositiveBigIntegerField(_("amount (Rp)"))
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)

    class Meta:
        verbose_name = _("invoice or receipt")
        verbose_name_plural = _("invoices and receipts")
        ordering = ["kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "kind", "number"], name="payments_document_number_once"
            ),
            models.UniqueConstraint(
                fields=["payment", "kind"], name="payments_one_document_per_kind"
            ),
        ]

    def __str__(self):
        return self.display_number

    @property
    def display_number(self) -> str:
        return f"{DOCUMENT_PREFIXES[self.kind]}/{self.event.year}/{self.number:05d}"
