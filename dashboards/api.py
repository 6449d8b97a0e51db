"""The figures API for ministry systems (django-ninja, in the OpenAPI schema).

A ministry's system sends ``Authorization: Bearer pmr_…`` with a token an organizer made
for that ministry. Every answer is computed by the same selectors as the dashboard and
the exports, under the same filters (``edition``, ``trust``, ``kind``, ``day``,
``association``, ``sector``, ``province``, ``scale``, ``buyer_kind``, ``country``,
``programme``, ``currency``). A filter that does not parse is refused (400), never
dropped; figures of one programme alone are for that programme's ministry (403);
each token has a per-minute limit (429 with ``Retry-After``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.security import HttpBearer

from events.models import Event, EventStatus
from matching.models import ReportGroup, TransactionKind
from matching.selectors import (
    DIMENSIONS,
    Figures,
    LedgerFilter,
    ledger_breakdown,
    ledger_summary,
    parse_ledger_filter,
)

from .selectors import programmes_of_ministries, readable_lines
from .services import api_token_find, api_token_hit


class TokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request, token):
        found = api_token_find(token)
        if found is None:
            return None
        request.api_token = found
        return found


token_auth = TokenAuth()
router = Router(tags=["figures"], auth=token_auth)


class Problem(Schema):
    detail: str


class FiguresOut(Schema):
    deals: int = Field(..., description="Ledger rows counted.")
    value_idr: int = Field(..., description="Value in rupiah at the edition's recorded rates.")
    value_usd: Decimal = Field(..., description="Value in US dollars at the recorded rate.")
    umkm: int = Field(..., description="Distinct exhibiting businesses involved.")
    buyers: int = Field(..., description="Distinct buyers involved (retail sales have none).")


class EditionOut(Schema):
    slug: str
    name: str
    year: int
    status: str
    usd_idr_rate: Decimal | None
    usd_idr_rate_date: date | None
    usd_idr_rate_source: str


class SummaryOut(Schema):
    edition: str
    trust: str
    filters: dict[str, str]
    groups: dict[str, FiguresOut] = Field(
        ...,
        description="Per report group (retail, orders, mou, potential). Never add them up: "
        "retail sales, orders and potential deals are reported apart.",
    )
    kinds: dict[str, FiguresOut]
    umkm: int
    buyers: int


class LineOut(Schema):
    key: str
    label: str
    groups: dict[str, FiguresOut]


class BreakdownOut(Schema):
    edition: str
    trust: str
    by: str
    filters: dict[str, str]
    lines: list[LineOut]


class FilterQuery(Schema):
    edition: str = Field(..., description="Slug of the edition.")
    trust: str = Field("all", description="all | confirmed | verified")
    kind: str = Field("", description=", ".join(TransactionKind.values))
    day: str = Field("", description="YYYY-MM-DD")
    association: str = Field("", description="Association slug or id")
    sector: str = ""
    province: str = Field("", description="Kemendagri province code, e.g. 33")
    scale: str = Field("", description="mikro | kecil | menengah")
    buyer_kind: str = ""
    country: str = Field("", description="ISO 3166 alpha-2 export destination")
    programme: str = Field("", description="Programme slug or id")
    currency: str = Field("", description="Currency of the deal, e.g. USD")


def _figures(f: Figures) -> dict:
    return {
        "deals": f.rows,
        "value_idr": f.value_idr,
        "value_usd": f.value_usd,
        "umkm": f.businesses,
        "buyers": f.buyers,
    }


def _count_request(request) -> None:
    wait = api_token_hit(request.api_token)
    if wait:
        raise RateLimited(wait)


def _filter(request, query: FilterQuery) -> LedgerFilter:
    _count_request(request)
    event = (
        Event.objects.exclude(status=EventStatus.DRAFT).filter(slug=query.edition.strip()).first()
    )
    if event is None:
        raise ValidationError({"edition": _("No such edition.")})
    params = query.dict()
    try:
        ledger_filter = parse_ledger_filter(params, event=event)
    except ValidationError as error:
        raise ValidationError(
            "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in error.message_dict.items())
        ) from None
    request.programme_ids = programmes_of_ministries([request.api_token.ministry_id])
    programme = ledger_filter.programme_id
    if isinstance(programme, int) and programme not in request.programme_ids:
        raise PermissionDenied(
            _("This token may not read the figures of another ministry's programme.")
        )
    return ledger_filter


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        self.retry_after = retry_after


@router.get("/editions", response=list[EditionOut], summary="Editions with figures")
def editions(request):
    _count_request(request)
    return list(Event.objects.exclude(status=EventStatus.DRAFT).order_by("-year", "-pk"))


@router.get(
    "/summary",
    response={200: SummaryOut, 400: Problem, 403: Problem, 429: Problem},
    summary="Totals per report group and kind",
)
def summary(request, query: Query[FilterQuery]):
    ledger_filter = _filter(request, query)
    result = ledger_summary(ledger_filter)
    return {
        "edition": ledger_filter.event.slug,
        "trust": ledger_filter.trust,
        "filters": ledger_filter.as_params(),
        "groups": {g: _figures(result.groups[g]) for g in ReportGroup.values},
        "kinds": {k: _figures(result.kinds[k]) for k in TransactionKind.values},
        "umkm": result.businesses,
        "buyers": result.buyers,
    }


@router.get(
    "/breakdown",
    response={200: BreakdownOut, 400: Problem, 403: Problem, 429: Problem},
    summary="Totals per value of one dimension",
    description="by: " + ", ".join(DIMENSIONS),
)
def breakdown(request, by: str, query: Query[FilterQuery]):
    ledger_filter = _filter(request, query)
    lines = ledger_breakdown(ledger_filter, by).lines
    if by == "programme":  # a ministry sees its own programmes' lines
        lines = readable_lines(lines, request.programme_ids)
    return {
        "edition": ledger_filter.event.slug,
        "trust": ledger_filter.trust,
        "by": by,
        "filters": ledger_filter.as_params(),
        "lines": [
            {
                "key": line.key.isoformat() if isinstance(line.key, date) else str(line.key),
                "label": line.label,
                "groups": {g: _figures(line.groups[g]) for g in ReportGroup.values},
            }
            for line in lines
        ],
    }
