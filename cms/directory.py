"""The public exhibitor directory, the exhibitor pages and the associations page.

An exhibitor is listed when its application to the page's edition holds a place in the
quota (approved, allocated, confirmed) and its business chose to appear in the public
directory (``Business.is_published``). Only what a business publishes is shown: its
profile, website and marketplace links, products, valid certificates and booth; never its
WhatsApp number, email, address or NIB. On the floor plan of an exhibitor page, booths of
businesses that are not listed show no name.

Filters come from the query string and are checked against what the edition's exhibitors
actually have: a value that means nothing is left out with a note, the rest still applies.

`cms.models` imports this module, so page classes are imported inside functions.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode, urlsplit

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, Lower, NullIf, RowNumber
from django.forms.utils import flatatt
from django.http import Http404, HttpResponsePermanentRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events import selectors as event_selectors
from events.regions import Province
from exhibitors.models import (
    QUOTA_STATUSES,
    Application,
    Certification,
    CertificationKind,
    Product,
    Sector,
)

from . import selectors, seo
from .remembered import remembered

logger = logging.getLogger(__name__)

DIRECTORY_TEMPLATE = "cms/directory_page.html"
EXHIBITOR_TEMPLATE = "cms/exhibitor_page.html"
SEARCH_MAX_LENGTH = 100
SEARCH_MAX_WORDS = 8
SLUG_MAX_LENGTH = 60
SLUG_FALLBACK = "umkm"
NOTE_VALUE_LENGTH = 40
ASSOCIATION_SAMPLE = 6
SELECT_FILTERS = ("sector", "association", "province", "certification")
FILTERS = ("q", *SELECT_FILTERS)
# What a filter value may look like before it is even compared with the options.
SAFE_VALUE = re.compile(r"[-\w]{1,50}")

# Short names on the cards' badges: how the certificates are printed on packaging.
CERTIFICATE_BADGES = {
    CertificationKind.HALAL: gettext_lazy("Halal"),
    CertificationKind.BPOM_MD: "BPOM MD",
    CertificationKind.BPOM_ML: "BPOM ML",
    CertificationKind.PIRT: "P-IRT",
    CertificationKind.SNI: "SNI",
}


# Who is listed --------------------------------------------------------------------------


def listed_applications(edition):
    """Applications of `edition` whose business appears in the public directory."""
    return Application.objects.filter(
        event=edition, status__in=QUOTA_STATUSES, business__is_published=True
    )


def valid_certificates(on=None) -> Q:
    """Certificates that have not expired (on `on`, today by default)."""
    on = on or timezone.localdate()
    return Q(expires_on__isnull=True) | Q(expires_on__gte=on)


def _sort_name():
    # The name a reader sees, case-folded: the brand, else the legal name.
    return Lower(Coalesce(NullIf("business__brand_name", Value("")), "business__legal_name"))


def _slug_of(brand_name: str, legal_name: str) -> str:
    slug = slugify(brand_name or legal_name or "")[:SLUG_MAX_LENGTH].strip("-")
    return slug or SLUG_FALLBACK


def exhibitor_slug(business) -> str:
    """The readable part of an exhibitor's address: its name, slugified ("umkm" if empty)."""
    return _slug_of(business.brand_name, business.legal_name)


def _exhibitor_path(page, business_id: int, brand_name: str, legal_name: str) -> str:
    return page.reverse_subpage(
        "exhibitor", kwargs={"pk": business_id, "slug": _slug_of(brand_name, legal_name)}
    )


# Filters --------------------------------------------------------------------------------


class SearchInput(forms.TextInput):
    input_type = "search"


@dataclass
class FilterOptions:
    """The values each filter may take: only those the edition's exhibitors have."""

    sectors: list[tuple[str, str]] = field(default_factory=list)
    associations: list[tuple[str, str]] = field(default_factory=list)
    provinces: list[tuple[str, str]] = field(default_factory=list)
    certifications: list[tuple[str, str]] = field(default_factory=list)

    def choices(self, name: str) -> list[tuple[str, str]]:
        return {
            "sector": self.sectors,
            "association": self.associations,
            "province": self.provinces,
            "certification": self.certifications,
        }[name]

    def label(self, name: str, value: str) -> str:
        return dict(self.choices(name)).get(value, value)


def _option_values(edition) -> dict:
    """The raw values the edition's listed exhibitors have: one query (cached)."""
    listed = listed_applications(edition)
    # A business may hold several valid certificates: one row per kind (or none).
    valid = FilteredRelation(
        "business__certifications",
        condition=Q(business__certifications__expires_on__isnull=True)
        | Q(business__certifications__expires_on__gte=timezone.localdate()),
    )
    combos = (
        listed.alias(valid_certificates=valid)
        .order_by()
        .values_list(
            "business__sector",
            "business__province",
            "association__slug",
            "association__acronym",
            "association__name",
            "valid_certificates__kind",
        )
        .distinct()
    )
    sectors, provinces, associations, kinds = set(), set(), {}, set()
    for sector, province, slug, acronym, name, kind in combos:
        sectors.add(sector)
        provinces.add(province)
        associations[slug] = (acronym, name)
        if kind:
            kinds.add(kind)
    return {
        "sectors": sorted(sectors),
        "provinces": sorted(provinces),
        "associations": sorted(associations.items(), key=lambda a: a[1][0]),
        "kinds": sorted(kinds),
    }


def filter_options(edition) -> FilterOptions:
    """The options of the filters, labelled in the reader's language.

    The values are read in one query and kept in the cache for a few minutes (a change
    to an application, business, certificate or association forgets them at once).
    """
    values = remembered(("options", edition.pk), lambda: _option_values(edition))
    sector_labels = dict(Sector.choices)
    province_labels = dict(Province.choices)
    return FilterOptions(
        sectors=sorted(
            ((s, str(sector_labels.get(s, s))) for s in values["sectors"]),
            key=lambda c: c[1].lower(),
        ),
        associations=[
            (slug, f"{acronym} — {name}") for slug, (acronym, name) in values["associations"]
        ],
        provinces=sorted(
            ((p, province_labels.get(p, p)) for p in values["provinces"]), key=lambda c: c[1]
        ),
        certifications=[
            (kind, str(label))
            for kind, label in CertificationKind.choices
            if kind in values["kinds"]
        ],
    )


class QuickSelect(forms.Select):
    """A <select> written out in Python. Django renders each option from a template of its
    own; the directory's four filters have some eighty options, several milliseconds of
    every directory page. Same markup, same escaping."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = [
            format_html(
                '<option value="{}"{}>{}</option>',
                option["value"],
                flatatt(option["attrs"]),
                option["label"],
            )
            for _group, group_options, _index in widget["optgroups"]
            for option in group_options
        ]
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            mark_safe("".join(options)),  # noqa: S308 — each option escaped above
        )


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        widget=SearchInput(
            attrs={
                "class": "form-control",
                "placeholder": gettext_lazy("Name, product or city"),
                "autocomplete": "off",
                "enterkeyhint": "search",
            }
        ),
    )
    sector = forms.ChoiceField(label=gettext_lazy("Sector"), required=False, widget=QuickSelect)
    association = forms.ChoiceField(
        label=gettext_lazy("Association"), required=False, widget=QuickSelect
    )
    province = forms.ChoiceField(label=gettext_lazy("Province"), required=False, widget=QuickSelect)
    certification = forms.ChoiceField(
        label=gettext_lazy("Certificate"), required=False, widget=QuickSelect
    )

    ALL_LABELS = {
        "sector": gettext_lazy("All sectors"),
        "association": gettext_lazy("All associations"),
        "province": gettext_lazy("All provinces"),
        "certification": gettext_lazy("Any or none"),
    }

    def __init__(self, *args, options: FilterOptions, **kwargs):
        super().__init__(*args, **kwargs)
        for name in SELECT_FILTERS:
            self.fields[name].choices = [("", self.ALL_LABELS[name]), *options.choices(name)]
            self.fields[name].widget.attrs["class"] = "form-select"


def _note_value(value: str) -> str:
    value = " ".join(value.split())
    if len(value) > NOTE_VALUE_LENGTH:
        value = value[: NOTE_VALUE_LENGTH - 1] + "…"
    return value


def _clean_search(value) -> str:
    return " ".join(str(value or "").replace("\x00", " ").split())


def _invalid_note(name: str, value: str) -> str:
    value = _note_value(value)
    if name == "sector":
        return _(
            "No exhibitor of this edition is in the sector “%(value)s”, so that filter "
            "was left out."
        ) % {"value": value}
    if name == "association":
        return _(
            "No association “%(value)s” has exhibitors in this edition, so that filter "
            "was left out."
        ) % {"value": value}
    if name == "province":
        return _(
            "No exhibitor of this edition comes from the province “%(value)s”, so that filter "
            "was left out."
        ) % {"value": value}
    return _(
        "No exhibitor of this edition holds a valid certificate “%(value)s”, so that filter "
        "was left out."
    ) % {"value": value}


def read_filters(data, options: FilterOptions) -> tuple[dict, list[str]]:
    """The filters of the query string `data` that mean something, and notes on the others."""
    notes = []
    q = _clean_search(data.get("q"))
    if len(q) > SEARCH_MAX_LENGTH:
        q = q[:SEARCH_MAX_LENGTH].rstrip()
        notes.append(
            _("The search was too long: only its first %(count)s characters were used.")
            % {"count": SEARCH_MAX_LENGTH}
        )
    raw = {"q": q}
    for name in SELECT_FILTERS:
        raw[name] = str(data.get(name) or "").strip()
    form = DirectoryFilterForm(raw, options=options)
    form.is_valid()
    filters = {}
    for name in FILTERS:
        if name in form.errors:
            notes.append(_invalid_note(name, raw[name]))
            filters[name] = ""
        else:
            filters[name] = form.cleaned_data.get(name) or ""
    return filters, notes


def apply_filters(applications, filters: dict):
    q = filters.get("q")
    if q:
        for word in q.split()[:SEARCH_MAX_WORDS]:
            products = Product.objects.filter(
                business_id=OuterRef("business_id"), name__icontains=word
            )
            applications = applications.filter(
                Q(business__brand_name__icontains=word)
                | Q(business__legal_name__icontains=word)
                | Q(business__description__icontains=word)
                | Q(business__city__icontains=word)
                | Exists(products)
            )
    if filters.get("sector"):
        applications = applications.filter(business__sector=filters["sector"])
    if filters.get("association"):
        applications = applications.filter(association__slug=filters["association"])
    if filters.get("province"):
        applications = applications.filter(business__province=filters["province"])
    if filters.get("certification"):
        certificates = Certification.objects.filter(
            valid_certificates(), business_id=OuterRef("business_id"), kind=filters["certification"]
        )
        applications = applications.filter(Exists(certificates))
    return applications


def filter_query(filters: dict, **extra) -> str:
    """The query string of `filters` (and `extra`, e.g. a page), without empty values."""
    params = [(name, filters[name]) for name in FILTERS if filters.get(name)]
    params += [(name, value) for name, value in extra.items() if value]
    return urlencode(params)


def back_query(data) -> str:
    """The directory's filters carried to an exhibitor page, for its "back" link.

    Only well-formed values are kept; the directory checks them again.
    """
    params = []
    q = _clean_search(data.get("q"))[:SEARCH_MAX_LENGTH].strip()
    if q:
        params.append(("q", q))
    for name in SELECT_FILTERS:
        value = str(data.get(name) or "").strip()
        if value and SAFE_VALUE.fullmatch(value):
            params.append((name, value))
    page = str(data.get("page") or "").strip()
    if page.isdigit() and len(page) <= 6 and int(page) > 1:
        params.append(("page", page))
    return urlencode(params)


# The directory --------------------------------------------------------------------------


@dataclass
class ExhibitorCard:
    business: object
    association: object
    url: str
    badges: list[str]
    sector_label: str = ""
    province_label: str = ""
    booth_code: str = ""
    booth_count: int = 0

    @property
    def more_booths(self) -> int:
        return max(self.booth_count - 1, 0)


def _with_card_data(applications):
    """`applications` with the business and association joined and, on each row, how many
    there are in all (a window count): a page of cards and its total in one query."""
    return applications.select_related("business", "association").annotate(
        total=Window(Count("pk"))
    )


def _badges_and_booths(rows) -> tuple[dict, dict]:
    """For the applications of one page: {business id: kinds of valid certificates} and
    {application id: booth codes, in order}, in two small queries over those rows only
    (subqueries on every listed row cost more to plan than these cost to run)."""
    from booths.models import Allocation, AllocationKind, AllocationStatus

    if not rows:
        return {}, {}
    kinds = defaultdict(set)
    certificates = Certification.objects.filter(
        valid_certificates(),
        business_id__in={row.business_id for row in rows},
        kind__in=list(CERTIFICATE_BADGES),
    ).values_list("business_id", "kind")
    for business_id, kind in certificates:
        kinds[business_id].add(kind)
    codes = defaultdict(list)
    booths = (
        Allocation.objects.filter(
            application_id__in=[row.pk for row in rows],
            status=AllocationStatus.ACTIVE,
            kind=AllocationKind.ASSIGNMENT,
        )
        .order_by("booth__code")
        .values_list("application_id", "booth__code")
    )
    for application_id, code in booths:
        codes[application_id].append(code)
    return kinds, codes


def _cards(page, request, applications, link_query: str) -> list[ExhibitorCard]:
    cards = []
    base = page.get_url(request)
    suffix = f"?{link_query}" if link_query else ""
    # Labels from plain dicts: get_FOO_display() walks the whole list of choices per card.
    sectors, provinces = dict(Sector.choices), dict(Province.choices)
    kinds, codes = _badges_and_booths(applications)
    for application in applications:
        business = application.business
        booth_codes = codes.get(application.pk, [])
        cards.append(
            ExhibitorCard(
                business=business,
                association=application.association,
                url=base
                + _exhibitor_path(page, business.pk, business.brand_name, business.legal_name)
                + suffix,
                badges=[
                    str(badge)
                    for kind, badge in CERTIFICATE_BADGES.items()
                    if kind in kinds.get(business.pk, ())
                ],
                sector_label=str(sectors.get(business.sector, business.sector)),
                province_label=str(provinces.get(business.province, business.province)),
                booth_code=booth_codes[0] if booth_codes else "",
                booth_count=len(booth_codes),
            )
        )
    return cards


def _requested_page(raw) -> tuple[int, str]:
    """The page number asked for (1 when none), and the raw value when it is no number."""
    raw = str(raw or "").strip()
    if not raw:
        return 1, ""
    if raw.isdigit() and len(raw) <= 9 and int(raw) >= 1:
        return int(raw), ""
    return 1, raw


def _no_such_page(raw: str, number: int) -> str:
    return _("There is no page “%(value)s”; here is page %(number)s.") % {
        "value": _note_value(raw),
        "number": number,
    }


def fetch_page(applications, number: int, per_page: int) -> tuple[list, int, int]:
    """The applications of page `number`, how many there are in all, and the page shown.

    One query: the total rides along each row (a window count). Only a page beyond the
    last costs two more, to count and fetch the last page.
    """
    offset = (number - 1) * per_page
    rows = list(applications[offset : offset + per_page])
    if rows:
        return rows, rows[0].total, number
    total = applications.count() if number > 1 else 0
    if not total:
        return [], 0, 1
    last = (total - 1) // per_page + 1
    offset = (last - 1) * per_page
    return list(applications[offset : offset + per_page]), total, last


def _active_filters(filters: dict, options: FilterOptions, base_url: str) -> list[dict]:
    """The filters in use, each with a link that removes it."""
    labels = {
        "q": _("Search"),
        "sector": _("Sector"),
        "association": _("Association"),
        "province": _("Province"),
        "certification": _("Certificate"),
    }
    active = []
    for name in FILTERS:
        value = filters.get(name)
        if not value:
            continue
        others = {**filters, name: ""}
        query = filter_query(others)
        shown = f"“{value}”" if name == "q" else options.label(name, value)
        active.append(
            {
                "name": name,
                "label": labels[name],
                "value": shown,
                "remove_url": base_url + (f"?{query}" if query else ""),
            }
        )
    return active


def directory_context(page, request) -> dict:
    edition = page.edition
    base_url = page.get_url(request) or ""
    if edition is None:
        return {
            "form": None,
            "cards": [],
            "total": 0,
            "notes": [],
            "filters": {},
            "active_filters": [],
            "page_obj": None,
            "page_links": [],
            "directory_url": base_url,
        }
    options = filter_options(edition)
    filters, notes = read_filters(request.GET, options)
    applications = apply_filters(listed_applications(edition), filters)
    applications = _with_card_data(applications).order_by(_sort_name(), "business_id")
    per_page = max(page.per_page or 24, 1)
    asked, junk = _requested_page(request.GET.get("page"))
    rows, total, number = fetch_page(applications, asked, per_page)
    if junk or number != asked:
        notes.append(_no_such_page(junk or str(asked), number))
    paginator = Paginator([], per_page)
    paginator.count = total  # known from the page's own query
    page_obj = Page(rows, number, paginator)
    link_query = filter_query(filters, page=str(number) if number > 1 else "")
    cards = _cards(page, request, rows, link_query)
    page_links = []
    if paginator.num_pages > 1:
        for item in paginator.get_elided_page_range(number, on_each_side=1, on_ends=1):
            if item == paginator.ELLIPSIS:
                page_links.append({"ellipsis": True})
                continue
            query = filter_query(filters, page=str(item) if item > 1 else "")
            page_links.append(
                {
                    "number": item,
                    "url": base_url + (f"?{query}" if query else ""),
                    "current": item == number,
                }
            )

    def page_url(n):
        query = filter_query(filters, page=str(n) if n > 1 else "")
        return base_url + (f"?{query}" if query else "")

    has_filters = any(filters.values())
    canonical = seo.absolute(request, base_url)
    if not has_filters and number > 1:
        canonical += f"?page={number}"
    return {
        "form": DirectoryFilterForm(initial=filters, options=options),
        "filters": filters,
        "has_filters": has_filters,
        "active_filters": _active_filters(filters, options, base_url),
        "notes": notes,
        "cards": cards,
        "total": total,
        "page_obj": page_obj,
        "page_links": page_links,
        "previous_url": page_url(number - 1) if page_obj.has_previous() else "",
        "next_url": page_url(number + 1) if page_obj.has_next() else "",
        "directory_url": base_url,
        "canonical_address": canonical,
        "noindex": bool(filters.get("q")),
    }


def directory_view(page, request):
    context = page.get_context(request)
    context.update(page.edition_context(request))
    context.update(directory_context(page, request))
    return TemplateResponse(request, DIRECTORY_TEMPLATE, context)


# An exhibitor ---------------------------------------------------------------------------


def _web_links(business) -> list[dict]:
    """The website and marketplace links, http(s) only, each with a short label."""
    links = []
    lines = [business.website] if business.website else []
    lines += [line.strip() for line in (business.marketplace_links or "").splitlines()]
    seen = set()
    for url in lines:
        if not url or url in seen or not url.lower().startswith(("https://", "http://")):
            continue
        seen.add(url)
        host = (urlsplit(url).hostname or url).removeprefix("www.")
        links.append({"url": url, "label": host, "website": url == business.website})
    return links


def public_plan(plan):
    """`plan` without the names of businesses that are not in the public directory."""
    ids = {booth.application_id for booth in plan.booths if booth.application_id}
    shown = set(
        Application.objects.filter(
            pk__in=ids, status__in=QUOTA_STATUSES, business__is_published=True
        ).values_list("pk", flat=True)
    )
    booths = tuple(
        booth
        if not booth.business or booth.application_id in shown
        else replace(booth, business="")
        for booth in plan.booths
    )
    return replace(plan, booths=booths)


def booth_plans(application) -> list[dict]:
    """One floor plan per hall where `application` has a booth, its booths highlighted."""
    from booths.models import Allocation, AllocationKind, AllocationStatus
    from booths.plan_svg import render_plan_svg
    from booths.selectors import plan_of

    assignments = (
        Allocation.objects.filter(
            application=application,
            status=AllocationStatus.ACTIVE,
            kind=AllocationKind.ASSIGNMENT,
        )
        .select_related("booth__hall", "booth__booth_type", "booth__zone")
        .order_by("booth__hall__position", "booth__hall__code", "booth__code")
    )
    halls = {}
    for allocation in assignments:
        hall = allocation.booth.hall
        halls.setdefault(hall.pk, {"hall": hall, "booths": []})["booths"].append(allocation.booth)
    plans = []
    for number, entry in enumerate(halls.values(), start=1):
        codes = [booth.code for booth in entry["booths"]]
        plan = public_plan(plan_of(entry["hall"]))
        plans.append(
            {
                "hall": entry["hall"],
                "booths": entry["booths"],
                "codes": codes,
                "plan_id": f"floor-plan-{number}",
                "svg": render_plan_svg(plan, highlight=codes, colour_by="status"),
            }
        )
    return plans


def _description(business, edition) -> str:
    text = seo.plain_text(business.description, 300)
    if text:
        return text
    return _("%(name)s, %(sector)s from %(city)s, exhibits at %(edition)s.") % {
        "name": business.display_name,
        "sector": business.get_sector_display(),
        "city": business.city,
        "edition": edition.name,
    }


def _structured_data(business, url: str, description: str, links: list[dict]) -> dict:
    data = {
        "@context": seo.SCHEMA,
        "@type": "Organization",
        "name": business.display_name,
        "url": url,
        "description": description,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": business.city,
            "addressRegion": business.get_province_display(),
            "addressCountry": "ID",
        },
    }
    if business.brand_name and business.legal_name != business.brand_name:
        data["legalName"] = business.legal_name
    if business.founded_year:
        data["foundingDate"] = str(business.founded_year)
    if links:
        data["sameAs"] = [link["url"] for link in links]
    return data


def exhibitor_view(page, request, pk, slug):
    edition = page.edition
    if edition is None:
        raise Http404(_("This directory belongs to no edition."))
    application = (
        listed_applications(edition)
        .filter(business_id=pk)
        .select_related("business", "association")
        .first()
    )
    if application is None:
        raise Http404(_("There is no such exhibitor in this edition."))
    business = application.business
    back = back_query(request.GET)
    url = page.exhibitor_url(business, request)
    if slug != exhibitor_slug(business):
        return HttpResponsePermanentRedirect(url + (f"?{back}" if back else ""))

    products = list(application.products.order_by("name")) or list(
        business.products.order_by("name")
    )
    certifications = list(
        business.certifications.filter(valid_certificates()).order_by("kind", "expires_on")
    )
    links = _web_links(business)
    description = _description(business, edition)
    absolute_url = seo.absolute(request, url)
    directory_url = page.get_url(request)
    context = page.get_context(request)
    context.update(page.edition_context(request))
    context.update(
        {
            "application": application,
            "business": business,
            "association": application.association,
            "products": products,
            "certifications": certifications,
            "links": links,
            "plans": booth_plans(application),
            "directory_url": directory_url,
            "back_url": directory_url + (f"?{back}" if back else ""),
            "meta_description": description,
            "canonical_address": absolute_url,
            "structured_data": _structured_data(business, absolute_url, description, links),
        }
    )
    return TemplateResponse(request, EXHIBITOR_TEMPLATE, context)


# The sitemap ----------------------------------------------------------------------------


def sitemap_entries(page, request) -> list[dict]:
    """Every listed exhibitor's page, for Wagtail's sitemap (absolute address, last change)."""
    edition = page.edition
    if edition is None:
        return []
    base = page.get_full_url(request)
    if not base:
        return []
    rows = (
        listed_applications(edition)
        .order_by("business_id")
        .values_list(
            "business_id", "business__brand_name", "business__legal_name", "business__updated_at"
        )
    )
    return [
        {"location": base + _exhibitor_path(page, pk, brand, legal), "lastmod": updated_at}
        for pk, brand, legal, updated_at in rows
    ]


# The associations page ------------------------------------------------------------------


LOGO_SPEC = "fill-160x160|format-webp"


def _logo(image) -> dict | None:
    """The logo's square WebP rendition, or None (a missing file must not break the page)."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition(LOGO_SPEC)
    except Exception:  # SourceImageIOError, a corrupt file …
        logger.warning("no logo rendition of image %s", image.pk, exc_info=True)
        return None
    return {"url": rendition.url, "width": rendition.width, "height": rendition.height}


def _association_entries(page, request) -> dict:
    from .models import DirectoryPage

    edition = page.edition
    directory_page = selectors.child_of_type(page.event_page, DirectoryPage)
    directory_url = directory_page.get_url(request) if directory_page else ""
    entries = {}
    participations = event_selectors.participations_of(edition).select_related("association__logo")
    for participation in participations:
        association = participation.association
        entries[association.pk] = {
            "acronym": association.acronym,
            "name": association.name,
            "slug": association.slug,
            "sector_focus": association.sector_focus,
            "description": association.description,
            "website": association.website,
            "booth_quota": participation.booth_quota,
            "logo": _logo(association.logo),
            "count": 0,
            "exhibitors": [],
            "directory_url": "",
        }
    partition = [F("association_id")]
    rows = (
        listed_applications(edition)
        .filter(association_id__in=list(entries))
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=partition,
                order_by=[_sort_name().asc(), F("business_id").asc()],
            ),
            total=Window(Count("pk"), partition_by=partition),
        )
        .filter(rank__lte=ASSOCIATION_SAMPLE)
        .order_by("association_id", "rank")
        .values_list(
            "association_id", "business_id", "business__brand_name", "business__legal_name", "total"
        )
    )
    for association_id, business_id, brand, legal, total in rows:
        entry = entries[association_id]
        entry["count"] = total
        url = ""
        if directory_page is not None:
            url = directory_url + _exhibitor_path(directory_page, business_id, brand, legal)
        entry["exhibitors"].append({"name": brand or legal, "url": url})
    if directory_page is not None:
        for entry in entries.values():
            if entry["count"]:
                query = urlencode({"association": entry["slug"]})
                entry["directory_url"] = f"{directory_url}?{query}"
    associations = list(entries.values())
    return {
        "associations": associations,
        "directory_url": directory_url,
        "exhibitor_total": sum(entry["count"] for entry in associations),
    }


def associations_context(page, request) -> dict:
    """The edition's associations with their logos, their number of listed exhibitors and up
    to six of their names linking to their pages.

    Three queries (the directory page, the associations, the exhibitors), whose plain
    result is remembered for a few minutes: the page itself then costs none.
    """
    if page.edition is None:
        return {"associations": [], "directory_url": "", "exhibitor_total": 0}
    return remembered(
        ("associations", page.pk), lambda: _association_entries(page, request), request=request
    )
