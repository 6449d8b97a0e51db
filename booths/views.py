"""The exhibitor's booth picker: choose a free booth that suits, hold it, or let it go."""

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import can
from events.money import format_rupiah
from events.params import as_id
from exhibitors.models import Application
from exhibitors.views.portal import business_required

from .allocation import bookable_booths
from .models import Allocation, AllocationStatus, Booth, Hall, SelectionWindow
from .payments import booth_fee_state
from .plan_svg import render_plan_svg
from .selectors import plan_of
from .services import allocation_release, booth_hold


@dataclass(frozen=True)
class HallOffer:
    """One hall on the picker: its plan with the booths on offer lit, and those booths."""

    hall: Hall
    booths: list[Booth]
    plan_id: str
    plan_svg: str
    # For static/js/booth-picker.js (json_script): "offers", pk -> what the details panel
    # adds for a booth on offer; "mine", the pks of the exhibitor's own booths here.
    details: dict


def _hall_offers(booths: list[Booth], current: list[Allocation]) -> list[HallOffer]:
    by_hall: dict[Hall, list[Booth]] = {}
    for booth in booths:  # already in hall order
        by_hall.setdefault(booth.hall, []).append(booth)
    return [
        HallOffer(
            hall=hall,
            booths=offered,
            plan_id=f"plan-hall-{hall.pk}",
            plan_svg=render_plan_svg(plan_of(hall), pickable={b.pk for b in offered}),
            details={
                "offers": {
                    str(b.pk): {
                        "code": b.code,
                        "zone": b.zone.name,
                        "price": format_rupiah(b.booth_type.price),
                    }
                    for b in offered
                },
                "mine": [str(a.booth_id) for a in current if a.booth.hall_id == hall.pk],
            },
        )
        for hall, offered in by_hall.items()
    ]


def _own_application(request, pk: int) -> Application:
    application = (
        Application.objects.select_related("event", "business", "association")
        .filter(pk=pk, business=request.business)
        .first()
    )
    if application is None:
        raise Http404
    return application


@business_required
@require_http_methods(["GET"])
def picker(request, pk: int):
    application = _own_application(request, pk)
    window = SelectionWindow.objects.filter(event=application.event).first()
    current = list(
        application.allocations.filter(status=AllocationStatus.ACTIVE).select_related(
            "booth__hall", "booth__booth_type", "booth__zone"
        )
    )
    open_now = bool(window and window.is_open())
    wants_more = len(current) < application.booth_count
    booths = bookable_booths(application) if open_now and wants_more else []
    return render(
        request,
        "booths/picker.html",
        {
            "business": request.business,
            "section": "home",
            "application": application,
            "window": window,
            "open_now": open_now,
            "current": current,
            "wants_more": wants_more,
            "halls": _hall_offers(booths, current),
            "fee": booth_fee_state(application) if current else None,
        },
    )


@business_required
@require_POST
def hold(request, pk: int):
    application = _own_application(request, pk)
    booth_id = request.POST.get("booth", "")
    booth = (
        Booth.objects.filter(pk=as_id(booth_id), hall__event=application.event).first()
        if as_id(booth_id)
        else None
    )
    if booth is None:
        messages.error(request, _("Choose a booth from the plan."))
        return redirect("booths:picker", pk=application.pk)
    try:
        allocation = booth_hold(booth=booth, application=application, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(
            request,
            _("Booth %(code)s is yours until %(time)s. It is released if not confirmed by then.")
            % {
                "code": booth.code,
                "time": timezone.localtime(
                    allocation.held_until, ZoneInfo(application.event.time_zone)
                ).strftime("%H:%M"),
            },
        )
    return redirect("booths:picker", pk=application.pk)


@business_required
@require_POST
def release(request, pk: int, allocation_pk: int):
    application = _own_application(request, pk)
    allocation = Allocation.objects.filter(pk=allocation_pk, application=application).first()
    if allocation is None or not can(request.user, "booths.view_allocation", allocation):
        raise Http404
    try:
        allocation_release(allocation=allocation, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Booth %(code)s is free again.") % {"code": allocation.booth})
    return redirect("booths:picker", pk=application.pk)
