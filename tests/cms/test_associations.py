"""The associations page of an edition (cms.directory.associations_context)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from cms.remembered import forget_remembered
from events.factories import AssociationFactory, EventFactory, ParticipationFactory
from exhibitors.models import ApplicationStatus
from tests.cms.test_directory import DIRECTORY, build_site, exhibitor

ASSOCIATIONS = "/hari-umkm-nasional-2027/asosiasi-peserta/"
ASSOCIATIONS_EN = "/en/hari-umkm-nasional-2027/associations/"


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def cards(response):
    return {card["id"]: card for card in soup(response).select("[data-testid=association-card]")}


@pytest.fixture
def edition(db):
    return EventFactory(name="Hari UMKM Nasional 2027", slug="hari-umkm-nasional-2027", year=2027)


@pytest.fixture
def site_pages(edition):
    return build_site(edition)


@pytest.fixture
def akop(edition):
    logo = get_image_model().objects.create(title="Logo AKOP", file=get_test_image_file())
    association = AssociationFactory(
        name="Asosiasi Kopi Petani",
        acronym="AKOP",
        slug="akop",
        sector_focus="Kopi dan rempah",
        description="Menghimpun petani dan penyangrai kopi dari seluruh Nusantara.",
        website="https://akop.example/",
        contact_email="rahasia@akop.example",
        contact_phone="081200000000",
        logo=logo,
    )
    ParticipationFactory(event=edition, association=association, booth_quota=45)
    return association


@pytest.mark.django_db
def test_associations_page_shows_each_association_with_its_exhibitors(
    client, site_pages, edition, akop
):
    empty = ParticipationFactory(
        event=edition, association=AssociationFactory(name="Asosiasi Bambu", acronym="ABMD")
    ).association
    names = [
        "Kopi Gayo",
        "Kopi Toraja",
        "Kopi Kintamani",
        "Kopi Flores",
        "Kopi Java",
        "Kopi Bajawa",
    ]
    businesses = [exhibitor(edition, akop, brand_name=name) for name in names]
    exhibitor(edition, akop, ApplicationStatus.CONFIRMED, brand_name="Kopi Wamena")
    # Not counted: not approved, unpublished, another edition.
    exhibitor(edition, akop, ApplicationStatus.SUBMITTED, brand_name="Kopi Draf")
    exhibitor(edition, akop, ApplicationStatus.REJECTED, brand_name="Kopi Ditolak")
    exhibitor(edition, akop, brand_name="Kopi Tertutup", is_published=False)
    exhibitor(EventFactory(), akop, brand_name="Kopi Lain")

    response = client.get(ASSOCIATIONS)

    assert response.status_code == 200
    found = cards(response)
    assert list(found) == [empty.slug, "akop"]  # by acronym: ABMD, AKOP
    card = found["akop"]
    card_text = " ".join(card.get_text(" ").split())
    for expected in ("AKOP", "Asosiasi Kopi Petani", "Kopi dan rempah", "penyangrai kopi", "45"):
        assert expected in card_text
    assert card.select_one("[data-testid=association-website]")["href"] == "https://akop.example/"
    assert card.select_one("[data-testid=association-count]").get_text(strip=True).startswith("7 ")
    logo = card.select_one("img.association-card__logo")
    assert logo["src"].endswith(".webp")
    assert (logo["width"], logo["height"]) == ("160", "160")
    assert logo["loading"] == "lazy" and logo["alt"]
    # Six names, alphabetically, each linking to its exhibitor page.
    links = card.select("[data-testid=association-exhibitors] a")
    assert [a.get_text() for a in links] == sorted(names + ["Kopi Wamena"])[:6]
    by_name = {b.brand_name: b for b in businesses}
    gayo = next(a for a in links if a.get_text() == "Kopi Gayo")
    assert gayo["href"] == f"{DIRECTORY}{by_name['Kopi Gayo'].pk}-kopi-gayo/"
    assert client.get(gayo["href"]).status_code == 200
    html = response.content.decode()
    for hidden in ("Kopi Draf", "Kopi Ditolak", "Kopi Tertutup", "Kopi Lain"):
        assert hidden not in html
    # The private contact of the association stays private.
    assert "rahasia@akop.example" not in html and "081200000000" not in html
    # The link to the directory filtered by the association.
    directory_link = card.select_one("[data-testid=association-directory-link]")["href"]
    assert urlsplit(directory_link).path == DIRECTORY
    assert parse_qs(urlsplit(directory_link).query) == {"association": ["akop"]}
    listed = client.get(directory_link)
    assert len(soup(listed).select("[data-testid=exhibitor-card]")) == 7
    assert not soup(listed).select("[data-testid=filter-notes]")
    # An association without exhibitors says so, without a link to an empty directory.
    empty_card = found[empty.slug]
    assert empty_card.select_one("[data-testid=association-count]").get_text(strip=True)[0] == "0"
    assert empty_card.select_one("[data-testid=association-directory-link]") is None
    assert empty_card.select_one(".association-card__logo--empty").get_text() == "ABMD"


@pytest.mark.django_db
def test_a_change_shows_at_once(client, site_pages, edition, akop):
    assert (
        cards(client.get(ASSOCIATIONS))["akop"]
        .select_one("[data-testid=association-count]")
        .get_text(strip=True)
        .startswith("0 ")
    )

    business = exhibitor(edition, akop, ApplicationStatus.SUBMITTED, brand_name="Kopi Baru")
    application = business.applications.get()
    application.status = ApplicationStatus.APPROVED
    application.save()

    card = cards(client.get(ASSOCIATIONS))["akop"]
    assert card.select_one("[data-testid=association-count]").get_text(strip=True).startswith("1 ")
    assert "Kopi Baru" in card.get_text()


@pytest.mark.django_db
def test_without_a_directory_the_names_are_plain_text(client, site_pages, edition, akop):
    exhibitor(edition, akop, brand_name="Kopi Gayo")
    site_pages.directory.unpublish()

    card = cards(client.get(ASSOCIATIONS))["akop"]

    assert "Kopi Gayo" in card.get_text()
    assert not card.select("[data-testid=association-exhibitors] a")
    assert card.select_one("[data-testid=association-directory-link]") is None


@pytest.mark.django_db
def test_associations_page_stays_within_15_queries(
    client, site_pages, edition, akop, django_assert_max_num_queries
):
    for n in range(25):
        association = ParticipationFactory(event=edition).association
        for m in range(3):
            exhibitor(edition, association, brand_name=f"Usaha {n}-{m}")
    for m in range(8):
        exhibitor(edition, akop, brand_name=f"Kopi {m}")

    client.get(ASSOCIATIONS)  # the first reader has the logo's rendition made
    forget_remembered()
    with django_assert_max_num_queries(18):  # the lists are read again after a change
        response = client.get(ASSOCIATIONS)
    assert len(cards(response)) == 26
    with django_assert_max_num_queries(15):  # then remembered
        response = client.get(ASSOCIATIONS)
    assert len(cards(response)) == 26
    assert len(cards(response)["akop"].select("[data-testid=association-exhibitors] li")) == 6


@pytest.mark.django_db
def test_english_page(client, edition, akop):
    build_site(edition, english=True)
    exhibitor(edition, akop, brand_name="Kopi Gayo")

    response = client.get(ASSOCIATIONS_EN)

    assert response.status_code == 200
    assert soup(response).html["lang"] == "en"
    card = cards(response)["akop"]
    assert card.select_one("[data-testid=association-count]").get_text(strip=True) == "1 exhibitor"
    link = card.select_one("[data-testid=association-exhibitors] a")["href"]
    assert link.startswith("/en/hari-umkm-nasional-2027/exhibitors/")


@pytest.mark.django_db
def test_no_associations_yet(client, site_pages):
    response = client.get(ASSOCIATIONS)

    assert response.status_code == 200
    assert soup(response).select_one("[data-testid=empty-state]") is not None
