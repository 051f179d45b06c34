"""The network pages: interactive HTML drawn with pyvis from the networkx graph, working offline.

``overview.html`` (persons, bodies, places, events), ``coparticipation.html``
(persons linked by shared events), ``organizations.html`` (bodies,
sub-bodies, posts and holders) and ``persons.html`` (one person's network at a time).

pyvis inlines vis-network but its template still links Bootstrap from a
CDN; those tags are removed, so pages reference no ``http(s)`` resource and
open from ``file://``. Names and tooltips are data: tooltips are set as DOM
text by ``static/controls.js``, never as HTML. Large graphs are capped
in the overview (highest degree first) and physics stops after a bounded
stabilisation.
"""
from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from importlib import resources

import networkx as nx
from pyvis.edge import Edge
from pyvis.network import Network

from kg.queries import activity, co_participation, participants_by_event, participations
from kg.views.layout import force_layout
from kg.views.pages import environment

COLORS = {"person": "#e15759", "organization": "#4e79a7", "place": "#59a14f", "event": "#f28e2b",
          "post": "#b07aa1"}
KIND_NAMES = {"person": "人物 person", "organization": "机构 organisation", "place": "地点 place",
              "event": "事件 event", "post": "职务 post"}
EVENT_TYPES = ("meeting", "inspection", "talks", "award", "signing", "launch", "policy", "activity", "other")
#: Overview cap: beyond this many nodes the overview keeps the most connected ones.
MAX_OVERVIEW_NODES = 1500
MAX_PERSON_EVENTS = 150    # a person's view draws their latest 150 events (and says so)
STABILIZATION_ITERATIONS = 150
EVENT_LABEL = 14
LAYOUT_SEED = 7
LAYOUT_SCALE = 600.0
LABELLED = 15              # the most connected nodes whose labels show at the default zoom
SMALL_LABEL = 12
READABLE = 13.0            # screen pixels of a top label at the opening zoom
VIEWPORT = (1300.0, 780.0)  # the drawing area the opening zoom fits (1400×900 window)
NODE_SPACING = 90.0
REMOTE = re.compile(r"<link[^>]*href=\"https?:[^\"]*\"[^>]*>|<script[^>]*src=\"https?:[^\"]*\"[^>]*>\s*</script>"
                    r"|<!--\s*<link[^>]*node_modules.*?-->", re.DOTALL)


STATIC = ("pages.css", "search.js", "ego.js", "events.js")


# ------------------------------------------------------------------ what each view shows

def overview(g: nx.MultiDiGraph, max_nodes: int = MAX_OVERVIEW_NODES) -> tuple[list[dict], list[dict], str]:
    """Persons, organisations, places and events, linked as the graph links them."""
    view = nx.MultiDiGraph()
    for node, data in g.nodes(data=True):
        if data["kind"] in ("person", "organization", "place", "event"):
            view.add_node(node)
    for u, v, key in g.edges(keys=True):
        if u in view and v in view:
            view.add_edge(u, v, key=key)
    for part, person, event, role in participations(g):
        item = next((v for _u, v, k in g.out_edges(part, keys=True) if k == "prov:wasDerivedFrom"), None)
        view.add_edge(person, event, key=f"role:{role}", source=item)
    for person, post in _holds(g):
        org = _post_org(g, post)
        if org:
            view.add_edge(person, org, key=f"post:{g.nodes[post]['title']}")
    note = ""
    if view.number_of_nodes() > max_nodes:
        keep = sorted(view.nodes, key=lambda n: (-view.degree(n), n))[:max_nodes]
        note = f"showing the {max_nodes} most connected of {view.number_of_nodes()} nodes; " \
               "person and organisation pages show the rest"
        view = view.subgraph(keep).copy()
    return _vis_nodes(g, view), _vis_edges(g, view), note


def coparticipation_view(g: nx.MultiDiGraph) -> tuple[list[dict], list[dict], str]:
    """Nodes, edges and a note for the co-participation page: :func:`kg.queries.co_participation` drawn."""
    shared = co_participation(g)
    nodes = [_vis_node(g, n, size=8 + 2 * min(shared.degree(n), 15)) for n in sorted(shared.nodes)]
    edges = []
    for a, b, data in sorted((min(a, b), max(a, b), d) for a, b, d in shared.edges(data=True)):
        listed = data["events"][:10] + (["…"] if len(data["events"]) > 10 else [])
        edges.append({"from": a, "to": b, "width": 1 + data["weight"], "value": data["weight"], "arrows": "",
                      "label": str(data["weight"]) if data["weight"] > 1 else "",
                      "tip": f"共同参与 {data['weight']} 次 shared events:\n" + "\n".join(listed)})
    return nodes, edges, ""


def organizations_view(g: nx.MultiDiGraph) -> tuple[list[dict], list[dict], str]:
    """Bodies with their sub-bodies, the posts in them and the posts' holders."""
    view = nx.MultiDiGraph()
    for node, kind in g.nodes(data="kind"):
        if kind == "organization":
            view.add_node(node)
    for u, v, key in g.edges(keys=True):
        if key == "org:subOrganizationOf":
            view.add_edge(u, v, key=key)
    for person, post in _holds(g):
        org = _post_org(g, post)
        if org:
            view.add_edge(post, org, key="org:postIn")
            view.add_edge(person, post, key="org:holds")
    return _vis_nodes(g, view), _vis_edges(g, view), ""


def person_view(g: nx.MultiDiGraph, person: str,
                by_event: dict[str, list[tuple[str, str, str]]] | None = None) -> tuple[list[dict], list[dict], str]:
    """One person: their posts and bodies, events (edge = role) and counterparts in those events.

    ``by_event`` (event → [(person, role, participation)]) may be passed in when drawing many persons.
    """
    view, note = person_subgraph(g, person, by_event)
    return _vis_nodes(g, view), _vis_edges(g, view), note


def person_subgraph(g: nx.MultiDiGraph, person: str, by_event: dict[str, list[tuple[str, str, str]]] | None = None,
                    max_events: int = MAX_PERSON_EVENTS) -> tuple[nx.MultiDiGraph, str]:
    """The graph a person's view draws, and a note when it draws only the latest ``max_events`` events."""
    if by_event is None:
        by_event = participants_by_event(g)
    view = nx.MultiDiGraph()
    view.add_node(person)
    for _u, post, key in g.out_edges(person, keys=True):
        if key == "org:holds":
            view.add_edge(person, post, key="org:holds")
            org = _post_org(g, post)
            if org:
                view.add_edge(post, org, key="org:postIn")
    events = sorted(event for event, people in by_event.items() if any(who == person for who, _r, _p in people))
    note = ""
    if len(events) > max_events:
        latest = sorted(events, key=lambda e: (g.nodes[e].get("date") or "", e), reverse=True)[:max_events]
        note = f"showing the latest {max_events} of {len(events)} events; the profile page lists them all"
        events = sorted(latest)
    for event in events:
        for who, role, _part in by_event[event]:
            view.add_edge(who, event, key=f"role:{role}")
    for event in events:
        for _u, org, key in g.out_edges(event, keys=True):
            if key == "gk:organization":
                view.add_edge(event, org, key=key)
    return view, note


# ------------------------------------------------------------------ graph walks

def _holds(g: nx.MultiDiGraph) -> list[tuple[str, str]]:
    return sorted((u, v) for u, v, key in g.edges(keys=True) if key == "org:holds")


def _post_org(g: nx.MultiDiGraph, post: str) -> str | None:
    return next((v for _u, v, key in g.out_edges(post, keys=True) if key == "org:postIn"), None)


# ------------------------------------------------------------------ tooltips

def tooltip(g: nx.MultiDiGraph, node: str) -> str:
    """Plain text: a person's posts with dates; an event's date, type, headline, evidence and source."""
    data = g.nodes[node]
    kind = data["kind"]
    lines = [data.get("label", "")]
    if kind == "person":
        for membership in sorted(u for u, _v, key in g.in_edges(node, keys=True) if key == "org:member"):
            m = g.nodes[membership]
            post = next(v for _u, v, key in g.out_edges(membership, keys=True) if key == "gk:post")
            span = f"{m.get('first_observed', '?')} – {m.get('last_observed', '?')}"
            lines.append(f"{g.nodes[post]['label']}  ({span})")
    elif kind == "event":
        item = next((v for _u, v, key in g.out_edges(node, keys=True) if key == "prov:wasDerivedFrom"), None)
        lines = [f"{data.get('date') or '日期不详'}  {data.get('event_type', '')}", data.get("label", "")]
        if data.get("evidence"):
            lines.append(f"“{data['evidence']}”")
        if item:
            i = g.nodes[item]
            lines.append(f"source: {i.get('item_id')} (characters {i.get('char_start')}–{i.get('char_end')})")
    elif kind == "place" and data.get("adcode"):
        lines.append(f"{data.get('level')} · {data['adcode']}")
    elif kind == "organization" and data.get("aliases"):
        lines.append("also: " + "、".join(data["aliases"]))
    elif kind == "post":
        lines.append(f"title: {data.get('title', '')}")
    return "\n".join(lines)


def _vis_node(g: nx.MultiDiGraph, node: str, size: float) -> dict:
    data = g.nodes[node]
    kind = data["kind"]
    label = data.get("label", "")
    if kind == "event" and len(label) > EVENT_LABEL:
        label = label[:EVENT_LABEL] + "…"  # the whole headline is in the tooltip
    out = {"id": node, "label": label, "tip": tooltip(g, node), "kind": kind,
           "color": COLORS.get(kind, "#999999"), "size": size, "shape": "dot"}
    if kind == "event":
        out.update(event_type=data.get("event_type", "other"), date=data.get("date") or "")
    return out


def _vis_nodes(g: nx.MultiDiGraph, view: nx.MultiDiGraph) -> list[dict]:
    return [_vis_node(g, n, size=8 + 2 * min(view.degree(n), 20)) for n in sorted(view.nodes)]


def _vis_edges(g: nx.MultiDiGraph, view: nx.MultiDiGraph) -> list[dict]:
    edges = []
    for u, v, key in sorted(view.edges(keys=True)):
        relation = key.split(":", 1)[1] if key.startswith(("role:", "post:")) else key
        source = view.edges[u, v, key].get("source") or g.get_edge_data(u, v, key, {}).get("source")
        tip = relation + (f"\nsource: {g.nodes[source].get('item_id', source)}" if source in g else "")
        edges.append({"from": u, "to": v, "tip": tip, "arrows": "to", "color": "#bbbbbb"})
    return edges


# ------------------------------------------------------------------ HTML

def positioned(nodes: list[dict], edges: list[dict], seed: int = LAYOUT_SEED) -> list[dict]:
    """Nodes with positions computed here (spring layout, fixed seed), the most connected labelled large:
    the same picture on every load and every build, with physics off."""
    graph = nx.Graph()
    graph.add_nodes_from(n["id"] for n in nodes)
    graph.add_edges_from((e["from"], e["to"]) for e in edges if e["from"] != e["to"])
    places = pack_components(graph, seed)
    ranked = sorted(graph.nodes, key=lambda n: (-graph.degree(n), n))
    top = set(ranked[:LABELLED])
    xs, ys = [p[0] for p in places.values()] or [0.0], [p[1] for p in places.values()] or [0.0]
    # the zoom at which the page opens (the whole drawing fitted in the window): labels of the most
    # connected nodes are sized to read at it, the others appear as one zooms in
    zoom = min(1.0, VIEWPORT[0] / (max(xs) - min(xs) + 200), VIEWPORT[1] / (max(ys) - min(ys) + 200))
    big_label = max(SMALL_LABEL * 1.5, READABLE / zoom)
    out = []
    for node in nodes:
        x, y = places[node["id"]]
        out.append(node | {"x": round(float(x), 1), "y": round(float(y), 1),
                           "font": {"size": round(big_label if node["id"] in top else SMALL_LABEL, 1)}})
    return out


def pack_components(graph: nx.Graph, seed: int = LAYOUT_SEED) -> dict[str, tuple[float, float]]:
    """Each connected component laid out on its own (:func:`kg.views.layout.force_layout`, fixed seed) at a size that grows with
    it, the components packed in rows, largest first: no cluster squeezed by the space between islands."""
    parts = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    places: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    row_width = LAYOUT_SCALE * max(4.0, len(graph) ** 0.5)
    for part in parts:
        radius = NODE_SPACING * max(1.0, len(part) ** 0.5)
        if len(part) == 1:
            local = {part[0]: (0.0, 0.0)}
        else:
            local = force_layout(part, graph.subgraph(part).edges, radius, seed)
        if x + 2 * radius > row_width and x > 0:
            x, y, row_height = 0.0, y + row_height + NODE_SPACING, 0.0
        for node, (px, py) in local.items():
            places[node] = (x + radius + float(px), y + radius + float(py))
        x += 2 * radius + NODE_SPACING
        row_height = max(row_height, 2 * radius)
    return places


def render(nodes: list[dict], edges: list[dict], note: str = "", heading: str = "govkg", directed: bool = True,
           persons: list[dict] | None = None) -> str:
    """A self-contained page: pyvis's network (positions fixed, physics off), without remote resources,
    plus our controls (a Jinja2 template)."""
    net = Network(height="calc(100vh - 60px)", width="100%", directed=directed, cdn_resources="in_line")
    for node in positioned(nodes, edges):
        net.add_node(node["id"], **{k: v for k, v in node.items() if k != "id"})
    for edge in edges:  # both ends are nodes above and edges come unique: pyvis's checks cost n×m, skip them
        net.edges.append(Edge(edge["from"], edge["to"], directed,
                              **{k: v for k, v in edge.items() if k not in ("from", "to")}).options)
    net.set_options(json.dumps({
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True},
        "nodes": {"font": {"size": SMALL_LABEL}, "scaling": {"label": {"drawThreshold": 7}}},
        "edges": {"smooth": False},
    }))
    page = REMOTE.sub("", net.generate_html())
    kinds = sorted({n["kind"] for n in nodes}, key=lambda k: list(COLORS).index(k) if k in COLORS else 99)
    panel = environment().get_template("panel.html").render(
        heading=heading, note=note, kinds=kinds, colors=COLORS, kind_names=KIND_NAMES, persons=persons or [],
        has_events=any(n["kind"] == "event" for n in nodes), event_types=EVENT_TYPES)
    page = page.replace("<body>", "<body>\n" + panel, 1)
    page = page.replace("</head>", f"<title>{html.escape(heading)} · govkg</title>\n<style>{static_text('controls.css')}"
                        "</style>\n</head>", 1)
    return page.replace("</body>", f"<script>{static_text('controls.js')}</script>\n<script src=\"search-index.js\">"
                        "</script>\n<script src=\"static/search.js\"></script>\n</body>", 1)


def write_persons_page(g: nx.MultiDiGraph, handle) -> None:
    """One page for every person, with a selector: each person's posts, bodies, events and counterparts.

    The page holds each person's view as data (node ids and edges; every
    node's label and tooltip once) and swaps it into the network when another
    person is chosen, or named in the address's ``#``. It is streamed to
    ``handle`` person by person, so its size never sits in memory.
    """
    persons = sorted((n for n, k in g.nodes(data="kind") if k == "person"), key=lambda n: (g.nodes[n]["label"], n))
    active = activity(g)
    opening = min(persons, key=lambda n: (-active[n], g.nodes[n]["label"], n)) if persons else None
    by_event = participants_by_event(g)
    events_of: dict[str, set[str]] = defaultdict(set)
    for event, people in by_event.items():
        for who, _role, _part in people:
            events_of[who].add(event)

    def view_of(person: str) -> tuple[nx.MultiDiGraph, str]:
        return person_subgraph(g, person, {e: by_event[e] for e in events_of[person]})

    if persons:
        view, note = view_of(opening)
        page = render(_vis_nodes(g, view), _vis_edges(g, view), note, heading="人物 Persons",
                      persons=[{"id": p, "label": g.nodes[p]["label"]} for p in persons])
    else:
        page = render([], [], heading="人物 Persons", persons=[])
    page = page.replace("</body>", f"<script>window.govkgOpening = {_script_json(opening)};</script>\n</body>", 1)
    head, tail = page.split("</body>", 1)
    handle.write(head)
    handle.write("<script>window.govkgViews = {")
    seen: set[str] = set()
    for k, person in enumerate(persons):
        view, note = view_of(person)
        seen.update(view.nodes)
        entry = {"nodes": sorted(view.nodes), "edges": [[e["from"], e["to"], e["tip"]] for e in _vis_edges(g, view)]}
        if note:
            entry["note"] = note
        handle.write(("," if k else "") + _script_json(person) + ":" + _script_json(entry))
    handle.write("};\nwindow.govkgNodes = {")
    for k, node in enumerate(sorted(seen)):
        handle.write(("," if k else "") + _script_json(node) + ":"
                     + _script_json(_vis_node(g, node, size=8 + 2 * min(g.degree(node), 20))))
    handle.write(f"}};</script>\n<script>{static_text('persons.js')}</script>\n</body>{tail}")


def _script_json(value: object) -> str:
    """JSON that cannot close the script element it sits in."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c").replace("-->", "--\\u003e")


def static_text(name: str) -> str:
    """A file of ``kg/views/static/``."""
    return resources.files("kg.views").joinpath("static", name).read_text(encoding="utf-8")
