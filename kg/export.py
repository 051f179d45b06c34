"""Stage 6 — export: a built graph's outputs, written atomically.

``write_outputs`` writes ``items.jsonl``, ``govkg.ttl``, ``govkg.nt``,
``govkg.graphml``, an on-disk SPARQL store (pyoxigraph, bulk-loaded from
the N-Triples) and the HTML views (:mod:`kg.views`). Everything is made in a staging folder first and moved into
place only when all of it succeeded, so a failed build leaves the previous
output as it was.
"""
from __future__ import annotations

import re
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
        with open(staging / "govkg.graphml", "w", encoding="utf-8", newline="\n") as handle:
            write_graphml(result.graph, handle)
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
    """An on-disk Oxigraph store, bulk-loaded (the fast path) from N-Triples.

    The loader runs in a process of its own, so its buffers never add to the
    memory of the process that holds the graph.
    """
    import multiprocessing

    loader = multiprocessing.get_context("spawn").Process(target=_bulk_load, args=(str(ntriples_file), str(store_dir)))
    loader.start()
    loader.join()
    if loader.exitcode != 0:
        raise RuntimeError(f"loading {ntriples_file} into the store failed (exit code {loader.exitcode})")


def _bulk_load(ntriples_file: str, store_dir: str) -> None:
    import pyoxigraph

    store = pyoxigraph.Store(store_dir)
    store.bulk_load(path=ntriples_file, format=pyoxigraph.RdfFormat.N_TRIPLES)
    store.flush()


GRAPHML_TYPES = ((bool, "boolean"), (int, "long"), (float, "double"), (str, "string"))


def write_graphml(g: nx.MultiDiGraph, handle) -> None:
    """GraphML (Gephi, Cytoscape), streamed: scalars only — lists joined with `` | ``, missing values dropped."""
    from xml.sax.saxutils import escape, quoteattr

    def scalar(value: object) -> object:
        return _xml_safe(" | ".join(value) if isinstance(value, list) else value)

    keys: dict[tuple[str, str], str] = {}
    for domain, rows in (("node", (d for _n, d in g.nodes(data=True))), ("edge", (d for *_e, d in g.edges(data=True)))):
        for data in rows:
            for name, value in data.items():
                if value is None or value == [] or (domain, name) in keys:
                    continue
                keys[(domain, name)] = next(t for cls, t in GRAPHML_TYPES if isinstance(scalar(value), cls))
    ids = {key: f"d{k}" for k, key in enumerate(sorted(keys))}
    handle.write('<?xml version="1.0" encoding="utf-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    for (domain, name), typ in sorted(keys.items()):
        handle.write(f'<key id="{ids[(domain, name)]}" for="{domain}" attr.name={quoteattr(name)} attr.type="{typ}"/>\n')
    handle.write('<graph edgedefault="directed">\n')

    def data_lines(domain: str, data: dict) -> str:
        return "".join(f'<data key="{ids[(domain, name)]}">{escape(str(scalar(value)))}</data>'
                       for name, value in sorted(data.items()) if value is not None and value != [])

    for node in sorted(g.nodes):
        handle.write(f"<node id={quoteattr(node)}>{data_lines('node', g.nodes[node])}</node>\n")
    for u, v, key, data in sorted(g.edges(keys=True, data=True), key=lambda e: e[:3]):
        handle.write(f"<edge source={quoteattr(u)} target={quoteattr(v)} id={quoteattr(key)}>"
                     f"{data_lines('edge', data)}</edge>\n")
    handle.write("</graph>\n</graphml>\n")


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_safe(value: object) -> object:
    """GraphML is XML 1.0: control characters and lone surrogates cannot be written."""
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def load_graph(out_dir: str | Path) -> nx.MultiDiGraph:
    """The networkx graph of a build folder (read from its Turtle, so it is exactly the RDF's)."""
    from rdflib import Graph

    path = Path(out_dir) / "govkg.ttl"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no govkg.ttl here — run `kg build INPUT --out-dir {out_dir}` first")
    return from_rdf(Graph().parse(path, format="turtle"))
