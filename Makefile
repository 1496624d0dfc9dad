# Two commands set up a fresh machine:  `make run`  and  `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test install install-dev install-bench system-deps lint messages clean audit bench bench-scaleout drill-db

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(VENV)/bin/activate pyproject.toml
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/bin/activate pyproject.toml
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

$(VENV)/.installed-bench: $(VENV)/bin/activate pyproject.toml
	$(PY) -m pip install --quiet -e ".[bench,rq]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev
install-bench: $(VENV)/.installed-bench

# Debian/Ubuntu only, and only what is missing: PDF rendering libraries, fonts, gettext, Chromium.
system-deps:
	@sh scripts/system-deps.sh

messages: install
	@if [ ! -d locale ]; then exit 0; \
	elif command -v msgfmt >/dev/null 2>&1; then DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv -v0; \
	else echo "gettext is missing: install it (apt-get install gettext) to compile translations"; fi

## Serve the demo site on http://$(HOST):$(PORT) with a background task worker (SQLite, DEBUG on).
run: export DEBUG = 1
run: install messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Demo logins (local demo only): admin@example.org / coordinator@example.org, password marathon-demo"
	$(PY) manage.py db_worker --queue-name '*' & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver $(HOST):$(PORT)

## Run the whole test suite (SQLite by default; set DATABASE_URL=postgres://... for PostgreSQL).
## Tests run in parallel on every core (pytest-xdist); PYTEST_ARGS="-n 0 -k name" runs a few in one process.
PYTEST_ARGS ?= -n auto
test: install-dev messages
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* staticfiles test-artifacts

## bandit over the code (medium/high findings fail) and pip-audit over the dependencies.
audit: install-dev
	bash scripts/security-audit.sh

## The benchmark (README "Performance"): gunicorn, a task worker, a throw-away PostgreSQL, Redis and locust on
## loopback. BENCH_QUICK=1 for a short try; results in bench-results/. Not part of the test suite.
bench: install-bench
	$(PY) -m bench.run $(BENCH_ARGS)

## The same with two app-server instances and a separate worker (BENCH_TASKS=rq: the Redis/RQ task backend).
bench-scaleout: install-bench
	$(PY) -m bench.run --scaleout $(BENCH_ARGS)

## Fault drill: PostgreSQL stops for a few seconds under load; every accepted signature must be there after.
drill-db: install-bench
	$(PY) -m bench.run --drill-db $(BENCH_ARGS)
