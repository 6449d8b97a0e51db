"""The matching desk's screens in the Wagtail admin beyond the plain lists: enrolling a
buyer and giving its contact a login; a session's grid of tables and times, with the
scheduler's button, check-in and no-show; the printable schedule; pairing a buyer and an
exhibitor; one deal of the ledger with its history and its actions (verify, void,
correct); recording a deal; verifying ticked deals at once.

Every change goes through matching.services (buyer_join, session_schedule,
meeting_check_in, meeting_mark_no_show, meeting_request, meeting_cancel,
transaction_record, transaction_verify, transaction_void, transaction_correct) or
accounts.services (user_create, role_grant, user_password_reset_request), which check who
may do it; these views read the form, call the service and report its answer. A refusal
changes nothing and keeps what was typed. A session, meeting, deal or edition of an
edition the user does not run reads as absent (404), as elsewhere in the admin.

The viewsets (matching/viewsets.py) mount these views.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from accounts.models import Role
from accounts.permissions import can
from accounts.selectors import users_with_role
from events.admin_views import (
    EditionMixin,
    editions_for,
    local_time,
    put_on_form,
    report,
    rupiah,
    status_badge,
)
from events.money import format_rupiah
from events.params import as_id
from events.selectors import zone_label

from . import services
from .admin_forms import (
    BuyerLoginForm,
    CorrectDealForm,
    EnrolForm,
    PairForm,
    RecordDealForm,
    VoidForm,
)
from .models import (
    PLACED_MEETING_STATUSES,
    Buyer,
    MatchingSession,
    Meeting,
    MeetingStatus,
    Side,
    Transaction,
    TransactionStatus,
)
from .scheduling import REASON_LABELS
from .selectors import history_of

M = MeetingStatus
T = TransactionStatus

CHANGE_BUYER = "matching.change_buyer"
VIEW_SESSION = "matching.view_matchingsession"
CHANGE_SESSION = "matching.change_matchingsession"
RUN_DESK = "matching.run_desk"
VIEW_MEETING = "matching.view_meeting"
VIEW_TRANSACTION = "matching.view_transaction"
VERIFY_TRANSACTION = "matching.verify_transaction"

WHOLE_CURRENCIES = {"IDR", "JPY", "KRW"}
NBSP = "\u00a0"
PLAN_KEY = "matching-plan-{pk}"


# --- shared helpers --------------------------------------------------------------------------


def runs(user, event_id) -> bool:
    """Does ``user`` run (organize) the edition ``event_id``?"""
    return editions_for(user).filter(pk=event_id).exists()


def visible_in_my_editions(user, queryset, pk, perm: str):
    """The object ``pk`` of ``queryset`` if ``user`` may ``perm`` it and runs its edition;
    else 404 (an id of another edition does not leak)."""
    pk = as_id(pk)
    obj = queryset.filter(pk=pk).first() if pk else None
    if obj is None or not can(user, perm, obj):
        raise Http404
    if not runs(user, obj.event_id):
        raise Http404
    return obj


def person(user) -> str:
    if user is None:
        return "—"
    return user.full_name or user.email


def deal_value(row: Transaction) -> str:
    """A deal's value in its own currency: ``Rp 15.000.000``, ``USD 1,250.50``."""
    if row.currency == "IDR":
        return rupiah(row.value)
    amount = Decimal(row.value)
    if row.currency in WHOLE_CURRENCIES:
        text = f"{row.currency} {amount:,.0f}"
    else:
        text = f"{row.currency} {amount:,.2f}"
    return text.replace(" ", NBSP)


def usd(amount) -> str:
    return f"USD{NBSP}{Decimal(amount):,.2f}"


def form_errors_as_messages(request, form) -> None:
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)


class ObjectScreenMixin(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    """A screen about one object of the viewset's model, found by ``pk`` among those of the
    editions the user runs (else 404)."""

    any_permission_required = ["view", "change"]
    index_url_name = None
    object_perm = ""
    index_label = ""

    def get_queryset(self):
        return self.model._default_manager.all()

    @cached_property
    def object(self):
        return visible_in_my_editions(
            self.request.user, self.get_queryset(), self.kwargs["pk"], self.object_perm
        )

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.user_has_any_permission(
            self.any_permission_required
        ):
            self.object  # noqa: B018 — 404 before anything renders
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": self.index_label},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]


# --- buyers: enrolling in an edition, a login for the contact --------------------------------


class BuyerScreenMixin(ObjectScreenMixin):
    model = Buyer
    permission_required = "change"
    any_permission_required = ["change"]
    object_perm = CHANGE_BUYER
    header_icon = "group"
    index_label = gettext_lazy("Buyers")
    edit_url_name = None

    @cached_property
    def object(self):
        # Buyers exist across editions: an organizer of any edition keeps the register.
        pk = as_id(self.kwargs["pk"])
        buyer = Buyer.objects.filter(pk=pk).first() if pk else None
        if buyer is None or not can(self.request.user, CHANGE_BUYER, buyer):
            raise Http404
        return buyer

    @property
    def buyer(self) -> Buyer:
        return self.object

    def get_page_subtitle(self):
        return self.buyer.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": self.index_label},
            {"url": reverse(self.edit_url_name, args=[self.buyer.pk]), "label": self.buyer.name},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        mine = editions_for(self.request.user)
        context.update(
            buyer=self.buyer,
            edit_url=reverse(self.edit_url_name, args=[self.buyer.pk]),
            participations=self.buyer.participations.filter(event__in=mine)
            .select_related("event")
            .order_by("-event__year", "-event_id"),
            logins=users_with_role(role=Role.BUYER, scope=self.buyer).order_by("email"),
        )
        return context


class BuyerEnrolView(BuyerScreenMixin, FormView):
    """Enrol the buyer in an edition's business matching."""

    template_name = "matching/admin/buyer_enrol.html"
    form_class = EnrolForm
    page_title = gettext_lazy("Enrol in an edition")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(buyer=self.buyer, user=self.request.user)
        return kwargs

    def form_invalid(self, form):
        form_errors_as_messages(self.request, form)
        return super().form_invalid(form)

    def form_valid(self, form):
        event = form.cleaned_data["event"]
        try:
            services.buyer_join(
                buyer=self.buyer,
                event=event,
                actor=self.request.user,
                max_meetings=form.cleaned_data["max_meetings"],
            )
        except (ValidationError, PermissionDenied) as error:
            report(self.request, error)
            put_on_form(form, error)
            return super().form_invalid(form)
        messages.success(
            self.request,
            _("%(buyer)s takes part in %(edition)s: exhibitors can now ask for meetings.")
            % {"buyer": self.buyer.name, "edition": event.name},
        )
        return redirect(self.request.path)


class BuyerLoginView(BuyerScreenMixin, FormView):
    """Give the buyer's contact a login to the buyer portal."""

    template_name = "matching/admin/buyer_login.html"
    form_class = BuyerLoginForm
    page_title = gettext_lazy("Give a login")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["buyer"] = self.buyer
        return kwargs

    def form_invalid(self, form):
        form_errors_as_messages(self.request, form)
        return super().form_invalid(form)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            user, created = services.buyer_account_grant(
                buyer=self.buyer,
                email=data["email"],
                full_name=data["full_name"],
                language=data["preferred_language"],
                actor=self.request.user,
                base_url=self.request.build_absolute_uri("/"),
            )
        except (ValidationError, PermissionDenied) as error:
            report(self.request, error)
            put_on_form(form, error)
            return super().form_invalid(form)
        if created:
            text = _(
                "An account for %(email)s acts for %(buyer)s; a link to set its password is "
                "on its way."
            )
        elif user.has_usable_password():
            text = _("%(email)s now acts for %(buyer)s and can log in with its password.")
        else:
            text = _("%(email)s now acts for %(buyer)s; a link to set its password is on its way.")
        messages.success(self.request, text % {"email": user.email, "buyer": self.buyer.name})
        return redirect(self.request.path)


# --- a session: the grid, the scheduler, check-in and no-show -------------------------------


@dataclass
class GridCell:
    slot: object
    meeting: Meeting | None


@dataclass
class GridRow:
    table: int
    cells: list[GridCell]
    beyond: bool = False  # a table above the session's count (the count was lowered)

    @property
    def used(self) -> bool:
        return any(cell.meeting for cell in self.cells)


def session_grid(session: MatchingSession) -> tuple[list, list[GridRow], dict]:
    """(slots, rows of tables with the meeting placed in each slot, counts by status)."""
    slots = list(session.slots.order_by("starts_at"))
    placed = list(
        Meeting.objects.filter(slot__session=session, status__in=PLACED_MEETING_STATUSES)
        .select_related("buyer", "business")
        .order_by("slot__starts_at", "table")
    )
    at = {(meeting.slot_id, meeting.table): meeting for meeting in placed}
    highest = max([session.table_count, *(meeting.table for meeting in placed)])
    rows = [
        GridRow(
            table=table,
            cells=[GridCell(slot, at.get((slot.pk, table))) for slot in slots],
            beyond=table > session.table_count,
        )
        for table in range(1, highest + 1)
    ]
    counts = dict.fromkeys(PLACED_MEETING_STATUSES, 0)
    for meeting in placed:
        counts[meeting.status] += 1
    return slots, rows, counts


def by_buyer(session: MatchingSession) -> list[dict]:
    """Each buyer's meetings in the session, in time order: what the desk hands them."""
    meetings = (
        Meeting.objects.filter(slot__session=session, status__in=PLACED_MEETING_STATUSES)
        .select_related("buyer", "business", "slot")
        .order_by("buyer__name", "buyer_id", "slot__starts_at")
    )
    buyers: dict[int, dict] = {}
    for meeting in meetings:
        entry = buyers.setdefault(meeting.buyer_id, {"buyer": meeting.buyer, "meetings": []})
        entry["meetings"].append(meeting)
    return list(buyers.values())


SESSION_ACTIONS = ("schedule", "check_in", "no_show")


class SessionDetailView(ObjectScreenMixin, TemplateView):
    """A session: its tables down, its times across, the meeting placed in each, and the
    desk's buttons."""

    model = MatchingSession
    object_perm = VIEW_SESSION
    template_name = "matching/admin/session_detail.html"
    header_icon = "table"
    index_label = gettext_lazy("Matching sessions")
    edit_url_name = None
    print_url_name = None
    meetings_url_name = None

    def get_queryset(self):
        return MatchingSession.objects.select_related("event", "day")

    @property
    def session(self) -> MatchingSession:
        return self.object

    def get_page_title(self):
        return self.session.name

    def get_page_subtitle(self):
        return f"{self.session.event.name} · {self.session.day.date:%d-%m-%Y}"

    def plan_report(self) -> dict | None:
        """What the last press of the button placed and did not (kept for one showing)."""
        stored = self.request.session.pop(PLAN_KEY.format(pk=self.session.pk), None)
        if not stored:
            return None
        ids = [*stored["placed"], *(mid for mid, _code in stored["unplaced"])]
        meetings = Meeting.objects.select_related("buyer", "business", "slot").in_bulk(ids)
        return {
            "placed": [meetings[mid] for mid in stored["placed"] if mid in meetings],
            "unplaced": [
                {"meeting": meetings[mid], "reason": REASON_LABELS.get(code, code), "code": code}
                for mid, code in stored["unplaced"]
                if mid in meetings
            ],
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = self.session
        event = session.event
        slots, rows, counts = session_grid(session)
        user = self.request.user
        context.update(
            session=session,
            event=event,
            zone=zone_label(event.time_zone),
            slots=slots,
            rows=rows,
            counts=counts,
            placed_total=sum(counts.values()),
            places=len(slots) * session.table_count,
            waiting=Meeting.objects.filter(event=event, status=M.ACCEPTED).count(),
            report=self.plan_report(),
            may_run=can(user, RUN_DESK, event),
            may_edit=can(user, CHANGE_SESSION, session),
            edit_url=reverse(self.edit_url_name, args=[session.pk]),
            print_url=reverse(self.print_url_name, args=[session.pk]),
            meetings_url=reverse(self.meetings_url_name) + f"?event={event.pk}&status=accepted",
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        if action not in SESSION_ACTIONS:
            raise Http404
        session = self.session
        if not can(request.user, RUN_DESK, session.event):
            raise PermissionDenied
        try:
            if action == "schedule":
                self.schedule(session)
            else:
                self.mark(action, session)
        except (ValidationError, PermissionDenied) as error:
            report(request, error)
        return redirect(reverse(self.object_url_name(), args=[session.pk]) + "#grid")

    def object_url_name(self) -> str:
        return self.request.resolver_match.view_name

    def schedule(self, session: MatchingSession) -> None:
        plan = services.session_schedule(session=session, actor=self.request.user)
        self.request.session[PLAN_KEY.format(pk=session.pk)] = {
            "placed": [placement.meeting_id for placement in plan.placed],
            "unplaced": [[meeting_id, code] for meeting_id, code in plan.unplaced],
        }
        placed, unplaced = len(plan.placed), len(plan.unplaced)
        if not placed and not unplaced:
            messages.info(self.request, _("No accepted meeting is waiting for a time."))
            return
        if placed:
            messages.success(
                self.request,
                ngettext(
                    "%(count)s meeting placed in %(session)s.",
                    "%(count)s meetings placed in %(session)s.",
                    placed,
                )
                % {"count": placed, "session": session.name},
            )
        if unplaced:
            messages.warning(
                self.request,
                ngettext(
                    "%(count)s accepted meeting could not be placed: the reason is listed.",
                    "%(count)s accepted meetings could not be placed: the reasons are listed.",
                    unplaced,
                )
                % {"count": unplaced},
            )

    def mark(self, action: str, session: MatchingSession) -> None:
        meeting_id = as_id(self.request.POST.get("meeting"))
        meeting = (
            Meeting.objects.filter(pk=meeting_id, slot__session=session)
            .select_related("buyer", "business")
            .first()
            if meeting_id
            else None
        )
        if meeting is None:
            raise Http404
        names = {"buyer": meeting.buyer.name, "business": meeting.business.display_name}
        if action == "check_in":
            services.meeting_check_in(meeting=meeting, actor=self.request.user)
            messages.success(
                self.request,
                _("%(buyer)s and %(business)s are checked in at table %(table)s.")
                % {**names, "table": meeting.table},
            )
            return
        side = self.request.POST.get("side", "")
        services.meeting_mark_no_show(meeting=meeting, side=side, actor=self.request.user)
        messages.success(
            self.request,
            _("%(buyer)s × %(business)s is marked a no-show (%(side)s did not come).")
            % {**names, "side": Side(side).label.lower()},
        )


class SessionPrintView(ObjectScreenMixin, TemplateView):
    """The session's grid and each buyer's schedule on paper, without the admin around it."""

    model = MatchingSession
    object_perm = VIEW_SESSION
    template_name = "matching/admin/session_print.html"
    http_method_names = ["get"]

    def get_queryset(self):
        return MatchingSession.objects.select_related("event__venue", "day")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = self.object
        slots, rows, counts = session_grid(session)
        context.update(
            session=session,
            event=session.event,
            zone=zone_label(session.event.time_zone),
            slots=slots,
            rows=rows,
            counts=counts,
            buyers=by_buyer(session),
            printed_at=local_time(timezone.now(), session.event),
        )
        return context


# --- meetings: the desk pairs, and calls off ------------------------------------------------


class DeskFormView(EditionMixin, WagtailAdminTemplateMixin, FormView):
    """A desk form for one edition, under the list it belongs to (``index_label``); a
    refused form keeps what was typed and says why at the top."""

    index_url_name = None
    index_label = ""

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": self.index_label},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["event"] = self.event
        return kwargs

    def form_invalid(self, form):
        form_errors_as_messages(self.request, form)
        return super().form_invalid(form)


class MeetingPairView(DeskFormView):
    """The desk pairs a buyer and an exhibitor of the edition: the meeting is accepted and
    waits for a session's scheduler to give it a time."""

    edition_perm = RUN_DESK
    template_name = "matching/admin/meeting_pair.html"
    form_class = PairForm
    page_title = gettext_lazy("Pair a buyer and an exhibitor")
    header_icon = "group"
    index_label = gettext_lazy("Meetings")

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            meeting = services.meeting_request(
                event=self.event,
                buyer=data["buyer"],
                business=data["business"],
                side=Side.DESK,
                actor=self.request.user,
                message=data["message"],
            )
        except (ValidationError, PermissionDenied) as error:
            report(self.request, error)
            put_on_form(form, error)
            return super().form_invalid(form)
        messages.success(
            self.request,
            _(
                "%(buyer)s and %(business)s are paired. The meeting waits for a time: "
                "schedule it from a session's screen."
            )
            % {"buyer": meeting.buyer.name, "business": meeting.business.display_name},
        )
        return redirect(reverse(self.index_url_name) + f"?event={self.event.pk}")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["index_url"] = reverse(self.index_url_name) + f"?event={self.event.pk}"
        return context


class MeetingCancelView(View):
    """POST only: the desk calls a meeting off; its place at the table comes free."""

    http_method_names = ["post"]
    index_url_name = None

    def post(self, request, pk):
        meeting = visible_in_my_editions(
            request.user,
            Meeting.objects.select_related("buyer", "business", "event"),
            pk,
            VIEW_MEETING,
        )
        try:
            services.meeting_cancel(meeting=meeting, actor=request.user)
        except (ValidationError, PermissionDenied) as error:
            report(request, error)
        else:
            messages.success(
                request,
                _("The meeting of %(buyer)s and %(business)s is called off.")
                % {"buyer": meeting.buyer.name, "business": meeting.business.display_name},
            )
        return redirect(get_valid_next_url_from_request(request) or reverse(self.index_url_name))


# --- the deal ledger: one row -------------------------------------------------------------------

DEAL_ACTIONS = ("verify", "void", "correct")


class TransactionDetailView(ObjectScreenMixin, TemplateView):
    """A deal: what was recorded, at which rates, who recorded, confirmed, verified or
    voided it, the corrections it belongs to, and what may be done with it. A row is never
    edited: a correction voids it and records its replacement."""

    model = Transaction
    object_perm = VIEW_TRANSACTION
    any_permission_required = ["view"]
    template_name = "matching/admin/transaction_detail.html"
    header_icon = "decimal"
    index_label = gettext_lazy("Deal ledger")

    def get_queryset(self):
        return Transaction.objects.select_related(
            "event",
            "business",
            "buyer",
            "meeting__slot",
            "association",
            "programme__ministry",
            "recorded_by",
            "confirmed_by",
            "verified_by",
            "voided_by",
            "replaces",
        )

    @property
    def row(self) -> Transaction:
        return self.object

    def get_page_title(self):
        return _("Deal #%(number)s") % {"number": self.row.pk}

    def get_page_subtitle(self):
        return f"{self.row.business.display_name} · {self.row.get_kind_display()}"

    def allowed(self, action: str) -> bool:
        row, user = self.row, self.request.user
        if action == "verify":
            return row.status in (T.RECORDED, T.CONFIRMED) and can(user, VERIFY_TRANSACTION, row)
        return row.status != T.VOID and services.may_void(user, row)

    def make_form(self, action: str, data=None):
        if action == "void":
            return VoidForm(data, prefix="void")
        if action == "correct":
            return CorrectDealForm(data, prefix="correct", row=self.row)
        return None

    def get_context_data(self, forms=None, **kwargs):
        context = super().get_context_data(**kwargs)
        row = self.row
        event = row.event
        forms = dict(forms or {})
        chain = history_of(row)
        replaced_by = next((later for later in chain if later.replaces_id == row.pk), None)
        context.update(
            row=row,
            event=event,
            zone=zone_label(event.time_zone),
            status_badge=status_badge(row.status, row.get_status_display()),
            value_text=deal_value(row),
            value_idr_text=rupiah(row.value_idr),
            value_usd_text=usd(row.value_usd),
            idr_per_unit_text=format_rupiah(row.idr_per_unit).replace(" ", NBSP)
            if row.currency not in ("IDR", "USD")
            else "",
            usd_rate_text=format_rupiah(row.usd_idr_rate).replace(" ", NBSP),
            recorded_by=person(row.recorded_by),
            confirmed_by=person(row.confirmed_by),
            verified_by=person(row.verified_by),
            voided_by=person(row.voided_by),
            history=[
                {
                    "row": link,
                    "current": link.pk == row.pk,
                    "badge": status_badge(link.status, link.get_status_display()),
                    "value": deal_value(link),
                    "recorded_by": person(link.recorded_by),
                    "voided_by": person(link.voided_by),
                }
                for link in chain
            ]
            if len(chain) > 1
            else [],
            replaced_by=replaced_by,
            may_verify=self.allowed("verify"),
            void_form=forms.get("void")
            or (self.make_form("void") if self.allowed("void") else None),
            correct_form=forms.get("correct")
            or (self.make_form("correct") if self.allowed("correct") else None),
            detail_url_name=self.request.resolver_match.view_name,
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        if action not in DEAL_ACTIONS:
            raise Http404
        row = self.row
        if not self.allowed(action):
            if not can(request.user, VERIFY_TRANSACTION, row):
                raise PermissionDenied
            messages.error(request, _("This cannot be done to the deal as it stands now."))
            return redirect(request.path)
        form = self.make_form(action, request.POST)
        if form is not None and not form.is_valid():
            form_errors_as_messages(request, form)
            return self.render_to_response(self.get_context_data(forms={action: form}))
        try:
            done, target = self.act(action, row, form)
        except (ValidationError, PermissionDenied) as error:
            report(request, error)
            if form is None:
                return redirect(request.path)
            put_on_form(form, error)
            # Stay on the screen with what was typed, the refusal on the field.
            return self.render_to_response(self.get_context_data(forms={action: form}))
        messages.success(request, done)
        return redirect(reverse(request.resolver_match.view_name, args=[target.pk]))

    def act(self, action: str, row: Transaction, form) -> tuple[str, Transaction]:
        actor = self.request.user
        if action == "verify":
            services.transaction_verify(transaction_row=row, actor=actor)
            return _("Deal #%(number)s is verified.") % {"number": row.pk}, row
        if action == "void":
            services.transaction_void(
                transaction_row=row, actor=actor, reason=form.cleaned_data["reason"]
            )
            return _("Deal #%(number)s is void: the totals no longer count it.") % {
                "number": row.pk
            }, row
        replacement = services.transaction_correct(
            transaction_row=row,
            actor=actor,
            reason=form.cleaned_data["reason"],
            **form.changes(),
        )
        return _(
            "Deal #%(old)s is void and #%(new)s records it as corrected; it waits to be "
            "verified again."
        ) % {"old": row.pk, "new": replacement.pk}, replacement


# --- the deal ledger: the desk records, and verifies ticked rows ----------------------------


class TransactionRecordView(DeskFormView):
    """The desk records a deal it witnessed (a PO seen, a contract signed at the table)."""

    edition_perm = RUN_DESK
    template_name = "matching/admin/transaction_record.html"
    form_class = RecordDealForm
    page_title = gettext_lazy("Record a deal")
    header_icon = "decimal"
    index_label = gettext_lazy("Deal ledger")
    detail_url_name = None

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        try:
            row = services.transaction_record(
                event=self.event,
                side=Side.DESK,
                actor=self.request.user,
                **data,
            )
        except (ValidationError, PermissionDenied) as error:
            report(self.request, error)
            put_on_form(form, error)
            return super().form_invalid(form)
        messages.success(
            self.request,
            _("Deal #%(number)s recorded: %(value)s, %(business)s.")
            % {"number": row.pk, "value": deal_value(row), "business": row.business.display_name},
        )
        return redirect(self.detail_url_name, row.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["index_url"] = reverse(self.index_url_name) + f"?event={self.event.pk}"
        return context


class TransactionBulkVerifyView(View):
    """POST only: verify each ticked deal the user may verify, and say which were not."""

    http_method_names = ["post"]
    index_url_name = None

    def post(self, request):
        ids = [pk for pk in map(as_id, request.POST.getlist("ids")) if pk][:500]
        back = get_valid_next_url_from_request(request) or reverse(self.index_url_name)
        if not ids:
            messages.error(request, _("Tick the deals to verify first."))
            return redirect(back)
        rows = (
            Transaction.objects.filter(pk__in=ids, event__in=editions_for(request.user))
            .select_related("event")
            .order_by("pk")
        )
        done, refused = 0, []
        for row in rows:
            if not can(request.user, VIEW_TRANSACTION, row):
                continue
            try:
                services.transaction_verify(transaction_row=row, actor=request.user)
            except (ValidationError, PermissionDenied) as error:
                refused.append((row, error))
            else:
                done += 1
        if done:
            messages.success(
                request,
                ngettext("%(count)s deal verified.", "%(count)s deals verified.", done)
                % {"count": done},
            )
        for row, error in refused:
            for text in getattr(error, "messages", None) or [str(error) or _("Not allowed.")]:
                messages.error(request, f"#{row.pk}: {text}")
        if not done and not refused:
            messages.error(request, _("None of the ticked deals can be verified by you."))
        return redirect(back)
