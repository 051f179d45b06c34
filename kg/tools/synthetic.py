"""Synthetic graphs shaped like :func:`kg.graph.build_graph`'s, for scale tests and the benchmark.

Deterministic for a seed; no text, no extraction — only the node kinds and
relations the views and queries read.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

import networkx as nx

from kg.api import SAMPLE
from kg.document import extract_file
from kg.graph import role_iri
from kg.rdf.iri import mint

ROLES = ("chair", "speaker", "leader", "counterpart", "attendee", "mentioned")
TYPES = ("meeting", "inspection", "talks", "award", "signing", "launch", "policy", "activity", "other")


def synthetic_graph(nodes: int = 5000, seed: int = 7) -> nx.MultiDiGraph:
    """About ``nodes`` person, organisation, place and event nodes with participations and posts."""
    rng = random.Random(seed)
    persons = [mint("person", f"p{i}", f"人物{i}") for i in range(nodes // 5)]
    orgs = [mint("organization", f"o{i}", f"机构{i}") for i in range(nodes // 5)]
    places = [mint("place", f"l{i}", f"地点{i}") for i in range(nodes // 10)]
    events = [mint("event", f"e{i}", f"事件{i}") for i in range(nodes - len(persons) - len(orgs) - len(places))]
    g = nx.MultiDiGraph()
    for i, n in enumerate(persons):
        g.add_node(n, kind="person", label=f"人物{i}", aliases=[])
    for i, n in enumerate(orgs):
        g.add_node(n, kind="organization", label=f"机构{i}", aliases=[])
    for i, n in enumerate(places):
        g.add_node(n, kind="place", label=f"地点{i}", aliases=[])
    for role in ROLES:
        g.add_node(role_iri(role), kind="role", label=role)
    for i, event in enumerate(events):
        g.add_node(event, kind="event", label=f"事件{i}", event_type=rng.choice(TYPES),
                   date=f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
        g.add_edge(event, rng.choice(orgs), key="gk:organization", relation="gk:organization")
        g.add_edge(event, rng.choice(places), key="gk:place", relation="gk:place")
        for person in rng.sample(persons, 2):
            part = mint("participation", f"{i}|{person}")
            g.add_node(part, kind="participation", label="participation")
            g.add_edge(part, person, key="gk:participant", relation="gk:participant")
            g.add_edge(part, event, key="gk:event", relation="gk:event")
            g.add_edge(part, role_iri(rng.choice(ROLES)), key="gk:role", relation="gk:role")
    for i, person in enumerate(persons):
        post = mint("post", f"post{i}", f"职务{i}")
        g.add_node(post, kind="post", label=f"职务{i}", title="主任")
        g.add_edge(person, post, key="org:holds", relation="org:holds")
        g.add_edge(post, rng.choice(orgs), key="org:postIn", relation="org:postIn")
    return g


def synthetic_corpus(out_dir, digests: int, seed: int = 7, sample=None) -> list:
    """Write ``digests`` digests made from the sample: re-dated month by month, some names varied.

    Names come from our own extraction of the sample; a varied name keeps its
    surname and borrows another person's given name, so resolution meets new
    people, and the same people again, month after month.
    """
    sample = Path(sample or SAMPLE)
    text = sample.read_text(encoding="utf-8")
    names = sorted({p for item in extract_file(sample).items for p in item.persons if 2 <= len(p) <= 3})
    rng = random.Random(seed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(digests):
        year, month = 2015 + k // 12, k % 12 + 1
        body = re.sub(r"12(\s*)月", lambda m: f"{month}{m.group(1)}月", text)
        givens = [n[1:] for n in names]
        rng.shuffle(givens)
        for name, given in zip(names, givens):
            if rng.random() < 0.3:
                body = body.replace(name, name[0] + given)
        path = out_dir / f"city-digest-{year}-{month:02d}.txt"
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    return paths
