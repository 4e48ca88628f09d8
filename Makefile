# Dân Vận Số: `make run` serves the demo city, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/dvs

.PHONY: run setup demo test test-sqlite test-pg lint format bench lock messages clean backup restore

# axe-core (accessibility checks in the portal's browser test), from the npm registry into
# var/npm (not committed); without npm the test is skipped and says so.
AXE := var/npm/node_modules/axe-core/axe.min.js
AXE_VERSION := 4.11.0

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

var/secret_key:
	mkdir -p var
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

var/field_keys: $(VENV)/.installed
	mkdir -p var
	$(PY) -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())" > $@
	chmod 600 $@

setup: $(VENV)/.installed var/secret_key var/field_keys
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0

demo: setup
	$(PY) manage.py seed_demo --if-empty

run: demo
	PORT=$(PORT) bin/serve

test: test-sqlite
	@if [ -n "$$DATABASE_URL" ]; then echo "(DATABASE_URL is set: the suite above ran against it)"; fi

$(AXE):
	mkdir -p var/npm
	npm install --prefix var/npm --no-audit --no-fund --silent axe-core@$(AXE_VERSION) || echo "npm is not available: the accessibility test will be skipped"

test-sqlite: $(VENV)/.installed $(AXE)
	DVS_TESTING=1 $(VENV)/bin/pytest $(PYTEST_ARGS)

test-pg: $(VENV)/.installed $(AXE)
	DVS_TESTING=1 DATABASE_URL='$(PG_URL)' $(VENV)/bin/pytest $(PYTEST_ARGS)

# Backup and restore (dvs/backup.py): the database, media, private files and keys.
# `make backup` writes a new directory under BACKUP_DIR (copy it off this machine: `make
# clean` deletes var/); `make restore FROM=<that directory>` replaces everything after
# asking, and stops first if the configured field-encryption keys do not decrypt it.
BACKUP_DIR ?= var/backups

backup: $(VENV)/.installed
	$(PY) manage.py backup --to $(BACKUP_DIR)/$$(date +%Y%m%d-%H%M%S)

restore: $(VENV)/.installed
	@test -n "$(FROM)" || { echo "usage: make restore FROM=$(BACKUP_DIR)/<date>"; exit 2; }
	$(PY) manage.py restore --from $(FROM)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: $(VENV)/.installed var/secret_key var/field_keys
	$(PY) bench/run.py

messages: $(VENV)/.installed
	cd dvs && ../$(PY) ../manage.py makemessages -l vi -l en --no-obsolete --ignore "tests/*" --ignore "locale_wagtail/*" --ignore "locale_django/*"
	$(PY) manage.py compilemessages --ignore .venv

lock:
	$(PYTHON) -m venv /tmp/dvs-lock && /tmp/dvs-lock/bin/pip install -q -r requirements.in
	(echo "# Pinned dependencies: every package and version the project installs (see requirements.in for why)."; /tmp/dvs-lock/bin/pip freeze) > requirements.txt

clean:
	rm -rf $(VENV) var
