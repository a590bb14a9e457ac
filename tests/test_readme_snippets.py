"""The README's "Querying the warehouse" snippets run as pasted, on a serving copy built by the test:
the shell block (jixiao sql, and the DuckDB CLI line that `make install` provides) and the Python
block as one script, from a folder laid out like a checkout after `make run`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e_build import Build, use_env

PROJECT = Path(__file__).resolve().parents[1]


def section_blocks(lang: str) -> list[str]:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Querying the warehouse", 1)[1].split("\n## ", 1)[0]
    return re.findall(rf"```{lang}\n(.*?)```", section, flags=re.S)


@pytest.fixture(scope="module")
def checkout(sample_warehouse: Build, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder with `.venv`, the `warehouse` package and `warehouse/serving` where the README expects
    them (the package too: Python run from a checkout imports `warehouse` from the working folder)."""
    root = tmp_path_factory.mktemp("checkout")
    (root / "warehouse").mkdir()
    for f in (PROJECT / "warehouse").iterdir():
        if f.suffix in (".py", ".sql"):
            (root / "warehouse" / f.name).symlink_to(f)
    (root / "warehouse" / "serving").symlink_to(sample_warehouse.env.serving, target_is_directory=True)
    (root / ".venv").symlink_to(Path(sys.executable).parents[1], target_is_directory=True)
    with pytest.MonkeyPatch.context() as mp:
        use_env(sample_warehouse.env, mp)
        mp.setenv("JIXIAO_SERVING_DIR", str(root / "warehouse" / "serving"))
        yield root


def test_shell_block_runs_as_pasted(checkout: Path) -> None:
    (block,) = section_blocks("sh")
    assert "duckdb -readonly" in block
    out = subprocess.run(["bash", "-euo", "pipefail", "-c", block], cwd=checkout, input="SELECT count(*) AS n FROM dim_unit;\n",
                         capture_output=True, text=True, timeout=120, env=dict(os.environ))
    assert out.returncode == 0, out.stderr
    assert "execution_rate_computed_pct" in out.stdout and "(10 rows)" in out.stdout
    n = subprocess.run([str(checkout / ".venv" / "bin" / "jixiao"), "sql", "SELECT count(*) FROM dim_unit",
                        "--format", "csv"], capture_output=True, text=True, timeout=60).stdout.split()[-1]
    assert re.search(rf"\b{n}\b", out.stdout.split("(10 rows)", 1)[1]), out.stdout  # the DuckDB shell's answer


def test_python_block_runs_as_one_script(checkout: Path) -> None:
    (block,) = section_blocks("python")
    out = subprocess.run([sys.executable, "-c", block], cwd=checkout, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    spending, units = out.stdout.split("\n")[:2]
    assert re.fullmatch(r"\(\d+,\)", spending) and int(units) > 0
