"""The core's own personal data: accounts, opt-outs, queued emails, log-in records and data requests.

Registered with campaigns.personal_data (what a person can download and erase) and campaigns.retention (how
long it is kept); the events, petitions and letters apps register theirs in the same way.
"""

import datetime as dt

from allauth.account.models import EmailAddress
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils.translation import gettext_lazy as _
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .audience import hash_email
from .emails import email_subjects
from .models import EmailOptOut, Membership, OutgoingEmail, User
from .personal_data import register_personal_data
from .privacy import forget_request_addresses
from .retention import register_retention

# Rendered messages waiting as jobs (new ones, and retries of refused OutgoingEmails).
EMAIL_TASKS = ["campaigns.tasks.send_email"]


# --- accounts ----------------------------------------------------------------------------------------


def _find_account(email: str) -> list[dict]:
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        return []
    groups = Membership.objects.filter(user=user).select_related("group")
    return [
        {
            "email": user.email,
            "full_name": user.full_name,
            "preferred_language": user.language,
            "joined": user.date_joined,
            "last_login": user.last_login,
            "active": user.is_active,
            "staff": user.is_staff,
            "local_groups": [
                {"group": m.group.name, "role": m.get_role_display(), "since": m.joined_at} for m in groups
            ],
        }
    ]


def _erase_account(email: str, now: dt.datetime) -> int:
    """Close a volunteer's account: no name, no address, no log-in. Staff accounts are closed by staff.

    The row stays (events keep their host), under an address that can never receive mail or log in.
    """
    user = User.objects.filter(email__iexact=email, is_staff=False, is_superuser=False).first()
    if user is None:
        return 0
    EmailAddress.objects.filter(user=user).delete()
    Membership.objects.filter(user=user).delete()
    user.email = f"erased-{user.pk}@erased.invalid"
    user.full_name = user.first_name = user.last_name = user.language = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    return 1


register_personal_data(
    "campaigns.account", label=_("Your volunteer account"), find=_find_account, erase=_erase_account
)


# --- campaign-news opt-out ---------------------------------------------------------------------------


def _find_opt_out(email: str) -> list[dict]:
    opt_out = EmailOptOut.objects.filter(email_hash=hash_email(email)).first()
    return [{"unsubscribed_from_campaign_news": opt_out.created_at}] if opt_out else []


def _keep_opt_out(email: str, now: dt.datetime) -> int:
    # Only a keyed hash is kept, and it is what keeps campaign news from reaching the address again.
    return 0


register_personal_data(
    "campaigns.opt_out",
    label=_("Your request for no more campaign news (only a keyed hash of your address is kept)"),
    find=_find_opt_out,
    erase=_keep_opt_out,
)


# --- emails waiting to be sent, or sent recently ---------------------------------------------------


def _email_jobs_to(email: str):
    return DBTaskResult.objects.filter(task_path__in=EMAIL_TASKS, args_kwargs__kwargs__to__0=email)


def _find_emails(email: str) -> list[dict]:
    # An email the worker writes from an id (OutgoingEmail) stores no subject: it is written again from its row.
    outbox = list(OutgoingEmail.objects.filter(to__iexact=email).order_by("queued_at", "pk"))
    subjects = email_subjects(outbox)
    found = [
        {
            "subject": subjects.get(row.pk, _("(what this email was about has since been erased)")),
            "queued": row.queued_at,
            "status": row.get_status_display(),
        }
        for row in outbox
    ]
    for row in _email_jobs_to(email).order_by("enqueued_at"):
        status = EMAIL_JOB_STATUS.get(row.status, OutgoingEmail.Status.WAITING)
        found.append(
            {
                "subject": row.args_kwargs["kwargs"]["subject"],
                "queued": row.enqueued_at,
                "status": status.label,
            }
        )
    return found


# An email sent as a job of its own, in the words of the outbox's statuses (the task queue's are code words).
EMAIL_JOB_STATUS = {
    TaskResultStatus.SUCCESSFUL: OutgoingEmail.Status.SENT,
    TaskResultStatus.FAILED: OutgoingEmail.Status.FAILED,
}


def _erase_emails(email: str, now: dt.datetime) -> int:
    outbox, _by_model = OutgoingEmail.objects.filter(to__iexact=email).delete()
    jobs, _by_model = _email_jobs_to(email).delete()
    return outbox + jobs


register_personal_data(
    "campaigns.emails",
    label=_("Emails to you, waiting to be sent or sent recently"),
    find=_find_emails,
    erase=_erase_emails,
)


@register_retention(
    "campaigns.emails",
    label=_("Emails sent and other finished background jobs"),
    days_setting="TASK_RESULT_RETENTION_DAYS",
)
def prune_finished_jobs(now: dt.datetime) -> int:
    cutoff = now - dt.timedelta(days=settings.TASK_RESULT_RETENTION_DAYS)
    jobs, _by_model = DBTaskResult.objects.filter(finished_at__lt=cutoff).delete()
    emails, _by_model = OutgoingEmail.objects.filter(finished_at__lt=cutoff).delete()
    return jobs + emails


# --- log-in records (django-axes) ---------------------------------------------------------------------


def _login_records(email: str) -> list:
    return [model.objects.filter(username=email) for model in (AccessLog, AccessAttempt, AccessFailureLog)]


def _find_logins(email: str) -> list[dict]:
    return [
        {"attempt": record._meta.verbose_name, "at": record.attempt_time, "browser": record.user_agent}
        for records in _login_records(email)
        for record in records.order_by("attempt_time")
    ]


def _erase_logins(email: str, now: dt.datetime) -> int:
    return sum(records.delete()[0] for records in _login_records(email))


register_personal_data(
    "campaigns.logins", label=_("Log-in records of your account"), find=_find_logins, erase=_erase_logins
)


@register_retention(
    "campaigns.logins",
    label=_("Log-in records of volunteers' and staff accounts"),
    days_setting="LOGIN_RECORD_RETENTION_DAYS",
)
def prune_login_records(now: dt.datetime) -> int:
    cutoff = now - dt.timedelta(days=settings.LOGIN_RECORD_RETENTION_DAYS)
    deleted = sum(
        model.objects.filter(attempt_time__lt=cutoff).delete()[0] for model in (AccessLog, AccessFailureLog)
    )
    deleted += AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()[0]
    return deleted + Session.objects.filter(expire_date__lt=now).delete()[0]


@register_retention(
    "campaigns.data_requests", label=_("Email addresses on data requests, once their link expired")
)
def forget_data_request_addresses(now: dt.datetime) -> int:
    return forget_request_addresses(now)
