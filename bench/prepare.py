"""The Django side of the benchmark, run with the server's own environment by bench/run.py:

    python -m bench.prepare fixtures DATA.json          the baseline table, the 50-seat event, what the users need
    python -m bench.prepare tokens DATA.json N          mint confirmation links for N pending signatures
    python -m bench.prepare verify DATA.json RECORDS... check the database against what the load saw
    python -m bench.prepare rollup-lag                  ledger total minus rollup total for the campaign

Confirmation links are minted with the site's own `make_confirmation_token` (the bench knows SECRET_KEY,
as the mail the site sends would carry them).
"""

import datetime as dt
import json
import os
import random
import sys
from collections import Counter
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marathon.settings")


def _setup():
    import django

    django.setup()


def fixtures(data_path: str) -> None:
    from django.utils import timezone

    from campaigns.benchmark import create_baseline_table
    from campaigns.models import Campaign
    from events.models import Event, Registration
    from petitions.demo import SLUG

    create_baseline_table()
    campaign = Campaign.objects.get(slug="write-for-rights-2012")
    template = Event.objects.filter(slug__startswith="bench-").exclude(slug="bench-last-seats").first()
    starts = timezone.now() + dt.timedelta(days=14)
    event, _ = Event.objects.update_or_create(
        slug="bench-last-seats",
        defaults={
            "title": "Last seats: letter-writing evening",
            "kind": Event.Kind.LETTER_WRITING,
            "campaign": campaign,
            "group": template.group,
            "host": template.host,
            "description": "Fifty seats for hundreds of people.",
            "starts_at": starts,
            "ends_at": starts + dt.timedelta(hours=3),
            "city": template.city,
            "country": template.country,
            "capacity": 50,
            "status": Event.Status.PUBLISHED,
            "published_at": timezone.now(),
        },
    )
    Registration.objects.filter(event=event).delete()
    data = {
        "petition": SLUG,
        "campaign": campaign.slug,
        "case": "ales-bialiatski",
        "events": Event.objects.filter(slug__startswith="bench-").count() - 1,
        "seats_event": event.slug,
        "seats_capacity": 50,
    }
    _write(data_path, data)


def tokens(data_path: str, count: int) -> None:
    """Pending synthetic signatures' links, each listed twice (two tabs, or a double click) and shuffled."""
    from petitions.demo import BULK_DOMAIN
    from petitions.models import Signature
    from petitions.services import make_confirmation_token

    data = json.loads(Path(data_path).read_text())
    pending = list(
        Signature.objects.filter(email_domain=BULK_DOMAIN, status=Signature.Status.PENDING)
        .select_related("petition")
        .order_by("pk")[:count]
    )
    pairs = [(s.pk, make_confirmation_token(s)) for s in pending] * 2
    random.Random(7).shuffle(pairs)
    data["tokens"] = pairs
    _write(data_path, data)
    print(len(pending))


def rollup_lag() -> int:
    from django.db.models import Sum

    from campaigns.models import Action
    from results.models import ActionTotal

    ledger = Action.objects.filter(campaign__slug="write-for-rights-2012").aggregate(n=Sum("count"))["n"] or 0
    rollups = (
        ActionTotal.objects.filter(campaign__slug="write-for-rights-2012").aggregate(n=Sum("count"))["n"] or 0
    )
    print(json.dumps({"ledger": ledger, "rollups": rollups}))
    return ledger - rollups


def email_queue() -> int:
    """Emails still waiting (or being sent), sent and failed: the outbox, and the jobs of the task backend the site
    runs on (retries of refused emails, and the job that sends the outbox)."""
    from django.conf import settings
    from django.db.models import Count

    from campaigns.models import OutgoingEmail

    outbox = dict(OutgoingEmail.objects.values_list("status").annotate(n=Count("id")).order_by())
    Status = OutgoingEmail.Status
    state = {
        "waiting": outbox.get(Status.WAITING, 0),
        "sent": outbox.get(Status.SENT, 0),
        "failed": outbox.get(Status.FAILED, 0),
    }
    if "rq" in settings.TASKS["default"]["BACKEND"].lower():
        import django_rq

        queue = django_rq.get_queue("default")
        state["waiting"] += queue.count + len(queue.started_job_registry) + len(queue.scheduled_job_registry)
        state["failed"] += len(queue.failed_job_registry)
    else:
        from django_tasks_db.models import DBTaskResult

        jobs = DBTaskResult.objects.filter(
            task_path__in=["campaigns.tasks.send_email", "campaigns.tasks.send_waiting_emails_task"]
        )
        state["waiting"] += jobs.filter(status__in=["READY", "RUNNING"]).count()
        state["failed"] += jobs.filter(status="FAILED").count()
    print(json.dumps(state))
    return state["waiting"]


def verify(data_path: str, records_paths: list[str]) -> None:
    from django.db.models import Count
    from django.db.models.functions import Lower

    from bench import checks
    from events.models import Registration
    from petitions.models import Petition, Signature

    data = json.loads(Path(data_path).read_text())
    seen = {"signatures": [], "confirmations": [], "registrations": []}
    for path in records_paths:
        if os.path.exists(path):
            for kind, values in json.loads(Path(path).read_text()).get("successes", {}).items():
                seen.setdefault(kind, []).extend(values)
    petition = Petition.objects.get(slug=data["petition"])
    results = []
    accepted = seen["signatures"]
    from campaigns.mailboxes import normalise_email

    keys = {normalise_email(e) for e in accepted}
    rows = Counter(
        dict(
            Signature.objects.filter(petition=petition)
            .filter(email_normalised__in=keys)
            .values_list("email_normalised")
            .annotate(n=Count("id"))
            .order_by()
        )
    )
    # Any duplicate anywhere on the petition, not only among the addresses the load used.
    for key, n in (
        Signature.objects.filter(petition=petition)
        .exclude(email_normalised="")
        .values_list("email_normalised")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .order_by()
    ):
        rows[key] = n
    confirmed_rows = Signature.objects.filter(petition=petition).confirmed().online().count()
    results += checks.signature_checks(
        accepted=accepted, rows=rows, counter=petition.signature_count, confirmed_rows=confirmed_rows
    )
    if seen["confirmations"]:
        still_pending = list(
            Signature.objects.filter(pk__in=set(seen["confirmations"]))
            .exclude(status=Signature.Status.CONFIRMED)
            .values_list("pk", flat=True)
        )
        results += checks.confirmation_checks(
            confirmed_ids=seen["confirmations"], still_pending=still_pending
        )
    if data.get("seats_event") and (seen["registrations"] or "seats" in data.get("ran", [])):
        registrations = Registration.objects.filter(event__slug=data["seats_event"])
        confirmed = registrations.filter(status=Registration.Status.CONFIRMED).count()
        seat_rows = Counter(
            dict(
                registrations.exclude(status=Registration.Status.CANCELLED)
                .annotate(key=Lower("email"))
                .values_list("key")
                .annotate(n=Count("id"))
                .order_by()
            )
        )
        results += checks.seat_checks(
            capacity=data["seats_capacity"],
            confirmed=confirmed,
            accepted=seen["registrations"],
            rows=seat_rows,
        )
    print(json.dumps(results))


def _write(path: str, data: dict) -> None:
    with open(path, "w") as out:
        json.dump(data, out)


def main(argv: list[str]) -> int:
    _setup()
    command, *args = argv
    if command == "fixtures":
        fixtures(args[0])
    elif command == "tokens":
        tokens(args[0], int(args[1]))
    elif command == "verify":
        verify(args[0], args[1:])
    elif command == "rollup-lag":
        return 0 if rollup_lag() == 0 else 3
    elif command == "email-queue":
        return 0 if email_queue() == 0 else 3
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
