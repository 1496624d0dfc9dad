from django.core.management.base import BaseCommand, CommandError

from petitions.counters import verify_counts


class Command(BaseCommand):
    help = "Compare each petition's counters with a COUNT of its confirmed signatures; --repair fixes drift."

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="Set drifted counters to the true counts.")

    def handle(self, *args, repair: bool, **options):
        drifted = 0
        for check in verify_counts(repair=repair):
            if not check.drifted:
                continue
            drifted += 1
            verb = "repaired" if repair else "drift"
            self.stdout.write(
                f"{verb}: {check.petition.slug}: online {check.stored_online} → {check.actual_online}, "
                f"paper {check.stored_paper} → {check.actual_paper}"
            )
        if not drifted:
            self.stdout.write(self.style.SUCCESS("All petition counters match their signatures."))
        elif not repair:
            raise CommandError(f"{drifted} petition(s) drifted; run with --repair to fix.")
        else:
            self.stdout.write(self.style.SUCCESS(f"{drifted} petition(s) repaired."))
