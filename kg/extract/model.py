"""The trained span classifier shipped in ``kg/models/``, and what it was trained on."""
from __future__ import annotations

import json
from functools import cache
from importlib import resources

MODEL_DIR = "models"


@cache
def model_meta() -> dict:
    """The shipped model's record (data hashes, training ids, scores), or {} when none ships."""
    path = resources.files("kg").joinpath(MODEL_DIR, "spans", "meta.json")
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def training_ids(corpus: str) -> frozenset[str]:
    """Ids of ``corpus`` (``msra-a``, ``cluener-dev``, ``seed``) the shipped model was trained on."""
    return frozenset(model_meta().get("trained_on", {}).get(corpus, []))
