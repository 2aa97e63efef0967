# The two commands: `make run` and `make test`. Everything else is their set-up.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test bench bench-quick install services stop-services system-packages lint format backup restore check-all load fuzz

run: install
	$(PY) scripts/run.py

test: install system-packages
	$(PY) scripts/test.py $(PYTEST_ARGS)

bench: install
	$(PY) -m bench $(BENCH_ARGS)

bench-quick: install
	$(PY) -m bench --quick

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[dev]"
	@touch $@

# Debian packages the tests need: Chromium for browser tests, poppler for reading PDFs back.
system-packages:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "The tests need Debian's packages:$$missing. Install them with: sudo apt-get install -y$$missing" >&2; \
	    exit 1; \
	  fi; \
	fi

services: install
	$(PY) -m saphire.embedded start

stop-services: install
	$(PY) -m saphire.embedded stop

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-logo

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Backups of the configured database (DATABASE_URL, else the embedded one): pg_dump custom format in backups/.
backup: install
	$(PY) scripts/backup.py backup $(if $(FILE),--output $(FILE))

# make restore FILE=backups/saphire-<time>.dump replaces the database's contents (stop the portal first).
restore: install
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/saphire-<time>.dump" >&2; exit 2; }
	$(PY) scripts/backup.py restore $(FILE) --yes

# Sign-in and password-reset limits raised for the runs below, which send many requests from one address.
RAISED_LIMITS := LOGIN_FAILURE_LIMIT=1000000 LOGIN_IP_FAILURE_LIMIT=1000000 \
	PASSWORD_RESET_EMAIL_LIMIT=1000000 PASSWORD_RESET_IP_LIMIT=1000000

# API fuzzing with schemathesis against a live server, as every role (minutes; part of check-all).
fuzz: install
	SAPHIRE_FUZZ=1 $(RAISED_LIMITS) $(PY) scripts/test.py tests/security/test_api_fuzz.py $(PYTEST_ARGS)

# 50 simulated people for 60 s under gunicorn, then a check that nothing was lost (writes docs/benchmarks.md).
load: install
	$(RAISED_LIMITS) $(PY) -m bench.load $(LOAD_ARGS)

# Everything: the suite (permission matrix and fault drills included), API fuzzing, the load test, quick benchmarks.
check-all: test fuzz load bench-quick
