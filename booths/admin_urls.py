"""Admin URLs of the booths room; registered by booths/wagtail_hooks.py (register_admin_urls)."""

from django.urls import path

from .admin_plan_io import HallExportView, HallImportView
from .admin_proposals import ProposalActionView, ProposalListView, ProposalView
from .admin_views import BoardChangeView, FloorPlanBoardView

urlpatterns = [
    path("booths/board/", FloorPlanBoardView.as_view(), name="booths_board"),
    path("booths/board/change/", BoardChangeView.as_view(), name="booths_board_change"),
    path("booths/halls/import/", HallImportView.as_view(), name="booths_hall_import"),
    path(
        "booths/halls/<int:pk>/export.<str:fmt>",
        HallExportView.as_view(),
        name="booths_hall_export",
    ),
    path("booths/allocation/", ProposalListView.as_view(), name="booths_proposals"),
    path("booths/allocation/<int:pk>/", ProposalView.as_view(), name="booths_proposal"),
    path(
        "booths/allocation/<int:pk>/<str:action>/",
        ProposalActionView.as_view(),
        name="booths_proposal_action",
    ),
]
