from allauth.account import app_settings as account_settings
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from .audience import case_audience, unsubscribe_token
from .emails import queue_email, render_email
from .language import country_language
from .models import CaseUpdate, LocalGroup, Membership, User
from .permissions import COORDINATOR_GROUP
from .tasks import send_case_update_emails, send_email


class AlreadyEmailed(Exception):
    pass


def email_case_update(*, update: CaseUpdate) -> None:
    """Queue the update for every supporter of the case who agreed to hear more. Sends at most once.

    The update row is locked and stamped in one transaction, so two staff clicking at once send one round.
    """
    with transaction.atomic():
        update = CaseUpdate.objects.select_for_update().get(pk=update.pk)
        if update.emailed_at is not None:
            raise AlreadyEmailed
        update.emailed_at = timezone.now()
        update.save(update_fields=["emailed_at"])
        transaction.on_commit(lambda: send_case_update_emails.enqueue(update_id=update.pk))


def deliver_case_update(*, update_id: int) -> int:
    """Render the update in each recipient's language with their own unsubscribe link and queue it."""
    update = CaseUpdate.objects.select_related("case").get(pk=update_id)
    recipients = case_audience(update.case)
    for email, language in recipients:
        # The link opens the unsubscribe page in the language the email is written in.
        with translation.override(language or settings.LANGUAGE_CODE):
            unsubscribe_url = settings.SITE_URL + reverse("unsubscribe", args=[unsubscribe_token(email)])
        message = render_email(
            "campaigns/case_update",
            {"update": update, "case": update.case, "unsubscribe_url": unsubscribe_url},
            language=language or None,
        )
        send_email.enqueue(
            to=[email],
            headers={
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
            **message,
        )
    CaseUpdate.objects.filter(pk=update_id).update(emailed_count=len(recipients))
    return len(recipients)


def invite_coordinator(*, email: str, group: LocalGroup, invited_by) -> Membership:
    """Make `email` a coordinator of `group` and email them a link to set their password and log in.

    An existing account is reused (and promoted); a new one is created with no usable password. Inviting the
    same person twice to the same group sends a fresh link and changes nothing else.
    """
    email = email.strip().lower()
    with transaction.atomic():
        user, created = User.objects.get_or_create(email=email, defaults={"is_staff": True})
        if created:
            user.set_unusable_password()
        user.is_staff = True
        user.save()
        user.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        membership, _ = Membership.objects.update_or_create(
            user=user, group=group, defaults={"role": Membership.Role.COORDINATOR}
        )
        key = (
            f"{user_pk_to_url_str(user)}-{account_settings.PASSWORD_RESET_TOKEN_GENERATOR().make_token(user)}"
        )
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        queue_email(
            "campaigns/coordinator_invitation",
            {
                "group": group,
                "invited_by": invited_by,
                "new_account": created,
                "set_password_url": settings.SITE_URL + path.replace("UID-KEY", key),
                "admin_url": settings.SITE_URL + reverse("admin:index"),
            },
            to=email,
            # A new coordinator has no language yet: the group's country's where the site has it (an invitation
            # to the Asunción group in Spanish), else the inviter's.
            language=user.language or country_language(group.country) or None,
        )
    return membership


def safe_cell(value) -> str:
    """Neutralise spreadsheet formulas a supporter could smuggle into an export ("=HYPERLINK(…)" as a name)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def with_byte_order_mark(rows):
    """A CSV export for spreadsheets, as UTF-8 with a byte order mark: Excel reads the file as UTF-8 only with
    it ("PoznaÅ„" for "Poznań" without); other spreadsheets and Python's "utf-8-sig" read it as well."""
    yield "\ufeff"
    yield from rows


def log_export(
    *, user, what: str, description: str = "", group: LocalGroup | None = None, rows: int | None = None
):
    """Record an export of personal data. Call it from every export, before streaming the rows."""
    from .models import ExportLog

    return ExportLog.objects.create(
        user=user, what=what, description=description[:300], group=group, row_count=rows
    )
