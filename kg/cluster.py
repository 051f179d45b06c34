"""Scale-out on Dask: the per-document work (read, segment, extract) as tasks on a Dask cluster.

``kg build … --dask tcp://host:8786`` (an existing scheduler) or ``--dask local:N`` (a ``LocalCluster``
of N worker processes on this machine) maps :func:`kg.document.extract_file` over the input files;
the results come back as item records, in input order, and the cross-document work (resolve, graph,
export) runs on the client — so the output is byte-identical to a serial build. The workers must read
the same paths (a shared file system) and run the same govkg.

A scheduler that cannot be reached is a :class:`KgError` within :data:`CONNECT_TIMEOUT` seconds. A
document whose task fails — its worker died more than Dask's allowed failures, or it raised — is
reported as an error on that document; the others finish.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.document import FileResult, extract_or_load
from kg.extract.lac import single_threaded
from kg.records import KgError, Problem

CONNECT_TIMEOUT = 20  # seconds to reach a scheduler before giving up
RETRIES = 1           # a task is tried again once on another worker when it raised


@contextmanager
def dask_client(address: str) -> Iterator[object]:
    """A client of the cluster at ``address`` (``tcp://host:port``), or of a LocalCluster (``local:N``)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise KgError("--dask needs Dask: pip install 'govkg[dask]'") from None
    import dask

    cluster = None
    with dask.config.set({"distributed.comm.timeouts.connect": f"{CONNECT_TIMEOUT}s",
                          "distributed.scheduler.allowed-failures": 2, "logging.distributed": "error"}):
        try:
            if address.startswith("local:"):
                workers = int(address.split(":", 1)[1] or os.cpu_count() or 1)
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=40)
                client = Client(cluster, timeout=CONNECT_TIMEOUT)
            else:
                client = Client(address, timeout=CONNECT_TIMEOUT)
        except ValueError as exc:
            raise KgError(f"--dask {address!r}: {exc} (expected tcp://HOST:PORT or local:N)") from None
        except (OSError, TimeoutError) as exc:
            if cluster is not None:
                cluster.close()
            raise KgError(f"cannot reach the Dask scheduler at {address} within {CONNECT_TIMEOUT} s "
                          f"({type(exc).__name__})") from None
        try:
            yield client
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def _task(path: str, options: dict):
    """One document on a worker: an items file is read back, anything else read, segmented, extracted."""
    single_threaded()  # one ONNX thread per worker process: the workers share the cores
    return extract_or_load(path, options)


def extract_on_dask(paths: list[Path], address: str, options: dict) -> Iterator:
    """:func:`kg.document.extract_file` over ``paths`` on the cluster, results in input order."""
    with dask_client(address) as client:
        futures = client.map(_task, [str(Path(p).resolve()) for p in paths], [options] * len(paths),
                             pure=False, retries=RETRIES)
        for path, future in zip(paths, futures):
            try:
                yield future.result()
            except Exception as exc:  # noqa: BLE001 — one document's failure is reported, the rest go on
                reason = f"{type(exc).__name__}: {exc}".strip().rstrip(":")
                yield FileResult(str(path), problems=[Problem(str(path), f"failed on the Dask cluster ({reason})",
                                                              severity="error")], read=False)
