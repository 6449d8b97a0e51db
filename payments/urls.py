from django.urls import path

from . import views

app_name = "payments"

urlpatterns = [
    path("mulai/<str:purpose>/<int:subject_id>/", views.start, name="start"),
    path("<str:reference>/", views.pay, name="pay"),
    path("<str:reference>/kartu/", views.card, name="card"),
    path("<str:reference>/batal/", views.cancel, name="cancel"),
    path("<str:reference>/ganti/", views.switch, name="switch"),
    path("<str:reference>/<str:kind>.pdf", views.document, name="document"),
]
