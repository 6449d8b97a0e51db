"""Helpers for tests of Wagtail admin screens."""

from wagtail.users.models import UserProfile


def admin_login(client, user, *, language="en"):
    """Log ``user`` in to the admin, read in ``language`` (assertions name English labels)."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return client
