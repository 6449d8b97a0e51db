"""The booth fee as a payment purpose: what an application owes for the booths it holds,
and what paying, waiving, refunding or giving up does to them (registered in ready()).

The fee is the sum of the prices of the booth types of the application's active holds
and assignments. Paying (or a waiver) turns the holds into assignments and confirms the
application; a payment under way keeps the holds until it ends; a full refund cancels
the application and frees its booths.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import can
from exhibitors.models import Application, ApplicationStatus
from payments.purposes import Due, Purpose, register_purpose

from .models import Allocation, AllocationKind, AllocationStatus

BOOTH_FEE = "booth_fee"
PAYABLE = (ApplicationStatus.APPROVED, ApplicationStatus.ALLOCATED)


def _application(application_id: int) -> Application:
    application = (
        Application.objects.select_related("event", "business", "created_by")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        raise ValidationError(_("This application does not exist."))
    return application


def _booths(application: Application):
    return list(
        Allocation.objects.filter(application=application, status=AllocationStatus.ACTIVE)
        .select_related("booth__booth_type")
        .order_by("booth__code")
    )


def booth_fee_due(application_id: int) -> Due:
    application = _application(application_id)
    if application.status not in PAYABLE:
        raise ValidationError(
            _("This application is %(status)s; its booth fee cannot be paid.")
            % {"status": application.get_status_display().lower()}
        )
    allocations = _booths(application)
    if not allocations:
        raise ValidationError(_("Pick a booth first; the fee depends on it."))
    amount = sum(a.booth.booth_type.price for a in allocations)
    codes = ", ".join(a.booth.code for a in allocations)
    return Due(
        event=application.event,
        amount=amount,
        description=_("Booth fee %(booths)s · %(business)s · %(event)s")
        % {
            "booths": codes,
            "business": application.business.display_name,
            "event": application.event.name,
        },
        payer_name=application.business.display_name,
        payer_email=getattr(application.created_by, "email", "") or "",
    )


@dataclass(frozen=True)
class FeeState:
    """What the exhibitor's booth page says about the fee."""

    amount: int
    due: bool  # there is something to pay now
    problem: str  # why it cannot be paid now, if it cannot
    open_payment: object  # payments.Payment waiting, or None
    paid_payment: object  # payments.Payment paid, or None
    waiver: object  # payments.Waiver, or None
    card: bool  # card payments are available


def booth_fee_state(application: Application) -> FeeState:
    from payments import gateway
    from payments.selectors import open_payment, paid_payment, waiver_of

    waiver = waiver_of(BOOTH_FEE, application.pk)
    paid = paid_payment(BOOTH_FEE, application.pk)
    waiting = open_payment(BOOTH_FEE, application.pk)
    amount, problem = 0, ""
    try:
        amount = booth_fee_due(application.pk).amount
    except ValidationError as error:
        problem = " ".join(error.messages)
    return FeeState(
        amount=amount,
        due=not (waiver or paid) and amount > 0 and not problem,
        problem=problem,
        open_payment=waiting,
        paid_payment=paid,
        waiver=waiver,
        card=gateway.enabled(),
    )


def _may_pay(user, application_id: int) -> bool:
    application = Application.objects.filter(pk=application_id).first()
    return application is not None and can(user, "exhibitors.change_application", application)


def _hold_until(application_id: int, payment) -> None:
    """A payment under way keeps the holds until the payment's own end."""
    if payment.expires_at is None:
        return
    Allocation.objects.filter(
        application_id=application_id,
        kind=AllocationKind.HOLD,
        status=AllocationStatus.ACTIVE,
        held_until__lt=payment.expires_at,
    ).update(held_until=payment.expires_at)


def _release_holds(application_id: int, payment) -> None:
    """Unpaid: the booths held for the payment come free now."""
    now = timezone.now()
    Allocation.objects.filter(
        application_id=application_id, kind=AllocationKind.HOLD, status=AllocationStatus.ACTIVE
    ).update(status=AllocationStatus.EXPIRED, ended_at=now)


def _paid(application_id: int, payment) -> None:
    from exhibitors.services import application_confirm

    from .services import booth_assign

    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application_id)
        if application.status not in PAYABLE:
            raise ValidationError(
                _("The application was %(status)s before the payment arrived: refund it.")
                % {"status": application.get_status_display().lower()}
            )
        note = (
            _("Paid (%(reference)s)") % {"reference": payment.reference}
            if payment is not None
            else _("Fee waived")
        )
        for allocation in _booths(application):
            if allocation.kind == AllocationKind.HOLD:
                booth_assign(booth=allocation.booth, application=application, actor=None, note=note)
        if not Allocation.objects.filter(
            application=application, status=AllocationStatus.ACTIVE
        ).exists():
            raise ValidationError(
                _("The booths were released before the payment arrived: place the exhibitor.")
            )
        application.refresh_from_db()
        application_confirm(application=application, actor=None, reason=note)


def _refunded(application_id: int, payment) -> None:
    from exhibitors.services import application_cancel

    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application_id)
        Allocation.objects.filter(application=application, status=AllocationStatus.ACTIVE).update(
            status=AllocationStatus.RELEASED, ended_at=timezone.now()
        )
        if application.status not in (ApplicationStatus.CANCELLED, ApplicationStatus.WITHDRAWN):
            application_cancel(
                application=application,
                actor=None,
                reason=_("The booth fee was refunded (%(reference)s).")
                % {"reference": payment.reference},
            )


def _waivable(event, user):
    """Approved or allocated applications of ``event``, seen by ``user``, whose booth fee
    is neither paid nor waived."""
    from accounts.permissions import visible
    from payments.models import PAID_STATUSES, Payment, Waiver

    paid = Payment.objects.filter(purpose=BOOTH_FEE, status__in=PAID_STATUSES).values("subject_id")
    waived = Waiver.objects.filter(purpose=BOOTH_FEE).values("subject_id")
    candidates = (
        Application.objects.filter(event=event, status__in=PAYABLE)
        .exclude(pk__in=paid)
        .exclude(pk__in=waived)
        .select_related("business", "association")
        .order_by("business__legal_name", "pk")
    )
    return visible(user, "exhibitors.view_application", candidates)


def _label(application: Application) -> str:
    parts = (
        application.business.display_name,
        application.association.acronym if application.association_id else "",
        application.get_status_display(),
    )
    return " · ".join(part for part in parts if part)


def _back(application_id: int) -> str:
    return reverse("booths:picker", args=[application_id])


def register() -> None:
    register_purpose(
        Purpose(
            key=BOOTH_FEE,
            label=lambda: _("Booth fee"),
            due=booth_fee_due,
            may_pay=_may_pay,
            paid=_paid,
            refunded=_refunded,
            started=_hold_until,
            lapsed=_release_holds,
            back_url=_back,
            waivable=_waivable,
            subject_label=_label,
        )
    )
