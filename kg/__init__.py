"""govkg: a knowledge graph of officials, events and organisations from Chinese local-government news.

The pipeline runs one way, one module per stage:
``read`` → ``segment`` → ``extract`` → ``resolve`` → ``graph`` → export (``rdf``, ``export``, ``views``).
For notebooks, :mod:`kg.api` gives free functions over the graph:

>>> import kg
>>> G = kg.sample_graph()
>>> len(kg.persons(G)) > 30
True
"""
from kg.api import (build, careers, co_participation, counterparts, events, holders, participants, persons, posts,
                    sample_graph, tables, to_rdf)
from kg.export import load_graph, write_outputs
from kg.pipeline import extract_file, extract_files
from kg.read import ReadError, read_document
from kg.records import Item, Problem
from kg.segment import segment

__all__ = ["Item", "Problem", "ReadError", "build", "careers", "co_participation", "counterparts", "events",
           "extract_file", "extract_files", "holders", "load_graph", "participants", "persons", "posts",
           "read_document", "sample_graph", "segment", "tables", "to_rdf", "write_outputs"]
__version__ = "0.1.0"
