"""The notebook API: build the graph, then ask it — free functions that take the graph and return plain
data, like networkx's (:mod:`kg.queries`, re-exported here).

Every question takes the ``MultiDiGraph`` that :func:`build` or :func:`kg.load_graph` returns. Persons and
events may be given by their IRI (the node id) or by their name / headline.

May import anything of the runtime: it is the top of the pipeline, as the command line is.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

import networkx as nx

from kg.export import write_outputs
from kg.pipeline import run_build
from kg.queries import careers, co_participation, counterparts, events, holders, participants, persons, posts, tables
from kg.rdf.triples import to_rdf as graph_to_rdf

__all__ = ["SAMPLE", "build", "careers", "co_participation", "counterparts", "events", "holders", "participants",
           "persons", "posts", "sample_graph", "tables", "to_rdf"]

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


def to_rdf(g: nx.MultiDiGraph):
    """The graph as an ``rdflib.Graph`` (the same triples ``kg build`` writes).

    Examples
    --------
    >>> import kg
    >>> len(kg.to_rdf(kg.sample_graph())) > 3000
    True
    """
    return graph_to_rdf(g)
