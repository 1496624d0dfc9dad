"""Words Django translates, written again in this project's catalogues, which Django reads before its own
(LOCALE_PATHS). Nothing imports this module: it is here for makemessages. For each group below, the languages
not named keep Django's own words, copied into their catalogues unchanged.

* Belarusian months and Thursday. Django spells them the classical way (сьнежня, верасьня, траўня, Чацьвер)
  while every other Belarusian text on the site follows the official spelling (снежня, верасня, мая, Чацвер);
  it also gives the genitive where the nominative belongs ("сьнежня 2026" for "December 2026") and the
  nominative where the genitive belongs ("10 сакавік").
* Belarusian form messages, in the official spelling the rest of the site follows (Django's say "Значэньне
  мусіць быць…", "Набярыце ўвесь лік").
* Spanish form and account messages. The Spanish site speaks to supporters as tú ("Revisa", "Escribe");
  Django's and allauth's Spanish messages say usted ("Introduzca…", "Asegúrese…", "¿Ha olvidado su
  contraseña?"), so a refused form switched voice between the summary and the field.
* Polish, Russian and Belarusian admin titles. These languages decline the object of a verb, and Django's titles
  put the model's name (in the nominative) where the accusative belongs: "Wybierz wiadomość solidarnościowa do
  zmiany", "Добавить партия бумажных подписей". With a colon the name stays in the nominative and reads
  correctly ("Wybierz do zmiany: wiadomość solidarnościowa", "Добавить: партия бумажных подписей"); Django's
  Belarusian titles also use the classical spelling ("зьмяніць"). Spanish ones say tú, as the site does.
"""

from django.utils.translation import gettext_noop, ngettext_lazy, pgettext_lazy

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

FORM_MESSAGES = [
    gettext_noop("Enter a valid email address."),
    gettext_noop("Enter a valid URL."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a valid date/time."),
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
]

# allauth's, on the log-in, sign-up and password pages volunteers use.
ACCOUNT_MESSAGES = [
    gettext_noop("Forgot your password?"),
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop("You must type the same password each time."),
    gettext_noop("Please type your current password."),
]

ADMIN_TITLES = [
    gettext_noop("Select %s to change"),
    gettext_noop("Select %s to view"),
    gettext_noop("Add %s"),
    gettext_noop("Change %s"),
    gettext_noop("View %s"),
    gettext_noop("Add %(name)s"),  # the breadcrumb of an add page
]
