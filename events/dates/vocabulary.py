"""The words and shapes English dates are written with, in one place.

The month and weekday names here are the only tables of them: `display` writes their full
names, `reading` and `extraction` read every spelling. The patterns' building blocks below
are what both readers compose their patterns from, so a new spelling or a new shape of date
is added here once. Groups are named for `reading`, which reads the parts; `extraction`,
which only finds where dates stand, drops the names (`anonymous`).
"""

import re
from collections.abc import Iterable

# Each month's and weekday's spellings, its full name first (what `display` writes).
MONTHS: tuple[tuple[str, ...], ...] = (
    ("January", "Jan"),
    ("February", "Feb"),
    ("March", "Mar"),
    ("April", "Apr"),
    ("May",),
    ("June", "Jun"),
    ("July", "Jul"),
    ("August", "Aug"),
    ("September", "Sep", "Sept"),
    ("October", "Oct"),
    ("November", "Nov"),
    ("December", "Dec"),
)
WEEKDAYS: tuple[tuple[str, ...], ...] = (
    ("Monday", "Mon"),
    ("Tuesday", "Tue", "Tues"),
    ("Wednesday", "Wed"),
    ("Thursday", "Thu", "Thur", "Thurs"),
    ("Friday", "Fri"),
    ("Saturday", "Sat"),
    ("Sunday", "Sun"),
)
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    # "twenty years ago", "in thirty days"; a count with units ("twenty-five") is not read.
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# How many years, months or days a relative word moves from the base date.
STEPS = {
    "last": -1,
    "previous": -1,
    "the previous": -1,
    "the past": -1,
    "this": 0,
    "the current": 0,
    "next": 1,
    "the following": 1,
}
RELATIVE_DAYS = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "last night": -1,
    "tomorrow": 1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}
# The relative days that are a part of a day, which TimeML marks as a TIME of that day
# ("tonight" is "2013-03-21TNI"), not as the DATE: the day is still what an event takes.
PARTS_OF_DAY = {
    "tonight": "NI",
    "last night": "NI",
    "this morning": "MO",
    "this afternoon": "AF",
    "this evening": "EV",
}

_MONTH_NUMBERS = {
    spelling.lower(): number
    for number, spellings in enumerate(MONTHS, start=1)
    for spelling in spellings
}
_WEEKDAY_NUMBERS = {
    spelling.lower(): number for number, spellings in enumerate(WEEKDAYS) for spelling in spellings
}


def month_number(word: str) -> int:
    """1 for "January", "jan" or "Jan."."""
    return _MONTH_NUMBERS[word.lower().rstrip(".")]


def weekday_number(word: str) -> int:
    """0 for "Monday", "mon" or "Mon." (Python's numbering)."""
    return _WEEKDAY_NUMBERS[word.lower().rstrip(".")]


def number(text: str) -> int:
    """3 for "3", "3rd" or "three"."""
    text = text.lower()
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    return int(re.match(r"[0-9]+", text).group())


def words(phrases: Iterable[str]) -> str:
    """Alternatives, longest first (so "september" is tried before "sep"), spaces as any
    white space."""
    return "|".join(
        phrase.replace(" ", r"\s+") for phrase in sorted(phrases, key=len, reverse=True)
    )


def _spellings(table: tuple[tuple[str, ...], ...]) -> str:
    """Any spelling; a short one may end in a full stop ("Feb.", "Sept."), except "May",
    a word of its own ("in May.")."""
    spellings = {spelling.lower() for names in table for spelling in names}
    whole = {spelling for spelling in spellings if len(spelling) > 4 or spelling == "may"}
    return rf"(?:{words(whole)}|(?:{words(spellings - whole)})\.?)"


# Building blocks -----------------------------------------------------------------------------

MONTH = _spellings(MONTHS)
MONTH_FULL = rf"(?:{words(names[0].lower() for names in MONTHS)})"
WEEKDAY = _spellings(WEEKDAYS)
WEEKDAY_FULL = rf"(?:{words(names[0].lower() for names in WEEKDAYS)})"
DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
# A year as an editor types it ("2019", "'19"), and as running text means one: a number
# outside 1800–2099 there is a count ("1500 troops").
YEAR = r"(?:[12][0-9]{3}|'[0-9]{2})"
YEAR_IN_TEXT = r"(?:1[89][0-9]{2}|20[0-9]{2})"
NUMBER = rf"(?:[0-9]{{1,3}}|{words(NUMBER_WORDS)})"
RELATIVE_YEAR = rf"(?:{words(set(STEPS) - {'the past'})})\s+year"
TIME_OF_DAY = r"(?:morning|afternoon|evening|night)"
PART_OF = r"(?:early|mid|middle\s+of|late|the\s+(?:beginning|start|middle|end)\s+of|end\s+of)"
# Where the two ends of a range meet: a dash, spaced or not, or a word.
RANGE_DASH = r"\s*[–—-]\s*"
RANGE_WORD = r"(?:to|until|till|through)"
# "The day before" ends its clause; "the day before the vote" counts from something else.
CLAUSE_END = r"(?=\s*(?:[,.;:)]|$))"

# A month or weekday name standing as a word, wherever it is in a text.
# Every spelling of a month's or a weekday's name, lower case: where a date may begin.
NAME_SPELLINGS = frozenset(
    spelling.lower() for names in (*MONTHS, *WEEKDAYS) for spelling in names
)
MONTH_WORD = re.compile(rf"\b{MONTH}(?![a-z])", re.IGNORECASE)
WEEKDAY_WORD = re.compile(rf"\b{WEEKDAY}(?![a-z])", re.IGNORECASE)


def optional(pattern: str) -> str:
    return f"(?:{pattern})?"


# Shapes: the parts of a date as they are written, with named groups for the parts.

WEEKDAY_FIRST = rf"(?:(?P<weekday>{WEEKDAY}),?\s+)?"  # "Tuesday, " before a date
PART = rf"(?P<part>{PART_OF})[\s-]+"  # "early ", "mid-", "the end of "
MONTH_STEP = r"(?P<rel>last|this|next)\s+"  # "last March"


def day_month(*, weekday: bool = True) -> str:
    """ "Tuesday, the 5th of March"."""
    first = WEEKDAY_FIRST if weekday else ""
    return rf"{first}(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<month>{MONTH})"


def month_day(*, weekday: bool = True) -> str:
    """ "Tuesday, March the 5th"."""
    first = WEEKDAY_FIRST if weekday else ""
    return rf"{first}(?P<month>{MONTH})\s+(?:the\s+)?(?P<day>{DAY})"


def year_after(*, year: str, relative: str | None = RELATIVE_YEAR) -> str:
    """What gives a day or a month its year: ", 2019", " of 2019", " last year", " of
    last year"."""
    written = rf",?\s+(?:of\s+)?(?P<year>{year})"
    if relative is None:
        return f"(?:{written})"
    return rf"(?:{written}|\s+(?:of\s+)?(?P<relyear>{relative}))"


def iso(*, year: str = r"[0-9]{4}", whole_day: bool = False) -> str:
    """ "2019", "2020-02", "2020-02-29"; or only the last."""
    rest = r"-[0-9]{2}-[0-9]{2}" if whole_day else r"(?:-[0-9]{2}(?:-[0-9]{2})?)?"
    return rf"(?P<iso>{year}{rest})"


def numeric(*, separators: str = r"/.\-", year: str = r"[0-9]{4}") -> str:
    """ "29/02/2020", "29.02.2020": the same separator twice."""
    return (
        rf"(?P<a>[0-9]{{1,2}})(?P<sep>[{separators}])(?P<b>[0-9]{{1,2}})(?P=sep)"
        rf"(?P<year>{year})"
    )


def relative_period(steps: Iterable[str] = STEPS) -> str:
    """ "last month", "earlier this year"."""
    return rf"(?:(?:earlier|later)\s+)?(?P<rel>{words(steps)})\s+(?P<unit>month|year)"


RELATIVE_DAY = rf"(?P<word>{words(RELATIVE_DAYS)})"  # "yesterday", "this morning"


def weekday(names: str = WEEKDAY) -> str:
    """ "Monday", "last Friday", "Sunday morning"."""
    return rf"(?:(?P<rel>last|this|next|past)\s+)?(?P<weekday>{names})(?:\s+{TIME_OF_DAY})?"


def weekend(*, step_required: bool = False) -> str:
    """ "this weekend", "last weekend", "the weekend": a Saturday and the Sunday after it."""
    step = r"(?P<rel>this(?:\s+coming)?|the\s+coming|the\s+past|coming|last|next|past|the)\s+"
    return rf"(?:{step}){'' if step_required else '?'}weekend"


def week() -> str:
    """ "last week", "this week", "next week": a week, Monday to Sunday."""
    return (
        r"(?P<rel>last|this|next|this\s+coming|the\s+coming|coming|the\s+current)\s+week"
        r"|the\s+week\s+(?P<wrel>before\s+last|after\s+next)"
    )


# A decade: "the 1990s", "the late 1970s", "the '80s" (the last century's, but "the '00s"
# and "the '10s"); "the 1800s" is read as its century.
DECADE = (
    r"(?:the\s+)?(?:(?P<dpart>early|mid|late)[\s-]+)?"
    r"(?:(?P<decade>1[0-9]{2}0|20[0-9]0)s"
    r"|(?:(?<=the )|(?<=early )|(?<=late )|(?<=mid-)|(?<=mid ))['’](?P<dshort>[0-9]0)s)"
)


# A year named by a phrase, not a number (TimeML DATEs, valued as years): "the end of the
# year", "early next year", "year-end", "that year", "a year earlier", "the previous year".
YEAR_PHRASE = (
    # First, so that "the year" alone does not take its place: "the year before, prices fell".
    r"the\s+year\s+(?P<yside>before|after)(?!\s+(?:the|a|an|this|that|last|next)\b)"
    rf"|(?:{PART_OF}[\s-]+(?P<ystep>the|this|next|last)|(?P<ythe>the))\s+year"
    # "this fiscal year", "last financial year": the year it mostly falls in, as TimeML has it.
    r"|(?P<fstep>this|next|last|the\s+current)\s+(?:fiscal|financial)\s+year"
    r"|(?P<yend>year[\s-]end)"
    r"|(?P<yref>that|the\s+same)\s+year"
    r"|(?:a|one)\s+year\s+(?P<ydir>earlier|before|later)"
    r"|the\s+(?P<ywhich>previous|preceding|following)\s+year"
)
YEAR_PHRASE_STEPS = {
    "earlier": -1,
    "before": -1,
    "previous": -1,
    "preceding": -1,
    "later": 1,
    "after": 1,
    "following": 1,
}


# A year spelled out, as transcripts write what was said: "nineteen ninety-five", "two
# thousand and nine", "twenty twenty-one", "twenty fifty".
SPELLED_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9,
}  # fmt: skip
SPELLED_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
SPELLED_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_UNITS = words(SPELLED_UNITS)
_TWO_DIGITS = rf"(?:{words(SPELLED_TENS)})(?:[\s-]+(?:{_UNITS}))?|{words(SPELLED_TEENS)}"
SPELLED_YEAR = (
    rf"(?P<yhigh>nineteen|twenty)[\s-]+(?:(?P<ylow>{_TWO_DIGITS})|oh[\s-]+(?P<yoh>{_UNITS}))"
    # Earlier centuries only as a pair of tens: "eighteen twenty-one", not "seventeen ten".
    rf"|(?P<yhigh2>sixteen|seventeen|eighteen)[\s-]+(?P<ylow2>(?:{words(SPELLED_TENS)})"
    rf"[\s-]+(?:{_UNITS}))"
    rf"|two\s+thousand(?:\s+and)?(?:\s+(?P<ythousand>{_TWO_DIGITS}|{_UNITS}))?"
)


# A day said in words after its month, as transcripts write it: "November fifth", "February
# twenty-second", "the fifth of November".
SPELLED_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
_FIRST_NINE = {word: day for word, day in SPELLED_ORDINALS.items() if day < 10}
SPELLED_DAY = rf"(?:(?:twenty|thirty)[\s-]+(?:{words(_FIRST_NINE)})|{words(SPELLED_ORDINALS)})"
# A year said by its last two digits, as people say it: "back in ninety-eight", "oh-eight".
SPELLED_SHORT_YEAR = (
    rf"(?:{words(SPELLED_TENS)})[\s-]+(?:{_UNITS})|(?:{words(SPELLED_TENS)})|oh[\s-]+(?:{_UNITS})"
)


def spelled_day(text: str) -> int:
    """ "twenty-second" -> 22, "fifth" -> 5."""
    total = 0
    for word in re.split(r"[\s-]+", text.lower()):
        total += SPELLED_ORDINALS.get(word) or SPELLED_TENS.get(word, 0)
    return total


def spelled_number(text: str) -> int:
    """ "ninety-five" -> 95, "nine" -> 9, "nineteen" -> 19."""
    total = 0
    for word in re.split(r"[\s-]+", text.lower()):
        total += SPELLED_UNITS.get(word) or SPELLED_TEENS.get(word) or SPELLED_TENS.get(word, 0)
    return total


# A holiday, read as the day it falls on in the year the sentence means. Only those whose day
# is the same wherever the writer is (not "Independence Day", which each country has its own).
HOLIDAY = (
    r"christmas(?:\s+(?:eve|day))?|new\s+year[’']s\s+(?:eve|day)|boxing\s+day"
    r"|valentine[’']s\s+day|halloween|(?:the\s+)?fourth\s+of\s+july|july\s+fourth"
    r"|easter(?:\s+(?:sunday|monday))?|good\s+friday|thanksgiving(?:\s+day)?"
    r"|labou?r\s+day|memorial\s+day|juneteenth|nowruz|nawruz|norouz|navroz"
    r"|(?:st\.?|saint)\s+patrick[’']s\s+day|leap\s+(?:year\s+)?day|election\s+day"
)


# Times TimeML values by their relation to the writer's present, not by a date: "now"
# (PRESENT_REF), "recently" and "the past" (PAST_REF), "the future" (FUTURE_REF).
REFERENCE = (
    r"(?P<present>right\s+now|now|currently|nowadays|these\s+days|at\s+present|present_ref)"
    r"|(?P<pastref>recently|formerly|the\s+past|past_ref)"
    r"|(?P<futureref>the\s+(?:near\s+|distant\s+)?future|soon|future_ref)"
)


# A quarter of a (financial) year: "the third quarter", "first-quarter", "Q3 2019".
# "the April-June quarter", "the July-September period": a quarter by its months.
QUARTER_BY_MONTHS = (
    r"(?P<qmonths>jan(?:uary)?[-–]mar(?:ch)?|apr(?:il)?[-–]june?|"
    r"jul(?:y)?[-–]sep(?:t|tember)?|oct(?:ober)?[-–]dec(?:ember)?)\s+(?:quarter|period)"
    # "the December quarter": named by the month it ends with, as business copy does.
    r"|(?P<qend>march|june|sept(?:ember)?|december)\s+quarter"
)
QUARTER = (
    r"(?:the\s+)?(?P<qord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter"
    rf"(?:\s+of\s+(?:(?P<qyear>{YEAR_IN_TEXT})|(?P<qrel2>this|next|last)\s+year))?"
    rf"|Q(?P<qnum>[1-4])\s+(?P<qyear2>{YEAR_IN_TEXT})"
    # As TimeML writes it: "2019-Q3".
    rf"|(?P<qyear3>{YEAR_IN_TEXT})-Q(?P<qnum2>[1-4])"
    # "Q4 revenue": the quarter alone, which one by the tense.
    r"|(?-i:Q)(?P<qnum3>[1-4])(?![0-9])(?:\s+of\s+(?P<qrel3>this|next|last)\s+year)?"
    # "last quarter", "the current quarter": counted from the quarter of writing.
    r"|(?P<qrel>this|last|next|the\s+current|the\s+previous|the\s+coming|the\s+next)"
    r"\s+quarter"
)
# Month names that are also first names ("April told reporters", "June was elected"): as the
# subject of a verb they may be a person.
MONTHS_ALSO_NAMES = frozenset({"april", "may", "june", "august", "apr", "jun", "aug"})


# A half of a (financial) year, as TimeML writes it ("2019-H1"): "the first half of 2012",
# "second-half profit", "the first half of next year", "H1 2019".
HALF = (
    r"(?:the\s+)?(?P<hord>first|second|1st|2nd)[\s-]+half"
    rf"(?:\s+of\s+(?:(?P<hyear>{YEAR_IN_TEXT})|(?P<hrel>the|this|next|last)\s+year))?"
    rf"|(?-i:H)(?P<hnum>[12])\s+(?P<hyear2>{YEAR_IN_TEXT})"
    rf"|(?P<hyear3>{YEAR_IN_TEXT})-H(?P<hnum2>[12])"
    # "Order intake in H1 rose": the half alone, in business copy, which one by the tense.
    r"|(?-i:H)(?P<hnum3>[12])(?![\w-])"
)
QUARTERS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}
# A season named with which one: "last summer", "this spring", "the winter".
SEASON = (
    r"(?P<srel>last|this|next|past|the)\s+(?P<season>spring|summer|autumn|fall|winter)"
    rf"(?:\s+of\s+(?P<syear>{YEAR_IN_TEXT}))?"
    # As TimeML writes it: "2019-SU" (its winter, "2019-WI", is the one its January is in).
    rf"|(?P<syear2>{YEAR_IN_TEXT})-(?P<scode>SP|SU|FA|WI)"
    # "summer 2021", "autumn 2007".
    rf"|(?P<season2>spring|summer|autumn|fall|winter)\s+(?P<syear3>{YEAR_IN_TEXT})"
)


# ISO 8601's weeks as TimeML writes them: "2019-W23", and its weekend "2019-W23-WE".
ISO_WEEK = r"(?P<wyear>[0-9]{4})-W(?P<week>[0-5][0-9])(?P<weekend>-WE)?"


AGO = rf"(?P<count>{NUMBER})\s+(?P<unit>day|week|month|year)s?\s+ago"  # "three days ago"


def hence(units: str = r"day|week|month|year") -> str:
    """ "in two weeks", "in 10 days' time"."""
    return rf"in\s+(?P<count>{NUMBER})\s+(?P<unit>{units})s?(?:'?\s*time)?"


def offset(directions: str = r"earlier|later|before|after") -> str:
    """ "two days later", "the next day", "the day before": counted from the last day
    mentioned."""
    return (
        rf"(?:(?P<count>{NUMBER})\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>{directions})"
        r"|the\s+(?P<which>next|following|previous)\s+day"
        rf"|the\s+day\s+(?P<side>before|after){CLAUSE_END}"
        # "That day": the day the narrative last named; "the following week": the week after.
        r"|(?P<that>that(?:\s+same)?|the\s+same)\s+day"
        r"|the\s+(?P<wwhich>following|previous|preceding)\s+week"
        r"|(?P<wthat>that)\s+week)"
    )


_NAMED_GROUP = re.compile(r"\(\?P<(\w+)>")
_BACK_REFERENCE = re.compile(r"\(\?P=(\w+)\)")


def anonymous(pattern: str, *, prefix: str, keep: Iterable[str] = ()) -> str:
    """`pattern` with its groups unnamed, so shapes can be combined into one pattern.

    Groups that a back reference needs stay named, with `prefix` so that they stay unique
    in the whole; those in `keep` keep their names as they are.
    """
    referenced = set(_BACK_REFERENCE.findall(pattern))

    def rename(match: re.Match[str]) -> str:
        name = match[1]
        if name in keep:
            return match[0]
        return f"(?P<{prefix}_{name}>" if name in referenced else "(?:"

    pattern = _NAMED_GROUP.sub(rename, pattern)
    return _BACK_REFERENCE.sub(lambda match: f"(?P={prefix}_{match[1]})", pattern)
