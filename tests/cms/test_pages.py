import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import EventPage
from cms.remembered import forget_remembered
from events.models import Association, Participation, TimeZone

EVENT_ID = "/hari-umkm-nasional-2027/"
EVENT_EN = "/en/hari-umkm-nasional-2027/"


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(response):
    return " ".join(soup(response).get_text(" ").split())


def switcher(response):
    """{language code: href} of the language switcher in the navigation bar."""
    nav = soup(response).select_one("[data-testid=language-switcher]")
    return {a["hreflang"]: a["href"] for a in nav.find_all("a")}


def table_rows(response, testid):
    section = soup(response).select_one(f"[data-testid={testid}]")
    return [
        [" ".join(cell.get_text(" ").split()) for cell in row.find_all("td")]
        for row in section.select("tbody tr")
    ]


@pytest.mark.django_db
def test_home_page_at_root_is_indonesian_with_the_demo_edition(client, demo_site):
    response = client.get("/")

    assert response.status_code == 200
    assert soup(response).html["lang"] == "id"
    body = text(response)
    assert "Produk terbaik UMKM Indonesia, dalam satu pameran" in body
    assert "Hari UMKM Nasional 2027" in body
    # Dates in Indonesian, numbers grouped the Indonesian way.
    assert "Kamis, 12 Agustus 2027" in body
    assert "Minggu, 15 Agustus 2027" in body
    assert "12–15 Agustus 2027" in body
    card = soup(response).select_one("[data-testid=edition-card]")
    assert card.select_one("[data-testid=association-count]").get_text() == "26"
    assert card.select_one("[data-testid=booth-count]").get_text() == "1.200"
    assert "Pamedan Pura Mangkunegaran" in card.get_text()
    strip = soup(response).select_one("[data-testid=associations-strip]")
    acronyms = [li.get_text(strip=True) for li in strip.find_all("li")]
    assert len(acronyms) == 26
    assert acronyms == sorted(acronyms)
    assert "APKN" in acronyms


@pytest.mark.django_db
def test_home_page_under_en_is_english(client, demo_site):
    response = client.get("/en/")

    assert response.status_code == 200
    assert soup(response).html["lang"] == "en"
    body = text(response)
    assert "Indonesia's finest small-business products, in one exhibition" in body
    assert "Produk terbaik UMKM" not in body
    assert "Thursday, 12 August 2027" in body
    assert "Kamis" not in body
    card = soup(response).select_one("[data-testid=edition-card]")
    assert card.select_one("[data-testid=booth-count]").get_text() == "1,200"


@pytest.mark.django_db
def test_calls_to_action_lead_to_the_edition_page_in_the_same_language(client, demo_site):
    page_id = soup(client.get("/"))
    page_en = soup(client.get("/en/"))

    assert page_id.select_one("[data-testid=cta-visitor]")["href"] == EVENT_ID + "#visitors"
    assert page_id.select_one("[data-testid=cta-exhibitor]")["href"] == EVENT_ID + "#exhibitors"
    assert page_en.select_one("[data-testid=cta-visitor]")["href"] == EVENT_EN + "#visitors"
    event_page = soup(client.get(EVENT_ID))
    assert event_page.select_one("#visitors") is not None
    assert event_page.select_one("#exhibitors") is not None


@pytest.mark.django_db
def test_language_switcher_on_event_page_leads_to_its_translation(client, demo_site):
    response = client.get(EVENT_ID)
    assert response.status_code == 200
    links = switcher(response)
    assert links == {"id": EVENT_ID, "en": EVENT_EN}

    english = client.get(links["en"])
    assert english.status_code == 200
    assert soup(english).html["lang"] == "en"
    assert "becomes the shop window of Indonesia's small businesses" in text(english)
    assert switcher(english) == {"id": EVENT_ID, "en": EVENT_EN}
    # The current language is marked for assistive technology.
    current = soup(english).select_one("[data-testid=language-switcher] [aria-current]")
    assert current["hreflang"] == "en"


@pytest.mark.django_db
def test_pages_declare_their_translations_as_alternates(client, demo_site):
    head = soup(client.get(EVENT_EN)).head
    alternates = {link["hreflang"]: link["href"] for link in head.find_all("link", rel="alternate")}
    assert alternates == {
        "id": "http://testserver" + EVENT_ID,
        "x-default": "http://testserver" + EVENT_ID,
        "en": "http://testserver" + EVENT_EN,
    }


@pytest.mark.django_db
def test_event_page_lists_associations_with_quotas(client, demo_site, demo_event):
    response = client.get(EVENT_ID)

    rows = table_rows(response, "associations")
    assert len(rows) == 26
    quotas = {row[0].split()[0]: row[1] for row in rows}
    expected = {
        p.association.acronym: str(p.booth_quota)
        for p in Participation.objects.filter(event=demo_event).select_related("association")
    }
    assert quotas == expected
    assert "Asosiasi Kriya Nusantara" in rows[[r[0].split()[0] for r in rows].index("APKN")][0]


@pytest.mark.django_db
def test_event_page_shows_opening_hours_in_the_event_zone(client, demo_site):
    rows = table_rows(client.get(EVENT_ID), "opening-hours")
    assert rows == [
        ["Kamis, 12 Agustus 2027", "09.00–21.00 WIB"],
        ["Jumat, 13 Agustus 2027", "09.00–21.00 WIB"],
        ["Sabtu, 14 Agustus 2027", "09.00–21.00 WIB"],
        ["Minggu, 15 Agustus 2027", "09.00–17.00 WIB"],
    ]
    rows_en = table_rows(client.get(EVENT_EN), "opening-hours")
    assert rows_en[0] == ["Thursday, 12 August 2027", "09:00–21:00 WIB"]
    assert rows_en[3] == ["Sunday, 15 August 2027", "09:00–17:00 WIB"]


@pytest.mark.django_db
def test_registration_window_is_shown_in_the_event_zone(client, demo_site, demo_event):
    # Stored as 1 March 2027 02:00 UTC: 09.00 in Jakarta, 10.00 in Makassar.
    assert "Senin, 1 Maret 2027, 09.00 WIB" in text(client.get(EVENT_ID))

    demo_event.time_zone = TimeZone.WITA
    demo_event.save()
    body = text(client.get(EVENT_ID))
    assert "Senin, 1 Maret 2027, 10.00 WITA" in body
    assert "09.00–21.00 WITA" in body
    assert "Monday, 1 March 2027, 10:00 WITA" in text(client.get(EVENT_EN))


@pytest.mark.django_db
def test_event_page_shows_venue_with_address_and_directions(client, demo_site):
    venue = soup(client.get(EVENT_ID)).select_one("[data-testid=venue]")
    content = " ".join(venue.get_text(" ").split())
    assert "Pamedan Pura Mangkunegaran" in content
    assert "Jl. Ronggowarsito" in content
    assert "Stasiun Solo Balapan" in content
    assert "mlat=-7.566600" in venue.find("a")["href"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/en/", EVENT_ID, EVENT_EN])
def test_page_queries_do_not_grow_with_the_number_of_associations(
    client, demo_site, demo_event, url, settings
):
    # A cache of this process only: another xdist worker's cache.clear() on the
    # shared Redis would otherwise drop Wagtail's site-root cache mid-test.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    client.get(url)  # warm Wagtail's site-root cache
    forget_remembered()  # both renders read everything (the new participations forget too)
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    for n in range(10):
        association = Association.objects.create(
            name=f"Asosiasi Tambahan {n}", acronym=f"TMB{n}", slug=f"tmb{n}"
        )
        Participation.objects.create(event=demo_event, association=association, booth_quota=1)
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assert "TMB9" in text(response)
    assert len(after.captured_queries) == len(before.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "lang", "home", "other"),
    [
        ("/tidak-ada/", "id", "/", "/en/tidak-ada/"),
        ("/en/does-not-exist/", "en", "/en/", "/does-not-exist/"),
    ],
)
def test_not_found_in_both_languages(client, demo_site, url, lang, home, other):
    response = client.get(url)

    assert response.status_code == 404
    page = soup(response)
    assert page.html["lang"] == lang
    assert "404" in page.get_text()
    assert page.select_one("main a.btn")["href"] == home
    # The switcher keeps the (missing) path and only swaps the language.
    assert other in switcher(response).values()


@pytest.mark.django_db
def test_server_error_page_needs_no_database(rf, demo_site):
    from django.views.defaults import server_error

    request = rf.get("/en/")
    with CaptureQueriesContext(connection) as queries:
        response = server_error(request)
    assert response.status_code == 500
    assert len(queries.captured_queries) == 0
    assert b'<html lang="' in response.content
    assert b"Pameran" in response.content


@pytest.mark.django_db
@pytest.mark.usefixtures("english")
def test_a_second_page_for_the_same_edition_and_language_is_refused(demo_site, demo_event):
    home = demo_site
    duplicate = EventPage(title="Duplikat", slug="duplikat", event=demo_event, locale=home.locale)
    with pytest.raises(ValidationError) as error:
        home.add_child(instance=duplicate)
    assert "already has a page in this language" in str(error.value)
    assert EventPage.objects.filter(event=demo_event, locale=home.locale).count() == 1


@pytest.mark.django_db
def test_event_page_without_days_or_associations_says_they_come_later(client, demo_site):
    event_page = EventPage.objects.get(locale__language_code="id")
    event_page.event.days.all().delete()
    Participation.objects.filter(event=event_page.event).delete()

    response = client.get(EVENT_EN)
    assert response.status_code == 200
    body = text(response)
    assert "The days and opening hours will be announced soon." in body
    assert "The participating associations will be announced soon." in body
    assert "August 2027" not in body


@pytest.mark.django_db
def test_event_page_names_the_programmes_supporting_the_edition(client, demo_site, demo_event):
    from events.factories import MinistryFactory, ProgrammeFactory

    ministry = MinistryFactory(name="Kementerian Perdagangan")
    demo_event.programmes.set([ProgrammeFactory(ministry=ministry, name="UMKM BISA Ekspor")])
    demo_event.save()

    section = soup(client.get(EVENT_ID)).select_one("[data-testid=programmes]")
    assert "UMKM BISA Ekspor" in section.get_text()
    assert "Kementerian Perdagangan" in section.get_text()


@pytest.mark.django_db
def test_event_page_without_programmes_has_no_programme_section(client, demo_site):
    assert soup(client.get(EVENT_ID)).select_one("[data-testid=programmes]") is None
