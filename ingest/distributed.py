"""Extract report files on a Dask cluster: many workers, many machines, the same per-file budgets.

Why Dask (distributed): it is pip-only (no broker to install and run, unlike Celery with Redis), it has
a local cluster for one machine and tests (`LocalCluster`) and the same client API for a real one (a
scheduler address is configuration only), and it streams results back as they finish
(`as_completed`), which is what the spooled loader needs. Ray would do the same with a heavier runtime
(its own object store and raylet per machine) that buys nothing for files of a few MB.

What travels: the run process reads each file's bytes and sends them with the file's name and budgets;
a worker writes them to a private temporary folder and reads them there with `ingest.parallel` — in a
process of its own under the same time, memory and unpacked-size budgets as on one machine (`too_slow`,
`too_large` and a native crash stay that file's failure, never the worker's). So workers need jixiao
installed, not the inbox mounted, and they never open the warehouse: the one DuckDB writer stays the
run process, which receives each outcome as it arrives.

Workers must be allowed to start processes: Dask starts its worker processes as daemons by default,
and a daemon may not have children. `LocalCluster` here is started with that off; for a cluster of
your own start the workers with `DASK_DISTRIBUTED__WORKER__DAEMON=False` (docs/scale.md).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ingest.errors import IngestError
from ingest.parallel import Outcome, _outcome, default_workers, extract_many
from ingest.safety import Budgets

log = logging.getLogger("jixiao.ingest")

SCHEDULER_ENV = "JIXIAO_DASK_SCHEDULER"
WORKERS_ENV = "JIXIAO_DASK_WORKERS"
IN_FLIGHT_PER_THREAD = 2
"""Files sent ahead per worker thread: enough to keep workers busy, few enough to keep memory flat."""


def extract_shipped(name: str, data: bytes, budgets: Budgets) -> Outcome:
    """On a worker: extract one file from its bytes, in a process of its own under `budgets`."""
    with tempfile.TemporaryDirectory(prefix="jixiao-worker-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        [(_, result)] = list(extract_many([path], workers=1, budgets=budgets))
    if isinstance(result, IngestError):
        return "error", (result.reason, result.message.replace(str(path), name), result.stage)
    return "ok", result


def _worker_facts() -> dict[str, Any]:
    """What the run process checks on every worker before sending it work."""
    from ingest.extract import EXTRACTOR_VERSION

    return {"daemon": multiprocessing.current_process().daemon, "extractor_version": EXTRACTOR_VERSION}


class ClusterError(RuntimeError):
    """The cluster cannot be used as it is (unreachable, daemonic workers, another extractor version)."""


def check_workers(client: Any) -> int:
    """Refuse workers that could not run the budgets' processes or would extract with other code;
    return the number of worker threads."""
    from ingest.extract import EXTRACTOR_VERSION

    facts = client.run(_worker_facts)
    if not facts:
        raise ClusterError("the Dask cluster has no workers")
    daemonic = sorted(w for w, f in facts.items() if f["daemon"])
    if daemonic:
        raise ClusterError(f"Dask workers {', '.join(daemonic)} run as daemons and cannot start the per-file "
                           "processes; start them with DASK_DISTRIBUTED__WORKER__DAEMON=False")
    other = sorted(f"{w} ({f['extractor_version']})" for w, f in facts.items()
                   if f["extractor_version"] != EXTRACTOR_VERSION)
    if other:
        raise ClusterError(f"Dask workers {', '.join(other)} run another extractor than this run "
                           f"({EXTRACTOR_VERSION}); install the same jixiao on them")
    return sum(client.nthreads().values())


@contextmanager
def cluster_client(address: str | None = None, workers: int = 0) -> Iterator[Any]:
    """A client of the cluster at `address` (else JIXIAO_DASK_SCHEDULER), or of a local cluster of
    `workers` processes (else JIXIAO_DASK_WORKERS, else one per core) that lives as long as the block."""
    import dask
    from distributed import Client, LocalCluster

    address = address or os.environ.get(SCHEDULER_ENV) or None
    if address:
        try:
            client = Client(address, timeout="30s")
        except OSError as e:
            raise ClusterError(f"cannot reach the Dask scheduler at {address} ({SCHEDULER_ENV}): {e}") from e
        try:
            yield client
        finally:
            client.close()
        return
    n = workers or int(os.environ.get(WORKERS_ENV) or 0) or default_workers()
    with dask.config.set({"distributed.worker.daemon": False}), \
            LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                         silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def extract_on_cluster(
    paths: Iterable[str | Path], budgets_for: Callable[[Path], Budgets], client: Any
) -> Iterator[tuple[Path, dict | IngestError]]:
    """Yield (path, Extraction | IngestError) for every path as workers finish; never raises per file.

    At most IN_FLIGHT_PER_THREAD files per worker thread are out at a time, so the run's memory holds a
    few files' bytes and results whatever the size of the back-fill."""
    from distributed import as_completed

    window = max(2, IN_FLIGHT_PER_THREAD * check_workers(client))
    pending = iter(Path(p) for p in paths)
    where: dict[str, Path] = {}
    futures = as_completed()

    def fill() -> Iterator[tuple[Path, IngestError]]:
        """Send files until the window is full; yield the failures of those that cannot be read here."""
        while futures.count() < window:
            path = next(pending, None)
            if path is None:
                return
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                yield path, IngestError("vanished", f"{path.name} left the inbox while it was being read")
                continue
            except OSError as e:
                yield path, IngestError("error", f"{path.name} could not be read: {e}", stage="read")
                continue
            future = client.submit(extract_shipped, path.name, data, budgets_for(path), pure=False)
            where[future.key] = path
            futures.add(future)

    yield from fill()
    while not futures.is_empty():
        future = next(futures)
        path = where.pop(future.key)
        try:
            outcome: Outcome = future.result()
        except Exception as e:  # a worker lost or a scheduler error: the file is tried again next run
            outcome = ("error", ("error", f"{path.name}: the Dask cluster could not extract it "
                                          f"({type(e).__name__}: {e})", "extract"))
        future.release()
        yield _outcome(path, outcome)
        yield from fill()
