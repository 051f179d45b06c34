"""Stage 4 — resolve: one entity per real person, body and place, across items and digests.

* **Persons** are keyed by name (in simplified characters: one official in a simplified and a
  traditional article is one person) and region: the division of the body their post belongs to
  (``市长`` of 某某市人民政府 → 某某市), else the digest's own city. The same name in two regions stays two
  people, and is reported.
* **Organisations** get a canonical name, in simplified characters, by the same bodies table and rules
  the extraction expands a post's body with (:func:`kg.extract.posts.canonical_body`): standard
  abbreviations for the document's home (``省委``, ``中共某省委``, ``某省委`` → 中共某省委员会), level-prefixed
  departments (``市公安局`` → ``<city>公安局``), abbreviations the same item writes out in full; every
  surface form is kept as an alias. A post's body that names no body (an article's fragment) mints
  none. A body whose name extends another's is its sub-organisation.
* **Places** link to the administrative-division gazetteer (code, level,
  coordinates) with their parents, so a county sits in its city and province.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from kg.extract.appointments import cues
from kg.extract.posts import Home as BodiesHome
from kg.extract.posts import canonical_body, home_of
from kg.records import Item
from kg.reference.gazetteer import Division, Gazetteer, load_gazetteer
from kg.reference.lexicon import Lexicon, load_lexicon
from kg.text.simplify import to_script_of, to_simplified

#: A party body's department written in full: 中共<place>委组织部 belongs to 中共<place>委员会.
PARTY_DEPARTMENT = re.compile(r"^中共(?P<place>.+?)委(?!员会$).+")


@dataclass
class Entity:
    """A resolved person, organisation or place."""

    kind: str  # person | organization | place
    key: str
    label: str
    aliases: set[str] = field(default_factory=set)
    attrs: dict[str, object] = field(default_factory=dict)
    parent: str | None = None  # key of the containing body or place


@dataclass
class ResolvedItem:
    """An item with its mentions mapped to entity keys."""

    item: Item
    digest: str
    persons: dict[str, str]          # name as written -> person key
    organizations: dict[str, str]    # surface -> organisation key
    places: dict[str, str]           # surface -> place key
    posts: list[tuple[str, str, str | None]]  # (person key, title, organisation key or None)
    appointments: list[tuple[str, str, str, str | None]] = field(default_factory=list)  # (person, action, title, org)
    organiser: str | None = None  # the appointing body the item names (人大常委会, 党委, 政府)


@dataclass
class Resolution:
    """Everything resolved from a set of digests."""

    entities: dict[tuple[str, str], Entity]
    items: list[ResolvedItem]
    digests: dict[str, str]  # digest id -> source file name
    splits: list[str]        # one line per name that stays several people
    decisions: list[dict] = field(default_factory=list)  # every merge and split of same-name persons, with why


@dataclass(frozen=True)
class Home:
    """The city and province a digest is about."""

    city: Division | None
    province: Division | None
    county: Division | None = None  # for a county's news


def resolve(digests: list[tuple[str, str, list[Item]]], gazetteer: Gazetteer | None = None,
            lexicon: Lexicon | None = None) -> Resolution:
    """Resolve the items of several digests (``(digest id, file name, items)``) into entities.

    Persons, post titles and bodies are keyed in simplified characters, so an official an outlet writes in
    traditional script is the same node; an entity's label is the form written most often, the others its
    aliases."""
    gazetteer = gazetteer or load_gazetteer()
    lexicon = lexicon or load_lexicon()
    entities: dict[tuple[str, str], Entity] = {}
    written: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)  # every form each entity is written in
    resolved: list[ResolvedItem] = []
    keys_by_name: dict[str, set[str]] = defaultdict(set)
    for digest_id, _file, items in digests:
        texts = [to_simplified(item.text) for item in items]
        bodies_home, divisions = home_of(texts, "", gazetteer)
        home = Home(*divisions)
        regions = _person_regions(items, bodies_home, home, gazetteer, lexicon)
        for item in items:
            names = [to_simplified(o) for o in item.organizations]
            seen: set[tuple[str, str, str]] = set()  # each item counts a form once

            def body(surface: str, mention: bool) -> str | None:
                canonical = canonical_body(to_simplified(surface), lexicon, gazetteer, bodies_home, names)
                if canonical is None and not mention:
                    return None  # a fragment before a title (某某专访省委) names no body
                key = _add_org(entities, canonical or to_simplified(surface), surface)
                form = to_script_of(key, item.text)
                if ("organization", key, form) not in seen:
                    seen.add(("organization", key, form))
                    written[("organization", key)][form] += 1
                return key

            orgs = {o: body(o, mention=True) for o in item.organizations}
            places = {p: _add_place(entities, p, home, gazetteer) for p in item.places}
            persons = {}
            for name in item.persons:
                simple = to_simplified(name)
                key = f"{simple}|{regions.get(simple) or _region_name(home.city or home.province)}"
                entities.setdefault(("person", key), Entity("person", key, simple))
                if ("person", key, name) not in seen:
                    seen.add(("person", key, name))
                    written[("person", key)][name] += 1
                persons[name] = key
                keys_by_name[simple].add(key)
            posts = []
            for post in item.posts:
                person = persons.get(post["person"])
                if person is not None:
                    posts.append((person, to_simplified(post["title"]), body(post["org"], mention=False)
                                  if post.get("org") else None))
            appointments = []
            for a in item.appointments:
                person = persons.get(a["person"])
                if person is not None:
                    appointments.append((person, a["action"], to_simplified(a["title"]),
                                         body(a["org"], mention=False) if a.get("org") else None))
            organiser = _appointing_body(item, orgs) if appointments else None
            resolved.append(ResolvedItem(item, digest_id, persons, orgs, places, posts, appointments, organiser))
    _label_by_use(entities, written)
    _link_sub_organizations(entities, lexicon)
    decisions = _merge_persons(entities, resolved, keys_by_name, gazetteer)
    splits = [f"{d['name']}: {len(d['people'])} people ({d['reason']})" for d in decisions if d["decision"] == "split"]
    return Resolution(entities, resolved, {d: f for d, f, _ in digests}, splits, decisions)


def _label_by_use(entities: dict[tuple[str, str], Entity], written: dict[tuple[str, str], Counter[str]]) -> None:
    """Each person's and body's label is the form written most often (a tie: the simplified key's form), the
    other forms its aliases (``skos:altLabel``)."""
    for ref, forms in written.items():
        entity = entities[ref]
        key_form = entity.label
        label = max(forms, key=lambda f: (forms[f], f == key_form, f))
        entity.aliases |= (set(forms) | {key_form}) - {label}
        entity.label = label


def _region(key: str, gazetteer: Gazetteer) -> Division | None:
    name = key.split("|", 1)[1]
    return next((d for d, _short in gazetteer.lookup(name) if d.name == name), None)


def _ancestors(division: Division | None, gazetteer: Gazetteer) -> list[Division]:
    chain = []
    while division is not None:
        chain.append(division)
        division = gazetteer.parent(division)
    return chain


def _held(resolved: list[ResolvedItem]) -> dict[str, set[tuple[str, str, str]]]:
    """For each person key, the (title, body, month) of every post it is seen holding."""
    held: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for r in resolved:
        month = (r.item.date or "")[:7]
        for person, title, org in r.posts:
            if month and org:
                held[person].add((title, org, month))
    return held


def _conflict(a: set[tuple[str, str, str]], b: set[tuple[str, str, str]]) -> str | None:
    """The same title in two different bodies in the same month: two people, not one."""
    for title, org, month in sorted(a):
        other = next((o for t, o, m in sorted(b) if t == title and m == month and o != org), None)
        if other is not None:
            return f"{title} of {org} and of {other} in {month}"
    return None


def _merge_persons(entities: dict[tuple[str, str], Entity], resolved: list[ResolvedItem],
                   keys_by_name: dict[str, set[str]], gazetteer: Gazetteer) -> list[dict]:
    """One person per name whose regions nest (a city within its province), unless their posts conflict.

    Same-name persons in regions that do not nest stay apart, and so do nesting ones holding the same
    title in two bodies in the same month. Every decision is returned with its reason (for
    ``resolution.jsonl``); merged keys are rewritten in ``entities`` and ``resolved`` in place.
    """
    held = _held(resolved)
    decisions: list[dict] = []
    renamed: dict[str, str] = {}
    for name, keys in sorted(keys_by_name.items()):
        if len(keys) < 2:
            continue
        chains = {k: _ancestors(_region(k, gazetteer), gazetteer) for k in keys}
        groups: list[list[str]] = []
        reasons: list[str] = []
        for key in sorted(keys, key=lambda k: (-len(chains[k]), k)):  # the most specific region first
            placed = False
            for group in groups:
                head = group[0]
                nested = chains[key] and chains[head] and chains[key][0] in chains[head]
                clash = _conflict(held[key], held[head])
                if nested and not clash:
                    group.append(key)
                    reasons.append(f"{head.split('|', 1)[1]} lies within {key.split('|', 1)[1]}: regions nest, "
                                   "no conflicting post")
                    placed = True
                    break
                if nested and clash:
                    reasons.append(f"conflicting posts: {clash}")
            if not placed:
                groups.append([key])
        for group in groups:
            if len(group) > 1:
                head = group[0]
                for key in group[1:]:
                    renamed[key] = head
                    entity = entities.pop(("person", key))
                    entities[("person", head)].aliases |= entity.aliases | {entity.label}
                    entities[("person", head)].aliases.discard(entities[("person", head)].label)
                decisions.append({"decision": "merge", "name": name, "person": head, "merged": group[1:],
                                  "reason": "; ".join(r for r in reasons if "nest" in r) or "regions nest"})
        if len(groups) > 1:
            regions = [g[0].split("|", 1)[1] for g in groups]
            why = next((r for r in reasons if r.startswith("conflicting")), None) or \
                f"regions that do not nest: {', '.join(regions)}"
            decisions.append({"decision": "split", "name": name, "people": [g[0] for g in groups], "reason": why})
    if renamed:
        for r in resolved:
            r.persons = {n: renamed.get(k, k) for n, k in r.persons.items()}
            r.posts = [(renamed.get(p, p), t, o) for p, t, o in r.posts]
    return decisions


APPOINTING_BODIES = ("人民代表大会常务委员会", "人大常委会", "常委会", "党委", "党组", "人民政府", "政府", "市委", "县委",
                     "区委", "省委")


def _appointing_body(item: Item, orgs: dict[str, str]) -> str | None:
    """The body that makes the item's appointments: a congress's standing committee, a party committee or a
    government named before the first cue (``市人大常委会…决定任命``)."""
    first = min((at for at in (item.text.find(c.word) for c in cues()) if at >= 0), default=len(item.text))
    named = [(item.text.find(surface), key) for surface, key in orgs.items()
             if surface.endswith(APPOINTING_BODIES) and 0 <= item.text.find(surface) < first]
    return max(named)[1] if named else None


def _person_regions(items: list[Item], bodies_home: BodiesHome, home: Home, gazetteer: Gazetteer,
                    lexicon: Lexicon) -> dict[str, str]:
    """For each name (simplified) in a digest, the region of the first body it holds a post in."""
    regions: dict[str, str] = {}
    for item in items:
        names = [to_simplified(o) for o in item.organizations]
        for post in item.posts:
            name = to_simplified(post["person"])
            if name in regions or not post.get("org"):
                continue
            org = canonical_body(to_simplified(post["org"]), lexicon, gazetteer, bodies_home, names) or ""
            for match in gazetteer.find(org):
                division = match.division
                prefecture = gazetteer.prefecture_of(division)
                regions[name] = _region_name(prefecture or division)
                break
    return regions


def _region_name(division: Division | None) -> str:
    return division.name if division else "?"


def _add_org(entities: dict[tuple[str, str], Entity], canonical: str, surface: str) -> str:
    entity = entities.setdefault(("organization", canonical), Entity("organization", canonical, canonical))
    if surface != canonical:
        entity.aliases.add(surface)
    return canonical


def _division(name: str, home: Home, gazetteer: Gazetteer) -> Division | None:
    """The division a place name means: the one in the digest's own city when the name is shared."""
    hits = gazetteer.lookup(name)
    if not hits:
        return None
    if home.city is not None:
        for division, _short in hits:
            if gazetteer.prefecture_of(division) == home.city or division == home.city:
                return division
    return min(hits, key=lambda h: (h[1], h[0].code))[0]


def _add_place(entities: dict[tuple[str, str], Entity], name: str, home: Home, gazetteer: Gazetteer) -> str:
    division = _division(name, home, gazetteer)
    if division is None:
        entity = entities.setdefault(("place", name), Entity("place", name, name))
        return entity.key
    key = _add_division(entities, division, gazetteer)
    if name != division.name:
        entities[("place", key)].aliases.add(name)
    return key


def _add_division(entities: dict[tuple[str, str], Entity], division: Division, gazetteer: Gazetteer) -> str:
    """A division and, recursively, the divisions it sits in."""
    key = division.code
    if ("place", key) not in entities:
        parent = gazetteer.parent(division)
        entities[("place", key)] = Entity(
            "place", key, division.name, attrs={"adcode": division.code, "level": division.level,
                                                "latitude": division.latitude, "longitude": division.longitude},
            parent=_add_division(entities, parent, gazetteer) if parent else None)
    return key


def _link_sub_organizations(entities: dict[tuple[str, str], Entity], lexicon: Lexicon) -> None:
    """A body whose name extends another body's name is part of it; a party department, of its committee."""
    names = sorted((e.key for e in entities.values() if e.kind == "organization"), key=len, reverse=True)
    for entity in list(entities.values()):
        if entity.kind != "organization":
            continue
        department = PARTY_DEPARTMENT.match(entity.key)
        if department:
            committee = f"中共{department.group('place')}委员会"
            entities.setdefault(("organization", committee), Entity("organization", committee, committee))
            entity.parent = committee
            continue
        entity.parent = next((n for n in names if n != entity.key and entity.key.startswith(n)
                              and any(n.endswith(s) for s in lexicon.org_suffixes)), None)
