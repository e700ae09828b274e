"""Date extraction speed: ours against plain dateparser.search_dates, in the same run; and
ours on hostile texts at two sizes, to show that four times the text takes four times as long.

Times both over the seed article and over every text of the development set, each resolved
against its publication date, warm (after one untimed pass), and reports the ratio. Then
times ours alone over pathological texts (long runs of years, weekdays, ranges, dates in a
paragraph without a full stop, a run of stops) at 36 KB and 144 KB, and over an article of
just under 1 MB. Run with `make bench-dates`.
"""

import json
import os
import platform
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peacetracker.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")  # a local run: no secret key needed

import django  # noqa: E402
from dateparser.search import search_dates  # noqa: E402

django.setup()

from events.dates.extraction import extract_mentions  # noqa: E402
from events.ingest.articles import read_article  # noqa: E402

ROUNDS = 7
HOSTILE_ROUNDS = 3
HOSTILE_SIZE = 36_000  # characters; each text is also timed at four times this


def repeated(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size].rsplit(" ", 1)[0]


HOSTILE: dict[str, Callable[[int], str]] = {
    "years “1900 1901 1902 …”": lambda size: repeated(
        " ".join(str(year) for year in range(1900, 2100)) + " ", size
    ),
    "weekdays “on Monday on Tuesday …”": lambda size: repeated(
        "on Monday on Tuesday on Wednesday on Thursday ", size
    ),
    "ranges “2001–2002 then 12–14 May …”": lambda size: repeated(
        "2001–2002 then 12–14 May 2019 then May–June 2020 ", size
    ),
    "dates, no full stop “on 5 March 2019 then …”": lambda size: repeated(
        "talks on 5 March 2019 then on 6 March then on Monday then in April 2020 then ", size
    ),
    "a run of “!!!…” between two dates": lambda size: "on Monday " + "!" * size + "on Friday",
}


def corpus() -> list[tuple[str, str, date]]:
    """(name, text, publication date) for the seed article and each development case."""
    article = read_article(ROOT / "seeds" / "articles" / "000_23d8dcd0da77bbd4.txt")
    texts = [("seed article", article.text, article.published)]
    with (ROOT / "tests" / "data" / "dates_dev.jsonl").open(encoding="utf-8") as cases:
        for line in cases:
            case = json.loads(line)
            texts.append((case["id"], case["text"], date.fromisoformat(case["published"])))
    return texts


def ours(text: str, published: date) -> object:
    return extract_mentions(text, published=published)


def dateparser_alone(text: str, published: date) -> object:
    base = datetime(published.year, published.month, published.day)
    return search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base})


def timed(
    extract: Callable[[str, date], object],
    texts: list[tuple[str, str, date]],
    *,
    rounds: int = ROUNDS,
) -> float:
    """Median seconds, over `rounds`, to run `extract` once over every text."""
    for _, text, published in texts:
        extract(text, published)  # warm up: imports, compiled patterns, caches
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        for _, text, published in texts:
            extract(text, published)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    warnings.simplefilter("ignore")  # dateparser's own deprecation chatter
    texts = corpus()
    print(
        f"Date extraction, median of {ROUNDS} warm rounds ({platform.python_version()}, "
        f"{platform.machine()})"
    )
    print(f"{'texts':<28}{'search_dates':>14}{'ours':>12}{'speed-up':>11}")
    slowest = None
    for label, subset in [
        ("seed article (2.7 KB)", texts[:1]),
        (f"dev set ({len(texts) - 1} texts)", texts[1:]),
    ]:
        theirs, mine = timed(dateparser_alone, subset), timed(ours, subset)
        ratio = theirs / mine
        slowest = ratio if slowest is None else min(slowest, ratio)
        print(f"{label:<28}{theirs * 1000:>11.2f} ms{mine * 1000:>9.2f} ms{ratio:>10.1f}×")
    print(f"Ours is at least {slowest:.1f}× as fast as search_dates (target: 2×).")
    print()
    hostile(article_text=texts[0][1], published=texts[0][2])


def hostile(*, article_text: str, published: date) -> None:
    """Ours alone on pathological texts at two sizes, and on a long ordinary article."""
    small, large = HOSTILE_SIZE, 4 * HOSTILE_SIZE
    print(
        f"Ours alone on hostile texts of {small // 1000} KB and {large // 1000} KB (median of "
        f"{HOSTILE_ROUNDS} warm rounds);"
    )
    print("growth: how many times as long four times the text takes (linear: 4×)")
    print(f"{'text':<46}{'dates':>7}{'small':>10}{'large':>10}{'growth':>8}")
    worst = 0.0
    for label, make in HOSTILE.items():
        found, took = [], []
        for size in (small, large):
            text = make(size)
            found.append(len(extract_mentions(text, published=published)))
            took.append(timed(ours, [(label, text, published)], rounds=HOSTILE_ROUNDS))
        growth = took[1] / took[0]
        worst = max(worst, growth)
        print(
            f"{label:<46}{found[1]:>7}{took[0] * 1000:>7.0f} ms{took[1] * 1000:>7.0f} ms"
            f"{growth:>7.1f}×"
        )
    print(f"Four times the text takes at most {worst:.1f}× as long (quadratic would be 16×).")
    copies = 990_000 // (len(article_text.encode()) + 2)
    long_article = "\n\n".join([article_text] * copies)  # just under the 1 MB limit
    seconds = timed(ours, [("long", long_article, published)], rounds=HOSTILE_ROUNDS)
    size = len(long_article.encode()) / 1_000_000
    print(f"The seed article {copies} times over ({size:.2f} MB): {seconds:.2f} s.")


if __name__ == "__main__":
    main()
