from django.db import migrations, models

BATCH = 2000


def fill_city_folded(apps, schema_editor):
    from events.search import folded_city

    Event = apps.get_model("events", "Event")
    batch = []
    for event in Event.objects.using(schema_editor.connection.alias).only("id", "city").iterator(chunk_size=BATCH):
        event.city_folded = folded_city(event.city)
        batch.append(event)
        if len(batch) == BATCH:
            Event.objects.bulk_update(batch, ["city_folded"])
            batch = []
    Event.objects.bulk_update(batch, ["city_folded"])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0007_event_search_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="city_folded",
            field=models.CharField(blank=True, db_index=True, default="", editable=False, max_length=100),
        ),
        migrations.RunPython(fill_city_folded, migrations.RunPython.noop, elidable=True),
    ]
