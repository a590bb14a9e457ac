# Two commands for a fresh machine with only Python: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install system-deps run test lint bench bench-scale dev defs dbt-parse clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

## run: generate the sample corpus, materialize every asset, print what landed
run: install
	$(BIN)/jixiao run

## system-deps: Debian packages some tests need (CJK font, LibreOffice, tesseract), when missing
system-deps:
	@bash scripts/system_deps.sh

## test: the whole test suite (extractors, warehouse, dbt build, Dagster end to end)
test: install system-deps
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check ingest warehouse pipelines tests

## bench: extraction speed vs pdfplumber alone, and peak memory
bench: install
	$(BIN)/jixiao bench

## bench-scale: back-fill generated corpora (SIZES, default 1000,10000), a night with nothing new, a night
## with 10 new files; seconds per file, load ms per file, peak memory, ratios, national-year extrapolation
SIZES ?= 1000,10000
bench-scale: install
	$(BIN)/python scripts/bench_scale.py --sizes $(SIZES)

## dev: the Dagster UI on http://127.0.0.1:3000
dev: install
	mkdir -p .dagster_home && cp -n pipelines/dagster.yaml .dagster_home/dagster.yaml || true
	DAGSTER_HOME=$(CURDIR)/.dagster_home $(BIN)/dagster dev -m pipelines.definitions

## defs: validate the Dagster definitions and list assets, checks, the job, schedule and sensor
defs: install
	$(BIN)/dg check defs
	$(BIN)/dg list defs

dbt-parse: install
	cd dbt_project && ../$(BIN)/dbt parse --profiles-dir . --project-dir .

clean:
	rm -rf warehouse/*.duckdb warehouse/serving warehouse/inbox warehouse/demo_inbox warehouse/samples_inbox .dagster_home dbt_project/target
