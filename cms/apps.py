from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Cms")

    def ready(self):
        from cms.remembered import connect_forgetting

        connect_forgetting()
