"""The search index holds Arabic script folded (ي/ی, ك/ک, ة/ه, the zero-width non-joiner
dropped) and the Dari and Pashto translations: every event is indexed again, as
events.search now indexes it.

It runs today's indexing code, which may read columns a later migration adds: a database
with no events yet (every new one, every test's) has nothing to index and skips it."""

from django.db import migrations


def reindex_all(apps, schema_editor) -> None:
    from events import search

    if apps.get_model("events", "Event").objects.exists():
        search.reindex(None)


class Migration(migrations.Migration):
    dependencies = [("events", "0017_translations")]

    operations = [migrations.RunPython(reindex_all, migrations.RunPython.noop)]
