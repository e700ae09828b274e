from django.db import migrations

# The search table now holds each event's cited passages too (a column of their own on
# SQLite, weighted as the body on PostgreSQL). Written out here, not taken from events.search:
# what a migration does must not change when that module does.

_QUOTES = {
    "sqlite": "COALESCE((SELECT group_concat(c.quote, ' ') FROM events_citation c "
    "WHERE c.event_id = e.id), '')",
    "postgresql": "COALESCE((SELECT string_agg(c.quote, ' ') FROM events_citation c "
    "WHERE c.event_id = e.id), '')",
}

CREATE = {
    "sqlite": [
        "DROP TABLE IF EXISTS events_search",
        "CREATE VIRTUAL TABLE events_search USING fts5("
        "title, summary, body, names, quotes, tokenize = 'porter unicode61 remove_diacritics 2')",
    ],
    "postgresql": ["DELETE FROM events_search"],
}

FILL = {
    "sqlite": f"""
        INSERT INTO events_search (rowid, title, summary, body, names, quotes)
        SELECT e.id, e.title, e.summary, e.body,
            COALESCE((SELECT group_concat(a.name || ' ' || a.aliases, ' ')
                      FROM events_event_actors ea JOIN events_actor a ON a.id = ea.actor_id
                      WHERE ea.event_id = e.id), '')
            || ' ' || COALESCE(p.name || ' ' || p.country, '') || ' ' || COALESCE(t.name, ''),
            {_QUOTES["sqlite"]}
        FROM events_event e
        LEFT JOIN events_place p ON p.id = e.place_id
        LEFT JOIN events_eventtype t ON t.id = e.type_id
    """,
    "postgresql": f"""
        INSERT INTO events_search (event_id, document)
        SELECT e.id,
            setweight(to_tsvector('english', e.title), 'A')
            || setweight(to_tsvector('english', e.summary), 'B')
            || setweight(to_tsvector('english', e.body), 'D')
            || setweight(to_tsvector('simple',
                COALESCE((SELECT string_agg(a.name || ' ' || a.aliases, ' ')
                          FROM events_event_actors ea JOIN events_actor a ON a.id = ea.actor_id
                          WHERE ea.event_id = e.id), '')
                || ' ' || COALESCE(p.name || ' ' || p.country, '') || ' '
                || COALESCE(t.name, '')), 'B')
            || setweight(to_tsvector('english', {_QUOTES["postgresql"]}), 'D')
        FROM events_event e
        LEFT JOIN events_place p ON p.id = e.place_id
        LEFT JOIN events_eventtype t ON t.id = e.type_id
    """,
}

# Back to the table of 0004 (without the passages), for unapplying.
_BEFORE = {
    "sqlite": [
        "DROP TABLE IF EXISTS events_search",
        "CREATE VIRTUAL TABLE events_search USING fts5("
        "title, summary, body, names, tokenize = 'porter unicode61 remove_diacritics 2')",
        """
        INSERT INTO events_search (rowid, title, summary, body, names)
        SELECT e.id, e.title, e.summary, e.body,
            COALESCE((SELECT group_concat(a.name || ' ' || a.aliases, ' ')
                      FROM events_event_actors ea JOIN events_actor a ON a.id = ea.actor_id
                      WHERE ea.event_id = e.id), '')
            || ' ' || COALESCE(p.name || ' ' || p.country, '') || ' ' || COALESCE(t.name, '')
        FROM events_event e
        LEFT JOIN events_place p ON p.id = e.place_id
        LEFT JOIN events_eventtype t ON t.id = e.type_id
        """,
    ],
    # The passages stay in the documents until events are indexed again: harmless.
    "postgresql": [],
}


def rebuild(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in CREATE:
        return  # no full-text search on other databases
    for statement in CREATE[vendor]:
        schema_editor.execute(statement)
    schema_editor.execute(FILL[vendor])


def unbuild(apps, schema_editor):
    for statement in _BEFORE.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    """The search index reads the passages events cite."""

    dependencies = [("events", "0010_source_via_citation_stated_date_event_date_note")]

    operations = [migrations.RunPython(rebuild, unbuild)]
