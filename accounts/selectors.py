import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.urls import NoReverseMatch, reverse

from .models import Role, User
from .permissions import can, grants_of


def users_with_role(*, role: str, scope):
    return User.objects.filter(
        is_active=True,
        role_grants__role=role,
        role_grants__scope_type=ContentType.objects.get_for_model(scope),
        role_grants__scope_id=scope.pk,
    ).distinct()


# --- where a user lands after logging in ---------------------------------------------------


def home_url_for(user) -> str:
    """The screen a logged-in user starts from: the admin, the association portal or the
    exhibitor portal. Falls back to the site root while a portal is not installed."""
    if can(user, "wagtailadmin.access_admin"):
        name = "wagtailadmin_home"
    elif grants_of(user).get(Role.ASSOCIATION_ADMIN):
        name = "exhibitors:association_home"
    elif grants_of(user).get(Role.MINISTRY_READER):
        name = "dashboards:home"
    elif grants_of(user).get(Role.BUYER):
        name = "matching:buyer_home"
    else:
        name = "exhibitors:home"
    try:
        return reverse(name)
    except NoReverseMatch:
        return "/"


# --- brute-force throttles ------------------------------------------------------------------

# Counted in the cache over a fixed window, per client address and per client address +
# email: the second stops guessing one account's password, the first a sweep over many
# accounts. The per-address limits are generous because Indonesian mobile networks put
# many people behind one address (carrier-grade NAT), as does a venue's Wi-Fi.
THROTTLE_WINDOW_SECONDS = 15 * 60
THROTTLE_LIMITS = {  # action: (tries per address + email, tries per address)
    "login": (10, 60),
    "signup": (10, 30),
    "resend_verification": (5, 30),
    "password_reset": (5, 30),
    # Visitors register without an account; a school registers as one group.
    "visitor_registration": (5, 100),
}


def throttle_keys(*, action: str, client: str, email: str) -> list[tuple[str, int]]:
    """(cache key, limit) pairs counting tries of ``action`` from ``client`` for ``email``."""
    per_email, per_client = THROTTLE_LIMITS[action]
    email_digest = hashlib.sha256(f"{client}|{email.strip().lower()}".encode()).hexdigest()
    client_digest = hashlib.sha256(client.encode()).hexdigest()
    return [
        (f"throttle:{action}:client-email:{email_digest}", per_email),
        (f"throttle:{action}:client:{client_digest}", per_client),
    ]


def attempts_exceeded(*, action: str, client: str, email: str) -> bool:
    keys = throttle_keys(action=action, client=client, email=email)
    counts = cache.get_many([key for key, _limit in keys])  # one round trip for both
    return any((counts.get(key) or 0) >= limit for key, limit in keys)
