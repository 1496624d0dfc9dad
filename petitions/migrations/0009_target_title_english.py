"""Existing addressees' titles become the English version of the now translated field (the fallback)."""

from django.db import migrations
from django.db.models import F


def copy_to_english(apps, schema_editor):
    Petition = apps.get_model("petitions", "Petition")
    Petition.objects.filter(target_title_en__isnull=True).update(target_title_en=F("target_title"))


class Migration(migrations.Migration):
    dependencies = [("petitions", "0008_target_title_translations")]

    # Reversing leaves the original column as it is: it was never changed.
    operations = [migrations.RunPython(copy_to_english, migrations.RunPython.noop)]
