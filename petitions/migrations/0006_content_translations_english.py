"""Existing rows become the English version of their translated fields (the fallback every language uses)."""

from django.db import migrations
from django.db.models import F

FIELDS = {'Petition': ['title', 'text']}


def copy_to_english(apps, schema_editor):
    for model_name, fields in FIELDS.items():
        model = apps.get_model("petitions", model_name)
        for field in fields:
            model.objects.filter(**{f"{field}_en__isnull": True}).update(**{f"{field}_en": F(field)})


class Migration(migrations.Migration):
    dependencies = [("petitions", "0005_content_translations")]

    # Reversing leaves the original columns as they are: they were never changed.
    operations = [migrations.RunPython(copy_to_english, migrations.RunPython.noop)]
