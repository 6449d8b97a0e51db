"""The ministry dashboard under /angka/: totals per report group, breakdowns with charts,
the rows behind every figure, and exports.

Read-only. Every figure comes from ``matching.selectors`` under one ``LedgerFilter``
parsed from the query string, so a number on the page, in a download and in the API
are the same sum. A filter that does not parse shows what is wrong and no figures.
"""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from events.models import Currency, EventStatus, Participation, Programme
from events.regions import Province
from exhibitors.models import Scale, Sector
from matching.countries import Country
from matching.models import BuyerKind, ReportGroup, TransactionKind
from matching.selectors import (
    DIMENSIONS,
    NONE,
    Trust,
    ledger_breakdown,
    ledger_rows,
    ledger_summary,
    parse_ledger_filter,
)

from .models import ExportFormat, ExportStatus
from .selectors import (
    edition_facts,
    exports_of,
    figure_editions,
    public_editions,
    public_figures_context,
    readable_lines,
    readable_programme_ids,
)
from .services import export_request

ROWS_PER_PAGE = 50
# Row exports up to this size are sent at once; larger ones are prepared in the background.
DIRECT_ROWS_LIMIT = 5000
GROUP_COLOURS = {
    ReportGroup.RETAIL: "#a4432a",
    ReportGroup.ORDERS: "#1d6b34",
    ReportGroup.MOU: "#1d4f80",
    ReportGroup.POTENTIAL: "#b87f17",
}


def _reader(view):
    """Logged in, and reads the figures of at least one edition."""

    @login_required
    def wrapper(request, *args, **kwargs):
        if not figure_editions(request.user).exists():
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _edition(request):
    editions = list(figure_editions(request.user))
    slug = request.GET.get("edition", "").strip()
    if slug:
        for event in editions:
            if event.slug == slug:
                return event, editions
        raise Http404
    published = [e for e in editions if e.status == EventStatus.PUBLISHED]
    return (published or editions)[0], editions


def _filter(request, event):
    """The filter of the query string, or None with the errors shown as messages."""
    try:
        ledger_filter = parse_ledger_filter(request.GET, event=event)
    except ValidationError as error:
        for name, errors in error.message_dict.items():
            for message in errors:
                messages.error(request, f"{FILTER_LABELS.get(name, name)}: {message}")
        return None
    allowed = readable_programme_ids(request.user)
    programme = ledger_filter.programme_id
    if isinstance(programme, int) and allowed is not None and programme not in allowed:
        raise PermissionDenied(
            _("The figures of another ministry's programme are for that ministry.")
        )
    return ledger_filter


def _event_and_filter(request):
    """The edition asked for and the filter of the query string (None when refused)."""
    event, _editions = _edition(request)
    return event, _filter(request, event)


def _back_to_figures(event):
    """A download with a refused filter: back to the page that says what is wrong."""
    return redirect(reverse("dashboards:home") + f"?edition={event.slug}")


FILTER_LABELS = {
    "trust": gettext_lazy("Which deals"),
    "kind": gettext_lazy("Kind"),
    "day": gettext_lazy("Day"),
    "association": gettext_lazy("Association"),
    "sector": gettext_lazy("Sector"),
    "province": gettext_lazy("Province"),
    "scale": gettext_lazy("Scale"),
    "buyer_kind": gettext_lazy("Buyer type"),
    "country": gettext_lazy("Destination"),
    "programme": gettext_lazy("Programme"),
    "currency": gettext_lazy("Currency"),
    "by": gettext_lazy("Breakdown"),
}


def _filter_fields(request, event):
    """The filter form's fields: (name, label, options, selected)."""
    programmes = Programme.objects.filter(events=event).select_related("ministry")
    allowed = readable_programme_ids(request.user)
    if allowed is not None:
        programmes = programmes.filter(pk__in=allowed)
    associations = (
        Participation.objects.filter(event=event)
        .select_related("association")
        .order_by("association__acronym")
    )
    fields = [
        ("kind", TransactionKind.choices),
        ("day", [(d.date.isoformat(), d.date.strftime("%d-%m-%Y")) for d in event.days.all()]),
        ("association", [(p.association.slug, p.association.acronym) for p in associations]),
        ("sector", Sector.choices),
        ("province", Province.choices),
        ("scale", Scale.choices),
        ("buyer_kind", BuyerKind.choices),
        ("country", [c for c in Country.choices if c[0] != "ID"]),
        ("programme", [(p.slug, p.name) for p in programmes]),
        ("currency", Currency.choices),
    ]
    return [
        {
            "name": name,
            "label": FILTER_LABELS[name],
            "options": [(str(v), str(label)) for v, label in options],
            "selected": request.GET.get(name, ""),
        }
        for name, options in fields
    ]


def _query(ledger_filter, **extra) -> str:
    params = ledger_filter.as_params()
    params.update({k: v for k, v in extra.items() if v not in (None, "")})
    return urlencode(params)


def _chart_label(label: str) -> str:
    """A chart's axis has room for an acronym or a short name; the table has the rest."""
    short = label.split(" · ")[0]
    return short if len(short) <= 24 else short[:23] + "…"


def _chart_data(summary, breakdown) -> dict:
    groups = [str(label) for _value, label in ReportGroup.choices]
    lines = breakdown.lines[:15]
    return {
        "groups": {
            "labels": groups,
            "idr": [summary.groups[g].value_idr for g in ReportGroup.values],
            "usd": [float(summary.groups[g].value_usd) for g in ReportGroup.values],
            "colours": [GROUP_COLOURS[g] for g in ReportGroup.values],
        },
        "breakdown": {
            "labels": [_chart_label(line.label) for line in lines],
            "datasets": [
                {
                    "group": g,
                    "label": str(label),
                    "colour": GROUP_COLOURS[g],
                    "idr": [line.groups[g].value_idr for line in lines],
                }
                for g, label in ReportGroup.choices
            ],
        },
    }


@_reader
@require_GET
def home(request):
    event, editions = _edition(request)
    by = request.GET.get("by", "day").strip() or "day"
    if by not in DIMENSIONS:
        messages.error(request, _("Choose a breakdown from the list."))
        by = "day"
    ledger_filter = _filter(request, event)
    context = {
        "event": event,
        "editions": editions,
        "filter_fields": _filter_fields(request, event),
        "trust_options": list(Trust.LABELS.items()),
        "trust": request.GET.get("trust", Trust.ALL),
        "dimensions": list(DIMENSIONS.values()),
        "by": by,
        "facts": edition_facts(event),
        "ledger_filter": ledger_filter,
    }
    if ledger_filter is not None:
        summary = ledger_summary(ledger_filter)
        breakdown = ledger_breakdown(ledger_filter, by)
        if by == "programme":
            breakdown = replace(
                breakdown,
                lines=readable_lines(breakdown.lines, readable_programme_ids(request.user)),
            )
        field = breakdown.dimension.filter_field
        context.update(
            summary=summary,
            breakdown=breakdown,
            groups=[
                {
                    "key": g,
                    "label": label,
                    "figures": summary.groups[g],
                    "colour": GROUP_COLOURS[g],
                    "rows_url": reverse("dashboards:rows") + "?" + _query(ledger_filter, group=g),
                }
                for g, label in ReportGroup.choices
            ],
            lines=[
                {
                    "line": line,
                    "cells": [
                        {
                            "figures": line.groups[g],
                            "rows_url": reverse("dashboards:rows")
                            + "?"
                            + _query(ledger_filter.narrowed(**{field: line.key or NONE}), group=g),
                        }
                        for g in ReportGroup.values
                    ],
                }
                for line in breakdown.lines
            ],
            chart=_chart_data(summary, breakdown),
            query=_query(ledger_filter),
            query_by=_query(ledger_filter, by=by),
        )
    return render(request, "dashboards/home.html", context)


@_reader
@require_GET
def rows(request):
    """The ledger rows a figure is made of: business and buyer names, no personal data."""
    event, ledger_filter = _event_and_filter(request)
    if ledger_filter is None:
        return _back_to_figures(event)
    group = request.GET.get("group", "")
    if group and group not in ReportGroup.values:
        messages.error(request, _("Choose a group from the list."))
        group = ""
    queryset = ledger_rows(ledger_filter, group=group)
    page = Paginator(queryset, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    summary = ledger_summary(ledger_filter)
    return render(
        request,
        "dashboards/rows.html",
        {
            "event": event,
            "ledger_filter": ledger_filter,
            "group": group,
            "group_label": dict(ReportGroup.choices).get(group, ""),
            "figures": summary.groups[group] if group else None,
            "page": page,
            "query": _query(ledger_filter, group=group),
            "trust_label": Trust.LABELS[ledger_filter.trust],
        },
    )


def _download_name(event, stem: str, extension: str) -> str:
    return f"{stem}-{event.slug}-{timezone.localtime():%Y%m%d-%H%M}.{extension}"


@_reader
@require_GET
def export_figures(request, format: str):
    """The headline and every breakdown, as CSV or XLSX, at once (they are small)."""
    from .exports import summary_csv, summary_xlsx

    event, ledger_filter = _event_and_filter(request)
    if ledger_filter is None:
        return _back_to_figures(event)
    summary = ledger_summary(ledger_filter)
    breakdowns = [ledger_breakdown(ledger_filter, key) for key in DIMENSIONS]
    if format == "xlsx":
        content = summary_xlsx(summary, breakdowns)
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif format == "csv":
        content = summary_csv(summary, breakdowns)
        kind = "text/csv; charset=utf-8"
    else:
        raise Http404
    response = HttpResponse(content, content_type=kind)
    name = _download_name(event, "angka-transaksi", format)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@_reader
@require_GET
def report_pdf(request):
    from .reports import ledger_report_pdf

    event, ledger_filter = _event_and_filter(request)
    if ledger_filter is None:
        return _back_to_figures(event)
    response = HttpResponse(ledger_report_pdf(ledger_filter), content_type="application/pdf")
    name = _download_name(event, "laporan-transaksi", "pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@_reader
@require_GET
def export_rows(request, format: str):
    """The rows behind a figure: sent at once when small, else prepared in the background."""
    from .exports import rows_csv, rows_xlsx

    if format not in ("csv", "xlsx"):
        raise Http404
    event, ledger_filter = _event_and_filter(request)
    if ledger_filter is None:
        return _back_to_figures(event)
    group = request.GET.get("group", "")
    if group not in ("", *ReportGroup.values):
        group = ""
    queryset = ledger_rows(ledger_filter, group=group)
    if queryset.count() > DIRECT_ROWS_LIMIT:
        params = {**ledger_filter.as_params(), **({"group": group} if group else {})}
        job = export_request(user=request.user, event=event, format=format, params=params)
        messages.info(request, _("The file is large: it is being prepared."))
        return redirect("dashboards:export_job", pk=job.pk)
    name = _download_name(event, "transaksi", format)
    if format == "csv":
        response = StreamingHttpResponse(rows_csv(queryset), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            rows_xlsx(queryset),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@_reader
@require_POST
def export_report_background(request):
    """Prepare the PDF report in the background (for readers on slow connections)."""
    event, ledger_filter = _event_and_filter(request)
    if ledger_filter is None:
        return _back_to_figures(event)
    job = export_request(
        user=request.user, event=event, format=ExportFormat.PDF, params=ledger_filter.as_params()
    )
    return redirect("dashboards:export_job", pk=job.pk)


@_reader
@require_GET
def export_job(request, pk: int):
    job = get_object_or_404(exports_of(request.user), pk=pk)
    template = (
        "dashboards/_export_progress.html"
        if request.headers.get("HX-Request")
        else "dashboards/export_job.html"
    )
    return render(request, template, {"job": job, "done": job.status == ExportStatus.DONE})


@_reader
@require_GET
def export_download(request, pk: int):
    job = get_object_or_404(exports_of(request.user), pk=pk, status=ExportStatus.DONE)
    if not figure_editions(request.user).filter(pk=job.event_id).exists():
        raise PermissionDenied
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename)


@require_GET
def live(request, slug: str):
    """The public live-figures block of an edition (for the website), cached briefly."""
    event = get_object_or_404(public_editions(), slug=slug)
    response = render(request, "dashboards/_live_figures.html", public_figures_context(event))
    response["Cache-Control"] = "public, max-age=60"
    return response
