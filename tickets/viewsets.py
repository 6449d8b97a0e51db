"""The organizer's passes and gates in the Wagtail admin: pass types, gates, passes, the
pass email log, scanner devices and the waiting list.

Listed in the events room's "Exhibition" menu (``menu_hook``). Every screen asks
``accounts.permissions`` through ``RolePermissionPolicy``: lists show only the editions
the user organizes, other editions' objects answer 404, and the form's choices
(edition, days, gates) offer only what the user may use. A pass changes only through
tickets.services (the pass screen in tickets/admin_views.py), so passes, emails and
devices have lists and actions here, and no generic add, edit or delete screens.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

import django_filters
from django import forms
from django.contrib import messages as django_messages
from django.db.models import Count, IntegerField, OuterRef, ProtectedError, Q, Subquery
from django.db.models.functions import Coalesce
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import NullAdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from accounts.permissions import visible
from accounts.policies import ScopedIndexMixin, ScopedObjectMixin
from events.admin_views import editions_for, local_time, status_badge
from events.models import Event, EventDay
from events.money import format_rupiah
from events.viewsets import (
    QuickColumn,
    ScopedHistoryView,
    ScopedUsageView,
    StatusColumn,
    edition_filter,
    request_user,
)

from .admin_views import (
    NBSP,
    DeliveryResendView,
    DeviceRevokeView,
    PassDetailView,
    PassIssueView,
    PassPdfView,
    short_days,
)
from .models import (
    CheckIn,
    DeliveryStatus,
    Gate,
    GateDevice,
    Pass,
    PassDelivery,
    PassStatus,
    PassType,
    WaitlistEntry,
)
from .services import normalize_code

# --- what the user may pick in forms and filters ---------------------------------------------


def days_for(user):
    return visible(user, "events.view_eventday", EventDay.objects.select_related("event")).order_by(
        "-event__year", "event_id", "date"
    )


def gates_for(user):
    return visible(user, "tickets.view_gate", Gate.objects.select_related("event")).order_by(
        "-event__year", "event_id", "name"
    )


def pass_types_for(user):
    return visible(
        user, "tickets.view_passtype", PassType.objects.select_related("event")
    ).order_by("-event__year", "event_id", "sort_order", "name")


# --- columns ---------------------------------------------------------------------------------


class EventTimeColumn(QuickColumn):
    """A moment shown in the edition's own time zone (WIB, WITA or WIT)."""

    def __init__(self, name, *, event="event", **kwargs):
        kwargs.setdefault("classname", "pameran-nowrap")
        super().__init__(name, **kwargs)
        self.event_path = event

    def cell_html(self, instance):
        event = instance
        for step in self.event_path.split("."):
            event = getattr(event, step)
        moment = self.get_value(instance)
        return "—" if moment is None else local_time(moment, event)


class DeliveryStatusColumn(QuickColumn):
    """The status, with the attempts and the last error when something went wrong."""

    def cell_html(self, delivery):
        badge = status_badge(delivery.status, delivery.get_status_display())
        if delivery.attempts <= 1 and not delivery.last_error:
            return badge
        attempts = ngettext("%(count)s attempt", "%(count)s attempts", delivery.attempts) % {
            "count": delivery.attempts
        }
        note = f"{attempts}: {delivery.last_error}" if delivery.last_error else attempts
        return format_html('{}<div class="pameran-muted">{}</div>', badge, note)


class RowActionColumn(Column):
    """A button that POSTs to ``url_name`` for the row, and comes back to this list."""

    cell_template_name = "tickets/admin/_row_action.html"

    def __init__(self, name, *, url_name, button, shown=lambda instance: True, **kwargs):
        super().__init__(name, **kwargs)
        self.url_name = url_name
        self.button = button
        self.shown = shown

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        back = ""
        if request is not None:
            # The list's own URL, also when the table came from the results view.
            back = reverse(self.url_name.rsplit(":", 1)[0] + ":index")
            if request.GET:
                back += "?" + request.GET.urlencode()
        context.update(
            shown=self.shown(instance),
            action_url=reverse(self.url_name, args=[instance.pk]),
            button=self.button,
            back=back,
            csrf_token=get_token(request) if request is not None else "",
        )
        return context


def price_text(pass_type: PassType) -> str:
    if not pass_type.price:
        return pgettext("price", "Free")
    return format_rupiah(pass_type.price).replace(" ", NBSP)


# --- generic views, scoped -------------------------------------------------------------------


class IndexView(ScopedIndexMixin, generic.IndexView):
    @cached_property
    def columns(self):
        columns = super().columns
        if editions_for(self.request.user).count() <= 1:
            # One edition: its name on every row says nothing.
            columns = [column for column in columns if column.name != "event"]
        return columns


class CreateView(generic.CreateView):
    pass


class EditView(ScopedObjectMixin, generic.EditView):
    object_action = "change"


class DeleteView(ScopedObjectMixin, generic.DeleteView):
    object_action = "delete"

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError:
            django_messages.error(
                self.request,
                gettext("%(object)s is still in use (passes or scans point to it).")
                % {"object": self.object},
            )
            return redirect(self.index_url_name)


class TicketsViewSet(ModelViewSet):
    menu_hook = "register_exhibition_menu_item"  # events.viewsets.ExhibitionViewSetGroup
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    copy_view_enabled = False
    inspect_view_enabled = False
    search_backend_name = None  # the database: these models are not search-indexed
    list_per_page = 50
    index_template_name = "tickets/admin/index.html"  # the status badges' styles


class LogViewSet(TicketsViewSet):
    """A list (and row actions) only: rows are written by tickets.services, never by hand."""

    add_to_reference_index = False  # busy rows that nothing else refers to
    keep_urls = ()  # of "add", "edit", "delete", "history", "usage"

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add", "edit", "delete", "history", "usage"):
            if name not in self.keep_urls:
                view_kwargs[f"{name}_url_name"] = None
        return view_kwargs

    @property
    def url_finder_class(self):
        if "edit" in self.keep_urls:
            return super().url_finder_class
        return NullAdminURLFinder  # no edit screen for links elsewhere in the admin to open

    def extra_urlpatterns(self):
        return []

    def get_urlpatterns(self):
        patterns = [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]
        if "delete" in self.keep_urls:
            patterns.append(path("delete/<int:pk>/", self.delete_view, name="delete"))
        return patterns + self.extra_urlpatterns()


# --- pass types ------------------------------------------------------------------------------


class EditionForm(WagtailAdminModelForm):
    """The edition is one the user runs, and stays once saved (days, gates, passes hang on it)."""

    fixed_edition_help = _("It stays with its edition once saved.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "event" in self.fields:
            field = self.fields["event"]
            field.queryset = editions_for(self.for_user)
            field.error_messages["invalid_choice"] = _("Choose one of the editions you run.")
            if self.instance.pk:
                field.disabled = True
                field.help_text = self.fixed_edition_help

    @property
    def edition(self) -> Event | None:
        if self.instance.pk:
            return self.instance.event
        return self.cleaned_data.get("event") if hasattr(self, "cleaned_data") else None


class PassTypeForm(EditionForm):
    """Days and gates are those of the pass type's edition: ticked from its lists."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        event = self.instance.event if self.instance.pk else None
        days = days_for(user)
        gates = gates_for(user)
        if event is not None:
            days, gates = days.filter(event=event), gates.filter(event=event)
        several = event is None and editions_for(user).count() > 1
        if "days" in self.fields:
            field = self.fields["days"]
            field.queryset = days
            field.label_from_instance = lambda day: (
                f"{day.event.name} · {date_format(day.date, 'l, j F Y')}"
                if several
                else date_format(day.date, "l, j F Y")
            )
            field.error_messages["invalid_choice"] = _("Choose days of an edition you run.")
        if "gates" in self.fields:
            field = self.fields["gates"]
            field.queryset = gates
            field.label_from_instance = lambda gate: (
                f"{gate.event.name} · {gate.name}" if several else gate.name
            )
            field.error_messages["invalid_choice"] = _("Choose gates of an edition you run.")

    def clean(self):
        cleaned = super().clean()
        event = self.edition
        if event is None:
            return cleaned
        days = list(cleaned.get("days") or [])
        if any(day.event_id != event.pk for day in days):
            self.add_error("days", _("Choose days of %(edition)s only.") % {"edition": event.name})
        elif days:
            order = list(
                EventDay.objects.filter(event=event).order_by("date").values_list("pk", flat=True)
            )
            if any(order.index(day.pk) >= 16 for day in days):
                self.add_error(
                    "days", _("A pass can cover at most the first 16 days of an edition.")
                )
        if any(gate.event_id != event.pk for gate in cleaned.get("gates") or []):
            self.add_error(
                "gates", _("Choose gates of %(edition)s only.") % {"edition": event.name}
            )
        return cleaned


class PassTypeFilterSet(WagtailFilterSet):
    event = edition_filter()

    class Meta:
        model = PassType
        fields = ["event", "category", "is_public", "requires_approval"]


class PassTypeIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event").prefetch_related("days")


class PassTypeViewSet(TicketsViewSet):
    model = PassType
    icon = "clipboard-list"
    menu_label = _("Pass types")
    menu_order = 31
    index_view_class = PassTypeIndexView
    filterset_class = PassTypeFilterSet
    list_display = [
        "name",
        Column("event", label=_("Edition"), sort_key="event__name"),
        Column("category", label=_("Category"), accessor="get_category_display"),
        QuickColumn("price", label=_("Price"), accessor=price_text, sort_key="price"),
        QuickColumn("days", label=_("Days"), accessor=lambda t: short_days(t.days.all())),
        QuickColumn(
            "capacity_per_day",
            label=_("Capacity per day"),
            accessor=lambda t: "—" if t.capacity_per_day is None else t.capacity_per_day,
            sort_key="capacity_per_day",
        ),
        BooleanColumn("requires_approval", label=_("Needs approval")),
        BooleanColumn("is_public", label=_("Public")),
    ]
    search_fields = ["name", "name_en"]
    ordering = ["event", "sort_order", "name"]
    edit_handler = ObjectList(
        [
            FieldPanel("event"),
            FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
            FieldRowPanel([FieldPanel("category"), FieldPanel("price")]),
            FieldPanel("days", widget=forms.CheckboxSelectMultiple),
            FieldRowPanel([FieldPanel("capacity_per_day"), FieldPanel("max_per_registration")]),
            MultiFieldPanel(
                [
                    FieldPanel("requires_approval"),
                    FieldPanel("is_public"),
                    FieldPanel("multiple_entries"),
                ],
                heading=_("Rules"),
            ),
            FieldPanel("gates", widget=forms.CheckboxSelectMultiple),
            FieldPanel("sort_order"),
        ],
        base_form_class=PassTypeForm,
    )


# --- gates -----------------------------------------------------------------------------------


def today_days(events) -> list[int]:
    """The ids of the days that are today, each in its own edition's zone."""
    now = timezone.now()
    condition = Q(pk__in=[])
    for event in events:
        local = now.astimezone(ZoneInfo(event.time_zone)).date()
        condition |= Q(event=event, date=local)
    return list(EventDay.objects.filter(condition).values_list("pk", flat=True))


class GateForm(EditionForm):
    pass


class GateFilterSet(WagtailFilterSet):
    event = edition_filter()

    class Meta:
        model = Gate
        fields = ["event", "is_active"]


class GateIndexView(IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("event")
        editions = Event.objects.filter(pk__in=queryset.order_by().values("event_id")).only(
            "pk", "time_zone"
        )
        devices = (
            GateDevice.objects.filter(gate=OuterRef("pk"), revoked_at__isnull=True)
            .order_by()
            .values("gate")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        )
        scans = (
            CheckIn.objects.filter(gate=OuterRef("pk"), day_id__in=today_days(editions))
            .order_by()
            .values("gate")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        )
        return queryset.annotate(
            device_count=Coalesce(Subquery(devices, output_field=IntegerField()), 0),
            scans_today=Coalesce(Subquery(scans, output_field=IntegerField()), 0),
        )


class GateViewSet(TicketsViewSet):
    model = Gate
    icon = "login"
    menu_label = _("Gates")
    menu_order = 35
    index_view_class = GateIndexView
    filterset_class = GateFilterSet
    list_display = [
        "name",
        "code",
        Column("event", label=_("Edition"), sort_key="event__name"),
        Column("hint", label=_("Where it is")),
        BooleanColumn("is_active", label=_("Open")),
        Column("device_count", label=_("Scanners signed in"), sort_key="device_count"),
        Column("scans_today", label=_("Scans today"), sort_key="scans_today"),
    ]
    search_fields = ["name", "code", "hint"]
    ordering = ["event", "name"]
    edit_handler = ObjectList(
        [
            FieldPanel("event"),
            FieldRowPanel([FieldPanel("name"), FieldPanel("code")]),
            FieldPanel("hint"),
            FieldPanel("is_active"),
        ],
        base_form_class=GateForm,
    )


# --- passes ----------------------------------------------------------------------------------


class PassFilterSet(WagtailFilterSet):
    event = edition_filter()
    pass_type = django_filters.ModelChoiceFilter(
        queryset=lambda request: pass_types_for(request_user(request)), label=_("Pass type")
    )
    status = django_filters.ChoiceFilter(choices=PassStatus.choices, label=_("Status"))
    day = django_filters.ModelChoiceFilter(
        field_name="days",
        queryset=lambda request: days_for(request_user(request)),
        label=_("Day"),
    )

    class Meta:
        model = Pass
        fields = ["event", "pass_type", "status", "day"]


class PassIndexView(IndexView):
    add_item_label = _("Issue a pass")

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("event", "pass_type", "registration")
            .prefetch_related("days")
        )

    def search_queryset(self, queryset):
        """Holder's name or email, the registration's, a pass code (dashes or not), a
        registration reference."""
        if not self.is_searching:
            return queryset
        text = self.search_query.strip()
        code = normalize_code(text)
        condition = (
            Q(holder_name__icontains=text)
            | Q(holder_email__icontains=text)
            | Q(registration__contact_name__icontains=text)
            | Q(registration__email__icontains=text)
        )
        if code:
            condition |= Q(registration__reference=code) | Q(code=code)
            if len(code) >= 4:
                condition |= Q(code__startswith=code)
        return queryset.filter(condition)


def pass_code(visitor_pass: Pass) -> str:
    from .selectors import display_code

    return display_code(visitor_pass.code).replace("-", "\u2011")  # a dash that does not wrap


class PassViewSet(LogViewSet):
    model = Pass
    icon = "tag"
    menu_label = _("Passes")
    menu_order = 30
    index_view_class = PassIndexView
    filterset_class = PassFilterSet
    search_fields = ["holder_name", "holder_email", "code", "registration__reference"]
    ordering = ["-created_at", "-pk"]
    keep_urls = ("add", "edit")

    @cached_property
    def list_display(self):
        return [
            TitleColumn(
                "holder_name",
                label=_("Holder"),
                url_name=self.get_url_name("edit"),
                sort_key="holder_name",
            ),
            QuickColumn("code", label=_("Code"), accessor=pass_code),
            Column("pass_type", label=_("Pass type"), sort_key="pass_type__name"),
            Column("event", label=_("Edition"), sort_key="event__name"),
            QuickColumn("days", label=_("Days"), accessor=lambda p: short_days(p.days.all())),
            StatusColumn("status", label=_("Status"), sort_key="status"),
            QuickColumn(
                "registration",
                label=_("Registration"),
                accessor=lambda p: p.registration.reference if p.registration_id else "—",
            ),
            EventTimeColumn("created_at", label=_("Issued"), sort_key="created_at"),
        ]

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
            path("<int:pk>/", self.edit_view, name="edit"),
            path("<int:pk>/pdf/", self.pdf_view, name="pdf"),
        ]

    @property
    def add_view(self):
        return self.construct_view(PassIssueView)

    @property
    def edit_view(self):
        return self.construct_view(PassDetailView, pdf_url_name=self.get_url_name("pdf"))

    @property
    def pdf_view(self):
        return self.construct_view(PassPdfView)


# --- the pass email log ----------------------------------------------------------------------


class PassDeliveryFilterSet(WagtailFilterSet):
    event = edition_filter("visitor_pass__event")
    status = django_filters.ChoiceFilter(choices=DeliveryStatus.choices, label=_("Status"))

    class Meta:
        model = PassDelivery
        fields = ["event", "status"]


class PassDeliveryIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("visitor_pass__event", "visitor_pass__registration", "requested_by")
        )


class PassDeliveryViewSet(LogViewSet):
    model = PassDelivery
    icon = "mail"
    menu_label = _("Pass emails")
    menu_order = 32
    index_view_class = PassDeliveryIndexView
    filterset_class = PassDeliveryFilterSet
    search_fields = ["to_email", "visitor_pass__holder_name", "visitor_pass__code"]
    ordering = ["-queued_at", "-pk"]

    @cached_property
    def list_display(self):
        return [
            TitleColumn(
                "visitor_pass",
                label=_("Pass"),
                accessor="visitor_pass.holder_name",
                get_url=lambda delivery: reverse(
                    "tickets_pass:edit", args=[delivery.visitor_pass_id]
                ),
                sort_key="visitor_pass__holder_name",
            ),
            Column("to_email", label=_("To"), sort_key="to_email"),
            DeliveryStatusColumn("status", label=_("Status"), sort_key="status"),
            Column("reason", label=_("Why")),
            EventTimeColumn(
                "queued_at", label=_("Queued"), event="visitor_pass.event", sort_key="queued_at"
            ),
            EventTimeColumn(
                "sent_at", label=_("Sent"), event="visitor_pass.event", sort_key="sent_at"
            ),
            RowActionColumn(
                "resend",
                label="",
                url_name=self.get_url_name("resend"),
                button=_("Resend"),
                shown=lambda delivery: delivery.visitor_pass.status == PassStatus.VALID,
            ),
        ]

    def extra_urlpatterns(self):
        return [path("<int:pk>/resend/", self.resend_view, name="resend")]

    @property
    def resend_view(self):
        return self.construct_view(DeliveryResendView)


# --- scanner devices -------------------------------------------------------------------------


class GateDeviceFilterSet(WagtailFilterSet):
    event = edition_filter()
    gate = django_filters.ModelChoiceFilter(
        queryset=lambda request: gates_for(request_user(request)), label=_("Gate")
    )
    active = django_filters.BooleanFilter(
        field_name="revoked_at", lookup_expr="isnull", label=_("Signed in")
    )

    class Meta:
        model = GateDevice
        fields = ["event", "gate", "active"]


class GateDeviceIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event", "gate", "created_by")


def signed_in_by(device: GateDevice) -> str:
    user = device.created_by
    return (user.full_name or user.email) if user else "—"


class GateDeviceViewSet(LogViewSet):
    model = GateDevice
    icon = "mobile-alt"
    menu_label = _("Scanner devices")
    menu_order = 36
    index_view_class = GateDeviceIndexView
    filterset_class = GateDeviceFilterSet
    search_fields = ["name", "gate__name", "gate__code", "created_by__email"]
    ordering = ["-created_at", "-pk"]

    @cached_property
    def list_display(self):
        return [
            Column("name", label=_("Device")),
            Column("gate", label=_("Gate"), sort_key="gate__name"),
            Column("event", label=_("Edition"), sort_key="event__name"),
            QuickColumn("created_by", label=_("Signed in by"), accessor=signed_in_by),
            EventTimeColumn("created_at", label=_("Signed in"), sort_key="created_at"),
            EventTimeColumn("last_seen_at", label=_("Last seen"), sort_key="last_seen_at"),
            EventTimeColumn("revoked_at", label=_("Revoked"), sort_key="revoked_at"),
            RowActionColumn(
                "revoke",
                label="",
                url_name=self.get_url_name("revoke"),
                button=_("Revoke"),
                shown=lambda device: device.is_active,
            ),
        ]

    def extra_urlpatterns(self):
        return [path("<int:pk>/revoke/", self.revoke_view, name="revoke")]

    @property
    def revoke_view(self):
        return self.construct_view(DeviceRevokeView)


# --- waiting list ----------------------------------------------------------------------------


class WaitlistFilterSet(WagtailFilterSet):
    event = edition_filter()
    day = django_filters.ModelChoiceFilter(
        queryset=lambda request: days_for(request_user(request)), label=_("Day")
    )
    pass_type = django_filters.ModelChoiceFilter(
        queryset=lambda request: pass_types_for(request_user(request)), label=_("Pass type")
    )

    class Meta:
        model = WaitlistEntry
        fields = ["event", "day", "pass_type"]


class WaitlistIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event", "pass_type", "day")


class WaitlistEntryViewSet(LogViewSet):
    model = WaitlistEntry
    icon = "list-ol"
    menu_label = _("Waiting list")
    menu_order = 33
    index_view_class = WaitlistIndexView
    filterset_class = WaitlistFilterSet
    search_fields = ["name", "email", "phone"]
    ordering = ["day__date", "created_at", "pk"]
    keep_urls = ("delete",)
    list_display = [
        "name",
        Column("email", label=_("Email")),
        Column("phone", label=_("WhatsApp")),
        Column("people", label=_("People"), sort_key="people"),
        Column("pass_type", label=_("Pass type"), sort_key="pass_type__name"),
        QuickColumn(
            "day",
            label=_("Day"),
            accessor=lambda entry: date_format(entry.day.date, "D j M Y"),
            sort_key="day__date",
        ),
        EventTimeColumn("created_at", label=_("Joined"), sort_key="created_at"),
        EventTimeColumn("notified_at", label=_("Told of a place"), sort_key="notified_at"),
    ]
