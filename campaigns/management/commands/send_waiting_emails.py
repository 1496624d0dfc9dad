from django.core.management.base import BaseCommand

from campaigns.emails import send_waiting_emails


class Command(BaseCommand):
    help = (
        "Write and send the emails waiting in the outbox (the task worker does this as they are queued; run it "
        "from cron every few minutes as the safety net). Safe to run at any time, alongside the worker."
    )

    def handle(self, *args, **options):
        sent = send_waiting_emails()
        self.stdout.write(f"Sent {sent} waiting emails.")
