"""Template helpers of the page chrome: JSON-LD, sharing tags, canonical address, site
settings and the menus of the navigation bar and the footer.

Menus come from the NavigationSettings (one query, cached on the request by Wagtail) and
their page links resolve to the reader's language with one more query for both menus;
when a menu is empty it falls back to the pages that exist (one query).
"""

from __future__ import annotations

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from cms import seo
from cms.remembered import remembered

register = template.Library()

MENUS_ATTR = "_pameran_menus"
# What a menu's "other address" may start with (the block checks it too; stored data that
# came another way, such as an import, is checked again here).
SAFE_SCHEMES = ("https://", "http://", "/", "mailto:", "tel:", "#")
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


# JSON-LD and sharing ----------------------------------------------------------------------


@register.filter
def json_ld(value):
    """`value` (a dict or list) as a <script type="application/ld+json"> element.

    <, > and & are written as \\u003C, \\u003E and \\u0026, so no text in the data
    (a "</script>" in a title) can end the element early.
    """
    if not value:
        return ""
    data = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(data))  # noqa: S308


@register.simple_tag(takes_context=True)
def wagtail_page(context):
    """The Wagtail page being shown, or None: other views use "page" for other things
    (a paginator's page, a registration's)."""
    page = context.get("page")
    return page if isinstance(page, Page) else None


@register.simple_tag(takes_context=True)
def sharing_image_url(context, page=None):
    """Absolute address of the page's sharing image (1200 × 630 JPEG), else the site's."""
    page = page if page is not None else wagtail_page(context)
    return seo.sharing_image_url(page, context.get("request"))


@register.simple_tag(takes_context=True)
def canonical_url(context, page=None):
    page = page if page is not None else wagtail_page(context)
    return seo.canonical_url(context.get("request"), page)


@register.simple_tag(takes_context=True)
def page_description(context, page=None):
    """A page's search description, else its introduction (plain text, ≤ 300 characters)."""
    return seo.page_description(page if page is not None else wagtail_page(context))


@register.simple_tag
def og_locale(language_code=None):
    """id_ID or en_US for Open Graph."""
    code = (language_code or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return seo.OG_LOCALES.get(code, code)


@register.simple_tag(takes_context=True)
def og_type(context):
    page = wagtail_page(context)
    return "article" if type(page).__name__ == "NewsPage" else "website"


@register.simple_tag(takes_context=True)
def site_settings(context):
    """The SiteSettings of the request's site (None without a site)."""
    return seo.site_settings(context.get("request"))


@register.filter
def whatsapp_url(number) -> str:
    """https://wa.me/6281234… from a number written any way (+62 812-34…, 0812…)."""
    digits = "".join(ch for ch in str(number or "") if ch.isdigit())
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    return f"https://wa.me/{digits}" if digits else ""


@register.filter
def tel_url(number) -> str:
    text = str(number or "").strip()
    plus = "+" if text.startswith("+") else ""
    digits = "".join(ch for ch in text if ch.isdigit())
    return f"tel:{plus}{digits}" if digits else ""


# Menus --------------------------------------------------------------------------------------


def _language() -> str:
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return settings.LANGUAGE_CODE


def _is_default_language(language: str) -> bool:
    return language == settings.LANGUAGE_CODE


def _link_label(value: dict, language: str) -> str:
    label = (value.get("label") or "").strip()
    if _is_default_language(language):
        return label
    return (value.get("label_en") or "").strip() or label


def _page_label(value: dict, page, language: str) -> str:
    """label (Indonesian) / label_en (English); empty: the localized page's title. In English,
    an Indonesian label is used only when the page has no English translation."""
    label = (value.get("label") or "").strip()
    if _is_default_language(language):
        return label or page.title
    label_en = (value.get("label_en") or "").strip()
    if label_en:
        return label_en
    if page.language == language:
        return page.title
    return label or page.title


def _localized_pages(ids: set[int], language: str) -> dict[int, Page]:
    """{chosen page id: the live page to link to}, in one query: the translation in
    `language` when it is live, else the chosen page itself when it is live."""
    if not ids:
        return {}
    keys = Page.objects.filter(pk__in=ids).values("translation_key")
    rows = list(
        Page.objects.filter(
            Q(pk__in=ids) | Q(translation_key__in=keys, locale__language_code=language, live=True)
        ).annotate(language=F("locale__language_code"))
    )
    translations = {p.translation_key: p for p in rows if p.language == language and p.live}
    resolved = {}
    for page in rows:
        if page.pk not in ids:
            continue
        target = translations.get(page.translation_key) or (page if page.live else None)
        if target is not None:
            resolved[page.pk] = target
    return resolved


def _configured(raw_blocks: list[dict], pages: dict[int, Page], language: str, request):
    items = []
    for block in raw_blocks:
        value = block.get("value") or {}
        if block.get("type") == "page":
            page = pages.get(_as_int(value.get("page")))
            url = page.get_url(request) if page is not None else None
            if not url:
                continue  # a deleted or unpublished page, or one outside every site
            label = _page_label(value, page, language)
            items.append({"label": label, "url": url, "page_id": page.pk})
        elif block.get("type") == "link":
            url = (value.get("url") or "").strip()
            label = _link_label(value, language)
            if url.startswith(SAFE_SCHEMES) and label:
                items.append({"label": label, "url": url, "external": url.startswith("http")})
    return items


def _as_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _default_pages(context, language: str) -> dict:
    """The pages the default menus link to, in one query: the edition's page and its
    programme, directory and associations pages; the news index, FAQ and contact page."""
    from django.contrib.contenttypes.models import ContentType

    from cms.models import (
        AssociationsPage,
        ContactPage,
        DirectoryPage,
        EventPage,
        FaqPage,
        NewsIndexPage,
        ProgrammePage,
    )

    classes = {
        EventPage: "event",
        ProgrammePage: "programme",
        DirectoryPage: "directory",
        AssociationsPage: "associations",
        NewsIndexPage: "news",
        FaqPage: "faq",
        ContactPage: "contact",
    }
    types = ContentType.objects.get_for_models(*classes)  # cached by Django
    names = {types[cls].pk: name for cls, name in classes.items()}
    pages = (
        Page.objects.live()
        .filter(depth__in=[3, 4], content_type__in=list(names))
        .annotate(
            event_id=Subquery(EventPage.objects.filter(pk=OuterRef("pk")).values("event_id")[:1])
        )
        .order_by("path")
    )
    current = context.get("page")
    home_path = None
    if isinstance(current, Page) and current.depth and current.depth >= 2:
        home_path = current.path[: Page.steplen * 2]
        pages = pages.filter(path__startswith=home_path)
    else:
        pages = pages.filter(locale__language_code=language)
    pages = list(pages)

    edition = context.get("edition")
    event_pages = [p for p in pages if names[p.content_type_id] == "event"]
    event_page = next((p for p in event_pages if edition and p.event_id == edition.pk), None)
    if event_page is None and event_pages and edition is None:
        event_page = event_pages[0]
    found = {"event": event_page}
    for page in pages:
        name = names[page.content_type_id]
        if name == "event" or name in found:
            continue
        on_home = page.depth == 3 and name in ("news", "faq", "contact")
        in_edition = event_page is not None and page.path.startswith(event_page.path)
        if on_home or (page.depth == 4 and in_edition):
            found[name] = page
    return found


def _defaults(context, request, language: str) -> tuple[list, list]:
    found = _default_pages(context, language)

    def url_of(name):
        page = found.get(name)
        return page.get_url(request) if page is not None else None

    edition_url = context.get("edition_page_url") or url_of("event")
    registration = context.get("registration")
    registration = registration if isinstance(registration, dict) else {}
    visitor = registration.get("visitor") or (f"{edition_url}#visitors" if edition_url else None)
    exhibitor = registration.get("exhibitor") or (
        f"{edition_url}#exhibitors" if edition_url else None
    )
    home = {"label": _("Home"), "url": reverse("wagtail_serve", args=[""]), "home": True}

    header = [home]
    candidates = [
        (_("The edition"), edition_url),
        (_("Programme"), url_of("programme")),
        (_("Directory"), url_of("directory")),
        (_("Visitors"), visitor),
        (_("Exhibitors"), exhibitor),
        (_("News"), url_of("news")),
    ]
    header += [{"label": label, "url": url} for label, url in candidates if url]

    footer = []
    for name in ("event", "programme", "directory", "associations", "news", "faq", "contact"):
        page = found.get(name)
        url = url_of(name)
        if url:
            footer.append({"label": page.title, "url": url})
    return header, footer


def _menus(context, request) -> dict:
    """Both menus, remembered per host, language and what the default menus depend on."""
    language = _language()
    page = wagtail_page(context)
    home_path = page.path[: Page.steplen * 2] if page is not None and (page.depth or 0) >= 2 else ""
    registration = context.get("registration")
    registration = registration if isinstance(registration, dict) else {}
    key = (
        "menus",
        language,
        home_path,
        getattr(context.get("edition"), "pk", ""),
        context.get("edition_page_url") or "",
        registration.get("visitor") or "",
        registration.get("exhibitor") or "",
    )
    return dict(remembered(key, lambda: _read_menus(context, request, language), request=request))


def _read_menus(context, request, language: str) -> dict:
    from cms.models import NavigationSettings

    try:
        navigation = seo.read_setting(NavigationSettings, request)
        header_raw = list(navigation.header_links.raw_data)
        footer_raw = list(navigation.footer_links.raw_data)
    except Exception:  # no Site yet (an empty database): the defaults
        header_raw, footer_raw = [], []
    ids = {
        _as_int((block.get("value") or {}).get("page"))
        for block in header_raw + footer_raw
        if block.get("type") == "page"
    } - {None}
    pages = _localized_pages(ids, language)
    header = _configured(header_raw, pages, language, request)
    footer = _configured(footer_raw, pages, language, request)
    if not header or not footer:
        default_header, default_footer = _defaults(context, request, language)
        header = header or default_header
        footer = footer or default_footer
    return {"header": header, "footer": footer}


@register.simple_tag(takes_context=True)
def site_menu(context, which="header"):
    """The "header" or "footer" menu: [{label, url, current, external}], in the reader's
    language, the link to the page being read marked current."""
    request = context.get("request")
    if request is None:
        return []
    menus = getattr(request, MENUS_ATTR, None)
    if menus is None or menus.get("language") != translation.get_language():
        menus = _menus(context, request)
        menus["language"] = translation.get_language()
        setattr(request, MENUS_ATTR, menus)
    page = wagtail_page(context)
    page_id = getattr(page, "pk", None)
    items = []
    for item in menus.get(which, []):
        url = item["url"]
        current = (page_id is not None and item.get("page_id") == page_id) or (
            "#" not in url and url == request.path
        )
        items.append({**item, "current": current})
    return items
