"""Month and weekday names that Django translates, written again in this project's catalogues, which Django reads
before its own (LOCALE_PATHS).

Django's Belarusian spells them the classical way (сьнежня, верасьня, траўня, Чацьвер) while every other
Belarusian text on the site follows the official spelling (снежня, верасня, мая, Чацвер); it also gives the
genitive where the nominative belongs ("сьнежня 2026" for "December 2026") and the nominative where the genitive
belongs ("10 сакавік"). The catalogues of the other languages carry Django's own words for these, unchanged.
Nothing imports this module: it is here for makemessages.
"""

from django.utils.translation import gettext_noop, pgettext_lazy

MONTHS = [
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
]

# "10 December 2026": the form a date needs (Django's format character E).
MONTHS_IN_DATES = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]

WEEKDAYS = [gettext_noop("Thursday")]
