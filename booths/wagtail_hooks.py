"""The booths room in the Wagtail admin: the floor plan (halls, zones, booth types,
booths), listed in the events room's "Exhibition" menu (each viewset's ``menu_hook``)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from accounts.policies import RolePermissionPolicy

from .models import Booth, BoothType, Hall, Zone

# Policies first: Wagtail resolves a model's policy when its viewset registers.
for _model in (Hall, Zone, BoothType, Booth):
    register_permission_policy(_model, RolePermissionPolicy(_model))

from .viewsets import BoothTypeViewSet, BoothViewSet, HallViewSet, ZoneViewSet  # noqa: E402

floor_plan_viewsets = (
    HallViewSet("booths_hall", url_prefix="exhibition/halls"),
    ZoneViewSet("booths_zone", url_prefix="exhibition/zones"),
    BoothTypeViewSet("booths_boothtype", url_prefix="exhibition/booth-types"),
    BoothViewSet("booths_booth", url_prefix="exhibition/booths"),
)


@hooks.register("register_admin_viewset")
def register_floor_plan_viewsets():
    return list(floor_plan_viewsets)


# The organizer's board: the floor plan of each hall, coloured by status or association.
from .admin_proposals import desk_menu_item  # noqa: E402
from .admin_urls import urlpatterns as board_urlpatterns  # noqa: E402
from .admin_views import board_menu_item  # noqa: E402


@hooks.register("register_admin_urls")
def register_board_urls():
    return board_urlpatterns


hooks.register("register_exhibition_menu_item", board_menu_item)
hooks.register("register_exhibition_menu_item", desk_menu_item)


# Self-selection windows: when an edition's approved exhibitors pick their own booths.
from .models import SelectionWindow  # noqa: E402

register_permission_policy(SelectionWindow, RolePermissionPolicy(SelectionWindow))

from .viewsets import SelectionWindowViewSet  # noqa: E402

selection_window_viewset = SelectionWindowViewSet(
    "booths_selectionwindow", url_prefix="exhibition/self-selection"
)


@hooks.register("register_admin_viewset")
def register_selection_window_viewset():
    return selection_window_viewset


# Reports: fill rates, quota use, unplaced applications, the printable plan and CSVs.
from .admin_reports import reports_menu_item  # noqa: E402
from .admin_reports import urlpatterns as report_urlpatterns  # noqa: E402


@hooks.register("register_admin_urls")
def register_report_urls():
    return report_urlpatterns


hooks.register("register_exhibition_menu_item", reports_menu_item)
