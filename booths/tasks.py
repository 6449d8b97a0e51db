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


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def send_booth_moved_email(self, allocation_id: int, previous_id: int) -> int:
    """Tell a confirmed exhibitor's managers, each in their language, that its booth changed."""
    from django.core.mail import EmailMultiAlternatives
    from django.template.loader import render_to_string
    from django.utils import translation

    from accounts.models import Role
    from accounts.selectors import users_with_role

    from .models import Allocation

    allocations = Allocation.objects.select_related(
        "booth__hall", "application__business", "application__event"
    ).in_bulk([allocation_id, previous_id])
    moved, previous = allocations.get(allocation_id), allocations.get(previous_id)
    if moved is None or previous is None:
        logger.warning("Booth move %s ← %s is gone; no email sent.", allocation_id, previous_id)
        return 0
    sent = 0
    try:
        for manager in users_with_role(role=Role.EXHIBITOR, scope=moved.application.business):
            with translation.override(manager.preferred_language):
                context = {"moved": moved, "previous": previous, "recipient": manager}
                subject = render_to_string("emails/booths/booth_moved_subject.txt", context)
                message = EmailMultiAlternatives(
                    subject=" ".join(subject.split()),
                    body=render_to_string("emails/booths/booth_moved.txt", context),
                    to=[manager.email],
                )
                message.send()
                sent += 1
    except OSError as error:
        raise self.retry(exc=error) from error
    return sent
