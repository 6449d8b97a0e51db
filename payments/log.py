"""Writing to a payment's log from tasks, without importing the services' Stripe client."""

from django.utils.translation import gettext as _

from .models import PaymentLog


def log_email(payment, *, sent: bool, error: str = "") -> None:
    PaymentLog.objects.create(
        payment=payment,
        kind="email" if sent else "email_failed",
        message=(
            _("Receipt emailed to %(email)s.") % {"email": payment.payer_email}
            if sent
            else _("Receipt email failed: %(error)s") % {"error": error}
        )[:500],
    )
