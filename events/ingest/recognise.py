"""Recognising the actors and places the timeline knows in a sentence of an article."""

import re
from collections.abc import Iterable

from events.models import Actor, Place


class Recogniser:
    """Finds the actors and places the timeline knows in a sentence, by name or alias.

    Names are matched whole and with their capitals ("US" the state, not "us").
    """

    def __init__(self, actors: Iterable[Actor], places: Iterable[Place]) -> None:
        self._actors = self._table((name, actor) for actor in actors for name in _names(actor))
        self._places = self._table((place.name, place) for place in places)

    @classmethod
    def for_database(cls) -> "Recogniser":
        return cls(Actor.objects.all(), Place.objects.all())

    def __call__(self, text: str) -> tuple[list[Actor], list[Place]]:
        return self._find(self._actors, text), self._find(self._places, text)

    @staticmethod
    def _table(pairs: Iterable[tuple[str, object]]) -> tuple[re.Pattern[str] | None, dict]:
        lookup = {name: thing for name, thing in pairs if name.strip()}
        if not lookup:
            return None, {}
        names = sorted(lookup, key=len, reverse=True)  # "Taliban political office" first
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")
        return pattern, lookup

    @staticmethod
    def _find(table: tuple[re.Pattern[str] | None, dict], text: str) -> list:
        pattern, lookup = table
        if pattern is None:
            return []
        found = []
        for match in pattern.finditer(text):
            thing = lookup[match.group()]
            if thing not in found:
                found.append(thing)
        return found


def _names(actor: Actor) -> list[str]:
    return [actor.name, *actor.alias_list]
