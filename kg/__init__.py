"""govkg: a knowledge graph of officials, events and organisations from Chinese local-government news.

The pipeline runs one way, one module per stage:
``read`` → ``segment`` → (extract → resolve → graph → export).
"""
from kg.pipeline import extract_file, extract_files
from kg.read import ReadError, read_document
from kg.records import Item, Problem
from kg.segment import segment

__all__ = ["Item", "Problem", "ReadError", "extract_file", "extract_files", "read_document", "segment"]
__version__ = "0.1.0"
