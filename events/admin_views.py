"""What the edition screens of the Wagtail admin share (tickets, payments, matching):
choosing the edition, its time zone, status badges, rupiah that keep to one line, a
service's refusal shown on the page or the form, cells safe in a spreadsheet and menu
items shown by permission."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail.admin.menu import MenuItem

from accounts.permissions import can, visible

from .models import Event, EventStatus
from .money import format_rupiah
from .params import as_id
from .selectors import current_edition, zone_label

RUN_EDITION = "events.change_event"
NBSP = "\u00a0"
# A spreadsheet runs a cell that starts like a formula; a leading quote keeps it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def editions_for(user):
    """The editions ``user`` runs, newest first: the choices of forms and filters."""
    return visible(user, RUN_EDITION, Event.objects.order_by("-year", "-pk"))


def edition_choice(user, event_id, perm: str = RUN_EDITION) -> Event:
    """The edition asked for (``?event=``), else the lead one among those ``perm`` allows.

    ``perm`` is asked of the edition itself. An id that is not one, or an edition the
    user may not open, answers 404.
    """
    editions = visible(user, perm, Event.objects.select_related("venue").order_by("-year", "-pk"))
    if event_id not in (None, ""):
        pk = as_id(event_id)
        event = editions.filter(pk=pk).first() if pk else None
    else:
        lead = current_edition(user)
        event = (
            (editions.filter(pk=lead.pk).first() if lead else None)
            or editions.filter(status=EventStatus.PUBLISHED).first()
            or editions.first()
        )
    if event is None or not can(user, perm, event):
        raise Http404
    return event


def local_time(moment, event: Event) -> str:
    """``12-08-2027 09:15 WIB``: a moment in the edition's own time zone."""
    if moment is None:
        return ""
    local = timezone.localtime(moment, ZoneInfo(event.time_zone))
    return f"{local:%d-%m-%Y %H:%M} {zone_label(event.time_zone)}"


def status_badge(value: str, label) -> str:
    """A status as a coloured badge (styles in each room's templates/…/admin/styles.html)."""
    return format_html(
        '<span class="pameran-status pameran-status--{value}" data-status="{value}">{label}</span>',
        value=value,
        label=label,
    )


def rupiah(amount) -> str:
    """``Rp 1.500.000`` that does not break between "Rp" and the figure."""
    return format_rupiah(amount).replace(" ", NBSP)


def spreadsheet_safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# --- a service's refusal ---------------------------------------------------------------------


def error_messages(error) -> list[str]:
    """What a refusal (ValidationError, PermissionDenied …) says to the user."""
    return list(getattr(error, "messages", None) or [str(error) or _("Not allowed.")])


def report(request, error, *, describe=error_messages) -> None:
    """A service's refusal, as a message at the top of the page.

    ``describe`` turns the error into messages (a room with errors of its own passes one).
    """
    for message in describe(error):
        messages.error(request, message)


def put_on_form(form, error, *, describe=error_messages) -> None:
    """A service's refusal, on the form's field when it names one the form has."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, describe(error))


class EditionMixin:
    """A screen about one edition, chosen with ``?event=`` (a switcher when several)."""

    edition_perm = RUN_EDITION

    @cached_property
    def event(self) -> Event:
        source = self.request.POST if self.request.method == "POST" else self.request.GET
        event = edition_choice(self.request.user, source.get("event"), self.edition_perm)
        if not self.edition_allowed(event):
            raise Http404
        return event

    def edition_allowed(self, event: Event) -> bool:
        return True

    @cached_property
    def editions(self):
        editions = visible(
            self.request.user, self.edition_perm, Event.objects.order_by("-year", "-pk")
        )
        return [event for event in editions if self.edition_allowed(event)]

    def dispatch(self, request, *args, **kwargs):
        self.event  # noqa: B018 — 404 before anything renders
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.event.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def here(self, **query) -> str:
        return f"{self.request.path}?{urlencode({'event': self.event.pk, **query})}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            event=self.event, editions=self.editions, zone=zone_label(self.event.time_zone)
        )
        return context


class PermissionMenuItem(MenuItem):
    """Shown to whoever holds ``perm`` in some edition (from the cached grants: no query)."""

    def __init__(self, *args, perm: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.perm = perm

    def is_shown(self, request):
        return can(request.user, self.perm)
