"""Link checks: whether each source's address still answers, recorded with the source so that
editors see dead links (and readers are offered the archived copy)."""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import F, QuerySet
from django.utils import timezone

from events import outbound
from events.models import Source, link_state

# Answers that mean "not this method", not "no such page": ask again with GET.
HEAD_REFUSED = {405, 501}


@dataclass(frozen=True)
class LinkCheck:
    """What an address answered: a status (after following redirects), or why none came."""

    status: int | None
    error: str = ""

    @property
    def state(self) -> Source.LinkState:
        return link_state(checked=True, status=self.status)


def check_address(url: str, *, timeout: float) -> LinkCheck:
    """Ask the address for its headers (HEAD), or its page (GET) where HEAD is refused."""
    try:
        answer = outbound.request(url, method="HEAD", timeout=timeout)
        if answer.status in HEAD_REFUSED:
            answer = outbound.request(url, method="GET", timeout=timeout)
    except outbound.Unreachable as error:
        reason = error.reason or "no answer"
        return LinkCheck(None, reason[: Source._meta.get_field("check_error").max_length])
    return LinkCheck(answer.status)


def sources_to_check(*, limit: int | None = None) -> QuerySet[Source]:
    """Sources with an address, the longest unchecked first: a limited run, repeated, goes
    round them all."""
    chosen = (
        Source.objects.exclude(url="")
        .only("id", "title", "url")
        .order_by(F("checked").asc(nulls_first=True), "id")
    )
    return chosen[:limit] if limit is not None else chosen


def check_sources(
    *,
    limit: int | None = None,
    timeout: float | None = None,
    now: Callable[[], datetime] = timezone.now,
    report: Callable[[Source, LinkCheck], None] | None = None,
) -> Counter[Source.LinkState]:
    """Check each source's address and record the answer; how many ended in each state."""
    timeout = settings.PEACETRACKER_LINK_TIMEOUT if timeout is None else timeout
    tally: Counter[Source.LinkState] = Counter()
    for source in list(sources_to_check(limit=limit)):
        result = check_address(source.url, timeout=timeout)
        # An update, not a save: a check is for editors and changes no public page, so the
        # data version (and every reader's cached copy) stays. Filtered on the address: one an
        # editor changed meanwhile is not marked with the old one's answer.
        Source.objects.filter(pk=source.pk, url=source.url).update(
            checked=now(), check_status=result.status, check_error=result.error
        )
        tally[result.state] += 1
        if report is not None:
            report(source, result)
    return tally
