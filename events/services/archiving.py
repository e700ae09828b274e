"""Archived copies of sources: a web archive is asked to keep each source's page, and the
address of its copy is stored with the source, for the day the page is gone.

The archive answers like the Wayback Machine's "Save Page Now": `GET {archive}/save/{url}`
answers with the copy's address in `Content-Location`, or redirects to it (`Location`), an
address under `{archive}/web/`. The archive limits how often it is asked: requests are paced,
a busy (429) or failing (5xx, no answer) archive is asked again after a growing pause, a
bounded number of times, and a run stops when the archive keeps refusing or cannot be reached.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Self
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet

from events import outbound
from events.models import LINK_STATES, Source

# The longest pause taken between attempts, whatever the archive asks (Retry-After): a run
# is watched by someone, or by a scheduler with its own limits.
LONGEST_PAUSE = 600.0
# Past this many attempts a page is not worth asking for again in one run.
MOST_ATTEMPTS = 20


@dataclass(frozen=True)
class ArchivePolicy:
    """Where the archive is and how it may be asked."""

    archive: str
    interval: float  # seconds between requests, at least
    attempts: int  # requests for one page, at most
    timeout: float  # seconds to wait for one answer

    def __post_init__(self) -> None:
        parts = urlsplit(self.archive)
        if parts.scheme not in outbound.WEB_SCHEMES or not parts.hostname:
            raise ValueError(f"The archive's address “{self.archive}” is not an http(s) address.")
        if not 1 <= self.attempts <= MOST_ATTEMPTS:
            raise ValueError(
                f"A page is asked for at least once and at most {MOST_ATTEMPTS} times, "
                f"not {self.attempts}."
            )
        if self.interval < 0 or self.timeout <= 0:
            raise ValueError("The interval cannot be negative, nor the timeout zero.")

    @classmethod
    def from_settings(cls) -> Self:
        return cls(
            archive=settings.PEACETRACKER_ARCHIVE_URL,
            interval=settings.PEACETRACKER_ARCHIVE_INTERVAL,
            attempts=settings.PEACETRACKER_ARCHIVE_ATTEMPTS,
            timeout=settings.PEACETRACKER_ARCHIVE_TIMEOUT,
        )

    def save_address(self, url: str) -> str:
        return f"{self.archive.rstrip('/')}/save/{outbound.sendable(url)}"

    def copy_address(self, location: str) -> str | None:
        """The archived copy's address from a header's value, if it names one: under this
        archive's /web/ (not a login page or an error page it redirects to)."""
        address = urljoin(self.archive.rstrip("/") + "/", location.strip())
        parts, archive = urlsplit(address), urlsplit(self.archive)
        if parts.netloc.lower() != archive.netloc.lower() or parts.scheme not in {
            "http",
            "https",
        }:
            return None
        prefix = archive.path.rstrip("/") + "/web/"
        if not parts.path.startswith(prefix) or len(parts.path) == len(prefix):
            return None
        if len(address) > Source._meta.get_field("archive_url").max_length:
            return None
        return address


@dataclass(frozen=True)
class Outcome:
    """What asking the archive for one page came to."""

    source: Source
    copy: str = ""  # the archived copy's address, when one was made
    problem: str = ""  # why there is none
    attempts: int = 0
    # The archive kept refusing (429) or could not be reached: asking it for more pages now
    # would only be refused too.
    archive_down: bool = False


@dataclass
class ArchiveRun:
    outcomes: list[Outcome] = field(default_factory=list)
    stopped: str = ""  # why the run ended before its last source, if it did

    @property
    def archived(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.copy]

    @property
    def failed(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if not outcome.copy]


def sources_to_archive(*, limit: int | None = None) -> QuerySet[Source]:
    """Sources with a web address and no archived copy, oldest record first. An address
    found dead at its last check is left out: the archive would keep the error page."""
    web = Q(url__istartswith="http://") | Q(url__istartswith="https://")
    chosen = (
        Source.objects.filter(web, archive_url="")
        .exclude(LINK_STATES[Source.LinkState.DEAD])
        .only("id", "title", "url", "archive_url")
        .order_by("id")
    )
    return chosen[:limit] if limit is not None else chosen


def archive_sources(
    *,
    limit: int | None = None,
    policy: ArchivePolicy | None = None,
    clock: outbound.Clock | None = None,
    report: Callable[[Outcome], None] | None = None,
) -> ArchiveRun:
    """Ask the archive for a copy of each source in `sources_to_archive`, storing each
    copy's address as it comes; `report` hears of each source when it is done."""
    policy = policy or ArchivePolicy.from_settings()
    pacer = outbound.Pacer(interval=policy.interval, clock=clock or outbound.SystemClock())
    run = ArchiveRun()
    # Listed first: a source is saved as its answer comes, and must not be read again.
    for source in list(sources_to_archive(limit=limit)):
        outcome = _archive_one(source, policy=policy, pacer=pacer)
        if outcome.copy:
            _store_copy(source, outcome.copy)
        run.outcomes.append(outcome)
        if report is not None:
            report(outcome)
        if outcome.archive_down:
            run.stopped = f"The archive at {policy.archive} {outcome.problem}; stopped there."
            break
    return run


def _archive_one(source: Source, *, policy: ArchivePolicy, pacer: outbound.Pacer) -> Outcome:
    try:
        address = policy.save_address(source.url)
    except outbound.Unreachable as error:
        return Outcome(source, problem=f"its address cannot be asked for: {error.reason}")
    pause, problem, archive_down = 0.0, "", False
    for attempt in range(1, policy.attempts + 1):
        pacer.wait(at_least=pause)
        asked_for = 0.0  # the pause the archive asks for before the next request
        try:
            answer = outbound.request(address, timeout=policy.timeout, follow_redirects=False)
        except outbound.Unreachable as error:
            problem, archive_down = f"could not be reached ({error.reason})", True
        else:
            copy = _copy_named(answer, policy)
            if copy is not None:
                return Outcome(source, copy=copy, attempts=attempt)
            if answer.status != 429 and answer.status < 500:
                # The archive answered, and will answer the same again: not worth a retry.
                return Outcome(
                    source,
                    problem=f"answered {answer.status} without an archived copy",
                    attempts=attempt,
                )
            archive_down = answer.status == 429
            problem = (
                "kept refusing: too many requests (429)"
                if archive_down
                else f"kept failing ({answer.status})"
            )
            asked_for = _retry_after(answer)
        # Each retry waits twice as long as the one before, or as long as the archive asks.
        pause = min(max(asked_for, policy.interval * 2**attempt), LONGEST_PAUSE)
    return Outcome(
        source,
        problem=f"{problem}, asked {policy.attempts} time(s)",
        attempts=policy.attempts,
        archive_down=archive_down,
    )


def _copy_named(answer: outbound.Answer, policy: ArchivePolicy) -> str | None:
    if 200 <= answer.status < 300:
        location = answer.headers.get("Content-Location")
    elif 300 <= answer.status < 400:
        location = answer.headers.get("Location")
    else:
        return None
    return policy.copy_address(location) if location else None


def _retry_after(answer: outbound.Answer) -> float:
    """The pause the archive asks for (Retry-After, in seconds or as a date), or none."""
    value = (answer.headers.get("Retry-After") or "").strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - datetime.now(UTC)).total_seconds(), 0.0)


def _store_copy(source: Source, copy: str) -> None:
    with transaction.atomic():
        # Read again, held: an editor may have given a copy of their own meanwhile, and
        # theirs stands. Saved (not updated) so that pages showing the source are renewed.
        current = Source.objects.select_for_update().filter(pk=source.pk, archive_url="").first()
        if current is None:
            return
        current.archive_url = copy
        current.save(update_fields=["archive_url"])
