"""Date extraction speed: ours against plain dateparser.search_dates, in the same run.

Times both over the seed article and over every text of the development set, each resolved
against its publication date, warm (after one untimed pass), and reports the ratio.
Run with `make bench-dates`.
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


def timed(extract: Callable[[str, date], object], texts: list[tuple[str, str, date]]) -> float:
    """Median seconds, over ROUNDS, to run `extract` once over every text."""
    for _, text, published in texts:
        extract(text, published)  # warm up: imports, compiled patterns, caches
    rounds = []
    for _ in range(ROUNDS):
        began = time.perf_counter()
        for _, text, published in texts:
            extract(text, published)
        rounds.append(time.perf_counter() - began)
    return statistics.median(rounds)


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


if __name__ == "__main__":
    main()
