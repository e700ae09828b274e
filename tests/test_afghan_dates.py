"""Dates in Dari and Pashto, and in the Solar Hijri calendar: the calendar's arithmetic,
reading running text, the When field, `extract_dates` and `ingest`.

The sentences are our own, written by phenomenon; the development set
(tests/data/dates_afghan_dev.jsonl) holds more, scored as the project is judged.
"""

import io
import json
import re
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from events.dates import solar_hijri
from events.dates.extraction import extract_mentions
from events.dates.reading import DateNotUnderstood, resolve_date
from events.models import Source, Suggestion
from events.script import fold, language_of
from tests.dates_scoring import cases, score

# The calendar ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("solar", "gregorian"),
    [
        ((1398, 12, 10), date(2020, 2, 29)),  # the Doha agreement, 10 Hut 1398
        ((1399, 1, 1), date(2020, 3, 20)),  # Nowruz 1399
        ((1399, 12, 30), date(2021, 3, 20)),  # 1399 is a leap year: it has 30 Hut
        ((1400, 1, 1), date(2021, 3, 21)),
        ((1399, 7, 2), date(2020, 9, 23)),  # Pajhwok's "۲ تله ۹۹"
        ((1400, 5, 24), date(2021, 8, 15)),  # the Taliban enter Kabul
        ((1398, 11, 12), date(2020, 2, 1)),  # February 2020 opens on 12 Dalw
        ((1403, 12, 30), date(2025, 3, 20)),  # and 1403 is one too
    ],
)
def test_known_pairs_convert_both_ways(solar, gregorian):
    assert solar_hijri.to_gregorian(*solar) == gregorian
    assert solar_hijri.from_gregorian(gregorian) == solar_hijri.SolarHijriDay(*solar)


def test_a_common_year_has_no_30_hut_and_no_month_has_32_days():
    with pytest.raises(ValueError, match="not a day"):
        solar_hijri.to_gregorian(1398, 12, 30)
    with pytest.raises(ValueError, match="not a day"):
        solar_hijri.to_gregorian(1399, 7, 31)  # Mizan has 30 days


def test_months_and_years_are_the_spans_of_their_days():
    assert solar_hijri.month_days(1400, 1) == (date(2021, 3, 21), date(2021, 4, 20))
    assert solar_hijri.month_days(1399, 12) == (date(2021, 2, 19), date(2021, 3, 20))
    assert solar_hijri.month_days(1398, 12) == (date(2020, 2, 20), date(2020, 3, 19))
    assert solar_hijri.year_days(1399) == (date(2020, 3, 20), date(2021, 3, 20))


@pytest.mark.parametrize(
    ("two_digits", "written_on", "year"),
    [
        (99, date(2020, 9, 23), 1399),
        (0, date(2021, 3, 22), 1400),  # "۰۰" a day into 1400
        (99, date(2021, 3, 22), 1399),
        (3, date(2024, 6, 1), 1403),
    ],
)
def test_a_two_digit_year_is_the_nearest_of_that_ending(two_digits, written_on, year):
    assert solar_hijri.full_year(two_digits, written_on) == year


# The script ----------------------------------------------------------------------------------


def test_folding_keeps_offsets_and_makes_one_of_each_letter_and_digit():
    typed = "كابل ١٠ حوت ۱۳۹۸ می‌رود ګډ"
    folded = fold(typed)
    assert len(folded) == len(typed)
    assert folded == "کابل 10 حوت 1398 می رود گډ"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("توافقنامه صلح در دوحه امضا شد و طالبان زندانیان را آزاد کردند.", "fa"),
        ("د سولې خبرې په دوحه کې پیل شوې او طالبانو ویلي چې اوربند نه کوي.", "ps"),
        ("The agreement was signed in Doha on 29 February 2020.", "en"),
    ],
)
def test_the_language_is_told_from_the_script(text, language):
    assert language_of(text) == language


# Running text --------------------------------------------------------------------------------


def found(text: str, published: str, language: str | None = None) -> list[tuple[str, str]]:
    mentions = extract_mentions(text, published=date.fromisoformat(published), language=language)
    return [(mention.text, mention.value) for mention in mentions]


@pytest.mark.parametrize(
    ("published", "text", "expected"),
    [
        # Solar Hijri with Afghan names, in Persian digits, Arabic-Indic ones, or Latin letters.
        ("2020-03-02", "در ۱۰ حوت ۱۳۹۸ امضا شد.", [("۱۰ حوت ۱۳۹۸", "2020-02-29")]),
        ("2020-03-02", "در ١٠ حوت ١٣٩٨ امضا شد.", [("١٠ حوت ١٣٩٨", "2020-02-29")]),
        ("2020-03-02", "It was signed on 10 Hoot 1398.", [("10 Hoot 1398", "2020-02-29")]),
        # Pashto: the year first, the month in the oblique case, the day with its ending.
        (
            "2020-03-02",
            "تړون د ۱۳۹۸ کال د کب په ۱۰مه لاسلیک شو.",
            [("د ۱۳۹۸ کال د کب په ۱۰مه", "2020-02-29")],
        ),
        # A dateline's two-digit year is the nearest year of that ending.
        ("2020-09-23", "کابل (پژواک، ۲ تله ۹۹): غونډه وشوه.", [("۲ تله ۹۹", "2020-09-23")]),
        # A Solar Hijri month or year without a day is the span of its days.
        ("2021-05-01", "نشست در حمل ۱۴۰۰ بود.", [("حمل ۱۴۰۰", "2021-03-21/2021-04-20")]),
        ("2021-05-01", "در سال ۱۳۹۹ بود.", [("سال ۱۳۹۹", "2020-03-20/2021-03-20")]),
        # Gregorian dates with Dari and Pashto names, relative to the year.
        (
            "2021-03-01",
            "۲۹ فبروری سال گذشته امضا شد.",
            [("۲۹ فبروری سال گذشته", "2020-02-29")],
        ),
        ("2021-07-08", "در جولای ۲۰۲۱ رفتند.", [("جولای ۲۰۲۱", "2021-07")]),
        # Relative days and periods, in both languages.
        (
            "2020-09-13",
            "دیروز و پریروز و فردا",
            [
                ("دیروز", "2020-09-12"),
                ("پریروز", "2020-09-11"),
                ("فردا", "2020-09-14"),
            ],
        ),
        ("2020-09-13", "پرون او نن", [("پرون", "2020-09-12"), ("نن", "2020-09-13")]),
        ("2020-09-13", "تېره میاشت خوشې شول.", [("تېره میاشت", "2020-08")]),
        ("2020-09-13", "هفته گذشته دیدار کرد.", [("هفته گذشته", "2020-W36")]),
        ("2020-09-13", "سه روز پیش رسید.", [("سه روز پیش", "2020-09-10")]),
        # A weekday falls on or before publication, unless its clause speaks of the future.
        (
            "2020-09-13",
            "روز شنبه آغاز شد و قرار است روز دوشنبه ادامه یابد.",
            [("شنبه", "2020-09-12"), ("دوشنبه", "2020-09-14")],
        ),
        # A weekday beside its date is one mention; two days joined by "to" are a range,
        # marked at each end.
        ("2019-05-05", "دوشنبه ۹ ثور ۱۳۹۸ گشایش یافت.", [("دوشنبه ۹ ثور ۱۳۹۸", "2019-04-29")]),
        (
            "2019-05-31",
            "از ۸ تا ۱۰ جوزا ۱۳۹۸ برگزار شد.",
            [("۸", "2019-05-29"), ("۱۰ جوزا ۱۳۹۸", "2019-05-31")],
        ),
    ],
)
def test_dates_in_dari_and_pashto_text(published, text, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize(
    "text",
    [
        "تعداد آنها به ۵ می‌رسد.",  # "می" the verb prefix, with its joiner
        "۱۵ می رسید.",  # and without it
        "در ۲۰ سال گذشته و ۱۰ روز گذشته",  # the past twenty years: a duration
        "طالبان ۱۴ ماه فرصت دارند و ۱۳۵ روز.",
        "۲۰۰۰ نفر آزاد شدند و د ۱۴۰۰ تنو بندیانو لیست.",
        "نماز جمعه برگزار شد.",  # Friday prayers: any Friday
    ],
)
def test_what_only_looks_like_a_date_is_not_one(text):
    assert found(text, "2020-09-13") == []


def test_a_number_after_a_date_is_its_year_only_when_it_can_be():
    # "۲۲مې" is Pashto's "22nd", not 22 May; "۲۰ نفر" is twenty people, not the year 1420.
    assert found("د فبرورۍ له ۲۲مې پیل شو.", "2020-09-13") == [("د فبرورۍ له ۲۲مې", "2020-02-22")]
    assert found("۵ حمل ۲۰ نفر کشته شدند.", "2020-09-13") == [("۵ حمل", "2020-03-24")]


@pytest.mark.parametrize(
    ("published", "text", "language", "expected"),
    [
        # Iran's "مه" (May) with a year after it, or a day before it. (Pashto writes May
        # "مې" or "مۍ"; its "مه" is another word.)
        (
            "2022-06-01",
            "این گزارش ۳ مه ۲۰۲۲ در ژنو نشر شد.",
            "fa",
            [("۳ مه ۲۰۲۲", "2022-05-03")],
        ),
        ("2022-06-01", "تورم در مه ۲۰۲۲ بالا رفت.", "fa", [("مه ۲۰۲۲", "2022-05")]),
        ("2022-06-01", "هیئت ۱۸ مه به تاشکند رسید.", "fa", [("۱۸ مه", "2022-05-18")]),
        # Alone it is fog; a number after it counts something; Pashto's "مه" is "don't",
        # and after a day its ordinal ending.
        ("2022-06-01", "مه غلیظ شاهراه سالنگ را بست.", "fa", []),
        ("2022-06-01", "مه ۵۰ متر دید را کم کرد.", "fa", []),
        ("2022-06-01", "کور ته مه ځه، باران دی.", "ps", []),
        ("2022-06-01", "غونډه په ۱۵ مه وشوه.", "ps", []),
        ("2022-06-01", "غونډه د ۱۵مه ورځې وروسته وشوه.", "ps", []),
    ],
)
def test_irans_may_is_read_beside_a_day_or_a_year_and_is_fog_alone(
    published, text, language, expected
):
    assert found(text, published, language) == expected


@pytest.mark.parametrize(
    ("published", "text", "language", "expected"),
    [
        # Dari's compound weekday names with a joiner, a space, or neither (Thursday 7 March
        # 2024 is the day of publication).
        ("2024-03-07", "کمیسیون سهشنبه گزارش خود را نشر کرد.", "fa", [("سهشنبه", "2024-03-05")]),
        ("2024-03-07", "بانک مرکزی دو شنبه لیلام دالر کرد.", "fa", [("دو شنبه", "2024-03-04")]),
        ("2024-03-07", "کمیسیون سه‌شنبه گزارش داد.", "fa", [("سه‌شنبه", "2024-03-05")]),
        # Pashto's own names for Tuesday and Sunday, and its oblique case.
        ("2024-03-07", "ولسوال درېشنبه له خلکو سره وکتل.", "ps", [("درېشنبه", "2024-03-05")]),
        (
            "2024-03-07",
            "د درېشنبې په ورځ لاریون وشو.",
            "ps",
            [("درېشنبې", "2024-03-05")],
        ),
        ("2024-03-07", "بازار اتوار تړل شوی و.", "ps", [("اتوار", "2024-03-03")]),
        (
            "2024-03-07",
            "د پنځشنبې په ورځ به ښوونځي رخصت وي.",
            "ps",
            [("پنځشنبې", "2024-03-07")],
        ),
        # Pashto's "بله ورځ": the day after tomorrow; after a genitive, the day after what
        # it names.
        (
            "2024-03-07",
            "سبا به واوره وي او بله ورځ به لمر راووځي.",
            "ps",
            [("سبا", "2024-03-08"), ("بله ورځ", "2024-03-09")],
        ),
        ("2024-03-07", "د اختر بله ورځ به دفترونه خلاص وي.", "ps", []),
    ],
)
def test_weekdays_as_dari_and_pashto_spell_them_and_the_day_after_tomorrow(
    published, text, language, expected
):
    assert found(text, published, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # Dushanbe, Tajikistan's capital: after a word for a city or a capital, or with an
        # apposition naming it one, it is no Monday.
        ("کاروان تجارتی دیروز به شهر دوشنبه رسید.", "fa", [("دیروز", "2024-02-14")]),
        ("نمایندگان در دوشنبه، پایتخت تاجیکستان، گرد آمدند.", "fa", []),
        ("وزیر خارجه به دوشنبه پایتخت تاجیکستان سفر کرد.", "fa", []),
        ("در پایتخت تاجیکستان، دوشنبه، کنفرانس آب برگزار شد.", "fa", []),
        ("سوداګر د دوشنبې ښار ته ولاړل.", "ps", []),
        ("غونډه په دوشنبه ښار کې جوړه شوه.", "ps", []),
        ("پلاوی دوشنبې، د تاجکستان پلازمېنې ته ورسېد.", "ps", []),
        # Otherwise a weekday, whatever follows it.
        ("هیئت دوشنبه پایتخت را ترک کرد.", "fa", [("دوشنبه", "2024-02-12")]),
        ("شنبه، پایتخت آرام بود.", "fa", [("شنبه", "2024-02-10")]),
        ("در این شهر سه‌شنبه برق قطع شد.", "fa", [("سه‌شنبه", "2024-02-13")]),
        ("هغه دوشنبه ښار ته ولاړ.", "ps", [("دوشنبه", "2024-02-12")]),
    ],
)
def test_a_weekday_that_names_a_city_is_no_date(text, language, expected):
    assert found(text, "2024-02-15", language) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A present verb looks ahead, its "می" joined with a joiner, a space or nothing
        # (published Wednesday 10 April 2024).
        ("مکاتب روز شنبه دوباره باز می‌شوند.", [("شنبه", "2024-04-13")]),
        ("مسافران روز جمعه به خانه باز می گردند.", [("جمعه", "2024-04-12")]),
        ("مسافران روز جمعه به خانه بازمیگردند.", [("جمعه", "2024-04-12")]),
        ("کاروان روز یکشنبه به تورخم میرسد.", [("یکشنبه", "2024-04-14")]),
        ("دانشگاه‌ها روز دوشنبه باز نمی‌شوند.", [("دوشنبه", "2024-04-15")]),
        ("توزیع گندم از ۲۵ حمل آغاز می شود.", [("۲۵ حمل", "2024-04-13")]),
        # The past continuous and a saying verb do not.
        (
            "بازار روز شنبه به روی مردم باز نمی‌شد و دکانداران می‌رفتند.",
            [("شنبه", "2024-04-06")],
        ),
        ("شاهدان می گویند روز شنبه انفجار رخ داد.", [("شنبه", "2024-04-06")]),
    ],
)
def test_a_dari_present_verb_looks_ahead_however_its_prefix_is_joined(text, expected):
    assert found(text, "2024-04-10", "fa") == expected


@pytest.mark.parametrize(
    ("published", "text", "language", "expected"),
    [
        # Nowruz is 1 Hamal, the Solar Hijri new year's day, of the year written.
        (
            "2021-01-10",
            "شاروالی کابل برای نوروز ۱۴۰۰ برنامه‌ای ندارد.",
            "fa",
            [("نوروز ۱۴۰۰", "2021-03-21")],
        ),
        (
            "2023-05-01",
            "د ۱۴۰۱ کال نوروز په مزار کې په ارامۍ تېر شو.",
            "ps",
            [("د ۱۴۰۱ کال نوروز", "2022-03-21")],
        ),
        ("2023-05-01", "نوروز سال گذشته بی‌رونق بود.", "fa", [("نوروز سال گذشته", "2022-03-21")]),
        # A bare Nowruz: the coming one where the clause looks ahead.
        (
            "2023-11-05",
            "دهقانان می‌گویند که تا نوروز تخم‌ها را خواهند کاشت.",
            "fa",
            [("نوروز", "2024-03-20")],
        ),
        (
            "2023-11-05",
            "ښاروالي وايي چې د نوروز میله به په ښار کې جوړه شي.",
            "ps",
            [("نوروز", "2024-03-20")],
        ),
        # The last one where the verb is past.
        (
            "2023-11-05",
            "در نوروز صدها خانواده به میله گل سرخ رفتند.",
            "fa",
            [("نوروز", "2023-03-21")],
        ),
        ("2023-11-05", "نوروز په هرات کې ولمانځل شو.", "ps", [("نوروز", "2023-03-21")]),
        # No tense, or a tense that is another event's ("after Nowruz, schools open"): the
        # one nearer the publication day.
        ("2024-03-12", "بازار ماهی با نزدیک شدن نوروز گرم است.", "fa", [("نوروز", "2024-03-20")]),
        (
            "2024-03-25",
            "مکاتب بعد از رخصتی‌های نوروز دوباره باز می‌شوند.",
            "fa",
            [("نوروز", "2024-03-20")],
        ),
        (
            "2024-03-25",
            "له نوروز وروسته به پوهنتونونه بېرته پرانیستل شي.",
            "ps",
            [("نوروز", "2024-03-20")],
        ),
        # Last and next, and the new year's first day by name.
        ("2024-02-10", "د تېر نوروز په پرتله", "ps", [("تېر نوروز", "2023-03-21")]),
        ("2024-03-25", "تا نوروز آینده", "fa", [("نوروز آینده", "2025-03-21")]),
        (
            "2024-03-01",
            "د نوي لمریز کال په لومړۍ ورځ به ښوونځي رخصت وي.",
            "ps",
            [("د نوي لمریز کال په لومړۍ ورځ", "2024-03-20")],
        ),
        ("2024-03-01", "روز اول سال نو میلادی جشن گرفته شد.", "fa", []),
        # Its day written out in the same sentence too: TimeML marks both, with one value.
        (
            "2024-03-25",
            "میله نوروز از ۱ حمل ۱۴۰۳ در بلخ آغاز شد.",
            "fa",
            [("نوروز", "2024-03-20"), ("۱ حمل ۱۴۰۳", "2024-03-20")],
        ),
        (
            "2024-03-25",
            "د نوروز میله د ۱۴۰۳ کال د وري په ۱مه پیل شوه.",
            "ps",
            [("نوروز", "2024-03-20"), ("د ۱۴۰۳ کال د وري په ۱مه", "2024-03-20")],
        ),
        # Beside a relative day, the name says which day that is: both stay.
        (
            "2024-03-21",
            "جشن نوروز در هرات دیروز برگزار شد.",
            "fa",
            [("نوروز", "2024-03-20"), ("دیروز", "2024-03-20")],
        ),
        # Eid waits on the moon: no date.
        ("2024-04-05", "عید فطر امسال در کابل با باران همراه بود.", "fa", [("امسال", "2024")]),
        ("2024-04-05", "کوچنی اختر به په ټول هېواد کې ولمانځل شي.", "ps", []),
    ],
)
def test_nowruz_is_1_hamal_of_the_year_meant(published, text, language, expected):
    assert found(text, published, language) == expected


def test_the_language_given_wins_over_the_script():
    # Read as English, a Dari sentence has no dates; as Dari, it has one.
    assert found("دیروز", "2020-09-13", language="en") == []
    assert found("دیروز", "2020-09-13", language="fa") == [("دیروز", "2020-09-12")]


def test_the_development_set_scores_as_judged_and_every_phenomenon_holds():
    def ours(text: str, published: date, language: str | None) -> list[tuple[int, int, str]]:
        mentions = extract_mentions(text, published=published, language=language)
        return [(mention.start, mention.end, mention.value) for mention in mentions]

    dev = cases("dates_afghan_dev.jsonl")
    total, by_phenomenon = score(ours, dev)
    assert total.gold >= 100, "the development set holds at least a hundred mentions"
    assert total.f1 >= 0.95, "\n".join(total.misses)
    assert {name for name, part in by_phenomenon.items() if part.f1 < 0.9} == set()


def test_plain_dateparser_misreads_what_we_read():
    # The starting point, kept as a check that the set is not one any reader passes.
    from dateparser.search import search_dates

    def plain(text: str, published: date, language: str | None) -> list[tuple[int, int, str]]:
        from datetime import datetime

        base = datetime(published.year, published.month, published.day)
        found_dates = search_dates(text, languages=["fa"], settings={"RELATIVE_BASE": base}) or []
        spans = []
        for surface, when in found_dates:
            start = text.find(surface)
            spans.append((start, start + len(surface), when.date().isoformat()))
        return spans

    dev = cases("dates_afghan_dev.jsonl")[:30]
    assert score(plain, dev)[0].f1 < 0.5


@pytest.mark.parametrize(
    ("published", "text", "ends", "whole"),
    [
        # Two full dates joined by "to": each end is a mention with its own value.
        (
            "2023-06-01",
            "نمایشگاه کتاب از ۱۵ جوزا ۱۴۰۲ تا ۲۰ جوزا ۱۴۰۲ در هرات دایر می‌شود.",
            [("۱۵ جوزا ۱۴۰۲", "2023-06-05"), ("۲۰ جوزا ۱۴۰۲", "2023-06-10")],
            ("۱۵ جوزا ۱۴۰۲ تا ۲۰ جوزا ۱۴۰۲", "2023-06-05/2023-06-10"),
        ),
        # A dash between them; the first end takes the year the second gives.
        (
            "2023-06-01",
            "واکسین پولیو ۳ سرطان – ۶ سرطان ۱۴۰۲ در کندهار تطبیق شد.",
            [("۳ سرطان", "2023-06-24"), ("۶ سرطان ۱۴۰۲", "2023-06-27")],
            ("۳ سرطان – ۶ سرطان ۱۴۰۲", "2023-06-24/2023-06-27"),
        ),
        # Pashto "له ... تر ... پورې", Gregorian months.
        (
            "2023-06-01",
            "ښوونځي له ۱۰ جولای تر ۲۰ اګست ۲۰۲۳ پورې رخصت دي.",
            [("۱۰ جولای", "2023-07-10"), ("۲۰ اګست ۲۰۲۳", "2023-08-20")],
            ("۱۰ جولای تر ۲۰ اګست ۲۰۲۳", "2023-07-10/2023-08-20"),
        ),
    ],
)
def test_a_range_of_two_dates_is_marked_at_each_end_and_joined_whole(published, text, ends, whole):
    from events.dates.extraction import joined

    mentions = extract_mentions(text, published=date.fromisoformat(published))
    assert [(mention.text, mention.value) for mention in mentions] == ends
    assert [(mention.text, mention.value) for mention in joined(mentions)] == [whole]


@pytest.mark.parametrize(
    ("published", "language", "text", "ends", "whole"),
    [
        # A range of days: the first end borrows its month and year from the second, and the
        # "از" or "له" before it is a preposition, in neither mention.
        ("2024-03-01", "fa", "جشنواره فرهنگی از ۱ تا ۵ حمل ۱۴۰۳ در هرات برگزار می‌شود.",
         [("۱", "2024-03-20"), ("۵ حمل ۱۴۰۳", "2024-03-24")],
         ("۱ تا ۵ حمل ۱۴۰۳", "2024-03-20/2024-03-24")),
        ("2024-12-01", "ps", "د واکسین کمپاین به د ۱۲–۱۵ لیندۍ په نېټو کې ترسره شي.",
         [("۱۲", "2024-12-02"), ("۱۵ لیندۍ", "2024-12-05")],
         ("۱۲–۱۵ لیندۍ", "2024-12-02/2024-12-05")),
        ("2024-04-20", "ps", "نندارتون به له ۲ تر ۴ مۍ ۲۰۲۴ پورې په هرات کې جوړ شي.",
         [("۲", "2024-05-02"), ("۴ مۍ ۲۰۲۴", "2024-05-04")],
         ("۲ تر ۴ مۍ ۲۰۲۴", "2024-05-02/2024-05-04")),
        ("2024-08-01", "fa", "اردوی تیم ملی از 3 تا 7 سپتمبر 2024 در کابل دایر می‌شود.",
         [("3", "2024-09-03"), ("7 سپتمبر 2024", "2024-09-07")],
         ("3 تا 7 سپتمبر 2024", "2024-09-03/2024-09-07")),
    ],
)  # fmt: skip
def test_a_range_of_days_is_marked_at_each_end_and_joined_whole(
    published, language, text, ends, whole
):
    from events.dates.extraction import joined

    mentions = extract_mentions(text, published=date.fromisoformat(published), language=language)
    assert [(mention.text, mention.value) for mention in mentions] == ends
    assert [(mention.text, mention.value) for mention in joined(mentions)] == [whole]


@pytest.mark.parametrize(
    ("published", "text", "expected"),
    [
        # The ezafe's hamza ("هفتهٔ") and a kasra ("سالِ") are marks a writer may leave out.
        (
            "2024-05-15",
            "هیئت تجارتی هفتهٔ آینده به اسلام‌آباد می‌رود.",
            [("هفتهٔ آینده", "2024-W21")],
        ),
        ("2024-05-15", "صادرات ماهٔ گذشته کاهش یافت.", [("ماهٔ گذشته", "2024-04")]),
        ("2024-05-15", "بودجهٔ سالِ گذشته تصویب شد.", [("سالِ گذشته", "2023")]),
        ("2024-05-15", "قرارداد در ۱۰ حوتِ ۱۳۹۸ امضا شد.", [("۱۰ حوتِ ۱۳۹۸", "2020-02-29")]),
        # The ezafe written as "ی", after a joiner or a space, after a week or a weekday.
        ("2024-05-15", "نمایشگاه هفته‌ی آینده باز می‌شود.", [("هفته‌ی آینده", "2024-W21")]),
        ("2024-05-15", "کمیسیون هفته ی گذشته گزارش داد.", [("هفته ی گذشته", "2024-W19")]),
        ("2024-05-15", "جمعهٔ گذشته باران بارید.", [("جمعهٔ گذشته", "2024-05-10")]),
        # Pashto with a vowel mark: the same word.
        ("2024-05-15", "وزیر پَرون کابل ته ورسېد.", [("پَرون", "2024-05-14")]),
    ],
)
def test_vowel_marks_and_the_ezafe_do_not_hide_a_date(published, text, expected):
    assert found(text, published) == expected


# The When field ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "value", "relative"),
    [
        ("۱۰ حوت ۱۳۹۸", "2020-02-29", False),
        ("د ۱۳۹۸ کال د کب په ۱۰مه", "2020-02-29", False),
        ("10 Hoot 1398", "2020-02-29", False),
        ("17 Asad 1399", "2020-08-07", False),
        ("١٠ حوت ١٣٩٨", "2020-02-29", False),
        ("۲۹ فبروری ۲۰۲۰", "2020-02-29", False),
        ("حمل ۱۴۰۰", "2021-03-21/2021-04-20", False),
        ("دیروز", "2021-02-28", True),
        ("پریروز", "2021-02-27", True),
        ("پرون", "2021-02-28", True),
        ("سال گذشته", "2020", True),
        ("تېره میاشت", "2021-02", True),
        # A year alone, in Persian or Arabic-Indic digits: a Solar Hijri year is its days.
        ("۱۳۹۸", "2019-03-21/2020-03-19", False),
        ("١٣٩٩", "2020-03-20/2021-03-20", False),
        ("۲۰۱۹", "2019", False),
        # In Latin digits the English reading keeps it: a Gregorian year.
        ("1398", "1398", False),
        # Ranges: the first end takes the year the second gives.
        ("۲۸ می تا ۲ جون ۲۰۱۹", "2019-05-28/2019-06-02", False),
        ("۲۸ ثور تا ۲ جوزا ۱۳۹۸", "2019-05-18/2019-05-23", False),
        # A range of days stays whole here, though running text marks each end.
        ("۸ تا ۱۰ جوزا ۱۳۹۸", "2019-05-29/2019-05-31", False),
        # With the words around it an editor may type: "from ... to ...", "... until".
        ("از ۸ تا ۱۰ جوزا ۱۳۹۸", "2019-05-29/2019-05-31", False),
        ("له ۷ تر ۸ جولای ۲۰۱۹ پورې", "2019-07-07/2019-07-08", False),
        ("۲۰–۲۳ لیندۍ ۱۳۹۹", "2020-12-10/2020-12-13", False),
        ("می تا جون ۲۰۱۹", "2019-05/2019-06", False),
        ("حمل تا ثور ۱۴۰۰", "2021-03-21/2021-05-21", False),
        ("مۍ تر جون ۲۰۱۹", "2019-05/2019-06", False),
    ],
)
def test_the_when_field_reads_dari_pashto_and_solar_hijri(typed, value, relative):
    resolution = resolve_date(typed, base=date(2021, 3, 1))
    assert (resolution.span.value, resolution.relative) == (value, relative)


def test_the_when_field_says_what_works_when_it_cannot_read_arabic_script():
    with pytest.raises(DateNotUnderstood, match="۱۰ حوت ۱۳۹۸"):
        resolve_date("سلام", base=date(2021, 3, 1))


def test_the_when_fields_messages_give_dari_examples_that_it_reads():
    # Every example a Dari or Pashto editor is offered is a date the field reads.
    with translation.override("fa"):
        message = str(_refusal("سلام"))
    typed, *examples = re.findall(r"«([^»]+)»", message)
    assert typed == "سلام"
    assert len(examples) >= 3
    for example in examples:
        resolve_date(example, base=date(2021, 3, 1))


def _refusal(typed: str) -> DateNotUnderstood:
    with pytest.raises(DateNotUnderstood) as refused:
        resolve_date(typed, base=date(2021, 3, 1))
    return refused.value


# Commands ------------------------------------------------------------------------------------


def extract(*args: str, stdin: str) -> str:
    out = io.StringIO()
    import sys

    saved = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        call_command("extract_dates", *args, stdout=out)
    finally:
        sys.stdin = saved
    return out.getvalue()


def test_extract_dates_reads_each_line_in_its_language_or_its_script():
    lines = "\n".join(
        json.dumps(case, ensure_ascii=False)
        for case in [
            {"id": "fa", "published": "2020-03-01", "text": "۱۰ حوت ۱۳۹۸"},
            {"id": "ps", "published": "2020-09-23", "language": "ps", "text": "نن"},
            {"id": "en", "published": "2020-09-23", "language": "en", "text": "نن"},
        ]
    )
    printed = [json.loads(line) for line in extract("--jsonl", "-", stdin=lines).splitlines()]
    assert [(line["id"], [m["value"] for m in line["mentions"]]) for line in printed] == [
        ("fa", ["2020-02-29"]),
        ("ps", ["2020-09-23"]),
        ("en", []),
    ]


def test_extract_dates_takes_a_language_for_a_single_text():
    printed = json.loads(
        extract("--published", "2020-09-13", "--language", "fa", "-", stdin="دیروز")
    )
    assert printed == [{"text": "دیروز", "start": 0, "end": 5, "value": "2020-09-12"}]


def test_extract_dates_refuses_a_language_it_does_not_read():
    line = json.dumps({"id": "x", "published": "2020-01-01", "language": "de", "text": "x"})
    with pytest.raises(CommandError, match="Line 1: “de” is not a language read here"):
        extract("--jsonl", "-", stdin=line)


@pytest.mark.django_db
def test_a_pashto_article_imports_with_its_dates_suggested(tmp_path):
    article = tmp_path / "pajhwok.txt"
    article.write_text(
        "date 2020-09-23\n"
        "کابل (پژواک، ۲ تله ۹۹): د سولې مشورتي شورا غړو پرون له ولسمشر سره وکتل. "
        "د بین الافغاني خبرو پرانیستونکې غونډه د سپتمبر په ۱۲مه په دوحه کې وشوه. "
        "تړون د ۱۳۹۸ کال د کب په ۱۰مه لاسلیک شو.\n",
        encoding="utf-8",
    )
    call_command("ingest", str(article), "--language", "ps", stdout=io.StringIO())
    source = Source.objects.get()
    assert source.language == "ps"
    suggested = [
        (suggestion.mention, suggestion.span.value)
        for suggestion in Suggestion.objects.order_by("position")
    ]
    assert suggested == [
        ("۲ تله ۹۹", "2020-09-23"),
        ("پرون", "2020-09-22"),
        ("د سپتمبر په ۱۲مه", "2020-09-12"),
        ("د ۱۳۹۸ کال د کب په ۱۰مه", "2020-02-29"),
    ]
    # Each suggestion's sentence is its own: Arabic script has no capitals to start one.
    sentences = {
        source.text[s.sentence_start : s.sentence_end].strip() for s in Suggestion.objects.all()
    }
    assert "تړون د ۱۳۹۸ کال د کب په ۱۰مه لاسلیک شو." in sentences


@pytest.mark.parametrize(
    ("published", "language", "text", "expected"),
    [
        # No verb puts it in the past: the next one when it is near, as news leaves the year
        # out of dates close to the day of writing (Dari, Pashto, both calendars).
        ("2024-06-20", "fa", "نمایشگاه کتاب تا ۱۲ سرطان به روی مردم باز است.",
         [("۱۲ سرطان", "2024-07-02")]),
        ("2024-08-10", "ps", "د نوم لیکنې وروستۍ نېټه ۵ وږي ده.", [("۵ وږي", "2024-08-26")]),
        ("2024-10-01", "fa", "مسابقات فوتبال ۲۰ اکتوبر در ستدیوم غازی کابل.",
         [("۲۰ اکتوبر", "2024-10-20")]),
        ("2024-10-01", "ps", "د فوټبال لوبې د اکتوبر ۲۰مه په کابل کې.",
         [("د اکتوبر ۲۰مه", "2024-10-20")]),
        # A clear past verb keeps the last one.
        ("2024-06-20", "fa", "نمایشگاه کتاب ۱۲ سرطان بسته شد.", [("۱۲ سرطان", "2023-07-03")]),
        ("2024-08-10", "ps", "د نوم لیکنې وروستۍ نېټه ۵ وږي وه.", [("۵ وږي", "2023-08-27")]),
        # A month named alone: the same rule, a month still running being the last one.
        ("2024-02-10", "fa", "هواشناسی می‌گوید بارندگی در ماه حوت کمتر از معمول است.",
         [("ماه حوت", "2024-02-20/2024-03-19")]),
        ("2024-02-10", "fa", "بارندگی در ماه حوت کمتر از معمول بود.",
         [("ماه حوت", "2023-02-20/2023-03-20")]),
    ],
)  # fmt: skip
def test_a_year_less_date_near_ahead_is_the_next_unless_a_past_verb_says_otherwise(
    published, language, text, expected
):
    assert found(text, published, language) == expected


@pytest.mark.parametrize(
    ("published", "text", "expected"),
    [
        # Pashto's word for month after a name makes it a month, in either case.
        ("2024-10-30", "د لړم میاشتې په پای کې به واوره وورېږي.",
         [("لړم میاشتې", "2024-10-22/2024-11-20")]),
        ("2024-05-05", "د غویي میاشتې په لومړیو ورځو کې ډېر باران ووریده.",
         [("غویي میاشتې", "2024-04-20/2024-05-20")]),
        # The same names as everyday words are no dates: a scorpion, an ox, a lion.
        ("2024-10-30", "ښکاري د لړم له چیچلو وروسته روغتون ته ولاړ.", []),
        ("2024-05-05", "بزګر خپل غویی بازار ته یوړ.", []),
        ("2024-08-01",
         "زمری په ژوبڼ کې ناروغ دی او ساتونکي یې د زمري میاشتې له پیل راهیسې پاملرنه کوي.",
         [("زمري میاشتې", "2024-07-22/2024-08-21")]),
    ],
)  # fmt: skip
def test_a_pashto_month_named_with_the_word_for_month(published, text, expected):
    assert found(text, published, "ps") == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # Pashto's oblique weekday with a space; the mention is the weekday's words alone.
        ("ps", "غونډه د سه شنبې په ورځ وشوه.", [("سه شنبې", "2024-04-09")]),
        ("ps", "د وزارت مشر د سه شنبې ورځ کابل ته راستون شو.", [("سه شنبې", "2024-04-09")]),
        # Dari's weekday after "روز": the coming one in a present plan, the last in the past.
        ("fa", "کارمندان از روز شنبه به ادارات باز می‌گردند.", [("شنبه", "2024-04-13")]),
        ("fa", "کارمندان روز شنبه به ادارات بازگشتند.", [("شنبه", "2024-04-06")]),
        ("fa", "رخصتی‌ها تا روز شنبه ادامه دارد.", [("شنبه", "2024-04-13")]),
    ],
)
def test_weekdays_after_a_word_for_day_are_read_by_their_clause(language, text, expected):
    assert found(text, "2024-04-10", language) == expected


@pytest.mark.parametrize(
    ("published", "language", "text", "expected"),
    [
        # Iran's Gregorian names alone after a preposition, with "ماه" or "پایان".
        ("2024-11-27", "fa", "این طرح تا پایان دسامبر ادامه خواهد یافت.",
         [("پایان دسامبر", "2024-12")]),
        ("2024-11-27", "fa", "اخراج مهاجران در ماه دسامبر افزایش می‌یابد.",
         [("ماه دسامبر", "2024-12")]),
        ("2024-06-20", "fa", "قرارداد در ژوئیه امضا می‌شود.", [("ژوئیه", "2024-07")]),
        ("2024-06-20", "ps", "تړون به په ژوئیه کې لاسلیک شي.", [("ژوئیه", "2024-07")]),
    ],
)  # fmt: skip
def test_irans_gregorian_month_named_alone_is_that_month(published, language, text, expected):
    assert found(text, published, language) == expected


@pytest.mark.parametrize(
    ("published", "language", "text"),
    [
        # On the eve of Nowruz: the clause's past verb is the eve's, not the new year's.
        (
            "2025-03-19",
            "ps",
            "د نوروز په درشل کې د کابل په بازارونو کې د وچو مېوو بیې لوړې شوې دي.",
        ),
        ("2025-03-18", "fa", "در آستانهٔ نوروز قیمت میوه خشک در بازارهای کابل بالا رفت."),
    ],
)
def test_on_the_eve_of_nowruz_it_is_the_coming_one(published, language, text):
    assert found(text, published, language) == [("نوروز", "2025-03-21")]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("حمله دیشب در ولایت کندز رخ داد.", "fa", [("دیشب", "2020-09-12TNI")]),
        ("نشست امشب در کابل برگزار می‌شود.", "fa", [("امشب", "2020-09-13TNI")]),
        ("وزارت داخله امروز صبح اعلام کرد.", "fa", [("امروز صبح", "2020-09-13TMO")]),
        ("د جګړې دواړو خواوو پرون شپه اوربند مات کړ.", "ps", [("پرون شپه", "2020-09-12TNI")]),
        ("ناسته به نن شپه وشي.", "ps", [("نن شپه", "2020-09-13TNI")]),
    ],
)
def test_a_part_of_a_day_is_a_time_as_in_english_and_keeps_its_day(text, language, expected):
    # "Tonight", "last night", "this morning": TIMEs in TimeML, on the day an event takes.
    assert found(text, "2020-09-13", language) == expected
    (mention,) = extract_mentions(text, published=date(2020, 9, 13), language=language)
    assert mention.span.start == date.fromisoformat(expected[0][1][:10])


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # The verb comes last: a weekday ending its part of "و" takes the verb after it…
        (
            "بازی دوم روز شنبه و بازی سوم روز دوشنبه برگزار خواهد شد.",
            "fa",
            [("شنبه", "2019-11-16"), ("دوشنبه", "2019-11-18")],
        ),
        (
            "نخستین بازی روز یکشنبه و بازی پایانی ۲۰ نومبر برگزار می‌شود.",
            "fa",
            [("یکشنبه", "2019-11-17"), ("۲۰ نومبر", "2019-11-20")],
        ),
        # …and one opening its part shares Pashto's "به" before it.
        (
            "د ډالرو لیلام به سبا او د چهارشنبې په ورځ ترسره شي.",
            "ps",
            [("سبا", "2019-11-15"), ("چهارشنبې", "2019-11-20")],
        ),
        # A past verb after both keeps them behind.
        (
            "بازی روز شنبه و تمرین روز دوشنبه برگزار شد.",
            "fa",
            [("شنبه", "2019-11-09"), ("دوشنبه", "2019-11-11")],
        ),
        # "Until" a weekday: ahead.
        ("داوطلبان تا سه‌شنبه فرصت دارند.", "fa", [("سه\u200cشنبه", "2019-11-19")]),
        (
            "هیله ده چې لار د چهارشنبې تر ورځې پورې پرانیستل شي.",
            "ps",
            [("چهارشنبې", "2019-11-20")],
        ),
        # Dushanbe, not Monday: "from Dushanbe to Kabul"; "from Monday on" stays a day.
        ("هیئت یکشنبه آینده از دوشنبه به کابل بازمی‌گردد.", "fa", [("یکشنبه آینده", "2019-11-17")]),
    ],
)
def test_weekdays_take_the_verb_their_coordination_shares(text, language, expected):
    assert found(text, "2019-11-14", language) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Pashto's "the first date" of a month, and a day after "له" (from).
        (
            "د ۱۴۰۲ کال د وري لومړۍ نېټه نوی کال پیل شو.",
            [("د ۱۴۰۲ کال د وري لومړۍ نېټه", "2023-03-21")],
        ),
        (
            "د ۲۰۲۱ کال د اګست له ۱۵مې راهیسې مکتبونه تړلي دي.",
            [("د ۲۰۲۱ کال د اګست له ۱۵مې", "2021-08-15")],
        ),
    ],
)
def test_pashto_days_by_an_ordinal_word_or_after_from(text, expected):
    assert found(text, "2023-04-04", "ps") == expected
