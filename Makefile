# Two entry points (see README):
#   make book   -> set-up if needed, then build the default book
#   make test   -> set-up if needed, then run every test (ruff, pytest with doctests, nbval, browser)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: book test setup tables check refresh-notebooks clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

book: $(STAMP)
	$(BIN)/aaas tables synthese
	$(BIN)/aaas build

tables: $(STAMP)
	$(BIN)/aaas tables

check: $(STAMP)
	$(BIN)/aaas check

test: $(STAMP)
	$(BIN)/ruff check aaas tests benchmarks
	$(BIN)/ruff format --check aaas tests benchmarks
	$(BIN)/aaas check
	$(BIN)/python -m pytest tests aaas
	$(BIN)/python -m pytest --nbval notebooks/ --nbval-sanitize-with tests/nbval_sanitize.cfg

# Deliberately re-execute the committed notebooks in place (default scenario) after an
# intended change, so that nbval compares against the new stored outputs.
refresh-notebooks: $(STAMP)
	$(BIN)/python -c "from aaas.publish.build import refresh_notebooks; refresh_notebooks()"

clean:
	rm -rf _build
