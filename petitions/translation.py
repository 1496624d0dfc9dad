import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Petition


@register(Petition)
class PetitionTranslationOptions(TranslationOptions):
    fields = ("title", "target_title", "text")


# After the translation fields: the historical model then mirrors title_pl, text_ru... as well. The audit trail
# follows what staff edit; the counters move with every signature and are left out.
simple_history.register(Petition, excluded_fields=["signature_count", "paper_signature_count", "updated_at"])
