"""Mail about applications, sent off the request (queued in transaction.on_commit)."""

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.models import Role
from accounts.selectors import users_with_role

from .models import ApplicationTransition

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def send_application_status_email(self, transition_id: int) -> int:
    """Tell the business's managers, each in their language, what happened to the application."""
    transition = (
        ApplicationTransition.objects.select_related(
            "application__business", "application__event", "application__association"
        )
        .filter(pk=transition_id)
        .first()
    )
    if transition is None:
        logger.warning("Status change %s is gone; no email sent.", transition_id)
        return 0
    application = transition.application
    managers = users_with_role(role=Role.EXHIBITOR, scope=application.business)
    sent = 0
    try:
        for manager in managers:
            with translation.override(manager.preferred_language):
                context = {
                    "application": application,
                    "transition": transition,
                    "manager": manager,
                    "portal_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
                    + reverse("exhibitors:application", args=[application.pk]),
                }
                subject = render_to_string(
                    "emails/exhibitors/application_status_subject.txt", context
                ).strip()
                message = EmailMultiAlternatives(
                    subject=" ".join(subject.split()),
                    body=render_to_string("emails/exhibitors/application_status.txt", context),
                    to=[manager.email],
                )
                message.attach_alternative(
                    render_to_string("emails/exhibitors/application_status.html", context),
                    "text/html",
                )
                message.send()
                sent += 1
    except OSError as error:  # the mail server is down: try again later
        raise self.retry(exc=error) from error
    logger.info(
        "Application %s is %s: told %s manager(s).", application.pk, transition.to_status, sent
    )
    return sent
