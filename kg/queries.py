"""What the graph answers: free functions that take the graph and return plain data, like networkx's
algorithms — persons, posts and tenures, careers, holders of a post, events, participants, participations,
activity, co-participation, counterparts, and the flat tables.

The notebook API (:mod:`kg.api`, and ``kg.*``) re-exports them; the pages and network views draw them, so
that a figure on a page and in a notebook can never differ. Persons, bodies and events may be given by
their IRI (the node id) or by their name / headline, in either script.

May import: networkx, :mod:`kg.text`, :mod:`kg.rdf.vocab`. Imported by the views, the exporters and the API.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

import networkx as nx

from kg.rdf.vocab import EVENT_CLASSES
from kg.text.simplify import to_simplified


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


def targets(g: nx.MultiDiGraph, node: str, key: str) -> list[str]:
    """The nodes ``node`` points to by edges keyed ``key`` (an RDF predicate), sorted."""
    return sorted(v for _u, v, k in g.out_edges(node, keys=True) if k == key)


def sources(g: nx.MultiDiGraph, node: str, key: str) -> list[str]:
    """The nodes that point to ``node`` by edges keyed ``key``, sorted."""
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
            events = {targets(g, p, "gk:event")[0] for p in sources(g, node, "gk:participant")}
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
        if wanted is not None and targets(g, node, "org:member")[0] != wanted:
            continue
        out.append(_holding(g, node) | {"observations": len(sources(g, node, "gk:observes"))})
    return sorted(out, key=lambda p: (p["person"], p["title"], p["organization"] or ""))


def tenure(g: nx.MultiDiGraph, membership: str) -> tuple[str | None, str | None]:
    """A membership's beginning and end, where an appointment or a removal dates them."""
    begin = end = None
    for interval in targets(g, membership, "org:memberDuring"):
        for instant in targets(g, interval, "time:hasBeginning"):
            begin = g.nodes[instant].get("in_date")
        for instant in targets(g, interval, "time:hasEnd"):
            end = g.nodes[instant].get("in_date")
    return begin, end


def _holding(g: nx.MultiDiGraph, membership: str) -> dict:
    """Who holds which post in which body, first and last observed: what :func:`posts` and
    :func:`membership_row` both say of a membership."""
    data = g.nodes[membership]
    member = targets(g, membership, "org:member")[0]
    post = targets(g, membership, "gk:post")[0]
    orgs = targets(g, post, "org:postIn")
    return {"person": g.nodes[member]["label"], "title": g.nodes[post]["title"],
            "organization": g.nodes[orgs[0]]["label"] if orgs else None,
            "first": data.get("first_observed"), "last": data.get("last_observed")}


def membership_row(g: nx.MultiDiGraph, membership: str) -> dict:
    """One post held: person, title, body, begin and end (:func:`tenure`), first and last seen, evidence items."""
    begin, end = tenure(g, membership)
    items = sorted({g.nodes[i].get("item_id") for o in sources(g, membership, "gk:observes")
                    for i in targets(g, o, "prov:wasDerivedFrom")}
                   | {g.nodes[i].get("item_id") for a in sources(g, membership, "gk:opens")
                      + sources(g, membership, "gk:closes") for i in targets(g, a, "prov:wasDerivedFrom")})
    return _holding(g, membership) | {"begin": begin, "end": end, "evidence": items}


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
    rows = [membership_row(g, m) for m in sources(g, node, "org:member")]
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
    rows = [membership_row(g, m) for m in sources(g, org, "org:organization")]
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
        places = targets(g, node, "gk:place")
        if inside is not None and not inside & set(places):
            continue
        out.append({"id": node, "title": data["label"], "type": data.get("event_type"), "date": data.get("date"),
                    "places": [g.nodes[p]["label"] for p in places],
                    "organizations": [g.nodes[o]["label"] for o in targets(g, node, "gk:organization")]})
    return sorted(out, key=lambda e: (e["date"] or "", e["title"]))


def _within(g: nx.MultiDiGraph, place: str, root: str) -> bool:
    seen = set()
    while place not in seen:
        seen.add(place)
        parents = targets(g, place, "gk:within")
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
    for part in sources(g, node, "gk:event"):
        person = targets(g, part, "gk:participant")[0]
        role = targets(g, part, "gk:role")[0]
        out.append({"person": g.nodes[person]["label"], "role": g.nodes[role]["label"]})
    return sorted(out, key=lambda p: (p["person"], p["role"]))


def participations(g: nx.MultiDiGraph) -> list[tuple[str, str, str, str]]:
    """``(participation, person, event, role)`` for every participation, sorted."""
    out = []
    for node, kind in g.nodes(data="kind"):
        if kind == "participation":
            ends = {k: v for _u, v, k in g.out_edges(node, keys=True)}
            out.append((node, ends["gk:participant"], ends["gk:event"], g.nodes[ends["gk:role"]]["label"]))
    return sorted(out)


def participants_by_event(g: nx.MultiDiGraph) -> dict[str, list[tuple[str, str, str]]]:
    """event → ``[(person, role, participation)]``, from :func:`participations`."""
    by_event: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for part, person, event, role in participations(g):
        by_event[event].append((person, role, part))
    return by_event


def activity(g: nx.MultiDiGraph) -> Counter:
    """How many events each person (node id) took part in other than by being mentioned."""
    return Counter(person for _p, person, _e, role in participations(g) if role != "mentioned")


def co_participation(g: nx.MultiDiGraph, include_mentioned: bool = False) -> nx.Graph:
    """Persons linked by the events they shared (``weight``: how many; ``events``: their headlines).

    Only taking part counts (chair, speaker, leader, counterpart, attendee, awardee): a person who is
    only mentioned in an event (传达学习…精神) shared nothing with those present, unless
    ``include_mentioned``.

    Examples
    --------
    >>> import kg
    >>> C = kg.co_participation(kg.sample_graph())
    >>> max(w for _, _, w in C.edges(data="weight")) >= 5
    True
    """
    by_event: dict[str, set[str]] = defaultdict(set)
    for _part, person, event, role in participations(g):
        if include_mentioned or role != "mentioned":
            by_event[event].add(person)
    shared = nx.Graph()
    for event, people in sorted(by_event.items()):
        people = sorted(people)
        for person in people:
            shared.add_node(person, label=g.nodes[person]["label"])
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                data = shared.get_edge_data(a, b) or {"weight": 0, "events": []}
                data["weight"] += 1
                data["events"].append(g.nodes[event]["label"])
                shared.add_edge(a, b, **data)
    return shared


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
    for part in sources(g, node, "gk:participant"):
        event = targets(g, part, "gk:event")[0]
        roles = {}
        for other in sources(g, event, "gk:event"):
            who = targets(g, other, "gk:participant")[0]
            roles[who] = g.nodes[targets(g, other, "gk:role")[0]]["label"]
        if "counterpart" not in roles.values():
            continue
        for who, role in roles.items():
            if who != node and (role == "counterpart" or roles.get(node) == "counterpart"):
                counts[g.nodes[who]["label"]] += 1
    return sorted(({"person": p, "events": n} for p, n in counts.items()), key=lambda c: (-c["events"], c["person"]))


#: The tables and their columns, in order (a table without rows still has its header).
TABLE_COLUMNS = {
    "persons": ["id", "name", "aliases", "events"],
    "posts": ["person", "title", "body", "first_seen", "last_seen", "begin", "end", "evidence"],
    "events": ["id", "date", "type", "title", "places", "bodies"],
    "participations": ["event", "date", "person", "role"],
    "appointments": ["date", "person", "action", "title", "body", "item"],
    "bodies": ["id", "name", "aliases", "parent"],
}


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
    out: dict[str, list[dict]] = {name: [] for name in TABLE_COLUMNS}
    aliases = {n: join(d.get("aliases") or []) for n, d in g.nodes(data=True)}
    for p in persons(g):
        out["persons"].append({"id": p["id"], "name": p["name"], "aliases": aliases[p["id"]], "events": p["events"]})
    for node, data in sorted(g.nodes(data=True)):
        kind = data.get("kind")
        if kind == "membership":
            row = membership_row(g, node)
            out["posts"].append({"person": row["person"], "title": row["title"], "body": row["organization"] or "",
                                 "first_seen": row["first"] or "", "last_seen": row["last"] or "",
                                 "begin": row["begin"] or "", "end": row["end"] or "", "evidence": join(row["evidence"])})
        elif kind == "appointment":
            post = targets(g, node, "gk:appointedTo")[0]
            bodies = targets(g, post, "org:postIn")
            items = [g.nodes[i].get("item_id", "") for i in targets(g, node, "prov:wasDerivedFrom")]
            out["appointments"].append({"date": data.get("date") or "",
                                        "person": g.nodes[targets(g, node, "gk:appointee")[0]]["label"],
                                        "action": data.get("action"), "title": g.nodes[post]["title"],
                                        "body": g.nodes[bodies[0]]["label"] if bodies else "", "item": join(items)})
        elif kind == "organization":
            parents = targets(g, node, "org:subOrganizationOf")
            out["bodies"].append({"id": node, "name": data["label"], "aliases": aliases[node],
                                  "parent": g.nodes[parents[0]]["label"] if parents else ""})
    for _part, person, event, role in participations(g):
        out["participations"].append({"event": event, "date": g.nodes[event].get("date") or "",
                                      "person": g.nodes[person]["label"], "role": role})
    for e in events(g):
        out["events"].append({"id": e["id"], "date": e["date"] or "", "type": e["type"], "title": e["title"],
                              "places": join(e["places"]), "bodies": join(e["organizations"])})
    out["posts"].sort(key=lambda r: (r["person"], r["begin"] or r["first_seen"], r["title"], r["body"]))
    out["participations"].sort(key=lambda r: (r["date"], r["event"], r["person"], r["role"]))
    out["appointments"].sort(key=lambda r: (r["date"], r["person"], r["action"], r["title"], r["body"]))
    return out


