from django.db import migrations, models

# How far the events of each counted month reach, for the counts already there (as
# events.services.counts works it out; written out here, as a migration must not change
# when that code does). A month's or a year's event reaches the last day of its period.
_LAST_DAY = {
    "sqlite": (
        "CASE precision "
        "WHEN 1 THEN date(MAX(COALESCE(e.\"end\", e.start)), 'start of year', '+1 year', '-1 day') "
        "WHEN 2 THEN date(MAX(COALESCE(e.\"end\", e.start)), 'start of month', '+1 month', "
        "'-1 day') "
        "ELSE MAX(COALESCE(e.\"end\", e.start)) END"
    ),
    "postgresql": (
        "CASE precision "
        "WHEN 1 THEN (date_trunc('year', MAX(COALESCE(e.\"end\", e.start))) "
        "+ interval '1 year' - interval '1 day')::date "
        "WHEN 2 THEN (date_trunc('month', MAX(COALESCE(e.\"end\", e.start))) "
        "+ interval '1 month' - interval '1 day')::date "
        "ELSE MAX(COALESCE(e.\"end\", e.start)) END"
    ),
}
_PARTS = {
    "sqlite": ("CAST(substr(e.start, 1, 4) AS integer)", "CAST(substr(e.start, 6, 2) AS integer)"),
    "postgresql": (
        "CAST(EXTRACT(YEAR FROM e.start) AS integer)",
        "CAST(EXTRACT(MONTH FROM e.start) AS integer)",
    ),
}


def count_reach(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    year, month = _PARTS[vendor]
    schema_editor.execute("DELETE FROM events_monthcount")
    schema_editor.execute(
        "INSERT INTO events_monthcount (year, month, precision, is_key, count, reaches) "
        f"SELECT {year}, {month}, e.precision, e.is_key, COUNT(*), "
        f"{_LAST_DAY[vendor].replace('precision', 'e.precision', 1)} "
        "FROM events_event e WHERE e.status = 'published' "
        f"GROUP BY {year}, {month}, e.precision, e.is_key"
    )


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0023_events_by_place_and_type_in_order'),
    ]

    operations = [
        migrations.AddField(
            model_name='monthcount',
            name='reaches',
            field=models.DateField(default='0001-01-01'),
            preserve_default=False,
        ),
        migrations.RunPython(count_reach, migrations.RunPython.noop),
    ]
