"""The news index and articles: where they live, tags, pages, related articles, images."""

import datetime as dt
import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from cms.models import ContactPage, FaqPage, HomePage, NewsIndexPage, NewsPage, StandardPage

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def card_titles(response) -> list[str]:
    return [
        " ".join(card.select_one(".card-title").get_text(" ").split())
        for card in soup(response).select("[data-testid=news-list] [data-testid=news-card]")
    ]


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def home(db):
    locale, _ = Locale.objects.get_or_create(language_code="id")
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Beranda", slug="beranda-berita", locale=locale)
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    Site.clear_site_root_paths_cache()
    return home


@pytest.fixture
def news_index(home):
    return home.add_child(
        instance=NewsIndexPage(
            title="Berita", slug="berita", intro="Kabar terbaru dari panitia.", per_page=2
        )
    )


def article(index, n, *, tags=(), date=None, **fields):
    fields = {
        "title": f"Kabar pameran {n}",
        "slug": f"kabar-{n}",
        "intro": f"Ringkasan kabar {n}.",
        "date": date or dt.date(2027, 7, 1) + dt.timedelta(days=n),
        "author": "Tim Redaksi",
        "body": [("rich_text", f"<p>Isi lengkap kabar {n}.</p>")],
        **fields,
    }
    page = NewsPage(**fields)
    index.add_child(instance=page)
    for tag in tags:
        page.tags.add(tag)
    return publish(page)


def png(width=1600, height=900, colour=(180, 90, 40)) -> ImageFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, "PNG")
    return ImageFile(buffer, name="foto.png")


@pytest.fixture
def photo(db):
    return get_image_model().objects.create(title="Stan batik di hari pertama", file=png())


# Where the pages may live ------------------------------------------------------------------


def test_news_articles_live_under_the_news_index_only(home, news_index):
    assert NewsPage.can_create_at(news_index)
    assert not NewsPage.can_create_at(home)
    assert not NewsPage.can_exist_under(home)
    standard = home.add_child(instance=StandardPage(title="Tentang", slug="tentang"))
    assert not NewsPage.can_create_at(standard)
    assert NewsIndexPage.allowed_subpage_models() == [NewsPage]
    assert NewsPage.allowed_subpage_models() == []
    assert NewsIndexPage.can_exist_under(home)
    assert not NewsIndexPage.can_exist_under(news_index)
    assert set(HomePage.allowed_subpage_models()) >= {
        NewsIndexPage,
        StandardPage,
        FaqPage,
        ContactPage,
    }


def test_a_home_page_has_one_news_index(home):
    assert NewsIndexPage.can_create_at(home)
    home.add_child(instance=NewsIndexPage(title="Berita", slug="berita"))
    assert not NewsIndexPage.can_create_at(home)


# The index ---------------------------------------------------------------------------------


def test_the_index_lists_articles_newest_first_a_page_at_a_time(client, news_index):
    for n in (1, 2, 3):
        article(news_index, n)
    response = client.get(news_index.url)
    assert response.status_code == 200
    html = soup(response)
    assert "Kabar terbaru dari panitia." in html.select_one(".page-header").get_text()
    assert card_titles(response) == ["Kabar pameran 3", "Kabar pameran 2"]
    card = html.select_one("[data-testid=news-card]")
    assert card.select_one("time").get_text() == "Minggu, 4 Juli 2027"
    assert "Ringkasan kabar 3." in card.get_text()
    assert card.select_one("a")["href"] == "/berita/kabar-3/"
    pagination = html.select_one("[data-testid=news-pagination]")
    assert pagination.select_one("[aria-current=page]").get_text() == "1"
    assert pagination.select_one("a[rel=next]")["href"] == "?page=2"

    second = client.get(news_index.url + "?page=2")
    assert card_titles(second) == ["Kabar pameran 1"]
    assert soup(second).select_one("[data-testid=news-pagination] a[rel=prev]")["href"] == (
        "?page=1"
    )


def test_a_draft_or_private_article_is_not_listed(client, news_index):
    article(news_index, 1)
    draft = NewsPage(title="Kabar rahasia", slug="rahasia", intro="Belum terbit.", live=False)
    news_index.add_child(instance=draft)
    response = client.get(news_index.url)
    assert card_titles(response) == ["Kabar pameran 1"]
    assert "Kabar rahasia" not in response.content.decode()


def test_an_empty_index_says_so(client, news_index):
    response = client.get(news_index.url)
    assert response.status_code == 200
    assert soup(response).select_one("[data-testid=news-empty]") is not None
    assert soup(response).select_one("[data-testid=news-pagination]") is None


def test_tag_chips_filter_the_list_and_keep_the_tag_across_pages(client, news_index):
    article(news_index, 1, tags=["Kuliner"])
    article(news_index, 2, tags=["Kuliner", "Pendaftaran"])
    article(news_index, 3, tags=["Kuliner"])
    article(news_index, 4, tags=["Pendaftaran"])
    response = client.get(news_index.url)
    chips = soup(response).select("[data-testid=news-tags] a")
    assert [" ".join(a.get_text(" ").split()) for a in chips[1:]] == ["Kuliner 3", "Pendaftaran 2"]
    assert chips[0]["href"] == "/berita/" and chips[0].get("aria-current") == "page"
    assert chips[1]["href"] == "/berita/?tag=kuliner"

    tagged = client.get(news_index.url + "?tag=kuliner")
    assert card_titles(tagged) == ["Kabar pameran 3", "Kabar pameran 2"]
    current = soup(tagged).select_one("[data-testid=news-tags] [aria-current=page]")
    assert current.get_text(" ").split()[0] == "Kuliner"
    assert soup(tagged).select_one("[data-testid=news-notice]") is None
    assert soup(tagged).select_one("a[rel=next]")["href"] == "?tag=kuliner&page=2"
    assert card_titles(client.get(news_index.url + "?tag=kuliner&page=2")) == ["Kabar pameran 1"]


@pytest.mark.parametrize(
    "query",
    [
        "?tag=tidak-ada",
        "?tag=%3Cscript%3Ealert(1)%3C/script%3E",
        "?tag=" + "x" * 5000,
        "?page=abc",
        "?page=-1",
        "?page=9999",
        "?page=1e9&tag=",
        "?tag=kuliner&tag=lain",
    ],
)
def test_junk_tags_and_pages_show_articles_never_an_error(client, news_index, query):
    article(news_index, 1, tags=["Kuliner"])
    response = client.get(news_index.url + query)
    assert response.status_code == 200
    assert card_titles(response) == ["Kabar pameran 1"]
    assert "<script>alert(1)" not in response.content.decode()


def test_an_unknown_tag_shows_everything_with_a_note(client, news_index):
    article(news_index, 1, tags=["Kuliner"])
    article(news_index, 2)
    response = client.get(news_index.url + "?tag=%3Cb%3Ebatik%3C%2Fb%3E")
    notice = soup(response).select_one("[data-testid=news-notice]")
    assert notice is not None and "<b>batik</b>" in notice.get_text()  # shown as text
    assert "<b>batik</b>" not in response.content.decode()
    assert card_titles(response) == ["Kabar pameran 2", "Kabar pameran 1"]


def test_the_index_shows_lead_images_cropped_to_the_same_shape(client, news_index, photo):
    article(news_index, 1, lead_image=photo)
    article(news_index, 2)
    html = soup(client.get(news_index.url))
    cards = html.select("[data-testid=news-card]")
    picture = cards[1].select_one("picture")
    assert picture is not None
    sources = " ".join(source["srcset"] for source in picture.select("source"))
    assert "image/avif" in [source["type"] for source in picture.select("source")]
    assert "fill-400x225" in sources and "fill-800x450" in sources
    img = picture.select_one("img")
    assert img["loading"] == "lazy" and img["width"] == "400" and img["height"] == "225"
    assert cards[0].select_one(".news-card__placeholder") is not None  # no image: a pattern


def test_the_index_reads_a_full_page_in_few_queries(
    client, news_index, photo, django_assert_max_num_queries
):
    for n in range(1, 10):
        article(news_index, n, tags=["Kuliner", f"tag-{n % 3}"], lead_image=photo)
    news_index.per_page = 9
    publish(news_index)
    client.get(news_index.url)  # renditions are made on the first view
    with django_assert_max_num_queries(20):
        response = client.get(news_index.url)
    assert len(card_titles(response)) == 9


# An article ---------------------------------------------------------------------------------


def test_an_article_shows_breadcrumb_date_author_lead_body_and_tags(client, news_index, photo):
    page = article(
        news_index,
        1,
        tags=["Halal", "Kuliner"],
        lead_image=photo,
        lead_image_caption="Pengunjung di stan batik tulis",
        body=[
            ("rich_text", "<p>Isi lengkap kabar 1.</p>"),
            ("quote", {"quote": "Produk lokal, pasar global.", "name": "Panitia"}),
        ],
    )
    response = client.get(page.url)
    assert response.status_code == 200
    html = soup(response)
    assert html.h1.get_text() == "Kabar pameran 1"
    crumbs = html.select(".breadcrumb a")
    assert [a["href"] for a in crumbs] == ["/", "/berita/"]
    assert crumbs[1].get_text() == "Berita"
    meta = " ".join(html.select_one("[data-testid=article-meta]").get_text(" ").split())
    assert "Jumat, 2 Juli 2027" in meta and "Tim Redaksi" in meta
    assert html.select_one(".article-lead").get_text() == "Ringkasan kabar 1."
    figure = html.select_one("[data-testid=lead-image]")
    assert figure.figcaption.get_text() == "Pengunjung di stan batik tulis"
    assert figure.img["alt"] == "Pengunjung di stan batik tulis"
    assert "width-1200" in " ".join(s["srcset"] for s in figure.select("source"))
    body = html.select_one("[data-testid=article]").get_text()
    assert "Isi lengkap kabar 1." in body and "Produk lokal, pasar global." in body
    tags = html.select("[data-testid=article-tags] a")
    assert {a.get_text(): a["href"] for a in tags} == {
        "Halal": "/berita/?tag=halal",
        "Kuliner": "/berita/?tag=kuliner",
    }


def test_an_article_without_image_tags_or_author_still_reads_well(client, news_index):
    page = article(news_index, 1, author="")
    response = client.get(page.url)
    assert response.status_code == 200
    html = soup(response)
    assert html.select_one("[data-testid=lead-image]") is None
    assert html.select_one("[data-testid=article-tags]") is None
    assert "·" not in html.select_one("[data-testid=article-meta]").get_text()


def test_related_articles_share_tags_first_and_stop_at_three(client, news_index):
    page = article(news_index, 1, tags=["Ekspor", "Kuliner"])
    article(news_index, 2, tags=["Ekspor", "Kuliner"])  # two tags in common
    article(news_index, 3)  # none in common, but the newest
    article(news_index, 4, tags=["Kuliner"], date=dt.date(2027, 1, 1))  # one, and old
    article(news_index, 5, tags=["Lain"], date=dt.date(2026, 1, 1))
    response = client.get(page.url)
    related = soup(response).select("[data-testid=related-news] [data-testid=news-card]")
    titles = [card.select_one(".card-title").get_text(strip=True) for card in related]
    assert titles == ["Kabar pameran 2", "Kabar pameran 4", "Kabar pameran 3"]
    assert "Kabar pameran 1" not in titles


def test_related_articles_are_in_the_same_language_only(client, home, news_index):
    english, _ = Locale.objects.get_or_create(language_code="en")
    page = article(news_index, 1, tags=["Kuliner"])
    article(news_index, 2, tags=["Kuliner"])
    home_en = home.copy_for_translation(english).specific
    home_en.title = "Home"
    publish(home_en)
    index_en = news_index.copy_for_translation(english).specific
    index_en.title = "News"
    index_en.slug = "news"
    publish(index_en)
    english_article = page.copy_for_translation(english).specific
    english_article.title, english_article.slug = "Exhibition news", "exhibition-news"
    publish(english_article)
    other_en = NewsPage(title="Only in English", slug="only-in-english", intro="x", locale=english)
    index_en.add_child(instance=other_en)
    publish(other_en)
    Site.clear_site_root_paths_cache()

    indonesian = soup(client.get(page.url)).select_one("[data-testid=related-news]").get_text()
    assert "Kabar pameran 2" in indonesian
    assert "Only in English" not in indonesian and "Exhibition news" not in indonesian

    response = client.get("/en/news/exhibition-news/")
    assert response.status_code == 200
    related = soup(response).select_one("[data-testid=related-news]").get_text()
    assert "Only in English" in related and "Kabar pameran" not in related
    assert "Friday, 2 July 2027" in response.content.decode()
    assert soup(response).select(".breadcrumb a")[1]["href"] == "/en/news/"


def test_an_article_alone_shows_no_related_section(client, news_index):
    page = article(news_index, 1)
    assert soup(client.get(page.url)).select_one("[data-testid=related-news]") is None


def test_rarely_used_tags_fold_away_and_open_when_one_is_chosen(client, news_index):
    article(news_index, 1, tags=[f"topik {n:02d}" for n in range(12)])
    article(news_index, 2, tags=["topik 00"])
    html = soup(client.get(news_index.url))
    nav = html.select_one("[data-testid=news-tags]")
    assert len(nav.select(":scope > ul a")) == 11  # "all news" and the ten most used
    folded = nav.select_one("details")
    assert [a.get_text(" ").split()[1] for a in folded.select("a")] == ["10", "11"]
    assert "open" not in folded.attrs

    chosen = soup(client.get(news_index.url + "?tag=topik-11"))
    folded = chosen.select_one("[data-testid=news-tags] details")
    assert "open" in folded.attrs
    assert folded.select_one("[aria-current=page]")["href"] == "/berita/?tag=topik-11"
    assert card_titles(client.get(news_index.url + "?tag=topik-11")) == ["Kabar pameran 1"]
