"""The figures as files a ministry can open: CSV and XLSX of a summary with its breakdowns,
and of the ledger rows behind a figure.

Functions of what the selectors return (``LedgerSummary``, ``Breakdown``, the queryset of
``ledger_rows``) to bytes, in the active language; views and background tasks decide
where the bytes go. Report groups stay apart in every table: a row never adds retail
sales, orders, MoUs and potential deals into one number.

Personal data stays out: the rows carry the business's and the buyer's organisation names
and nothing of the people (no contact, no email, no phone, no recorder, no notes).
"""

from __future__ import annotations

import csv
import io
import itertools
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from xml.sax.saxutils import escape

from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from events.admin_views import spreadsheet_safe
from events.regions import Province
from exhibitors.models import Scale, Sector
from matching.countries import Country
from matching.models import BuyerKind, ReportGroup, TransactionKind, TransactionStatus
from matching.selectors import Breakdown, Figures, LedgerSummary

from .reports import describe_filter, moment_label, trust_label

Progress = Callable[[int], object]
CHUNK = 2000  # rows read per database round trip, and written per CSV piece

IDR_FORMAT = '"Rp" #,##0'
USD_FORMAT = '"USD" #,##0.00'
COUNT_FORMAT = "#,##0"
AMOUNT_FORMAT = "#,##0.00"
QUANTITY_FORMAT = "#,##0.###"
RATE_FORMAT = "#,##0.00##"
DATE_FORMAT = "DD-MM-YYYY"
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="E2E8F0")
WRAP = Alignment(wrap_text=True, vertical="top")

# Per report group, the figures a table shows: (label, Figures attribute, XLSX format).
FIGURE_COLUMNS = (
    (gettext_lazy("Deals"), "rows", COUNT_FORMAT),
    (gettext_lazy("Value (IDR)"), "value_idr", IDR_FORMAT),
    (gettext_lazy("Value (USD)"), "value_usd", USD_FORMAT),
    (gettext_lazy("UMKM involved"), "businesses", COUNT_FORMAT),
    (gettext_lazy("Buyers involved"), "buyers", COUNT_FORMAT),
)


def _bom_csv(rows: Iterable[Iterable]) -> bytes:
    out = io.StringIO()
    out.write("\ufeff")  # Excel reads the file as UTF-8
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _csv_value(value):
    if isinstance(value, str):
        return spreadsheet_safe(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else value


def _figure_values(figures: Figures) -> list:
    return [getattr(figures, attribute) for _label, attribute, _fmt in FIGURE_COLUMNS]


# --- the summary --------------------------------------------------------------------------


def _meta(summary: LedgerSummary, generated_at: datetime | None) -> list[tuple[str, str]]:
    event = summary.filter.event
    return [
        (_("Edition"), event.name),
        (_("Filter applied"), describe_filter(summary.filter)),
        (_("Deals counted"), trust_label(summary.filter.trust)),
        (_("Generated at"), moment_label(generated_at or timezone.now(), event.time_zone)),
    ]


def _headline(summary: LedgerSummary) -> tuple[list[str], list[list]]:
    header = [_("Report group"), *(str(label) for label, _a, _f in FIGURE_COLUMNS)]
    rows = [
        [str(ReportGroup(group).label), *_figure_values(summary.groups[group])]
        for group in ReportGroup.values
    ]
    # Counted once however many groups they dealt in; the values are never added up.
    rows.append(
        [_("Any group (each counted once)"), None, None, None, summary.businesses, summary.buyers]
    )
    return header, rows


def _breakdown_header(breakdown: Breakdown) -> list[str]:
    header = [str(breakdown.dimension.label)]
    for group in ReportGroup.values:
        name = ReportGroup(group).label
        header += [f"{name} — {label}" for label, _a, _f in FIGURE_COLUMNS]
    if breakdown.dimension.key == "currency":
        header.append(_("Value in the deal's currency"))
    return header


def _breakdown_row(breakdown: Breakdown, line) -> list:
    """The dimension's value (a day as a date), then the figures of each group in turn."""
    row = [line.key if breakdown.dimension.key == "day" else line.label]
    for group in ReportGroup.values:
        row += _figure_values(line.groups[group])
    if breakdown.dimension.key == "currency":
        row.append(line.value_by_currency.get(line.key, Decimal("0")))
    return row


def summary_csv(
    summary: LedgerSummary, breakdowns: Iterable[Breakdown], *, generated_at=None
) -> bytes:
    """The headline per report group, then one block per breakdown, blank lines between;
    each block has one header row. UTF-8 with a byte-order mark, comma separated, plain
    numbers (rupiah whole, dollars with two decimals, a point as decimal mark)."""
    rows: list[list] = [list(pair) for pair in _meta(summary, generated_at)]
    header, lines = _headline(summary)
    rows += [[], header, *lines]
    for breakdown in breakdowns:
        rows += [[], _breakdown_header(breakdown)]
        rows += [_breakdown_row(breakdown, line) for line in breakdown.lines]
    return _bom_csv([[_csv_value(value) for value in row] for row in rows])


def _set(sheet, row: int, column: int, value, number_format: str = "", font=None):
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # a name, never a formula
    if number_format:
        cell.number_format = number_format
    if font is not None:
        cell.font = font
    return cell


def _sheet_title(name: str, taken: set[str]) -> str:
    title = "".join(c for c in name if c not in "[]:*?/\\").strip()[:31] or "Sheet"
    base, number = title, 2
    while title.lower() in taken:
        suffix = f" ({number})"
        title, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(title.lower())
    return title


def _meta_block(sheet, summary: LedgerSummary, title: str, generated_at) -> int:
    """The title and what the figures cover; returns the next free row."""
    _set(sheet, 1, 1, title, font=TITLE)
    row = 2
    for label, value in _meta(summary, generated_at):
        _set(sheet, row, 1, label, font=BOLD)
        _set(sheet, row, 2, value)
        row += 1
    return row + 1


def _breakdown_sheet(book, breakdown: Breakdown, summary, generated_at, taken: set[str]):
    label = str(breakdown.dimension.label)
    sheet = book.create_sheet(_sheet_title(label, taken))
    top = _meta_block(sheet, summary, f"{summary.filter.event.name} — {label}", generated_at)
    # The header's first row names each group over its columns, the second the figure.
    for row in (top, top + 1):
        sheet.cell(row=row, column=1).fill = HEADER_FILL
    _set(sheet, top + 1, 1, label, font=BOLD)
    width = len(FIGURE_COLUMNS)
    for index, group in enumerate(ReportGroup.values):
        first = 2 + index * width
        cell = _set(sheet, top, first, str(ReportGroup(group).label), font=BOLD)
        cell.fill, cell.alignment = HEADER_FILL, Alignment(horizontal="center")
        sheet.merge_cells(
            start_row=top, start_column=first, end_row=top, end_column=first + width - 1
        )
        for offset, (figure, _attribute, _fmt) in enumerate(FIGURE_COLUMNS):
            cell = _set(sheet, top + 1, first + offset, str(figure), font=BOLD)
            cell.fill, cell.alignment = HEADER_FILL, WRAP
    formats = [fmt for _group in ReportGroup.values for _l, _a, fmt in FIGURE_COLUMNS]
    if breakdown.dimension.key == "currency":
        cell = _set(sheet, top + 1, 2 + len(formats), _("Value in the deal's currency"))
        cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, WRAP
        formats.append(AMOUNT_FORMAT)
    row = top + 1
    for line in breakdown.lines:
        row += 1
        values = _breakdown_row(breakdown, line)
        _set(sheet, row, 1, values[0], DATE_FORMAT if isinstance(values[0], date) else "")
        for column, (value, fmt) in enumerate(zip(values[1:], formats, strict=True), 2):
            _set(sheet, row, column, value, fmt)
    sheet.column_dimensions["A"].width = 40
    for column in range(2, 2 + len(formats)):
        sheet.column_dimensions[get_column_letter(column)].width = 15
    sheet.freeze_panes = sheet.cell(row=top + 2, column=2)


def summary_xlsx(
    summary: LedgerSummary, breakdowns: Iterable[Breakdown], *, generated_at=None
) -> bytes:
    """A summary sheet (the headline per report group) and one sheet per breakdown, the
    report groups side by side under a two-row header. Figures are numbers: rupiah whole,
    dollars with cents, shown ``Rp 1.500.000`` by an Indonesian Excel."""
    generated_at = generated_at or timezone.now()
    book = Workbook()
    sheet = book.active
    taken: set[str] = set()
    sheet.title = _sheet_title(_("Summary"), taken)
    row = _meta_block(sheet, summary, _("Business-matching deals"), generated_at)
    header, lines = _headline(summary)
    header_row = row
    for column, label in enumerate(header, 1):
        cell = _set(sheet, row, column, label, font=BOLD)
        cell.fill, cell.alignment = HEADER_FILL, WRAP
    for line in lines:
        row += 1
        _set(sheet, row, 1, line[0])
        for column, ((_label, _attribute, fmt), value) in enumerate(
            zip(FIGURE_COLUMNS, line[1:], strict=True), 2
        ):
            _set(sheet, row, column, value, fmt)
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 14
    for letter in "CDEF":
        sheet.column_dimensions[letter].width = 20
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)

    for breakdown in breakdowns:
        _breakdown_sheet(book, breakdown, summary, generated_at, taken)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- the rows behind a figure -------------------------------------------------------------

# (header, values() field or None for a computed one, XLSX format, choices to label it by)
ROW_COLUMNS = (
    (gettext_lazy("ID"), "id", "0", None),
    (gettext_lazy("Deal date"), "deal_date", DATE_FORMAT, None),
    (gettext_lazy("Kind"), "kind", "", TransactionKind),
    (gettext_lazy("Status"), "status", "", TransactionStatus),
    (gettext_lazy("Legal name"), "business__legal_name", "", None),
    (gettext_lazy("Brand name"), "business__brand_name", "", None),
    (gettext_lazy("Association"), None, "", None),
    (gettext_lazy("Province"), "province", "", Province),
    (gettext_lazy("Scale"), "scale", "", Scale),
    (gettext_lazy("Sector"), "sector", "", Sector),
    (gettext_lazy("Buyer"), "buyer__name", "", None),
    (gettext_lazy("Buyer type"), "buyer_kind", "", BuyerKind),
    (gettext_lazy("Product"), "product_name", "", None),
    (gettext_lazy("Quantity"), "quantity", QUANTITY_FORMAT, None),
    (gettext_lazy("Unit"), "unit", "", None),
    (gettext_lazy("Currency"), "currency", "", None),  # the ISO code, as traders write it
    (gettext_lazy("Value"), "value", AMOUNT_FORMAT, None),
    (gettext_lazy("Value (IDR)"), "value_idr", IDR_FORMAT, None),
    (gettext_lazy("Value (USD)"), "value_usd", USD_FORMAT, None),
    (gettext_lazy("Rate used (IDR per unit)"), "idr_per_unit", RATE_FORMAT, None),
    (gettext_lazy("USD→IDR rate"), "usd_idr_rate", AMOUNT_FORMAT, None),
    (gettext_lazy("Export destination"), "destination_country", "", Country),
    (gettext_lazy("Programme"), "programme__name", "", None),
    (gettext_lazy("Replaces ID"), "replaces_id", "0", None),
)
# Only these fields are read: no person's name, email or phone can reach a file.
ROW_FIELDS = (
    *(field for _h, field, _f, _c in ROW_COLUMNS if field),
    "association__acronym",
    "association__name",
)


def row_header() -> list[str]:
    return [str(header) for header, _field, _fmt, _choices in ROW_COLUMNS]


def _row_reader(queryset: QuerySet, progress: Progress | None):
    """Each row's values in column order, labels in the active language; ``progress`` hears
    the percent done (0 first, 100 last, each whole percent once)."""
    labels = {
        field: {key: str(label) for key, label in choices.choices}
        for _h, field, _f, choices in ROW_COLUMNS
        if choices is not None
    }
    total = queryset.count() if progress else 0
    if progress:
        progress(0)
    done, reported = 0, 0
    for values in queryset.values(*ROW_FIELDS).iterator(chunk_size=CHUNK):
        row = []
        for _h, field, _f, _c in ROW_COLUMNS:
            if field is None:
                row.append(f"{values['association__acronym']} · {values['association__name']}")
                continue
            value = values[field]
            if field in labels:
                value = labels[field].get(value, value) if value else ""
            elif value is None and field not in ("quantity", "replaces_id"):
                value = ""
            row.append(value)
        yield row
        done += 1
        if progress and done % CHUNK == 0 and total:
            percent = min(99, done * 100 // total)
            if percent > reported:
                reported = percent
                progress(percent)
    if progress:
        progress(100)


def rows_csv(queryset: QuerySet, *, progress: Progress | None = None) -> Iterator[bytes]:
    """The rows as CSV pieces (byte-order mark and header first), read ``CHUNK`` rows at a
    time so a million rows never sit in memory; for a streaming response or a file.
    Labels are in the language active when this is called, whenever the pieces are read."""
    language = translation.get_language()

    def pieces():
        with translation.override(language):
            out = io.StringIO()
            writer = csv.writer(out, lineterminator="\r\n")
            out.write("\ufeff")
            writer.writerow(row_header())
            for count, row in enumerate(_row_reader(queryset, progress), 1):
                writer.writerow([_csv_value(value) for value in row])
                if count % CHUNK == 0:
                    yield out.getvalue().encode("utf-8")
                    out.seek(0)
                    out.truncate()
            yield out.getvalue().encode("utf-8")

    return pieces()


def rows_xlsx(queryset: QuerySet, *, progress: Progress | None = None) -> bytes:
    """The rows as an XLSX workbook: figures as numbers, dates as dates, the header frozen;
    past Excel's 1,048,576 rows a sheet, the rows go on in the next one.

    The sheet's XML is written here, a chunk of rows at a time straight into the zip:
    openpyxl (without lxml, as here) writes about a thousand rows a second, a quarter of
    an hour for a million; this writes over ten thousand a second. ``summary_xlsx``, a few
    hundred cells, stays with openpyxl."""
    header = row_header()
    styles = [_XLSX_STYLES[fmt] if fmt else 0 for _h, _f, fmt, _c in ROW_COLUMNS]
    widths = [_ROW_WIDTHS.get(field or "", 16) for _h, field, _f, _c in ROW_COLUMNS]
    letters = [get_column_letter(index) for index in range(1, len(ROW_COLUMNS) + 1)]
    title = _sheet_title(_("Deals"), set())
    with tempfile.SpooledTemporaryFile(max_size=64 * 2**20) as target:
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            names: list[str] = []
            rows = _row_reader(queryset, progress)
            while True:
                names.append(title if not names else f"{title[:26]} ({len(names) + 1})")
                path = f"xl/worksheets/sheet{len(names)}.xml"
                with archive.open(path, "w", force_zip64=True) as sheet:
                    full = _write_sheet(sheet, header, rows, styles, widths, letters)
                following = next(rows, None) if full else None
                if following is None:
                    break
                rows = itertools.chain([following], rows)
            for path, text in _workbook_parts(names).items():
                archive.writestr(path, text)
        target.seek(0)
        return target.read()


_ROW_WIDTHS = {"deal_date": 12, "business__legal_name": 30, "business__brand_name": 22}
MAX_SHEET_ROWS = 1_048_576  # Excel's limit, the header row included
# Number format → the cell style (index into cellXfs of _STYLES_XML) that applies it.
_XLSX_STYLES = {
    "0": 2,
    DATE_FORMAT: 3,
    IDR_FORMAT: 4,
    USD_FORMAT: 5,
    AMOUNT_FORMAT: 6,
    QUANTITY_FORMAT: 7,
    RATE_FORMAT: 8,
}
_EXCEL_EPOCH = date(1899, 12, 30)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _xml_text(value: str) -> str:
    value = ILLEGAL_CHARACTERS_RE.sub("", value) if ILLEGAL_CHARACTERS_RE.search(value) else value
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell(reference: str, value, style: int) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):  # inline, so "=1+1" is a name and never a formula
        styled = f' s="{style}"' if style else ""
        return (
            f'<c r="{reference}" t="inlineStr"{styled}>'
            f'<is><t xml:space="preserve">{_xml_text(value)}</t></is></c>'
        )
    if isinstance(value, date):
        value = (value - _EXCEL_EPOCH).days
    return f'<c r="{reference}" s="{style}"><v>{value}</v></c>'


def _write_sheet(sheet, header, rows, styles, widths, letters) -> bool:
    """One sheet: the header, then rows until they end (False) or the sheet is full (True)."""
    titles = "".join(_cell(f"{c}1", h, 1) for c, h in zip(letters, header, strict=True))
    columns = "".join(
        f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths, 1)
    )
    sheet.write(
        (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{_MAIN}" xmlns:r="{_RELS}"><sheetViews>'
            '<sheetView workbookViewId="0"><pane xSplit="1" ySplit="1" topLeftCell="B2" '
            'activePane="bottomRight" state="frozen"/></sheetView></sheetViews>'
            f"<cols>{columns}</cols><sheetData>"
            f'<row r="1">{titles}</row>'
        ).encode()
    )
    number, piece, full = 1, [], False
    for row in rows:
        number += 1
        cells = "".join(
            _cell(f"{letter}{number}", value, style)
            for letter, value, style in zip(letters, row, styles, strict=True)
        )
        piece.append(f'<row r="{number}">{cells}</row>')
        if len(piece) >= CHUNK:
            sheet.write("".join(piece).encode())
            piece = []
        if number >= MAX_SHEET_ROWS:
            full = True
            break
    sheet.write(("".join(piece) + "</sheetData></worksheet>").encode())
    return full


def _attribute(value: str) -> str:
    return escape(value, {'"': "&quot;"})


_STYLES_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{_MAIN}"><numFmts count="6">\
<numFmt numFmtId="164" formatCode="{_attribute(DATE_FORMAT)}"/>\
<numFmt numFmtId="165" formatCode="{_attribute(IDR_FORMAT)}"/>\
<numFmt numFmtId="166" formatCode="{_attribute(USD_FORMAT)}"/>\
<numFmt numFmtId="167" formatCode="{AMOUNT_FORMAT}"/>\
<numFmt numFmtId="168" formatCode="{QUANTITY_FORMAT}"/>\
<numFmt numFmtId="169" formatCode="{RATE_FORMAT}"/></numFmts>\
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>\
<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
<fills count="3"><fill><patternFill patternType="none"/></fill>\
<fill><patternFill patternType="gray125"/></fill>\
<fill><patternFill patternType="solid"><fgColor rgb="FFE2E8F0"/></patternFill></fill></fills>\
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="9"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>\
<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="168" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="169" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
</styleSheet>"""


def _workbook_parts(names: list[str]) -> dict[str, str]:
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    sheets = range(1, len(names) + 1)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{kind}.worksheet+xml"/>'
        for n in sheets
    )
    package = "http://schemas.openxmlformats.org/package/2006"
    relation = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    return {
        "[Content_Types].xml": (
            f'{head}<Types xmlns="{package}/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{kind}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{kind}.styles+xml"/>'
            f"{overrides}</Types>"
        ),
        "_rels/.rels": (
            f'{head}<Relationships xmlns="{package}/relationships">'
            f'<Relationship Id="rId1" Type="{relation}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'{head}<workbook xmlns="{_MAIN}" xmlns:r="{_RELS}"><sheets>'
            + "".join(
                f'<sheet name="{_attribute(name)}" sheetId="{n}" r:id="rId{n}"/>'
                for n, name in zip(sheets, names, strict=True)
            )
            + "</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f'{head}<Relationships xmlns="{package}/relationships">'
            + "".join(
                f'<Relationship Id="rId{n}" Type="{relation}/worksheet" '
                f'Target="worksheets/sheet{n}.xml"/>'
                for n in sheets
            )
            + f'<Relationship Id="rId{len(names) + 1}" Type="{relation}/styles" '
            'Target="styles.xml"/></Relationships>'
        ),
        "xl/styles.xml": _STYLES_XML,
    }
