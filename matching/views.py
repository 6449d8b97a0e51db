"""The business-matching portal under /temu-bisnis/: buyers (``pembeli/``) and exhibitors
(``usaha/``) find each other, ask for meetings, see their schedule and record deals.

The two sides mirror each other, so every page is written once over a ``Seat``: the buyer
or the business the account acts for, in the edition it takes part in. Views stay thin:
they read through selectors (and ``matching.suggestions``), write through
``matching.services`` and ask ``accounts.permissions`` first. Objects of others are not
found (404); a service's refusal comes back on the same bound form, so nothing typed is
lost; a PermissionDenied is a 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import wraps
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Role
from accounts.permissions import can, grants_of, visible
from events.models import Currency, Event, EventStatus
from events.money import format_rupiah, format_usd
from events.selectors import zone_label
from exhibitors.models import QUOTA_STATUSES, Business
from exhibitors.selectors import business_of
from exhibitors.views.portal import add_service_error, business_required

from . import services
from .calendar import CalendarEntry, render_ics
from .forms import (
    BuyerFilterForm,
    BuyerProfileForm,
    CorrectionForm,
    DealForm,
    ExhibitorFilterForm,
    MeetingRequestForm,
    RespondForm,
    VoidForm,
)
from .models import (
    LIVE_MEETING_STATUSES,
    PLACED_MEETING_STATUSES,
    Buyer,
    BuyerParticipation,
    Meeting,
    MeetingStatus,
    Side,
    Transaction,
    TransactionKind,
    TransactionStatus,
)
from .pdf import ScheduleRow, ScheduleSheet, render_schedule
from .selectors import history_of, transactions_of
from .suggestions import (
    MIN_SCORE,
    exhibiting_businesses,
    score_pair,
    suggest_buyers,
    suggest_exhibitors,
)

M = MeetingStatus
T = TransactionStatus
PAGE_SIZE = 24
HOME_SUGGESTIONS = 3
BUYERS_PAGE_SUGGESTIONS = 6
# Meetings a deal may be attributed to.
DEAL_MEETING_STATUSES = (M.ACCEPTED, M.SCHEDULED, M.HELD)
# Pages both sides have, named ``buyer_<name>`` and ``exhibitor_<name>``.
URL_NAMES = (
    "home",
    "request_meeting",
    "requests",
    "meeting_respond",
    "meeting_cancel",
    "schedule",
    "schedule_pdf",
    "schedule_ics",
    "deals",
    "deal_create",
    "deal",
    "deal_confirm",
    "deal_void",
    "deal_correct",
)


# --- who the portal works for ----------------------------------------------------------------


@dataclass
class Seat:
    """The buyer or the business an account acts for, in the edition it takes part in."""

    side: str
    event: Event | None
    buyer: Buyer | None = None
    business: Business | None = None

    @property
    def is_buyer(self) -> bool:
        return self.side == Side.BUYER

    @property
    def prefix(self) -> str:
        return "buyer" if self.is_buyer else "exhibitor"

    @property
    def name(self) -> str:
        return self.buyer.name if self.is_buyer else self.business.display_name

    @property
    def party(self):
        return self.buyer if self.is_buyer else self.business

    @property
    def act_perm(self) -> str:
        return "matching.act_for_buyer" if self.is_buyer else "matching.act_for_business"

    @property
    def urls(self) -> dict[str, str]:
        """URL names of this side's pages, for ``{% url seat.urls.requests %}``."""
        urls = {name: f"matching:{self.prefix}_{name}" for name in URL_NAMES}
        urls["counterparts"] = (
            "matching:buyer_exhibitors" if self.is_buyer else "matching:exhibitor_buyers"
        )
        return urls

    def url(self, name: str, *args) -> str:
        return reverse(self.urls[name], args=args)

    def own(self) -> Q:
        return Q(buyer=self.buyer) if self.is_buyer else Q(business=self.business)

    def counterpart(self, obj):
        """The other party of a meeting or a deal (``None`` for a retail sale)."""
        return obj.business if self.is_buyer else obj.buyer

    def counterpart_name(self, obj) -> str:
        return self.name_of(self.counterpart(obj))

    def name_of(self, other) -> str:
        """The name of a party of the other side (``None``: the visitors of a retail sale)."""
        if other is None:
            return _("Visitors (retail sale)")
        return other.display_name if self.is_buyer else other.name


def buyer_of(user) -> Buyer | None:
    """The buyer ``user`` acts for (an account acts for one buyer)."""
    ids = grants_of(user).get(Role.BUYER)
    return Buyer.objects.filter(pk__in=ids).order_by("pk").first() if ids else None


def _newest(events):
    events = events.select_related("venue").order_by("-year", "-pk")
    return events.exclude(status=EventStatus.ARCHIVED).first() or events.first()


def buyer_edition(buyer: Buyer) -> Event | None:
    """The newest edition the buyer takes part in (archived ones last)."""
    return _newest(
        Event.objects.filter(
            pk__in=BuyerParticipation.objects.filter(buyer=buyer).values("event_id")
        )
    )


def business_edition(business: Business) -> Event | None:
    """The newest edition the business exhibits at (an approved application)."""
    return _newest(
        Event.objects.filter(
            applications__business=business, applications__status__in=QUOTA_STATUSES
        ).distinct()
    )


def _buyer_view(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        buyer = buyer_of(request.user)
        if buyer is None or not can(request.user, "matching.act_for_buyer", buyer):
            raise PermissionDenied
        request.seat = Seat(Side.BUYER, buyer_edition(buyer), buyer=buyer)
        return view(request, *args, **kwargs)

    return wrapper


def _exhibitor_view(view):
    @business_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        business = request.business
        if not can(request.user, "matching.act_for_business", business):
            raise PermissionDenied
        request.seat = Seat(Side.EXHIBITOR, business_edition(business), business=business)
        return view(request, *args, **kwargs)

    return wrapper


def _edition_required(view):
    """Pages about an edition: without one, a page that says how to take part."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.seat.event is None:
            return _page(request, "no_edition.html", {}, section="home")
        return view(request, *args, **kwargs)

    return wrapper


def _page(request, template: str, context: dict, *, section: str, status: int = 200):
    seat = request.seat
    context = {
        "seat": seat,
        "event": seat.event,
        "buyer": seat.buyer,
        "business": seat.business,
        # The exhibitor portal's own navigation marks "Business matching" as current.
        "section": "matching",
        "matching_section": section,
        **context,
    }
    return render(request, f"matching/portal/{template}", context, status=status)


def _zone(event: Event) -> ZoneInfo:
    return ZoneInfo(event.time_zone)


# --- reads ------------------------------------------------------------------------------------


def _meetings(request):
    seat = request.seat
    meetings = Meeting.objects.filter(seat.own(), event=seat.event)
    return visible(request.user, "matching.view_meeting", meetings).select_related(
        "buyer", "business", "slot__session", "event"
    )


def _deals(request):
    seat = request.seat
    rows = transactions_of(request.user, event=seat.event).filter(seat.own())
    return visible(request.user, "matching.view_transaction", rows).select_related(
        "replaced_by", "meeting__slot"
    )


def _edition_buyers(request):
    event = request.seat.event
    buyers = Buyer.objects.filter(
        pk__in=BuyerParticipation.objects.filter(event=event).values("buyer_id")
    )
    return visible(request.user, "matching.view_buyer", buyers)


def _counterparts(request):
    """Who this side may meet and deal with: the edition's exhibitors, or its buyers."""
    seat = request.seat
    if seat.is_buyer:
        return (
            exhibiting_businesses(seat.event)
            .annotate(sort_name=Lower(Coalesce(NullIf("brand_name", Value("")), "legal_name")))
            .order_by("sort_name", "pk")
        )
    return _edition_buyers(request).order_by("name", "pk")


def _live_meetings_by_counterpart(request) -> dict[int, Meeting]:
    seat = request.seat
    key = "business_id" if seat.is_buyer else "buyer_id"
    return {getattr(m, key): m for m in _meetings(request).filter(status__in=LIVE_MEETING_STATUSES)}


def _awaits_me(request, row: Transaction) -> bool:
    """May this account confirm the row: recorded by the other party (or the desk)?"""
    seat = request.seat
    return (
        row.status == T.RECORDED
        and row.recorded_as != seat.side
        and can(request.user, seat.act_perm, seat.party)
    )


def _may_void(request, row: Transaction) -> bool:
    return row.status == T.RECORDED and services.may_void(request.user, row)


# --- the portal's front door --------------------------------------------------------------------


@login_required
@require_GET
def index(request):
    if grants_of(request.user).get(Role.BUYER):
        return redirect("matching:buyer_home")
    if business_of(request.user) is not None:
        return redirect("matching:exhibitor_home")
    raise PermissionDenied


# --- home -------------------------------------------------------------------------------------


@require_GET
def _home(request):
    seat = request.seat
    if seat.event is None:
        return _page(request, "no_edition.html", {}, section="home")
    meetings = _meetings(request)
    mine = Q(requested_by_side=seat.side)
    counts = meetings.aggregate(
        to_answer=Count("pk", filter=Q(status=M.REQUESTED) & ~mine),
        sent=Count("pk", filter=Q(status=M.REQUESTED) & mine),
        accepted=Count("pk", filter=Q(status=M.ACCEPTED)),
        scheduled=Count("pk", filter=Q(status__in=PLACED_MEETING_STATUSES)),
    )
    deals = list(_deals(request))
    live = [row for row in deals if row.status != T.VOID]
    now = timezone.now()
    upcoming = meetings.filter(status=M.SCHEDULED, slot__ends_at__gte=now).order_by(
        "slot__starts_at", "table"
    )[:3]
    if seat.is_buyer:
        suggestions = suggest_exhibitors(seat.buyer, seat.event, limit=HOME_SUGGESTIONS)
    else:
        suggestions = suggest_buyers(seat.business, seat.event, limit=HOME_SUGGESTIONS)
    return _page(
        request,
        "home.html",
        {
            "counts": counts,
            "deal_count": len(live),
            "deals_to_confirm": [row for row in live if _awaits_me(request, row)],
            "deals_waiting": sum(
                1 for row in live if row.status == T.RECORDED and row.recorded_as == seat.side
            ),
            "upcoming": upcoming,
            "suggestions": suggestions,
            "profile_incomplete": seat.is_buyer
            and not (seat.buyer.sectors and seat.buyer.seeks.strip()),
        },
        section="home",
    )


# --- the buyer's profile ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def _buyer_profile(request):
    buyer = request.seat.buyer
    if not can(request.user, "matching.view_buyer", buyer):
        raise PermissionDenied
    may_change = can(request.user, "matching.change_buyer", buyer)
    # A copy, so the page's header keeps the stored name while the form is corrected.
    form = BuyerProfileForm(request.POST or None, instance=Buyer.objects.get(pk=buyer.pk))
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.buyer_update(buyer=form.instance, actor=request.user)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Your buyer profile is saved."))
                return redirect("matching:buyer_profile")
    return _page(
        request, "buyer_profile.html", {"form": form, "may_change": may_change}, section="profile"
    )


# --- suggestions and the other side of the edition ----------------------------------------------


@_edition_required
@require_GET
def _buyer_suggestions(request):
    seat = request.seat
    return _page(
        request,
        "suggestions.html",
        {"suggestions": suggest_exhibitors(seat.buyer, seat.event, limit=20)},
        section="suggestions",
    )


def _apply_filters(form, items, apply):
    """Apply each filter that is valid; the others are shown with their error, unused."""
    if not form.is_bound:
        return items
    form.is_valid()
    for name, value in form.cleaned_data.items():
        if value:
            items = apply(items, name, value)
    return items


def _filter_businesses(businesses, name, value):
    if name == "q":
        return businesses.filter(Q(legal_name__icontains=value) | Q(brand_name__icontains=value))
    return businesses.filter(**{name: value})


@_edition_required
@require_GET
def _buyer_exhibitors(request):
    seat = request.seat
    filters = ExhibitorFilterForm(_filter_params(request, ExhibitorFilterForm))
    businesses = _apply_filters(filters, _counterparts(request), _filter_businesses)
    page = Paginator(businesses, PAGE_SIZE).get_page(request.GET.get("halaman"))
    live = _live_meetings_by_counterpart(request)
    today = timezone.localdate(timezone=_zone(seat.event))
    rows = []
    for business in page.object_list:
        score, reasons = score_pair(seat.buyer, business, on=today)
        rows.append(
            {
                "business": business,
                "meeting": live.get(business.pk),
                "score": score,
                "reasons": reasons,
                "certificates": sorted(
                    {
                        c.get_kind_display()
                        for c in business.certifications.all()
                        if not c.is_expired(today)
                    }
                ),
            }
        )
    return _page(
        request,
        "exhibitors.html",
        {"filters": filters, "page": page, "rows": rows, "query": _query_without_page(request)},
        section="counterparts",
    )


def _filter_params(request, form_class):
    """The query string's filters, or nothing when none was given (an unbound form)."""
    names = set(form_class.base_fields)
    return request.GET if names & set(request.GET) else None


def _query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("halaman", None)
    return params.urlencode()


def _buyer_matches(buyer: Buyer, name: str, value: str) -> bool:
    if name == "q":
        return value.lower() in buyer.name.lower()
    if name == "kind":
        return buyer.kind == value
    return value in (buyer.sectors or [])


@_edition_required
@require_GET
def _exhibitor_buyers(request):
    seat = request.seat
    filters = BuyerFilterForm(_filter_params(request, BuyerFilterForm))
    buyers = list(_counterparts(request))
    # sectors is a JSON list: filtered here, the same on both databases (an edition has
    # hundreds of buyers at most).
    buyers = _apply_filters(
        filters,
        buyers,
        lambda items, name, value: [b for b in items if _buyer_matches(b, name, value)],
    )
    scored = {
        s.buyer.pk: s for s in suggest_buyers(seat.business, seat.event, limit=None, min_score=1)
    }
    page = Paginator(buyers, PAGE_SIZE).get_page(request.GET.get("halaman"))
    live = _live_meetings_by_counterpart(request)
    rows = [
        {"buyer": buyer, "meeting": live.get(buyer.pk), "suggestion": scored.get(buyer.pk)}
        for buyer in page.object_list
    ]
    suggestions = [s for s in scored.values() if s.score >= MIN_SCORE][:BUYERS_PAGE_SUGGESTIONS]
    return _page(
        request,
        "buyers.html",
        {
            "filters": filters,
            "page": page,
            "rows": rows,
            "suggestions": suggestions if page.number == 1 else [],
            "query": _query_without_page(request),
        },
        section="counterparts",
    )


# --- meeting requests ---------------------------------------------------------------------------


@_edition_required
@require_http_methods(["GET", "POST"])
def _request_meeting(request, pk: int):
    seat = request.seat
    other = get_object_or_404(_counterparts(request), pk=pk)
    buyer, business = (seat.buyer, other) if seat.is_buyer else (other, seat.business)
    existing = _live_meetings_by_counterpart(request).get(other.pk)
    form = MeetingRequestForm(request.POST or None)
    if request.method == "POST" and existing is None and form.is_valid():
        try:
            services.meeting_request(
                event=seat.event,
                buyer=buyer,
                business=business,
                side=seat.side,
                actor=request.user,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            add_service_error(form, error, field="message")
        else:
            messages.success(
                request,
                _("Your request is sent to %(name)s. You will see the answer under Requests.")
                % {"name": seat.name_of(other)},
            )
            return redirect(seat.urls["requests"])
    today = timezone.localdate(timezone=_zone(seat.event))
    score, reasons = score_pair(buyer, business, on=today)
    if seat.is_buyer:
        profile = {
            "products": list(business.products.all()),
            "certifications": [c for c in business.certifications.all() if not c.is_expired(today)],
        }
    else:
        profile = {}
    return _page(
        request,
        "request_meeting.html",
        {
            "other": other,
            "form": form,
            "existing": existing,
            "score": score,
            "reasons": reasons,
            **profile,
        },
        section="counterparts",
    )


def _requests_page(request, *, bound: dict[int, RespondForm] | None = None):
    seat = request.seat
    bound = bound or {}
    meetings = list(_meetings(request).order_by("-requested_at", "-pk"))
    to_answer, sent, accepted, earlier = [], [], [], []
    for meeting in meetings:
        if meeting.status == M.REQUESTED and meeting.requested_by_side != seat.side:
            form = bound.get(meeting.pk) or RespondForm(prefix=f"m{meeting.pk}")
            to_answer.append({"meeting": meeting, "form": form})
        elif meeting.status == M.REQUESTED:
            sent.append(meeting)
        elif meeting.status == M.ACCEPTED:
            accepted.append(meeting)
        else:
            earlier.append(meeting)
    return _page(
        request,
        "requests.html",
        {"to_answer": to_answer, "sent": sent, "accepted": accepted, "earlier": earlier},
        section="requests",
    )


@_edition_required
@require_GET
def _requests(request):
    return _requests_page(request)


@_edition_required
@require_POST
def _meeting_respond(request, pk: int):
    seat = request.seat
    meeting = get_object_or_404(_meetings(request), pk=pk)
    form = RespondForm(request.POST, prefix=f"m{meeting.pk}")
    if form.is_valid():
        accept = form.cleaned_data["decision"] == RespondForm.ACCEPT
        try:
            services.meeting_respond(
                meeting=meeting,
                accept=accept,
                actor=request.user,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            if meeting.status != M.REQUESTED:
                messages.error(request, " ".join(error.messages))
                return redirect(seat.urls["requests"])
            add_service_error(form, error, field="message")
        else:
            name = seat.counterpart_name(meeting)
            if accept:
                text = _(
                    "You accepted the meeting with %(name)s. The matching desk gives it a time "
                    "and a table; it then appears in your schedule."
                )
            else:
                text = _("You declined the meeting with %(name)s.")
            messages.success(request, text % {"name": name})
            return redirect(seat.urls["requests"])
    return _requests_page(request, bound={meeting.pk: form})


@_edition_required
@require_http_methods(["GET", "POST"])
def _meeting_cancel(request, pk: int):
    seat = request.seat
    meeting = get_object_or_404(_meetings(request), pk=pk)
    if meeting.status not in LIVE_MEETING_STATUSES:
        messages.error(request, _("Only a meeting still to come can be cancelled."))
        return redirect(seat.urls["requests"])
    if request.method == "POST":
        try:
            services.meeting_cancel(meeting=meeting, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The meeting with %(name)s is cancelled.")
                % {"name": seat.counterpart_name(meeting)},
            )
        return redirect(seat.urls["requests"])
    return _page(
        request,
        "confirm.html",
        {
            "title": _("Cancel a meeting"),
            "question": _("Cancel the meeting with %(name)s? They will see it is cancelled.")
            % {"name": seat.counterpart_name(meeting)},
            "action_label": _("Cancel the meeting"),
            "back_label": _("Keep it"),
            "cancel_url": seat.urls["requests"],
        },
        section="requests",
    )


# --- the schedule -------------------------------------------------------------------------------


def _schedule(request):
    return list(
        _meetings(request)
        .filter(status__in=PLACED_MEETING_STATUSES)
        .order_by("slot__starts_at", "table", "pk")
    )


@_edition_required
@require_GET
def _schedule_page(request):
    return _page(
        request,
        "schedule.html",
        {"meetings": _schedule(request), "zone_name": zone_label(request.seat.event.time_zone)},
        section="schedule",
    )


def _download(content, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _file_stem(seat: Seat) -> str:
    return f"jadwal-temu-bisnis-{seat.event.slug}"


def _counterpart_detail(seat: Seat, meeting: Meeting) -> str:
    if seat.is_buyer:
        business = meeting.business
        return f"{business.get_sector_display()} · {business.city}"
    buyer = meeting.buyer
    return " · ".join(part for part in (buyer.get_kind_display(), buyer.city) if part)


def _own_detail(seat: Seat) -> str:
    if seat.is_buyer:
        buyer = seat.buyer
        return " · ".join(str(part) for part in (buyer.get_kind_display(), buyer.city) if part)
    business = seat.business
    return f"{business.legal_name} · {business.city}"


@_edition_required
@require_GET
def _schedule_pdf(request):
    seat = request.seat
    zone = _zone(seat.event)
    zone_name = zone_label(seat.event.time_zone)
    rows = []
    for m in _schedule(request):
        starts = timezone.localtime(m.slot.starts_at, zone)
        ends = timezone.localtime(m.slot.ends_at, zone)
        rows.append(
            ScheduleRow(
                day_label=date_format(starts, "l, j F Y"),
                time_label=f"{starts:%H.%M}–{ends:%H.%M}",
                table_label=str(m.table),
                counterpart=seat.counterpart_name(m),
                counterpart_detail=_counterpart_detail(seat, m),
                location=m.slot.session.location or m.slot.session.name,
                status_label=m.get_status_display(),
            )
        )
    now = timezone.localtime(timezone.now(), zone)
    sheet = ScheduleSheet(
        title=_("Business-matching schedule"),
        person_name=seat.name,
        organisation=_own_detail(seat),
        edition_name=seat.event.name,
        time_zone_label=zone_name,
        rows=rows,
        generated_at_label=_("Printed %(when)s")
        % {"when": f"{date_format(now, 'j F Y')} {now:%H.%M} {zone_name}"},
    )
    return _download(
        render_schedule(sheet), filename=f"{_file_stem(seat)}.pdf", content_type="application/pdf"
    )


@_edition_required
@require_GET
def _schedule_ics(request):
    seat = request.seat
    host = request.get_host().split(":")[0] or "pameran"
    entries = []
    for m in _schedule(request):
        if m.status != M.SCHEDULED:
            continue  # held or missed meetings are past: no calendar entry
        session = m.slot.session
        place = session.location or session.name
        entries.append(
            CalendarEntry(
                uid=f"meeting-{m.pk}@{host}",
                starts_at=m.slot.starts_at,
                ends_at=m.slot.ends_at,
                summary=_("Business meeting: %(name)s") % {"name": seat.counterpart_name(m)},
                location=_("%(place)s, table %(table)s") % {"place": place, "table": m.table},
                description=f"{seat.event.name} · {_counterpart_detail(seat, m)}",
            )
        )
    content = render_ics(
        calendar_name=_("Business matching · %(edition)s") % {"edition": seat.event.name},
        events=entries,
    )
    return _download(
        content,
        filename=f"{_file_stem(seat)}.ics",
        content_type="text/calendar; charset=utf-8",
    )


# --- deals --------------------------------------------------------------------------------------


def money_text(value, currency: str) -> str:
    """A deal's value in its own currency: ``Rp 15.000.000``, ``USD 1,250.50``."""
    if currency == Currency.IDR:
        return format_rupiah(value)
    if currency == Currency.USD:
        return format_usd(value)
    return f"{currency} {Decimal(value):,.2f}"


def quantity_text(number) -> str:
    """A quantity the Indonesian way: ``2.000``, ``12,5``."""
    if number is None:
        return ""
    whole, _dot, fraction = format(Decimal(number).normalize(), "f").partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{grouped},{fraction}" if fraction else grouped


def _deal_row(request, row: Transaction) -> dict:
    seat = request.seat
    try:
        replaced_by = row.replaced_by
    except Transaction.DoesNotExist:
        replaced_by = None
    return {
        "row": row,
        "value_text": money_text(row.value, row.currency),
        "quantity_text": quantity_text(row.quantity),
        "counterpart": seat.counterpart_name(row),
        "mine": row.recorded_as == seat.side,
        "awaits_me": _awaits_me(request, row),
        "replaced_by": replaced_by,
    }


@_edition_required
@require_GET
def _deals_page(request):
    rows = [_deal_row(request, row) for row in _deals(request)]
    return _page(
        request,
        "deals.html",
        {
            "rows": rows,
            "to_confirm": sum(1 for r in rows if r["awaits_me"]),
        },
        section="deals",
    )


def _deal_meetings(request):
    return (
        _meetings(request)
        .filter(status__in=DEAL_MEETING_STATUSES)
        .order_by("slot__starts_at", "requested_at")
    )


def _buyer_kinds(seat: Seat):
    if seat.is_buyer:
        return [k for k in TransactionKind.values if k != TransactionKind.RETAIL_SALE]
    return None


@_edition_required
@require_http_methods(["GET", "POST"])
def _deal_create(request):
    seat = request.seat
    initial = {}
    meeting_id = request.GET.get("pertemuan", "")
    if meeting_id.isdigit() and len(meeting_id) < 12:
        meeting = _deal_meetings(request).filter(pk=int(meeting_id)).first()
        if meeting is not None:
            initial = {"meeting": meeting.pk, "counterpart": seat.counterpart(meeting).pk}
    form = DealForm(
        request.POST or None,
        initial=initial,
        side=seat.side,
        event=seat.event,
        meetings=_deal_meetings(request),
        counterparts=_counterparts(request).prefetch_related(None),
    )
    if request.method == "POST" and form.is_valid():
        other = form.cleaned_data["counterpart"]
        parties = (
            {"buyer": seat.buyer, "business": other}
            if seat.is_buyer
            else {"buyer": other, "business": seat.business}
        )
        try:
            row = services.transaction_record(
                event=seat.event,
                side=seat.side,
                actor=request.user,
                **parties,
                **form.service_fields(),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            if row.buyer_id is None:
                text = _("The retail sale is recorded.")
            else:
                text = _("The deal is recorded. %(name)s is asked to confirm it.") % {
                    "name": seat.counterpart_name(row)
                }
            messages.success(request, text)
            return redirect(seat.urls["deal"], row.pk)
    return _page(request, "deal_form.html", {"form": form}, section="deals")


def _deal_page(request, row: Transaction, *, void_form=None, status=200):
    chain = history_of(row)
    entry = _deal_row(request, row)
    return _page(
        request,
        "deal.html",
        {
            **entry,
            "entry": entry,
            "chain": [_deal_row(request, link) for link in chain] if len(chain) > 1 else [],
            "may_void": _may_void(request, row),
            "void_form": void_form or VoidForm(),
        },
        section="deals",
        status=status,
    )


@_edition_required
@require_GET
def _deal(request, pk: int):
    return _deal_page(request, get_object_or_404(_deals(request), pk=pk))


@_edition_required
@require_POST
def _deal_confirm(request, pk: int):
    seat = request.seat
    row = get_object_or_404(_deals(request), pk=pk)
    try:
        services.transaction_confirm(transaction_row=row, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("You confirmed the deal with %(name)s.") % {"name": seat.counterpart_name(row)},
        )
    return redirect(seat.urls["deal"], row.pk)


@_edition_required
@require_POST
def _deal_void(request, pk: int):
    seat = request.seat
    row = get_object_or_404(_deals(request), pk=pk)
    form = VoidForm(request.POST)
    if form.is_valid():
        try:
            services.transaction_void(
                transaction_row=row, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_error(form, error, field="reason")
        else:
            messages.success(request, _("The deal is void. It stays in the history."))
            return redirect(seat.urls["deal"], row.pk)
    return _deal_page(request, row, void_form=form)


@_edition_required
@require_http_methods(["GET", "POST"])
def _deal_correct(request, pk: int):
    seat = request.seat
    row = get_object_or_404(_deals(request), pk=pk)
    if not _may_void(request, row):
        messages.error(
            request,
            _(
                "Only a deal you recorded and nobody has confirmed yet can be corrected here; "
                "ask the matching desk otherwise."
            ),
        )
        return redirect(seat.urls["deal"], row.pk)
    form = CorrectionForm(
        request.POST or None,
        row=row,
        side=seat.side,
        event=seat.event,
        meetings=_deal_meetings(request),
        kinds=_buyer_kinds(seat),
    )
    if request.method == "POST" and form.is_valid():
        try:
            replacement = services.transaction_correct(
                transaction_row=row,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("The deal is corrected: the old row is void and kept in the history.")
            )
            return redirect(seat.urls["deal"], replacement.pk)
    return _page(
        request,
        "deal_correct.html",
        {"form": form, **_deal_row(request, row)},
        section="deals",
    )


# --- the two sides' views -----------------------------------------------------------------------

buyer_home = _buyer_view(_home)
buyer_profile = _buyer_view(_buyer_profile)
buyer_suggestions = _buyer_view(_buyer_suggestions)
buyer_exhibitors = _buyer_view(_buyer_exhibitors)
buyer_request_meeting = _buyer_view(_request_meeting)
buyer_requests = _buyer_view(_requests)
buyer_meeting_respond = _buyer_view(_meeting_respond)
buyer_meeting_cancel = _buyer_view(_meeting_cancel)
buyer_schedule = _buyer_view(_schedule_page)
buyer_schedule_pdf = _buyer_view(_schedule_pdf)
buyer_schedule_ics = _buyer_view(_schedule_ics)
buyer_deals = _buyer_view(_deals_page)
buyer_deal_create = _buyer_view(_deal_create)
buyer_deal = _buyer_view(_deal)
buyer_deal_confirm = _buyer_view(_deal_confirm)
buyer_deal_void = _buyer_view(_deal_void)
buyer_deal_correct = _buyer_view(_deal_correct)

exhibitor_home = _exhibitor_view(_home)
exhibitor_buyers = _exhibitor_view(_exhibitor_buyers)
exhibitor_request_meeting = _exhibitor_view(_request_meeting)
exhibitor_requests = _exhibitor_view(_requests)
exhibitor_meeting_respond = _exhibitor_view(_meeting_respond)
exhibitor_meeting_cancel = _exhibitor_view(_meeting_cancel)
exhibitor_schedule = _exhibitor_view(_schedule_page)
exhibitor_schedule_pdf = _exhibitor_view(_schedule_pdf)
exhibitor_schedule_ics = _exhibitor_view(_schedule_ics)
exhibitor_deals = _exhibitor_view(_deals_page)
exhibitor_deal_create = _exhibitor_view(_deal_create)
exhibitor_deal = _exhibitor_view(_deal)
exhibitor_deal_confirm = _exhibitor_view(_deal_confirm)
exhibitor_deal_void = _exhibitor_view(_deal_void)
exhibitor_deal_correct = _exhibitor_view(_deal_correct)
