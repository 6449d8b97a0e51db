import pytest
from wagtail.models import Locale, Page, PageLogEntry, Revision, Site

from cms.demo import build_demo_site
from cms.models import EventPage, HomePage


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "log": PageLogEntry.objects.count(),
        "sites": Site.objects.count(),
        "paths": sorted(Page.objects.values_list("url_path", "locale__language_code", "live")),
    }


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
    assert Page.objects.count() == 1 + 4


@pytest.mark.django_db
def test_demo_site_has_live_english_translations_with_translated_text(demo_site, demo_event):
    home_id = demo_site
    home_en = home_id.get_translation(Locale.objects.get(language_code="en"))
    event_id = EventPage.objects.get(event=demo_event, locale__language_code="id")
    event_en = EventPage.objects.get(event=demo_event, locale__language_code="en")

    assert home_en.live and event_en.live
    assert event_en.translation_key == event_id.translation_key
    assert event_en.get_parent().specific == home_en.specific
    assert home_en.specific.hero_text != home_id.hero_text
    assert event_en.intro != event_id.intro
    assert event_en.body != event_id.body
    assert "1,200 booths from 26 associations" in event_en.intro
    assert "1.200 stan dari 26 asosiasi" in event_id.intro
    assert home_en.specific.featured_event == demo_event
    # Every page has a published revision, as if published from the admin.
    for page in (home_id, home_en, event_id, event_en):
        page.refresh_from_db()
        assert page.live_revision_id is not None


@pytest.mark.django_db
def test_build_demo_site_is_idempotent(demo_site, demo_event):
    before = snapshot()

    again = build_demo_site(event=demo_event)

    assert again.pk == demo_site.pk
    assert snapshot() == before
    assert HomePage.objects.count() == 2
    assert EventPage.objects.count() == 2


@pytest.mark.django_db
def test_build_demo_site_keeps_an_organizers_edits(client, demo_site, demo_event):
    event_page = EventPage.objects.get(event=demo_event, locale__language_code="id")
    event_page.intro = "Teks yang ditulis panitia."
    event_page.save_revision().publish()

    build_demo_site(event=demo_event)

    event_page.refresh_from_db()
    assert event_page.intro == "Teks yang ditulis panitia."
    assert "Teks yang ditulis panitia." in client.get("/hari-umkm-nasional-2027/").text


@pytest.mark.django_db
def test_build_demo_site_restores_a_missing_translation(demo_site, demo_event):
    EventPage.objects.get(event=demo_event, locale__language_code="en").delete()

    build_demo_site(event=demo_event)

    assert (
        EventPage.objects.filter(event=demo_event, locale__language_code="en", live=True).count()
        == 1
    )
