# Two commands for a fresh machine with Python 3.11, git and make:
#   make demo   — set up .venv and run the whole lifecycle on the embedded defaults
#   make test   — set up .venv and run the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_DIR ?= demo-output

.PHONY: demo test lint setup clean bench

$(STAMP): pyproject.toml plugins/odwb-assist-belgium/pyproject.toml plugins/odwb-assist-programme/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]" -e plugins/odwb-assist-belgium -e plugins/odwb-assist-programme
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/odwb-assist demo --output $(DEMO_DIR)

test: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/check_speed.py

clean:
	rm -rf $(VENV) $(DEMO_DIR)
