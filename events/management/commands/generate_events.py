import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from events.synthetic import generate


class Command(BaseCommand):
    help = (
        "Create N synthetic events (with sources, actors and places) for load and scale "
        "work. The same --seed gives the same events."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, required=True, help="How many events.")
        parser.add_argument("--seed", type=int, default=1, help="Seed for the random choices.")

    def handle(self, *args: Any, count: int, seed: int, verbosity: int, **options: Any) -> None:
        if count < 1:
            raise CommandError("--count must be at least 1.")
        began = time.perf_counter()
        try:
            made = generate(count=count, seed=seed)
        except ValueError as error:
            raise CommandError(str(error)) from None
        if verbosity:
            self.stdout.write(
                f"Created {made.events} events ({made.drafts} drafts), {made.sources} sources, "
                f"{made.actors} actors and {made.places} places in "
                f"{time.perf_counter() - began:.1f} s."
            )
