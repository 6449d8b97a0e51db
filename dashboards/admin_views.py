"""API tokens of ministries in the Wagtail admin: list, make (the key shown once), revoke;
and a menu link to the figures dashboard for organizers."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.menu import MenuItem

from accounts.permissions import can
from events.admin_views import PermissionMenuItem
from events.models import Ministry

from .models import ApiToken
from .services import api_token_create, api_token_revoke

MANAGE = "dashboards.add_apitoken"


class ApiTokenForm(forms.Form):
    ministry = forms.ModelChoiceField(
        label=gettext_lazy("Ministry"), queryset=Ministry.objects.order_by("acronym")
    )
    name = forms.CharField(
        label=gettext_lazy("Which system uses it"),
        max_length=150,
        help_text=gettext_lazy("e.g. Kemenkop data warehouse"),
    )
    requests_per_minute = forms.IntegerField(
        label=gettext_lazy("Requests per minute"), min_value=1, max_value=6000, initial=60
    )


def _require_manager(request):
    if not can(request.user, MANAGE):
        raise PermissionDenied


def api_tokens(request):
    _require_manager(request)
    form = ApiTokenForm(request.POST or None)
    created_key = None
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            created, created_key = api_token_create(
                ministry=form.cleaned_data["ministry"],
                name=form.cleaned_data["name"],
                requests_per_minute=form.cleaned_data["requests_per_minute"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            form = ApiTokenForm()
    tokens = ApiToken.objects.select_related("ministry", "created_by").order_by(
        "revoked_at", "ministry__acronym", "-created_at"
    )
    return TemplateResponse(
        request,
        "dashboards/admin/api_tokens.html",
        {
            "page_title": _("API tokens for ministries"),
            "header_icon": "key",
            "form": form,
            "tokens": tokens,
            "created": created,
            "created_key": created_key,
        },
    )


@require_POST
def api_token_revoke_view(request, pk: int):
    _require_manager(request)
    token = get_object_or_404(ApiToken, pk=pk)
    api_token_revoke(token=token, actor=request.user)
    messages.success(request, _("The token %(name)s is revoked.") % {"name": token})
    return redirect("dashboards_api_tokens")


def api_tokens_menu_item() -> MenuItem:
    return PermissionMenuItem(
        gettext_lazy("API tokens"),
        reverse_lazy("dashboards_api_tokens"),
        name="dashboards_api_tokens",
        icon_name="key",
        order=60,
        perm=MANAGE,
    )


def figures_menu_item() -> MenuItem:
    return PermissionMenuItem(
        gettext_lazy("Deal figures"),
        reverse_lazy("dashboards:home"),
        name="dashboards_figures",
        icon_name="table",
        order=59,
        perm="dashboards.view_figures",
    )
