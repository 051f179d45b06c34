"""Rules come from structure, never from the sample: no sample name, city or headline in our code."""
from __future__ import annotations

import json
from pathlib import Path

KG = Path(__file__).resolve().parent.parent / "kg"
CODE_SUFFIXES = {".py"}
DATA_SUFFIXES = {".json", ".jsonl", ".tsv", ".txt", ".ttl", ".cfg"}


def our_files(suffixes: set[str]) -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in KG.rglob("*") if p.suffix in suffixes
            and "__pycache__" not in p.parts}


def test_no_sample_person_or_headline_in_code_or_data(eval_dir):
    gold = [json.loads(line) for line in (eval_dir / "seed-gold.jsonl").open(encoding="utf-8")]
    persons = {p for item in gold for p in item["persons"] if len(p) >= 2}
    titles = {item["title"] for item in gold}
    assert len(persons) > 30 and len(titles) == 122
    for path, text in our_files(CODE_SUFFIXES | DATA_SUFFIXES).items():
        leaked = sorted(s for s in persons | titles if s in text)
        assert not leaked, f"{path} names the sample's {leaked[:5]}"


def test_no_sample_city_in_code():
    for path, text in our_files(CODE_SUFFIXES).items():
        assert "洛阳" not in text and "洛" not in text, f"{path} names the sample's city"
