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


def _transition(transition_id: int) -> ApplicationTransition | None:
    transition = (
        ApplicationTransition.objects.select_related(
            "application__business", "application__event", "application__association"
        )
        .filter(pk=transition_id)
        .first()
    )
    if transition is None:
        logger.warning("Status change %s is gone; no email sent.", transition_id)
    return transition


def _mail(recipients, *, template: str, url_name: str, transition) -> int:
    """One email per recipient, in the recipient's language, linking to ``url_name``."""
    application = transition.application
    # Whoever is told "allocated" wants to know where: the booths it stands in now.
    booths = [
        allocation.booth
        for allocation in application.allocations.filter(status="active")
        .select_related("booth__hall", "booth__zone")
        .order_by("booth__code")
    ]
    sent = 0
    for recipient in recipients:
        with translation.override(recipient.preferred_language):
            context = {
                "application": application,
                "transition": transition,
                "recipient": recipient,
                "booths": booths,
                "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
                + reverse(url_name, args=[application.pk]),
            }
            subject = render_to_string(f"emails/exhibitors/{template}_subject.txt", context)
            message = EmailMultiAlternatives(
                subject=" ".join(subject.split()),
                body=render_to_string(f"emails/exhibitors/{template}.txt", context),
                to=[recipient.email],
            )
            message.attach_alternative(
                render_to_string(f"emails/exhibitors/{template}.html", context), "text/html"
            )
            message.send()
            sent += 1
    return sent


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def send_application_status_email(self, transition_id: int) -> int:
    """Tell the business's managers, each in their language, what happened to the application."""
    transition = _transition(transition_id)
    if transition is None:
        return 0
    application = transition.application
    try:
        sent = _mail(
            users_with_role(role=Role.EXHIBITOR, scope=application.business),
            template="application_status",
            url_name="exhibitors:application",
            transition=transition,
        )
    except OSError as error:  # the mail server is down: try again later
        raise self.retry(exc=error) from error
    logger.info(
        "Application %s is %s: told %s manager(s).", application.pk, transition.to_status, sent
    )
    return sent


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def send_new_applicant_email(self, transition_id: int) -> int:
    """Tell the association's admins that a member submitted and waits for their check."""
    transition = _transition(transition_id)
    if transition is None:
        return 0
    application = transition.application
    try:
        sent = _mail(
            users_with_role(role=Role.ASSOCIATION_ADMIN, scope=application.association),
            template="new_applicant",
            url_name="exhibitors:association_application",
            transition=transition,
        )
    except OSError as error:
        raise self.retry(exc=error) from error
    logger.info("Application %s submitted: told %s association admin(s).", application.pk, sent)
    return sent
