"""A reader in another process keeps querying the serving copy while a full pipeline run (ingest, dbt
build, publish) loads a new report: neither fails, and every answer the reader gets is one published
state — the old one or the new one, never a mix of the two."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from e2e_build import failure_text, run_job

from ingest.samples import generate_corpus

pytestmark = pytest.mark.slow
PROJECT = Path(__file__).resolve().parents[1]

# Each answer reads, in one connection, the publication's version, the row counts it recorded for
# every table, and the real row counts: they must agree, whatever version the reader landed on.
READER = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from warehouse.serving import connect_serving

    stop = Path(sys.argv[1])
    answers, errors = {}, []
    deadline = time.monotonic() + 600
    while not stop.exists() and time.monotonic() < deadline:
        try:
            c = connect_serving()
            try:
                (version,) = c.execute("SELECT version FROM publication").fetchone()
                recorded = dict(c.execute("SELECT table_name, row_count FROM published_tables").fetchall())
                actual = {t: c.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in recorded}
                docs = c.execute("SELECT count(*) FROM dim_document").fetchone()[0]
            finally:
                c.close()
        except Exception as e:  # noqa: BLE001 - any failure of a reader is what this test looks for
            errors.append(f"{type(e).__name__}: {e}")
            continue
        if actual != recorded:
            errors.append(f"MIXED STATE in {version}: {actual} vs {recorded}")
        answers.setdefault(version, set()).add(docs)
        time.sleep(0.05)
    print(json.dumps({"answers": {v: sorted(d) for v, d in answers.items()}, "errors": errors[:5]}))
""")


def test_reader_sees_old_or_new_state_while_a_full_run_publishes(
    module_jixiao_env, dbt_manifest: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    corpus = tmp_path_factory.mktemp("corpus")
    manifest = generate_corpus(corpus, n_units=1)
    names = sorted(manifest["files"])
    held_back = names[-1]
    for name in names[:-1]:
        (module_jixiao_env.inbox / name).write_bytes((corpus / name).read_bytes())

    first = run_job()
    assert first.success, failure_text(first)

    stop = module_jixiao_env.root / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(stop)], cwd=module_jixiao_env.root, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(PROJECT)},
    )
    try:
        time.sleep(1.0)
        assert reader.poll() is None, reader.communicate()
        (module_jixiao_env.inbox / held_back).write_bytes((corpus / held_back).read_bytes())
        second = run_job()  # the whole job: the writer is never blocked by the reader
        assert second.success, failure_text(second)
        time.sleep(1.0)
    finally:
        stop.touch()
        out, err = reader.communicate(timeout=120)
    assert reader.returncode == 0, err
    result = json.loads(out)
    assert result["errors"] == [], result["errors"]
    answers = result["answers"]
    # the reader saw the state before the run and the state after it, each whole
    assert len(answers) >= 2, answers
    doc_counts = [counts for _, counts in sorted(answers.items())]
    assert all(len(c) == 1 for c in doc_counts), answers
    assert doc_counts[0] == [len(names) - 1] and doc_counts[-1] == [len(names)], answers
