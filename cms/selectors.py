"""Reads of public pages (no writes here)."""

from wagtail.models import Locale

from events.models import Event


def event_page_for(event: Event | None, locale: Locale | None = None):
    """The live page of `event` in `locale` (the active one by default), or None.

    Falls back to the page in any locale when the edition has no page in this one.
    """
    from .models import EventPage

    if event is None:
        return None
    pages = EventPage.objects.live().filter(event=event).select_related("locale")
    if locale is None:
        try:
            locale = Locale.get_active()
        except (LookupError, Locale.DoesNotExist):
            locale = None
    if locale is not None:
        page = pages.filter(locale=locale).first()
        if page is not None:
            return page
    return pages.order_by("pk").first()
