"""The association portal, under /asosiasi/."""

from django.urls import path

from ..views import association

urlpatterns = [
    path("", association.home, name="association_home"),
    path("pendaftaran/<int:pk>/", association.application, name="association_application"),
    path("ekspor.csv", association.export, name="association_export"),
]
