"""Fill the two coarse tables from the hourly rollups that existed before they did."""

from django.db import migrations
from django.db.models import Sum


def fill(apps, schema_editor):
    ActionRollup = apps.get_model("results", "ActionRollup")
    ActionTotal = apps.get_model("results", "ActionTotal")
    CountryHourRollup = apps.get_model("results", "CountryHourRollup")
    if ActionTotal.objects.exists() or CountryHourRollup.objects.exists():
        return
    totals = ActionRollup.objects.values_list("campaign_id", "case_id", "country", "kind").annotate(n=Sum("count"))
    ActionTotal.objects.bulk_create(
        [
            ActionTotal(campaign_id=campaign_id, case_id=case_id, country=country, kind=kind, count=n)
            for campaign_id, case_id, country, kind, n in totals.order_by()
            if n
        ],
        batch_size=2000,
    )
    hours = ActionRollup.objects.values_list("campaign_id", "country", "hour").annotate(n=Sum("count"))
    CountryHourRollup.objects.bulk_create(
        [
            CountryHourRollup(campaign_id=campaign_id, country=country, hour=hour, count=n)
            for campaign_id, country, hour, n in hours.order_by()
            if n
        ],
        batch_size=2000,
    )


def empty(apps, schema_editor):
    apps.get_model("results", "ActionTotal").objects.all().delete()
    apps.get_model("results", "CountryHourRollup").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("results", "0002_coarse_rollups")]

    operations = [migrations.RunPython(fill, empty)]
