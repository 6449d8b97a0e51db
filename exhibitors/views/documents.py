"""A business's private documents, streamed only to those allowed to read them.

A refusal and a missing document get the same 404, so nobody can probe which ids
exist. ``document_open`` checks the permission and records every read by someone
other than the business's own managers (the audit trail of issue 3, item 9).
"""

import ipaddress
import logging

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from accounts.forms import client_address

from ..models import Document
from ..services import document_open

logger = logging.getLogger(__name__)

# Only what the upload check accepts is shown inline; anything else is downloaded.
INLINE_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


def download_name(document: Document) -> str:
    """A plain ASCII file name: no path, quote or control character reaches the header."""
    stem = document.original_name.rsplit(".", 1)[0] if document.original_name else ""
    stem = slugify(stem)[:80] or slugify(document.get_kind_display())[:80] or "document"
    extension = INLINE_TYPES.get(document.content_type, "bin")
    return f"{stem}.{extension}"


def _address(request) -> str | None:
    """The client's address for the audit, or None when it is not a valid IP address."""
    try:
        return str(ipaddress.ip_address(client_address(request)))
    except ValueError:
        return None


@require_GET
@login_required
def document(request, pk: int):
    found = Document.objects.select_related("business").filter(pk=pk).first()
    if found is None:
        raise Http404
    try:
        handle = document_open(document=found, actor=request.user, ip_address=_address(request))
    except PermissionDenied:
        raise Http404 from None
    except FileNotFoundError:
        logger.error("Document %s has no file in storage (%s).", found.pk, found.file.name)
        raise Http404 from None
    inline = found.content_type in INLINE_TYPES
    response = FileResponse(
        handle,
        content_type=found.content_type if inline else "application/octet-stream",
        as_attachment=not inline,
        filename=download_name(found),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
