from django.core.management.base import BaseCommand

from results.rollup import update_rollups


class Command(BaseCommand):
    help = "Fold new ledger rows into the results rollups (safe to run from cron at any time)."

    def handle(self, *args, **options):
        folded = update_rollups()
        self.stdout.write(f"Folded {folded} ledger rows into the rollups.")
