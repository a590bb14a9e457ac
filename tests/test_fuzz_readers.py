"""A bounded fuzzing pass over the readers: real report files with bytes flipped, cut, repeated or
spliced never make a reader raise anything but an IngestError with a known reason (or read fine).

Hypothesis draws the mutations; the pass is bounded by a fixed number of examples and a per-example
deadline so that CI time stays small and the same seed gives the same files."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import get_args

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from ingest.errors import IngestError, Reason
from ingest.readers import read_document
from ingest.safety import Budgets, budgets_in_force

ROOT = Path(__file__).resolve().parent / "fixtures"
SEEDS = [ROOT / "rendered" / n for n in ("001_beb5de3bc69780c1.docx", "001_beb5de3bc69780c1.xlsx",
                                         "001_beb5de3bc69780c1.rl.pdf", "001_beb5de3bc69780c1.xls")]
SEEDS += [ROOT / "real" / "b1" / "b1_01_yunnan_prose.txt"]
REASONS = set(get_args(Reason))
FUZZ_BUDGETS = Budgets(wall_s=30, memory_mb=512, unpacked_mb=64)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """A seed file's suffix and its bytes after a few random edits."""
    path = draw(st.sampled_from(SEEDS))
    data = bytearray(path.read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "cut", "repeat", "splice", "zero"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif op == "cut":
            del data[at:at + draw(st.integers(1, 4096))]
        elif op == "repeat":
            data[at:at] = data[at:at + draw(st.integers(1, 512))] * draw(st.integers(1, 8))
        elif op == "splice":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        else:
            data[at:at + draw(st.integers(1, 256))] = b"\0" * draw(st.integers(1, 256))
    return path.suffix, bytes(data)


@pytest.mark.parametrize("suffix", sorted({p.suffix for p in SEEDS}))
def test_every_seed_reads(suffix: str) -> None:
    """The seeds themselves are good files (else the fuzzing would only test the error path)."""
    for p in SEEDS:
        if p.suffix == suffix:
            assert read_document(p).char_count > 0


@seed(20261206)
@settings(max_examples=200, deadline=20_000, derandomize=False, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated())
def test_mutated_files_only_ever_fail_with_a_reason(case: tuple[str, bytes]) -> None:
    suffix, data = case
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzzed{suffix}"
        path.write_bytes(data)
        try:
            with budgets_in_force(FUZZ_BUDGETS):
                read_document(path)
        except IngestError as e:
            assert e.reason in REASONS and e.reason != "error", f"{e.reason}: {e.message}"
            assert e.message
