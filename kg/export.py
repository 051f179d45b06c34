"""Stage 6 — export: a built graph's outputs, written atomically.

``write_outputs`` writes ``items.jsonl``, ``govkg.ttl``, ``govkg.nt``,
``govkg.graphml``, an on-disk SPARQL store (pyoxigraph, bulk-loaded from
the N-Triples) and the HTML views (:mod:`kg.views`). Everything is made in a staging folder first and moved into
place only when all of it succeeded, so a failed build leaves the previous
output as it was.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import networkx as nx

from kg.pipeline import BuildResult, item_line
from kg.rdf import from_rdf, write_ntriples, write_turtle

OUTPUT_FILES = ("items.jsonl", "govkg.ttl", "govkg.nt", "govkg.graphml")
STORE = "store"


def write_outputs(result: BuildResult, out_dir: str | Path) -> list[Path]:
    """Write every output into ``out_dir`` — all of them, or (on failure) none."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
    try:
        with open(staging / "items.jsonl", "w", encoding="utf-8", newline="\n") as handle:
            for item in result.items:
                handle.write(item_line(item))
        with open(staging / "govkg.ttl", "w", encoding="utf-8", newline="\n") as handle:
            write_turtle(result.graph, handle)
        with open(staging / "govkg.nt", "w", encoding="utf-8", newline="\n") as handle:
            write_ntriples(result.graph, handle)
        nx.write_graphml(graphml_ready(result.graph), staging / "govkg.graphml", encoding="utf-8")
        load_store(staging / "govkg.nt", staging / STORE)
        from kg.views import write_views

        views = [p.name for p in write_views(result.graph, staging)]
        written = []
        for name in (*OUTPUT_FILES, *views):
            (staging / name).replace(out_dir / name)
            written.append(out_dir / name)
        old = out_dir / f".{STORE}-old"
        if (out_dir / STORE).exists():
            shutil.rmtree(old, ignore_errors=True)
            (out_dir / STORE).rename(old)
        (staging / STORE).rename(out_dir / STORE)
        shutil.rmtree(old, ignore_errors=True)
        return written + [out_dir / STORE]
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def load_store(ntriples_file: Path, store_dir: Path) -> None:
    """An on-disk Oxigraph store, bulk-loaded (the fast path) from N-Triples."""
    import pyoxigraph

    store = pyoxigraph.Store(str(store_dir))
    store.bulk_load(path=str(ntriples_file), format=pyoxigraph.RdfFormat.N_TRIPLES)
    store.flush()
    del store


def graphml_ready(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """GraphML takes scalars only: lists are joined with `` | ``, missing values dropped."""
    out = nx.MultiDiGraph()
    for node, data in g.nodes(data=True):
        out.add_node(node, **{k: (" | ".join(v) if isinstance(v, list) else v) for k, v in data.items()
                              if v is not None and v != []})
    for u, v, key, data in g.edges(keys=True, data=True):
        out.add_edge(u, v, key=key, **{k: val for k, val in data.items() if val is not None})
    return out


def load_graph(out_dir: str | Path) -> nx.MultiDiGraph:
    """The networkx graph of a build folder (read from its Turtle, so it is exactly the RDF's)."""
    from rdflib import Graph

    path = Path(out_dir) / "govkg.ttl"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no govkg.ttl here — run `kg build INPUT --out-dir {out_dir}` first")
    return from_rdf(Graph().parse(path, format="turtle"))
