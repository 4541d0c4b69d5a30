# ketacover: two commands on a fresh machine with only Python 3.11.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test test-postgres lint typecheck unit bench clean golden bench-load bench-faults

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# The demo keeps its data in ./var (SQLite, secret key); plain http on 127.0.0.1 only.
demo: $(STAMP)
	KETACOVER_DATA_DIR=var $(BIN)/ketacover demo examples/
	@echo "Open http://127.0.0.1:8000/ and log in as demo / ketacover-demo (Ctrl-C stops it)."
	KETACOVER_DATA_DIR=var KETACOVER_HTTPS=0 $(BIN)/ketacover serve --host 127.0.0.1 --port 8000

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest --cov --cov-report=term --cov-fail-under=90 -q -p no:cacheprovider
	@echo "core branch coverage, percent (at least 95):"
	@$(BIN)/coverage report --include='src/ketacover/core/*' --fail-under=95 --format=total

test: lint typecheck unit

# The web tests again on PostgreSQL (127.0.0.1:5432, database "test"), when it is reachable.
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
test-postgres: $(STAMP)
	@if $(BIN)/python -c "import psycopg; psycopg.connect('$(POSTGRES_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest -q -p no:cacheprovider tests/web; \
	else echo "PostgreSQL is not reachable at $(POSTGRES_URL): skipped the PostgreSQL run"; fi

bench: $(STAMP)
	$(BIN)/python bench/run.py

# Load (50 users, 5 minutes) and faults (SIGKILL during writes) against `ketacover serve`, on
# SQLite and on a scratch PostgreSQL database; results into bench/README.md.
bench-load: $(STAMP)
	$(BIN)/python bench/load.py --minutes 5 --users 50 --db both

bench-faults: $(STAMP)
	$(BIN)/python bench/faults.py --cycles 5 --db both

golden: $(STAMP)
	KETACOVER_UPDATE_GOLDEN=1 $(BIN)/pytest -q tests/examples

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .coverage build src/*.egg-info
