"""Stage 6 — export: a built graph's outputs, written atomically.

``write_outputs`` writes ``items.jsonl``, ``govkg.ttl``, ``govkg.nt``,
``govkg.graphml``, an on-disk SPARQL store (pyoxigraph, bulk-loaded from
the N-Triples) and the HTML views (:mod:`kg.views`). Everything is made in a staging folder first and moved into
place only when all of it succeeded, so a failed build leaves the previous
output as it was.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import quoteattr

import networkx as nx
from rdflib import Graph

from kg.document import item_line
from kg.pipeline import BuildResult, check_buildable
from kg.queries import TABLE_COLUMNS, tables
from kg.rdf.iri import mint
from kg.rdf.triples import all_subjects, from_rdf, quote, with_extra, write_ntriples, write_turtle
from kg.records import KgError
from kg.views import write_views

OUTPUT_FILES = ("items.jsonl", "govkg.ttl", "govkg.nt", "govkg.graphml", "resolution.jsonl")
STORE = "store"
TABLES = "tables"


def write_outputs(result: BuildResult, out_dir: str | Path) -> list[Path]:
    """Write every output into ``out_dir`` — all of them, or (on failure) none.

    A build with no item writes nothing (:class:`KgError`): the previous output stays.
    """
    out_dir = Path(out_dir)
    check_out_dir(out_dir)
    check_buildable(result, out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
    try:
        with open(staging / "items.jsonl", "w", encoding="utf-8", newline="\n") as handle:
            for item in result.items:
                handle.write(item_line(item))
        data = list(all_subjects(result.graph))  # each subject's triples, made once for every writer
        blocks = with_extra(data, dataset_description(result, sum(len(rows) for _s, rows in data)))
        with open(staging / "govkg.ttl", "w", encoding="utf-8", newline="\n") as handle:
            write_turtle(result.graph, handle, blocks=blocks)
        with open(staging / "govkg.nt", "w", encoding="utf-8", newline="\n") as handle:
            write_ntriples(result.graph, handle, blocks=blocks)
        del data, blocks  # the triples' text is written: its memory goes back before the pages are made
        with open(staging / "govkg.graphml", "w", encoding="utf-8", newline="\n") as handle:
            write_graphml(result.graph, handle)
        with open(staging / "resolution.jsonl", "w", encoding="utf-8", newline="\n") as handle:
            for decision in result.resolution.decisions if result.resolution else []:
                handle.write(json.dumps(decision, ensure_ascii=False, sort_keys=True) + "\n")
        write_tables(result.graph, staging / TABLES)
        load_store(staging / "govkg.nt", staging / STORE)
        views = [p.name for p in write_views(result.graph, staging)]
        written = []
        for name in (*OUTPUT_FILES, TABLES, *views):
            target = out_dir / name
            if (staging / name).is_dir():  # persons/, bodies/, static/: the old folder goes, the new one comes
                old = out_dir / f".{name}-old"
                shutil.rmtree(old, ignore_errors=True)
                if target.exists():
                    target.rename(old)
                (staging / name).rename(target)
                shutil.rmtree(old, ignore_errors=True)
            else:
                (staging / name).replace(target)
            written.append(target)
        old = out_dir / f".{STORE}-old"
        if (out_dir / STORE).exists():
            shutil.rmtree(old, ignore_errors=True)
            (out_dir / STORE).rename(old)
        (staging / STORE).rename(out_dir / STORE)
        shutil.rmtree(old, ignore_errors=True)
        return written + [out_dir / STORE]
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def write_tables(g: nx.MultiDiGraph, folder: Path) -> None:
    """The graph's tables (:func:`kg.queries.tables`) as CSV — UTF-8 with a byte-order mark, so that Excel opens
    Chinese correctly, one header row — and, where ``pyarrow`` is installed, as Parquet beside them."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:  # an extra (pip install 'govkg[tables]'): the CSV files alone
        pyarrow = None
    for name, rows in tables(g).items():
        columns = TABLE_COLUMNS[name]
        with open(folder / f"{name}.csv", "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        if pyarrow is not None:
            table = pyarrow.table({c: [row[c] for row in rows] for c in columns})
            pyarrow.parquet.write_table(table, folder / f"{name}.parquet")


def check_out_dir(out_dir: Path) -> None:
    """An output folder must be a folder (or not exist yet) we can write in."""
    if out_dir.exists() and not out_dir.is_dir():
        raise KgError(f"--out-dir {out_dir} is a file, not a folder")
    parent = next((p for p in [out_dir, *out_dir.parents] if p.exists()), None)
    if parent is not None and not os.access(parent, os.W_OK):
        raise KgError(f"--out-dir {out_dir}: {parent} is not writable")


VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCTERMS = "http://purl.org/dc/terms/"
#: Classes counted in the description: (partition name, class IRI, node kind).
PARTITIONS = (("persons", "http://xmlns.com/foaf/0.1/Person", "person"),
              ("organizations", "http://www.w3.org/ns/org#Organization", "organization"),
              ("places", "https://schema.org/Place", "place"),
              ("events", "https://schema.org/Event", "event"),
              ("items", "https://schema.org/NewsArticle", "item"))


def dataset_description(result: BuildResult, triples: int) -> dict[str, list[tuple[str, str, str]]]:
    """A VoID / DCAT description of the build: title, creation day, source documents with their
    SHA-256, the number of persons, bodies, places, events and items, and ``triples``, the number of
    triples of the data.

    ``created`` is the day of ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else the day of
    the latest event the data record — never the clock, so the same input gives byte-identical
    files, and a build merged from per-document items files is the build from the documents.
    """
    documents = sorted({(i.source.file, i.source.sha256 or "") for i in result.items})
    dataset = mint("dataset", "|".join(sorted(h or f for f, h in documents)), "govkg")
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    days = [i.date for i in result.items if i.date and len(i.date) == 10]
    if epoch and epoch.isdigit():
        created = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
    else:
        created = max(days, default="1970-01-01")
    kinds: dict[str, int] = {}
    for _node, kind in result.graph.nodes(data="kind"):
        kinds[kind] = kinds.get(kind, 0) + 1
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    integer = "^^<http://www.w3.org/2001/XMLSchema#integer>"
    rows = [(rdf_type, f"<{VOID}Dataset>", "iri"), (rdf_type, f"<{DCAT}Dataset>", "iri"),
            (f"{DCTERMS}title", quote("govkg: officials, events and organisations from local-government news")
             + "@en", "literal"),
            (f"{DCTERMS}created", f'"{created}"^^<http://www.w3.org/2001/XMLSchema#date>', "literal"),
            (f"{VOID}triples", f'"{triples}"{integer}', "literal")]
    blocks: dict[str, list[tuple[str, str, str]]] = {}
    for name, cls, kind in PARTITIONS:
        part = f"{dataset}-{name}"
        rows.append((f"{VOID}classPartition", f"<{part}>", "iri"))
        blocks[part] = [(f"{VOID}class", f"<{cls}>", "iri"), (f"{VOID}entities", f'"{kinds.get(kind, 0)}"{integer}',
                                                                "literal")]
    for name, digest in documents:
        source = mint("source", digest or name, Path(name).stem)
        rows.append((f"{DCTERMS}source", f"<{source}>", "iri"))
        blocks[source] = [(rdf_type, f"<{DCTERMS}BibliographicResource>", "iri"),
                          (f"{DCTERMS}title", quote(name), "literal")]
        if digest:
            blocks[source].append(("https://w3id.org/govkg/ontology#sha256", quote(digest), "literal"))
    blocks[dataset] = rows
    return blocks


def load_store(ntriples_file: Path, store_dir: Path) -> None:
    """An on-disk Oxigraph store, bulk-loaded (the fast path) from N-Triples.

    The loader runs in a fresh interpreter of its own (``python -c``), so its buffers never add to
    the memory of the process that holds the graph, and nothing of the caller is imported again:
    it works the same from a script without a ``__main__`` guard, from standard input, a notebook
    or a thread.
    """
    code = ("import sys, pyoxigraph; store = pyoxigraph.Store(sys.argv[2]); "
            "store.bulk_load(path=sys.argv[1], format=pyoxigraph.RdfFormat.N_TRIPLES); store.flush()")
    done = subprocess.run([sys.executable, "-c", code, str(ntriples_file), str(store_dir)],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise KgError(f"loading {ntriples_file.name} into the SPARQL store failed: {last}")


GRAPHML_TYPES = ((bool, "boolean"), (int, "long"), (float, "double"), (str, "string"))


def write_graphml(g: nx.MultiDiGraph, handle) -> None:
    """GraphML (Gephi, Cytoscape), streamed: scalars only — lists joined with `` | ``, missing values dropped."""
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
        handle.write(f'<key id="{ids[(domain, name)]}" for="{domain}" attr.name={quoteattr(name)} '
                     f'attr.type="{typ}"/>\n')
    handle.write('<graph edgedefault="directed">\n')

    def data_lines(domain: str, data: dict) -> str:
        return "".join(f'<data key="{ids[(domain, name)]}">{str(scalar(value)).translate(XML_TEXT)}</data>'
                       for name, value in sorted(data.items()) if value is not None and value != [])

    quoted = {node: quoteattr(node) for node in g.nodes}  # each id quoted once, not once per edge
    for node in sorted(g.nodes):
        handle.write(f"<node id={quoted[node]}>{data_lines('node', g.nodes[node])}</node>\n")
    for u, v, key, data in sorted(g.edges(keys=True, data=True), key=lambda e: e[:3]):
        if key not in quoted:
            quoted[key] = quoteattr(key)
        handle.write(f"<edge source={quoted[u]} target={quoted[v]} id={quoted[key]}>"
                     f"{data_lines('edge', data)}</edge>\n")
    handle.write("</graph>\n</graphml>\n")


XML_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})  # xml.sax.saxutils.escape, in one pass
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_safe(value: object) -> object:
    """GraphML is XML 1.0: control characters and lone surrogates cannot be written."""
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def load_graph(out_dir: str | Path) -> nx.MultiDiGraph:
    """The networkx graph of a build folder (read from its Turtle, so it is exactly the RDF's)."""
    path = Path(out_dir) / "govkg.ttl"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no govkg.ttl here — run `kg build INPUT --out-dir {out_dir}` first")
    return from_rdf(Graph().parse(path, format="turtle"))
