"""Both cores and many machines: parallel runs equal serial ones; per-document outputs merge into one build."""
from __future__ import annotations

import pytest

from kg.cli import main
from kg.synthetic import synthetic_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return synthetic_corpus(tmp_path_factory.mktemp("corpus"), 3)


def test_parallel_extraction_is_byte_identical_to_serial(corpus, tmp_path, capsys):
    assert main(["extract", *map(str, corpus), "-o", str(tmp_path / "serial.jsonl"), "-j", "1"]) == 0
    assert main(["extract", *map(str, corpus), "-o", str(tmp_path / "parallel.jsonl"), "-j", "2"]) == 0
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
