"""Business matching for buyers and exhibitors under /temu-bisnis/."""

from django.urls import path

app_name = "matching"

urlpatterns: list = []
