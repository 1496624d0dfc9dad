from django.core.management.base import BaseCommand

from events.services import send_event_reminders, send_report_reminders


class Command(BaseCommand):
    help = (
        "Email everyone confirmed for an event that starts within the next 24 hours, and ask the host of an event "
        "that ended without a report to file one. Run it hourly (cron or the task worker); a reminder already "
        "sent is never sent again."
    )

    def handle(self, *args, **options):
        sent = send_event_reminders()
        asked = send_report_reminders()
        self.stdout.write(f"{sent} reminder(s) and {asked} report reminder(s) queued.")
