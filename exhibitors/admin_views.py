"""The organizer's review of applications in the Wagtail admin: the queue, one review
screen per application, and decisions on a selection of the queue.

Every decision goes through ``exhibitors.services``, which checks the actor and the
status, records the transition and mails the exhibitor; these views collect the input
and show the service's answer. A refusal changes nothing and keeps what was typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import Promise, cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail.admin.views import generic
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from events.models import EventStatus

from . import services
from .filters import ApplicationFilterSet, decided_events, search_applications
from .models import Application, DocumentAccess
from .selectors import application_detail, quota_lines, review_queue

DECIDE = "exhibitors.decide_application"


def decision_queue(user):
    """The review queue narrowed to the applications ``user`` decides.

    ``review_queue`` lists what the user may *see*; someone who runs one edition and
    also manages a business must not find that business's applications here.
    """
    return review_queue(user, perm=DECIDE)


def status_badge(application: Application):
    """The status as a coloured badge (styles in templates/exhibitors/admin/styles.html)."""
    return format_html(
        '<span class="pameran-status pameran-status--{status}" data-status="{status}">'
        "{label}</span>",
        status=application.status,
        label=application.get_status_display(),
    )


def lead_edition(user):
    """The edition whose quotas the queue shows when none is chosen."""
    events = decided_events(user)
    return events.filter(status=EventStatus.PUBLISHED).first() or events.first()


# --- the queue ---------------------------------------------------------------------------


class ApplicationIndexView(generic.IndexView):
    # Only deciders get the queue (and its menu item): viewers such as exhibitors and
    # association admins have their own portals.
    any_permission_required = ["decide"]
    review_url_name = None

    def get_base_queryset(self):
        return decision_queue(self.request.user)

    def search_queryset(self, queryset):
        return search_applications(queryset, self.search_query)

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        ordering = queryset.query.order_by
        if "-pk" in ordering or "pk" in ordering:
            return queryset
        # Ties (same sector, same association …) keep one order from page to page.
        return queryset.order_by(*ordering, "-pk")

    def get_review_url(self, instance):
        return reverse(self.review_url_name, args=[instance.pk])

    @cached_property
    def quota_event(self):
        if self.filters and self.filters.is_valid():
            chosen = self.filters.form.cleaned_data.get("event")
            if chosen:
                return chosen
        return lead_edition(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["quota_event"] = self.quota_event
        lines = quota_lines(self.quota_event) if self.quota_event else []
        context["quota_rows"] = [
            {"line": line, "over_by": max(line.used - line.quota, 0)} for line in lines
        ]
        context["quota_totals"] = {
            "quota": sum(line.quota for line in lines),
            "used": sum(line.used for line in lines),
            "waiting": sum(line.applied for line in lines),
            "over": sum(1 for line in lines if line.over),
        }
        return context


# --- one application ---------------------------------------------------------------------


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,  # the service decides when a reason is needed, and says so
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ApproveForm(DecisionForm):
    override_quota = forms.BooleanField(
        label=_("Approve beyond the association's quota"), required=False
    )
    field_order = ["override_quota", "reason"]


@dataclass(frozen=True)
class Decision:
    action: str  # a key of services.TRANSITIONS
    label: str | Promise
    help_text: str | Promise
    form_class: type[DecisionForm] = DecisionForm
    button_class: str = ""

    @property
    def needs_reason(self) -> bool:
        return services.TRANSITIONS[self.action].needs_reason

    def allowed_from(self, status: str) -> bool:
        return status in services.TRANSITIONS[self.action].sources

    def form(self, data=None) -> DecisionForm:
        form = self.form_class(data, prefix=self.action)
        form.fields["reason"].help_text = self.help_text
        if self.needs_reason:
            form.fields["reason"].widget.attrs["required"] = True
        return form

    def run(self, *, application, actor, cleaned_data) -> Application:
        call = getattr(services, f"application_{self.action}")
        extra = {}
        if "override_quota" in cleaned_data:
            extra["override_quota"] = cleaned_data["override_quota"]
        return call(application=application, actor=actor, reason=cleaned_data["reason"], **extra)


DECISIONS = {
    decision.action: decision
    for decision in (
        Decision(
            "approve",
            _("Approve"),
            _("Needed only to approve beyond the quota. The exhibitor reads it."),
            form_class=ApproveForm,
        ),
        Decision(
            "waitlist",
            _("Waitlist"),
            _("Optional. The exhibitor reads it."),
            button_class="button-secondary",
        ),
        Decision(
            "reject",
            _("Reject"),
            _("Required. The exhibitor reads it."),
            button_class="no",
        ),
        Decision(
            "cancel",
            _("Cancel the application"),
            _("Required. The exhibitor reads it."),
            button_class="no",
        ),
    )
}


def add_validation_error(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def document_reads(application: Application):
    """Who opened the business's documents, newest first."""
    return (
        DocumentAccess.objects.filter(document__business_id=application.business_id)
        .select_related("user", "document")
        .order_by("-at")[:100]
    )


class ApplicationReviewView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Everything an organizer weighs for one application, and the decisions open to it."""

    model = Application
    any_permission_required = ["decide"]
    template_name = "exhibitors/admin/review.html"
    header_icon = "form"
    index_url_name = None
    review_url_name = None

    @cached_property
    def application(self) -> Application:
        application = application_detail(self.kwargs["pk"], self.request.user)
        # Seen but not decided by this user (another edition's) reads as absent.
        if application is None or not self.permission_policy.user_has_permission_for_instance(
            self.request.user, "decide", application
        ):
            raise Http404
        return application

    def get_page_title(self):
        return self.application.business.display_name

    def get_page_subtitle(self):
        return self.application.event.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Applications")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, bound_forms=None, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.application
        bound_forms = bound_forms or {}
        context["application"] = application
        context["status_badge"] = status_badge(application)
        context["business"] = application.business
        context["decisions"] = [
            {"decision": decision, "form": bound_forms.get(action) or decision.form()}
            for action, decision in DECISIONS.items()
            if decision.allowed_from(application.status)
        ]
        context["quota_line"] = next(
            iter(quota_lines(application.event, associations=[application.association_id])),
            None,
        )
        context["document_reads"] = document_reads(application)
        context["chosen_product_ids"] = {p.pk for p in application.products.all()}
        return context

    def post(self, request, *args, **kwargs):
        decision = DECISIONS.get(request.POST.get("action", ""))
        if decision is None:
            raise Http404
        form = decision.form(request.POST)
        if form.is_valid():
            try:
                application = decision.run(
                    application=self.application,
                    actor=request.user,
                    cleaned_data=form.cleaned_data,
                )
            except ValidationError as error:
                add_validation_error(form, error)
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(
                    request,
                    _("%(business)s: %(status)s.")
                    % {
                        "business": application.business.display_name,
                        "status": application.get_status_display(),
                    },
                )
                return redirect(self.review_url_name, application.pk)
        context = self.get_context_data(bound_forms={decision.action: form})
        return self.render_to_response(context)


# --- decisions on a selection ----------------------------------------------------------------


class BulkDecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        help_text=_("The same reason goes to every selected exhibitor."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ApplicationBulkDecision(PermissionCheckedMixin, BulkAction):
    """One decision for the selected applications; each one succeeds or fails alone."""

    models = [Application]
    any_permission_required = ["decide"]
    form_class = BulkDecisionForm
    template_name = "exhibitors/admin/bulk_decide.html"
    decision = ""  # a key of services.DECISIONS
    results: Sequence[services.BulkResult] = ()

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if services.TRANSITIONS[self.decision].needs_reason:
            form.fields["reason"].required = True
        return form

    def get_queryset(self, model, object_ids):
        if not isinstance(object_ids, list):  # "all in listing": already a queryset of ids
            chosen = decision_queue(self.request.user).filter(pk__in=object_ids)
        else:
            ids = [pk for pk in object_ids if str(pk).isdigit()]
            chosen = decision_queue(self.request.user).filter(pk__in=ids)
        applications = list(chosen)
        if not applications:
            raise Http404
        return applications

    def get_all_objects_in_listing_query(self, parent_id):
        """The whole filtered queue, as the index showed it."""
        queue = ApplicationFilterSet(
            self.request.GET, queryset=decision_queue(self.request.user), request=self.request
        ).qs
        return search_applications(queue, self.request.GET.get("q", "")).values("pk")

    def object_context(self, obj):
        return {"item": obj, "status_badge": status_badge(obj)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["decision_label"] = self.display_name
        return context

    def get_execution_context(self):
        return {"actor": self.request.user, "reason": self.cleaned_form.cleaned_data["reason"]}

    # An instance method on purpose: the results are reported after the action runs.
    def execute_action(self, objects, *, actor, reason):
        self.results = services.application_decide_many(
            applications=objects, decision=self.decision, actor=actor, reason=reason
        )
        return sum(result.ok for result in self.results), 0

    def success_message(self, count: int) -> str:
        raise NotImplementedError

    def get_success_message(self, num_parent_objects, num_child_objects):
        return self.success_message(num_parent_objects) if num_parent_objects else None

    def form_valid(self, form):
        response = super().form_valid(form)
        for result in self.results:
            if not result.ok:
                messages.error(
                    self.request,
                    _("%(business)s was not changed: %(reason)s")
                    % {
                        "business": result.application.business.display_name,
                        "reason": result.message,
                    },
                )
        return response


class BulkApprove(ApplicationBulkDecision):
    decision = action_type = "approve"
    display_name = _("Approve")
    aria_label = _("Approve the selected applications")
    action_priority = 10

    def success_message(self, count):
        return ngettext(
            "%(count)d application approved.", "%(count)d applications approved.", count
        ) % {"count": count}


class BulkWaitlist(ApplicationBulkDecision):
    decision = action_type = "waitlist"
    display_name = _("Waitlist")
    aria_label = _("Waitlist the selected applications")
    action_priority = 20

    def success_message(self, count):
        return ngettext(
            "%(count)d application waitlisted.", "%(count)d applications waitlisted.", count
        ) % {"count": count}


class BulkReject(ApplicationBulkDecision):
    decision = action_type = "reject"
    display_name = _("Reject")
    aria_label = _("Reject the selected applications")
    action_priority = 30

    def success_message(self, count):
        return ngettext(
            "%(count)d application rejected.", "%(count)d applications rejected.", count
        ) % {"count": count}


BULK_DECISIONS = (BulkApprove, BulkWaitlist, BulkReject)
