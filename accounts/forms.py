"""Forms for people: the admin's user and role screens, and the public account screens."""

from __future__ import annotations

import json
import re

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    SetPasswordMixin,
    UsernameField,
)
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.users.forms import UserCreationForm, UserEditForm

from .models import ROLE_SCOPES, Role, RoleGrant, User, indonesian_phone_validator
from .selectors import attempts_exceeded
from .services import (
    attempt_record,
    attempts_clear,
    duplicate_email_error,
    role_grant,
    user_password_reset_request,
)

# --- Wagtail's user screens, for our User (email, full name, phone; no username) -------------

PERSON_FIELDS = ["email", "full_name", "phone", "preferred_language"]


class _PersonFieldsMixin:
    """Drop Wagtail's first/last name; an email is one account, whatever its case."""

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        taken = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("Another account already uses this email address."), code="duplicate_email"
            )
        return email


class PameranUserCreationForm(_PersonFieldsMixin, UserCreationForm):
    first_name = None
    last_name = None

    class Meta(UserCreationForm.Meta):
        fields = [*PERSON_FIELDS, "is_superuser", "groups"]


class PameranUserEditForm(_PersonFieldsMixin, UserEditForm):
    first_name = None
    last_name = None

    class Meta(UserEditForm.Meta):
        fields = [*PERSON_FIELDS, "is_active", "is_superuser", "groups"]


# --- role grants -------------------------------------------------------------------------


def grantable_roles() -> list[tuple[str, str, type]]:
    """(role, label, scope model) for each role whose scope model is installed."""
    roles = []
    for role in Role:
        label = ROLE_SCOPES.get(role)
        if not label:
            continue
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        roles.append((role.value, role.label, model))
    return roles


def _scope_key(obj) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


class RoleGrantForm(WagtailAdminModelForm):
    """Give a user a role over one object; the "over" list offers what that role is scoped to."""

    scope = forms.ChoiceField(
        label=_("Over"),
        help_text=_("The edition, association or ministry the role is held over."),
    )

    class Meta:
        model = RoleGrant
        fields = ["user", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        roles = grantable_roles()
        self.fields["user"].queryset = User.objects.filter(is_active=True)
        self.fields["role"].choices = [("", "---------")] + [(r, lbl) for r, lbl, _m in roles]
        groups, seen = [], set()
        for _role, _label, model in roles:
            if model in seen:
                continue
            seen.add(model)
            options = [(_scope_key(obj), str(obj)) for obj in model._default_manager.all()]
            groups.append((str(model._meta.verbose_name_plural).capitalize(), options))
        self.fields["scope"].choices = [("", "---------"), *groups]
        # Which group of the "over" list belongs to which role, for the small script.
        self.fields["role"].widget.attrs["data-role-scopes"] = json.dumps(
            {r: str(m._meta.verbose_name_plural).capitalize() for r, _lbl, m in roles}
        )

    def clean(self):
        cleaned = super().clean()
        role, key, user = cleaned.get("role"), cleaned.get("scope"), cleaned.get("user")
        if not role or not key:
            return cleaned
        label, _sep, pk = key.partition(":")
        expected = ROLE_SCOPES.get(role)
        if label != expected:
            model = apps.get_model(expected)
            self.add_error(
                "scope",
                _("The %(role)s role is held over one of the %(things)s; pick one of those.")
                % {"role": Role(role).label, "things": model._meta.verbose_name_plural},
            )
            return cleaned
        scope = apps.get_model(label)._default_manager.filter(pk=pk).first()
        if scope is None:
            self.add_error("scope", _("That object no longer exists; pick another."))
            return cleaned
        if (
            user
            and RoleGrant.objects.filter(
                user=user,
                role=role,
                scope_type=ContentType.objects.get_for_model(scope),
                scope_id=scope.pk,
            ).exists()
        ):
            self.add_error(
                None,
                _("%(user)s already holds this role over %(scope)s.")
                % {"user": user, "scope": scope},
            )
        cleaned["scope_object"] = scope
        return cleaned

    def save(self, commit=True):
        self.instance = role_grant(
            user=self.cleaned_data["user"],
            role=self.cleaned_data["role"],
            scope=self.cleaned_data["scope_object"],
            granted_by=self.for_user,
        )
        return self.instance


# --- public account screens: sign-up, login, password reset ----------------------------------


def client_address(request) -> str:
    """The address a request came from, for throttling.

    Behind the production load balancer (recognisable by SECURE_PROXY_SSL_HEADER) every
    request arrives from the balancer, which appends the real client to
    X-Forwarded-For; elsewhere that header is whatever the client wrote, so it is ignored.
    """
    if request is None:
        return ""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and forwarded:
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def throttled_error() -> ValidationError:
    return ValidationError(
        _("Too many attempts. Please wait 15 minutes and try again."), code="throttled"
    )


# Django's own help lists every validator; this says the same in one line.
PASSWORD_HELP = _(
    "At least 8 characters; not only numbers, not a common password, "
    "not close to your name or email."
)


def normalize_indonesian_phone(value: str) -> str:
    """0812…, 62812… and "+62 812-…" all become +62812…, the form the model stores."""
    number = re.sub(r"[\s\-.()]", "", value or "")
    if number.startswith("0"):
        number = "+62" + number[1:]
    elif number.startswith("62"):
        number = "+" + number
    elif number.startswith("8"):
        number = "+62" + number
    return number


class BootstrapFormMixin:
    """Bootstrap classes on every widget; invalid fields are styled by aria-invalid."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = "form-check-input" if isinstance(widget, forms.CheckboxInput) else "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class SignupForm(BootstrapFormMixin, SetPasswordMixin, forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name", "autofocus": True}),
    )
    email = forms.EmailField(
        label=_("Email"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send a link to this address to confirm it is yours."),
    )
    phone = forms.CharField(
        label=_("WhatsApp number"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        help_text=_("The organizers contact exhibitors on WhatsApp. For example 0812 3456 7890."),
    )
    password1, password2 = SetPasswordMixin.create_password_fields(
        label1=_("Password"), label2=_("Password again")
    )
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my data is used as it describes."),
        error_messages={
            "required": _("Please agree to the privacy notice to create an account."),
        },
    )

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = PASSWORD_HELP
        self.fields["password2"].help_text = ""

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"]).strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise duplicate_email_error()
        return email

    def clean_phone(self):
        phone = normalize_indonesian_phone(self.cleaned_data["phone"])
        indonesian_phone_validator(phone)
        return phone

    def clean(self):
        cleaned = super().clean()
        client, email = client_address(self.request), self.data.get("email", "")
        if attempts_exceeded(action="signup", client=client, email=email):
            raise throttled_error()
        attempt_record(action="signup", client=client, email=email)
        self.validate_passwords()
        candidate = User(
            email=cleaned.get("email", ""),
            full_name=cleaned.get("full_name", ""),
            phone=cleaned.get("phone", ""),
        )
        self.validate_password_for_user(candidate, password_field_name="password1")
        return cleaned


class LoginForm(BootstrapFormMixin, AuthenticationForm):
    """Email and password; refuses unverified accounts and slows down guessing."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The email address or password is not correct."),
        "unverified": _(
            "Please confirm your email address first: open the link we sent you. "
            "No email? Ask for a new link below."
        ),
    }

    username = UsernameField(
        label=_("Email"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def clean(self):
        client, email = client_address(self.request), self.data.get("username", "")
        if attempts_exceeded(action="login", client=client, email=email):
            raise throttled_error()
        try:
            cleaned = super().clean()
        except ValidationError as error:
            if error.code == "invalid_login":
                attempt_record(action="login", client=client, email=email)
            raise
        attempts_clear(action="login", client=client, email=email)
        return cleaned

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if user.email_verified_at is None:
            raise ValidationError(self.error_messages["unverified"], code="unverified")

    @property
    def needs_verification(self) -> bool:
        return self.has_error(NON_FIELD_ERRORS, code="unverified")


class ResendVerificationForm(BootstrapFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("Email"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        client, email = client_address(self.request), self.data.get("email", "")
        if attempts_exceeded(action="resend_verification", client=client, email=email):
            raise throttled_error()
        attempt_record(action="resend_verification", client=client, email=email)
        return cleaned


class PasswordResetRequestForm(BootstrapFormMixin, PasswordResetForm):
    """Asks for the reset link; the email goes out from a task, in the user's language."""

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autofocus"] = True

    def clean(self):
        cleaned = super().clean()
        client, email = client_address(self.request), self.data.get("email", "")
        if attempts_exceeded(action="password_reset", client=client, email=email):
            raise throttled_error()
        attempt_record(action="password_reset", client=client, email=email)
        return cleaned

    def save(self, request=None, **kwargs):
        request = request or self.request
        user_password_reset_request(
            email=self.cleaned_data["email"],
            base_url=request.build_absolute_uri("/") if request else None,
        )


class NewPasswordForm(BootstrapFormMixin, SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = PASSWORD_HELP
        self.fields["new_password2"].help_text = ""


class ChangePasswordForm(NewPasswordForm, PasswordChangeForm):
    pass
