# Everything here works from a clean clone with only Python 3.11+ and make:
# Python packages go into .venv; Graphviz's `dot` is installed where we run as root.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
FLAGSHIP := arguments/beijing-parade.yaml

.PHONY: demo test docs bench graphviz system-packages bytecode clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "argmap needs Python 3.11 or newer (found $$($(PYTHON) --version))" >&2; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

# An editable install leaves the package's bytecode to be compiled on first import, and where
# PYTHONDONTWRITEBYTECODE is set that happens at every start (about 0.1 s): compile it here.
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q argmap

# Programs from the OS the tests need: Graphviz's `dot` renders diagrams, poppler's `pdfinfo` and
# `pdffonts` read the PDFs `render --paper` writes, and Chromium with its driver opens the HTML page.
# Each is installed through apt where we may (as root on Debian/Ubuntu), else we say what to do.
SYSTEM_PROGRAMS := dot:graphviz pdfinfo:poppler-utils chromium:chromium chromedriver:chromium-driver
system-packages:
	@missing=""; for pair in $(SYSTEM_PROGRAMS); do \
	  command -v $${pair%%:*} >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian packages:$$missing"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null) || exit 1; \
	  else \
	    echo "Missing programs; install the packages$$missing (Debian/Ubuntu: sudo apt-get install$$missing; macOS: brew install graphviz poppler chromium chromedriver)" >&2; exit 1; \
	  fi; fi

# Only Graphviz (`make graphviz`), where the browser is not wanted; `make docs` needs the browser too, for a screenshot.
graphviz:
	@command -v dot >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Graphviz (Debian package graphviz)"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null) || exit 1; \
	  else \
	    echo "Graphviz's dot is missing: install it (Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install graphviz)" >&2; exit 1; \
	  fi; }

demo: bytecode
	$(BIN)/argmap check $(FLAGSHIP)
	$(BIN)/argmap tree $(FLAGSHIP)
	$(BIN)/argmap evaluate $(FLAGSHIP) --explain bloc-confrontation --cruxes

test: $(STAMP) system-packages
	$(BIN)/mypy argmap
	$(BIN)/ruff check argmap
	$(BIN)/python -m pytest -n auto --maxprocesses 8

docs: $(STAMP) system-packages
	$(BIN)/argmap rules --format markdown -o docs/rules.md
	$(BIN)/argmap schema -o docs/argmap.schema.json
	$(BIN)/python docs/update_schemes.py
	$(BIN)/argmap render $(FLAGSHIP) --legend -o docs/beijing-parade.dot
	$(BIN)/argmap render $(FLAGSHIP) --legend -o docs/beijing-parade.svg
	$(BIN)/argmap render $(FLAGSHIP) --legend -o docs/beijing-parade.html && $(BIN)/python docs/screenshot.py docs/beijing-parade.html docs/beijing-parade-page.png --select calculated-convergence
	$(BIN)/python docs/update_readme.py

bench: bytecode
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
