"""The key that decides whether two email addresses are the same mailbox: one signature per person, one
rate limit per mailbox."""

GMAIL_DOMAINS = {"gmail.com", "googlemail.com"}


def normalise_email(email: str) -> str:
    """Lower-case and trim; drop a "+tag" from the local part for every domain; for Gmail also drop dots.

    Plus-addressing (sub-addressing) delivers `anna+petition@example.org` to `anna@example.org` at nearly
    every large provider, so a tag never makes a second person. Dots are only meaningless at Gmail, whose
    two domains are one mailbox.
    """
    email = (email or "").strip().lower()
    if "@" not in email:
        return email
    local, domain = email.rsplit("@", 1)
    local = local.split("+", 1)[0] or local
    if domain in GMAIL_DOMAINS:
        local = local.replace(".", "")
        domain = "gmail.com"
    return f"{local}@{domain}"
