"""Forms of the matching desk in the Wagtail admin (matching/viewsets.py, admin_views.py).

The forms read and offer choices; the rules live in matching.services, which the views
call with what the forms cleaned. Choices are narrowed to the edition at hand and to the
editions the user runs, and anything else sent is refused as "not one of the choices".
Values a service checks (a deal's value, a void reason) are left to the service, so its
message is the one the user reads.
"""

from __future__ import annotations

import re

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from events.admin_views import editions_for
from events.models import Currency, Event, EventDay, Programme
from exhibitors.models import QUOTA_STATUSES, Business, Sector

from .countries import Country
from .models import (
    PLACED_MEETING_STATUSES,
    Buyer,
    Meeting,
    TransactionKind,
)

# "1.500.000" or "1,500,000": a number typed with thousands separators, which reads as
# 1.5 in one convention and 1.5 million in the other. Refused rather than guessed.
GROUPED_NUMBER = re.compile(r"^-?\d{1,3}([.,]\d{3})+$")


def day_label(day: EventDay, *, with_edition: bool = False) -> str:
    text = date_format(day.date, "l, j F Y")
    return f"{day.event.name} · {text}" if with_edition else text


def buyer_choices(event: Event):
    """The buyers taking part in ``event``'s business matching."""
    return Buyer.objects.filter(participations__event=event).order_by("name").distinct()


def business_choices(event: Event):
    """The businesses exhibiting at ``event`` (an approved, allocated or confirmed application)."""
    return (
        Business.objects.filter(applications__event=event, applications__status__in=QUOTA_STATUSES)
        .order_by("legal_name", "pk")
        .distinct()
    )


def business_label(business: Business) -> str:
    if business.brand_name and business.brand_name != business.legal_name:
        return f"{business.brand_name} ({business.legal_name})"
    return business.legal_name


def _narrow(field, queryset, message) -> None:
    field.queryset = queryset
    field.error_messages["invalid_choice"] = message
    field.error_messages["invalid_pk_value"] = message


# --- buyers ------------------------------------------------------------------------------


class BuyerForm(WagtailAdminModelForm):
    """A buyer; its sectors of interest ticked from the list rather than typed as JSON."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "sectors" in self.fields:
            field = self.fields["sectors"]
            self.fields["sectors"] = forms.MultipleChoiceField(
                label=field.label,
                help_text=field.help_text,
                choices=Sector.choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                error_messages={"invalid_choice": _("Choose sectors from the list.")},
            )


class EnrolForm(forms.Form):
    """Enrol a buyer in an edition's business matching (matching.services.buyer_join)."""

    event = forms.ModelChoiceField(label=_("Edition"), queryset=Event.objects.none())
    max_meetings = forms.IntegerField(
        label=_("Most meetings"),
        initial=12,
        min_value=1,
        max_value=200,
        help_text=_("Most meetings the buyer takes in this edition."),
    )

    def __init__(self, *args, buyer: Buyer, user, **kwargs):
        super().__init__(*args, **kwargs)
        joined = buyer.participations.values("event_id")
        _narrow(
            self.fields["event"],
            editions_for(user).exclude(pk__in=joined),
            _("Choose one of the editions you run that the buyer has not joined yet."),
        )


class BuyerLoginForm(forms.Form):
    """An account for the buyer's contact: found by email, or made and sent a link."""

    email = forms.EmailField(label=_("Email"))
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        required=False,
        help_text=_("Needed only when no account uses this email yet."),
    )
    preferred_language = forms.ChoiceField(
        label=_("Language of the emails"),
        choices=[("id", "Bahasa Indonesia"), ("en", "English")],
        initial="id",
    )

    def __init__(self, *args, buyer: Buyer, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("email", buyer.contact_email)
            self.initial.setdefault("full_name", buyer.contact_name)
            if buyer.country != Country.ID:
                self.initial.setdefault("preferred_language", "en")


# --- sessions ----------------------------------------------------------------------------


class SessionForm(WagtailAdminModelForm):
    """A session of an edition the user runs, on one of its days. The edition stays once
    saved (slots and meetings hang on it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        editions = editions_for(user)
        event = self.instance.event if self.instance.pk else None
        if "event" in self.fields:
            field = self.fields["event"]
            _narrow(field, editions, _("Choose one of the editions you run."))
            if event is not None:
                field.disabled = True
                field.help_text = _("It stays with its edition once saved.")
        if "day" in self.fields:
            days = EventDay.objects.filter(event__in=editions).select_related("event")
            if event is not None:
                days = days.filter(event=event)
            several = event is None and editions.count() > 1
            field = self.fields["day"]
            _narrow(
                field,
                days.order_by("-event__year", "event_id", "date"),
                _("Choose a day of an edition you run."),
            )
            field.label_from_instance = lambda day: day_label(day, with_edition=several)

    def clean(self):
        cleaned = super().clean()
        event = self.instance.event if self.instance.pk else cleaned.get("event")
        day = cleaned.get("day")
        if event is not None and day is not None and day.event_id != event.pk:
            self.add_error("day", _("Choose a day of %(edition)s.") % {"edition": event.name})
        return cleaned


# --- meetings ----------------------------------------------------------------------------


class PairForm(forms.Form):
    """The desk pairs a buyer and an exhibitor (matching.services.meeting_request, side desk)."""

    buyer = forms.ModelChoiceField(label=_("Buyer"), queryset=Buyer.objects.none())
    business = forms.ModelChoiceField(label=_("Exhibitor"), queryset=Business.objects.none())
    message = forms.CharField(
        label=_("Note for both"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why they should meet: products, volumes, certificates."),
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        _narrow(
            self.fields["buyer"],
            buyer_choices(event),
            _("Choose a buyer taking part in this edition."),
        )
        field = self.fields["business"]
        _narrow(field, business_choices(event), _("Choose an exhibitor of this edition."))
        field.label_from_instance = business_label


# --- the deal ledger ---------------------------------------------------------------------


class ValueField(forms.DecimalField):
    """A deal's value as typed: digits, a dot before the cents. Whether it is more than
    zero, and whole for the rupiah, is the ledger's rule (matching.services)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 18)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault(
            "help_text", _("Digits only, a dot before the cents: 15000000 or 1250.50.")
        )
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def to_python(self, value):
        text = str(value or "").strip().replace(" ", "")
        if GROUPED_NUMBER.match(text):
            raise forms.ValidationError(
                _("Type the value without thousands separators, e.g. 15000000."),
                code="grouped",
            )
        return super().to_python(text)


class DealFields(forms.Form):
    """The fields of a deal a correction may change (matching.services.CORRECTABLE)."""

    kind = forms.ChoiceField(label=_("Kind"), choices=TransactionKind.choices)
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices, initial="IDR")
    value = ValueField(label=_("Value"))
    deal_date = forms.DateField(
        label=_("Deal date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    quantity = forms.DecimalField(
        label=_("Quantity"), required=False, max_digits=14, decimal_places=3
    )
    unit = forms.CharField(label=_("Unit"), max_length=32, required=False)
    product_name = forms.CharField(label=_("Product"), max_length=150, required=False)
    sector = forms.ChoiceField(
        label=_("Sector"),
        choices=[("", _("The exhibitor's sector")), *Sector.choices],
        required=False,
    )
    destination_country = forms.ChoiceField(
        label=_("Export destination"),
        choices=[("", _("Domestic (no export)")), *Country.choices],
        required=False,
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.none(), required=False
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def narrow_programmes(self, event: Event) -> None:
        _narrow(
            self.fields["programme"],
            Programme.objects.filter(events=event).select_related("ministry").order_by("name"),
            _("Choose a programme that supports this edition."),
        )


class RecordDealForm(DealFields):
    """The desk records a deal (matching.services.transaction_record, side desk)."""

    business = forms.ModelChoiceField(label=_("Exhibitor"), queryset=Business.objects.none())
    buyer = forms.ModelChoiceField(
        label=_("Buyer"),
        queryset=Buyer.objects.none(),
        required=False,
        help_text=_("Empty only for a retail sale to visitors."),
    )
    meeting = forms.ModelChoiceField(
        label=_("Meeting"),
        queryset=Meeting.objects.none(),
        required=False,
        help_text=_("The business-matching meeting the deal came from, if any."),
    )

    field_order = ["business", "buyer", "meeting", "kind", "currency", "value", "deal_date"]

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["business"]
        _narrow(field, business_choices(event), _("Choose an exhibitor of this edition."))
        field.label_from_instance = business_label
        _narrow(
            self.fields["buyer"],
            buyer_choices(event),
            _("Choose a buyer taking part in this edition."),
        )
        field = self.fields["meeting"]
        _narrow(
            field,
            Meeting.objects.filter(event=event, status__in=PLACED_MEETING_STATUSES)
            .select_related("buyer", "business")
            .order_by("buyer__name", "business__legal_name"),
            _("Choose a meeting of this edition."),
        )
        field.label_from_instance = lambda meeting: f"{meeting.buyer} × {meeting.business}"
        self.narrow_programmes(event)


class CorrectDealForm(DealFields):
    """A correction: the deal as it should have been recorded, and why."""

    reason = forms.CharField(
        label=_("Reason for the correction"),
        required=False,  # the ledger asks for one, and says so
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required. Kept with the voided row."),
    )

    def __init__(self, *args, row, **kwargs):
        initial = kwargs.pop("initial", None) or {
            "kind": row.kind,
            "currency": row.currency,
            "value": row.value,
            "deal_date": row.deal_date,
            "quantity": row.quantity,
            "unit": row.unit,
            "product_name": row.product_name,
            "sector": row.sector,
            "destination_country": row.destination_country,
            "programme": row.programme_id,
            "notes": row.notes,
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.narrow_programmes(row.event)

    def changes(self) -> dict:
        """What ``transaction_correct`` takes: every correctable field, as typed."""
        data = dict(self.cleaned_data)
        data.pop("reason", None)
        if not data.get("sector"):
            data.pop("sector")  # keep the row's sector
        return data


class VoidForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,  # the ledger asks for one, and says so
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required. Kept with the row; the totals no longer count it."),
    )
