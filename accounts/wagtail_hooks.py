"""People in the Wagtail admin: our User on Wagtail's Users screens, and role grants."""

from django.apps import apps
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import RoleGrant
from .policies import RolePermissionPolicy

register_permission_policy(RoleGrant, RolePermissionPolicy(RoleGrant))

# Wagtail builds its Users screens from the ``user_viewset`` named on the wagtailusers
# app config, when the admin's URLs are first built, after every wagtail_hooks module
# is imported. Naming ours here swaps in forms for email, full name and phone. (The
# settings-level equivalent is an app config subclass in INSTALLED_APPS.)
apps.get_app_config("wagtailusers").user_viewset = "accounts.viewsets.UserViewSet"


@hooks.register("register_admin_viewset")
def register_role_grant_viewset():
    from .viewsets import RoleGrantViewSet

    return RoleGrantViewSet("accounts_rolegrant", url_prefix="role-grants")
