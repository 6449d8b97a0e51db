# Pameran: `make run` serves the demo edition, `make test` runs everything.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed-$(shell sha256sum requirements.lock | cut -c1-12)
DEBIAN_TEST_PACKAGES := postgresql redis-server chromium fonts-dejavu-core poppler-utils gettext

.PHONY: help install run seed test test-system-packages lint format check bench lock messages clean

help:
	@echo "make run     app with demo data on http://127.0.0.1:8000 (SQLite, Celery eager)"
	@echo "make test    the whole suite on PostgreSQL and Redis, plus checks and ruff"
	@echo "make bench   benchmarks in bench/, table and bench/results.json"

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); \
	  else echo "Install python3-venv (sudo apt-get install python3-venv) and run make again."; exit 1; fi; }

$(STAMP): requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	@rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

run: install
	@DJANGO_SETTINGS_MODULE=config.settings.dev $(MANAGE) migrate --noinput -v 0
	@DJANGO_SETTINGS_MODULE=config.settings.dev $(MANAGE) seed_demo --if-empty
	@DJANGO_SETTINGS_MODULE=config.settings.dev $(MANAGE) demo_logins
	@DJANGO_SETTINGS_MODULE=config.settings.dev $(MANAGE) runserver 127.0.0.1:8000

# The test suite starts its own PostgreSQL and Redis from Debian's binaries.
test-system-packages:
	@missing=""; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	fc-list 2>/dev/null | grep -qi dejavu || missing="$$missing fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(DEBIAN_TEST_PACKAGES) >/dev/null; \
	  else echo "Missing Debian packages:$$missing — run: sudo apt-get install$$missing"; exit 1; fi; \
	fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: install
	DJANGO_SETTINGS_MODULE=config.settings.dev $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=config.settings.dev $(MANAGE) makemigrations --check --dry-run

test: install test-system-packages lint check
	$(BIN)/pytest -n 2 --dist loadgroup

bench: install test-system-packages
	@command -v wrk >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian package: wrk (load generator of bench/bench_checkin.py)"; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null \
	      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null; }; \
	  else echo "wrk is not installed (sudo apt-get install wrk); bench_checkin falls back to Python threads."; fi; }
	$(BIN)/python -m bench

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	cd . && $(MANAGE) makemessages -l id -l en --ignore=.venv --ignore=static --ignore=var --ignore=tests --ignore=bench --no-obsolete
	$(MANAGE) compilemessages --ignore=.venv

# Regenerate the hash-pinned lock from pyproject.toml (needs the network).
lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet uv==0.13.9
	$(BIN)/uv pip compile pyproject.toml --group dev --generate-hashes --no-header \
	  --python-version 3.11 --python-platform x86_64-manylinux_2_28 -o requirements.lock

clean:
	rm -rf $(VENV) var db.sqlite3
