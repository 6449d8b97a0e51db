"""Standard pages (and pages under them) and the FAQ page: where they live, what they show."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale, Page, PageViewRestriction, Site

from cms.models import (
    ContactPage,
    EventPage,
    FaqPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    ProgrammePage,
    StandardPage,
)

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def words(node) -> str:
    return " ".join(node.get_text(" ").split())


@pytest.fixture
def home(db):
    locale, _ = Locale.objects.get_or_create(language_code="id")
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Beranda", slug="beranda-halaman", locale=locale)
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    Site.clear_site_root_paths_cache()
    return home


QUESTIONS = [
    (
        "accordion",
        {
            "heading": "Untuk pengunjung",
            "items": [
                {"title": "Apakah masuk pameran gratis?", "body": "<p>Ya, cukup mendaftar.</p>"},
                {"title": "Di mana saya parkir?", "body": "<p>Di kantong parkir timur.</p>"},
            ],
        },
    ),
    ("rich_text", "<p>Belum terjawab? Tulis kepada panitia.</p>"),
    (
        "accordion",
        {
            "heading": "Untuk peserta",
            "items": [{"title": "Berapa harga stan?", "body": "<p>Rp 1.500.000 per hari.</p>"}],
        },
    ),
]


# Where they live ---------------------------------------------------------------------------


def test_standard_pages_live_under_home_and_under_each_other(home):
    assert StandardPage.can_create_at(home)
    about = home.add_child(instance=StandardPage(title="Tentang", slug="tentang"))
    assert StandardPage.can_create_at(about)
    history = about.add_child(instance=StandardPage(title="Sejarah", slug="sejarah"))
    assert StandardPage.can_create_at(history)  # as deep as the editors like
    assert StandardPage.allowed_subpage_models() == [StandardPage]
    for other in (NewsPage, NewsIndexPage, FaqPage, ContactPage, EventPage, ProgrammePage):
        assert not other.can_create_at(about), other
    news = home.add_child(instance=NewsIndexPage(title="Berita", slug="berita"))
    assert not StandardPage.can_create_at(news)


def test_a_home_page_has_one_faq_page_with_nothing_under_it(home):
    assert FaqPage.can_create_at(home)
    faq = home.add_child(instance=FaqPage(title="Tanya jawab", slug="tanya-jawab"))
    assert not FaqPage.can_create_at(home)
    assert FaqPage.allowed_subpage_models() == []
    assert not StandardPage.can_create_at(faq)
    about = home.add_child(instance=StandardPage(title="Tentang", slug="tentang"))
    assert not FaqPage.can_exist_under(about)


# Standard pages ----------------------------------------------------------------------------


def test_a_standard_page_shows_its_intro_and_body(client, home):
    page = home.add_child(
        instance=StandardPage(
            title="Tentang pameran",
            slug="tentang",
            intro="Pameran tahunan pelaku UMKM dari 38 provinsi.",
            body=[
                ("rich_text", "<h2>Sejarah</h2><p>Pertama digelar di Solo.</p>"),
                ("quote", {"quote": "Produk lokal, pasar global.", "name": "Panitia"}),
            ],
        )
    )
    response = client.get(page.url)
    assert response.status_code == 200
    html = soup(response)
    assert html.h1.get_text() == "Tentang pameran"
    assert "Pameran tahunan pelaku UMKM dari 38 provinsi." in words(html.select_one(".page-header"))
    body = words(html.select_one("[data-testid=page-body]"))
    assert "Pertama digelar di Solo." in body and "Produk lokal, pasar global." in body
    assert [a["href"] for a in html.select(".breadcrumb a")] == ["/"]


def test_a_standard_page_lists_its_live_subpages_and_they_show_the_way_back(client, home):
    about = home.add_child(instance=StandardPage(title="Tentang", slug="tentang"))
    history = about.add_child(
        instance=StandardPage(
            title="Sejarah", slug="sejarah", search_description="Dari Solo ke seluruh negeri."
        )
    )
    about.add_child(instance=StandardPage(title="Draf rahasia", slug="draf", live=False))
    closed = about.add_child(instance=StandardPage(title="Khusus panitia", slug="panitia"))
    PageViewRestriction.objects.create(page=closed, restriction_type="login")

    html = soup(client.get(about.url))
    links = html.select("[data-testid=subpages] a")
    assert [(a["href"], words(a)) for a in links] == [
        ("/tentang/sejarah/", "Sejarah Dari Solo ke seluruh negeri.")
    ]

    response = client.get(history.url)
    assert response.status_code == 200
    crumbs = soup(response).select(".breadcrumb a")
    assert [(a["href"], a.get_text()) for a in crumbs][1:] == [("/tentang/", "Tentang")]
    assert soup(response).select_one("[data-testid=subpages]") is None


def test_an_empty_standard_page_still_renders(client, home):
    page = home.add_child(instance=StandardPage(title="Segera hadir", slug="segera"))
    response = client.get(page.url)
    assert response.status_code == 200
    assert soup(response).h1.get_text() == "Segera hadir"


# The FAQ -----------------------------------------------------------------------------------


def test_the_faq_page_shows_questions_that_open_without_javascript(client, home):
    faq = home.add_child(
        instance=FaqPage(
            title="Tanya jawab", slug="tanya-jawab", intro="Jawaban singkat.", body=QUESTIONS
        )
    )
    response = client.get(faq.url)
    assert response.status_code == 200
    html = soup(response)
    assert "Jawaban singkat." in words(html.select_one(".page-header"))
    content = html.select_one("[data-testid=faq]")
    questions = [words(summary) for summary in content.select("details summary")]
    assert questions == [
        "Apakah masuk pameran gratis?",
        "Di mana saya parkir?",
        "Berapa harga stan?",
    ]
    assert "Rp 1.500.000 per hari." in words(content)
    assert "Belum terjawab? Tulis kepada panitia." in words(content)
    headings = [words(h) for h in content.select("h2")]
    assert headings == ["Untuk pengunjung", "Untuk peserta"]


def test_an_faq_page_without_questions_says_they_are_coming(client, home):
    faq = home.add_child(instance=FaqPage(title="Tanya jawab", slug="tanya-jawab"))
    response = client.get(faq.url)
    assert response.status_code == 200
    assert soup(response).select("details") == []
    assert words(soup(response).select_one("[data-testid=faq]"))  # a sentence, not a blank
