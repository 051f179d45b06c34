"""The evaluation gate: dev-set scores may not fall below the floors pinned in eval_floors.json.

Raise a floor when a change improves a field; a change that lowers one fails CI.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.evaluate import load_items, score
from kg.pipeline import item_line

FLOORS = json.loads((Path(__file__).with_name("eval_floors.json")).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dev_report(sample_result, eval_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("gate") / "items.jsonl"
    out.write_text("".join(item_line(i) for i in sample_result.items), encoding="utf-8")
    return out, score(load_items(eval_dir / "seed-gold.jsonl"), load_items(out))


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_dev_score_is_not_below_its_floor(field, dev_report):
    _out, report = dev_report
    value = report[field].get("f1", report[field].get("accuracy"))
    assert value >= FLOORS[field], f"{field}: {value} fell below the pinned floor {FLOORS[field]}"


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
