"""Work off the request for passes: emails with the PDF, the waiting list, badge sheets.

Tasks take ids, fetch, and call services or renderers; they are queued in
``transaction.on_commit`` by tickets.services. Each delivery attempt is written to the
``PassDelivery`` log organizers read, so a failed email can be seen and resent.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import DeliveryStatus, PassDelivery, Registration, WaitlistEntry

logger = logging.getLogger(__name__)
MAX_RETRIES = 5


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def pass_page_url(visitor_pass, language: str) -> str:
    with translation.override(language):
        return absolute(reverse("tickets:pass_page", args=[visitor_pass.access_key]))


def _language_of(visitor_pass) -> str:
    if visitor_pass.registration_id:
        return visitor_pass.registration.language
    return settings.LANGUAGE_CODE


@shared_task(bind=True, max_retries=MAX_RETRIES, default_retry_delay=30, acks_late=True)
def deliver_pass(self, delivery_id: int) -> bool:
    """Email one pass: the PDF attached, a link to the pass page, in the visitor's language."""
    from .pdf_store import pass_pdf
    from .selectors import display_code
    from .services import delivery_record

    delivery = (
        PassDelivery.objects.select_related(
            "visitor_pass__event__venue", "visitor_pass__pass_type", "visitor_pass__registration"
        )
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None:
        logger.warning("Pass email %s is gone; nothing sent.", delivery_id)
        return False
    if delivery.status == DeliveryStatus.SENT:
        return True  # a task delivered twice by the broker sends once
    visitor_pass = delivery.visitor_pass
    if visitor_pass.status != "valid":
        delivery_record(
            delivery=delivery, sent=False, error="The pass is no longer valid.", final=True
        )
        return False
    language = _language_of(visitor_pass)
    try:
        with translation.override(language):
            context = {
                "pass": visitor_pass,
                "event": visitor_pass.event,
                "pass_type": visitor_pass.pass_type.display_name,
                "code": display_code(visitor_pass.code),
                "url": pass_page_url(visitor_pass, language),
                "days": visitor_pass.day_list(),
            }
            subject = render_to_string("emails/tickets/pass_subject.txt", context)
            message = EmailMultiAlternatives(
                subject=" ".join(subject.split()),
                body=render_to_string("emails/tickets/pass.txt", context),
                to=[delivery.to_email],
            )
            message.attach_alternative(
                render_to_string("emails/tickets/pass.html", context), "text/html"
            )
            message.attach(
                f"pass-{visitor_pass.code}.pdf", pass_pdf(visitor_pass), "application/pdf"
            )
            message.send()
    except OSError as error:  # the mail server is away: count the try, and try again later
        final = self.request.retries >= MAX_RETRIES
        delivery_record(delivery=delivery, sent=False, error=str(error), final=final)
        if final:
            logger.error("Pass email %s failed for good: %s", delivery_id, error)
            return False
        raise self.retry(exc=error, countdown=30 * 2**self.request.retries) from error
    delivery_record(delivery=delivery, sent=True)
    logger.info("Pass %s emailed (%s).", visitor_pass.pk, delivery.reason)
    return True


@shared_task(bind=True, max_retries=MAX_RETRIES, default_retry_delay=60, acks_late=True)
def send_registration_received_email(self, registration_id: int) -> int:
    """Passes that need approval: tell the visitor we have the registration and will write."""
    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    if registration is None:
        return 0
    try:
        with translation.override(registration.language):
            context = {"registration": registration, "event": registration.event}
            subject = render_to_string("emails/tickets/registration_received_subject.txt", context)
            EmailMultiAlternatives(
                subject=" ".join(subject.split()),
                body=render_to_string("emails/tickets/registration_received.txt", context),
                to=[registration.email],
            ).send()
    except OSError as error:
        raise self.retry(exc=error) from error
    return 1


@shared_task(bind=True, max_retries=MAX_RETRIES, default_retry_delay=60, acks_late=True)
def notify_waitlist(self, pass_type_id: int, day_ids: list[int]) -> int:
    """Places came free: tell the first people waiting for those days that they may register."""
    from .models import PassType
    from .selectors import places_left

    pass_type = PassType.objects.select_related("event").filter(pk=pass_type_id).first()
    if pass_type is None:
        return 0
    left = places_left(pass_type)
    told = 0
    for day_id in day_ids:
        free = left.get(day_id, 0)
        if free <= 0:
            continue
        waiting = WaitlistEntry.objects.filter(
            pass_type=pass_type, day_id=day_id, notified_at__isnull=True
        ).select_related("day", "event")[:free]
        for entry in waiting:
            try:
                with translation.override(entry.language):
                    context = {
                        "entry": entry,
                        "event": entry.event,
                        "url": absolute(reverse("tickets:register", args=[entry.event.slug])),
                    }
                    subject = render_to_string("emails/tickets/waitlist_place_subject.txt", context)
                    EmailMultiAlternatives(
                        subject=" ".join(subject.split()),
                        body=render_to_string("emails/tickets/waitlist_place.txt", context),
                        to=[entry.email],
                    ).send()
            except OSError as error:
                raise self.retry(exc=error) from error
            WaitlistEntry.objects.filter(pk=entry.pk).update(notified_at=timezone.now())
            told += 1
    return told


@shared_task(bind=True, acks_late=True, time_limit=3600)
def make_badge_sheets(self, job_id: int) -> int:
    """Render the badge sheets of a job, reporting progress as it goes."""
    from .services import badge_job_run

    return badge_job_run(job_id=job_id)
