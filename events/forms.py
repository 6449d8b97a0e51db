"""Admin forms and panels for editions, participations and the rest of the events room."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import Panel

from accounts.models import Role
from accounts.permissions import visible
from accounts.selectors import users_with_role

from .models import Association, Event, TimeZone

REGISTRATION_WINDOW_FIELDS = (
    "exhibitor_registration_opens_at",
    "exhibitor_registration_closes_at",
    "visitor_registration_opens_at",
    "visitor_registration_closes_at",
)


def events_user_runs(user):
    """The editions ``user`` may attach things to (their days, their participations)."""
    return visible(user, "events.change_event", Event.objects.all())


class EventForm(WagtailAdminModelForm):
    """An edition. Registration windows are typed and shown in the edition's own time zone.

    They are stored in UTC; an organizer in Solo and one in Makassar read the same
    wall-clock time for a WITA edition.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = ZoneInfo(self.instance.time_zone or TimeZone.WIB)
        for name in REGISTRATION_WINDOW_FIELDS:
            if name not in self.fields:
                continue
            self.fields[name].help_text = _("In the edition's time zone.")
            value = getattr(self.instance, name)
            if value is not None:
                self.initial[name] = timezone.localtime(value, zone).replace(tzinfo=None)

    def clean(self):
        cleaned = super().clean()
        zone = ZoneInfo(cleaned.get("time_zone") or self.instance.time_zone or TimeZone.WIB)
        for name in REGISTRATION_WINDOW_FIELDS:
            value = cleaned.get(name)
            if value is not None:
                # The field read wall-clock time in the admin's zone; re-read it in the edition's.
                cleaned[name] = timezone.make_aware(timezone.make_naive(value), zone)
        return cleaned


class ParticipationForm(WagtailAdminModelForm):
    """An association's booth quota in an edition; organizers pick only editions they run."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "event" in self.fields:
            self.fields["event"].queryset = events_user_runs(self.for_user)
            self.fields["event"].error_messages["invalid_choice"] = _(
                "Choose one of the editions you run."
            )


class AssociationAdminsPanel(Panel):
    """Read-only: the people holding the association-admin role over the association.

    ``association_path`` leads from the edited object to its association: ``""`` on an
    association's own screen, ``"association"`` on a participation's.
    """

    def __init__(self, association_path="", **kwargs):
        kwargs.setdefault("heading", _("Association admins"))
        kwargs.setdefault(
            "help_text",
            _("People who hold the association admin role. Grant or revoke it under Role grants."),
        )
        super().__init__(**kwargs)
        self.association_path = association_path

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs["association_path"] = self.association_path
        return kwargs

    class BoundPanel(Panel.BoundPanel):
        template_name = "events/panels/association_admins.html"

        def association(self):
            instance = self.instance
            if self.panel.association_path:
                pk = getattr(instance, f"{self.panel.association_path}_id", None)
                return Association.objects.filter(pk=pk).first() if pk else None
            return instance if instance is not None and instance.pk else None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            association = self.association()
            context["association"] = association
            context["admins"] = (
                list(users_with_role(role=Role.ASSOCIATION_ADMIN, scope=association))
                if association
                else []
            )
            return context
