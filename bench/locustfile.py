"""The load generator of `make bench`: one user class per scenario, run headless by bench/run.py.

Every user behaves like a browser without JavaScript: it GETs the page (which sets its CSRF cookie and
carries the form's token and signed fill-time stamp), waits like a person filling the form
(BENCH_FORM_SECONDS, longer than the site's FORM_MINIMUM_SECONDS) and POSTs it. What succeeded is written to
BENCH_RECORDS at the end (emails of accepted signatures and sign-ups, confirmed token ids, status codes), so
bench/checks.py can prove that every success left exactly one row.

Configuration (environment): BENCH_SCENARIO picks the user class; BENCH_HOSTS (comma-separated base URLs,
users are spread over them); BENCH_DATA (a JSON file written by `python -m bench.prepare`); BENCH_RECORDS.
"""

import itertools
import json
import os
import random
import re
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path

import gevent
from locust import FastHttpUser, between, constant, constant_pacing, events, task
from locust.exception import StopUser

HOSTS = [h for h in os.environ.get("BENCH_HOSTS", "http://127.0.0.1:8001").split(",") if h]
DATA = json.loads(Path(os.environ["BENCH_DATA"]).read_text()) if os.environ.get("BENCH_DATA") else {}
FORM_SECONDS = float(os.environ.get("BENCH_FORM_SECONDS", "2.2"))
REPEAT_SHARE = float(os.environ.get("BENCH_REPEAT_SHARE", "0.2"))
TIMELINE = os.environ.get("BENCH_TIMELINE") == "1"  # the drill keeps (time, name, status) of every request
# Seconds between the starts of one simulated person's signatures: set, the sign scenario offers a fixed rate
# (users / pacing per second) instead of as many as the server takes.
SIGN_PACING = float(os.environ.get("BENCH_SIGN_PACING", "0"))
# The same for readers: seconds between one reader's requests, so browse_paced offers a fixed rate of pages.
BROWSE_PACING = float(os.environ.get("BENCH_BROWSE_PACING", "0"))

_host_cycle = itertools.count()
_lock = gevent.lock.Semaphore()
RECORDS: dict = {"successes": defaultdict(list), "status": defaultdict(Counter), "timeline": []}

TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RENDERED_RE = re.compile(r'name="rendered_at" value="([^"]+)"')
COUNTRIES = ["PL", "FI", "JP", "PY", "KR", "GB", "FR", "DE", "UA", "CA"]


def _form_fields(html: str) -> dict:
    token, rendered = TOKEN_RE.search(html), RENDERED_RE.search(html)
    if not token or not rendered:
        return {}
    return {"csrfmiddlewaretoken": token.group(1), "rendered_at": rendered.group(1), "website": ""}


def _record(name: str, status: int) -> None:
    RECORDS["status"][name][str(status)] += 1
    if TIMELINE:
        RECORDS["timeline"].append((round(time.time(), 3), name, status))


class BenchUser(FastHttpUser):
    abstract = True
    # Each request of a user goes to one instance; users are spread over the instances (scale-out mode).
    host = HOSTS[0]

    def __init__(self, environment):
        self.host = HOSTS[next(_host_cycle) % len(HOSTS)]
        super().__init__(environment)

    def fetch(self, name: str, path: str, **kwargs):
        """GET or POST with the status recorded; a 5xx (or an unexpected answer) counts as a failure."""
        method = kwargs.pop("method", "GET")
        ok = kwargs.pop("ok", (200,))
        with self.client.request(method, path, name=name, catch_response=True, **kwargs) as response:
            _record(name, response.status_code)
            if response.status_code in ok:
                response.success()
            else:
                response.failure(f"HTTP {response.status_code}")
        return response


def repeated_email(n: int) -> str:
    """A returning signer, written differently each time (case, +tag): one person, so one row."""
    variants = [
        f"repeat{n}@bench.example.org",
        f"Repeat{n}@Bench.Example.org",
        f"repeat{n}+again@bench.example.org",
    ]
    return random.choice(variants)


class SignUser(BenchUser):
    """Scenario 1: open the petition, fill the form for a few seconds, sign; some people sign twice."""

    wait_time = constant_pacing(SIGN_PACING) if SIGN_PACING else constant(0)

    @task
    def sign(self):
        slug = DATA["petition"]
        page = self.fetch("sign: petition page", f"/petitions/{slug}/")
        fields = _form_fields(page.text or "")
        if not fields:
            return
        gevent.sleep(FORM_SECONDS)
        if random.random() < REPEAT_SHARE:
            email = repeated_email(random.randrange(300))
        else:
            email = f"s-{uuid.uuid4().hex[:16]}@bench.example.org"
        fields |= {
            "first_name": "Anna",
            "last_name": "Nowak",
            "email": email,
            "country": random.choice(COUNTRIES),
            "city": "Poznań",
            "show_first_name": "on",
        }
        response = self.fetch(
            "sign: POST",
            f"/petitions/{slug}/sign/",
            method="POST",
            data=fields,
            ok=(302,),
            allow_redirects=False,
        )
        if response.status_code == 302 and "check-your-inbox" in response.headers.get("Location", ""):
            RECORDS["successes"]["signatures"].append(email)


_tokens = iter(DATA.get("tokens", []))


class ConfirmUser(BenchUser):
    """Scenario 2: people click the link in their email and press "Confirm" — each link twice, at once."""

    wait_time = constant(0)

    @task
    def confirm(self):
        try:
            signature_id, token = next(_tokens)
        except StopIteration:
            raise StopUser() from None
        path = f"/petitions/{DATA['petition']}/confirm/{token}/"
        page = self.fetch("confirm: page", path)
        match = TOKEN_RE.search(page.text or "")
        if not match:
            return
        response = self.fetch(
            "confirm: POST", path, method="POST", data={"csrfmiddlewaretoken": match.group(1)}
        )
        if response.status_code == 200:
            RECORDS["successes"]["confirmations"].append(signature_id)


class BrowseUser(BenchUser):
    """Scenario 3: the event list with filters and pagination over every upcoming event, and event pages."""

    wait_time = constant_pacing(BROWSE_PACING) if BROWSE_PACING else between(0, 0.2)

    @task(3)
    def event_list(self):
        params = random.choice(
            [
                {},
                {"page": random.randint(1, 400)},
                {"country": random.choice(["PL", "FI", "JP", "PY", "KR"])},
                {"country": "PL", "page": random.randint(1, 50)},
                {"kind": random.choice(["lantern_workshop", "candle_vigil", "letter_writing"])},
                {"free": "on", "country": random.choice(["GB", "IT", "SE"])},
                {"date_from": "2030-01-01"},
                {"q": random.choice(["lantern", "Poznań", "vigil"])},
                {"case": DATA.get("case", "ales-bialiatski"), "page": random.randint(1, 20)},
            ]
        )
        self.fetch("browse: /events/", "/events/", params=params)

    @task(2)
    def event_page(self):
        self.fetch("browse: event page", f"/events/bench-{random.randrange(DATA.get('events', 1000))}/")


class ResultsUser(BenchUser):
    """Scenario 4: the results page and its JSON (no cache in front: every request reaches Django)."""

    wait_time = between(0, 0.1)

    @task(2)
    def page(self):
        self.fetch("results: page", f"/results/{DATA['campaign']}/")

    @task(3)
    def json(self):
        self.fetch("results: JSON", f"/results/{DATA['campaign']}.json")


class SeatsUser(BenchUser):
    """Scenario 5: hundreds of people try to take one of the last 50 seats at once; each tries once."""

    wait_time = constant(0)

    @task
    def sign_up(self):
        path = f"/events/{DATA['seats_event']}/"
        page = self.fetch("seats: event page", path)
        fields = _form_fields(page.text or "")
        if fields:
            gevent.sleep(FORM_SECONDS)
            email = f"seat-{uuid.uuid4().hex[:16]}@bench.example.org"
            fields |= {"name": "Jan Kowalski", "email": email, "consent": "on"}
            response = self.fetch(
                "seats: POST", path, method="POST", data=fields, ok=(302,), allow_redirects=False
            )
            if response.status_code == 302:
                RECORDS["successes"]["registrations"].append(email)
        raise StopUser()


class BaselineUser(BenchUser):
    """Scenario 6: the ceiling of this stack: one INSERT and a two-byte answer, same server, same middleware."""

    wait_time = constant(0)

    @task
    def baseline(self):
        self.fetch("baseline: POST", "/bench/baseline/", method="POST", data={})


class DrillUser(SignUser):
    """The database-down drill: signing (writes) mixed with event pages (reads) while PostgreSQL stops."""

    @task(2)
    def event_page(self):
        self.fetch(
            "drill: event page", f"/events/bench-{random.randrange(DATA.get('events', 1000))}/", ok=(200, 503)
        )


@events.quitting.add_listener
def _write_records(environment, **kwargs):
    path = os.environ.get("BENCH_RECORDS")
    if not path:
        return
    with _lock, open(path, "w") as out:
        json.dump(
            {
                "successes": dict(RECORDS["successes"]),
                "status": {name: dict(counts) for name, counts in RECORDS["status"].items()},
                "timeline": RECORDS["timeline"],
            },
            out,
        )
