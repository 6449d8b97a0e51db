"""What the public site remembers between requests (cms.remembered): a second visit reads
little, and every write that changes what a page shows is seen on the very next visit."""

import datetime as dt
import time

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from cms.models import (
    DirectoryPage,
    HomePage,
    NavigationSettings,
    NewsIndexPage,
    NewsPage,
    SiteSettings,
)
from cms.remembered import forget_remembered, remembered
from tests.cms.test_seo import EVENT_ID, add, build_tree
from tickets.factories import PassTypeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(demo_event):
    return build_tree(demo_event)


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def words(doc, selector):
    element = doc.select_one(selector)
    return " ".join(element.get_text(" ").split()) if element else ""


def article(name, date):
    return NewsPage(
        title=f"Kabar {name}", slug=f"kabar-{name}", date=date, intro=f"Ringkasan kabar {name}."
    )


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_a_second_visit_reads_far_less_than_the_first(client, tree):
    tree.home.news_count = 3
    tree.home.save_revision().publish()
    index = add(tree.home, NewsIndexPage(title="Berita", slug="berita"))
    add(index, article("pertama", dt.date(2027, 7, 1)))
    add(tree.event_page, DirectoryPage(title="Direktori peserta", slug="peserta"))
    for url in ("/", EVENT_ID + "peserta/"):
        client.get(url)  # Wagtail's own caches (site roots, content types) warm up
        forget_remembered()
        first = queries_of(client, url)
        second = queries_of(client, url)
        # What is left is Wagtail's routing, the page's own reads and its pictures.
        assert second <= 9, (url, second)
        assert second <= first - 6, (url, first, second)


def test_renaming_the_edition_shows_on_the_next_visit(client, tree, demo_event):
    assert "Hari UMKM Nasional 2027" in words(soup(client.get("/")), "[data-testid=edition-card]")

    demo_event.name = "Hari UMKM Nasional 2027 di Solo"
    demo_event.save()

    card = words(soup(client.get("/")), "[data-testid=edition-card]")
    assert "Hari UMKM Nasional 2027 di Solo" in card


def test_a_published_article_reaches_the_home_page_on_the_next_visit(client, tree):
    tree.home.news_count = 3
    tree.home.save_revision().publish()
    index = add(tree.home, NewsIndexPage(title="Berita", slug="berita"))
    add(index, article("pertama", dt.date(2027, 7, 1)))
    assert "Kabar pertama" in words(soup(client.get("/")), "[data-testid=home-news]")

    add(index, article("kedua", dt.date(2027, 7, 2)))
    news = words(soup(client.get("/")), "[data-testid=home-news]")
    assert "Kabar kedua" in news

    index.get_children().get(slug="kabar-kedua").specific.unpublish()
    assert "Kabar kedua" not in words(soup(client.get("/")), "[data-testid=home-news]")


def test_a_new_public_pass_opens_the_visitor_button_on_the_next_visit(client, tree, demo_event):
    button = soup(client.get("/")).select_one("[data-testid=cta-visitor]")
    assert button["href"] == EVENT_ID + "#visitors"  # no pass to register for yet

    PassTypeFactory(event=demo_event)

    button = soup(client.get("/")).select_one("[data-testid=cta-visitor]")
    assert button["href"] == reverse("tickets:register", args=[demo_event.slug])


def test_closing_registration_is_seen_without_any_write(client, tree, demo_event):
    PassTypeFactory(event=demo_event)
    # Registration closes in a moment; nothing is saved when it does.
    closes = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)
    demo_event.visitor_registration_closes_at = closes
    demo_event.save()
    href = soup(client.get("/")).select_one("[data-testid=cta-visitor]")["href"]
    assert href == reverse("tickets:register", args=[demo_event.slug])

    time.sleep(max(0, (closes - dt.datetime.now(dt.UTC)).total_seconds()) + 0.05)
    href = soup(client.get("/")).select_one("[data-testid=cta-visitor]")["href"]
    assert href == EVENT_ID + "#visitors"


def test_site_settings_and_menus_change_on_the_next_visit(client, tree):
    soup(client.get("/"))  # remembered as they were

    settings = SiteSettings.for_site(tree.site)
    settings.organizer_name = "Kementerian UMKM"
    settings.save()
    navigation = NavigationSettings.for_site(tree.site)
    navigation.header_links = [
        {"type": "link", "value": {"url": "/program/", "label": "Jadwal", "label_en": ""}}
    ]
    navigation.save()

    doc = soup(client.get("/"))
    assert "Kementerian UMKM" in words(doc, "[data-testid=site-footer]")
    assert [a.get_text(strip=True) for a in doc.select("[data-testid=nav-menu] a")] == ["Jadwal"]


def test_a_withdrawn_page_leaves_the_menus_and_language_links_on_the_next_visit(client, tree):
    doc = soup(client.get(EVENT_ID))
    assert any(a["href"] == EVENT_ID for a in doc.select("[data-testid=nav-menu] a"))
    assert doc.select_one('link[hreflang="en"]')["href"].endswith("/en/hari-umkm-nasional-2027/")

    tree.event_page_en.unpublish()
    doc = soup(client.get(EVENT_ID))
    assert doc.select_one('link[hreflang="en"]') is None

    tree.event_page.unpublish()
    doc = soup(client.get("/"))
    assert not any(a["href"] == EVENT_ID for a in doc.select("[data-testid=nav-menu] a"))


def test_without_a_cache_server_reads_go_to_the_database():
    calls = []

    def compute():
        calls.append(1)
        return {"answer": 42}

    # A Redis server that is not there (nothing listens on port 1).
    broken = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with override_settings(CACHES=broken):
        assert remembered(("test", 1), compute) == {"answer": 42}
        assert remembered(("test", 1), compute) == {"answer": 42}
        forget_remembered()  # a write still goes through
    assert len(calls) == 2


def test_the_event_page_follows_its_edition_days_and_pass_price(client, tree, demo_event):
    from events.models import EventDay
    from tests.cms.test_seo import json_lds

    PassTypeFactory(event=demo_event, price=0)
    [data] = json_lds(soup(client.get(EVENT_ID)))
    assert data["endDate"].startswith("2027-08-15")
    assert data["offers"]["price"] == 0

    last = EventDay.objects.filter(event=demo_event).order_by("-date").first()
    EventDay.objects.create(
        event=demo_event,
        date=last.date + dt.timedelta(days=1),
        opens_at=last.opens_at,
        closes_at=last.closes_at,
        visitor_capacity=last.visitor_capacity,
    )
    public = demo_event.pass_types.get()
    public.price = 25000
    public.save()

    doc = soup(client.get(EVENT_ID))
    [data] = json_lds(doc)
    assert data["endDate"].startswith("2027-08-16")
    assert data["offers"]["price"] == 25000
    assert "16 Agustus" in words(doc, "[data-testid=opening-hours]")


def test_an_editors_preview_shows_the_draft_not_what_the_live_page_remembered(client, tree):
    tree.home.news_count = 3
    tree.home.save_revision().publish()
    index = add(tree.home, NewsIndexPage(title="Berita", slug="berita"))
    for n, name in enumerate(("pertama", "kedua", "ketiga"), start=1):
        add(index, article(name, dt.date(2027, 7, n)))
    # Read on the host a preview request is made for, so both would share one key.
    host = tree.site.hostname
    live = soup(client.get("/", HTTP_HOST=host)).select(
        "[data-testid=home-news] [data-testid=news-card]"
    )
    assert len(live) == 3

    draft = HomePage.objects.get(pk=tree.home.pk)
    draft.news_count = 1  # changed in the editor, not published
    preview = draft.make_preview_request()
    preview.render()

    cards = BeautifulSoup(preview.content.decode(), "html.parser").select(
        "[data-testid=home-news] [data-testid=news-card]"
    )
    assert len(cards) == 1
    live = soup(client.get("/", HTTP_HOST=host)).select(
        "[data-testid=home-news] [data-testid=news-card]"
    )
    assert len(live) == 3  # the live page is unchanged
