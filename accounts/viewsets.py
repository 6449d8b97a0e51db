"""Admin screens for people: Wagtail's Users for our User model, and role grants."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.users.views import users as wagtail_users

from .forms import PameranUserCreationForm, PameranUserEditForm, RoleGrantForm
from .models import RoleGrant
from .permissions import forget_grants
from .policies import ScopedIndexMixin, ScopedObjectMixin
from .services import role_revoke

# --- Users ------------------------------------------------------------------------------


class UserIndexView(wagtail_users.IndexView):
    @cached_property
    def columns(self):
        columns = super().columns
        for column in columns:
            if column.name == "email":
                column.label = _("Email")
        return columns

    @cached_property
    def search_fields(self):
        return ["email", "full_name", "phone"]

    def order_queryset(self, queryset):
        if self.ordering in ("name", "-name"):
            return queryset.order_by(self.ordering.replace("name", "full_name"))
        return super().order_queryset(queryset)


class UserViewSet(wagtail_users.UserViewSet):
    """Wagtail's Users admin with email, full name and phone instead of username and names."""

    index_view_class = UserIndexView
    create_template_name = "accounts/users/create.html"
    edit_template_name = "accounts/users/edit.html"

    def get_form_class(self, for_update=False):
        return PameranUserEditForm if for_update else PameranUserCreationForm


# --- Role grants ---------------------------------------------------------------------------


class RoleGrantIndexView(ScopedIndexMixin, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "granted_by", "scope_type")

    def get_edit_url(self, instance):
        return None  # a grant is not edited: revoke it and grant anew


class RoleGrantCreateView(generic.CreateView):
    success_message = _("Role granted: %(object)s.")

    def save_instance(self):
        grant = self.form.save()  # accounts.services.role_grant
        log(instance=grant, action="wagtail.create", user=self.request.user, content_changed=True)
        return grant

    def get_success_buttons(self):
        return []


class RoleGrantEditView(generic.EditView):
    def dispatch(self, request, *args, **kwargs):
        raise Http404


class RoleGrantDeleteView(ScopedObjectMixin, generic.DeleteView):
    object_action = "delete"
    success_message = _("Role revoked: %(object)s.")

    def delete_action(self):
        grant = self.object
        with transaction.atomic():
            log(instance=grant, action="wagtail.delete", user=self.request.user, deleted=True)
            if grant.scope is not None:
                role_revoke(user=grant.user, role=grant.role, scope=grant.scope)
            else:  # the object it was held over is gone
                grant.delete()
                forget_grants(grant.user)


class RoleGrantViewSet(ModelViewSet):
    model = RoleGrant
    icon = "key"
    menu_label = _("Role grants")
    add_to_settings_menu = True
    menu_order = 610
    index_view_class = RoleGrantIndexView
    add_view_class = RoleGrantCreateView
    edit_view_class = RoleGrantEditView
    delete_view_class = RoleGrantDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    create_template_name = "accounts/rolegrant/create.html"
    list_display = [
        "user",
        "role",
        Column("scope", label=_("Over")),
        "granted_by",
        DateColumn("granted_at", label=_("Granted at"), sort_key="granted_at"),
    ]
    list_filter = ["role"]
    search_fields = ["user__email", "user__full_name"]
    ordering = ["role", "user__full_name"]
    list_per_page = 50

    def get_form_class(self, for_update=False):
        return RoleGrantForm
