"""What people agreed to, by version.

Every stored consent names a version registered here, so the privacy page and a person's data export can show
the very words they agreed to. A form's wording and its version live together in the app that owns the form:
to change the words, register a new version (stored consents keep pointing at the old one).
"""

from django.utils.functional import Promise

_texts: dict[str, Promise | str] = {}


def register_consent_text(version: str, text: Promise | str) -> str:
    """Register the wording of a consent under `version` and return the version (to store with the consent)."""
    if _texts.get(version, text) != text:
        raise ValueError(f"Consent version {version!r} is already registered with other words.")
    _texts[version] = text
    return version


def consent_text(version: str) -> str:
    """The words of a stored consent, in the active language ("" for an unknown or empty version)."""
    return str(_texts.get(version, ""))


def consent_versions() -> dict[str, Promise | str]:
    return dict(sorted(_texts.items()))
