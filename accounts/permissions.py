"""The one way to ask "may this user do this to this object".

Every app registers rules for its own nouns in its ``permissions.py`` (loaded by
``AccountsConfig.ready``). A rule answers for a user and an object, and narrows a
queryset to the objects the user may act on. ``can`` and ``visible`` are the only
entry points; the authentication backend routes Django's ``user.has_perm`` (used by
the Wagtail and Django admins) to the same rules, so views, admin and API agree.

Permissions are named like Django's: ``"<app>.<verb>_<model>"`` or a custom verb
such as ``"events.operate_gates"``. A permission without a rule is granted to
superusers only: deny by default.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from .models import Role, RoleGrant

_RULES: dict[str, Rule] = {}


def register(perm: str, rule: Rule) -> None:
    if perm in _RULES:
        raise ValueError(f"A rule for {perm!r} is already registered.")
    _RULES[perm] = rule


def registered_permissions() -> list[str]:
    return sorted(_RULES)


def grants_of(user) -> dict[str, frozenset[int]]:
    """Role → ids of the objects the user holds it over, loaded once per user object."""
    cached = getattr(user, "_pameran_grants", None)
    if cached is None:
        grants: dict[str, set[int]] = {}
        if user.is_authenticated and user.is_active:
            for role, scope_id in RoleGrant.objects.filter(user=user).values_list(
                "role", "scope_id"
            ):
                grants.setdefault(role, set()).add(scope_id)
        cached = {role: frozenset(ids) for role, ids in grants.items()}
        user._pameran_grants = cached
    return cached


def forget_grants(user) -> None:
    if hasattr(user, "_pameran_grants"):
        del user._pameran_grants


def can(user, perm: str, obj=None) -> bool:
    """May ``user`` do ``perm`` (to ``obj``, or to some object when ``obj`` is None)?"""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    rule = _RULES.get(perm)
    return bool(rule and rule.allows(user, obj))


def visible(user, perm: str, queryset: QuerySet) -> QuerySet:
    """The part of ``queryset`` on which ``user`` may do ``perm``."""
    if user is None or not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    rule = _RULES.get(perm)
    return rule.narrow(user, queryset) if rule else queryset.none()


class Rule:
    def allows(self, user, obj) -> bool:
        raise NotImplementedError

    def condition(self, user) -> Q:
        """A filter that keeps the objects on which ``user`` is allowed."""
        raise NotImplementedError

    def narrow(self, user, queryset: QuerySet) -> QuerySet:
        return queryset.filter(self.condition(user)).distinct()


NOTHING = Q(pk__in=[])
EVERYTHING = Q(pk__isnull=False)  # an empty Q() would vanish when OR-ed


@dataclass(frozen=True)
class ScopedRole(Rule):
    """Allowed to holders of a role over the object the ``path`` leads to.

    ``roles`` maps each role to a path from the checked object to the role's scope:
    ``""`` is the object itself, ``"event"`` follows a foreign key, and
    ``"participations__event"`` crosses a reverse relation. With no object the
    question is "in any scope", as a menu or an add button asks it.

    ``where`` narrows a role further with a filter on the checked object, applied in
    the same join as the path (e.g. an association admin sees a business only through
    applications that were submitted, not drafts).
    """

    roles: dict[str, str] = field(default_factory=dict)
    where: dict[str, Q] = field(default_factory=dict)

    def allows(self, user, obj) -> bool:
        grants = grants_of(user)
        for role, path in self.roles.items():
            ids = grants.get(role)
            if not ids:
                continue
            if obj is None:
                return True
            extra = self.where.get(role)
            if extra is None:
                if _scope_ids(obj, path) & ids:
                    return True
            elif obj.pk is not None and (
                type(obj)
                ._default_manager.filter(Q(pk=obj.pk) & self._role_condition(path, ids, extra))
                .exists()
            ):
                return True
        return False

    def condition(self, user) -> Q:
        grants = grants_of(user)
        condition = NOTHING
        for role, path in self.roles.items():
            ids = grants.get(role)
            if ids:
                condition |= self._role_condition(path, ids, self.where.get(role))
        return condition

    @staticmethod
    def _role_condition(path: str, ids, extra: Q | None) -> Q:
        condition = Q(**{f"{path or 'pk'}__in": ids})
        return condition & extra if extra is not None else condition


def _scope_ids(obj, path: str) -> set[int]:
    """The ids of the scope objects that ``path`` leads to from ``obj``.

    Foreign keys are followed on the object itself, so an object not saved yet (an
    add form) is judged by what it points to; a path through a reverse relation
    asks the database.
    """
    if path == "":
        return {obj.pk} if obj.pk is not None else set()
    target = obj
    for step in path.split("__"):
        field = target._meta.get_field(step)
        if not (field.many_to_one or field.one_to_one) or field.auto_created:
            break
        target = getattr(target, step, None)
        if target is None:
            return set()
    else:
        return {target.pk}
    if obj.pk is None:
        return set()
    return set(
        type(obj)._default_manager.filter(pk=obj.pk).values_list(path, flat=True).distinct()
    ) - {None}


@dataclass(frozen=True)
class AnyScope(Rule):
    """Allowed to holders of any of ``roles`` over anything: shared reference data."""

    roles: tuple[str, ...] = ()

    def allows(self, user, obj) -> bool:
        grants = grants_of(user)
        return any(grants.get(role) for role in self.roles)

    def condition(self, user) -> Q:
        return EVERYTHING if self.allows(user, None) else NOTHING


@dataclass(frozen=True)
class Either(Rule):
    rules: tuple[Rule, ...] = ()

    def allows(self, user, obj) -> bool:
        return any(rule.allows(user, obj) for rule in self.rules)

    def condition(self, user) -> Q:
        condition = NOTHING
        for rule in self.rules:
            condition |= rule.condition(user)
        return condition


# Organizers work in the Wagtail admin; other roles have their own portals.
register("wagtailadmin.access_admin", AnyScope(roles=(Role.ORGANIZER,)))
