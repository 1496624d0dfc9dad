"""The benchmark's verdicts (bench/checks.py) catch what they are for; the benchmark itself is not a test."""

from collections import Counter

from bench import checks


def _by_name(results):
    return {r["check"]: r for r in results}


def test_signature_checks_pass_when_every_accepted_person_has_one_row():
    accepted = ["anna@example.org", "Anna+again@Example.org", "jan@example.org"]
    results = _by_name(
        checks.signature_checks(
            accepted=accepted,
            rows=Counter({"anna@example.org": 1, "jan@example.org": 1}),
            counter=2,
            confirmed_rows=2,
        )
    )
    assert all(r["ok"] for r in results.values())
    assert "3 accepted answers from 2 people, 0 without a row" in results["no lost signature"]["detail"]


def test_signature_checks_catch_a_lost_row_a_duplicate_and_a_drifting_counter():
    results = _by_name(
        checks.signature_checks(
            accepted=["anna@example.org", "lost@example.org"],
            rows=Counter({"anna@example.org": 2}),
            counter=5,
            confirmed_rows=4,
        )
    )
    assert not results["no lost signature"]["ok"]
    assert "lost@example.org" in results["no lost signature"]["detail"]
    assert not results["no duplicate (petition, normalised email)"]["ok"]
    assert not results["counter equals confirmed rows"]["ok"]


def test_seat_checks_catch_an_overbooked_event_and_a_lost_sign_up():
    results = _by_name(
        checks.seat_checks(
            capacity=50,
            confirmed=51,
            accepted=["a@example.org", "B@example.org"],
            rows=Counter({"a@example.org": 1}),
        )
    )
    assert not results["exactly 50 confirmed for 50 seats"]["ok"]
    assert not results["every accepted sign-up has exactly one row"]["ok"]
    ok = checks.seat_checks(
        capacity=50, confirmed=50, accepted=["B@example.org"], rows=Counter({"b@example.org": 1})
    )
    assert all(r["ok"] for r in ok)


def test_server_error_check_counts_5xx_and_allows_the_drills_503():
    status = {"sign: POST": {"302": 10, "503": 2}, "browse": {"200": 5, "500": 1}}
    assert not checks.server_error_check(status)["ok"]
    assert checks.server_error_check(status)["detail"] == "2 × 503, 1 × 500"
    assert not checks.server_error_check(status, allowed=[503])["ok"]
    assert checks.server_error_check({"sign: POST": {"302": 3, "503": 1}}, allowed=[503])["ok"]


def test_confirmation_and_rollup_checks():
    assert checks.confirmation_checks(confirmed_ids=[1, 1, 2], still_pending=[])[0]["ok"]
    assert not checks.confirmation_checks(confirmed_ids=[1], still_pending=[1])[0]["ok"]
    assert checks.rollup_check(ledger_total=10, rollup_total=10, waited=2)["ok"]
    assert not checks.rollup_check(ledger_total=10, rollup_total=9, waited=60)["ok"]


def test_email_queue_check_fails_while_emails_wait_or_when_one_failed():
    assert checks.email_queue_check(waiting=0, sent=1200, failed=0, waited=12)["ok"]
    assert not checks.email_queue_check(waiting=40, sent=1160, failed=0, waited=600)["ok"]
    stuck = checks.email_queue_check(waiting=0, sent=1199, failed=1, waited=12)
    assert not stuck["ok"]
    assert "1199 sent, 0 still waiting, 1 failed" in stuck["detail"]
