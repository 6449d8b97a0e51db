"""Template helpers of the public site: language switcher, edition, dates and hours."""

from datetime import datetime, time
from functools import lru_cache
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.urls.base import translate_url
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format
from django.utils.safestring import mark_safe

from cms.remembered import remembered
from events import selectors as event_selectors

register = template.Library()

LONG_DATE = "l, j F Y"  # Kamis, 12 Agustus 2027 / Thursday, 12 August 2027
DAY_MONTH = "j F"
DAY_MONTH_YEAR = "j F Y"


def _home_url(language_code: str) -> str:
    with translation.override(language_code):
        return reverse("wagtail_serve", args=[""])


def _route_below(page, request) -> str:
    if request is None:
        return ""
    own = page.get_url(request) or ""
    path = request.path
    return path[len(own) :] if own and path.startswith(own) and path != own else ""


def _translation_urls(page, request) -> dict[str, str]:
    """{language code: address} of the page's live translations, itself included."""
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    urls = {}
    for translated in translations:
        url = translated.get_url(request)
        if url:
            urls[translated.locale.language_code] = url
    return urls


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One entry per site language for the switcher and the hreflang links.

    On a Wagtail page each entry leads to the page's live translation in that
    language (or that language's home page when there is none, with
    ``available`` false); on any other view, to the same URL in that language.
    """
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    urls: dict[str, str] = {}
    from_page = False
    if page is not None and getattr(page, "translation_key", None) and page.pk:
        from_page = True
        # A route below a routable page (an exhibitor under the directory) is kept.
        route = _route_below(page, request)
        translated = remembered(
            ("translations", page.pk), lambda: _translation_urls(page, request), request=request
        )
        urls = {code: url + route for code, url in translated.items()}
    elif request is not None:
        path = request.get_full_path()
        urls = {code: translate_url(path, code) for code, _name in settings.LANGUAGES}
    links = []
    for code, _name in settings.LANGUAGES:
        info = translation.get_language_info(code)
        url = urls.get(code)
        available = url is not None
        if url is None:
            url = _home_url(code)
        links.append(
            {
                "code": code,
                "label": code.upper(),
                "name": info["name_local"],
                "url": url,
                "absolute_url": request.build_absolute_uri(url) if request else url,
                "available": available,
                "current": code == current,
                "from_page": from_page,
            }
        )
    return links


@register.simple_tag
def icon(name: str):
    """A small inline SVG icon (components/icon.html), rendered once per name: the
    directory shows two on each of its cards."""
    return _icon_markup(name)


@lru_cache(maxsize=32)
def _icon_markup(name: str):
    return mark_safe(render_to_string("components/icon.html", {"name": name}))  # noqa: S308


@register.simple_tag(takes_context=True)
def current_edition(context):
    """The edition the page is about, else the one the site leads with."""
    if context.get("edition") is not None:
        return context["edition"]
    page = context.get("page")
    edition = getattr(getattr(page, "specific", page), "edition", None)
    if edition is not None:
        return edition
    return event_selectors.current_edition()


@register.filter
def zone_label(event) -> str:
    """WIB, WITA or WIT for an event (or a zone name)."""
    name = getattr(event, "time_zone", event)
    return event_selectors.zone_label(name) if name else ""


@register.filter
def long_date(value) -> str:
    """A long date: Kamis, 12 Agustus 2027 (id); Thursday, 12 August 2027 (en)."""
    if not value:
        return ""
    return date_format(value, LONG_DATE)


@register.filter
def clock(value) -> str:
    """A time of day the local way: 09.00 in Indonesian, 09:00 in English."""
    if not isinstance(value, time | datetime):
        return ""
    separator = "." if translation.get_language() == "id" else ":"
    return value.strftime(f"%H{separator}%M")


@register.filter
def date_range(first, last) -> str:
    """12–15 Agustus 2027; 30 Agustus – 2 September 2027; one day as a single date."""
    if not first:
        return ""
    if not last or last == first:
        return date_format(first, DAY_MONTH_YEAR)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{date_format(last, DAY_MONTH_YEAR)}"
    if first.year == last.year:
        return f"{date_format(first, DAY_MONTH)} – {date_format(last, DAY_MONTH_YEAR)}"
    return f"{date_format(first, DAY_MONTH_YEAR)} – {date_format(last, DAY_MONTH_YEAR)}"


@register.filter
def event_time(value, event) -> str:
    """A stored (UTC) instant shown in the event's zone: "Senin, 1 Maret 2027, 09.00 WIB"."""
    if not isinstance(value, datetime) or event is None:
        return ""
    local = timezone.localtime(value, ZoneInfo(event.time_zone))
    return f"{date_format(local, LONG_DATE)}, {clock(local)} {zone_label(event)}"


@register.filter
def map_embed_url(venue) -> str:
    """OpenStreetMap's embeddable map around a venue, with a marker on it."""
    if venue is None or venue.latitude is None or venue.longitude is None:
        return ""
    lat, lon = float(venue.latitude), float(venue.longitude)
    bbox = f"{lon - 0.004:.6f},{lat - 0.003:.6f},{lon + 0.004:.6f},{lat + 0.003:.6f}"
    query = urlencode({"bbox": bbox, "layer": "mapnik", "marker": f"{lat:.6f},{lon:.6f}"})
    return f"https://www.openstreetmap.org/export/embed.html?{query}"
