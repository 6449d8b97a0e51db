"""Account emails, sent off the request. Tasks take ids, fetch, and send in the user's language."""

import logging
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import User
from .tokens import email_verification_token

logger = logging.getLogger(__name__)

RETRY = {
    "autoretry_for": (SMTPException, OSError),
    "retry_backoff": 30,
    "retry_jitter": True,
    "max_retries": 5,
}


def _absolute(base_url: str | None, path: str) -> str:
    # The request's scheme and host, passed in by the view; the admin's base URL otherwise.
    return (base_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/") + path


def _send(user: User, template: str, context: dict) -> None:
    """Render emails/accounts/<template>{_subject.txt,.txt,.html} in the user's language."""
    with translation.override(user.preferred_language):
        context = {"user": user, **context}
        subject = render_to_string(f"emails/accounts/{template}_subject.txt", context)
        text = render_to_string(f"emails/accounts/{template}.txt", context)
        html = render_to_string(f"emails/accounts/{template}.html", context)
    message = EmailMultiAlternatives(subject=" ".join(subject.split()), body=text, to=[user.email])
    message.attach_alternative(html, "text/html")
    message.send()


@shared_task(**RETRY)
def send_verification_email(user_id: int, base_url: str | None = None) -> None:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or user.email_verified_at is not None:
        logger.info("No verification email for user %s: gone or already verified", user_id)
        return
    with translation.override(user.preferred_language):
        path = reverse(
            "accounts:verify_email",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": email_verification_token.make_token(user),
            },
        )
    _send(user, "verify_email", {"url": _absolute(base_url, path)})


@shared_task(**RETRY)
def send_password_reset_email(user_id: int, base_url: str | None = None) -> None:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    with translation.override(user.preferred_language):
        path = reverse(
            "accounts:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    _send(user, "password_reset", {"url": _absolute(base_url, path)})
