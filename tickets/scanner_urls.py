"""The gate scanner (a PWA) at /scan/: the page, its service worker and its manifest."""

from django.urls import path

from . import scanner_views

app_name = "scanner"

urlpatterns = [
    path("", scanner_views.scanner, name="scanner"),
    path("sw.js", scanner_views.service_worker, name="service_worker"),
    path("manifest.webmanifest", scanner_views.manifest, name="manifest"),
]
