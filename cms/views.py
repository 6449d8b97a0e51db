"""/robots.txt and /sitemap.xml, outside the language prefixes.

The sitemap lists every live public page of every language's tree of the site (Wagtail's
own sitemap walks only the active language's), each with links to its translations
(hreflang), plus what a page adds through `get_sitemap_urls` (the directory's exhibitors).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from urllib.parse import urlsplit, urlunsplit
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site

# First path segments (in every language) that are private: accounts, portals, payments,
# the scanner, pass pages, business matching and the ministry dashboard.
PRIVATE_PREFIXES = [
    "akun/",
    "portal/",
    "asosiasi/",
    "dokumen/",
    "stan/",
    "bayar/",
    "scan/",
    "tiket/p/",
    "tiket/selesai/",
    "temu-bisnis/",
    "angka/",
]
# Public parts under a private prefix (the live-figures block of the website).
PUBLIC_UNDER_PRIVATE = ["angka/langsung/"]
# Outside the language prefixes.
PRIVATE_ROOTS = ["/admin/", "/api/", "/i18n/", "/payments/"]


def _language_prefixes() -> list[str]:
    """ "/" for the default language, "/en/" for each other one."""
    others = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    return ["/"] + [f"/{code}/" for code in others]


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = ["User-agent: *"]
    prefixes = _language_prefixes()
    lines += [f"Allow: {prefix}{path}" for path in PUBLIC_UNDER_PRIVATE for prefix in prefixes]
    lines += [f"Disallow: {path}" for path in PRIVATE_ROOTS]
    lines += [f"Disallow: {prefix}{path}" for path in PRIVATE_PREFIXES for prefix in prefixes]
    lines.append("Allow: /")
    lines += ["", f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


# The sitemap ------------------------------------------------------------------------------


def _site(request) -> Site | None:
    return (
        Site.find_for_request(request)
        or Site.objects.filter(is_default_site=True).select_related("root_page").first()
    )


def _rebase(location: str, site_root: str, request) -> str:
    """A page's address on the host the sitemap was asked on, when Wagtail built it on the
    Site's configured host (often "localhost" in a fresh install)."""
    if not location:
        return location
    parts = urlsplit(location)
    if not parts.netloc:
        return request.build_absolute_uri(location)
    root = urlsplit(site_root)
    if (parts.scheme, parts.netloc) == (root.scheme, root.netloc):
        here = urlsplit(request.build_absolute_uri("/"))
        return urlunsplit((here.scheme, here.netloc, parts.path, parts.query, parts.fragment))
    return location


def sitemap_pages(site: Site):
    """Every live public page of the site's home page and of its translations, in tree order."""
    homes = list(site.root_page.get_translations(inclusive=True).only("path"))
    if not homes:
        return Page.objects.none()
    in_trees = Q()
    for home in homes:
        in_trees |= Q(path__startswith=home.path)
    return (
        Page.objects.live()
        .public()
        .filter(in_trees)
        .select_related("locale")
        .defer_streamfields()
        .specific()
        .order_by("path")
    )


def sitemap_entries(request) -> list[dict]:
    """[{"location", "lastmod", "alternates": [(language, location) …]}] of the site."""
    site = _site(request)
    if site is None:
        return []
    pages = list(sitemap_pages(site))
    entries = []
    by_key: dict = {}  # translation key → {language: location}
    for page in pages:
        urls = page.get_sitemap_urls(request) or []
        own = page.get_full_url(request)
        for url in urls:
            location = _rebase(url.get("location", ""), site.root_url, request)
            if not location:
                continue
            entry = {"location": location, "lastmod": url.get("lastmod"), "alternates": []}
            if url.get("location") == own:
                by_key.setdefault(page.translation_key, {})[page.locale.language_code] = location
                entry["key"] = page.translation_key
            elif url.get("alternates"):
                entry["alternates"] = [
                    (alt.get("lang_code"), _rebase(alt.get("location", ""), site.root_url, request))
                    for alt in url["alternates"]
                ]
            entries.append(entry)
    for entry in entries:
        languages = by_key.get(entry.pop("key", None), {})
        if len(languages) > 1:
            ordered = [code for code, _name in settings.LANGUAGES if code in languages]
            entry["alternates"] = [(code, languages[code]) for code in ordered]
            entry["alternates"].append(("x-default", languages[ordered[0]]))
    return entries


def _lastmod(value) -> str:
    if isinstance(value, datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return ""


def render_sitemap(entries: list[dict]) -> str:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for entry in entries:
        out.append("  <url>")
        out.append(f"    <loc>{escape(entry['location'])}</loc>")
        lastmod = _lastmod(entry.get("lastmod"))
        if lastmod:
            out.append(f"    <lastmod>{lastmod}</lastmod>")
        for code, location in entry.get("alternates") or []:
            if code and location:
                out.append(
                    f'    <xhtml:link rel="alternate" hreflang={quoteattr(code)} '
                    f"href={quoteattr(location)}/>"
                )
        out.append("  </url>")
    out.append("</urlset>")
    return "\n".join(out) + "\n"


@require_GET
def sitemap_xml(request):
    return HttpResponse(
        render_sitemap(sitemap_entries(request)), content_type="application/xml; charset=utf-8"
    )
