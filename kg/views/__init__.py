"""Views for analysts: every page of ``output/``, offline, drawn from the graph.

- :mod:`kg.views.networks` — the pyvis network pages (overview, co-participation, organisations, persons);
- :mod:`kg.views.pages` — the text pages (index, a profile per person, a page per body, the events table,
  the search index), from Jinja2 templates in ``templates/``;
- :mod:`kg.views.layout` — positions (igraph's Fruchterman–Reingold, seeded);
- :mod:`kg.views.timeline` — the careers timelines' geometry;
- ``static/`` — the pages' scripts and stylesheet, copied beside them.

May import: :mod:`kg.queries` (every figure a page shows is an answer of the API), networkx, pyvis,
igraph, Jinja2. Imported by :mod:`kg.export` only.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx
import pyvis

from kg.views.networks import (
    COLORS,
    KIND_NAMES,
    STATIC,
    coparticipation_view,
    organizations_view,
    overview,
    render,
    static_text,
    write_persons_page,
)
from kg.views.pages import BODIES_DIR, PERSONS_DIR, write_pages

__all__ = ["write_views"]


def write_views(g: nx.MultiDiGraph, out_dir: str | Path) -> list[Path]:
    """Write every page into ``out_dir`` (UTF-8); return the top-level files and folders written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = {
        "overview.html": lambda: render(*overview(g), heading="总览 Overview"),
        "coparticipation.html": lambda: render(*coparticipation_view(g), heading="共同参与 Co-participation",
                                               directed=False),
        "organizations.html": lambda: render(*organizations_view(g), heading="机构与职务 Organisations"),
    }
    written = []
    for name, make in pages.items():
        path = out_dir / name
        path.write_text(make(), encoding="utf-8", newline="\n")
        written.append(path)
    with open(out_dir / "persons.html", "w", encoding="utf-8", newline="\n") as handle:
        write_persons_page(g, handle)
    static = out_dir / "static"
    static.mkdir(exist_ok=True)
    for name in STATIC:
        (static / name).write_text(static_text(name), encoding="utf-8", newline="\n")
    vis_js = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js"
    (static / "vis-network.min.js").write_bytes(vis_js.read_bytes())
    tally = Counter(kind for _n, kind in g.nodes(data="kind"))
    counts = {KIND_NAMES[k]: tally[k] for k in COLORS if tally.get(k)}
    write_pages(g, out_dir, counts)
    return written + [out_dir / n for n in ("persons.html", "index.html", "events.html", "search-index.js",
                                            PERSONS_DIR, BODIES_DIR, "static")]
