"""Suggested pairs: a transparent score out of 100, its reasons, live meetings left out,
the same answer every time, and a handful of queries whatever the number of exhibitors."""

from datetime import date, timedelta

import pytest

from exhibitors.factories import (
    ApplicationFactory,
    BusinessFactory,
    CertificationFactory,
    ProductFactory,
)
from exhibitors.models import ApplicationStatus, CertificationKind, ExportExperience, Scale, Sector
from matching.factories import exhibiting_business, ledger_event, participating_buyer
from matching.models import BuyerKind, Meeting, MeetingStatus
from matching.suggestions import score_pair, suggest_buyers, suggest_exhibitors, words

pytestmark = pytest.mark.django_db
ON = date(2027, 8, 1)


@pytest.fixture
def event():
    return ledger_event()


@pytest.fixture
def exporter(event):
    return participating_buyer(
        event,
        name="PT Ekspor Rempah Nusantara",
        kind=BuyerKind.EXPORTER,
        sectors=[Sector.KOPI_REMPAH],
        seeks="Kopi arabika Gayo dan gula aren, bersertifikat halal dan BPOM.",
    )


@pytest.fixture
def coffee(event):
    business = exhibiting_business(
        event,
        brand_name="Kopi Gayo Mandiri",
        sector=Sector.KOPI_REMPAH,
        scale=Scale.KECIL,
        export_experience=ExportExperience.DIRECT,
    )
    ProductFactory(business=business, name="Kopi Arabika Gayo 250 g", description="Biji sangrai")
    CertificationFactory(business=business, kind=CertificationKind.HALAL)
    CertificationFactory(
        business=business,
        kind=CertificationKind.BPOM_MD,
        number="MD 123456789012",
        issued_on=ON - timedelta(days=900),
        expires_on=ON - timedelta(days=10),  # expired: does not count
    )
    return business


@pytest.fixture
def craft(event):
    business = exhibiting_business(event, brand_name="Anyaman Bu Sri", sector=Sector.KRIYA)
    ProductFactory(business=business, name="Tas anyaman pandan")
    return business


def reasons_of(suggestion):
    return {r.code: (r.points, r.of) for r in suggestion.reasons}


def test_the_score_is_the_share_of_points_and_every_part_is_listed(event, exporter, coffee, craft):
    (best,) = suggest_exhibitors(exporter, event, on=ON)  # the craft scores under MIN_SCORE
    _best, other = suggest_exhibitors(exporter, event, on=ON, min_score=1)
    assert best.business == coffee
    assert reasons_of(best) == {
        "sector": (35, 35),
        "seeks": (30, 30),  # kopi, arabika, gayo
        "certificates": (8, 15),  # halal held; the BPOM permit expired
        "export": (10, 10),
        "scale": (7, 10),  # small, for a buyer that needs volume
    }
    assert best.score == 90 == round(100 * best.earned / best.possible)
    seeks = next(r for r in best.reasons if r.code == "seeks")
    assert "kopi" in seeks.label and "gayo" in seeks.label
    certificates = next(r for r in best.reasons if r.code == "certificates")
    assert "Halal" in certificates.label and "BPOM" in certificates.label
    assert other.business == craft
    assert other.score == 4  # only the micro scale's 4 points of 100
    assert all(0 <= s.score <= 100 for s in (best, other))


def test_a_domestic_buyer_is_not_scored_on_export_nor_certificates_it_did_not_ask(event, craft):
    hotel = participating_buyer(
        event,
        kind=BuyerKind.HOTEL_RESTAURANT,
        sectors=[Sector.KRIYA],
        seeks="Tas anyaman untuk suvenir tamu hotel",
    )
    (suggestion,) = suggest_exhibitors(hotel, event, on=ON)
    assert set(reasons_of(suggestion)) == {"sector", "seeks", "scale"}
    assert reasons_of(suggestion)["seeks"] == (20, 30)  # tas, anyaman
    assert suggestion.score == round(100 * (35 + 20 + 10) / 75)


def test_pairs_with_a_live_meeting_are_left_out(event, exporter, coffee, craft):
    meeting = Meeting.objects.create(
        event=event, buyer=exporter, business=coffee, requested_by_side="buyer"
    )
    everyone = {"on": ON, "min_score": 1}
    assert [s.business for s in suggest_exhibitors(exporter, event, **everyone)] == [craft]
    assert suggest_buyers(coffee, event, **everyone) == []
    meeting.status = MeetingStatus.DECLINED
    meeting.save()
    assert [s.business for s in suggest_exhibitors(exporter, event, **everyone)] == [coffee, craft]


def test_only_exhibitors_of_the_edition_are_suggested(event, exporter, coffee):
    draft = BusinessFactory(sector=Sector.KOPI_REMPAH)
    ApplicationFactory(business=draft, event=event, status=ApplicationStatus.SUBMITTED)
    elsewhere = exhibiting_business(ledger_event(), sector=Sector.KOPI_REMPAH)
    suggested = [s.business for s in suggest_exhibitors(exporter, event, on=ON)]
    assert suggested == [coffee]
    assert draft not in suggested and elsewhere not in suggested
    assert suggest_buyers(elsewhere, event, on=ON) == []


def test_buyers_are_suggested_to_an_exhibitor_best_first(event, exporter, coffee):
    cafe = participating_buyer(
        event, name="Kafe Solo", kind=BuyerKind.HOTEL_RESTAURANT, sectors=[Sector.KULINER]
    )
    participating_buyer(ledger_event(), sectors=[Sector.KOPI_REMPAH])  # another edition
    assert [s.buyer for s in suggest_buyers(coffee, event, on=ON)] == [exporter]
    suggestions = suggest_buyers(coffee, event, on=ON, min_score=1)
    assert [s.buyer for s in suggestions] == [exporter, cafe]
    assert suggestions[1].score == round(100 * 10 / 75)  # only the scale suits
    assert suggestions[0].score == 90
    assert reasons_of(suggestions[1])["sector"] == (0, 35)


def test_the_answer_is_deterministic_and_limited(event):
    buyer = participating_buyer(event, sectors=[Sector.KRIYA], seeks="")
    for name in ("Cendana", "Bambu", "Anggrek", "Damar"):
        exhibiting_business(event, brand_name=name, sector=Sector.KRIYA)
    first = suggest_exhibitors(buyer, event, on=ON)
    assert [s.business.display_name for s in first] == ["Anggrek", "Bambu", "Cendana", "Damar"]
    assert len({s.score for s in first}) == 1  # a tie, broken by name
    assert suggest_exhibitors(buyer, event, on=ON) == first
    assert [s.business.display_name for s in suggest_exhibitors(buyer, event, limit=2)] == [
        "Anggrek",
        "Bambu",
    ]


def test_no_query_per_exhibitor(event, exporter, django_assert_max_num_queries):
    for n in range(12):
        business = exhibiting_business(event, sector=Sector.KOPI_REMPAH)
        ProductFactory(business=business, name=f"Kopi {n}")
        CertificationFactory(business=business)
    with django_assert_max_num_queries(4):
        suggestions = suggest_exhibitors(exporter, event, on=ON)
        assert len(suggestions) == 12
        [r.label for s in suggestions for r in s.reasons]


def test_score_pair_reads_only_what_it_is_given(event, exporter, coffee, django_assert_num_queries):
    with django_assert_num_queries(0):
        score, reasons = score_pair(
            exporter, coffee, on=ON, business_words={"kopi"}, valid_kinds={"halal", "bpom_md"}
        )
    assert score == round(100 * (35 + 10 + 15 + 10 + 7) / 100)
    assert [r.code for r in reasons] == ["sector", "seeks", "certificates", "export", "scale"]


def test_words_drop_filler_and_match_word_forms():
    assert words("Produk KOPI dan kopi, rempah-rempah 250 g untuk ekspor") == [
        "kopi",
        "rempah",
        "ekspor",
    ]
    assert words("") == []
    assert words("Specialty coffee and spices") == ["specialty", "kopi", "rempah"]
