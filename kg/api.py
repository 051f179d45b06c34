"""The notebook API: free functions that take the graph and return plain data, like networkx's.

Every function takes the ``MultiDiGraph`` that :func:`build` or
:func:`kg.load_graph` returns. Persons and events may be given by their IRI
(the node id) or by their name / headline.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import networkx as nx

from kg.simplify import to_simplified

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "samples" / "luoyang-digest-2023-12.txt"


def build(paths: Iterable[str | Path], out_dir: str | Path | None = None, *, year: int | None = None,
          month: int | None = None) -> nx.MultiDiGraph:
    """Run the whole pipeline over digests and return the graph.

    Parameters
    ----------
    paths : iterable of str or Path
        Digest or article files (.txt, .pdf, .docx), or folders of them.
    out_dir : str or Path, optional
        When given, also write Turtle, N-Triples, GraphML, items, the SPARQL
        store and the HTML views there (as ``kg build`` does): all of them, or
        nothing when no item was extracted (:class:`kg.records.KgError`, the
        folder left as it was). Works from a script without a ``__main__``
        guard, from standard input, a notebook or a thread.
    year, month : int, optional
        The digests' period, when the documents do not say.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed by IRI with ``kind`` and ``label``; edges keyed by predicate.

    Examples
    --------
    >>> import kg
    >>> G = kg.build([kg.api.SAMPLE])
    >>> sorted({kind for _, kind in G.nodes(data="kind")})[:4]
    ['digest', 'event', 'item', 'membership']
    """
    from kg.export import write_outputs
    from kg.pipeline import run_build

    result = run_build(paths, year=year, month=month)
    if out_dir is not None:
        write_outputs(result, out_dir)
    return result.graph


@cache
def sample_graph() -> nx.MultiDiGraph:
    """The graph of the bundled sample digest (built once per process).

    Examples
    --------
    >>> import kg
    >>> kg.sample_graph().number_of_nodes() > 500
    True
    """
    return build([SAMPLE])


def _node(g: nx.MultiDiGraph, ref: str, kind: str) -> str:
    """A node id from an IRI, a label or an alias, in either script (``李亞`` finds 李亚)."""
    if ref in g and g.nodes[ref].get("kind") == kind:
        return ref
    wanted = to_simplified(ref)
    found = sorted(n for n, d in g.nodes(data=True) if d.get("kind") == kind and wanted in
                   {to_simplified(name) for name in [d.get("label", ""), *(d.get("aliases") or [])]})
    if not found:
        raise KeyError(f"no {kind} {ref!r} in the graph")
    return found[0]


def _targets(g: nx.MultiDiGraph, node: str, key: str) -> list[str]:
    return sorted(v for _u, v, k in g.out_edges(node, keys=True) if k == key)


def _sources(g: nx.MultiDiGraph, node: str, key: str) -> list[str]:
    return sorted(u for u, _v, k in g.in_edges(node, keys=True) if k == key)


def persons(g: nx.MultiDiGraph) -> list[dict]:
    """Every person, with the number of events they took part in.

    Returns
    -------
    list of dict
        ``{"id", "name", "events"}``, sorted by name.

    Examples
    --------
    >>> import kg
    >>> max(p["events"] for p in kg.persons(kg.sample_graph())) >= 10
    True
    """
    out = []
    for node, data in g.nodes(data=True):
        if data.get("kind") == "person":
            events = {_targets(g, p, "gk:event")[0] for p in _sources(g, node, "gk:participant")}
            out.append({"id": node, "name": data["label"], "events": len(events)})
    return sorted(out, key=lambda p: (p["name"], p["id"]))


def posts(g: nx.MultiDiGraph, person: str | None = None) -> list[dict]:
    """Posts held, with the first and last dates each was observed and how often.

    Parameters
    ----------
    person : str, optional
        A person's IRI or name; all persons when omitted.

    Returns
    -------
    list of dict
        ``{"person", "title", "organization", "first", "last", "observations"}``.

    Examples
    --------
    >>> import kg
    >>> mayor = next(p for p in kg.posts(kg.sample_graph()) if p["title"] == "市长")
    >>> mayor["organization"].endswith("人民政府"), mayor["first"] <= mayor["last"]
    (True, True)
    """
    wanted = _node(g, person, "person") if person is not None else None
    out = []
    for node, data in g.nodes(data=True):
        if data.get("kind") != "membership":
            continue
        member = _targets(g, node, "org:member")[0]
        if wanted is not None and member != wanted:
            continue
        post = _targets(g, node, "gk:post")[0]
        orgs = _targets(g, post, "org:postIn")
        out.append({"person": g.nodes[member]["label"], "title": g.nodes[post]["title"],
                    "organization": g.nodes[orgs[0]]["label"] if orgs else None,
                    "first": data.get("first_observed"), "last": data.get("last_observed"),
                    "observations": len(_sources(g, node, "gk:observes"))})
    return sorted(out, key=lambda p: (p["person"], p["title"], p["organization"] or ""))


def _tenure(g: nx.MultiDiGraph, membership: str) -> tuple[str | None, str | None]:
    """A membership's beginning and end, where an appointment or a removal dates them."""
    begin = end = None
    for interval in _targets(g, membership, "org:memberDuring"):
        for instant in _targets(g, interval, "time:hasBeginning"):
            begin = g.nodes[instant].get("in_date")
        for instant in _targets(g, interval, "time:hasEnd"):
            end = g.nodes[instant].get("in_date")
    return begin, end


def _membership_row(g: nx.MultiDiGraph, membership: str) -> dict:
    data = g.nodes[membership]
    member = _targets(g, membership, "org:member")[0]
    post = _targets(g, membership, "gk:post")[0]
    orgs = _targets(g, post, "org:postIn")
    begin, end = _tenure(g, membership)
    items = sorted({g.nodes[i].get("item_id") for o in _sources(g, membership, "gk:observes")
                    for i in _targets(g, o, "prov:wasDerivedFrom")}
                   | {g.nodes[i].get("item_id") for a in _sources(g, membership, "gk:opens")
                      + _sources(g, membership, "gk:closes") for i in _targets(g, a, "prov:wasDerivedFrom")})
    return {"person": g.nodes[member]["label"], "title": g.nodes[post]["title"],
            "organization": g.nodes[orgs[0]]["label"] if orgs else None, "begin": begin, "end": end,
            "first": data.get("first_observed"), "last": data.get("last_observed"), "evidence": items}


def _in_time(row: dict) -> tuple[str, str]:
    return (row["begin"] or row["first"] or "9999", row["end"] or row["last"] or "9999")


def careers(g: nx.MultiDiGraph, person: str) -> list[dict]:
    """A person's posts in time order: when appointed and removed (``begin``/``end``, where an appointment
    or removal says so) and when first and last observed holding them, with the items that say so.

    Returns
    -------
    list of dict
        ``{"person", "title", "organization", "begin", "end", "first", "last", "evidence"}``.

    Examples
    --------
    >>> import kg
    >>> G = kg.sample_graph()
    >>> mayor = next(p["person"] for p in kg.posts(G) if p["title"] == "市长")
    >>> steps = kg.careers(G, mayor)
    >>> "市长" in [s["title"] for s in steps] and all(s["evidence"] for s in steps)
    True
    """
    node = _node(g, person, "person")
    rows = [_membership_row(g, m) for m in _sources(g, node, "org:member")]
    return sorted(rows, key=lambda r: (_in_time(r), r["title"], r["organization"] or ""))


def holders(g: nx.MultiDiGraph, title: str, body: str) -> list[dict]:
    """The successive holders of one post (``title`` in ``body``, a body's IRI or name), in time order.

    Returns
    -------
    list of dict
        ``{"person", "title", "organization", "begin", "end", "first", "last", "evidence"}``.

    Examples
    --------
    >>> import kg
    >>> G = kg.sample_graph()
    >>> post = next(p for p in kg.posts(G) if p["title"] == "市长")
    >>> [h["person"] for h in kg.holders(G, "市长", post["organization"])] == [post["person"]]
    True
    """
    org = _node(g, body, "organization")
    rows = [_membership_row(g, m) for m in _sources(g, org, "org:organization")]
    rows = [r for r in rows if to_simplified(r["title"]) == to_simplified(title)]  # (書記 is 书记)
    return sorted(rows, key=lambda r: (_in_time(r), r["person"]))


def events(g: nx.MultiDiGraph, kind: str | None = None, start: str | None = None, end: str | None = None,
           place: str | None = None) -> list[dict]:
    """Events, optionally of one type, within dates (ISO, inclusive) and naming a place.

    An event is in a place when a place it names is that place or lies within it (a city
    matches its counties). An event that names no place is in none: ``place=`` leaves it out
    (most of a city digest's events name no place; query without ``place`` to see them).

    Raises
    ------
    ValueError
        For an unknown ``kind`` (the message lists the known ones) or a date not written
        ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    Returns
    -------
    list of dict
        ``{"id", "title", "type", "date", "places", "organizations"}``, by date.

    Examples
    --------
    >>> import kg
    >>> talks = kg.events(kg.sample_graph(), kind="talks", start="2023-12-01", end="2023-12-10")
    >>> all(e["type"] == "talks" and "2023-12-01" <= e["date"] <= "2023-12-10" for e in talks)
    True
    """
    from kg.vocab import EVENT_CLASSES

    if kind is not None and kind not in EVENT_CLASSES:
        raise ValueError(f"unknown event kind {kind!r}; the kinds are {', '.join(sorted(EVENT_CLASSES))}")
    for name, value in (("start", start), ("end", end)):
        if value is not None and not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value):
            raise ValueError(f"{name}={value!r}: write dates YYYY, YYYY-MM or YYYY-MM-DD")
    inside = None
    if place is not None:
        root = _node(g, place, "place")
        inside = {root} | {n for n in g if g.nodes[n].get("kind") == "place" and _within(g, n, root)}
    out = []
    for node, data in g.nodes(data=True):
        if data.get("kind") != "event":
            continue
        date = data.get("date") or ""
        if kind is not None and data.get("event_type") != kind:
            continue
        if start is not None and (not date or date < start[: len(date)]):
            continue
        if end is not None and (not date or date > end[: len(date)]):
            continue
        places = _targets(g, node, "gk:place")
        if inside is not None and not inside & set(places):
            continue
        out.append({"id": node, "title": data["label"], "type": data.get("event_type"), "date": data.get("date"),
                    "places": [g.nodes[p]["label"] for p in places],
                    "organizations": [g.nodes[o]["label"] for o in _targets(g, node, "gk:organization")]})
    return sorted(out, key=lambda e: (e["date"] or "", e["title"]))


def _within(g: nx.MultiDiGraph, place: str, root: str) -> bool:
    seen = set()
    while place not in seen:
        seen.add(place)
        parents = _targets(g, place, "gk:within")
        if not parents:
            return False
        place = parents[0]
        if place == root:
            return True
    return False


def participants(g: nx.MultiDiGraph, event: str) -> list[dict]:
    """Who took part in an event, and in which role.

    Examples
    --------
    >>> import kg
    >>> G = kg.sample_graph()
    >>> talk = kg.events(G, kind="talks")[0]
    >>> sorted(p["role"] for p in kg.participants(G, talk["id"]))
    ['counterpart', 'leader']
    """
    node = _node(g, event, "event")
    out = []
    for part in _sources(g, node, "gk:event"):
        person = _targets(g, part, "gk:participant")[0]
        role = _targets(g, part, "gk:role")[0]
        out.append({"person": g.nodes[person]["label"], "role": g.nodes[role]["label"]})
    return sorted(out, key=lambda p: (p["person"], p["role"]))


def co_participation(g: nx.MultiDiGraph) -> nx.Graph:
    """Persons linked by the events they shared (``weight``: how many; ``events``: their headlines).

    Examples
    --------
    >>> import kg
    >>> C = kg.co_participation(kg.sample_graph())
    >>> max(w for _, _, w in C.edges(data="weight")) >= 5
    True
    """
    from kg.views import coparticipation_graph

    return coparticipation_graph(g)


def counterparts(g: nx.MultiDiGraph, person: str) -> list[dict]:
    """Persons met by ``person``: the other side in events where one of them was a counterpart.

    Returns
    -------
    list of dict
        ``{"person", "events"}``: how many such events, most first.

    Examples
    --------
    >>> import kg
    >>> G = kg.sample_graph()
    >>> mayor = next(p["person"] for p in kg.posts(G) if p["title"] == "市长")
    >>> len(kg.counterparts(G, mayor)) >= 3
    True
    """
    node = _node(g, person, "person")
    counts: dict[str, int] = defaultdict(int)
    for part in _sources(g, node, "gk:participant"):
        event = _targets(g, part, "gk:event")[0]
        roles = {}
        for other in _sources(g, event, "gk:event"):
            who = _targets(g, other, "gk:participant")[0]
            roles[who] = g.nodes[_targets(g, other, "gk:role")[0]]["label"]
        if "counterpart" not in roles.values():
            continue
        for who, role in roles.items():
            if who != node and (role == "counterpart" or roles.get(node) == "counterpart"):
                counts[g.nodes[who]["label"]] += 1
    return sorted(({"person": p, "events": n} for p, n in counts.items()), key=lambda c: (-c["events"], c["person"]))


TABLES = ("persons", "posts", "events", "participations", "appointments", "bodies")


def tables(g: nx.MultiDiGraph) -> dict[str, list[dict]]:
    """The graph as flat tables for spreadsheets and data frames (``kg build`` writes them as CSV into
    ``tables/``): the same answers as :func:`persons`, :func:`careers` and :func:`events`.

    Returns
    -------
    dict of list of dict
        ``persons`` (id, name, aliases, events), ``posts`` (person, title, body, first_seen, last_seen,
        begin, end, evidence), ``events`` (id, date, type, title, places, bodies), ``participations``
        (event, date, person, role), ``appointments`` (date, person, action, title, body, item),
        ``bodies`` (id, name, aliases, parent). Lists are joined with ``; ``.

    Examples
    --------
    >>> import kg
    >>> t = kg.tables(kg.sample_graph())
    >>> len(t["events"]) == len(kg.events(kg.sample_graph())) and {"person", "title", "body"} <= set(t["posts"][0])
    True
    """
    join = "; ".join
    out: dict[str, list[dict]] = {name: [] for name in TABLES}
    aliases = {n: join(d.get("aliases") or []) for n, d in g.nodes(data=True)}
    for p in persons(g):
        out["persons"].append({"id": p["id"], "name": p["name"], "aliases": aliases[p["id"]], "events": p["events"]})
    for node, data in sorted(g.nodes(data=True)):
        kind = data.get("kind")
        if kind == "membership":
            row = _membership_row(g, node)
            out["posts"].append({"person": row["person"], "title": row["title"], "body": row["organization"] or "",
                                 "first_seen": row["first"] or "", "last_seen": row["last"] or "",
                                 "begin": row["begin"] or "", "end": row["end"] or "", "evidence": join(row["evidence"])})
        elif kind == "participation":
            event = _targets(g, node, "gk:event")[0]
            out["participations"].append({"event": event, "date": g.nodes[event].get("date") or "",
                                          "person": g.nodes[_targets(g, node, "gk:participant")[0]]["label"],
                                          "role": g.nodes[_targets(g, node, "gk:role")[0]]["label"]})
        elif kind == "appointment":
            post = _targets(g, node, "gk:appointedTo")[0]
            bodies = _targets(g, post, "org:postIn")
            items = [g.nodes[i].get("item_id", "") for i in _targets(g, node, "prov:wasDerivedFrom")]
            out["appointments"].append({"date": data.get("date") or "",
                                        "person": g.nodes[_targets(g, node, "gk:appointee")[0]]["label"],
                                        "action": data.get("action"), "title": g.nodes[post]["title"],
                                        "body": g.nodes[bodies[0]]["label"] if bodies else "", "item": join(items)})
        elif kind == "organization":
            parents = _targets(g, node, "org:subOrganizationOf")
            out["bodies"].append({"id": node, "name": data["label"], "aliases": aliases[node],
                                  "parent": g.nodes[parents[0]]["label"] if parents else ""})
    for e in events(g):
        out["events"].append({"id": e["id"], "date": e["date"] or "", "type": e["type"], "title": e["title"],
                              "places": join(e["places"]), "bodies": join(e["organizations"])})
    out["posts"].sort(key=lambda r: (r["person"], r["begin"] or r["first_seen"], r["title"], r["body"]))
    out["participations"].sort(key=lambda r: (r["date"], r["event"], r["person"], r["role"]))
    out["appointments"].sort(key=lambda r: (r["date"], r["person"], r["action"], r["title"], r["body"]))
    return out


def to_rdf(g: nx.MultiDiGraph):
    """The graph as an ``rdflib.Graph`` (the same triples ``kg build`` writes).

    Examples
    --------
    >>> import kg
    >>> len(kg.to_rdf(kg.sample_graph())) > 3000
    True
    """
    from kg.rdf import to_rdf as convert

    return convert(g)
