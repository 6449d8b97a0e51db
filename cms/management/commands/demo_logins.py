from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from dashboards.demo import DEMO_API_KEY
from events.demo import DEMO_PASSWORD, DEMO_USERS
from events.models import Event
from matching.demo import MATCHING_DEMO_USERS


def edition_slug() -> str:
    event = Event.objects.order_by("-year", "-pk").first()
    return event.slug if event else "hari-umkm-nasional-2027"


class Command(BaseCommand):
    help = "Print the URLs of the running demo and the login of each role."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="http://127.0.0.1:8000")

    def handle(self, *args, base_url, **options):
        out = self.stdout.write
        out("")
        out("Pameran demo")
        out(f"  Site (Indonesian)  {base_url}/")
        out(f"  Site (English)     {base_url}/en/")
        out(f"  Admin (Wagtail)    {base_url}/admin/")
        out(f"  Health             {base_url}/healthz  {base_url}/readyz")
        out(f"  Deal figures       {base_url}/angka/  (ministry readers, organizers)")
        out(f"  Figures API        {base_url}/api/v1/docs")
        out("")
        out(f"Demo logins (password for all: {DEMO_PASSWORD})")
        for demo in [*DEMO_USERS, *MATCHING_DEMO_USERS]:
            role = demo.role.label if demo.role else _("Superuser")
            out(f"  {str(role):<20} {demo.email}")
        out("")
        out("Figures API (demo token of Kementerian UMKM)")
        out(
            f'  curl -H "Authorization: Bearer {DEMO_API_KEY}" '
            f'"{base_url}/api/v1/figures/summary?edition={edition_slug()}"'
        )
        out("")
