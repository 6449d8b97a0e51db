"""The figures in the Wagtail admin: ministries' API tokens and a link to the dashboard,
listed in the events room's "Exhibition" menu."""

from wagtail import hooks

from .admin_urls import urlpatterns
from .admin_views import api_tokens_menu_item, figures_menu_item


@hooks.register("register_admin_urls")
def register_dashboards_urls():
    return urlpatterns


hooks.register("register_exhibition_menu_item", api_tokens_menu_item)
hooks.register("register_exhibition_menu_item", figures_menu_item)
