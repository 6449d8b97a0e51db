"""The organizer's money in the Wagtail admin: payments, fee waivers and bank accounts.

Listed in the events room's "Exhibition" menu (``menu_hook``). Every screen asks
``accounts.permissions`` through ``RolePermissionPolicy``: lists show only the editions
the user organizes, other editions' objects answer 404, and the forms' choices offer
only what the user may use. Money changes only through payments.services (the payment
screen and the waiver form in payments/admin_views.py), so payments and waivers have
lists, exports and actions here, and no generic add, edit or delete screens; bank
accounts are plain reference data, added and edited here.
"""

from __future__ import annotations

import datetime
from collections import OrderedDict
from zoneinfo import ZoneInfo

import django_filters
from django.http import StreamingHttpResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import ModelAdminURLFinder, NullAdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from accounts.permissions import can
from accounts.policies import ScopedIndexMixin, ScopedObjectMixin
from events.admin_views import editions_for, local_time, rupiah, spreadsheet_safe
from events.viewsets import (
    QuickColumn,
    ScopedHistoryView,
    ScopedUsageView,
    StatusColumn,
    edition_filter,
)

from .admin_views import ADD_WAIVER, PaymentDetailView
from .forms import BankAccountForm
from .models import BankAccount, Payment, PaymentStatus, Provider, Waiver
from .purposes import purpose_label


def purpose_choices():
    """The purposes payments were made for, by their labels (booth fee, visitor order …)."""
    keys = Payment.objects.order_by("purpose").values_list("purpose", flat=True).distinct()
    return [(key, purpose_label(key)) for key in keys]


# --- columns ---------------------------------------------------------------------------------


class EventTimeColumn(QuickColumn):
    """A moment shown in the edition's own time zone (WIB, WITA or WIT)."""

    def __init__(self, name, **kwargs):
        kwargs.setdefault("classname", "pameran-nowrap")
        super().__init__(name, **kwargs)

    def cell_html(self, instance):
        moment = self.get_value(instance)
        return "—" if moment is None else local_time(moment, instance.event)


class MoneyColumn(QuickColumn):
    def __init__(self, name, **kwargs):
        kwargs.setdefault("classname", "pameran-num")
        super().__init__(name, **kwargs)

    def cell_html(self, instance):
        return rupiah(self.get_value(instance))


class AttentionColumn(QuickColumn):
    """A flag when something needs the organizer (paid twice, a dispute …), with the note."""

    def cell_html(self, payment):
        if not payment.needs_attention:
            return ""
        return format_html(
            '<span class="pameran-flag pameran-flag--critical" title="{}" data-attention>{}</span>',
            payment.attention_note,
            _("needs attention"),
        )


# --- generic views, scoped -------------------------------------------------------------------


class IndexView(ScopedIndexMixin, generic.IndexView):
    @cached_property
    def columns(self):
        columns = super().columns
        if editions_for(self.request.user).count() <= 1:
            # One edition: its name on every row says nothing.
            columns = [column for column in columns if column.name != "event"]
        return columns


class ExportIndexView(IndexView):
    """The list's CSV and XLSX downloads: values as read, times in the edition's zone,
    the CSV with a byte-order mark (Excel reads it as UTF-8) and formulas defused."""

    #: field → function of the row, for what is not a plain attribute
    export_values: dict = {}

    custom_value_preprocess = {
        **generic.IndexView.custom_value_preprocess,
        datetime.datetime: {
            "xlsx": lambda value: value.replace(tzinfo=None),  # already in the edition's zone
            "csv": lambda value: value.isoformat(sep=" ", timespec="seconds"),
        },
        str: {"csv": spreadsheet_safe},
    }

    def export_value(self, item, name):
        if name in self.export_values:
            value = self.export_values[name](item)
        else:
            value = getattr(item, name)
        if isinstance(value, datetime.datetime):
            value = timezone.localtime(value, ZoneInfo(item.event.time_zone))
        elif value is not None and not isinstance(value, int | datetime.date | bool):
            value = str(value)
        return value

    def to_row_dict(self, item):
        return OrderedDict((name, self.export_value(item, name)) for name in self.list_export)

    def get_filename(self):
        return f"{self.export_filename}-{timezone.localdate():%Y-%m-%d}"

    def stream_csv(self, queryset):
        yield "\ufeff"
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        # The rows are written after the view returns: in the language of the request.
        language = translation.get_language()

        def in_language():
            with translation.override(language):
                yield from self.stream_csv(queryset)

        response = StreamingHttpResponse(in_language(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response


class ListOnlyViewSet(ModelViewSet):
    """A list (with its exports) only: rows are written by payments.services, never by hand."""

    menu_hook = "register_exhibition_menu_item"  # events.viewsets.ExhibitionViewSetGroup
    copy_view_enabled = False
    inspect_view_enabled = False
    search_backend_name = None  # the database: these models are not search-indexed
    list_per_page = 50
    add_to_reference_index = False  # busy rows (webhooks write them) nothing else refers to
    index_template_name = "payments/admin/index.html"  # the status badges' styles

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add", "edit", "delete", "history", "usage"):
            view_kwargs[f"{name}_url_name"] = None
        return view_kwargs

    @property
    def url_finder_class(self):
        return NullAdminURLFinder

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]


# --- payments --------------------------------------------------------------------------------


class PaymentFilterSet(WagtailFilterSet):
    event = edition_filter()
    status = django_filters.ChoiceFilter(choices=PaymentStatus.choices, label=_("Status"))
    provider = django_filters.ChoiceFilter(choices=Provider.choices, label=_("Method"))
    purpose = django_filters.ChoiceFilter(choices=purpose_choices, label=_("For"))
    needs_attention = django_filters.BooleanFilter(label=_("Needs attention"))

    class Meta:
        model = Payment
        fields = ["event", "status", "provider", "purpose", "needs_attention"]


class PaymentIndexView(ExportIndexView):
    export_values = {
        "event": lambda payment: payment.event.name,
        "purpose": lambda payment: purpose_label(payment.purpose),
        "provider": lambda payment: payment.get_provider_display(),
        "status": lambda payment: payment.get_status_display(),
    }

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event")


class PaymentURLFinder(ModelAdminURLFinder):
    """Links to a payment from elsewhere in the admin open its screen."""

    edit_url_name = "payments_payment:inspect"


class PaymentViewSet(ListOnlyViewSet):
    model = Payment
    icon = "decimal"
    menu_label = _("Payments")
    menu_order = 40
    index_view_class = PaymentIndexView
    filterset_class = PaymentFilterSet
    search_fields = ["reference", "payer_name", "payer_email", "description"]
    ordering = ["-created_at", "-pk"]
    list_export = [
        "reference",
        "event",
        "purpose",
        "description",
        "amount",
        "unique_code",
        "provider",
        "status",
        "amount_refunded",
        "payer_name",
        "payer_email",
        "created_at",
        "succeeded_at",
        "transfer_date",
    ]
    export_headings = {
        "reference": _("Reference"),
        "event": _("Edition"),
        "purpose": _("For"),
        "description": _("Description"),
        "amount": _("Amount (Rp)"),
        "unique_code": _("Unique code (Rp)"),
        "provider": _("Method"),
        "status": _("Status"),
        "amount_refunded": _("Refunded (Rp)"),
        "payer_name": _("Payer's name"),
        "payer_email": _("Payer's email"),
        "created_at": _("Created at"),
        "succeeded_at": _("Paid at"),
        "transfer_date": _("Transfer date"),
    }
    export_filename = "payments"

    @cached_property
    def list_display(self):
        return [
            TitleColumn(
                "reference",
                label=_("Reference"),
                url_name=self.get_url_name("inspect"),
                sort_key="reference",
                classname="pameran-nowrap",
            ),
            Column("description", label=_("Description")),
            Column("event", label=_("Edition"), sort_key="event__name"),
            MoneyColumn("amount_due", label=_("Amount due"), sort_key="amount"),
            QuickColumn("provider", label=_("Method"), accessor="get_provider_display"),
            StatusColumn("status", label=_("Status"), sort_key="status"),
            EventTimeColumn("succeeded_at", label=_("Paid at"), sort_key="succeeded_at"),
            AttentionColumn("needs_attention", label=_("Needs attention")),
        ]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs["inspect_url_name"] = self.get_url_name("inspect")
        return view_kwargs

    @property
    def url_finder_class(self):
        return PaymentURLFinder

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/", self.detail_view, name="inspect"),
        ]

    @property
    def detail_view(self):
        return self.construct_view(PaymentDetailView)


# --- fee waivers -----------------------------------------------------------------------------


class WaiverFilterSet(WagtailFilterSet):
    event = edition_filter()
    purpose = django_filters.ChoiceFilter(choices=purpose_choices, label=_("For"))

    class Meta:
        model = Waiver
        fields = ["event", "purpose"]


def granted_by(waiver: Waiver) -> str:
    user = waiver.granted_by
    return (user.full_name or user.email) if user else "—"


class WaiverIndexView(ExportIndexView):
    export_values = {
        "event": lambda waiver: waiver.event.name,
        "purpose": lambda waiver: purpose_label(waiver.purpose),
        "granted_by": lambda waiver: granted_by(waiver),
    }

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event", "granted_by")

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if can(self.request.user, ADD_WAIVER):
            buttons.append(
                HeaderButton(_("Waive booth fee"), url=reverse("payments_waive"), icon_name="plus")
            )
        return buttons


class WaiverViewSet(ListOnlyViewSet):
    model = Waiver
    icon = "circle-check"
    menu_label = _("Fee waivers")
    menu_order = 41
    index_view_class = WaiverIndexView
    filterset_class = WaiverFilterSet
    search_fields = ["description", "sponsor", "reason"]
    ordering = ["-granted_at", "-pk"]
    list_display = [
        "description",
        Column("event", label=_("Edition"), sort_key="event__name"),
        MoneyColumn("amount", label=_("Amount waived"), sort_key="amount"),
        Column("sponsor", label=_("Sponsored by"), sort_key="sponsor"),
        Column("reason", label=_("Reason")),
        QuickColumn("granted_by", label=_("Granted by"), accessor=granted_by),
        EventTimeColumn("granted_at", label=_("Granted at"), sort_key="granted_at"),
    ]
    list_export = [
        "event",
        "purpose",
        "description",
        "amount",
        "sponsor",
        "reason",
        "granted_by",
        "granted_at",
    ]
    export_headings = {
        "event": _("Edition"),
        "purpose": _("For"),
        "description": _("Description"),
        "amount": _("Amount waived (Rp)"),
        "sponsor": _("Sponsored by"),
        "reason": _("Reason"),
        "granted_by": _("Granted by"),
        "granted_at": _("Granted at"),
    }
    export_filename = "fee-waivers"


# --- bank accounts ---------------------------------------------------------------------------


class BankAccountFilterSet(WagtailFilterSet):
    event = edition_filter()

    class Meta:
        model = BankAccount
        fields = ["event", "is_active"]


class BankAccountIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event")


class EditView(ScopedObjectMixin, generic.EditView):
    object_action = "change"


class DeleteView(ScopedObjectMixin, generic.DeleteView):
    object_action = "delete"


class BankAccountViewSet(ModelViewSet):
    model = BankAccount
    icon = "home"
    menu_label = _("Bank accounts")
    menu_order = 43
    menu_hook = "register_exhibition_menu_item"
    index_view_class = BankAccountIndexView
    add_view_class = generic.CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    copy_view_enabled = False
    inspect_view_enabled = False
    search_backend_name = None
    index_template_name = "payments/admin/index.html"
    filterset_class = BankAccountFilterSet
    search_fields = ["bank_name", "account_number", "account_holder"]
    ordering = ["event", "sort_order", "pk"]
    list_display = [
        "bank_name",
        Column("account_number", label=_("Account number")),
        Column("account_holder", label=_("Account holder")),
        Column("event", label=_("Edition"), sort_key="event__name"),
        BooleanColumn("is_active", label=_("Shown to payers")),
        Column("sort_order", label=_("Order"), sort_key="sort_order"),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("event"),
            FieldPanel("bank_name"),
            FieldRowPanel([FieldPanel("account_number"), FieldPanel("account_holder")]),
            FieldRowPanel([FieldPanel("is_active"), FieldPanel("sort_order")]),
        ],
        base_form_class=BankAccountForm,
    )
