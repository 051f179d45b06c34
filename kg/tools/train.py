"""Train the span classifier (``python -m kg.tools.train [EVAL_DIR]``): deterministic, data hashes recorded.

Training data, from ``../shared/eval/`` (read there, never copied into the repository):

- ``external/cluener-train.jsonl`` — all of it (CLUENER's train split);
- ``external/msra-a.jsonl`` — the even-numbered blocks of 100 consecutive sentences (a block keeps
  an article's sentences together, so names recurring within an article do not flatter the
  score); the odd-numbered blocks are held back and are what ``kg eval --corpora`` reports;
- ``seed-gold.jsonl`` — the odd-numbered items of the sample digest (weighted: they are written
  in our own annotation's conventions); the even-numbered items are held back;
- ``local/`` — the documents of its ``train.txt`` list (web articles, notices, chronicles and digests
  of every region, in our conventions, weighted too); its ``dev.txt`` list is held back.

Each text goes through the pipeline as it would in use (a digest as a digest, a sentence alone),
the suggester's candidates are labelled by the gold strings of their field, and a logistic
regression over the hashed features is fitted by full-batch Adam with a fixed number of steps —
the same data give the same weights. The decision thresholds are chosen twice: for general text on
the MSRA and CLUENER training texts, for local-government news on the seed's and the local corpus's
training items out of fold (each half scored by a model fitted without it; a tie goes to the higher
replacing threshold, as the rules were written for that genre). The weights of the parts (seed 64,
local corpus 2) were chosen so that what local news teaches does not move general text: heavier local
weights lowered MSRA's places. ``kg/models/spans/`` receives ``weights.npz`` and ``meta.json`` (data
hashes, the ids trained on, settings, both thresholds, candidate coverage, held-out scores) beside
its model card (``MODEL_CARD.md``).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from kg.document import cover_of, extract_file
from kg.extract import shared_nlp
from kg.extract.components import CONTEXT_COMPONENTS, DigestContext
from kg.extract.mentions import title_mentions
from kg.extract.spans import FIELD_OF, N_FEATURES, SpanModel, select
from kg.read import read_document
from kg.reference.gazetteer import load_gazetteer
from kg.reference.lexicon import load_lexicon
from kg.segment import segment
from kg.text.simplify import to_simplified
from kg.tools.corpora import corpora_report, read_jsonl
from kg.tools.evaluate import align, normalise

BLOCK = 100
TUNE_TEXTS = 3000  # texts per corpus the thresholds are chosen on
SEED_WEIGHT = 64.0
LOCAL_WEIGHT = 2.0
#: The parts written in our own conventions (local-government news), whose thresholds are chosen apart.
LOCAL_NEWS = ("seed", "local")
MSRA_WEIGHT = 1.0
CLUENER_WEIGHT = 0.5
STEPS = 300
FOLDS = 2  # folds of the seed's training items, for the local-news thresholds
LEARNING_RATE = 0.05
L2 = 1e-6
MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "spans"  # kg/models/spans, beside kg/tools


@dataclass
class Examples:
    """Candidate rows, their labels and weights, the gold strings candidates cover, and per text
    what the decision needs to be replayed (for choosing the thresholds)."""

    rows: list[list[int]]
    labels: list[int]
    weights: list[float]
    gold: int = 0
    covered: int = 0
    texts: list[tuple] = field(default_factory=list)  # (text, candidates, first row, wanted)


def sha256(path: Path) -> str:
    """A training file's SHA-256, recorded in the model's ``meta.json``."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def msra_split(records: list[dict]) -> tuple[list[dict], list[dict]]:
    """Even blocks of 100 consecutive sentences to train on, odd blocks held back."""
    train = [r for k, r in enumerate(records) if (k // BLOCK) % 2 == 0]
    held = [r for k, r in enumerate(records) if (k // BLOCK) % 2 == 1]
    return train, held


def seed_split(ids: list[str]) -> tuple[set[str], set[str]]:
    """Odd-numbered items to train on, even-numbered held back."""
    train = {i for i in ids if int(i.rsplit("#", 1)[1]) % 2 == 1}
    return train, set(ids) - train


def collect(docs_and_gold, weight: float, into: Examples, labels: tuple[str, ...] = tuple(FIELD_OF),
            ours: bool = False) -> None:
    """Label each candidate of each processed doc by the gold strings of its field (only ``labels``).

    Gold lists strings per item, not places in the text; with ``ours`` (ANNOTATION.md's convention)
    a body's abbreviation fused before a post title (``某委`` of ``某委书记``) is labelled no mention
    even where the item lists the same body standing alone elsewhere."""
    lexicon = load_lexicon()
    for doc, gold in docs_and_gold:
        candidates, rows = doc.user_data.get("candidates", ([], []))
        text = doc.text
        wanted = {label: {to_simplified(s) for s in gold.get(field) or []}  # (the doc is simplified text)
                  for label, field in FIELD_OF.items()}
        hits = set()
        into.texts.append((text, [c for c in candidates if c.label in labels], len(into.rows),
                           {k: v for k, v in wanted.items() if k in labels}))
        for c, row in zip(candidates, rows):
            if c.label not in labels:
                continue
            span = text[c.start:c.end]
            positive = span in wanted[c.label]
            if positive and ours and c.label == "ORG" and span in lexicon.bodies:
                following = title_mentions(text[c.end:c.end + 8], lexicon)
                positive = not (following and following[0].start == 0)
            if positive:
                hits.add((c.label, span))
            into.rows.append(row)
            into.labels.append(int(positive))
            into.weights.append(weight)
        into.gold += sum(len(v) for label, v in wanted.items() if label in labels)
        into.covered += len(hits)


def sentence_docs(records: list[dict]):
    """Each sentence alone through the pipeline, with its candidates kept."""
    nlp, gazetteer = shared_nlp(), load_gazetteer()
    texts = [to_simplified(r["text"]) for r in records]
    with nlp.select_pipes(disable=list(CONTEXT_COMPONENTS)):
        docs = list(nlp.pipe(texts, batch_size=256))
    for doc, record in zip(docs, records):
        doc.user_data["training"] = True
        doc._.context = DigestContext.from_docs([doc], gazetteer)
        doc._.title_end = 0
        for name in CONTEXT_COMPONENTS:
            doc = nlp.get_pipe(name)(doc)
        yield doc, record


def digest_docs(sample: Path, gold: dict[str, dict], ids: set[str]):
    """The sample digest's items through the pipeline (two passes, as in use), candidates kept."""
    nlp = shared_nlp()
    items = extract_file(sample, extract=False).items
    with nlp.select_pipes(disable=list(CONTEXT_COMPONENTS)):
        docs = list(nlp.pipe([to_simplified(i.text) for i in items]))
    context = DigestContext.from_docs(docs, load_gazetteer())
    for item, doc in zip(items, docs):
        if item.id not in ids or item.id not in gold:
            continue
        doc.user_data["training"] = True
        doc._.context = context
        doc._.title_end = len(item.title) if item.text.startswith(item.title) else 0
        for name in CONTEXT_COMPONENTS:
            doc = nlp.get_pipe(name)(doc)
        yield doc, gold[item.id]


def local_train_names(folder: Path) -> list[str]:
    """The documents of the local corpus's train list (``local/train.txt``); its dev list is never read."""
    return (folder / "train.txt").read_text(encoding="utf-8").split()


def local_train_gold(folder: Path) -> dict[str, list[dict]]:
    """The local corpus's train gold items (``local/train-gold.jsonl``), by document."""
    gold: dict[str, list[dict]] = {}
    for record in read_jsonl(folder / "train-gold.jsonl"):
        gold.setdefault(record["id"].split("#")[0], []).append(record)
    return gold


def local_docs(eval_dir: Path):
    """The local-news corpus's train documents through the pipeline (read, segment, two passes, as in
    use), candidates kept, each extracted item with the gold item it aligns with (as ``score.py``
    aligns them). Its dev list is never read here."""
    nlp, gazetteer = shared_nlp(), load_gazetteer()
    folder = eval_dir / "local"
    gold = local_train_gold(folder)
    for name in local_train_names(folder):
        document = read_document(folder / "docs" / f"{name}.txt")
        result = segment(document)
        with nlp.select_pipes(disable=list(CONTEXT_COMPONENTS)):
            docs = list(nlp.pipe([to_simplified(i.text) for i in result.items]))
        context = DigestContext.from_docs(docs, gazetteer, cover_of(document, result))
        pairs, _missed, _spurious = align(
            [{"id": g["id"], "title": normalise(g["title"]), "gold": g} for g in gold.get(name, [])],
            [{"id": i.id, "title": normalise(i.title), "k": k} for k, i in enumerate(result.items)])
        for g, p in pairs:
            item, doc = result.items[p["k"]], docs[p["k"]]
            doc.user_data["training"] = True
            doc._.context = context
            doc._.title_end = len(item.title) if item.text.startswith(item.title) else 0
            for component in CONTEXT_COMPONENTS:
                doc = nlp.get_pipe(component)(doc)
            yield doc, g["gold"]


def tune(parts: dict[str, Examples], scored: dict[str, np.ndarray],
         prefer_rules: bool = False) -> tuple[float, float, float, dict]:
    """The decision thresholds that do best on the given texts, scored as given: the mean strict F1
    over every corpus and label in ``parts`` (held-back data is never looked at). With ``prefer_rules``
    (local news, which the rules were written for) a tie goes to the higher replacing threshold: a
    rule's span stands unless the model is sure."""
    best = None
    for threshold in (0.4, 0.5, 0.6):
        for drop in (0.05, 0.1, 0.2, 0.3):
            for replace in (0.95, 0.9, 0.8) if prefer_rules else (0.8, 0.9, 0.95):
                mean, f1s = mean_f1(parts, scored, SpanModel(np.zeros(0), threshold, drop, replace))
                if best is None or mean > best[0]:
                    best = (mean, threshold, drop, replace, f1s)
    _mean, threshold, drop, replace, f1s = best
    return threshold, drop, replace, {k: round(v, 4) for k, v in f1s.items()}


#: The floors tried for the tagger's own places in general text (above 1: none).
FLOORS = (1.01, 0.5, 0.3, 0.2, 0.1)
FLOOR_TOLERANCE = 0.001


def choose_floor(parts: dict[str, Examples], scored: dict[str, np.ndarray], model: SpanModel) -> float:
    """The lowest floor for the tagger's places whose training mean F1 is within :data:`FLOOR_TOLERANCE` of
    the best: on text of genres the training corpora hold few of (essays, features), the tagger's places are
    the better prior; where the training texts cannot tell, the tagger stands."""
    means = {floor: mean_f1(parts, scored, replace_floor(model, floor))[0] for floor in FLOORS}
    best = max(means.values())
    return min(floor for floor, mean in means.items() if mean >= best - FLOOR_TOLERANCE)


def replace_floor(model: SpanModel, floor: float) -> SpanModel:
    return SpanModel(model.weights, model.threshold, model.drop, model.replace, model.local, floor)


def mean_f1(parts: dict[str, Examples], scored: dict[str, np.ndarray], model: SpanModel) -> tuple[float, dict]:
    """The mean strict F1 over every corpus and label of ``parts`` under ``model``'s decision, and each."""
    f1s = {}
    for name, part in parts.items():
        counts: dict[str, list[int]] = {}
        for text, candidates, first, wanted in part.texts[:TUNE_TEXTS]:
            decided = select(candidates, scored[name][first:first + len(candidates)], model)
            for label, gold in wanted.items():
                found = {text[m.start:m.end] for m in decided[label]}
                tp_fp_fn = counts.setdefault(label, [0, 0, 0])
                tp_fp_fn[0] += len(found & gold)
                tp_fp_fn[1] += len(found - gold)
                tp_fp_fn[2] += len(gold - found)
        for label, (tp, fp, fn) in counts.items():
            f1s[f"{name}:{label}"] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return sum(f1s.values()) / len(f1s), f1s


def out_of_fold(parts: dict[str, Examples], name: str, folds: int = FOLDS) -> np.ndarray:
    """Scores of ``parts[name]``'s candidates, each by a model fitted without its text's fold (every
    other part and the other folds): what the model makes of local news it has not seen."""
    part = parts[name]
    scores = np.zeros(len(part.rows))
    for fold in range(folds):
        held = [k for t, (_text, candidates, first, _wanted) in enumerate(part.texts) if t % folds == fold
                for k in range(first, first + len(candidates))]
        held_set = set(held)
        train = Examples([], [], [])
        for other, examples in parts.items():
            keep = [k for k in range(len(examples.rows)) if other != name or k not in held_set]
            train.rows += [examples.rows[k] for k in keep]
            train.labels += [examples.labels[k] for k in keep]
            train.weights += [examples.weights[k] for k in keep]
        scores[held] = SpanModel(fit(train), 0.5).score([part.rows[k] for k in held])
    return scores


def fit(examples: Examples, steps: int = STEPS) -> np.ndarray:
    """Weighted logistic regression by full-batch Adam (deterministic)."""
    lengths = np.array([len(r) for r in examples.rows], dtype=np.int64)
    flat = np.fromiter((i for r in examples.rows for i in r), dtype=np.int64, count=int(lengths.sum()))
    offsets = np.r_[0, np.cumsum(lengths)[:-1]]
    y = np.array(examples.labels, dtype=np.float64)
    sw = np.array(examples.weights, dtype=np.float64)
    sw /= sw.sum()
    w = np.zeros(N_FEATURES)
    m = np.zeros(N_FEATURES)
    v = np.zeros(N_FEATURES)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, steps + 1):
        z = np.add.reduceat(w[flat], offsets)
        p = 1.0 / (1.0 + np.exp(-z))
        g_row = (p - y) * sw
        grad = np.bincount(flat, weights=np.repeat(g_row, lengths), minlength=N_FEATURES) + L2 * w
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad * grad
        w -= LEARNING_RATE * (m / (1 - beta1 ** step)) / (np.sqrt(v / (1 - beta2 ** step)) + eps)
    return w.astype(np.float32)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kg.tools.train", description=__doc__.split("\n\n")[0])
    parser.add_argument("eval_dir", nargs="?", default="../shared/eval", help="the shared evaluation folder")
    parser.add_argument("--out", default=str(MODEL_DIR), help="where to write weights.npz and meta.json")
    parser.add_argument("--seed-weight", type=float, default=SEED_WEIGHT,
                        help=f"weight of the seed's candidates (default {SEED_WEIGHT})")
    parser.add_argument("--local-weight", type=float, default=LOCAL_WEIGHT,
                        help=f"weight of the local corpus's candidates (default {LOCAL_WEIGHT})")
    args = parser.parse_args(argv)
    eval_dir = Path(args.eval_dir)
    files = {"cluener-train": eval_dir / "external" / "cluener-train.jsonl",
             "msra-a": eval_dir / "external" / "msra-a.jsonl", "seed": eval_dir / "seed-gold.jsonl",
             "local": eval_dir / "local" / "train-gold.jsonl"}
    sample = eval_dir.parent / "corpus" / "luoyang-digest-2023-12.txt"
    clock = time.perf_counter()
    msra_train, _msra_held = msra_split(read_jsonl(files["msra-a"]))
    seed_gold = {g["id"]: g for g in read_jsonl(files["seed"])}
    seed_train, _seed_held = seed_split(sorted(seed_gold))
    examples = Examples([], [], [])
    coverage, parts = {}, {}
    # CLUENER's "address" is a postal address, not ANNOTATION.md's place: its places are not learnt from
    for name, docs, weight, labels in (
            ("cluener-train", sentence_docs(read_jsonl(files["cluener-train"])), CLUENER_WEIGHT, ("PER", "ORG")),
            ("msra-a", sentence_docs(msra_train), MSRA_WEIGHT, ("PER", "ORG", "LOC")),
            ("seed", digest_docs(sample, seed_gold, seed_train), args.seed_weight, ("PER", "ORG", "LOC")),
            ("local", local_docs(eval_dir), args.local_weight, ("PER", "ORG", "LOC"))):
        part = parts[name] = Examples([], [], [])
        collect(docs, weight, part, labels, ours=name in LOCAL_NEWS)
        coverage[name] = {"gold": part.gold, "covered": part.covered,
                          "share": round(part.covered / part.gold, 4) if part.gold else 0.0,
                          "candidates": len(part.rows), "positive": sum(part.labels)}
        examples.rows += part.rows
        examples.labels += part.labels
        examples.weights += part.weights
        print(f"{name}: {coverage[name]}", file=sys.stderr)
    prepared = time.perf_counter() - clock
    weights = fit(examples)
    general = {name: part for name, part in parts.items() if name not in LOCAL_NEWS}
    threshold, drop, replace, train_f1 = tune(general, {name: SpanModel(weights, 0.5).score(part.rows)
                                                        for name, part in general.items()})
    general_scores = {name: SpanModel(weights, 0.5).score(part.rows) for name, part in general.items()}
    floor = choose_floor(general, general_scores, SpanModel(weights, threshold, drop, replace))
    print(f"thresholds: add {threshold}, drop {drop}, replace {replace}, floor {floor}; training F1 {train_f1}",
          file=sys.stderr)
    local = tune({name: parts[name] for name in LOCAL_NEWS}, {name: out_of_fold(parts, name) for name in LOCAL_NEWS},
                 prefer_rules=True)
    print(f"local news: add {local[0]}, drop {local[1]}, replace {local[2]}; out-of-fold F1 {local[3]}",
          file=sys.stderr)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / "weights.npz", weights=weights, threshold=np.float32(threshold),
                        drop=np.float32(drop), replace=np.float32(replace),
                        local=np.array(local[:3], dtype=np.float32), floor=np.float32(floor))
    meta = {
        "model": "logistic regression over hashed span features (kg.extract.spans)",
        "features": N_FEATURES, "steps": STEPS, "learning_rate": LEARNING_RATE, "l2": L2,
        "thresholds": {"add": threshold, "drop": drop, "replace": replace, "floor": floor,
                       "floor_rule": f"the lowest of {list(FLOORS)} within {FLOOR_TOLERANCE} of the best training "
                                     "mean F1: the tagger's places stand unless the model is sure"},
        "training_f1": train_f1,
        "local_thresholds": {"add": local[0], "drop": local[1], "replace": local[2],
                             "chosen_on": f"the seed's and the local corpus's training items, out of fold "
                                          f"({FOLDS} folds)",
                             "out_of_fold_f1": local[3]},
        "weights": {"cluener-train": CLUENER_WEIGHT, "msra-a": MSRA_WEIGHT, "seed": args.seed_weight,
                    "local": args.local_weight},
        "data": {name: {"file": path.name, "sha256": sha256(path)} for name, path in files.items()},
        "trained_on": {"msra-a": [r["id"] for r in msra_train], "seed": sorted(seed_train),
                       "cluener-train": "all", "local": (eval_dir / "local" / "train.txt").read_text(
                           encoding="utf-8").split()},
        "candidate_coverage": coverage,
    }
    print(f"candidates {prepared:.1f} s, fit {time.perf_counter() - clock - prepared:.1f} s", file=sys.stderr)
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if out.resolve() == MODEL_DIR.resolve():  # the shipped model: score it on what it was not trained on

        meta["held_out_scores"] = [{"corpus": r.corpus, "field": r.field, "govkg": r.govkg, "lac": r.lac}
                                   for r in corpora_report(eval_dir)]
        (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}/weights.npz and meta.json", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
