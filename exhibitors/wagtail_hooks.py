"""The exhibitors room in the Wagtail admin: the organizer's application queue, review
screen and decisions on a selection, listed in the events room's "Exhibition" menu
(``ApplicationViewSet.menu_hook``)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from accounts.policies import RolePermissionPolicy

from .models import Application

# Policies first: Wagtail resolves a model's policy when its viewset registers.
register_permission_policy(Application, RolePermissionPolicy(Application))

from .admin_views import BULK_DECISIONS  # noqa: E402 — needs the policy above
from .viewsets import ApplicationViewSet  # noqa: E402

application_viewset = ApplicationViewSet("applications", url_prefix="exhibitors/applications")


@hooks.register("register_admin_viewset")
def register_application_viewset():
    return application_viewset


for _bulk_action in BULK_DECISIONS:
    hooks.register("register_bulk_action", _bulk_action)
