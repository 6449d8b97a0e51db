"""The figures as files: every total read back from the XLSX and the CSV equals a sum over
the ledger's live rows, voided rows never count, and no person's data reaches a file."""

import csv
import io
import zipfile
from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest
from django.utils.translation import gettext as _

from dashboards import exports
from dashboards.exports import row_header, rows_csv, rows_xlsx, summary_csv, summary_xlsx
from dashboards.reports import describe_filter
from events.models import Currency
from exhibitors.models import Sector
from matching.models import ReportGroup
from matching.selectors import (
    DIMENSIONS,
    LedgerFilter,
    Trust,
    ledger_breakdown,
    ledger_rows,
    ledger_summary,
)
from matching.services import transaction_verify
from tests.dashboards import (
    BUSINESS_CONTACT,
    BUYER_CONTACT,
    DAY1,
    GROUPS,
    MANAGER_EMAIL,
    MANAGER_NAME,
    build_ledger,
    live_rows,
    sums,
)

pytestmark = pytest.mark.django_db
FIGURES = ("rows", "value_idr", "value_usd", "businesses", "buyers")


@pytest.fixture
def ledger():
    return build_ledger()


def _inputs(ledger_filter):
    summary = ledger_summary(ledger_filter)
    return summary, [ledger_breakdown(ledger_filter, key) for key in DIMENSIONS]


def _group_labels():
    return {str(ReportGroup(group).label): group for group in GROUPS}


def _by(rows, attribute):
    grouped = defaultdict(list)
    for row in rows:
        grouped[attribute(row)].append(row)
    return {key: sums(value) for key, value in grouped.items()}


def _read(values):
    """Cells as read back: a dollar figure comes back a float, compared to the cent."""
    return [
        Decimal(str(v)).quantize(Decimal("0.01")) if isinstance(v, float) else v for v in values
    ]


def _as_number(value, figure):
    return Decimal(value).quantize(Decimal("0.01")) if figure == "value_usd" else int(value)


# --- XLSX -------------------------------------------------------------------------------


def test_the_summary_workbook_adds_up_to_the_live_rows(ledger):
    summary, breakdowns = _inputs(LedgerFilter(event=ledger.event))
    book = openpyxl.load_workbook(io.BytesIO(summary_xlsx(summary, breakdowns)))
    sheet = book.worksheets[0]
    cells = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row[0]}
    assert cells[_("Edition")][0] == "Hari UMKM Nasional 2027, Solo"
    assert cells[_("Filter applied")][0] == describe_filter(summary.filter)
    assert cells[_("Deals counted")][0] == str(Trust.LABELS[Trust.ALL])
    assert cells[_("Generated at")][0].endswith("WIB")
    expected = sums(live_rows(ledger.event))
    labels = _group_labels()
    found = 0
    for row in sheet.iter_rows(min_row=1):
        group = labels.get(row[0].value)
        if group is None:
            continue
        found += 1
        assert _read(cell.value for cell in row[1:6]) == [expected[group][f] for f in FIGURES]
        assert isinstance(row[2].value, int)  # rupiah as a whole number
        assert "#,##0" in row[2].number_format and row[2].number_format.startswith('"Rp"')
        assert row[3].number_format.endswith("0.00")  # dollars with cents
    assert found == 4
    # Counted once across groups, and no value is added up across them.
    anyone = cells[_("Any group (each counted once)")]
    assert anyone[:3] == (None, None, None)
    assert anyone[3:5] == (2, 2)
    assert expected["mou"]["value_idr"] == 1_234_567_890
    assert expected["orders"]["value_idr"] == 15_000_000 + 20_008_000 + 1_200_000 + 8_000_000


def test_each_breakdown_sheet_adds_up_per_value_and_group(ledger):
    summary, breakdowns = _inputs(LedgerFilter(event=ledger.event))
    book = openpyxl.load_workbook(io.BytesIO(summary_xlsx(summary, breakdowns)))
    assert len(book.worksheets) == 1 + len(DIMENSIONS)
    rows = live_rows(ledger.event)
    checks = {
        "association": (
            _by(rows, lambda r: f"{r.association.acronym} · {r.association.name}"),
            str(DIMENSIONS["association"].label),
        ),
        "day": (_by(rows, lambda r: r.deal_date), str(DIMENSIONS["day"].label)),
        "country": (
            _by(rows, lambda r: r.get_destination_country_display() or _("Domestic (no export)")),
            str(DIMENSIONS["country"].label),
        ),
    }
    for key, (expected, title) in checks.items():
        sheet = book[title[:31]]
        values = list(sheet.iter_rows(values_only=True))
        header = next(i for i, row in enumerate(values) if row[0] == title)
        data = {row[0]: row[1:] for row in values[header + 1 :] if row[0] is not None}
        if key == "day":
            data = {k.date() if isinstance(k, datetime) else k: v for k, v in data.items()}
        assert set(data) == set(expected), key
        for value, figures in expected.items():
            line = data[value]
            for index, group in enumerate(GROUPS):
                got = line[index * 5 : index * 5 + 5]
                assert _read(got) == [figures[group][f] for f in FIGURES], (key, value, group)
        assert values[header - 1][1] == str(ReportGroup.RETAIL.label)  # groups name the columns


def test_a_filtered_workbook_says_what_it_covers_and_counts_only_that(ledger):
    ledger_filter = LedgerFilter(event=ledger.event, sector=Sector.KOPI_REMPAH)
    summary, breakdowns = _inputs(ledger_filter)
    sheet = openpyxl.load_workbook(io.BytesIO(summary_xlsx(summary, breakdowns))).worksheets[0]
    cells = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row[0]}
    assert cells[_("Filter applied")][0] == f"{_('Sector')}: {Sector.KOPI_REMPAH.label}"
    expected = sums(live_rows(ledger.event, sector=Sector.KOPI_REMPAH))
    for label, group in _group_labels().items():
        assert _read(cells[label][:5]) == [expected[group][f] for f in FIGURES]
    assert expected["retail"]["rows"] == 0 and expected["mou"]["rows"] == 1


def test_verified_only_counts_only_what_the_organizer_verified(ledger):
    row = ledger.replacement
    transaction_verify(transaction_row=row, actor=ledger.admin)
    summary, breakdowns = _inputs(LedgerFilter(event=ledger.event, trust=Trust.VERIFIED))
    sheet = openpyxl.load_workbook(io.BytesIO(summary_xlsx(summary, breakdowns))).worksheets[0]
    cells = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row[0]}
    assert cells[_("Deals counted")][0] == str(Trust.LABELS[Trust.VERIFIED])
    potential = cells[str(ReportGroup.POTENTIAL.label)]
    assert list(potential[:2]) == [1, 1_500_000_000]
    assert cells[str(ReportGroup.ORDERS.label)][0] == 0


# --- CSV ----------------------------------------------------------------------------------


def _csv_blocks(content: bytes) -> list[list[list[str]]]:
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    blocks, current = [], []
    for row in rows:
        if not row:
            blocks.append(current)
            current = []
        else:
            current.append(row)
    return [*blocks, current]


def test_the_summary_csv_has_one_header_per_block_and_the_same_totals(ledger):
    summary, breakdowns = _inputs(LedgerFilter(event=ledger.event))
    blocks = _csv_blocks(summary_csv(summary, breakdowns))
    meta, headline, *tables = blocks
    assert dict(meta)[_("Edition")] == "Hari UMKM Nasional 2027, Solo"
    assert dict(meta)[_("Deals counted")] == str(Trust.LABELS[Trust.ALL])
    assert headline[0][0] == _("Report group")
    expected = sums(live_rows(ledger.event))
    labels = _group_labels()
    for row in headline[1:5]:
        group = labels[row[0]]
        figures = [_as_number(value, f) for value, f in zip(row[1:], FIGURES, strict=True)]
        assert figures == [expected[group][f] for f in FIGURES]
    assert headline[5][1:4] == ["", "", ""]
    assert [table[0][0] for table in tables] == [str(d.label) for d in DIMENSIONS.values()]
    by_day = dict(zip([str(d.label) for d in DIMENSIONS.values()], tables, strict=True))[
        str(DIMENSIONS["day"].label)
    ]
    assert by_day[0][1] == f"{ReportGroup.RETAIL.label} — {_('Deals')}"
    per_day = _by(live_rows(ledger.event), lambda r: r.deal_date.isoformat())
    assert {row[0] for row in by_day[1:]} == set(per_day)
    for row in by_day[1:]:
        for index, group in enumerate(GROUPS):
            got = row[1 + index * 5 : 6 + index * 5]
            assert [_as_number(v, f) for v, f in zip(got, FIGURES, strict=True)] == [
                per_day[row[0]][group][f] for f in FIGURES
            ]
    # The dollar column keeps its cents with a point, whatever the language.
    assert any("1250.50" in cell for cell in sum(by_day, []))


def test_the_currency_breakdown_keeps_the_value_in_the_deals_own_currency(ledger):
    summary = ledger_summary(LedgerFilter(event=ledger.event))
    currency = ledger_breakdown(summary.filter, "currency")
    _meta, _headline, table = _csv_blocks(summary_csv(summary, [currency]))
    originals = {row[0]: Decimal(row[-1]) for row in table[1:]}
    assert table[0][-1] == _("Value in the deal's currency")
    idr = sum(row.value for row in live_rows(ledger.event, currency="IDR"))
    assert originals == {
        str(Currency.USD.label): Decimal("1250.50"),
        str(Currency.SGD.label): Decimal("100.00"),
        str(Currency.IDR.label): idr,
    }


# --- the rows behind a figure ---------------------------------------------------------------


def test_the_rows_csv_lists_every_live_row_once_with_its_figures(ledger):
    calls = []
    rows = ledger_rows(LedgerFilter(event=ledger.event))
    content = b"".join(rows_csv(rows, progress=calls.append))
    assert content.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    header, body = table[0], table[1:]
    assert header == row_header()
    column = {name: index for index, name in enumerate(header)}
    live = {row.pk: row for row in live_rows(ledger.event)}
    assert sorted(int(r[column[_("ID")]]) for r in body) == sorted(live)
    assert all(row.pk not in {int(r[0]) for r in body} for row in ledger.voided)
    assert sum(int(r[column[_("Value (IDR)")]]) for r in body) == sum(
        row.value_idr for row in live.values()
    )
    assert sum(Decimal(r[column[_("Value (USD)")]]) for r in body) == sum(
        row.value_usd for row in live.values()
    )
    by_id = {int(r[0]): r for r in body}
    replacement = by_id[ledger.replacement.pk]
    assert replacement[column[_("Replaces ID")]] == str(ledger.voided[1].pk)
    assert by_id[ledger.formula_row.pk][column[_("Product")]] == "'=1+1"  # never a formula
    contract = next(r for r in body if r[column[_("Currency")]] == "USD")
    assert contract[column[_("Legal name")]] == "PT Kopi Gayo Lestari"
    assert contract[column[_("Buyer")]] == "Osaka Trading Co."
    assert contract[column[_("Value")]] == "1250.50"
    assert contract[column[_("Rate used (IDR per unit)")]] == "16000.0000"
    assert contract[column[_("Programme")]] == "UMKM BISA Ekspor"
    assert contract[column[_("Quantity")]] == "250.500"
    assert calls[0] == 0 and calls[-1] == 100 and calls == sorted(calls)


def test_the_rows_workbook_has_numbers_dates_and_names_as_text(ledger):
    rows = ledger_rows(LedgerFilter(event=ledger.event))
    sheet = openpyxl.load_workbook(io.BytesIO(rows_xlsx(rows))).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    header, body = list(values[0]), values[1:]
    assert header == row_header()
    column = {name: index for index, name in enumerate(header)}
    live = live_rows(ledger.event)
    assert len(body) == len(live)
    assert sum(r[column[_("Value (IDR)")]] for r in body) == sum(row.value_idr for row in live)
    usd = sum(Decimal(str(r[column[_("Value (USD)")]])) for r in body)
    assert usd == sum(row.value_usd for row in live)
    assert all(isinstance(r[column[_("Value (IDR)")]], int) for r in body)
    first = next(sheet.iter_rows(min_row=2, max_row=2))
    assert first[column[_("Deal date")]].is_date
    assert first[column[_("Value (IDR)")]].number_format.startswith('"Rp"')
    formula = next(r for r in body if r[0] == ledger.formula_row.pk)
    assert formula[column[_("Product")]] == "=1+1"  # shown as typed: a string, not a formula
    cell = next(
        row[column[_("Product")]]
        for row in sheet.iter_rows(min_row=2)
        if row[0].value == ledger.formula_row.pk
    )
    assert cell.data_type == "s"


def test_progress_is_reported_as_the_rows_are_written(ledger, monkeypatch):
    monkeypatch.setattr(exports, "CHUNK", 2)
    calls = []
    rows = ledger_rows(LedgerFilter(event=ledger.event))
    pieces = list(rows_csv(rows, progress=calls.append))
    assert len(pieces) > 3  # written a chunk at a time
    assert calls[0] == 0 and calls[-1] == 100
    assert len(calls) > 3 and calls == sorted(set(calls))
    calls.clear()
    rows_xlsx(rows, progress=calls.append)
    assert calls[0] == 0 and calls[-1] == 100 and len(calls) > 3


def test_no_personal_data_reaches_the_rows_exports(ledger):
    rows = ledger_rows(LedgerFilter(event=ledger.event))
    as_csv = b"".join(rows_csv(rows)).decode("utf-8-sig")
    as_xlsx = rows_xlsx(rows)
    with zipfile.ZipFile(io.BytesIO(as_xlsx)) as archive:
        xml = "".join(archive.read(name).decode("utf-8") for name in archive.namelist())
    people = [MANAGER_EMAIL, MANAGER_NAME, ledger.admin.email, ledger.admin.full_name]
    for secret in [*people, *BUYER_CONTACT, *BUSINESS_CONTACT, "typed three zeros"]:
        assert secret not in as_csv
        assert secret not in xml
    assert "Batik Sekar" in as_csv and "CV Batik Laweyan Sejahtera" in xml  # the business is


def test_the_rows_export_reads_in_english(ledger, english):
    rows = ledger_rows(LedgerFilter(event=ledger.event))
    table = list(csv.reader(io.StringIO(b"".join(rows_csv(rows)).decode("utf-8-sig"))))
    assert table[0][:4] == ["ID", "Deal date", "Kind", "Status"]
    kinds = {row[2] for row in table[1:]}
    assert {"Retail sale", "Purchase order", "Contract", "MoU"} <= kinds
    assert DAY1.isoformat() in {row[1] for row in table[1:]}


def test_the_rows_stream_keeps_the_language_it_was_asked_in(ledger):
    from django.utils import translation

    rows = ledger_rows(LedgerFilter(event=ledger.event))
    with translation.override("en"):
        pieces = rows_csv(rows)
    text = b"".join(pieces).decode("utf-8-sig")  # read later, as a streaming response does
    assert text.startswith("ID,Deal date,Kind")


def test_an_edition_without_deals_exports_zeros(ledger):
    summary, breakdowns = _inputs(LedgerFilter(event=ledger.event, day=date(2027, 8, 1)))
    blocks = _csv_blocks(summary_csv(summary, breakdowns))
    headline = blocks[1]
    assert [row[1:3] for row in headline[1:5]] == [["0", "0"]] * 4
    assert all(len(table) == 1 for table in blocks[2:])  # the header, no lines
    book = openpyxl.load_workbook(io.BytesIO(summary_xlsx(summary, breakdowns)))
    assert len(book.worksheets) == 1 + len(DIMENSIONS)


def test_rows_past_a_sheets_limit_go_on_in_the_next_sheet(ledger, monkeypatch):
    monkeypatch.setattr(exports, "MAX_SHEET_ROWS", 4)  # the header and three rows a sheet
    rows = ledger_rows(LedgerFilter(event=ledger.event))
    book = openpyxl.load_workbook(io.BytesIO(rows_xlsx(rows)))
    live = live_rows(ledger.event)
    assert len(book.worksheets) == -(-len(live) // 3)
    ids = []
    for sheet in book.worksheets:
        values = list(sheet.iter_rows(values_only=True))
        assert list(values[0]) == row_header()
        assert 1 <= len(values) - 1 <= 3
        ids += [row[0] for row in values[1:]]
    assert sorted(ids) == sorted(row.pk for row in live)
