"""Reads of public pages (no writes here).

`cms.models` imports this module, so page classes are imported inside functions.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.urls import URLResolver, get_resolver
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from events.models import Event
from events.selectors import event_days


def active_locale() -> Locale | None:
    try:
        return Locale.get_active()
    except (LookupError, Locale.DoesNotExist):
        return None


def edition_with_venue(event_id: int | None) -> Event | None:
    if event_id is None:
        return None
    return Event.objects.select_related("venue").filter(pk=event_id).first()


def event_page_for(event: Event | None, locale: Locale | int | None = None):
    """The live page of `event` in `locale` (a Locale or its id; the active one by default),
    or None. Falls back to the page in any locale when the edition has no page in this one.
    """
    from .models import EventPage

    if event is None:
        return None
    pages = EventPage.objects.live().filter(event=event).select_related("locale", "event")
    locale = locale or active_locale()
    if locale is not None:
        page = pages.filter(locale=locale).first()
        if page is not None:
            return page
    return pages.order_by("pk").first()


def page_on_path(home, components: list[str]):
    """(the deepest page under `home` that the path `components` name, the components left
    over), in one query; None when the first component names no page.

    Wagtail walks a path one level at a time, two queries a level; the pages' `url_path`
    names the whole way at once. The walk stops early at a page type that routes by itself
    (a routable page), which then gets the rest of the path as it would from Wagtail.
    """
    if not components:
        return None
    depth_of = {
        home.url_path + "/".join(components[:count]) + "/": count
        for count in range(1, len(components) + 1)
    }
    found = {
        depth_of[page.url_path]: page
        for page in Page.objects.filter(url_path__in=depth_of, path__startswith=home.path)
    }
    page, used = None, 0
    for count in range(1, len(components) + 1):
        if count not in found:
            break
        page, used = found[count], count
        page_class = page.specific_class
        if page_class is None or page_class.route is not Page.route:
            break
    return (page, components[used:]) if page is not None else None


def event_page_above(page):
    """The event page `page` lives under (None when it is not under one), in one query."""
    from .models import EventPage

    if not page.path:
        return None
    parents = [page.path[:end] for end in range(Page.steplen, len(page.path), Page.steplen)]
    return (
        EventPage.objects.filter(path__in=parents)
        .select_related("event__venue", "locale")
        .order_by("-depth")
        .first()
    )


def child_of_type(page, page_class):
    """The first live child of `page` of `page_class` (None when `page` is None or has none)."""
    if page is None:
        return None
    return page_class.objects.child_of(page).live().order_by("path").first()


def edition_children(event_page) -> dict:
    """An event page's live subpages by type (programme, associations, directory), in one
    query. They are plain `Page` objects: enough for a title and a link."""
    if event_page is None:
        return {}
    children = {}
    for child in event_page.get_children().live().order_by("path"):
        children.setdefault(child.specific_class, child)
    return children


def live_figures_of(event: Event | None) -> dict | None:
    """The live-figures block's context for a published edition (None otherwise)."""
    from dashboards.selectors import PUBLIC_STATUSES, public_figures_context

    if event is None or event.status not in PUBLIC_STATUSES:
        return None
    return public_figures_context(event)


def news_index_of(home):
    from .models import NewsIndexPage

    return child_of_type(home, NewsIndexPage)


def latest_news(locale: Locale | int | None, count: int):
    """The `count` latest live articles in `locale`, lead images joined."""
    from .models import NewsPage

    if not count:
        return []
    articles = NewsPage.objects.live().public().select_related("lead_image")
    if locale is not None:
        articles = articles.filter(locale=locale)
    return list(articles.order_by("-date", "-pk")[:count])


def news_index_context(index_page, request) -> dict:
    """The articles under `index_page`, newest first, optionally of one tag, paginated.

    A tag or page number that means nothing shows every article (page 1) with a note,
    never an error.
    """
    from .models import NewsPage, NewsPageTag

    articles = (
        NewsPage.objects.child_of(index_page)
        .live()
        .public()
        .select_related("lead_image")
        .order_by("-date", "-pk")
    )
    tag_slug = (request.GET.get("tag") or "").strip()[:100]
    tags = (
        NewsPageTag.objects.filter(content_object__in=articles)
        .values("tag__name", "tag__slug")
        .annotate(count=Count("pk"))
        .order_by("-count", "tag__name")
    )
    tags = [{"name": t["tag__name"], "slug": t["tag__slug"], "count": t["count"]} for t in tags]
    current_tag = next((t for t in tags if t["slug"] == tag_slug), None)
    notice = ""
    if tag_slug and current_tag is None:
        notice = _("There are no articles with the tag “%(tag)s”; here are all of them.") % {
            "tag": tag_slug
        }
    if current_tag is not None:
        articles = articles.filter(tags__slug=tag_slug)
    paginator = Paginator(articles, max(index_page.per_page, 1))
    page_obj = paginator.get_page(request.GET.get("page"))
    return {
        "articles": page_obj.object_list,
        "page_obj": page_obj,
        "tags": tags,
        "current_tag": current_tag,
        "notice": notice,
    }


def related_news(article, count: int = 3):
    """Articles sharing the most tags with `article` in its language, then the latest."""
    from .models import NewsPage

    siblings = (
        NewsPage.objects.live()
        .public()
        .filter(locale_id=article.locale_id)
        .exclude(pk=article.pk)
        .select_related("lead_image")
    )
    tag_ids = list(article.tags.values_list("pk", flat=True))
    related = []
    if tag_ids:
        related = list(
            siblings.filter(tags__in=tag_ids)
            .annotate(shared=Count("pk"))
            .order_by("-shared", "-date", "-pk")[:count]
        )
    if len(related) < count:
        seen = [page.pk for page in related]
        related += list(
            siblings.exclude(pk__in=seen).order_by("-date", "-pk")[: count - len(related)]
        )
    return related


# The agenda ------------------------------------------------------------------------------


def check_agenda(programme_page) -> None:
    """Every agenda item on a day of the edition, ending after it starts."""
    edition = programme_page.edition
    days = set(event_days(edition).values_list("date", flat=True)) if edition else set()
    errors = []
    for item in programme_page.agenda_items.all():
        if days and item.day not in days:
            errors.append(
                _("“%(title)s” is on %(day)s, which is not a day of the edition.")
                % {"title": item.title, "day": item.day.isoformat()}
            )
        if item.ends_at and item.ends_at <= item.starts_at:
            errors.append(_("“%(title)s” ends before it starts.") % {"title": item.title})
    if errors:
        raise ValidationError(errors)


def agenda_context(programme_page, request) -> dict:
    """The agenda by day, each day's items by time, with the stages for a filter.

    `?tahap=` is not used; `?stage=` narrows to one stage, and a stage that is not on the
    agenda shows every stage with a note.
    """
    items = sorted(
        programme_page.agenda_items.all(), key=lambda i: (i.day, i.starts_at, i.stage, i.title)
    )
    stages = sorted({item.stage for item in items})
    stage = (request.GET.get("stage") or "").strip()[:100]
    notice = ""
    if stage and stage not in stages:
        notice = _("There is no stage called “%(stage)s”; here is the whole programme.") % {
            "stage": stage
        }
        stage = ""
    if stage:
        items = [item for item in items if item.stage == stage]
    by_day = defaultdict(list)
    for item in items:
        by_day[item.day].append(item)
    days = []
    edition = programme_page.edition
    hours = {d.date: d for d in event_days(edition)} if edition else {}
    for day in sorted(by_day):
        days.append({"date": day, "items": by_day[day], "hours": hours.get(day)})
    return {"agenda_days": days, "stages": stages, "current_stage": stage, "notice": notice}


# Slugs ------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def reserved_segments() -> frozenset[str]:
    """First path segments taken by the project's own URLs (/akun/, /tiket/, /admin/ …)."""
    segments = set()

    def walk(patterns):
        for pattern in patterns:
            text = str(pattern.pattern).lstrip("^")
            if isinstance(pattern, URLResolver) and not text:
                walk(pattern.url_patterns)  # a prefix-less include (i18n_patterns, "")
                continue
            first = text.split("/", 1)[0]
            if first and "<" not in first and "(" not in first and "\\" not in first:
                segments.add(first.rstrip("$"))

    walk(get_resolver().url_patterns)
    segments.update({"robots.txt", "sitemap.xml", "static", "media", "en", "id"})
    return frozenset(segments)


def reserved_slug_clash(slug: str, parent) -> bool:
    """Whether a page with `slug` under `parent` would take an address the project uses:
    directly under a home page, Wagtail serves it last, so it could never be reached."""
    from .models import HomePage

    if not slug or parent is None:
        return False
    return parent.specific_class is HomePage and slug in reserved_segments()
