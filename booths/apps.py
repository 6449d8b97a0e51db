from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoothsConfig(AppConfig):
    name = "booths"
    verbose_name = _("Booths")
