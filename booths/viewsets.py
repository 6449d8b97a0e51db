"""The organizer's floor plan in the Wagtail admin: halls, zones, booth types and booths.

Listed in the events room's "Exhibition" menu (``menu_hook``). Every screen asks
``accounts.permissions`` through ``RolePermissionPolicy``: lists show only the editions
the user organizes, other editions' objects answer 404, and the form's choices
(edition, hall, zone, type) offer only what the user may use, so nothing can be
attached to an edition the user does not run. Saving runs the model's ``full_clean``
(Wagtail's model forms do), so "does not fit in the hall" shows on the form.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

import django_filters
from django import forms
from django.contrib import messages as django_messages
from django.db.models import Count, ProtectedError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet

from accounts.permissions import visible
from accounts.policies import ScopedIndexMixin, ScopedObjectMixin
from events.models import Event, TimeZone
from events.money import format_rupiah
from events.selectors import zone_label
from events.viewsets import request_user
from exhibitors.models import Sector

from .models import Booth, BoothType, Hall, SelectionWindow, Zone, metres

NBSP = "\u00a0"  # keeps "3 × 6 m" and "Rp 4.500.000" on one line in narrow columns


def size(obj) -> str:
    text = _("%(width)s × %(depth)s m") % {
        "width": metres(obj.width_m),
        "depth": metres(obj.depth_m),
    }
    return text.replace(" ", NBSP)


def sector_labels(obj) -> str:
    if not obj.sectors:
        return _("Any sector")
    labels = dict(Sector.choices)
    return ", ".join(str(labels.get(value, value)) for value in obj.sectors)


# --- what the user may pick in forms and filters -------------------------------------------


def editions_for(user):
    return visible(user, "events.change_event", Event.objects.all())


def halls_for(user):
    return visible(user, "booths.change_hall", Hall.objects.select_related("event"))


def zones_for(user):
    return visible(user, "booths.view_zone", Zone.objects.select_related("hall"))


def booth_types_for(user):
    return visible(user, "booths.view_boothtype", BoothType.objects.all())


class FloorPlanForm(WagtailAdminModelForm):
    """Narrows each foreign key to the objects of editions the user runs."""

    choices = {
        "event": (editions_for, _("Choose one of the editions you run.")),
        "hall": (halls_for, _("Choose a hall of an edition you run.")),
        "zone": (zones_for, _("Choose a zone of an edition you run.")),
        "booth_type": (booth_types_for, _("Choose a booth type of an edition you run.")),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (allowed, message) in self.choices.items():
            if name in self.fields:
                self.fields[name].queryset = allowed(self.for_user)
                self.fields[name].error_messages["invalid_choice"] = message
        if "sectors" in self.fields:
            # Ticked from the list rather than typed as JSON.
            field = self.fields["sectors"]
            self.fields["sectors"] = forms.MultipleChoiceField(
                label=field.label,
                help_text=field.help_text,
                choices=Sector.choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )


class BoothForm(FloorPlanForm):
    """A booth; its size may be left empty to take the size of its type."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("width_m", "depth_m"):
            if name in self.fields:
                self.fields[name].required = False
                self.fields[name].help_text = _("Empty: the size of the booth type.")

    def clean(self):
        cleaned = super().clean()
        booth_type = cleaned.get("booth_type")
        for name in ("width_m", "depth_m"):
            if cleaned.get(name) is None and name not in self.errors:
                if booth_type is None:
                    self.add_error(name, _("Give a size or choose a booth type."))
                else:
                    cleaned[name] = getattr(booth_type, name)
        if cleaned.get("is_blocked") and not cleaned.get("blocked_reason"):
            self.add_error("blocked_reason", _("Say why the booth is blocked."))
        return cleaned


# --- views -------------------------------------------------------------------------------


class IndexView(ScopedIndexMixin, generic.IndexView):
    pass


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
            django_messages.error(self.request, self.protected_message)
            return redirect(self.index_url_name)

    @property
    def protected_message(self):
        return _("%(object)s is still in use (booths or allocations point to it).") % {
            "object": self.object
        }


class ScopedHistoryView(ScopedObjectMixin, HistoryView):
    pass


class ScopedUsageView(ScopedObjectMixin, UsageView):
    pass


class FloorPlanViewSet(ModelViewSet):
    menu_hook = "register_exhibition_menu_item"  # events.viewsets.ExhibitionViewSetGroup
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    copy_view_enabled = False
    inspect_view_enabled = False
    search_backend_name = None  # the database: floor plan models are not search-indexed
    list_per_page = 50


# --- halls -------------------------------------------------------------------------------


class HallFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(
        queryset=lambda request: editions_for(request_user(request)), label=_("Edition")
    )

    class Meta:
        model = Hall
        fields = ["event", "is_outdoor"]


class HallIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("event")
            .annotate(booth_count=Count("booths"))
        )


class HallViewSet(FloorPlanViewSet):
    model = Hall
    icon = "table"
    menu_label = _("Halls")
    menu_order = 10
    index_view_class = HallIndexView
    filterset_class = HallFilterSet
    list_display = [
        "code",
        "name",
        Column("event", label=_("Edition"), sort_key="event__name"),
        Column("size", label=_("Size"), accessor=size),
        BooleanColumn("is_outdoor", label=_("Outdoor")),
        Column("booth_count", label=_("Booths"), sort_key="booth_count"),
    ]
    search_fields = ["code", "name"]
    ordering = ["event", "position", "code"]
    edit_handler = ObjectList(
        [
            FieldPanel("event"),
            FieldRowPanel([FieldPanel("code"), FieldPanel("name")]),
            FieldRowPanel([FieldPanel("width_m"), FieldPanel("depth_m")]),
            FieldRowPanel([FieldPanel("is_outdoor"), FieldPanel("position")]),
        ],
        base_form_class=FloorPlanForm,
    )


# --- zones -------------------------------------------------------------------------------


class ZoneFilterSet(WagtailFilterSet):
    hall = django_filters.ModelChoiceFilter(
        queryset=lambda request: halls_for(request_user(request)), label=_("Hall")
    )

    class Meta:
        model = Zone
        fields = ["hall", "has_power", "has_water"]


class ZoneIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super().get_base_queryset().select_related("hall").annotate(booth_count=Count("booths"))
        )


class ZoneViewSet(FloorPlanViewSet):
    model = Zone
    icon = "crosshairs"
    menu_label = _("Zones")
    menu_order = 11
    index_view_class = ZoneIndexView
    filterset_class = ZoneFilterSet
    list_display = [
        "code",
        "name",
        Column("hall", label=_("Hall"), sort_key="hall__code"),
        Column("sectors", label=_("Sectors"), accessor=sector_labels),
        BooleanColumn("has_power", label=_("Electricity")),
        BooleanColumn("has_water", label=_("Water")),
        Column("booth_count", label=_("Booths"), sort_key="booth_count"),
    ]
    search_fields = ["code", "name"]
    ordering = ["hall", "code"]
    edit_handler = ObjectList(
        [
            FieldPanel("hall"),
            FieldRowPanel([FieldPanel("code"), FieldPanel("name")]),
            FieldPanel("sectors"),
            FieldRowPanel([FieldPanel("has_power"), FieldPanel("has_water")]),
        ],
        base_form_class=FloorPlanForm,
    )


# --- booth types ---------------------------------------------------------------------------


class BoothTypeFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(
        queryset=lambda request: editions_for(request_user(request)), label=_("Edition")
    )

    class Meta:
        model = BoothType
        fields = ["event", "serves", "needs_water"]


class BoothTypeIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("event")
            .annotate(booth_count=Count("booths"))
        )


class BoothTypeViewSet(FloorPlanViewSet):
    model = BoothType
    icon = "tag"
    menu_label = _("Booth types")
    menu_order = 12
    index_view_class = BoothTypeIndexView
    filterset_class = BoothTypeFilterSet
    list_display = [
        "name",
        "code",
        Column("event", label=_("Edition"), sort_key="event__name"),
        Column("size", label=_("Size"), accessor=size),
        Column(
            "price",
            label=_("Price"),
            accessor=lambda booth_type: format_rupiah(booth_type.price).replace(" ", NBSP),
            sort_key="price",
        ),
        Column("serves", label=_("Serves requests for"), accessor="get_serves_display"),
        BooleanColumn("needs_water", label=_("Needs water")),
        Column("booth_count", label=_("Booths"), sort_key="booth_count"),
    ]
    search_fields = ["code", "name"]
    ordering = ["event", "code"]
    edit_handler = ObjectList(
        [
            FieldPanel("event"),
            FieldRowPanel([FieldPanel("code"), FieldPanel("name")]),
            FieldRowPanel([FieldPanel("width_m"), FieldPanel("depth_m")]),
            FieldRowPanel([FieldPanel("price"), FieldPanel("power_watts")]),
            FieldRowPanel([FieldPanel("serves"), FieldPanel("needs_water")]),
            FieldPanel("sectors"),
        ],
        base_form_class=FloorPlanForm,
    )


# --- booths --------------------------------------------------------------------------------


class BoothFilterSet(WagtailFilterSet):
    hall = django_filters.ModelChoiceFilter(
        queryset=lambda request: halls_for(request_user(request)), label=_("Hall")
    )
    zone = django_filters.ModelChoiceFilter(
        queryset=lambda request: zones_for(request_user(request)), label=_("Zone")
    )
    booth_type = django_filters.ModelChoiceFilter(
        queryset=lambda request: booth_types_for(request_user(request)), label=_("Booth type")
    )

    class Meta:
        model = Booth
        fields = ["hall", "zone", "booth_type", "is_blocked"]


class BoothIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("hall", "zone", "booth_type")


def position(booth) -> str:
    return _("%(x)s, %(y)s m") % {"x": metres(booth.x_m), "y": metres(booth.y_m)}


class BoothViewSet(FloorPlanViewSet):
    model = Booth
    icon = "placeholder"
    menu_label = _("Booths")
    menu_order = 13
    index_view_class = BoothIndexView
    filterset_class = BoothFilterSet
    list_display = [
        "code",
        Column("hall", label=_("Hall"), accessor="hall.code", sort_key="hall__code"),
        Column("zone", label=_("Zone"), accessor="zone.name", sort_key="zone__code"),
        Column("booth_type", label=_("Booth type"), sort_key="booth_type__name"),
        Column("position", label=_("Position (x, y)"), accessor=position),
        BooleanColumn("is_blocked", label=_("Blocked")),
        Column("blocked_reason", label=_("Why blocked")),
    ]
    search_fields = ["code"]
    ordering = ["hall", "code"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("hall"), FieldPanel("code")]),
            FieldRowPanel([FieldPanel("zone"), FieldPanel("booth_type")]),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("x_m"), FieldPanel("y_m")]),
                    FieldRowPanel([FieldPanel("width_m"), FieldPanel("depth_m")]),
                ],
                heading=_("Place in the hall"),
                help_text=_("Metres from the hall's top-left corner."),
            ),
            FieldRowPanel([FieldPanel("is_blocked"), FieldPanel("blocked_reason")]),
        ],
        base_form_class=BoothForm,
    )


# --- self-selection windows ------------------------------------------------------------------

WINDOW_TIMES = ("opens_at", "closes_at")
WINDOW_ORDER = next(
    c for c in SelectionWindow._meta.constraints if c.name == "booths_selection_window_order"
)


class SelectionWindowForm(FloorPlanForm):
    """A window's times are typed and shown in the edition's own time zone (WIB, WITA or
    WIT), as the edition's registration windows are; they are stored in UTC."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.instance.event if self.instance.event_id else None
        zone = ZoneInfo(event.time_zone if event else TimeZone.WIB)
        for name in WINDOW_TIMES:
            if name not in self.fields:
                continue
            self.fields[name].help_text = _("In the edition's time zone.")
            value = getattr(self.instance, name)
            if value is not None:
                self.initial[name] = timezone.localtime(value, zone).replace(tzinfo=None)

    def clean(self):
        cleaned = super().clean()
        event = cleaned.get("event")
        zone = ZoneInfo(event.time_zone if event else TimeZone.WIB)
        for name in WINDOW_TIMES:
            value = cleaned.get(name)
            if value is not None:
                # The field read wall-clock time in the admin's zone; re-read it in the edition's.
                cleaned[name] = timezone.make_aware(timezone.make_naive(value), zone)
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            # The database's rule, shown on the field rather than above the form.
            self.add_error("closes_at", WINDOW_ORDER.get_violation_error_message())
        if (
            event
            and "event" not in self.errors
            and SelectionWindow.objects.filter(event=event).exclude(pk=self.instance.pk).exists()
        ):
            self.add_error(
                "event", _("This edition already has a self-selection window; edit that one.")
            )
        return cleaned


def in_edition_zone(field: str):
    def local_time(window: SelectionWindow) -> str:
        moment = timezone.localtime(getattr(window, field), ZoneInfo(window.event.time_zone))
        return f"{moment:%d-%m-%Y %H:%M} {zone_label(window.event.time_zone)}".replace(" ", NBSP)

    return local_time


class SelectionWindowIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event")


class SelectionWindowViewSet(FloorPlanViewSet):
    model = SelectionWindow
    icon = "time"
    menu_label = _("Self-selection windows")
    menu_order = 14
    index_view_class = SelectionWindowIndexView
    list_display = [
        "event",  # the title column: links to the edit screen
        Column(
            "opens_at", label=_("Opens"), accessor=in_edition_zone("opens_at"), sort_key="opens_at"
        ),
        Column(
            "closes_at",
            label=_("Closes"),
            accessor=in_edition_zone("closes_at"),
            sort_key="closes_at",
        ),
        Column("hold_minutes", label=_("Hold (minutes)"), sort_key="hold_minutes"),
        BooleanColumn("open_now", label=_("Open now"), accessor=lambda window: window.is_open()),
    ]
    ordering = ["-opens_at"]
    edit_handler = ObjectList(
        [
            FieldPanel("event"),
            FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
            FieldPanel("hold_minutes"),
        ],
        base_form_class=SelectionWindowForm,
    )
