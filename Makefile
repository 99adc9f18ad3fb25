# Two commands do everything on a fresh machine: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app crm
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: install run serve test test-postgres translations compile-translations chromium lint bench

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) compile-translations

compile-translations: $(STAMP)
	$(VENV)/bin/pybabel -q compile -d crm/translations

## run: install, migrate the SQLite database, load demo data when empty, serve on 127.0.0.1
## with the background worker (outbox, schedule) beside it; Ctrl-C stops both
run: install
	$(FLASK) db upgrade
	$(FLASK) demo-data --if-empty
	$(FLASK) worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(FLASK) run --host $(HOST) --port $(PORT)

## serve: install, migrate, then gunicorn (gunicorn.conf.py: CRM_BIND, CRM_WORKERS) beside the
## queue worker; Ctrl-C stops both. Production settings: docs/operations.md
serve: install
	$(FLASK) db upgrade
	$(FLASK) worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/gunicorn -c gunicorn.conf.py "crm.app:create_app()"

## test: install (with Chromium for the browser tests) and run the whole suite
test: install chromium
	$(PY) -m pytest -q

## test-postgres: the suite again on the local PostgreSQL server
test-postgres: install chromium
	CRM_TEST_DATABASE_URL=$${CRM_TEST_DATABASE_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test} $(PY) -m pytest -q

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is missing: sudo apt-get install chromium (browser tests are skipped without it)"; fi; }

## translations: extract strings and update the catalogues (then fill in Danish msgstr)
translations: $(STAMP)
	$(VENV)/bin/pybabel -q extract -F babel.cfg -k _l -k _ln:1,2 -o crm/translations/messages.pot --no-location --sort-output . templates/_macros
	$(VENV)/bin/pybabel -q update -i crm/translations/messages.pot -d crm/translations --no-fuzzy-matching --ignore-obsolete
	$(MAKE) compile-translations

lint: $(STAMP)
	$(VENV)/bin/ruff check crm tests benchmarks
	$(VENV)/bin/ruff format --check crm tests benchmarks

bench: install
	$(PY) benchmarks/bench_matching.py
