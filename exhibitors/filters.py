"""Filters of the organizer's application queue in the Wagtail admin."""

from __future__ import annotations

import re

import django_filters
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from accounts.permissions import visible
from events.models import Association, Event
from events.regions import Province

from .models import Application, ApplicationStatus, Scale, Sector

# The queue's search box: a business by its names or its NIB.
SEARCH_FIELDS = ["business__legal_name", "business__brand_name", "business__nib"]


def search_applications(queryset, query: str):
    query = (query or "").strip()
    if not query:
        return queryset
    condition = Q()
    for field in SEARCH_FIELDS:
        condition |= Q(**{f"{field}__icontains": query})
    digits = re.sub(r"[\s.-]", "", query)
    if digits.isdigit():  # a NIB typed in groups: 9120 0000 0000 1
        condition |= Q(business__nib__contains=digits)
    return queryset.filter(condition)


class CertificateState(models.TextChoices):
    NONE = "none", _("None")
    PRESENT = "present", _("Present")
    EXPIRED = "expired", _("Some expired")


def decided_events(user):
    """The editions ``user`` runs: the ones whose applications they decide."""
    return visible(user, "events.change_event", Event.objects.all()).order_by("-year", "name")


def _events(request):
    return decided_events(request.user) if request else Event.objects.none()


def _associations(request):
    if request is None:
        return Association.objects.none()
    return Association.objects.filter(
        participations__event__in=decided_events(request.user)
    ).distinct()


class ApplicationFilterSet(WagtailFilterSet):
    """Works on ``selectors.review_queue``, whose rows carry the certificate annotations."""

    event = django_filters.ModelChoiceFilter(queryset=_events, label=_("Edition"))
    association = django_filters.ModelChoiceFilter(queryset=_associations, label=_("Association"))
    sector = django_filters.ChoiceFilter(
        field_name="business__sector", choices=Sector.choices, label=_("Sector")
    )
    province = django_filters.ChoiceFilter(
        field_name="business__province", choices=Province.choices, label=_("Province")
    )
    scale = django_filters.ChoiceFilter(
        field_name="business__scale", choices=Scale.choices, label=_("Scale")
    )
    status = django_filters.ChoiceFilter(choices=ApplicationStatus.choices, label=_("Status"))
    certificates = django_filters.ChoiceFilter(
        choices=CertificateState.choices, method="filter_certificates", label=_("Certificates")
    )

    class Meta:
        model = Application
        fields = ["event", "association", "sector", "province", "scale", "status"]

    def filter_certificates(self, queryset, name, value):
        if value == CertificateState.NONE:
            return queryset.filter(certificate_count=0)
        if value == CertificateState.PRESENT:
            return queryset.filter(certificate_count__gt=0)
        if value == CertificateState.EXPIRED:
            return queryset.filter(has_expired_certificate=True)
        return queryset
