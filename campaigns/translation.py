"""Content entered in several languages in the admin (django-modeltranslation), falling back to English.

Registered before simple_history builds any historical model it would need to mirror: see events/translation.py.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Campaign, Case, CaseUpdate


@register(Campaign)
class CampaignTranslationOptions(TranslationOptions):
    fields = ("name", "slogan", "description")


@register(Case)
class CaseTranslationOptions(TranslationOptions):
    fields = (
        "name",
        "summary",
        "story",
        "authority_salutation",
        "postage_tips",
        "sample_appeal_letter",
        "sample_solidarity_message",
        "message_address",
    )


@register(CaseUpdate)
class CaseUpdateTranslationOptions(TranslationOptions):
    fields = ("title", "body")
