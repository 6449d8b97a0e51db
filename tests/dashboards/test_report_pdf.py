"""The minister's briefing: read back from the PDF, its headline figures are the sums of
the live rows, in the Indonesian way (or in English when English is asked for)."""

import io
import time
from datetime import date

import pytest
from django.utils.translation import gettext as _
from pypdf import PdfReader

from dashboards.pdf import render_ledger_report
from dashboards.reports import build_ledger_report, ledger_report_pdf
from events.money import format_rupiah, format_rupiah_short, format_usd_short
from exhibitors.models import Sector
from matching.models import ReportGroup
from matching.selectors import LedgerFilter, Trust
from tests.dashboards import build_ledger, live_rows, sums

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger():
    return build_ledger()


def _pages(content: bytes) -> list[str]:
    assert content.startswith(b"%PDF")
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_briefing_shows_each_groups_headline_the_indonesian_way(ledger):
    pages = _pages(ledger_report_pdf(LedgerFilter(event=ledger.event)))
    assert 1 <= len(pages) <= 2
    first, text = _flat(pages[0]), _flat(" ".join(pages))
    assert "Hari UMKM Nasional 2027, Solo" in first
    assert "Pamedan Pura Mangkunegaran" in first and "12–13 Agustus 2027" in first
    expected = sums(live_rows(ledger.event))
    for group in ReportGroup.values:
        figures = expected[group]
        assert format_rupiah_short(figures["value_idr"]) in first
        assert format_rupiah(figures["value_idr"]) in first
    # As a minister reads them: short, then exact, with dots between thousands.
    assert "Rp 1,2 miliar" in first and "Rp 1.234.567.890" in first
    assert "Rp 6,5 miliar" in first and "Rp 6.500.000.000" in first
    assert "Rp 44,2 juta" in first and "Rp 44.208.000" in first
    assert "USD 77.160,49" in first  # the MoU in dollars, at the edition's rate
    assert "Rp 2.100.000" in first  # retail
    assert "1 USD = Rp 16.000 (Bank Indonesia JISDOR, 1 Agustus 2027)" in text
    assert "1 SGD = Rp 12.000" in text
    assert "ASEPHI" in text and "IWAPI" in text
    assert "Jepang" in text or "Japan" in text  # the export destination


def test_void_rows_never_count(ledger):
    text = _flat(" ".join(_pages(ledger_report_pdf(LedgerFilter(event=ledger.event)))))
    typo, corrected = ledger.voided
    assert typo.value_idr == 999_000_000 and corrected.value_idr == 2_000_000_000
    # The order typed with three zeros too many, and the potential deal before its correction.
    assert "Rp 1.043.208.000" not in text
    assert "Rp 7.500.000.000" not in text and "Rp 7,5 miliar" not in text
    assert "999" not in text
    assert "Rp 44.208.000" in text and "Rp 6.500.000.000" in text


def test_what_is_counted_is_said_and_only_that_is_counted(ledger):
    ledger_filter = LedgerFilter(event=ledger.event, sector=Sector.KOPI_REMPAH, trust=Trust.ALL)
    first = _flat(_pages(ledger_report_pdf(ledger_filter))[0])
    assert f"{_('Sector')}: {Sector.KOPI_REMPAH.label}" in first
    assert str(Trust.LABELS[Trust.ALL]) in first
    expected = sums(live_rows(ledger.event, sector=Sector.KOPI_REMPAH))
    assert expected["retail"]["value_idr"] == 0
    assert format_rupiah(expected["orders"]["value_idr"]) in first
    assert "Rp 2.100.000" not in first  # the batik stand's retail sales are left out


def test_the_english_briefing_is_in_english(ledger, english):
    pages = _pages(ledger_report_pdf(LedgerFilter(event=ledger.event)))
    text = _flat(" ".join(pages))
    assert "IDR 1.2 billion" in text and "IDR 1,234,567,890" in text
    assert "IDR 6.5 billion" in text and "IDR 44.2 million" in text
    assert "USD 77,160.49" in text
    assert "12–13 August 2027" in text and "Japan" in text
    assert "Business-matching deals report".upper() in text
    for indonesian in ("miliar", "juta", "Agustus", "Rp 1.234.567.890"):
        assert indonesian not in text
    assert format_usd_short(1250.5, "en") == "USD 1,251"


def test_an_edition_without_deals_still_makes_a_briefing(ledger):
    quiet = LedgerFilter(event=ledger.event, day=date(2027, 8, 1))
    pages = _pages(ledger_report_pdf(quiet))
    first = _flat(pages[0])
    assert first.count("Rp 0") >= 8  # each box, short and exact
    assert "Kam 12 Agu" in first  # the chart still has the edition's days


def test_the_briefing_renders_fast_and_reads_nothing_more(ledger, django_assert_num_queries):
    report = build_ledger_report(LedgerFilter(event=ledger.event))
    with django_assert_num_queries(0):
        started = time.perf_counter()
        content = render_ledger_report(report)
        elapsed = time.perf_counter() - started
    assert elapsed < 1.0
    assert render_ledger_report(report) == content  # a pure function of the report


def test_short_rupiah():
    assert format_rupiah_short(1_234_567_890) == "Rp 1,2 miliar"
    assert format_rupiah_short(350_000_000) == "Rp 350 juta"
    assert format_rupiah_short(3_400_000_000_000) == "Rp 3,4 triliun"
    assert format_rupiah_short(999_960_000) == "Rp 1 miliar"
    assert format_rupiah_short(250_000) == "Rp 250.000"
    assert format_rupiah_short(0) == "Rp 0"
    assert format_rupiah_short(1_234_567_890, "en") == "IDR 1.2 billion"
    assert format_rupiah_short(350_000_000, "en") == "IDR 350 million"
    assert format_rupiah_short(12_345_000_000_000_000) == "Rp 12.345 triliun"
    assert format_usd_short(90_040_000) == "USD 90 juta"
    assert format_usd_short(77_160.49) == "USD 77.160"
