from django.core.management.base import BaseCommand

from events.services import send_event_reminders


class Command(BaseCommand):
    help = (
        "Email everyone confirmed for an event that starts within the next 24 hours. Run it hourly (cron or the "
        "task worker); a reminder already sent is never sent again."
    )

    def handle(self, *args, **options):
        sent = send_event_reminders()
        self.stdout.write(f"{sent} reminder(s) queued.")
