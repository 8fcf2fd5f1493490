# Pasar Ibu: `make run` serves the demo shop, `make test` runs every test.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
FLASK := $(VENV)/bin/flask --app wsgi
PORT ?= 5000
TRANSLATIONS := storefront/translations

.PHONY: run test install install-test translations i18n-extract migrate seed check lint browser bench clean

$(VENV)/bin/python:
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt requirements.txt $(VENV)/.installed
	$(PIP) install --quiet -r requirements-test.txt
	touch $@

install: $(VENV)/.installed translations
install-test: $(VENV)/.installed-test translations browser

## Compile the .po catalogs (the .mo files are build output, not committed).
translations: $(VENV)/.installed
	$(VENV)/bin/pybabel -q compile -d $(TRANSLATIONS) -f

## Refresh the catalog after adding strings; then fill in the Indonesian msgstr.
i18n-extract: $(VENV)/.installed
	$(VENV)/bin/pybabel -q extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output -o $(TRANSLATIONS)/messages.pot .
	$(VENV)/bin/pybabel -q update -N --ignore-obsolete -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS)

migrate: install
	$(FLASK) db upgrade

## Loads the demo into an empty database only, so it runs once per database.
seed: migrate
	$(FLASK) seed-demo --if-empty

run: seed
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

## Debian's chromium for the browser tests, when it is missing and apt can install it.
browser:
	@if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null) \
	  || echo "chromium could not be installed: browser tests will skip"; \
	fi

test: install-test
	$(VENV)/bin/ruff check storefront tests
	$(VENV)/bin/pytest $(PYTEST_ARGS)

check: install
	DATABASE_URL=sqlite:///$$(mktemp -d)/check.db sh -c '$(FLASK) db upgrade && $(FLASK) db check'

## Benchmarks need PostgreSQL on 127.0.0.1:5432, wrk and nginx (apt) and Lighthouse (npm), installed when missing.
bench: install-test
	@command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null)
	@[ -x /usr/sbin/nginx ] || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null)
	@[ -x bench/.node/node_modules/.bin/lighthouse ] || npm install --silent --no-audit --no-fund --prefix bench/.node lighthouse@13.5.0
	$(PY) -m bench $(BENCH)

clean:
	rm -rf $(VENV) .pytest_cache
