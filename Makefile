# Two commands for a fresh machine with only Python: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install system-deps run test lint bench bench-scale dev defs dbt-parse clean dashboard superset superset-install test-superset

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,dashboard]'
	@touch $(STAMP)

install: $(STAMP)

## run: generate the sample corpus, materialize every asset, print what landed
run: install
	$(BIN)/jixiao run

## system-deps: Debian packages some tests need (CJK font, LibreOffice, tesseract), when missing
system-deps:
	@bash scripts/system_deps.sh

## test: the whole test suite (extractors, warehouse, dbt build, Dagster end to end, both dashboards in
## chromium), as CI runs it. Superset is installed into its own .venv-superset first; its tests run with
## the rest and fail, never skip, if that environment is missing. `make test SUPERSET=0` leaves Superset
## out (no install; its tests skip when .venv-superset is absent) for a quicker local run.
SUPERSET ?= 1
test: install system-deps $(if $(filter 1,$(SUPERSET)),superset-install)
	JIXIAO_REQUIRE_SUPERSET=$(SUPERSET) $(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check ingest warehouse pipelines tests dashboards

## bench: extraction speed vs pdfplumber alone, and peak memory
bench: install
	$(BIN)/jixiao bench

## bench-scale: back-fill generated corpora (SIZES, default 1000,10000), a night with nothing new, a night
## with 10 new files; seconds per file, load ms per file, peak memory, ratios, national-year extrapolation
## (ENGINE=dask extracts on a Dask local cluster)
SIZES ?= 1000,10000
ENGINE ?= local
bench-scale: install
	$(BIN)/python scripts/bench_scale.py --sizes $(SIZES) --engine $(ENGINE)

## dashboard: the built-in dashboard on the serving copy (run `make run` first), on 127.0.0.1
DASHBOARD_PORT ?= 8501
dashboard: install
	@$(BIN)/python -c "from warehouse.serving import serving_db_path as p; import sys; \
		sys.exit(0 if p().exists() else 'nothing published yet at ' + str(p()) + ': run make run first')"
	@echo "jixiao dashboard: http://127.0.0.1:$(DASHBOARD_PORT)/  (Ctrl-C stops it)"
	$(BIN)/streamlit run dashboards/app.py --server.address 127.0.0.1 --server.port $(DASHBOARD_PORT) \
		--server.headless true --browser.gatherUsageStats false --client.toolbarMode viewer

## superset: Apache Superset (own venv, .venv-superset) with the jixiao dashboard imported, on 127.0.0.1.
## Its install writes nothing outside the clone (no pip cache): about 80 s from scratch.
SUPERSET_VENV := .venv-superset
SUPERSET_STAMP := $(SUPERSET_VENV)/.installed-stamp
SUPERSET_PORT ?= 8088
$(SUPERSET_STAMP): dashboards/superset/requirements.txt dashboards/superset/constraints.txt
	@test -x $(SUPERSET_VENV)/bin/python || $(PY) -m venv $(SUPERSET_VENV)
	$(SUPERSET_VENV)/bin/python -m pip install -q --no-cache-dir --upgrade pip
	$(SUPERSET_VENV)/bin/python -m pip install -q --no-cache-dir -r dashboards/superset/requirements.txt \
		-c dashboards/superset/constraints.txt
	@touch $(SUPERSET_STAMP)

superset-install: $(SUPERSET_STAMP)

superset: install $(SUPERSET_STAMP)
	$(BIN)/python dashboards/superset/provision.py --serve --port $(SUPERSET_PORT)

## test-superset: only the Superset tests (bundle imported, chart data, native filters, a screenshot)
test-superset: install system-deps $(SUPERSET_STAMP)
	JIXIAO_REQUIRE_SUPERSET=1 $(BIN)/python -m pytest -q tests/test_superset.py

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
