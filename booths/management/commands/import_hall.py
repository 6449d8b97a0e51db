from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from booths.plan_io import import_hall
from events.models import Event


class Command(BaseCommand):
    help = (
        "Import a hall's floor plan: a JSON file (hall, zones, booth types, booths) or a CSV "
        "file of booths for an existing hall (--hall). All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("event", help="The edition's slug.")
        parser.add_argument("file", help="A .json or .csv file.")
        parser.add_argument(
            "--hall",
            help="The hall's code: required for CSV; for JSON it replaces the file's code.",
        )

    def handle(self, *args, event, file, hall=None, **options):
        edition = Event.objects.filter(slug=event).first()
        if edition is None:
            raise CommandError(f"No edition with the slug {event!r}.")
        path = Path(file)
        fmt = path.suffix.lower().lstrip(".")
        if fmt not in ("json", "csv"):
            raise CommandError(f"Cannot tell the format of {file!r}: name it .json or .csv.")
        try:
            data = path.read_bytes().decode("utf-8-sig")
        except OSError as error:
            raise CommandError(f"Cannot read {file!r}: {error.strerror}.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{file!r} is not UTF-8 text; save it as UTF-8.") from None
        try:
            result = import_hall(event=edition, data=data, fmt=fmt, actor=None, hall_code=hall)
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Hall {result.hall.code}: {len(result.created)} booths created, "
                f"{len(result.updated)} updated, {len(result.deleted)} deleted."
            )
        )
