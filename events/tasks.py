from django_tasks import task

from .services import send_event_reminders


@task()
def send_event_reminders_task() -> int:
    """The reminder run as a background task, for deployments that schedule tasks rather than cron."""
    return send_event_reminders()
