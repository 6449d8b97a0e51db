"""The matching desk in the Wagtail admin: buyers, matching sessions, meetings and the deal
ledger, under one "Business matching" (Temu bisnis) menu.

Every screen asks ``accounts.permissions`` through ``RolePermissionPolicy`` and shows only
the editions the user organizes: other editions' sessions, meetings and deals answer 404,
and the forms offer only the user's editions, their days, buyers and exhibitors. Buyers
exist across editions, like associations: any organizer keeps the register.

Writes go through matching.services: a session is saved by ``session_save`` (which cuts
its slots); meetings and deals change only through the desk's screens in
matching/admin_views.py, so they have lists and actions here and no generic add, edit or
delete screens. The ledger is append-only: a deal is never edited, only verified, voided
or corrected (void and replace).
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.middleware.csrf import get_token
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import ModelAdminURLFinder, NullAdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.log_actions import log

from accounts.permissions import can
from accounts.policies import ScopedIndexMixin, ScopedObjectMixin
from events.admin_views import editions_for, status_badge
from events.models import Association, Currency, Event
from events.selectors import current_edition, zone_label
from events.viewsets import (
    DeleteView,
    QuickColumn,
    ScopedHistoryView,
    ScopedUsageView,
    StatusColumn,
    add_validation_error,
    edition_filter,
    request_user,
)
from exhibitors.models import Sector

from . import services
from .admin_forms import BuyerForm, SessionForm
from .admin_views import (
    RUN_DESK,
    BuyerEnrolView,
    BuyerLoginView,
    MeetingCancelView,
    MeetingPairView,
    SessionDetailView,
    SessionPrintView,
    TransactionBulkVerifyView,
    TransactionDetailView,
    TransactionRecordView,
    deal_value,
    rupiah,
)
from .countries import Country
from .models import (
    LIVE_MEETING_STATUSES,
    PLACED_MEETING_STATUSES,
    Buyer,
    BuyerKind,
    BuyerParticipation,
    MatchingSession,
    Meeting,
    MeetingStatus,
    Side,
    Transaction,
    TransactionKind,
    TransactionStatus,
)
from .selectors import LedgerFilter, Trust, ledger_summary

BULK_VERIFY_FORM = "matching-bulk-verify"


def sessions_for(user):
    return MatchingSession.objects.filter(event__in=editions_for(user)).select_related(
        "event", "day"
    )


def buyers_in(user):
    """Buyers taking part in an edition the user runs."""
    return (
        Buyer.objects.filter(participations__event__in=editions_for(user))
        .distinct()
        .order_by("name")
    )


# --- columns ---------------------------------------------------------------------------------


class RowActionColumn(Column):
    """A small button that POSTs to ``url_name`` for the row and comes back to the list."""

    def __init__(self, name, *, url_name, button, shown=lambda instance: True, **kwargs):
        super().__init__(name, **kwargs)
        self.url_name = url_name
        self.button = button
        self.shown = shown

    def render_cell_html(self, instance, parent_context):
        if not self.shown(instance):
            return mark_safe("<td></td>")  # noqa: S308 — a constant
        request = parent_context.get("request")
        back = reverse(self.url_name.rsplit(":", 1)[0] + ":index")
        if request is not None and request.GET:
            back += "?" + request.GET.urlencode()
        return format_html(
            '<td><form method="post" action="{}" class="pameran-row-action">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<input type="hidden" name="next" value="{}">'
            '<button type="submit" class="button button-small button-secondary">{}</button>'
            "</form></td>",
            reverse(self.url_name, args=[instance.pk]),
            get_token(request) if request is not None else "",
            back,
            self.button,
        )


class TickColumn(Column):
    """A checkbox per row for the bulk form (``form=`` ties it to the form outside the
    table), and one in the header that ticks them all."""

    def __init__(self, name="tick", *, form_id=BULK_VERIFY_FORM, shown=lambda row: True):
        super().__init__(name, label="", classname="pameran-tick")
        self.form_id = form_id
        self.shown = shown

    def render_header_html(self, parent_context):
        return format_html(
            '<th class="pameran-tick"><input type="checkbox" data-tick-all="{}" '
            'aria-label="{}"></th>',
            self.form_id,
            gettext("Tick every deal on this page"),
        )

    def render_cell_html(self, instance, parent_context):
        if not self.shown(instance):
            return mark_safe('<td class="pameran-tick"></td>')  # noqa: S308 — a constant
        return format_html(
            '<td class="pameran-tick"><input type="checkbox" name="ids" value="{}" form="{}" '
            'aria-label="{}"></td>',
            instance.pk,
            self.form_id,
            gettext("Tick deal #%(number)s") % {"number": instance.pk},
        )


# --- generic views, scoped to the user's editions --------------------------------------------


class IndexView(ScopedIndexMixin, generic.IndexView):
    #: The path from a row to its edition; the list keeps the editions the user runs.
    edition_path: str | None = "event"

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if self.edition_path:
            queryset = queryset.filter(
                **{f"{self.edition_path}__in": editions_for(self.request.user)}
            )
        return queryset

    @cached_property
    def columns(self):
        columns = super().columns
        if editions_for(self.request.user).count() <= 1:
            # One edition: its name on every row says nothing.
            columns = [column for column in columns if column.name != "event"]
        return columns

    @cached_property
    def chosen_edition(self) -> Event | None:
        """The edition the list is filtered on, else the one the user leads with."""
        editions = editions_for(self.request.user)
        asked = self.request.GET.get("event", "")
        if asked.isdigit():
            found = editions.filter(pk=int(asked)).first()
            if found is not None:
                return found
        lead = current_edition(self.request.user)
        return (editions.filter(pk=lead.pk).first() if lead else None) or editions.first()


class SaveThroughServiceMixin:
    """Create and edit views save through ``save_service`` and show its refusals on the form."""

    log_action = None

    def save_service(self, instance):
        raise NotImplementedError

    def save_instance(self):
        instance = self.save_service(self.form.save(commit=False))
        log(instance=instance, action=self.log_action, user=self.request.user, content_changed=True)
        return instance

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            self.form = form
            add_validation_error(form, error)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class EditView(ScopedObjectMixin, generic.EditView):
    object_action = "change"


class DeskViewSet(ModelViewSet):
    """The room's defaults: scoped views, no copy or inspect screens, database search."""

    index_view_class = IndexView
    add_view_class = generic.CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    copy_view_enabled = False
    inspect_view_enabled = False
    search_backend_name = None  # the database: these models are not search-indexed
    list_per_page = 50
    index_template_name = "matching/admin/index.html"  # the status badges' styles


class ListOnlyViewSet(DeskViewSet):
    """A list and the desk's own screens: rows are written by matching.services only."""

    add_to_reference_index = False

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add", "edit", "delete", "history", "usage"):
            view_kwargs[f"{name}_url_name"] = None
        return view_kwargs

    @property
    def url_finder_class(self):
        return NullAdminURLFinder

    def extra_urlpatterns(self) -> list:
        return []

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            *self.extra_urlpatterns(),
        ]


# --- buyers ----------------------------------------------------------------------------------


def sector_text(buyer: Buyer) -> str:
    return ", ".join(buyer.sector_labels()) or "—"


class BuyerFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(choices=BuyerKind.choices, label=_("Buyer type"))
    country = django_filters.ChoiceFilter(choices=Country.choices, label=_("Country"))
    sector = django_filters.ChoiceFilter(
        choices=Sector.choices, label=_("Sector of interest"), method="filter_sector"
    )
    event = django_filters.ModelChoiceFilter(
        field_name="participations__event",
        queryset=lambda request: editions_for(request_user(request)),
        label=_("Takes part in"),
        distinct=True,
    )

    class Meta:
        model = Buyer
        fields = ["kind", "country", "sector", "event"]

    def filter_sector(self, queryset, name, value):
        # The sectors are a JSON list: the quoted code matches on both databases.
        return queryset.filter(sectors__icontains=f'"{value}"') if value else queryset


class BuyerIndexView(IndexView):
    edition_path = None  # the register is shared across editions

    def get_base_queryset(self):
        mine = BuyerParticipation.objects.filter(
            event__in=editions_for(self.request.user)
        ).select_related("event")
        return (
            super()
            .get_base_queryset()
            .prefetch_related(Prefetch("participations", queryset=mine, to_attr="my_editions"))
        )

    enrol_url_name = None
    login_url_name = None

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if can(self.request.user, "matching.change_buyer", instance):
            buttons += [
                Button(
                    gettext("Enrol in an edition"),
                    url=reverse(self.enrol_url_name, args=[instance.pk]),
                    icon_name="plus",
                    priority=40,
                ),
                Button(
                    gettext("Give a login"),
                    url=reverse(self.login_url_name, args=[instance.pk]),
                    icon_name="key",
                    priority=50,
                ),
            ]
        return buttons


def taking_part(buyer: Buyer) -> str:
    editions = getattr(buyer, "my_editions", None) or []
    if not editions:
        return format_html('<span class="pameran-muted">{}</span>', gettext("not enrolled"))
    return format_html_join(", ", "{}", ((p.event.name,) for p in editions))


class BuyerEditView(EditView):
    enrol_url_name = None
    login_url_name = None

    @cached_property
    def header_buttons(self):
        if not can(self.request.user, "matching.change_buyer", self.object):
            return []
        return [
            HeaderButton(
                gettext("Enrol in an edition"),
                url=reverse(self.enrol_url_name, args=[self.object.pk]),
                icon_name="plus",
            ),
            HeaderButton(
                gettext("Give a login"),
                url=reverse(self.login_url_name, args=[self.object.pk]),
                icon_name="key",
            ),
        ]


class BuyerViewSet(DeskViewSet):
    model = Buyer
    icon = "user"
    menu_label = _("Buyers")
    menu_order = 10
    index_view_class = BuyerIndexView
    edit_view_class = BuyerEditView
    filterset_class = BuyerFilterSet
    search_fields = ["name", "city", "contact_name", "contact_email", "trade_attache", "seeks"]
    ordering = ["name"]
    list_display = [
        "name",
        QuickColumn("kind", label=_("Buyer type"), accessor="get_kind_display"),
        QuickColumn("country", label=_("Country"), accessor="get_country_display"),
        Column("city", label=_("City"), sort_key="city"),
        QuickColumn("sectors", label=_("Sectors of interest"), accessor=sector_text),
        QuickColumn("editions", label=_("Takes part in"), accessor=taking_part),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("country"), FieldPanel("city")]),
            FieldPanel("sectors"),
            FieldPanel("seeks"),
            FieldPanel("description"),
            FieldRowPanel([FieldPanel("website"), FieldPanel("trade_attache")]),
            MultiFieldPanel(
                [
                    FieldPanel("contact_name"),
                    FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
                ],
                heading=_("Contact"),
            ),
            FieldPanel("is_demo"),
        ],
        base_form_class=BuyerForm,
    )

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        # Meetings and deals hang on a buyer: it is never deleted from the admin.
        view_kwargs["delete_url_name"] = None
        view_kwargs.update(
            enrol_url_name=self.get_url_name("enrol"), login_url_name=self.get_url_name("login")
        )
        return view_kwargs

    def get_urlpatterns(self):
        return [
            pattern
            for pattern in super().get_urlpatterns()
            if getattr(pattern, "name", "") != "delete"
        ] + [
            path("<int:pk>/enrol/", self.construct_view(BuyerEnrolView), name="enrol"),
            path("<int:pk>/login/", self.construct_view(BuyerLoginView), name="login"),
        ]


# --- matching sessions ----------------------------------------------------------------------


class SessionFilterSet(WagtailFilterSet):
    event = edition_filter()

    class Meta:
        model = MatchingSession
        fields = ["event"]


class SessionIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("event", "day")
            .annotate(
                placed=Count(
                    "slots__meetings", filter=Q(slots__meetings__status__in=PLACED_MEETING_STATUSES)
                )
            )
        )


def session_hours(session: MatchingSession) -> str:
    return format_html(
        '<span class="pameran-nowrap">{}–{} {}</span>',
        session.starts_at.strftime("%H:%M"),
        session.ends_at.strftime("%H:%M"),
        zone_label(session.event.time_zone),
    )


class SessionSaveMixin(SaveThroughServiceMixin):
    detail_url_name = None

    def save_service(self, instance):
        return services.session_save(session=instance, actor=self.request.user)

    def get_success_url(self):
        return reverse(self.detail_url_name, args=[self.object.pk])


class SessionCreateView(SessionSaveMixin, generic.CreateView):
    log_action = "wagtail.create"


class SessionEditView(SessionSaveMixin, EditView):
    log_action = "wagtail.edit"

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(
                gettext("Session screen"),
                url=reverse(self.detail_url_name, args=[self.object.pk]),
                icon_name="table",
            )
        ]


class MatchingSessionViewSet(DeskViewSet):
    model = MatchingSession
    icon = "table"
    menu_label = _("Matching sessions")
    menu_order = 20
    index_view_class = SessionIndexView
    add_view_class = SessionCreateView
    edit_view_class = SessionEditView
    filterset_class = SessionFilterSet
    search_fields = ["name", "location"]
    ordering = ["-event__year", "day__date", "starts_at"]
    edit_handler = ObjectList(
        [
            FieldPanel("event"),
            FieldRowPanel([FieldPanel("name"), FieldPanel("location")]),
            FieldPanel("day"),
            FieldRowPanel(
                [FieldPanel("starts_at"), FieldPanel("ends_at"), FieldPanel("slot_minutes")]
            ),
            FieldRowPanel(
                [
                    FieldPanel("table_count"),
                    FieldPanel("max_per_buyer"),
                    FieldPanel("max_per_exhibitor"),
                ]
            ),
        ],
        base_form_class=SessionForm,
    )

    @cached_property
    def list_display(self):
        return [
            TitleColumn(
                "name",
                label=_("Session"),
                get_url=lambda session: reverse(self.get_url_name("detail"), args=[session.pk]),
                sort_key="name",
            ),
            Column("event", label=_("Edition"), sort_key="event__name"),
            QuickColumn(
                "day",
                label=_("Day"),
                accessor=lambda s: date_format(s.day.date, "D j M Y"),
                sort_key="day__date",
            ),
            QuickColumn("hours", label=_("Hours"), accessor=session_hours, sort_key="starts_at"),
            Column("slot_minutes", label=_("Minutes per meeting")),
            Column("table_count", label=_("Tables")),
            Column("placed", label=_("Meetings placed"), sort_key="placed"),
        ]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs.update(
            detail_url_name=self.get_url_name("detail"),
            print_url_name=self.get_url_name("print"),
            meetings_url_name="matching_meeting:index",
        )
        return view_kwargs

    @property
    def url_finder_class(self):
        return SessionURLFinder

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/", self.construct_view(SessionDetailView), name="detail"),
            path("<int:pk>/print/", self.construct_view(SessionPrintView), name="print"),
        ]


class SessionURLFinder(ModelAdminURLFinder):
    """Links to a session from elsewhere in the admin open its screen."""

    edit_url_name = "matching_session:detail"


# --- meetings --------------------------------------------------------------------------------


class MeetingFilterSet(WagtailFilterSet):
    event = edition_filter()
    status = django_filters.ChoiceFilter(choices=MeetingStatus.choices, label=_("Status"))
    session = django_filters.ModelChoiceFilter(
        field_name="slot__session",
        queryset=lambda request: sessions_for(request_user(request)),
        label=_("Session"),
    )
    buyer = django_filters.ModelChoiceFilter(
        queryset=lambda request: buyers_in(request_user(request)), label=_("Buyer")
    )

    class Meta:
        model = Meeting
        fields = ["event", "status", "session", "buyer"]


class MeetingIndexView(IndexView):
    pair_url_name = None
    session_url_name = "matching_session:detail"

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("event", "buyer", "business", "slot__session")
        )

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        event = self.chosen_edition
        if event is not None and can(self.request.user, RUN_DESK, event):
            buttons.append(
                HeaderButton(
                    gettext("Pair a buyer and an exhibitor"),
                    url=reverse(self.pair_url_name) + f"?event={event.pk}",
                    icon_name="plus",
                )
            )
        return buttons


def meeting_time(meeting: Meeting) -> str:
    """``Thu 12 Aug, 10:20 WIB`` on one line, the session below."""
    if meeting.slot_id is None:
        return "—"
    event = meeting.event
    moment = timezone.localtime(meeting.slot.starts_at, ZoneInfo(event.time_zone))
    return format_html(
        '<a href="{}" class="pameran-nowrap">{}, {} {}</a><div class="pameran-muted">{}</div>',
        reverse("matching_session:detail", args=[meeting.slot.session_id]),
        date_format(moment, "D j M"),
        moment.strftime("%H:%M"),
        zone_label(event.time_zone),
        meeting.slot.session.name,
    )


def meeting_asked(meeting: Meeting) -> str:
    """Who asked (the buyer, the exhibitor or the desk), and when."""
    moment = timezone.localtime(meeting.requested_at, ZoneInfo(meeting.event.time_zone))
    return format_html(
        '{}<div class="pameran-muted pameran-nowrap">{}</div>',
        meeting.get_requested_by_side_display(),
        date_format(moment, "j M, H:i"),
    )


def meeting_status(meeting: Meeting) -> str:
    badge = status_badge(meeting.status, meeting.get_status_display())
    if meeting.status == MeetingStatus.NO_SHOW and meeting.no_show_side:
        return format_html(
            '{}<div class="pameran-muted">{}</div>', badge, meeting.get_no_show_side_display()
        )
    return badge


class MeetingViewSet(ListOnlyViewSet):
    model = Meeting
    icon = "calendar-check"
    menu_label = _("Meetings")
    menu_order = 30
    index_view_class = MeetingIndexView
    filterset_class = MeetingFilterSet
    search_fields = ["buyer__name", "business__legal_name", "business__brand_name"]
    ordering = ["-requested_at", "-pk"]

    @cached_property
    def list_display(self):
        return [
            Column("buyer", label=_("Buyer"), sort_key="buyer__name"),
            Column("business", label=_("Exhibitor"), sort_key="business__legal_name"),
            Column("event", label=_("Edition"), sort_key="event__name"),
            QuickColumn("status", label=_("Status"), accessor=meeting_status, sort_key="status"),
            QuickColumn("slot", label=_("Time"), accessor=meeting_time, sort_key="slot__starts_at"),
            QuickColumn(
                "table",
                label=_("Table"),
                accessor=lambda m: "—" if m.table is None else m.table,
                sort_key="table",
            ),
            QuickColumn(
                "requested_at",
                label=_("Asked"),
                accessor=meeting_asked,
                sort_key="requested_at",
            ),
            RowActionColumn(
                "cancel",
                label="",
                url_name=self.get_url_name("cancel"),
                button=_("Call off"),
                shown=lambda m: m.status in LIVE_MEETING_STATUSES,
            ),
        ]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs["pair_url_name"] = self.get_url_name("pair")
        return view_kwargs

    def extra_urlpatterns(self):
        return [
            path("pair/", self.construct_view(MeetingPairView), name="pair"),
            path("<int:pk>/cancel/", self.construct_view(MeetingCancelView), name="cancel"),
        ]


# --- the deal ledger -------------------------------------------------------------------------


def associations_for(request):
    """Associations with deals in an edition the user runs."""
    user = request_user(request)
    return (
        Association.objects.filter(transactions__event__in=editions_for(user))
        .distinct()
        .order_by("acronym")
    )


def ledger_buyers_for(request):
    user = request_user(request)
    return (
        Buyer.objects.filter(transactions__event__in=editions_for(user)).distinct().order_by("name")
    )


class TransactionFilterSet(WagtailFilterSet):
    event = edition_filter()
    status = django_filters.ChoiceFilter(choices=TransactionStatus.choices, label=_("Status"))
    kind = django_filters.ChoiceFilter(choices=TransactionKind.choices, label=_("Kind"))
    currency = django_filters.ChoiceFilter(choices=Currency.choices, label=_("Currency"))
    association = django_filters.ModelChoiceFilter(
        queryset=associations_for, label=_("Association")
    )
    buyer = django_filters.ModelChoiceFilter(queryset=ledger_buyers_for, label=_("Buyer"))
    recorded_as = django_filters.ChoiceFilter(choices=Side.choices, label=_("Recorded by"))

    class Meta:
        model = Transaction
        fields = ["event", "status", "kind", "currency", "association", "buyer", "recorded_as"]


class TransactionIndexView(IndexView):
    page_title = _("Deal ledger")
    record_url_name = None
    bulk_verify_url_name = None

    def get_base_queryset(self):
        return (
            super().get_base_queryset().select_related("event", "business", "buyer", "association")
        )

    def search_queryset(self, queryset):
        """An exhibitor's legal or brand name, a buyer's name, a product, or ``#123``."""
        if not self.is_searching:
            return queryset
        text = self.search_query.strip()
        condition = (
            Q(business__legal_name__icontains=text)
            | Q(business__brand_name__icontains=text)
            | Q(buyer__name__icontains=text)
            | Q(product_name__icontains=text)
        )
        number = text.lstrip("#")
        if number.isascii() and number.isdigit() and len(number) < 12:
            condition |= Q(pk=int(number))
        return queryset.filter(condition)

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        event = self.chosen_edition
        if event is not None and can(self.request.user, RUN_DESK, event):
            buttons.append(
                HeaderButton(
                    gettext("Record a deal"),
                    url=reverse(self.record_url_name) + f"?event={event.pk}",
                    icon_name="plus",
                )
            )
        return buttons

    def ledger_totals(self) -> dict | None:
        event = self.chosen_edition
        if event is None:
            return None
        everything = ledger_summary(LedgerFilter(event=event))
        verified = ledger_summary(LedgerFilter(event=event, trust=Trust.VERIFIED))
        return {
            "event": event,
            "groups": [
                {
                    "key": key,
                    "label": label,
                    "all": everything.groups[key],
                    "verified": verified.groups[key],
                    "all_idr": rupiah(everything.groups[key].value_idr),
                    "verified_idr": rupiah(verified.groups[key].value_idr),
                }
                for key, label in LEDGER_GROUPS
            ],
            "businesses": everything.businesses,
            "buyers": everything.buyers,
        }

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context.update(
            ledger=self.ledger_totals(),
            bulk_form_id=BULK_VERIFY_FORM,
            bulk_verify_url=reverse(self.bulk_verify_url_name),
            bulk_next=self.request.get_full_path().replace("/results/", "/", 1),
        )
        return context


LEDGER_GROUPS = [
    ("retail", _("Retail sales")),
    ("orders", _("Orders and contracts")),
    ("mou", _("MoUs")),
    ("potential", _("Potential transactions")),
]


def deal_parties(row: Transaction) -> str:
    return format_html(
        '{}<div class="pameran-muted">{}</div>',
        row.business.display_name,
        row.buyer.name if row.buyer_id else gettext("retail, no buyer"),
    )


class TransactionURLFinder(ModelAdminURLFinder):
    """Links to a deal from elsewhere in the admin open its screen."""

    edit_url_name = "matching_transaction:detail"

    def get_edit_url(self, instance):
        # A deal is looked at, never edited: whoever may see it gets the link.
        if self.user is not None and not can(self.user, "matching.view_transaction", instance):
            return None
        return self.construct_edit_url(instance)


class TransactionViewSet(ListOnlyViewSet):
    model = Transaction
    icon = "decimal"
    menu_label = _("Deal ledger")
    menu_order = 40
    index_view_class = TransactionIndexView
    index_template_name = "matching/admin/transaction_index.html"
    index_results_template_name = "matching/admin/transaction_index_results.html"
    filterset_class = TransactionFilterSet
    search_fields = ["business__legal_name", "business__brand_name", "buyer__name"]
    ordering = ["-recorded_at", "-pk"]

    @cached_property
    def list_display(self):
        return [
            TickColumn(
                shown=lambda row: (
                    row.status in (TransactionStatus.RECORDED, TransactionStatus.CONFIRMED)
                )
            ),
            TitleColumn(
                "pk",
                label=_("Deal"),
                accessor=lambda row: f"#{row.pk}",
                get_url=lambda row: reverse(self.get_url_name("detail"), args=[row.pk]),
                sort_key="pk",
                classname="pameran-nowrap",
            ),
            QuickColumn(
                "deal_date",
                label=_("Deal date"),
                accessor=lambda row: date_format(row.deal_date, "d-m-Y"),
                sort_key="deal_date",
                classname="pameran-nowrap",
            ),
            QuickColumn("parties", label=_("Exhibitor and buyer"), accessor=deal_parties),
            Column("event", label=_("Edition"), sort_key="event__name"),
            QuickColumn("kind", label=_("Kind"), accessor="get_kind_display", sort_key="kind"),
            QuickColumn(
                "value",
                label=_("Value"),
                accessor=deal_value,
                classname="pameran-num",
            ),
            QuickColumn(
                "value_idr",
                label=_("In rupiah"),
                accessor=lambda row: rupiah(row.value_idr),
                sort_key="value_idr",
                classname="pameran-num",
            ),
            StatusColumn("status", label=_("Status"), sort_key="status"),
            QuickColumn(
                "association",
                label=_("Association"),
                accessor=lambda row: row.association.acronym,
                sort_key="association__acronym",
            ),
            QuickColumn("recorded_as", label=_("Recorded by"), accessor="get_recorded_as_display"),
        ]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs.update(
            record_url_name=self.get_url_name("record"),
            bulk_verify_url_name=self.get_url_name("verify"),
            detail_url_name=self.get_url_name("detail"),
        )
        return view_kwargs

    @property
    def url_finder_class(self):
        return TransactionURLFinder

    def extra_urlpatterns(self):
        return [
            path("record/", self.construct_view(TransactionRecordView), name="record"),
            path("verify/", self.construct_view(TransactionBulkVerifyView), name="verify"),
            path("<int:pk>/", self.construct_view(TransactionDetailView), name="detail"),
        ]


# --- the menu --------------------------------------------------------------------------------


class MatchingViewSetGroup(ViewSetGroup):
    menu_label = _("Business matching")
    menu_icon = "group"
    menu_name = "business-matching"
    menu_order = 160
    # Other rooms may add items to this menu through the hook.
    submenu_hook = "register_matching_menu_item"
    items = (
        BuyerViewSet("matching_buyer", url_prefix="matching/buyers"),
        MatchingSessionViewSet("matching_session", url_prefix="matching/sessions"),
        MeetingViewSet("matching_meeting", url_prefix="matching/meetings"),
        TransactionViewSet("matching_transaction", url_prefix="matching/deals"),
    )
