"""Wagtail permission policies that ask ``accounts.permissions`` and nothing else.

Wagtail's admin asks a permission policy "may this user add/change/delete/view this
model, this instance, and which instances". ``RolePermissionPolicy`` answers every
such question with ``can`` and ``visible``, so the admin, the portals and the API
share one set of rules (each app's ``permissions.py``).

Register it for a model at the top of the app's ``wagtail_hooks.py``::

    register_permission_policy(Event, RolePermissionPolicy(Event))

and mix ``ScopedIndexMixin`` / ``ScopedObjectMixin`` into the viewset's views so
list screens show only what the user may see and object screens refuse the rest.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from wagtail.permission_policies import ModelPermissionPolicy

from .permissions import can, visible


class RolePermissionPolicy(ModelPermissionPolicy):
    """A ``ModelPermissionPolicy`` whose answers come from the role rules."""

    def perm(self, action: str) -> str:
        """``"add"`` → ``"events.add_participation"``."""
        return self._get_permission_name(action)

    def user_has_permission(self, user, action):
        return can(user, self.perm(action))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return can(user, self.perm(action), instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance) for action in actions
        )

    def instances_user_has_any_permission_for(self, user, actions):
        manager = self.model._default_manager
        matching = manager.none()
        for action in actions:
            matching = matching | visible(user, self.perm(action), manager.all())
        # A subquery on primary keys, so callers can still order, annotate and filter.
        return manager.filter(pk__in=matching.values("pk"))


# Actions that make an object show in a list (and open its read-only screens).
SEE_ACTIONS = ("view", "change")


class ScopedIndexMixin:
    """An index view that lists only the objects the user may view or change."""

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        policy = self.permission_policy
        if not isinstance(policy, RolePermissionPolicy):
            return queryset
        allowed = policy.instances_user_has_any_permission_for(self.request.user, SEE_ACTIONS)
        return queryset.filter(pk__in=allowed.values("pk"))


class ScopedObjectMixin:
    """An object view (edit, delete, history, usage) that checks the rule for *this* object.

    An object the user may not even see answers 404, so ids of other editions do
    not leak; one they see but may not act on answers 403.
    """

    #: The action this view performs on its object; ``None`` means "see it".
    object_action: str | None = None

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        policy = self.permission_policy
        if not isinstance(policy, RolePermissionPolicy):
            return obj
        user = self.request.user
        if not policy.user_has_any_permission_for_instance(user, SEE_ACTIONS, obj):
            raise Http404
        if self.object_action and not policy.user_has_permission_for_instance(
            user, self.object_action, obj
        ):
            raise PermissionDenied
        return obj
