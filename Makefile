PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test

.PHONY: run test check lint typecheck pytest pytest-fast pytest-app bench screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

# the test tools and the optional .ics export (icalendar), so the .ics test runs, not skips
$(TSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test,ics]'
	touch $@ $(STAMP)

run: $(STAMP)
	$(BIN)/chair-tui --demo

lint: $(TSTAMP)
	$(BIN)/ruff check chair_tui tests benchmarks docs
	$(BIN)/ruff format --check chair_tui tests benchmarks docs

typecheck: $(TSTAMP)
	$(BIN)/mypy

# Every test, two workers per core: a test that drives the app spends much of its time waiting
# for the next frame, so four workers on two cores finish in about two thirds of the time two
# take (measured: 130 s against 205 s for the whole suite).  The tests of one xdist_group (the
# real IRC network, the `serial` ones) stay on one worker.  PYTEST_ARGS adds options, e.g.
# PYTEST_ARGS=--lf.
XDIST ?= -n $(WORKERS) --dist loadgroup
WORKERS ?= $(shell $(PYTHON) -c "import os; print(2 * (len(os.sched_getaffinity(0)) or 1))")

pytest: $(TSTAMP)
	$(BIN)/python -m pytest -q $(XDIST) $(PYTEST_ARGS)

# The edit loop's tests: no real IRC network, no long reliability runs, no test that drives the
# app (Pilot or a snapshot: `make pytest-app` runs those), no linear-time check (each times
# runs of growing inputs), and fewer examples per property.
CHECK_EXAMPLES ?= 60

pytest-fast: $(TSTAMP)
	CHAIR_TUI_HYPOTHESIS_EXAMPLES=$(CHECK_EXAMPLES) $(BIN)/python -m pytest -q $(XDIST) \
		-m "not slow and not integration and not app and not timing" $(PYTEST_ARGS)

pytest-app: $(TSTAMP)
	$(BIN)/python -m pytest -q $(XDIST) -m "app and not slow and not integration" $(PYTEST_ARGS)

# The one gate: lint, types and every test, the real-bot tests included.
test: lint typecheck pytest

# The edit loop's subset (under 45 s): lint, types and the fast tests.
check: lint typecheck pytest-fast

bench: $(TSTAMP)
	$(BIN)/python -m benchmarks

screenshots: $(STAMP)
	$(BIN)/python docs/images/screenshots.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
