"""Recognising who and where an article names: the actors and places the timeline knows,
and those it does not know yet, proposed for an editor to keep or drop.

Known names are matched whole and with their capitals ("US" the state, not "us"), with the
common shortenings of states and organisations ("U.S." for an actor named United States).
New ones are proposed precisely rather than greedily: countries and cities from a gazetteer
(`gazetteer`), people after a title ("envoy Zalmay Khalilzad"), organisations by the word that
makes a name one ("High Peace Council"). A new name that overlaps a known one gives way.
"""

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from events.dates.vocabulary import MONTH_WORD, WEEKDAY_WORD
from events.ingest.gazetteer import COMMON_NAMES, PERSONAL_NAMES, gazetteer
from events.models import Actor, ActorKind, Place


@dataclass(frozen=True)
class Proposal:
    """An actor or a place an article names that the timeline does not know yet."""

    name: str
    kind: str  # an ActorKind value for actors; "place" for places
    country: str = ""
    latitude: float | None = None
    longitude: float | None = None

    def as_json(self) -> dict[str, Any]:
        if self.kind == PLACE:
            return {
                "name": self.name,
                "country": self.country,
                "latitude": self.latitude,
                "longitude": self.longitude,
            }
        return {"name": self.name, "kind": self.kind}


PLACE = "place"

# Words a title stands before a person's name with ("envoy Zalmay Khalilzad").
_TITLE = (
    r"(?:(?:[Vv]ice|[Dd]eputy)[- ])?(?:[Pp]resident|[Pp]rime [Mm]inister|[Ff]oreign [Mm]inister"
    r"|[Dd]efen[cs]e [Mm]inister|[Ii]nterior [Mm]inister|[Mm]inister|[Ss]ecretary[- ][Gg]eneral"
    r"|[Ss]ecretary of [Ss]tate|[Ss]ecretary|(?:[Ss]pecial |[Pp]eace )?[Ee]nvoy"
    r"|[Ss]pecial [Rr]epresentative|[Aa]mbassador|[Ss]pokes(?:man|woman|person)"
    r"|[Cc]hairman|[Cc]hief [Nn]egotiator|[Nn]egotiator|[Cc]ommander|General|Gen\."
    r"|Mullah|Sheikh|Emir|Crown Prince|Senator|Governor)"
)
_NAME_WORD = r"[A-Z][\w\-]*(?:['’][A-Z][\w\-]*)?"  # "Khalilzad", "Al-Thani", "O'Brien"
_PARTICLE = r"(?:bin|ibn|al|ul|ud|van|von|de|der|da)"
_PERSON = re.compile(
    rf"\b{_TITLE}\s+(?P<name>{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{1,3}})"
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A run of capitalised words, with the small words names of organisations hold between them
# ("Organisation of Islamic Cooperation").
_CAPITALISED = r"[A-Z][\w\-]*"
_RUN = re.compile(rf"{_CAPITALISED}(?:\s+(?:(?:of|for|on|the)\s+)*{_CAPITALISED})*")
_CONNECTORS = {"of", "for", "on", "the"}
_ORGANISATION_WORDS = _words(
    """
    Council Office Commission Nations Union Organisation Organization Ministry Committee
    Agency Assembly Party Front Movement Fund Bank Court Mission Alliance Parliament
    Department Institute Foundation Forum Coalition Federation Association Authority
    Secretariat Jirga
    """
)
# Words that say what kind of body a name is, not whose: "the Foreign Ministry" alone is no
# one in particular.
_GENERIC = _ORGANISATION_WORDS | _words(
    """
    Foreign Interior Defence Defense Security High Supreme National General Central
    Executive Political Special Joint Regional International Public State Affairs Justice
    Finance Health Education Peace
    """
)
# Words of a title, which end an organisation's name ("the Council Chairman …").
_TITLE_WORDS = _words(
    """
    President Minister Chairman Secretary Envoy Ambassador Spokesman Spokeswoman General
    Commander Governor Senator Mullah Sheikh Emir Director Chief Head Deputy Representative
    """
)
# Capitalised only because they open a sentence or a clause.
_OPENERS = _words(
    """
    The A An On In At After Before During Since When While But And Last This Next Meanwhile
    However Earlier Later Both Its Their His Her
    """
)
# What comes before a place's name: "in Istanbul", "visited Kabul".
_PLACE_CUE = re.compile(
    r"\b(?:in|at|to|from|near|outside|inside|across|via|toward|towards|visit|visits|visited|"
    r"visiting|reached)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_CAPITALISED_NEXT = re.compile(r"\s+[A-Z]")


class Recogniser:
    """Finds the actors and places the timeline knows in a text, by name or alias, and
    proposes those it does not know."""

    def __init__(self, actors: Iterable[Actor], places: Iterable[Place]) -> None:
        actors, places = list(actors), list(places)
        self._actors = _Table((name, actor) for actor in actors for name in _names(actor))
        self._places = _Table((place.name, place) for place in places)
        known = {name for actor in actors for name in _names(actor)}
        # Shortenings of states and organisations the timeline does not know yet.
        self._common = _Table(
            (variant, Proposal(name, kind))
            for name, kind, variants in COMMON_NAMES
            if not known & {name, *variants}
            for variant in (name, *variants)
        )
        self._known_actors = {name.casefold() for name in known}
        self._known_places = {place.name.casefold() for place in places}

    @classmethod
    def for_database(cls) -> "Recogniser":
        return cls(Actor.objects.all(), Place.objects.all())

    def names_in(self, text: str) -> "Names":
        """Every name in `text`, found in one pass, to ask of any stretch of it (a sentence)."""
        actors, places = self._actors.find(text), self._places.find(text)
        new_actors, new_places = self._proposals(text)
        return Names(
            actors=actors,
            places=places,
            new_actors=_giving_way(new_actors, actors),
            new_places=_giving_way(new_places, places),
        )

    def _proposals(
        self, text: str
    ) -> tuple[list[tuple[int, int, Proposal]], list[tuple[int, int, Proposal]]]:
        actors = self._common.find(text)
        places = []
        world = gazetteer()
        for run in _RUN.finditer(text):
            words = [match for match in re.finditer(r"\S+", run.group())]
            for begin, finish, name in _spans(run.start(), words):
                cued = _PLACE_CUE.search(text, max(0, begin - 30), begin) is not None
                capitalised_next = _CAPITALISED_NEXT.match(text, finish, finish + 3) is not None
                if name in world.countries:
                    if name in PERSONAL_NAMES and capitalised_next:
                        continue
                    actors.append((begin, finish, Proposal(name, ActorKind.GOVERNMENT)))
                    if cued:
                        places.append((begin, finish, Proposal(name, PLACE, country=name)))
                elif (city := world.cities.get(name)) is not None and (
                    cued or (city.well_known and not capitalised_next)
                ):
                    proposal = Proposal(name, PLACE, city.country, city.latitude, city.longitude)
                    places.append((begin, finish, proposal))
            organisation = _organisation(run)
            if organisation is not None:
                actors.append(organisation)
        for match in _PERSON.finditer(text):
            person = _person(match)
            if person is not None:
                actors.append(person)
        return (
            [item for item in actors if item[2].name.casefold() not in self._known_actors],
            [item for item in places if item[2].name.casefold() not in self._known_places],
        )


@dataclass(frozen=True)
class Names:
    """The names found in a text: (start, end, what it names), in the order they stand."""

    actors: list[tuple[int, int, Actor]]
    places: list[tuple[int, int, Place]]
    new_actors: list[tuple[int, int, Proposal]]
    new_places: list[tuple[int, int, Proposal]]

    def between(self, start: int, end: int) -> tuple[list[Actor], list[Place]]:
        """The actors and places named between two offsets, each once, in order."""
        return _between(self.actors, start, end), _between(self.places, start, end)

    def proposed_between(self, start: int, end: int) -> tuple[list[Proposal], list[Proposal]]:
        """The new actors and places named between two offsets, each once, in order."""
        return _between(self.new_actors, start, end), _between(self.new_places, start, end)


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


def _spans(offset: int, words: list[re.Match[str]]) -> Iterable[tuple[int, int, str]]:
    """The stretches of a run of capitalised words that may be a gazetteer's name, longest
    first and not overlapping: "United Arab Emirates" before "Arab"."""
    taken: set[int] = set()
    for size in (3, 2, 1):
        for first in range(len(words) - size + 1):
            chosen = words[first : first + size]
            if taken & set(range(first, first + size)):
                continue
            if not all(word.group()[0].isupper() for word in chosen):
                continue
            name = " ".join(word.group() for word in chosen)
            if size == 1 and (name in _OPENERS or _calendar(name)):
                continue  # "March" the month, not March the town
            taken_now = set(range(first, first + size))
            begin, finish = offset + chosen[0].start(), offset + chosen[-1].end()
            yield begin, finish, name
            if _is_gazetteer_name(name):
                taken |= taken_now


def _is_gazetteer_name(name: str) -> bool:
    world = gazetteer()
    return name in world.countries or name in world.cities


def _organisation(run: re.Match[str]) -> tuple[int, int, Proposal] | None:
    """The organisation a run of capitalised words names, if it has the word of one."""
    words = [(match.start(), match.end(), match.group()) for match in re.finditer(r"\S+", run[0])]
    # A month or a weekday is no part of a name: the run is cut before it.
    for index, (_, _, word) in enumerate(words):
        if _calendar(word):
            words = words[:index]
            break
    first_organisation = next(
        (i for i, (_, _, word) in enumerate(words) if word in _ORGANISATION_WORDS), None
    )
    if first_organisation is None:
        return None
    # "Director of the Foreign Ministry": the name begins after the last small word before
    # the organisation's word; "Organisation of Islamic Cooperation" keeps those after it.
    start = 0
    for index in range(first_organisation):
        if words[index][2] in _CONNECTORS:
            start = index + 1
    while start < first_organisation and words[start][2] in _OPENERS:
        start += 1
    words = words[start:]
    # After the organisation's word, only what a small word joins on ("Council for National
    # Reconciliation"), up to a title ("… Chairman Abdullah Abdullah"): "the Foreign Ministry
    # Jordan Smith" ends at "Ministry".
    end = first_organisation - start + 1
    while end < len(words) and words[end][2] in _ORGANISATION_WORDS:
        end += 1
    if end < len(words) and words[end][2] in _CONNECTORS:
        end = next((i for i in range(end, len(words)) if words[i][2] in _TITLE_WORDS), len(words))
    words = words[:end]
    while words and words[-1][2] in _CONNECTORS:
        words.pop()
    capitalised = [word for _, _, word in words if word not in _CONNECTORS]
    if len(capitalised) < 2 or all(word in _GENERIC for word in capitalised):
        return None
    begin, finish = run.start() + words[0][0], run.start() + words[-1][1]
    name = run.string[begin:finish]
    return begin, finish, Proposal(name, ActorKind.ORGANISATION)


def _person(match: re.Match[str]) -> tuple[int, int, Proposal] | None:
    """The person a title names ("envoy Zalmay Khalilzad"), if the name holds two words or
    more once a month, a weekday or an organisation's word is cut off."""
    words = list(re.finditer(r"\S+", match["name"]))
    kept = []
    for word in words:
        text = word.group()
        if _calendar(text) or text in _ORGANISATION_WORDS:
            break
        kept.append(word)
    if len([word for word in kept if word.group()[0].isupper()]) < 2:
        return None
    begin = match.start("name")
    return (
        begin + kept[0].start(),
        begin + kept[-1].end(),
        Proposal(" ".join(word.group() for word in kept), ActorKind.PERSON),
    )


def _calendar(word: str) -> bool:
    """Whether a word is a month's or a weekday's name, which no name of a body holds."""
    return bool(MONTH_WORD.fullmatch(word) or WEEKDAY_WORD.fullmatch(word))


def _giving_way(
    proposed: list[tuple[int, int, Proposal]], known: list[tuple[int, int, Any]]
) -> list[tuple[int, int, Proposal]]:
    """The proposals that overlap neither a known name nor a longer proposal, in order."""
    taken = sorted((start, end) for start, end, _ in known)
    kept: list[tuple[int, int, Proposal]] = []
    for item in sorted(proposed, key=lambda item: (item[0] - item[1], item[0])):
        start, end, _ = item
        if _overlaps(taken, start, end):
            continue
        bisect.insort(taken, (start, end))
        kept.append(item)
    return sorted(kept, key=lambda item: item[0])


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    index = bisect.bisect_left(spans, (start, end))
    # The spans never overlap one another, so only the two either side can overlap this one.
    return any(s < end and start < e for s, e in spans[max(0, index - 1) : index + 1])


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
    names = [actor.name, *actor.alias_list]
    # The common shortenings of an actor known by any of them: "U.S." for United States.
    for name, _, variants in COMMON_NAMES:
        group = {name, *variants}
        if group & set(names):
            names += sorted(group - set(names))
    return names
