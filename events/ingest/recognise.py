"""Recognising the actors and places the timeline knows in the sentences of an article."""

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from events.models import Actor, Place


class Recogniser:
    """Finds the actors and places the timeline knows in a text, by name or alias.

    Names are matched whole and with their capitals ("US" the state, not "us").
    """

    def __init__(self, actors: Iterable[Actor], places: Iterable[Place]) -> None:
        self._actors = _Table((name, actor) for actor in actors for name in _names(actor))
        self._places = _Table((place.name, place) for place in places)

    @classmethod
    def for_database(cls) -> "Recogniser":
        return cls(Actor.objects.all(), Place.objects.all())

    def names_in(self, text: str) -> "Names":
        """Every name in `text`, found in one pass, to ask of any stretch of it (a sentence)."""
        return Names(self._actors.find(text), self._places.find(text))


@dataclass(frozen=True)
class Names:
    """The names found in a text: (start, end, what it names), in the order they stand."""

    actors: list[tuple[int, int, Actor]]
    places: list[tuple[int, int, Place]]

    def between(self, start: int, end: int) -> tuple[list[Actor], list[Place]]:
        """The actors and places named between two offsets, each once, in order."""
        return _between(self.actors, start, end), _between(self.places, start, end)


class _Table:
    """Names and what they name, and one pattern that finds any of them."""

    def __init__(self, pairs: Iterable[tuple[str, Any]]) -> None:
        self._lookup = {name: thing for name, thing in pairs if name.strip()}
        names = sorted(self._lookup, key=len, reverse=True)  # "Taliban political office" first
        self._pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")
            if names
            else None
        )

    def find(self, text: str) -> list[tuple[int, int, Any]]:
        if self._pattern is None:
            return []
        return [
            (match.start(), match.end(), self._lookup[match.group()])
            for match in self._pattern.finditer(text)
        ]


def _between(found: list[tuple[int, int, Any]], start: int, end: int) -> list:
    things = []
    index = bisect.bisect_left(found, start, key=lambda name: name[0])
    while index < len(found) and found[index][1] <= end:
        thing = found[index][2]
        if thing not in things:
            things.append(thing)
        index += 1
    return things


def _names(actor: Actor) -> list[str]:
    return [actor.name, *actor.alias_list]
