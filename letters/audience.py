"""Letter writers who gave an email address when they said "I've posted it": the form told them it is "only to
thank you and tell you about news of this case", so a case update reaches them as it reaches consenting signers.

Registered with campaigns.audience, which merges every app's supporters and drops those who opted out.
"""

from campaigns.audience import register_case_audience

from .models import AppealLetter


@register_case_audience("letters.appeal_writers")
def letter_writers_who_gave_an_email(case):
    return (
        AppealLetter.objects.filter(case=case, anonymised_at__isnull=True)
        .exclude(email="")
        .exclude(consent_text_version="")
        .values_list("email", "language")
        .iterator(chunk_size=2000)
    )
