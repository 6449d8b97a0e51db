from django.urls import path

from . import views

app_name = "booths"

urlpatterns = [
    path("pilih/<int:pk>/", views.picker, name="picker"),
    path("pilih/<int:pk>/tahan/", views.hold, name="hold"),
    path("pilih/<int:pk>/lepas/<int:allocation_pk>/", views.release, name="release"),
]
