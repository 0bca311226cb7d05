# Two commands for a fresh machine with Python 3.11, git and make:
#   make demo   — set up .venv and run the whole lifecycle on the embedded defaults
#   make test   — set up .venv and run the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_DIR ?= demo-output

.PHONY: demo test lint setup clean bench browser jsclient constraints

INSTALL := -e ".[dev,browser,clients]" -e plugins/odwb-assist-belgium -e plugins/odwb-assist-programme

$(STAMP): pyproject.toml plugins/odwb-assist-belgium/pyproject.toml plugins/odwb-assist-programme/pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install -qq -c constraints.txt $(INSTALL)
	@$(MAKE) --no-print-directory browser jsclient
	touch $(STAMP)

setup: $(STAMP)

# Headless Chromium for the browser checks of the HTML outputs (Debian's package; best effort:
# without it those checks are skipped with a message).
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's chromium for the browser checks..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 \
	      || echo "chromium could not be installed: browser checks will be skipped."; \
	  else echo "chromium not found (install it for the browser checks; they are skipped without it)."; fi; }

# The vendor's JavaScript Explore client, for the test that runs it against the sandbox (best effort: with
# npm only; without it that test is skipped with a message).
jsclient:
	@command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1 \
	  && (npm install --silent --no-audit --no-fund --prefix $(VENV)/js @opendatasoft/api-client >/dev/null 2>&1 \
	      || echo "@opendatasoft/api-client could not be installed: its test will be skipped.") \
	  || echo "node/npm not found: the vendor JavaScript client test will be skipped."

demo: $(STAMP)
	$(BIN)/odwb-assist demo --output $(DEMO_DIR)

test: $(STAMP)
	$(BIN)/python -m pip check
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -p no:cacheprovider -n auto --dist worksteal

# Refresh constraints.txt (the versions development and CI install) from a fresh resolution of the
# bounds in the pyproject files; review the diff, run make test, commit both.
constraints:
	rm -rf .venv-constraints
	$(PYTHON) -m venv .venv-constraints
	.venv-constraints/bin/python -m pip install --quiet --upgrade pip
	.venv-constraints/bin/python -m pip install -qq $(INSTALL)
	{ echo "# Versions that make test and CI install (pip install -c constraints.txt). Refresh with: make constraints"; \
	  .venv-constraints/bin/python -m pip freeze --exclude-editable | grep -v '^odwb'; } > constraints.txt
	rm -rf .venv-constraints

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/check_speed.py

clean:
	rm -rf $(VENV) $(DEMO_DIR)
