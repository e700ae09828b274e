"""Full-text search over events: one interface, each database's own engine.

SQLite uses an FTS5 table, PostgreSQL a tsvector column with a GIN index; both hold, per
event, its title, summary and body, the names of its actors (with their aliases), place
and type, and the passages its sources are quoted for. The index is rebuilt for an event
whenever it, a name it shows or a passage it cites changes (events.signals), and an event
leaves it when deleted.

The table itself is made by migrations 0004 and 0011, which carry their own SQL: a change
to how events are indexed here that needs another table is a new migration.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Func, IntegerField, QuerySet
from django.db.models.expressions import RawSQL

from events.script import SEARCH_FOLDS, search_fold

MAX_TERMS = 12
_WORD = re.compile(r"\w+", re.UNICODE)

# Words too common to search for: PostgreSQL's English list (Snowball's), which its search
# leaves out. FTS5 has no such list, so both engines leave them out here, to find the same
# events for the same words ("the ceasefire" is "ceasefire" on both).
_STOP_WORDS_TEXT = """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves what which
    who whom this that these those am is are was were be been being have has had having do
    does did doing a an the and but if or because as until while of at by for with about
    against between into through during before after above below to from up down in out on
    off over under again further then once here there when where why how all any both each
    few more most other some such no nor not only own same so than too very s t can will
    just don should now
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


def _folded(column: str) -> str:
    """SQL for `column` folded as `search_fold` folds a search (both databases have
    replace()): Arabic script typed from any keyboard finds the same words."""
    for old, new in SEARCH_FOLDS:
        column = f"replace({column}, '{old}', '{new}')"
    return column


# An event's text and names in every language they are written in: a search in Dari finds
# the Dari title, and the actor's Dari name.
def _all_languages(column: str) -> str:
    # Nothing is added where there is no translation: the English alone indexes as before.
    return "".join(
        [
            column,
            *(f" || COALESCE(' ' || NULLIF({column}_{code}, ''), '')" for code in ("fa", "ps")),
        ]
    )


_TEXT = {field: _folded(_all_languages(f"e.{field}")) for field in ("title", "summary", "body")}
_ACTORS = f"{_all_languages('a.name')} || ' ' || a.aliases"
_PLACE = f"COALESCE({_all_languages('p.name')} || ' ' || p.country, '')"
_TYPE = f"COALESCE({_all_languages('t.name')}, '')"

# What each event contributes to the index: its text, and the names it is known by.


def _names(aggregate: str) -> str:
    """The names an event is known by, joined by the database's `aggregate` (SQLite's
    group_concat, PostgreSQL's string_agg)."""
    return _folded(
        f"""COALESCE((SELECT {aggregate}({_ACTORS}, ' ')
                      FROM events_event_actors ea JOIN events_actor a ON a.id = ea.actor_id
                      WHERE ea.event_id = e.id), '')
            || ' ' || {_PLACE} || ' ' || {_TYPE}"""
    )


def _quotes(aggregate: str) -> str:
    """The passages an event's sources are quoted for."""
    return _folded(
        f"COALESCE((SELECT {aggregate}(c.quote, ' ') FROM events_citation c "
        "WHERE c.event_id = e.id), '')"
    )


_DOCUMENT_SELECT = {
    "sqlite": f"""
        SELECT e.id, {_TEXT["title"]}, {_TEXT["summary"]}, {_TEXT["body"]},
            {_names("group_concat")}, {_quotes("group_concat")}
        FROM events_event e
        LEFT JOIN events_place p ON p.id = e.place_id
        LEFT JOIN events_eventtype t ON t.id = e.type_id
    """,
    "postgresql": f"""
        SELECT e.id,
            setweight(to_tsvector('english', {_TEXT["title"]}), 'A')
            || setweight(to_tsvector('english', {_TEXT["summary"]}), 'B')
            || setweight(to_tsvector('english', {_TEXT["body"]}), 'D')
            || setweight(to_tsvector('simple', {_names("string_agg")}), 'B')
            || setweight(to_tsvector('english', {_quotes("string_agg")}), 'D')
        FROM events_event e
        LEFT JOIN events_place p ON p.id = e.place_id
        LEFT JOIN events_eventtype t ON t.id = e.type_id
    """,
}


def reindex(event_ids: Iterable[int] | None) -> None:
    """Bring the index up to date for these events (None: all of them)."""
    vendor = connection.vendor
    if vendor not in _DOCUMENT_SELECT:
        return
    ids = None if event_ids is None else sorted(set(event_ids))
    if ids == []:
        return
    with connection.cursor() as cursor:
        if vendor == "sqlite":
            where, params = _where(ids, "rowid")
            cursor.execute(f"DELETE FROM events_search {where}", params)
            where, params = _where(ids, "e.id")
            cursor.execute(
                "INSERT INTO events_search (rowid, title, summary, body, names, quotes) "
                f"{_DOCUMENT_SELECT[vendor]} {where}",
                params,
            )
        else:
            if ids is None:
                cursor.execute("DELETE FROM events_search")
            where, params = _where(ids, "e.id")
            cursor.execute(
                f"INSERT INTO events_search (event_id, document) {_DOCUMENT_SELECT[vendor]} "
                f"{where} ON CONFLICT (event_id) DO UPDATE SET document = EXCLUDED.document",
                params,
            )


def reindex_range(first: int, last: int) -> None:
    """Bring the index up to date for the events with ids from `first` to `last`: one
    statement for a whole run of new events (a bulk load), not a list of every id."""
    vendor = connection.vendor
    if vendor not in _DOCUMENT_SELECT:
        return
    bounds = [first, last]
    with connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute("DELETE FROM events_search WHERE rowid BETWEEN %s AND %s", bounds)
            cursor.execute(
                "INSERT INTO events_search (rowid, title, summary, body, names, quotes) "
                f"{_DOCUMENT_SELECT[vendor]} WHERE e.id BETWEEN %s AND %s",
                bounds,
            )
        else:
            cursor.execute(
                f"INSERT INTO events_search (event_id, document) {_DOCUMENT_SELECT[vendor]} "
                "WHERE e.id BETWEEN %s AND %s "
                "ON CONFLICT (event_id) DO UPDATE SET document = EXCLUDED.document",
                bounds,
            )


def forget(event_ids: Iterable[int]) -> None:
    """Drop deleted events from the index."""
    ids = sorted(set(event_ids))
    if ids and connection.vendor in _DOCUMENT_SELECT:
        column = "rowid" if connection.vendor == "sqlite" else "event_id"
        with connection.cursor() as cursor:
            where, params = _where(ids, column)
            cursor.execute(f"DELETE FROM events_search {where}", params)


def _where(ids: list[int] | None, column: str) -> tuple[str, list[int]]:
    if ids is None:
        return "", []
    return f"WHERE {column} IN ({', '.join(['%s'] * len(ids))})", ids


def words(text: str) -> list[str]:
    """Every word of a search, as typed (lower-cased, Arabic script folded)."""
    return _WORD.findall(search_fold(text).lower())


def terms(text: str) -> list[str]:
    """The words of a search the index is asked for: all but the too common ones."""
    return [word for word in words(text) if word not in STOP_WORDS][:MAX_TERMS]


def _query(words: list[str]) -> tuple[str, list[str]]:
    """The search condition for these words, and its parameters: every word must match, as
    a whole word ("Kabul" does not find "Kabulov"), each engine stemming it as it stems the
    text ("negotiation" finds "negotiations"). Words are \\w+ only, so nothing in them can
    act as search syntax."""
    if connection.vendor == "sqlite":
        return "events_search MATCH %s", [" ".join(f'"{word}"' for word in words)]
    # Names are indexed unstemmed ('simple'), the rest stemmed ('english'): each word may
    # match either way.
    either = "(to_tsquery('english', %s) || to_tsquery('simple', %s))"
    condition = " && ".join([either] * len(words))
    return f"document @@ ({condition})", [part for word in words for part in (word, word)]


def matching(text: str) -> RawSQL | None:
    """A subquery of the ids of events matching every word of `text`, or None if it has no
    words (then nothing is filtered)."""
    words = terms(text)
    if not words:
        return None
    condition, params = _query(words)
    column = "rowid" if connection.vendor == "sqlite" else "event_id"
    return RawSQL(f"SELECT {column} FROM events_search WHERE {condition}", params)


@dataclass(frozen=True)
class Matches:
    """The events a search found among those the other filters select, read once for a
    request: every id when there are at most `limit` of them, else `limit` + 1 ids (in the
    index's order, any `limit` + 1 of them) and `more` says so."""

    ids: tuple[int, ...]
    limit: int

    @property
    def more(self) -> bool:
        return len(self.ids) > self.limit

    @property
    def count(self) -> int | None:
        """How many match, or None when more than `limit` do (they are not counted)."""
        return None if self.more else len(self.ids)


def found_ids(text: str, *, among: QuerySet, limit: int) -> Matches | None:
    """The ids of the events of `among` that match every word of `text`, at most `limit` + 1
    of them, or None if `text` has no words. One statement that walks the index's matches and
    stops at `limit` + 1: a word found in a hundred thousand events costs no more than one
    found in `limit` (`among` is asked, through its primary key, only about each match)."""
    words = terms(text)
    if not words:
        return None
    condition, params = _query(words)
    column = "rowid" if connection.vendor == "sqlite" else "event_id"
    try:
        inner, inner_params = (
            among.order_by()
            .filter(pk=RawSQL(f"events_search.{column}", ()))
            .values("pk")
            .query.sql_with_params()
        )
    except EmptyResultSet:
        return Matches(ids=(), limit=limit)  # filters that select nothing
    if connection.vendor == "postgresql":
        # OFFSET 0 keeps PostgreSQL from turning the test into a join: as a join it hashed
        # every match before taking the first (a quarter of a million for a common word at a
        # million events: 0.7 s), where tested match by match through the events' primary
        # key it stops at the limit (the GIN index's bitmap is the only cost that grows).
        inner = f"{inner} OFFSET 0"
    sql = (
        f"SELECT events_search.{column} FROM events_search WHERE {condition} "
        f"AND EXISTS ({inner}) LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *inner_params, limit + 1])
        return Matches(ids=tuple(row[0] for row in cursor.fetchall()), limit=limit)


class WalkedInOrder(Func):
    """An event's id, as a condition on it may not be read through the primary key: on
    SQLite, `+id IN (matches)` makes the planner walk the index the query is ordered or
    narrowed by, testing each event against the matches, rather than look every match up
    and sort them all (a quarter of a million for a common word). PostgreSQL weighs the two
    from its own statistics: the id as it is."""

    output_field = IntegerField()
    template = "%(expressions)s"

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="+%(expressions)s")


def best_ids(text: str, *, limit: int, among_at_most: int | None = None) -> list[int]:
    """The ids of the events that match `text` best, best first: title words count most,
    then names and the summary, then the body and the cited passages. With
    `among_at_most`, none when the words match more events than that: ranking scores every
    match, so its cost grows with them."""
    words = terms(text)
    if not words:
        return []
    condition, params = _query(words)
    word_params = params
    if among_at_most is not None:
        # One statement: the bound is checked first (a constant condition, read once), so
        # that too many matches are not scored at all.
        column = "rowid" if connection.vendor == "sqlite" else "event_id"
        condition = (
            f"{condition} AND (SELECT COUNT(*) FROM (SELECT {column} FROM events_search "
            f"WHERE {condition} LIMIT {int(among_at_most) + 1}) AS bounded) <= "
            f"{int(among_at_most)}"
        )
        params = [*params, *params]
    if connection.vendor == "sqlite":
        sql = (
            f"SELECT rowid FROM events_search WHERE {condition} "
            "ORDER BY bm25(events_search, 10.0, 4.0, 1.0, 4.0, 1.0) LIMIT %s"
        )
    else:
        either = "(to_tsquery('english', %s) || to_tsquery('simple', %s))"
        query = " && ".join([either] * len(words))
        sql = (
            f"SELECT event_id FROM events_search WHERE {condition} "
            f"ORDER BY ts_rank(document, {query}) DESC LIMIT %s"
        )
        params = [*params, *word_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        return [row[0] for row in cursor.fetchall()]
