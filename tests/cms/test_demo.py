import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, PageLogEntry, Revision, Site

from cms import demo_content
from cms.demo import build_demo_site
from cms.models import (
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
    NewsPageTag,
    ProgrammePage,
    SiteSettings,
    StandardPage,
)
from events.models import Association, EventDay

PAGE_TYPES = [
    HomePage,
    EventPage,
    ProgrammePage,
    AssociationsPage,
    DirectoryPage,
    NewsIndexPage,
    NewsPage,
    FaqPage,
    ContactPage,
    StandardPage,
]

EDITION = "/hari-umkm-nasional-2027/"
# (Indonesian address, English address, text on the Indonesian page, text on the English one)
PAGES = [
    ("/", "/en/", "Produk terbaik UMKM Indonesia", "Indonesia's finest small-business products"),
    (EDITION, "/en" + EDITION, "Jam layanan di lokasi pameran", "Service hours at the venue"),
    (
        EDITION + "acara/",
        "/en" + EDITION + "programme/",
        "Demo masak: Nasi liwet Solo",
        "Cooking demonstration: Solo nasi liwet",
    ),
    (
        EDITION + "asosiasi/",
        "/en" + EDITION + "associations/",
        "Asosiasi peserta",
        "Participating associations",
    ),
    (
        EDITION + "peserta/",
        "/en" + EDITION + "exhibitors/",
        "Direktori peserta",
        "Exhibitor directory",
    ),
    ("/berita/", "/en/news/", "Kabar terbaru seputar", "The latest on Hari UMKM Nasional 2027"),
    (
        "/berita/kisah-batik-sekar-arum/",
        "/en/news/story-of-batik-sekar-arum/",
        "Dari teras rumah di Laweyan",
        "From a front porch in Laweyan",
    ),
    (
        "/tanya-jawab/",
        "/en/faq/",
        "Apakah masuk pameran berbayar?",
        "Do I have to pay to get in?",
    ),
    ("/kontak/", "/en/contact/", "Nama lengkap", "Full name"),
    ("/tentang/", "/en/about/", "Mengapa pameran ini ada", "Why this exhibition exists"),
]


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(response):
    return " ".join(soup(response).get_text(" ").split())


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "log": PageLogEntry.objects.count(),
        "sites": Site.objects.count(),
        "paths": sorted(Page.objects.values_list("url_path", "locale__language_code", "live")),
        "images": get_image_model().objects.count(),
        "collections": Collection.objects.count(),
        "tags": NewsPageTag.objects.count(),
        "agenda": AgendaItem.objects.count(),
        "form fields": ContactFormField.objects.count(),
        "redirects": Redirect.objects.count(),
        "site settings": SiteSettings.objects.count(),
        "navigation": NavigationSettings.objects.count(),
        "logos": sorted(Association.objects.values_list("acronym", "logo_id")),
    }


def english_of(page):
    return page.get_translation(Locale.objects.get(language_code="en")).specific


def block_types(page):
    return {block.block_type for block in page.body}


# The tree ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_site_replaces_wagtails_welcome_page(demo_event):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class is Page  # Wagtail's "Welcome" page

    home = build_demo_site(event=demo_event)

    site.refresh_from_db()
    assert site.root_page_id == home.pk
    assert isinstance(home, HomePage)
    assert home.locale.language_code == "id"
    assert home.depth == 2
    # Only the root and our pages remain: no plain welcome page.
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()
    # Per language: home, edition, 3 pages under it, news index, 12 articles, FAQ,
    # contact, about.
    assert Page.objects.count() == 1 + 2 * 21


@pytest.mark.django_db
def test_every_page_type_is_live_in_both_languages_and_linked(demo_site):
    for page_type in PAGE_TYPES:
        name = page_type.__name__
        pages_id = page_type.objects.filter(locale__language_code="id")
        pages_en = page_type.objects.filter(locale__language_code="en")

        expected = 12 if page_type is NewsPage else 1
        assert pages_id.count() == pages_en.count() == expected, name
        for page in pages_id:
            translation = english_of(page)
            assert page.live and translation.live, name
            assert page.live_revision_id and translation.live_revision_id, name
            assert translation.translation_key == page.translation_key, name
            if page_type is not EventPage:
                assert translation.title != page.title, name
            if page_type is not HomePage:
                # The English page hangs under the English translation of the Indonesian
                # parent, with a slug of its own.
                assert translation.get_parent().pk == english_of(page.get_parent()).pk, name
                if page_type is not EventPage:
                    assert translation.slug != page.slug, name


@pytest.mark.django_db
def test_demo_site_has_live_english_translations_with_translated_text(demo_site, demo_event):
    home_id = demo_site
    home_en = english_of(home_id)
    event_id = EventPage.objects.get(event=demo_event, locale__language_code="id")
    event_en = EventPage.objects.get(event=demo_event, locale__language_code="en")

    assert event_en.translation_key == event_id.translation_key
    assert event_en.get_parent().specific == home_en
    assert home_en.hero_text != home_id.hero_text
    assert event_en.intro != event_id.intro
    assert event_en.body != event_id.body
    assert "1,200 booths from 26 associations" in event_en.intro
    assert "1.200 stan dari 26 asosiasi" in event_id.intro
    assert home_en.featured_event == demo_event
    for page in (home_id, home_en, event_id, event_en):
        assert page.hero_image is not None
    assert home_id.show_live_figures and home_id.news_count == 3
    assert {"rich_text", "call_to_action", "quote"} <= block_types(home_id)
    assert {"rich_text", "table", "call_to_action"} <= block_types(event_en)


@pytest.mark.django_db
def test_slugs_are_in_the_page_language_and_clear_of_the_projects_addresses(demo_site):
    under_home = {
        (page.locale.language_code, page.slug)
        for page in Page.objects.filter(depth=3).select_related("locale")
    }
    assert {("id", "berita"), ("id", "tanya-jawab"), ("id", "kontak"), ("id", "tentang")} <= (
        under_home
    )
    assert {("en", "news"), ("en", "faq"), ("en", "contact"), ("en", "about")} <= under_home
    reserved = {"akun", "stan", "tiket", "bayar", "scan", "temu-bisnis", "angka", "portal"}
    reserved |= {"asosiasi", "dokumen", "admin", "api"}
    assert not {slug for _, slug in under_home} & reserved
    under_event = set(
        Page.objects.filter(depth=4, url_path__contains="/hari-umkm-nasional-2027/").values_list(
            "slug", flat=True
        )
    )
    assert under_event == {
        "acara",
        "asosiasi",
        "peserta",
        "programme",
        "associations",
        "exhibitors",
    }


# News -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_twelve_articles_per_language_with_images_tags_and_dates(demo_site, demo_event):
    first_day = dt.date(2027, 8, 12)
    for language in ("id", "en"):
        articles = list(NewsPage.objects.filter(locale__language_code=language).order_by("date"))
        assert len(articles) == 12
        assert len({a.title for a in articles}) == 12
        assert all(a.lead_image_id and a.lead_image_caption for a in articles)
        assert all(a.author and a.intro and len(a.body) >= 2 for a in articles)
        assert all(2 <= a.tags.count() <= 3 for a in articles)
        # Months before the edition, and during it.
        assert articles[0].date < first_day - dt.timedelta(days=180)
        assert len({a.date.month for a in articles if a.date < first_day}) >= 6
        assert [a.date for a in articles if a.date >= first_day] == [
            first_day,
            first_day + dt.timedelta(days=1),
        ]
        kinds = set().union(*(block_types(a) for a in articles))
        assert {"rich_text", "quote", "image", "table", "call_to_action"} <= kinds
        assert {"live_figures", "accordion"} <= kinds

    tags_id = set(
        Tag.objects.filter(
            cms_newspagetag_items__content_object__locale__language_code="id"
        ).values_list("name", flat=True)
    )
    tags_en = set(
        Tag.objects.filter(
            cms_newspagetag_items__content_object__locale__language_code="en"
        ).values_list("name", flat=True)
    )
    assert {"pendaftaran", "kuliner", "temu bisnis"} <= tags_id
    assert {"registration", "food", "business matching"} <= tags_en
    assert "registration" not in tags_id and "pendaftaran" not in tags_en


@pytest.mark.django_db
def test_an_english_article_translates_its_indonesian_one(demo_site):
    article = NewsPage.objects.get(locale__language_code="id", slug="zona-kuliner")
    translation = english_of(article)

    assert translation.date == article.date
    assert translation.author == article.author
    assert translation.lead_image_id == article.lead_image_id
    assert translation.slug == "culinary-zone"
    assert "Zona kuliner" in article.title and "culinary zone" in translation.title
    assert set(translation.tags.names()) == {"food", "visitors"}
    assert set(article.tags.names()) == {"kuliner", "pengunjung"}
    assert str(translation.body) != str(article.body)


@pytest.mark.django_db
def test_news_index_and_home_page_list_the_articles_newest_first(client, demo_site):
    response = client.get("/en/news/")

    body = text(response)
    assert "The first day in figures" in body
    assert "Angka hari pertama" not in body
    links = [a["href"] for a in soup(response).select("main a[href^='/en/news/']")]
    assert "/en/news/first-day-in-figures/" in links
    assert "/en/news/exhibitor-registration-opens/" not in links  # on the second page
    assert "/en/news/exhibitor-registration-opens/" in [
        a["href"] for a in soup(client.get("/en/news/?page=2")).select("main a")
    ]

    home = text(client.get("/"))
    assert "Angka hari pertama" in home
    assert "resmi dibuka, pengunjung memadati" in home
    assert "Daftar sebagai pengunjung, tiket QR" in home
    assert "Dari teras rumah di Laweyan" not in home  # older than the latest three


# Rendering --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_page_renders_in_both_languages(client, demo_site):
    for url_id, url_en, text_id, text_en in PAGES:
        response_id = client.get(url_id)
        response_en = client.get(url_en)

        assert response_id.status_code == 200, url_id
        assert response_en.status_code == 200, url_en
        assert soup(response_id).html["lang"] == "id", url_id
        assert soup(response_en).html["lang"] == "en", url_en
        assert text_id in text(response_id), url_id
        assert text_en in text(response_en), url_en
        assert text_id not in text(response_en), url_en
        # Each page names its translation as the alternate in the other language.
        alternates = {
            link["hreflang"]: link["href"]
            for link in soup(response_id).select("link[rel=alternate]")
            if link["hreflang"] != "x-default"
        }
        assert alternates["en"].endswith(url_en), url_id


@pytest.mark.django_db
def test_articles_show_their_blocks_and_link_pages_in_their_language(client, demo_site):
    page = soup(client.get("/en/news/permit-help-desk/"))
    body = " ".join(page.get_text(" ").split())
    assert "Permits you can ask about" in body  # the accordion
    assert "SPP-IRT for home-made processed food" in body
    assert "Help desk hours (WIB)" in body  # the table
    assert "Yusuf Hamdani" in body  # the quote
    assert page.select_one("main img") is not None  # the lead image

    assert "The exhibition's latest figures" in text(client.get("/en/news/first-day-in-figures/"))

    for url, target in [
        ("/berita/rute-menuju-lokasi/", "/tiket/hari-umkm-nasional-2027/daftar/"),
        ("/en/news/getting-to-the-venue/", "/en/tiket/hari-umkm-nasional-2027/daftar/"),
        ("/berita/zona-kuliner/", EDITION + "acara/"),
        ("/en/news/opening-day/", "/en" + EDITION + "exhibitors/"),
    ]:
        hrefs = [a["href"] for a in soup(client.get(url)).select("[data-testid=block-cta] a")]
        assert hrefs == [target], url


# Programme, FAQ, contact -----------------------------------------------------------------


@pytest.mark.django_db
def test_programme_items_fall_on_the_editions_days_within_opening_hours(demo_site, demo_event):
    days = {day.date: day for day in EventDay.objects.filter(event=demo_event)}
    for language, stages in (
        ("id", {"Panggung Utama", "Ruang Kelas UMKM", "Panggung Kuliner"}),
        ("en", {"Main stage", "MSME classroom", "Culinary stage"}),
    ):
        page = ProgrammePage.objects.get(locale__language_code=language)
        items = list(page.agenda_items.all())
        assert 18 <= len(items) <= 22
        assert {item.stage for item in items} == stages
        assert {item.day for item in items} == set(days)
        for item in items:
            day = days[item.day]
            assert day.opens_at <= item.starts_at < item.ends_at <= day.closes_at, item.title
            assert item.title and item.description
    english = [
        i.title for i in ProgrammePage.objects.get(locale__language_code="en").agenda_items.all()
    ]
    assert "Opening of Hari UMKM Nasional 2027" in english


@pytest.mark.django_db
def test_programme_skips_sessions_on_days_the_edition_does_not_have(demo_event):
    demo_event.days.order_by("date").last().delete()

    build_demo_site(event=demo_event)

    page = ProgrammePage.objects.get(locale__language_code="id")
    dates = set(page.agenda_items.values_list("day", flat=True))
    assert dates == set(demo_event.days.values_list("date", flat=True))
    assert len(dates) == 3


@pytest.mark.django_db
def test_faq_has_three_groups_of_questions_in_both_languages(demo_site):
    for language, headings in (
        ("id", ["Untuk pengunjung", "Untuk peserta pameran", "Untuk pembeli dan offtaker"]),
        ("en", ["For visitors", "For exhibitors", "For buyers and offtakers"]),
    ):
        page = FaqPage.objects.get(locale__language_code=language)
        groups = [block.value for block in page.body if block.block_type == "accordion"]
        assert [group["heading"] for group in groups] == headings
        questions = [item["title"] for group in groups for item in group["items"]]
        assert 10 <= len(questions) <= 14
        assert all(item["body"].source for group in groups for item in group["items"])


@pytest.mark.django_db
def test_contact_page_has_its_form_in_both_languages(demo_site):
    for language, labels in (
        ("id", ["Nama lengkap", "Surel", "Nama usaha atau instansi", "Topik", "Pesan"]),
        ("en", ["Full name", "Email", "Business or organisation", "Topic", "Message"]),
    ):
        page = ContactPage.objects.get(locale__language_code=language)
        fields = list(page.form_fields.all())
        assert [f.label for f in fields] == labels
        assert [f.clean_name for f in fields] == [
            "name",
            "email",
            "organisation",
            "topic",
            "message",
        ]
        assert [f.field_type for f in fields] == [
            "singleline",
            "email",
            "singleline",
            "dropdown",
            "multiline",
        ]
        assert [f.required for f in fields] == [True, True, False, True, True]
        assert len(fields[3].choices.splitlines()) == 5
        assert page.to_address == "panitia@pameran.test"
        assert page.from_address and page.subject and page.thank_you_text


@pytest.mark.django_db
def test_contact_form_of_the_english_page_sends_the_message(
    client, demo_site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/contact/",
            {
                "name": "Ayu Lestari",
                "email": "ayu@example.com",
                "organisation": "",
                "topic": "Exhibitor registration",
                "message": "When are booths assigned?",
            },
        )

    assert response.status_code == 200
    assert "we have received your message" in text(response)
    page = ContactPage.objects.get(locale__language_code="en")
    submission = page.get_submission_class().objects.get(page=page)
    assert submission.form_data["topic"] == "Exhibitor registration"
    assert [m.to for m in mail.outbox] == [["panitia@pameran.test"]]


# Settings, images -----------------------------------------------------------------------


@pytest.mark.django_db
def test_site_settings_and_menus_are_filled(demo_site):
    site = Site.objects.get(is_default_site=True)
    settings = SiteSettings.for_site(site)
    assert settings.organizer_name == demo_content.ORGANIZER["organizer_name"]
    assert settings.email == "panitia@pameran.test"
    assert settings.phone and settings.whatsapp.startswith("62") and settings.address
    assert settings.office_hours
    assert [label for label, _ in settings.social_links] == [
        "Instagram",
        "Facebook",
        "X",
        "YouTube",
        "TikTok",
    ]
    assert settings.default_sharing_image is not None
    assert settings.footer_text_id != settings.footer_text_en

    navigation = NavigationSettings.for_site(site)
    linked = [
        Page.objects.get(pk=block.value["page"].pk).specific for block in navigation.header_links
    ]
    assert [type(page) for page in linked] == [
        EventPage,
        ProgrammePage,
        DirectoryPage,
        NewsIndexPage,
        FaqPage,
        ContactPage,
    ]
    assert all(page.locale.language_code == "id" for page in linked)
    labels = [(b.value["label"], b.value["label_en"]) for b in navigation.header_links]
    assert labels[0] == ("Edisi 2027", "2027 edition")
    assert len(navigation.footer_links) == 4


@pytest.mark.django_db
def test_an_organizers_settings_are_kept(demo_event):
    site = Site.objects.get(is_default_site=True)
    settings = SiteSettings.for_site(site)
    settings.organizer_name = "Panitia Daerah"
    settings.save()

    build_demo_site(event=demo_event)

    settings = SiteSettings.for_site(site)
    assert settings.organizer_name == "Panitia Daerah"
    assert settings.email == "panitia@pameran.test"  # was empty: filled


@pytest.mark.django_db
def test_demo_pictures_and_logos_are_wagtail_images_in_the_demo_collection(demo_site):
    images = get_image_model().objects.filter(collection__name="Demo")
    pictures = images.exclude(title__startswith="Logo")
    assert pictures.count() >= 12
    for picture in pictures:
        assert (picture.width, picture.height) == (1600, 900)
        assert picture.file.name.endswith(".jpg")
        assert picture.file_size and picture.file_hash
    logos = images.filter(title__startswith="Logo demo")
    demo_associations = Association.objects.filter(is_demo=True)
    assert logos.count() == demo_associations.count() == 26
    assert all(a.logo_id for a in demo_associations)
    assert {logo.width for logo in logos} == {400}


@pytest.mark.django_db
def test_a_real_association_gets_no_made_up_logo_and_an_uploaded_logo_stays(demo_event):
    real = Association.objects.get(acronym="APKN")
    real.is_demo = False
    real.save()

    build_demo_site(event=demo_event)

    real.refresh_from_db()
    assert real.logo_id is None
    uploaded = get_image_model().objects.get(title__contains="motif truntum")
    Association.objects.filter(acronym="AKBI").update(logo=uploaded)

    build_demo_site(event=demo_event)

    assert Association.objects.get(acronym="AKBI").logo_id == uploaded.pk
    assert Association.objects.get(acronym="APKN").logo_id is None


# Idempotence -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_build_demo_site_is_idempotent(demo_site, demo_event):
    before = snapshot()

    again = build_demo_site(event=demo_event)

    assert again.pk == demo_site.pk
    assert snapshot() == before
    assert HomePage.objects.count() == 2
    assert EventPage.objects.count() == 2
    assert NewsPage.objects.count() == 24


@pytest.mark.django_db
def test_build_demo_site_keeps_an_organizers_edits(client, demo_site, demo_event):
    event_page = EventPage.objects.get(event=demo_event, locale__language_code="id")
    event_page.intro = "Teks yang ditulis panitia."
    event_page.save_revision().publish()
    article = NewsPage.objects.get(locale__language_code="en", slug="culinary-zone")
    article.title = "Food, glorious food"
    article.slug = "food"
    article.save_revision().publish()
    faq = FaqPage.objects.get(locale__language_code="id")
    faq.body = [{"type": "rich_text", "value": "<p>Hanya satu pertanyaan.</p>"}]
    faq.save_revision().publish()

    build_demo_site(event=demo_event)

    event_page.refresh_from_db()
    assert event_page.intro == "Teks yang ditulis panitia."
    assert "Teks yang ditulis panitia." in client.get(EDITION).text
    assert NewsPage.objects.filter(locale__language_code="en").count() == 12
    assert NewsPage.objects.get(pk=article.pk).title == "Food, glorious food"
    faq.refresh_from_db()
    assert len(faq.body) == 1


@pytest.mark.django_db
def test_build_demo_site_restores_a_missing_translation(demo_site, demo_event):
    EventPage.objects.get(event=demo_event, locale__language_code="en").delete()
    NewsPage.objects.get(locale__language_code="en", slug="opening-day").delete()

    build_demo_site(event=demo_event)

    assert (
        EventPage.objects.filter(event=demo_event, locale__language_code="en", live=True).count()
        == 1
    )
    # The pages under the English edition page came back with it.
    assert ProgrammePage.objects.filter(locale__language_code="en", live=True).count() == 1
    restored = NewsPage.objects.get(locale__language_code="en", slug="opening-day")
    assert restored.live and restored.tags.count() == 2


@pytest.mark.django_db
def test_a_deleted_article_comes_back_linked_to_its_remaining_translation(demo_site):
    article = NewsPage.objects.get(locale__language_code="id", slug="zona-kuliner")
    translation = english_of(article)
    article.delete()

    build_demo_site(event=demo_site.featured_event)

    again = NewsPage.objects.get(locale__language_code="id", slug="zona-kuliner")
    assert again.translation_key == translation.translation_key
    assert NewsPage.objects.filter(locale__language_code="en").count() == 12
