from django.apps import apps
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ROLE_SCOPES, RoleGrant, User
from .permissions import forget_grants
from .selectors import THROTTLE_WINDOW_SECONDS, throttle_keys
from .tasks import send_password_reset_email, send_verification_email


def user_create(
    *, email: str, full_name: str, password: str | None = None, phone: str = "", **extra
) -> User:
    # Accounts made by organizers or seed code need no email proof; self-registration
    # (accounts.services.user_register) passes email_verified_at=None.
    extra.setdefault("email_verified_at", timezone.now())
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


# --- self-registration, email verification, password reset -------------------------------


def duplicate_email_error() -> ValidationError:
    # Saying the address is taken is accepted here: sign-up must tell a returning
    # exhibitor where to go, and the sign-up throttle limits probing.
    return ValidationError(
        _(
            "An account with this email address already exists. "
            "Log in, or reset your password if you forgot it."
        ),
        code="duplicate_email",
    )


@transaction.atomic
def user_register(
    *,
    email: str,
    full_name: str,
    phone: str,
    password: str,
    language: str,
    base_url: str | None = None,
) -> User:
    """An exhibitor signs up: an unverified account, and an email with the link that verifies it.

    ``base_url`` (scheme and host of the request, e.g. "https://pameran.id") makes the
    link absolute; without it the admin's base URL is used.
    """
    email = User.objects.normalize_email(email).strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise duplicate_email_error()
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    candidate = User(email=email, full_name=full_name, phone=phone)
    password_validation.validate_password(password, candidate)
    try:
        with transaction.atomic():
            user = user_create(
                email=email,
                full_name=full_name,
                phone=phone,
                password=password,
                preferred_language=language,
                email_verified_at=None,
                privacy_consent_at=timezone.now(),
            )
    except IntegrityError as error:  # the same address registered a moment ago
        raise duplicate_email_error() from error
    _queue_verification_email(user, base_url)
    return user


def _queue_verification_email(user: User, base_url: str | None) -> None:
    transaction.on_commit(lambda: send_verification_email.delay(user.pk, base_url))


def user_verification_resend(*, email: str, base_url: str | None = None) -> None:
    """Send the verification link again, if ``email`` is an active account still unverified.

    Says nothing either way, so that the answer does not tell whether an address has an
    account.
    """
    user = User.objects.filter(
        email__iexact=email.strip(), is_active=True, email_verified_at__isnull=True
    ).first()
    if user is not None:
        _queue_verification_email(user, base_url)


def user_verify_email(*, user: User) -> User:
    """The user proved they read mail at their address; verifying twice keeps the first time."""
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
    return user


def user_password_reset_request(*, email: str, base_url: str | None = None) -> None:
    """Email a password-reset link to the active account with this address, if there is one.

    Accounts an organizer made without a password may use it to set their first one.
    """
    for user in User.objects.filter(email__iexact=email.strip(), is_active=True):
        transaction.on_commit(
            lambda user_id=user.pk: send_password_reset_email.delay(user_id, base_url)
        )


def attempt_record(*, action: str, client: str, email: str) -> None:
    """Count one try of ``action`` (see selectors.attempts_exceeded)."""
    for key, _limit in throttle_keys(action=action, client=client, email=email):
        # add() starts the window; it does not move while tries keep coming.
        cache.add(key, 0, timeout=THROTTLE_WINDOW_SECONDS)
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=THROTTLE_WINDOW_SECONDS)


def attempts_clear(*, action: str, client: str, email: str) -> None:
    """Forget the tries for this client and email (after a successful login)."""
    keys = throttle_keys(action=action, client=client, email=email)
    cache.delete(keys[0][0])  # the per-client count stays: it guards other accounts
