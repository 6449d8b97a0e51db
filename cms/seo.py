"""What search engines and sharing previews read: canonical addresses, sharing images and
schema.org structured data (JSON-LD) of the edition, news and FAQ pages.

`cms.models` imports this module, so page classes and settings are imported inside
functions. Each `*_structured_data` returns a dict ready for the `json_ld` filter
(cms.templatetags.seo_tags), or None when there is nothing valid to say.
"""

from __future__ import annotations

import html
import logging
import re
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.html import strip_tags
from wagtail.images import get_image_model

from .remembered import remembered

logger = logging.getLogger(__name__)

SHARING_FILTER = "fill-1200x630|format-jpeg|jpegquality-85"
SHARING_SIZE = (1200, 630)
OG_LOCALES = {"id": "id_ID", "en": "en_US"}
DEFAULT_ORGANIZER = "Pameran"
SCHEMA = "https://schema.org"


# Addresses -------------------------------------------------------------------------------


def absolute(request, url: str | None) -> str:
    """`url` made absolute on the request's host (an absolute `url` stays as it is)."""
    if not url:
        return ""
    if request is None:
        return url
    return request.build_absolute_uri(url)


def page_url(page, request=None) -> str:
    """The page's full address in its language, on the host the reader used."""
    url = page.get_url(request)
    if not url:
        return ""
    return absolute(request, url)


def canonical_url(request, page=None) -> str:
    """The canonical address of what `request` shows.

    A Wagtail page: its full address (a route of a routable page, such as an exhibitor of
    the directory, keeps the route). Any other view: the path without its query string.
    """
    if page is not None and getattr(page, "pk", None):
        url = page.get_url(request)
        if url:
            path = url if url.startswith("/") else "/" + url.split("/", 3)[-1]
            if request is not None and request.path != path and request.path.startswith(path):
                url = url + request.path[len(path) :]  # a route of a RoutablePage
            return absolute(request, url)
    if request is None:
        return ""
    return request.build_absolute_uri(request.path)


def read_setting(model, request):
    """A site setting of the request's site (or the default site), read once per request.

    Unlike Wagtail's `for_request`, it never writes: a site whose settings were never
    saved gets an empty, unsaved one, so reading a page costs no INSERT.
    """
    from wagtail.models import Site

    attribute = f"_cms_setting_{model._meta.model_name}"
    if request is not None and hasattr(request, attribute):
        return getattr(request, attribute)
    try:
        site = Site.find_for_request(request) if request is not None else None
        site = site or Site.objects.filter(is_default_site=True).first()
    except Exception:  # no Site at all (an empty database)
        logger.debug("no site for settings", exc_info=True)
        site = None
    value = None
    if site is not None:
        value = remembered(
            ("setting", model._meta.label_lower, site.pk), lambda: _setting_of(model, site)
        )
    if request is not None:
        setattr(request, attribute, value)
    return value


def _setting_of(model, site):
    # The images the chrome shows come with the row, so the logo costs no query of its own.
    images = [
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is get_image_model()
    ]
    return model.objects.filter(site=site).select_related(*images).first() or model(site=site)


def site_settings(request):
    """The SiteSettings of the request's site (cached on the request), or None."""
    from .models import SiteSettings

    return read_setting(SiteSettings, request)


def organizer_name(request) -> str:
    settings = site_settings(request)
    return (settings.organizer_name if settings else "") or DEFAULT_ORGANIZER


def rendition_url(image, request=None, spec: str = SHARING_FILTER) -> str:
    """The absolute address of a rendition of `image`; "" when there is none or it fails
    (a missing original file must not break the page)."""
    if image is None:
        return ""
    try:
        rendition = image.get_rendition(spec)
    except Exception:  # SourceImageIOError, a corrupt file …
        logger.warning("no rendition %s of image %s", spec, image.pk, exc_info=True)
        return ""
    return absolute(request, rendition.url)


def sharing_image(page, request=None):
    """The page's sharing image, else the site's default one (None if neither)."""
    image = getattr(page, "sharing_image", None) if page is not None else None
    if image is None:
        settings = site_settings(request)
        image = settings.default_sharing_image if settings else None
    return image


def sharing_image_url(page, request=None) -> str:
    """The absolute address of the page's sharing image (remembered per page and host)."""
    page_id = getattr(page, "pk", None)
    image_url = lambda: rendition_url(sharing_image(page, request), request)  # noqa: E731
    return remembered(("sharing-image", page_id), image_url, request=request)


def plain_text(value, limit: int | None = None) -> str:
    """HTML (a RichText, a string) as one line of text, entities decoded."""
    if value is None:
        return ""
    source = getattr(value, "source", value)
    text = html.unescape(strip_tags(str(source)))
    text = re.sub(r"\s+", " ", text).strip()
    if limit and len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text


def page_description(page, limit: int = 300) -> str:
    """What a page is about in a sentence or two: its search description, else its
    introduction or hero text."""
    if page is None:
        return ""
    for name in ("search_description", "intro", "hero_text"):
        text = plain_text(getattr(page, name, ""), limit)
        if text:
            return text
    return ""


def _organization(request) -> dict:
    data = {"@type": "Organization", "name": organizer_name(request)}
    if request is not None:
        data["url"] = request.build_absolute_uri("/")
    return data


def _language(page) -> str:
    """The page's language; the active one (the page's, when Wagtail serves it) rather than a
    query for the locale when it is not loaded yet."""
    from django.utils import translation
    from wagtail.coreutils import get_supported_content_language_variant

    if "locale" in page._state.fields_cache or not translation.get_language():
        return page.locale.language_code
    return get_supported_content_language_variant(translation.get_language())


# Structured data --------------------------------------------------------------------------


def event_structured_data(page, request, days=None):
    """schema.org Event of an EventPage: dates in the event's zone, venue, offers.
    `days`: the edition's days when the caller has them already."""
    from events.selectors import event_days
    from tickets.services import registration_is_open

    from .models import registration_links

    event = getattr(page, "event", None)
    if event is None:
        return None
    days = list(event_days(event)) if days is None else list(days)
    if not days:
        return None  # an Event without a startDate is not valid
    zone = ZoneInfo(event.time_zone)
    first, last = days[0], days[-1]
    url = page_url(page, request)
    data = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": page.title or event.name,
        "startDate": datetime.combine(first.date, first.opens_at, zone).isoformat(),
        "endDate": datetime.combine(last.date, last.closes_at, zone).isoformat(),
        "eventStatus": f"{SCHEMA}/EventScheduled",
        "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
        "url": url,
        "inLanguage": _language(page),
        "organizer": _organization(request),
    }
    description = page_description(page, 500)
    if description:
        data["description"] = description
    venue = event.venue
    if venue is not None:
        place = {
            "@type": "Place",
            "name": venue.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": plain_text(venue.address),
                "addressLocality": venue.city,
                "addressRegion": str(venue.get_province_display()),
                "addressCountry": "ID",
            },
        }
        if venue.latitude is not None and venue.longitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(venue.latitude),
                "longitude": float(venue.longitude),
            }
        data["location"] = place
    image = sharing_image_url(page, request)
    if image:
        data["image"] = [image]
    offers = None
    if registration_is_open(event):  # no query; registration_links asks for the pass types
        offers = _offers(event, registration_links(page, request), request)
    if offers:
        data["offers"] = offers
    return data


def _offers(event, links: dict, request) -> dict | None:
    """The visitor pass offer while registration is open (the link leads to the form)."""
    from tickets.models import PassType

    visitor = links.get("visitor") or ""
    if not visitor or "#" in visitor:
        return None  # registration is not open: the link leads to the edition's page

    def lowest_price():
        prices = PassType.objects.filter(event=event, is_public=True)
        return min(prices.values_list("price", flat=True), default=0)

    price = remembered(("public-pass-price", event.pk), lowest_price)
    offer = {
        "@type": "Offer",
        "price": price,
        "priceCurrency": "IDR",
        "availability": f"{SCHEMA}/InStock",
        "url": absolute(request, visitor),
    }
    if event.visitor_registration_opens_at:
        offer["validFrom"] = event.visitor_registration_opens_at.isoformat()
    return offer


def article_structured_data(page, request):
    """schema.org NewsArticle of a NewsPage."""
    url = page_url(page, request)
    author = (getattr(page, "author", "") or "").strip()
    data = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "headline": plain_text(page.title, 110),
        "inLanguage": _language(page),
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "author": {"@type": "Person", "name": author} if author else _organization(request),
        "publisher": _organization(request),
    }
    date = getattr(page, "date", None)
    if date:
        data["datePublished"] = date.isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    description = page_description(page, 300)
    if description:
        data["description"] = description
    image = sharing_image_url(page, request)
    if image:
        data["image"] = [image]
    return data


def faq_questions(page) -> list[tuple[str, str]]:
    """(question, answer as plain text) of every accordion item on a FAQ page."""
    questions = []
    for block in getattr(page, "body", None) or []:
        if block.block_type != "accordion":
            continue
        for item in block.value.get("items") or []:
            question = plain_text(item.get("title"))
            answer = plain_text(item.get("body"))
            if question and answer:
                questions.append((question, answer))
    return questions


def faq_structured_data(page):
    """schema.org FAQPage of the FAQ page's accordions (None without questions)."""
    questions = faq_questions(page)
    if not questions:
        return None
    return {
        "@context": SCHEMA,
        "@type": "FAQPage",
        "inLanguage": _language(page),
        "mainEntity": [
            {
                "@type": "Question",
                "name": question,
                "acceptedAnswer": {"@type": "Answer", "text": answer},
            }
            for question, answer in questions
        ],
    }
