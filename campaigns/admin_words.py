"""Django admin's page titles, written again in this project's catalogues, which Django reads before its own
(LOCALE_PATHS).

Polish declines the object of a verb, and Django's Polish titles put the model's name (in the nominative) where
the accusative belongs: "Wybierz wiadomość solidarnościowa do zmiany", "Dodaj partia podpisów papierowych". With
a colon the name stays in the nominative and reads correctly ("Wybierz do zmiany: wiadomość solidarnościowa").
The catalogues of the other languages carry Django's own words for these, unchanged.
Nothing imports this module: it is here for makemessages.
"""

from django.utils.translation import gettext_noop

TITLES = [
    gettext_noop("Select %s to change"),
    gettext_noop("Select %s to view"),
    gettext_noop("Add %s"),
    gettext_noop("Change %s"),
    gettext_noop("View %s"),
]
