"""The public exhibitor directory and the exhibitor pages (cms.directory)."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from booths.factories import BoothFactory, BoothTypeFactory, HallFactory, ZoneFactory
from booths.models import Allocation, AllocationKind
from cms import directory
from cms.models import AssociationsPage, DirectoryPage, EventPage, HomePage
from cms.remembered import forget_remembered
from events.factories import AssociationFactory, EventFactory, ParticipationFactory
from events.regions import Province
from exhibitors.factories import (
    ApplicationFactory,
    BusinessFactory,
    CertificationFactory,
    ProductFactory,
)
from exhibitors.models import ApplicationStatus, CertificationKind, Sector

DIRECTORY = "/hari-umkm-nasional-2027/peserta/"
DIRECTORY_EN = "/en/hari-umkm-nasional-2027/exhibitors/"
# The smallest valid PNG (1 × 1), for product photos and logos.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


@dataclass
class Pages:
    event: object
    home: HomePage
    event_page: EventPage
    directory: DirectoryPage
    associations: AssociationsPage
    directory_en: DirectoryPage | None = None
    associations_en: AssociationsPage | None = None


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def build_site(event, *, english=False, per_page=24) -> Pages:
    """Home → event page → directory and associations pages (and their English copies)."""
    source, _ = Locale.objects.get_or_create(language_code="id")
    root = Page.get_first_root_node()
    home = HomePage(title="Beranda", slug="beranda", locale=source, featured_event=event)
    root.add_child(instance=home)
    site = Site.objects.filter(is_default_site=True).first()
    site.root_page = home
    site.save()
    event_page = EventPage(title=event.name, slug=event.slug, event=event, locale=source)
    home.add_child(instance=event_page)
    directory_page = DirectoryPage(
        title="Direktori peserta", slug="peserta", per_page=per_page, locale=source
    )
    event_page.add_child(instance=directory_page)
    associations_page = AssociationsPage(
        title="Asosiasi peserta", slug="asosiasi-peserta", locale=source
    )
    event_page.add_child(instance=associations_page)
    pages = Pages(event, home, event_page, directory_page, associations_page)
    if english:
        target, _ = Locale.objects.get_or_create(language_code="en")
        home_en = home.copy_for_translation(target).specific
        home_en.title = "Home"
        _publish(home_en)
        _publish(event_page.copy_for_translation(target).specific)
        directory_en = directory_page.copy_for_translation(target).specific
        directory_en.title, directory_en.slug = "Exhibitor directory", "exhibitors"
        pages.directory_en = _publish(directory_en)
        associations_en = associations_page.copy_for_translation(target).specific
        associations_en.title, associations_en.slug = "Associations", "associations"
        pages.associations_en = _publish(associations_en)
    Site.clear_site_root_paths_cache()
    return pages


@pytest.fixture
def edition(db):
    return EventFactory(name="Hari UMKM Nasional 2027", slug="hari-umkm-nasional-2027", year=2027)


@pytest.fixture
def site_pages(edition):
    return build_site(edition)


@pytest.fixture
def association(edition):
    return ParticipationFactory(
        event=edition,
        association=AssociationFactory(name="Asosiasi Kopi Petani", acronym="AKOP", slug="akop"),
    ).association


def exhibitor(edition, association, status=ApplicationStatus.APPROVED, **business_fields):
    """A business with an application to `edition` in `status`."""
    business = BusinessFactory(**business_fields)
    ApplicationFactory(business=business, event=edition, association=association, status=status)
    return business


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(response):
    return " ".join(soup(response).get_text(" ").split())


def card_names(response):
    cards = soup(response).select("[data-testid=exhibitor-card] .exhibitor-card__name")
    return [card.get_text(strip=True) for card in cards]


def count_text(response):
    return soup(response).select_one("[data-testid=exhibitor-count]").get_text(" ", strip=True)


def notes(response):
    box = soup(response).select_one("[data-testid=filter-notes]")
    return [li.get_text(" ", strip=True) for li in box.find_all("li")] if box else []


def options(response, name):
    select = soup(response).select_one(f"select[name={name}]")
    return [option["value"] for option in select.find_all("option") if option["value"]]


def booth(hall, zone, booth_type, code, x):
    return BoothFactory(
        hall=hall, zone=zone, booth_type=booth_type, code=code, x_m=Decimal(x), y_m=Decimal(0)
    )


def assign(booth_, business, edition):
    application = business.applications.get(event=edition)
    return Allocation.objects.create(
        booth=booth_, application=application, kind=AllocationKind.ASSIGNMENT
    )


# Who is listed -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_directory_lists_only_published_approved_exhibitors_of_the_edition(
    client, site_pages, edition, association
):
    S = ApplicationStatus
    exhibitor(edition, association, S.APPROVED, brand_name="Kopi Approved")
    exhibitor(edition, association, S.ALLOCATED, brand_name="Batik Allocated")
    exhibitor(edition, association, S.CONFIRMED, brand_name="Rotan Confirmed")
    for status in (S.DRAFT, S.SUBMITTED, S.ASSOCIATION_VERIFIED, S.WAITLISTED, S.REJECTED):
        exhibitor(edition, association, status, brand_name=f"Hidden {status}")
    exhibitor(edition, association, S.WITHDRAWN, brand_name="Hidden withdrawn")
    exhibitor(edition, association, S.APPROVED, brand_name="Hidden unpublished", is_published=False)
    exhibitor(EventFactory(), association, S.APPROVED, brand_name="Hidden other edition")
    # No brand: the legal name is shown.
    exhibitor(edition, association, S.APPROVED, brand_name="", legal_name="CV Tanpa Merek")

    response = client.get(DIRECTORY)

    assert response.status_code == 200
    assert card_names(response) == [
        "Batik Allocated",
        "CV Tanpa Merek",
        "Kopi Approved",
        "Rotan Confirmed",
    ]
    assert count_text(response).startswith("4 ")
    assert "Hidden" not in response.content.decode()


@pytest.mark.django_db
def test_a_card_shows_sector_place_association_valid_badges_and_booth(
    client, site_pages, edition, association
):
    business = exhibitor(
        edition,
        association,
        ApplicationStatus.ALLOCATED,
        brand_name="Kopi Lereng Merapi",
        sector=Sector.KOPI_REMPAH,
        city="Kabupaten Boyolali",
        province=Province.JAWA_TENGAH,
    )
    business.logo.save("logo.png", ContentFile(PNG), save=True)
    CertificationFactory(business=business, kind=CertificationKind.HALAL)
    CertificationFactory(business=business, kind=CertificationKind.PIRT, number="123456789012345")
    CertificationFactory(
        business=business,
        kind=CertificationKind.SNI,
        number="SNI-01",
        issued_on=date.today() - timedelta(days=800),
        expires_on=date.today() - timedelta(days=1),
    )
    hall = HallFactory(event=edition, code="A", name="Pendopo Ageng", width_m=30, depth_m=10)
    zone = ZoneFactory(hall=hall)
    booth_type = BoothTypeFactory(event=edition)
    assign(booth(hall, zone, booth_type, "A-08", 3), business, edition)
    assign(booth(hall, zone, booth_type, "A-07", 0), business, edition)
    held = booth(hall, zone, booth_type, "A-01", 6)  # a hold is no booth of its own yet
    Allocation.objects.create(
        booth=held,
        application=business.applications.get(),
        kind=AllocationKind.HOLD,
        held_until=timezone.now() + timedelta(minutes=10),
    )

    response = client.get(DIRECTORY)

    card = soup(response).select_one("[data-testid=exhibitor-card]")
    card_text = " ".join(card.get_text(" ").split())
    assert "Kopi Lereng Merapi" in card_text
    assert "Kabupaten Boyolali, Jawa Tengah" in card_text
    assert "AKOP" in card_text
    badges = [tag.get_text(strip=True) for tag in card.select(".tag--certificate")]
    assert badges == ["Halal", "P-IRT"]  # the expired SNI is not a badge
    assert card.select_one("[data-testid=card-booth]").get_text(strip=True).endswith("A-07 +1")
    logo = card.select_one("img.exhibitor-card__logo")
    assert logo["loading"] == "lazy" and logo["width"] and logo["height"] and logo["alt"]
    link = card.select_one("a")["href"]
    assert link == f"{DIRECTORY}{business.pk}-kopi-lereng-merapi/"


# Search and filters -----------------------------------------------------------------------


@pytest.fixture
def catalogue(edition, association):
    """Five exhibitors that differ in every way the directory filters."""
    other = ParticipationFactory(
        event=edition, association=AssociationFactory(acronym="APBJ", slug="apbj")
    ).association
    kopi = exhibitor(
        edition,
        association,
        brand_name="Kopi Lereng",
        sector=Sector.KOPI_REMPAH,
        province=Province.JAWA_TENGAH,
        city="Kabupaten Boyolali",
        description="Arabika dari lereng Merapi.",
    )
    ProductFactory(business=kopi, name="Kopi Arabika Sangrai")
    CertificationFactory(business=kopi, kind=CertificationKind.HALAL)
    batik = exhibitor(
        edition,
        other,
        brand_name="Batik Laweyan",
        legal_name="CV Sogan Lestari",
        sector=Sector.FASHION,
        province=Province.JAWA_TENGAH,
        city="Kota Surakarta",
    )
    ProductFactory(business=batik, name="Kain batik tulis")
    sambal = exhibitor(
        edition,
        other,
        brand_name="Sambal Bu Rudy",
        sector=Sector.KULINER,
        province=Province.JAWA_TIMUR,
        city="Kota Surabaya",
        description="Sambal bawang tanpa pengawet.",
    )
    CertificationFactory(business=sambal, kind=CertificationKind.PIRT, number="123456789012345")
    CertificationFactory(business=sambal, kind=CertificationKind.HALAL)
    rotan = exhibitor(
        edition,
        association,
        brand_name="Rotan Nusa",
        sector=Sector.KRIYA,
        province=Province.KALIMANTAN_SELATAN,
        city="Kota Banjarmasin",
    )
    CertificationFactory(  # expired: it counts for nothing
        business=rotan,
        kind=CertificationKind.SNI,
        number="SNI-1",
        issued_on=date.today() - timedelta(days=900),
        expires_on=date.today() - timedelta(days=10),
    )
    # Not listed, so its sector, province and association offer no option.
    exhibitor(
        edition,
        ParticipationFactory(
            event=edition, association=AssociationFactory(slug="kosong")
        ).association,
        ApplicationStatus.SUBMITTED,
        brand_name="Draft Herbal",
        sector=Sector.HERBAL_KOSMETIK,
        province=Province.BALI,
    )
    return {"kopi": kopi, "batik": batik, "sambal": sambal, "rotan": rotan}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("lereng", ["Kopi Lereng"]),  # brand name
        ("sogan", ["Batik Laweyan"]),  # legal name
        ("BATIK TULIS", ["Batik Laweyan"]),  # product name, any case
        ("sangrai", ["Kopi Lereng"]),  # product name
        ("pengawet", ["Sambal Bu Rudy"]),  # description
        ("banjarmasin", ["Rotan Nusa"]),  # city
        ("kota", ["Batik Laweyan", "Rotan Nusa", "Sambal Bu Rudy"]),
        ("kopi merapi", ["Kopi Lereng"]),  # every word must match somewhere
        ("kopi surabaya", []),
        ("50%_off", []),  # LIKE wildcards are literal
        ("herbal", []),  # only listed exhibitors are searched
    ],
)
def test_search(client, site_pages, catalogue, q, expected):
    response = client.get(DIRECTORY, {"q": q})

    assert response.status_code == 200
    assert card_names(response) == expected
    assert soup(response).select_one("input[name=q]")["value"] == q


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"sector": "kuliner"}, ["Sambal Bu Rudy"]),
        ({"sector": "fashion"}, ["Batik Laweyan"]),
        ({"association": "akop"}, ["Kopi Lereng", "Rotan Nusa"]),
        ({"association": "apbj"}, ["Batik Laweyan", "Sambal Bu Rudy"]),
        ({"province": Province.JAWA_TENGAH}, ["Batik Laweyan", "Kopi Lereng"]),
        ({"province": Province.KALIMANTAN_SELATAN}, ["Rotan Nusa"]),
        ({"certification": "halal"}, ["Kopi Lereng", "Sambal Bu Rudy"]),
        ({"certification": "pirt"}, ["Sambal Bu Rudy"]),
        ({"province": Province.JAWA_TENGAH, "association": "akop"}, ["Kopi Lereng"]),
        ({"certification": "halal", "association": "apbj", "q": "sambal"}, ["Sambal Bu Rudy"]),
        ({"certification": "halal", "sector": "fashion"}, []),
    ],
)
def test_filters_and_their_combinations(client, site_pages, catalogue, params, expected):
    response = client.get(DIRECTORY, params)

    assert response.status_code == 200
    assert card_names(response) == expected
    assert notes(response) == []
    for name, value in params.items():
        if name != "q":
            selected = soup(response).select_one(f"select[name={name}] option[selected]")
            assert selected["value"] == value


@pytest.mark.django_db
def test_filters_offer_only_what_the_listed_exhibitors_have(client, site_pages, catalogue):
    response = client.get(DIRECTORY)

    assert sorted(options(response, "sector")) == ["fashion", "kopi_rempah", "kriya", "kuliner"]
    assert options(response, "association") == ["akop", "apbj"]  # not "kosong"
    assert sorted(options(response, "province")) == ["33", "35", "63"]  # not Bali
    assert options(response, "certification") == ["pirt", "halal"]  # not the expired SNI
    # Each filter is a labelled select.
    page = soup(response)
    for name in ("sector", "association", "province", "certification"):
        select = page.select_one(f"select[name={name}]")
        assert page.select_one(f"label[for={select['id']}]").get_text(strip=True)
    labels = [label.get_text(strip=True) for label in page.select("form label")]
    assert labels[:4] == ["Cari", "Sektor", "Asosiasi", "Provinsi"]  # Indonesian by default
    assert len(labels) == 5
    assert "Kuliner" in [o.get_text() for o in page.select("select[name=sector] option")]


@pytest.mark.django_db
def test_a_filter_in_use_can_be_removed_on_its_own(client, site_pages, catalogue):
    response = client.get(DIRECTORY, {"association": "akop", "province": "33"})

    assert card_names(response) == ["Kopi Lereng"]
    chips = [a["href"] for a in soup(response).select("[data-testid=active-filters] a")]
    assert len(chips) == 2
    without_province = next(href for href in chips if "province" not in href)
    assert parse_qs(urlsplit(without_province).query) == {"association": ["akop"]}
    assert card_names(client.get(without_province)) == ["Kopi Lereng", "Rotan Nusa"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"sector": "tambang-emas"},
        {"sector": "herbal_kosmetik"},  # a real sector, but no listed exhibitor has it
        {"association": "<script>alert(1)</script>"},
        {"association": "kosong"},
        {"province": "99"},
        {"certification": "iso9001"},
        {"certification": "sni"},  # only an expired one exists
        {"page": "abc"},
        {"page": "99999"},
        {"page": "-1"},
        {"page": "1" * 40},
    ],
)
def test_junk_values_are_left_out_with_a_note(client, site_pages, catalogue, params):
    response = client.get(DIRECTORY, {**params, "q": "kota"})

    assert response.status_code == 200
    assert len(notes(response)) == 1
    # The rest still applies: the search narrows the list.
    assert card_names(response) == ["Batik Laweyan", "Rotan Nusa", "Sambal Bu Rudy"]
    value = next(iter(params.values()))
    assert value[:20] in notes(response)[0]  # the note says which value was left out
    assert "<script>alert" not in response.content.decode()


@pytest.mark.django_db
def test_a_huge_search_is_cut_short_with_a_note(client, site_pages, catalogue):
    response = client.get(DIRECTORY, {"q": "kota " + "x" * 5000, "sector": "kriya"})

    assert response.status_code == 200
    assert len(notes(response)) == 1
    assert "100" in notes(response)[0]
    assert len(soup(response).select_one("input[name=q]")["value"]) <= 100
    assert card_names(response) == []  # "kota" and a long "xxx…" match nobody
    selected = soup(response).select_one("select[name=sector] option[selected]")
    assert selected["value"] == "kriya"


@pytest.mark.django_db
def test_a_nul_byte_or_repeated_parameters_break_nothing(client, site_pages, catalogue):
    response = client.get(DIRECTORY + "?q=ko%00pi&sector=kuliner&sector=fashion&page=1&page=x")

    assert response.status_code == 200


@pytest.mark.django_db
def test_notes_and_labels_in_english(client, edition, association, catalogue):
    build_site(edition, english=True)

    response = client.get(DIRECTORY_EN, {"sector": "tambang"})

    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == "en"
    assert page.select_one("label[for=id_sector]").get_text(strip=True) == "Sector"
    assert "Culinary (kuliner)" in [o.get_text() for o in page.select("select[name=sector] option")]
    assert notes(response) == [
        "No exhibitor of this edition is in the sector “tambang”, so that filter was left out."
    ]
    assert count_text(response) == "4 exhibitors"
    # Exhibitor links stay in English.
    assert all(
        a["href"].startswith(DIRECTORY_EN) for a in page.select("[data-testid=exhibitor-card] a")
    )


@pytest.mark.django_db
def test_a_newly_approved_exhibitor_shows_at_once(client, site_pages, edition, association):
    exhibitor(edition, association, brand_name="Rotan Nusa", sector=Sector.KRIYA)
    assert options(client.get(DIRECTORY), "sector") == ["kriya"]
    business = exhibitor(
        edition,
        association,
        ApplicationStatus.SUBMITTED,
        brand_name="Sambal Baru",
        sector=Sector.KULINER,
    )
    application = business.applications.get()
    application.status = ApplicationStatus.APPROVED
    application.save()

    response = client.get(DIRECTORY, {"sector": "kuliner"})

    assert notes(response) == []
    assert card_names(response) == ["Sambal Baru"]
    assert sorted(options(response, "sector")) == ["kriya", "kuliner"]


@pytest.mark.django_db
def test_empty_states(client, site_pages, catalogue):
    response = client.get(DIRECTORY, {"q": "tidak ada yang cocok"})

    assert card_names(response) == []
    assert count_text(response).startswith("0 ")
    empty = soup(response).select_one("[data-testid=empty-state]")
    assert empty.select_one("a")["href"] == DIRECTORY


@pytest.mark.django_db
def test_pagination_keeps_the_filters(client, edition, association):
    pages = build_site(edition, per_page=2)
    for n in range(5):
        exhibitor(edition, association, brand_name=f"Kuliner {n}", sector=Sector.KULINER)
    exhibitor(edition, association, brand_name="Kriya lain", sector=Sector.KRIYA)
    assert pages.directory.per_page == 2

    first = client.get(DIRECTORY, {"sector": "kuliner"})
    assert card_names(first) == ["Kuliner 0", "Kuliner 1"]
    assert count_text(first).startswith("5 ")
    links = soup(first).select("[data-testid=pagination] a")
    hrefs = [a["href"] for a in links]
    assert hrefs
    for href in hrefs:
        assert parse_qs(urlsplit(href).query)["sector"] == ["kuliner"]
    last = client.get(next(h for h in hrefs if "page=3" in h))
    assert card_names(last) == ["Kuliner 4"]
    # An exhibitor link carries the filters, for the "back" link of its page.
    card_link = soup(last).select_one("[data-testid=exhibitor-card] a")["href"]
    assert parse_qs(urlsplit(card_link).query) == {"sector": ["kuliner"], "page": ["3"]}
    # Search engines are pointed at the unfiltered list (and its own pages).
    canonical = soup(last).select_one("link[rel=canonical]")["href"]
    assert canonical == f"http://testserver{DIRECTORY}"
    second = client.get(DIRECTORY, {"page": "2"})
    assert soup(second).select_one("link[rel=canonical]")["href"].endswith(f"{DIRECTORY}?page=2")
    assert soup(second).select_one("link[rel=prev]")["href"] == DIRECTORY
    # Beyond the last page: the last page, with a note.
    beyond = client.get(DIRECTORY, {"sector": "kuliner", "page": "99999"})
    assert card_names(beyond) == ["Kuliner 4"]
    assert len(notes(beyond)) == 1


@pytest.mark.django_db
def test_directory_stays_within_15_queries(
    client, site_pages, edition, association, django_assert_max_num_queries
):
    hall = HallFactory(event=edition, width_m=200, depth_m=10)
    zone = ZoneFactory(hall=hall)
    booth_type = BoothTypeFactory(event=edition)
    others = [ParticipationFactory(event=edition).association for _ in range(5)] + [association]
    for n in range(50):
        business = exhibitor(
            edition,
            others[n % len(others)],
            ApplicationStatus.ALLOCATED,
            brand_name=f"Usaha {n:02d}",
            sector=list(Sector)[n % len(Sector)],
        )
        ProductFactory(business=business, name=f"Produk kopi {n}")
        CertificationFactory(business=business, kind=CertificationKind.HALAL)
        CertificationFactory(business=business, kind=CertificationKind.PIRT, number=f"1{n:014d}")
        assign(booth(hall, zone, booth_type, f"B-{n:02d}", n * 3), business, edition)
    client.get(DIRECTORY)  # warm the per-process caches (site root paths, settings)

    with django_assert_max_num_queries(15):
        response = client.get(DIRECTORY)
    assert len(card_names(response)) == 24
    assert count_text(response).startswith("50 ")
    forget_remembered()  # after a change, the filters' options are read again
    with django_assert_max_num_queries(16):
        response = client.get(DIRECTORY)
    assert len(options(response, "association")) == 6
    with django_assert_max_num_queries(15):
        response = client.get(DIRECTORY, {"q": "kopi", "certification": "halal", "page": "2"})
    assert len(card_names(response)) == 24


# Exhibitor pages --------------------------------------------------------------------------


@pytest.fixture
def profile(edition, association):
    business = exhibitor(
        edition,
        association,
        ApplicationStatus.ALLOCATED,
        brand_name="Kopi Lereng Merapi",
        legal_name="CV Lereng Sejahtera",
        nib="9120000123456",
        sector=Sector.KOPI_REMPAH,
        city="Kabupaten Boyolali",
        province=Province.JAWA_TENGAH,
        address="Dusun Rahasia RT 01 RW 02",
        whatsapp="+6281299887766",
        email="pemilik@contoh.id",
        website="https://kopilereng.example/",
        marketplace_links="https://www.tokopedia.com/kopilereng\nhttps://shopee.co.id/kopilereng",
        description="Kopi arabika dari lereng Merapi, disangrai di Boyolali.",
        founded_year=2015,
        export_experience="indirect",
        export_destinations="Jepang",
    )
    roasted = ProductFactory(
        business=business, name="Arabika Sangrai", price_min=85_000, price_max=150_000, unit="pak"
    )
    roasted.photo.save("kopi.png", ContentFile(PNG), save=True)
    ProductFactory(business=business, name="Kopi Tubruk", price_min=25_000, price_max=25_000)
    CertificationFactory(
        business=business,
        kind=CertificationKind.HALAL,
        number="ID33110000123450124",
        expires_on=date(2030, 5, 17),
    )
    CertificationFactory(
        business=business,
        kind=CertificationKind.SNI,
        number="SNI-KADALUARSA",
        issued_on=date.today() - timedelta(days=900),
        expires_on=date.today() - timedelta(days=1),
    )
    return business


def exhibitor_url(business):
    return f"{DIRECTORY}{business.pk}-{directory.exhibitor_slug(business)}/"


@pytest.mark.django_db
def test_exhibitor_page_shows_the_published_profile(client, site_pages, profile):
    response = client.get(exhibitor_url(profile))

    assert response.status_code == 200
    page = soup(response)
    assert page.title.get_text() == "Kopi Lereng Merapi · Hari UMKM Nasional 2027"
    assert page.select_one("meta[name=description]")["content"].startswith(
        "Kopi arabika dari lereng Merapi"
    )
    assert page.select_one("link[rel=canonical]")["href"] == "http://testserver" + exhibitor_url(
        profile
    )
    crumbs = page.select(".breadcrumb li")
    assert [a["href"] for a in page.select(".breadcrumb a")] == [
        "/",
        "/hari-umkm-nasional-2027/",
        DIRECTORY,
    ]
    assert crumbs[-1].get_text(strip=True) == "Kopi Lereng Merapi"
    assert crumbs[-1]["aria-current"] == "page"
    body = text(response)
    for expected in (
        "Kopi Lereng Merapi",
        "CV Lereng Sejahtera",
        "Kabupaten Boyolali",
        "Jawa Tengah",
        "Asosiasi Kopi Petani",
        "2015",
        "Jepang",
        "disangrai di Boyolali",
    ):
        assert expected in body
    links = [a["href"] for a in page.select("[data-testid=exhibitor-links] a")]
    assert links == [
        "https://kopilereng.example/",
        "https://www.tokopedia.com/kopilereng",
        "https://shopee.co.id/kopilereng",
    ]
    products = page.select("[data-testid=product]")
    assert [p.select_one(".product__name").get_text() for p in products] == [
        "Arabika Sangrai",
        "Kopi Tubruk",
    ]
    prices = [p.get_text(" ", strip=True) for p in page.select("[data-testid=product-price]")]
    assert prices[0].startswith("Rp 85.000 – Rp 150.000")
    assert "pak" in prices[0]
    assert prices[1].startswith("Rp 25.000")
    assert "–" not in prices[1]
    photo = products[0].select_one("img")
    assert photo["loading"] == "lazy"
    assert photo["alt"] == "Arabika Sangrai"
    assert photo["width"] and photo["height"]
    certificates = page.select_one("[data-testid=exhibitor-certifications]").get_text(" ")
    assert "ID33110000123450124" in certificates
    assert "2030" in certificates
    assert "KADALUARSA" not in certificates  # expired


@pytest.mark.django_db
def test_exhibitor_page_hides_private_fields(client, site_pages, profile):
    html = client.get(exhibitor_url(profile)).content.decode()

    for private in ("9120000123456", "Dusun Rahasia", "81299887766", "pemilik@contoh.id", "wa.me"):
        assert private not in html


@pytest.mark.django_db
def test_exhibitor_page_without_links_or_booth(client, site_pages, edition, association):
    business = exhibitor(edition, association, brand_name="Tanpa Stan", website="")

    response = client.get(exhibitor_url(business))

    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("[data-testid=exhibitor-links]") is None
    assert page.select_one("[data-testid=no-booth]") is not None
    assert not page.select("g.booth")
    # No description: the meta description says who and where.
    assert "Tanpa Stan" in page.select_one("meta[name=description]")["content"]


@pytest.mark.django_db
def test_booth_is_highlighted_and_unpublished_neighbours_stay_nameless(
    client, site_pages, edition, association, profile
):
    hall = HallFactory(event=edition, code="A", name="Pendopo Ageng", width_m=30, depth_m=10)
    zone = ZoneFactory(hall=hall)
    booth_type = BoothTypeFactory(event=edition)
    assign(booth(hall, zone, booth_type, "A-01", 0), profile, edition)
    shy = exhibitor(
        edition,
        association,
        ApplicationStatus.ALLOCATED,
        brand_name="Tetangga Rahasia",
        is_published=False,
    )
    assign(booth(hall, zone, booth_type, "A-02", 3), shy, edition)
    open_ = exhibitor(edition, association, ApplicationStatus.ALLOCATED, brand_name="Tetangga Buka")
    assign(booth(hall, zone, booth_type, "A-03", 6), open_, edition)
    booth(hall, zone, booth_type, "A-04", 9)  # free

    response = client.get(exhibitor_url(profile))

    html = response.content.decode()
    page = soup(response)
    highlighted = page.select("svg g.booth.is-highlighted")
    assert [g["data-code"] for g in highlighted] == ["A-01"]
    assert highlighted[0]["data-business"] == "Kopi Lereng Merapi"
    assert page.select_one("[data-floor-plan]")["data-selected"] == "A-01"
    assert "Tetangga Rahasia" not in html
    assert page.select_one('g.booth[data-code="A-02"]')["data-business"] == ""
    assert page.select_one('g.booth[data-code="A-03"]')["data-business"] == "Tetangga Buka"
    assert "A-01" in page.select_one("[data-testid=exhibitor-booth]").get_text()
    assert page.select_one("[data-testid=no-booth]") is None


@pytest.mark.django_db
def test_back_link_keeps_the_directory_filters(client, site_pages, profile):
    response = client.get(
        exhibitor_url(profile), {"sector": "kopi_rempah", "q": "kopi", "page": "2", "x": "y"}
    )

    back = soup(response).select_one("[data-testid=back-link]")["href"]
    assert urlsplit(back).path == DIRECTORY
    assert parse_qs(urlsplit(back).query) == {
        "q": ["kopi"],
        "sector": ["kopi_rempah"],
        "page": ["2"],
    }
    hostile = client.get(exhibitor_url(profile), {"sector": '"><script>x</script>'})
    assert soup(hostile).select_one("[data-testid=back-link]")["href"] == DIRECTORY


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", ["", "kopi-lama/", "KOPI-LERENG-MERAPI/"])
def test_wrong_or_missing_slug_redirects_to_the_canonical_address(
    client, site_pages, profile, suffix
):
    url = f"{DIRECTORY}{profile.pk}-{suffix}" if suffix else f"{DIRECTORY}{profile.pk}/"

    response = client.get(url, {"sector": "kopi_rempah"})

    assert response.status_code == 301
    assert response["Location"] == exhibitor_url(profile) + "?sector=kopi_rempah"
    assert exhibitor_url(profile).endswith(f"/{profile.pk}-kopi-lereng-merapi/")


@pytest.mark.django_db
def test_slug_falls_back_when_the_name_has_no_latin_letters(
    client, site_pages, edition, association
):
    business = exhibitor(edition, association, brand_name="咖啡", legal_name="###")

    assert directory.exhibitor_slug(business) == "umkm"
    assert client.get(f"{DIRECTORY}{business.pk}-umkm/").status_code == 200


@pytest.mark.django_db
def test_exhibitor_404s(client, site_pages, edition, association):
    S = ApplicationStatus
    unpublished = exhibitor(edition, association, brand_name="Tertutup", is_published=False)
    rejected = exhibitor(edition, association, S.REJECTED, brand_name="Ditolak")
    draft = exhibitor(edition, association, S.DRAFT, brand_name="Draf")
    elsewhere = exhibitor(EventFactory(), association, brand_name="Edisi Lain")
    no_application = BusinessFactory(brand_name="Belum Daftar")

    for business in (unpublished, rejected, draft, elsewhere, no_application):
        assert client.get(exhibitor_url(business)).status_code == 404
        assert client.get(f"{DIRECTORY}{business.pk}/").status_code == 404
    assert client.get(f"{DIRECTORY}999999-tidak-ada/").status_code == 404
    assert client.get(f"{DIRECTORY}99999999999999999999999-besar/").status_code == 404
    assert client.get(f"{DIRECTORY}abc/").status_code == 404


# Sitemap ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_sitemap_entries_list_every_listed_exhibitor(site_pages, edition, association):
    first = exhibitor(edition, association, brand_name="Kopi Lereng")
    second = exhibitor(edition, association, ApplicationStatus.CONFIRMED, brand_name="Batik Sogan")
    exhibitor(edition, association, ApplicationStatus.REJECTED, brand_name="Ditolak")
    exhibitor(edition, association, brand_name="Tertutup", is_published=False)
    request = RequestFactory().get("/", HTTP_HOST="pameran.example")

    entries = directory.sitemap_entries(site_pages.directory, request)

    root = site_pages.directory.get_full_url(request)  # the site's own address
    assert root.startswith("http") and root.endswith(DIRECTORY)
    assert entries == [
        {"location": f"{root}{first.pk}-kopi-lereng/", "lastmod": first.updated_at},
        {"location": f"{root}{second.pk}-batik-sogan/", "lastmod": second.updated_at},
    ]
    urls = site_pages.directory.get_sitemap_urls(request)
    assert [entry["location"] for entry in urls[1:]] == [e["location"] for e in entries]


@pytest.mark.django_db
def test_sitemap_xml_contains_exhibitor_pages(client, site_pages, edition, association):
    business = exhibitor(edition, association, brand_name="Kopi Lereng")

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert f"{DIRECTORY}{business.pk}-kopi-lereng/" in response.content.decode()
