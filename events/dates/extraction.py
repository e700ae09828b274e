"""Finding the dates mentioned in running text, and what each means.

Candidates are found by patterns for the shapes dates take in news writing (composed from
`vocabulary`, like `reading`'s), then checked against what only looks like a date: "may" the
verb, "March" the verb or "May" the name, counts ("21 negotiators") and durations ("for
years", "14 months") never match at all. Each candidate is then read by `reading` with what
its sentence says: whether it speaks of the future, the full date written nearby, the last
day mentioned before it.
"""

import bisect
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from events.dates.reading import DateNotUnderstood, resolve_date
from events.dates.values import DateSpan, Precision
from events.dates.vocabulary import (
    AGO,
    DAY,
    MONTH,
    MONTH_FULL,
    MONTH_STEP,
    MONTH_WORD,
    PART,
    RANGE_DASH,
    RANGE_WORD,
    RELATIVE_DAY,
    WEEKDAY_FULL,
    WEEKDAY_WORD,
    YEAR_IN_TEXT,
    anonymous,
    day_month,
    hence,
    iso,
    month_day,
    numeric,
    offset,
    optional,
    relative_period,
    weekday,
    words,
    year_after,
)
from events.text import sentences

MAX_TEXT_LENGTH = 1_000_000  # characters; the rest of a longer text is not searched

# Running text is stricter than an editor's field: "the following year" counts from a year
# the text has just named, not from its publication, so it is left alone.
_RELATIVE_YEAR = rf"(?:{words(('last', 'this', 'next'))})\s+year"
_WITH_YEAR = year_after(year=YEAR_IN_TEXT, relative=None)  # ", 2019"
_WITH_ANY_YEAR = year_after(year=YEAR_IN_TEXT, relative=_RELATIVE_YEAR)  # ", 2019", " next year"


def _ranges(separator: str) -> dict[str, str]:
    """Ranges of days, months and years whose ends meet at `separator`: the second end
    lends the first what it leaves out ("28–30 May 2019", "May 28–30")."""
    day_month_end, month_day_end = day_month(weekday=False), month_day(weekday=False)
    year = optional(_WITH_YEAR)
    return {
        "day": (
            rf"{DAY}{separator}{day_month_end}{year}"
            rf"|{day_month_end}{year}{separator}{day_month_end}{year}"
            rf"|{month_day_end}{separator}(?:{MONTH}\s+)?{DAY}{year}"
        ),
        "month": rf"{MONTH}{year}{separator}{MONTH}{year}",
        "year": rf"{YEAR_IN_TEXT}{separator}{YEAR_IN_TEXT}",
    }


_THROUGH = _ranges(rf"(?:{RANGE_DASH}|\s+{RANGE_WORD}\s+)")
_BETWEEN = _ranges(r"\s+and\s+")

# Each kind of candidate, tried in this order at each place in the text.
_CANDIDATE_SHAPES = {
    "between": (
        rf"between\s+(?P<between_ends>{_BETWEEN['year']}|{_BETWEEN['month']}|{_BETWEEN['day']})"
    ),
    "day_range": _THROUGH["day"],
    "month_range": _THROUGH["month"],
    "year_range": _THROUGH["year"],
    "full": (
        rf"{day_month()}{_WITH_ANY_YEAR}|{month_day()}{_WITH_ANY_YEAR}"
        rf"|{numeric(separators='./', year=YEAR_IN_TEXT)}"
        rf"|{iso(year=YEAR_IN_TEXT, whole_day=True)}"
        # Read by dateparser: "05-Mar-2019", "2019/03/05".
        rf"|{DAY}-{MONTH}-{YEAR_IN_TEXT}"
        rf"|{YEAR_IN_TEXT}(?P<ymd>[/.])[01]?[0-9](?P=ymd)[0-3]?[0-9]"
    ),
    "day_month": rf"{day_month()}|{month_day()}",
    "part_month": rf"{PART}(?P<month>{MONTH_FULL}){optional(_WITH_ANY_YEAR)}",
    "month_year": rf"(?P<month>{MONTH}){_WITH_ANY_YEAR}|{MONTH_STEP}(?P<month>{MONTH_FULL})",
    "part_year": rf"{PART}(?P<year>{YEAR_IN_TEXT})",
    "relative_period": relative_period(("this", "last", "next")),
    "relative_day": RELATIVE_DAY,
    "ago": AGO,
    # "In two years" is mostly a stretch of time ("the first time in two years").
    "hence": hence("day|week"),
    # "Two days before the vote" counts from the vote, not from the last day mentioned.
    "offset": offset("earlier|later"),
    "weekday": weekday(WEEKDAY_FULL),
    "month_alone": MONTH_FULL,
    "year": YEAR_IN_TEXT,
}
_CANDIDATES = re.compile(
    r"(?<![\w'’.\-/])(?:"
    + "|".join(
        f"(?P<{kind}>{anonymous(shape, prefix=kind, keep={'between_ends'})})"
        for kind, shape in _CANDIDATE_SHAPES.items()
    )
    + r")(?![\w]|[.\-/][0-9])",
    re.IGNORECASE,
)
_A_YEAR = re.compile(YEAR_IN_TEXT)
# Shapes written without a year, which take it from a full date nearby if there is one.
_YEAR_LESS = {"day_range", "month_range", "day_month", "part_month", "month_alone", "between"}
# Shapes that give a year of their own, and so can lend it to year-less dates nearby.
_FULL = {"full", "day_range", "month_range", "between", "month_year", "part_month"}

# Words after which a bare month name is a date: "in May", "since March", "late June".
_MONTH_CUE = re.compile(
    r"\b(?:in|since|until|till|by|during|from|before|after|of|between|through|throughout|"
    r"to|last|next|this|early|late|mid|and|or|on)[\s-]+$",
    re.IGNORECASE,
)
_WEEKDAY_CUE = re.compile(
    r"\b(?:on|last|next|this|past|since|by|until|till|from|before|after|early|late|and|or|"
    r"between)\s+$",
    re.IGNORECASE,
)
_NOT_A_YEAR_BEFORE = re.compile(r"(?:[$£€#]|\bno\.|\bnumber)\s*$", re.IGNORECASE)
# A year outside those running text is read in ("31 December 9999", "1 January 0001",
# "5 March 1750"): the day or month before it is left alone, rather than read in the year of
# publication.
_UNREAD_YEAR = re.compile(r",?\s+(?:of\s+)?[0-9]{4,}(?![0-9])")
_NOT_A_YEAR_AFTER = re.compile(
    r"^\s*(?:%|per\s?cent|percent|gmt|utc|hours|hrs|km|kilomet|miles|metres|meters|people|"
    r"troops|soldiers|fighters|members|prisoners|families|votes|dollars|euros|rupees|afghanis|"
    r"tons|tonnes|civilians|delegates|refugees|casualties|deaths|cases|points)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:will|shall|would|going\s+to|due\s+to|expected\s+to|scheduled|set\s+to|"
    r"plans?\s+to|planned|planning|intends?\s+to|agreed\s+to|aims?\s+to|hopes?\s+to|"
    r"(?:is|are)\s+to|upcoming|coming|next|later\s+this|to\s+be\s+held|"
    r"to\s+(?:meet|resume|start|begin|hold|visit|open|return|sign|travel|convene|"
    r"reconvene|continue|take\s+place))\b|'ll\b",
    re.IGNORECASE,
)
# "The deadline is May 1": a date that is, rather than was, lies ahead.
_PRESENT_COPULA = re.compile(
    r"\b(?:is|are)\s+(?:(?:on|in|for|set\s+for|scheduled\s+for|planned\s+for)\s+)?$",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    r"[,;:()—–]|\b(?:and|but|while|whereas|although|though|because|which|who)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Mention:
    """A date mentioned in a text: where it stands, what it says, and what it means."""

    text: str
    start: int
    end: int
    span: DateSpan

    @property
    def value(self) -> str:
        return self.span.value

    def as_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "value": self.value}


def extract_mentions(text: str, *, published: date) -> list[Mention]:
    """The dates mentioned in `text`, resolved against its publication date."""
    text = text[:MAX_TEXT_LENGTH]
    found = [
        (match.lastgroup, match) for match in _CANDIDATES.finditer(text) if _is_date(text, match)
    ]
    if not found:
        return []
    sentence_list = sentences(text)
    sentence_of = _sentence_finder(sentence_list)
    # Full dates first: year-less ones take their year from the nearest of them.
    anchors: list[tuple[int, int, date]] = []  # (position, sentence index, date)
    for kind, match in found:
        if kind in _FULL and _A_YEAR.search(match.group()):
            try:
                resolution = resolve_date(match.group(), base=published)
            except DateNotUnderstood:
                continue
            anchors.append((match.start(), sentence_of(match.start()), resolution.span.start))
    mentions: list[Mention] = []
    last_day: date | None = None
    for kind, match in found:
        index = sentence_of(match.start())
        sentence = sentence_list[index]
        anchor = None
        if kind in _YEAR_LESS and not _A_YEAR.search(match.group()):
            anchor = _nearest_anchor(anchors, match.start(), index, sentence_list)
        try:
            resolution = resolve_date(
                match.group(),
                base=published,
                future=_speaks_of_future(text, sentence, match.start(), match.end()),
                anchor=anchor,
                reference=last_day,
                # International news writes the day first, and a slip in a weekday should
                # not lose its date; an editor is asked about both instead.
                day_first=True,
                check_weekday=False,
            )
        except DateNotUnderstood:
            continue
        surface_start, surface = _trim(match)
        mentions.append(Mention(surface, surface_start, match.end(), resolution.span))
        if resolution.span.precision == Precision.DAY:
            last_day = resolution.span.end or resolution.span.start
    return mentions


def _is_date(text: str, match: re.Match[str]) -> bool:
    """Whether a candidate is a date, not a word that only looks like one."""
    kind, found = match.lastgroup, match.group()
    before = text[max(0, match.start() - 24) : match.start()]
    # Month and weekday names are capitalised in English: "may" and "march" are verbs.
    for word in (*MONTH_WORD.findall(found), *WEEKDAY_WORD.findall(found)):
        if not word[0].isupper():
            return False
    unread = _UNREAD_YEAR.match(text, match.end()) if kind in _YEAR_LESS else None
    # …unless the number counts something: "on 5 March 2500 troops arrived".
    if unread and not _NOT_A_YEAR_AFTER.match(text[unread.end() : unread.end() + 20]):
        return False
    if kind == "month_alone":
        return _MONTH_CUE.search(before) is not None
    if kind == "relative_period" and re.search(r"\bthe\s+$", before, re.IGNORECASE):
        return False  # "over the last year" is a stretch of time, not a date
    if kind == "weekday":
        word_before = re.search(r"(\S+)\s+$", before)
        after = text[match.end() : match.end() + 2]
        cued = _WEEKDAY_CUE.search(before) is not None or found.split()[0].lower() in {
            "last",
            "next",
            "this",
            "past",
        }
        # "Good Friday", "the Sunday Times": a name, unless a preposition says it is a day.
        if word_before and word_before.group(1)[0].isupper() and not cued:
            return False
        return not (re.match(r"\s[A-Z]", after) and not cued)
    if kind == "year":
        return not (
            _NOT_A_YEAR_BEFORE.search(before)
            or _NOT_A_YEAR_AFTER.match(text[match.end() : match.end() + 20])
            or re.search(r"[0-9][,.]$", before)
        )
    return True


def _trim(match: re.Match[str]) -> tuple[int, str]:
    """The mention as written, without a leading "between": (start offset, text)."""
    if match.lastgroup == "between":
        return match.start("between_ends"), match.group("between_ends")
    return match.start(), match.group()


def _sentence_finder(sentence_list: list[Any]) -> Any:
    starts = [sentence.start for sentence in sentence_list]

    def sentence_of(position: int) -> int:
        return max(0, bisect.bisect_right(starts, position) - 1)

    return sentence_of


def _nearest_anchor(
    anchors: list[tuple[int, int, date]], position: int, index: int, sentence_list: list[Any]
) -> date | None:
    """The full date nearest a year-less one: in its sentence, or up to two sentences back
    in the same paragraph."""
    paragraph = sentence_list[index].paragraph
    near = [
        (abs(position - at), day)
        for at, sentence, day in anchors
        if sentence == index
        or (index - 2 <= sentence < index and sentence_list[sentence].paragraph == paragraph)
    ]
    return min(near)[1] if near else None


def _speaks_of_future(text: str, sentence: Any, start: int, end: int) -> bool:
    """Whether the clause holding a mention looks ahead: "will meet on Monday", "agreed to
    meet again in April", "the deadline is May 1". Only the mention's own clause counts, so
    "will march on, a spokesman said on Sunday" puts Sunday in the past."""
    before = text[sentence.start : start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    if _FUTURE.search(clause) or _PRESENT_COPULA.search(clause):
        return True
    if re.fullmatch(r"\s*(?:\w+\s*)?", clause):
        # The mention stands alone in its clause: the neighbouring clause carries the verb,
        # before it ("they plan to meet next week, on Feb. 17") or after it ("In April,
        # talks will resume").
        previous = ""
        if breaks:
            previous_start = breaks[-2].end() if len(breaks) > 1 else 0
            previous = before[previous_start : breaks[-1].start()]
        if _FUTURE.search(previous):
            return True
        after = text[end : sentence.end].lstrip(" ,")
        following = _CLAUSE_BREAK.search(after)
        return _FUTURE.search(after[: following.start()] if following else after) is not None
    return False
