"""API test helpers: a group token with its secret, and request headers for it."""

from api.models import GroupToken, Webhook
from tests.factories import LocalGroupFactory


def make_token(group=None, *, name: str = "CRM sync", **fields) -> tuple[GroupToken, str]:
    token = GroupToken(group=group or LocalGroupFactory(), name=name, **fields)
    secret = token.set_new_secret()
    token.save()
    return token, secret


def auth(secret: str, key: str | None = None) -> dict[str, str]:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    if key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return headers


def make_webhook(group, url: str, **fields) -> Webhook:
    return Webhook.objects.create(group=group, url=url, **fields)
