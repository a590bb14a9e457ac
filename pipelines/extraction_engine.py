"""Which engine extracts a run's files: this machine's cores, or a Dask cluster.

| JIXIAO_EXTRACT_ENGINE | JIXIAO_DASK_SCHEDULER | where files are read |
|---|---|---|
| `local` (default) | — | a process per file on this machine's cores (`ingest.parallel`) |
| `dask` | unset | a Dask `LocalCluster` started for the run (JIXIAO_DASK_WORKERS processes, default one per core) |
| `dask` (or unset) | `tcp://host:8786` | the Dask cluster behind that scheduler (`ingest.distributed`) |

Either way the outcomes come back to the run process one by one, in completion order, and go to the
spool; only the run process opens the warehouse.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ingest.errors import IngestError
from ingest.safety import Budgets

ENGINE_ENV = "JIXIAO_EXTRACT_ENGINE"
ENGINES = ("local", "dask")


def engine_name() -> str:
    """The configured engine: JIXIAO_EXTRACT_ENGINE, else `dask` when a scheduler is named, else `local`."""
    from ingest.distributed import SCHEDULER_ENV

    name = (os.environ.get(ENGINE_ENV) or ("dask" if os.environ.get(SCHEDULER_ENV) else "local")).strip().lower()
    if name not in ENGINES:
        raise ValueError(f"{ENGINE_ENV}={name!r}: the engines are {', '.join(ENGINES)}")
    return name


def extract_files(
    paths: Iterable[Path], budgets_for: Callable[[Path], Budgets], say: Callable[[str], None] = print
) -> Iterator[tuple[Path, dict | IngestError]]:
    """Yield (path, Extraction | IngestError) for every path on the configured engine; `say` tells
    where the work goes. Raises ingest.distributed.ClusterError when the cluster cannot be used."""
    todo = list(paths)
    if engine_name() == "local":
        from ingest.parallel import default_workers, extract_many

        say(f"extracting {len(todo)} files on this machine ({default_workers()} processes at a time)")
        yield from extract_many(todo, budgets=budgets_for)
        return
    from ingest.distributed import cluster_client, extract_on_cluster

    with cluster_client() as client:
        threads = sum(client.nthreads().values())
        say(f"extracting {len(todo)} files on the Dask cluster at {client.scheduler.address} "
            f"({len(client.nthreads())} workers, {threads} threads)")
        yield from extract_on_cluster(todo, budgets_for, client)
