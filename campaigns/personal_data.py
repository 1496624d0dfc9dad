"""Everything held about one email address, gathered from every app, and its erasure.

Each app that stores names or email addresses registers a source in its AppConfig.ready():

- `find(email)` returns the rows about that address as plain dicts, the way the person would read them;
- `erase(email, now)` anonymises (or, for rows that never counted, deletes) them and returns how many rows it
  changed. Counts survive an erasure: a confirmed signature stays a confirmed signature of nobody.

The core never imports the apps that hold the data (the same pattern as the ledger's recounts).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise


@dataclass(frozen=True)
class PersonalDataSource:
    name: str
    label: Promise | str
    find: Callable[[str], list[dict]]
    erase: Callable[[str, dt.datetime], int]
    # What the person should know before they erase (e.g. events they host that others rely on): a sentence or "".
    notice: Callable[[str, dt.datetime], str] | None = None
    # Run before any source erases anything, while the address still leads to every record (the account is
    # anonymised by one of the sources).
    before_erasure: Callable[[str, dt.datetime], None] | None = None


_sources: dict[str, PersonalDataSource] = {}


def register_personal_data(name: str, *, label, find, erase, notice=None, before_erasure=None) -> None:
    _sources[name] = PersonalDataSource(
        name=name, label=label, find=find, erase=erase, notice=notice, before_erasure=before_erasure
    )


def erasure_notices(email: str, *, now: dt.datetime | None = None) -> list[str]:
    """Sentences for the person to read before they confirm an erasure."""
    email, now = normalise_address(email), now or timezone.now()
    notices = [source.notice(email, now) for source in _sources.values() if source.notice and email]
    return [notice for notice in notices if notice]


def normalise_address(email: str) -> str:
    return (email or "").strip().lower()


def find_personal_data(email: str) -> list[tuple[PersonalDataSource, list[dict]]]:
    """(source, rows) for every source that holds something about `email`, in registration order."""
    email = normalise_address(email)
    found = []
    for source in _sources.values():
        rows = source.find(email) if email else []
        if rows:
            found.append((source, rows))
    return found


def export_personal_data(email: str, *, now: dt.datetime | None = None) -> dict:
    """The download a person gets: every row held about their address, grouped by where it is kept."""
    now = now or timezone.now()
    return {
        "email": normalise_address(email),
        "generated_at": now.isoformat(),
        "data": {
            source.name: {"description": str(source.label), "rows": rows}
            for source, rows in find_personal_data(email)
        },
    }


def erase_personal_data(email: str, *, now: dt.datetime | None = None) -> dict[str, int]:
    """Anonymise everything held about `email` in one transaction; {source name: rows changed}."""
    email = normalise_address(email)
    now = now or timezone.now()
    if not email:
        return {}
    with transaction.atomic():
        for source in _sources.values():
            if source.before_erasure:
                source.before_erasure(email, now)
        changed = {name: source.erase(email, now) for name, source in _sources.items()}
    return {name: count for name, count in changed.items() if count}
