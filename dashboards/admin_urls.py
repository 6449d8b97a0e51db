from django.urls import path

from . import admin_views

urlpatterns = [
    path("figures/api-tokens/", admin_views.api_tokens, name="dashboards_api_tokens"),
    path(
        "figures/api-tokens/<int:pk>/revoke/",
        admin_views.api_token_revoke_view,
        name="dashboards_api_token_revoke",
    ),
]
