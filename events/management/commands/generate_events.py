import sys
import time
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from events.synthetic import generate

BAR_WIDTH = 30


class ProgressBar:
    """One line per stage, redrawn in place on a terminal; elsewhere (a log, CI) a line at
    each tenth, so a long run shows it is alive without filling the log."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.live = stream.isatty()
        self.began = time.perf_counter()
        self.stage: str | None = None
        self.tenth = -1

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            if self.stage is not None and self.live:
                self.stream.write("\n")
            self.stage, self.tenth = stage, -1
        share = done / total if total else 1.0
        tenth = int(share * 10)
        if not self.live and tenth == self.tenth:
            return
        self.tenth = tenth
        filled = int(share * BAR_WIDTH)
        line = (
            f"{stage:<17} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {share:6.1%} "
            f"{done:>11,}/{total:,}  {time.perf_counter() - self.began:6.1f} s"
        )
        self.stream.write(f"\r{line}" if self.live else f"{line}\n")
        self.stream.flush()

    def close(self) -> None:
        if self.stage is not None and self.live:
            self.stream.write("\n")


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
        # The bar goes to standard error: standard output stays the one summary line.
        bar = ProgressBar(sys.stderr) if verbosity else None
        try:
            made = generate(count=count, seed=seed, progress=bar or (lambda *_: None))
        except ValueError as error:
            raise CommandError(str(error)) from None
        finally:
            if bar is not None:
                bar.close()
        if verbosity:
            self.stdout.write(
                f"Created {made.events} events ({made.drafts} drafts), {made.sources} sources, "
                f"{made.actors} actors and {made.places} places in "
                f"{time.perf_counter() - began:.1f} s."
            )
