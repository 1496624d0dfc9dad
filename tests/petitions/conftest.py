import pytest

from campaigns.models import Action
from petitions.counters import actual_counts


@pytest.fixture
def assert_counters_match():
    """The denormalised counters equal the rows, and the ledger holds the same net signatures."""

    def check(petition):
        petition.refresh_from_db()
        online, paper = actual_counts(petition)
        assert (petition.signature_count, petition.paper_signature_count) == (online, paper)
        net = dict.fromkeys((Action.Kind.ONLINE_SIGNATURE, Action.Kind.PAPER_SIGNATURE), 0)
        for action in Action.objects.filter(campaign=petition.campaign, case=petition.case):
            net[action.kind] = net.get(action.kind, 0) + action.count
        assert net[Action.Kind.ONLINE_SIGNATURE] == online
        assert net[Action.Kind.PAPER_SIGNATURE] == paper

    return check


@pytest.fixture(autouse=True)
def _emails_leave_at_once(request, monkeypatch):
    """Tests wrapped in one transaction never commit, so after-commit emails would never leave.

    Run the callbacks at once instead; transactional tests (transaction=True) keep the real behaviour.
    """
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        return
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())
