"""The span classifier: candidates from every source, one trained decision (spaCy's spancat shape).

The suggester (:func:`suggest`, registered as ``govkg.candidates.v1``) proposes labelled spans
from every voice the pipeline has: the tagger's PER/ORG/LOC words under each of the three labels
(so a name the tagger took for a place can be relabelled), the rules' persons, bodies and places, and
boundary variants of the tagger's spans (a title cut off ``江主席``, foreign names joined across
``·``, a name given back the character the tagger cut, a conjunction given back). Each candidate
gets sparse features (sources, the tagger's tag, characters at its edges and around it, the
title lexicon, surnames, organisation suffixes, the gazetteer, the string itself), hashed into a
fixed space; a logistic regression trained by :mod:`kg.tools.train` scores them, and
:func:`decide` keeps the best-scored non-overlapping spans above the threshold — flat and
outermost, as the annotation is. With no model shipped, the rules' spans stand.
"""
from __future__ import annotations

import zlib
from bisect import bisect_left
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import numpy as np
from spacy.util import registry

from kg.extract import mentions
from kg.extract.mentions import Mention, Word
from kg.reference.gazetteer import Gazetteer
from kg.reference.lexicon import Lexicon

LABELS = ("PER", "ORG", "LOC")
FIELD_OF = {"PER": "persons", "ORG": "organizations", "LOC": "places"}
N_FEATURES = 1 << 20
MAX_SPAN = 40
#: The labels whose tagger words are a floor in general text (a place LAC tags stays, where nothing else
#: was decided, unless the model is sure it is not). Not persons: a floor for them cost CLUENER's persons
#: .009 F1 for no gain on MSRA's.
FLOOR_LABELS = ("LOC",)
FUNCTION_CHARS = set("和与同及的在对向从为是了并等")
DOTS = ("·", "•", "．", "・")
ORDINAL = "第"  # 第二届: an ordinal continues a name where a count (两项) ends it


@dataclass
class Candidate:
    """A labelled span and the voices that proposed it."""

    start: int
    end: int
    label: str
    sources: set[str] = field(default_factory=set)
    score: float = 0.0
    context: str = ""  # where it sits among the rules' spans: inside one, crossing one, or free


def suggest(text: str, words: list[Word], rules: dict[str, list[Mention]], lexicon: Lexicon,
            titles: list[Mention], frames: list[Mention] = ()) -> list[Candidate]:
    """Every candidate span of one text, each (start, end, label) once with all its sources.

    ``frames`` are spans a sentence's frame names outright (``任命某某为…局长``): the source
    ``frame`` keeps them whatever the model scores (:func:`select`)."""
    found: dict[tuple[int, int, str], Candidate] = {}

    def add(start: int, end: int, label: str, source: str) -> None:
        if label == "LOC" and end - start < 2:
            return  # a one-character abbreviation is no place (ANNOTATION.md; MSRA's 中 in 中美 is not our convention)
        if 0 <= start < end <= len(text) and end - start <= MAX_SPAN and text[start:end].strip() == text[start:end]:
            found.setdefault((start, end, label), Candidate(start, end, label)).sources.add(source)

    for label, spans in rules.items():
        for m in spans:
            add(m.start, m.end, label, "rule")
    for m in frames:
        add(m.start, m.end, m.label, "frame")
    title_from = {t.start for t in titles}
    for k, w in enumerate(words):
        if w.tag not in LABELS and w.tag != "nz":
            continue
        word = text[w.start:w.end]
        for label in LABELS:
            add(w.start, w.end, label, f"lac:{w.tag}" if label == w.tag else f"lac-as:{w.tag}")
        if w.tag == "PER":
            for t in titles:  # 江主席, 威尔逊州长: the title cut off
                if w.start < t.start < w.end and t.end >= w.end:
                    add(w.start, t.start, "PER", "cut-title")
            if word[-1] in FUNCTION_CHARS and len(word) > 2:
                add(w.start, w.end - 1, "PER", "cut-function")
            if k + 1 < len(words) and words[k + 1].end - words[k + 1].start == 1 and len(word) == 2 \
                    and mentions.IS_CJK.match(text[w.end:w.end + 1]) and w.end not in title_from:
                add(w.start, w.end + 1, "PER", "grow")  # 刘永 + 好
        if w.tag in ("ORG", "LOC") and word[-1] in FUNCTION_CHARS and len(word) > 2:
            add(w.start, w.end - 1, w.tag, "cut-function")
    for start, end in _dotted_names(text, words):
        add(start, end, "PER", "dotted")
    for t in titles:  # a name right after a title, two or three characters
        for n in (2, 3):
            if t.end + n <= len(text) and all(mentions.IS_CJK.match(c) for c in text[t.end:t.end + n]):
                add(t.end, t.end + n, "PER", f"after-title{n}")
    ruled = [m for spans in rules.values() for m in spans]
    for c in found.values():
        inside = [m for m in ruled if m.start <= c.start and c.end <= m.end and (m.end - m.start) > (c.end - c.start)]
        crossing = any(m.start < c.end and c.start < m.end and not (m.start <= c.start and c.end <= m.end)
                       and not (c.start <= m.start and m.end <= c.end) for m in ruled)
        c.context = f"inside-{inside[0].label}" if inside else "crossing" if crossing else "free"
    return sorted(found.values(), key=lambda c: (c.start, c.end, c.label))


def _dotted_names(text: str, words: list[Word]) -> list[tuple[int, int]]:
    """Foreign names written with middle dots (``让·皮埃尔``): the tagger's words joined
    across each dot between two of them."""
    found = []
    k = 0
    while k < len(words):
        start, end, j = words[k].start, words[k].end, k
        while j + 2 < len(words) and text[words[j + 1].start:words[j + 1].end] in DOTS \
                and mentions.IS_CJK.match(text[words[j + 2].start:words[j + 2].start + 1] or " "):
            end, j = words[j + 2].end, j + 2
        if j > k and mentions.IS_CJK.match(text[start]):
            found.append((start, end))
        k = j + 1
    return found


@registry.misc("govkg.candidates.v1")
def candidate_suggester():
    """The suggester, as spaCy's registry names it (``[components.spans.suggester]``)."""
    return suggest


CHAIN_STOP_TAGS = frozenset({"w", "p", "u", "d", "r", "xc", "c", "v", "vd", "ad", "f", "q", "TIME"})
MAX_AHEAD = 16


def name_ahead(text: str, end: int, word_at_start: dict[int, Word], lexicon: Lexicon) -> str:
    """The kind of name a span opens, read from the words after it (``name``, ``site``, ``body``,
    ``none``, or ``mid`` when it ends inside a word).

    The tagger's words are followed while they can continue a name (no verb, preposition, particle,
    count, date or punctuation; an ordinal ``第二届`` continues) for up to ``MAX_AHEAD`` characters;
    the last word that ends a name of a kind (``kg/data/name_heads.txt``, the site and body
    suffixes, not a common word such as ``布局``) gives it: ``某县`` in ``某县先进制造业开发区``
    opens a zone's name, ``某市`` in ``推动某市经济社会发展`` and in ``某市两个项目`` opens none.
    """
    kind, heads = "none", lexicon.head_kinds

    def head(chain: str, word: str) -> str | None:
        found = None if word in lexicon.org_suffix_stopwords else mentions.name_head(chain, word, heads)
        return heads[found] if found else None

    word = word_at_start.get(end)
    if word is None:  # the span ends inside one of the tagger's words (某县 of 某县经济开发区): its rest
        rest = next((k for k in range(end + 1, min(len(text), end + MAX_AHEAD) + 1)
                     if k in word_at_start or k == len(text)), None)
        if rest is None or not mentions.IS_CJK.match(text[end]):
            return "none"
        kind = head(text[end:rest], text[end:rest]) or "mid"
        word = word_at_start.get(rest)
    while word is not None and word.end - end <= MAX_AHEAD and (
            word.tag not in CHAIN_STOP_TAGS and not (word.tag == "m" and not text.startswith(ORDINAL, word.start))):
        kind = head(text[end:word.end], text[word.start:word.end]) or kind
        word = word_at_start.get(word.end)
    return kind


def _words_within(words: list[Word], starts: list[int], start: int, end: int) -> list[Word]:
    """The tagger's words lying inside [start, end) (words sorted by start; ``starts`` their starts)."""
    k = bisect_left(starts, start)
    out = []
    while k < len(words) and words[k].start < end:
        if words[k].end <= end:
            out.append(words[k])
        k += 1
    return out


@dataclass(frozen=True)
class TextView:
    """What the features of one text's candidates read: the tagger's words (sorted, and indexed by
    where they start and end), where titles start and end, the names the document established, the
    genre (:func:`genre_of`) and the bodies the rules found (an abbreviation's full names)."""

    text: str
    words: list[Word]
    starts: list[int]
    at_start: dict[int, Word]
    at_end: dict[int, Word]
    title_starts: set[int]
    title_ends: set[int]
    known: dict[str, int]
    genre: str
    bodies: tuple[str, ...]

    @classmethod
    def of(cls, text: str, words: list[Word], titles: list[Mention], known: dict[str, int], genre: str,
           candidates: list[Candidate]) -> TextView:
        ordered = sorted(words, key=lambda w: (w.start, w.end))
        bodies = tuple(sorted({text[c.start:c.end] for c in candidates if c.label == "ORG" and "rule" in c.sources}))
        return cls(text, ordered, [w.start for w in ordered], {w.start: w for w in ordered},
                   {w.end: w for w in ordered}, {t.start for t in titles}, {t.end for t in titles}, known, genre,
                   bodies)


def abbreviates(short: str, bodies: tuple[str, ...]) -> bool:
    """``short`` is an abbreviation of one of ``bodies``: it opens like it and its characters come in
    it in order (``某国电科`` of ``某国电子科技集团有限公司``), at least two characters shorter."""
    return 2 <= len(short) <= 6 and any(
        len(body) >= len(short) + 2 and body[0] == short[0] and mentions.in_order(short, body) for body in bodies)


def features(view: TextView, c: Candidate, lexicon: Lexicon, gazetteer: Gazetteer) -> list[int]:
    """Hashed feature indices of one candidate (each of :func:`feature_names` crossed with its label)."""
    return [zlib.crc32(f"{c.label}|{name}".encode()) % N_FEATURES
            for name in feature_names(view, c, lexicon, gazetteer)]


def feature_names(view: TextView, c: Candidate, lexicon: Lexicon, gazetteer: Gazetteer) -> list[str]:
    """The named features of one candidate.

    ``view.genre`` is what the text shows of itself (:func:`genre_of`): local-government news follows
    ANNOTATION.md's conventions, which differ from a national paper's or a web corpus's in places
    (long sub-unit names, places inside names); a few features are crossed with it.
    """
    text, genre, known = view.text, view.genre, view.known
    word_at_start, word_at_end, title_starts, title_ends = view.at_start, view.at_end, view.title_starts, view.title_ends
    span = text[c.start:c.end]
    n = len(span)
    before, after = text[max(0, c.start - 2):c.start], text[c.end:c.end + 2]
    exact = word_at_start.get(c.start)
    tag = exact.tag if exact is not None and exact.end == c.end else "none"
    prev_word = word_at_end.get(c.start)
    next_word = word_at_start.get(c.end)
    aligned = (c.start in word_at_start) + (c.end in word_at_end)
    suffix = mentions.longest_suffix(span, lexicon.org_suffixes) if n > 1 else None
    gaz = gazetteer.lookup(span)
    names = [
        "bias", f"tag={tag}", f"aligned={aligned}", f"len={min(n, 10)}",
        f"first={span[0]}", f"last={span[-1]}", f"first2={span[:2]}", f"last2={span[-2:]}",
        f"prev={before[-1:]}", f"prev2={before}", f"next={after[:1]}", f"next2={after}",
        f"prevtag={prev_word.tag if prev_word else 'none'}", f"nexttag={next_word.tag if next_word else 'none'}",
        f"surname={mentions.surname_length(span, lexicon)}", f"givenlen={n - mentions.surname_length(span, lexicon)}",
        f"title_after={c.end in title_starts}", f"title_before={c.start in title_ends}",
        f"suffix={suffix}", f"gaz={gaz[0][0].level if gaz else 'none'}", f"gazshort={gaz[0][1] if gaz else 'none'}",
        f"country={span in lexicon.countries}", f"titleword={span in lexicon.titles}",
        f"body={span in lexicon.bodies}", f"known={span in known}",
        f"dot={'·' in span}", f"ascii={span.isascii()}", f"digit={any(ch.isdigit() for ch in span)}",
        f"word={span}", f"nsrc={len(c.sources)}", f"srcset={'+'.join(sorted(c.sources))}",
        f"quote={before[-1:] in '“《「' and after[:1] in '”》」'}", f"ctx={c.context}",
        f"ctx={c.context}|tag={tag}",
        f"body={span in lexicon.bodies}|title_after={c.end in title_starts}",  # 县委 of 县委副书记: a post's
        f"genre={genre}|body={span in lexicon.bodies}|title_after={c.end in title_starts}",  # body, no mention
        f"abbreviates={abbreviates(span, view.bodies)}",  # 工行某省分行 after 中国工商银行某省分行
    ]
    inner = _words_within(view.words, view.starts, c.start, c.end) if n > 1 else []
    inner_tags = "+".join(sorted({w.tag for w in inner if w.tag in LABELS}))
    bucket = min(n, 4) if n < 8 else 8 if n < 12 else 12
    names += [f"nwords={min(len(inner), 6)}", f"inner={inner_tags}", f"lenb={bucket}|suffix={suffix is not None}",
              f"inner={inner_tags}|suffix={suffix is not None}", f"lastword={text[inner[-1].start:inner[-1].end] if inner else ''}"]
    names += [f"src={s}|lenb={bucket}" for s in c.sources]
    ahead = name_ahead(text, c.end, word_at_start, lexicon)
    names += [f"ahead={ahead}", f"ahead={ahead}|genre={genre}", f"ahead={ahead}|ctx={c.context}",
              f"ahead={ahead}|tag={tag}"]
    names += [f"genre={genre}", f"genre={genre}|lenb={bucket}|suffix={suffix is not None}",
              f"genre={genre}|tag={tag}", f"genre={genre}|gaz={gaz[0][0].level if gaz else 'none'}"]
    names += [f"genre={genre}|src={s}|lenb={bucket}" for s in c.sources]
    names += [f"src={s}" for s in c.sources]
    names += [f"src={s}|tag={tag}" for s in c.sources]
    return names


@dataclass(frozen=True)
class SpanModel:
    """Weights of the logistic regression over hashed features, and the decision threshold."""

    weights: np.ndarray
    threshold: float      # a candidate the rules did not give is added from this score on
    drop: float = 0.1     # a rule's span is dropped below this score
    replace: float = 0.9  # a candidate replaces a doubted rule span from this score on
    local: tuple[float, float, float] | None = None  # (threshold, drop, replace) for local-government news
    floor: float = 1.01   # in general text the tagger's own places stand from this score on (above 1: never)

    def for_genre(self, genre: str) -> SpanModel:
        """The model with the thresholds of ``genre``'s text: the rules were written for local news,
        and there the thresholds are chosen on local news (:mod:`kg.tools.train`)."""
        if genre != "local" or self.local is None:
            return self
        threshold, drop, replace = self.local
        return SpanModel(self.weights, threshold, drop, replace)

    def score(self, rows: list[list[int]]) -> np.ndarray:
        if not rows:
            return np.zeros(0)
        lengths = np.array([len(r) for r in rows])
        flat = np.fromiter((i for r in rows for i in r), dtype=np.int64, count=int(lengths.sum()))
        sums = np.add.reduceat(self.weights[flat], np.r_[0, np.cumsum(lengths)[:-1]])
        return 1.0 / (1.0 + np.exp(-sums))


_RULES_ONLY: list[bool] = []


@contextmanager
def rules_only() -> Iterator[None]:
    """Within this block the rules' spans stand and no model decides (the rule tests pin the rules)."""
    _RULES_ONLY.append(True)
    try:
        yield
    finally:
        _RULES_ONLY.pop()


def active_model() -> SpanModel | None:
    """The shipped model, unless inside :func:`rules_only`."""
    return None if _RULES_ONLY else shipped_model()


@cache
def shipped_model() -> SpanModel | None:
    """The model in ``kg/models/spans/`` (trained by ``python -m kg.tools.train``), or None."""
    folder = resources.files("kg").joinpath("models", "spans")
    weights = folder.joinpath("weights.npz")
    if not weights.is_file():
        return None
    with weights.open("rb") as handle:
        data = np.load(handle)
        return SpanModel(data["weights"].astype(np.float32), float(data["threshold"]),
                         float(data["drop"]) if "drop" in data else 0.1,
                         float(data["replace"]) if "replace" in data else 0.9,
                         tuple(float(x) for x in data["local"]) if "local" in data else None,
                         float(data["floor"]) if "floor" in data else 1.01)


LOCAL_BODIES = ("市委", "县委", "区委", "州委", "旗委", "市政府", "县政府", "区政府", "市人大", "县人大", "市政协",
                "县政协", "市长", "县长", "区长", "州长", "旗长", "镇党委", "乡党委", "街道")
# (a province's bodies are left out: People's Daily names them often, and its conventions are not ours)


def genre_of(text: str, home_city: str | None) -> str:
    """``local`` for local-government news (a home city, or a local body or head named), else ``general``."""
    return "local" if home_city or any(body in text for body in LOCAL_BODIES) else "general"


def candidate_rows(text: str, candidates: list[Candidate], words: list[Word], lexicon: Lexicon,
                   gazetteer: Gazetteer, titles: list[Mention], known: dict[str, int],
                   genre: str = "general") -> list[list[int]]:
    """The feature rows of a text's candidates."""
    view = TextView.of(text, words, titles, known, genre, candidates)
    return [features(view, c, lexicon, gazetteer) for c in candidates]


def decide(candidates: list[Candidate], model: SpanModel, rows: list[list[int]],
           genre: str = "general") -> dict[str, list[Mention]]:
    """The rules' spans the model does not reject, then the candidates it accepts, flat and outermost.

    A span a frame names stays; a rule's span stays unless its score falls below ``model.drop``;
    another candidate is added
    when it scores at least ``model.threshold`` and overlaps nothing kept, longest first — or
    replaces what it overlaps when that is a rule span the model doubts (below
    ``model.threshold``) and it scores at least ``model.replace``, or when it only extends spans
    of its own label that scored lower (``波兰`` → ``波兰共和国``).
    """
    return select(candidates, model.score(rows), model.for_genre(genre))


def select(candidates: list[Candidate], scores: np.ndarray, model: SpanModel) -> dict[str, list[Mention]]:
    """:func:`decide` with the scores given."""
    for c, s in zip(candidates, scores):
        c.score = float(s)
    kept = [c for c in candidates if "frame" in c.sources or ("rule" in c.sources and c.score >= model.drop)]
    for c in sorted((c for c in candidates if "rule" not in c.sources and c.score >= model.threshold),
                    key=lambda c: (-(c.end - c.start), -c.score, c.start, c.label)):
        clash = [k for k in kept if k.start < c.end and c.start < k.end]
        doubted = all("rule" in k.sources and "frame" not in k.sources and k.score < model.threshold for k in clash)
        extends = all(c.start <= k.start and k.end <= c.end and k.label == c.label and k.score < c.score
                      and "frame" not in k.sources for k in clash)  # 波兰 → 波兰共和国 (a frame's name is exact)
        if clash and ((c.score >= model.replace and doubted) or extends):
            kept = [k for k in kept if k not in clash]
            clash = []
        if not clash:
            kept.append(c)
    for c in sorted((c for c in candidates if c.label in FLOOR_LABELS and f"lac:{c.label}" in c.sources
                     and c.score >= model.floor), key=lambda c: (-c.score, c.start)):
        if not mentions.overlaps(c, kept):
            kept.append(c)  # the tagger's own name, where nothing else was decided: it stands unless the model is sure
    out: dict[str, list[Mention]] = {label: [] for label in LABELS}
    for c in sorted(kept, key=lambda c: c.start):
        out[c.label].append(Mention(c.start, c.end, c.label))
    return out
