"""Reads of the public site remembered in the cache between requests.

The pages every visitor reads (the home page's edition block, the menus, the site
settings, the links to a page's translations, the directory's filter options) change only
when an editor publishes or an organizer edits the edition, its exhibitors or the site's
settings. So they are kept in the cache as plain data under one version number, and every
such write forgets all of it at once by taking a new version (`forget_remembered`); what is
left under the old version expires on its own. Without a working cache, everything is
simply read from the database.

Only what changes on a write is remembered here: anything that changes with the clock
(is registration open now?) is worked out on each request from what was remembered.
"""

from __future__ import annotations

import logging
import time

from django.core.cache import cache

logger = logging.getLogger(__name__)

CACHE_PREFIX = "cms:remembered"
CACHE_SECONDS = 600
VERSION_KEY = f"{CACHE_PREFIX}:version"


# The version is read from the cache at most once a second per process: a page asks for
# it a dozen times. Another process sees a write up to that second later.
VERSION_MEMO_SECONDS = 1.0
_memo = {"version": None, "read_at": 0.0}


def version() -> int:
    """The number every remembered key carries; a forgetting write takes a new one."""
    now = time.monotonic()
    if _memo["version"] is not None and now - _memo["read_at"] < VERSION_MEMO_SECONDS:
        return _memo["version"]
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, time.time_ns(), None)
        current = cache.get(VERSION_KEY, 0)
    _memo.update(version=current, read_at=now)
    return current


def remembered(parts: tuple, compute, *, request=None):
    """`compute()`, kept in the cache for a few minutes under `parts`.

    `compute` returns plain data (model instances included) that depends only on what a
    forgetting write changes, never on the clock or the user; None is not remembered.
    Give the `request` when `compute` uses it: what is remembered is then kept per host
    (page addresses depend on it), and an editor's preview of a draft is computed, not
    answered with what the live page remembered.
    """
    if request is not None:
        if getattr(request, "is_preview", False):
            return compute()
        parts = (*parts, request.get_host())
    try:
        key = ":".join([CACHE_PREFIX, str(version()), *map(str, parts)])
        value = cache.get(key)
    except Exception:  # the cache server is away: read the database instead
        logger.warning("cache unavailable for remembered reads", exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, CACHE_SECONDS)
        except Exception:
            logger.warning("cache unavailable for remembered reads", exc_info=True)
    return value


def forget_remembered(**kwargs) -> None:
    """Forget every remembered read (a signal receiver: a write must never fail for it)."""
    _memo.update(version=None)
    try:
        cache.set(VERSION_KEY, time.time_ns(), None)
    except Exception:
        logger.warning("cache unavailable: remembered reads expire on their own", exc_info=True)


def connect_forgetting() -> None:
    """Forget on every write that changes something remembered (called once, at start)."""
    from django.db.models.signals import post_delete, post_migrate, post_save
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Site, get_page_models
    from wagtail.signals import (
        page_published,
        page_slug_changed,
        page_unpublished,
        post_page_move,
    )

    from cms.models import NavigationSettings, SiteSettings
    from events.models import (
        Association,
        Event,
        EventDay,
        Ministry,
        Participation,
        Programme,
        Venue,
    )
    from exhibitors.models import Application, Business, Certification
    from tickets.models import PassType

    written = [
        # The edition and what its pages show about it.
        Event,
        EventDay,
        Venue,
        Participation,
        Association,
        Programme,
        Ministry,
        PassType,
        # Who is listed in the directory, and with what.
        Application,
        Business,
        Certification,
        # The site's chrome.
        SiteSettings,
        NavigationSettings,
        get_image_model(),
        Locale,
        Site,
        # A page deleted (publishing, withdrawing, moving and renaming send the signals below).
        *get_page_models(),
    ]
    for model in written:
        uid = f"cms.remembered.forget.{model._meta.label_lower}"
        post_save.connect(forget_remembered, sender=model, dispatch_uid=uid + ".save")
        post_delete.connect(forget_remembered, sender=model, dispatch_uid=uid + ".delete")
    # A rendition deleted (its image replaced or purged) must leave the remembered markup;
    # a new one changes nothing remembered.
    rendition = get_image_model().get_rendition_model()
    post_delete.connect(
        forget_remembered, sender=rendition, dispatch_uid="cms.remembered.forget.rendition"
    )
    for name, signal in (
        ("published", page_published),
        ("unpublished", page_unpublished),
        ("slug", page_slug_changed),
        ("moved", post_page_move),
        ("migrated", post_migrate),  # a deploy may change what a remembered row holds
    ):
        signal.connect(forget_remembered, dispatch_uid=f"cms.remembered.forget.{name}")
