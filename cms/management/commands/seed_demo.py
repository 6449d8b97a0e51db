import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from booths.demo import seed_allocation, seed_booth_fees, seed_floor_plan
from dashboards.demo import seed_api_token
from events.demo import seed_event, seed_users
from events.models import Event
from exhibitors.demo import seed_exhibitors
from matching.demo import seed_matching
from tickets.demo import seed_tickets


class Command(BaseCommand):
    help = "Seed the demo edition (Hari UMKM Nasional 2027, Solo): idempotent and deterministic."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already holds an edition.",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Event.objects.exists():
            self.stdout.write("Demo data already present; nothing to do.")
            return
        started = time.monotonic()
        # The demo's people are made up: whatever the seeding would mail goes nowhere.
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
            transaction.atomic(),
        ):
            event = seed_event()
            users = seed_users(event=event)
            exhibitors = seed_exhibitors(event=event)
            floor_plan = seed_floor_plan(event=event)
            allocation = seed_allocation(event=event)
            fees = seed_booth_fees(event=event)
            passes = seed_tickets(event=event)
            matching = seed_matching(event=event)
            api_token = seed_api_token()
            from cms.demo import build_demo_site

            build_demo_site(event=event)
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {event.name}: {event.participations.count()} associations, "
                f"{event.days.count()} days, {len(users)} demo users "
                f"in {time.monotonic() - started:.1f} s."
            )
        )
        self.stdout.write(f"Exhibitors: {exhibitors}.")
        self.stdout.write(f"Floor plan: {floor_plan}.")
        self.stdout.write(f"Allocation: {allocation}.")
        self.stdout.write(f"Booth fees: {fees}.")
        self.stdout.write(f"Passes: {passes}.")
        self.stdout.write(f"Business matching: {matching}.")
        self.stdout.write(f"Figures: {api_token}.")
