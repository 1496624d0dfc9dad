from django.core.management.base import BaseCommand

from petitions.services import send_reminders


class Command(BaseCommand):
    help = "Send the one reminder to signers who have not confirmed (run it hourly, e.g. from cron)."

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(self.style.SUCCESS(f"{sent} reminder(s) sent."))
