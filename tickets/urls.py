"""Visitors' pages: registration, the waiting list and the pass page."""

from django.urls import path

from . import views

app_name = "tickets"

urlpatterns = [
    path("daftar/", views.register_current, name="register_current"),
    path("<slug:slug>/daftar/", views.register, name="register"),
    path("<slug:slug>/antrean/", views.waitlist, name="waitlist"),
    path("selesai/", views.registered, name="registered"),
    path("selesai/bayar/", views.registration_pay, name="registration_pay"),
    path("p/<str:key>/", views.pass_page, name="pass_page"),
    path("p/<str:key>/pdf/", views.pass_pdf_download, name="pass_pdf"),
    path("sw.js", views.pass_service_worker, name="pass_service_worker"),
    path("manifest.webmanifest", views.pass_manifest, name="pass_manifest"),
]
