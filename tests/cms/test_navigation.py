"""The menus of the navigation bar and the footer, and the footer's contact details."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Site

from cms.models import (
    AssociationsPage,
    ContactPage,
    DirectoryPage,
    EventPage,
    FaqPage,
    NavigationSettings,
    NewsIndexPage,
    ProgrammePage,
    SiteSettings,
    StandardPage,
)
from cms.templatetags.seo_tags import site_menu
from tests.cms.test_seo import EVENT_EN, EVENT_ID, add, build_tree, make_image, translate


@pytest.fixture
def tree(demo_event):
    return build_tree(demo_event)


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def header_links(doc):
    return [(a.get_text(strip=True), a["href"]) for a in doc.select("[data-testid=nav-menu] a")]


def footer_links(doc):
    return [(a.get_text(strip=True), a["href"]) for a in doc.select("[data-testid=footer-menu] a")]


def set_menus(site, header=(), footer=()):
    navigation = NavigationSettings.for_site(site)
    navigation.header_links = list(header)
    navigation.footer_links = list(footer)
    navigation.save()


def page_link(page, label="", label_en=""):
    return {"type": "page", "value": {"page": page.pk, "label": label, "label_en": label_en}}


def other_link(url, label, label_en=""):
    return {"type": "link", "value": {"url": url, "label": label, "label_en": label_en}}


# Defaults ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_without_menus_the_navbar_shows_home_the_edition_and_registration(client, tree):
    doc = soup(client.get("/"))

    assert header_links(doc) == [
        ("Beranda", "/"),
        ("Edisi", EVENT_ID),
        ("Pengunjung", EVENT_ID + "#visitors"),
        ("Peserta pameran", EVENT_ID + "#exhibitors"),
    ]
    home = doc.select_one("[data-testid=nav-menu] a[href='/']")
    assert home["aria-current"] == "page"
    assert footer_links(doc) == [("Hari UMKM Nasional 2027", EVENT_ID)]


@pytest.mark.django_db
def test_default_menus_in_english_add_the_pages_that_exist(client, tree):
    news = add(tree.home, NewsIndexPage(title="Berita", slug="berita"))
    translate(news, tree.en_locale, title="News")
    contact = add(tree.home, ContactPage(title="Kontak", slug="kontak"))
    translate(contact, tree.en_locale, title="Contact us")
    programme = add(tree.event_page, ProgrammePage(title="Acara", slug="acara"))
    translate(programme, tree.en_locale, title="Programme")
    add(tree.event_page, DirectoryPage(title="Direktori", slug="direktori"))  # Indonesian only
    add(tree.home_en, FaqPage(title="FAQ", slug="faq"), live=False)  # a draft

    with translation.override("en"):
        doc = soup(client.get(EVENT_EN))

    assert header_links(doc) == [
        ("Home", "/en/"),
        ("The edition", EVENT_EN),
        ("Programme", EVENT_EN + "acara/"),
        ("Visitors", EVENT_EN + "#visitors"),
        ("Exhibitors", EVENT_EN + "#exhibitors"),
        ("News", "/en/berita/"),
    ]
    edition = doc.select_one(f"[data-testid=nav-menu] a[href='{EVENT_EN}']")
    assert edition["aria-current"] == "page"
    assert footer_links(doc) == [
        ("National MSME Day 2027", EVENT_EN),
        ("Programme", EVENT_EN + "acara/"),
        ("News", "/en/berita/"),
        ("Contact us", "/en/kontak/"),
    ]


@pytest.mark.django_db
def test_default_menus_on_a_view_outside_the_page_tree(client, tree):
    add(tree.home, NewsIndexPage(title="Berita", slug="berita"))

    doc = soup(client.get("/akun/masuk/"))

    hrefs = [href for _label, href in header_links(doc)]
    assert hrefs == ["/", EVENT_ID, EVENT_ID + "#visitors", EVENT_ID + "#exhibitors", "/berita/"]
    assert not doc.select("[data-testid=nav-menu] [aria-current]")


# Menus from the settings -------------------------------------------------------------------------


@pytest.mark.django_db
def test_menus_from_the_settings_in_both_languages(client, tree):
    news = add(tree.home, NewsIndexPage(title="Berita", slug="berita"))
    translate(news, tree.en_locale, title="News")
    about = add(tree.home, StandardPage(title="Tentang kami", slug="tentang"))  # no translation
    draft = add(tree.home, StandardPage(title="Konsep", slug="konsep"), live=False)
    set_menus(
        tree.site,
        header=[
            page_link(tree.event_page, label="Pameran 2027"),
            page_link(news),
            # An editor picked the English page: Indonesian readers get the Indonesian one.
            page_link(tree.home_en),
            page_link(about, label="Tentang"),
            page_link(draft),
            other_link("https://umkm.example.go.id/panduan", "Panduan", "Guide"),
            other_link("/tiket/daftar/", "Daftar"),
        ],
        footer=[other_link("mailto:panitia@example.id", "Surel panitia", "Email the organizers")],
    )

    doc = soup(client.get("/"))

    assert header_links(doc) == [
        ("Pameran 2027", EVENT_ID),
        ("Berita", "/berita/"),
        ("Beranda", "/"),
        ("Tentang", "/tentang/"),
        ("Panduan", "https://umkm.example.go.id/panduan"),
        ("Daftar", "/tiket/daftar/"),
    ]
    assert footer_links(doc) == [("Surel panitia", "mailto:panitia@example.id")]

    doc_en = soup(client.get(EVENT_EN))

    assert header_links(doc_en) == [
        ("National MSME Day 2027", EVENT_EN),  # no English label: the English page's title
        ("News", "/en/berita/"),
        ("Home", "/en/"),
        ("Tentang", "/tentang/"),  # no English page: the Indonesian one and its label
        ("Guide", "https://umkm.example.go.id/panduan"),
        ("Daftar", "/tiket/daftar/"),  # no English label: the Indonesian one
    ]
    current = doc_en.select("[data-testid=nav-menu] [aria-current=page]")
    assert [a["href"] for a in current] == [EVENT_EN]
    assert footer_links(doc_en) == [("Email the organizers", "mailto:panitia@example.id")]


@pytest.mark.django_db
def test_english_labels_win_over_titles(client, tree):
    set_menus(tree.site, header=[page_link(tree.event_page, "Acara", "The 2027 show")])

    assert header_links(soup(client.get("/en/"))) == [("The 2027 show", EVENT_EN)]
    assert header_links(soup(client.get("/"))) == [("Acara", EVENT_ID)]


@pytest.mark.django_db
def test_hostile_menu_labels_are_escaped_and_unsafe_addresses_dropped(client, tree):
    set_menus(
        tree.site,
        header=[
            other_link("/tentang/", "<script>alert(1)</script>"),
            other_link("javascript:alert(1)", "Klik"),  # stored by an import, not the admin
        ],
    )

    response = client.get("/")

    assert b"<script>alert(1)</script>" not in response.content
    assert header_links(soup(response)) == [("<script>alert(1)</script>", "/tentang/")]
    assert b"javascript:alert" not in response.content


@pytest.mark.django_db
def test_a_deleted_page_in_the_menu_is_skipped(client, tree):
    gone = add(tree.home, StandardPage(title="Lama", slug="lama"))
    set_menus(tree.site, header=[page_link(gone), page_link(tree.event_page)])
    gone.delete()

    response = client.get("/")

    assert response.status_code == 200
    assert header_links(soup(response)) == [("Hari UMKM Nasional 2027", EVENT_ID)]


# Query cost --------------------------------------------------------------------------------------


def render_chrome(tree, request, page):
    return render_to_string(
        "components/navbar.html", {"request": request, "page": page}
    ) + render_to_string("components/footer.html", {"request": request, "page": page})


def warmed_request(path):
    """A request as Wagtail's page serving leaves it: the site found, its root paths known;
    the settings rows exist and content types are cached (both last for the process)."""
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    site = Site.find_for_request(request)
    Site.get_site_root_paths()
    NavigationSettings.for_site(site)
    SiteSettings.for_site(site)
    ContentType.objects.get_for_models(
        EventPage,
        ProgrammePage,
        DirectoryPage,
        AssociationsPage,
        NewsIndexPage,
        FaqPage,
        ContactPage,
    )
    return request


@pytest.mark.django_db
def test_both_menus_cost_three_queries_from_the_settings(tree, django_assert_max_num_queries):
    news = add(tree.home, NewsIndexPage(title="Berita", slug="berita"))
    pages = [
        add(tree.home, StandardPage(title=f"Halaman {n}", slug=f"halaman-{n}")) for n in range(6)
    ]
    for page in pages[:3]:
        translate(page, tree.en_locale, title=f"Page {page.pk}")
    set_menus(
        tree.site,
        header=[page_link(p) for p in pages] + [page_link(news)],
        footer=[page_link(tree.event_page), other_link("/x/", "X")],
    )
    page = EventPage.objects.get(pk=tree.event_page_en.pk)

    with translation.override("en"):
        request = warmed_request(EVENT_EN)
        # NavigationSettings, the pages in the reader's language, SiteSettings.
        with django_assert_max_num_queries(3):
            html = render_chrome(tree, request, page)

    doc = BeautifulSoup(html, "html.parser")
    assert len(doc.select("[data-testid=nav-menu] a")) == 7
    assert footer_links(doc)[0] == ("National MSME Day 2027", EVENT_EN)


@pytest.mark.django_db
def test_default_menus_cost_three_queries(tree, django_assert_max_num_queries):
    add(tree.home, NewsIndexPage(title="Berita", slug="berita"))
    add(tree.home, FaqPage(title="Tanya jawab", slug="tanya-jawab"))
    add(tree.event_page, ProgrammePage(title="Acara", slug="acara"))
    page = EventPage.objects.get(pk=tree.event_page.pk)
    request = warmed_request(EVENT_ID)

    with django_assert_max_num_queries(3):
        html = render_chrome(tree, request, page)

    assert len(BeautifulSoup(html, "html.parser").select("[data-testid=footer-menu] a")) == 4


@pytest.mark.django_db
def test_site_menu_without_a_request_is_empty():
    assert site_menu({}, "header") == []


# The footer --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_footer_shows_the_contact_details_social_links_and_logos(client, tree):
    settings = SiteSettings.for_site(tree.site)
    settings.organizer_name = "Panitia Hari UMKM Nasional"
    settings.email = "panitia@example.id"
    settings.phone = "+62 271 123 456"
    settings.whatsapp = "0812-3456-7890"
    settings.address = "Jl. Slamet Riyadi 1\nSurakarta"
    settings.office_hours = "Senin–Jumat 08.00–16.00 WIB"
    settings.instagram = "https://instagram.com/pameran"
    settings.youtube = "https://youtube.com/@pameran"
    settings.footer_text_id = "Pameran produk UMKM terbesar."
    settings.footer_text_en = "The largest small-business fair."
    settings.partner_logos = [
        {"type": "logo", "value": {"image": make_image("Kemenkop").pk, "alt_text": "Kemenkop UKM"}},
        {"type": "logo", "value": {"image": make_image("Kemendag").pk, "alt_text": ""}},
    ]
    settings.save()

    doc = soup(client.get("/"))

    footer = doc.select_one("[data-testid=site-footer]")
    contact = footer.select_one("[data-testid=footer-contact]")
    text = " ".join(contact.get_text(" ").split())
    assert "Panitia Hari UMKM Nasional" in text
    assert "Jl. Slamet Riyadi 1 Surakarta" in text
    assert "Senin–Jumat 08.00–16.00 WIB" in text
    hrefs = {a.get_text(strip=True): a["href"] for a in contact.find_all("a")}
    assert hrefs == {
        "panitia@example.id": "mailto:panitia@example.id",
        "+62 271 123 456": "tel:+62271123456",
        "0812-3456-7890": "https://wa.me/6281234567890",
    }
    social = {a["href"]: a["aria-label"] for a in footer.select("[data-testid=footer-social] a")}
    assert set(social) == {"https://instagram.com/pameran", "https://youtube.com/@pameran"}
    assert "Instagram" in social["https://instagram.com/pameran"]
    assert "YouTube" in social["https://youtube.com/@pameran"]
    logos = [img["alt"] for img in footer.select("[data-testid=footer-logos] img")]
    assert logos == ["Kemenkop UKM", "Kemendag"]
    assert footer.select_one("[data-testid=footer-text]").get_text(strip=True) == (
        "Pameran produk UMKM terbesar."
    )
    assert f"© {dt.date.today().year} Panitia Hari UMKM Nasional" in footer.get_text()
    languages = {a["hreflang"]: a["href"] for a in footer.find_all("a", hreflang=True)}
    assert languages == {"id": "/", "en": "/en/"}

    footer_en = soup(client.get("/en/")).select_one("[data-testid=site-footer]")

    assert footer_en.select_one("[data-testid=footer-text]").get_text(strip=True) == (
        "The largest small-business fair."
    )
    assert "Contact" in footer_en.get_text()


@pytest.mark.django_db
def test_footer_without_settings_has_no_empty_contact_block(client, tree, english):
    footer = soup(client.get("/en/")).select_one("[data-testid=site-footer]")

    assert footer.select_one("[data-testid=footer-contact]") is None
    assert footer.select_one("[data-testid=footer-social]") is None
    assert "The exhibition of Indonesia's micro, small and medium enterprises." in footer.get_text()
    assert f"© {dt.date.today().year} Pameran" in footer.get_text()


@pytest.mark.django_db
def test_navbar_shows_the_site_logo(client, tree):
    settings = SiteSettings.for_site(tree.site)
    settings.logo = make_image("Logo", size=(400, 100))
    settings.save()

    brand = soup(client.get("/")).select_one(".navbar-brand")

    assert brand.find("img")["src"].startswith("/media/images/")
    assert "Pameran" in brand.get_text()
