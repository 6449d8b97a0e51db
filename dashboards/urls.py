"""The figures: the ministry dashboard and its exports under /angka/."""

from django.urls import path

app_name = "dashboards"

urlpatterns: list = []
