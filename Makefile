# Vendorwatch: `make run` to try it, `make test` to check everything.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
VW := $(BIN)/vendorwatch
# Reinstall whenever the pinned versions or the project metadata change.
STAMP := $(VENV)/.installed-$(shell cat requirements.lock requirements-dev.lock pyproject.toml | cksum | cut -d' ' -f1)
PG_URL ?= postgres://postgres@127.0.0.1:5432/vendorwatch
TEST_DATA := $(CURDIR)/var/test
PYTEST := VENDORWATCH_DATA_DIR=$(TEST_DATA) $(BIN)/python -m pytest -p no:cacheprovider
# The suite runs in one process per processor core (at most four), each with its own test
# database; PYTEST_WORKERS=0 runs it in this process. The engines' tests (src/vendorwatch/core:
# no Django, no database) run once, in the SQLite run.
PYTEST_WORKERS ?= auto
PYTEST_ARGS ?= -n $(PYTEST_WORKERS) --maxprocesses=4 --dist worksteal --durations=15

.PHONY: run test install install-production i18n lint typecheck migrations-check i18n-check security reliability \
	test-sqlite test-postgres bench bench-problems messages clean bench-pdf bench-import \
	bench-pages

run: install i18n
	$(VW) migrate --no-input
	$(VW) demo --if-empty
	$(VW) serve

test: lint typecheck security migrations-check i18n-check test-sqlite test-postgres
	@echo "== all checks passed =="

install: $(STAMP)

$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Vendorwatch needs Python 3.11 or newer")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
		echo "Could not create a virtual environment: install it with 'sudo apt-get install python3-venv'"; exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $@

# A production installation: only what the application needs at run time (requirements.lock),
# no test tools, browser driver, linters or benchmark peers.
install-production:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Vendorwatch needs Python 3.11 or newer")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps .

i18n: install
	$(VW) translations compile

lint: install
	@echo "== ruff =="
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	@echo "== mypy (strict on the engines in src/vendorwatch/core) =="
	$(BIN)/mypy src/vendorwatch

migrations-check: install
	@echo "== migrations match the models =="
	VENDORWATCH_DATA_DIR=$(TEST_DATA) $(VW) makemigrations --check --dry-run

# bandit (no finding of high severity), pip-audit (no known vulnerability in the pinned set) and
# Django's deployment check in production mode.
security: install
	@echo "== security checks =="
	$(BIN)/python scripts/security_check.py

# The long reliability proof on PostgreSQL: load, faults (kill -9, database restart), fuzzing of
# the API and the forms, backup round trip. Each part prints its figures. The short parts run
# in 'make test' as ordinary tests.
reliability: install i18n
	PG_URL="$(PG_URL)" $(BIN)/python reliability/run.py

i18n-check: i18n
	@echo "== translations complete (de, en) =="
	VENDORWATCH_DATA_DIR=$(TEST_DATA) $(VW) translations check

test-sqlite: install i18n
	@echo "== pytest on SQLite =="
	$(PYTEST) $(PYTEST_ARGS)

test-postgres: install i18n
	@if $(BIN)/python scripts/pg_reachable.py "$(PG_URL)"; then \
		echo "== pytest on PostgreSQL ($(PG_URL)) =="; \
		DATABASE_URL="$(PG_URL)" $(PYTEST) $(PYTEST_ARGS) --database-tests-only; \
	elif [ "$${CI:-}" = "true" ]; then \
		echo "PostgreSQL is not reachable at $(PG_URL); CI=true, so this fails."; exit 1; \
	else \
		echo ""; \
		echo "!!! PostgreSQL is not reachable at $(PG_URL): the PostgreSQL run is SKIPPED !!!"; \
		echo "!!! Set PG_URL=postgres://user@host:port/name to point it elsewhere.        !!!"; \
		echo ""; \
	fi

bench: install
	$(BIN)/python bench/businesstime_bench.py

bench-problems: install i18n
	VENDORWATCH_DATA_DIR=$(CURDIR)/var/bench $(BIN)/python bench/problems_list_bench.py
	@if $(BIN)/python scripts/pg_reachable.py "$(PG_URL)"; then \
		DATABASE_URL="$(PG_URL)_bench" VENDORWATCH_DATA_DIR=$(CURDIR)/var/bench \
			$(BIN)/python bench/problems_list_bench.py; \
	else echo "PostgreSQL not reachable at $(PG_URL): PostgreSQL part skipped"; fi

# 1,000,000 exported tickets through the import on SQLite and PostgreSQL (seconds, peak memory);
# the first 100,000 also through django-import-export for the speed ratio.
bench-import: install i18n
	VENDORWATCH_DATA_DIR=$(CURDIR)/var/bench PG_URL="$(PG_URL)" $(BIN)/python bench/import_bench.py

# Every main page with 100,000 problems and 502 contracts on SQLite and PostgreSQL (p50/p95,
# queries), the clock job, the exports and 60 s of load against gunicorn, next to the targets.
bench-pages: install i18n
	PG_URL="$(PG_URL)" $(BIN)/python bench/pages_bench.py

# After changing user-visible strings: extract them, fill English, then translate German.
messages: install
	$(VW) translations update

clean:
	rm -rf $(VENV) var/test .pytest_cache .mypy_cache .ruff_cache

# Eight requests for a huge report PDF at once against the real server: other pages stay quick.
bench-pdf: install i18n
	$(BIN)/python bench/pdf_concurrency_bench.py
