# Two commands for a fresh machine: `make demo` and `make test`. Both create .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLE := data/example
STUDY := --study $(EXAMPLE)/study.toml

.PHONY: demo test lint format reproduce lock clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)  ## run the example study end to end into reports/example/
	rm -f $(EXAMPLE)/processed/study.sqlite
	$(BIN)/studykit mine $(STUDY) --replay $(EXAMPLE)/archive
	$(BIN)/studykit sample $(STUDY)
	$(BIN)/studykit db info $(STUDY)

test: $(STAMP)  ## run the test suite (PostgreSQL tests need STUDYKIT_TEST_POSTGRES_URL)
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

lock: $(STAMP)  ## refresh constraints.txt from the current environment
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^studykit' > constraints.txt

clean:
	rm -rf $(VENV) $(EXAMPLE)/processed reports/example
