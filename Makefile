# Two commands on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=
# The suite runs on two processes (pytest-xdist), each with its own test database and Redis database.
TEST_PROCESSES ?= 2
BENCH_PERSONAS ?= 1000000
BENCH_ARGS ?=
BENCH_RECALC_PERSONAS ?= 1000000
BENCH_RECALC_ARGS ?=

.PHONY: run test install lint format browser clean bench

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

# The demo plays the ranked game on small boards, so its handful of personas fill Gold, Silver and
# Bronze and the ladders (metrics/demo.py); values from the environment win.
run: export METRICS_BAND_SIZES ?= 2,2,2
run: export METRICS_RANKED_CAPS ?= 2,2,1,1
run: export METRICS_RANKED_LEVELS ?= 5,10,15,20
run: export METRICS_MIN_REVIEWERS ?= 2
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install browser
	$(BIN)/pytest -n $(TEST_PROCESSES) $(PYTEST_ARGS)

browser:
	@bash scripts/ensure_test_tools.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles test-artifacts

bench: install
	$(BIN)/python benchmarks/persona_list.py
	$(BIN)/python benchmarks/recalculation.py --personas $(BENCH_RECALC_PERSONAS) $(BENCH_RECALC_ARGS)
	$(BIN)/python benchmarks/scale.py --personas $(BENCH_PERSONAS) $(BENCH_ARGS)
