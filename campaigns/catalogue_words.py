"""Words Django translates, written again in this project's catalogues, which Django reads before its own
(LOCALE_PATHS). Nothing imports this module: it is here for makemessages. For each group below, the languages
not named keep Django's own words, copied into their catalogues unchanged.

* Belarusian months (and December's three letters) and Thursday. Django spells them the classical way
  (сьнежня, верасьня, траўня, Чацьвер, сьн) while every other Belarusian text on the site follows the official
  spelling (снежня, верасня, мая, Чацвер, сне);
  it also gives the genitive where the nominative belongs ("сьнежня 2026" for "December 2026") and the
  nominative where the genitive belongs ("10 сакавік").
* Belarusian form messages, in the official spelling the rest of the site follows (Django's say "Значэньне
  мусіць быць…", "Набярыце ўвесь лік").
* Spanish form and account messages. The Spanish site speaks to supporters as tú ("Revisa", "Escribe");
  Django's and allauth's Spanish messages say usted ("Introduzca…", "Asegúrese…", "¿Ha olvidado su
  contraseña?"), so a refused form switched voice between the summary and the field.
* allauth's account pages and emails (sign-up, confirmation, log-out, password reset and change, email
  addresses): allauth ships no Belarusian catalogue, so a Belarusian volunteer read "Password (again)",
  "Successfully signed in as…" and an English confirmation email. Belarusian is written here; Polish, Russian and
  French copy allauth's own words; Spanish says tú, as the site does.
* The back office's messages a coordinator meets most (saved, "correct the errors below", the greeting): Spanish
  with tú, Belarusian in the official spelling.
* Form messages Django REST framework also translates. Its catalogue comes before Django's (an installed app's
  does), so its wording won on every form of the site: Spanish "Este campo es requerido." and usted ("Adjunte una
  imagen válida…", with a typo in "vació"). Spanish says tú; the other languages copy Django's own words
  (Belarusian's image message is written anew: Django's says "Запампаваць чынны малюнак").
* Polish, Russian and Belarusian admin titles. These languages decline the object of a verb, and Django's titles
  put the model's name (in the nominative) where the accusative belongs: "Wybierz wiadomość solidarnościowa do
  zmiany", "Добавить партия бумажных подписей". With a colon the name stays in the nominative and reads
  correctly ("Wybierz do zmiany: wiadomość solidarnościowa", "Добавить: партия бумажных подписей"); Django's
  Belarusian titles also use the classical spelling ("зьмяніць"). Spanish ones say tú, as the site does. French
  ones take the colon too: Django's "Modification de %s" gave "Modification de événement", unelided.
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

# A month in three letters (Django's format character b, the results charts' axis): Belarusian "сьн" for "сне".
MONTHS_SHORT = [gettext_noop("dec")]

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


# The rest of allauth's words on the pages and in the emails of a volunteer's account (sign-up, e-mail confirmation,
# log-out, password reset and change, e-mail addresses): allauth has no Belarusian catalogue, so these are
# translated here; other languages copy allauth's own translations.
ACCOUNT_PAGES = [
    gettext_noop("Password Reset"),
    gettext_noop("This account is currently inactive."),
    gettext_noop("You cannot remove your primary email address."),
    gettext_noop("This email address is already associated with this account."),
    gettext_noop("A user is already registered with this email address."),
    gettext_noop("Incorrect password."),
    gettext_noop("Invalid or expired key."),
    gettext_noop("Invalid login."),
    gettext_noop("The password reset token was invalid."),
    gettext_noop("You cannot add more than %d email addresses."),
    gettext_noop("The email address is not assigned to any user account."),
    gettext_noop("Your primary email address must be verified."),
    gettext_noop("Please select only one."),
    gettext_noop("The new value must be different from the current one."),
    gettext_noop("Be patient, you are sending too many requests."),
    gettext_noop("Password"),
    gettext_noop("Remember Me"),
    gettext_noop("Email (again)"),
    gettext_noop("Email address confirmation"),
    gettext_noop("You must type the same email each time."),
    gettext_noop("Password (again)"),
    gettext_noop("Current Password"),
    gettext_noop("New Password"),
    gettext_noop("New Password (again)"),
    gettext_noop("Account Inactive"),
    gettext_noop("This account is inactive."),
    gettext_noop("Email Addresses"),
    gettext_noop("The following email addresses are associated with your account:"),
    gettext_noop("Verified"),
    gettext_noop("Unverified"),
    gettext_noop("Primary"),
    gettext_noop("Make Primary"),
    gettext_noop("Re-send Verification"),
    gettext_noop("Add Email Address"),
    gettext_noop("Add Email"),
    gettext_noop("Do you really want to remove the selected email address?"),
    gettext_noop(
        "You are receiving this email because you or someone else tried to signup for an\naccount using email address:\n\n%(email)s\n\nHowever, an account using that email address already exists.  In case you have\nforgotten about this, please use the password forgotten procedure to recover\nyour account:\n\n%(password_reset_url)s"
    ),
    gettext_noop("Account Already Exists"),
    gettext_noop("You are receiving this mail because the following change was made to your account:"),
    gettext_noop(
        "If you do not recognize this change then please take proper security precautions immediately. The change to your account originates from:\n\n- IP address: %(ip)s\n- Browser: %(user_agent)s\n- Date: %(timestamp)s"
    ),
    gettext_noop("Your email has been changed from %(from_email)s to %(to_email)s."),
    gettext_noop("Email Changed"),
    gettext_noop("Your email has been confirmed."),
    gettext_noop("Email Confirmation"),
    gettext_noop(
        "You're receiving this email because user %(user_display)s has given your email address to register an account on %(site_domain)s."
    ),
    gettext_noop("To confirm this is correct, go to %(activate_url)s"),
    gettext_noop("Please Confirm Your Email Address"),
    gettext_noop("Email address %(deleted_email)s has been removed from your account."),
    gettext_noop("Email Removed"),
    gettext_noop("Your password has been changed."),
    gettext_noop("Password Changed"),
    gettext_noop(
        "You're receiving this email because you or someone else has requested a password reset for your user account.\nIt can be safely ignored if you did not request a password reset. Click the link below to reset your password."
    ),
    gettext_noop("Password Reset Email"),
    gettext_noop("Your password has been reset."),
    gettext_noop("Your password has been set."),
    gettext_noop("Password Set"),
    gettext_noop(
        "You are receiving this email because you, or someone else, tried to access an account with email %(email)s. However, we do not have any record of such an account in our database."
    ),
    gettext_noop("If it was you, you can sign up for an account using the link below."),
    gettext_noop("Unknown Account"),
    gettext_noop("Confirm Email Address"),
    gettext_noop(
        'Please confirm that <a href="mailto:%(email)s">%(email)s</a> is an email address for user %(user_display)s.'
    ),
    gettext_noop("Unable to confirm %(email)s because it is already confirmed by a different account."),
    gettext_noop(
        'This email confirmation link expired or is invalid. Please <a href="%(email_url)s">issue a new email confirmation request</a>.'
    ),
    gettext_noop("If you have not created an account yet, then please %(link)ssign up%(end_link)s first."),
    gettext_noop("Sign Out"),
    gettext_noop("Are you sure you want to sign out?"),
    gettext_noop("You cannot remove your primary email address (%(email)s)."),
    gettext_noop("Confirmation email sent to %(email)s."),
    gettext_noop("You have confirmed %(email)s."),
    gettext_noop("Removed email address %(email)s."),
    gettext_noop("Successfully signed in as %(name)s."),
    gettext_noop("You have signed out."),
    gettext_noop("Password successfully changed."),
    gettext_noop("Password successfully set."),
    gettext_noop("Primary email address set."),
    gettext_noop("Change Password"),
    gettext_noop(
        "Forgotten your password? Enter your email address below, and we'll send you an email allowing you to reset it."
    ),
    gettext_noop("Reset My Password"),
    gettext_noop("Please contact us if you have any trouble resetting your password."),
    gettext_noop(
        "We have sent you an email. If you have not received it please check your spam folder. Otherwise contact us if you do not receive it in a few minutes."
    ),
    gettext_noop("Bad Token"),
    gettext_noop(
        'The password reset link was invalid, possibly because it has already been used.  Please request a <a href="%(passwd_reset_url)s">new password reset</a>.'
    ),
    gettext_noop("Your password is now changed."),
    gettext_noop("Set Password"),
    gettext_noop("Enter your password:"),
    gettext_noop("Signup"),
    gettext_noop("Sign Up"),
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
    gettext_noop("Verify Your Email Address"),
    gettext_noop(
        "We have sent an email to you for verification. Follow the link provided to finalize the signup process. If you do not see the verification email in your main inbox, check your spam folder. Please contact us if you do not receive the verification email within a few minutes."
    ),
    gettext_noop(
        "This part of the site requires us to verify that\nyou are who you claim to be. For this purpose, we require that you\nverify ownership of your email address. "
    ),
    gettext_noop(
        "We have sent an email to you for\nverification. Please click on the link inside that email. If you do not see the verification email in your main inbox, check your spam folder. Otherwise\ncontact us if you do not receive it within a few minutes."
    ),
    gettext_noop(
        '<strong>Note:</strong> you can still <a href="%(email_url)s">change your email address</a>.'
    ),
    # Asking for the password again before a change to the account, and the reset page opened while logged in.
    gettext_noop("Confirm Access"),
    gettext_noop("Please reauthenticate to safeguard your account."),
    gettext_noop("Confirm"),
    gettext_noop("Alternative options"),
    gettext_noop("Send me a sign-in code"),
    gettext_noop("You are already logged in as %(user_display)s."),
]

# Django's password rules under the sign-up and new-password fields: its Belarusian ones are in the classical
# spelling ("ня можа"), its Spanish ones say usted.
PASSWORD_RULES = [
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
]

# The back office's own messages a coordinator meets most: Django's Spanish says usted ("Por favor, corrija…",
# "Puede editarlo…") and greets "Bienvenidos," whoever logs in; its Polish and Russian ones guess the saved
# object's gender ("został(a)(-ło) dodany(-na)(-ne)", "Партия … был успешно добавлен"), so they name it after a
# colon, as the titles do.
ADMIN_MESSAGES = [
    gettext_noop("Welcome,"),
    ngettext_lazy("Please correct the error below.", "Please correct the errors below.", "count"),
    gettext_noop("You may edit it again below."),
    gettext_noop("The {name} “{obj}” was added successfully."),
    gettext_noop("The {name} “{obj}” was changed successfully."),
    gettext_noop("The %(name)s “%(obj)s” was deleted successfully."),
    gettext_noop("The {name} “{obj}” was added successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may edit it again below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may add another {name} below."),
    gettext_noop("Select this object for an action - {}"),
    gettext_noop("Select all objects on this page for an action"),
    gettext_noop("Start typing to filter…"),
    gettext_noop("Hold down “Control”, or “Command” on a Mac, to select more than one."),
    gettext_noop(
        "Please enter the correct %(username)s and password for a staff account. Note that both fields may be "
        "case-sensitive."
    ),
]

# Translated by Django REST framework too, whose catalogue would otherwise win over Django's.
FORM_MESSAGES_ALSO_IN_THE_API = [
    gettext_noop("This field is required."),
    gettext_noop("The submitted file is empty."),
    gettext_noop("No file was submitted."),
    gettext_noop("Upload a valid image. The file you uploaded was either not an image or a corrupted image."),
]

# The back office's frame, in the official Belarusian spelling the rest of the site follows (Django's says
# "Зьмяніць пароль", "Дзеяньне:", "Выйсьці", "Прасеяць"); the other languages keep Django's words. "Add another"
# names the model after a colon, as the titles do ("Добавить еще один Письма по делу").
ADMIN_FRAME = [
    gettext_noop("Change password"),
    gettext_noop("Change"),
    gettext_noop("Change:"),
    gettext_noop("Currently:"),
    gettext_noop("Action:"),
    gettext_noop("Filter"),
    gettext_noop("Clear all filters"),
    gettext_noop("My actions"),
    gettext_noop("Log out"),
    gettext_noop("%(full_result_count)s total"),
    gettext_noop("Add another %(verbose_name)s"),
]
