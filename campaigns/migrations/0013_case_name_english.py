"""Existing cases' names become the English version of the now translated name (the fallback)."""

from django.db import migrations
from django.db.models import F


def copy_to_english(apps, schema_editor):
    Case = apps.get_model("campaigns", "Case")
    Case.objects.filter(name_en__isnull=True).update(name_en=F("name"))


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0012_case_name_translations")]

    # Reversing leaves the original column as it is: it was never changed.
    operations = [migrations.RunPython(copy_to_english, migrations.RunPython.noop)]
