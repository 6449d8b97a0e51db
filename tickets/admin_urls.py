"""Admin URLs of the tickets room beyond its viewsets; registered by tickets/wagtail_hooks.py
(register_admin_urls)."""

from django.urls import path

from .admin_views import (
    BadgeDownloadView,
    BadgeSheetsView,
    LiveFiguresView,
    PassSecurityView,
    RetireKeysView,
)

urlpatterns = [
    path("tickets/live/", LiveFiguresView.as_view(), name="tickets_live"),
    path("tickets/badges/", BadgeSheetsView.as_view(), name="tickets_badges"),
    path(
        "tickets/badges/<int:pk>/download/",
        BadgeDownloadView.as_view(),
        name="tickets_badge_download",
    ),
    path("tickets/security/", PassSecurityView.as_view(), name="tickets_security"),
    path("tickets/security/retire/", RetireKeysView.as_view(), name="tickets_security_retire"),
]
