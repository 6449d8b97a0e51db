"""The events room in the Wagtail admin: one "Exhibition" menu for editions and their quotas."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from accounts.policies import RolePermissionPolicy

from .models import Association, Event, Ministry, Participation, Programme, Venue

# Policies first: Wagtail resolves a model's policy when its viewset registers.
for _model in (Event, Venue, Association, Participation, Ministry, Programme):
    register_permission_policy(_model, RolePermissionPolicy(_model))


@hooks.register("register_admin_viewset")
def register_exhibition_viewsets():
    from .viewsets import ExhibitionViewSetGroup

    return ExhibitionViewSetGroup()
