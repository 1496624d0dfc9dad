"""Django's own form messages, written again in this project's catalogues, which Django reads before its own
(LOCALE_PATHS).

The Spanish site speaks to supporters as tú ("Revisa", "Escribe"); Django's Spanish messages say usted
("Introduzca…", "Asegúrese…"), so a refused form switched voice between the summary and the field. The catalogues
of the other languages carry Django's own words for these, unchanged (their voice already matches the site's).
Nothing imports this module: it is here for makemessages.
"""

from django.utils.translation import gettext_noop

MESSAGES = [
    gettext_noop("Enter a valid email address."),
    gettext_noop("Enter a valid URL."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a valid date/time."),
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
]
