"""Writes for businesses, their products, certificates and documents, and applications.

Every function checks that ``actor`` may do it (``accounts.permissions.can``); the
portal views, the association portal, the Wagtail admin and seed code call these and
nothing else. ``actor=None`` is the system itself (seed data, later payments) and skips
the permission check but never the validation.

An application's status changes only here, one function per transition; each locks
the row, checks the status it comes from and the actor, records a
``ApplicationTransition`` and emails the business's managers once the transaction
commits. The status is never taken from user input.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.permissions import can, grants_of
from accounts.selectors import users_with_role
from accounts.services import role_grant, role_revoke
from events.models import Event, Participation
from events.services import guarded_save, object_delete, refuse

from .files import check_upload
from .models import (
    Application,
    ApplicationStatus,
    ApplicationTransition,
    Business,
    Certification,
    Document,
    DocumentAccess,
    DocumentKind,
    Product,
)
from .selectors import business_checklist, quota_use

S = ApplicationStatus


def _require(actor, perm: str, obj=None) -> None:
    if actor is not None and not can(actor, perm, obj):
        refuse()


# Business and its managers ---------------------------------------------------------


def business_register(*, business: Business, actor: User) -> Business:
    """Create the business ``actor`` will manage; an account manages one business."""
    if actor.email_verified_at is None:
        raise ValidationError(_("Confirm your email address before registering a business."))
    if _manages_a_business(actor):
        raise ValidationError(_("This account already manages a business."))
    with transaction.atomic():
        business.full_clean()
        business.save()
        role_grant(user=actor, role=Role.EXHIBITOR, scope=business, granted_by=actor)
    return business


def _manages_a_business(user: User) -> bool:
    return user.role_grants.filter(role=Role.EXHIBITOR).exists()


def _stored_file_name(obj, field: str) -> str:
    stored = type(obj)._default_manager.filter(pk=obj.pk).values_list(field, flat=True).first()
    return stored or ""


def _drop_after_commit(file_field, old_name: str) -> None:
    """Delete a replaced or orphaned public image once the change is committed."""
    if old_name and old_name != file_field.name:
        storage = file_field.storage
        transaction.on_commit(lambda: storage.delete(old_name))


def business_update(*, business: Business, actor) -> Business:
    old_logo = _stored_file_name(business, "logo")
    with transaction.atomic():
        guarded_save(business, actor=actor)
        _drop_after_commit(business.logo, old_logo)
    return business


def business_manager_add(*, business: Business, email: str, actor) -> User:
    """Let another registered account co-manage ``business``."""
    _require(actor, "exhibitors.manage_business_managers", business)
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise ValidationError(
            _("No account uses %(email)s. Ask this person to sign up first, then add them again.")
            % {"email": email.strip()}
        )
    if user.email_verified_at is None:
        raise ValidationError(_("This person has not confirmed their email address yet."))
    if _manages_a_business(user):
        raise ValidationError(_("This account already manages a business."))
    try:
        with transaction.atomic():
            role_grant(user=user, role=Role.EXHIBITOR, scope=business, granted_by=actor)
    except IntegrityError as error:  # a concurrent grant: the constraint has the last word
        raise ValidationError(_("This account already manages a business.")) from error
    return user


def business_manager_remove(*, business: Business, user: User, actor) -> None:
    _require(actor, "exhibitors.manage_business_managers", business)
    with transaction.atomic():
        Business.objects.select_for_update().get(pk=business.pk)
        managers = users_with_role(role=Role.EXHIBITOR, scope=business)
        if not managers.filter(pk=user.pk).exists():
            raise ValidationError(_("This person does not manage the business."))
        if managers.count() == 1:
            raise ValidationError(_("A business keeps at least one manager."))
        role_revoke(user=user, role=Role.EXHIBITOR, scope=business)


# Products, documents, certificates ---------------------------------------------------


def product_save(*, product: Product, actor) -> Product:
    old_photo = _stored_file_name(product, "photo") if product.pk else ""
    with transaction.atomic():
        guarded_save(product, actor=actor)
        _drop_after_commit(product.photo, old_photo)
    return product


def product_delete(*, product: Product, actor) -> None:
    photo = product.photo.name
    with transaction.atomic():
        object_delete(obj=product, actor=actor)
        product.photo.name = ""
        _drop_after_commit(product.photo, photo)


def document_upload(*, business: Business, uploaded, kind: str, actor, title: str = "") -> Document:
    """Store a checked, re-encoded copy of ``uploaded`` as a private document."""
    _require(actor, "exhibitors.change_business", business)
    checked = check_upload(uploaded)
    document = Document(
        business=business,
        kind=kind,
        title=title,
        original_name=checked.original_name[:255],
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor,
    )
    document.full_clean(exclude=["file"])
    content = checked.as_django_file(kind)
    document.file.save(content.name, content, save=False)
    try:
        document.save()
    except BaseException:
        document.file.delete(save=False)
        raise
    return document


def document_delete(*, document: Document, actor) -> None:
    object_delete(obj=document, actor=actor)
    document.file.delete(save=False)


def document_open(*, document: Document, actor, ip_address: str | None = None):
    """Open ``document`` for ``actor``; reads by anyone but its managers are recorded."""
    if not can(actor, "exhibitors.view_document", document):
        raise PermissionDenied(_("You may not open this document."))
    # Only the business's own managers read without a trace; superusers are recorded too.
    if document.business_id not in grants_of(actor).get(Role.EXHIBITOR, ()):
        DocumentAccess.objects.create(document=document, user=actor, ip_address=ip_address)
    return document.file.open("rb")


def certification_add(
    *, certification: Certification, uploaded, actor, title: str = ""
) -> Certification:
    """Record a certificate with its scanned document; nothing is kept if either is bad."""
    _require(actor, "exhibitors.add_certification", certification)
    certification.full_clean(exclude=["document"])
    if uploaded is None:
        raise ValidationError({"document": _("Upload the certificate (PDF, JPEG or PNG).")})
    with transaction.atomic():
        document = document_upload(
            business=certification.business,
            uploaded=uploaded,
            kind=DocumentKind.CERTIFICATE,
            title=title or certification.get_kind_display(),
            actor=actor,
        )
        certification.document = document
        try:
            certification.full_clean()
            certification.save()
        except BaseException:
            document.file.delete(save=False)
            raise
    return certification


def certification_delete(*, certification: Certification, actor) -> None:
    document = certification.document
    with transaction.atomic():
        object_delete(obj=certification, actor=actor)
        if not document.certifications.exists():
            document.delete()
    document.file.delete(save=False)


# Applications ---------------------------------------------------------------------


def registration_problem(event: Event, *, now=None) -> str | None:
    """Why the edition takes no applications right now, or None when it does."""
    now = now or timezone.now()
    opens, closes = event.exhibitor_registration_opens_at, event.exhibitor_registration_closes_at
    if opens and now < opens:
        return _("Exhibitor registration for %(event)s opens on %(date)s.") % {
            "event": event.name,
            "date": timezone.localtime(opens).strftime("%d-%m-%Y %H:%M"),
        }
    if closes and now >= closes:
        return _("Exhibitor registration for %(event)s closed on %(date)s.") % {
            "event": event.name,
            "date": timezone.localtime(closes).strftime("%d-%m-%Y %H:%M"),
        }
    return None


def _check_window(event: Event) -> None:
    problem = registration_problem(event)
    if problem:
        raise ValidationError(problem)


APPLICATION_FIELDS = (
    "association",
    "booth_size",
    "booth_count",
    "preferred_zone",
    "needs_power",
    "power_watts",
    "needs_water",
    "staff_count",
    "notes",
)


def _check_application(application: Application, products) -> None:
    if (
        application.association_id
        and not Participation.objects.filter(
            event_id=application.event_id, association_id=application.association_id
        ).exists()
    ):
        raise ValidationError(
            {"association": _("This association does not take part in this edition.")}
        )
    foreign = [p for p in products if p.business_id != application.business_id]
    if foreign:
        raise ValidationError({"products": _("Choose products of your own business.")})
    if application.needs_power and not application.power_watts:
        raise ValidationError({"power_watts": _("Say how many watts you need.")})


def application_create(
    *, business: Business, event: Event, actor, products: Iterable[Product] = (), **fields
) -> Application:
    application = Application(
        business=business, event=event, created_by=actor, **_only(fields, APPLICATION_FIELDS)
    )
    _require(actor, "exhibitors.add_application", application)
    _check_window(event)
    products = list(products)
    application.full_clean()
    _check_application(application, products)
    with transaction.atomic():
        application.save()
        application.products.set(products)
        _record(application, from_status="", actor=actor)
    return application


def application_update(
    *, application: Application, actor, products: Iterable[Product] | None = None, **fields
) -> Application:
    """Change what is asked for, while the application is still the exhibitor's to edit."""
    _require(actor, "exhibitors.change_application", application)
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if not locked.is_editable:
            raise ValidationError(
                _("This application is %(status)s and can no longer be changed.")
                % {"status": locked.get_status_display().lower()}
            )
        _check_window(locked.event)
        for name, value in _only(fields, APPLICATION_FIELDS).items():
            setattr(locked, name, value)
        products = list(products) if products is not None else list(locked.products.all())
        locked.full_clean()
        _check_application(locked, products)
        locked.save()
        locked.products.set(products)
    return locked


def _only(fields: dict, allowed: Iterable[str]) -> dict:
    unknown = set(fields) - set(allowed)
    if unknown:  # a programming error, never user input: forms pick their fields
        raise TypeError(f"Unknown application fields: {sorted(unknown)}")
    return fields


@dataclass(frozen=True)
class Transition:
    to: str
    perm: str
    sources: tuple[str, ...]
    needs_reason: bool = False


TRANSITIONS = {
    "submit": Transition(S.SUBMITTED, "exhibitors.submit_application", (S.DRAFT, S.RETURNED)),
    "verify": Transition(S.ASSOCIATION_VERIFIED, "exhibitors.verify_application", (S.SUBMITTED,)),
    "return": Transition(
        S.RETURNED, "exhibitors.verify_application", (S.SUBMITTED,), needs_reason=True
    ),
    "approve": Transition(
        S.APPROVED, "exhibitors.decide_application", (S.ASSOCIATION_VERIFIED, S.WAITLISTED)
    ),
    "waitlist": Transition(
        S.WAITLISTED, "exhibitors.decide_application", (S.ASSOCIATION_VERIFIED,)
    ),
    "reject": Transition(
        S.REJECTED,
        "exhibitors.decide_application",
        (S.SUBMITTED, S.ASSOCIATION_VERIFIED, S.WAITLISTED),
        needs_reason=True,
    ),
    "allocate": Transition(S.ALLOCATED, "exhibitors.decide_application", (S.APPROVED,)),
    "confirm": Transition(S.CONFIRMED, "exhibitors.decide_application", (S.APPROVED, S.ALLOCATED)),
    "cancel": Transition(
        S.CANCELLED,
        "exhibitors.decide_application",
        (S.APPROVED, S.ALLOCATED, S.CONFIRMED),
        needs_reason=True,
    ),
    "withdraw": Transition(
        S.WITHDRAWN,
        "exhibitors.withdraw_application",
        (
            S.DRAFT,
            S.SUBMITTED,
            S.RETURNED,
            S.ASSOCIATION_VERIFIED,
            S.APPROVED,
            S.WAITLISTED,
            S.ALLOCATED,
            S.CONFIRMED,
        ),
    ),
}


def _transition(
    application: Application,
    action: str,
    *,
    actor,
    reason: str = "",
    before=None,
) -> Application:
    """Move ``application`` by ``action``; ``before(locked)`` may refuse, or return True
    to record that the change went beyond the association's quota."""
    rule = TRANSITIONS[action]
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update()
            .select_related("event", "business", "association")
            .get(pk=application.pk)
        )
        _require(actor, rule.perm, locked)
        if locked.status not in rule.sources:
            raise ValidationError(
                _("This application is %(status)s; it cannot be %(action)s.")
                % {
                    "status": locked.get_status_display().lower(),
                    "action": S(rule.to).label.lower(),
                }
            )
        if rule.needs_reason and not reason:
            raise ValidationError({"reason": _("Give a reason; the exhibitor will read it.")})
        quota_override = bool(before(locked)) if before is not None else False
        from_status = locked.status
        locked.status = rule.to
        locked.status_changed_at = timezone.now()
        locked.reason = reason
        if rule.to == S.SUBMITTED:
            locked.submitted_at = locked.status_changed_at
        if rule.to == S.APPROVED:
            locked.quota_override = quota_override
        locked.save()
        _record(
            locked, from_status=from_status, actor=actor, reason=reason, override=quota_override
        )
    return locked


def _record(
    application: Application, *, from_status: str, actor, reason: str = "", override=False
) -> ApplicationTransition:
    from .tasks import send_application_status_email, send_new_applicant_email

    transition = ApplicationTransition.objects.create(
        application=application,
        from_status=from_status,
        to_status=application.status,
        actor=actor,
        at=application.status_changed_at,
        reason=reason,
        quota_override=override,
    )
    if from_status:  # creating a draft sends nothing
        transaction.on_commit(lambda: send_application_status_email.delay(transition.pk))
    if application.status == S.SUBMITTED:  # the association vouches next: tell its admins
        transaction.on_commit(lambda: send_new_applicant_email.delay(transition.pk))
    return transition


def application_submit(*, application: Application, actor) -> Application:
    def before(locked: Application):
        _check_window(locked.event)
        missing = [
            item.label
            for item in business_checklist(locked.business)
            if item.blocking and not item.done
        ]
        if missing:
            raise ValidationError(
                _("Complete these first: %(items)s.") % {"items": "; ".join(map(str, missing))}
            )

    return _transition(application, "submit", actor=actor, before=before)


def application_verify(*, application: Application, actor) -> Application:
    return _transition(application, "verify", actor=actor)


def application_return(*, application: Application, actor, reason: str) -> Application:
    return _transition(application, "return", actor=actor, reason=reason)


def application_approve(
    *, application: Application, actor, override_quota: bool = False, reason: str = ""
) -> Application:
    """Approve; beyond the association's quota only with an explicit, reasoned override."""

    def before(locked: Application):
        # Lock the quota row: two organizers approving at once are serialised.
        participation = Participation.objects.select_for_update().get(
            event_id=locked.event_id, association_id=locked.association_id
        )
        used = quota_use(participation)
        if used + locked.booth_count <= participation.booth_quota:
            return False
        if not override_quota:
            raise ValidationError(
                _(
                    "%(association)s has used %(used)s of its %(quota)s booths; approving "
                    "%(count)s more goes beyond its quota. Tick the override and give a "
                    "reason to approve anyway."
                )
                % {
                    "association": locked.association.acronym,
                    "used": used,
                    "quota": participation.booth_quota,
                    "count": locked.booth_count,
                }
            )
        if not reason.strip():
            raise ValidationError(
                {"reason": _("Say why this approval goes beyond the association's quota.")}
            )
        return True

    return _transition(
        application,
        "approve",
        actor=actor,
        reason=reason,
        before=before,
    )


def application_waitlist(*, application: Application, actor, reason: str = "") -> Application:
    return _transition(application, "waitlist", actor=actor, reason=reason)


def application_reject(*, application: Application, actor, reason: str) -> Application:
    return _transition(application, "reject", actor=actor, reason=reason)


def application_allocate(*, application: Application, actor) -> Application:
    return _transition(application, "allocate", actor=actor)


def application_confirm(*, application: Application, actor, reason: str = "") -> Application:
    return _transition(application, "confirm", actor=actor, reason=reason)


def application_cancel(*, application: Application, actor, reason: str) -> Application:
    return _transition(application, "cancel", actor=actor, reason=reason)


def application_withdraw(*, application: Application, actor, reason: str = "") -> Application:
    return _transition(application, "withdraw", actor=actor, reason=reason)


DECISIONS = {
    "approve": application_approve,
    "waitlist": application_waitlist,
    "reject": application_reject,
}


@dataclass(frozen=True)
class BulkResult:
    application: Application
    ok: bool
    message: str = ""


def application_decide_many(
    *, applications: Iterable[Application], decision: str, actor, reason: str = ""
) -> list[BulkResult]:
    """Apply one decision to a selection; each succeeds or fails on its own, with its reason."""
    decide = DECISIONS[decision]
    results = []
    for application in applications:
        try:
            with transaction.atomic():
                decide(application=application, actor=actor, reason=reason)
            results.append(BulkResult(application, True))
        except (ValidationError, PermissionDenied) as error:
            message = "; ".join(getattr(error, "messages", None) or [str(error)])
            results.append(BulkResult(application, False, message))
    return results
