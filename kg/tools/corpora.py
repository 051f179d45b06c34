"""govkg beside bare LAC on every evaluation corpus, in one run (``kg eval --corpora DIR``).

The corpora are those of ``../shared/eval/``: the seed digest (items, ``seed-gold.jsonl``), the
local-news corpus's dev list (``local/``: items of web articles, notices, chronicles and digests from
every region) and the public sentence corpora in ``external/`` (MSRA, CLUENER). Sentence corpora are scored as
``score_sentences.py`` scores them — strict micro P/R/F1 over each sentence's set of strings,
MSRA without one-character places — with each sentence tagged alone (``kg tag``). Bare LAC is
LAC's own PER/ORG/LOC words on the same sentences.

Where a model was trained on part of a corpus, only the held-back part is scored here: the
split is the model's (``kg/models/*/meta.json``), so no score is reported on training data.
"""
from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.api import SAMPLE
from kg.document import extract_file, item_line
from kg.extract.lac import lac_tagger
from kg.extract.model import training_ids
from kg.pipeline import tag_records
from kg.reference.gazetteer import load_gazetteer
from kg.reference.lexicon import data_lines, load_lexicon
from kg.tools.augment import cluener_names, named_counties, renamed_digest, target_cities
from kg.tools.evaluate import align, load_items, normalise_item, score

ENTITY_FIELDS = ("persons", "organizations", "places")
LAC_FIELDS = {"PER": "persons", "ORG": "organizations", "LOC": "places"}


@dataclass(frozen=True)
class Corpus:
    """A sentence corpus: its file, the fields scored, and whether one-character places count."""

    name: str
    file: str
    fields: tuple[str, ...]
    single_char_places: bool = True
    by_genre: bool = False  # also scored apart on political news and the rest (features, culture, sport)


SENTENCE_CORPORA = (
    Corpus("msra-a", "external/msra-a.jsonl", ENTITY_FIELDS, single_char_places=False, by_genre=True),
    Corpus("cluener-dev", "external/cluener-dev.jsonl", ("persons", "organizations", "places", "posts")),
)
SEED_FIELDS = ("persons", "organizations", "places", "posts", "posts+org", "participants", "event_type")


@dataclass
class Row:
    """One corpus and field: govkg's and LAC's strict F1 (LAC has no posts, participants, events)."""

    corpus: str
    field: str
    govkg: float
    lac: float | None
    detail: dict = field(default_factory=dict)


def read_jsonl(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def strict_f1(gold: list[dict], pred: list[dict], name: str, keep: Callable[[str], bool]) -> dict:
    """Micro P/R/F1 over per-sentence sets of strings, as ``score_sentences.py`` computes them."""
    tp = n_pred = n_gold = 0
    for g, p in zip(gold, pred):
        gs = {s for s in g.get(name) or [] if keep(s)}
        ps = {s for s in p.get(name) or [] if keep(s)}
        tp, n_pred, n_gold = tp + len(gs & ps), n_pred + len(ps), n_gold + len(gs)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "gold": n_gold, "pred": n_pred, "tp": tp}


def lac_entities(texts: Iterable[str]) -> list[dict]:
    """Bare LAC: its PER/ORG/LOC words, each once per text."""
    texts = list(texts)
    tagged = lac_tagger().tag(texts)
    out = []
    for words in tagged:
        record: dict[str, list[str]] = {name: [] for name in ENTITY_FIELDS}
        for word, tag in words:
            if tag in LAC_FIELDS and word not in record[LAC_FIELDS[tag]]:
                record[LAC_FIELDS[tag]].append(word)
        out.append(record)
    return out


def held_out(name: str, records: list[dict]) -> list[dict]:
    """The part of a corpus no shipped model was trained on (all of it when none was)."""
    trained = training_ids(name)
    return [r for r in records if r.get("id") not in trained]


def sentence_rows(eval_dir: Path, corpus: Corpus) -> list[Row]:
    """govkg (``kg tag``) and bare LAC on one sentence corpus."""
    gold = held_out(corpus.name, read_jsonl(eval_dir / corpus.file))
    ours = list(tag_records({"id": g["id"], "text": g["text"]} for g in gold))
    lac = lac_entities(g["text"] for g in gold)
    parts = [(corpus.name, list(range(len(gold))))]
    if corpus.by_genre:
        genres = genre_of_sentences([g["text"] for g in gold])
        parts += [(f"{corpus.name}:{name}", [k for k, g in enumerate(genres) if g == name]) for name in GENRES]
    rows = []
    for part, index in parts:
        for name in corpus.fields:
            keep = (lambda s: len(s) > 1) if name == "places" and not corpus.single_char_places else (lambda s: True)
            mine = strict_f1([gold[k] for k in index], [ours[k] for k in index], name, keep)
            base = strict_f1([gold[k] for k in index], [lac[k] for k in index], name, keep) \
                if name in ENTITY_FIELDS else None
            rows.append(Row(part, name, mine["f1"], base["f1"] if base else None,
                            {"govkg": mine, "lac": base, "sentences": len(index)}))
    return rows


GENRES = ("political", "other")
#: Sentences either side whose words decide a sentence's genre (an article's stretch, not one sentence).
GENRE_WINDOW = 5
#: Political words per sentence, on average over the window, from which a stretch is political news.
POLITICAL_DENSITY = 1.0


def genre_of_sentences(texts: list[str]) -> list[str]:
    """``political`` or ``other`` for each sentence of a corpus of consecutive sentences: political news
    writes the words of ``kg/data/political_words.txt`` densely over the stretch around the sentence."""
    pattern = re.compile("|".join(map(re.escape, data_lines("political_words.txt"))))
    counts = [len(pattern.findall(text)) for text in texts]
    out = []
    for k in range(len(texts)):
        window = counts[max(0, k - GENRE_WINDOW):k + GENRE_WINDOW + 1]
        out.append("political" if sum(window) / len(window) >= POLITICAL_DENSITY else "other")
    return out


#: The draw that picks the city the held-back seed items are renamed to.
EVAL_RENAME_SEED = 2026


def seed_sample(eval_dir: Path) -> Path:
    """The sample digest the seed gold annotates (beside the eval folder, else the bundled copy)."""
    sample = eval_dir.parent / "corpus" / "luoyang-digest-2023-12.txt"
    if not sample.exists():
        sample = SAMPLE
    return sample


def seed_rows(eval_dir: Path) -> list[Row]:
    """govkg (``kg extract``) and bare LAC on the seed digest's items not used for training, as
    written and renamed to another city (``seed-renamed``, :mod:`kg.tools.augment`)."""
    sample = seed_sample(eval_dir)
    trained = training_ids("seed")
    gold = [g for g in load_items(eval_dir / "seed-gold.jsonl") if g["id"] not in trained]
    rows = _digest_rows("seed", sample, gold, trained)
    names = eval_dir / "external" / "cluener-train.jsonl"
    if names.exists():
        gazetteer, lexicon = load_gazetteer(), load_lexicon()
        text = sample.read_text(encoding="utf-8")
        home = gazetteer.home_city([text])
        target = target_cities(gazetteer, home, len(named_counties(gazetteer, home, text)), 1, EVAL_RENAME_SEED)[0]
        renamed_text, renamed_gold = renamed_digest(text, gold, gazetteer, lexicon, target,
                                                    cluener_names(names, lexicon), EVAL_RENAME_SEED)
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / sample.name
            copy.write_text(renamed_text, encoding="utf-8")
            rows += _digest_rows("seed-renamed", copy, renamed_gold, trained)
    return rows


def _digest_rows(name: str, sample: Path, gold: list[dict], trained: frozenset[str]) -> list[Row]:
    """govkg and bare LAC on one digest's items, scored against ``gold`` (``score.py``'s measures)."""
    items = [i for i in extract_file(sample).items if i.id not in trained]
    return item_rows(name, items, gold, SEED_FIELDS)


def item_rows(name: str, items: list, gold: list[dict], fields: tuple[str, ...]) -> list[Row]:
    """govkg's items and bare LAC on the same items' texts, scored against ``gold`` (normalised) as
    ``score.py`` scores them: items aligned by title, then id."""
    pred = [normalise_item(json.loads(item_line(i))) for i in items]
    report = score(gold, pred)
    text_of = {p["id"]: i.text for p, i in zip(pred, items)}
    pairs, _missed, _spurious = align(gold, pred)
    aligned = {g["id"]: text_of[p["id"]] for g, p in pairs}
    lac_pred = [dict(g, **found) for g, found in zip(gold, lac_entities(aligned.get(g["id"], "") for g in gold))]
    lac_report = score(gold, lac_pred)
    rows = []
    for field_name in fields:
        value = report[field_name].get("f1", report[field_name].get("accuracy"))
        base = lac_report[field_name]["f1"] if field_name in ENTITY_FIELDS else None
        rows.append(Row(name, field_name, value, base, {"items": len(gold)}))
    return rows


LOCAL_FIELDS = ("items", *SEED_FIELDS, "appointments", "date")


def local_rows(eval_dir: Path) -> list[Row]:
    """govkg and bare LAC on the local-news corpus's dev list (``local/dev.txt``), which no model is
    trained on: every document extracted as ``kg extract`` does, scored against ``dev-gold.jsonl``."""
    folder = eval_dir / "local"
    names = (folder / "dev.txt").read_text(encoding="utf-8").split()
    items = [item for name in names for item in extract_file(folder / "docs" / f"{name}.txt").items]
    return item_rows("local-dev", items, load_items(folder / "dev-gold.jsonl"), LOCAL_FIELDS)


def corpora_report(eval_dir: str | Path) -> list[Row]:
    """Every corpus found under ``eval_dir``, govkg beside LAC."""
    eval_dir = Path(eval_dir)
    rows = seed_rows(eval_dir) if (eval_dir / "seed-gold.jsonl").exists() else []
    if (eval_dir / "local" / "dev.txt").exists():
        rows += local_rows(eval_dir)
    for corpus in SENTENCE_CORPORA:
        if (eval_dir / corpus.file).exists():
            rows += sentence_rows(eval_dir, corpus)
    return rows


def format_rows(rows: list[Row]) -> str:
    lines = [f"{'corpus':<18}{'field':<15}{'govkg':>7}{'LAC':>7}{'Δ':>8}  {'R':>5} {'LAC R':>5}   n"]
    for row in rows:
        lac = f"{row.lac:7.3f}" if row.lac is not None else f"{'—':>7}"
        delta = f"{row.govkg - row.lac:+8.3f}" if row.lac is not None else f"{'':>8}"
        mine, base = row.detail.get("govkg") or {}, row.detail.get("lac") or {}
        recall = f"{mine['recall']:5.3f} {base['recall']:5.3f}" if "recall" in mine and "recall" in base else " " * 11
        n = row.detail.get("sentences", row.detail.get("items", ""))
        lines.append(f"{row.corpus:<18}{row.field:<15}{row.govkg:7.3f}{lac}{delta}  {recall}   {n}")
    return "\n".join(lines)
