import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Event, PendingEvent


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(PendingEvent)
class PendingEventTranslationOptions(TranslationOptions):
    """The review queue is a proxy of Event: same columns, registered so its admin gets the same fields."""

    fields = ()


# After the translation fields, so the historical model mirrors title_pl, description_ru... as well.
simple_history.register(
    Event, excluded_fields=["updated_at", "search_text", "city_folded", "report_reminder_sent_at"]
)
