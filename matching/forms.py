"""Forms of the business-matching portal: the buyer's profile, filters, meeting requests and
replies, and deals.

Forms read and tidy what people type ("Rp 1.500.000", "1.250,50"); ``matching.services``
decides and writes, and its refusals come back onto the same bound form.
"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Currency
from events.regions import Province
from exhibitors.forms import BootstrapMixin
from exhibitors.models import Sector

from .countries import Country
from .models import Buyer, BuyerKind, TransactionKind

K = TransactionKind

# --- amounts ---------------------------------------------------------------------------------

AMOUNT_HELP = _("Enter the amount as a number, e.g. 1.500.000.")
_CURRENCY_PREFIX = re.compile(r"^(rp\.?|idr|usd|us\$|\$|sgd|s\$|myr|rm|eur|€|jpy|¥)\s*", re.I)


def parse_amount(text: str) -> Decimal:
    """A number as people type it here: "Rp 1.500.000", "1.500.000,50", "1,250.50", "1250".

    The dot groups thousands the Indonesian way ("1.500" is one thousand five hundred);
    a comma followed by one or two digits is a decimal comma; where both appear, the last
    one is the decimal separator.
    """
    value = _CURRENCY_PREFIX.sub("", (text or "").strip()).replace(" ", "").replace("\u00a0", "")
    sign = ""
    if value.startswith(("-", "−")):
        sign, value = "-", value[1:].lstrip()
    if not value or not re.fullmatch(r"[0-9.,]+", value):
        raise ValidationError(AMOUNT_HELP, code="invalid")
    if "." in value and "," in value:
        decimal_mark = "." if value.rfind(".") > value.rfind(",") else ","
        group_mark = "," if decimal_mark == "." else "."
        value = value.replace(group_mark, "").replace(decimal_mark, ".")
    elif "," in value:
        head, _sep, tail = value.rpartition(",")
        if value.count(",") == 1 and 1 <= len(tail) <= 2:
            value = f"{head}.{tail}"
        else:
            value = value.replace(",", "")
    elif "." in value:
        head, _sep, tail = value.rpartition(".")
        if value.count(".") == 1 and 1 <= len(tail) <= 2:
            value = f"{head}.{tail}"
        else:
            value = value.replace(".", "")
    try:
        number = Decimal(sign + value)
    except InvalidOperation:
        raise ValidationError(AMOUNT_HELP, code="invalid") from None
    if not number.is_finite():
        raise ValidationError(AMOUNT_HELP, code="invalid")
    return number


class AmountField(forms.CharField):
    """A decimal amount typed the Indonesian way; the service judges its range."""

    MAX_LENGTH = 40

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"inputmode": "decimal", "autocomplete": "off", "maxlength": self.MAX_LENGTH}
            ),
        )
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if len(value) > self.MAX_LENGTH:
            raise ValidationError(AMOUNT_HELP, code="invalid")
        return parse_amount(value)


# --- the buyer's profile ---------------------------------------------------------------------


class BuyerProfileForm(BootstrapMixin, forms.ModelForm):
    sectors = forms.MultipleChoiceField(
        label=_("sectors of interest"),
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The sectors whose products you look for."),
    )
    website = forms.URLField(
        label=_("website"),
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )

    class Meta:
        model = Buyer
        fields = ["name", "kind", "country", "city", "sectors", "seeks", "description", "website"]
        widgets = {
            "seeks": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }


# --- filters -----------------------------------------------------------------------------------


def _blank(label, choices):
    return [("", label), *choices]


class ExhibitorFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Search by name")}),
    )
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=_blank(_("All sectors"), Sector.choices)
    )
    province = forms.ChoiceField(
        label=_("Province"),
        required=False,
        choices=_blank(_("All provinces"), Province.choices),
    )


class BuyerFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Search by name")}),
    )
    kind = forms.ChoiceField(
        label=_("Buyer type"), required=False, choices=_blank(_("All types"), BuyerKind.choices)
    )
    sector = forms.ChoiceField(
        label=_("Sector of interest"),
        required=False,
        choices=_blank(_("All sectors"), Sector.choices),
    )


# --- meetings ----------------------------------------------------------------------------------


class MeetingRequestForm(BootstrapMixin, forms.Form):
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you would like to talk about: products, volumes, certificates."),
    )


class RespondForm(BootstrapMixin, forms.Form):
    ACCEPT = "accept"
    DECLINE = "decline"
    decision = forms.ChoiceField(
        label=_("Answer"),
        choices=[(ACCEPT, _("Accept")), (DECLINE, _("Decline"))],
        widget=forms.HiddenInput,
    )
    message = forms.CharField(
        label=_("Reply"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


# --- deals -------------------------------------------------------------------------------------


class _MeetingChoice(forms.ModelChoiceField):
    """A meeting of the edition, named by its time (in the edition's zone) and counterpart."""

    side = "buyer"

    def label_from_instance(self, meeting):
        buyer_side = self.side == "buyer"
        counterpart = meeting.business.display_name if buyer_side else meeting.buyer.name
        if meeting.slot_id:
            when = timezone.localtime(meeting.slot.starts_at, ZoneInfo(meeting.event.time_zone))
            return f"{when:%d-%m %H:%M} · {counterpart}"
        return f"{meeting.get_status_display()} · {counterpart}"


def default_deal_date(event):
    """Today in the edition's zone; the edition's first day while it is still far ahead."""
    today = timezone.localdate(timezone=ZoneInfo(event.time_zone))
    first = event.days.aggregate(first=Min("date"))["first"]
    if first is not None and today < first - timedelta(days=30):
        return first
    return today


class DealFields(BootstrapMixin, forms.Form):
    """The fields of a deal that a correction may change too."""

    kind = forms.ChoiceField(label=_("Kind of deal"), choices=K.choices)
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices, initial="IDR")
    value = AmountField(
        label=_("Value"),
        help_text=_("In the chosen currency, e.g. 15.000.000 for Rp 15 million."),
    )
    deal_date = forms.DateField(
        label=_("Deal date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    quantity = AmountField(label=_("Quantity"), required=False)
    unit = forms.CharField(
        label=_("Unit"),
        required=False,
        max_length=32,
        widget=forms.TextInput(attrs={"placeholder": "pcs, kg, box …"}),
    )
    product_name = forms.CharField(label=_("Product"), required=False, max_length=150)
    destination_country = forms.ChoiceField(
        label=_("Export destination"),
        required=False,
        choices=_blank(
            _("Domestic (no export)"), [c for c in Country.choices if c[0] != Country.ID]
        ),
        help_text=_("Only for exports."),
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"), required=False, queryset=None, empty_label=_("No programme")
    )
    meeting = _MeetingChoice(
        label=_("Meeting"),
        required=False,
        queryset=None,
        empty_label=_("Not from a meeting"),
        help_text=_("The business-matching meeting the deal came from, if any."),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    SERVICE_FIELDS = (
        "kind",
        "currency",
        "value",
        "deal_date",
        "quantity",
        "unit",
        "product_name",
        "destination_country",
        "programme",
        "meeting",
        "notes",
    )

    def __init__(self, *args, side: str, event, meetings, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.side = side
        self.event = event
        if kinds is not None:
            self.fields["kind"].choices = [c for c in K.choices if c[0] in kinds]
        self.fields["programme"].queryset = event.programmes.select_related("ministry")
        meeting_field = self.fields["meeting"]
        meeting_field.queryset = meetings
        meeting_field.side = side
        if not self.is_bound and "deal_date" not in self.initial:
            self.initial["deal_date"] = default_deal_date(event)

    def service_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data.get(name) for name in self.SERVICE_FIELDS}
        for name in ("unit", "product_name", "destination_country", "notes"):
            fields[name] = fields[name] or ""
        return fields


class DealForm(DealFields):
    """Record a deal: with the counterpart chosen among the edition's other side."""

    field_order = ["counterpart", *DealFields.SERVICE_FIELDS]

    def __init__(self, *args, side: str, event, meetings, counterparts, **kwargs):
        if side == "buyer":
            counterpart = forms.ModelChoiceField(
                label=_("Exhibitor"), queryset=counterparts, empty_label=_("Choose the exhibitor")
            )
            counterpart.label_from_instance = lambda business: business.display_name
            kinds = [k for k in K.values if k != K.RETAIL_SALE]
        else:
            counterpart = forms.ModelChoiceField(
                label=_("Buyer"),
                queryset=counterparts,
                required=False,
                empty_label=_("No buyer: a retail sale to visitors"),
                help_text=_("Only a retail sale may be recorded without a buyer."),
            )
            kinds = None
        counterpart.widget.attrs["class"] = "form-select"
        super().__init__(*args, side=side, event=event, meetings=meetings, kinds=kinds, **kwargs)
        self.fields["counterpart"] = counterpart
        self.order_fields(self.field_order)

    def add_service_error(self, error: ValidationError) -> None:
        """The service names the buyer ``buyer``; on the exhibitor's form that is the
        counterpart field."""
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                if name in ("buyer", "business"):
                    name = "counterpart"
                self.add_error(name if name in self.fields else None, errors)
        else:
            self.add_error(None, error.error_list)


class CorrectionForm(DealFields):
    """Correct a deal: void it with a reason and record the replacement."""

    reason = forms.CharField(
        label=_("Why the correction"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept with the voided row, e.g. “The purchase order says 14 million”."),
    )

    def __init__(self, *args, row=None, **kwargs):
        data = args[0] if args else kwargs.get("data")
        if row is not None and data is None:
            kwargs.setdefault(
                "initial",
                {
                    "kind": row.kind,
                    "currency": row.currency,
                    "value": _plain(row.value),
                    "deal_date": row.deal_date,
                    "quantity": _plain(row.quantity) if row.quantity is not None else "",
                    "unit": row.unit,
                    "product_name": row.product_name,
                    "destination_country": row.destination_country,
                    "programme": row.programme_id,
                    "meeting": row.meeting_id,
                    "notes": row.notes,
                },
            )
        super().__init__(*args, **kwargs)


def _plain(number) -> str:
    """A stored Decimal as a person would type it: no trailing zeros, a decimal comma."""
    text = format(Decimal(number).normalize(), "f")
    return text.replace(".", ",")


class VoidForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why it is void"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
