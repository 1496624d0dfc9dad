"""`make bench`, `make bench-scaleout` and `make drill-db`: start Marathon the production way and load it.

    python -m bench.run                  one gunicorn instance (BENCH_WORKERS workers) + one task worker
    python -m bench.run --scaleout       two gunicorn instances + a separate worker, one PostgreSQL, one Redis
    python -m bench.run --drill-db       signing under load while PostgreSQL stops and starts again
    BENCH_QUICK=1 python -m bench.run    small data and short scenarios, to try it out
    BENCH_PROFILE=1 python -m bench.run  also record each scenario with py-spy (app servers and worker)
    BENCH_SCENARIOS=sign python -m bench.run   only the scenarios named (comma-separated)

Everything runs on loopback: a throw-away PostgreSQL cluster this script creates (bench/pg.py, never the
machine's shared server), Redis (the one on 127.0.0.1:6379 if it answers, database BENCH_REDIS_DB, else a
private redis-server), gunicorn, the task worker, and locust headless as the load generator. It prints per
scenario throughput, p50/p95/p99 latency and errors, then the checks, and writes the same as JSON under
bench-results/. Settings it changes from production defaults, and why, are listed in SETTINGS_NOTES.
"""

import argparse
import contextlib
import csv
import datetime as dt
import json
import os
import platform
import resource
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

from bench import checks
from bench.pg import ThrowAwayPostgres
from bench.summary import cpu_per_operation, throughput

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
QUICK = os.environ.get("BENCH_QUICK") == "1"
PROFILE = os.environ.get("BENCH_PROFILE") == "1"
# BENCH_SCENARIOS=sign,browse runs only those; default all. `sign` includes sign_paced, `browse` browse_paced.
SCENARIO_NAMES = ("baseline", "sign", "confirm", "browse", "results", "seats")
ONLY = {name.strip() for name in os.environ.get("BENCH_SCENARIOS", "").split(",") if name.strip()}


def wanted(scenario: str) -> bool:
    return not ONLY or scenario in ONLY


PROFILE_DIR = ROOT / "bench-results" / f"profiles-{dt.datetime.now():%Y%m%d-%H%M%S}"


def _int(name: str, full: int, quick: int) -> int:
    return int(os.environ.get(name, quick if QUICK else full))


SIZES = {
    "events": _int("BENCH_EVENTS", 100_000, 3_000),
    "signatures": _int("BENCH_SIGNATURES", 200_000, 20_000),
    "actions_small": _int("BENCH_ACTIONS_SMALL", 10_000, 10_000),
    "actions": _int("BENCH_ACTIONS", 10_000_000, 300_000),
}
DURATION = _int("BENCH_DURATION", 60, 15)  # seconds per timed scenario
WORKERS = _int("BENCH_WORKERS", 3, 3)  # gunicorn worker processes per instance
THREADS = _int("BENCH_THREADS", 4, 4)  # threads per worker (gthread)
USERS = {
    "baseline": _int("BENCH_BASELINE_USERS", 40, 20),
    "sign": _int("BENCH_SIGN_USERS", 500, 200),
    "confirm": _int("BENCH_CONFIRM_USERS", 40, 20),
    "browse": _int("BENCH_BROWSE_USERS", 40, 20),
    "results": _int("BENCH_RESULTS_USERS", 40, 20),
    "seats": _int("BENCH_SEATS_USERS", 400, 200),
    "drill": _int("BENCH_DRILL_USERS", 150, 150),
}
SIGN_RATE = _int(
    "BENCH_SIGN_RATE", 150, 150
)  # signatures a second offered in sign_paced (the target)
BROWSE_RATE = _int("BENCH_BROWSE_RATE", 50, 50)  # pages a second offered in browse_paced
CONFIRM_TOKENS = _int("BENCH_CONFIRM_TOKENS", 6_000, 1_000)
PG_PORT = int(os.environ.get("BENCH_PG_PORT", "5433"))
REDIS_DB = int(os.environ.get("BENCH_REDIS_DB", "5"))
BASE_PORT = int(os.environ.get("BENCH_PORT", "8001"))
ROLLUP_WAIT = 60  # seconds the checks wait at most for the rollup job (its delay is 5 s plus polling)
EMAIL_WAIT = 600  # seconds the checks wait at most for the emails a burst queued to leave

SETTINGS_NOTES = [
    "DEBUG=0, a random SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, CSRF on, whitenoise serving collected static files",
    "SECURE_SSL_REDIRECT=0 and non-secure cookies: plain http on loopback (a proxy terminates TLS in production)",
    "RATE_LIMIT_PUBLIC_FORMS and RATE_LIMIT_PER_EMAIL raised to 1000000/m: all load comes from one address, and "
    "returning signers reuse addresses on purpose; the limits still run (a Redis round-trip per POST)",
    "FORM_MINIMUM_SECONDS stays 2: simulated people wait BENCH_FORM_SECONDS (2.2 s) between page and POST",
    "EMAIL_URL=dummymail://: emails are rendered, queued and sent by the worker to a backend that drops them",
    "BENCHMARK=1 routes the baseline probe /bench/baseline/",
]


class Stack:
    """The processes of one run; stopped in reverse order, each by its own process group."""

    def __init__(self, workdir: Path, scaleout: bool, tasks_backend: str):
        self.workdir = workdir
        self.scaleout = scaleout
        self.tasks_backend = tasks_backend
        self.processes: list[tuple[str, subprocess.Popen]] = []
        self.pg = ThrowAwayPostgres(PG_PORT, keep=os.environ.get("BENCH_KEEP_PG") == "1")
        self.redis_url = ""
        self.ports = [BASE_PORT, BASE_PORT + 1] if scaleout else [BASE_PORT]
        self.peak_rss: dict[str, int] = {}
        self._monitor_stop = threading.Event()

    # --- environment -------------------------------------------------------------------------------
    def env(self) -> dict:
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="marathon.settings",
            DEBUG="0",
            SECRET_KEY=self.secret,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            SITE_URL=f"http://127.0.0.1:{self.ports[0]}",
            SECURE_SSL_REDIRECT="0",
            SESSION_COOKIE_SECURE="0",
            CSRF_COOKIE_SECURE="0",
            SECURE_HSTS_SECONDS="0",
            DATABASE_URL=self.pg.url,
            DATABASE_POOL_MIN=str(min(THREADS, 2)),
            DATABASE_POOL_MAX=str(THREADS + 1),
            CACHE_URL=self.redis_url,
            EMAIL_URL="dummymail://",
            RATE_LIMIT_PUBLIC_FORMS="1000000/m",
            RATE_LIMIT_PER_EMAIL="1000000/m",
            FORM_MINIMUM_SECONDS="2",
            BENCHMARK="1",
            LOG_LEVEL="WARNING",
            MARATHON_TESTING="0",
            TASKS_BACKEND=self.tasks_backend,
            RQ_URL=self.redis_url.rsplit("/", 1)[0] + f"/{REDIS_DB + 1}",
            PYTHONPATH=str(ROOT),
        )
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        return env

    def manage(self, *args: str, quiet: bool = True) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env(), capture_output=True, text=True
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def prepare(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "bench.prepare", *args],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
        )
        if result.returncode not in (0, 3):
            raise RuntimeError(f"bench.prepare {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout.strip()

    # --- services ----------------------------------------------------------------------------------
    def start_services(self) -> None:
        self.secret = secrets.token_urlsafe(50)
        log(f"PostgreSQL: throw-away cluster on 127.0.0.1:{PG_PORT} in {self.pg.root}")
        self.pg.create()
        self.redis_url = self._redis()
        log(f"Redis: {self.redis_url}")

    def _redis(self) -> str:
        import redis

        try:
            client = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB, socket_connect_timeout=1)
            client.ping()
            client.flushdb()
            redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB + 1).flushdb()
            return f"redis://127.0.0.1:6379/{REDIS_DB}"
        except redis.exceptions.ConnectionError:
            port = 6390
            self.spawn("redis", ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"])
            for _ in range(50):
                try:
                    redis.Redis(host="127.0.0.1", port=port).ping()
                    break
                except redis.exceptions.ConnectionError:
                    time.sleep(0.1)
            return f"redis://127.0.0.1:{port}/{REDIS_DB}"

    def spawn(self, name: str, command: list[str]) -> subprocess.Popen:
        with open(self.workdir / f"{name}.log", "w") as log_file:  # the child keeps its own descriptor
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.env(),
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.processes.append((name, process))
        return process

    def start_site(self) -> None:
        for port in self.ports:
            self.spawn(
                f"gunicorn-{port}",
                [
                    str(VENV_BIN / "gunicorn"), "-c", "python:marathon.gunicorn_config", "marathon.wsgi:application",
                    "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS // len(self.ports) or 1),
                    "--threads", str(THREADS), "--backlog", "2048",
                ],
            )  # fmt: skip
        if "rq" in self.tasks_backend.lower():
            worker = [
                sys.executable, "manage.py", "rqworker", "default", "--job-class", "django_tasks_rq.Job",
                "--with-scheduler",
            ]  # fmt: skip
        else:
            worker = [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--interval", "0.5"]
        self.spawn("worker", worker)
        for port in self.ports:
            wait_http(f"http://127.0.0.1:{port}/healthz", 60)
        threading.Thread(target=self._monitor_memory, daemon=True).start()

    def _monitor_memory(self) -> None:
        while not self._monitor_stop.is_set():
            for name, process in self.processes:
                try:
                    parent = psutil.Process(process.pid)
                    members = parent.children(recursive=True) if name.startswith("gunicorn") else [parent]
                    for member in members:
                        key = f"{name}/{member.pid}"
                        self.peak_rss[key] = max(self.peak_rss.get(key, 0), member.memory_info().rss)
                except psutil.Error:
                    continue
            time.sleep(0.5)

    def cpu_seconds(self) -> dict[str, float]:
        """CPU time (user + system) used so far by each kind of process: app servers, worker, PostgreSQL.

        A process's own time plus that of its children, the live ones and those it has reaped (a gunicorn
        worker or PostgreSQL backend that exited still counts), so the difference over a scenario is the work
        that scenario cost, whatever the machine's speed or the noise of its neighbours.
        """
        totals: dict[str, float] = {}
        roots = [
            ("app" if name.startswith("gunicorn") else name, process.pid) for name, process in self.processes
        ]
        if self.pg.postmaster_pid():
            roots.append(("postgres", self.pg.postmaster_pid()))
        for group, pid in roots:
            try:
                root = psutil.Process(pid)
                times = root.cpu_times()
                used = times.user + times.system + times.children_user + times.children_system
                for child in root.children(recursive=True):
                    with contextlib.suppress(psutil.Error):
                        child_times = child.cpu_times()
                        used += child_times.user + child_times.system
            except psutil.Error:
                continue
            totals[group] = totals.get(group, 0.0) + used
        return totals

    def stop(self) -> None:
        self._monitor_stop.set()
        for _name, process in reversed(self.processes):
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    continue
        for _name, process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self.pg.destroy()


def log(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", flush=True)


def wait_http(url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # nosec B310 - loopback only
                if response.status == 200:
                    return
        except (TimeoutError, urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer 200 within {timeout} s")


# --- scenarios ----------------------------------------------------------------------------------------


def run_locust(
    stack: Stack, name: str, user_class: str, users: int, seconds: int, data: Path, **extra
) -> dict:
    prefix = stack.workdir / name
    records = stack.workdir / f"{name}.records.json"
    env = stack.env() | {
        "BENCH_HOSTS": ",".join(f"http://127.0.0.1:{port}" for port in stack.ports),
        "BENCH_DATA": str(data),
        "BENCH_RECORDS": str(records),
    }
    env.update(extra)
    spawn_rate = extra.get("spawn_rate", str(max(users // 4, 1)))
    env.pop("spawn_rate", None)
    command = [
        str(VENV_BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), user_class, "--headless",
        "-u", str(users), "-r", spawn_rate, "-t", f"{seconds}s", "--csv", str(prefix), "--only-summary",
        "--loglevel", "ERROR", "--stop-timeout", "15", "--exit-code-on-error", "0",
    ]  # fmt: skip
    log(f"scenario {name}: {users} users × {seconds} s ({user_class})")
    started = time.monotonic()
    cpu_before, load_before = stack.cpu_seconds(), _children_cpu_seconds()
    profilers = start_profilers(stack, name) if PROFILE else []
    with open(stack.workdir / f"{name}.locust.log", "w") as locust_log:
        subprocess.run(command, cwd=ROOT, env=env, stdout=locust_log, stderr=subprocess.STDOUT)
    elapsed = time.monotonic() - started
    cpu_after, load_after = stack.cpu_seconds(), _children_cpu_seconds()
    stop_profilers(profilers)
    cpu = {group: round(cpu_after[group] - cpu_before.get(group, 0.0), 2) for group in cpu_after}
    cpu["load generator"] = round(load_after - load_before, 2)
    stats = read_locust_stats(prefix)
    recorded = (
        json.loads(records.read_text())
        if records.exists()
        else {"successes": {}, "status": {}, "timeline": []}
    )
    return {
        "name": name,
        "users": users,
        "seconds": round(elapsed, 1),
        "requests": stats,
        "cpu_s": cpu,
        **recorded,
    }


def _children_cpu_seconds() -> float:
    """CPU time of this script's finished children: the locust runs (the load generator)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def start_profilers(stack: Stack, scenario: str) -> list[subprocess.Popen]:
    """py-spy on every app server (with its workers) and the task worker: collapsed stacks of the threads
    holding the GIL (so where the CPU goes, not who waits), one file per scenario and process."""
    PROFILE_DIR.mkdir(parents=True, exist_ok=True)
    profilers = []
    for name, process in stack.processes:
        if not (name.startswith("gunicorn") or name == "worker"):
            continue
        out = PROFILE_DIR / f"{scenario}-{name}.txt"
        command = [
            str(VENV_BIN / "py-spy"), "record", "--pid", str(process.pid), "--subprocesses", "--gil",
            "--format", "raw", "--rate", "200", "--output", str(out), "--nonblocking",
        ]  # fmt: skip
        profilers.append(subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    return profilers


def stop_profilers(profilers: list[subprocess.Popen]) -> None:
    for profiler in profilers:
        profiler.send_signal(signal.SIGINT)  # py-spy writes its file when interrupted
    for profiler in profilers:
        try:
            profiler.wait(timeout=30)
        except subprocess.TimeoutExpired:
            profiler.kill()


def read_locust_stats(prefix: Path) -> dict:
    path = Path(f"{prefix}_stats.csv")
    if not path.exists():
        return {}
    rows = {}
    for row in csv.DictReader(path.read_text().splitlines()):
        if row["Name"] == "Aggregated":
            continue
        rows[row["Name"]] = {
            "count": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "rps": round(float(row["Requests/s"]), 1),
            "p50_ms": _ms(row["50%"]),
            "p95_ms": _ms(row["95%"]),
            "p99_ms": _ms(row["99%"]),
            "max_ms": _ms(row["Max Response Time"]),
        }
    return rows


def _ms(value: str) -> float | None:
    try:
        return round(float(value), 1)
    except ValueError:
        return None


def wait_for_rollups(stack: Stack) -> dict:
    started = time.monotonic()
    while True:
        lag = json.loads(stack.prepare("rollup-lag"))
        if lag["ledger"] == lag["rollups"] or time.monotonic() - started > ROLLUP_WAIT:
            return checks.rollup_check(
                ledger_total=lag["ledger"], rollup_total=lag["rollups"], waited=time.monotonic() - started
            )
        time.sleep(1)


def wait_for_emails(stack: Stack) -> dict:
    started = time.monotonic()
    while True:
        state = json.loads(stack.prepare("email-queue"))
        if state["waiting"] == 0 or time.monotonic() - started > EMAIL_WAIT:
            return checks.email_queue_check(**state, waited=time.monotonic() - started)
        time.sleep(1)


def seed(stack: Stack, *, actions: int) -> float:
    started = time.monotonic()
    stack.manage(
        "seed_demo",
        "--events",
        str(SIZES["events"]),
        "--signatures",
        str(SIZES["signatures"]),
        "--actions",
        str(actions),
    )
    return round(time.monotonic() - started, 1)


def collectstatic(stack: Stack) -> None:
    manifest = ROOT / "staticfiles" / "staticfiles.json"
    newest = max(p.stat().st_mtime for p in (ROOT / "static").rglob("*") if p.is_file())
    if manifest.exists() and manifest.stat().st_mtime > newest:
        log("static files: already collected (hashed and compressed)")
        return
    log("static files: collectstatic (hashed names, gzip and brotli)…")
    stack.manage("collectstatic", "--noinput")


def benchmark(stack: Stack) -> dict:
    data = stack.workdir / "data.json"
    report: dict = {
        "sizes": dict(SIZES),
        "sign_rate_offered": SIGN_RATE,
        "browse_rate_offered": BROWSE_RATE,
        "scenarios": {},
        "checks": [],
        "timings": {},
    }
    log("migrate")
    stack.manage("migrate", "--noinput")
    collectstatic(stack)
    log(
        f"seed_demo: {SIZES['events']} events, {SIZES['signatures']} signatures, {SIZES['actions_small']} actions"
    )
    report["timings"]["seed_small_s"] = seed(stack, actions=SIZES["actions_small"])
    stack.prepare("fixtures", str(data))
    stack.prepare("tokens", str(data), str(CONFIRM_TOKENS))
    stack.start_site()
    scenarios = report["scenarios"]
    if wanted("baseline"):
        scenarios["baseline"] = run_locust(
            stack, "baseline", "BaselineUser", USERS["baseline"], DURATION, data
        )
    if wanted("sign"):
        scenarios["sign"] = run_locust(stack, "sign", "SignUser", USERS["sign"], DURATION, data)
        report["checks"].append(wait_for_emails(stack))
        # The same people at the target's fixed rate: the latency a burst of that size gets, not saturation's.
        scenarios["sign_paced"] = run_locust(
            stack,
            "sign_paced",
            "SignUser",
            USERS["sign"],
            DURATION,
            data,
            BENCH_SIGN_PACING=str(USERS["sign"] / SIGN_RATE),
        )
        report["checks"].append(wait_for_emails(stack))
    if wanted("confirm"):
        scenarios["confirm"] = run_locust(stack, "confirm", "ConfirmUser", USERS["confirm"], DURATION, data)
    if wanted("browse"):
        scenarios["browse"] = run_locust(stack, "browse", "BrowseUser", USERS["browse"], DURATION, data)
        # The same readers at a fixed rate of pages: the latency at that load, not at saturation's queue.
        scenarios["browse_paced"] = run_locust(
            stack,
            "browse_paced",
            "BrowseUser",
            USERS["browse"],
            DURATION,
            data,
            BENCH_BROWSE_PACING=str(USERS["browse"] / BROWSE_RATE),
        )
    if wanted("results"):
        scenarios["results_small"] = run_locust(
            stack, "results_small", "ResultsUser", USERS["results"], DURATION // 2, data
        )
    if wanted("seats"):
        scenarios["seats"] = run_locust(
            stack,
            "seats",
            "SeatsUser",
            USERS["seats"],
            max(DURATION // 2, 15),
            data,
            spawn_rate=str(USERS["seats"]),
        )
    report["checks"].append(wait_for_rollups(stack))
    if wanted("results"):
        log(f"loading the ledger up to {SIZES['actions']} synthetic actions (the site keeps running)…")
        report["timings"]["seed_actions_s"] = seed(stack, actions=SIZES["actions"])
        report["ledger_rows"] = SIZES["actions"]
        scenarios["results_large"] = run_locust(
            stack, "results_large", "ResultsUser", USERS["results"], DURATION // 2, data
        )
        report["checks"].append(wait_for_rollups(stack))
    records = [str(stack.workdir / f"{name}.records.json") for name in scenarios]
    report["checks"] += json.loads(stack.prepare("verify", str(data), *records))
    report["checks"].append(checks.server_error_check(_all_status(scenarios)))
    return report


def _all_status(scenarios: dict) -> dict:
    merged: dict = {}
    for name, scenario in scenarios.items():
        for request, counts in scenario.get("status", {}).items():
            merged[f"{name}/{request}"] = counts
    return merged


# --- the database-down drill ------------------------------------------------------------------------


def drill(stack: Stack) -> dict:
    data = stack.workdir / "data.json"
    report: dict = {"sizes": dict(SIZES), "scenarios": {}, "checks": [], "timings": {}}
    stack.manage("migrate", "--noinput")
    collectstatic(stack)
    report["timings"]["seed_small_s"] = seed(stack, actions=SIZES["actions_small"])
    stack.prepare("fixtures", str(data))
    stack.start_site()
    seconds, down_at, down_for = 50, 15, 8
    outage: dict = {}
    probes: list = []

    def probe():
        end = time.time() + seconds
        while time.time() < end:
            for path in ("/healthz", "/events/bench-1/"):
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{stack.ports[0]}{path}", timeout=5) as r:  # nosec B310
                        probes.append((time.time(), path, r.status, ""))
                except urllib.error.HTTPError as error:
                    body = error.read().decode("utf-8", "replace")
                    probes.append(
                        (time.time(), path, error.code, error.headers.get("Retry-After", "") + body[:2000])
                    )
                except (TimeoutError, urllib.error.URLError, ConnectionError) as error:
                    probes.append((time.time(), path, 0, str(error)))
            time.sleep(0.25)

    def outage_timer():
        time.sleep(down_at)
        log("drill: stopping PostgreSQL (immediate: connections cut as in a crash)")
        outage["stopped"] = time.time()
        stack.pg.stop("immediate")
        time.sleep(down_for)
        log("drill: starting PostgreSQL again")
        stack.pg.start()
        outage["started"] = time.time()

    threads = [threading.Thread(target=probe), threading.Thread(target=outage_timer)]
    for thread in threads:
        thread.start()
    scenario = run_locust(stack, "drill", "DrillUser", USERS["drill"], seconds, data, BENCH_TIMELINE="1")
    for thread in threads:
        thread.join()
    report["scenarios"]["drill"] = scenario
    report["outage"] = {"down_for_s": round(outage["started"] - outage["stopped"], 1)}
    report["checks"] += drill_checks(scenario, probes, outage)
    report["checks"] += json.loads(
        stack.prepare("verify", str(data), str(stack.workdir / "drill.records.json"))
    )
    report["checks"].append(checks.server_error_check(_all_status(report["scenarios"]), allowed=[503]))
    return report


def drill_checks(scenario: dict, probes: list, outage: dict) -> list[dict]:
    stopped, started = outage["stopped"], outage["started"]
    during = [p for p in probes if stopped + 0.5 < p[0] < started]
    health_during = {p[2] for p in during if p[1] == "/healthz"}
    page_during = [p for p in during if p[1] != "/healthz"]
    after = [p for p in probes if p[0] > started + 10]
    timeline = scenario.get("timeline", [])
    ok_after = [t for t in timeline if t[0] > started and t[2] in (200, 302)]
    first_ok = min((t[0] for t in ok_after), default=None)
    late_errors = [t for t in timeline if t[0] > started + 10 and t[2] >= 500]
    answered_503 = [t for t in timeline if stopped < t[0] < started + 5 and t[2] == 503]
    friendly = any(p[2] == 503 and p[3].startswith("30") for p in page_during)
    return [
        checks.check(
            "/healthz said 503 while the database was down, then 200",
            503 in health_during and all(p[2] == 200 for p in after if p[1] == "/healthz"),
            f"during: {sorted(health_during)}, after: {sorted({p[2] for p in after if p[1] == '/healthz'})}",
        ),
        checks.check(
            "pages answered the friendly 503 (Retry-After) during the outage, never 500",
            friendly and not any(t[2] == 500 for t in timeline),
            f"{len(answered_503)} answers 503 during the outage, "
            f"{sum(1 for t in timeline if t[2] == 500)} answers 500 in all",
        ),
        checks.check(
            "the site recovered by itself",
            first_ok is not None and not late_errors,
            f"first success {first_ok - started:.1f} s after PostgreSQL was back; "
            f"{len(late_errors)} errors from 10 s after"
            if first_ok
            else "no success after PostgreSQL came back",
        ),
    ]


# --- the report ------------------------------------------------------------------------------------


MAIN_OPERATION = {  # scenario → (success list or None, request name that is the operation)
    "baseline": (None, "baseline: POST"),
    "sign": ("signatures", "sign: POST"),
    "sign_paced": ("signatures", "sign: POST"),
    "confirm": ("confirmations", "confirm: POST"),
    "browse": (None, "browse: /events/"),
    "browse_paced": (None, "browse: /events/"),
    "results_small": (None, "results: JSON"),
    "results_large": (None, "results: JSON"),
    "seats": ("registrations", "seats: POST"),
    "drill": ("signatures", "sign: POST"),
}


def summarise(report: dict) -> None:
    scenarios = report["scenarios"]
    for name, scenario in scenarios.items():
        successes, request = MAIN_OPERATION[name]
        scenario["throughput_per_s"] = throughput(scenario, successes, request)
        scenario["errors"] = sum(r["failures"] for r in scenario["requests"].values())
        scenario["cpu_ms_per_operation"] = cpu_per_operation(scenario, successes)
    if "baseline" in scenarios and "sign" in scenarios:
        base = scenarios["baseline"]["throughput_per_s"] or 1
        report["sign_to_baseline"] = round(scenarios["sign"]["throughput_per_s"] / base, 2)
    workers = {k: v for k, v in report.get("peak_rss", {}).items() if k.startswith("gunicorn")}
    if workers:
        report["peak_rss_per_worker_mb"] = round(max(workers.values()) / 2**20, 1)


def print_report(report: dict) -> None:
    print()
    print(f"Marathon benchmark — {report['mode']} — {report['machine']}")
    print(f"data: {json.dumps(report['sizes'])}")
    print(
        f"{'scenario / request':44} {'count':>7} {'err':>5} {'req/s':>7} {'p50':>7} {'p95':>7} {'p99':>7}  ms"
    )
    for name, scenario in report["scenarios"].items():
        print(
            f"{name:30} {scenario['throughput_per_s']:>8} successful operations/s, {scenario['errors']} errors"
        )
        for request, row in scenario["requests"].items():
            print(
                f"  {request:42} {row['count']:>7} {row['failures']:>5} {row['rps']:>7} "
                f"{row['p50_ms']!s:>7} {row['p95_ms']!s:>7} {row['p99_ms']!s:>7}"
            )
        if scenario.get("cpu_ms_per_operation"):
            split = ", ".join(f"{group} {ms}" for group, ms in scenario["cpu_ms_per_operation"].items())
            print(f"  CPU ms per operation: {split}")
    if "sign_paced" in report["scenarios"]:
        print(f"sign_paced offered {SIGN_RATE} signatures/s ({USERS['sign']} people, one signature each per "
              f"{USERS['sign'] / SIGN_RATE:.2f} s)")  # fmt: skip
    if "browse_paced" in report["scenarios"]:
        print(f"browse_paced offered {BROWSE_RATE} pages/s ({USERS['browse']} readers)")
    if "sign_to_baseline" in report:
        print(f"signing / baseline throughput: {report['sign_to_baseline']}")
    if "peak_rss_per_worker_mb" in report:
        print(f"peak RSS per gunicorn worker: {report['peak_rss_per_worker_mb']} MB")
        for key, rss in sorted(report["peak_rss"].items()):
            print(f"  {key:40} {rss / 2**20:8.1f} MB")
    print("checks:")
    for result in report["checks"]:
        print(f"  [{'ok' if result['ok'] else 'FAIL'}] {result['check']}: {result['detail']}")


def main() -> int:
    if unknown := ONLY - set(SCENARIO_NAMES):
        sys.exit(
            f"BENCH_SCENARIOS: no scenario {', '.join(sorted(unknown))}; choose from {', '.join(SCENARIO_NAMES)}"
        )
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--scaleout", action="store_true", help="two app-server instances and a separate worker"
    )
    parser.add_argument(
        "--drill-db", action="store_true", help="stop PostgreSQL during load and check recovery"
    )
    parser.add_argument(
        "--tasks",
        choices=["db", "rq"],
        default=os.environ.get("BENCH_TASKS", "db"),
        help="task backend: django-tasks' database queue (db_worker) or Redis/RQ (rqworker)",
    )
    args = parser.parse_args()
    backend = "django_tasks_rq.RQBackend" if args.tasks == "rq" else "django_tasks_db.DatabaseBackend"
    mode = "drill-db" if args.drill_db else ("scale-out" if args.scaleout else "single")
    workdir = Path(tempfile.mkdtemp(prefix="marathon-bench-"))
    stack = Stack(workdir, scaleout=args.scaleout, tasks_backend=backend)
    started = time.monotonic()
    report: dict = {}
    try:
        stack.start_services()
        report = drill(stack) if args.drill_db else benchmark(stack)
    finally:
        report["peak_rss"] = dict(stack.peak_rss)
        stack.stop()
    report.update(
        mode=mode + (" (tasks on RQ)" if args.tasks == "rq" else ""),
        quick=QUICK,
        machine=f"{psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB, {platform.platform()}",
        load_average_at_end=os.getloadavg(),
        gunicorn={
            "instances": len(stack.ports),
            "workers_per_instance": WORKERS // len(stack.ports) or 1,
            "threads": THREADS,
        },
        settings=SETTINGS_NOTES,
        total_minutes=round((time.monotonic() - started) / 60, 1),
    )
    summarise(report)
    for scenario in report["scenarios"].values():
        scenario.pop("timeline", None)
        scenario.pop("successes", None)
    print_report(report)
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    path = out / f"bench-{mode}-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(report, indent=2, default=str))
    log(f"written {path.relative_to(ROOT)}; logs in {workdir}")
    if os.environ.get("BENCH_KEEP_LOGS") != "1":
        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if all(c["ok"] for c in report["checks"]) else 1


if __name__ == "__main__":
    sys.exit(main())
