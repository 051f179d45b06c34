"""RDF view of the graph: networkx ``MultiDiGraph`` ↔ rdflib ``Graph``, one-to-one.

Each node is a resource (its IRI is its networkx id), ``kind`` gives its
class, attributes are literals, and each edge is one triple whose predicate
is the edge key. :func:`to_rdf` and :func:`from_rdf` are inverses on what
:mod:`kg.graph` builds.
"""
from __future__ import annotations

import re

import networkx as nx
from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import ORG, PROV

from kg.vocab import EVENT_CLASSES, GK, SCHEMA

KIND_CLASSES = {"digest": GK.Digest, "item": GK.NewsItem, "person": GK.Person, "organization": ORG.Organization,
                "place": GK.Place, "post": ORG.Post, "membership": ORG.Membership,
                "observation": GK.PostObservation, "participation": GK.Participation, "role": GK.Role}
EVENT_TYPES = {cls: name for name, cls in EVENT_CLASSES.items()}
CLASS_KINDS = {cls: kind for kind, cls in KIND_CLASSES.items()}
PLAIN = ""  # a plain string literal (xsd:string in RDF 1.1)
#: attribute -> (predicate, language or datatype); lists give one triple per element.
LITERALS: dict[str, tuple[URIRef, str | URIRef | None]] = {
    "label": (RDFS.label, "zh"),
    "aliases": (SKOS.altLabel, "zh"),
    "title": (GK.title, "zh"),
    "evidence": (GK.evidence, "zh"),
    "item_id": (GK.itemId, PLAIN),
    "section": (GK.section, PLAIN),
    "subsection": (GK.subsection, PLAIN),
    "char_start": (GK.charStart, XSD.integer),
    "char_end": (GK.charEnd, XSD.integer),
    "page": (GK.page, XSD.integer),
    "file": (GK.sourceFile, PLAIN),
    "date": (GK.date, None),
    "first_observed": (GK.firstObserved, None),
    "last_observed": (GK.lastObserved, None),
    "adcode": (GK.adcode, PLAIN),
    "level": (GK.level, PLAIN),
    "latitude": (SCHEMA.latitude, XSD.double),
    "longitude": (SCHEMA.longitude, XSD.double),
}
PREDICATE_ATTRS = {predicate: attr for attr, (predicate, _t) in LITERALS.items()}
RELATIONS: dict[str, URIRef] = {
    "gk:inDigest": GK.inDigest, "prov:wasDerivedFrom": PROV.wasDerivedFrom, "gk:place": GK.place,
    "gk:organization": GK.organization, "org:holds": ORG.holds, "org:postIn": ORG.postIn,
    "org:member": ORG.member, "org:organization": ORG.organization, "gk:post": GK.post,
    "gk:observes": GK.observes, "gk:participant": GK.participant, "gk:event": GK.event, "gk:role": GK.role,
    "org:subOrganizationOf": ORG.subOrganizationOf, "gk:within": GK.within,
}
PREDICATE_RELATIONS = {uri: name for name, uri in RELATIONS.items()}
PREFIXES = {"gk": GK._NS, "org": ORG, "prov": PROV, "schema": SCHEMA, "skos": SKOS, "xsd": XSD}
MONTH = re.compile(r"^\d{4}-\d{2}$")


def _date(value: str) -> Literal:
    return Literal(value, datatype=XSD.gYearMonth if MONTH.match(value) else XSD.date)


def to_rdf(g: nx.MultiDiGraph) -> Graph:
    """The RDF graph of a govkg networkx graph."""
    rdf = Graph()
    for prefix, namespace in PREFIXES.items():
        rdf.bind(prefix, namespace)
    for node, data in g.nodes(data=True):
        subject = URIRef(node)
        kind = data["kind"]
        rdf.add((subject, RDF.type, EVENT_CLASSES[data["event_type"]] if kind == "event" else KIND_CLASSES[kind]))
        for attr, value in data.items():
            if attr not in LITERALS or value is None or value == [] or (kind == "role" and attr == "label"):
                continue
            predicate, typ = LITERALS[attr]
            for v in value if isinstance(value, list) else [value]:
                if typ is None:
                    rdf.add((subject, predicate, _date(v)))
                elif typ == PLAIN:
                    rdf.add((subject, predicate, Literal(v)))
                elif isinstance(typ, URIRef):
                    rdf.add((subject, predicate, Literal(v, datatype=typ)))
                else:
                    rdf.add((subject, predicate, Literal(v, lang=typ)))
    for u, v, key in g.edges(keys=True):
        rdf.add((URIRef(u), RELATIONS[key], URIRef(v)))
    return rdf


def from_rdf(rdf: Graph) -> nx.MultiDiGraph:
    """The networkx graph of an RDF graph written by :func:`to_rdf`."""
    g = nx.MultiDiGraph()
    for subject, cls in sorted(rdf.subject_objects(RDF.type)):
        if cls in EVENT_TYPES:
            g.add_node(str(subject), kind="event", event_type=EVENT_TYPES[cls])
        elif cls in CLASS_KINDS:
            g.add_node(str(subject), kind=CLASS_KINDS[cls])
    for subject, predicate, obj in sorted(rdf):
        node = str(subject)
        if node not in g:
            continue
        if predicate in PREDICATE_RELATIONS:
            g.add_edge(node, str(obj), key=PREDICATE_RELATIONS[predicate], relation=PREDICATE_RELATIONS[predicate])
        elif predicate in PREDICATE_ATTRS:
            attr = PREDICATE_ATTRS[predicate]
            value = obj.toPython() if attr not in ("date", "first_observed", "last_observed") else str(obj)
            if attr == "aliases":
                g.nodes[node].setdefault("aliases", []).append(str(obj))
            else:
                g.nodes[node][attr] = str(value) if isinstance(value, str) else value
    for node, data in g.nodes(data=True):
        if data["kind"] == "role":
            data["label"] = node.rsplit("#", 1)[-1]
        data.setdefault("aliases", [])
        data["aliases"].sort()
    return g


def ntriples(rdf: Graph) -> str:
    """N-Triples with the lines sorted: byte-identical for the same graph."""
    lines = rdf.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    return "\n".join(sorted(line for line in lines if line.strip())) + "\n"


def turtle(rdf: Graph) -> str:
    """Turtle (rdflib sorts subjects and predicates, so the text is stable)."""
    return rdf.serialize(format="turtle")
