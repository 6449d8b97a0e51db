"""Work off the request for the public site: mailing contact-form messages to the organizer.

Tasks take ids and fetch; they are queued in ``transaction.on_commit`` by cms.contact. The
message itself is stored before the task runs (Wagtail's form submissions, readable in the
admin), so a mail server that stays away loses nothing.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)
MAX_RETRIES = 5


def _as_text(value) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    if value is True:
        return translation.gettext("yes")
    if value is False:
        return translation.gettext("no")
    return "" if value is None else str(value)


def contact_message_lines(page, data: dict) -> list[tuple[str, str]]:
    """(label, value) of a submission in the order of the form's fields, then any others."""
    lines = []
    seen = set()
    for field in page.get_form_fields():
        name = field.clean_name
        if name in data:
            lines.append((field.label, _as_text(data[name])))
            seen.add(name)
    for name, value in data.items():
        if name not in seen and name != "submit_time":
            lines.append((name, _as_text(value)))
    return lines


def _reply_to(page, data: dict) -> list[str]:
    """The submitter's address: the first email field of the form that was filled."""
    for field in page.get_form_fields():
        if field.field_type == "email" and data.get(field.clean_name):
            return [str(data[field.clean_name]).strip()]
    return []


@shared_task(bind=True, max_retries=MAX_RETRIES, default_retry_delay=60, acks_late=True)
def send_contact_submission(self, submission_id: int) -> bool:
    """Mail one stored contact message to the page's recipients; reply-to is the sender."""
    from wagtail.contrib.forms.models import FormSubmission

    submission = FormSubmission.objects.select_related("page").filter(pk=submission_id).first()
    if submission is None:
        logger.warning("Contact message %s is gone; nothing sent.", submission_id)
        return False
    page = submission.page.specific
    recipients = [address.strip() for address in page.to_address.split(",") if address.strip()]
    if not recipients:
        return False
    data = submission.form_data or {}
    # The organizer reads Indonesian first, whatever language the visitor wrote in.
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "page": page,
            "lines": contact_message_lines(page, data),
            "submission": submission,
            "language": page.locale.get_display_name() if page.locale_id else "",
            "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + reverse("wagtailforms:list_submissions", args=[page.pk]),
        }
        subject = page.subject or render_to_string(
            "emails/cms/contact_submission_subject.txt", context
        )
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()),
            body=render_to_string("emails/cms/contact_submission.txt", context),
            from_email=page.from_address or None,
            to=recipients,
            reply_to=_reply_to(page, data),
        )
        message.attach_alternative(
            render_to_string("emails/cms/contact_submission.html", context), "text/html"
        )
    try:
        message.send()
    except OSError as error:  # the mail server is away: the message is kept, try again later
        if self.request.retries >= MAX_RETRIES:
            logger.error("Contact message %s not mailed, for good: %s", submission_id, error)
            return False
        logger.warning("Contact message %s not mailed yet: %s", submission_id, error)
        raise self.retry(exc=error, countdown=60 * 2**self.request.retries) from error
    logger.info("Contact message %s mailed to %s.", submission_id, ", ".join(recipients))
    return True
