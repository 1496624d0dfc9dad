from django import template

from ..models import Petition

register = template.Library()


@register.inclusion_tag("petitions/includes/_case_panel.html")
def case_petitions(case):
    """A "Sign the petition" panel for each open petition of `case` (nothing when there is none)."""
    petitions = list(Petition.objects.accepting_signatures().filter(case=case).order_by("-opens_at", "-id"))
    return {"petitions": petitions, "case": case}
