from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from events.services.backup import export_data


class Command(BaseCommand):
    help = "Write the whole database as JSON (to a file, or to standard output)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", type=Path, help="Where to write (default: stdout).")

    def handle(self, *args: Any, file: Path | None, **options: Any) -> None:
        if file is None:
            export_data(self.stdout._out)  # the raw stream: dumpdata writes JSON in pieces
            return
        with file.open("w", encoding="utf-8") as out:
            export_data(out)
        self.stderr.write(f"Wrote {file}.")
