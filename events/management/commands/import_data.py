from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from events.services.backup import NotEmpty, import_data


class Command(BaseCommand):
    help = "Load a file written by export_data into an empty database (all of it, or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        if not file.is_file():
            raise CommandError(f"{file}: no such file.")
        try:
            import_data(file)
        except NotEmpty as error:
            raise CommandError(str(error)) from None
        except Exception as error:  # a broken file: loaddata's own message, nothing loaded
            raise CommandError(f"{file}: not loaded, nothing written ({error}).") from None
        self.stdout.write(f"Loaded {file}.")
