"""Visitors' forms: registration (alone or as a group) and the waiting list.

Forms read and tidy what people type ("0812-…", names one per line); the services in
``tickets.services`` decide and write. Bots are kept out without third parties: a
field people never see (``website``) must stay empty, and the form carries a signed
time stamp, so a form sent back within seconds of being served, or days later, is
refused with a message and the visitor's answers kept.
"""

from __future__ import annotations

import re

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from accounts.forms import normalize_indonesian_phone
from accounts.models import indonesian_phone_validator
from events.regions import Province
from exhibitors.forms import BootstrapMixin

from .models import PassType, VisitorCategory
from .selectors import edition_days
from .services import Person

FORM_SALT = "tickets.registration-form"
MIN_FILL_SECONDS = 3
MAX_FORM_AGE_SECONDS = 6 * 3600


def form_stamp() -> str:
    return signing.TimestampSigner(salt=FORM_SALT).sign("registration")


def check_stamp(value: str) -> None:
    signer = signing.TimestampSigner(salt=FORM_SALT)
    try:
        signer.unsign(value or "", max_age=MAX_FORM_AGE_SECONDS)
    except signing.SignatureExpired as error:
        raise ValidationError(
            _("This form was open for too long. Please check your answers and send it again."),
            code="stale",
        ) from error
    except signing.BadSignature as error:
        raise ValidationError(
            _("The form could not be checked. Please send it again."), code="stamp"
        ) from error
    try:
        signer.unsign(value, max_age=MIN_FILL_SECONDS)
    except signing.SignatureExpired:
        return  # older than the minimum: a person had time to read it
    raise ValidationError(
        _("That was very quick. Please check your answers and send the form again."),
        code="too_fast",
    )


class ListedChoices:
    """Answers looked up among instances the view already holds (``listed``), when it gives
    them, instead of one query per answer; the queryset still renders the choices."""

    listed = None

    def _from_listed(self, value):
        key = str(value)
        for instance in self.listed:
            if str(instance.pk) == key:
                return instance
        raise ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class DayChoiceField(ListedChoices, forms.ModelMultipleChoiceField):
    def label_from_instance(self, day):
        from django.utils.formats import date_format

        return date_format(day.date, "l, j F Y")

    def _check_values(self, value):
        if self.listed is None:
            return super()._check_values(value)
        chosen = {}
        for item in value:
            day = self._from_listed(item)
            chosen[day.pk] = day
        return list(chosen.values())


class PassTypeChoiceField(ListedChoices, forms.ModelChoiceField):
    def label_from_instance(self, pass_type):
        return pass_type.display_name

    def to_python(self, value):
        if self.listed is None or value in self.empty_values:
            return super().to_python(value)
        return self._from_listed(value)


class HumanCheckMixin(forms.Form):
    """The honeypot and the signed time stamp, shared by the visitors' forms."""

    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    stamp = forms.CharField(required=False, widget=forms.HiddenInput)

    def check_human(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("The form could not be checked. Please send it again."))
        check_stamp(self.cleaned_data.get("stamp", ""))


def _clean_phone(value: str, *, required: bool) -> str:
    phone = normalize_indonesian_phone(value)
    if not phone:
        if required:
            raise ValidationError(_("Give a WhatsApp number."))
        return ""
    indonesian_phone_validator(phone)
    return phone


class RegistrationForm(BootstrapMixin, HumanCheckMixin, forms.Form):
    pass_type = PassTypeChoiceField(
        label=_("Pass"),
        queryset=PassType.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
    )
    days = DayChoiceField(
        label=_("Days you will come"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one day.")},
    )
    contact_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Your QR pass is sent to this address."),
    )
    phone = forms.CharField(
        label=_("WhatsApp number"),
        max_length=24,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        help_text=_("E.g. 0812 3456 7890."),
    )
    province = forms.ChoiceField(label=_("Province"), choices=[("", "—"), *Province.choices])
    city = forms.CharField(label=_("City or regency"), max_length=100)
    category = forms.ChoiceField(label=_("You are"), choices=[("", "—"), *VisitorCategory.choices])
    organisation = forms.CharField(
        label=_("School, company or organisation"),
        max_length=200,
        required=False,
        help_text=_("For groups; optional for others."),
    )
    members = forms.CharField(
        label=_("Group members"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Registering a group? One person per line: name, and an email if they want their "
            "own pass by email. Leave empty to register yourself only."
        ),
    )
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my data is used to run my visit."),
        error_messages={"required": _("Please agree to the privacy notice to register.")},
    )

    def __init__(self, *args, event, pass_types: list[PassType], **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        field = self.fields["pass_type"]
        field.queryset = PassType.objects.filter(pk__in=[p.pk for p in pass_types]).order_by(
            "sort_order", "name"
        )
        field.listed = pass_types
        self.fields["days"].queryset = event.days.order_by("date")
        self.fields["days"].listed = edition_days(event.pk)
        if len(pass_types) == 1:
            field.initial = pass_types[0].pk
        if not self.is_bound:
            self.fields["stamp"].initial = form_stamp()

    def clean_phone(self):
        return _clean_phone(self.cleaned_data.get("phone", ""), required=True)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_members(self) -> list[Person]:
        people = []
        lines = [line.strip() for line in self.cleaned_data.get("members", "").splitlines()]
        for number, line in enumerate((line for line in lines if line), start=1):
            name, _sep, email = line.partition(",")
            name, email = name.strip(), email.strip().lower()
            if not name or len(name) > 150 or not re.search(r"\w", name):
                raise ValidationError(
                    _("Line %(line)s: give the person's name.") % {"line": number}
                )
            if email:
                try:
                    validate_email(email)
                except ValidationError as error:
                    raise ValidationError(
                        _("Line %(line)s: %(email)s is not an email address.")
                        % {"line": number, "email": email}
                    ) from error
            people.append(Person(name=name, email=email))
        return people

    def clean(self):
        cleaned = super().clean()
        self.check_human()
        pass_type = cleaned.get("pass_type")
        days = cleaned.get("days")
        if pass_type and days:
            allowed = {day.pk for day in pass_type.days.all()}  # prefetched by the view
            if any(day.pk not in allowed for day in days):
                self.add_error("days", _("This pass is not valid on one of the days chosen."))
        members = cleaned.get("members") or []
        if pass_type and len(members) > pass_type.max_per_registration:
            self.add_error(
                "members",
                _("At most %(count)s people can register together for this pass.")
                % {"count": pass_type.max_per_registration},
            )
        return cleaned


class WaitlistForm(BootstrapMixin, HumanCheckMixin, forms.Form):
    pass_type = forms.ModelChoiceField(queryset=PassType.objects.none(), widget=forms.HiddenInput)
    days = DayChoiceField(
        label=_("Days"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one day.")},
    )
    name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("Email"), max_length=254)
    phone = forms.CharField(label=_("WhatsApp number"), max_length=24, required=False)
    people = forms.IntegerField(label=_("How many people"), min_value=1, max_value=200, initial=1)
    consent = forms.BooleanField(
        label=_("I agree that my contact details are kept to tell me when a place is free."),
        error_messages={"required": _("Please agree to the privacy notice to join the list.")},
    )

    def __init__(self, *args, event, pass_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pass_type"].queryset = pass_types
        self.fields["days"].queryset = event.days.order_by("date")
        if not self.is_bound:
            self.fields["stamp"].initial = form_stamp()

    def clean_phone(self):
        return _clean_phone(self.cleaned_data.get("phone", ""), required=False)

    def clean(self):
        cleaned = super().clean()
        self.check_human()
        return cleaned
