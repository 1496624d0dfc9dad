"""The public pages the accessibility, phone and page-weight checks visit, with the status each answers."""

from urllib.parse import urlencode


def public_pages(site) -> list[tuple[str, str, int]]:
    """(name, path, status) of every page a supporter can reach without an account."""
    case, campaign, petition = site.case, site.campaign, site.petition
    return [
        ("home", "/", 200),
        ("cases", "/cases/", 200),
        ("case", f"/cases/{case}/", 200),
        ("appeal", f"/cases/{case}/appeal/", 200),
        ("wrote", f"/cases/{case}/wrote/", 200),
        ("message", f"/cases/{case}/message/", 200),
        ("wall", f"/cases/{case}/messages/", 200),
        ("groups", "/groups/", 200),
        ("events", "/events/", 200),
        (
            "events-filtered",
            "/events/?" + urlencode({"country": "PL", "kind": "letter_writing", "free": "on"}),
            200,
        ),
        ("events-none-found", "/events/?" + urlencode({"q": "nothing matches this"}), 200),
        ("event", f"/events/{site.event}/", 200),
        ("petitions", "/petitions/", 200),
        ("petition", f"/petitions/{petition}/", 200),
        ("check-inbox", f"/petitions/{petition}/check-your-inbox/", 200),
        ("confirm", site.confirm_path, 200),
        ("confirm-bad-link", f"/petitions/{petition}/confirm/not-a-token/", 400),
        ("results", "/results/", 200),
        ("campaign-results", f"/results/{campaign}/", 200),
        ("gallery", f"/results/{campaign}/gallery/", 200),
        ("results-embed", f"/results/{campaign}/embed/", 200),
        ("petition-embed", f"/petitions/{petition}/embed/", 200),
        ("events-widget", "/api/widgets/events/?country=PL", 200),
        ("privacy", "/privacy/", 200),
        ("your-data", "/privacy/my-data/", 200),
        ("your-data-sent", "/privacy/my-data/sent/", 200),
        ("your-data-copy", site.data_copy_path, 200),
        ("your-data-erasure", site.data_erasure_path, 200),
        ("your-data-bad-link", "/privacy/my-data/not-a-token/", 400),
        ("unsubscribe-bad-link", "/unsubscribe/not-a-token/", 400),
        ("login", "/accounts/login/", 200),
        ("signup", "/accounts/signup/", 200),
        ("password-reset", "/accounts/password/reset/", 200),
        ("password-reset-sent", "/accounts/password/reset/done/", 200),
        ("not-found", "/no-such-page/", 404),
    ]


def volunteer_pages(site) -> list[tuple[str, str, int]]:
    """Pages of a logged-in volunteer who hosts events."""
    return [
        ("my-events", "/events/mine/", 200),
        ("new-event", "/events/new/", 200),
        ("event-report", f"/events/{site.hosted_past_event}/report/", 200),
        ("event-edit", f"/events/{site.hosted_upcoming_event}/edit/", 200),
        ("event-cancel", f"/events/{site.hosted_upcoming_event}/cancel/", 200),
        ("event-signups", f"/events/{site.hosted_upcoming_event}/signups/", 200),
        ("account-email", "/accounts/email/", 200),
        ("account-password", "/accounts/password/change/", 200),
        ("account-name", "/accounts/name/", 200),
    ]


# The pages a supporter meets first: checked on phones, in three languages, and weighed.
KEY_PAGES = (
    "home",
    "case",
    "appeal",
    "message",
    "events",
    "event",
    "petition",
    "check-inbox",
    "campaign-results",
    "groups",
    "privacy",
    "your-data",
)


def key_pages(site) -> list[tuple[str, str]]:
    return [(name, path) for name, path, _status in public_pages(site) if name in KEY_PAGES]
