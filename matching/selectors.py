"""Reads of business matching, above all the ledger's figures.

Every figure the dashboards, exports, the API and the website show comes from
``ledger_summary`` and ``ledger_breakdown``, which sum ``LedgerCell`` under one
``LedgerFilter``; ``ledger_rows`` lists the rows behind the same filter. Kinds are
never summed across report groups (retail, orders and contracts, MoUs, potential).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Case, CharField, Count, Q, QuerySet, Sum, Value, When
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role
from accounts.permissions import grants_of
from events.models import Association, Currency, Event, Programme
from events.regions import Province
from exhibitors.models import Scale, Sector

from .countries import Country
from .models import (
    REPORT_GROUP_OF_KIND,
    BuyerKind,
    LedgerCell,
    LedgerParty,
    ReportGroup,
    Transaction,
    TransactionKind,
    TransactionStatus,
)

T = TransactionStatus
KINDS_OF_GROUP = {
    group: [kind for kind, of in REPORT_GROUP_OF_KIND.items() if of == group]
    for group in ReportGroup.values
}
# The filter value meaning "none": deals with no buyer, no export destination, no programme.
NONE = "-"
NONE_ALLOWED = ("buyer_kind", "country", "programme")


class Trust:
    """Which live rows count: every recorded row, only those another party vouched for,
    or only those the organizer verified."""

    ALL = "all"
    CONFIRMED = "confirmed"
    VERIFIED = "verified"
    STATUSES = {
        ALL: (T.RECORDED, T.CONFIRMED, T.VERIFIED),
        CONFIRMED: (T.CONFIRMED, T.VERIFIED),
        VERIFIED: (T.VERIFIED,),
    }
    LABELS = {
        ALL: gettext_lazy("All recorded deals"),
        CONFIRMED: gettext_lazy("Confirmed or verified"),
        VERIFIED: gettext_lazy("Verified by the organizer only"),
    }


@dataclass(frozen=True)
class LedgerFilter:
    event: Event
    trust: str = Trust.ALL
    kind: str = ""
    day: date | None = None
    association_id: int | None = None
    sector: str = ""
    province: str = ""
    scale: str = ""
    buyer_kind: str = ""
    country: str = ""
    programme_id: int | str | None = None  # or NONE
    currency: str = ""

    def cell_condition(self) -> Q:
        q = Q(event_id=self.event.pk, status__in=Trust.STATUSES[self.trust], rows__gt=0)
        for name, column in CELL_COLUMNS.items():
            value = getattr(self, name)
            if value == NONE:
                q &= Q(**{column: 0 if name == "programme_id" else ""})
            elif value not in (None, ""):
                q &= Q(**{column: value})
        return q

    def is_headline(self) -> bool:
        """Only the trust level, and at most the kind, narrow this filter."""
        return all(getattr(self, name) in (None, "") for name in CELL_COLUMNS if name != "kind")

    def party_condition(self) -> Q:
        q = Q(event_id=self.event.pk, status__in=Trust.STATUSES[self.trust], rows__gt=0)
        return q & Q(kind=self.kind) if self.kind else q

    def row_condition(self) -> Q:
        q = Q(event_id=self.event.pk, status__in=Trust.STATUSES[self.trust])
        for name, column in ROW_COLUMNS.items():
            value = getattr(self, name)
            if value == NONE:
                q &= Q(programme__isnull=True) if name == "programme_id" else Q(**{column: ""})
            elif value not in (None, ""):
                q &= Q(**{column: value})
        return q

    def as_params(self) -> dict[str, str]:
        """The filter as query parameters (what ``parse_ledger_filter`` reads back)."""
        params = {"edition": self.event.slug}
        if self.trust != Trust.ALL:
            params["trust"] = self.trust
        for name in FILTER_PARAMS:
            value = getattr(self, FILTER_PARAMS[name])
            if value not in (None, ""):
                params[name] = value.isoformat() if isinstance(value, date) else str(value)
        return params

    def narrowed(self, **changes) -> LedgerFilter:
        return replace(self, **changes)


# Filter field → LedgerCell column / Transaction column.
CELL_COLUMNS = {
    "kind": "kind",
    "day": "deal_date",
    "association_id": "association_id",
    "sector": "sector",
    "province": "province",
    "scale": "scale",
    "buyer_kind": "buyer_kind",
    "country": "country",
    "programme_id": "programme_id",
    "currency": "currency",
}
ROW_COLUMNS = {**CELL_COLUMNS, "country": "destination_country"}
# Query parameter → filter field.
FILTER_PARAMS = {
    "kind": "kind",
    "day": "day",
    "association": "association_id",
    "sector": "sector",
    "province": "province",
    "scale": "scale",
    "buyer_kind": "buyer_kind",
    "country": "country",
    "programme": "programme_id",
    "currency": "currency",
}
_CHOICES = {
    "kind": TransactionKind.values,
    "sector": Sector.values,
    "province": Province.values,
    "scale": Scale.values,
    "buyer_kind": BuyerKind.values,
    "country": Country.values,
    "currency": Currency.values,
}


def parse_ledger_filter(params, *, event: Event) -> LedgerFilter:
    """Read a filter from query parameters; anything that does not parse is refused with a
    message per parameter, never silently dropped (a ministry must not get the wrong total
    for a typo)."""
    errors: dict[str, str] = {}
    values: dict = {}
    get = params.get
    trust = (get("trust") or Trust.ALL).strip()
    if trust not in Trust.STATUSES:
        errors["trust"] = _("Use all, confirmed or verified.")
    for name in ("kind", "sector", "province", "scale", "buyer_kind", "country", "currency"):
        raw = (get(name) or "").strip()
        if not raw:
            continue
        if name in ("country", "currency"):
            raw = raw.upper()
        if raw == NONE and name in NONE_ALLOWED:
            values[name] = NONE
        elif raw not in _CHOICES[name]:
            errors[name] = _("“%(value)s” is not a known value.") % {"value": raw[:40]}
        else:
            values[name] = raw
    raw_day = (get("day") or "").strip()
    if raw_day:
        try:
            values["day"] = date.fromisoformat(raw_day)
        except ValueError:
            errors["day"] = _("Give the day as YYYY-MM-DD.")
    for name, model in (("association", Association), ("programme", Programme)):
        raw = (get(name) or "").strip()
        if not raw:
            continue
        if raw == NONE and name in NONE_ALLOWED:
            values[f"{name}_id"] = NONE
            continue
        lookup = {"pk": int(raw)} if raw.isdigit() and len(raw) < 12 else {"slug": raw}
        found = model.objects.filter(**lookup).values_list("pk", flat=True).first()
        if found is None:
            errors[name] = _("“%(value)s” is not a known value.") % {"value": raw[:40]}
        else:
            values[f"{name}_id"] = found
    if errors:
        raise ValidationError(errors)
    return LedgerFilter(event=event, trust=trust, **values)


# --- totals ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    rows: int = 0
    value_idr: int = 0
    value_usd: Decimal = Decimal("0.00")
    businesses: int = 0
    buyers: int = 0


@dataclass(frozen=True)
class LedgerSummary:
    filter: LedgerFilter
    groups: dict[str, Figures]  # ReportGroup → figures, every group present
    kinds: dict[str, Figures]  # TransactionKind → figures, every kind present
    businesses: int  # UMKM with at least one counted deal, any kind
    buyers: int

    def group(self, key: str) -> Figures:
        return self.groups[key]


def _group_expression():
    return Case(
        *(
            When(
                kind__in=[k for k, g in REPORT_GROUP_OF_KIND.items() if g == group],
                then=Value(group),
            )
            for group in ReportGroup.values
        ),
        output_field=CharField(),
    )


def _figures(values: dict) -> Figures:
    return Figures(
        rows=int(values.get("n") or 0),
        value_idr=int(values.get("idr") or 0),
        value_usd=Decimal(values.get("usd") or 0).quantize(Decimal("0.01")),
        businesses=int(values.get("businesses") or 0),
        buyers=int(values.get("buyers") or 0),
    )


_SUM_COLUMNS = {
    "n": Sum("rows"),
    "idr": Sum("value_idr"),
    "usd": Sum("value_usd"),
    "businesses": Count("business_id", distinct=True),
    "buyers": Count("buyer_id", distinct=True, filter=Q(buyer_id__gt=0)),
}


def ledger_summary(ledger_filter: LedgerFilter) -> LedgerSummary:
    """Totals per report group and per kind, with the UMKM and buyers involved."""
    return _remembered(ledger_filter, "summary", lambda: _summary(ledger_filter))


def _summary(ledger_filter: LedgerFilter) -> LedgerSummary:
    # Three passes over the cells, each a hash aggregate: sums per kind (groups add their
    # kinds' sums), then the (kind, business) and (kind, buyer) pairs, from which the
    # distinct counts per kind, per group and overall are exact set sizes. Sums of distinct
    # counts would double-count an UMKM that sold and signed an MoU.
    if ledger_filter.is_headline():
        # No dimension asked: the per-party sums are the same figures in far fewer rows.
        parties = LedgerParty.objects.filter(ledger_filter.party_condition())
        by_business = parties.filter(side=LedgerParty.BUSINESS)
        sums_source = by_business
        business_pairs = by_business.values_list("kind", "party_id")
        buyer_pairs = parties.filter(side=LedgerParty.BUYER).values_list("kind", "party_id")
    else:
        cells = LedgerCell.objects.filter(ledger_filter.cell_condition())
        sums_source = cells
        business_pairs = cells.values_list("kind", "business_id").distinct()
        buyer_pairs = cells.filter(buyer_id__gt=0).values_list("kind", "buyer_id").distinct()
    sums = {
        row["kind"]: row
        for row in sums_source.values("kind")
        .annotate(n=Sum("rows"), idr=Sum("value_idr"), usd=Sum("value_usd"))
        .order_by()
    }
    businesses: dict[str, set[int]] = {k: set() for k in TransactionKind.values}
    for kind, business_id in business_pairs.order_by():
        businesses[kind].add(business_id)
    buyers: dict[str, set[int]] = {k: set() for k in TransactionKind.values}
    for kind, buyer_id in buyer_pairs.order_by():
        buyers[kind].add(buyer_id)

    def figures(kinds) -> Figures:
        rows = [sums[k] for k in kinds if k in sums]
        return Figures(
            rows=sum(int(r["n"] or 0) for r in rows),
            value_idr=sum(int(r["idr"] or 0) for r in rows),
            value_usd=sum((Decimal(r["usd"] or 0) for r in rows), Decimal(0)).quantize(
                Decimal("0.01")
            ),
            businesses=len(set().union(*(businesses[k] for k in kinds))),
            buyers=len(set().union(*(buyers[k] for k in kinds))),
        )

    return LedgerSummary(
        filter=ledger_filter,
        groups={g: figures(KINDS_OF_GROUP[g]) for g in ReportGroup.values},
        kinds={k: figures([k]) for k in TransactionKind.values},
        businesses=len(set().union(*businesses.values())),
        buyers=len(set().union(*buyers.values())),
    )


# --- remembered figures ---------------------------------------------------------------------

# Figures are remembered per edition and filter until the edition's ledger changes: every
# ledger write moves the edition's version (``forget_ledger``), at once and again on commit,
# so a read never serves figures older than the last committed write.
REMEMBER_SECONDS = 300


def _version_key(event_id: int) -> str:
    return f"matching:ledger-version:{event_id}"


def forget_ledger(event_id: int) -> None:
    key = _version_key(event_id)
    try:
        if not cache.add(key, 1, timeout=None):
            cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=None)


def _remembered(ledger_filter: LedgerFilter, what: str, compute):
    version = cache.get(_version_key(ledger_filter.event.pk)) or 0
    params = "&".join(f"{k}={v}" for k, v in sorted(ledger_filter.as_params().items()))
    digest = hashlib.sha256(params.encode()).hexdigest()[:32]
    language = translation.get_language()
    key = f"matching:ledger:{ledger_filter.event.pk}:{version}:{what}:{language}:{digest}"
    found = cache.get(key)
    if found is None:
        found = _with_room_to_sort(compute)
        cache.set(key, found, REMEMBER_SECONDS)
    elif found.filter != ledger_filter:  # same digest, other filter: never trust a clash
        found = _with_room_to_sort(compute)
    return found


# The distinct counts sort the cells they read; at PostgreSQL's default 4 MB an unfiltered
# read of a national edition's ~80,000 cells spills to disk. Raised for these reads only.
LEDGER_WORK_MEM = "32MB"


def _with_room_to_sort(compute):
    if connection.vendor != "postgresql":
        return compute()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = %s", [LEDGER_WORK_MEM])
        return compute()


# --- breakdowns ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dimension:
    key: str
    label: object
    column: str  # LedgerCell column
    filter_field: str  # LedgerFilter field a row of this breakdown narrows


DIMENSIONS = {
    d.key: d
    for d in (
        Dimension("day", gettext_lazy("Day"), "deal_date", "day"),
        Dimension("association", gettext_lazy("Association"), "association_id", "association_id"),
        Dimension("sector", gettext_lazy("Sector"), "sector", "sector"),
        Dimension("province", gettext_lazy("Province"), "province", "province"),
        Dimension("scale", gettext_lazy("Scale"), "scale", "scale"),
        Dimension("buyer_kind", gettext_lazy("Buyer type"), "buyer_kind", "buyer_kind"),
        Dimension("country", gettext_lazy("Destination country"), "country", "country"),
        Dimension("programme", gettext_lazy("Programme"), "programme_id", "programme_id"),
        Dimension("currency", gettext_lazy("Currency of the deal"), "currency", "currency"),
        Dimension("kind", gettext_lazy("Kind of deal"), "kind", "kind"),
    )
}


@dataclass(frozen=True)
class BreakdownLine:
    key: object  # the value of the dimension (a date, an id, a code; "" or 0 for none)
    label: str
    groups: dict[str, Figures]  # ReportGroup → figures (every group present)
    value_by_currency: dict[str, Decimal] = field(default_factory=dict)  # currency dimension

    @property
    def rows(self) -> int:
        return sum(f.rows for f in self.groups.values())


@dataclass(frozen=True)
class Breakdown:
    filter: LedgerFilter
    dimension: Dimension
    lines: list[BreakdownLine]


def ledger_breakdown(ledger_filter: LedgerFilter, by: str) -> Breakdown:
    """The figures per value of one dimension, each report group apart."""
    try:
        dimension = DIMENSIONS[by]
    except KeyError:
        raise ValidationError(
            {"by": _("Break down by one of: %(names)s.") % {"names": ", ".join(DIMENSIONS)}}
        ) from None
    return _remembered(ledger_filter, f"by-{by}", lambda: _breakdown(ledger_filter, dimension))


def _breakdown(ledger_filter: LedgerFilter, dimension: Dimension) -> Breakdown:
    by = dimension.key
    cells = LedgerCell.objects.filter(ledger_filter.cell_condition())
    columns = dict(_SUM_COLUMNS)
    if by == "currency":  # the value in the deal's own currency, in the same pass
        columns["v"] = Sum("value")
    grouped = (
        cells.annotate(group=_group_expression())
        .values(dimension.column, "group")
        .annotate(**columns)
        .order_by()
    )
    table: dict[object, dict[str, Figures]] = {}
    originals: dict[object, dict[str, Decimal]] = {}
    for row in grouped:
        key = row[dimension.column]
        table.setdefault(key, {})[row["group"]] = _figures(row)
        if by == "currency":
            line = originals.setdefault(key, {key: Decimal(0)})
            line[key] += Decimal(row["v"] or 0)
    labels = _labels(by, list(table))
    lines = [
        BreakdownLine(
            key=key,
            label=labels.get(key, str(key)),
            groups={g: figures.get(g, Figures()) for g in ReportGroup.values},
            value_by_currency=originals.get(key, {}),
        )
        for key, figures in table.items()
    ]
    if by == "day":
        lines.sort(key=lambda line: line.key)
    else:
        lines.sort(key=lambda line: (-sum(f.value_idr for f in line.groups.values()), line.label))
    return Breakdown(filter=ledger_filter, dimension=dimension, lines=lines)


_NONE_LABELS = {
    "buyer_kind": gettext_lazy("No buyer (retail sale)"),
    "country": gettext_lazy("Domestic (no export)"),
    "programme": gettext_lazy("No programme"),
}


def _labels(by: str, keys: list) -> dict[object, str]:
    if by == "day":
        return {k: k.strftime("%d-%m-%Y") for k in keys}
    if by == "association":
        return {
            pk: f"{acronym} · {name}"
            for pk, acronym, name in Association.objects.filter(pk__in=keys).values_list(
                "pk", "acronym", "name"
            )
        }
    if by == "programme":
        found = dict(Programme.objects.filter(pk__in=keys).values_list("pk", "name"))
        return {k: found.get(k, str(_NONE_LABELS["programme"])) for k in keys}
    choices = {
        "sector": Sector,
        "province": Province,
        "scale": Scale,
        "buyer_kind": BuyerKind,
        "country": Country,
        "currency": Currency,
        "kind": TransactionKind,
    }[by]
    names = dict(choices.choices)
    return {k: str(names.get(k) or _NONE_LABELS.get(by, "—")) for k in keys}


# --- the rows behind a figure ------------------------------------------------------------


def ledger_rows(ledger_filter: LedgerFilter, *, group: str = "") -> QuerySet[Transaction]:
    """The live rows a figure is made of, newest first; ``group`` narrows to a report group."""
    rows = Transaction.objects.filter(ledger_filter.row_condition())
    if group:
        rows = rows.filter(kind__in=[k for k, g in REPORT_GROUP_OF_KIND.items() if g == group])
    return rows.select_related("business", "buyer", "association", "programme").order_by(
        "-deal_date", "-pk"
    )


# --- who sees what -----------------------------------------------------------------------------


def transactions_of(user, *, event: Event | None = None) -> QuerySet[Transaction]:
    """The deals ``user`` sees in its portal: its business's or its buyer's."""
    grants = grants_of(user)
    q = Q(pk__in=[])
    if grants.get(Role.EXHIBITOR):
        q |= Q(business_id__in=grants[Role.EXHIBITOR])
    if grants.get(Role.BUYER):
        q |= Q(buyer_id__in=grants[Role.BUYER])
    rows = Transaction.objects.filter(q)
    if event is not None:
        rows = rows.filter(event=event)
    return rows.select_related("business", "buyer", "event", "replaces", "programme").order_by(
        "-recorded_at", "-pk"
    )


def history_of(row: Transaction) -> list[Transaction]:
    """The chain of corrections the row belongs to, oldest first."""
    chain = [row]
    current = row
    while current.replaces_id:
        current = Transaction.objects.select_related("recorded_by", "voided_by").get(
            pk=current.replaces_id
        )
        chain.insert(0, current)
    current = row
    while True:
        following = (
            Transaction.objects.select_related("recorded_by", "voided_by")
            .filter(replaces=current)
            .first()
        )
        if following is None:
            break
        chain.append(following)
        current = following
    return chain
