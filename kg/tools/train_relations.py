"""Train the event-type and role classifiers (``python -m kg.tools.train_relations [EVAL_DIR]``): deterministic.

Training data, from ``../shared/eval/`` (read there, never copied into the repository):

- ``local/`` — the documents of its ``train.txt`` list, scored against ``train-gold.jsonl``; its
  ``dev.txt`` list is never read here (it is what ``kg eval --corpora`` reports);
- ``seed-gold.jsonl`` — the odd-numbered items of the sample digest, as the span classifier uses them.

Every document goes through the pipeline as in use (span classifier included); each extracted item is
aligned with its gold item as ``score.py`` aligns them. An item gives one event example (its features,
the gold type); each person the item and the gold both name gives one role example (the gold event type
is the one the role features are crossed with). A softmax regression over the hashed features is fitted
by full-batch Adam with a fixed number of steps: the same data give the same weights. A cross-validation
over documents (folds by document, never splitting one) chooses the L2 strength and prints the
accuracy the rules and the model reach on documents left out. ``kg/models/events/`` and ``kg/models/roles/`` receive
``weights.npz`` and ``meta.json`` (data hashes, the documents and items trained on, settings, scores).
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from kg.document import cover_of
from kg.extract import processed
from kg.extract.components import event_reading, role_reading
from kg.extract.events import ROLE_ORDER
from kg.extract.relations import N_FEATURES, Classifier, hashed
from kg.read import read_document
from kg.reference.lexicon import load_lexicon
from kg.segment import segment
from kg.text.simplify import to_simplified
from kg.tools.corpora import read_jsonl, seed_sample
from kg.tools.evaluate import align, normalise
from kg.tools.train import local_train_gold, local_train_names, seed_split, sha256

STEPS = 400
LEARNING_RATE = 0.1
#: The L2 strengths tried; each classifier takes the one its cross-validation scores best.
L2_GRID = (3e-4, 1e-3, 3e-3)
FOLDS = 5
MODELS = Path(__file__).resolve().parents[1] / "models"  # kg/models, beside kg/tools


@dataclass
class Examples:
    """Feature lists, labels, the rules' answers and each example's document (for folds)."""

    features: list[list[str]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)

    def add(self, features: list[str], label: str, rule: str, group: str) -> None:
        self.features.append(features)
        self.labels.append(label)
        self.rules.append(rule)
        self.groups.append(group)


def training_documents(eval_dir: Path) -> list[tuple[Path, dict[str, dict], set[str] | None]]:
    """(document, its gold items by id, the item ids to train on — None for all) of every training source."""
    local = eval_dir / "local"
    gold = local_train_gold(local)
    docs = [(local / "docs" / f"{name}.txt", {r["id"]: r for r in gold.get(name, [])}, None)
            for name in local_train_names(local)]
    seed = {r["id"]: r for r in read_jsonl(eval_dir / "seed-gold.jsonl")}
    seed_train, _held = seed_split(list(seed))
    return docs + [(seed_sample(eval_dir), seed, seed_train)]


def collect(eval_dir: Path) -> tuple[Examples, Examples, list[str]]:
    """The event and role examples of every training document, and the ids of the items they come from."""
    lexicon = load_lexicon()
    kinds, roles, used = Examples(), Examples(), []
    for path, gold, keep in training_documents(eval_dir):
        doc = read_document(path)
        result = segment(doc)
        pairs = list(processed(result.items, cover=cover_of(doc, result)))
        golds = [g for g in gold.values() if keep is None or g["id"] in keep]
        by_key = {k: pair for k, pair in enumerate(pairs)}
        aligned, _missed, _spurious = align(
            [{"id": g["id"], "title": normalise(g["title"]), "gold": g} for g in golds],
            [{"id": item.id, "title": normalise(item.title), "key": k} for k, (item, _doc) in by_key.items()])
        for g, p in aligned:
            item, doc = by_key[p["key"]]
            g = g["gold"]
            rule_kind, features = event_reading(doc, lexicon)
            kinds.add(features, g["event_type"], rule_kind, str(path))
            rule_roles, found = role_reading(doc, lexicon, g["event_type"])  # (roles read in the gold type)
            wanted = {to_simplified(p["person"]): p["role"] for p in g.get("participants") or []}
            for name, features in found.items():
                if to_simplified(name) in wanted:
                    roles.add(features, wanted[to_simplified(name)], rule_roles[name], str(path))
            used.append(g["id"])
    return kinds, roles, used


def fit(examples: Examples, labels: tuple[str, ...], rows: list[int] | None = None,
        l2: float = L2_GRID[1]) -> tuple[np.ndarray, np.ndarray]:
    """Softmax regression by full-batch Adam (deterministic): weights (features × labels) and biases."""
    rows = list(range(len(examples.labels))) if rows is None else rows
    index = {label: k for k, label in enumerate(labels)}
    y = np.zeros((len(rows), len(labels)))
    for r, k in enumerate(rows):
        y[r, index[examples.labels[k]]] = 1.0
    hashed_rows = [hashed(examples.features[k]) for k in rows]
    lengths = np.array([len(h) for h in hashed_rows], dtype=np.int64)
    flat = np.fromiter((i for h in hashed_rows for i in h), dtype=np.int64, count=int(lengths.sum()))
    owner = np.repeat(np.arange(len(rows)), lengths)
    w = np.zeros((N_FEATURES, len(labels)))
    b = np.zeros(len(labels))
    state = [np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)]
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    n = len(rows)
    for step in range(1, STEPS + 1):
        z = b + np.add.reduceat(w[flat], np.r_[0, np.cumsum(lengths)[:-1]]) if n else b
        z = np.exp(z - z.max(axis=1, keepdims=True))
        p = z / z.sum(axis=1, keepdims=True)
        g_rows = (p - y) / n
        gw = np.zeros_like(w)
        np.add.at(gw, flat, g_rows[owner])
        gw += l2 * w
        gb = g_rows.sum(axis=0)
        for param, grad, m, v in ((w, gw, state[0], state[1]), (b, gb, state[2], state[3])):
            m *= beta1
            m += (1 - beta1) * grad
            v *= beta2
            v += (1 - beta2) * grad * grad
            param -= LEARNING_RATE * (m / (1 - beta1 ** step)) / (np.sqrt(v / (1 - beta2 ** step)) + eps)
    return w.astype(np.float32), b.astype(np.float32)


def cross_validate(examples: Examples, labels: tuple[str, ...], l2: float) -> dict[str, float]:
    """Accuracy of the rules and of the model on documents left out, folds by document."""
    documents = sorted(set(examples.groups))
    correct = rules = 0
    for fold in range(FOLDS):
        held = {d for k, d in enumerate(documents) if k % FOLDS == fold}
        train = [k for k, g in enumerate(examples.groups) if g not in held]
        test = [k for k, g in enumerate(examples.groups) if g in held]
        model = Classifier(labels, *fit(examples, labels, train, l2))
        correct += sum(model.predict(examples.features[k]) == examples.labels[k] for k in test)
        rules += sum(examples.rules[k] == examples.labels[k] for k in test)
    n = len(examples.labels)
    return {"rules": round(rules / n, 4), "model": round(correct / n, 4), "examples": n, "l2": l2}


def write(name: str, examples: Examples, labels: tuple[str, ...], meta: dict, l2: float) -> dict:
    weights, bias = fit(examples, labels, l2=l2)
    out = MODELS / name
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / "weights.npz", labels=np.array(labels), weights=weights, bias=bias)
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kg.tools.train_relations", description=__doc__.split("\n\n")[0])
    parser.add_argument("eval_dir", nargs="?", default="../shared/eval", help="the shared evaluation folder")
    args = parser.parse_args(argv)
    eval_dir = Path(args.eval_dir)

    kinds, roles, used = collect(eval_dir)
    event_labels = ("meeting", "inspection", "talks", "award", "signing", "launch", "policy", "activity", "other")
    data = {"local/train-gold.jsonl": sha256(eval_dir / "local" / "train-gold.jsonl"),
            "seed-gold.jsonl": sha256(eval_dir / "seed-gold.jsonl")}
    settings = {"features": N_FEATURES, "steps": STEPS, "learning_rate": LEARNING_RATE}
    for name, examples, labels in (("events", kinds, event_labels), ("roles", roles, ROLE_ORDER)):
        scores = max((cross_validate(examples, labels, l2) for l2 in L2_GRID), key=lambda r: (r["model"], r["l2"]))
        print(f"{name}: {scores['examples']} examples; accuracy on left-out documents ({FOLDS} folds): "
              f"rules {scores['rules']}, model {scores['model']} (L2 {scores['l2']})", file=sys.stderr)
        write(name, examples, labels, {
            "model": f"softmax regression over hashed features (kg.extract.relations, kg.extract.events.{name[:-1]}_features)",
            "labels": list(labels), **settings, "data": data, "trained_on": used,
            "cross_validation": {"folds": FOLDS, "by": "document", "l2_tried": list(L2_GRID), **scores}},
              scores["l2"])
    print(f"wrote {MODELS}/events and {MODELS}/roles", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
