# Build and test tooling for the runbeam.cloud collection.
#
# On a fresh clone only two commands are needed:
#   make demo   set up .venv, start the local API emulator, run the examples
#   make test   every check CI runs (lint, sanity, units, integration,
#               compat, galaxy-importer), cheapest first so it fails fast
#
# Everything is installed by this file from tests/requirements*.txt; the
# helper scripts live in hack/. Nothing here writes outside the checkout:
# ansible-test's HOME and pip caches live under .cache/, trees under build/.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# Targets share .venv and build/: run them one at a time even under -j.
.NOTPARALLEL:

PYTHON ?= python3
# The newer ansible-core line (2.21) needs Python >= 3.12; pyenv's shims for
# other versions fail on these machines, so use the interpreter's real path.
PYENV_ROOT ?= $(shell pyenv root 2>/dev/null || echo $$HOME/.pyenv)
NEXT_PYTHON ?= $(PYENV_ROOT)/versions/3.12.1/bin/python3

VENV      := $(CURDIR)/.venv
VENV_NEXT := $(CURDIR)/.venv-next
BIN       := $(VENV)/bin

# Stamp files are named after a hash of the requirements they installed, so
# editing (or checking out) a different requirements file reinstalls, while a
# warm `make test` installs nothing.
REQS      := tests/requirements.txt requirements.txt
REQS_NEXT := tests/requirements-next.txt requirements.txt
STAMP      := $(VENV)/.installed-$(shell cat $(REQS) | sha256sum | cut -c1-16)
STAMP_NEXT := $(VENV_NEXT)/.installed-$(shell cat $(REQS_NEXT) | sha256sum | cut -c1-16)

# Collection tree for pytest and the playbooks the integration tests run:
# build/collections/ansible_collections/runbeam/cloud -> repo root.
COLLECTIONS := $(CURDIR)/build/collections
COLL_LINK   := $(COLLECTIONS)/ansible_collections/runbeam/cloud

export PIP_DISABLE_PIP_VERSION_CHECK := 1
# Let a piped `make test` show output as it comes.
export PYTHONUNBUFFERED := 1

.PHONY: help venv venv-next tree test lint ruff yamllint ansible-lint changelog-lint docs-lint \
        sanity units integration compat galaxy-importer demo bench clean distclean

help:
	@echo "make demo             start the API emulator and run the example playbooks"
	@echo "make test             lint, units, sanity, galaxy-importer, integration, compat"
	@echo "make lint             ruff, yamllint, ansible-lint, antsibull-changelog lint, antsibull-docs lint"
	@echo "make sanity           ansible-test sanity --venv --python 3.11 on a copy of the tree"
	@echo "make units            pytest tests/unit (ansible-core 2.19, Python 3.11)"
	@echo "make integration      pytest tests/integration (real ansible-playbook runs)"
	@echo "make compat           units + integration again with ansible-core 2.21 on Python 3.12"
	@echo "make galaxy-importer  build the tarball and run galaxy-importer on it, offline"
	@echo "make bench            hack/bench.sh"
	@echo "make clean            remove build/ and test output (distclean: also .cache/ and the venvs)"

# ---------------------------------------------------------------- set-up

venv: $(STAMP)

$(STAMP):
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r tests/requirements.txt -r requirements.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

venv-next: $(STAMP_NEXT)

$(STAMP_NEXT):
	@test -x $(VENV_NEXT)/bin/python || $(NEXT_PYTHON) -m venv $(VENV_NEXT)
	$(VENV_NEXT)/bin/python -m pip install -q --upgrade pip
	$(VENV_NEXT)/bin/python -m pip install -q -r tests/requirements-next.txt -r requirements.txt
	@rm -f $(VENV_NEXT)/.installed-*
	@touch $@

# Always re-pointed (cheap), so a moved checkout never keeps a stale link.
tree:
	@mkdir -p $(dir $(COLL_LINK))
	@ln -sfn $(CURDIR) $(COLL_LINK)

# ---------------------------------------------------------------- test

# Cheapest first, so a broken tree fails in seconds: static checks, unit
# tests (seconds), ansible-test sanity (~15 s warm), galaxy-importer (~6 s),
# then the suites that run real playbooks, and the second ansible-core line.
test: lint units sanity galaxy-importer integration compat
	@echo "make test: all checks passed"

lint: ruff yamllint changelog-lint ansible-lint docs-lint

ruff: venv
	$(BIN)/ruff check .

yamllint: venv
	$(BIN)/yamllint --strict .

ansible-lint: venv tree
	ANSIBLE_COLLECTIONS_PATH=$(COLLECTIONS) PATH=$(BIN):$$PATH $(BIN)/ansible-lint --offline

changelog-lint: venv
	$(BIN)/antsibull-changelog lint

# antsibull-docs loads the plugins through ansible-doc, which needs the
# ansible_collections/<ns>/<name> layout: run it inside the symlinked tree.
docs-lint: venv tree
	cd $(COLL_LINK) && ANSIBLE_COLLECTIONS_PATH=$(COLLECTIONS) PATH=$(BIN):$$PATH \
		$(BIN)/antsibull-docs lint-collection-docs --plugin-docs .

# ansible-test needs a physical ansible_collections/runbeam/cloud folder and a
# stand-in for its get-pip download: see hack/sanity.sh.
sanity: venv
	hack/sanity.sh $(BIN)

units: venv tree
	hack/pytest.sh $(VENV) tests/unit

integration: venv tree
	hack/pytest.sh $(VENV) tests/integration

# The second ansible-core line. Skipped (loudly, without failing) on a machine
# that lacks the Python it needs.
compat: tree
	@if [ -x "$(NEXT_PYTHON)" ]; then \
		$(MAKE) --no-print-directory venv-next && \
		hack/pytest.sh $(VENV_NEXT) tests/unit tests/integration; \
	else \
		echo "compat: NOT TESTED on the newer ansible-core line (2.21): $(NEXT_PYTHON) does not exist (set NEXT_PYTHON to a Python >= 3.12)"; \
	fi

galaxy-importer: venv
	hack/galaxy-importer.sh $(BIN)

# ---------------------------------------------------------------- demo, bench

demo: venv tree
	hack/demo.sh $(BIN)

bench: venv tree
	@if [ -x hack/bench.sh ]; then PATH=$(BIN):$$PATH ANSIBLE_COLLECTIONS_PATH=$(COLLECTIONS) hack/bench.sh; \
	else echo "bench: hack/bench.sh does not exist yet"; exit 1; fi

# clean keeps the venvs (slow to rebuild); distclean removes them too.
clean:
	rm -rf build tests/output collections .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -not -path './.git/*' -not -path './.venv*' -prune -exec rm -rf {} +

distclean: clean
	rm -rf .cache .venv .venv-next
