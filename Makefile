# Peacetracker: `make run` serves the seeded timeline, `make test` runs every check.
# Setup (Python 3.12+, .venv, dependencies, Chromium for browser tests) happens inside them.

VENV := .venv
PY := $(VENV)/bin/python
HOST := 127.0.0.1
PORT := 8000

.PHONY: run test lint format clean bench bench-cold bench-exports bench-dates soak

# A laptop runs with DEBUG on unless told otherwise; production sets DJANGO_DEBUG=0.
run: export DJANGO_DEBUG ?= 1
run:
	@scripts/ensure-venv requirements.txt
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed
	@echo
	@echo "Peacetracker is starting on http://$(HOST):$(PORT)/"
	@echo "To create an editor account for http://$(HOST):$(PORT)/admin/, in another terminal run:"
	@echo "    DJANGO_DEBUG=1 $(PY) manage.py createsuperuser"
	@echo
	$(PY) manage.py runserver $(HOST):$(PORT)

# The test settings import the real settings and only add test conveniences.
test: export DJANGO_SETTINGS_MODULE := tests.settings
test:
	@scripts/ensure-venv requirements-dev.txt
	@scripts/ensure-chromium >/dev/null
	@# The deployment test runs deploy/nginx.conf with a real nginx.
	@scripts/ensure-nginx >/dev/null
	@# Test tools from npm (package.json; not served): TimelineJS and the Nu Html Checker.
	@[ -d node_modules/@knight-lab/timelinejs ] && [ -d node_modules/vnu-jar ] || npm ci --no-audit --no-fund --silent
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	@# The architecture: what may import what (contracts in pyproject.toml).
	$(VENV)/bin/lint-imports --no-cache
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run
	@# On every core the machine has, each worker with a database of its own.
	$(VENV)/bin/pytest -n auto

# The timeline under load at 1,000 and 100,000 events against a static-file ceiling, the
# first view's transfer size and Lighthouse; also on PostgreSQL when DATABASE_URL is set.
bench:
	@scripts/ensure-venv requirements.txt
	@command -v wrk >/dev/null || scripts/apt-install wrk "to drive the load"
	@scripts/ensure-chromium >/dev/null
	@[ -d bench/node_modules/lighthouse ] || npm ci --prefix bench --no-audit --no-fund --silent
	@command -v redis-server >/dev/null || scripts/apt-install redis-server "for the cold benchmark's cache"
	$(PY) bench/cold.py
	$(PY) bench/run.py
	$(PY) bench/exports.py

# Every public address with the cache emptied before each request (a sample of random filter
# combinations), at 1,000, 100,000 and 1,000,000 events; also on PostgreSQL with DATABASE_URL.
bench-cold:
	@scripts/ensure-venv requirements.txt
	@command -v redis-server >/dev/null || scripts/apt-install redis-server "for the cold benchmark's cache"
	$(PY) bench/cold.py

# Whole CSV and iCalendar downloads of 1,000,000 events (BENCH_EXPORT_EVENTS), two at once,
# while a reader keeps asking for pages.
bench-exports:
	@scripts/ensure-venv requirements.txt
	$(PY) bench/exports.py

# Two minutes at 64 connections against 100,000 events: zero errors, flat memory.
soak:
	@scripts/ensure-venv requirements.txt
	@command -v wrk >/dev/null || scripts/apt-install wrk "to drive the load"
	@command -v redis-server >/dev/null || scripts/apt-install redis-server "for the workers' shared cache"
	$(PY) bench/soak.py

# Date extraction against plain dateparser.search_dates, timed in the same run.
bench-dates:
	@scripts/ensure-venv requirements.txt
	$(PY) bench/dates.py

lint:
	@scripts/ensure-venv requirements-dev.txt
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format:
	@scripts/ensure-venv requirements-dev.txt
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
