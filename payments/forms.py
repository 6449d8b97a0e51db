"""The organizer's payment forms in the Wagtail admin: a transfer received, a refund, a
cancellation, a fee waived, a bank account.

They only read what was typed: whether it may be done (dates, amounts, who carries a
fee) is decided by payments.services, whose refusals the views put back on these forms.
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from accounts.permissions import visible
from events.models import Event

# "Rp 1.500.000", "1.500.000", "1500000", "1 500 000" and "1.500.000,00" all read 1500000.
RUPIAH_TEXT = re.compile(r"^(?:rp\.?)?\s*(\d{1,3}(?:[.\s]\d{3})+|\d+)(?:,0{1,2})?$", re.IGNORECASE)


class RupiahField(forms.IntegerField):
    """Whole rupiah, typed the Indonesian way or as plain digits, and shown as 1.500.000."""

    # Text, not a number input: a number input refuses "1.500.000".
    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    default_error_messages = {"invalid": _("Give an amount in whole rupiah, e.g. 1.500.000.")}

    def prepare_value(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value:,}".replace(",", ".")
        return value

    def to_python(self, value):
        if isinstance(value, str):
            match = RUPIAH_TEXT.match(value.strip())
            if value.strip() and not match:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            value = re.sub(r"[.\s]", "", match.group(1)) if match else ""
        return super().to_python(value)


class TransferReceivedForm(forms.Form):
    transfer_date = forms.DateField(
        label=_("Transfer date"),
        widget=AdminDateInput,
        help_text=_("The date on the bank statement. Not later than today."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["transfer_date"].initial = timezone.localdate()


class RefundForm(forms.Form):
    amount = RupiahField(
        label=_("Amount (Rp)"),
        min_value=1,
        help_text=_("All that can still be refunded, unless you change it."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,  # the service asks for one, and says so
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required. Kept in the payment's log."),
    )

    def __init__(self, *args, refundable: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].initial = refundable


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the payment's log. What the payment held is released."),
        error_messages={"required": _("Give a reason for cancelling the payment.")},
    )


class WaiveForm(forms.Form):
    """Which application's booth fee is carried by whom, and why."""

    application = forms.ModelChoiceField(
        label=_("Application"),
        queryset=None,
        empty_label=_("Choose an application"),
        help_text=_(
            "Approved or allocated applications of this edition whose fee is neither paid "
            "nor waived. A transfer still waiting is cancelled."
        ),
        error_messages={
            "required": _("Choose the application whose fee is waived."),
            "invalid_choice": _("Choose one of the applications listed."),
        },
    )
    sponsor = forms.CharField(
        label=_("Sponsored by"),
        max_length=150,
        required=False,  # the service asks for one, and says so
        help_text=_("The ministry, association or programme that carries the fee."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, applications, label, waiting_ids=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["application"]
        field.queryset = applications

        def named(application) -> str:
            text = label(application)
            if application.pk in waiting_ids:
                text += " — " + str(_("a payment is waiting"))
            return text

        field.label_from_instance = named


class BankAccountForm(WagtailAdminModelForm):
    """The edition is one the user runs, and stays once saved."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "event" in self.fields:
            field = self.fields["event"]
            field.queryset = visible(
                self.for_user, "events.change_event", Event.objects.order_by("-year", "-pk")
            )
            field.error_messages["invalid_choice"] = _("Choose one of the editions you run.")
            if self.instance.pk:
                field.disabled = True
                field.help_text = _("It stays with its edition once saved.")

    def clean_account_number(self):
        number = (self.cleaned_data.get("account_number") or "").strip()
        if not re.fullmatch(r"[0-9][0-9 .\-]*[0-9]", number):
            raise ValidationError(
                _("Give the account number in digits (spaces and dashes allowed).")
            )
        return number
