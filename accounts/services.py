from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import ROLE_SCOPES, RoleGrant, User
from .permissions import forget_grants


def user_create(
    *, email: str, full_name: str, password: str | None = None, phone: str = "", **extra
) -> User:
    user = User(email=email, full_name=full_name, phone=phone, **extra)
    user.full_clean(exclude=["password"])
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


def _model_name(label: str) -> str:
    """The display name of a model named by label; its label while the model does not exist."""
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except LookupError:
        return label


@transaction.atomic
def role_grant(*, user: User, role: str, scope, granted_by: User | None = None) -> RoleGrant:
    """Give ``user`` the ``role`` over ``scope``; granting it twice changes nothing."""
    expected = ROLE_SCOPES.get(role)
    actual = scope._meta.label_lower
    if expected is None:
        raise ValidationError(_("Unknown role."))
    if expected != actual:
        raise ValidationError(
            _("This role is granted over %(expected)s, not %(actual)s.")
            % {"expected": _model_name(expected), "actual": scope._meta.verbose_name}
        )
    grant, _created = RoleGrant.objects.get_or_create(
        user=user,
        role=role,
        scope_type=ContentType.objects.get_for_model(scope),
        scope_id=scope.pk,
        defaults={"granted_by": granted_by},
    )
    forget_grants(user)
    return grant


@transaction.atomic
def role_revoke(*, user: User, role: str, scope) -> bool:
    deleted, _rows = RoleGrant.objects.filter(
        user=user,
        role=role,
        scope_type=ContentType.objects.get_for_model(scope),
        scope_id=scope.pk,
    ).delete()
    forget_grants(user)
    return bool(deleted)
