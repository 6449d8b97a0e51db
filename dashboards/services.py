"""Writes of the figures room: ministries' API tokens, and exports prepared in the
background (``export_request`` queues, ``export_run`` does the work in a Celery task)."""

from __future__ import annotations

import hashlib
import logging
import secrets
import time

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.permissions import can
from events.models import Event, Ministry
from events.services import refuse

from .models import ApiToken, ExportFormat, ExportJob, ExportStatus

TOKEN_PREFIX = "pmr"
logger = logging.getLogger(__name__)


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_create(
    *, ministry: Ministry, name: str, actor, requests_per_minute: int = 60
) -> tuple[ApiToken, str]:
    """Make a token for a ministry's system: (token, key). The key is shown once."""
    if actor is not None and not can(actor, "dashboards.add_apitoken"):
        refuse()
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Say which system will use the token.")})
    prefix = secrets.token_hex(4)
    raw = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken(
        ministry=ministry,
        name=name[:150],
        prefix=prefix,
        key_hash=_digest(raw),
        requests_per_minute=requests_per_minute,
        created_by=actor,
    )
    token.full_clean()
    token.save()
    return token, raw


def api_token_revoke(*, token: ApiToken, actor) -> ApiToken:
    if actor is not None and not can(actor, "dashboards.change_apitoken", token):
        refuse()
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = actor
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token


def api_token_find(raw: str) -> ApiToken | None:
    """The active token with this key, or None (unknown, malformed or revoked)."""
    if not raw or len(raw) > 100 or not raw.startswith(f"{TOKEN_PREFIX}_"):
        return None
    token = (
        ApiToken.objects.select_related("ministry")
        .filter(key_hash=_digest(raw), revoked_at__isnull=True)
        .first()
    )
    if token is not None and (
        token.last_used_at is None or (timezone.now() - token.last_used_at).total_seconds() > 60
    ):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token


def api_token_hit(token: ApiToken, *, now: float | None = None) -> int:
    """Count one request against the token's limit for this minute. Returns 0 when it may
    go on, else the seconds until the next minute begins."""
    now = time.time() if now is None else now
    window = int(now // 60)
    key = f"dashboards:api-rate:{token.pk}:{window}"
    if cache.add(key, 1, timeout=120):
        used = 1
    else:
        try:
            used = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=120)
            used = 1
    if used > token.requests_per_minute:
        return max(1, int(60 - (now % 60)))
    return 0


# --- exports ---------------------------------------------------------------------------------


def export_request(
    *, user, event: Event, format: str, params: dict, breakdown: str = ""
) -> ExportJob:
    """Queue an export of figures (or of the rows behind them) for ``user``."""
    if not can(user, "dashboards.view_figures", event):
        refuse()
    if format not in ExportFormat.values:
        raise ValidationError(_("Choose CSV, XLSX or PDF."))
    job = ExportJob.objects.create(
        requested_by=user,
        event=event,
        format=format,
        breakdown=breakdown,
        params={k: str(v) for k, v in params.items()},
        language=translation.get_language() or "id",
    )
    from .tasks import run_export

    transaction.on_commit(lambda: run_export.delay(job.pk))
    return job


def export_run(*, job_id: int) -> ExportJob:
    """Prepare the file of a queued export, reporting progress on the job as it goes."""
    from matching.selectors import ledger_rows, parse_ledger_filter

    from .exports import rows_csv, rows_xlsx
    from .reports import ledger_report_pdf

    job = ExportJob.objects.select_related("event", "requested_by").get(pk=job_id)
    if job.status == ExportStatus.DONE:
        return job
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.RUNNING, progress=0)

    def progress(percent: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(progress=max(0, min(99, int(percent))))

    try:
        with translation.override(job.language):
            ledger_filter = parse_ledger_filter(job.params, event=job.event)
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
            if job.format == ExportFormat.PDF:
                content = ledger_report_pdf(ledger_filter)
                name = f"laporan-transaksi-{job.event.slug}-{stamp}.pdf"
            else:
                rows = ledger_rows(ledger_filter, group=job.params.get("group", ""))
                if job.format == ExportFormat.XLSX:
                    content = rows_xlsx(rows, progress=progress)
                else:
                    content = b"".join(rows_csv(rows, progress=progress))
                name = f"transaksi-{job.event.slug}-{stamp}.{job.format}"
    except Exception as error:  # noqa: BLE001 - recorded on the job for the reader to see
        logger.exception("Export %s failed", job.pk)
        job.status = ExportStatus.FAILED
        job.error = str(error)[:2000]
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "error", "finished_at"])
        return job
    job.file.save(name, ContentFile(content), save=False)
    job.filename = name
    job.status = ExportStatus.DONE
    job.progress = 100
    job.finished_at = timezone.now()
    job.save(update_fields=["file", "filename", "status", "progress", "finished_at"])
    return job
