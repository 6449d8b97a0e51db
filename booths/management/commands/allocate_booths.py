from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from booths.services import allocation_propose, proposal_publish
from events.models import Event


class Command(BaseCommand):
    help = "Run the booth allocator for an edition; with --publish, apply its proposal at once."

    def add_arguments(self, parser):
        parser.add_argument("event", help="The edition's slug.")
        parser.add_argument("--publish", action="store_true", help="Publish the proposal.")

    def handle(self, *args, event, publish=False, **options):
        edition = Event.objects.filter(slug=event).first()
        if edition is None:
            raise CommandError(f"No edition with the slug {event!r}.")
        proposal = allocation_propose(event=edition, actor=None)
        missing = sum(proposal.unplaced.values())
        self.stdout.write(
            f"Proposal {proposal.pk}: {proposal.placed} booths placed, {missing} still wanted, "
            f"objective {proposal.cost}."
        )
        if publish:
            try:
                created = proposal_publish(proposal=proposal, actor=None)
            except ValidationError as error:
                raise CommandError("; ".join(error.messages)) from error
            self.stdout.write(self.style.SUCCESS(f"Published: {len(created)} booths allocated."))
