from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.views import robots_txt, sitemap_xml
from payments.views import stripe_webhook

from . import health
from .api import api

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Every language's pages in one sitemap; robots.txt points to it.
    path("sitemap.xml", sitemap_xml, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    # Stripe posts here, whatever the language: outside the language prefixes.
    path("payments/stripe/webhook/", stripe_webhook, name="stripe_webhook"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Indonesian at /, English under /en/.
urlpatterns += i18n_patterns(
    path("akun/", include("accounts.urls")),
    path("", include("exhibitors.urls")),
    path("stan/", include("booths.urls")),
    path("tiket/", include("tickets.urls")),
    path("bayar/", include("payments.urls")),
    path("scan/", include("tickets.scanner_urls")),
    path("temu-bisnis/", include("matching.urls")),
    path("angka/", include("dashboards.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
