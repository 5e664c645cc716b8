# The few commands everyone uses. The logic lives in scripts/; see README.md.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

.DEFAULT_GOAL := help
.PHONY: help run test fuzz lint format messages bench

help:
	@echo "make run        install, migrate, load demo data, serve on http://127.0.0.1:8000"
	@echo "make test       lint, checks, the whole suite on SQLite and on PostgreSQL, and fuzz"
	@echo "make fuzz       schemathesis over the whole API (FUZZ_SECONDS=210 by default)"
	@echo "make lint       ruff check + ruff format --check"
	@echo "make format     ruff format + import order fixes"
	@echo "make messages   update every zh_Hans catalog and compile them"
	@echo "make bench      run bench/*.py (or only AREA=orgs)"

# Reinstall only when pyproject.toml changed: the stamps live inside the venv, so a
# fresh venv always installs.
$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	bash scripts/run.sh

test: $(VENV)/.installed-test
	bash scripts/test.sh

fuzz: $(VENV)/.installed-test
	bash scripts/fuzz.sh

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-test
	$(VENV)/bin/ruff check --select I --fix .
	$(VENV)/bin/ruff format .

messages: $(VENV)/.installed
	bash scripts/messages.sh

bench: $(VENV)/.installed
	bash scripts/bench.sh $(AREA)
