# Two commands do everything on a fresh clone: `make run` and `make test`.
# The virtual environment is created once and reused; installs are redone
# only when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check
RUN_STAMP  := $(VENV)/.installed-run
# The browser tests drive Debian's Chromium (Playwright's own browser download cannot
# work here); installed when missing, so a clean clone passes `make test`.
CHROMIUM   := /usr/bin/chromium
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test lint typecheck bench fuzz clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): pyproject.toml | $(PY)
	$(PIP) install -q -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(PY)
	$(PIP) install -q -e '.[test]'
	touch $@ $(RUN_STAMP)

$(CHROMIUM):
	if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium

run: $(RUN_STAMP)
	$(VENV)/bin/standoff brief

lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check src tests benchmarks scripts
	$(VENV)/bin/vulture

typecheck: $(TEST_STAMP)
	$(VENV)/bin/mypy src/standoff

test: $(TEST_STAMP) $(CHROMIUM) lint typecheck
	$(PY) -m pytest

bench: $(TEST_STAMP)
	$(PY) benchmarks/run.py

# The long fuzzing campaign (scripts/fuzz.py): 100,000 reader inputs and 10,000 each for
# ingest, score and scenarios, niced, one worker per core; crashes land in
# tests/data/fuzz-corpus/.
FUZZ_JOBS ?= $(shell nproc 2>/dev/null || echo 1)
fuzz: $(TEST_STAMP)
	nice -n 19 $(PY) scripts/fuzz.py --jobs $(FUZZ_JOBS) $(FUZZ_ARGS)

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
