"""govkg: a knowledge graph of officials, events and organisations from Chinese local-government news.

The pipeline runs one way, a module or package per stage::

    read → segment/ → extract/ → resolve → graph → rdf/, export, views/

with :mod:`kg.document` (one document through the first three) and :mod:`kg.pipeline` (many documents,
then the graph) running it, :mod:`kg.cli` and :mod:`kg.api` on top, and :mod:`kg.tools` (training,
evaluation, benchmarks) beside it. For notebooks, the API's functions are here too:

>>> import kg
>>> G = kg.sample_graph()
>>> len(kg.persons(G)) > 30
True
"""
from __future__ import annotations

from importlib import import_module

#: Where each public name lives. They load on first use (PEP 562): ``kg --help`` and the tools import
#: ``kg`` without paying for spaCy, the models and the exporters.
EXPORTS = {
    **dict.fromkeys(("build", "careers", "co_participation", "counterparts", "events", "holders", "participants",
                     "persons", "posts", "sample_graph", "tables", "to_rdf"), "kg.api"),
    "load_graph": "kg.export", "write_outputs": "kg.export",
    "extract_file": "kg.document", "extract_files": "kg.pipeline",
    "ReadError": "kg.read", "read_document": "kg.read",
    "Item": "kg.records", "Problem": "kg.records",
    "segment": "kg.segment",
}
__all__ = sorted(EXPORTS)
__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    if name in EXPORTS:
        return getattr(import_module(EXPORTS[name]), name)
    try:  # a submodule: ``kg.api.SAMPLE`` after ``import kg``
        return import_module(f"kg.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"kg.{name}":
            raise
        raise AttributeError(f"module 'kg' has no attribute {name!r}") from None


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(EXPORTS))
