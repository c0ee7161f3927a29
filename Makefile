# The one entry point: make run, make test, make lint, make bench, make fuzz, make docs, make messages,
# make pictures.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint fuzz bench docs messages pictures clean

# compileall: an editable install writes no bytecode, and where PYTHONDONTWRITEBYTECODE is set
# Python never does, so every run would compile orgmodel's modules from source (0.1 s of a check);
# a wheel install compiles them. `make bench` compiles again before it times anything.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m compileall -q orgmodel
	touch $(STAMP)

run: $(STAMP)  ## create the venv, install, and check the shipped models
	$(BIN)/orgmodel check models/

# -n auto: pytest-xdist runs the suite on every core (2 workers here: 105 s instead of 175 s).
# compileall first: the tests start orgmodel in many fresh processes, and where Python writes no
# bytecode itself (PYTHONDONTWRITEBYTECODE, set on this machine) each would compile every module again
test: $(STAMP)  ## the test suite (fuzzing at 200 examples; the long run is make fuzz)
	$(BIN)/python -m compileall -q orgmodel > /dev/null
	$(BIN)/python -m pytest -m "not slow" -n auto

lint: $(STAMP)  ## ruff, mypy and the import layers (import-linter)
	$(BIN)/ruff check orgmodel tests tools
	$(BIN)/ruff format --check orgmodel tests tools
	$(BIN)/mypy orgmodel
	$(BIN)/lint-imports

fuzz: $(STAMP)  ## 10,000 hypothesis examples against check (loader and engine), diff and trace
	ORGMODEL_FUZZ_EXAMPLES=10000 $(BIN)/python -m pytest -m slow -p no:cacheprovider

bench: $(STAMP)  ## time check against the parse floor and yamllint
	$(BIN)/python tests/benchmarks/bench.py

docs: $(STAMP)  ## regenerate docs/rules/*.md and the README's rule table from the rule classes
	$(BIN)/python -m orgmodel.docgen

messages: $(STAMP)  ## extract the messages, update orgmodel/locale/nb/.../orgmodel.po, compile the .mo
	$(BIN)/python tools/messages.py

pictures: $(STAMP)  ## docs/images/chart.png and diff.png: real render and diff runs, shot in Chromium
	$(BIN)/python tools/screenshots.py

clean:
	rm -rf $(VENV) bench .pytest_cache .mypy_cache .ruff_cache
