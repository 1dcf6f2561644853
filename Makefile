# Development tasks for lessonstudy-xblock. `make help` lists them.

SHELL := /bin/bash

# Two stacks, each in its own virtual environment, with a Python found by `make` itself
# (scripts/find-python: python3.X on PATH, else the newest 3.X.* that pyenv has):
# * the newest: Python 3.12, XBlock 6, the workbench, every test (.venv);
# * the platform's pins: Python 3.11, xblock[django]==5.3.0, Django 5.2, edx-completion 4.9
#   (.venv-platform, requirements/platform.txt), the tests that need no browser or database server.
PYTHON_VERSION ?= 3.12
VENV ?= .venv
PLATFORM_PYTHON_VERSION ?= 3.11
PLATFORM_VENV ?= .venv-platform
WORKBENCH_REQUIREMENTS ?= requirements/workbench.txt
TEST_REQUIREMENTS ?= requirements/test.txt
PLATFORM_REQUIREMENTS ?= requirements/platform.txt
# Installed over the test requirements when set (see test-django42).
OVERLAY_REQUIREMENTS ?=
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# What runs on the platform's stack: domain, handlers (workbench runtime of xblock-sdk 0.14 and
# the LMS storage double), OLX, storage, platform conformance, translations, workbench services.
PLATFORM_TESTS ?= tests/domain tests/handlers tests/olx tests/storage tests/platform tests/security tests/i18n tests/workbench
# The quick inner loop: the newest stack without browser stories, load tests and fuzzing.
QUICK_TESTS ?= tests/domain tests/handlers tests/olx tests/storage tests/platform tests/security tests/i18n tests/workbench

PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
DJANGO := $(PY) -m django

# The workbench settings live in workbench/lessonstudy_workbench/.
export DJANGO_SETTINGS_MODULE := lessonstudy_workbench.settings
export PYTHONPATH := $(CURDIR)/workbench:$(CURDIR)$(if $(PYTHONPATH),:$(PYTHONPATH))

.DEFAULT_GOAL := help
.PHONY: help requirements run screenshots test test-newest test-platform test-quick test-js debian-packages bench test-django42 quality clean

help: ## list the targets
	@grep -E '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

requirements: $(VENV)/.test-requirements $(VENV)/.editable ## make .venv with the test requirements and the package installed

run: $(VENV)/.workbench-requirements $(VENV)/.editable ## serve the workbench with the demo course (default http://127.0.0.1:8000/; HOST=, PORT=)
	$(DJANGO) migrate --noinput -v 0
	$(DJANGO) createcachetable
	$(PY) -m lessonstudy_workbench.demo --base-url http://$(HOST):$(PORT) || echo "warning: the demo data could not be loaded (see above); serving anyway" >&2
	$(DJANGO) runserver $(HOST):$(PORT)

test: debian-packages test-platform test-newest test-js ## install everything the tests need (Debian packages too) and run them on both stacks and in Node

test-newest: $(VENV)/.test-requirements $(VENV)/.editable ## every test on the newest stack (Python 3.12, XBlock 6): browser, load, fuzzing too
	$(PY) -m pytest $(PYTEST_ARGS)

test-platform: $(PLATFORM_VENV)/.requirements $(PLATFORM_VENV)/.editable ## the tests that need no browser or server, on the platform's pins (Python 3.11, XBlock 5.3.0, Django 5.2, edx-completion 4.9)
	$(PLATFORM_VENV)/bin/python -m pytest -p no:cacheprovider $(PLATFORM_TESTS) $(PYTEST_ARGS)

test-quick: $(VENV)/.test-requirements $(VENV)/.editable ## the inner loop: the newest stack without browser stories, load tests and fuzzing (about a minute), and the JavaScript unit tests
	$(PY) -m pytest -q $(QUICK_TESTS) $(PYTEST_ARGS)
	node --test tests/js/

test-js: ## the JavaScript unit tests (core: i18n, the HTTP client's retry policy, the offline queue, video, DOM helpers) in Node
	node --test tests/js/

debian-packages: ## install the Debian packages the tests use (Chromium, MariaDB) when missing
	@scripts/install-debian-packages

screenshots: $(VENV)/.test-requirements $(VENV)/.editable debian-packages ## take the README's tour screenshots (docs/images/) of the demo in Chromium
	$(PY) -m scripts.screenshots

bench: $(VENV)/.test-requirements $(VENV)/.editable debian-packages ## print the cost benchmarks as ratios (save/read/render vs course size, facilitator, vs xblock-poll, download size; the observer's phone in Chromium)
	$(PY) -m tests.bench.run
	$(PY) -m tests.bench.phone --runs 5

test-django42: ## run the tests on Django 4.2 LTS (in .venv-django42)
	$(MAKE) test-newest VENV=.venv-django42 OVERLAY_REQUIREMENTS=requirements/django42.txt

# The load test on a real database (tests/load/mariadb_load.py): starts its own MariaDB on
# loopback (Debian's mariadb-server must be installed; .ci/run installs it). LOAD_ARGS= adds
# options, e.g. LOAD_ARGS="--seconds 30 --think 0.5". The short version runs in `make test`.
.PHONY: loadtest
loadtest: $(VENV)/.test-requirements $(VENV)/.editable ## load test on MariaDB: 60 users in 10 groups for 60 s, 4 gunicorn workers; prints lost items, 5xx, latencies, xblock-poll's lost votes
	$(PY) -m tests.load.mariadb_load --users 60 --groups 10 --seconds 60 --workers 4 $(LOAD_ARGS)

quality: $(VENV)/.test-requirements $(VENV)/.editable node_modules/.installed ## check the Django setup, dependencies, Python (ruff; pylint with edx-lint's configuration) and JavaScript (ESLint) style, built bundles and catalogs
	$(PIP) check
	$(DJANGO) check
	$(PY) -m ruff check lessonstudy_xblock workbench tests scripts setup.py
	DJANGO_SETTINGS_MODULE=lessonstudy_workbench.settings $(PY) -m pylint lessonstudy_xblock workbench/lessonstudy_workbench scripts
	node_modules/.bin/eslint lessonstudy_xblock/static/js tests/js
	$(PY) -m scripts.assets check
	$(PY) -m scripts.translations check

# ESLint, from package.json and its lock file (npm ci).
node_modules/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $@

# requirements/*.txt are compiled from requirements/*.in with pip-tools; platform.txt with the
# platform's Python (3.11), the others with 3.12.
PIP_COMPILE_OPTIONS := --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links --annotation-style=line
.PHONY: upgrade
upgrade: $(VENV)/bin/python $(PLATFORM_VENV)/bin/python ## re-resolve requirements/*.txt from requirements/*.in to the newest versions the .in files allow (pip-tools)
	$(PIP) install -q pip-tools
	$(PLATFORM_VENV)/bin/python -m pip --disable-pip-version-check install -q pip-tools
	cd requirements && for name in base workbench test; do \
		CUSTOM_COMPILE_COMMAND="make upgrade" ../$(PY) -m piptools compile -q --upgrade $(PIP_COMPILE_OPTIONS) -o $$name.txt $$name.in || exit 1; \
	done
	cd requirements && CUSTOM_COMPILE_COMMAND="make upgrade" ../$(PLATFORM_VENV)/bin/python -m piptools compile -q --upgrade $(PIP_COMPILE_OPTIONS) -o platform.txt platform.in

clean: ## remove build files, caches and the workbench data (var/); keeps the virtual environments
	rm -rf build dist *.egg-info var .pytest_cache .hypothesis test-artifacts
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

# The bundles the views load (static/dist/): sources concatenated and minified, pure Python.
.PHONY: compile_assets check_assets
compile_assets: $(VENV)/.test-requirements ## build static/dist/ (each view's scripts and stylesheets, minified) from static/js/ and static/css/
	$(PY) -m scripts.assets compile

check_assets: $(VENV)/.test-requirements ## check that static/dist/ is built from the current sources
	$(PY) -m scripts.assets check

# Translations (docs/translations.md): pure Python (Babel, Django's templatize), no Debian gettext.
.PHONY: extract_translations compile_translations check_translations

extract_translations: $(VENV)/.test-requirements ## extract marked strings (Python, templates, JS) into translations/en and merge them into id
	$(PY) -m scripts.translations extract

compile_translations: $(VENV)/.test-requirements ## compile translations/*/LC_MESSAGES/text.po into text.mo and the JavaScript catalogs static/dist/i18n/<lang>/<bundle>.js
	$(PY) -m scripts.translations compile

check_translations: $(VENV)/.test-requirements ## check the catalogs: every string translated, in step with the sources, compiled
	$(PY) -m scripts.translations check

# The virtual environments, each with the Python its stack needs (scripts/find-python says
# clearly when one is missing).
$(VENV)/bin/python:
	@py="$$(scripts/find-python $(PYTHON_VERSION))"; \
	echo "Making $(VENV) with $$py"; \
	"$$py" -m venv $(VENV)

$(PLATFORM_VENV)/bin/python:
	@py="$$(scripts/find-python $(PLATFORM_PYTHON_VERSION))"; \
	echo "Making $(PLATFORM_VENV) with $$py"; \
	"$$py" -m venv $(PLATFORM_VENV)

# Stamp files: each install runs again only when its requirement files change.
$(VENV)/.workbench-requirements: $(WORKBENCH_REQUIREMENTS) requirements/base.txt | $(VENV)/bin/python
	$(PIP) install -q -r $(WORKBENCH_REQUIREMENTS)
	touch $@

$(VENV)/.test-requirements: $(TEST_REQUIREMENTS) $(WORKBENCH_REQUIREMENTS) $(OVERLAY_REQUIREMENTS) | $(VENV)/bin/python
	$(PIP) install -q -r $(TEST_REQUIREMENTS)
	$(if $(OVERLAY_REQUIREMENTS),$(PIP) install -q -r $(OVERLAY_REQUIREMENTS))
	touch $@ $(VENV)/.workbench-requirements

$(PLATFORM_VENV)/.requirements: $(PLATFORM_REQUIREMENTS) | $(PLATFORM_VENV)/bin/python
	$(PLATFORM_VENV)/bin/python -m pip --disable-pip-version-check install -q -r $(PLATFORM_REQUIREMENTS)
	touch $@

# The package itself, editable, so that its xblock.v1 entry points are registered.
# Its dependencies come from the requirement files above. (setuptools 70.1 and later build
# wheels without the separate `wheel` package; fs needs it below 82.)
$(VENV)/.editable: setup.py MANIFEST.in | $(VENV)/bin/python
	$(PIP) install -q "setuptools>=70.1,<82"
	$(PIP) install -q --no-deps --no-build-isolation -e .
	touch $@

$(PLATFORM_VENV)/.editable: setup.py MANIFEST.in | $(PLATFORM_VENV)/bin/python
	$(PLATFORM_VENV)/bin/python -m pip --disable-pip-version-check install -q "setuptools>=70.1,<82"
	$(PLATFORM_VENV)/bin/python -m pip --disable-pip-version-check install -q --no-deps --no-build-isolation -e .
	touch $@
