from django.db import migrations

from events import search


def create(apps, schema_editor):
    search.create_index(schema_editor)


def drop(apps, schema_editor):
    search.drop_index(schema_editor)


class Migration(migrations.Migration):
    """The full-text search table: FTS5 on SQLite, tsvector with a GIN index on PostgreSQL."""

    dependencies = [("events", "0003_suggestions")]

    operations = [migrations.RunPython(create, drop)]
