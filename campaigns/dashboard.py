"""The figures a coordinator sees for their groups on the admin index, and staff see side by side.

Each app registers its figures here (the core never imports them). A figure function takes the ids of the
groups to count (None means every group) and returns {group_id: number} from one grouped query, so the
dashboard costs one query per figure however many groups it shows.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.db.models import Sum
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Action
from .permissions import coordinated_group_ids, sees_everything
from .selectors import active_campaign

FigureFunction = Callable[[set[int] | None], dict[int, int]]


@dataclass(frozen=True)
class Figure:
    key: str
    label: str | Promise
    count: FigureFunction
    url_name: str = ""  # an admin changelist to follow, e.g. "admin:events_event_changelist"
    url_query: str = ""  # filters appended to that changelist, e.g. "status__exact=pending"
    needs_review: bool = False
    order: int = 50
    help: str | Promise = ""  # what the number counts, when its name alone could mislead
    # For rows scoped by country rather than group, the user's total cannot be a sum over their groups
    # (two groups in one country would count twice): such figures give the total directly.
    total_for_user: Callable | None = None


_figures: dict[str, Figure] = {}


def register_figure(figure: Figure) -> Figure:
    _figures[figure.key] = figure
    return figure


def figures() -> list[Figure]:
    return sorted(_figures.values(), key=lambda f: (f.order, f.key))


def figures_for(user) -> list[tuple[Figure, int]]:
    """Totals over the groups the user may see (every group for staff)."""
    group_ids = None if sees_everything(user) else coordinated_group_ids(user)
    if group_ids is not None and not group_ids:
        return []
    return [
        (
            figure,
            figure.total_for_user(user) if figure.total_for_user else sum(figure.count(group_ids).values()),
        )
        for figure in figures()
    ]


def figures_by_group(group_ids: set[int] | None) -> dict[str, dict[int, int]]:
    return {figure.key: figure.count(group_ids) for figure in figures()}


def _actions_this_campaign(group_ids: set[int] | None, kinds: tuple[str, ...] = ()) -> dict[int, int]:
    campaign = active_campaign()
    if campaign is None:
        return {}
    rows = Action.objects.filter(campaign=campaign, group__isnull=False)
    if kinds:
        rows = rows.filter(kind__in=kinds)
    if group_ids is not None:
        rows = rows.filter(group_id__in=group_ids)
    return dict(rows.values_list("group_id").annotate(total=Sum("count")).values_list("group_id", "total"))


register_figure(
    Figure(
        key="actions_this_campaign",
        label=_("Actions this campaign"),
        count=_actions_this_campaign,
        url_name="admin:campaigns_action_changelist",
        order=90,
    )
)
# The two numbers a coordinator is asked for most. Sums of the ledger's counts, so no list to open: a list shows
# entries, each counting many signatures or letters.
for order, (key, label, kind, help_text) in enumerate(
    [
        (
            "paper_signatures_this_campaign",
            _("Petition signatures on paper this campaign"),
            Action.Kind.PAPER_SIGNATURE,
            _(
                "Every paper signature counted for the groups shown: the batches and named signatures entered for any "
                "petition, and the tallies the national section recorded. A petition's own page counts its own."
            ),
        ),
        (
            "event_letters_this_campaign",
            _("Letters written at events this campaign"),
            Action.Kind.EVENT_LETTER,
            _("From approved event reports, and the tallies the national section recorded."),
        ),
    ],
    start=91,
):
    register_figure(
        Figure(
            key=key,
            label=label,
            count=partial(_actions_this_campaign, kinds=(kind,)),
            order=order,
            help=help_text,
        )
    )
