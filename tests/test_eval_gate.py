"""The evaluation gate: scores may not fall below the floors pinned in eval_floors.json.

Every corpus of ``../shared/eval/`` in one run, as ``kg eval --corpora`` prints it: the seed digest's
items held back from training (posts, participants, event types included), the local-news corpus's dev
list (appointments and dates too), the held-back half of MSRA, and CLUENER's dev split — and on the public corpora govkg must stay above bare LAC measured in
the same run. Raise a floor when a change improves a field; a change that lowers one fails CI.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.document import item_line
from kg.tools.evaluate import load_items, score

FLOORS = json.loads((Path(__file__).with_name("eval_floors.json")).read_text(encoding="utf-8"))
CORPUS_FLOORS = [(corpus, field) for corpus, fields in FLOORS.items() if corpus != "seed-items" for field in fields]


@pytest.fixture(scope="module")
def dev_report(sample_result, eval_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("gate") / "items.jsonl"
    out.write_text("".join(item_line(i) for i in sample_result.items), encoding="utf-8")
    return out, score(load_items(eval_dir / "seed-gold.jsonl"), load_items(out))


@pytest.fixture(scope="module")
def corpora_rows(eval_dir):
    from kg.tools.corpora import corpora_report

    return {(row.corpus, row.field): row for row in corpora_report(eval_dir)}


@pytest.mark.parametrize("field", sorted(FLOORS["seed-items"]))
def test_segmentation_of_the_sample_is_not_below_its_floor(field, dev_report):
    _out, report = dev_report
    value = report[field].get("f1", report[field].get("accuracy"))
    assert value >= FLOORS["seed-items"][field], f"{field}: {value} fell below {FLOORS['seed-items'][field]}"


@pytest.mark.parametrize("corpus, field", CORPUS_FLOORS)
def test_corpus_score_is_not_below_its_floor(corpus, field, corpora_rows):
    row = corpora_rows[(corpus, field)]
    floor = FLOORS[corpus][field]
    assert row.govkg >= floor, f"{corpus} {field}: {row.govkg} fell below the pinned floor {floor}"
    if corpus != "seed" and row.lac is not None:  # the tagger is the floor on text we were not written for
        assert row.govkg > row.lac, f"{corpus} {field}: govkg {row.govkg} is not above bare LAC {row.lac}"


def test_no_score_is_reported_on_training_data(corpora_rows, eval_dir):
    from kg.extract.model import training_ids

    assert training_ids("msra-a") and training_ids("seed"), "the shipped model records what it was trained on"
    assert corpora_rows[("seed", "persons")].detail["items"] == 122 - len(training_ids("seed"))
    assert corpora_rows[("msra-a", "persons")].detail["sentences"] + len(training_ids("msra-a")) == 2181
    dev = set((eval_dir / "local" / "dev.txt").read_text(encoding="utf-8").split())
    assert training_ids("local") and not training_ids("local") & dev, "the local dev list is never trained on"
    from kg.extract.relations import trained_on
    for name in ("events", "roles"):
        assert trained_on(name) and not {i.split("#")[0] for i in trained_on(name)} & dev


def test_kg_eval_agrees_with_the_shared_scorer(dev_report, eval_dir, scorer):
    out, report = dev_report
    shared, _errors = scorer.score(scorer.load(str(eval_dir / "seed-gold.jsonl")), scorer.load(str(out)))
    for field, values in report.items():
        assert {k: shared[field][k] for k in values} == values, field
    printed = subprocess.run([sys.executable, "-m", "kg", "eval", str(eval_dir / "seed-gold.jsonl"), str(out)],
                             capture_output=True, text=True, check=True).stdout
    reference = subprocess.run([sys.executable, str(eval_dir / "score.py"), str(eval_dir / "seed-gold.jsonl"),
                                str(out)], capture_output=True, text=True, check=True).stdout
    assert printed.strip() == reference.strip()


def test_kg_tag_output_is_what_score_sentences_reads(eval_dir, tmp_path):
    gold = eval_dir / "external" / "msra-a.jsonl"
    lines = gold.read_text(encoding="utf-8").splitlines()[:40]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    subprocess.run([sys.executable, "-m", "kg", "tag", str(source), "-o", str(out)], check=True)
    printed = subprocess.run([sys.executable, str(eval_dir / "score_sentences.py"), str(source), str(out),
                              "--json"], capture_output=True, text=True, check=True).stdout
    report = json.loads(printed)
    assert report["unmatched"] == 0 and report["persons"]["strict"]["f1"] > 0.8
