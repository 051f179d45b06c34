"""Stage 5 — graph: the resolved digests as a networkx ``MultiDiGraph``.

Nodes are keyed by their IRI and carry ``kind`` and ``label`` plus typed
attributes; edges are keyed by the RDF predicate they stand for (``org:holds``,
``gk:participant``…). :mod:`kg.rdf.triples` maps this graph to RDF one-to-one, so the
networkx view and the triple store hold the same resources and relations.
"""
from __future__ import annotations

import re
from collections import defaultdict

import networkx as nx

from kg.rdf.iri import mint
from kg.rdf.vocab import ROLES
from kg.resolve import Resolution, ResolvedItem

SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")


def build_graph(resolution: Resolution) -> nx.MultiDiGraph:
    """One node per digest, item, event, person, organisation, place, post, membership,
    observation and participation; relations as keyed edges."""
    g = nx.MultiDiGraph()
    iri = {}
    for (kind, key), entity in sorted(resolution.entities.items()):
        node = mint(kind, key, entity.label)
        iri[(kind, key)] = node
        g.add_node(node, kind=kind, label=entity.label, aliases=sorted(entity.aliases), **entity.attrs)
    for (kind, key), entity in sorted(resolution.entities.items()):
        if entity.parent:
            relation = "gk:within" if kind == "place" else "org:subOrganizationOf"
            g.add_edge(iri[(kind, key)], iri[(kind, entity.parent)], key=relation, relation=relation)
    for digest_id, file in sorted(resolution.digests.items()):
        g.add_node(mint("digest", digest_id), kind="digest", label=digest_id, file=file)
    memberships: dict[str, list[tuple[str | None, str]]] = defaultdict(list)
    for resolved in resolution.items:
        _add_item(g, resolved, iri, memberships)
    for membership, observed in memberships.items():
        dates = sorted(d for d, _item in observed if d)
        if dates:
            g.nodes[membership]["first_observed"] = dates[0]
            g.nodes[membership]["last_observed"] = dates[-1]
    _tenures(g)
    for role in ("chair", "speaker", "leader", "counterpart", "attendee", "awardee", "mentioned"):
        node = role_iri(role)
        if node in g:
            g.nodes[node].update(kind="role", label=role)
    return g


def role_iri(role: str) -> str:
    """Roles are the ontology's named individuals."""
    return str(ROLES[role])


def _add_item(g: nx.MultiDiGraph, resolved: ResolvedItem, iri: dict, memberships: dict) -> None:
    item = resolved.item
    item_node = mint("item", item.id, item.title)
    g.add_node(item_node, kind="item", label=item.title, item_id=item.id, date=item.date, section=item.section,
               subsection=item.subsection, char_start=item.source.start, char_end=item.source.end,
               page=item.source.page)
    g.add_edge(item_node, mint("digest", resolved.digest), key="gk:inDigest", relation="gk:inDigest")
    event = mint("event", item.id, item.title)
    g.add_node(event, kind="event", label=item.title, event_type=item.event_type or "other", date=item.date,
               evidence=_first_sentence(item.text[len(item.title):]))
    _edge(g, event, item_node, "prov:wasDerivedFrom", item_node)
    for key in sorted(set(resolved.places.values())):
        _edge(g, event, iri[("place", key)], "gk:place", item_node)
    for key in sorted(set(resolved.organizations.values())):
        _edge(g, event, iri[("organization", key)], "gk:organization", item_node)
    for person_key, title, org_key in resolved.posts:
        person = iri[("person", person_key)]
        post, membership = _post_and_membership(g, iri, person_key, title, org_key)
        if not g.has_edge(person, post, key="org:holds"):
            g.add_edge(person, post, key="org:holds", relation="org:holds")
        observation = mint("observation", f"{person_key}|{title}|{org_key or ''}|{item.id}")
        if observation not in g:
            name = g.nodes[person]["label"]
            g.add_node(observation, kind="observation", label=f"{name} {title} ({item.id})", date=item.date,
                       evidence=_sentence_with(item.text, name, title))
            g.add_edge(observation, membership, key="gk:observes", relation="gk:observes")
            _edge(g, observation, item_node, "prov:wasDerivedFrom", item_node)
            memberships[membership].append((item.date, item.id))
    for person_key, action, title, org_key in resolved.appointments:
        person = iri[("person", person_key)]
        post, membership = _post_and_membership(g, iri, person_key, title, org_key)
        node = mint("appointment", f"{item.id}|{person_key}|{action}|{title}|{org_key or ''}")
        name = g.nodes[person]["label"]
        g.add_node(node, kind="appointment", label=f"{name} {ACTIONS[action]} {g.nodes[post]['label']}",
                   action=action, date=item.date, evidence=_sentence_with(item.text, name))
        g.add_edge(node, person, key="gk:appointee", relation="gk:appointee")
        g.add_edge(node, post, key="gk:appointedTo", relation="gk:appointedTo")
        if resolved.organiser:
            g.add_edge(node, iri[("organization", resolved.organiser)], key="gk:organizer", relation="gk:organizer")
        _edge(g, node, item_node, "prov:wasDerivedFrom", item_node)
        if action != "nominate":
            if not g.has_edge(person, post, key="org:holds"):
                g.add_edge(person, post, key="org:holds", relation="org:holds")
            edge = "gk:opens" if action in ("appoint", "elect") else "gk:closes"
            g.add_edge(node, membership, key=edge, relation=edge)
    for participant in item.participants:
        person_key = resolved.persons.get(participant["person"])
        if person_key is None:
            continue
        person = iri[("person", person_key)]
        node = mint("participation", f"{item.id}|{person_key}|{participant['role']}")
        name = participant["person"]
        g.add_node(node, kind="participation", label=f"{name} {participant['role']} ({item.id})",
                   evidence=_sentence_with(item.text, name))
        g.add_edge(node, person, key="gk:participant", relation="gk:participant")
        g.add_edge(node, event, key="gk:event", relation="gk:event")
        role = role_iri(participant["role"])
        if role not in g:
            g.add_node(role, kind="role", label=participant["role"])
        g.add_edge(node, role, key="gk:role", relation="gk:role")
        _edge(g, node, item_node, "prov:wasDerivedFrom", item_node)


ACTIONS = {"appoint": "任", "elect": "当选", "nominate": "被提名", "remove": "免去"}


def _post_and_membership(g: nx.MultiDiGraph, iri: dict, person_key: str, title: str,
                         org_key: str | None) -> tuple[str, str]:
    """The post node (title in a body) and the person's membership in it, made when first seen."""
    person = iri[("person", person_key)]
    post = mint("post", f"{title}|{org_key or ''}", f"{title} {org_key or ''}".strip())
    if post not in g:
        g.add_node(post, kind="post", label=f"{org_key or ''}{title}", title=title)
        if org_key:
            g.add_edge(post, iri[("organization", org_key)], key="org:postIn", relation="org:postIn")
    membership = mint("membership", f"{person_key}|{title}|{org_key or ''}", g.nodes[person]["label"])
    if membership not in g:
        g.add_node(membership, kind="membership", label=f"{g.nodes[person]['label']} {g.nodes[post]['label']}")
        g.add_edge(membership, person, key="org:member", relation="org:member")
        g.add_edge(membership, post, key="gk:post", relation="gk:post")
        if org_key:
            g.add_edge(membership, iri[("organization", org_key)], key="org:organization",
                       relation="org:organization")
    return post, membership


def _tenures(g: nx.MultiDiGraph) -> None:
    """A membership an appointment opens or a removal closes gets ``org:memberDuring``: a ``time:Interval``
    beginning at the appointment's date and ending at the removal's (OWL-Time instants)."""
    bounds: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"gk:opens": [], "gk:closes": []})
    for node, membership, key in list(g.edges(keys=True)):
        if key in ("gk:opens", "gk:closes") and g.nodes[node].get("date"):
            bounds[membership][key].append(g.nodes[node]["date"])
    for membership, dates in sorted(bounds.items()):
        interval = mint("interval", membership)
        g.add_node(interval, kind="interval", label=f"{g.nodes[membership]['label']} 任期")
        g.add_edge(membership, interval, key="org:memberDuring", relation="org:memberDuring")
        for key, relation, pick in (("gk:opens", "time:hasBeginning", min), ("gk:closes", "time:hasEnd", max)):
            if dates[key]:
                day = pick(dates[key])
                instant = mint("instant", day)
                g.add_node(instant, kind="instant", label=day, in_date=day)
                g.add_edge(interval, instant, key=relation, relation=relation)


def _edge(g: nx.MultiDiGraph, u: str, v: str, relation: str, source: str) -> None:
    if not g.has_edge(u, v, key=relation):
        g.add_edge(u, v, key=relation, relation=relation, source=source)


def _first_sentence(text: str) -> str:
    match = SENTENCE.search(text)
    return match.group().strip() if match else ""


def _sentence_with(text: str, *needles: str) -> str:
    """The first sentence holding all ``needles`` (else the first holding the first of them)."""
    sentences = [m.group().strip() for m in SENTENCE.finditer(text)]
    for wanted in (needles, needles[:1]):
        for sentence in sentences:
            if all(n in sentence for n in wanted):
                return sentence
    return sentences[0] if sentences else ""
