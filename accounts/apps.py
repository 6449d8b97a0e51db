from importlib import import_module

from django.apps import AppConfig, apps
from django.conf import settings
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # Each app's permissions.py registers its rules once every model is loaded.
        for name in settings.DOMAIN_APPS:
            config = apps.get_app_config(name)
            if name != "accounts" and module_has_submodule(config.module, "permissions"):
                import_module(f"{name}.permissions")
