# Development tasks for lessonstudy-xblock. `make help` lists them.

SHELL := /bin/bash

# The Python the virtual environment is made with: found by `make` itself
# (python3.12 on PATH, else the newest 3.12.x that pyenv has installed).
PYTHON_VERSION ?= 3.12
VENV ?= .venv
WORKBENCH_REQUIREMENTS ?= requirements/workbench.txt
TEST_REQUIREMENTS ?= requirements/test.txt
# Installed over the test requirements when set (see test-django42).
OVERLAY_REQUIREMENTS ?=
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
DJANGO := $(PY) -m django

# The workbench settings live in workbench/lessonstudy_workbench/.
export DJANGO_SETTINGS_MODULE := lessonstudy_workbench.settings
export PYTHONPATH := $(CURDIR)/workbench:$(CURDIR)$(if $(PYTHONPATH),:$(PYTHONPATH))

.DEFAULT_GOAL := help
.PHONY: help requirements run test bench test-django42 quality clean

help: ## list the targets
	@grep -E '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

requirements: $(VENV)/.test-requirements $(VENV)/.editable ## make .venv with the test requirements and the package installed

run: $(VENV)/.workbench-requirements $(VENV)/.editable ## serve the workbench with the demo course (default http://127.0.0.1:8000/; HOST=, PORT=)
	$(DJANGO) migrate --noinput -v 0
	$(DJANGO) createcachetable
	$(PY) -m lessonstudy_workbench.demo || echo "warning: the demo data could not be loaded (see above); serving anyway" >&2
	$(DJANGO) runserver $(HOST):$(PORT)

test: $(VENV)/.test-requirements $(VENV)/.editable ## run the tests
	$(PY) -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.test-requirements $(VENV)/.editable ## print the cost benchmarks as ratios (save/read/render vs course size, facilitator, vs xblock-poll, download size)
	$(PY) -m tests.bench.run

test-django42: ## run the tests on Django 4.2 LTS (in .venv-django42)
	$(MAKE) test VENV=.venv-django42 OVERLAY_REQUIREMENTS=requirements/django42.txt

# The load test on a real database (tests/load/mariadb_load.py): starts its own MariaDB on
# loopback (Debian's mariadb-server must be installed; .ci/run installs it). LOAD_ARGS= adds
# options, e.g. LOAD_ARGS="--seconds 30 --think 0.5". The short version runs in `make test`.
.PHONY: loadtest
loadtest: $(VENV)/.test-requirements $(VENV)/.editable ## load test on MariaDB: 60 users in 10 groups for 60 s, 4 gunicorn workers; prints lost items, 5xx, latencies, xblock-poll's lost votes
	$(PY) -m tests.load.mariadb_load --users 60 --groups 10 --seconds 60 --workers 4 $(LOAD_ARGS)

quality: $(VENV)/.test-requirements $(VENV)/.editable ## check the Django setup, dependencies and syntax (and ruff, if installed)
	$(PIP) check
	$(DJANGO) check
	$(PY) -m compileall -q lessonstudy_xblock workbench tests
	@if $(PY) -m ruff --version >/dev/null 2>&1; then $(PY) -m ruff check lessonstudy_xblock workbench tests; fi

clean: ## remove build files, caches and the workbench data (var/); keeps the virtual environments
	rm -rf build dist *.egg-info var .pytest_cache .hypothesis test-artifacts
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

# Translations (docs/translations.md): pure Python (Babel, Django's templatize), no Debian gettext.
.PHONY: extract_translations compile_translations check_translations

extract_translations: $(VENV)/.test-requirements ## extract marked strings (Python, templates, JS) into translations/en and merge them into id
	$(PY) -m scripts.translations extract

compile_translations: $(VENV)/.test-requirements ## compile translations/*/LC_MESSAGES/text.po into text.mo and the JavaScript catalog textjs.json
	$(PY) -m scripts.translations compile

check_translations: $(VENV)/.test-requirements ## check the catalogs: every string translated, in step with the sources, compiled
	$(PY) -m scripts.translations check

# The virtual environment, with a Python 3.12 found on this machine.
$(VENV)/bin/python:
	@set -e; py=""; \
	check='import sys; assert sys.version_info[:2] == tuple(map(int, "$(PYTHON_VERSION)".split(".")))'; \
	if python$(PYTHON_VERSION) -c "$$check" >/dev/null 2>&1; then \
		py="python$(PYTHON_VERSION)"; \
	elif command -v pyenv >/dev/null 2>&1; then \
		version="$$(pyenv versions --bare 2>/dev/null | grep -E '^$(subst .,\.,$(PYTHON_VERSION))\.[0-9]+$$' | sort -t. -k3,3n | tail -n 1)"; \
		candidate="$$(pyenv root)/versions/$$version/bin/python$(PYTHON_VERSION)"; \
		if [ -n "$$version" ] && "$$candidate" -c "$$check" >/dev/null 2>&1; then py="$$candidate"; fi; \
	fi; \
	if [ -z "$$py" ]; then \
		echo "Python $(PYTHON_VERSION) is required (xblock-sdk and XBlock 6 need it), and none was found." >&2; \
		echo "Install it, e.g. 'pyenv install $(PYTHON_VERSION)' or your system's python$(PYTHON_VERSION) and python$(PYTHON_VERSION)-venv packages," >&2; \
		echo "then run make again." >&2; \
		exit 1; \
	fi; \
	echo "Making $(VENV) with $$("$$py" -c 'import sys; print(sys.executable, sys.version.split()[0])')"; \
	"$$py" -m venv $(VENV)

# Stamp files: each install runs again only when its requirement files change.
$(VENV)/.workbench-requirements: $(WORKBENCH_REQUIREMENTS) requirements/base.txt | $(VENV)/bin/python
	$(PIP) install -q -r $(WORKBENCH_REQUIREMENTS)
	touch $@

$(VENV)/.test-requirements: $(TEST_REQUIREMENTS) $(WORKBENCH_REQUIREMENTS) $(OVERLAY_REQUIREMENTS) | $(VENV)/bin/python
	$(PIP) install -q -r $(TEST_REQUIREMENTS)
	$(if $(OVERLAY_REQUIREMENTS),$(PIP) install -q -r $(OVERLAY_REQUIREMENTS))
	touch $@ $(VENV)/.workbench-requirements

# The package itself, editable, so that its xblock.v1 entry points are registered.
# Its dependencies come from the requirement files above.
$(VENV)/.editable: setup.py MANIFEST.in | $(VENV)/bin/python
	$(PIP) install -q "setuptools>=64,<82"
	$(PIP) install -q --no-deps --no-build-isolation -e .
	touch $@
