"""Scoring date extraction the way the project is judged: a gold mention is found when a
predicted mention overlaps its surface and has exactly its value; a predicted mention with
no gold counterpart is a false positive. Shared by the tests and `make bench-dates`.

The sets mark DATEs, as TempEval-3's DATE evaluation does: a mention the extractor gives
a TIME value ("tonight" is "2013-03-21TNI") is a TIME, which such an evaluation leaves out
on both sides; it is neither found nor wrong."""

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"

# (text, published, language) -> [(start, end, value)]
Extractor = Callable[[str, date, str | None], list[tuple[int, int, str]]]


@dataclass
class Score:
    found: int = 0  # gold mentions found
    gold: int = 0
    predicted: int = 0
    correct_predictions: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct_predictions / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def cases(name: str) -> list[dict[str, Any]]:
    with (DATA / name).open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


# TIMEX3 values of a TIME: a day and a part of it, or a clock time ("2013-03-21T15:00").
_TIME_VALUE = re.compile(r"\dT(?:MO|AF|EV|NI|\d)")


def _spans(text: str, surface: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(surface)
    while start != -1:
        spans.append((start, start + len(surface)))
        start = text.find(surface, start + 1)
    return spans


def score(
    extract: Extractor, dev_cases: Iterable[dict[str, Any]]
) -> tuple[Score, dict[str, Score]]:
    """The whole set's score, and one per phenomenon (a case's "phenomenon", if any)."""
    total, by_phenomenon = Score(), defaultdict(Score)
    for case in dev_cases:
        published = date.fromisoformat(case["published"])
        predicted = [
            mention
            for mention in extract(case["text"], published, case.get("language"))
            if not _TIME_VALUE.search(mention[2])
        ]
        gold = [(surface, value, _spans(case["text"], surface)) for surface, value in case["gold"]]
        for part in (total, by_phenomenon[case.get("phenomenon", "all")]):
            part.gold += len(gold)
            part.predicted += len(predicted)
            for surface, value, spans in gold:
                if any(
                    v == value and s < e2 and s2 < e for s, e, v in predicted for s2, e2 in spans
                ):
                    part.found += 1
                else:
                    part.misses.append(f"{case['id']}: missed {surface!r} = {value}")
            for s, e, v in predicted:
                if any(
                    v == value and s < e2 and s2 < e
                    for _, value, spans in gold
                    for s2, e2 in spans
                ):
                    part.correct_predictions += 1
                else:
                    part.misses.append(f"{case['id']}: wrong {case['text'][s:e]!r} = {v}")
    return total, dict(by_phenomenon)
