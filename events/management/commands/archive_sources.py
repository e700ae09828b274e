from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from events.management.arguments import count
from events.services.archiving import (
    ArchivePolicy,
    Outcome,
    archive_sources,
    sources_to_archive,
)


class Command(BaseCommand):
    help = (
        "Ask the web archive (PEACETRACKER_ARCHIVE_URL) to keep a copy of each source's page "
        "that has none yet, and store the copy's address with the source. Requests are paced "
        "(PEACETRACKER_ARCHIVE_INTERVAL) and retried when the archive is busy or failing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--limit", type=count, metavar="N", help="Ask for at most N sources this run."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List the sources that would be archived; ask the archive nothing.",
        )

    def handle(
        self, *args: Any, limit: int | None, dry_run: bool, verbosity: int, **options: Any
    ) -> None:
        try:
            policy = ArchivePolicy.from_settings()
        except ValueError as error:
            raise CommandError(str(error)) from error
        if dry_run:
            waiting = list(sources_to_archive(limit=limit))
            for source in waiting:
                self.stdout.write(f"Would archive {source.url} (“{source.title}”)")
            self.stdout.write(
                f"Dry run: {len(waiting)} source(s) would be archived; nothing was asked or saved."
            )
            return

        def report(outcome: Outcome) -> None:
            if outcome.copy and verbosity > 0:
                self.stdout.write(f"Archived {outcome.source.url} → {outcome.copy}")
            elif not outcome.copy:
                self.stderr.write(
                    self.style.WARNING(f"Not archived {outcome.source.url}: {outcome.problem}")
                )

        run = archive_sources(limit=limit, policy=policy, report=report)
        if verbosity > 0:
            self.stdout.write(
                f"Archived {len(run.archived)} of {len(run.outcomes)} source(s) asked for."
            )
        if run.stopped:
            raise CommandError(run.stopped)
        if run.failed:
            raise CommandError(f"{len(run.failed)} source(s) could not be archived.")
