"""Private documents of businesses, under /dokumen/."""

from django.urls import path

from ..views import documents

urlpatterns = [
    path("<int:pk>/", documents.document, name="document"),
]
