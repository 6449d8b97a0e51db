"""The organizer's application queue in the Wagtail admin.

Applications are created by exhibitors and move only through decisions, so the
viewset offers a queue and a review screen, and no add, edit, copy or delete screens.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet

from accounts.permissions import can

from .admin_views import ApplicationIndexView, ApplicationReviewView, status_badge
from .filters import SEARCH_FIELDS, ApplicationFilterSet
from .models import Application


class QuickColumn(Column):
    """A column whose cells are built in Python rather than from a template each.

    Fifty rows of ten template-rendered cells cost more than the queue's queries; these
    cells are plain text or a badge, so ``format_html`` does the same job for much less.
    """

    def cell_html(self, instance):
        value = self.get_value(instance)
        return "" if value is None else value

    def render_cell_html(self, instance, parent_context):
        if self.classname:
            return format_html('<td class="{}">{}</td>', self.classname, self.cell_html(instance))
        return format_html("<td>{}</td>", self.cell_html(instance))


class StatusColumn(QuickColumn):
    def cell_html(self, application):
        return status_badge(application)


class CertificatesColumn(QuickColumn):
    """How many certificates the business holds, flagged when one has expired."""

    def cell_html(self, application):
        if not application.has_expired_certificate:
            return application.certificate_count
        return format_html(
            '{} <span class="pameran-flag pameran-flag--critical" data-expired>{}</span>',
            application.certificate_count,
            _("expired"),
        )


class EventTimeColumn(QuickColumn):
    """A moment shown in the edition's own time zone (WIB, WITA or WIT)."""

    def cell_html(self, application):
        moment = self.get_value(application)
        if moment is None:
            return ""
        local = timezone.localtime(moment, ZoneInfo(application.event.time_zone))
        return local.strftime("%d-%m-%Y %H:%M")


class ApplicationURLFinder(ModelAdminURLFinder):
    """Links to an application from elsewhere in the admin open its review screen."""

    def get_edit_url(self, instance):
        if self.user and not can(self.user, "exhibitors.decide_application", instance):
            return None
        return self.construct_edit_url(instance)


class ApplicationViewSet(ModelViewSet):
    model = Application
    icon = "form"
    menu_label = _("Applications")
    menu_order = 2  # right after the editions, in the Exhibition group
    menu_hook = "register_exhibition_menu_item"  # events.viewsets.ExhibitionViewSetGroup
    index_view_class = ApplicationIndexView
    review_view_class = ApplicationReviewView
    index_template_name = "exhibitors/admin/index.html"
    index_results_template_name = "exhibitors/admin/index_results.html"
    filterset_class = ApplicationFilterSet
    search_fields = SEARCH_FIELDS
    search_backend_name = None  # the database, not Wagtail search: Application is not indexed
    ordering = ["-status_changed_at", "-pk"]  # the newest change first
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = False

    @cached_property
    def list_display(self):
        review = self.get_url_name("review")
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="application"),
            TitleColumn(
                "business",
                label=_("Business"),
                accessor="business.display_name",
                url_name=review,
                get_title_id=lambda application: f"application_{application.pk}_title",
                sort_key="business__legal_name",
                classname="pameran-queue-business",
            ),
            QuickColumn(
                "association",
                label=_("Association"),
                accessor="association.acronym",
                sort_key="association__acronym",
            ),
            QuickColumn(
                "sector",
                label=_("Sector"),
                accessor="business.get_sector_display",
                sort_key="business__sector",
            ),
            QuickColumn(
                "province",
                label=_("Province"),
                accessor="business.get_province_display",
                sort_key="business__province",
            ),
            QuickColumn(
                "scale",
                label=_("Scale"),
                accessor="business.get_scale_display",
                sort_key="business__scale",
            ),
            QuickColumn("booth_count", label=_("Booths"), sort_key="booth_count"),
            StatusColumn("status", label=_("Status"), sort_key="status"),
            CertificatesColumn(
                "certificate_count", label=_("Certificates"), sort_key="certificate_count"
            ),
            EventTimeColumn("submitted_at", label=_("Submitted"), sort_key="submitted_at"),
        ]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        # No add, edit, delete, history or usage screens: no buttons pointing at them.
        for name in (
            "add_url_name",
            "edit_url_name",
            "delete_url_name",
            "history_url_name",
            "usage_url_name",
        ):
            view_kwargs[name] = None
        view_kwargs["review_url_name"] = self.get_url_name("review")
        return view_kwargs

    @property
    def url_finder_class(self):
        return type(
            "ApplicationURLFinder",
            (ApplicationURLFinder,),
            {"edit_url_name": self.get_url_name("review")},
        )

    @property
    def review_view(self):
        return self.construct_view(self.review_view_class)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.review_view, name="review"),
        ]
