"""Both cores and many machines: parallel runs equal serial ones; per-document outputs merge into one build."""
from __future__ import annotations

import pytest

from kg.cli import main
from kg.tools.synthetic import synthetic_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return synthetic_corpus(tmp_path_factory.mktemp("corpus"), 3)


def test_parallel_extraction_is_byte_identical_to_serial(corpus, tmp_path, capsys):
    assert main(["extract", *map(str, corpus), "-o", str(tmp_path / "serial.jsonl"), "-j", "1", "--no-cache"]) == 0
    assert main(["extract", *map(str, corpus), "-o", str(tmp_path / "parallel.jsonl"), "-j", "2", "--no-cache"]) == 0
    serial = (tmp_path / "serial.jsonl").read_bytes()
    assert serial == (tmp_path / "parallel.jsonl").read_bytes()
    assert serial.count(b"\n") == 3 * 122


def test_per_document_items_merge_into_the_same_graph(corpus, tmp_path, capsys):
    parts = tmp_path / "parts"
    assert main(["extract", *map(str, corpus), "-o", str(tmp_path / "all.jsonl"), "--per-document", str(parts)]) == 0
    assert sorted(p.name for p in parts.iterdir()) == [f"city-{p.stem.split('-', 2)[2]}.jsonl" for p in corpus]
    assert main(["build", *map(str, corpus), "--out-dir", str(tmp_path / "direct")]) == 0
    assert main(["build", str(parts), "--out-dir", str(tmp_path / "merged")]) == 0
    for name in ("govkg.ttl", "govkg.nt", "items.jsonl"):
        assert (tmp_path / "direct" / name).read_bytes() == (tmp_path / "merged" / name).read_bytes(), name


def test_generated_months_resolve_to_one_person_per_name_and_region(corpus, tmp_path):
    from kg.pipeline import run_build

    result = run_build(corpus)
    labels = [d["label"] for _n, d in result.graph.nodes(data=True) if d["kind"] == "person"]
    assert len(labels) == len(set(labels)) or any("same name" in p.message for p in result.problems)
    events = [n for n, k in result.graph.nodes(data="kind") if k == "event"]
    assert len(events) == 3 * 122


def test_a_dask_cluster_build_is_byte_identical_to_a_serial_build(corpus, tmp_path):
    """A LocalCluster of two worker processes extracts; resolve and export run here: same bytes."""
    assert main(["build", *map(str, corpus), "--out-dir", str(tmp_path / "serial")]) == 0
    assert main(["build", *map(str, corpus), "--out-dir", str(tmp_path / "dask"), "--dask", "local:2",
                 "--no-cache"]) == 0
    serial, dask = tmp_path / "serial", tmp_path / "dask"
    files = sorted(p.relative_to(serial) for p in serial.rglob("*") if p.is_file() and "store" not in p.parts)
    assert {"govkg.ttl", "govkg.nt", "items.jsonl", "index.html", "overview.html"} <= {str(f) for f in files}
    for name in files:
        assert (serial / name).read_bytes() == (dask / name).read_bytes(), name


def test_dask_extract_writes_per_document_items_like_a_local_run(corpus, tmp_path):
    assert main(["extract", *map(str, corpus), "-o", str(tmp_path / "local.jsonl")]) == 0
    assert main(["extract", *map(str, corpus), "-o", str(tmp_path / "dask.jsonl"), "--dask", "local:2",
                 "--per-document", str(tmp_path / "parts"), "--no-cache"]) == 0
    assert (tmp_path / "local.jsonl").read_bytes() == (tmp_path / "dask.jsonl").read_bytes()
    assert len(list((tmp_path / "parts").glob("*.jsonl"))) == 3


def test_an_unreachable_scheduler_is_one_line_within_a_minute(corpus, tmp_path):
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "kg", "build", str(corpus[0]), "--out-dir", str(tmp_path / "out"),
                           "--dask", f"tcp://127.0.0.1:{port}", "--no-cache"], capture_output=True, text=True, timeout=120)
    assert time.monotonic() - start < 60
    assert done.returncode == 1 and "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot reach the Dask scheduler")
    assert not (tmp_path / "out").exists()


def test_a_worker_killed_in_the_middle_of_a_build_changes_nothing(corpus, tmp_path, capsys):
    """A worker process dies (SIGKILL) while it extracts: Dask gives its documents to the others and the
    build's output is byte-identical to a serial build's."""
    import os
    import signal
    import threading
    import time

    from distributed import Client, LocalCluster

    assert main(["build", *map(str, corpus), "--out-dir", str(tmp_path / "serial"), "--no-cache"]) == 0
    killed: list[int] = []
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=40) as cluster, Client(cluster) as watcher:

        def kill_a_busy_worker() -> None:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                busy = [address for address, tasks in watcher.processing().items() if tasks]
                if busy:
                    time.sleep(1.0)  # in the middle of a document
                    pid = watcher.run(os.getpid, workers=busy[:1])[busy[0]]
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
                    return
                time.sleep(0.05)

        killer = threading.Thread(target=kill_a_busy_worker)
        killer.start()
        code = main(["build", *map(str, corpus), "--out-dir", str(tmp_path / "dask"),
                     "--dask", cluster.scheduler_address, "--no-cache"])
        killer.join()
    print(f"killed worker pid {killed}; build exit {code}; {capsys.readouterr().err.strip().splitlines()[-1]}")
    assert killed and code == 0
    serial, dask = tmp_path / "serial", tmp_path / "dask"
    for name in ("govkg.ttl", "govkg.nt", "items.jsonl", "resolution.jsonl", "tables/posts.csv"):
        assert (serial / name).read_bytes() == (dask / name).read_bytes(), name
