"""`jixiao-dbt`: the dbt command the pipeline runs, tied to the life of the run that started it.

dagster-dbt starts `dbt build` as a child process. When the run is killed outright (kill -9, an
out-of-memory kill), an ordinary child lives on as an orphan that still holds the warehouse file, and
the next run finds it busy. This wrapper asks Linux to kill it when its parent dies
(PR_SET_PDEATHSIG, kept across exec) and then becomes the real dbt, started in the warehouse's folder
(pipelines/dbt_env.py: so that dbt's partial parse does not depend on that folder)."""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Have the kernel send SIGKILL to this process when its parent ends (Linux; elsewhere nothing)."""
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def main() -> None:
    from pathlib import Path

    from pipelines import dbt_env
    from pipelines.dbt_manifest import dbt_executable

    die_with_parent()
    dbt = dbt_executable()
    args = dbt_env.absolute_args(sys.argv[1:], Path.cwd())
    dbt_env.enter()  # run in the warehouse's folder: the parse stays valid whatever folder JIXIAO_DB names
    os.execv(dbt, [dbt, *args])


if __name__ == "__main__":
    main()
