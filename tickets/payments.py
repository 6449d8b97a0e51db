"""Paid passes as a payment purpose: a registration's passes waiting for payment are its
order (registered in ready()). Paying makes them valid and sends them; an order left
unpaid, or refunded in full, voids them and gives their places back."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from payments.purposes import Due, Purpose, register_purpose

from .models import Pass, PassStatus, Registration

PASSES = "passes"


def _order(registration_id: int) -> tuple[Registration, list[Pass]]:
    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    if registration is None:
        raise ValidationError(_("This registration does not exist."))
    passes = list(
        Pass.objects.filter(registration=registration, status=PassStatus.AWAITING_PAYMENT)
        .select_related("pass_type")
        .order_by("pk")
    )
    return registration, passes


def passes_due(registration_id: int) -> Due:
    registration, passes = _order(registration_id)
    if not passes:
        raise ValidationError(_("No pass of this registration is waiting for a payment."))
    pass_type = passes[0].pass_type
    return Due(
        event=registration.event,
        amount=sum(p.pass_type.price for p in passes),
        description=_("%(count)s × %(pass_type)s · %(event)s")
        % {
            "count": len(passes),
            "pass_type": pass_type.display_name,
            "event": registration.event.name,
        },
        payer_name=registration.contact_name,
        payer_email=registration.email,
    )


def _may_pay(user, registration_id: int) -> bool:
    # Visitors have no account: they reach their order's payment through the signed
    # cookie the registration set (payments.selectors.may_see_payment).
    return False


def _paid(registration_id: int, payment) -> None:
    from .services import registration_paid

    registration_paid(registration_id=registration_id)


def _refunded(registration_id: int, payment) -> None:
    from .services import registration_unpaid

    registration_unpaid(
        registration_id=registration_id,
        reason=_("Refunded (%(reference)s).") % {"reference": payment.reference},
        refunded=True,
    )


def _lapsed(registration_id: int, payment) -> None:
    from .services import registration_unpaid

    registration_unpaid(registration_id=registration_id, reason=_("Not paid in time."))


def _back(registration_id: int) -> str:
    return reverse("tickets:registered")


def register() -> None:
    register_purpose(
        Purpose(
            key=PASSES,
            label=lambda: _("Visitor passes"),
            due=passes_due,
            may_pay=_may_pay,
            paid=_paid,
            refunded=_refunded,
            lapsed=_lapsed,
            back_url=_back,
        )
    )
