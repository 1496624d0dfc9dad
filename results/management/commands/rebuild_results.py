from django.core.management.base import BaseCommand, CommandError
from django_countries import countries

from campaigns.ledger import ledger_totals, recount_from_sources
from campaigns.models import Campaign
from results.rollup import rebuild_rollups


class Command(BaseCommand):
    help = (
        "Recompute the results rollups from the ledger, then compare the ledger with a recount from the "
        "source tables. Exits with status 1 when anything drifted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--campaign", metavar="SLUG", help="Only this campaign (default: all).")

    def handle(self, *args, campaign: str | None = None, **options):
        campaigns = Campaign.objects.order_by("-starts_on")
        if campaign:
            campaigns = campaigns.filter(slug=campaign)
            if not campaigns.exists():
                raise CommandError(f"No campaign with the slug {campaign!r}.")
        drifted = False
        for each in campaigns:
            drifted |= self.check_campaign(each)
        if drifted:
            raise CommandError("Drift found (see above).", returncode=1)
        self.stdout.write(self.style.SUCCESS("No drift: rollups = ledger = sources."))

    def check_campaign(self, campaign: Campaign) -> bool:
        rollup_drift = rebuild_rollups(campaign)
        ledger = ledger_totals(campaign)
        sources = recount_from_sources(campaign)
        source_drift = {
            key: (ledger.get(key, 0), sources.get(key, 0))
            for key in set(ledger) | set(sources)
            if ledger.get(key, 0) != sources.get(key, 0)
        }
        total = sum(ledger.values())
        self.stdout.write(
            f"{campaign.slug}: {total} actions in the ledger, {sum(sources.values())} in the sources."
        )
        for key, (was, now) in sorted(rollup_drift.items(), key=_order):
            self.stdout.write(
                self.style.WARNING(
                    f"  rollup drift {_label(key)}: rollups had {was}, ledger has {now} (repaired)"
                )
            )
        for key, (in_ledger, in_sources) in sorted(source_drift.items(), key=_order):
            self.stdout.write(
                self.style.ERROR(
                    f"  ledger drift {_label(key)}: ledger has {in_ledger}, sources say {in_sources}"
                )
            )
        return bool(rollup_drift or source_drift)


def _order(item):
    (kind, country, case_id), _values = item
    return (kind, country, case_id or 0)


def _label(key) -> str:
    kind, country, case_id = key
    where = countries.name(country) or country or "no country"
    return f"[{kind}, {where}, case {case_id if case_id is not None else '-'}]"
