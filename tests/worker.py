from django.core.management import call_command


def run_worker(*extra: str) -> None:
    """Run the database task worker until the queue is empty (or for `--max-tasks N`), as `db_worker` does."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", *extra, verbosity=0)
