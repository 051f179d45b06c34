"""govkg: a knowledge graph of officials, events and organisations from Chinese local-government news.

The pipeline runs one way, one module per stage:
``read`` → ``segment`` → ``extract`` → ``resolve`` → ``graph`` → export (``rdf``, ``build``).

>>> import kg
>>> G = kg.build(["data/samples/luoyang-digest-2023-12.txt"]).graph   # doctest: +SKIP
"""
from kg.export import load_graph, write_outputs
from kg.pipeline import build
from kg.pipeline import extract_file, extract_files
from kg.rdf import to_rdf
from kg.read import ReadError, read_document
from kg.records import Item, Problem
from kg.segment import segment

__all__ = ["Item", "Problem", "ReadError", "build", "extract_file", "extract_files", "load_graph", "read_document",
           "segment", "to_rdf", "write_outputs"]
__version__ = "0.1.0"
