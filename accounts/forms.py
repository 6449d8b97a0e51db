"""Admin forms for people and their roles."""

from __future__ import annotations

import json

from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.users.forms import UserCreationForm, UserEditForm

from .models import ROLE_SCOPES, Role, RoleGrant, User
from .services import role_grant

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
