"""The exhibitor portal: a business's profile, products, certificates, documents, co-managers
and its applications to editions.

Views stay thin: they read through ``exhibitors.selectors``, write through
``exhibitors.services`` and ask ``accounts.permissions`` before showing anything. An
account manages one business, so every page works on ``business_of(request.user)``; objects
of other businesses are simply not found (404). A service's ValidationError comes back as
errors on the same bound form, so nothing the exhibitor typed is lost.
"""

from __future__ import annotations

from datetime import timedelta
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Role
from accounts.permissions import can, visible
from accounts.selectors import users_with_role
from events.models import Event

from .. import services
from ..forms import (
    ApplicationForm,
    BusinessForm,
    CertificationForm,
    DocumentForm,
    ManagerAddForm,
    ProductForm,
    WithdrawForm,
)
from ..models import Application, ApplicationStatus, Certification, Document, Product
from ..selectors import (
    application_detail,
    applications_of,
    business_checklist,
    business_of,
    expired_certifications,
    open_editions,
)

S = ApplicationStatus
# Where the exhibitor fixes each checklist item (keys of ``business_checklist``).
CHECKLIST_LINKS = {
    "profile": "exhibitors:business_edit",
    "nib_document": "exhibitors:documents",
    "products": "exhibitors:product_create",
    "food_permit": "exhibitors:certifications",
    "certificates_valid": "exhibitors:certifications",
    "logo": "exhibitors:business_edit",
}
# Certificates expiring within this many days are flagged before they expire.
EXPIRY_WARNING_DAYS = 60


# --- helpers ---------------------------------------------------------------------------------


def business_required(view):
    """Log in, and manage a business: the view gets it as ``request.business``."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        business = business_of(request.user)
        if business is None:
            messages.info(request, _("Register your business first."))
            return redirect("exhibitors:business_create")
        if not can(request.user, "exhibitors.view_business", business):
            raise PermissionDenied
        request.business = business
        return view(request, *args, **kwargs)

    return wrapper


def add_service_error(form, error: ValidationError, *, field: str | None = None) -> None:
    """Show a service's refusal on the bound form: per field where the form has the field,
    else on ``field`` (e.g. the upload an unnamed error is about), else above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(field if field in form.fields else None, error.error_list)


def _portal(request, template: str, context: dict, *, section: str, status: int = 200):
    context = {"business": getattr(request, "business", None), "section": section, **context}
    return render(request, f"exhibitors/portal/{template}", context, status=status)


def _confirm(request, *, title, question, action_label, cancel_url, section, danger=True):
    return _portal(
        request,
        "confirm.html",
        {
            "title": title,
            "question": question,
            "action_label": action_label,
            "cancel_url": cancel_url,
            "danger": danger,
        },
        section=section,
    )


# --- home ------------------------------------------------------------------------------------


@login_required
def home(request):
    business = business_of(request.user)
    if business is None:
        return _portal(request, "welcome.html", {}, section="home")
    request.business = business
    checklist = [
        {"item": item, "url_name": CHECKLIST_LINKS.get(item.key)}
        for item in business_checklist(business)
    ]
    applications = list(applications_of(business))
    applied = {a.event_id for a in applications if not a.is_closed}
    editions = [event for event in open_editions() if event.pk not in applied]
    return _portal(
        request,
        "home.html",
        {
            "checklist": checklist,
            "missing": [entry for entry in checklist if not entry["item"].done],
            "blocking_missing": any(not e["item"].done and e["item"].blocking for e in checklist),
            "expired": expired_certifications(business),
            "applications": applications,
            "editions": editions,
        },
        section="home",
    )


# --- business profile and managers -----------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def business_create(request):
    if business_of(request.user) is not None:
        messages.info(request, _("This account already manages a business."))
        return redirect("exhibitors:business_edit")
    form = BusinessForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            business = services.business_register(business=form.instance, actor=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(business)s is registered. Next: add your products and documents.")
                % {"business": business.display_name},
            )
            return redirect("exhibitors:home")
    return _portal(
        request, "business_form.html", {"form": form, "creating": True}, section="profile"
    )


@business_required
@require_http_methods(["GET", "POST"])
def business_edit(request):
    business = request.business
    logo_url = business.logo.url if business.logo else ""  # before the form changes the instance
    form = BusinessForm(request.POST or None, request.FILES or None, instance=business)
    if request.method == "POST" and form.is_valid():
        try:
            business = services.business_update(business=form.instance, actor=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The business profile is saved."))
            return redirect("exhibitors:business_edit")
    return _portal(
        request,
        "business_form.html",
        {"form": form, "creating": False, "current_logo_url": logo_url},
        section="profile",
    )


def _managers_of(business):
    return users_with_role(role=Role.EXHIBITOR, scope=business).order_by("full_name", "email")


@business_required
@require_http_methods(["GET", "POST"])
def managers(request):
    business = request.business
    form = ManagerAddForm(request.POST or None)
    may_manage = can(request.user, "exhibitors.manage_business_managers", business)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.business_manager_add(
                business=business, email=form.cleaned_data["email"], actor=request.user
            )
        except ValidationError as error:
            add_service_error(form, error, field="email")
        else:
            messages.success(
                request,
                _("%(name)s now co-manages %(business)s.")
                % {"name": user, "business": business.display_name},
            )
            return redirect("exhibitors:managers")
    return _portal(
        request,
        "managers.html",
        {"form": form, "managers": _managers_of(business), "may_manage": may_manage},
        section="managers",
    )


@business_required
@require_http_methods(["GET", "POST"])
def manager_remove(request, user_id: int):
    business = request.business
    user = get_object_or_404(_managers_of(business), pk=user_id)
    if request.method == "POST":
        try:
            services.business_manager_remove(business=business, user=user, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("exhibitors:managers")
        if user == request.user:
            messages.success(
                request,
                _("You no longer manage %(business)s.") % {"business": business.display_name},
            )
            return redirect("exhibitors:home")
        messages.success(
            request,
            _("%(name)s no longer manages %(business)s.")
            % {"name": user, "business": business.display_name},
        )
        return redirect("exhibitors:managers")
    if user == request.user:
        question = _(
            "Stop managing %(business)s yourself? You will no longer see its profile and "
            "applications."
        ) % {"business": business.display_name}
    else:
        question = _("Remove %(name)s (%(email)s) as a manager of %(business)s?") % {
            "name": user,
            "email": user.email,
            "business": business.display_name,
        }
    return _confirm(
        request,
        title=_("Remove a manager"),
        question=question,
        action_label=_("Remove"),
        cancel_url="exhibitors:managers",
        section="managers",
    )


# --- products --------------------------------------------------------------------------------


def _own_product(request, pk: int, perm: str) -> Product:
    products = Product.objects.filter(business=request.business)
    return get_object_or_404(visible(request.user, perm, products), pk=pk)


@business_required
def products(request):
    items = visible(
        request.user,
        "exhibitors.view_product",
        Product.objects.filter(business=request.business).order_by("name"),
    )
    return _portal(request, "products.html", {"products": items}, section="products")


@business_required
@require_http_methods(["GET", "POST"])
def product_create(request):
    return _product_form(request, Product(business=request.business))


@business_required
@require_http_methods(["GET", "POST"])
def product_edit(request, pk: int):
    return _product_form(request, _own_product(request, pk, "exhibitors.change_product"))


def _product_form(request, product: Product):
    creating = product.pk is None
    photo_url = product.photo.url if product.photo else ""  # before the form changes the instance
    form = ProductForm(request.POST or None, request.FILES or None, instance=product)
    if request.method == "POST" and form.is_valid():
        try:
            product = services.product_save(product=form.instance, actor=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                (_("%(product)s is added.") if creating else _("%(product)s is saved."))
                % {"product": product.name},
            )
            return redirect("exhibitors:products")
    return _portal(
        request,
        "product_form.html",
        {"form": form, "creating": creating, "product": product, "current_photo_url": photo_url},
        section="products",
    )


@business_required
@require_http_methods(["GET", "POST"])
def product_delete(request, pk: int):
    product = _own_product(request, pk, "exhibitors.delete_product")
    if request.method == "POST":
        services.product_delete(product=product, actor=request.user)
        messages.success(request, _("%(product)s is deleted.") % {"product": product.name})
        return redirect("exhibitors:products")
    return _confirm(
        request,
        title=_("Delete a product"),
        question=_("Delete %(product)s? Applications will no longer show it.")
        % {"product": product.name},
        action_label=_("Delete"),
        cancel_url="exhibitors:products",
        section="products",
    )


# --- certificates and documents --------------------------------------------------------------


@business_required
@require_http_methods(["GET", "POST"])
def certifications(request):
    business = request.business
    form = CertificationForm(
        request.POST or None, request.FILES or None, instance=Certification(business=business)
    )
    if request.method == "POST" and form.is_valid():
        try:
            certification = services.certification_add(
                certification=form.instance,
                uploaded=form.cleaned_data["document"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error, field="document")
        else:
            messages.success(
                request, _("%(certificate)s is recorded.") % {"certificate": certification}
            )
            return redirect("exhibitors:certifications")
    today = timezone.localdate()
    soon = today + timedelta(days=EXPIRY_WARNING_DAYS)
    items = visible(
        request.user,
        "exhibitors.view_certification",
        Certification.objects.filter(business=business).select_related("document"),
    ).order_by("kind", "expires_on")
    rows = [
        {
            "certification": c,
            "expired": c.is_expired(today),
            "expires_soon": not c.is_expired(today) and c.expires_on and c.expires_on <= soon,
        }
        for c in items
    ]
    return _portal(
        request,
        "certifications.html",
        {"form": form, "rows": rows, "open_form": request.method == "POST" or not rows},
        section="certifications",
    )


@business_required
@require_http_methods(["GET", "POST"])
def certification_delete(request, pk: int):
    certifications = Certification.objects.filter(business=request.business)
    certification = get_object_or_404(
        visible(request.user, "exhibitors.delete_certification", certifications), pk=pk
    )
    if request.method == "POST":
        services.certification_delete(certification=certification, actor=request.user)
        messages.success(request, _("%(certificate)s is deleted.") % {"certificate": certification})
        return redirect("exhibitors:certifications")
    return _confirm(
        request,
        title=_("Delete a certificate"),
        question=_("Delete %(certificate)s and its uploaded document?")
        % {"certificate": certification},
        action_label=_("Delete"),
        cancel_url="exhibitors:certifications",
        section="certifications",
    )


@business_required
@require_http_methods(["GET", "POST"])
def documents(request):
    business = request.business
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.document_upload(
                business=business,
                uploaded=data["file"],
                kind=data["kind"],
                title=data["title"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error, field="file")
        else:
            messages.success(request, _("%(document)s is uploaded.") % {"document": document})
            return redirect("exhibitors:documents")
    items = (
        visible(
            request.user, "exhibitors.view_document", Document.objects.filter(business=business)
        )
        .annotate(certification_count=Count("certifications"))
        .order_by("-uploaded_at")
    )
    return _portal(
        request, "documents.html", {"form": form, "documents": items}, section="documents"
    )


@business_required
@require_http_methods(["GET", "POST"])
def document_delete(request, pk: int):
    documents = Document.objects.filter(business=request.business)
    document = get_object_or_404(
        visible(request.user, "exhibitors.delete_document", documents), pk=pk
    )
    if document.certifications.exists():
        messages.error(
            request,
            _("This file belongs to a certificate; delete the certificate on its page instead."),
        )
        return redirect("exhibitors:documents")
    if request.method == "POST":
        services.document_delete(document=document, actor=request.user)
        messages.success(request, _("%(document)s is deleted.") % {"document": document})
        return redirect("exhibitors:documents")
    return _confirm(
        request,
        title=_("Delete a document"),
        question=_("Delete %(document)s (%(file)s)?")
        % {"document": document, "file": document.original_name},
        action_label=_("Delete"),
        cancel_url="exhibitors:documents",
        section="documents",
    )


# --- applications ----------------------------------------------------------------------------

# Who moves an application into each status, named by role: the exhibitor sees which
# side acted, not the personal names of the organizer's or the association's staff.
_BY_ASSOCIATION = gettext_lazy("Association")
_BY_ORGANIZER = gettext_lazy("Organizer")
_ROLE_OF_PERM = {
    "exhibitors.verify_application": _BY_ASSOCIATION,
    "exhibitors.decide_application": _BY_ORGANIZER,
}
ACTOR_ROLE_BY_STATUS = {
    rule.to: _ROLE_OF_PERM[rule.perm]
    for rule in services.TRANSITIONS.values()
    if rule.perm in _ROLE_OF_PERM
}


def _own_application(request, pk: int) -> Application:
    application = application_detail(pk, request.user)
    if application is None or application.business_id != request.business.pk:
        raise Http404
    return application


def _closed_page(request, event: Event, problem: str):
    return _portal(
        request,
        "application_closed.html",
        {"event": event, "problem": problem},
        section="home",
    )


@business_required
@require_http_methods(["GET", "POST"])
def application_create(request, event_slug: str):
    business = request.business
    event = get_object_or_404(Event.objects.select_related("venue"), slug=event_slug)
    problem = services.registration_problem(event)
    if problem:
        return _closed_page(request, event, problem)
    existing = (
        Application.objects.filter(business=business, event=event)
        .exclude(status__in=[S.REJECTED, S.WITHDRAWN, S.CANCELLED])
        .first()
    )
    if existing is not None:
        messages.info(request, _("Your business already has an application to this edition."))
        return redirect("exhibitors:application", existing.pk)
    form = ApplicationForm(
        request.POST or None,
        business=business,
        event=event,
        instance=Application(business=business, event=event),
    )
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_create(
                business=business,
                event=event,
                actor=request.user,
                products=form.cleaned_data["products"],
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Your application is saved as a draft. Check it, then submit it."),
            )
            return redirect("exhibitors:application", application.pk)
    return _portal(
        request,
        "application_form.html",
        {
            "form": form,
            "event": event,
            "creating": True,
            "has_products": business.products.exists(),
        },
        section="home",
    )


@business_required
@require_http_methods(["GET", "POST"])
def application_edit(request, pk: int):
    application = _own_application(request, pk)
    if not application.is_editable or not can(
        request.user, "exhibitors.change_application", application
    ):
        messages.error(
            request,
            _("This application is %(status)s and can no longer be changed.")
            % {"status": application.get_status_display().lower()},
        )
        return redirect("exhibitors:application", application.pk)
    problem = services.registration_problem(application.event)
    if problem:
        return _closed_page(request, application.event, problem)
    form = ApplicationForm(
        request.POST or None,
        business=request.business,
        event=application.event,
        instance=application,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.application_update(
                application=application,
                actor=request.user,
                products=form.cleaned_data["products"],
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("exhibitors:application", application.pk)
    return _portal(
        request,
        "application_form.html",
        {
            "form": form,
            "event": application.event,
            "application": application,
            "creating": False,
            "has_products": request.business.products.exists(),
        },
        section="home",
    )


def _history(application: Application, user) -> list[dict]:
    rows = []
    for transition in application.transitions.all():
        role = ACTOR_ROLE_BY_STATUS.get(transition.to_status)
        if role is not None:
            who = role
        elif transition.actor is None:
            who = _("System")
        elif transition.actor_id == user.pk:
            who = _("You")
        else:
            who = str(transition.actor)  # a co-manager of the same business
        rows.append({"transition": transition, "who": who})
    return rows


@business_required
def application(request, pk: int):
    application = _own_application(request, pk)
    user = request.user
    status = application.status
    may_submit = status in services.TRANSITIONS["submit"].sources and can(
        user, "exhibitors.submit_application", application
    )
    problem = services.registration_problem(application.event)
    context = {
        "application": application,
        "event": application.event,
        "history": _history(application, user),
        "may_edit": application.is_editable
        and not problem
        and can(user, "exhibitors.change_application", application),
        "may_submit": may_submit,
        "may_withdraw": status in services.TRANSITIONS["withdraw"].sources
        and can(user, "exhibitors.withdraw_application", application),
        "registration_problem": problem,
        "missing": [
            item for item in business_checklist(request.business) if item.blocking and not item.done
        ]
        if may_submit
        else [],
        "checklist_links": CHECKLIST_LINKS,
    }
    return _portal(request, "application.html", context, section="home")


@business_required
@require_POST
def application_submit(request, pk: int):
    application = _own_application(request, pk)
    try:
        services.application_submit(application=application, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _(
                "Your application is submitted. %(association)s checks it first; we email you "
                "every change."
            )
            % {"association": application.association.acronym},
        )
    return redirect("exhibitors:application", application.pk)


@business_required
@require_http_methods(["GET", "POST"])
def application_withdraw(request, pk: int):
    application = _own_application(request, pk)
    if application.status not in services.TRANSITIONS["withdraw"].sources:
        messages.error(
            request,
            _("This application is %(status)s; it cannot be withdrawn.")
            % {"status": application.get_status_display().lower()},
        )
        return redirect("exhibitors:application", application.pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_withdraw(
                application=application, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your application is withdrawn."))
            return redirect("exhibitors:application", application.pk)
    return _portal(
        request,
        "application_withdraw.html",
        {"form": form, "application": application, "event": application.event},
        section="home",
    )
