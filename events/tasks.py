from django_tasks import task

from .services import send_event_reminders, send_report_reminders


@task()
def send_event_reminders_task() -> int:
    """The reminders run as a background task, for deployments that schedule tasks rather than cron."""
    return send_event_reminders() + send_report_reminders()
