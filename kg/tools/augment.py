"""Renamed copies of an annotated digest: another city, its counties and province, other people.

The seed digest is one city's month, so a model trained on it can learn that city's names and
its officials instead of the structure around them. A renamed copy keeps every sentence and
changes what must not matter: the home city, its province and the counties named in it become
another prefecture-level city's (full and short forms), and every annotated person gets a
generated name of the same shape (a surname and given-name characters drawn, by frequency, from
a corpus of names). The gold items are renamed by the same map, so they stay right.

``kg eval --corpora`` scores the held-back items renamed to another city (``seed-renamed``): a
measure of how the pipeline does on another city's news, which the hidden sets are. (Training on
renamed copies of the training items as well was measured and gave nothing: README.)
"""
from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from kg.extract.mentions import surname_length
from kg.reference.gazetteer import GENERIC_SHORT, Division, Gazetteer
from kg.reference.lexicon import Lexicon

#: A surname or given-name character seen fewer times than this is left out of the pool (odd names).
MIN_COUNT = 3
#: Item fields holding names, and the name-holding keys of the structured ones.
NAME_FIELDS = ("persons", "organizations", "places")
STRUCTURED_FIELDS = {"posts": ("person", "org"), "participants": ("person",), "appointments": ("person", "org")}


@dataclass(frozen=True)
class NamePool:
    """Surnames and given-name characters with their frequencies, from a corpus of real names."""

    surnames: tuple[tuple[str, int], ...]
    given: tuple[tuple[str, int], ...]

    @classmethod
    def from_names(cls, names: Iterable[str], lexicon: Lexicon) -> NamePool:
        surnames: Counter[str] = Counter()
        given: Counter[str] = Counter()
        for name in names:
            n = surname_length(name, lexicon)
            if n and 2 <= len(name) <= 4 and 1 <= len(name) - n <= 2 and all("\u4e00" <= ch <= "\u9fff" for ch in name):
                surnames[name[:n]] += 1
                given.update(name[n:])
        common = lambda counts: tuple(sorted((k, c) for k, c in counts.items() if c >= MIN_COUNT))
        return cls(common(surnames), common(given))

    def name(self, rng: random.Random, surname_chars: int, given_chars: int) -> str:
        surnames = [(s, c) for s, c in self.surnames if len(s) == surname_chars] or list(self.surnames)
        surname = rng.choices([s for s, _ in surnames], [c for _, c in surnames])[0]
        given = rng.choices([g for g, _ in self.given], [c for _, c in self.given], k=given_chars)
        return surname + "".join(given)


def cluener_names(path, lexicon: Lexicon) -> NamePool:
    """The name pool of CLUENER's training persons (``external/cluener-train.jsonl``)."""
    with open(path, encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return NamePool.from_names((p for r in records for p in r.get("persons", [])), lexicon)


def counties_of(gazetteer: Gazetteer, city: Division) -> list[Division]:
    """The counties, county-level cities and districts of a prefecture-level city, in code order."""
    return sorted((d for d in gazetteer.by_code.values() if d.parent == city.code and d.level == "county"),
                  key=lambda d: d.code)


def named_counties(gazetteer: Gazetteer, city: Division, text: str) -> list[Division]:
    """The city's counties ``text`` names, in full or by a short name of two characters or more."""
    return [d for d in counties_of(gazetteer, city)
            if d.name in text or (len(d.short) >= 2 and d.short not in GENERIC_SHORT and d.short in text)]


def target_cities(gazetteer: Gazetteer, home: Division, counties: int, count: int, seed: int) -> list[Division]:
    """``count`` prefecture-level cities (``某某市`` with a two-character short name, at least
    ``counties`` counties, in another province than the home city), chosen by a seeded draw."""
    home_province = gazetteer.province_of(home)
    pool = [d for d in gazetteer.by_code.values()
            if d.level == "prefecture" and d.name.endswith("市") and len(d.short) == 2
            and gazetteer.province_of(d) != home_province]
    pool = sorted((d for d in pool if len(counties_of(gazetteer, d)) >= counties), key=lambda d: d.code)
    return random.Random(seed).sample(pool, count)


def renaming(texts: list[str], persons: Iterable[str], gazetteer: Gazetteer, lexicon: Lexicon,
             home: Division, target: Division, pool: NamePool, seed: int) -> dict[str, str]:
    """The map from each name to its replacement, for one copy.

    Places: the home city, its province and every county of the home city named in ``texts``
    (full names, and short names of two characters or more that are not generic), to the
    target's — counties to counties of the same kind (区, 县, 市) in code order where there are
    enough. Persons: each name with a known surname, of two to four characters, to a generated one.
    """
    joined = "\n".join(texts)
    mapping: dict[str, str] = {}

    def put(old: str, new: str) -> None:
        if old and new and old != new and old not in mapping:
            mapping[old] = new

    def forms(old: Division, new: Division) -> None:
        put(old.name, new.name)
        if len(old.short) >= 2 and len(new.short) >= 2 and old.short not in GENERIC_SHORT \
                and new.short not in GENERIC_SHORT and old.short != old.name:
            put(old.short, new.short)

    forms(home, target)
    old_province, new_province = gazetteer.province_of(home), gazetteer.province_of(target)
    if old_province and new_province:
        forms(old_province, new_province)
    theirs = counties_of(gazetteer, target)
    used: set[str] = set()
    for county in named_counties(gazetteer, home, joined):
        free = [d for d in theirs if d.code not in used]
        if not free:
            break  # a smaller city: the rest keep their names
        choice = next((d for d in free if d.name[-1] == county.name[-1]), free[0])
        used.add(choice.code)
        forms(county, choice)
    rng = random.Random(seed)
    taken = set(mapping.values())
    for person in sorted(set(persons)):
        n = surname_length(person, lexicon)
        if not n or not 2 <= len(person) <= 4 or not 1 <= len(person) - n <= 2:
            continue
        for _attempt in range(20):
            new = pool.name(rng, n, len(person) - n)
            if new not in taken and new not in joined:
                break
        taken.add(new)
        put(person, new)
    return mapping


def apply(mapping: dict[str, str], text: str) -> str:
    """``text`` with every name in ``mapping`` replaced, longest first, in one pass."""
    if not mapping:
        return text
    pattern = re.compile("|".join(re.escape(k) for k in sorted(mapping, key=lambda k: (-len(k), k))))
    return pattern.sub(lambda m: mapping[m.group()], text)


def rename_item(mapping: dict[str, str], item: dict) -> dict:
    """A gold (or extracted) item with the same names replaced in every name-holding field."""
    out = dict(item)
    for name in ("title", "text"):
        if isinstance(out.get(name), str):
            out[name] = apply(mapping, out[name])
    for name in NAME_FIELDS:
        if name in out:
            out[name] = [apply(mapping, s) for s in out[name]]
    for name, keys in STRUCTURED_FIELDS.items():
        if name in out:
            out[name] = [{k: apply(mapping, v) if k in keys and isinstance(v, str) else v for k, v in entry.items()}
                         for entry in out[name]]
    return out


def renamed_digest(text: str, gold: list[dict], gazetteer: Gazetteer, lexicon: Lexicon, target: Division,
                   pool: NamePool, seed: int) -> tuple[str, list[dict]]:
    """A digest's text and gold items renamed to ``target`` (its home city found in the text)."""
    home = gazetteer.home_city([text])
    if home is None:
        raise ValueError("the digest names no city to rename")
    mapping = renaming([text], (p for item in gold for p in item.get("persons", [])), gazetteer, lexicon,
                       home, target, pool, seed)
    return apply(mapping, text), [rename_item(mapping, item) for item in gold]
