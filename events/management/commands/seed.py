from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from events.services.seeds import SeedError, load_seeds


class Command(BaseCommand):
    help = "Load the curated seed events in seeds/ (idempotent: existing rows are left alone)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--directory",
            type=Path,
            default=settings.BASE_DIR / "seeds",
            help="Folder holding timeline.json and the articles it cites (default: seeds/).",
        )

    def handle(self, *args: Any, directory: Path, verbosity: int, **options: Any) -> None:
        try:
            report = load_seeds(directory=directory)
        except SeedError as error:
            raise CommandError(f"{error} Nothing was written.") from None
        if verbosity:
            self.stdout.write(self.style.SUCCESS(str(report)))
