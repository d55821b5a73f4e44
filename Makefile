# Two commands for a fresh machine: `make demo` and `make test`. Both create .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLE := data/example
STUDY := --study $(EXAMPLE)/study.toml
SK := COLUMNS=120 $(BIN)/studykit

.PHONY: demo example test lint format reproduce lock clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)  ## run the example study end to end into reports/example/
	rm -rf $(EXAMPLE)/processed
	$(SK) mine $(STUDY) --replay $(EXAMPLE)/archive
	$(SK) clone $(STUDY)
	$(SK) link $(STUDY)
	$(SK) sample $(STUDY)
	$(SK) sheets export $(STUDY) --rater alice --round 2
	$(SK) sheets import $(STUDY) --codebook $(EXAMPLE)/codebook-v1.yaml $(EXAMPLE)/codings/round-1/*.csv
	$(SK) sheets import $(STUDY) $(EXAMPLE)/codings/round-2/*.csv
	$(SK) agree $(STUDY)
	$(SK) disagreements $(STUDY) --round 2 --limit 5 -o $(EXAMPLE)/processed/adjudication-round-2.csv
	$(SK) consensus $(STUDY) --round 2 --adjudication $(EXAMPLE)/codings/adjudication-round-2.csv
	$(SK) import participants $(STUDY)
	$(SK) import transcripts $(STUDY)
	$(SK) import transcripts $(STUDY) --redact
	$(SK) import qdpx $(STUDY) $(EXAMPLE)/interviews/example.qdpx
	$(SK) agree $(STUDY) --codebook $(EXAMPLE)/interviews/codebook.yaml --round interviews
	$(SK) consensus $(STUDY) --round interviews
	$(SK) sheets export-qdpx $(STUDY) -o $(EXAMPLE)/processed/interviews.qdpx
	$(SK) import survey $(STUDY)
	$(SK) analyze interviews saturation $(STUDY)
	$(SK) analyze survey compare $(STUDY) --format markdown
	$(SK) import runs $(STUDY)
	$(SK) analyze techniques $(STUDY)
	$(SK) screen simulate $(STUDY) -d discovery_stage --relevant deployment -o $(EXAMPLE)/processed/screening
	$(SK) suggest evaluate $(STUDY) -d defect_type
	$(SK) report $(STUDY)
	$(SK) db info $(STUDY)

example: $(STAMP)  ## regenerate the synthetic data of data/example/ (byte-identical)
	$(BIN)/python -m tools.example_study

test: $(STAMP)  ## run the test suite (PostgreSQL tests need STUDYKIT_TEST_POSTGRES_URL)
	$(BIN)/pytest -q -n 2

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

SHARED := ../shared/datasets
REPRODUCTIONS := jiang-emse24 humbatova-icse20

reproduce: $(STAMP)  ## re-derive the published studies' numbers from ../shared/datasets
	@if [ ! -d $(SHARED) ]; then echo "reproduce: $(SHARED) is absent, nothing to reproduce"; exit 0; fi; \
	status=0; \
	for s in $(REPRODUCTIONS); do \
	  [ -f data/$$s/study.toml ] || continue; \
	  echo "== $$s"; \
	  rm -rf data/$$s/processed; \
	  $(SK) import --study data/$$s/study.toml > /dev/null || exit 2; \
	  if grep -q '^\[interviews\]' data/$$s/study.toml; then \
	    $(SK) import participants --study data/$$s/study.toml > /dev/null || exit 2; \
	    $(SK) import transcripts --study data/$$s/study.toml > /dev/null || exit 2; \
	  fi; \
	  $(SK) report --study data/$$s/study.toml || exit 2; \
	  $(SK) check --study data/$$s/study.toml || status=1; \
	done; \
	exit $$status

lock: $(STAMP)  ## refresh constraints.txt from the current environment
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^studykit' > constraints.txt

clean:
	rm -rf $(VENV) $(EXAMPLE)/processed reports/example
	rm -rf data/jiang-emse24/processed data/humbatova-icse20/processed reports/jiang-emse24 reports/humbatova-icse20
