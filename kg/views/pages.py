"""Analyst pages that answer questions as text: a profile per person, a page per body, an events table.

The data functions take the graph and return plain data, like networkx's algorithms
(:func:`person_profile`, :func:`body_profile`, :func:`event_rows`, :func:`search_entries`);
:func:`write_pages` renders them with the Jinja2 templates in ``kg/views/templates/`` (autoescaped: names
are data, never markup). Every page carries the same search box over persons, bodies, places and
events; its index is one small script file, so the pages work from ``file://`` with no server.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

import networkx as nx

from kg.queries import activity, membership_row, participants_by_event, participations, sources, targets
from kg.views.layout import force_layout
from kg.views.timeline import career_timeline

PERSONS_DIR, BODIES_DIR = "persons", "bodies"
EGO_LIMIT = 25  # people drawn around a person in the profile's small network


def page_name(node: str) -> str:
    """The file name of an entity's page: the IRI's last segment (ASCII pinyin slug and hash)."""
    return node.rstrip("/").rsplit("/", 1)[-1] + ".html"


def person_href(node: str) -> str:
    """A person's profile page, relative to the output folder."""
    return f"{PERSONS_DIR}/{page_name(node)}"


def body_href(node: str) -> str:
    """A body's page, relative to the output folder."""
    return f"{BODIES_DIR}/{page_name(node)}"


def _item_of(g: nx.MultiDiGraph, node: str) -> dict:
    item = next(iter(targets(g, node, "prov:wasDerivedFrom")), None)
    data = g.nodes[item] if item else {}
    return {"id": data.get("item_id", ""), "title": data.get("label", "")}


def memberships_of(g: nx.MultiDiGraph, person: str) -> list[dict]:
    """A person's posts as :func:`kg.queries.membership_row` gives them (title, body, begin, end, first and
    last seen), with the body's page and the items that state them (with their sentence)."""
    rows = []
    for membership in sources(g, person, "org:member"):
        row = membership_row(g, membership)
        body = next(iter(targets(g, membership, "org:organization")), None)
        items = [_item_of(g, o) | {"evidence": g.nodes[o].get("evidence", ""), "date": g.nodes[o].get("date")}
                 for o in sources(g, membership, "gk:observes")]
        items.sort(key=lambda i: (i["date"] or "", i["id"]))
        rows.append({"begin": row["begin"], "end": row["end"], "title": row["title"], "body_id": body,
                     "body": row["organization"], "body_href": body_href(body) if body else None,
                     "first": row["first"], "last": row["last"], "items": items})
    return sorted(rows, key=lambda r: (r["begin"] or r["first"] or "9999", r["title"], r["body"] or ""))


def _event_places(g: nx.MultiDiGraph, event: str) -> list[str]:
    return [g.nodes[p]["label"] for p in targets(g, event, "gk:place")]


def person_profile(g: nx.MultiDiGraph, person: str,
                   by_event: dict[str, list[tuple[str, str, str]]] | None = None) -> dict:
    """Everything a person's page shows: posts, a dated timeline of events, the people met (roles other
    than ``mentioned`` on both sides, with counts), bodies. ``by_event`` may be passed when drawing many."""
    data = g.nodes[person]
    by_event = participants_by_event(g) if by_event is None else by_event
    timeline, met = [], Counter()
    for event in sorted({e for p in sources(g, person, "gk:participant") for e in targets(g, p, "gk:event")}):
        people = by_event[event]
        role, part = next((r, p) for who, r, p in people if who == person)
        e = g.nodes[event]
        timeline.append({"date": e.get("date"), "type": e.get("event_type"), "role": role, "title": e["label"],
                         "places": _event_places(g, event),
                         "evidence": g.nodes[part].get("evidence") or e.get("evidence", ""), "item": _item_of(g, event)})
        if role != "mentioned":
            for who, other_role, _p in people:
                if who != person and other_role != "mentioned":
                    met[who] += 1
    timeline.sort(key=lambda t: (t["date"] or "9999", t["title"]))
    posts = memberships_of(g, person)
    bodies = sorted({(p["body"], p["body_href"]) for p in posts if p["body"]})
    main = max(posts, key=lambda p: (len(p["items"]), p["last"] or "", p["title"]), default=None)
    drawn = [p | {"label": f"{p['title']} · {p['body']}" if p["body"] else p["title"], "href": p["body_href"]}
             for p in posts]
    return {"id": person, "name": data["label"], "aliases": data.get("aliases") or [], "posts": posts, "main": main,
            "career_timeline": career_timeline(drawn),
            "timeline": timeline, "roles": Counter(t["role"] for t in timeline),
            "met": [{"id": w, "name": g.nodes[w]["label"], "href": person_href(w), "events": n}
                    for w, n in sorted(met.items(), key=lambda x: (-x[1], g.nodes[x[0]]["label"]))],
            "bodies": [{"name": n, "href": h} for n, h in bodies],
            "first": min((t["date"] for t in timeline if t["date"]), default=None),
            "last": max((t["date"] for t in timeline if t["date"]), default=None)}


def body_profile(g: nx.MultiDiGraph, body: str) -> dict:
    """A body's page: holders of its posts over time, events naming it, its parent and sub-bodies."""
    data = g.nodes[body]
    holders = []
    for membership in sources(g, body, "org:organization"):
        row = membership_row(g, membership)
        person = targets(g, membership, "org:member")[0]
        holders.append({"title": row["title"], "name": row["person"], "href": person_href(person),
                        "first": row["first"], "last": row["last"], "begin": row["begin"], "end": row["end"]})
    holders.sort(key=lambda h: (h["title"], h["first"] or "9999", h["name"]))
    events = [{"date": g.nodes[e].get("date"), "type": g.nodes[e].get("event_type"), "title": g.nodes[e]["label"],
               "item": _item_of(g, e)} for e in sources(g, body, "gk:organization")]
    events.sort(key=lambda e: (e["date"] or "9999", e["title"]))
    parent = next(iter(targets(g, body, "org:subOrganizationOf")), None)
    drawn = [h | {"label": f"{h['title']} {h['name']}"} for h in holders]
    return {"id": body, "name": data["label"], "aliases": data.get("aliases") or [], "holders": holders,
            "holders_timeline": career_timeline(drawn),
            "events": events, "parent": {"name": g.nodes[parent]["label"], "href": body_href(parent)} if parent else None,
            "subs": [{"name": g.nodes[s]["label"], "href": body_href(s)} for s in sources(g, body, "org:subOrganizationOf")]}


def event_rows(g: nx.MultiDiGraph) -> list[dict]:
    """One row per event: date, type, headline, places, the persons (with roles) and bodies it names."""
    people: dict[str, list[dict]] = defaultdict(list)
    for _p, who, event, role in participations(g):
        people[event].append({"name": g.nodes[who]["label"], "href": person_href(who), "role": role})
    rows = []
    for node, data in g.nodes(data=True):
        if data["kind"] != "event":
            continue
        rows.append({"id": page_name(node)[:-5], "date": data.get("date") or "", "type": data.get("event_type"),
                     "title": data["label"], "places": _event_places(g, node),
                     "persons": sorted(people[node], key=lambda p: (p["role"] == "mentioned", p["name"])),
                     "bodies": [{"name": g.nodes[o]["label"], "href": body_href(o)} for o in targets(g, node, "gk:organization")],
                     "evidence": data.get("evidence", ""), "item": _item_of(g, node)})
    return sorted(rows, key=lambda r: (r["date"], r["title"], r["id"]))


def search_entries(g: nx.MultiDiGraph) -> list[list[str]]:
    """``[name, kind, page]`` for every person, body, place and event, aliases included."""
    out = []
    for node, data in sorted(g.nodes(data=True)):
        kind = data["kind"]
        href = {"person": person_href(node), "organization": body_href(node),
                "place": f"events.html#place={data['label']}",
                "event": f"events.html#{page_name(node)[:-5]}"}.get(kind)
        if href is None:
            continue
        for name in [data["label"], *(data.get("aliases") or [])]:
            out.append([name, kind, href])
    return out


def ego_network(person: str, profile: dict) -> dict:
    """A small undirected network around a person: the people met (edge: shared events) and the bodies of
    their posts (edge: the post), positions computed here with a fixed seed (the same on every load)."""
    view = nx.Graph()
    view.add_node(person, label=profile["name"], kind="person", href=person_href(person))
    for met in profile["met"][:EGO_LIMIT]:
        view.add_node(met["id"], label=met["name"], kind="person", href=met["href"])
        view.add_edge(person, met["id"], label=f"{met['events']} 次")
    for post in profile["posts"]:
        if post["body_id"]:
            body = post["body_id"]
            view.add_node(body, label=post["body"], kind="organization", href=post["body_href"])
            old = view.get_edge_data(person, body, {}).get("label")
            view.add_edge(person, body, label=post["title"] if not old else f"{old}、{post['title']}")
    return layout(view)


def layout(view: nx.Graph, scale: float = 300.0, seed: int = 7) -> dict:
    """vis-network data with positions fixed in Python (:func:`kg.views.layout.force_layout`, fixed seed): identical
    across loads."""
    positions = force_layout(sorted(view.nodes), view.edges, scale, seed)
    nodes = [{"id": n, "label": d["label"], "kind": d["kind"], "href": d.get("href", ""),
              "x": round(positions[n][0], 1), "y": round(positions[n][1], 1)}
             for n, d in sorted(view.nodes(data=True))]
    edges = [{"from": a, "to": b, "label": d.get("label", "")} for a, b, d in sorted(view.edges(data=True))]
    return {"nodes": nodes, "edges": edges}


# ------------------------------------------------------------------ rendering

@cache
def environment():
    """The Jinja2 environment over ``kg/views/templates/``, autoescaping every page."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("kg.views", "templates"), autoescape=select_autoescape(("html",)),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["script_json"] = script_json
    return env


def script_json(value: object) -> str:
    """JSON that cannot close the script element it sits in (for ``<script>`` data islands)."""
    from markupsafe import Markup

    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def write_pages(g: nx.MultiDiGraph, out_dir: str | Path, counts: dict[str, int]) -> list[Path]:
    """The text pages: index, a profile per person, a page per body, the events table, the search index."""
    out_dir = Path(out_dir)
    env = environment()
    written = []
    (out_dir / PERSONS_DIR).mkdir(parents=True, exist_ok=True)
    (out_dir / BODIES_DIR).mkdir(parents=True, exist_ok=True)

    def emit(relative: str, template: str, **context) -> None:
        root = "../" * relative.count("/")
        path = out_dir / relative
        path.write_text(env.get_template(template).render(root=root, **context), encoding="utf-8", newline="\n")
        written.append(path)

    search = out_dir / "search-index.js"
    search.write_text("window.govkgIndex = " + script_json(search_entries(g)) + ";\n", encoding="utf-8",
                      newline="\n")
    written.append(search)
    active = activity(g)
    persons = sorted((n for n, k in g.nodes(data="kind") if k == "person"),
                     key=lambda n: (-active[n], g.nodes[n]["label"], n))
    by_event = participants_by_event(g)
    posts_of: dict[str, list[dict]] = {}
    for person in persons:
        profile = person_profile(g, person, by_event)
        posts_of[person] = profile["posts"]
        emit(person_href(person), "person.html", p=profile, network=ego_network(person, profile))
    bodies = sorted(n for n, k in g.nodes(data="kind") if k == "organization")
    for body in bodies:
        emit(body_href(body), "body.html", b=body_profile(g, body))
    rows = event_rows(g)
    emit("events.html", "events.html", rows=rows, types=sorted({r["type"] for r in rows if r["type"]}),
         places=sorted({p for r in rows for p in r["places"]}))
    officials = [{"name": g.nodes[p]["label"], "href": person_href(p), "events": active[p],
                  "posts": "、".join(m["title"] for m in posts_of[p][:3])} for p in persons]
    emit("index.html", "index.html", counts=counts, officials=officials,
         bodies=[{"name": g.nodes[b]["label"], "href": body_href(b)} for b in
                 sorted(bodies, key=lambda b: (-len(sources(g, b, "gk:organization")), g.nodes[b]["label"]))])
    return written
