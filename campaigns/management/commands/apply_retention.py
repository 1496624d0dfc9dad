from django.core.management.base import BaseCommand

from campaigns.retention import apply_retention, retention_rules


class Command(BaseCommand):
    help = (
        "Anonymise personal data that has passed its retention period (signers of delivered petitions, "
        "participants of past events, addresses on letters and messages) and prune finished jobs and log-in "
        "records. Counts are kept. Run it daily; running it twice, even at once, is harmless."
    )

    def handle(self, *args, **options):
        labels = {rule.name: rule.label for rule in retention_rules()}
        for name, changed in apply_retention().items():
            self.stdout.write(f"{labels[name]}: {changed}")
