from django.db import migrations, models

BATCH = 2000


def fill_search_text(apps, schema_editor):
    from events.search import searchable_text

    Event = apps.get_model("events", "Event")
    batch = []
    for event in Event.objects.using(schema_editor.connection.alias).iterator(chunk_size=BATCH):
        event.search_text = searchable_text(event)
        batch.append(event)
        if len(batch) == BATCH:
            Event.objects.bulk_update(batch, ["search_text"])
            batch = []
    Event.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_places_at_most_100000"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop, elidable=True),
    ]
