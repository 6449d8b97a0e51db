"""Admin URLs of the payments room beyond its viewsets; registered by
payments/wagtail_hooks.py (register_admin_urls)."""

from django.urls import path

from .admin_views import ReconciliationView, WaiveView

urlpatterns = [
    path("payments/waive/", WaiveView.as_view(), name="payments_waive"),
    path("payments/reconciliation/", ReconciliationView.as_view(), name="payments_reconciliation"),
]
