"""Existing case updates' titles and texts become the English version of the now translated fields (the
fallback)."""

from django.db import migrations
from django.db.models import F


def copy_to_english(apps, schema_editor):
    CaseUpdate = apps.get_model("campaigns", "CaseUpdate")
    CaseUpdate.objects.filter(title_en__isnull=True).update(title_en=F("title"))
    CaseUpdate.objects.filter(body_en__isnull=True).update(body_en=F("body"))


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0009_case_update_translations")]

    # Reversing leaves the original columns as they are: they were never changed.
    operations = [migrations.RunPython(copy_to_english, migrations.RunPython.noop)]
