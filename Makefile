# Pasar Ibu: `make run` serves the demo shop, `make test` runs every test.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
FLASK := $(VENV)/bin/flask --app wsgi
PORT ?= 5000
# the app reads PORT too, so its links (canonical, og:image, feeds, invite QR) follow it
export PORT
TRANSLATIONS := storefront/translations
## pytest-xdist workers (one SQLite file, PostgreSQL database and Redis database each); 0: none.
PYTEST_WORKERS ?= 2
PYTEST := $(VENV)/bin/pytest -p xdist -n $(PYTEST_WORKERS)

.PHONY: run test test-slow install install-test translations i18n-extract migrate seed check lint browser bench clean

$(VENV)/bin/python:
	@echo "==> Making the Python environment in $(VENV) (needs Python 3.11 or newer)"
	@python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || (echo "Python 3.11 or newer is needed: python3 is $$(python3 --version)"; exit 1)
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	@echo "==> Installing the Python packages (the first time takes about 2 minutes)"
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt requirements.txt $(VENV)/.installed
	$(PIP) install --quiet -r requirements-test.txt
	touch $@

install: $(VENV)/.installed translations
install-test: $(VENV)/.installed-test translations browser

## Compile the .po catalogs (the .mo files are build output, not committed).
translations: $(VENV)/.installed
	@echo "==> Compiling the translations"
	@$(VENV)/bin/pybabel -q compile -d $(TRANSLATIONS) -f

## Refresh the catalog after adding strings; then fill in the Indonesian msgstr.
i18n-extract: $(VENV)/.installed
	$(VENV)/bin/pybabel -q extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output -o $(TRANSLATIONS)/messages.pot .
	$(VENV)/bin/pybabel -q update -N --ignore-obsolete -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS)

migrate: install
	@echo "==> Bringing the database up to date (migrations)"
	@set -o pipefail; $(FLASK) db upgrade 2>&1 | { grep -v "^INFO" || true; }

## Loads the demo into an empty database only, so it runs once per database.
seed: migrate
	@echo "==> Loading the demo shop (only into an empty database)"
	@$(FLASK) seed-demo --if-empty

run: seed
	@echo ""
	@echo "Pasar Ibu is at http://127.0.0.1:$(PORT)/   (Ctrl+C stops it)"
	@echo "Demo logins (at /akun/masuk):"
	@echo "  staff:  staf@pasaribu.test  /  demo-staf-2026"
	@echo "  seller: 0812 3456 0001      /  demo-penjual-2026   (0812 3456 0002 ... 0007 too)"
	@echo ""
	@# the demo's bank account is fictional, so the transfer page never says "-"
	PAYMENT_BANK_ACCOUNT="$${PAYMENT_BANK_ACCOUNT:-0000 1111 2222}" $(FLASK) run --host 127.0.0.1 --port $(PORT)

## Debian's chromium for the browser tests, when it is missing and apt can install it.
browser:
	@if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null) \
	  || echo "chromium could not be installed: browser tests will skip"; \
	fi

## Lint, then every test but the slow ones, with few hypothesis examples; prints the wall time.
test: install-test
	@TIMEFORMAT='make test: %0R s wall time'; time { \
	  $(VENV)/bin/ruff check storefront tests && $(PYTEST) -m "not slow" $(PYTEST_ARGS); }

## The slow tests, and every hypothesis test with many examples (CI runs it after `make test`).
test-slow: install-test
	@TIMEFORMAT='make test-slow: %0R s wall time'; time { \
	  $(PYTEST) -m "slow or hypothesis" --hypothesis-profile=thorough $(PYTEST_ARGS); }

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
