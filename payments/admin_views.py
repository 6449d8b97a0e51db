"""The organizer's money screens in the Wagtail admin beyond the plain lists: one payment
with its refunds, log, Stripe events, documents and actions; waiving a booth fee; the
reconciliation of an edition's card payments with Stripe.

Every change goes through payments.services (payment_mark_received, refund_request,
payment_cancel, waiver_grant), which check who may do it; these views read the form,
call the service and report its answer. A refusal changes nothing and keeps what was
typed. A payment or an edition the user may not see reads as absent (404), as elsewhere
in the admin.

The payment viewset (payments/viewsets.py) mounts the payment screen; the others are
registered by payments/wagtail_hooks.py (payments/admin_urls.py, the menu items below).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from accounts.permissions import can, visible
from events.admin_views import (
    EditionMixin,
    PermissionMenuItem,
    error_messages,
    put_on_form,
    report,
    status_badge,
)
from events.models import Event
from events.money import format_rupiah
from events.params import as_id
from events.selectors import zone_label

from . import gateway, services
from .forms import CancelForm, RefundForm, TransferReceivedForm, WaiveForm
from .models import (
    PAID_STATUSES,
    DocumentKind,
    Payment,
    PaymentStatus,
    Provider,
    RefundStatus,
    Waiver,
)
from .purposes import purpose_for, purpose_label

VIEW_PAYMENT = "payments.view_payment"
CHANGE_PAYMENT = "payments.change_payment"
RECEIVE_PAYMENT = "payments.receive_payment"
REFUND_PAYMENT = "payments.refund_payment"
VIEW_REFUND = "payments.view_refund"
VIEW_STRIPE_EVENT = "payments.view_stripeevent"
ADD_WAIVER = "payments.add_waiver"
RECONCILE = "payments.reconcile"

BOOTH_FEE = "booth_fee"  # the booths room's purpose key (booths/payments.py)
# Money that came in, even if it went back since: Stripe still lists the intent as succeeded.
TAKEN_STATUSES = (*PAID_STATUSES, PaymentStatus.REFUNDED)


# --- shared helpers --------------------------------------------------------------------------


def refusal_messages(error: ValidationError | PermissionDenied | gateway.GatewayError) -> list[str]:
    """What a refusal says, Stripe's included: for ``report`` and ``put_on_form``."""
    if isinstance(error, gateway.GatewayError):
        return [
            error.user_message or _("Stripe could not be reached: %(error)s") % {"error": error}
        ]
    return error_messages(error)


def visible_payment(user, pk) -> Payment:
    payment = Payment.objects.select_related("event", "payer", "received_by").filter(pk=pk).first()
    if payment is None or not can(user, VIEW_PAYMENT, payment):
        raise Http404
    return payment


# --- one payment -----------------------------------------------------------------------------

PAYMENT_ACTIONS = ("receive", "refund", "cancel")


class PaymentDetailView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """A payment: what it is for, who pays, its documents, refunds, log and Stripe events,
    and what may be done with it."""

    model = Payment
    any_permission_required = ["view", "change"]
    template_name = "payments/admin/payment_detail.html"
    header_icon = "decimal"
    index_url_name = None

    @cached_property
    def payment(self) -> Payment:
        return visible_payment(self.request.user, self.kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and can(request.user, VIEW_PAYMENT):
            self.payment  # noqa: B018 — 404 before anything renders
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.payment.reference

    def get_page_subtitle(self):
        return self.payment.description

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Payments")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    # What may be done now, and by whom.

    @cached_property
    def refundable_left(self) -> int:
        """What may still be refunded: the refundable amount less refunds under way."""
        pending = self.payment.refunds.filter(status=RefundStatus.PENDING).aggregate(
            total=Sum("amount")
        )["total"]
        return max(self.payment.refundable - (pending or 0), 0)

    def allowed(self, action: str) -> bool:
        payment, user = self.payment, self.request.user
        if action == "receive":
            return (
                payment.provider == Provider.BANK_TRANSFER
                and payment.status == PaymentStatus.PENDING
                and can(user, RECEIVE_PAYMENT, payment)
            )
        if action == "refund":
            return (
                payment.is_paid and self.refundable_left > 0 and can(user, REFUND_PAYMENT, payment)
            )
        if action == "cancel":
            return payment.status == PaymentStatus.PENDING and can(user, CHANGE_PAYMENT, payment)
        return False

    def make_form(self, action: str, data=None):
        if action == "receive":
            return TransferReceivedForm(data, prefix="receive")
        if action == "refund":
            return RefundForm(data, prefix="refund", refundable=self.refundable_left)
        return CancelForm(data, prefix="cancel")

    # Reading.

    def documents(self) -> list[dict]:
        payment = self.payment
        labels = dict(DocumentKind.choices)
        return [
            {
                "document": document,
                "label": labels.get(document.kind, document.kind),
                "url": reverse("payments:document", args=[payment.reference, document.kind]),
            }
            for document in payment.documents.select_related("event").order_by("kind")
        ]

    def get_context_data(self, forms=None, **kwargs):
        context = super().get_context_data(**kwargs)
        payment = self.payment
        user = self.request.user
        event = payment.event
        forms = dict(forms or {})
        actions = {}
        for action in PAYMENT_ACTIONS:
            if self.allowed(action):
                actions[action] = forms.get(action) or self.make_form(action)
        refunds = visible(
            user, VIEW_REFUND, payment.refunds.select_related("requested_by")
        ).order_by("-requested_at", "-pk")
        stripe_events = visible(user, VIEW_STRIPE_EVENT, payment.stripe_events.all()).order_by(
            "-received_at", "-pk"
        )
        context.update(
            payment=payment,
            event=event,
            zone=zone_label(event.time_zone),
            status_badge=status_badge(payment.status, payment.get_status_display()),
            purpose=purpose_label(payment.purpose),
            documents=self.documents(),
            refunds=[
                {
                    "refund": refund,
                    "badge": status_badge(refund.status, refund.get_status_display()),
                }
                for refund in refunds[:100]
            ],
            log=payment.log.select_related("actor").order_by("-at", "-pk")[:200],
            stripe_events=stripe_events[:100],
            refundable_left=self.refundable_left,
            receive_form=actions.get("receive"),
            refund_form=actions.get("refund"),
            cancel_form=actions.get("cancel"),
            may_change=can(user, CHANGE_PAYMENT, payment),
        )
        return context

    # Acting.

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        if action not in PAYMENT_ACTIONS:
            raise Http404
        payment = self.payment
        if not self.allowed(action):
            if not can(request.user, CHANGE_PAYMENT, payment):
                raise PermissionDenied
            messages.error(request, _("This cannot be done to the payment as it stands now."))
            return redirect(self.request.path)
        form = self.make_form(action, request.POST)
        if form.is_valid():
            try:
                done = self.act(action, payment, form.cleaned_data)
            except (ValidationError, PermissionDenied, gateway.GatewayError) as error:
                report(request, error, describe=refusal_messages)
                put_on_form(form, error, describe=refusal_messages)
            else:
                messages.success(request, done)
                return redirect(self.request.path)
        else:
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
        # Stay on the screen with what was typed, the refusal on the field.
        return self.render_to_response(self.get_context_data(forms={action: form}))

    def act(self, action: str, payment: Payment, data: dict) -> str:
        actor = self.request.user
        if action == "receive":
            services.payment_mark_received(
                payment=payment, transfer_date=data["transfer_date"], actor=actor
            )
            return _("The transfer of %(amount)s is recorded: %(reference)s is paid.") % {
                "amount": format_rupiah(payment.amount_due),
                "reference": payment.reference,
            }
        if action == "refund":
            refund = services.refund_request(
                payment=payment, amount=data["amount"], reason=data["reason"], actor=actor
            )
            if refund.status == RefundStatus.SUCCEEDED:
                return _("%(amount)s refunded.") % {"amount": format_rupiah(refund.amount)}
            return _("A refund of %(amount)s is asked; Stripe confirms it shortly.") % {
                "amount": format_rupiah(refund.amount)
            }
        cancelled = services.payment_cancel(payment=payment, actor=actor, reason=data["reason"])
        if cancelled.is_paid:
            return _("Stripe had taken the money meanwhile: the payment is recorded as paid.")
        return _("Payment %(reference)s is cancelled.") % {"reference": payment.reference}


# --- waiving a booth fee ---------------------------------------------------------------------


def waivable_applications(user, event: Event):
    """What the booth fee purpose offers to waive in ``event`` (booths/payments.py)."""
    return purpose_for(BOOTH_FEE).waivable(event, user)


class WaiveView(EditionMixin, WagtailAdminTemplateMixin, FormView):
    """A sponsor carries an application's booth fee: nothing is charged, it is confirmed."""

    template_name = "payments/admin/waive.html"
    form_class = WaiveForm
    page_title = gettext_lazy("Waive booth fee")
    header_icon = "circle-check"

    def edition_allowed(self, event: Event) -> bool:
        return can(self.request.user, ADD_WAIVER, Waiver(event=event))

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("payments_waiver:index"), "label": _("Fee waivers")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        applications = waivable_applications(self.request.user, self.event)
        waiting = Payment.objects.filter(
            purpose=BOOTH_FEE,
            status=PaymentStatus.PENDING,
            subject_id__in=applications.values("pk"),
        ).values_list("subject_id", flat=True)
        kwargs.update(
            applications=applications,
            label=purpose_for(BOOTH_FEE).subject_label,
            waiting_ids=frozenset(waiting),
        )
        return kwargs

    def get_initial(self):
        initial = super().get_initial()
        asked = as_id(self.request.GET.get("application"))
        if asked:
            initial["application"] = asked
        return initial

    def form_invalid(self, form):
        for errors in form.errors.values():
            for message in errors:
                messages.error(self.request, message)
        return super().form_invalid(form)

    def form_valid(self, form):
        data = form.cleaned_data
        application = data["application"]
        try:
            waiver = services.waiver_grant(
                purpose=BOOTH_FEE,
                subject_id=application.pk,
                sponsor=data["sponsor"],
                reason=data["reason"],
                actor=self.request.user,
            )
        except (ValidationError, PermissionDenied, gateway.GatewayError) as error:
            report(self.request, error, describe=refusal_messages)
            put_on_form(form, error, describe=refusal_messages)
            return super().form_invalid(form)
        messages.success(
            self.request,
            _("The booth fee of %(business)s (%(amount)s) is waived, carried by %(sponsor)s.")
            % {
                "business": application.business.display_name,
                "amount": format_rupiah(waiver.amount),
                "sponsor": waiver.sponsor,
            },
        )
        return redirect(reverse("payments_waiver:index") + f"?event={self.event.pk}")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["waivers_url"] = reverse("payments_waiver:index")
        return context


# --- reconciliation with Stripe --------------------------------------------------------------

MAX_LOOKUPS = 25  # recorded payments older than Stripe's list, asked one by one


@dataclass
class Mismatch:
    problem: str
    intent_id: str = ""
    payment: Payment | None = None
    recorded: int | None = None  # rupiah recorded as paid in Pameran
    at_stripe: int | None = None  # rupiah Stripe took


@dataclass
class Totals:
    count: int = 0
    total: int = 0

    def add(self, amount: int) -> None:
        self.count += 1
        self.total += amount


@dataclass
class Reconciliation:
    stripe_enabled: bool
    recorded: Totals
    recorded_refunded: int
    at_stripe: Totals = field(default_factory=Totals)
    matched: Totals = field(default_factory=Totals)
    mismatches: list[Mismatch] = field(default_factory=list)
    unknown: list[Mismatch] = field(default_factory=list)  # at Stripe, no payment anywhere
    error: str = ""
    checked: bool = False  # Stripe answered

    @property
    def balanced(self) -> bool:
        return self.checked and not self.mismatches


def _intent_reference(intent) -> str:
    metadata = getattr(intent, "metadata", None) or {}
    try:
        return metadata.get("pameran_reference", "") or ""
    except AttributeError:
        return ""


def reconcile(event: Event) -> Reconciliation:
    """The edition's card payments recorded as paid, against Stripe's succeeded intents,
    matched by PaymentIntent id (or the reference Pameran put in the intent's metadata)."""
    recorded = list(
        Payment.objects.filter(event=event, provider=Provider.STRIPE, status__in=TAKEN_STATUSES)
        .select_related("event")
        .order_by("succeeded_at", "pk")
    )
    result = Reconciliation(
        stripe_enabled=gateway.enabled(),
        recorded=Totals(len(recorded), sum(p.amount_due for p in recorded)),
        recorded_refunded=sum(p.amount_refunded for p in recorded),
    )
    if not result.stripe_enabled:
        return result
    try:
        intents = gateway.succeeded_intents()
    except gateway.GatewayError as error:
        result.error = str(error)
        return result
    result.checked = True
    ids = [intent.id for intent in intents]
    references = [ref for ref in map(_intent_reference, intents) if ref]
    known = Payment.objects.filter(Q(stripe_payment_intent__in=ids) | Q(reference__in=references))
    by_intent = {p.stripe_payment_intent: p for p in known if p.stripe_payment_intent}
    by_reference = {p.reference: p for p in known}
    seen: set[int] = set()
    for intent in intents:
        payment = by_intent.get(intent.id) or by_reference.get(_intent_reference(intent))
        amount = gateway.to_rupiah(intent.amount)
        if payment is None:
            result.unknown.append(
                Mismatch(_("At Stripe, but no payment in Pameran."), intent.id, at_stripe=amount)
            )
            continue
        if payment.event_id != event.pk:
            continue  # another edition's
        seen.add(payment.pk)
        result.at_stripe.add(amount)
        _compare(result, payment, intent, amount)
    lookups = 0
    for payment in recorded:
        if payment.pk in seen:
            continue
        if not payment.stripe_payment_intent:
            result.mismatches.append(
                Mismatch(
                    _("Recorded as paid, but no PaymentIntent is recorded."),
                    payment=payment,
                    recorded=payment.amount_due,
                )
            )
            continue
        if lookups >= MAX_LOOKUPS:
            result.mismatches.append(
                Mismatch(
                    _("Not among Stripe's latest payments; not checked."),
                    payment.stripe_payment_intent,
                    payment,
                    recorded=payment.amount_due,
                )
            )
            continue
        lookups += 1
        try:
            intent = gateway.intent(payment.stripe_payment_intent)
        except gateway.GatewayError as error:
            result.mismatches.append(
                Mismatch(
                    _("Recorded as paid, but not found at Stripe: %(error)s") % {"error": error},
                    payment.stripe_payment_intent,
                    payment,
                    recorded=payment.amount_due,
                )
            )
            continue
        amount = gateway.to_rupiah(intent.amount)
        if intent.status != "succeeded":
            result.mismatches.append(
                Mismatch(
                    _("Recorded as paid, but at Stripe it is %(status)s.")
                    % {"status": intent.status},
                    intent.id,
                    payment,
                    recorded=payment.amount_due,
                    at_stripe=None,
                )
            )
            continue
        result.at_stripe.add(amount)
        _compare(result, payment, intent, amount)
    return result


def _compare(result: Reconciliation, payment: Payment, intent, amount: int) -> None:
    if payment.status not in TAKEN_STATUSES:
        result.mismatches.append(
            Mismatch(
                _("At Stripe, but recorded as %(status)s.")
                % {"status": payment.get_status_display().lower()},
                intent.id,
                payment,
                at_stripe=amount,
            )
        )
    elif amount != payment.amount_due or intent.currency != gateway.CURRENCY:
        result.mismatches.append(
            Mismatch(
                _("Stripe took another amount."),
                intent.id,
                payment,
                recorded=payment.amount_due,
                at_stripe=amount,
            )
        )
    else:
        result.matched.add(amount)


def money_totals(event: Event) -> dict:
    """Bank transfers received and waiting, and fees waived, for the edition."""
    transfers = Payment.objects.filter(event=event, provider=Provider.BANK_TRANSFER).aggregate(
        received=Count("pk", filter=Q(status__in=TAKEN_STATUSES)),
        received_amount=Sum("amount", filter=Q(status__in=TAKEN_STATUSES)),
        received_codes=Sum("unique_code", filter=Q(status__in=TAKEN_STATUSES)),
        refunded=Sum("amount_refunded", filter=Q(status__in=TAKEN_STATUSES)),
        waiting=Count("pk", filter=Q(status=PaymentStatus.PENDING)),
        waiting_amount=Sum("amount", filter=Q(status=PaymentStatus.PENDING)),
        waiting_codes=Sum("unique_code", filter=Q(status=PaymentStatus.PENDING)),
    )
    waivers = Waiver.objects.filter(event=event).aggregate(count=Count("pk"), total=Sum("amount"))
    return {
        "transfers_received": Totals(
            transfers["received"],
            (transfers["received_amount"] or 0) + (transfers["received_codes"] or 0),
        ),
        "transfers_refunded": transfers["refunded"] or 0,
        "transfers_waiting": Totals(
            transfers["waiting"],
            (transfers["waiting_amount"] or 0) + (transfers["waiting_codes"] or 0),
        ),
        "waivers": Totals(waivers["count"], waivers["total"] or 0),
    }


class ReconciliationView(EditionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Card payments recorded as paid against Stripe; transfers and waivers beside them."""

    edition_perm = RECONCILE
    template_name = "payments/admin/reconciliation.html"
    page_title = gettext_lazy("Reconciliation")
    header_icon = "tasks"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.event
        result = reconcile(event)
        if result.error:
            messages.error(
                self.request,
                _("Stripe could not be asked: %(error)s") % {"error": result.error},
            )
        context.update(
            result=result,
            payment_url_name="payments_payment:inspect",
            **money_totals(event),
        )
        return context


# --- menu ------------------------------------------------------------------------------------


def waive_menu_item() -> MenuItem:
    return PermissionMenuItem(
        gettext_lazy("Waive booth fee"),
        reverse_lazy("payments_waive"),
        name="payments_waive",
        icon_name="circle-check",
        order=42,
        perm=ADD_WAIVER,
    )


def reconciliation_menu_item() -> MenuItem:
    return PermissionMenuItem(
        gettext_lazy("Reconciliation"),
        reverse_lazy("payments_reconciliation"),
        name="payments_reconciliation",
        icon_name="tasks",
        order=44,
        perm=RECONCILE,
    )
