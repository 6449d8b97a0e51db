"""The exhibitor portal, the association portal and private document downloads."""

from django.urls import include, path

app_name = "exhibitors"

urlpatterns = [
    path("portal/", include("exhibitors.urls.portal")),
    path("asosiasi/", include("exhibitors.urls.association")),
    path("dokumen/", include("exhibitors.urls.documents")),
]
