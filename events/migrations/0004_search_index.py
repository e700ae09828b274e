from django.db import migrations

# The search table as this migration made it, and how it filled it for events already there.
# Written out here, not taken from events.search: what a migration does must not change when
# that module does (a new way of indexing is a new migration).

CREATE = {
    "sqlite": [
        "CREATE VIRTUAL TABLE events_search USING fts5("
        "title, summary, body, names, tokenize = 'porter unicode61 remove_diacritics 2')",
    ],
    "postgresql": [
        # No foreign key: Django's flush (which tests use) truncates the tables it knows of,
        # and PostgreSQL refuses to truncate a table another one references.
        "CREATE TABLE events_search (event_id bigint PRIMARY KEY, document tsvector NOT NULL)",
        "CREATE INDEX events_search_document ON events_search USING GIN (document)",
    ],
}

FILL = {
    "sqlite": """
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
    "postgresql": """
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
        FROM events_event e
        LEFT JOIN events_place p ON p.id = e.place_id
        LEFT JOIN events_eventtype t ON t.id = e.type_id
    """,
}


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in CREATE:
        return  # no full-text search on other databases
    for statement in CREATE[vendor]:
        schema_editor.execute(statement)
    schema_editor.execute(FILL[vendor])


def drop(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS events_search")


class Migration(migrations.Migration):
    """The full-text search table: FTS5 on SQLite, tsvector with a GIN index on PostgreSQL."""

    dependencies = [("events", "0003_suggestions")]

    operations = [migrations.RunPython(create, drop)]
