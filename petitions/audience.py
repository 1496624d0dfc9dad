"""Supporters of a case who agreed to hear more: confirmed signers who ticked the consent box.

Registered with campaigns.audience, which merges every app's supporters and drops those who opted out.
"""

from campaigns.audience import register_case_audience

from .models import Signature


@register_case_audience("petitions.signers")
def consenting_signers(case):
    return (
        Signature.objects.confirmed()
        .filter(petition__case=case, consent_to_contact=True)
        .exclude(email="")
        .values_list("email", "language")
        .iterator(chunk_size=2000)
    )
