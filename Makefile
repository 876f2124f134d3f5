# Two entry points (see README):
#   make book   -> set-up if needed (Chromium included), then build the default book and its PDF
#                  (_build/book/_build/html/aaas.pdf, beside aaas-tableaux.xlsx; without Chromium
#                  the HTML is built and one line says the PDF was skipped)
#   make pdf    -> the same, but a missing Chromium is an error
#   make test   -> set-up if needed (Chromium included), then run every test (ruff, pytest
#                  with doctests, nbval, browser, the fault suite)
#   make test-slow -> the fault suite's exhaustive command-line sweeps (CI runs it too)
#   make release -> dist/: the wheel, the source archive, the built book as an archive, its PDF
#                  and its spreadsheet, and SHA256SUMS (builds the book first if its PDF is missing)
# make setup also makes a second environment, .venv-3.13 (the newest Python supported, found on
# PATH or among pyenv's versions by tests/packaging/interpreters.py), with the pinned core and
# test stack of requirements-core.txt: make test runs the model, formula, check, command-line
# and input-fault tests there too (tests/packaging/newest.args).
# The browser tests find Chromium through AAAS_CHROMIUM, else chromium / chromium-browser /
# google-chrome on PATH; the .chromium stamp installs Debian's package when none is there
# (CI runs as root on Debian).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CHROMIUM_STAMP := $(VENV)/.chromium
NODE_STAMP := payroll/node_modules/.installed
VENV_NEWEST := .venv-3.13
NEWEST_STAMP := $(VENV_NEWEST)/.installed
HTML := _build/book/_build/html
# pytest's workers (pytest-xdist): the checkout's own book in one, the other modules spread (tests/conftest.py)
TEST_WORKERS ?= 2

.PHONY: book pdf test test-rapide test-slow setup tables check refresh-notebooks clean payroll release

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

$(NEWEST_STAMP): requirements-core.txt
	@NEWEST=$$($(PYTHON) tests/packaging/interpreters.py 3.13) || exit 1; \
	test -x $(VENV_NEWEST)/bin/python || "$$NEWEST" -m venv $(VENV_NEWEST)
	$(VENV_NEWEST)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-core.txt
	touch $(NEWEST_STAMP)

$(CHROMIUM_STAMP): $(STAMP)
	@if [ -n "$$AAAS_CHROMIUM" ]; then \
		command -v "$$AAAS_CHROMIUM" >/dev/null || { echo "AAAS_CHROMIUM=$$AAAS_CHROMIUM : introuvable" >&2; exit 1; }; \
	elif command -v chromium >/dev/null || command -v chromium-browser >/dev/null || command -v google-chrome >/dev/null; then \
		:; \
	else \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	fi
	touch $(CHROMIUM_STAMP)

# The pinned payroll rules (publicodes + modele-social): for the regeneration test and `make payroll`.
$(NODE_STAMP): payroll/package-lock.json
	npm ci --prefix payroll --no-audit --no-fund
	touch $(NODE_STAMP)

setup: $(STAMP) $(NEWEST_STAMP) $(CHROMIUM_STAMP) $(NODE_STAMP)

# Regenerate the committed payroll grid from the pinned rules (Node; no network once
# installed). The grid (gross -> payroll, by period) covers the years PAIE_ANNEES (comma-separated;
# modele-social 11.1.0 holds only the 2026 general reduction); it takes about two minutes.
PAIE_ANNEES ?= 2026

payroll: $(NODE_STAMP)
	@command -v node >/dev/null || { echo "make payroll : Node introuvable (Node ≥ 20 requis pour régénérer la grille ; le livre et aaas n'en ont pas besoin)" >&2; exit 2; }
	@test -d payroll/node_modules/modele-social || { echo "make payroll : paquet modele-social absent : lancer « npm ci --prefix payroll »" >&2; exit 2; }
	node payroll/generate.mjs --grille --annees $(PAIE_ANNEES) > data/paie_regles.csv.tmp
	mv data/paie_regles.csv.tmp data/paie_regles.csv

book: $(STAMP) $(CHROMIUM_STAMP)
	$(BIN)/aaas tables synthese
	$(BIN)/aaas build

pdf: $(STAMP) $(CHROMIUM_STAMP)
	$(BIN)/aaas build --pdf

tables: $(STAMP)
	$(BIN)/aaas tables

check: $(STAMP)
	$(BIN)/aaas check

test: $(STAMP) $(NEWEST_STAMP) $(CHROMIUM_STAMP) $(NODE_STAMP)
	$(BIN)/ruff check aaas tests benchmarks tools setup.py
	$(BIN)/ruff format --check aaas tests benchmarks tools setup.py
	$(BIN)/aaas check
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadscope --durations=15 tests aaas
	$(VENV_NEWEST)/bin/python -m pytest -n $(TEST_WORKERS) @tests/packaging/newest.args
	$(BIN)/python -m pytest --nbval notebooks/ --nbval-sanitize-with tests/nbval_sanitize.cfg

# The fast loop (under a minute): formulas, models, checks, sensitivity, rendering, the command
# line and the house's own tests, with the doctests of those layers; no book, no browser, no
# notebook, no second interpreter. make test stays the CI command.
RAPIDE := tests/formulas tests/models tests/checks tests/sensitivity tests/present tests/atlas tests/test_*.py \
	aaas/formulas aaas/models aaas/checks aaas/sensitivity aaas/present aaas/fmt.py aaas/labels.py

test-rapide: $(STAMP)
	$(BIN)/ruff check aaas tests benchmarks tools setup.py
	$(BIN)/python -m pytest -n $(TEST_WORKERS) -q -p no:cacheprovider $(RAPIDE)

# The slow tier: the exhaustive command-line sweeps of the fault suite (tests marked slow);
# .ci/run runs it after make test.
test-slow: $(STAMP)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadscope --slow -m slow tests

# Deliberately re-execute the committed notebooks in place (default scenario) after an
# intended change, so that nbval compares against the new stored outputs.
refresh-notebooks: $(STAMP)
	$(BIN)/python -c "from aaas.publish.build import refresh_notebooks; refresh_notebooks()"

# The release files (dist/, replaced as a whole); their version is the tag's (git tag vX.Y.Z).
release: $(STAMP) $(CHROMIUM_STAMP)
	test -f $(HTML)/aaas.pdf || $(BIN)/aaas build --pdf
	$(BIN)/python tools/release.py --html $(HTML) --dist dist

clean:
	rm -rf _build dist build
