from django.core.management.base import BaseCommand, CommandError

from booths.models import Hall
from booths.plan_io import export_hall


class Command(BaseCommand):
    help = "Print a hall's floor plan as JSON (hall, zones, booth types, booths) or CSV (booths)."

    def add_arguments(self, parser):
        parser.add_argument("event", help="The edition's slug.")
        parser.add_argument("hall", help="The hall's code.")
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args, event, hall, format="json", **options):
        found = Hall.objects.filter(event__slug=event, code=hall).first()
        if found is None:
            raise CommandError(f"No hall {hall!r} in the edition {event!r}.")
        self.stdout.write(export_hall(found, format), ending="")
