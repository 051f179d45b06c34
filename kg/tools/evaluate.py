"""Score extracted items against gold items, with the definitions of ``../shared/eval/score.py``.

Items align by normalised title, then by id, then by one title beginning with the other. Set fields (persons,
organizations, places, posts as ``person|title`` and ``person|title|org``,
participants as ``person|role``, and where the gold carries them appointments as
``person|action|title|org`` and appointees as ``person|action``) get micro precision, recall and F1; date,
event type, section and subsection get accuracy over the gold items.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

SET_FIELDS: dict[str, Callable[[dict], set[str]]] = {
    "persons": lambda item: set(item.get("persons") or []),
    "organizations": lambda item: set(item.get("organizations") or []),
    "places": lambda item: set(item.get("places") or []),
    "posts": lambda item: {f"{p.get('person')}|{p.get('title')}" for p in item.get("posts") or []},
    "posts+org": lambda item: {f"{p.get('person')}|{p.get('title')}|{p.get('org')}" for p in item.get("posts") or []},
    "participants": lambda item: {f"{p.get('person')}|{p.get('role')}" for p in item.get("participants") or []},
    "appointments": lambda item: {f"{a.get('person')}|{a.get('action')}|{a.get('title')}|{a.get('org')}"
                                  for a in item.get("appointments") or []},
    "appointees": lambda item: {f"{a.get('person')}|{a.get('action')}" for a in item.get("appointments") or []},
}
#: Fields scored only on gold items that carry them (gold sets made before the field existed lack it).
OPTIONAL_FIELDS = {"appointments": "appointments", "appointees": "appointments"}
VALUE_FIELDS = ("date", "event_type", "section", "subsection")


def normalise(text: object) -> str:
    """NFKC without whitespace: the form in which strings are compared."""
    return "" if text is None else re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))


def normalise_item(item: dict) -> dict:
    out = dict(item)
    for key in ("persons", "organizations", "places"):
        out[key] = [normalise(x) for x in item.get(key) or []]
    for key in ("posts", "participants", "appointments"):
        if key in item or key != "appointments":
            out[key] = [{k: normalise(v) if isinstance(v, str) else v for k, v in p.items()}
                        for p in item.get(key) or []]
    for key in (*VALUE_FIELDS, "title"):
        out[key] = normalise(item.get(key)) if item.get(key) is not None else None
    return out


def load_items(path: str | Path) -> list[dict]:
    """Items of a JSONL file, normalised for comparison."""
    with open(path, encoding="utf-8") as handle:
        return [normalise_item(json.loads(line)) for line in handle if line.strip()]


def align(gold: list[dict], pred: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Pair gold and predicted items as score.py does: the same title, else the same id, else one
    title beginning with the other (a headline given with its subtitle, six characters at least)."""
    by_title: dict[str, list[int]] = {}
    for k, p in enumerate(pred):
        by_title.setdefault(p.get("title") or "", []).append(k)
    by_id = {p.get("id"): k for k, p in enumerate(pred)}
    used: set[int] = set()
    match: dict[int, int] = {}
    for n, g in enumerate(gold):
        hit = next((k for k in by_title.get(g.get("title") or "", []) if k not in used), None)
        if hit is not None:
            match[n] = hit
            used.add(hit)
    for n, g in enumerate(gold):
        hit = by_id.get(g.get("id"))
        if n not in match and hit is not None and hit not in used:
            match[n] = hit
            used.add(hit)
    for n, g in enumerate(gold):
        title = g.get("title") or ""
        if n in match or len(title) < 6:
            continue
        hits = [k for k, p in enumerate(pred) if k not in used and len(p.get("title") or "") >= 6
                and ((p.get("title") or "").startswith(title) or title.startswith(p.get("title") or ""))]
        if len(hits) == 1:
            match[n] = hits[0]
            used.add(hits[0])
    pairs = [(g, pred[match[n]]) for n, g in enumerate(gold) if n in match]
    missed = [g for n, g in enumerate(gold) if n not in match]
    return pairs, missed, [p for k, p in enumerate(pred) if k not in used]


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def score(gold: list[dict], pred: list[dict]) -> dict[str, dict]:
    """The report: per set field P/R/F1 with counts, per value field accuracy."""
    pairs, missed, spurious = align(gold, pred)
    report: dict[str, dict] = {"items": _prf(len(pairs), len(spurious), len(missed))}
    for name, get in SET_FIELDS.items():
        key = OPTIONAL_FIELDS.get(name)
        if key and not any(key in g for g in gold):
            continue
        scored = [(g, p) for g, p in pairs if not key or key in g]
        tp = sum(len(get(g) & get(p)) for g, p in scored)
        fp = sum(len(get(p) - get(g)) for g, p in scored) + sum(len(get(p)) for p in spurious)
        fn = sum(len(get(g) - get(p)) for g, p in scored) + sum(len(get(g)) for g in missed)
        report[name] = _prf(tp, fp, fn)
    for name in VALUE_FIELDS:
        correct = sum(1 for g, p in pairs if g.get(name) == p.get(name))
        report[name] = {"accuracy": round(correct / len(gold), 4) if gold else 0.0, "correct": correct,
                        "gold": len(gold)}
    return report


def format_report(report: dict[str, dict]) -> str:
    """The report as a table (the layout of score.py)."""
    lines = [f"{'field':<14}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for name in ("items", *SET_FIELDS):
        if name not in report:
            continue
        r = report[name]
        lines.append(f"{name:<14}{r['precision']:>8.3f}{r['recall']:>8.3f}{r['f1']:>8.3f}"
                     f"{r['tp']:>6}{r['fp']:>6}{r['fn']:>6}")
    for name in VALUE_FIELDS:
        r = report[name]
        lines.append(f"{name:<14}accuracy {r['accuracy']:.3f} ({r['correct']}/{r['gold']})")
    return "\n".join(lines)
