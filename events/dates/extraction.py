"""Finding the dates mentioned in running text, and what each means.

Candidates are found by patterns for the shapes dates take in news writing (composed from
`vocabulary`, like `reading`'s), then checked against what only looks like a date: "may" the
verb, "March" the verb or "May" the name, counts ("21 negotiators") and durations ("for
years", "14 months") never match at all. Each candidate is then read by `reading` with what
its sentence says: whether it speaks of the future, the full date written nearby, the last
day mentioned before it.

The work grows in proportion to the text, however long a sentence runs (a paragraph without
a full stop may be the whole article): a sentence's clauses are found once for all the dates
in it, the nearest full date is looked up rather than searched for, and nothing else is read
further than a short reach from a date. A caller may give a deadline, checked as work goes on.
"""

import bisect
import re
import string
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from events.dates import afghan
from events.dates.holidays import holiday
from events.dates.reading import FORWARD_WEIGHT, DateNotUnderstood, Resolution, resolve_date
from events.dates.values import DateSpan, Precision
from events.dates.vocabulary import (
    AGO,
    DAY,
    DECADE,
    HALF,
    HOLIDAY,
    MONTH,
    MONTH_FULL,
    MONTH_STEP,
    MONTH_WORD,
    MONTHS_ALSO_NAMES,
    NAME_SPELLINGS,
    NUMBER,
    NUMBER_WORDS,
    PART,
    PART_OF,
    QUARTER,
    QUARTER_BY_MONTHS,
    QUARTERS,
    RANGE_DASH,
    RANGE_WORD,
    REFERENCE,
    RELATIVE_DAY,
    RELATIVE_DAYS,
    SEASON,
    SPELLED_DAY,
    SPELLED_SHORT_YEAR,
    SPELLED_TEENS,
    SPELLED_TENS,
    SPELLED_UNITS,
    SPELLED_YEAR,
    STEPS,
    WEEKDAY_FULL,
    WEEKDAY_WORD,
    YEAR_IN_TEXT,
    YEAR_PHRASE,
    YEAR_PHRASE_STEPS,
    anonymous,
    day_month,
    hence,
    iso,
    month_day,
    month_number,
    number,
    numeric,
    offset,
    optional,
    relative_period,
    spelled_day,
    spelled_number,
    week,
    weekday,
    weekend,
    words,
    year_after,
)
from events.script import language_of
from events.text import Sentence, sentence_at, sentences

MAX_TEXT_LENGTH = 1_000_000  # characters; the rest of a longer text is not searched
# A clause longer than this before its mention is not one that holds the mention alone.
CLAUSE_REACH = 200
# "is", "are" and the word or two that may follow them before a date ("is scheduled for").
_COPULA_REACH = 40

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
        # "the 1957-58 season": the second year written short.
        "short_year": rf"{YEAR_IN_TEXT}{RANGE_DASH}(?:1[3-9]|[2-9][0-9])",
    }


_THROUGH = _ranges(rf"(?:{RANGE_DASH}|\s+{RANGE_WORD}\s+)")
_BETWEEN = _ranges(r"\s+and\s+")

# A century ("the 19th century", "the twenty-first century") and a decade in words ("the
# eighties"), which TimeML values by their leading digits: "18", "198".
_CENTURY_ORDINALS = {
    "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "twenty first": 21,
}  # fmt: skip
_CENTURY = (
    rf"(?:the\s+(?:(?:early|mid|late)[\s-]+)?"
    rf"(?:(?P<cnumber>[1-9]|1[0-9]|2[01])(?:st|nd|rd|th)|(?P<cword>{words(_CENTURY_ORDINALS)}))"
    r"|(?P<crel>this|last|next))\s+century"
    # "the 17th-century painter": the adjective, without its article.
    r"|(?P<cnumber2>[1-9]|1[0-9]|2[01])(?:st|nd|rd|th)-century"
)
_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip
_DECADE_WORD = (
    rf"the\s+(?:(?:early|mid|late)[\s-]+)?(?P<dword>{words(_DECADE_WORDS)})"
    # "this decade": the one of writing ("the last decade" is a stretch of ten years).
    r"|(?P<drel>this|last|next)\s+decade"
)

# Each kind of candidate, tried in this order at each place in the text.
_CANDIDATE_SHAPES = {
    # Before the weekdays and months their names hold ("Good Friday", "the Fourth of July").
    "holiday": rf"(?:{HOLIDAY})(?:,?\s+{YEAR_IN_TEXT})?",
    "spelled_year": SPELLED_YEAR,
    # "December of twenty fifteen", "October of ninety-eight".
    "spelled_month_year": (
        rf"{MONTH_FULL}\s+(?:(?:of\s+)?(?:{SPELLED_YEAR})|of\s+(?:{SPELLED_SHORT_YEAR}))(?![\w-])"
    ),
    # "November fifth", "January thirty-first", "the fifth of November".
    "spelled_day": (
        rf"{MONTH_FULL}\s+(?:the\s+)?(?:{SPELLED_DAY})(?![\w-])"
        rf"|the\s+(?:{SPELLED_DAY})\s+of\s+{MONTH_FULL}"
    ),
    # Before the ranges its months would make: "the April-June quarter".
    "quarter_by_months": QUARTER_BY_MONTHS,
    "between": (
        rf"between\s+(?P<between_ends>{_BETWEEN['year']}|{_BETWEEN['month']}|{_BETWEEN['day']})"
    ),
    "day_range": _THROUGH["day"],
    "month_range": _THROUGH["month"],
    "year_range": rf"{_THROUGH['year']}|{_THROUGH['short_year']}",
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
    # Before "last year" and the like, so that "the end of next year" is read whole.
    "year_phrase": YEAR_PHRASE,
    # "in September, the same month as the primary": the month the narrative last named.
    "same_month": r"(?:that(?:\s+same)?|the\s+same)\s+month",
    # "by the end of the month": the month of writing.
    "month_phrase": rf"{PART_OF}[\s-]+the\s+month",
    "relative_period": relative_period(("this", "the current", "last", "next")),
    "relative_day": RELATIVE_DAY,
    "ago": AGO,
    # "In two years" is mostly a stretch of time ("the first time in two years").
    "hence": hence("day|week"),
    # "Two days before the vote" counts from the vote, not from the last day mentioned.
    "offset": offset("earlier|later"),
    "weekday": weekday(WEEKDAY_FULL),
    # "the weekend" and the like: a bare "weekend" is mostly not a date ("a weekend of talks").
    "weekend": weekend(step_required=True),
    "week": week(),
    "century": _CENTURY,
    "decade_word": _DECADE_WORD,
    "decade": DECADE,
    "quarter": QUARTER,
    "half": HALF,
    "season": SEASON,
    # "in spring", "by summer": a season alone, only after a word that makes it a time.
    "season_alone": r"(?P<season>spring|summer|autumn|winter)",
    "reference": REFERENCE,
    # After every shape a number in words may open ("twenty years ago"): "back in ninety-eight".
    "spelled_short_year": rf"(?:{SPELLED_SHORT_YEAR})(?![\w-])",
    "month_alone": MONTH_FULL,
    # "FY2020", "FY 2024", "FY25": a fiscal year, valued as its year.
    "fiscal_year": rf"(?-i:FY)\s?['’]?(?:{YEAR_IN_TEXT}|[0-9]{{2}})",
    "year": YEAR_IN_TEXT,
    # Years outside those read anywhere, only after a word that makes them one: "opened in
    # 1793", "by 2100" (not 1300-1499, which English copy also writes for Solar Hijri years).
    "distant_year": r"1[0-2][0-9]{2}|1[5-7][0-9]{2}|21[0-9]{2}",
}
# Every shape begins with a letter or a digit: the lookahead turns away the other places (runs
# of white space or punctuation) before the shapes are tried one by one.
_CANDIDATES = re.compile(
    r"(?<![\w'’.\-/])(?=[0-9a-z])(?:"
    + "|".join(
        f"(?P<{kind}>{anonymous(shape, prefix=kind, keep={'between_ends'})})"
        for kind, shape in _CANDIDATE_SHAPES.items()
    )
    + r")(?![\w]|[.\-/][0-9])",
    re.IGNORECASE,
)
# Where a candidate can begin: a digit, or a word some shape opens with. The whole pattern is
# tried only there, not at every word, which keeps the scan cheap; a test holds that this
# finds exactly what trying it everywhere finds.
_OTHER_OPENING_WORDS = """
    between the a an one in at that these right year end early mid middle late
    earlier later last this next past previous following coming
    sixteen seventeen eighteen nineteen twenty two spring summer autumn fall winter
    christmas new boxing valentine halloween fourth july
    easter good thanksgiving labor labour memorial juneteenth nowruz nawruz norouz navroz
    st saint leap election
    now currently nowadays recently formerly soon present_ref past_ref future_ref q h oh fy
    thirty forty fifty sixty seventy eighty ninety
"""
_OPENING_WORDS = frozenset(
    {
        *NAME_SPELLINGS,
        *NUMBER_WORDS,
        *(phrase.split()[0] for phrase in (*STEPS, *RELATIVE_DAYS, *QUARTERS)),
        *_OTHER_OPENING_WORDS.split(),
    }
)
_THE_BEFORE = """
    beginning start middle end year same previous preceding following weekend coming past
    week next day late early mid first second third fourth spring summer autumn fall winter
    present future near distant current twenties thirties forties fifties sixties seventies
    eighties nineties eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth
    eighteenth nineteenth twentieth twenty 1st 2nd 3rd 4th fifth sixth seventh eighth ninth
    tenth thirtieth thirty
"""
_UNITS_AFTER_A_COUNT = frozenset({"year", "day", "week", "month"})
_OPENING_ONLY_BEFORE: dict[str, frozenset[str]] = {
    "the": frozenset(_THE_BEFORE.split()),
    "a": _UNITS_AFTER_A_COUNT,
    "an": _UNITS_AFTER_A_COUNT,
    "one": _UNITS_AFTER_A_COUNT,
    "in": frozenset(NUMBER_WORDS),
    "at": frozenset({"present"}),
    "that": frozenset({"year", "day", "week", "month", "same"}),
    "these": frozenset({"days"}),
    "end": frozenset({"of"}),
    "right": frozenset({"now"}),
}
_CANDIDATE_REACH = 300


def _opening_word(word: str) -> str:
    """The pattern of one opening word; a common one only before the words it may open."""
    if word not in _OPENING_ONLY_BEFORE:
        return re.escape(word)
    after = words(_OPENING_ONLY_BEFORE[word])
    return rf"{re.escape(word)}(?=[\s-]+(?:['’0-9]|(?:{after})(?![0-9a-z_])))"


# The opening words found by the pattern engine itself, with the word after a common one
# checked there too ("the year", "a week ago", "in two days", not "the talks", "a deal",
# "in Doha"), so that only real openings reach Python.
_OPENING_WORD = "|".join(
    _opening_word(word) for word in sorted(_OPENING_WORDS, key=len, reverse=True)
)
_OPENING = re.compile(rf"(?<![\w'’.\-/])(?:[0-9]|(?:{_OPENING_WORD})(?![a-z_]))", re.IGNORECASE)


def candidate_matches(text: str) -> Iterator[re.Match[str]]:
    """What `_CANDIDATES.finditer(text)` finds, trying the pattern only where a candidate
    can begin."""
    end = 0
    match_at = _CANDIDATES.match
    for opening in _OPENING.finditer(text):
        start = opening.start()
        if start < end:
            continue
        # No candidate runs near this long; the bound keeps each try short whatever follows.
        match = match_at(text, start, start + _CANDIDATE_REACH)
        if match is not None:
            end = match.end()
            yield match


_A_YEAR = re.compile(YEAR_IN_TEXT)
# Shapes whose date the tense of their clause never changes.
_TENSELESS = {
    "full", "year", "year_range", "part_year", "decade", "relative_day", "ago", "hence",
    "offset", "relative_period",
}  # fmt: skip
# Shapes written without a year, which take it from a full date nearby if there is one.
_YEAR_LESS = {
    "day_range", "month_range", "day_month", "part_month", "month_alone", "between", "spelled_day",
}  # fmt: skip
_RANGES = {"between", "day_range", "month_range", "year_range"}
# Shapes read from a past moment the narrative names when they are its future ("would
# leave in the summer"); "this week" and the like count from the writer's day whatever.
_NARRATIVE_KINDS = _YEAR_LESS | {
    "weekday", "season", "season_alone", "quarter", "quarter_by_months",
}  # fmt: skip
# Shapes that count from the time of writing, whatever the narrative said before them.
_DEICTIC_KINDS = {
    "relative_day", "weekday", "week", "weekend", "relative_period", "ago", "reference",
}  # fmt: skip
# Shapes that give a year of their own, and so can lend it to year-less dates nearby.
_FULL = {"full", "day_range", "month_range", "between", "month_year", "part_month"}

# Verbs in the past not spelled with -ed.
_PAST_VERB_WORDS = (
    r"(?:rose|fell|said|was|were|had|met|took|came|went|made|began|left|held|"
    r"won|lost|saw|told|gave|got|ran|hit|struck|broke|sent|spent|became|grew|drew|threw|"
    r"fought|bought|brought|thought|caught|taught|sought|stood|paid|kept|led|sold|spoke|"
    r"wrote|chose|froze|shook)"
)
# Words after which a bare month name is a date: "in May", "since March", "late June".
_MONTH_CUE = re.compile(
    r"\b(?:in|since|until|till|by|during|from|before|after|of|between|through|throughout|"
    r"to|last|next|this|early|late|mid|and|or|on|past|beyond|into|around|ahead\s+of|"
    r"compared\s+(?:with|to)|than)[\s-]+$",
    re.IGNORECASE,
)
_WEEKDAY_CUE = re.compile(
    r"\b(?:on|last|next|this|past|since|by|until|till|from|before|after|early|late|and|or|"
    r"between)\s+$",
    re.IGNORECASE,
)
_ANOTHER_MONTH_AFTER = re.compile(
    rf"\s*(?:,|and|or|to|through|–|-)\s*(?:and\s+)?(?-i:(?=[A-Z])){MONTH_FULL}\b", re.IGNORECASE
)
# A noun after the month ("the August primary"), or the end of the phrase; not "a March on
# Washington".
_NOUN_OR_END_AFTER = re.compile(
    r"\s+(?!(?:on|of|to|for|in|from|against|through|past|by)\b)[a-z]|[.,;:!?]|$"
)
# "the August primary", "the central bank's April meeting", "its June report".
_ARTICLE_BEFORE = re.compile(
    r"\b(?:the|a|an|its|their|his|her|our)\s+(?:[a-z]+(?:[’']s)?\s+){0,2}$|[a-z][’']s\s+$",
    re.IGNORECASE,
)
# "June was the hottest on record", "March saw the fewest deaths".
# A capitalised word before a month name makes it a name ("Theresa May"), unless it only
# opens the sentence ("The April meeting", "In March").
_NAME_BEFORE = re.compile(
    r"\b(?!(?:The|A|An|In|On|By|Since|Until|Last|Next|This|Its|Their|From|During|After|"
    r"Before|Early|Late|Mid|And|But|Or|Until|Through|Of)\b)[A-Z][a-z]+\s+$"
)
# The month's own verb, when it is its subject: in the past ("August saw the sharpest
# drop", "after November proved disappointing", "July has brought three wins"), or ahead
# ("April will bring little relief").
_MONTH_OWN_PAST = re.compile(
    r"\s+(?:was|were|has\s+[a-z]+|saw|brought|marked|ended|began|proved|became|remained|"
    r"[a-z]+ed)\b"
)
_MONTH_OWN_FUTURE = re.compile(
    r"\s+(?:will|would|could|should|might|is\s+(?:likely|expected|set|due)\s+to)\s+[a-z]+"
)
_MONTH_AS_SUBJECT = re.compile(
    r"\s+(?:has\s+(?:brought|seen|had|proved|delivered)|"
    r"(?:was|is|has\s+been)(?!\s+(?:born|elected|named|appointed|married|arrested|"
    r"killed|sworn))|saw|brought|marked|ended|began|proved|became|remains|remained)\b"
)
_NOUN_AFTER = re.compile(
    r"\s+(?!(?:on|of|to|for|in|from|against|through|past|by|and|or|but|at|with|is|was|has|"
    r"had|have|does|did|will|would|can|could|may|might|must|should|says|tells|thinks|"
    r"knows|wants|gets|goes|makes|takes)\b)[a-z]{3,}\b"
)
_VERB_AFTER = re.compile(r"\s+(?:[a-z]+ed|[a-z]+(?<!s)s|" + _PAST_VERB_WORDS + r")\b")
_MODAL_AFTER = re.compile(r"\s+(?:could|would|should|might|will|is\s+likely)\s+be\b")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")
_PLURAL_NOUN_AFTER = re.compile(
    r"\s+(?!(?:says|was|has|does|is|goes|gets|makes|takes|tells|thinks|knows|wants)\b)"
    r"[a-z]{2,}[a-rt-z]s\b"
)
_A_STRETCH_AFTER = re.compile(
    r"\s+(?:few|several|couple|[0-9]+|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"twelve|twenty|days?|weeks?|weekend|months?|years?|decades?|centur(?:y|ies)|hours?|"
    r"quarters?|winter|summer|spring|autumn|fall|season)\b",
    re.IGNORECASE,
)
_NAMED_AFTER_A_HOLIDAY = re.compile(
    r"\s+(?:[A-Z]|(?:accords?|agreements?|deal|ceasefire|truce|offensive|attacks?|bombings?|"
    r"massacre|uprising|rising)\b)"
)
_HOLIDAY_AHEAD_AFTER = re.compile(
    r",?\s+(?:which|that)\s+(?:falls|is|begins|starts|will)\b", re.IGNORECASE
)
_SPELLED_YEAR_CUE = re.compile(
    r"\b(?:in|by|since|until|till|from|before|after|around|about|circa|of|for|be|is|was|"
    r"year|back\s+in)\s+$"
    # Or an answer that is the year alone: "A: Twenty twenty-two, in August."
    r"|(?:^|[.?!]\s+|\bA\s*:\s*)$",
    re.IGNORECASE,
)
_DISTANT_YEAR_CUE = re.compile(
    r"\b(?:in|since|by|from|until|till|before|after|around|circa|c\.|of|year|between|to)\s+$",
    re.IGNORECASE,
)
# A capitalised word that is not the sentence's first, right before a year: "Euro 2020".
_NAME_WITH_A_YEAR = re.compile(r"(?<=[a-z,;:'‘“\"] )['‘“\"]?[A-Z][a-z]+\s+$")
_GAMES_AFTER = re.compile(r"\s+(?:Games|Olympics|Olympic|Paralympics|Paralympic)\b")
_NINE_ELEVEN = re.compile(r"sept(?:ember|\.)?\s+11(?:th)?", re.IGNORECASE)
_ATTACKS_AFTER = re.compile(r"\s+(?:terror(?:ist)?\s+)?attacks?\b", re.IGNORECASE)
_SHORT_YEAR_CUE = re.compile(r"\b(?:back\s+in|in|since|fiscal|until|by)\s+$", re.IGNORECASE)
_SPELLED_PAIR = re.compile(
    # "twenty-seventeen" too: no count is said so.
    rf"twenty[\s-]+(?:{words(SPELLED_TEENS)})"
    rf"|(?:sixteen|seventeen|eighteen|nineteen|twenty)[\s-]+"
    rf"(?:(?:{words(SPELLED_TENS)})[\s-]+(?:{words(SPELLED_UNITS)})"
    rf"|oh[\s-]+(?:{words(SPELLED_UNITS)}))"
    # "two thousand nineteen has been a hard year", not "two thousand troops".
    rf"|two\s+thousand(?:\s+and)?\s+(?:{words(SPELLED_TENS)}|{words(SPELLED_TEENS)}|"
    rf"{words(SPELLED_UNITS)})(?:[\s-]+(?:{words(SPELLED_UNITS)}))?",
    re.IGNORECASE,
)
_SEASON_CUE = re.compile(
    r"\b(?:in|by|until|till|since|during|through|throughout|from|before|after|early|late|"
    r"mid|this|last|next)[\s-]+$",
    re.IGNORECASE,
)
_BUSINESS_NEAR = re.compile(
    r"\b(?:profits?|earnings|revenues?|sales|growth|econom[a-z]*|results|output|inflation|"
    r"quarter|fiscal|GDP|demand|prices|shares|investors?|bank|company|companies|firm|"
    r"forecasts?|budget|exports?|imports?|deficit|turnover|margins?|dividends?)\b",
    re.IGNORECASE,
)
_AWARD_BEFORE = re.compile(
    r"\b(?:person|player|man|woman|coach|car|book|album|song|record|word|athlete|team|"
    r"manager|rookie|goal|game|story|picture|photo|film|movie|artist|driver|horse)s?\s+of\s+$",
    re.IGNORECASE,
)
# Days and events named with a weekday: not the weekday of a date near publication.
_NAMED_DAY = re.compile(
    r"(?:good|holy|maundy|ash|palm|easter|whit|pentecost|black|cyber|super|bloody|blue|"
    r"giving|man|girl|shrove|plough|low|trinity)\s+\w+day",
    re.IGNORECASE,
)
# A number that names rather than dates: an amount, or an identifier after the thing it
# numbers ("extension 1999", "flight 2020", "Resolution 2254", "route 1918").
_NOT_A_YEAR_BEFORE = re.compile(
    r"(?:[$£€#]|\b(?:no\.|nos?\.|number|extension|ext\.|flight|room|route|page|pages|"
    r"chapter|line|code|gate|platform|bus|model|version|article|section|resolution|item|"
    r"exhibit|bill|case|file|ticket|account|phone|hotline|highway|channel|unit|plot|box|suite|"
    r"apartment|seat|row|level|grade|category|size|type|pin|zip|postcode|isbn|call|dial))"
    r"\s*$",
    re.IGNORECASE,
)
# A number that counts what follows it: "and 2019 doses remained", "won 1999 votes". After a
# lower-case word that is not a determiner or a preposition, a year would not stand before a
# plural noun; after one it is an adjective ("the 2019 elections") and still a year.
_COUNTED_AFTER = re.compile(r"\s+[a-z]{2,}[a-rt-z]s\b(?![’'])")
_WORD_BEFORE = re.compile(r"\b[a-z]+\s+$")
_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|its|their|his|her|our|this|that|these|those|a|an|in|since|by|until|of|from|"
    r"before|after|during|for|to|at|on|between|through|above|below|over|under|beyond|near|"
    r"and\s+the)\s+$|[’']s\s+$",
    re.IGNORECASE,
)
# A year outside those running text is read in ("31 December 9999", "1 January 0001",
# "5 March 1750"): the day or month before it is left alone, rather than read in the year of
# publication.
_UNREAD_YEAR = re.compile(r",?\s+(?:of\s+)?[0-9]{4,}(?![0-9])")
_NOT_A_YEAR_AFTER = re.compile(
    # "a 2000-metre race", "a 2048-core cluster": a measure, not "a 2019-era rule".
    r"^-(?!(?:era|style|vintage|built|born|made|present|to|through|on|and|onwards?|win|"
    r"elect|summit|accord|agreement|deal|plan|vote|election|season)\b)[a-z]"
    r"|^\s*(?:%|per\s?cent|percent|gmt|utc|hours|hrs|km|kilomet|miles|metres|meters|people|"
    r"troops|soldiers|fighters|members|prisoners|families|votes|dollars|euros|rupees|afghanis|"
    r"tons|tonnes|civilians|delegates|refugees|casualties|deaths|cases|points)\b",
    re.IGNORECASE,
)
# What puts a clause's date ahead of the writer (TimeML reads a year-less date by the tense
# of the verb that governs it): the future and modal verbs ("could resume in January"), what
# is planned, expected or owed ("due in February", "expects to open by…"), a schedule told
# in the present tense ("begins on Dec. 4", "expires on February 28", "go to the polls on
# Wednesday"), and a date something was set or put off to ("set sentencing for Jan. 12",
# "adjourned until March"), or that someone was ordered to act by.
_FUTURE = re.compile(
    # The lookahead first: it turns away most places at once (twice as fast).
    r"(?=[a-z'])\b(?:will|shall|would|could(?!\s+not|n[’']t)|might|should|must|going\s+to|due|expected\s+to|"
    r"scheduled|slated|set\s+to|plans?\s+to|planned|planning|intends?\s+to|agreed\s+to|"
    r"aims?\s+to|hopes?\s+to|(?:is|are)\s+to|upcoming|coming|next|later\s+this|"
    r"to\s+be\s+held|expects?|expecting|predicts?|anticipates?|ahead\s+of|"
    # "officials said they expected results by Friday"; not "as expected" or "than expected".
    r"(?<!as )(?<!than )expected|"
    r"(?:on\s+track|poised|ready|preparing|prepares|about)\s+to|on\s+track\s+for|"
    # A condition put in the present: "if there's no deal by Friday".
    r"(?:if|unless)\s+(?:[a-z’']+\s+){0,4}?(?:is|are|there[’']s|has|have|does|fails?|"
    r"wins?|loses?)|"
    # The verb, not the noun: "forecasts that", "forecast rain", "the treasury forecasts",
    # "is forecast", not "beat forecasts" or "its revised forecast".
    r"forecast(?:s|ing)?\s+(?:that|to|an?|the|rain|snow|storms?|growth|[0-9])|"
    r"(?:is|are)\s+(?:now\s+)?forecast|"
    r"(?<!beat )(?<!missed )(?<!than )(?<!topped )(?<!exceeded )(?<!below )(?<!above )"
    r"(?<!with )(?<!of )(?<!the )(?<!its )(?<!their )forecasts|"
    r"(?:is|are|was|were)\s+(?:not\s+)?expected|"
    r"(?:is|are|was|were|looks?|seems?)\s+(?:not\s+)?(?:un)?likely|"
    r"to\s+(?:meet|resume|start|begin|hold|visit|open|return|sign|travel|convene|"
    r"reconvene|continue|take\s+place)|"
    # Not the noun: "decided by 212 votes on Tuesday", "71 million returns", "the host
    # nation", "its releases".
    r"(?<![0-9] )(?<!million )(?<!billion )(?<!thousand )"
    r"(?<!\bthe )(?<!\ba )(?<!\ban )(?<!its )(?<!their )(?<!his )(?<!her )"
    r"(?:begins?|starts?|opens?|closes|close(?!\s+to\b)|ends|expires?|runs|lasts|resumes?|reopens?|"
    r"concludes?|matures?|maturing|applies|apply|falls?\s+on|tak(?:es?|ing)\s+effect|launch(?:es)?|"
    r"debuts?|premieres?|arrives?|departs?|returns?|hosts?|faces?|meets?|plays?|"
    # More of a schedule's verbs in the present: "the legislature convenes on Jan. 14",
    # "New Hampshire holds its primary on Jan. 10", "the primary follows on Jan. 21".
    # The plural present of a schedule, after its subject: "The Games end Sunday".
    r"(?<=[a-z]s )(?:end|begin|start|open|close|resume)(?!\s+(?:of|to)\b)|"
    r"comes|convenes|reconvenes|holds|follows|sits|votes|travels|flies|visits|tours|stages|"
    r"unveils|publishes|releases|airs|screens|lands|celebrates|takes\s+over|steps\s+down|"
    r"retires|takes\s+office|wraps\s+up|gets\s+under\s+way|go(?:es)?\s+on\s+sale|comes\s+out|goes\s+live|"
    r"(?<!has )(?<!have )(?<!had )(?<!to )run(?![-’'])|ha(?:s|ve)\s+until|"
    r"(?:is|are)\s+(?:listed|timetabled|booked|pencilled\s+in)|"
    r"come?s?\s+into\s+(?:force|effect)|kicks?\s+off|go(?:es)?\s+to\s+the\s+polls|"
    r"heads?\s+to)|"
    r"(?:set|slated|fixed|postponed|delayed|adjourned|deferred|moved|pushed|extended|"
    r"put\s+off|rescheduled)\b[^.;:]{0,40}?\b(?:for|until|till|to)"
    # ... a time: "moved the vote to March", not "moved closer to a title".
    r"(?=\s+(?:(?:the|early|late|mid|next|this|a)[\s-]+)?(?:[0-9]|jan|feb|mar|apr|may|jun|jul|"
    r"aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|spring|summer|autumn|fall|winter|"
    r"later|tomorrow|week|month|year|end|beginning|start|middle|first|second|third|fourth))|"
    r"(?:ordered|told|asked|urged|instructed|directed|required|called\s+on|gave)"
    r"\b[^.;:]{0,40}?\bto\s+[a-z]+)\b|'ll\b",
    # Searched in text lowered letter for letter (`_lowered`), not with IGNORECASE: re skips
    # an alternative whose first letter differs only when that letter is matched exactly,
    # which makes it four times as fast over an article.
)
# "was due", "had been expected": the past of a plan says nothing of what lies ahead.
_PAST_OF_A_PLAN = re.compile(
    r"\b(?:was|were|had\s+been|did|didn[’']t|did\s+not)\s+"
    r"(?:(?:due|expected|scheduled|set|slated|planned)\s+)?$"
    # "The festival, originally scheduled to run in July, was cancelled".
    r"|\b(?:originally|initially|previously|first)\s+$",
    re.IGNORECASE,
)
# A verb in the past between a cue and its date governs the date instead: "urged families
# not to travel for Christmas after infections rose following Thanksgiving".
_PAST_VERB = re.compile(
    # Not a participle after "be", "been", "has", "stay"…: "will be postponed until
    # September", "will stay closed until Monday".
    # A word's start first: the lookbehinds are then tried only there (four times as fast).
    r"\b(?=[a-z]{2})"
    r"(?<!\bbe )(?<!been )(?<!being )(?<!have )(?<!has )(?<!\bis )(?<!are )(?<!get )"
    r"(?<!stay )(?<!stays )(?<!remain )(?<!remains )(?<!keep )(?<!seem )(?<!become )"
    # Nor the bare verb after a modal or "to": "will hit", "could cut", "plans to set".
    r"(?<!will )(?<!would )(?<!could )(?<!\bcan )(?<!\bmay )(?<!might )(?<!must )(?<!should )"
    r"(?<!shall )(?<!\bto )(?<!['’]ll )"
    # Nor an adjective after a determiner: "will publish its revised forecast".
    r"(?<!its )(?<!the )(?<!\ba )(?<!\ban )(?<!their )(?<!his )(?<!her )(?<!our )"
    r"\b(?:[a-z]{2,}[^e\W]ed|" + _PAST_VERB_WORDS + r")\b(?!\s+(?:to|by)\b)",
)
# A verb in the past that governs the date itself, with at most one bare word between them:
# "took office in February", "announced in January", "was held on Feb. 9", "celebrated
# Christmas". Not "backed a
# snap election on Dec. 12", where the date belongs to a noun that may lie ahead.
_GOVERNED_BY_PAST = re.compile(
    r"\b(?:[a-z]{2,}[^e\W]ed|" + _PAST_VERB_WORDS + r")\s+"
    r"(?:(?!(?:a|an|the|its|his|her|their|our|this|that|these|those)\b)[a-z]+\s+)?"
    r"(?:(?:on|in|during|since|at|over)\s+)?(?:(?:early|late|mid)[\s-]+)?$",
    re.IGNORECASE,
)
_FRONTED_REACH = 20
_FRONTED = re.compile(
    r"\s*(?:(?:on|in|by|during|at|from)\s+)?(?:(?:early|late|mid)[\s-]+)?", re.IGNORECASE
)
_NOT_SETTING_BEFORE = re.compile(
    r"\b(?:for|of|since|than|from|to|until|till|through|before|after|between|fiscal)\s+$",
    re.IGNORECASE,
)
_ASIDE_BEFORE = re.compile(r",\s*(?:[a-z]+\s+)?[a-z]+(?:ed|en|n)\s+(?:in\s+)?$")
_NEW_CLAUSE = re.compile(r";|\b(?:and|but|while|whereas|although|though)\b", re.IGNORECASE)
_COMPARED_BEFORE = re.compile(r"\b(?:since|than)\s+$", re.IGNORECASE)
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:(?:early|late|mid)[\s-]+)?$", re.IGNORECASE)
# "through Wednesday", but not the end of a range that opens with its own day ("from
# Saturday through Monday"): that one follows its first day.
_UNTIL_BEFORE = re.compile(
    r"(?<!day )(?<!weekend )\b(?:through|thru|until|till|til)\s+(?:the\s+)?$", re.IGNORECASE
)
_RESULTS_FOR = re.compile(
    r"\b(?:results|earnings|figures|numbers|accounts|data)\s+(?:for|of)\s+$", re.IGNORECASE
)
# A participle right before the date's preposition: "a match announced on Tuesday".
_PARTICIPLE_BEFORE = re.compile(
    r"\b(?:[a-z]{2,}[^e\W]ed|" + _PAST_VERB_WORDS + r")\s+(?:on|in|at|during)\s+$"
    # "a tax increase that took effect Jan. 1 could weigh on spending".
    r"|\b(?:took|went\s+into|came\s+into)\s+(?:effect|force)\s+(?:on\s+)?$",
    re.IGNORECASE,
)
# "The deadline is May 1": a date that is, rather than was, lies ahead.
_PRESENT_COPULA = re.compile(
    r"\b(?:is|are)\s+(?:(?:on|in|for|set\s+for|scheduled\s+for|planned\s+for)\s+)?$"
    # "Markets are closed on Monday", "the road remains shut until Friday".
    r"|\b(?:is|are|remains?)\s+(?:closed|open|shut|suspended|off)\s+(?:on|until|till|through)\s+$",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    # A dash between spaces, or an em dash; not the en dash of a range ("Nov. 30–Dec. 3").
    # Not the comma inside a number: "return to 1,000 theaters on Friday" is one clause.
    r"(?<!\d),|,(?!\d)|[;:()—]|\s[–-]\s|"
    r"\b(?:and|but|while|whereas|although|though|because|which|who)\b",
    re.IGNORECASE,
)
# "and" or "or" and a lower-case word that is not a subject: a verb sharing the clause's.
_SHARED_SUBJECT = re.compile(
    r"(?:and|or)\s+(?!(?:the|a|an|this|that|these|those|it|he|she|they|we|i|you|its|his|her|"
    r"their|our|my|your|officials?|police|there|then|on|in|at|by|from|after|before)\b)[a-z]+\b"
)
_WITH_CLAUSE = re.compile(
    r"\s*(?:with|before|after|while)\s+(?:[a-z]+\s+){0,3}[a-z]+(?:ing|ed)\b", re.IGNORECASE
)
_PAST_VERB_REACH = 80  # characters after a cue searched for a verb in the past
_AUXILIARY_AFTER = re.compile(
    # After the noun the date names, if any: "the April meeting is now seen as likely".
    r"(?:\s+(?!(?:it|he|she|they|we|i|you|there|that|this|which|who|and|or|but)\b)"
    r"[a-z]+(?<!ed))?\s+(?:will|would|could|may|might|should|must|"
    r"(?:is|are)\s+(?:now\s+)?(?:(?:expected|due|set)\s+to|(?:seen\s+as\s+)?likely|scheduled|"
    r"planned|forecast))\b"
)
_ALONE = re.compile(r"\s*(?:\w+\s*)?")  # a clause of at most one word besides the mention
_LEADING_COMMAS = re.compile(r"[ ,]*")


# American wire copy: an AP dateline, or a full date written month first ("March 5, 2019").
_MONTH_FIRST_STYLE = re.compile(
    rf"\((?:AP|UPI)\)|(?-i:{MONTH_FULL})\.?\s+[0-3]?[0-9],\s+[12][0-9]{{3}}\b"
)
_STYLE_REACH = 5000  # characters: the head of the text shows its style


class OutOfTime(Exception):
    """Extraction passed the deadline its caller gave."""


@dataclass(frozen=True)
class Mention:
    """A date mentioned in a text: where it stands, what it says, and what it means."""

    text: str
    start: int
    end: int
    span: DateSpan
    timex: str | None = None  # a TIMEX3 value its span does not say: a week ("2020-W37")
    # For one end of a range whose ends are dates of their own ("from 2001 to 2004", "March
    # 5 to March 9"), which TimeML marks as two: the whole range, as one mention.
    range: "Mention | None" = None

    @property
    def value(self) -> str:
        return self.timex or self.span.value

    def as_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "value": self.value}


def extract_mentions(
    text: str, *, published: date, deadline: float | None = None, language: str | None = None
) -> list[Mention]:
    """The dates mentioned in `text`, resolved against its publication date.

    `language` is "en", "fa" (Dari) or "ps" (Pashto); None tells it from the script. Dari
    and Pashto are read by `afghan`; English by the patterns here, with `afghan`'s
    transliterated Solar Hijri dates ("10 Hoot 1398") beside them.
    With a `deadline` (a `time.monotonic()` value), raises OutOfTime once it has passed.
    """
    text = text[:MAX_TEXT_LENGTH]
    language = language or language_of(text)
    if language in AFGHAN_LANGUAGES:
        _check(deadline)
        return _afghan_mentions(text, afghan.find(text, published=published, language=language))
    english = _english_mentions(text, published=published, deadline=deadline)
    if not _TRANSLITERATED.search(text):
        return english
    solar = _afghan_mentions(text, afghan.find(text, published=published, language="en"))
    return _merged(english, solar)


def joined(mentions: list[Mention]) -> list[Mention]:
    """The mentions with each range whole again: one date span from its first day to its
    last, as an event takes it, where TimeML marks each end."""
    result: list[Mention] = []
    for mention in mentions:
        whole = mention.range
        if whole is None:
            result.append(mention)
        elif not result or result[-1] is not whole:
            result.append(whole)
    return result


def _ends(whole: Mention) -> list[Mention]:
    """A range's two ends, as TimeML marks them (it has no value for a range): "2001" and
    "2004" of "2001 to 2004", "Nov. 30" and "Dec. 3" of "Nov. 30–Dec. 3", and also where an
    end borrows from the other: "1957" and "58" of "1957-58", "28" and "30 May" of "28–30
    May". `joined` puts the range back together for an event."""
    separator = _RANGE_SEPARATOR.search(whole.text)
    if separator is None:
        return [whole]
    first, second = whole.text[: separator.start()], whole.text[separator.end() :]
    span, precision = whole.span, whole.span.precision
    if span.end is None:
        return [whole]
    return [
        Mention(first, whole.start, whole.start + len(first), DateSpan(span.start, precision),
                range=whole),
        Mention(second, whole.start + separator.end(), whole.end, DateSpan(span.end, precision),
                range=whole),
    ]  # fmt: skip


_RANGE_SEPARATOR = re.compile(rf"{RANGE_DASH}|\s+(?:{RANGE_WORD}|and)\s+", re.IGNORECASE)


AFGHAN_LANGUAGES = ("fa", "ps")
_TRANSLITERATED = re.compile(r"\b1[34][0-9]{2}\b")  # a Solar Hijri year is written


def _afghan_mentions(text: str, finds: list[afghan.Found]) -> list[Mention]:
    """A mention of each of `afghan`'s finds; a range of two dates is marked at each end, as
    TimeML marks it and `_ends` does English ones, each end holding the whole for `joined`."""
    mentions = []
    for found in finds:
        whole = _mention(text, found)
        if found.ends is None:
            mentions.append(whole)
        else:
            mentions.extend(_mention(text, end, whole) for end in found.ends)
    return mentions


def _mention(text: str, found: afghan.Found, whole: Mention | None = None) -> Mention:
    return Mention(
        text[found.start : found.end], found.start, found.end, found.span, found.timex, whole
    )


def _merged(english: list[Mention], solar: list[Mention]) -> list[Mention]:
    """Both lists in text order; a Solar Hijri date wins over what English read inside it
    ("Asad 1399" is no year 1399)."""
    kept = [
        mention
        for mention in english
        if not any(s.start < mention.end and mention.start < s.end for s in solar)
    ]
    return sorted([*kept, *solar], key=lambda mention: mention.start)


def _english_mentions(text: str, *, published: date, deadline: float | None) -> list[Mention]:
    found = []
    for match in candidate_matches(text):
        _check(deadline)
        if _is_date(text, match):
            found.append((match.lastgroup, match))
    if not found:
        return []
    sentence_list = sentences(text)
    lowered = _lowered(text)
    read = _Reader()
    month_first = _MONTH_FIRST_STYLE.search(text, 0, _STYLE_REACH) is not None
    # Full dates first: year-less ones take their year from the nearest of them.
    anchors: list[_Anchor] = []  # in the order they stand in the text
    for kind, match in found:
        _check(deadline)
        if (
            kind in _FULL
            and _A_YEAR.search(match.group())
            # "the biggest gain since September 2017": a point of comparison, not the time
            # the narrative is at.
            and not _COMPARED_BEFORE.search(text, max(0, match.start() - 20), match.start())
        ):
            resolution = read(match.group(), base=published)
            if resolution is not None:
                index = sentence_at(sentence_list, match.start())
                anchors.append(_Anchor(match.start(), index, resolution.span.start))
    mentions: list[Mention] = []
    last_day: date | None = None
    # The year the narrative last named, and in which sentence: "that year" is that one.
    last_year: tuple[int, int] | None = None
    # The last mention that counts from the time of writing ("last week", "on Tuesday"): its
    # sentence and where it stands.
    deictic: tuple[int, int] | None = None
    # The last year named on its own (a year, "last year"): its sentence, year and end.
    sentence_year: tuple[int, int, int] | None = None
    clauses: _Clauses | None = None

    def clauses_of(index: int) -> _Clauses:
        nonlocal clauses
        if clauses is None or clauses.sentence is not sentence_list[index]:
            clauses = _Clauses(text, lowered, sentence_list[index])  # once for each sentence
        return clauses

    def looks_ahead(kind: str, match: re.Match[str], index: int) -> bool:
        """Whether the mention's clause speaks of what is to come, as its kind reads it."""
        if _SINCE_BEFORE.search(text, max(0, match.start() - 20), match.start()):
            return False  # "since Christmas": whatever the verb, it points back
        future = _speaks_of_future(text, clauses_of(index), match.start(), match.end())
        if kind == "holiday":
            # "Nowruz, which falls on Wednesday": its own clause says it is to come.
            return (
                future
                or _HOLIDAY_AHEAD_AFTER.match(text, match.end(), match.end() + 30) is not None
            )
        if kind in {"quarter", "quarter_by_months"} and _RESULTS_FOR.search(
            text, max(0, match.start() - 30), match.start()
        ):
            # "will report earnings for the fourth quarter": results are of a quarter over.
            return False
        if kind in {"weekday", "weekend"} and _UNTIL_BEFORE.search(
            text, max(0, match.start() - 30), match.start()
        ):
            # "cancelled all flights through Wednesday", "may not get home until the
            # weekend": the end of what goes on from now, not a day gone by.
            return True
        if kind == "weekday":
            future = _weekday_looks_ahead(
                text,
                match,
                future,
                present=not _clause_in_the_past(
                    text, clauses_of(index), match.start(), match.end()
                ),
            )
        elif kind == "month_alone" and _POSSESSIVE.match(text, match.end(), match.end() + 2):
            future = False  # "February's inflation reading": a month whose figures exist
        elif kind == "month_alone" and _MONTH_OWN_PAST.match(text, match.end(), match.end() + 30):
            return False
        elif kind == "month_alone" and _MONTH_OWN_FUTURE.match(
            text, match.end(), match.end() + 40
        ):
            return True
        return future or _answers_a_question_of_the_future(text, index, sentence_list)

    for kind, match in found:
        _check(deadline)
        index = sentence_at(sentence_list, match.start())
        if kind == "reference":
            # TimeML's PRESENT_REF, PAST_REF or FUTURE_REF: a value, but no day to suggest
            # an event on (the importer leaves them out); the span is the day of writing.
            said = _REFERENCE.fullmatch(match.group())
            assert said is not None  # only what the pattern found comes here
            timex = next(
                _REFERENCE_VALUES[key] for key, value in said.groupdict().items() if value
            )
            span = DateSpan(published, Precision.DAY)
            mentions.append(Mention(match.group(), match.start(), match.end(), span, timex))
            deictic = (index, match.start())
            continue
        if kind in {"century", "decade_word"}:
            mentions.append(_period(match, published=published))
            continue
        if kind == "spelled_year":
            year = _spelled_year(match.group())
            span = DateSpan(date(year, 1, 1), Precision.YEAR)
            mentions.append(Mention(match.group(), match.start(), match.end(), span))
            last_year = (index, year)
            if _sets_its_sentence(text, match.start(), match.end()):
                sentence_year = (index, year, match.end())
            continue
        if kind == "month_phrase":
            span = DateSpan(date(published.year, published.month, 1), Precision.MONTH)
            mentions.append(Mention(match.group(), match.start(), match.end(), span))
            continue
        if kind in {"fiscal_year", "distant_year"}:
            digits = re.search(r"[0-9]+", match.group())
            assert digits is not None  # the shapes hold them
            year = int(digits.group())
            year += 2000 if year < 100 else 0
            span = DateSpan(date(year, 1, 1), Precision.YEAR)
            mentions.append(Mention(match.group(), match.start(), match.end(), span))
            last_year = (index, year)
            continue
        if kind in {"spelled_short_year", "spelled_month_year"}:
            mention = _spelled_with_year(kind, match, published=published)
            mentions.append(mention)
            last_year = (index, mention.span.start.year)
            continue
        if kind == "holiday":
            future = looks_ahead(kind, match, index)
            since = (
                _narrative_time(text, mentions, sentence_list[index], match.start(), published)
                if future
                else None
            )
            day = _holiday_day(
                match.group(),
                published=since or published,
                future=future,
                anchor=_nearest_anchor(anchors, match.start(), index, sentence_list),
                # "Thanksgiving falls late this year": a clause with no verb in the past
                # does not put it behind the writer either.
                past=_clause_in_the_past(text, clauses_of(index), match.start(), match.end()),
                governed=_governed_by_past(text, clauses_of(index), match.start(), match.end()),
            )
            if day is not None:
                span = DateSpan(day, Precision.DAY)
                mentions.append(Mention(match.group(), match.start(), match.end(), span))
                last_day, last_year = day, (index, day.year)
            continue
        if kind == "same_month":
            named = next(
                (
                    mention
                    for mention in reversed(mentions)
                    if mention.timex is None
                    and mention.span.precision in {Precision.DAY, Precision.MONTH}
                ),
                None,
            )
            if named is not None:
                day = named.span.end or named.span.start
                span = DateSpan(date(day.year, day.month, 1), Precision.MONTH)
                mentions.append(Mention(match.group(), match.start(), match.end(), span))
            continue
        if kind == "offset" and (years := _years_counted(match.group())) is not None:
            # "Two years later": from the year the narrative last named, as "a year later"
            # is ("took state aid in 2009 … repaid it two years later": 2011).
            recent = _recent_year(last_year, index, sentence_list)
            if recent is not None:
                span = DateSpan(date(recent + years, 1, 1), Precision.YEAR)
                mentions.append(Mention(match.group(), match.start(), match.end(), span))
                last_year = (index, recent + years)
                continue
        if kind == "year_phrase" and (
            shifted := _a_year_from(match, mentions, sentence_list, index)
        ):
            mentions.append(shifted)
            continue
        if kind == "year_phrase":
            recent = _recent_year(last_year, index, sentence_list)
            if (
                recent is not None
                and recent < published.year
                and _YEAR_OF_WRITING_PHRASE.fullmatch(match.group())
                and looks_ahead(kind, match, index)
            ):
                # "runs until the end of the year": a year still to come is the writer's,
                # not the past one the sentence named before it.
                recent = published.year
            year = _phrased_year(match.group(), published=published, recent=recent)
            if year is not None:
                mentions.append(
                    Mention(
                        match.group(),
                        match.start(),
                        match.end(),
                        DateSpan(date(year, 1, 1), Precision.YEAR),
                    )
                )
                if _sets_its_sentence(text, match.start(), match.end()):
                    sentence_year = (index, year, match.end())
            continue
        anchor = setting = None
        if kind in _YEAR_LESS and not _A_YEAR.search(match.group()):
            anchor = _nearest_anchor(
                anchors,
                match.start(),
                index,
                sentence_list,
                deictic[1] if deictic is not None else None,
            )
        # The tense is read only where it can change the date: not for "5 March 2019",
        # "2019", "yesterday" or "three days ago".
        future = (
            kind not in _TENSELESS
            and not _A_YEAR.search(match.group())
            and looks_ahead(kind, match, index)
        )
        if (
            anchor is not None
            and future
            and anchor < published
            and _WRITERS_FUTURE.search(text, sentence_list[index].start, match.start())
        ):
            # "Lawmakers will hold hearings on Feb. 25", after a freeze of December 1989;
            # "who faces a re-election vote on Sept. 22", after a record set in March 1845:
            # the writer's own future counts from the time of writing.
            anchor = None
        # "said on Dec. 20 that a truce could be signed on Dec. 23": the future of a past
        # moment the sentence names counts from that moment (TimeML's reference time).
        since = (
            _narrative_time(text, mentions, sentence_list[index], match.start(), published)
            if future and kind in _NARRATIVE_KINDS
            else None
        )
        if _NINE_ELEVEN.fullmatch(match.group()) and _ATTACKS_AFTER.match(text, match.end()):
            setting = 2001  # "the Sept. 11 attacks", whenever it is written
        elif (
            kind in _YEAR_LESS
            and not _A_YEAR.search(match.group())
            and sentence_year is not None
            and sentence_year[0] == index
            and (not future or sentence_year[1] >= published.year)
            # Not across a clause of its own: "formed in 1984 and released its album in
            # March".
            and not _NEW_CLAUSE.search(text, sentence_year[2], match.start())
        ):
            # TimeML's reference time: a sentence that names its year sets the year-less
            # dates after it there ("Last year's show was held on Feb. 9", "in 2010 … the
            # count was certified on Dec. 3"), unless it speaks of the writer's own future.
            setting, anchor = sentence_year[1], None
        resolution = read(
            _spelled_day_as_written(match.group()) if kind == "spelled_day" else match.group(),
            base=since or published,
            future=future,
            anchor=anchor,
            reference=last_day,
            # International news writes the day first, American copy the month (which
            # shows in its datelines and its "March 5, 2019"); and a slip in a weekday
            # should not lose its date: an editor is asked about both instead.
            day_first=not month_first,
            month_first=month_first,
            check_weekday=False,
            # Read only where it can change the date: a month or a day without its year.
            near=not future
            and (
                # A weekday is a week either way: any verb in the past in its clause puts
                # it behind ("came ashore near Rockport on Friday").
                not _clause_in_the_past(text, clauses_of(index), match.start(), match.end())
                if kind == "weekday"
                else kind in _YEAR_LESS
                and not _governed_by_past(text, clauses_of(index), match.start(), match.end())
            ),
            year=setting,
            behind=kind == "weekend"
            and not future
            and _clause_in_the_past(text, clauses_of(index), match.start(), match.end()),
        )
        if resolution is None:
            continue
        surface_start, surface = _trim(match)
        mention = Mention(surface, surface_start, match.end(), resolution.span, resolution.timex)
        mentions.extend(_ends(mention) if kind in _RANGES else [mention])
        if kind in _DEICTIC_KINDS:
            deictic = (index, match.start())
        if resolution.span.precision == Precision.DAY:
            last_day = resolution.span.end or resolution.span.start
        elif (
            resolution.span.precision == Precision.YEAR
            and resolution.span.end is None
            and _sets_its_sentence(text, match.start(), match.end())
        ):
            sentence_year = (index, resolution.span.start.year, match.end())
        if resolution.timex is None or resolution.timex[:4].isdigit():
            last_year = (index, (resolution.span.end or resolution.span.start).year)
    return mentions


# The future seen from a moment in the past ("said in March that she would leave"), and the
# writer's own future, which counts from the time of writing whatever came before it.
_FUTURE_IN_THE_PAST = re.compile(
    r"\b(?:would|could|might|(?:was|were)\s+(?:going\s+to|to|due\s+to|expected\s+to))\b",
    re.IGNORECASE,
)
_WRITERS_FUTURE = re.compile(
    r"\b(?:will|shall|(?:is|are)\s+(?:going\s+)?to|"
    r"(?:is|are)\s+(?:(?:now|still|also)\s+)?(?:due|expected|scheduled|set|slated|planned)|"
    r"ha(?:s|ve)\s+until|"
    # A schedule in the present is the writer's: "the season runs through Nov. 30".
    r"(?:runs|begins|starts|opens|ends|expires|closes|takes\s+effect|faces|meets|plays|hosts|"
    r"visits|airs|convenes|holds|headlines))\b"
    r"|'ll\b",
    re.IGNORECASE,
)


def _a_year_from(
    match: re.Match[str], mentions: list[Mention], sentences: list[Sentence], index: int
) -> Mention | None:
    """ "Sales in November were up 24% from a year earlier": a year before the month or
    quarter the comparison is with, the last one its sentence (or, where its sentence named
    none, the sentence before) named, is that month or quarter a year before (the
    granularity it is compared with); None otherwise."""
    if not _A_YEAR_BEFORE.fullmatch(match.group()) or not mentions:
        return None
    first = sentences[index - 1].start if index else sentences[index].start
    compared = None
    for mention in reversed(mentions):
        if mention.start < first:
            break
        if mention.start >= sentences[index].start and mention is not mentions[-1]:
            continue  # in its own sentence, only what stands just before it
        if mention.span.precision == Precision.MONTH and (
            mention.timex is None or _QUARTER_VALUE.fullmatch(mention.timex)
        ):
            compared = mention
            break
        if mention.start >= sentences[index].start:
            continue
    if compared is None:
        return None
    start = compared.span.start
    span = DateSpan(
        date(start.year - 1, start.month, 1),
        Precision.MONTH,
        date(compared.span.end.year - 1, compared.span.end.month, 1)
        if compared.span.end
        else None,
    )
    timex = f"{start.year - 1}{compared.timex[4:]}" if compared.timex else None
    return Mention(match.group(), match.start(), match.end(), span, timex)


_QUARTER_VALUE = re.compile(r"[0-9]{4}-Q[1-4]")


_A_YEAR_BEFORE = re.compile(r"(?:a|one)\s+year\s+(?:earlier|before|ago)", re.IGNORECASE)


def _narrative_time(
    text: str, mentions: list[Mention], sentence: Sentence, start: int, published: date
) -> date | None:
    """The past moment a date in the future of the past counts from: the last date its
    sentence named before it, when "would", "could" or "was to" stand between the two."""
    for mention in reversed(mentions):
        if mention.start < sentence.start:
            return None
        if mention.end > start or mention.timex in REFERENCE_VALUES:
            continue
        if mention.span.precision == Precision.YEAR:
            return None  # "who staged it in 1998, said it would…": a year is no moment
        moment = mention.span.end or mention.span.start
        if moment > published:
            return None
        between = (mention.end, start)
        if _FUTURE_IN_THE_PAST.search(text, *between) and not _WRITERS_FUTURE.search(
            text, *between
        ):
            return moment
        return None
    return None


_SPELLED_YEAR = re.compile(SPELLED_YEAR, re.IGNORECASE)
_HOLIDAY_YEAR = re.compile(rf",?\s+(?P<year>{YEAR_IN_TEXT})$")


_REFERENCE = re.compile(REFERENCE, re.IGNORECASE)
_REFERENCE_VALUES = {"present": "PRESENT_REF", "pastref": "PAST_REF", "futureref": "FUTURE_REF"}
REFERENCE_VALUES = frozenset(_REFERENCE_VALUES.values())
_CENTURY_PATTERN = re.compile(_CENTURY, re.IGNORECASE)
_DECADE_WORD_PATTERN = re.compile(_DECADE_WORD, re.IGNORECASE)


def _period(match: re.Match[str], *, published: date) -> Mention:
    """A century or a decade in words, as the span of its years and TimeML's value."""
    text = match.group()
    century = _CENTURY_PATTERN.fullmatch(text)
    if century:
        ordinal = century["cnumber"] or century["cword"] or century["cnumber2"]
        if century["crel"]:
            step = {"this": 0, "last": -1, "next": 1}[century["crel"].lower()]
            number = published.year // 100 + 1 + step
        else:
            number = int(ordinal) if ordinal.isdigit() else _CENTURY_ORDINALS[ordinal.lower()]
        first, years, timex = (number - 1) * 100, 100, f"{number - 1:02d}"
    else:
        decade = _DECADE_WORD_PATTERN.fullmatch(text)
        assert decade is not None  # only what the patterns found comes here
        if decade["drel"]:
            step = {"this": 0, "last": -1, "next": 1}[decade["drel"].lower()]
            first = published.year // 10 * 10 + 10 * step
        else:
            # Said without its century, a decade is the last century's: "the eighties".
            first = 1900 + 10 * _DECADE_WORDS[decade["dword"].lower()]
        years, timex = 10, str(first // 10)
    span = DateSpan(date(first, 1, 1), Precision.YEAR, date(first + years - 1, 1, 1))
    return Mention(text, match.start(), match.end(), span, timex)


def _spelled_with_year(kind: str, match: re.Match[str], *, published: date) -> Mention:
    """ "back in ninety-eight" (the last year ending so, or one just ahead: "fiscal
    twenty-six"), "October of ninety-eight", "December of twenty fifteen"."""
    said = match.group()
    month = None
    if kind == "spelled_month_year":
        name, said = said.split(None, 1)
        month, said = month_number(name), re.sub(r"^of\s+", "", said, flags=re.IGNORECASE)
    if _SPELLED_YEAR.fullmatch(said):
        year = _spelled_year(said)
    else:
        digits = spelled_number(re.sub(r"^oh\b", "", said, flags=re.IGNORECASE))
        year = (published.year + _SHORT_YEAR_AHEAD) // 100 * 100 + digits
        if year > published.year + _SHORT_YEAR_AHEAD:
            year -= 100
    span = (
        DateSpan(date(year, month, 1), Precision.MONTH)
        if month
        else DateSpan(date(year, 1, 1), Precision.YEAR)
    )
    return Mention(match.group(), match.start(), match.end(), span)


# How far ahead a year said by its last two digits may lie: "fiscal twenty-six" said in 2025.
_SHORT_YEAR_AHEAD = 10


def _spelled_day_as_written(said: str) -> str:
    """ "November fifth" -> "November 5", "the fifth of November" -> "5 November"."""
    match = _SPELLED_DAY.search(said)
    assert match is not None  # the shape holds one
    return (
        (said[: match.start()] + str(spelled_day(match.group())) + said[match.end() :])
        .replace("the ", "")
        .replace(" of ", " ")
        .strip()
    )


_SPELLED_DAY = re.compile(SPELLED_DAY, re.IGNORECASE)


def _spelled_year(text: str) -> int:
    """ "nineteen ninety-five" -> 1995, "two thousand and nine" -> 2009, "twenty fifty"
    -> 2050, "nineteen oh five" -> 1905."""
    match = _SPELLED_YEAR.fullmatch(text)
    assert match is not None  # only what the pattern found comes here
    if match["yhigh"] or match["yhigh2"]:
        low = spelled_number(match["ylow"] or match["yoh"] or match["ylow2"])
        return spelled_number(match["yhigh"] or match["yhigh2"]) * 100 + low
    return 2000 + (spelled_number(match["ythousand"]) if match["ythousand"] else 0)


def _holiday_day(
    text: str, *, published: date, future: bool, anchor: date | None, past: bool, governed: bool
) -> date | None:
    """The day a holiday fell or will fall on: in the year written after it, else the one
    nearest a full date beside it, else the next one when the clause looks ahead and the
    last one when its sentence speaks in the past (TimeML's reading of a year-less date by
    its verb's tense); in a sentence of neither, the one nearest publication. A past verb
    that does not govern the holiday itself only leans to the last one: "warned of more rain
    over Christmas" written on 21 December is four days ahead."""
    written = _HOLIDAY_YEAR.search(text)
    if written:
        return holiday(text[: written.start()], int(written["year"]))
    around = anchor or published
    days = [
        day
        for year in (around.year - 1, around.year, around.year + 1)
        if (day := holiday(text, year)) is not None
    ]
    if not days:
        return None
    if anchor is not None or not (future or past):
        return min(days, key=lambda day: abs(day - around))
    if future:
        return next((day for day in days if day >= published), None)
    last = next((day for day in reversed(days) if day <= published), None)
    coming = next((day for day in days if day > published), None)
    if governed or coming is None or last is None:
        return last or coming
    return min(
        (last, coming),
        key=lambda day: (
            (published - day).days if day <= published else (day - published).days * FORWARD_WEIGHT
        ),
    )


_YEARS_COUNTED = re.compile(
    rf"(?P<count>{NUMBER})\s+years?\s+(?P<dir>earlier|later|before|after)", re.IGNORECASE
)


def _years_counted(phrase: str) -> int | None:
    """How many years on (or back, below zero) "two years later" counts; None for a count
    of days, weeks or months."""
    match = _YEARS_COUNTED.fullmatch(phrase)
    if match is None:
        return None
    sign = -1 if match["dir"].lower() in {"earlier", "before"} else 1
    return sign * number(match["count"])


# How far back "that year" looks for the year it means: its paragraph, or a few sentences.
_YEAR_REFERENCE_REACH = 3
_YEAR_PHRASE = re.compile(YEAR_PHRASE, re.IGNORECASE)


_YEAR_OF_WRITING_PHRASE = re.compile(
    rf"{PART_OF}[\s-]+the\s+year|the\s+year|year[\s-]end", re.IGNORECASE
)


def _recent_year(
    last_year: tuple[int, int] | None, index: int, sentence_list: list[Sentence]
) -> int | None:
    """The year last named, if it is near enough to be the one a phrase refers back to."""
    if last_year is None:
        return None
    where, year = last_year
    near = sentence_list[where].paragraph == sentence_list[index].paragraph
    return year if near or index - where <= _YEAR_REFERENCE_REACH else None


def _phrased_year(phrase: str, *, published: date, recent: int | None) -> int | None:
    """The year a phrase names: "next year" and "the end of this year" count from
    publication; "that year" and "a year later" from the year the narrative last named
    (nothing without one); "the year" and "year-end" are the year last named, or the year
    of publication; "a year earlier" is the year before either."""
    match = _YEAR_PHRASE.fullmatch(phrase)
    if match is None:
        return None
    if match["ystep"] and match["ystep"].lower() != "the":
        return published.year + {"this": 0, "next": 1, "last": -1}[match["ystep"].lower()]
    if match["fstep"]:
        return published.year + STEPS[" ".join(match["fstep"].lower().split())]
    if match["yref"]:
        return recent
    step = next(
        (
            YEAR_PHRASE_STEPS[word.lower()]
            for word in (match["ydir"], match["ywhich"], match["yside"])
            if word
        ),
        0,
    )
    if step > 0:
        return recent + step if recent is not None else None
    return (recent if recent is not None else published.year) + step


# A wire dateline before a weekday: "KABUL, Monday -" is the day the story was filed.
_DATELINE_BEFORE = re.compile(r"(?:^|\n)\s*[A-Z][A-Z .’'-]+,\s*$")
_DATELINE_AFTER = re.compile(r"\s*[-–—]")
_POSSESSIVE = re.compile(r"[’']s\b")
_POSSESSED_LOOKS_AHEAD = re.compile(
    r"[’']s\s+[a-z]+(?:\s+[a-z]+)?\s+(?:will|is\s+(?:expected|set|due)|are\s+(?:expected|set|due))\b"
)


_FOR_WHAT_COMES = re.compile(
    # "in" only after a verb of appearing: "will appear in Thursday's issue", not "will be
    # out after he was injured in Monday's win".
    r"\b(?:for|before|ahead\s+of|until|(?:appear|appears|run|runs|be|published)\s+in)\s+$",
    re.IGNORECASE,
)


def _weekday_looks_ahead(
    text: str, match: re.Match[str], future: bool, *, present: bool = False
) -> bool:
    """A weekday's own reading of the tense: a dateline's weekday is the day of filing, and
    "Saturday's vote" an event already named, unless its own verb looks ahead ("Sunday's
    vote will decide") or its clause, not in the past, awaits it ("are favorites for
    Sunday's game")."""
    start, end = match.start(), match.end()
    if _DATELINE_BEFORE.search(text, max(0, start - 40), start) and _DATELINE_AFTER.match(
        text, end, end + 3
    ):
        return False
    if _POSSESSIVE.match(text, end, end + 2):
        # "Sunday's vote will decide"; "cleared to return for Sunday's finale".
        return _POSSESSED_LOOKS_AHEAD.match(text, end, end + 50) is not None or (
            (future or present)
            and _FOR_WHAT_COMES.search(text, max(0, start - 20), start) is not None
        )
    return future


# A transcript's answer: "Q: When will they arrive? A: On Tuesday." answers in the question's
# tense.
_ANSWER = re.compile(r"\s*A\s*:")
_QUESTION = re.compile(r"\s*Q\s*:")


def _answers_a_question_of_the_future(
    text: str, index: int, sentence_list: list[Sentence]
) -> bool:
    sentence = sentence_list[index]
    if index == 0 or not _ANSWER.match(text, sentence.start, sentence.start + 5):
        return False
    question = sentence_list[index - 1]
    if not _QUESTION.match(text, question.start, question.start + 5):
        return False
    if _PAST_VERB.search(text, sentence.start, sentence.end):
        return False
    return _FUTURE.search(_lowered(text), question.start, question.end) is not None


def _check(deadline: float | None) -> None:
    if deadline is not None and time.monotonic() >= deadline:
        raise OutOfTime


class _Reader:
    """`resolve_date`, remembering what it has read (None for what it could not): a pasted
    article may say the same date in the same words thousands of times."""

    def __init__(self) -> None:
        self._read: dict[tuple, Resolution | None] = {}

    def __call__(self, text: str, **context: Any) -> Resolution | None:
        key = (text, *context.items())
        if key not in self._read:
            try:
                self._read[key] = resolve_date(text, **context)
            except DateNotUnderstood:
                self._read[key] = None
        return self._read[key]


def _is_date(text: str, match: re.Match[str]) -> bool:
    """Whether a candidate is a date, not a word that only looks like one."""
    kind, found = match.lastgroup, match.group()
    before = text[max(0, match.start() - 24) : match.start()]
    # Month and weekday names are capitalised in English: "may" and "march" are verbs.
    for word in (*MONTH_WORD.findall(found), *WEEKDAY_WORD.findall(found)):
        if not word[0].isupper():
            return False
    # Looked for just after the candidate: a bounded stretch, however long the text.
    after = match.end()
    unread = _UNREAD_YEAR.match(text, after, after + 40) if kind in _YEAR_LESS else None
    # …unless the number counts something: "on 5 March 2500 troops arrived".
    if unread and not _NOT_A_YEAR_AFTER.match(text[unread.end() : unread.end() + 20]):
        return False
    if kind == "month_alone":
        after = text[match.end() : match.end() + 30]
        # "promised for October"; "voted for May" may be a vote for someone.
        if found.lower() != "may" and re.search(r"\bfor\s+$", before):
            return True
        if _MONTH_CUE.search(before):
            # "Theresa May and June Sarpong": after "and", a first name before a surname.
            return not (re.search(r"\b(?:and|or)\s+$", before) and re.match(r"\s+[A-Z]", after))
        # "January and February were revised", "the August primary", "April sales were
        # the strongest": a month beside another, or naming what it is the month of.
        if _ANOTHER_MONTH_AFTER.match(after) and not _NAME_BEFORE.search(before):
            return True  # (after a name, "Theresa May and June" are people)
        if _NAME_BEFORE.search(before):
            return False  # "Theresa May's", "Prime Minister May": a name
        # "while July saw a decline", "forecasters say July could be hotter": the subject
        # of a verb that a month is the subject of, or of a modal.
        if found.lower() != "may" and (
            _MONTH_AS_SUBJECT.match(after)
            or _MODAL_AFTER.match(after)
            or (found.lower() not in MONTHS_ALSO_NAMES and _MONTH_OWN_FUTURE.match(after))
            # "economists expect October to be weaker"
            or re.match(r"\s+to\s+be\b", after)
        ):
            return True
        # "the August primary", "a January deadline", "an unusually warm November."
        if _ARTICLE_BEFORE.search(before) and _NOUN_OR_END_AFTER.match(after):
            return True
        # "February's inflation reading", "January's figure".
        if _POSSESSIVE.match(after) and found.lower() != "may":
            return True
        return bool(
            _SENTENCE_START.search(before)
            and found.lower() != "may"  # "May I", "May says": a modal or a name
            and (
                _PLURAL_NOUN_AFTER.match(after)
                or _MONTH_AS_SUBJECT.match(after)
                # "February inflation came in", not "April told reporters": a noun the
                # month is of, not a verb of someone named for it.
                or (_NOUN_AFTER.match(after) and not _VERB_AFTER.match(after))
                # "October belonged to San Francisco": a verb, after a month that is not
                # also a first name.
                or (found.lower() not in MONTHS_ALSO_NAMES and _VERB_AFTER.match(after))
            )
        )
    if kind in {"relative_period", "week", "decade_word"} and re.search(
        r"\bthe\s+$", before, re.IGNORECASE
    ):
        return False  # "over the last year", "the last week": a stretch of time, not a date
    if kind == "reference":
        # "the past week" is a week, "the present agreement" and "the future of the talks"
        # no time at all; "PRESENT_REF" is TimeML's word, not a writer's.
        after = text[match.end() : match.end() + 30]
        lowered = found.lower()
        if "_" in found:
            return False
        if lowered == "the past":
            return not _A_STRETCH_AFTER.match(after)
        if lowered == "the present":
            return not re.match(r"\s+[a-z]", after)
        if lowered.endswith("future"):
            return not re.match(r"\s+of\b", after)
        if lowered == "soon":
            # "as soon as", "soon after the vote", "the talks soon collapsed": no FUTURE_REF.
            return not (
                re.search(r"\bas\s+$", before, re.IGNORECASE)
                or re.match(r"\s+(?:after|afterwards?|thereafter|as|[a-z]+ed)\b", after)
            )
        return True
    if kind in {"season", "season_alone"} and _GAMES_AFTER.match(text, match.end()):
        return False  # "the Winter Games", "the next Summer Olympics": a name
    if kind == "season_alone":
        # "in spring", "until summer", "late autumn"; not "a hot spring" or "Arab Spring".
        return found.islower() and _SEASON_CUE.search(before) is not None
    if kind == "half" and not _A_YEAR.search(found) and "year" not in found.lower():
        # "the first half" is a date in business copy, a part of a match in sport.
        around = text[max(0, match.start() - 80) : match.end() + 80]
        at = match.start() - max(0, match.start() - 80)
        # Its own sentence only: cut at the full stops on either side.
        first = max(around.rfind(mark, 0, at) for mark in ".!?") + 1
        stops = [i for i in (around.find(mark, at) for mark in ".!?") if i != -1]
        return _BUSINESS_NEAR.search(around, first, min(stops, default=len(around))) is not None
    if kind == "holiday":
        # "the Good Friday accords", "the Easter Rising", "a Christmas truce": a name.
        if _NAMED_AFTER_A_HOLIDAY.match(text, match.end(), match.end() + 20):
            return False
        return found[0].isupper() or found.startswith("the ")
    if kind in {"spelled_day", "spelled_month_year"}:
        # "march fifth" is a verb and a number: a month is written with its capital.
        return found[0].isupper() or found.startswith("the ")
    if kind == "spelled_short_year":
        # Two digits in words are a year only where one is expected: "back in ninety-eight",
        # "fiscal twenty-six"; not "ninety-eight votes" or "she was sixty".
        return (
            _SHORT_YEAR_CUE.search(before) is not None
            and not _NOT_A_YEAR_AFTER.match(text[match.end() : match.end() + 20])
            and not _COUNTED_AFTER.match(text, match.end(), match.end() + 30)
        )
    if kind == "spelled_year":
        # A number said in words is a year only where a year is expected: "in nineteen
        # ninety-five", "by twenty fifty"; not "two thousand troops".
        # A hundreds-and-tens pair ("nineteen ninety-eight", "twenty oh nine") is how a
        # year is said, not a count, wherever it stands, unless a plural noun follows it.
        if _NOT_A_YEAR_AFTER.match(text[match.end() : match.end() + 20]):
            return False
        if _SPELLED_YEAR_CUE.search(before):
            return True
        return _SPELLED_PAIR.fullmatch(found) is not None and not _COUNTED_AFTER.match(
            text, match.end(), match.end() + 30
        )
    if kind == "year_phrase":
        # "Person of the Year", "the year-on-year rise", "the year 2011": not this year.
        return not (
            _AWARD_BEFORE.search(before)
            or re.match(r"-|\s+[0-9]", text[match.end() : match.end() + 2])
        )
    if kind == "weekday":
        word_before = re.search(r"(\S+)\s+$", before)
        if word_before and word_before.group(1).lower() in {"every", "each"}:
            return False  # "every Tuesday" repeats (a TimeML SET): no one date
        after = text[match.end() : match.end() + 2]
        cued = _WEEKDAY_CUE.search(before) is not None or found.split()[0].lower() in {
            "last",
            "next",
            "this",
            "past",
        }
        # Wire copy writes the weekday straight after a dateline, a name or a sentence's
        # first word ("NAIROBI, Sunday -", "Earlier Monday,", "Police Wednesday arrested"):
        # a day, unless the two words make a name ("Good Friday", "Super Tuesday").
        if word_before and not cued and _NAMED_DAY.fullmatch(f"{word_before.group(1)} {found}"):
            return False
        # "the Sunday Times", "Monday Night Football": a name, unless a preposition says
        # it is a day.
        return not (re.match(r"\s[A-Z]", after) and not cued)
    if kind == "distant_year":
        return (
            _DISTANT_YEAR_CUE.search(before) is not None
            and not _NOT_A_YEAR_AFTER.match(text[match.end() : match.end() + 20])
            and not _COUNTED_AFTER.match(text, match.end(), match.end() + 30)
        )
    if kind == "year":
        # "Euro 2020", "'Frontier 2000'": a year after a capitalised word inside a sentence
        # ends a name.
        if _NAME_WITH_A_YEAR.search(before):
            return False
        return not (
            _NOT_A_YEAR_BEFORE.search(before)
            or _NOT_A_YEAR_AFTER.match(text[match.end() : match.end() + 20])
            or re.search(r"[0-9][,.]$", before)
            or (
                _COUNTED_AFTER.match(text, match.end(), match.end() + 30)
                and _WORD_BEFORE.search(before)
                and not _DETERMINER_BEFORE.search(before)
            )
        )
    return True


def _trim(match: re.Match[str]) -> tuple[int, str]:
    """The mention as written, without a leading "between": (start offset, text)."""
    if match.lastgroup == "between":
        return match.start("between_ends"), match.group("between_ends")
    return match.start(), match.group()


@dataclass(frozen=True)
class _Anchor:
    """A full date in the text: where it stands, in which sentence, and its day."""

    position: int
    sentence: int
    day: date


def _nearest_anchor(
    anchors: list[_Anchor],
    position: int,
    index: int,
    sentence_list: list[Sentence],
    deictic: int | None = None,
) -> date | None:
    """The full date nearest a year-less one: in its sentence, or up to two sentences back
    in the same paragraph (of two as near, the earlier date). Not one before `deictic` (a
    "last week", "on Tuesday" or "recently" between them: the narrative is back at the time
    of writing)."""
    # Only the anchors just before and just after the position can be the nearest.
    after = bisect.bisect_left(anchors, position, key=lambda anchor: anchor.position)
    paragraph = sentence_list[index].paragraph
    near = []
    if after > 0:
        before = anchors[after - 1]
        if (deictic is None or before.position > deictic) and (
            before.sentence == index
            or (
                index - 2 <= before.sentence < index
                and sentence_list[before.sentence].paragraph == paragraph
            )
        ):
            near.append((position - before.position, before.day))
    if after < len(anchors) and anchors[after].sentence == index:
        near.append((anchors[after].position - position, anchors[after].day))
    return min(near)[1] if near else None


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _lowered(text: str) -> str:
    """`text` with A–Z lowered and nothing else changed, so offsets stay the same (unlike
    `str.lower`, which may lengthen a letter: "İ")."""
    return text.translate(_ASCII_LOWER)


class _Clauses:
    """Where one sentence's clauses break and where it speaks of the future, found once for
    all the mentions in it (offsets into the whole text)."""

    def __init__(self, text: str, lowered: str, sentence: Sentence) -> None:
        self.sentence, self._text = sentence, text
        bounds = sentence.start, sentence.end
        self.breaks = [match.span() for match in _CLAUSE_BREAK.finditer(text, *bounds)]
        self._cues = [
            match.span()
            for match in _FUTURE.finditer(lowered, *bounds)
            if not _PAST_OF_A_PLAN.search(text, max(bounds[0], match.start() - 30), match.start())
        ]

    def breaks_before(self, position: int) -> list[tuple[int, int]]:
        """The breaks between the start of the sentence and `position`, the last two at most."""
        count = bisect.bisect_right(self.breaks, position, key=lambda span: span[1])
        return self.breaks[max(0, count - 2) : count]

    def next_break(self, position: int) -> int:
        """Where the first break at or after `position` starts (the sentence's end if none)."""
        index = bisect.bisect_left(self.breaks, position, key=lambda span: span[0])
        return self.breaks[index][0] if index < len(self.breaks) else self.sentence.end

    def looks_ahead(self, start: int, end: int) -> bool:
        """Whether words of the future stand between `start` and `end`, and no verb in the
        past after the last of them (which would govern what follows it)."""
        index = bisect.bisect_left(self._cues, start, key=lambda span: span[0])
        if not (index < len(self._cues) and self._cues[index][1] <= end):
            return False
        last = bisect.bisect_right(self._cues, end, key=lambda span: span[1]) - 1
        cue_end = self._cues[max(index, last)][1]
        return _PAST_VERB.search(self._text, cue_end, min(end, cue_end + _PAST_VERB_REACH)) is None


def _sets_its_sentence(text: str, start: int, end: int) -> bool:
    """Whether a year is the time of its clause ("in 2010", "Last year's show", "conceded
    that year") rather than of a noun, a comparison or an aside: "a budget for next year",
    "the worst day since 1987", "Q2 of last year", "Lehman, founded in 1850, had searched"."""
    if _NOT_SETTING_BEFORE.search(text, max(0, start - 20), start):
        return False
    return not (
        _ASIDE_BEFORE.search(text, max(0, start - 40), start) and text.startswith(",", end)
    )


def _governed_by_past(text: str, clauses: _Clauses, start: int, end: int) -> bool:
    """Whether a verb in the past governs the date itself: just before it ("took office in
    February"), or as its clause's verb when the date opens the clause ("On 5 March, troops
    arrived")."""
    if _GOVERNED_BY_PAST.search(text, max(0, start - 60), start):
        return True
    breaks = clauses.breaks_before(start)
    clause = breaks[-1][1] if breaks else clauses.sentence.start
    # Only a preposition and a modifier may stand before it (a bound, for long sentences).
    return (
        start - clause <= _FRONTED_REACH
        and _FRONTED.fullmatch(text, clause, start) is not None
        and _clause_in_the_past(text, clauses, start, end)
    )


def _clause_in_the_past(text: str, clauses: _Clauses, start: int, end: int) -> bool:
    """Whether the clause holding a mention has a verb in the past (looked for near it only,
    so that a long run of text without a break is not searched again for each mention)."""
    breaks = clauses.breaks_before(start)
    clause = max(breaks[-1][1] if breaks else clauses.sentence.start, start - _CLAUSE_REACH)
    return (
        _PAST_VERB.search(text, clause, min(clauses.next_break(end), end + _CLAUSE_REACH))
        is not None
    )


_CLAUSE_REACH = 200  # characters either side of a mention


def _speaks_of_future(text: str, clauses: _Clauses, start: int, end: int) -> bool:
    """Whether the clause holding a mention looks ahead: "will meet on Monday", "agreed to
    meet again in April", "the deadline is May 1". Only the mention's own clause counts, so
    "will march on, a spokesman said on Sunday" puts Sunday in the past."""
    sentence = clauses.sentence
    breaks = clauses.breaks_before(start)
    clause = breaks[-1][1] if breaks else sentence.start
    if clauses.looks_ahead(clause, start):
        return True
    # "gatherings on New Year's Eve could make it worse": the date inside the subject of a
    # verb that looks ahead.
    # Not where a verb in the past governs the date itself: "a match announced on Tuesday may
    # close the case".
    if _AUXILIARY_AFTER.match(text, end, end + 30) and not _PARTICIPLE_BEFORE.search(
        text, max(0, start - 40), start
    ):
        return True
    # "is" and what may follow it, at the end of the clause.
    if _PRESENT_COPULA.search(text, max(clause, start - _COPULA_REACH), start):
        return True
    if breaks and (
        _SHARED_SUBJECT.match(text, breaks[-1][0], breaks[-1][0] + 40)
        # "will be held on June 28, with ministers meeting on June 8": a clause of "with"
        # (or "before", "after", "while") and a participle has no tense but its sentence's.
        or _WITH_CLAUSE.match(text, clause, clause + 60)
    ):
        # "will stay open on Christmas Eve and reopen on Boxing Day": a verb joined to the
        # one before, with no subject of its own, shares its "will".
        previous = breaks[-2][1] if len(breaks) > 1 else sentence.start
        if clauses.looks_ahead(previous, breaks[-1][0]):
            return True
    if start - clause <= CLAUSE_REACH and _ALONE.fullmatch(text, clause, start):
        # The mention stands alone in its clause: the neighbouring clause carries the verb,
        # before it ("they plan to meet next week, on Feb. 17") or after it ("In April,
        # talks will resume").
        if breaks:
            previous = breaks[-2][1] if len(breaks) > 1 else sentence.start
            if clauses.looks_ahead(previous, breaks[-1][0]):
                return True
        after = _LEADING_COMMAS.match(text, min(end, sentence.end), sentence.end).end()
        stop = clauses.next_break(after)
        # "In November, the carmaker told investors it would…": the clause's own verb, in
        # the past, comes before the "would" of what it reports.
        past = _PAST_VERB.search(text, after, stop)
        if past is not None and not clauses.looks_ahead(after, past.start()):
            return False
        return clauses.looks_ahead(after, stop)
    return False
