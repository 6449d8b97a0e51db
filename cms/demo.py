"""The demo site: an Indonesian home page and edition page, each with an English translation.

`build_demo_site(event=...)` is idempotent: run twice, it leaves one home page and
one page per edition and language. Pages that already exist keep their content
(an organizer may have edited them); only what is missing is created, and the home
page is pointed at `event` as its featured edition.
"""

from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, Page, Site

from events.models import Event
from events.selectors import edition_summary

from .models import EventPage, HomePage

SOURCE_LANGUAGE = "id"
TRANSLATION_LANGUAGE = "en"


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
            "body": (
                "<h2>Tentang pameran</h2>"
                "<p>Pameran ini menjadi ruang temu antara UMKM, pembeli, offtaker, dan "
                "pemerintah. Selain stan produk kuliner, fesyen, kriya, dan jasa, ada "
                "sesi temu bisnis terjadwal yang mencatat setiap kesepakatan, sehingga "
                "hasil pameran dapat dilaporkan secara terbuka.</p>"
                "<h2>Siapa yang ikut</h2>"
                "<p>Pelaku UMKM mendaftar melalui asosiasi yang menaunginya. Setiap "
                "asosiasi mendapat kuota stan, memverifikasi anggotanya, lalu panitia "
                "menetapkan lokasi stan.</p>"
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
        "body": (
            "<h2>About the exhibition</h2>"
            "<p>The exhibition brings small businesses, buyers, offtakers and government "
            "together. Besides booths for food, fashion, crafts and services, it holds "
            "scheduled business-matching sessions that record every deal, so that what "
            "the exhibition achieved can be reported openly.</p>"
            "<h2>Who takes part</h2>"
            "<p>Businesses register through the association they belong to. Each "
            "association receives a quota of booths and vouches for its members; the "
            "organizers then assign the booths.</p>"
        ),
    }


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
            "body": (
                "<h2>Yang bisa Anda temui</h2>"
                "<ul><li>Stan kuliner, fesyen, kriya, dan produk kesehatan dari pelaku UMKM "
                "pilihan asosiasi.</li>"
                "<li>Sesi temu bisnis antara UMKM dan pembeli, dengan jadwal yang diatur "
                "panitia.</li>"
                "<li>Informasi program pembinaan dan pembiayaan dari kementerian dan "
                "lembaga.</li></ul>"
                f"<p>Datanglah lebih awal pada akhir pekan: area {escape(venue.name)} ramai "
                "menjelang sore.</p>"
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
        "body": (
            "<h2>What you will find</h2>"
            "<ul><li>Booths for food, fashion, crafts and health products from businesses "
            "chosen by their associations.</li>"
            "<li>Business-matching sessions between small businesses and buyers, "
            "scheduled by the organizers.</li>"
            "<li>Information on support and financing programmes from ministries and "
            "agencies.</li></ul>"
            f"<p>Come early at the weekend: the {escape(venue.name)} grounds get busy "
            "towards the late afternoon.</p>"
        ),
    }


def _thousands(number: int, separator: str) -> str:
    return f"{number:,}".replace(",", separator)


def _apply(page: Page, values: dict) -> None:
    for name, value in values.items():
        setattr(page, name, value)


def _publish(page: Page) -> None:
    page.save()
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


def _translation(page: Page, locale: Locale, values: dict) -> Page:
    """The live translation of `page` in `locale`, created from `values` if missing."""
    existing = page.get_translations().filter(locale=locale).first()
    if existing is not None:
        return existing.specific
    translated = page.copy_for_translation(locale).specific
    _apply(translated, values)
    _publish(translated)
    return translated


@transaction.atomic
def build_demo_site(*, event: Event) -> HomePage:
    """Make the demo site: home and edition pages in Indonesian and English.

    The Indonesian home page becomes the root page of the default Site, replacing
    Wagtail's default welcome page.
    """
    event = Event.objects.select_related("venue").get(pk=event.pk)
    source, target = _ensure_locales()
    root = _root()

    home = HomePage.objects.child_of(root).filter(locale=source).order_by("pk").first()
    if home is None:
        home = HomePage(locale=source, featured_event=event, **_home_copy(SOURCE_LANGUAGE))
        home.slug = find_available_slug(root, "beranda")
        root.add_child(instance=home)
        home.save_revision().publish()
        root.refresh_from_db()

    site = _default_site()
    if site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = site.site_name or "Pameran"
        site.save()
    _remove_welcome_pages(root)

    if home.featured_event_id != event.pk:
        home.featured_event = event
        _publish(home)
    home_en = _translation(
        home,
        target,
        {**_home_copy(TRANSLATION_LANGUAGE), "slug": find_available_slug(root, "home")},
    )
    if home_en.featured_event_id != event.pk:
        home_en.featured_event = event
        _publish(home_en)

    event_page = EventPage.objects.child_of(home).filter(event=event).order_by("pk").first()
    if event_page is None:
        event_page = EventPage(
            locale=source,
            event=event,
            slug=find_available_slug(home, slugify(event.slug) or "edisi"),
            **_event_copy(SOURCE_LANGUAGE, event),
        )
        home.add_child(instance=event_page)
        event_page.save_revision().publish()
    _translation(event_page, target, _event_copy(TRANSLATION_LANGUAGE, event))

    Site.clear_site_root_paths_cache()
    return home
