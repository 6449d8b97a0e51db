"""Pass PDFs kept on the default storage, named by the pass's fingerprint.

The renderer (tickets.pdf) is pure; this module decides when to call it. A pass whose
name, days, serial, status or signing key changed gets a new fingerprint and so a new
file; the previous file of that pass is deleted when the new one is written.
"""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from .models import Pass

logger = logging.getLogger(__name__)
FOLDER = "pass-pdfs"


def _name(visitor_pass: Pass, fingerprint: str) -> str:
    digest = fingerprint[:20]
    return f"{FOLDER}/{visitor_pass.event_id}/{visitor_pass.pk}-{digest}.pdf"


def pass_pdf(visitor_pass: Pass) -> bytes:
    """The pass's PDF: from the store when it is current, else rendered and stored."""
    from .pdf import render_pass_pdf
    from .selectors import pass_card

    card = pass_card(visitor_pass)
    name = _name(visitor_pass, card.fingerprint)
    try:
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as stored:
                return stored.read()
    except OSError:  # an unreadable store only costs a render
        logger.warning("Pass PDF %s could not be read; rendering again.", name)
    pdf = render_pass_pdf(card)
    _store(visitor_pass, name, pdf)
    return pdf


def _store(visitor_pass: Pass, name: str, pdf: bytes) -> None:
    folder = f"{FOLDER}/{visitor_pass.event_id}"
    prefix = f"{visitor_pass.pk}-"
    try:
        _dirs, files = default_storage.listdir(folder)
    except (OSError, FileNotFoundError):
        files = []
    for old in files:
        if old.startswith(prefix) and f"{folder}/{old}" != name:
            default_storage.delete(f"{folder}/{old}")
    try:
        default_storage.save(name, ContentFile(pdf))
    except OSError:
        logger.warning("Pass PDF %s could not be stored; it is rendered on each request.", name)
