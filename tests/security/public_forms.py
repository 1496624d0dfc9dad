"""Every anonymous form of the public site, with valid data and the rows it writes.

The security sweep and the property-based tests walk this one list, so a new public form is added here once
and gets CSRF, fuzzing and stored-change checks for free.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.core import signing
from django.urls import reverse

from campaigns.models import DataRequest
from events.models import Registration
from letters.models import AppealLetter, SolidarityMessage
from petitions.models import Signature


@dataclass(frozen=True)
class PublicForm:
    name: str
    url: Callable[[dict], str]
    data: Callable[[dict], dict]
    rows: Callable[[], int]  # the rows this form writes, counted
    page: Callable[[dict], str] | None = None  # where the form is shown, when not at its own URL

    def shown_at(self, world: dict) -> str:
        return (self.page or self.url)(world)


def human() -> dict:
    """What a person's browser posts besides the fields: the signed time the form was shown, an empty trap."""
    return {"rendered_at": signing.dumps(time.time() - 30, salt="form-rendered-at"), "website": ""}


def _count(model) -> Callable[[], int]:
    return lambda: model.objects.count()


PUBLIC_FORMS = [
    PublicForm(
        "petition-sign",
        lambda w: reverse("petitions:sign", args=[w["petition"].slug]),
        lambda w: {
            "first_name": "Anna",
            "last_name": "Kowalska",
            "email": "anna@example.org",
            "country": "PL",
            "city": "Poznań",
            **human(),
        },
        _count(Signature),
        page=lambda w: w["petition"].get_absolute_url(),
    ),
    PublicForm(
        "event-signup",
        lambda w: w["event"].get_absolute_url(),
        lambda w: {"name": "Ala", "email": "ala@example.org", "phone": "", "consent": "on", **human()},
        _count(Registration),
    ),
    PublicForm(
        "solidarity-message",
        lambda w: reverse("letters:message", args=[w["case"].slug]),
        lambda w: {
            "first_name": "Minji",
            "country": "KR",
            "body": "You are not alone.",
            "email": "",
            **human(),
        },
        _count(SolidarityMessage),
    ),
    PublicForm(
        "letters-written",
        lambda w: reverse("letters:wrote", args=[w["case"].slug]),
        lambda w: {"count": "3", "country": "FI", **human()},
        _count(AppealLetter),
    ),
    PublicForm(
        "appeal-posted",
        lambda w: reverse("letters:appeal-posted", args=[w["case"].slug]),
        lambda w: {"name": "Kasia", "city": "Poznań", "country": "PL", "email": "", **human()},
        _count(AppealLetter),
        page=lambda w: reverse("letters:appeal", args=[w["case"].slug]),
    ),
    PublicForm(
        "data-request",
        lambda w: reverse("privacy-data"),
        lambda w: {"email": "kasia@example.org", "kind": "export", **human()},
        _count(DataRequest),
    ),
]
