"""Learnt relations: each item's event type and each person's role, decided by trained classifiers.

The rules (:mod:`kg.extract.events`) read an event's type off its headline's cue words and a
person's role off the verbs of their clause. Other cities write the same events in other words
(a press conference, a commendation meeting, a city's talks with a company), so the rules' answers
are features here, beside what they were read from: the cue words of the headline and of the first
sentence with their types and places, the headline's characters; for a role, the verbs before and
after each mention of the person, their posts and which side those posts are on (the item's own
place, another place, a company), whether they are the headline's subject, in a list, a byline.
A multinomial logistic regression over hashed features decides (weights trained by
``python -m kg.tools.train_relations`` on the local-news corpus's train list and the seed's training items,
shipped in ``kg/models/events/`` and ``kg/models/roles/``). Without a shipped model, or inside
:func:`kg.extract.spans.rules_only`, the rules decide.
"""
from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

#: Hashed feature space of both classifiers.
N_FEATURES = 1 << 16


@dataclass(frozen=True)
class Classifier:
    """A softmax regression over hashed features: one weight column per label."""

    labels: tuple[str, ...]
    weights: np.ndarray  # (N_FEATURES, len(labels))
    bias: np.ndarray     # (len(labels),)

    def probabilities(self, features: list[str]) -> np.ndarray:
        z = self.bias + self.weights[hashed(features)].sum(axis=0)
        z = np.exp(z - z.max())
        return z / z.sum()

    def predict(self, features: list[str]) -> str:
        return self.labels[int(np.argmax(self.probabilities(features)))]


def hashed(features: list[str]) -> list[int]:
    """Each feature's index (CRC-32, stable across runs and machines)."""
    return [zlib.crc32(f.encode()) % N_FEATURES for f in features]


@cache
def shipped(name: str) -> Classifier | None:
    """The classifier in ``kg/models/<name>/`` (``events`` or ``roles``), or None when none is shipped."""
    path = resources.files("kg").joinpath("models", name, "weights.npz")
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        data = np.load(handle)
        return Classifier(tuple(str(x) for x in data["labels"]), data["weights"].astype(np.float32),
                          data["bias"].astype(np.float32))


@cache
def trained_on(name: str) -> frozenset[str]:
    """The gold item ids the shipped ``name`` classifier was trained on (its ``meta.json``)."""
    path = resources.files("kg").joinpath("models", name, "meta.json")
    return frozenset(json.loads(path.read_text(encoding="utf-8")).get("trained_on", [])) if path.is_file() else frozenset()
