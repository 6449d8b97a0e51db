"""What the dashboards keep of their own: ministries' API tokens and background exports."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exhibitors.files import private_storage


class ApiToken(models.Model):
    """A ministry system's key to the figures API. Only a hash is kept; the key is shown
    once, when it is made. Revoking is immediate."""

    ministry = models.ForeignKey(
        "events.Ministry",
        verbose_name=_("ministry"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=150, help_text=_("Which system uses it."))
    prefix = models.CharField(_("key prefix"), max_length=12, unique=True)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    requests_per_minute = models.PositiveIntegerField(
        _("requests per minute"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(6000)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["ministry", "-created_at"]

    def __str__(self):
        return f"{self.ministry.acronym} · {self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"
    PDF = "pdf", "PDF"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being prepared")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ExportJob(models.Model):
    """A figures export prepared in the background: the file stays private to its owner."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="figure_exports",
    )
    event = models.ForeignKey(
        "events.Event", verbose_name=_("edition"), on_delete=models.CASCADE, related_name="+"
    )
    format = models.CharField(_("format"), max_length=4, choices=ExportFormat.choices)
    # What was asked: the breakdown and the filters, as the query string had them.
    breakdown = models.CharField(_("breakdown"), max_length=24, blank=True)
    params = models.JSONField(_("filters"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=5, default="id")
    status = models.CharField(
        _("status"), max_length=8, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    file = models.FileField(_("file"), storage=private_storage, upload_to="exports/", blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("figures export")
        verbose_name_plural = _("figures exports")
        ordering = ["-created_at"]

    def __str__(self):
        return self.filename or f"{self.format} #{self.pk}"
