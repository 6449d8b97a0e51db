"""Admin URLs of the booths room; registered by booths/wagtail_hooks.py (register_admin_urls)."""

from django.urls import path

from .admin_views import FloorPlanBoardView

urlpatterns = [
    path("booths/board/", FloorPlanBoardView.as_view(), name="booths_board"),
]
