"""Text as people read and type it: without regard to case or accents, and in the order of their alphabet."""

import unicodedata

from django.utils import translation

# Letters with no decomposition into a base letter and a mark.
PLAIN_LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"}
)

# Cyrillic letters whose code points lie outside the Russian run а–я, put where their alphabets put them:
# Belarusian and Ukrainian і where и stands, є and ї beside е and и, ґ beside г.
CYRILLIC_PLACES = str.maketrans({"і": "и", "ї": "и", "є": "е", "ґ": "г"})


def has_visible_text(text: str) -> bool:
    """Whether `text` shows anything: not only spaces, line breaks, zero-width or other invisible characters
    (U+200B, U+2060, U+FEFF…), which Python's strip() keeps."""
    return any(unicodedata.category(char)[0] not in "CZ" for char in text)


# What no person's name holds: markup and formula characters, and symbols (emoji, maths, currency, private use).
NOT_IN_NAMES = set("<>{}[]\\/@=;")
SYMBOL_CATEGORIES = {"So", "Sm", "Sc", "Sk", "Co", "Cs"}


def is_a_name(text: str) -> bool:
    """Whether `text` could be a person's name (or city) as people write them, in any script: letters, marks,
    spaces, hyphens, apostrophes, dots; not "😀" or "<script>", which the emails and lists greet them with."""
    return not NOT_IN_NAMES & set(text) and not any(
        ord(char) < 32 or unicodedata.category(char) in SYMBOL_CATEGORIES for char in text
    )


def folded(text: str) -> str:
    """Lower case, without accents or other marks: "Łódź" and "LODZ" both read "lodz"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(PLAIN_LETTERS))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# Letters an alphabet counts as letters of their own, after their base letter: Polish "Łotwa" comes after every
# other word in L ("Luksemburg"), where French and Spanish "é" only breaks a tie with "e". AFTER sorts after every
# letter, so "l" + AFTER falls between "lz…" and "m".
AFTER = "\uffff"
LETTERS_OF_THEIR_OWN = {
    "pl": {"ą": "a", "ć": "c", "ę": "e", "ł": "l", "ń": "n", "ó": "o", "ś": "s", "ź": "z", "ż": "z" + AFTER},
    "be": {"ў": "у"},
    "es": {"ñ": "n"},
}


def alphabetical(text: str, language: str | None = None) -> tuple[str, str]:
    """A sort key that follows the alphabet of the language (by default the active one) rather than code points:
    "Bélgica" before "Bulgaria", "République tchèque" before "Russie", Belarusian "Аўстрыя" before "Ірландыя"
    (code points put É after every plain letter, and І before А), Polish "Luksemburg" before "Łotwa". Ties are
    broken by the text itself, so the order is stable."""
    own = LETTERS_OF_THEIR_OWN.get((language or translation.get_language() or "").split("-")[0], {})
    lowered = text.casefold()
    if own:
        lowered = "".join(own[char] + AFTER if char in own else char for char in lowered)
    return folded(lowered).translate(CYRILLIC_PLACES), text
