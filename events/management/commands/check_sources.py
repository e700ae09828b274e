from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from events.management.arguments import count, seconds
from events.models import Source
from events.services.link_checks import LinkCheck, check_sources


class Command(BaseCommand):
    help = (
        "Check each source's address (HEAD, or GET where HEAD is refused) and record what it "
        "answered, so that editors see dead links in the admin. The longest unchecked go first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--limit", type=count, metavar="N", help="Check at most N addresses this run."
        )
        parser.add_argument(
            "--timeout",
            type=seconds,
            metavar="SECONDS",
            help="Wait this long for each address (default PEACETRACKER_LINK_TIMEOUT).",
        )

    def handle(
        self,
        *args: Any,
        limit: int | None,
        timeout: float | None,
        verbosity: int,
        **options: Any,
    ) -> None:
        def report(source: Source, result: LinkCheck) -> None:
            if result.state == Source.LinkState.DEAD:
                self.stdout.write(f"Dead ({result.status}): {source.url}")
            elif result.state == Source.LinkState.UNREACHABLE:
                self.stdout.write(f"Unreachable ({result.error}): {source.url}")
            elif verbosity > 1:
                self.stdout.write(f"OK ({result.status}): {source.url}")

        tally = check_sources(limit=limit, timeout=timeout, report=report)
        State = Source.LinkState
        self.stdout.write(
            f"Checked {tally.total()} address(es): {tally[State.OK]} ok, "
            f"{tally[State.DEAD]} dead, {tally[State.UNREACHABLE]} unreachable."
        )
