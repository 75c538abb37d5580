# Én plan. `make help` lists the targets. The README's two commands are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app portal
HOST ?= 127.0.0.1
PORT ?= 5000

.DEFAULT_GOAL := help
.PHONY: help setup run test lint format babel-extract babel-update babel-compile db-upgrade demo-data chromium java pango promtool benchmark benchmark-notifications benchmark-scale benchmark-pages

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-16s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# --ignore-scripts: vnu-jar's install script would download a Java runtime; `make java` installs
# Debian's instead.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund

# The stylesheet, fonts, icons and scripts, named by content (scripts/build_assets.py).
ASSET_SOURCES := $(shell find portal/assets -type f) $(wildcard portal/static/org/*)
portal/static/manifest.json: node_modules/.package-lock.json scripts/build_assets.py $(ASSET_SOURCES) | $(VENV)/.installed
	$(BIN)/python scripts/build_assets.py

babel-compile: $(VENV)/.installed ## Compile the .po translations into .mo
	$(BIN)/pybabel compile -d portal/translations -D messages >/dev/null

setup: pango $(VENV)/.installed portal/static/manifest.json babel-compile ## Install Python deps, assets, translations

db-upgrade: setup ## Migrate the database to the newest schema
	$(FLASK) db upgrade

demo-data: db-upgrade ## Load (or refresh) the demo people and their plans
	$(FLASK) demo-data

run: demo-data ## Install everything and start the portal with demo data on http://127.0.0.1:5000
	$(FLASK) run --host $(HOST) --port $(PORT)

chromium: ## Install Debian's Chromium for the browser tests when it is missing
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

lint: $(VENV)/.installed ## Ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed ## Format the code with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

pango: ## Install Debian's Pango and HarfBuzz for WeasyPrint (PDF documents) when they are missing
	@ldconfig -p | grep -q libpangoft2-1.0 && ldconfig -p | grep -q libharfbuzz-subset || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  $$SUDO apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 >/dev/null; }

java: ## Install Debian's Java for the HTML checker (npm vnu-jar) when it is missing
	@command -v java >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq default-jre-headless >/dev/null; }

# promtool checks and unit-tests the alerting rules (ops/prometheus). Only the tool is taken from
# Debian's prometheus package (about 19 MB to fetch, 46 MB unpacked, a few seconds) and put in the
# venv: installing the package would also install and start a Prometheus server.
promtool: $(VENV)/.installed ## Install promtool (from Debian's prometheus package) for the alerting rules' tests
	@command -v promtool >/dev/null || [ -x $(BIN)/promtool ] || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  work=$$(mktemp -d) && \
	  (cd $$work && apt-get download -qq prometheus) && \
	  dpkg-deb --fsys-tarfile $$work/prometheus_*.deb | tar -xO ./usr/bin/promtool > $(BIN)/promtool.part && \
	  chmod +x $(BIN)/promtool.part && mv $(BIN)/promtool.part $(BIN)/promtool && rm -rf $$work; }

test: setup chromium java promtool lint ## Install everything and run the whole test suite (unit, functional, browser)
	PORTAL_ENV=test $(BIN)/pytest $(PYTEST_ARGS)

babel-extract: $(VENV)/.installed ## Extract messages into portal/translations/messages.pot
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output \
	  --project "Én plan" --copyright-holder "Én plan" -o portal/translations/messages.pot portal

babel-update: babel-extract ## Merge new messages into the da and en catalogues
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -i portal/translations/messages.pot -d portal/translations -D messages
	$(BIN)/python scripts/translations.py fill-danish


benchmark: setup ## Measure booking under contention (50 clients, 10 slots; BENCH_ARGS="--database-url ...")
	$(BIN)/python scripts/benchmark_booking.py $(BENCH_ARGS)

benchmark-notifications: setup ## Drain 10,000 due e-mails on PostgreSQL with 1, 2 and 4 workers (BENCH_ARGS="--rows N")
	$(BIN)/python scripts/benchmark_notifications.py $(BENCH_ARGS)

benchmark-scale: setup ## Server time and statements per page, demo vs national volume (BENCH_ARGS="--scale 0.1 --database-url ... --throughput")
	$(BIN)/python scripts/benchmark_scale.py $(BENCH_ARGS)

# Lighthouse (about 110 MB) is installed only for this target, from its own lock file, so the
# set-up's `npm ci` stays small. 12.2.3: Lighthouse 13 needs Node 22.
LIGHTHOUSE := scripts/lighthouse/node_modules/.bin/lighthouse
$(LIGHTHOUSE): scripts/lighthouse/package.json scripts/lighthouse/package-lock.json
	npm ci --prefix scripts/lighthouse --ignore-scripts --no-audit --no-fund
	touch $@

benchmark-pages: setup chromium $(LIGHTHOUSE) ## Lighthouse (mobile) on Hanne's main pages under gunicorn: bytes, LCP, CLS, scores
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(BIN)/python scripts/benchmark_pages.py $(BENCH_ARGS)
