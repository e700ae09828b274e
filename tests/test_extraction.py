"""Dates found in running text. Sentences here are our own, not the development set's."""

import json
from datetime import date
from pathlib import Path

import pytest

from events.dates.extraction import MAX_TEXT_LENGTH, extract_mentions

DEV_SET = Path(__file__).parent / "data" / "dates_dev.jsonl"


def found(text: str, published: str) -> list[tuple[str, str]]:
    return [
        (mention.text, mention.value)
        for mention in extract_mentions(text, published=date.fromisoformat(published))
    ]


@pytest.mark.parametrize(
    ("published", "text", "expected"),
    [
        # Weekdays: the most recent such day on or before publication...
        ("2021-02-10", "Envoys met in Tashkent on Monday.", [("Monday", "2021-02-08")]),
        ("2021-02-10", "The ceasefire held on Wednesday.", [("Wednesday", "2021-02-10")]),
        ("2021-02-10", "They left Kabul last Thursday.", [("last Thursday", "2021-02-04")]),
        # ...unless the sentence speaks of the future.
        ("2021-02-10", "The envoys will meet on Monday.", [("Monday", "2021-02-15")]),
        ("2021-02-10", "Talks are due to restart on Friday.", [("Friday", "2021-02-12")]),
        # Only the mention's own clause decides.
        (
            "2021-02-10",
            "Delegates will travel to Oslo, the ministry said on Tuesday.",
            [("Tuesday", "2021-02-09")],
        ),
        (
            "2021-02-10",
            "They plan to meet next week, on Feb. 17.",
            # The week as TimeML writes it (ISO week 7), and its day.
            [("next week", "2021-W07"), ("Feb. 17", "2021-02-17")],
        ),
        ("2021-02-10", "The deadline is May 1.", [("May 1", "2021-05-01")]),
        # A weekday that contradicts its date does not lose the date.
        (
            "2021-02-10",
            "Officials met on Monday, Feb. 9, in Doha.",
            [("Monday, Feb. 9", "2021-02-09")],
        ),
        # <month> last / next / this year
        (
            "2021-02-10",
            "The prisoners were freed in March last year.",
            [("March last year", "2020-03")],
        ),
        ("2021-02-10", "A new round opens in April next year.", [("April next year", "2022-04")]),
        (
            "2021-02-10",
            "He took office on 9 March this year.",
            [("9 March this year", "2021-03-09")],
        ),
        # "in <month>": the most recent past month, unless future tense.
        ("2021-02-10", "The council convened in November.", [("November", "2020-11")]),
        ("2021-02-10", "The council will convene in November.", [("November", "2021-11")]),
        ("2021-02-10", "In June, the talks are set to resume.", [("June", "2021-06")]),
        ("2021-02-10", "The plan was drafted in February.", [("February", "2021-02")]),
        # earlier this month, last month, this/next year
        (
            "2021-02-10",
            "Earlier this month the envoy resigned.",
            [("Earlier this month", "2021-02")],
        ),
        ("2021-02-10", "Prices rose last month.", [("last month", "2021-01")]),
        ("2021-02-10", "Elections are planned next year.", [("next year", "2022")]),
        # mid- and late <month>
        ("2021-02-10", "Fighting eased in mid-January.", [("mid-January", "2021-01")]),
        ("2021-02-10", "Convoys moved in late October.", [("late October", "2020-10")]),
        ("2021-02-10", "Aid arrived in early 2019.", [("early 2019", "2019")]),
        # today, yesterday, tomorrow
        ("2021-02-10", "The jirga opens today in Kabul.", [("today", "2021-02-10")]),
        ("2021-02-10", "Yesterday's blast hit a checkpoint.", [("Yesterday", "2021-02-09")]),
        ("2021-02-10", "Voting starts tomorrow.", [("tomorrow", "2021-02-11")]),
        ("2021-02-10", "Rockets struck the base last night.", [("last night", "2021-02-09TNI")]),
        # a day earlier, N days ago: from the last day mentioned, or from publication
        (
            "2021-02-10",
            "The envoy landed on 4 February 2021. A day earlier, he had called Ghani.",
            [("4 February 2021", "2021-02-04"), ("A day earlier", "2021-02-03")],
        ),
        (
            "2021-02-10",
            "Talks ended on Monday; the next day both sides issued statements.",
            [("Monday", "2021-02-08"), ("the next day", "2021-02-09")],
        ),
        ("2021-02-10", "He was arrested four days ago.", [("four days ago", "2021-02-06")]),
        ("2021-02-10", "The mission left two weeks ago.", [("two weeks ago", "2021-W04")]),
        # Absolute dates in their many spellings
        (
            "2021-02-10",
            "The accord was signed on Feb. 29, 2020.",
            [("Feb. 29, 2020", "2020-02-29")],
        ),
        ("2021-02-10", "It was signed on 29 February 2020.", [("29 February 2020", "2020-02-29")]),
        ("2021-02-10", "The decree of 04.03.2020 was withdrawn.", [("04.03.2020", "2020-03-04")]),
        ("2021-02-10", "The file dated 2020-03-04 was leaked.", [("2020-03-04", "2020-03-04")]),
        ("2021-02-10", "Its charter dates from August 1996.", [("August 1996", "1996-08")]),
        ("2021-02-10", "The movement was founded in 1994.", [("1994", "1994")]),
        ("2021-02-10", "The 2018 ceasefire lasted three days.", [("2018", "2018")]),
        # Ranges
        (
            "2021-02-10",
            "The jirga sat on 7–9 August 2020 in Kabul.",
            [("7", "2020-08-07"), ("9 August 2020", "2020-08-09")],
        ),
        (
            "2021-02-10",
            "Meetings ran from 30 November to 2 December 2020.",
            # TIMEX3 has no value for a range: TimeML marks each end that is a date.
            [("30 November", "2020-11-30"), ("2 December 2020", "2020-12-02")],
        ),
        (
            "2021-02-10",
            "Offensives between 2001 and 2014 failed.",
            [("2001", "2001"), ("2014", "2014")],
        ),
        (
            "2021-02-10",
            "The survey covered March–May 2020.",
            [("March", "2020-03"), ("May 2020", "2020-05")],
        ),
        # Year-less dates take the year of a full date nearby.
        (
            "2021-02-10",
            "The talks opened on 12 September 2020; on 2 December the sides agreed rules.",
            [("12 September 2020", "2020-09-12"), ("2 December", "2020-12-02")],
        ),
        (
            "2021-02-10",
            "Talks resumed on 30 December 2019 and closed on 3 January.",
            [("30 December 2019", "2019-12-30"), ("3 January", "2020-01-03")],
        ),
        (
            "2021-02-10",
            "The first round was held on 7 July 2019. Delegates returned on 8 August.",
            [("7 July 2019", "2019-07-07"), ("8 August", "2019-08-08")],
        ),
    ],
)
def test_phenomena_of_news_writing(published, text, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Officials said the talks may collapse.",  # modal "may"
        "Prime Minister Theresa May welcomed the deal.",  # a name
        "April Glaspie and Jan Kubis attended.",  # names
        "Supporters will march on the palace.",  # the verb "march"
        "The militia has fought for years.",  # a duration
        "The deal set a 14-month timeline after 14 months of talks.",  # durations
        "More than 21 negotiators and 2,500 troops took part.",  # counts
        "Casualties fell by 2019 people, officials said.",  # a count in year's clothing
        "The group returned two decades later.",  # relative to nothing stated
        "Refugees crossed two days before the deadline.",  # relative to an undated event
        "The Sunday Times and Good Friday accords were cited.",  # names with weekdays
        "Some 3,000 people marched.",  # a count, not a year
        "She said it would take weeks.",
        "Violence has risen over the last year and in the past month.",  # durations
        "",
    ],
)
def test_words_that_only_look_like_dates_are_left_alone(text):
    assert found(text, "2021-02-10") == []


def test_a_day_its_month_never_has_is_left_out_and_the_rest_still_found():
    # An article with a slip ("June 31") used to fail to import altogether.
    assert found("Talks ended on June 31, and resumed on 2 July 2019.", "2019-07-10") == [
        ("2 July 2019", "2019-07-02")
    ]


def test_mentions_carry_their_exact_offsets():
    text = "Envoys met on 3 March 2020 and again in late May."
    for mention in extract_mentions(text, published=date(2021, 2, 10)):
        assert text[mention.start : mention.end] == mention.text
    assert [m.as_json() for m in extract_mentions(text, published=date(2021, 2, 10))] == [
        {"text": "3 March 2020", "start": 14, "end": 26, "value": "2020-03-03"},
        {"text": "late May", "start": 40, "end": 48, "value": "2020-05"},
    ]


def test_ranges_give_start_and_end():
    from events.dates.extraction import joined

    mentions = extract_mentions("Talks ran 28–30 May 2019.", published=date(2021, 1, 28))
    (whole,) = joined(mentions)
    assert (whole.span.start, whole.span.end) == (date(2019, 5, 28), date(2019, 5, 30))


def test_the_seed_article_reads_as_a_careful_human_reads_it():
    from events.ingest.articles import read_article

    article = read_article(
        Path(__file__).parent.parent / "seeds/articles/000_23d8dcd0da77bbd4.txt"
    )
    assert [
        (m.text, m.value) for m in extract_mentions(article.text, published=article.published)
    ] == [("February last year", "2020-02"), ("2019", "2019"), ("October", "2020-10")]


def test_a_huge_text_is_cut_rather_than_searched_for_minutes():
    text = "Talks were held on 3 March 2020. " * (MAX_TEXT_LENGTH // 20)
    mentions = extract_mentions(text, published=date(2021, 2, 10))
    assert mentions and max(mention.end for mention in mentions) <= MAX_TEXT_LENGTH


def score(cases: list[dict]) -> tuple[float, float, float]:
    """Precision, recall and F1 as PRODUCT.md defines them: a gold mention is found when a
    predicted one overlaps its surface and has exactly its value; other predictions are
    false positives."""
    true_positives = false_positives = false_negatives = 0
    for case in cases:
        text = case["text"]
        predicted = extract_mentions(text, published=date.fromisoformat(case["published"]))
        matched: set[int] = set()
        for surface, value in case["gold"]:
            start = text.find(surface)
            end = start + len(surface)
            hit = next(
                (
                    index
                    for index, mention in enumerate(predicted)
                    if index not in matched
                    and mention.start < end
                    and start < mention.end
                    and mention.value == value
                ),
                None,
            )
            if hit is None:
                false_negatives += 1
            else:
                matched.add(hit)
                true_positives += 1
        false_positives += len(predicted) - len(matched)
    precision = true_positives / ((true_positives + false_positives) or 1)
    recall = true_positives / ((true_positives + false_negatives) or 1)
    f1 = 2 * precision * recall / ((precision + recall) or 1)
    return precision, recall, f1


def test_development_set_f1_is_at_least_0_95():
    cases = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines()]
    precision, recall, f1 = score(cases)
    assert f1 >= 0.95, f"precision {precision:.2f}, recall {recall:.2f}, F1 {f1:.2f}"


def test_a_weekday_written_with_a_year_less_date_names_its_year():
    # Wire copy dates the day after publication as "Thursday, June 13": 2019's, a Thursday
    # (June 13, 2018 was a Wednesday); read before as the last June 13, a year early.
    mentions = extract_mentions(
        "The summit opens on Thursday, June 13, in Lisbon.", published=date(2019, 6, 12)
    )
    assert [(m.text, m.value) for m in mentions] == [("Thursday, June 13", "2019-06-13")]


def test_every_tuesday_repeats_and_is_no_date():
    # TimeML calls it a SET: no one day to suggest.
    text = "The committee meets every Tuesday and reviews its targets each Friday."
    assert extract_mentions(text, published=date(2018, 8, 16)) == []


def test_newswire_development_cases_hold_their_score():
    """Issue 18's cases (wire, business, diplomatic copy, transcripts; TIMEX3 values). The
    target is F1 0.95; this holds what is reached (0.99), so no change loses ground."""
    from tests.dates_scoring import cases, score

    def ours(text: str, published: date, language: str | None) -> list[tuple[int, int, str]]:
        found = extract_mentions(text, published=published, language=language)
        return [(mention.start, mention.end, mention.value) for mention in found]

    total, _ = score(ours, cases("dates_newswire_dev.jsonl"))
    assert total.gold >= 150
    assert total.f1 >= 0.97, "\n".join(total.misses)


def test_a_decade_is_its_ten_years_with_timemls_value():
    # Once left alone (no day, month or year to store); TimeML dates a decade ("199"), and
    # an event can hold its ten years.
    mentions = extract_mentions("Prices fell in the late 1970s.", published=date(2019, 6, 12))
    assert [(m.text, m.value, m.span.value) for m in mentions] == [
        ("the late 1970s", "197", "1970/1979")
    ]
    marched = extract_mentions("Some 3,000 people marched in the 1990s.", published=date.today())
    assert [(m.text, m.value) for m in marched] == [("the 1990s", "199")]


Q2, Q3, Q4 = "the second quarter", "the third quarter", "the fourth quarter"


@pytest.mark.parametrize(
    ("published", "text", "expected"),
    [
        # Results: the last quarter over; what is expected, the next one not yet over.
        ("2019-10-24", "Net income rose in the third quarter.", [(Q3, "2019-Q3")]),
        ("2018-02-01", "Profit will return in the second quarter.", [(Q2, "2018-Q2")]),
        ("2018-02-01", "The bank lost money in the fourth quarter.", [(Q4, "2017-Q4")]),
        ("2017-03-08", "Arrivals dropped last summer.", [("last summer", "2016-SU")]),
        ("2016-01-27", "The model launches this fall.", [("this fall", "2016-FA")]),
        ("2022-11-02", "Levels fell through the summer.", [("the summer", "2022-SU")]),
    ],
)
def test_quarters_and_seasons_have_timemls_values(published, text, expected):
    mentions = extract_mentions(text, published=date.fromisoformat(published))
    assert [(m.text, m.value) for m in mentions] == expected


@pytest.mark.parametrize(
    ("published", "text", "expected"),
    [
        # The tense of the verb that governs a year-less date says which year it is in.
        ("2018-10-15", "The lease expires on January 31.", [("January 31", "2019-01-31")]),
        ("2018-10-15", "The lease expired on January 31.", [("January 31", "2018-01-31")]),
        ("2018-10-15", "Rent is due in March.", [("March", "2019-03")]),
        ("2018-10-15", "Rent was due in March.", [("March", "2018-03")]),
        ("2018-10-15", "The court adjourned the case until Feb. 2.", [("Feb. 2", "2019-02-02")]),
        ("2018-10-15", "Inflation could ease in February.", [("February", "2019-02")]),
        ("2018-10-15", "He could not attend in February.", [("February", "2018-02")]),
        # A verb joined to one with "will" shares it.
        (
            "2018-10-15",
            "The museum will close on Sept. 1 and reopen on Jan. 9.",
            [("Sept. 1", "2019-09-01"), ("Jan. 9", "2019-01-09")],
        ),
        # Wire copy: the weekday after a dateline or a name.
        ("2018-10-15", "LAGOS, Monday - Floods closed schools.", [("Monday", "2018-10-15")]),
        ("2018-10-17", "Officials Tuesday denied the report.", [("Tuesday", "2018-10-16")]),
        # A full date lends its year forward: the narrative moves on from it.
        (
            "2018-10-15",
            "The mine closed on Feb. 20, 2014. It reopened on Oct. 2.",
            [("Feb. 20, 2014", "2014-02-20"), ("Oct. 2", "2014-10-02")],
        ),
        # Years named by phrases.
        ("2018-10-15", "Sales will rise by year-end.", [("year-end", "2018")]),
        (
            "2018-10-15",
            "The mine opened in 1987. That year, prices collapsed.",
            [("1987", "1987"), ("That year", "1987")],
        ),
        (
            "2018-10-15",
            "Exports reached $4 billion in 2016, up from $3 billion a year earlier.",
            [("2016", "2016"), ("a year earlier", "2015")],
        ),
        (
            "2018-10-15",
            "The plant will be finished by the end of next year.",
            [("the end of next year", "2019")],
        ),
        # Spelled out, as a transcript writes what was said.
        ("2018-10-15", "A: I left in nineteen eighty-nine.", [("nineteen eighty-nine", "1989")]),
        ("2018-10-15", "A: Since two thousand and three.", [("two thousand and three", "2003")]),
        ("2018-10-15", "A: Not before twenty thirty.", [("twenty thirty", "2030")]),
        # Centuries and decades in words, valued as TimeML writes them.
        ("2018-10-15", "A fort from the 17th century.", [("the 17th century", "16")]),
        ("2018-10-15", "Music of the seventies.", [("the seventies", "197")]),
        # Months with no preposition before them.
        ("2018-10-15", "September exports rose.", [("September", "2018-09")]),
        (
            "2018-10-15",
            "Results for June and July fell.",
            [("June", "2018-06"), ("July", "2018-07")],
        ),
    ],
)
def test_issue_18_phenomena(published, text, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize(
    ("published", "text", "expected"),
    [
        # A year-less date no verb puts in the past is the nearer one, leaning back: news
        # leaves the year out near the day of writing.
        (
            "2019-10-30",
            "Lawmakers backed a snap election on Dec. 12.",
            [("Dec. 12", "2019-12-12")],
        ),
        (
            "2013-09-24",
            "A shutdown deadline of Oct. 1 drew closer.",
            [("Oct. 1", "2013-10-01")],
        ),
        (
            "2019-10-30",
            "The minister said the vote went smoothly in December.",
            [("December", "2018-12")],
        ),
        # A verb in the past that governs the date itself keeps it behind the writer.
        (
            "2021-12-28",
            "The prime minister, who took office in February, will not run.",
            [("February", "2021-02")],
        ),
        (
            "2013-12-30",
            "The conductor announced in January that he would step down.",
            [("January", "2013-01")],
        ),
        # The writer's future has no narrative drift: the January between now and the vote.
        (
            "2009-12-29",
            "Parliament returns on Jan. 5, and the vote must be held by June 3, 2010.",
            [("Jan. 5", "2010-01-05"), ("June 3, 2010", "2010-06-03")],
        ),
        # Results are of a quarter that is over, whatever the tense of reporting them.
        (
            "2010-01-07",
            "The company will report earnings for the fourth quarter on Jan. 28.",
            [("the fourth quarter", "2009-Q4"), ("Jan. 28", "2010-01-28")],
        ),
        # A number's comma does not end a clause; a count's plural is not a verb.
        (
            "2015-02-24",
            "The film will return to 1,000 theaters on Friday.",
            [("Friday", "2015-02-27")],
        ),
        (
            "2018-11-08",
            "The race was decided by 212 votes on Tuesday.",
            [("Tuesday", "2018-11-06")],
        ),
        (
            "1993-04-15",
            "The agency said it had received 71 million returns by April 9.",
            [("April 9", "1993-04-09")],
        ),
        (
            "2024-07-29",
            "The host nation won its first gold on Sunday.",
            [("Sunday", "2024-07-28")],
        ),
        (
            "2013-11-25",
            "Negotiators had come close to a deal on Nov. 10.",
            [("Nov. 10", "2013-11-10")],
        ),
        (
            "2022-08-24",
            "The rocket remained on track for a first launch on Monday.",
            [("Monday", "2022-08-29")],
        ),
        # "since" points back, whatever the verb.
        (
            "2018-01-02",
            "The cold that has gripped the city since Christmas will last all week.",
            [("Christmas", "2017-12-25")],
        ),
        # The end of what goes on from now lies ahead; a range's end follows its start.
        (
            "2018-01-02",
            "The city extended the shelters' hours through Friday.",
            [("Friday", "2018-01-05")],
        ),
        (
            "2010-04-20",
            "Passengers may not get home until the weekend.",
            [("the weekend", "2010-W16-WE")],
        ),
        (
            "2019-07-16",
            "The storm raged from Saturday through Monday.",
            [("Saturday", "2019-07-13"), ("Monday", "2019-07-15")],
        ),
        # A holiday likewise: a past verb leans back only when it governs the holiday.
        (
            "2023-12-21",
            "Forecasters warned of more heavy rain over Christmas.",
            [("Christmas", "2023-12-25")],
        ),
        (
            "2023-12-20",
            "The family celebrated Christmas with a feast.",
            [("Christmas", "2022-12-25")],
        ),
        # A sentence that names its year sets its year-less dates there, within the clause.
        (
            "2021-04-26",
            "Last year's show was held on Feb. 9, weeks before cinemas closed in March.",
            [("Last year", "2020"), ("Feb. 9", "2020-02-09"), ("March", "2020-03")],
        ),
        (
            "2011-09-22",
            "The band formed in 1984 and released its last album in March.",
            [("1984", "1984"), ("March", "2011-03")],
        ),
        (
            "2014-12-22",
            "Stocks had their worst day since 1987 on 8 December.",
            [("1987", "1987"), ("8 December", "2014-12-08")],
        ),
    ],
)
def test_the_year_of_a_year_less_date_follows_its_sentence(published, text, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize(
    ("published", "text", "expected"),
    [
        # Days and years said in words, as transcripts write speech.
        (
            "1996-10-13",
            "The only poll that counts is on November fifth.",
            [("November fifth", "1996-11-05")],
        ),
        (
            "2019-11-08",
            "Q: When? A: January thirty-first.",
            [("January thirty-first", "2020-01-31")],
        ),
        (
            "1605-10-01",
            "Remember the fifth of November.",
            [("the fifth of November", "1605-11-05")],
        ),
        (
            "2023-10-10",
            "Technically it was December of twenty fifteen.",
            [("December of twenty fifteen", "2015-12")],
        ),
        (
            "2019-11-08",
            "I started in October of ninety-eight.",
            [("October of ninety-eight", "1998-10")],
        ),
        ("2012-01-29", "Back in oh-eight, I was ahead.", [("oh-eight", "2008")]),
        ("2002-07-16", "The strike in ninety-four hurt.", [("ninety-four", "1994")]),
        ("2025-08-05", "Can you say anything about fiscal twenty-six?", [("twenty-six", "2026")]),
        (
            "2019-11-08",
            "Honestly, two thousand nineteen has been a hard year.",
            [("two thousand nineteen", "2019")],
        ),
        # Counts and ages in words are not years.
        ("2002-07-16", "He won in ninety-four games.", []),
        ("2002-07-16", "I was sixty when it happened.", []),
        ("2002-07-16", "They will march fifth in the parade.", []),
        ("2002-07-16", "It happened twenty years ago.", [("twenty years ago", "1982")]),
    ],
)
def test_dates_said_in_words(published, text, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize(
    ("published", "text", "expected"),
    [
        # "next Wednesday" on a Wednesday is a week on.
        (
            "2019-10-30",
            "Parliament will be dissolved next Wednesday.",
            [("next Wednesday", "2019-11-06")],
        ),
        # A date "since" which something is compared is no anchor for the dates beside it.
        (
            "2019-04-18",
            "Sales rose in March from February, the biggest gain since September 2017.",
            [("March", "2019-03"), ("February", "2019-02"), ("September 2017", "2017-09")],
        ),
        # The writer's own future counts from the time of writing, not from a full date
        # before it, also when it is "scheduled" or "now due".
        (
            "2021-04-21",
            "The killing on May 25, 2020, set off protests. Three officers are scheduled to "
            "stand trial in August.",
            [("May 25, 2020", "2020-05-25"), ("August", "2021-08")],
        ),
        # A participle that governs the date keeps it in the past, though a modal follows.
        (
            "2017-05-25",
            "A match announced on Tuesday may close the case.",
            [("Tuesday", "2017-05-23")],
        ),
        # A possessive weekday looks ahead with its clause only after a verb of appearing.
        (
            "2009-12-31",
            "The captain will be out for the match after he hurt a hamstring in Monday's win.",
            [("Monday", "2009-12-28")],
        ),
        # Schedules in the present and the progressive.
        ("2025-02-21", "Tickets go on sale on Monday.", [("Monday", "2025-02-24")]),
        ("2021-11-26", "New rules taking effect on Monday.", [("Monday", "2021-11-29")]),
        ("1999-12-31", "The real test comes on Monday.", [("Monday", "2000-01-03")]),
        (
            "1997-02-24",
            "Details will appear in Thursday's issue of the journal.",
            [("Thursday", "1997-02-27")],
        ),
    ],
)
def test_the_writers_future_and_what_governs_a_date(published, text, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize(
    ("published", "text", "expected"),
    [
        # Business copy: fiscal years, a half or a quarter with its year in words.
        ("2020-05-27", "The company withdrew its FY2020 guidance.", [("FY2020", "2020")]),
        ("2024-07-25", "Revenue in H1 rose 4%.", [("H1", "2024-H1")]),
        (
            "2025-08-05",
            "Revenue was up 9% compared with Q2 of last year.",
            [("Q2 of last year", "2024-Q2")],
        ),
        (
            "2023-10-10",
            "We are targeting the second quarter of next year.",
            [("the second quarter of next year", "2024-Q2")],
        ),
        (
            "2025-04-10",
            "Payments are due by the end of the month.",
            [("the end of the month", "2025-04")],
        ),
        # Years outside 1800-2099 where a year is expected; not as counts.
        ("2025-02-21", "The museum opened to the public in 1793.", [("1793", "1793")]),
        ("2001-01-22", "Temperatures could rise by 2100.", [("2100", "2100")]),
        ("2001-01-22", "Police counted 1500 protesters.", []),
        # Centuries however numbered; a modifier stays in the mention.
        ("2020-01-01", "Built in the 2nd century.", [("the 2nd century", "01")]),
        ("2020-01-01", "In the late 19th century, trade grew.", [("the late 19th century", "18")]),
        ("2016-06-08", "A portrait by the 17th-century painter.", [("17th-century", "16")]),
        # Names that hold a year or a season; the day that names an attack.
        ("2021-07-07", "The tournament, still branded Euro 2020, ended.", []),
        ("1998-02-05", "The Winter Games open on Saturday.", [("Saturday", "1998-02-07")]),
        (
            "2008-09-15",
            "It was the worst drop since the Sept. 11 attacks.",
            [("Sept. 11", "2001-09-11")],
        ),
        (
            "2020-06-19",
            "Today is Juneteenth.",
            [("Today", "2020-06-19"), ("Juneteenth", "2020-06-19")],
        ),
        # "above 2006 levels": a year before the noun it qualifies.
        ("2010-03-02", "Turnout was well above 2006 levels.", [("2006", "2006")]),
    ],
)
def test_business_copy_history_and_names(published, text, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize(
    ("published", "text", "expected"),
    [
        # Anaphora that take the narrative's month or year.
        (
            "2014-04-10",
            "An election would follow in September, the same month as the primary.",
            [("September", "2014-09"), ("the same month", "2014-09")],
        ),
        (
            "2009-12-30",
            "Prices dropped in 2008; the year before, they had fallen 6%.",
            [("2008", "2008"), ("the year before", "2007")],
        ),
        # "a year earlier" at the granularity of the month it is compared with.
        (
            "2022-01-13",
            "Prices jumped 7% in December from a year earlier.",
            [("December", "2021-12"), ("a year earlier", "2020-12")],
        ),
        (
            "2024-07-25",
            # The quarter it is compared with, a year before: so five of seven blind cases
            # were marked (annotators disagree; two have the year).
            "Second-quarter revenue rose from $3.8 billion a year earlier.",
            [("Second-quarter", "2024-Q2"), ("a year earlier", "2023-Q2")],
        ),
    ],
)
def test_anaphora_take_the_narratives_time(published, text, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize(
    ("published", "text", "expected"),
    [
        # A "last week" between a full date and a year-less one brings the narrative back
        # to the time of writing.
        (
            "2016-04-22",
            "He was born on June 7, 1958. His plane landed in Illinois last week, and he "
            "gave his final concert on April 14.",
            [
                ("June 7, 1958", "1958-06-07"),
                ("last week", "2016-W15"),
                ("April 14", "2016-04-14"),
            ],
        ),
        # The year the sentence itself names beats a full date in the sentence before.
        (
            "2003-04-16",
            "A draft was published in February 2001. The anniversary of the 1953 paper, "
            "which appeared on April 25, is near.",
            [("February 2001", "2001-02"), ("1953", "1953"), ("April 25", "1953-04-25")],
        ),
        # A schedule in the present is the writer's own, whatever history came before.
        (
            "2022-09-28",
            "It was the worst storm since August 2004. The season runs through Nov. 30.",
            [("August 2004", "2004-08"), ("Nov. 30", "2022-11-30")],
        ),
        # A fiscal year is not the time its sentence is set in.
        (
            "2002-01-13",
            "The White House will send its budget for fiscal 2003 to Congress on Feb. 4.",
            [("2003", "2003"), ("Feb. 4", "2002-02-04")],
        ),
    ],
)
def test_what_sets_the_year_of_the_narrative(published, text, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize(
    ("published", "text", "expected"),
    [
        # A weekday no verb in its clause puts in the past: the nearer, leaning back.
        (
            "2008-05-09",
            "The junta is pressing ahead with a referendum on Saturday.",
            [("Saturday", "2008-05-10")],
        ),
        (
            "2017-08-31",
            "A week after the hurricane came ashore near Rockport on Friday, waters fell.",
            [("Friday", "2017-08-25")],
        ),
        # "moved ... to" looks ahead only to a time.
        (
            "2009-05-12",
            "United moved closer to the title with a victory on Sunday.",
            [("Sunday", "2009-05-10")],
        ),
        ("2009-05-12", "The club moved the match to Friday.", [("Friday", "2009-05-15")]),
        # A "recently" also brings the narrative back to the time of writing.
        (
            "2011-10-05",
            "Born on Jan. 17, 1920, she sketched until recently. A retrospective of her "
            "work opens at the museum in November.",
            [("Jan. 17, 1920", "1920-01-17"), ("recently", "PAST_REF"), ("November", "2011-11")],
        ),
        # A range no verb decides is placed by where it begins.
        (
            "2010-08-10",
            "The government has banned grain exports from Aug. 15 until Dec. 31.",
            [("Aug. 15", "2010-08-15"), ("Dec. 31", "2010-12-31")],
        ),
        # "this weekend" under a verb in the past, written on a weekday: the one just past;
        # looking ahead, the coming one.
        (
            "2019-07-15",
            "'We dodged a bullet this weekend,' the governor said.",
            [("this weekend", "2019-W28-WE")],
        ),
        ("2019-07-15", "Storms will hit this weekend.", [("this weekend", "2019-W29-WE")]),
        # A schedule in the plural present.
        ("1996-07-30", "The Games end Sunday.", [("Sunday", "1996-08-04")]),
        # Quarters by their months; more holidays.
        (
            "2012-07-25",
            "Profit rose in the April-June quarter.",
            [("April-June quarter", "2012-Q2")],
        ),
        (
            "2012-10-01",
            "Voters go to the polls on Election Day.",
            [("Election Day", "2012-11-06")],
        ),
        (
            "1990-03-19",
            "Parades on St. Patrick's Day drew crowds.",
            [("St. Patrick's Day", "1990-03-17")],
        ),
        ("2012-02-27", "Babies born on Leap Day are rare.", [("Leap Day", "2012-02-29")]),
    ],
)
def test_weekdays_quarters_and_holidays_of_general_news(published, text, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize(
    ("published", "text", "expected"),
    [
        # Past narrative: the last one; what lies ahead: the next one.
        ("2019-01-04", "Shops closed over Christmas.", [("Christmas", "2018-12-25")]),
        ("2019-01-04", "Shops will close at Easter.", [("Easter", "2019-04-21")]),
        ("2021-06-01", "Crowds gathered on Easter Monday.", [("Easter Monday", "2021-04-05")]),
        # "sold out" does not govern the holiday: flights for the coming one sold out.
        ("2019-11-01", "Flights sold out for Thanksgiving.", [("Thanksgiving", "2019-11-28")]),
        ("2019-11-01", "Crowds gathered on Thanksgiving.", [("Thanksgiving", "2018-11-22")]),
        (
            "2019-11-01",
            "Flights will sell out for Thanksgiving.",
            [("Thanksgiving", "2019-11-28")],
        ),
        ("2021-06-01", "Markets shut on Memorial Day.", [("Memorial Day", "2021-05-31")]),
        # Nowruz: the first of Hamal, the Solar Hijri new year.
        ("2020-04-02", "Kabul celebrated Nowruz quietly.", [("Nowruz", "2020-03-20")]),
        ("2021-04-02", "Kabul celebrated Nowruz quietly.", [("Nowruz", "2021-03-21")]),
        ("2019-01-04", "Prices rose after Christmas 2016.", [("Christmas 2016", "2016-12-25")]),
    ],
)
def test_holidays_are_their_days(published, text, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize(
    ("published", "text", "expected"),
    [
        ("2018-10-15", "Rates are now at a record.", [("now", "PRESENT_REF")]),
        ("2018-10-15", "Nowadays few farmers remain.", [("Nowadays", "PRESENT_REF")]),
        ("2018-10-15", "Rates have recently risen.", [("recently", "PAST_REF")]),
        ("2018-10-15", "In the past, rivals met rarely.", [("the past", "PAST_REF")]),
        (
            "2018-10-15",
            "Talks may resume in the near future.",
            [("the near future", "FUTURE_REF")],
        ),
    ],
)
def test_times_relative_to_the_writers_present_are_timemls_references(published, text, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize(
    ("published", "text", "expected"),
    [
        # "N years later" counts from the year the narrative last named, as "a year later".
        (
            "2013-03-25",
            "The bank took state aid in 2009; it repaid the aid two years later.",
            [("2009", "2009"), ("two years later", "2011")],
        ),
        (
            "2013-03-22",
            "Born on Aug. 30, 1921, she had her first show in 1956; a commission two "
            "years later made her name.",
            [("Aug. 30, 1921", "1921-08-30"), ("1956", "1956"), ("two years later", "1958")],
        ),
        # With no year named, from the time of writing.
        ("2013-03-22", "The plant will close three years later.", [("three years later", "2016")]),
        # A quarter or a half without its year that has begun is the current one.
        (
            "2013-03-21",
            "Economists fear it contracted again in the first quarter.",
            [("the first quarter", "2013-Q1")],
        ),
        (
            "2013-03-21",
            "Economists think it shrank in the fourth quarter.",
            [("the fourth quarter", "2012-Q4")],
        ),
        # A quarter named by the month it ends with, as business copy does.
        (
            "2013-03-21",
            "Ardent lost $210 million in the December quarter.",
            [("December quarter", "2012-Q4")],
        ),
        # A month with "of last year"; notes maturing and a term extended until a date.
        (
            "1999-03-24",
            "The conflict has killed 2,000 people since February of last year.",
            [("February of last year", "1998-02")],
        ),
        (
            "2013-03-06",
            "It has $250 million of notes maturing on Jan. 15.",
            [("Jan. 15", "2014-01-15")],
        ),
        (
            "2013-03-19",
            "A court on Tuesday extended his detention until June 19.",
            [("Tuesday", "2013-03-19"), ("June 19", "2013-06-19")],
        ),
        # A past verb governs its date, whatever modal follows it.
        (
            "2013-03-01",
            "A tax increase that took effect Jan. 1 could weigh on spending.",
            [("Jan. 1", "2013-01-01")],
        ),
        # A weekday's event awaited in a clause not in the past; a schedule's "takes office".
        (
            "1998-01-22",
            "The Packers are 11-point favorites for Sunday's game.",
            [("Sunday", "1998-01-25")],
        ),
        (
            "1998-01-22",
            "The Packers trained hard for Sunday's game.",
            [("Sunday", "1998-01-18")],
        ),
        (
            "2013-03-18",
            "The vote is on Sept. 10, and the winner takes office on Jan. 1.",
            [("Sept. 10", "2013-09-10"), ("Jan. 1", "2014-01-01")],
        ),
        # "A year earlier" compared with the month the sentence before was about.
        (
            "2013-03-19",
            "Inflation rose to 2.8 percent in February. A year earlier, it stood at 3.4 percent.",
            [("February", "2013-02"), ("A year earlier", "2012-02")],
        ),
        (
            "1997-02-12",
            "Fourth-quarter net income rose to $42.7 million from $36.2 million a year earlier.",
            [("Fourth-quarter", "1996-Q4"), ("a year earlier", "1995-Q4")],
        ),
    ],
)
def test_counted_years_and_parts_of_a_year_follow_the_narrative(published, text, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks resume tonight, officials said.", [("tonight", "2013-03-21TNI")]),
        ("The minister spoke this morning in Kabul.", [("this morning", "2013-03-21TMO")]),
        ("Crowds gathered this afternoon.", [("this afternoon", "2013-03-21TAF")]),
        ("The council meets this evening.", [("this evening", "2013-03-21TEV")]),
        ("Fighting broke out last night.", [("last night", "2013-03-20TNI")]),
        # A part of a named day keeps the day's DATE value: the day is what is dated.
        ("The blast struck Tuesday night.", [("Tuesday night", "2013-03-19")]),
    ],
)
def test_a_part_of_today_is_a_time_as_timeml_marks_it_and_keeps_its_day(text, expected):
    # TimeML marks "tonight" as a TIME ("2013-03-21TNI"), not a DATE; an event still
    # takes the day.
    assert found(text, "2013-03-21") == expected
    (mention,) = extract_mentions(text, published=date(2013, 3, 21))
    assert mention.span.start == date.fromisoformat(expected[0][1][:10])


def test_a_date_evaluation_neither_finds_nor_faults_a_time():
    from tests.dates_scoring import score

    case = {
        "id": "t-1",
        "published": "2013-03-21",
        "text": "The vote is tonight; results come on Friday.",
        "gold": [["Friday", "2013-03-22"]],
    }

    def ours(text, published, language):
        return [(m.start, m.end, m.value) for m in extract_mentions(text, published=published)]

    total, _ = score(ours, [case])
    assert (total.found, total.predicted, total.correct_predictions) == (1, 1, 1)


@pytest.mark.parametrize(
    "text",
    [
        "The Easter Rising and a Christmas truce were recalled.",  # names of events
        "He was named Person of the Year.",  # an award
        "The year-on-year rise slowed.",
        "Nurses gave 1,200 shots and 2019 doses were left.",  # a count after a verb
        "Call extension 1999 or take flight 2020.",  # identifiers
        "Theresa May and June Sarpong spoke.",  # names
        "In the past week and the past two years, prices rose.",  # stretches of time
        "The future of the talks and the present agreement were discussed.",
    ],
)
def test_issue_18_look_alikes_are_left_alone(text):
    assert found(text, "2018-10-15") == []


@pytest.mark.parametrize(
    ("name", "floor"),
    [
        # Written apart from the rules: each scored lower when first run (0.86, 0.92, 0.89
        # and 0.89), before rules were fixed for what it showed (and ranges were marked at
        # each end, as TimeML marks them, in the first two).
        ("dates_newswire_check.jsonl", 0.96),
        ("dates_newswire_check2.jsonl", 0.97),
        ("dates_newswire_check3.jsonl", 0.97),
        ("dates_newswire_check4.jsonl", 0.98),
        # Passages of several sentences, where dates lean on one another: 0.87 when first
        # run, before any rule was changed for it; 0.91 a stop later, 0.97 once the year of a
        # year-less date followed its sentence and the nearer date won when no verb decides.
        ("dates_newswire_check5.jsonl", 0.96),
        # Ten domains, four styles, written apart from the rules: 0.89 when first run, 0.96
        # once rules were fixed for what it showed.
        ("dates_newswire_check6.jsonl", 0.95),
        # As TempEval-3's newswire reads, 1988-2025: 0.93 when first run.
        ("dates_newswire_check7.jsonl", 0.92),
        # In the style of TempEval-3's platinum newswire (2013) and TimeBank's 1990s copy:
        # 0.92 when first run.
        ("dates_newswire_check8.jsonl", 0.92),
        # Dari and Pashto news of every kind, written apart from the rules: 0.92 when first
        # run (in the project's convention for relative months and years).
        ("dates_dari_pashto_check.jsonl", 0.98),
        # A second Dari and Pashto set, after the first had been used: 0.89 when first run.
        ("dates_dari_pashto_check2.jsonl", 0.88),
        # A third, of every kind of news, 2019-2025: 0.92 when first run as written, 0.96
        # with its ranges marked at each end as the project marks them.
        ("dates_dari_pashto_check3.jsonl", 0.95),
    ],
)
def test_newswire_check_cases_hold_their_score(name, floor):
    from tests.dates_scoring import cases, score

    def ours(text: str, published: date, language: str | None) -> list[tuple[int, int, str]]:
        found = extract_mentions(text, published=published, language=language)
        return [(mention.start, mention.end, mention.value) for mention in found]

    total, _ = score(ours, cases(name))
    assert total.gold >= 100
    assert total.f1 >= floor, "\n".join(total.misses)


@pytest.mark.parametrize(
    ("text", "ends", "whole"),
    [
        (
            "Meetings ran from 30 November to 2 December 2020.",
            [("30 November", "2020-11-30"), ("2 December 2020", "2020-12-02")],
            ("30 November to 2 December 2020", "2020-11-30/2020-12-02"),
        ),
        (
            "Offensives between 2001 and 2014 failed.",
            [("2001", "2001"), ("2014", "2014")],
            ("2001 and 2014", "2001/2014"),
        ),
        (
            "The fair runs Nov. 30–Dec. 3.",
            [("Nov. 30", "2020-11-30"), ("Dec. 3", "2020-12-03")],
            ("Nov. 30–Dec. 3", "2020-11-30/2020-12-03"),
        ),
    ],
)
def test_a_range_is_marked_at_each_end_and_joined_whole_for_an_event(text, ends, whole):
    from events.dates.extraction import joined

    mentions = extract_mentions(text, published=date(2020, 11, 20))
    assert [(mention.text, mention.value) for mention in mentions] == ends
    assert [(mention.text, mention.value) for mention in joined(mentions)] == [whole]


@pytest.mark.parametrize(
    ("text", "ends", "whole"),
    [
        (
            "Talks ran 28–30 May 2019.",
            [("28", "2019-05-28"), ("30 May 2019", "2019-05-30")],
            ("28–30 May 2019", "2019-05-28/2019-05-30"),
        ),
        (
            "The 1957-58 season.",
            [("1957", "1957"), ("58", "1958")],
            ("1957-58", "1957/1958"),
        ),
        (
            "Polls open June 3-5, 2019.",
            [("June 3", "2019-06-03"), ("5, 2019", "2019-06-05")],
            ("June 3-5, 2019", "2019-06-03/2019-06-05"),
        ),
    ],
)
def test_an_end_that_borrows_from_the_other_is_still_marked_on_its_own(text, ends, whole):
    # TimeML has no value for a range: each end is a date, even "58" of "1957-58".
    from events.dates.extraction import joined

    mentions = extract_mentions(text, published=date(2019, 5, 1))
    assert [(mention.text, mention.value) for mention in mentions] == ends
    assert [(mention.text, mention.value) for mention in joined(mentions)] == [whole]


@pytest.mark.parametrize(
    ("published", "text", "expected"),
    [
        # The future of a past moment counts from that moment (TimeML's reference time).
        (
            "2018-10-02",
            "The minister said in February that the dam would open in the spring.",
            [("February", "2018-02"), ("the spring", "2018-SP")],
        ),
        (
            "2016-06-14",
            "Officials said on Wednesday that the count would finish on Friday.",
            [("Wednesday", "2016-06-08"), ("Friday", "2016-06-10")],
        ),
        (
            "2019-01-08",
            "Mediators said on Dec. 18 that both sides could sign on Dec. 21 and that observers "
            "would arrive in January.",
            [("Dec. 18", "2018-12-18"), ("Dec. 21", "2018-12-21"), ("January", "2019-01")],
        ),
        # …but the writer's own "will" counts from the time of writing.
        (
            "2019-01-08",
            "The envoy said on Dec. 18 that talks will resume in March.",
            [("Dec. 18", "2018-12-18"), ("March", "2019-03")],
        ),
        # A fronted date takes its clause's verb, in the past, before any "would" it reports.
        (
            "2021-03-03",
            "In September, the firm told staff that it would reopen the plant in February.",
            [("September", "2020-09"), ("February", "2021-02")],
        ),
        # A month that is its verb's subject takes that verb's tense.
        (
            "2020-09-15",
            "Exports slumped in July, and August proved little better, though traders expect "
            "October to be stronger.",
            [("July", "2020-07"), ("August", "2020-08"), ("October", "2020-10")],
        ),
        (
            "2017-07-20",
            "June was a washout for campers, but July has brought clear skies.",
            [("June", "2017-06"), ("July", "2017-07")],
        ),
        (
            "2019-11-12",
            "Analysts say December could be the busiest month, after October saw record sales.",
            [("December", "2019-12"), ("October", "2019-10")],
        ),
        # A schedule told in the present tense lies ahead.
        (
            "2022-03-09",
            "The two clubs meet in Lisbon on Saturday, and the winners play the final on Tuesday.",
            [("Saturday", "2022-03-12"), ("Tuesday", "2022-03-15")],
        ),
        (
            "2018-05-02",
            "Bids run until June 15, and the company has until July 30 to choose.",
            [("June 15", "2018-06-15"), ("July 30", "2018-07-30")],
        ),
        (
            "2021-08-24",
            "The appeal is listed for 4 October at the High Court.",
            [("4 October", "2021-10-04")],
        ),
        # A clause of "with" or "before" and a participle has its sentence's tense.
        (
            "2023-04-11",
            "Voting will close on May 2, with ballots counted on May 4.",
            [("May 2", "2023-05-02"), ("May 4", "2023-05-04")],
        ),
        # "Originally scheduled": the past of a plan.
        (
            "2020-09-01",
            "The fair, originally scheduled for June, was called off.",
            [("June", "2020-06")],
        ),
        # "Forecast" the noun says nothing of the future; the verb does.
        (
            "2015-04-20",
            "The bank cut its growth forecast on March 30. The treasury forecasts a surplus in "
            "June.",
            [("March 30", "2015-03-30"), ("June", "2015-06")],
        ),
        # Halves of a year, in business copy; in sport "the first half" is part of a match.
        (
            "2020-01-28",
            "Sales fell last quarter, and the company expects a weak first half.",
            [("last quarter", "2019-Q4"), ("first half", "2020-H1")],
        ),
        (
            "2014-05-05",
            "Revenue rose in the second half of 2013.",
            [("the second half of 2013", "2013-H2")],
        ),
        ("2014-05-05", "Rovers led 2-0 at the end of the first half.", []),
        # Counted from now: the current quarter, this decade, this fiscal year.
        (
            "2021-05-10",
            "Margins narrowed in the current quarter; this fiscal year and this decade will be "
            "hard.",
            [
                ("the current quarter", "2021-Q2"),
                ("this fiscal year", "2021"),
                ("this decade", "202"),
            ],
        ),
        # Weeks counted back are weeks (TimeML), months months.
        (
            "2021-03-31",
            "Three weeks ago the bridge shut; four months ago it had reopened.",
            [("Three weeks ago", "2021-W10"), ("four months ago", "2020-11")],
        ),
        # Years said as years, without a cue word.
        (
            "2019-02-01",
            "Q: Which was worse? A: Nineteen eighty-four was worse than twenty-twelve.",
            [("Nineteen eighty-four", "1984"), ("twenty-twelve", "2012")],
        ),
        (
            "2019-02-01",
            "The town was founded in eighteen sixty-two.",
            [("eighteen sixty-two", "1862")],
        ),
        # "soon" and "formerly": TimeML's FUTURE_REF and PAST_REF; "as soon as" is neither.
        (
            "2019-02-01",
            "The mill, formerly a school, will soon close, as soon as the lease ends.",
            [("formerly", "PAST_REF"), ("soon", "FUTURE_REF")],
        ),
        # An American dateline says numbers are month first; 13 and over can only be days.
        (
            "2016-08-11",
            "DENVER (AP) — The checks were dated 08/02/2016 and 07/29/2016.",
            [("08/02/2016", "2016-08-02"), ("07/29/2016", "2016-07-29")],
        ),
        ("2016-08-11", "The letter was dated 04/27/2016.", [("04/27/2016", "2016-04-27")]),
        # Measures, not years.
        ("2016-08-11", "A 1500-seat hall and a 2048-core computer opened.", []),
        # A holiday in a sentence of no tense is the nearest; a past clause puts it behind.
        (
            "2021-12-06",
            "Shops are short of staff before Christmas.",
            [("Christmas", "2021-12-25")],
        ),
        (
            "2021-03-20",
            "Sales slumped after Valentine's Day, and the chain plans a promotion for Easter.",
            [("Valentine's Day", "2021-02-14"), ("Easter", "2021-04-04")],
        ),
        # A season of two years, its second written short.
        (
            "2019-02-01",
            "The 1957-58 season was the wettest.",
            [("1957", "1957"), ("58", "1958")],
        ),
        # "the end of the year" still to come is the writer's, whatever year came before.
        (
            "2025-01-09",
            "He scored 20 goals last year, and his contract runs until the end of the year.",
            [("last year", "2024"), ("the end of the year", "2025")],
        ),
        # The en dash of a range is no clause break: the clause's verb reaches past it.
        (
            "2016-11-10",
            "Sales run Nov. 28–Dec. 2, with the finals staged from Dec. 10 to Dec. 12.",
            [
                ("Nov. 28", "2016-11-28"),
                ("Dec. 2", "2016-12-02"),
                ("Dec. 10", "2016-12-10"),
                ("Dec. 12", "2016-12-12"),
            ],
        ),
    ],
)
def test_issue_18_tense_and_values_as_timeml_reads_them(published, text, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize(
    ("published", "text", "expected"),
    [
        # A narrative's chain: "that day", "a month later", "the following week" count from
        # the last date it named.
        (
            "2022-09-01",
            "The mine flooded on 3 June 2022. That day, rescuers arrived; a month later the "
            "pumps stopped, and three years later it may reopen.",
            [
                ("3 June 2022", "2022-06-03"),
                ("That day", "2022-06-03"),
                ("a month later", "2022-07"),
                ("three years later", "2025"),
            ],
        ),
        (
            "2019-05-20",
            "The board met on 2 May 2019 and again the following week.",
            [("2 May 2019", "2019-05-02"), ("the following week", "2019-W19")],
        ),
        # Seasons with a year, and alone after a word that makes them a time.
        (
            "2013-02-01",
            "The dam will open in spring; it flooded in summer 2011. A hot spring rose nearby.",
            [("spring", "2013-SP"), ("summer 2011", "2011-SU")],
        ),
        # The publication day's own name is that day, in wire copy that never says "today".
        (
            "2015-01-05",
            "BOSTON (AP) — Jury selection begins Monday in the fraud trial.",
            [("Monday", "2015-01-05")],
        ),
        # Expectations, conditions, closures and "on track to" look ahead.
        (
            "2008-11-05",
            "Officials said they expected final tallies by Friday.",
            [("Friday", "2008-11-07")],
        ),
        (
            "2023-01-05",
            "If there is no deal by Friday, members will leave.",
            [("Friday", "2023-01-06")],
        ),
        (
            "2016-12-30",
            "Markets are closed on Monday and the probe is on track to land on Wednesday.",
            [("Monday", "2017-01-02"), ("Wednesday", "2017-01-04")],
        ),
        # A schedule's verbs in the present.
        (
            "2018-11-08",
            "The new assembly convenes on Jan. 14, and the state holds its runoff on Dec. 4.",
            [("Jan. 14", "2019-01-14"), ("Dec. 4", "2018-12-04")],
        ),
        # The writer's own future does not borrow the year of a full date long past.
        (
            "2021-02-18",
            "The last such freeze came on 23 December 1989. Lawmakers will hold hearings on "
            "Feb. 25.",
            [("23 December 1989", "1989-12-23"), ("Feb. 25", "2021-02-25")],
        ),
        # A year is no moment for a future in the past to count from.
        (
            "2008-12-24",
            "The director, who first staged it in 1998, said rehearsals would resume on 29 "
            "December.",
            [("1998", "1998"), ("29 December", "2008-12-29")],
        ),
    ],
)
def test_issue_18_narrative_chains_and_schedules(published, text, expected):
    assert found(text, published) == expected
