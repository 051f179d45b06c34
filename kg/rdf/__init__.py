"""RDF: the ontology's terms, the one place IRIs are minted, and the graph's triples.

- :mod:`kg.rdf.vocab` — the ``gk:`` terms and the W3C vocabularies as closed namespaces;
- :mod:`kg.rdf.iri` — deterministic IRIs (``https://w3id.org/govkg/id/<kind>/<slug>-<hash>``);
- :mod:`kg.rdf.triples` — each node's triples, streamed as Turtle and N-Triples; rdflib graphs both ways.

May import: :mod:`kg.text`. Imported by the graph builder and the exporters.
"""
