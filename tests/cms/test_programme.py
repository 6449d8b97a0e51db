"""The programme page: the agenda by day and time, the stage filter, the agenda's checks."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.models import Locale, Page, Site

from cms.models import AgendaItem, EventPage, HomePage, ProgrammePage, StandardPage

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def words(node) -> str:
    return " ".join(node.get_text(" ").split())


def agenda(response) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """[(day heading, [(time, stage, title), …]), …] as the page shows them."""
    days = []
    for section in soup(response).select("[data-testid=programme-day]"):
        items = [
            (
                item.select_one(".agenda-item__time").get_text(strip=True),
                words(item.select_one(".agenda-item__stage")),
                words(item.select_one(".agenda-item__title")),
            )
            for item in section.select("[data-testid=agenda-item]")
        ]
        days.append((words(section.h2), items))
    return days


@pytest.fixture
def event_page(demo_event):
    locale, _ = Locale.objects.get_or_create(language_code="id")
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Beranda", slug="beranda-acara", locale=locale)
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    Site.clear_site_root_paths_cache()
    return home.add_child(instance=EventPage(title="HUN 2027", slug="hun-2027", event=demo_event))


def item(day, start, stage, title, end=None, **fields):
    return AgendaItem(
        day=dt.date(2027, 8, day),
        starts_at=dt.time(*start),
        ends_at=dt.time(*end) if end else None,
        stage=stage,
        title=title,
        **fields,
    )


@pytest.fixture
def programme(event_page):
    page = ProgrammePage(title="Acara", slug="acara", intro="Bincang, pentas dan temu bisnis.")
    # Entered out of order on purpose: the page sorts by day, then time.
    page.agenda_items = [
        item(13, (10, 0), "Panggung Utama", "Bincang ekspor", speakers="Dr. Rina, Kemendag"),
        item(12, (13, 0), "Ruang Temu Bisnis", "Temu bisnis pembeli", end=(14, 30)),
        item(
            12,
            (9, 0),
            "Panggung Utama",
            "Pembukaan",
            end=(10, 0),
            description="Sambutan Menteri Koperasi dan UKM.",
        ),
        item(15, (16, 0), "Panggung Utama", "Penutupan", end=(17, 0)),
    ]
    event_page.add_child(instance=page)
    return page


# Where it lives --------------------------------------------------------------------------


def test_the_programme_lives_under_an_event_page_once(event_page):
    home = event_page.get_parent().specific
    assert not ProgrammePage.can_create_at(home)
    assert ProgrammePage.can_exist_under(event_page)
    assert ProgrammePage.can_create_at(event_page)
    event_page.add_child(instance=ProgrammePage(title="Acara", slug="acara"))
    assert not ProgrammePage.can_create_at(event_page)  # one per edition page
    assert ProgrammePage.allowed_subpage_models() == []
    about = home.add_child(instance=StandardPage(title="Tentang", slug="tentang"))
    assert not ProgrammePage.can_exist_under(about)


# The agenda ------------------------------------------------------------------------------


def test_the_agenda_is_by_day_then_time_with_each_days_opening_hours(client, programme):
    response = client.get(programme.url)
    assert response.status_code == 200
    html = soup(response)
    assert "Bincang, pentas dan temu bisnis." in words(html.select_one(".page-header"))
    assert [a["href"] for a in html.select(".breadcrumb a")] == ["/", "/hun-2027/"]
    assert agenda(response) == [
        (
            "Kamis, 12 Agustus 2027",
            [
                ("09.00–10.00", "Panggung Utama", "Pembukaan"),
                ("13.00–14.30", "Ruang Temu Bisnis", "Temu bisnis pembeli"),
            ],
        ),
        ("Jumat, 13 Agustus 2027", [("10.00", "Panggung Utama", "Bincang ekspor")]),
        ("Minggu, 15 Agustus 2027", [("16.00–17.00", "Panggung Utama", "Penutupan")]),
    ]
    hours = [words(p) for p in html.select("[data-testid=day-hours]")]
    assert [h.rsplit(" ", 2)[1:] for h in hours] == [
        ["09.00–21.00", "WIB"],
        ["09.00–21.00", "WIB"],
        ["09.00–17.00", "WIB"],
    ]
    days = html.select("[data-testid=programme-day]")
    text = words(days[0])
    assert "Sambutan Menteri Koperasi dan UKM." in text
    assert "Dr. Rina, Kemendag" in words(days[1])


def test_a_day_jump_list_leads_to_each_days_section(client, programme):
    html = soup(client.get(programme.url))
    jumps = [a["href"] for a in html.select("[data-testid=programme-days] a")]
    assert jumps == ["#day-2027-08-12", "#day-2027-08-13", "#day-2027-08-15"]
    for target in jumps:
        assert html.select_one(target) is not None


def test_times_are_written_the_english_way_in_english(client, programme, english):
    english_locale, _ = Locale.objects.get_or_create(language_code="en")
    home = programme.get_parent().get_parent().specific
    for page in (home, programme.get_parent().specific, programme):
        translated = page.copy_for_translation(english_locale).specific
        translated.save_revision().publish()
    Site.clear_site_root_paths_cache()
    response = client.get("/en/hun-2027/acara/")
    assert response.status_code == 200
    days = agenda(response)
    assert days[0][0] == "Thursday, 12 August 2027"
    assert days[0][1][0][0] == "09:00–10:00"


def test_the_stage_filter_narrows_the_agenda(client, programme):
    html = soup(client.get(programme.url))
    stages = {words(a): a["href"] for a in html.select("[data-testid=programme-stages] a")}
    assert list(stages.values())[0] == "/hun-2027/acara/"
    assert stages["Ruang Temu Bisnis"] == "/hun-2027/acara/?stage=Ruang%20Temu%20Bisnis"

    response = client.get(stages["Ruang Temu Bisnis"])
    assert response.status_code == 200
    assert agenda(response) == [
        (
            "Kamis, 12 Agustus 2027",
            [("13.00–14.30", "Ruang Temu Bisnis", "Temu bisnis pembeli")],
        )
    ]
    current = soup(response).select_one("[data-testid=programme-stages] [aria-current=page]")
    assert words(current) == "Ruang Temu Bisnis"
    assert soup(response).select_one("[data-testid=programme-notice]") is None


@pytest.mark.parametrize(
    "stage", ["Tidak ada", "<script>alert(1)</script>", "x" * 3000, "panggung utama", " "]
)
def test_an_unknown_stage_shows_the_whole_programme(client, programme, stage):
    response = client.get(programme.url, {"stage": stage})
    assert response.status_code == 200
    assert [title for _day, items in agenda(response) for _t, _s, title in items] == [
        "Pembukaan",
        "Temu bisnis pembeli",
        "Bincang ekspor",
        "Penutupan",
    ]
    assert "<script>alert(1)" not in response.content.decode()
    if stage.strip():
        notice = soup(response).select_one("[data-testid=programme-notice]")
        assert notice is not None and stage.strip()[:100] in notice.get_text()


def test_an_empty_programme_says_it_is_coming(client, event_page):
    page = event_page.add_child(instance=ProgrammePage(title="Acara", slug="acara"))
    response = client.get(page.url)
    assert response.status_code == 200
    html = soup(response)
    assert html.select_one("[data-testid=programme-empty]") is not None
    assert html.select("[data-testid=programme-day]") == []


def test_the_programme_reads_in_few_queries(client, event_page, django_assert_max_num_queries):
    page = ProgrammePage(title="Acara", slug="acara")
    page.agenda_items = [
        item(12 + n % 4, (9 + n % 10, 0), f"Panggung {n % 3}", f"Sesi {n}") for n in range(40)
    ]
    event_page.add_child(instance=page)
    client.get(page.url)  # the site's settings rows are made on the first view
    with django_assert_max_num_queries(20):
        response = client.get(page.url)
    assert sum(len(items) for _day, items in agenda(response)) == 40


# The checks on the agenda ----------------------------------------------------------------


def test_an_item_on_a_day_outside_the_edition_is_refused_with_its_title(programme):
    programme.agenda_items.add(item(20, (10, 0), "Panggung Utama", "Sesi salah hari"))
    with pytest.raises(ValidationError) as refused:
        programme.full_clean()
    messages = " ".join(refused.value.messages)
    assert "Sesi salah hari" in messages and "2027-08-20" in messages


def test_an_item_ending_before_it_starts_is_refused_with_its_title(programme):
    programme.agenda_items.add(item(12, (15, 0), "Panggung Utama", "Sesi terbalik", end=(14, 0)))
    with pytest.raises(ValidationError) as refused:
        programme.full_clean()
    assert "Sesi terbalik" in " ".join(refused.value.messages)


def test_both_mistakes_are_reported_at_once_and_a_good_agenda_passes(programme):
    programme.full_clean()  # the fixture's agenda is fine
    programme.agenda_items.add(
        item(20, (10, 0), "A", "Salah hari"),
        item(12, (15, 0), "A", "Terbalik", end=(15, 0)),  # ending as it starts is no better
    )
    with pytest.raises(ValidationError) as refused:
        programme.full_clean()
    messages = " ".join(refused.value.messages)
    assert "Salah hari" in messages and "Terbalik" in messages
