"""Suggestions keep their sentence as offsets into the source's text instead of a copy.

Each stored sentence is looked for in its source's text where it holds its date; a sentence
that runs on is cut to a passage around the date (as imports now do). Reversed, the copies
are written back from the offsets.
"""

from django.db import migrations, models

from events.text import passage

BATCH = 500


def offsets_from_copies(apps, schema_editor):
    Source = apps.get_model("events", "Source")
    Suggestion = apps.get_model("events", "Suggestion")
    sources = Suggestion.objects.order_by().values_list("source_id", flat=True).distinct()
    for source_id in sources:
        # One source's text at a time, read once for all its suggestions.
        text = Source.objects.values_list("text", flat=True).get(pk=source_id)
        rows = Suggestion.objects.filter(source_id=source_id).values_list(
            "pk", "sentence", "mention", "position"
        )
        changed = []
        for pk, sentence, mention, position in rows.iterator(chunk_size=BATCH):
            start, end = _locate(text, sentence, mention, position)
            changed.append(Suggestion(pk=pk, sentence_start=start, sentence_end=end))
            if len(changed) == BATCH:
                Suggestion.objects.bulk_update(changed, ["sentence_start", "sentence_end"])
                changed = []
        Suggestion.objects.bulk_update(changed, ["sentence_start", "sentence_end"])


def _locate(text, sentence, mention, position):
    """Where `sentence` stands in `text` around `position`, cut to a passage if it runs on;
    the mention alone if the text no longer holds the sentence there (it was edited)."""
    length = len(sentence)
    start = text.rfind(sentence, max(0, position - length + 1), position + length)
    if not sentence or start < 0:
        return position, position + max(1, len(mention))
    return passage(
        text,
        sentence_start=start,
        sentence_end=start + length,
        start=position,
        end=min(start + length, position + len(mention)),
    )


def copies_from_offsets(apps, schema_editor):
    Source = apps.get_model("events", "Source")
    Suggestion = apps.get_model("events", "Suggestion")
    sources = Suggestion.objects.order_by().values_list("source_id", flat=True).distinct()
    for source_id in sources:
        text = Source.objects.values_list("text", flat=True).get(pk=source_id)
        rows = Suggestion.objects.filter(source_id=source_id).values_list(
            "pk", "sentence_start", "sentence_end"
        )
        changed = []
        for pk, start, end in rows.iterator(chunk_size=BATCH):
            changed.append(Suggestion(pk=pk, sentence=text[start:end]))
            if len(changed) == BATCH:
                Suggestion.objects.bulk_update(changed, ["sentence"])
                changed = []
        Suggestion.objects.bulk_update(changed, ["sentence"])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_editor_group"),
    ]

    operations = [
        migrations.AddField(
            model_name="suggestion",
            name="sentence_start",
            field=models.PositiveIntegerField(
                default=0,
                help_text="Where the sentence the date stands in begins in the source's text.",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="suggestion",
            name="sentence_end",
            field=models.PositiveIntegerField(default=0, help_text="Where that sentence ends."),
            preserve_default=False,
        ),
        migrations.RunPython(offsets_from_copies, copies_from_offsets, elidable=True),
        # A default, so that the reverse can add the column back to rows that have none.
        migrations.AlterField(
            model_name="suggestion",
            name="sentence",
            field=models.TextField(default=""),
        ),
        migrations.RemoveField(
            model_name="suggestion",
            name="sentence",
        ),
        migrations.AddConstraint(
            model_name="suggestion",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("sentence_end__gt", models.F("position")),
                    ("sentence_start__lte", models.F("position")),
                ),
                name="suggestion_sentence_holds_date",
                violation_error_message="A suggestion's sentence holds its date.",
            ),
        ),
    ]
