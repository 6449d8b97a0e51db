"""What search engines and sharing previews read: robots.txt, the sitemap, canonical and
Open Graph tags, JSON-LD of the edition, news and FAQ pages."""

import io
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.robotparser import RobotFileParser

import pytest
from bs4 import BeautifulSoup
from django.core.files.images import ImageFile
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Locale, Page, PageViewRestriction, Site

from cms import seo
from cms.models import (
    DirectoryPage,
    EventPage,
    FaqPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    SiteSettings,
    StandardPage,
)
from cms.templatetags.seo_tags import json_ld
from events.models import TimeZone
from tickets.factories import PassTypeFactory

EVENT_ID = "/hari-umkm-nasional-2027/"
EVENT_EN = "/en/hari-umkm-nasional-2027/"
SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


# A small site of our own: Indonesian home + English translation, an edition page in both ---------


@dataclass
class Tree:
    site: Site
    home: HomePage
    home_en: HomePage
    event_page: EventPage
    event_page_en: EventPage
    id_locale: Locale
    en_locale: Locale


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page, locale, **values):
    copy = page.copy_for_translation(locale).specific
    for name, value in values.items():
        setattr(copy, name, value)
    copy.save()
    return publish(copy)


def add(parent, page, *, live=True):
    parent.add_child(instance=page)
    if live:
        publish(page)
    else:
        page.live = False
        page.save_revision()
        page.save()
    return page


def build_tree(event) -> Tree:
    id_locale, _ = Locale.objects.get_or_create(language_code="id")
    en_locale, _ = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    home = add(
        root,
        HomePage(
            title="Beranda",
            slug="beranda",
            locale=id_locale,
            featured_event=event,
            hero_title="Pameran UMKM",
            hero_text="Produk terbaik UMKM Indonesia.",
            news_count=0,
        ),
    )
    site = Site.objects.get(is_default_site=True)
    old_root = site.root_page_id
    site.root_page = home
    site.save()
    Page.objects.filter(pk=old_root, numchild=0).exclude(pk=home.pk).delete()
    home_en = translate(home, en_locale, title="Home", hero_text="Indonesia's finest products.")
    event_page = add(
        home,
        EventPage(
            title="Hari UMKM Nasional 2027",
            slug="hari-umkm-nasional-2027",
            event=event,
            intro="Empat hari pameran produk UMKM di Solo.",
        ),
    )
    event_page_en = translate(
        event_page,
        en_locale,
        title="National MSME Day 2027",
        intro="Four days of small-business products in Solo.",
    )
    Site.clear_site_root_paths_cache()
    return Tree(site, home, home_en, event_page, event_page_en, id_locale, en_locale)


@pytest.fixture
def tree(demo_event):
    return build_tree(demo_event)


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def meta(doc, key):
    tag = doc.find("meta", attrs={"property": key}) or doc.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def json_lds(doc):
    return [json.loads(s.string) for s in doc.find_all("script", type="application/ld+json")]


def png_file(name="photo.png", size=(1600, 900), color=(180, 90, 30)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, "PNG")
    buffer.seek(0)
    return ImageFile(buffer, name=name)


def make_image(title="Suasana pameran", **kwargs):
    return Image.objects.create(title=title, file=png_file(**kwargs))


# robots.txt --------------------------------------------------------------------------------------


def robots(client):
    response = client.get("/robots.txt")
    parser = RobotFileParser()
    parser.parse(response.content.decode().splitlines())
    return response, parser


@pytest.mark.django_db
def test_robots_txt_is_plain_text_and_points_to_the_sitemap(client):
    response, _parser = robots(client)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    for path in ["/admin/", "/akun/", "/en/akun/", "/portal/", "/en/portal/", "/bayar/", "/scan/"]:
        assert f"Disallow: {path}" in lines
    assert "Disallow: /angka/langsung/" not in lines
    assert "Allow: /angka/langsung/" in lines


@pytest.mark.django_db
def test_robots_txt_keeps_crawlers_out_of_private_pages_only(client):
    _response, parser = robots(client)

    private = [
        "/admin/pages/",
        reverse("accounts:login"),
        "/en" + reverse("accounts:login"),
        reverse("tickets:pass_page", args=["abc123"]),
        reverse("tickets:pass_pdf", args=["abc123"]),
        "/en" + reverse("tickets:pass_page", args=["abc123"]),
        reverse("tickets:registered"),
        reverse("dashboards:home"),
        reverse("dashboards:rows"),
        "/en" + reverse("dashboards:home"),
        reverse("scanner:scanner"),
        "/temu-bisnis/pembeli/",
        "/portal/usaha/",
        "/bayar/",
    ]
    public = [
        "/",
        "/en/",
        EVENT_ID,
        EVENT_EN,
        reverse("dashboards:live", args=["hari-umkm-nasional-2027"]),
        "/en" + reverse("dashboards:live", args=["hari-umkm-nasional-2027"]),
        reverse("tickets:register", args=["hari-umkm-nasional-2027"]),
        "/documents/1/panduan.pdf",
    ]
    assert [url for url in private if parser.can_fetch("*", url)] == []
    assert [url for url in public if not parser.can_fetch("*", url)] == []


# The sitemap -------------------------------------------------------------------------------------


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    entries = {}
    for url in root.findall("s:url", SITEMAP_NS):
        loc = url.find("s:loc", SITEMAP_NS).text
        entries[loc] = {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP_NS)
        }
    return entries


@pytest.mark.django_db
def test_sitemap_lists_the_pages_of_both_languages_with_their_translations(client, tree):
    add(tree.home, StandardPage(title="Tentang", slug="tentang"))  # no English translation

    entries = sitemap(client)

    base = "http://testserver"
    assert set(entries) == {
        f"{base}/",
        f"{base}/en/",
        f"{base}{EVENT_ID}",
        f"{base}{EVENT_EN}",
        f"{base}/tentang/",
    }
    assert entries[f"{base}{EVENT_EN}"] == {
        "id": f"{base}{EVENT_ID}",
        "en": f"{base}{EVENT_EN}",
        "x-default": f"{base}{EVENT_ID}",
    }
    assert entries[f"{base}/"]["en"] == f"{base}/en/"
    assert entries[f"{base}/tentang/"] == {}  # nothing to point to


@pytest.mark.django_db
def test_sitemap_leaves_out_drafts_private_pages_and_other_trees(client, tree):
    add(tree.home, StandardPage(title="Konsep", slug="konsep"), live=False)
    secret = add(tree.home, StandardPage(title="Rahasia", slug="rahasia"))
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    add(secret, StandardPage(title="Di bawah rahasia", slug="di-bawah"))
    other_home = add(
        Page.get_first_root_node(),
        HomePage(title="Situs lain", slug="situs-lain", locale=tree.id_locale),
    )
    add(other_home, StandardPage(title="Lain", slug="lain"))

    locations = " ".join(sitemap(client))

    assert "konsep" not in locations
    assert "rahasia" not in locations
    assert "di-bawah" not in locations
    assert "lain" not in locations
    assert "http://testserver/hari-umkm-nasional-2027/" in locations


@pytest.mark.django_db
def test_sitemap_includes_what_a_page_adds_such_as_exhibitor_pages(client, tree, monkeypatch):
    directory = add(tree.event_page, DirectoryPage(title="Direktori", slug="direktori"))

    def entries(page, request):
        return [{"location": page.get_full_url(request) + "42-batik-sari/", "lastmod": None}]

    monkeypatch.setattr("cms.directory.sitemap_entries", entries)

    locations = sitemap(client)

    assert f"http://testserver{EVENT_ID}direktori/" in locations
    assert f"http://testserver{EVENT_ID}direktori/42-batik-sari/" in locations
    assert directory.live


@pytest.mark.django_db
def test_sitemap_uses_the_host_it_was_asked_on(client, tree):
    response = client.get("/sitemap.xml", HTTP_HOST="pameran.example.id")

    assert b"<loc>http://pameran.example.id/en/</loc>" in response.content
    assert b"localhost" not in response.content


# Canonical and Open Graph ------------------------------------------------------------------------


@pytest.mark.django_db
def test_event_page_has_canonical_and_open_graph_tags_in_its_language(client, tree):
    doc = soup(client.get(EVENT_ID + "?utm_source=wa"))

    assert doc.find("link", rel="canonical")["href"] == "http://testserver" + EVENT_ID
    assert meta(doc, "og:url") == "http://testserver" + EVENT_ID
    assert meta(doc, "og:title") == "Hari UMKM Nasional 2027"
    assert meta(doc, "og:description") == "Empat hari pameran produk UMKM di Solo."
    assert meta(doc, "description") == "Empat hari pameran produk UMKM di Solo."
    assert meta(doc, "og:type") == "website"
    assert meta(doc, "og:locale") == "id_ID"
    assert meta(doc, "og:locale:alternate") == "en_US"
    assert meta(doc, "og:image") is None  # no image anywhere
    assert meta(doc, "twitter:card") == "summary"
    assert doc.find("link", rel="sitemap")["href"] == "/sitemap.xml"
    hreflangs = {link["hreflang"]: link["href"] for link in doc.find_all("link", hreflang=True)}
    assert hreflangs["en"] == "http://testserver" + EVENT_EN

    doc_en = soup(client.get(EVENT_EN))

    assert doc_en.find("link", rel="canonical")["href"] == "http://testserver" + EVENT_EN
    assert meta(doc_en, "og:title") == "National MSME Day 2027"
    assert meta(doc_en, "og:locale") == "en_US"
    assert meta(doc_en, "og:locale:alternate") == "id_ID"


@pytest.mark.django_db
def test_sharing_image_is_a_1200_by_630_jpeg_of_the_page_image(client, tree):
    tree.event_page.hero_image = make_image()
    publish(tree.event_page)

    doc = soup(client.get(EVENT_ID))

    url = meta(doc, "og:image")
    assert url.startswith("http://testserver/media/images/")
    assert url.endswith(".jpg")
    assert meta(doc, "og:image:width") == "1200"
    assert meta(doc, "og:image:height") == "630"
    assert meta(doc, "twitter:card") == "summary_large_image"
    rendition = tree.event_page.hero_image.renditions.get()
    assert (rendition.width, rendition.height) == (1200, 630)
    assert rendition.file.name.endswith(".jpg")


@pytest.mark.django_db
def test_pages_without_an_image_share_the_default_one(client, tree):
    settings = SiteSettings.for_site(tree.site)
    settings.default_sharing_image = make_image("Logo pameran", size=(800, 800))
    settings.save()

    url = meta(soup(client.get("/en/")), "og:image")

    assert url.startswith("http://testserver/media/images/")
    assert ".fill-1200x630" in url


@pytest.mark.django_db
def test_a_lost_image_file_does_not_break_the_page(client, tree):
    image = make_image()
    image.file.storage.delete(image.file.name)
    tree.event_page.hero_image = image
    publish(tree.event_page)

    response = client.get(EVENT_ID)

    assert response.status_code == 200
    assert meta(soup(response), "og:image") is None


@pytest.mark.django_db
def test_other_views_have_a_canonical_address_without_the_query(client, tree):
    doc = soup(client.get(reverse("accounts:login") + "?next=/akun/"))

    assert doc.find("link", rel="canonical")["href"] == "http://testserver/akun/masuk/"
    assert meta(doc, "og:url") == "http://testserver/akun/masuk/"
    assert meta(doc, "og:title") == "Pameran"


def test_canonical_of_a_route_of_a_routable_page_keeps_the_route():
    class FakePage:
        pk = 1

        def get_url(self, request):
            return "/hari-umkm-nasional-2027/direktori/"

    request = RequestFactory().get("/hari-umkm-nasional-2027/direktori/42-batik/?page=2")

    assert (
        seo.canonical_url(request, FakePage())
        == "http://testserver/hari-umkm-nasional-2027/direktori/42-batik/"
    )


# JSON-LD -----------------------------------------------------------------------------------------


def test_json_ld_cannot_be_closed_early_by_the_data():
    html = str(json_ld({"name": "</script><script>alert(1)</script> & <b>"}))

    assert html.startswith('<script type="application/ld+json">')
    assert html.count("</script>") == 1
    assert "<script>alert" not in html
    inner = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "\\u003C/script\\u003E" in inner
    assert json.loads(inner) == {"name": "</script><script>alert(1)</script> & <b>"}
    assert json_ld(None) == ""


@pytest.mark.django_db
def test_event_page_json_ld_is_an_event_with_zoned_dates_and_the_venue(client, tree):
    settings = SiteSettings.for_site(tree.site)
    settings.organizer_name = "Kementerian Koperasi dan UKM"
    settings.save()

    [data] = json_lds(soup(client.get(EVENT_ID)))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Hari UMKM Nasional 2027"
    assert data["startDate"] == "2027-08-12T09:00:00+07:00"
    assert data["endDate"] == "2027-08-15T17:00:00+07:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["inLanguage"] == "id"
    assert data["url"] == "http://testserver" + EVENT_ID
    assert data["description"] == "Empat hari pameran produk UMKM di Solo."
    assert data["organizer"] == {
        "@type": "Organization",
        "name": "Kementerian Koperasi dan UKM",
        "url": "http://testserver/",
    }
    place = data["location"]
    assert place["name"] == "Pamedan Pura Mangkunegaran"
    assert place["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Jl. Ronggowarsito, Keprabon, Kec. Banjarsari",
        "addressLocality": "Surakarta",
        "addressRegion": "Jawa Tengah",
        "addressCountry": "ID",
    }
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": -7.5666, "longitude": 110.8235}
    assert "offers" not in data  # no pass on offer: registration is not open
    assert "image" not in data


@pytest.mark.django_db
def test_event_json_ld_in_english_with_image_offer_and_another_zone(client, tree, demo_event):
    demo_event.time_zone = TimeZone.WITA
    demo_event.save()
    demo_event.venue.latitude = demo_event.venue.longitude = None
    demo_event.venue.save()
    PassTypeFactory(event=demo_event, price=0)
    tree.event_page_en.hero_image = make_image()
    publish(tree.event_page_en)

    [data] = json_lds(soup(client.get(EVENT_EN)))

    assert data["inLanguage"] == "en"
    assert data["name"] == "National MSME Day 2027"
    assert data["startDate"] == "2027-08-12T09:00:00+08:00"
    assert data["endDate"] == "2027-08-15T17:00:00+08:00"
    assert data["organizer"]["name"] == "Pameran"
    assert "geo" not in data["location"]
    assert data["image"][0].startswith("http://testserver/media/images/")
    assert data["offers"]["price"] == 0
    assert data["offers"]["priceCurrency"] == "IDR"
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    register = reverse("tickets:register", args=[demo_event.slug])
    assert data["offers"]["url"].endswith(register)
    assert data["offers"]["url"].startswith("http://testserver/")


@pytest.mark.django_db
def test_event_without_days_has_no_event_json_ld(client, tree, demo_event):
    demo_event.days.all().delete()

    response = client.get(EVENT_ID)

    assert response.status_code == 200
    assert json_lds(soup(response)) == []


@pytest.mark.django_db
def test_hostile_title_stays_inside_the_json_ld(client, tree):
    tree.event_page.title = "Pameran </script><script>alert('x')</script>"
    publish(tree.event_page)

    doc = soup(client.get(EVENT_ID))

    assert "alert('x')" not in " ".join(
        s.get_text()
        for s in doc.find_all("script", src=False)
        if s.get("type") != "application/ld+json"
    )
    [data] = json_lds(doc)
    assert data["name"] == "Pameran </script><script>alert('x')</script>"


def render_with_base(page, request, **context):
    template = Template('{% extends "base.html" %}{% block content %}{% endblock %}')
    return template.render(Context({"page": page, "request": request, **context}))


@pytest.mark.django_db
def test_news_article_json_ld_and_open_graph(tree, english):
    import datetime as dt

    index = add(tree.home_en, NewsIndexPage(title="News", slug="news"))
    article = add(
        index,
        NewsPage(
            title="Buyers from three countries",
            slug="buyers",
            date=dt.date(2027, 7, 1),
            author="Dewi Lestari",
            intro="Business matching closes with orders worth Rp 12 billion.",
            lead_image=make_image(),
        ),
    )
    request = RequestFactory().get(article.url)

    data = seo.article_structured_data(article, request)
    doc = BeautifulSoup(render_with_base(article, request, structured_data=data), "html.parser")

    [parsed] = json_lds(doc)
    assert parsed["@type"] == "NewsArticle"
    assert parsed["headline"] == "Buyers from three countries"
    assert parsed["datePublished"] == "2027-07-01"
    assert parsed["dateModified"].startswith(str(dt.date.today().year))
    assert parsed["author"] == {"@type": "Person", "name": "Dewi Lestari"}
    assert parsed["inLanguage"] == "en"
    assert parsed["mainEntityOfPage"] == {
        "@type": "WebPage",
        "@id": "http://testserver/en/news/buyers/",
    }
    assert parsed["image"][0].endswith(".jpg")
    assert meta(doc, "og:type") == "article"
    assert meta(doc, "og:description") == (
        "Business matching closes with orders worth Rp 12 billion."
    )
    assert meta(doc, "og:image") == parsed["image"][0]

    article.author = ""
    assert seo.article_structured_data(article, request)["author"]["@type"] == "Organization"


@pytest.mark.django_db
def test_faq_json_ld_lists_the_questions_with_plain_text_answers(tree):
    faq = FaqPage(
        title="Tanya jawab",
        slug="tanya-jawab",
        body=[
            {"type": "rich_text", "value": "<p>Pertanyaan yang sering ditanyakan.</p>"},
            {
                "type": "accordion",
                "value": {
                    "heading": "Umum",
                    "items": [
                        {
                            "title": "Apakah masuk gratis?",
                            "body": "<p>Ya, <b>gratis</b> &amp; cukup daftar.</p>",
                        },
                        {"title": "Di mana parkir?", "body": "<p>Di kantong\n parkir timur.</p>"},
                    ],
                },
            },
            {
                "type": "accordion",
                "value": {
                    "heading": "",
                    "items": [{"title": "Boleh bawa hewan?", "body": "<ul><li>Tidak.</li></ul>"}],
                },
            },
        ],
    )
    add(tree.home, faq)

    data = seo.faq_structured_data(FaqPage.objects.get(pk=faq.pk))

    assert data["@type"] == "FAQPage"
    assert data["inLanguage"] == "id"
    assert [(q["name"], q["acceptedAnswer"]["text"]) for q in data["mainEntity"]] == [
        ("Apakah masuk gratis?", "Ya, gratis & cukup daftar."),
        ("Di mana parkir?", "Di kantong parkir timur."),
        ("Boleh bawa hewan?", "Tidak."),
    ]
    assert all(q["@type"] == "Question" for q in data["mainEntity"])
    assert json.loads(str(json_ld(data)).split(">", 1)[1].rsplit("<", 1)[0]) == data

    assert seo.faq_structured_data(FaqPage(title="Kosong", slug="kosong")) is None


# Responsive pictures ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_picture_component_offers_avif_webp_and_jpeg_at_several_widths():
    from django.template.loader import render_to_string

    image = make_image("Stan batik", size=(1800, 1200))

    html = render_to_string(
        "components/picture.html",
        {"image": image, "alt": "Stan <batik>", "sizes": "(min-width: 992px) 50vw, 100vw"},
    )

    doc = BeautifulSoup(html, "html.parser")
    types = [source["type"] for source in doc.find_all("source")]
    assert types == ["image/avif", "image/webp"]
    img = doc.find("img")
    assert img["alt"] == "Stan <batik>"
    assert img["loading"] == "lazy"
    assert img["sizes"] == "(min-width: 992px) 50vw, 100vw"
    widths = sorted(int(part.split()[-1][:-1]) for part in img["srcset"].split(","))
    assert widths == [480, 800, 1200, 1600]
    assert img["src"].endswith(".jpg")
    assert render_to_string("components/picture.html", {"image": None}).strip() == ""

    cropped = BeautifulSoup(
        render_to_string(
            "components/picture.html", {"image": image, "crop": "fill", "eager": True}
        ),
        "html.parser",
    ).find("img")
    assert cropped["alt"] == "Stan batik"
    assert cropped["loading"] == "eager"
    assert "fill-480x270" in cropped["srcset"]
