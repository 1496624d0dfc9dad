"""The benchmark's verdicts: pure functions over what the load generator saw and what the database holds.

Kept apart from any I/O so the tests can show each check catches what it is for (a lost row, a duplicate,
a drifting counter, an overbooked event, a 5xx).
"""

from collections import Counter
from collections.abc import Iterable

from campaigns.mailboxes import normalise_email


def check(name: str, ok: bool, detail: str) -> dict:
    return {"check": name, "ok": bool(ok), "detail": detail}


def lost_and_duplicated(
    accepted: Iterable[str], rows: Counter, *, normalise=normalise_email
) -> tuple[list, list]:
    """Addresses accepted with a success answer that have no row, and (normalised) keys with more than one.

    `rows` counts rows per stored key (the normalised email for signatures, the lower-cased email for
    sign-ups); one person may have been accepted several times, which still makes one row.
    """
    wanted = {normalise(email) for email in accepted}
    lost = sorted(key for key in wanted if rows.get(key, 0) == 0)
    duplicated = sorted(key for key, n in rows.items() if n > 1)
    return lost, duplicated


def signature_checks(*, accepted: list[str], rows: Counter, counter: int, confirmed_rows: int) -> list[dict]:
    lost, duplicated = lost_and_duplicated(accepted, rows)
    people = len({normalise_email(e) for e in accepted})
    return [
        check(
            "no lost signature",
            not lost,
            f"{len(accepted)} accepted answers from {people} people, {len(lost)} without a row"
            + (f" (e.g. {lost[:3]})" if lost else ""),
        ),
        check(
            "no duplicate (petition, normalised email)",
            not duplicated,
            f"{len(duplicated)} addresses with more than one row"
            + (f" (e.g. {duplicated[:3]})" if duplicated else ""),
        ),
        check(
            "counter equals confirmed rows",
            counter == confirmed_rows,
            f"signature_count {counter}, confirmed online rows {confirmed_rows}",
        ),
    ]


def confirmation_checks(*, confirmed_ids: list[int], still_pending: list[int]) -> list[dict]:
    return [
        check(
            "every confirmation answered 200 is confirmed",
            not still_pending,
            f"{len(set(confirmed_ids))} signatures confirmed by the load, {len(still_pending)} still pending",
        )
    ]


def seat_checks(*, capacity: int, confirmed: int, accepted: list[str], rows: Counter) -> list[dict]:
    lost, duplicated = lost_and_duplicated(accepted, rows, normalise=str.lower)
    return [
        check(
            f"exactly {capacity} confirmed for {capacity} seats",
            confirmed == capacity,
            f"{confirmed} confirmed",
        ),
        check(
            "every accepted sign-up has exactly one row",
            not lost and not duplicated,
            f"{len(accepted)} accepted, {len(lost)} without a row, {len(duplicated)} with more than one",
        ),
    ]


def rollup_check(*, ledger_total: int, rollup_total: int, waited: float) -> dict:
    return check(
        "results rollups equal the ledger (after the rollup delay)",
        ledger_total == rollup_total,
        f"ledger {ledger_total}, rollups {rollup_total}, after {waited:.0f} s",
    )


def email_queue_check(*, waiting: int, sent: int, failed: int, waited: float) -> dict:
    """The emails a burst queued (one per signature) all leave once it is over: the queue absorbs, loses none."""
    return check(
        "every email queued in the sign burst was sent after it",
        waiting == 0 and failed == 0,
        f"{sent} sent, {waiting} still waiting, {failed} failed; the queue was empty {waited:.0f} s after the burst",
    )


def server_error_check(status: dict[str, dict[str, int]], *, allowed: Iterable[int] = ()) -> dict:
    """No 5xx answer in any scenario (the drill allows 503, the friendly page, while the database is down)."""
    allowed = {str(code) for code in allowed}
    errors = Counter()
    for counts in status.values():
        for code, n in counts.items():
            if code.startswith("5") and code not in allowed:
                errors[code] += n
    return check("no 5xx", not errors, ", ".join(f"{n} × {code}" for code, n in errors.items()) or "none")
