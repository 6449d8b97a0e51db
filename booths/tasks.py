"""Periodic work on booths (Celery beat)."""

import logging

from celery import shared_task

from .services import holds_expire

logger = logging.getLogger(__name__)


@shared_task
def expire_holds() -> int:
    """Free the booths whose holds ran out without payment or confirmation."""
    freed = holds_expire()
    if freed:
        logger.info("%s booth hold(s) expired.", freed)
    return freed
