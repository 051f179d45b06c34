"""Positions for the network pages: a force-directed layout that scales (igraph's Fruchterman–Reingold in C,
with its grid approximation on large graphs), the same picture on every run.

networkx's spring layout costs the square of a component's size per iteration and dominated the build's
tail at hundreds of digests; igraph lays out 5,000 nodes in a quarter of a second. The initial positions
come from a seeded generator and igraph's random numbers from a seeded ``random.Random``, so a layout
depends on nothing but the graph (nodes and edges given in sorted order).
"""
from __future__ import annotations

import random
from collections.abc import Iterable
from contextlib import contextmanager

import igraph
import numpy as np

#: Iterations of the force-directed layout.
ITERATIONS = 300
#: From this many nodes the layout uses igraph's grid approximation (linear per iteration).
GRID_FROM = 1000


@contextmanager
def _seeded(seed: int):
    igraph.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)


def force_layout(nodes: list[str], edges: Iterable[tuple[str, str]], scale: float = 1.0,
                 seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions of ``nodes`` (centred, the farthest at ``scale`` from the centre) by Fruchterman–Reingold.

    ``nodes`` in a fixed order (sorted) fix the picture; ``edges`` may come in any order (a subgraph view
    iterates a set, in hash order): they are sorted here."""
    if len(nodes) < 2:
        return {node: (0.0, 0.0) for node in nodes}
    index = {node: k for k, node in enumerate(nodes)}
    graph = igraph.Graph(n=len(nodes), edges=sorted({tuple(sorted((index[a], index[b])))
                                                      for a, b in edges if a != b}))
    start = np.random.RandomState(seed).uniform(-1.0, 1.0, size=(len(nodes), 2)).tolist()
    with _seeded(seed):
        coords = np.array(graph.layout_fruchterman_reingold(seed=start, niter=ITERATIONS,
                                                            grid=len(nodes) >= GRID_FROM).coords)
    coords -= coords.mean(axis=0)
    reach = float(np.abs(coords).max()) or 1.0
    coords *= scale / reach
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, coords)}
