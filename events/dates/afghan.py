"""Dates as Dari and Pashto write them, in either calendar, found in running text.

Afghan writing dates things in the Solar Hijri calendar with Afghan month names
("۱۰ حوت ۱۳۹۸", Pashto "د ۱۳۹۸ کال د کب په ۱۰مه", a Pajhwok dateline's "۲ تله ۹۹" with a
two-digit year), in the Gregorian calendar with its own spellings ("۲۹ فبروری ۲۰۲۰",
"سپتمبر ۲۱"), and relatively ("دیروز", "پرون", "سال گذشته", "تېره میاشت"). Iran's month names
and the Latin transliterations ("10 Hoot 1398", "17 Asad 1399") are read too.

Each shape is a pattern over the text as `events.script.fold` leaves it (one form of each
letter, ASCII digits, offsets unchanged); overlapping finds keep the one that starts first,
then the longest. What is found is a `DateSpan` in the Gregorian calendar: a Solar Hijri
month or year without a day is the span of its days, since it is no Gregorian month or year.
Year-less dates take the year of a full date written before them in the text, else fall on
or before the publication day, or on or after it where the sentence speaks of the future.
"""

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

# `reading` imports this module: its FORWARD_WEIGHT is read at call time, not imported.
from events.dates import afghan_words as words
from events.dates import reading, solar_hijri
from events.dates.values import DateSpan, Precision, add_months, last_day
from events.dates.vocabulary import words as alternatives
from events.script import fold

SOLAR_HIJRI = "solar-hijri"
GREGORIAN = "gregorian"


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    span: DateSpan
    timex: str | None = None  # a TIMEX3 value the span does not say: a week ("2020-W37")
    # For a range of two dates ("۲۸ جدی تا ۳۰ جدی ۱۴۰۰"), each end as a find of its own, which
    # TimeML marks as two: the span above is the whole range, as the When field reads it.
    ends: "tuple[Found, Found] | None" = None


def _alternatives(spellings: Iterable[str]) -> str:
    """Any of `spellings` as `fold` leaves them: vocabulary's alternatives, longest first."""
    return alternatives({fold(spelling).lower() for spelling in spellings})


def _relative_years() -> list[str]:
    """ "سال گذشته", "تېر کال", "بل کال": a year word with "last", "this" or "next"."""
    return [
        phrase
        for unit in words.YEAR_WORDS
        for step in (*words.STEP_WORDS, *words.THIS_WORDS)
        for phrase in (f"{unit} {step}", f"{step} {unit}")
    ]


def _month_table(*tables: tuple[tuple[str, ...], ...]) -> dict[str, int]:
    return {
        fold(spelling).lower(): number
        for table in tables
        for number, spellings in enumerate(table, start=1)
        for spelling in spellings
    }


_SOLAR_MONTHS = _month_table(
    words.SOLAR_HIJRI_DARI, words.SOLAR_HIJRI_PASHTO, words.SOLAR_HIJRI_IRANIAN
)
_LATIN_MONTHS = _month_table(words.SOLAR_HIJRI_LATIN)
_GREGORIAN_MONTHS = _month_table(words.GREGORIAN_DARI, words.GREGORIAN_PASHTO)
_WEEKDAYS = {
    fold(spelling): number
    for number, spellings in enumerate(words.WEEKDAYS_DARI)
    for spelling in spellings
}
# Iran's names that are everyday words too ("تیر" an arrow, "دی" Pashto's "is", "مهر" a
# seal): a date only with its year.
_NEEDS_YEAR = {fold(name) for name in ("تیر", "دی", "مهر")}
# Gregorian "May" is also the prefix of a Dari verb ("می‌رود"): a date only beside a year or
# not followed by a verb.
_MAY = fold("می")
# Iran's "مه" (May) is also "fog", Pashto's "don't", and Pashto's ordinal ending ("۱۵مه", the
# 15th): May only before a year ("۱۵ مه ۲۰۲۳", "مه ۲۰۲۳"), or in Dari after a day of its own.
_MAY_IRANIAN = fold("مه")

_AMBIGUOUS = {fold(name) for name in words.AMBIGUOUS_MONTHS}
_SAFE_MONTHS = _alternatives(
    [name for name in (*_SOLAR_MONTHS, *_GREGORIAN_MONTHS) if name not in _AMBIGUOUS]
)
_MONTH_STEPS = _alternatives((*words.MONTH_PAST_WORDS, *words.MONTH_FUTURE_WORDS))
_SOLAR = _alternatives(_SOLAR_MONTHS)
_GREG = _alternatives(_GREGORIAN_MONTHS)
_LATIN = _alternatives(_LATIN_MONTHS)
_MONTH = rf"(?P<month>{_SOLAR}|{_GREG})"
_WEEKDAY = _alternatives(_WEEKDAYS)
# Before and after a word: Arabic letters and digits are both word characters.
_B = r"(?<![\w])"
_E = r"(?![\w])"
_DAY = rf"(?P<day>[12][0-9]|3[01]|0?[1-9]|{_alternatives(words.ORDINAL_DAYS)})(?:ام|مه|م|می|مین)?"
_YEAR4 = r"(?P<year>1[34][0-9]{2}|19[0-9]{2}|20[0-9]{2})"
_YEAR = r"(?P<year>1[34][0-9]{2}|19[0-9]{2}|20[0-9]{2}|[0-9]{2})"
_SOLAR_MARK = r"(?:هجری\s+(?:شمسی|خورشیدی)|خورشیدی|شمسی|لمریز|ه\s*\.?\s*ش\.?|هـ\s*\.?\s*ش\.?)"
_GREGORIAN_MARK = r"(?:میلادی|عیسوی|م\.)"
_MARK = rf"(?:\s*(?P<mark>{_SOLAR_MARK}|{_GREGORIAN_MARK}))?"
_YEAR_WORD = r"(?:سال|کال|د)"
_PART = rf"(?:(?P<part>{_alternatives(words.PART_WORDS)})\s+)"
_RELATIVE_YEARS_WRITTEN = _alternatives((*words.RELATIVE_YEARS, *_relative_years()))
_RELATIVE_YEAR = rf"(?P<relyear>{_RELATIVE_YEARS_WRITTEN})"
# The ezafe after a word ending in a vowel's "ه", written as "ی" after a joiner or a space
# ("هفته‌ی آینده", "جمعه ی گذشته"); its hamza form ("هفتهٔ") is a mark `find` drops.
_EZAFE = r"(?:\s?ی)?"
_YEAR_AFTER = (
    rf"(?:\s*,?\s*(?:{_YEAR_WORD}\s+)?{_YEAR}(?:\s+کال)?{_MARK}|\s+(?:د\s+)?{_RELATIVE_YEAR})"
)

_SHAPES: dict[str, str] = {
    # "۱۰ حوت ۱۳۹۸", "سه‌شنبه ۱۰ حوت", "۲ تله ۹۹", "۲۹ فبروری ۲۰۲۰ میلادی", "۱۰مه د کب"
    "day_month": (
        rf"(?:(?P<weekday>{_WEEKDAY})\s*,?\s+)?(?:روز\s+)?{_DAY}\s*(?:(?:ماه|د)\s+)?{_MONTH}"
        rf"{_YEAR_AFTER}?"
    ),
    # The same without what followed it, for when that was no year ("۵ حمل ۲۰ نفر")
    "day_month_alone": (
        rf"(?:(?P<weekday>{_WEEKDAY})\s*,?\s+)?(?:روز\s+)?{_DAY}\s*(?:(?:ماه|د)\s+)?{_MONTH}"
    ),
    # "د ۱۳۹۸ کال د کب په ۱۰مه", "د ۲۰۲۰ کال د فبرورۍ ۲۹مه نېټه", "د ۲۰۲۱ کال د اګست له ۱۵مې"
    "year_month_day": (
        rf"د\s+{_YEAR4}\s+(?:کال|ل)\s*(?:د\s+)?{_MONTH}(?:\s+(?:د\s+)?میاشتی)?\s+(?:(?:په|له|تر)\s+)?"
        rf"{_DAY}(?:\s+نیټه|\s+نیته)?"
    ),
    # "د کب په ۱۰مه", "د کب د میاشتی ۱۰مه"
    "month_day_pashto": (
        rf"د\s+{_MONTH}(?:\s+(?:د\s+)?میاشتی)?\s+(?:په\s+|له\s+|تر\s+)?{_DAY}(?:\s+نیټه)?"
    ),
    # News style: "سپتمبر ۲۱", "وږې۳۰", "سپتمبر ۲۱، ۲۰۲۲"
    # (not where a day stands before the month: "۵ حمل ۲۰ نفر" is 5 Hamal, then a count)
    "month_day": rf"(?<![0-9]\s)(?<![0-9]){_MONTH}\s*{_DAY}(?!\s*[0-9])(?:\s*,\s*{_YEAR4})?",
    # "حوت ۱۳۹۸", "ماه حمل سال ۱۴۰۰", "د ۱۴۰۰ کال د وری میاشت", "اواخر حوت ۱۳۹۸"
    "month_year": rf"{_PART}?(?:(?:ماه|میاشت|د)\s+)?{_MONTH}{_YEAR_AFTER}",
    "year_month_pashto": (
        rf"د\s+(?:{_YEAR4}\s+کال|{_RELATIVE_YEAR})\s+(?:د|په)\s+{_MONTH}(?:\s+(?:په\s+)?میاشت(?:\s+کی)?|\s+کی)?"
    ),
    # "ماه حوت", "اواخر ماه حوت", "اواخر حوت"
    "month": rf"(?:{_PART}(?:ماه\s+)?|ماه\s+){_MONTH}",
    # "د حوت په میاشت", "د مرغومي میاشتې تر پایه", "کب میاشتې": the word for month after the
    # name makes a month of one that is an everyday word too ("کب" fish, "زمری" lion). Its
    # text starts at the name: the genitive's "د" is no part of it.
    "month_pashto": (
        rf"(?:د\s+)?(?P<at>{_MONTH}(?:\s+په)?\s+(?:{_alternatives(words.MONTH_WORDS_PASHTO)}))"
        r"(?:\s+کی)?"
    ),
    # A month named alone after a preposition, in news: "در اپریل", "په جون کې",
    # "در فوریه گذشته"; only names that are no everyday word. Its text starts at the month.
    "month_bare": (
        rf"(?:{_alternatives(words.MONTH_PREPOSITIONS)})\s+(?P<at>(?:(?P<pre>{_MONTH_STEPS})\s+)?"
        rf"(?P<month>{_SAFE_MONTHS})"
        rf"(?:\s+(?P<after>{_MONTH_STEPS}))?)"
        r"(?:\s+کی)?"
    ),
    # "سال ۱۳۹۹", "سال ۲۰۱۹ میلادی"
    "year": rf"(?:سال|کال)\s+{_YEAR4}{_MARK}",
    # "د ۲۰۱۹ کال"
    "year_pashto": rf"د\s+{_YEAR4}\s+(?:کال|ل\.){_MARK}",
    # "۱۳۹۹ هجری شمسی", "۲۰۲۰ میلادی", "۲۰۱۹ کال"
    "year_marked": rf"{_YEAR4}(?:\s*کال)?\s*(?P<mark>{_SOLAR_MARK}|{_GREGORIAN_MARK})",
    "year_kal": rf"{_YEAR4}\s+کال",
    # "در ۲۰۱۹": a year after a preposition, unless it counts something ("در ۲۰۰۰ نفر")
    "year_bare": r"(?:در|از|تا|الی|په|تر|له|به|until)\s+(?P<bare>19[5-9][0-9]|20[0-4][0-9])",
    # "۱۳۹۹/۶/۲۲", "2020-09-12", "۲۲/۶/۱۳۹۹"
    "numeric": (
        r"(?P<year>1[34][0-9]{2}|19[0-9]{2}|20[0-9]{2})(?P<sep>[/.\-])(?P<m>[0-9]{1,2})(?P=sep)"
        r"(?P<d>[0-9]{1,2})"
        r"|(?P<d2>[0-9]{1,2})(?P<sep2>[/.\-])(?P<m2>[0-9]{1,2})(?P=sep2)"
        r"(?P<year2>1[34][0-9]{2}|19[0-9]{2}|20[0-9]{2})"
    ),
    # "دیروز", "پرون", "نن", "پس فردا"
    "relative_day": rf"(?P<word>{_alternatives(words.RELATIVE_DAYS)})",
    # "سال گذشته", "تېره میاشت", "پارسال", "این ماه"
    "relative_period": (
        rf"(?P<unit>{_alternatives((*words.YEAR_WORDS, *words.MONTH_WORDS))})\s+"
        rf"(?P<step>{_alternatives(words.STEP_WORDS)})"
        rf"|(?P<step2>{_alternatives((*words.STEP_WORDS, *words.THIS_WORDS))})\s+"
        rf"(?P<unit2>{_alternatives((*words.YEAR_WORDS, *words.MONTH_WORDS))})"
        rf"|(?P<word>{_alternatives(words.RELATIVE_YEARS)})"
    ),
    # "سه روز پیش", "دوه کاله مخکې", "۱۸ سال قبل"
    "ago": (
        rf"(?P<count>[0-9]{{1,3}}|{_alternatives(words.NUMBER_WORDS)})\s+"
        r"(?P<unit>روز|روزها|ورځی|ورځ|ماه|میاشتی|میاشت|سال|کال|کاله)\s+"
        rf"(?P<dir>{_alternatives(words.AGO_WORDS)})"
    ),
    # "روز شنبه", "د جمعې په ورځ", "تېره جمعه", "جمعه گذشته"
    # Its text is the weekday and the step beside it: not "روز", nor Pashto's "د ... ورځ"
    # around an oblique one ("د سه شنبې ورځ"), as TimeML leaves out the word for day.
    "weekday": (
        rf"(?:روز\s+|د\s+)?(?P<at>(?:(?P<before>تیره|تیر|راتلونکی|همین|این)\s+)?"
        rf"(?:روز\s+|د\s+)?(?P<weekday>{_WEEKDAY})"
        rf"(?:{_EZAFE}\s+(?P<after>گذشته|اینده|آینده|اتی|تیره|راتلونکی))?)"
        r"(?:\s+(?:په\s+)?ورځ(?:\s+کی)?)?"
    ),
    # "هفته گذشته", "تېره اونۍ", "همین هفته", "دو هفته پیش"
    "week": (
        rf"(?P<wunit>{_alternatives(words.WEEK_WORDS)}){_EZAFE}\s+"
        rf"(?P<wstep>{_alternatives(words.STEP_WORDS)})"
        rf"|(?P<wstep2>{_alternatives((*words.STEP_WORDS, *words.THIS_WORDS))})\s+"
        rf"(?P<wunit2>{_alternatives(words.WEEK_WORDS)})"
        rf"|(?P<wcount>[0-9]{{1,2}}|{_alternatives(words.NUMBER_WORDS)})\s+"
        rf"(?:{_alternatives(words.WEEK_WORDS)})\s+(?:{_alternatives(words.AGO_WORDS)})"
    ),
    # "۵ همین ماه", "پنجم ماه جاری", "د روانې میاشتې په ۵مه"
    "day_this_month": (
        rf"{_DAY}\s+(?:ماه\s+(?:جاری|روان)|(?:همین|این)\s+ماه|جاری)"
        rf"|د\s+(?:روانی|دی|همدی)\s+میاشتی\s+(?:په\s+)?(?P<day2>[12][0-9]|3[01]|0?[1-9])"
        r"(?:مه|م)?"
    ),
    # "10 Hoot 1398", "Asad 1399", "17 Asad 1399": transliterated Solar Hijri, year required.
    "latin": (
        rf"(?:(?P<day>[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
        rf"(?P<latin>{_LATIN})\s*,?\s+(?P<year>1[34][0-9]{{2}})"
    ),
}
# Ranges of days: "۲۸ تا ۳۰ ثور ۱۳۹۸", "له ۲۸ تر ۳۰ ثور", "۲۰–۲۳ لیندۍ". Each end is a
# mention ("۲۸", and "۳۰ ثور ۱۳۹۸" that lends it its month), as TimeML marks them; the "از"
# or "له" before is a preposition, no part of either.
_SHAPES["day_range"] = (
    rf"(?:از\s+|له\s+)?(?P<at>(?P<firstend>(?P<first>[12][0-9]|3[01]|0?[1-9])(?:ام|مه|م)?)"
    rf"\s*(?:تا|الی|تر|[–—-])\s*(?P<lastend>{_DAY}\s*(?:(?:ماه|د)\s+)?{_MONTH}{_YEAR_AFTER}?))"
)
# Nowruz, the Solar Hijri new year's day (1 Hamal): "نوروز ۱۳۹۹", "نوروز سال گذشته", "د ۱۴۰۲
# کال نوروز", "د نوي لمریز کال لومړۍ ورځ", "روز اول سال نو" (not the Gregorian one, "سال نو
# میلادی"). Eid is not here: its day waits on the moon's sighting.
_SHAPES["nowruz"] = (
    rf"(?:د\s+(?:(?P<pyear>1[34][0-9]{{2}}|19[0-9]{{2}}|20[0-9]{{2}})\s+کال"
    rf"|(?P<prel>{_RELATIVE_YEARS_WRITTEN}))\s+)?"
    r"(?:(?P<nbefore>تیر|تیره|راتلونکی)\s+)?نوروز"
    rf"(?:\s+(?:سال\s+)?{_YEAR4}(?:\s+کال)?{_MARK}|\s+(?:د\s+)?{_RELATIVE_YEAR}"
    r"|\s+(?P<nafter>گذشته|اینده|اتی|بعدی))?"
    rf"|(?:د\s+)?(?:{_alternatives(words.NEW_YEAR_DAYS)})(?!\s+(?:میلادی|عیسوی))"
)
_PATTERNS = {
    kind: re.compile(rf"{_B}(?:{pattern}){_E}", re.IGNORECASE) for kind, pattern in _SHAPES.items()
}
_PRIORITY = list(_SHAPES)  # on a tie of start and length, the earlier shape wins
# Where two dates meet to make a range: "۲۸ ثور تا ۲ جوزا ۱۳۹۸".
_RANGE_JOIN = re.compile(r"\s*(?:تا|الی|تر|[–—-])\s*")
# Between a weekday or "today" and the date it names: "نن چهارشنبه سپتمبر ۲۱".
_SAME_DAY_JOIN = re.compile(r"\s*,?\s*")
# Where a clause ends: a sentence's end, a comma, or "and" and "but" between clauses.
_CLAUSE_END = re.compile(r"[.!?؟\n,;؛]|\s(?:و|او|اما|خو|ولی|چی|که)\s")
# A weekday's name is a city's where a word for a city or a capital stands right before it
# ("شهر دوشنبه", "پایتخت تاجیکستان، دوشنبه") or an apposition after it names it a capital
# ("دوشنبه، پایتخت تاجیکستان", "دوشنبې، د دغه هېواد پلازمېنه"). The apposition names the
# country (Tajikistan's is the one capital so named) or points to it: "شنبه، پایتخت آرام
# بود" is "on Saturday the capital was calm", "دوشنبه پایتخت را ترک کرد" "left it on Monday".
_CAPITAL = r"(?:پایتخت|پلازمینه|پلازمینی)"
_TAJIKISTAN = r"(?:تاجیکستان|تاجکستان)"
_CITY_BEFORE = re.compile(
    # not "این شهر شنبه": "in this city on Saturday"
    r"(?<!این\s)(?<!ان\s)(?<!همین\s)(?<!همان\s)(?<!دغه\s)(?<!هغه\s)"
    rf"(?<![\w])(?:شهر|ښار|{_CAPITAL})(?:\s+(?:د\s+)?{_TAJIKISTAN}\s*,)?\s*$"
)
_CAPITAL_AFTER = re.compile(
    rf"\s*,?\s*(?:{_CAPITAL}\s+(?:{_TAJIKISTAN}|(?:این|ان)\s+کشور)"
    rf"|د\s+(?:{_TAJIKISTAN}|(?:دغه|دی|هغه)\s+هیواد)\s+{_CAPITAL})(?![\w])"
)
# Pashto puts its city word after the name: "د دوشنبې ښار", "په دوشنبه ښار کې" (but "شنبه
# ښار ته ولاړ" is "went to town on Saturday").
_CITY_AFTER = re.compile(r"\s+(?:په\s+)?ښار(?P<in>\s+کی)?(?![\w])")
_IN_BEFORE = re.compile(r"(?<![\w])په\s+$")
# Pashto's "the other day" counts from what a genitive names before it, where one does.
_AFTER_WHAT_IS_NAMED = {fold("بله ورځ")}
_OF_SOMETHING = re.compile(r"(?<![\w])د\s+[^\W\d]+\s+$")  # "د اختر ", not "د سیمې خلک "
_COUNTED = re.compile(
    rf"(?:[0-9]+|{_alternatives(words.NUMBER_WORDS)}|چند)\s*$"
)  # "۱۰ روز گذشته": the past ten days, no date
_VERB_AFTER = re.compile(r"\s*[^\W\d]{2,}(?:ند|د)(?![\w])")  # "می رسد": a verb, not May
_COUNT_NOUN = re.compile(
    r"\s*(?:نفر|تن|کس|کسان|سرباز|زندانی|زندانیان|دالر|افغانی|متر|کیلومتر|هزار|میلیون|ملیون"
    r"|فیصد|درصد|عضو|طالب|خانواده|ټن)(?![\w])"
)


def find(text: str, *, published: date, language: str = "fa") -> list[Found]:
    """The dates written in a Dari or Pashto text (or the transliterated Solar Hijri ones
    in an English one), resolved against its publication day."""
    plain, marks = _without_marks(text)
    folded = fold(plain)
    candidates = []
    for rank, kind in enumerate(_PRIORITY):
        if language == "en" and kind != "latin":
            continue
        for match in _PATTERNS[kind].finditer(folded):
            # A date's text leaves out the preposition before it, where a shape needs one.
            start = match.start("at") if "at" in match.re.groupindex else match.start()
            end = match.end("at") if "at" in match.re.groupindex else match.end()
            candidates.append((start, -(end - start), rank, kind, match))
    # The longest find wins where finds overlap; then the one that starts first.
    candidates.sort(key=lambda candidate: (candidate[1], candidate[0], candidate[2]))
    trial = _Reader(folded, plain, published, language)  # which finds read as dates at all
    taken: list[tuple[int, int, str, re.Match[str]]] = []
    # What is taken never overlaps, so in order of start its ends ascend too: a find overlaps
    # one only if it overlaps the last that starts before its end. (Asking each of them made
    # a long text's finds quadratic.)
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    for start, length, _rank, kind, match in candidates:
        end = start - length
        before = bisect_left(taken_starts, end)
        if before and taken_ends[before - 1] > start:
            continue
        if trial.read(kind, match) is not None:
            taken.append((start, end, kind, match))
            taken_starts.insert(before, start)
            taken_ends.insert(before, end)
    reader = _Reader(folded, plain, published, language)
    found: list[Found] = []
    # Read in text order: a year-less date takes its year from a full date before it.
    for start, end, kind, match in sorted(taken, key=lambda item: item[0]):
        span = reader.read(kind, match)
        if span is not None:
            found.append(Found(start, end, span, reader.timex, _day_range_ends(match, span)))
    joined = _joined(folded, found)
    return [_in_text(item, marks) for item in joined] if marks else joined


# Harakat, tanwin and the hamza written over an ezafe ("هفتهٔ آینده", "سالِ گذشته"): marks a
# writer may add or leave out, so no pattern spells them. `find` reads the text without
# them and moves what it found back to the text's own offsets.
_MARKS = re.compile(r"[\u064B-\u0655\u0670]")


def _without_marks(text: str) -> tuple[str, list[int]]:
    """`text` without its marks, and for each mark the offset in that text of the letter
    after it (ascending), from which offsets are moved back."""
    if not _MARKS.search(text):
        return text, []
    slots = [match.start() - number for number, match in enumerate(_MARKS.finditer(text))]
    return _MARKS.sub("", text), slots


def _in_text(item: Found, marks: list[int]) -> Found:
    """`item` at the offsets of the text with its marks: a start before the marks that
    precede its letter, an end after its last letter."""

    def at(offset: int) -> int:
        return offset + bisect_right(marks, offset)

    ends = item.ends and (_in_text(item.ends[0], marks), _in_text(item.ends[1], marks))
    return replace(item, start=at(item.start), end=at(item.end - 1) + 1, ends=ends)


_RANGE_WORDS_AROUND = re.compile(r"^(?:از|له)\s+(?=.*\s(?:تا|تر)\s)|\s+(?:پورې|پوری)$")


def read(text: str, *, base: date) -> DateSpan | None:
    """One date as an editor types it in Dari, Pashto or transliteration ("۱۰ حوت ۱۳۹۸",
    "17 Asad 1399", "پرون"), or None where the whole of `text` is not one."""
    # "از ۸ تا ۱۰ جوزا", "له ۷ تر ۸ جولای پورې": the words around a range are no date.
    stripped = _RANGE_WORDS_AROUND.sub("", text.strip(" ,.;،")).strip(" ,.;،")
    if not stripped:
        return None
    if _A_YEAR_ALONE.fullmatch(fold(stripped)) and not stripped.isascii():
        # A year in Persian or Arabic-Indic digits and nothing else ("۱۳۹۸", "۲۰۱۹"): in
        # running text a number, in the When field a year (a Solar Hijri one as the span of
        # its days). "1398" in Latin digits is left to the English reading.
        year = int(fold(stripped))
        calendar = _calendar_of_year(year, None)
        if calendar == SOLAR_HIJRI:
            first, last = solar_hijri.year_days(year)
            return DateSpan(first, Precision.DAY, last)
        return DateSpan(date(year, 1, 1), Precision.YEAR) if calendar == GREGORIAN else None
    months = _month_range(stripped, base=base)
    if months is not None:
        return months
    found = find(stripped, published=base, language="fa")
    if not found:
        found = find(stripped, published=base, language="en")
    if len(found) != 1 or (found[0].start, found[0].end) != (0, len(stripped)):
        return None
    return found[0].span


def _month_range(text: str, *, base: date) -> DateSpan | None:
    """Two months and the year they share, as an editor types them ("می تا جون ۲۰۱۹",
    "حمل تا ثور ۱۴۰۰"): the first month takes the second's year."""
    parts = _RANGE_JOIN.split(fold(text))
    if len(parts) != 2 or re.search(r"[0-9]", parts[0]):
        return None
    year = re.search(r"[0-9]{4}\s*$", parts[1])
    if year is None:
        return None
    first, second = (find(part, published=base, language="fa") for part in (
        f"{parts[0]} {year.group().strip()}", parts[1]))  # fmt: skip
    if len(first) != 1 or len(second) != 1:
        return None
    if not _can_range_months(first[0].span, second[0].span):
        return None
    return DateSpan(first[0].span.start, first[0].span.precision, _end(second[0]))


def _joined(folded: str, found: list[Found]) -> list[Found]:
    """Neighbours that are one date: a weekday or "today" beside the date it names, and two
    days joined by "تا" (to) into a range."""
    joined: list[Found] = []
    for item in found:
        if joined:
            last = joined[-1]
            between = folded[last.end : item.start]
            if _SAME_DAY_JOIN.fullmatch(between) and _same_day(last.span, item.span):
                joined[-1] = Found(last.start, item.end, _more_precise(last.span, item.span))
                continue
            if _RANGE_JOIN.fullmatch(between):
                first = _first_end(folded, last, item)
                if _can_range(first, item.span):
                    whole = DateSpan(first.start, Precision.DAY, _end(item))
                    ends = (replace(last, span=first), item)
                    joined[-1] = Found(last.start, item.end, whole, ends=ends)
                    continue
        joined.append(item)
    return joined


def _same_day(first: DateSpan, second: DateSpan) -> bool:
    days = [span for span in (first, second) if span.precision == Precision.DAY and not span.end]
    return len(days) == 2 and first.start == second.start


def _more_precise(first: DateSpan, second: DateSpan) -> DateSpan:
    return first if first.precision >= second.precision else second


def _can_range(first: DateSpan, second: DateSpan) -> bool:
    single_days = all(
        span.precision == Precision.DAY and span.end is None for span in (first, second)
    )
    return single_days and timedelta(0) < second.start - first.start <= timedelta(days=366)


def _can_range_months(first: DateSpan, second: DateSpan) -> bool:
    """Two months an editor joins into a range ("می تا جون ۲۰۱۹", "حمل تا ثور ۱۴۰۰"): both
    Gregorian months, or both a Solar Hijri month's days, the second after the first within
    a year. (Running text keeps them two dates, as TimeML annotates "از جوزا تا سنبله".)"""
    both_gregorian = all(
        span.precision == Precision.MONTH and span.end is None for span in (first, second)
    )
    both_solar = all(
        span.precision == Precision.DAY and span.end is not None for span in (first, second)
    )
    if not (both_gregorian or both_solar):
        return False
    return timedelta(0) < second.start - first.start <= timedelta(days=366)


def _first_end(folded: str, first: Found, second: Found) -> DateSpan:
    """A range's first end, moved into the year of its second where it was written without
    one ("۲۸ می تا ۲ جون ۲۰۱۹": the 28 May before 2 June 2019, not the one near publication)."""
    span = first.span
    if span.precision != Precision.DAY or span.end is not None:
        return span
    if re.search(r"[0-9]{4}", folded[first.start : first.end]):
        return span  # it has a year of its own
    day, last = span.start, _end(second)
    # The same day and month, in the second end's year or the one before, in the calendar the
    # first end was written in.
    in_year: Callable[[int], date]
    if _SOLAR_MONTH_WRITTEN.search(folded, first.start, first.end):
        solar, year = solar_hijri.from_gregorian(day), solar_hijri.from_gregorian(last).year
        in_year = lambda y: solar_hijri.to_gregorian(y, solar.month, solar.day)  # noqa: E731
    else:
        year = last.year
        in_year = day.replace
    candidates = []
    for candidate_year in (year, year - 1):
        try:
            candidates.append(in_year(candidate_year))
        except ValueError:  # 29 February, 30 Hut: not in every year
            continue
    before = [candidate for candidate in candidates if candidate < last]
    return DateSpan(max(before), Precision.DAY) if before else span


def _day_range_ends(match: re.Match[str], span: DateSpan) -> "tuple[Found, Found] | None":
    """The two ends of a range of days ("۱" and "۵ حمل ۱۴۰۲" of "۱ تا ۵ حمل ۱۴۰۲"), each a
    find with its own day; None for a find of another shape."""
    if "firstend" not in match.re.groupindex or span.end is None:
        return None
    first = Found(
        match.start("firstend"), match.end("firstend"), DateSpan(span.start, span.precision)
    )
    last = Found(match.start("lastend"), match.end("lastend"), DateSpan(span.end, span.precision))
    return first, last


def _end(item: Found) -> date:
    return item.span.end or item.span.start


class _Reader:
    """Reads each kind of match; remembers the last full date for year-less ones."""

    def __init__(self, folded: str, text: str, published: date, language: str) -> None:
        self.folded = folded
        self.text = text
        self.published = published
        self.language = language
        self.anchor: date | None = None
        self.timex: str | None = None  # set by a reader whose value is not its span's
        self._breaks: tuple[list[int], list[int]] | None = None  # see `_clause`

    def read(self, kind: str, match: re.Match[str]) -> DateSpan | None:
        reader: Callable[[re.Match[str]], DateSpan | None] = getattr(self, f"_{kind}")
        self.timex = None
        try:
            span = reader(match)
        except (ValueError, OverflowError):
            return None  # 31 Mizan, 30 Hut of a common year: not a day
        return span

    # Shapes ---------------------------------------------------------------------------------

    def _day_month(self, match: re.Match[str]) -> DateSpan | None:
        return self._date(match, match["day"], match["month"], match["year"], match["mark"])

    def _day_month_alone(self, match: re.Match[str]) -> DateSpan | None:
        return self._date(match, match["day"], match["month"], None, None)

    def _year_month_day(self, match: re.Match[str]) -> DateSpan | None:
        return self._date(match, match["day"], match["month"], match["year"], None)

    def _month_day_pashto(self, match: re.Match[str]) -> DateSpan | None:
        return self._date(match, match["day"], match["month"], None, None)

    def _month_day(self, match: re.Match[str]) -> DateSpan | None:
        return self._date(match, match["day"], match["month"], match["year"], None)

    def _month_year(self, match: re.Match[str]) -> DateSpan | None:
        return self._month(match, match["month"], match["year"], match["mark"])

    def _year_month_pashto(self, match: re.Match[str]) -> DateSpan | None:
        return self._month(match, match["month"], match["year"], None)

    def _month(self, match: re.Match[str], month: str | None = None, year: str | None = None,
               mark: str | None = None) -> DateSpan | None:  # fmt: skip
        month = month or match["month"]
        calendar, number = _month_of(month)
        if year is None and month.lower() in _NEEDS_YEAR:
            return None
        if month.lower() in (_MAY, _MAY_IRANIAN) and year is None:
            return None  # "ماه می" is May, but "د می میاشت" rarely; leave the bare word alone
        full = self._full_year(year, calendar, mark, match)
        if year is not None and full is None:
            return None
        if full is None and match.groupdict().get("relyear"):
            full = self._relative_year(match["relyear"], calendar)
        if calendar == SOLAR_HIJRI:
            if full is None:
                full = self._year_less(
                    match,
                    lambda y: solar_hijri.month_days(y, number)[0],
                    solar_hijri.from_gregorian,
                    ends=lambda y: solar_hijri.month_days(y, number)[1],
                )
            first, last = solar_hijri.month_days(full, number)
            return DateSpan(first, Precision.DAY, last)
        if full is None:
            full = self._year_less(
                match,
                lambda y: date(y, number, 1),
                _gregorian_day,
                ends=lambda y: last_day(date(y, number, 1), Precision.MONTH),
            )
        return DateSpan(date(full, number, 1), Precision.MONTH)

    def _year_pashto(self, match: re.Match[str]) -> DateSpan | None:
        return self._year(match)

    def _year_kal(self, match: re.Match[str]) -> DateSpan | None:
        return self._year(match)

    def _year_marked(self, match: re.Match[str]) -> DateSpan | None:
        return self._year(match)

    def _month_pashto(self, match: re.Match[str]) -> DateSpan | None:
        return self._month(match)

    def _month_bare(self, match: re.Match[str]) -> DateSpan | None:
        if _COUNT_NOUN.match(self.folded, match.end()):
            return None
        return self._month(match)

    def _year_bare(self, match: re.Match[str]) -> DateSpan | None:
        return self._year(match)

    def _year(self, match: re.Match[str]) -> DateSpan | None:
        bare = match.groupdict().get("bare")
        if bare is not None:
            if _COUNT_NOUN.match(self.folded, match.end()):
                return None
            return DateSpan(date(int(bare), 1, 1), Precision.YEAR)
        year = int(match["year"])
        calendar = _calendar_of_year(year, match.groupdict().get("mark"))
        if calendar == SOLAR_HIJRI:
            first, last = solar_hijri.year_days(year)
            return DateSpan(first, Precision.DAY, last)
        if calendar == GREGORIAN:
            return DateSpan(date(year, 1, 1), Precision.YEAR)
        return None

    def _numeric(self, match: re.Match[str]) -> DateSpan | None:
        year = int(match["year"] or match["year2"])
        month = int(match["m"] or match["m2"])
        day = int(match["d"] or match["d2"])
        if _calendar_of_year(year, None) == SOLAR_HIJRI:
            found = solar_hijri.to_gregorian(year, month, day)
        else:
            found = date(year, month, day)
        self.anchor = found
        return DateSpan(found, Precision.DAY)

    def _relative_day(self, match: re.Match[str]) -> DateSpan | None:
        if self._counted_before(match) and " " in match["word"]:
            return None  # "۱۰ روز گذشته": the past ten days
        word = " ".join(match["word"].split())
        if word in _AFTER_WHAT_IS_NAMED and _OF_SOMETHING.search(
            self.folded, max(0, match.start() - 30), match.start()
        ):
            return None  # "د اختر بله ورځ": the day after Eid, not after tomorrow
        day = self.published + timedelta(days=_RELATIVE_DAYS[word])
        if part := _PARTS_OF_DAY.get(word):
            self.timex = f"{day.isoformat()}T{part}"
        return DateSpan(day, Precision.DAY)

    def _relative_period(self, match: re.Match[str]) -> DateSpan | None:
        if match["word"] is not None:
            step = _RELATIVE_YEARS[" ".join(match["word"].split())]
            return DateSpan(date(self.published.year + step, 1, 1), Precision.YEAR)
        if match["unit"] is not None and self._counted_before(match):
            return None  # "۲۰ سال گذشته": the past twenty years
        unit = match["unit"] or match["unit2"]
        step_word = " ".join((match["step"] or match["step2"]).split())
        step = _STEPS.get(step_word, 0)
        if unit in _YEAR_UNITS:
            return DateSpan(date(self.published.year + step, 1, 1), Precision.YEAR)
        return DateSpan(add_months(self.published.replace(day=1), step), Precision.MONTH)

    def _ago(self, match: re.Match[str]) -> DateSpan | None:
        count = match["count"]
        number = int(count) if count.isdigit() else _NUMBERS[count]
        unit = match["unit"]
        if unit in {"روز", "روزها", "ورځی", "ورځ"}:
            return DateSpan(self.published - timedelta(days=number), Precision.DAY)
        if unit in {"ماه", "میاشتی", "میاشت"}:
            return DateSpan(add_months(self.published.replace(day=1), -number), Precision.MONTH)
        return DateSpan(date(self.published.year - number, 1, 1), Precision.YEAR)

    def _weekday(self, match: re.Match[str]) -> DateSpan | None:
        before = self.folded[max(0, match.start() - 6) : match.start()]
        if re.search(r"نماز\s*$", before):
            return None  # "نماز جمعه": Friday prayers, any Friday
        if self._names_a_city(match):
            return None  # "شهر دوشنبه": Dushanbe, Tajikistan's capital
        weekday = _WEEKDAYS[" ".join(match["weekday"].split())]
        step = match["before"] or match["after"]
        behind = (self.published.weekday() - weekday) % 7
        ahead = (weekday - self.published.weekday()) % 7
        if step in {"گذشته", "تیره", "تیر"}:
            return DateSpan(self.published - timedelta(days=behind or 7), Precision.DAY)
        if step in {"اینده", "آینده", "اتی", "راتلونکی"}:
            return DateSpan(self.published + timedelta(days=ahead or 7), Precision.DAY)
        after = match.groupdict().get("after")
        if (
            after in _MONTH_FUTURE
            or (after is None and self._speaks_of_future(match))
            or self._until(match)
        ):
            return DateSpan(self.published + timedelta(days=ahead), Precision.DAY)
        return DateSpan(self.published - timedelta(days=behind), Precision.DAY)

    def _until(self, match: re.Match[str]) -> bool:
        """Whether a weekday ends what goes on from now: "تا سه‌شنبه فرصت دارند" (they have
        until Tuesday), Pashto's "د چهارشنبې تر ورځې پورې" (by Wednesday); not the end of a
        range that opens with its own day ("از شنبه تا دوشنبه")."""
        start, end = match.start(), match.end()
        before = self.folded[max(0, start - 30) : start]
        if _UNTIL_BEFORE.search(before) and not _FROM_BEFORE.search(before):
            return True
        return _UNTIL_AFTER.match(self.folded, end) is not None

    def _names_a_city(self, match: re.Match[str]) -> bool:
        """Whether the weekday of `match` is a city's name: directly after a word for a city
        or a capital, or followed by one as an apposition ("دوشنبه، پایتخت تاجیکستان"), or in
        Pashto before the city word ("د دوشنبې ښار", "په دوشنبه ښار کې")."""
        if match["before"] or match["after"]:
            return False  # "شنبه گذشته": last Saturday, whatever stands before it
        start = match.start("weekday")
        if start == match.start() and _CITY_BEFORE.search(self.folded, max(0, start - 30), start):
            return True
        after = match.end("weekday")
        if _CAPITAL_AFTER.match(self.folded, after):
            return True
        # "از دوشنبه به کابل بازمی‌گردد": from Dushanbe to Kabul (not "از دوشنبه به بعد",
        # from Monday on).
        if _FROM_BEFORE_CITY.search(self.folded, max(0, start - 4), start) and _TO_A_PLACE.match(
            self.folded, after
        ):
            return True
        genitive = start != match.start() and self.folded[match.start()] == "د"
        located = _IN_BEFORE.search(self.folded, max(0, start - 4), start) is not None
        city = _CITY_AFTER.match(self.folded, after)
        return city is not None and (genitive or (located and city["in"] is not None))

    def _nowruz(self, match: re.Match[str]) -> DateSpan | None:
        written = match["year"] or match["pyear"]
        relative = match["relyear"] or match["prel"]
        if written is not None:
            year = int(written)
            calendar = _calendar_of_year(year, match["mark"])
            if calendar is None:
                return None
            if calendar == GREGORIAN:
                year -= _HIJRA_YEARS  # the Nowruz in that year's March
        elif relative is not None:
            # "نوروز سال گذشته": last year's, a Gregorian year as "سال گذشته" is alone
            year = self._relative_year(relative, GREGORIAN) - _HIJRA_YEARS
        else:
            year = self._nowruz_near(match)
        day = solar_hijri.to_gregorian(year, 1, 1)
        if written is not None:
            self.anchor = day
        return DateSpan(day, Precision.DAY)

    def _nowruz_near(self, match: re.Match[str]) -> int:
        """The Solar Hijri year whose Nowruz a bare "نوروز" means: near the last full date
        written before it; else the coming one where the clause looks ahead, the last one
        where its verb is past, and otherwise (or where it is placed only against another
        event: "پس از نوروز", after Nowruz) the one nearer the publication day."""

        def nowruz(year: int) -> date:
            return solar_hijri.to_gregorian(year, 1, 1)

        anchor = self.anchor
        if anchor is not None:
            near = solar_hijri.from_gregorian(anchor).year
            return min(
                (near - 1, near, near + 1), key=lambda year: abs((nowruz(year) - anchor).days)
            )
        last = solar_hijri.from_gregorian(self.published).year  # on or before publication
        coming = last if nowruz(last) == self.published else last + 1
        step = match["nbefore"] or match["nafter"]
        if step is not None:  # "نوروز گذشته", "راتلونکی نوروز": the one before or after today
            if _STEPS[step] > 0:
                return last + 1
            return last if nowruz(last) < self.published else last - 1
        if not self._placed_against_another(match):
            ahead, behind = self._speaks_of_future(match), self._speaks_of_past(match)
            if ahead and not behind:
                return coming
            if behind and not ahead:
                return last
        return min((last, coming), key=lambda year: abs((nowruz(year) - self.published).days))

    def _placed_against_another(self, match: re.Match[str]) -> bool:
        """Whether `match` is the time of another event, before or after it ("پس از
        رخصتی‌های نوروز", "له نوروز وروسته"): then the clause's tense is that event's."""
        if _RELATION_BEFORE.search(self.folded, max(0, match.start() - 40), match.start()):
            return True
        return _RELATION_AFTER.match(self.folded, match.end()) is not None

    def _speaks_of_past(self, match: re.Match[str]) -> bool:
        """Whether the clause holding `match` has a verb in the past ("برگزار شد",
        "ولمانځل شو")."""
        start, end = self._clause(match)
        cues = _PAST_PASHTO if self.language == "ps" else _PAST_DARI
        return cues.search(self.folded, start, end) is not None

    def _latin(self, match: re.Match[str]) -> DateSpan | None:
        number = _LATIN_MONTHS[match["latin"].lower()]
        year = int(match["year"])
        if match["day"] is None:
            first, last = solar_hijri.month_days(year, number)
            return DateSpan(first, Precision.DAY, last)
        return DateSpan(solar_hijri.to_gregorian(year, number, int(match["day"])), Precision.DAY)

    def _day_range(self, match: re.Match[str]) -> DateSpan | None:
        end = self._date(match, match["day"], match["month"], match["year"], match["mark"])
        if end is None:
            return None
        first = int(match["first"])
        last_number = _day_number(match["day"])
        if first >= last_number:
            return None
        start = end.start - timedelta(days=last_number - first)
        return DateSpan(start, Precision.DAY, end.start)

    def _week(self, match: re.Match[str]) -> DateSpan | None:
        count = match["wcount"]
        if count is not None:
            step = -(int(count) if count.isdigit() else _NUMBERS[" ".join(count.split())])
        else:
            if match["wunit"] is not None and self._counted_before(match):
                return None  # "دو هفته گذشته": the past two weeks
            step_word = " ".join((match["wstep"] or match["wstep2"]).split())
            step = _STEPS.get(step_word, 0)
        day = self.published + timedelta(weeks=step)
        monday = day - timedelta(days=day.weekday())
        year, week, _ = monday.isocalendar()
        self.timex = f"{year}-W{week:02d}"
        return DateSpan(monday, Precision.DAY, monday + timedelta(days=6))

    def _day_this_month(self, match: re.Match[str]) -> DateSpan | None:
        day = _day_number(match["day"] or match["day2"])
        return DateSpan(self.published.replace(day=day), Precision.DAY)

    # Parts ----------------------------------------------------------------------------------

    def _date(
        self,
        match: re.Match[str],
        day_text: str,
        month: str,
        year: str | None,
        mark: str | None,
    ) -> DateSpan | None:
        calendar, number = _month_of(month)
        day = _day_number(day_text)
        if year is None and month.lower() in _NEEDS_YEAR:
            return None
        if month.lower() == _MAY:
            if match.start("month") and self.folded[match.start("month") - 1].isdigit():
                return None  # "۲۲مې": Pashto's "22nd", not May
            if year is None and self._verb_follows(match):
                return None
        if month.lower() == _MAY_IRANIAN:
            if match.start("month") and self.folded[match.start("month") - 1].isdigit():
                return None  # "۱۵مه": Pashto's "15th"
            day_before = match.start("day") < match.start("month")
            if year is None and (self.language == "ps" or not day_before):
                return None  # "مه ۱۵ متر" is fog; Pashto's "په ۱۵ مه" the 15th
        full = self._full_year(year, calendar, mark, match)
        if year is not None and full is None:
            return None
        if full is None and match.groupdict().get("relyear"):
            full = self._relative_year(match["relyear"], calendar)
        if full is None:
            if calendar == SOLAR_HIJRI:
                full = self._year_less(
                    match,
                    lambda y: solar_hijri.to_gregorian(y, number, min(day, 29)),
                    solar_hijri.from_gregorian,
                )
            else:
                full = self._year_less(
                    match, lambda y: date(y, number, min(day, 28)), _gregorian_day
                )
        if calendar == SOLAR_HIJRI:
            found = solar_hijri.to_gregorian(full, number, day)
        else:
            found = date(full, number, day)
        if year is not None:
            self.anchor = found
        return DateSpan(found, Precision.DAY)

    def _full_year(
        self, year: str | None, calendar: str, mark: str | None, match: re.Match[str]
    ) -> int | None:
        """The year written, as a year of `calendar`; None where there is none or it is not
        one of that calendar's (a Solar Hijri month beside 2020)."""
        if year is None:
            return None
        number = int(year)
        if len(year) == 2:
            if calendar != SOLAR_HIJRI:
                return None
            number = solar_hijri.full_year(number, self.published)
            current = solar_hijri.from_gregorian(self.published).year
            if abs(number - current) > 3:
                return None  # "۵ حمل ۲۰ نفر": twenty people, not 1420
            return number
        if _calendar_of_year(number, mark) != calendar:
            return None
        return number

    def _relative_year(self, phrase: str, calendar: str) -> int:
        """The year "سال گذشته" (last year) names, in `calendar`."""
        key = " ".join(phrase.split())
        step = _RELATIVE_YEARS.get(key)
        if step is None:
            step = next(_STEPS[part] for part in key.split() if part in _STEPS)
        if calendar == SOLAR_HIJRI:
            return solar_hijri.from_gregorian(self.published).year + step
        return self.published.year + step

    def _year_less(
        self,
        match: re.Match[str],
        in_year: Callable[[int], date],
        calendar_day: Callable[[date], object],
        ends: Callable[[int], date] | None = None,
    ) -> int:
        """The year a year-less date falls in: near the last full date written before it,
        else on or before the publication day where a past verb governs it, after it where the
        sentence speaks of the future (a month still running then is to come, "in June" said
        on 2 June), and otherwise the nearer of the two, weighing what lies ahead as the
        English reader does. `ends` gives the last day of a period that is more than a day."""
        base = self.anchor or self.published
        base_year = calendar_day(base).year  # type: ignore[attr-defined]
        candidates = [base_year - 1, base_year, base_year + 1]
        if self.anchor is not None:
            return min(candidates, key=lambda year: abs((in_year(year) - base).days))
        # "فوریه گذشته", "راتلونکي جولای": last or next, after the month or before it.
        after = match.groupdict().get("after") or match.groupdict().get("pre")
        if after in _MONTH_FUTURE:
            # "مارچ آینده", next March: said in March, the March to come.
            later = [year for year in candidates if in_year(year) > self.published]
            return min(later, key=lambda year: in_year(year))
        if after in _MONTH_PAST:
            # "فوریه گذشته", last February: said in February, the one a year before.
            earlier = [year for year in candidates if (ends or in_year)(year) < self.published]
            return max(earlier, key=lambda year: in_year(year))
        later = [year for year in candidates if (ends or in_year)(year) >= self.published]
        if after is None and self._speaks_of_future(match):
            return min(later, key=lambda year: in_year(year))
        earlier = [year for year in candidates if in_year(year) <= self.published]
        last = max(earlier, key=lambda year: in_year(year))
        if self._speaks_of_past(match):
            return last
        # No verb puts it in the past: the nearer of the last and the next, the distance ahead
        # counted FORWARD_WEIGHT times, as the English reader does (news leaves the year out
        # of dates near the day it is written: "تا ۱۰ سرطان باز است", written on 2 Saratan,
        # is eight days ahead, not a year back). A month still running is the last one.
        coming = min((year for year in later if year != last), key=in_year, default=None)
        if coming is None:
            return last
        behind = max(0, (self.published - (ends or in_year)(last)).days)
        ahead = (in_year(coming) - self.published).days * reading.FORWARD_WEIGHT
        return coming if ahead < behind else last

    def _speaks_of_future(self, match: re.Match[str]) -> bool:
        """Whether the clause holding `match` speaks of what is to come ("قرار است",
        "خواهد", Pashto's "به"). The verb comes last in Dari and Pashto: a date that ends
        its part of a coordination ("بازی دوم روز شنبه و بازی سوم روز دوشنبه برگزار خواهد
        شد") is governed by the verb of the part after "و"."""
        start, end = self._clause(match)
        shared = _SHARED_VERB.match(self.folded, match.end())
        if shared is not None and shared.end() > end:
            end = self._clause_after(end)
        # …and one that opens its part shares what stands before "و": Pashto's future "به"
        # ("لیلام به سبا او د چهارشنبې په ورځ ترسره شي").
        opening = _OPENS_ITS_PART.search(self.folded, max(0, start - 6), match.start())
        if opening is not None and opening.start() < start:
            start = self._clause_before(start)
        cues = _FUTURE_PASHTO if self.language == "ps" else _FUTURE_DARI
        return cues.search(self.folded, start, end) is not None

    def _clause_before(self, start: int) -> int:
        """Where the clause before the one starting at `start` starts."""
        _, ends = self._breaks or ([], [])
        before = bisect_left(ends, start)
        return ends[before - 1] if before else 0

    def _clause_after(self, end: int) -> int:
        """Where the clause after the break at `end` ends."""
        starts, _ = self._breaks or ([], [])
        after = bisect_right(starts, end)
        return starts[after] if after < len(starts) else len(self.folded)

    def _clause(self, match: re.Match[str]) -> tuple[int, int]:
        """Where the clause holding `match` starts and ends. The text's clause breaks are
        found once, not once a date: a long text has many."""
        if self._breaks is None:
            found = list(_CLAUSE_END.finditer(self.folded))
            self._breaks = ([m.start() for m in found], [m.end() for m in found])
        starts, ends = self._breaks
        before = bisect_right(ends, match.start())
        after = bisect_left(starts, match.end())
        start = ends[before - 1] if before else 0
        return start, starts[after] if after < len(starts) else len(self.folded)

    def _counted_before(self, match: re.Match[str]) -> bool:
        """Whether a count stands right before `match` ("۱۰ روز گذشته"). Only the few
        characters before it are searched: the count is the word before."""
        return _COUNTED.search(self.folded, max(0, match.start() - 40), match.start()) is not None

    def _verb_follows(self, match: re.Match[str]) -> bool:
        after = match.end()
        if after < len(self.text) and self.text[after] == "\u200c":
            return True  # "می‌رود" with its joiner
        return _VERB_AFTER.match(self.folded, after) is not None


def _day_number(text: str) -> int:
    """12 for "12", "12مه" or "دوازدهم"."""
    digits = re.match(r"[0-9]+", text)
    if digits:
        return int(digits.group())
    return _ORDINALS[" ".join(text.split())]


def _gregorian_day(value: date) -> date:
    return value


def _month_of(name: str) -> tuple[str, int]:
    key = " ".join(name.lower().split())
    if key in _SOLAR_MONTHS:
        return SOLAR_HIJRI, _SOLAR_MONTHS[key]
    return GREGORIAN, _GREGORIAN_MONTHS[key]


_SOLAR_MONTH_WRITTEN = re.compile(rf"(?<![\w])(?:{_SOLAR}|{_LATIN})(?![\w])")
_A_YEAR_ALONE = re.compile(r"1[34][0-9]{2}|19[0-9]{2}|20[0-9]{2}")


def _calendar_of_year(year: int, mark: str | None) -> str | None:
    if solar_hijri.FIRST_YEAR <= year < solar_hijri.LAST_YEAR:
        return SOLAR_HIJRI
    if 1900 <= year < 2100:
        return GREGORIAN
    return None


def _table(table: dict[str, int]) -> dict[str, int]:
    return {" ".join(fold(key).split()): value for key, value in table.items()}


_RELATIVE_DAYS = _table(words.RELATIVE_DAYS)
_PARTS_OF_DAY = {" ".join(fold(key).split()): part for key, part in words.PARTS_OF_DAY.items()}
_RELATIVE_YEARS = _table(words.RELATIVE_YEARS)
_STEPS = _table({**words.STEP_WORDS, **dict.fromkeys(words.THIS_WORDS, 0)})
_NUMBERS = _table(words.NUMBER_WORDS)
_ORDINALS = _table(words.ORDINAL_DAYS)
_YEAR_UNITS = {fold(word) for word in words.YEAR_WORDS}
# A present verb: "می" joined to its stem by a joiner (a space once folded), a space, or
# nothing ("می‌گردند", "می گردند", "میگردند"), with a personal ending; a preverb or the
# negative may be written on to it ("بازمیگردند", "نمی‌شوند"). Not "ید": "می‌رسید" and
# "می‌گردید" are past as often as present.
_PRESENT_DARI = (
    r"(?:باز|بر|در|فرا|فرو)?ن?"
    rf"می\s*(?:{_alternatives(words.PRESENT_STEMS_DARI)})(?:ند|د|یم|م)(?![\w])"
)
_FUTURE_DARI = re.compile(rf"{_B}(?:{_alternatives(words.FUTURE_WORDS_DARI)}|{_PRESENT_DARI})")
# A past verb: the past forms of the verbs news writes most, alone or with the negative
# ("شد", "نکردند", "ولمانځل شو"); not "خواهد شد" (will be) or Pashto's "ټاکل شوې" (is set).
_PAST_DARI = re.compile(
    rf"(?<!خواهد\s)(?<!خواهند\s){_B}ن?(?:{_alternatives(words.PAST_VERBS_DARI)}){_E}"
)
_PAST_PASHTO = re.compile(rf"(?<!ټاکل\s){_B}(?:{_alternatives(words.PAST_VERBS_PASHTO)}){_E}")
# "پس از نوروز", "بعد از رخصتی‌های نوروز", "قبل از نوروز"; Pashto "له نوروز وروسته".
# On its eve too: "در آستانه نوروز", Pashto "د نوروز په درشل کې" (folded, "آ" is "ا").
_RELATION_BEFORE = re.compile(
    r"(?<![\w])(?:(?:پس|بعد|قبل|پیش)\s+از(?:\s+[^\W\d]+){0,2}|استانه(?:\s?ی)?)\s+$"
)
_RELATION_AFTER = re.compile(
    r"(?:\s+[^\W\d]+){0,2}\s+(?:وروسته|مخکی|وړاندی|دمخه|بعد|پس|قبل|درشل)(?![\w])"
)
_HIJRA_YEARS = 621  # a Solar Hijri year starts in March of the Gregorian year 621 later
_MONTH_FUTURE = {fold(word) for word in words.MONTH_FUTURE_WORDS}
_MONTH_PAST = {fold(word) for word in words.MONTH_PAST_WORDS}
# A weekday ending its part of a coordination: only "روز"/"ورځ" and "و"/"او" after it.
_SHARED_VERB = re.compile(r"\s*(?:(?:په\s+)?(?:روز|ورځ|ورځی)\s*)?\s(?:و|او)\s")
_FROM_BEFORE_CITY = re.compile(r"(?<!\S)از\s+$")
_TO_A_PLACE = re.compile(r"\s+به\s+(?!(?:بعد|این|آن|ان|مدت|دلیل|علت|خاطر|گفته)(?!\S))\S")
_OPENS_ITS_PART = re.compile(r"\s(?:و|او)\s+(?:(?:د|روز)\s+)?$")
# "Until" a weekday: Dari's "تا" before it (not after "از", which opens a range); Pashto's
# "تر … پورې" after it.
_UNTIL_BEFORE = re.compile(r"(?<!\S)تا\s+(?:روز\s+)?(?:د\s+)?$")
_FROM_BEFORE = re.compile(r"(?<!\S)(?:از|له)\s")
_UNTIL_AFTER = re.compile(r"\s+تر\s+(?:ورځی\s+)?پوری(?!\S)")
_FUTURE_PASHTO = re.compile(rf"{_B}(?:{_alternatives(words.FUTURE_WORDS_PASHTO)}){_E}")
