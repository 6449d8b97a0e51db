"""The organizer's admin for the events room: editions, venues, associations, quotas,
ministries and programmes, grouped under one menu.

Every screen asks ``accounts.permissions`` (through ``RolePermissionPolicy``), lists
only what the user may see, and saves through ``events.services`` so the rules for
a write live in one place.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib import messages as django_messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum, Value
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from accounts.permissions import visible
from accounts.policies import ScopedIndexMixin, ScopedObjectMixin

from . import services
from .admin_views import editions_for, status_badge
from .forms import AssociationAdminsPanel, EventForm, ParticipationForm
from .models import (
    Association,
    Event,
    EventDay,
    Ministry,
    Participation,
    Programme,
    Venue,
)
from .selectors import current_edition

SAVE_SERVICES = {
    Event: lambda obj, actor: services.event_save(event=obj, actor=actor),
    Venue: lambda obj, actor: services.venue_save(venue=obj, actor=actor),
    Association: lambda obj, actor: services.association_save(association=obj, actor=actor),
    Participation: lambda obj, actor: services.participation_save(participation=obj, actor=actor),
    Ministry: lambda obj, actor: services.ministry_save(ministry=obj, actor=actor),
    Programme: lambda obj, actor: services.programme_save(programme=obj, actor=actor),
}


def add_validation_error(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field when the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- filters and columns the rooms' viewsets share (payments, matching) ---------------------


def request_user(request):
    """The user of a filter's request (filters are also built without one)."""
    return request.user if request is not None else None


def edition_filter(field_name: str = "event"):
    return django_filters.ModelChoiceFilter(
        field_name=field_name,
        queryset=lambda request: editions_for(request_user(request)),
        label=_("Edition"),
    )


class QuickColumn(Column):
    """A cell built in Python (plain text or a badge), not from a template per cell."""

    def cell_html(self, instance):
        value = self.get_value(instance)
        return "" if value is None else value

    def render_cell_html(self, instance, parent_context):
        if self.classname:
            return format_html('<td class="{}">{}</td>', self.classname, self.cell_html(instance))
        return format_html("<td>{}</td>", self.cell_html(instance))


class StatusColumn(QuickColumn):
    def cell_html(self, instance):
        return status_badge(instance.status, instance.get_status_display())


# --- views shared by every viewset of the room -------------------------------------------


class IndexView(ScopedIndexMixin, generic.IndexView):
    pass


class SaveThroughServiceMixin:
    """Create and edit views save through ``SAVE_SERVICES[model]`` and show its refusals."""

    log_action = None

    def save_instance(self):
        instance = self.form.save(commit=False)
        instance = SAVE_SERVICES[self.model](instance, self.request.user)
        if hasattr(self.form, "save_m2m"):
            self.form.save_m2m()
        log(
            instance=instance,
            action=self.log_action,
            user=self.request.user,
            content_changed=True,
        )
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


class CreateView(SaveThroughServiceMixin, generic.CreateView):
    log_action = "wagtail.create"


class EditView(SaveThroughServiceMixin, ScopedObjectMixin, generic.EditView):
    object_action = "change"
    log_action = "wagtail.edit"


class DeleteView(ScopedObjectMixin, generic.DeleteView):
    object_action = "delete"

    def delete_action(self):
        with transaction.atomic():
            log(instance=self.object, action="wagtail.delete", user=self.request.user, deleted=True)
            services.object_delete(obj=self.object, actor=self.request.user)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            for message in error.messages:
                django_messages.error(self.request, message)
            return redirect(self.index_url_name)


class ScopedHistoryView(ScopedObjectMixin, HistoryView):
    pass


class ScopedUsageView(ScopedObjectMixin, UsageView):
    pass


class RoomViewSet(ModelViewSet):
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    copy_view_enabled = False
    inspect_view_enabled = False


# --- editions --------------------------------------------------------------------------


class EventIndexView(IndexView):
    def get_base_queryset(self):
        quota_sum = (
            Participation.objects.filter(event=OuterRef("pk"))
            .order_by()
            .values("event")
            .annotate(total=Sum("booth_quota"))
            .values("total")[:1]
        )
        day_count = (
            EventDay.objects.filter(event=OuterRef("pk"))
            .order_by()
            .values("event")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        )
        return (
            super()
            .get_base_queryset()
            .select_related("venue")
            .annotate(quota_sum=Subquery(quota_sum), day_count=Subquery(day_count))
        )


class EventViewSet(RoomViewSet):
    model = Event
    index_view_class = EventIndexView
    icon = "date"
    menu_label = _("Editions")
    add_to_admin_menu = False
    list_display = [
        "name",
        "year",
        "venue",
        "status",
        Column("booth_capacity", label=_("Booths on offer"), sort_key="booth_capacity"),
        Column("quota_sum", label=_("Quotas given"), sort_key="quota_sum"),
        Column("day_count", label=_("Days")),
    ]
    list_filter = ["status", "year", "time_zone"]
    search_fields = ["name", "slug", "venue__name", "venue__city"]
    ordering = ["-year", "name"]

    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("name"),
                    FieldPanel("slug"),
                    FieldRowPanel([FieldPanel("year"), FieldPanel("status")]),
                    FieldPanel("venue"),
                    FieldRowPanel([FieldPanel("time_zone"), FieldPanel("booth_capacity")]),
                ],
                heading=_("Edition"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [
                            FieldPanel("exhibitor_registration_opens_at"),
                            FieldPanel("exhibitor_registration_closes_at"),
                        ]
                    ),
                    FieldRowPanel(
                        [
                            FieldPanel("visitor_registration_opens_at"),
                            FieldPanel("visitor_registration_closes_at"),
                        ]
                    ),
                ],
                heading=_("Registration windows"),
            ),
            InlinePanel(
                "days",
                heading=_("Days, opening hours and visitor capacity"),
                label=_("Day"),
                panels=[
                    FieldRowPanel([FieldPanel("date"), FieldPanel("visitor_capacity")]),
                    FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                ],
            ),
            MultiFieldPanel(
                [
                    FieldPanel("usd_idr_rate"),
                    FieldRowPanel(
                        [FieldPanel("usd_idr_rate_date"), FieldPanel("usd_idr_rate_source")]
                    ),
                ],
                heading=_("Exchange rate for reporting (USD→IDR)"),
            ),
            InlinePanel(
                "exchange_rates",
                heading=_("Rates of other currencies (rupiah per unit)"),
                label=_("Rate"),
                panels=[
                    FieldRowPanel([FieldPanel("currency"), FieldPanel("idr_per_unit")]),
                    FieldRowPanel([FieldPanel("rate_date"), FieldPanel("source")]),
                ],
            ),
            FieldPanel("programmes", widget=forms.CheckboxSelectMultiple),
        ],
        base_form_class=EventForm,
    )


class VenueViewSet(RoomViewSet):
    model = Venue
    icon = "site"
    menu_label = _("Venues")
    add_to_admin_menu = False
    list_display = ["name", "city", "province"]
    list_filter = ["province"]
    search_fields = ["name", "city", "address"]
    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("city"), FieldPanel("province")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("directions"),
    ]


# --- associations and their quotas ----------------------------------------------------------


class AssociationIndexView(IndexView):
    @cached_property
    def current_event(self):
        return current_edition(self.request.user)

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        event = self.current_event
        quota = Participation.objects.filter(event=event, association=OuterRef("pk")).values(
            "booth_quota"
        )[:1]
        if event is None:
            return queryset.annotate(current_quota=Value(None, output_field=IntegerField()))
        return queryset.annotate(current_quota=Subquery(quota))

    @cached_property
    def columns(self):
        event = self.current_event
        if event:
            label = _("Booth quota in %(event)s") % {"event": event.name}
        else:
            label = _("Booth quota (no edition yet)")
        return [
            *super().columns,
            Column("current_quota", label=label, sort_key="current_quota"),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["current_event"] = self.current_event
        return context


class AssociationViewSet(RoomViewSet):
    model = Association
    icon = "group"
    menu_label = _("Associations")
    add_to_admin_menu = False
    index_view_class = AssociationIndexView
    list_display = ["acronym", "name", "sector_focus"]
    list_filter = ["is_demo"]
    search_fields = ["acronym", "name", "sector_focus"]
    ordering = ["acronym"]
    list_per_page = 50
    panels = [
        FieldRowPanel([FieldPanel("acronym"), FieldPanel("slug")]),
        FieldPanel("name"),
        FieldPanel("sector_focus"),
        FieldPanel("description"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
                FieldPanel("website"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("is_demo"),
        AssociationAdminsPanel(""),
    ]


def _events_for_request(request):
    if request is None:
        return Event.objects.none()
    return visible(request.user, "events.view_event", Event.objects.all())


class ParticipationFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(queryset=_events_for_request, label=_("Edition"))

    class Meta:
        model = Participation
        fields = ["event", "association"]


class ParticipationIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event", "association")

    def quota_summary(self):
        """Each listed edition: quotas given against booths on offer."""
        event_ids = self.get_queryset().order_by().values("event_id").distinct()
        rows = []
        for event in Event.objects.filter(pk__in=event_ids).order_by("-year", "name"):
            total = event.quota_total()
            rows.append(
                {
                    "event": event,
                    "total": total,
                    "capacity": event.booth_capacity,
                    "left": max(event.booth_capacity - total, 0),
                    "over": max(total - event.booth_capacity, 0),
                }
            )
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["quota_summary"] = self.quota_summary()
        return context


class ParticipationViewSet(RoomViewSet):
    model = Participation
    icon = "tasks"
    menu_label = _("Booth quotas")
    add_to_admin_menu = False
    index_view_class = ParticipationIndexView
    index_results_template_name = "events/admin/participation_index_results.html"
    filterset_class = ParticipationFilterSet
    list_display = [
        "association",
        "event",
        Column("booth_quota", label=_("Booth quota"), sort_key="booth_quota"),
    ]
    search_fields = ["association__acronym", "association__name", "event__name"]
    ordering = ["event", "association__acronym"]
    list_per_page = 50
    edit_handler = ObjectList(
        [
            FieldPanel("event"),
            FieldPanel("association"),
            FieldPanel("booth_quota"),
            FieldPanel("notes"),
            AssociationAdminsPanel("association"),
        ],
        base_form_class=ParticipationForm,
    )


# --- ministries and their programmes -------------------------------------------------------


class MinistryViewSet(RoomViewSet):
    model = Ministry
    icon = "cogs"
    menu_label = _("Ministries")
    add_to_admin_menu = False
    list_display = ["name", "acronym", "website"]
    search_fields = ["name", "acronym"]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("acronym"), FieldPanel("slug")]),
        FieldPanel("website"),
    ]


class ProgrammeViewSet(RoomViewSet):
    model = Programme
    icon = "list-ul"
    menu_label = _("Programmes")
    add_to_admin_menu = False
    list_display = ["name", "ministry"]
    list_filter = ["ministry"]
    search_fields = ["name", "ministry__name", "ministry__acronym"]
    panels = [
        FieldPanel("ministry"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("website"),
    ]


class ExhibitionViewSetGroup(ViewSetGroup):
    menu_label = _("Exhibition")
    menu_icon = "calendar-alt"
    menu_order = 150
    # Other rooms (exhibitors, booths, tickets …) join this menu through the hook.
    submenu_hook = "register_exhibition_menu_item"
    items = (
        EventViewSet("events_event", url_prefix="exhibition/editions"),
        ParticipationViewSet("events_participation", url_prefix="exhibition/quotas"),
        AssociationViewSet("events_association", url_prefix="exhibition/associations"),
        VenueViewSet("events_venue", url_prefix="exhibition/venues"),
        MinistryViewSet("events_ministry", url_prefix="exhibition/ministries"),
        ProgrammeViewSet("events_programme", url_prefix="exhibition/programmes"),
    )
