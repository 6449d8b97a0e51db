"""The ledger briefing: the data a minister's report is drawn from, read through the same
selectors as the dashboard, and the words that say what a figure covers.

``build_ledger_report`` reads; ``dashboards.pdf.render_ledger_report`` only draws.
Build and render in the same language: breakdown labels are read in the active one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.models import Association, Currency, ExchangeRate, Programme
from events.regions import Province
from events.selectors import zone_label
from exhibitors.models import Scale, Sector
from matching.countries import Country
from matching.models import BuyerKind, TransactionKind
from matching.selectors import (
    Breakdown,
    LedgerFilter,
    LedgerSummary,
    Trust,
    ledger_breakdown,
    ledger_summary,
)

from .pdf import render_ledger_report

# Filter field → its label and the choices its value is one of.
_FILTER_FIELDS = {
    "kind": (gettext_lazy("Kind of deal"), TransactionKind),
    "day": (gettext_lazy("Day"), None),
    "association_id": (gettext_lazy("Association"), None),
    "sector": (gettext_lazy("Sector"), Sector),
    "province": (gettext_lazy("Province"), Province),
    "scale": (gettext_lazy("Scale"), Scale),
    "buyer_kind": (gettext_lazy("Buyer type"), BuyerKind),
    "country": (gettext_lazy("Destination country"), Country),
    "programme_id": (gettext_lazy("Programme"), None),
    "currency": (gettext_lazy("Currency of the deal"), Currency),
}


def filter_terms(ledger_filter: LedgerFilter) -> tuple[tuple[object, object], ...]:
    """What the filter narrows to, as (label, value) pairs; labels and choice values stay
    lazy, so they read in whichever language is active when shown."""
    terms = []
    for name, (label, choices) in _FILTER_FIELDS.items():
        value = getattr(ledger_filter, name)
        if value in (None, ""):
            continue
        if name == "day":
            shown = value.strftime("%d-%m-%Y")
        elif name == "association_id":
            found = Association.objects.filter(pk=value).values_list("acronym", "name").first()
            shown = f"{found[0]} · {found[1]}" if found else str(value)
        elif name == "programme_id":
            shown = Programme.objects.filter(pk=value).values_list("name", flat=True).first()
            shown = shown or str(value)
        else:
            shown = dict(choices.choices).get(value, value)
        terms.append((label, shown))
    return tuple(terms)


def describe_terms(terms) -> str:
    """``Sector: Culinary (kuliner); Day: 12-08-2027``, or that nothing is left out."""
    if not terms:
        return _("All deals of the edition (no filter)")
    return "; ".join(f"{label}: {value}" for label, value in terms)


def describe_filter(ledger_filter: LedgerFilter) -> str:
    return describe_terms(filter_terms(ledger_filter))


def trust_label(trust: str) -> str:
    return str(Trust.LABELS.get(trust, trust))


def date_range(days) -> str:
    """``12–15 Agustus 2027``; ``30 Agustus – 2 September 2027``; one day as one date."""
    days = sorted(days)
    if not days:
        return ""
    first, last = days[0], days[-1]
    if first == last:
        return formats.date_format(first, "j F Y")
    if (first.year, first.month) == (last.year, last.month):
        return f"{formats.date_format(first, 'j')}–{formats.date_format(last, 'j F Y')}"
    if first.year == last.year:
        return f"{formats.date_format(first, 'j F')} – {formats.date_format(last, 'j F Y')}"
    return f"{formats.date_format(first, 'j F Y')} – {formats.date_format(last, 'j F Y')}"


def moment_label(moment: datetime, time_zone: str) -> str:
    """``12 Agustus 2027 14.05 WIB`` (Indonesian), ``12 August 2027 14:05 WIB`` (English)."""
    local = timezone.localtime(moment, ZoneInfo(time_zone))
    english = (translation.get_language() or "id").startswith("en")
    clock = local.strftime("%H:%M" if english else "%H.%M")
    return f"{formats.date_format(local, 'j F Y')} {clock} {zone_label(time_zone)}"


# --- the report's data --------------------------------------------------------------------


@dataclass(frozen=True)
class RateUsed:
    currency: str
    idr_per_unit: Decimal
    rate_date: date | None
    source: str


@dataclass(frozen=True)
class LedgerReport:
    """Everything the briefing shows, read once; rendering it reads nothing more."""

    summary: LedgerSummary
    by_day: Breakdown
    by_association: Breakdown
    by_country: Breakdown
    by_buyer_kind: Breakdown
    edition_name: str
    venue: str  # "Pamedan Pura Mangkunegaran, Kota Surakarta"
    days: tuple[date, ...]  # the edition's days
    time_zone: str
    rates: tuple[RateUsed, ...]  # the dollar first, then the other recorded currencies
    filter_terms: tuple[tuple[object, object], ...]
    trust: str
    generated_at: datetime

    @property
    def filter_text(self) -> str:
        return describe_terms(self.filter_terms)

    @property
    def trust_text(self) -> str:
        return trust_label(self.trust)

    @property
    def dates_text(self) -> str:
        return date_range(self.days)

    @property
    def generated_text(self) -> str:
        return moment_label(self.generated_at, self.time_zone)


REPORT_BREAKDOWNS = ("day", "association", "country", "buyer_kind")


def build_ledger_report(
    ledger_filter: LedgerFilter, *, now: datetime | None = None
) -> LedgerReport:
    """Read the summary and the breakdowns the briefing shows, with the edition's facts."""
    event = ledger_filter.event
    venue = event.venue
    rates = []
    if event.usd_idr_rate:
        rates.append(
            RateUsed("USD", event.usd_idr_rate, event.usd_idr_rate_date, event.usd_idr_rate_source)
        )
    for rate in ExchangeRate.objects.filter(event=event).order_by("currency"):
        rates.append(RateUsed(rate.currency, rate.idr_per_unit, rate.rate_date, rate.source))
    breakdowns = {by: ledger_breakdown(ledger_filter, by) for by in REPORT_BREAKDOWNS}
    return LedgerReport(
        summary=ledger_summary(ledger_filter),
        by_day=breakdowns["day"],
        by_association=breakdowns["association"],
        by_country=breakdowns["country"],
        by_buyer_kind=breakdowns["buyer_kind"],
        edition_name=event.name,
        venue=", ".join(part for part in (venue.name, venue.city) if part) if venue else "",
        days=tuple(event.days.order_by("date").values_list("date", flat=True)),
        time_zone=event.time_zone,
        rates=tuple(rates),
        filter_terms=filter_terms(ledger_filter),
        trust=ledger_filter.trust,
        generated_at=now or timezone.now(),
    )


def ledger_report_pdf(ledger_filter: LedgerFilter) -> bytes:
    """The briefing as PDF bytes, in the active language."""
    return render_ledger_report(build_ledger_report(ledger_filter))
