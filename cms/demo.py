"""The demo site: every public page of the demo edition, in Indonesian and English.

`build_demo_site(event=...)` is idempotent: run twice, it leaves one page of each kind
per language (home, edition, programme, associations, directory, news index with twelve
articles, FAQ, contact, "About the exhibition"). Pages that already exist keep their
content (an organizer may have edited them); only what is missing is created, and the
home page is pointed at `event` as its featured edition. Site settings and menus are
filled where they are empty; demo pictures are drawn once and found again by title.

How a page is made: the Indonesian page first, then its English translation with
`copy_for_translation` (its parent's translation exists by then), each published once
with its own texts. Pages are placed first and given their content afterwards, so that
a body may link a page that comes later in the tree. The words are in `cms.demo_content`,
the pictures in `cms.demo_images`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, Page, Site

from events.models import Event
from events.selectors import edition_summary

from . import demo_content as content
from .demo_images import demo_images, give_demo_associations_logos
from .models import (
    AgendaItem,
    AssociationsPage,
    ContactFormField,
    ContactPage,
    DirectoryPage,
    EventPage,
    FaqPage,
    HomePage,
    NavigationSettings,
    NewsIndexPage,
    NewsPage,
    ProgrammePage,
    SiteSettings,
    StandardPage,
)

SOURCE_LANGUAGE = content.ID
TRANSLATION_LANGUAGE = content.EN
LANGUAGES = (SOURCE_LANGUAGE, TRANSLATION_LANGUAGE)
KEY_NAMESPACE = uuid.UUID("6f1c2a4e-93a1-4f0e-9a52-2d7c1b0e5a27")


def _home_copy(language: str) -> dict:
    if language == SOURCE_LANGUAGE:
        return {
            "title": "Beranda",
            "search_description": (
                "Pameran tahunan usaha mikro, kecil, dan menengah Indonesia: jadwal, "
                "lokasi, asosiasi peserta, dan pendaftaran pengunjung serta peserta pameran."
            ),
            "hero_title": "Produk terbaik UMKM Indonesia, dalam satu pameran",
            "hero_text": (
                "Setiap tahun, pelaku usaha mikro, kecil, dan menengah dari berbagai "
                "daerah datang membawa produk unggulannya, bertemu langsung dengan "
                "pembeli, dan membuka jalan ke pasar yang lebih luas. Pengunjung cukup "
                "mendaftar secara daring; pelaku UMKM mendaftar melalui asosiasinya."
            ),
        }
    return {
        "title": "Home",
        "search_description": (
            "Indonesia's yearly exhibition of micro, small and medium enterprises: "
            "dates, venue, participating associations, and registration for visitors "
            "and exhibitors."
        ),
        "hero_title": "Indonesia's finest small-business products, in one exhibition",
        "hero_text": (
            "Every year, micro, small and medium enterprises from across the country "
            "bring their best products, meet buyers face to face and open the way to "
            "wider markets. Visitors simply register online; businesses register "
            "through their association."
        ),
    }


def _home_body_html(language: str) -> str:
    if language == SOURCE_LANGUAGE:
        return (
            "<h2>Tentang pameran</h2>"
            "<p>Pameran ini menjadi ruang temu antara UMKM, pembeli, offtaker, dan "
            "pemerintah. Selain stan produk kuliner, fesyen, kriya, dan jasa, ada "
            "sesi temu bisnis terjadwal yang mencatat setiap kesepakatan, sehingga "
            "hasil pameran dapat dilaporkan secara terbuka.</p>"
            "<h2>Siapa yang ikut</h2>"
            "<p>Pelaku UMKM mendaftar melalui asosiasi yang menaunginya. Setiap "
            "asosiasi mendapat kuota stan, memverifikasi anggotanya, lalu panitia "
            "menetapkan lokasi stan.</p>"
        )
    return (
        "<h2>About the exhibition</h2>"
        "<p>The exhibition brings small businesses, buyers, offtakers and government "
        "together. Besides booths for food, fashion, crafts and services, it holds "
        "scheduled business-matching sessions that record every deal, so that what "
        "the exhibition achieved can be reported openly.</p>"
        "<h2>Who takes part</h2>"
        "<p>Businesses register through the association they belong to. Each "
        "association receives a quota of booths and vouches for its members; the "
        "organizers then assign the booths.</p>"
    )


def _event_copy(language: str, event: Event) -> dict:
    summary = edition_summary(event)
    venue = event.venue
    days = summary.day_count
    associations = summary.association_count
    booths = summary.booth_capacity
    place = f"{venue.name}, {venue.city}"
    if language == SOURCE_LANGUAGE:
        return {
            "title": event.name,
            "search_description": (
                f"{event.name} di {place}: jadwal, jam buka, lokasi, dan asosiasi peserta."
            ),
            "intro": (
                f"Selama {days} hari, {place} menjadi etalase UMKM Indonesia: "
                f"{_thousands(booths, '.')} stan dari {associations} asosiasi, temu bisnis "
                "dengan pembeli dan offtaker, serta ragam produk lokal dari berbagai daerah."
            ),
        }
    return {
        "title": event.name,
        "search_description": (
            f"{event.name} at {place}: dates, opening hours, venue and participating associations."
        ),
        "intro": (
            f"For {days} days, {place} becomes the shop window of Indonesia's small "
            f"businesses: {_thousands(booths, ',')} booths from {associations} associations, "
            "business matching with buyers and offtakers, and local products from "
            "across the country."
        ),
    }


def _event_body_html(language: str, event: Event) -> str:
    venue = escape(event.venue.name)
    if language == SOURCE_LANGUAGE:
        return (
            "<h2>Yang bisa Anda temui</h2>"
            "<ul><li>Stan kuliner, fesyen, kriya, dan produk kesehatan dari pelaku UMKM "
            "pilihan asosiasi.</li>"
            "<li>Sesi temu bisnis antara UMKM dan pembeli, dengan jadwal yang diatur "
            "panitia.</li>"
            "<li>Informasi program pembinaan dan pembiayaan dari kementerian dan "
            "lembaga.</li></ul>"
            f"<p>Datanglah lebih awal pada akhir pekan: area {venue} ramai "
            "menjelang sore.</p>"
        )
    return (
        "<h2>What you will find</h2>"
        "<ul><li>Booths for food, fashion, crafts and health products from businesses "
        "chosen by their associations.</li>"
        "<li>Business-matching sessions between small businesses and buyers, "
        "scheduled by the organizers.</li>"
        "<li>Information on support and financing programmes from ministries and "
        "agencies.</li></ul>"
        f"<p>Come early at the weekend: the {venue} grounds get busy "
        "towards the late afternoon.</p>"
    )


def _thousands(number: int, separator: str) -> str:
    return f"{number:,}".replace(",", separator)


def _apply(page: Page, values: dict) -> None:
    for name, value in values.items():
        setattr(page, name, value)


def _publish(page: Page) -> None:
    """Publish `page` as it is in memory (publishing saves it, child objects included)."""
    page.save_revision().publish()


def _ensure_locales() -> tuple[Locale, Locale]:
    source, _ = Locale.objects.get_or_create(language_code=SOURCE_LANGUAGE)
    target, _ = Locale.objects.get_or_create(language_code=TRANSLATION_LANGUAGE)
    return source, target


def _root() -> Page:
    root = Page.get_first_root_node()
    if root is None:
        raise RuntimeError("The database has no Wagtail root page: run `manage.py migrate` first.")
    return root


def _default_site() -> Site:
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    return site


def _remove_welcome_pages(root: Page) -> None:
    """Delete Wagtail's default "Welcome to your new Wagtail site!" page.

    That is a plain `Page` (a type editors cannot create) under the root; it is
    removed only if it has no children and no Site still uses it.
    """
    used = Site.objects.values_list("root_page_id", flat=True)
    welcome = (
        Page.objects.child_of(root)
        .filter(content_type__app_label="wagtailcore", content_type__model="page", numchild=0)
        .exclude(pk__in=used)
    )
    for page in welcome:
        page.delete()


def demo_translation_key(name: str) -> uuid.UUID:
    """The translation key of a demo page: the same on every run, so a page is found again
    whatever an editor did to its title or slug."""
    return uuid.uuid5(KEY_NAMESPACE, name)


# The build -------------------------------------------------------------------------------


@dataclass
class _Build:
    event: Event
    locales: dict
    images: dict
    facts: dict  # language → placeholder values
    pages: dict = field(default_factory=dict)  # key → {language: page}
    # Pages made in this run and the function that gives each its content.
    fill: list[tuple[Page, Callable[[Page], None]]] = field(default_factory=list)

    def text(self, value, language: str):
        return content.fill(value, self.facts[language])

    def html(self, value, language: str):
        values = {name: escape(str(v)) for name, v in self.facts[language].items()}
        return content.fill(value, values)

    def page_id(self, key: str, language: str):
        page = self.pages.get(key, {}).get(language) or self.pages.get(key, {}).get(SOURCE_LANGUAGE)
        return page.pk if page else None


def _facts(event: Event, language: str) -> dict:
    summary = edition_summary(event)
    zone = ZoneInfo(event.time_zone)

    def local_date(moment):
        return moment.astimezone(zone).date() if moment else None

    return content.facts(
        edition=event.name,
        year=event.year,
        venue=event.venue.name,
        first_day=summary.first_date,
        last_day=summary.last_date,
        day_count=summary.day_count,
        associations=summary.association_count,
        booths=summary.booth_capacity,
        registration_opens=local_date(event.exhibitor_registration_opens_at),
        registration_closes=local_date(event.exhibitor_registration_closes_at),
        language=language,
    )


def _place(
    build: _Build,
    key: str,
    parent: Page,
    model,
    values: dict,
    slug: str,
    find: Callable[[], Page | None],
    fill: Callable[[Page, str], None],
    translation_name: str | None = None,
) -> Page:
    """The Indonesian page `key` under `parent`: found with `find`, else created (its content
    comes later, from `fill`) with the translation key of `translation_name` (or `key`)."""
    page = find()
    if page is None:
        page = model(
            locale=build.locales[SOURCE_LANGUAGE],
            translation_key=demo_translation_key(translation_name or key),
            slug=find_available_slug(parent, slug),
            **values,
        )
        parent.add_child(instance=page)
        build.fill.append((page, lambda p: fill(p, SOURCE_LANGUAGE)))
    build.pages.setdefault(key, {})[SOURCE_LANGUAGE] = page
    return page


def _translate(
    build: _Build, key: str, values: dict, slug: str | None, fill: Callable[[Page, str], None]
) -> Page:
    """The English translation of page `key`, copied from the Indonesian one if missing."""
    source = build.pages[key][SOURCE_LANGUAGE]
    locale = build.locales[TRANSLATION_LANGUAGE]
    existing = source.get_translations().filter(locale=locale).first()
    if existing is not None:
        page = existing.specific
    else:
        # Copied from an unsaved instance that already has the English title and slug:
        # changing the slug after the copy would leave behind a redirect from the
        # Indonesian one.
        template = source.specific_class.objects.get(pk=source.pk)
        _apply(template, values)
        if slug:
            template.slug = slug
        page = template.copy_for_translation(locale).specific
        build.fill.append((page, lambda p: fill(p, TRANSLATION_LANGUAGE)))
    build.pages[key][TRANSLATION_LANGUAGE] = page
    return page


def _by_key_or(model, key: str, locale, fallback: Callable[[], Page | None]):
    def find():
        page = model.objects.filter(
            translation_key=demo_translation_key(key), locale=locale
        ).first()
        return page or fallback()

    return find


# Stream values -----------------------------------------------------------------------------


def _blocks(build: _Build, blocks: list, language: str) -> list[dict]:
    """StreamField data (the JSON form) from `cms.demo_content` block pairs."""
    stream = []
    for kind, value in blocks:
        if kind == "rich_text":
            stream.append({"type": "rich_text", "value": build.html(value, language)})
        elif kind == "quote":
            stream.append({"type": "quote", "value": build.text(value, language)})
        elif kind == "image":
            value = build.text(value, language)
            stream.append(
                {
                    "type": "image",
                    "value": {
                        "image": build.images[value["image"]].pk,
                        "alt_text": value.get("alt_text", ""),
                        "caption": value.get("caption", ""),
                        "credit": value.get("credit", ""),
                    },
                }
            )
        elif kind == "table":
            rows = (
                _quota_rows(build.event, language)
                if value.get("source") == "quotas"
                else build.text(value["rows"], language)
            )
            stream.append(
                {
                    "type": "table",
                    "value": {
                        "data": rows,
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                        "table_caption": build.text(value.get("caption", ""), language),
                    },
                }
            )
        elif kind == "cta":
            value = build.text(value, language)
            page_id, url = _target(build, value["target"], language)
            stream.append(
                {
                    "type": "call_to_action",
                    "value": {
                        "title": value["title"],
                        "text": value.get("text", ""),
                        "button_label": value["button_label"],
                        "page": page_id,
                        "url": url,
                        "style": value.get("style", "primary"),
                    },
                }
            )
        elif kind == "live_figures":
            stream.append(
                {
                    "type": "live_figures",
                    "value": {
                        "heading": build.text(value.get("heading", ""), language),
                        "edition": str(build.event.pk),
                    },
                }
            )
        elif kind == "accordion":
            stream.append(
                {
                    "type": "accordion",
                    "value": {
                        "heading": build.text(value.get("heading", ""), language),
                        "items": [
                            {
                                "title": build.text(title, language),
                                "body": build.html(body, language),
                            }
                            for title, body in value["items"]
                        ],
                    },
                }
            )
        else:
            raise ValueError(f"Unknown demo block {kind!r}")
    return stream


def _target(build: _Build, target: str, language: str) -> tuple[int | None, str]:
    """(page id, address) a call to action leads to."""
    if target == "register":
        with translation.override(language):
            return None, reverse("tickets:register", args=[build.event.slug])
    page_id = build.page_id(target, language)
    if page_id is None:
        raise ValueError(f"The demo has no page {target!r} to link to")
    return page_id, ""


def _quota_rows(event: Event, language: str) -> list[list[str]]:
    """The largest booth quotas of `event`, then the rest in one row."""
    participations = list(
        event.participations.select_related("association").order_by(
            "-booth_quota", "association__acronym"
        )
    )
    header = (
        ["Asosiasi", "Kuota stan"]
        if language == SOURCE_LANGUAGE
        else ["Association", "Booth quota"]
    )
    rows = [header]
    shown, rest = participations[:6], participations[6:]
    for participation in shown:
        association = participation.association
        rows.append(
            [
                f"{association.name} ({association.acronym})",
                content.grouped(participation.booth_quota, language),
            ]
        )
    if rest:
        total = sum(p.booth_quota for p in rest)
        label = (
            f"{len(rest)} asosiasi lainnya"
            if language == SOURCE_LANGUAGE
            else f"{len(rest)} other associations"
        )
        rows.append([label, content.grouped(total, language)])
    return rows


# Page content ------------------------------------------------------------------------------


def _fill_home(build: _Build):
    def fill(page: HomePage, language: str) -> None:
        page.hero_image = build.images["home"]
        page.show_live_figures = True
        page.news_count = 3
        page.body = [
            {"type": "rich_text", "value": _home_body_html(language)},
            *_blocks(build, content.HOME_EXTRA_BLOCKS[language], language),
        ]
        _publish(page)

    return fill


def _fill_event(build: _Build):
    def fill(page: EventPage, language: str) -> None:
        page.hero_image = build.images["event"]
        page.body = [
            {"type": "rich_text", "value": _event_body_html(language, build.event)},
            *_blocks(build, content.EVENT_EXTRA_BLOCKS[language], language),
        ]
        _publish(page)

    return fill


def _fill_simple(build: _Build, key: str, extra: Callable | None = None):
    """Content of a page whose texts are in `content.PAGES[key]` (title, intro, …)."""

    def fill(page: Page, language: str) -> None:
        texts = build.text(content.PAGES[key][language], language)
        for name in ("title", "intro", "search_description"):
            if name in texts:
                setattr(page, name, texts[name])
        if extra:
            extra(page, language)
        _publish(page)

    return fill


def _programme_extra(build: _Build):
    def extra(page: ProgrammePage, language: str) -> None:
        days = sorted(build.event.days.values_list("date", flat=True))
        items = []
        for index, starts, ends, stage, texts in content.AGENDA:
            if index >= len(days):
                continue
            title, speakers, description = build.text(texts[language], language)
            items.append(
                AgendaItem(
                    day=days[index],
                    starts_at=dt.time.fromisoformat(starts),
                    ends_at=dt.time.fromisoformat(ends),
                    stage=content.STAGES[stage][language],
                    title=title,
                    speakers=speakers,
                    description=description,
                    sort_order=len(items),
                )
            )
        page.agenda_items = items
        page.body = _blocks(build, content.PROGRAMME_BODY[language], language)

    return extra


def _faq_extra(build: _Build):
    def extra(page: FaqPage, language: str) -> None:
        page.body = _blocks(build, content.FAQ_BODY[language], language)

    return extra


def _about_extra(build: _Build):
    def extra(page: StandardPage, language: str) -> None:
        page.body = _blocks(build, content.ABOUT_BODY[language], language)

    return extra


def _contact_extra(build: _Build):
    def extra(page: ContactPage, language: str) -> None:
        texts = build.text(content.PAGES["contact"][language], language)
        page.to_address = content.ORGANIZER["email"]
        page.from_address = content.FROM_ADDRESS
        page.subject = texts["subject"]
        page.thank_you_text = texts["thank_you_text"]
        page.og_image = build.images["kawung-emas"]
        fields = []
        for order, (clean_name, field_type, required, labels) in enumerate(content.CONTACT_FIELDS):
            label, help_text, choices = labels[language]
            fields.append(
                ContactFormField(
                    clean_name=clean_name,
                    label=label,
                    field_type=field_type,
                    required=required,
                    help_text=help_text,
                    choices=choices,
                    sort_order=order,
                )
            )
        page.form_fields = fields

    return extra


def _fill_article(build: _Build, article: dict, day: dt.date):
    def fill(page: NewsPage, language: str) -> None:
        texts = article[language]
        page.title = build.text(texts["title"], language)
        page.intro = build.text(texts["intro"], language)
        page.date = day
        page.author = article["author"]
        page.lead_image = build.images[article["image"]]
        page.lead_image_caption = build.text(texts["caption"], language)
        page.search_description = page.intro
        page.body = _blocks(build, texts["body"], language)
        page.tags.clear()
        page.tags.add(*article["tags"][language])
        _publish(page)

    return fill


def _first_day(event: Event) -> dt.date:
    first = event.days.order_by("date").values_list("date", flat=True).first()
    return first or dt.date(event.year, 8, 12)


# Settings ----------------------------------------------------------------------------------


def _fill_settings(build: _Build, site: Site) -> None:
    """Fill the site settings' empty fields; what an organizer entered stays."""
    settings = SiteSettings.for_site(site)
    changed = False
    for name, value in content.ORGANIZER.items():
        if not getattr(settings, name):
            setattr(settings, name, value)
            changed = True
    if settings.default_sharing_image_id is None:
        settings.default_sharing_image = build.images["kawung-emas"]
        changed = True
    if changed:
        settings.save()

    navigation = NavigationSettings.for_site(site)
    changed = False
    for name, links in (
        ("header_links", content.HEADER_LINKS),
        ("footer_links", content.FOOTER_LINKS),
    ):
        if len(getattr(navigation, name)):
            continue
        stream = []
        for key, label, label_en in links:
            page_id = build.page_id(key, SOURCE_LANGUAGE)
            if page_id is None:
                continue
            stream.append(
                {
                    "type": "page",
                    "value": {
                        "page": page_id,
                        "label": build.text(label, SOURCE_LANGUAGE),
                        "label_en": build.text(label_en, TRANSLATION_LANGUAGE),
                    },
                }
            )
        setattr(navigation, name, stream)
        changed = True
    if changed:
        navigation.save()


# The entry point ---------------------------------------------------------------------------


@transaction.atomic
def build_demo_site(*, event: Event) -> HomePage:
    """Make the demo site: every page type in Indonesian and English, settings and menus.

    The Indonesian home page becomes the root page of the default Site, replacing
    Wagtail's default welcome page.
    """
    event = Event.objects.select_related("venue").get(pk=event.pk)
    source, target = _ensure_locales()
    root = _root()
    build = _Build(
        event=event,
        locales={SOURCE_LANGUAGE: source, TRANSLATION_LANGUAGE: target},
        images=demo_images(),
        facts={language: _facts(event, language) for language in LANGUAGES},
    )
    give_demo_associations_logos(
        [p.association for p in event.participations.select_related("association")]
    )

    # The home page and its translation.
    home = HomePage.objects.child_of(root).filter(locale=source).order_by("pk").first()
    if home is None:
        home = HomePage(locale=source, featured_event=event, **_home_copy(SOURCE_LANGUAGE))
        home.slug = find_available_slug(root, "beranda")
        root.add_child(instance=home)
        build.fill.append((home, lambda p: _fill_home(build)(p, SOURCE_LANGUAGE)))
        root.refresh_from_db()
    build.pages["home"] = {SOURCE_LANGUAGE: home}

    site = _default_site()
    if site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = site.site_name or "Pameran"
        site.save()
    _remove_welcome_pages(root)

    if home.featured_event_id != event.pk:
        home.featured_event = event
        _publish(home)
    home_en = _translate(
        build,
        "home",
        {**_home_copy(TRANSLATION_LANGUAGE), "featured_event": event},
        find_available_slug(root, "home"),
        _fill_home(build),
    )
    if home_en.featured_event_id != event.pk:
        home_en.featured_event = event
        _publish(home_en)

    # The edition's page and the pages under it.
    event_page = _place(
        build,
        "event",
        home,
        EventPage,
        {"event": event, **_event_copy(SOURCE_LANGUAGE, event)},
        slugify(event.slug) or "edisi",
        lambda: EventPage.objects.child_of(home).filter(event=event).order_by("pk").first(),
        _fill_event(build),
    )
    _translate(build, "event", _event_copy(TRANSLATION_LANGUAGE, event), None, _fill_event(build))

    edition_pages = [
        ("programme", ProgrammePage, _programme_extra(build)),
        ("associations", AssociationsPage, None),
        ("directory", DirectoryPage, None),
    ]
    for key, model, extra in edition_pages:
        _add_simple_page(build, key, f"{event.slug}:{key}", event_page, model, extra)

    # The pages under the home page.
    home_pages = [
        ("news", NewsIndexPage, None),
        ("faq", FaqPage, _faq_extra(build)),
        ("contact", ContactPage, _contact_extra(build)),
        ("about", StandardPage, _about_extra(build)),
    ]
    for key, model, extra in home_pages:
        _add_simple_page(build, key, key, home, model, extra)

    # The news.
    news_index = build.pages["news"][SOURCE_LANGUAGE]
    first_day = _first_day(event)
    for article in content.NEWS:
        key = f"news:{article['key']}"
        texts_id, texts_en = article[SOURCE_LANGUAGE], article[TRANSLATION_LANGUAGE]
        fill = _fill_article(build, article, first_day + dt.timedelta(days=article["offset"]))
        _place(
            build,
            key,
            news_index,
            NewsPage,
            {
                "title": build.text(texts_id["title"], SOURCE_LANGUAGE),
                "intro": build.text(texts_id["intro"], SOURCE_LANGUAGE),
            },
            texts_id["slug"],
            _by_key_or(NewsPage, key, source, lambda: None),
            fill,
        )
        _translate(
            build,
            key,
            {
                "title": build.text(texts_en["title"], TRANSLATION_LANGUAGE),
                "intro": build.text(texts_en["intro"], TRANSLATION_LANGUAGE),
            },
            texts_en["slug"],
            fill,
        )

    # Every page is in place: now the new ones get their content, and are published.
    for page, fill in build.fill:
        # Pages added since `page` was loaded changed its place in the tree.
        page.refresh_from_db(fields=["path", "depth", "numchild", "url_path"])
        fill(page)

    _fill_settings(build, site)
    Site.clear_site_root_paths_cache()
    home.refresh_from_db()
    return home


def _add_simple_page(build: _Build, key: str, translation_name: str, parent, model, extra):
    """A page of one of the singleton types (at most one under its parent), both languages."""
    texts_id = build.text(content.PAGES[key][SOURCE_LANGUAGE], SOURCE_LANGUAGE)
    texts_en = build.text(content.PAGES[key][TRANSLATION_LANGUAGE], TRANSLATION_LANGUAGE)
    fill = _fill_simple(build, key, extra)
    source = build.locales[SOURCE_LANGUAGE]

    def by_place():
        if model is StandardPage:
            return StandardPage.objects.child_of(parent).filter(slug=texts_id["slug"]).first()
        return model.objects.child_of(parent).order_by("path").first()

    _place(
        build,
        key,
        parent,
        model,
        {"title": texts_id["title"]},
        texts_id["slug"],
        _by_key_or(model, translation_name, source, by_place),
        fill,
        translation_name,
    )
    _translate(build, key, {"title": texts_en["title"]}, texts_en["slug"], fill)
