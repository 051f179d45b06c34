"""RDF view of the graph: networkx ``MultiDiGraph`` ↔ RDF, one-to-one.

Each node is a resource (its IRI is its networkx id), ``kind`` gives its
class, attributes are literals, and each edge is one triple whose predicate
is the edge key. :func:`to_rdf` and :func:`from_rdf` convert to and from an
rdflib ``Graph``; :func:`write_turtle` and :func:`write_ntriples` stream the
same triples to files without building one (tests check they are isomorphic).
"""
from __future__ import annotations

import heapq
import re
from functools import lru_cache

import networkx as nx
from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import ORG, PROV

from kg.rdf.vocab import EVENT_CLASSES, GK, SCHEMA

TIME = Namespace("http://www.w3.org/2006/time#")
KIND_CLASSES = {"digest": GK.Digest, "item": GK.NewsItem, "person": GK.Person, "organization": ORG.Organization,
                "place": GK.Place, "post": ORG.Post, "membership": ORG.Membership,
                "observation": GK.PostObservation, "participation": GK.Participation, "role": GK.Role,
                "appointment": GK.Appointment, "interval": TIME.Interval, "instant": TIME.Instant}
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
    "action": (GK.action, PLAIN),
    "in_date": (TIME.inXSDDate, None),
}
PREDICATE_ATTRS = {predicate: attr for attr, (predicate, _t) in LITERALS.items()}
FOAF_PERSON = URIRef("http://xmlns.com/foaf/0.1/Person")
#: The standard classes each kind of node also carries, so that a store without reasoning answers
#: ``?p a foaf:Person`` or ``?e a schema:Event`` (the ontology's subclass axioms, made explicit).
ALSO_TYPES: dict[str, tuple[URIRef, ...]] = {
    "person": (FOAF_PERSON, SCHEMA.Person),
    "event": (GK.Event, SCHEMA.Event),
    "appointment": (GK.Event, SCHEMA.Event),
    "place": (SCHEMA.Place,),
    "item": (SCHEMA.NewsArticle,),
    "digest": (SCHEMA.CreativeWork,),
}
#: Roles and event types, labelled in the data itself (zh, en) — as in ontology/govkg.ttl.
TERM_LABELS: dict[URIRef, tuple[str, str]] = {
    GK.chair: ("主持", "chair"), GK.speaker: ("讲话", "speaker"), GK.leader: ("率队", "leader"),
    GK.counterpart: ("对方", "counterpart"), GK.attendee: ("出席", "attendee"), GK.awardee: ("获奖", "awardee"),
    GK.mentioned: ("提及", "mentioned"), GK.Meeting: ("会议", "meeting"), GK.Inspection: ("调研考察", "inspection"),
    GK.Talks: ("会谈会见", "talks"), GK.Award: ("获奖表彰", "award"), GK.Signing: ("签约", "signing"),
    GK.Launch: ("启动揭牌", "launch"), GK.Policy: ("政策发布", "policy"), GK.Activity: ("活动", "activity"),
    GK.OtherEvent: ("其他", "other event"),
}
RELATIONS: dict[str, URIRef] = {
    "gk:inDigest": GK.inDigest, "prov:wasDerivedFrom": PROV.wasDerivedFrom, "gk:place": GK.place,
    "gk:organization": GK.organization, "org:holds": ORG.holds, "org:postIn": ORG.postIn,
    "org:member": ORG.member, "org:organization": ORG.organization, "gk:post": GK.post,
    "gk:observes": GK.observes, "gk:participant": GK.participant, "gk:event": GK.event, "gk:role": GK.role,
    "org:subOrganizationOf": ORG.subOrganizationOf, "gk:within": GK.within,
    "gk:appointee": GK.appointee, "gk:appointedTo": GK.appointedTo, "gk:organizer": GK.organizer,
    "gk:opens": GK.opens, "gk:closes": GK.closes, "org:memberDuring": ORG.memberDuring,
    "time:hasBeginning": TIME.hasBeginning, "time:hasEnd": TIME.hasEnd,
}
PREDICATE_RELATIONS = {uri: name for name, uri in RELATIONS.items()}
PREFIXES = {"gk": GK._NS, "org": ORG, "prov": PROV, "schema": SCHEMA, "skos": SKOS, "xsd": XSD, "rdfs": RDFS,
            "foaf": Namespace("http://xmlns.com/foaf/0.1/"), "void": Namespace("http://rdfs.org/ns/void#"),
            "dcat": Namespace("http://www.w3.org/ns/dcat#"), "dcterms": Namespace("http://purl.org/dc/terms/"),
            "time": TIME}
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
        for also in ALSO_TYPES.get(kind, ()):
            rdf.add((subject, RDF.type, also))
        if kind == "role" and URIRef(node) in TERM_LABELS:
            for text, lang in zip(TERM_LABELS[URIRef(node)], ("zh", "en")):
                rdf.add((subject, RDFS.label, Literal(text, lang=lang)))
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
    for event_type in sorted({d["event_type"] for _n, d in g.nodes(data=True) if d["kind"] == "event"}):
        cls = EVENT_CLASSES[event_type]
        for text, lang in zip(TERM_LABELS[cls], ("zh", "en")):
            rdf.add((cls, RDFS.label, Literal(text, lang=lang)))
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
            value = obj.toPython() if attr not in ("date", "first_observed", "last_observed", "in_date") else str(obj)
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


# ---------------------------------------------------------------- streaming writers
# The files are written subject by subject from the networkx graph, never through an
# in-memory rdflib graph: memory stays that of the graph itself however large it is.

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_ESCAPE = re.compile(r'[\\"\n\r\t]')


def quote(text: str) -> str:
    return '"' + _ESCAPE.sub(lambda m: _ESCAPES[m.group()], text) + '"'


def _literal(value: object, typ: str | URIRef | None) -> tuple[str, str]:
    """(lexical form quoted, suffix): ``"x"`` and ``@zh`` or ``^^<datatype>``."""
    if typ is None:
        text = str(value)
        return quote(text), f"^^<{XSD.gYearMonth if MONTH.match(text) else XSD.date}>"
    if typ == PLAIN:
        return quote(str(value)), ""
    if isinstance(typ, URIRef):
        return quote(str(Literal(value, datatype=typ))), f"^^<{typ}>"
    return quote(str(value)), f"@{typ}"


def subject_triples(g: nx.MultiDiGraph, node: str) -> list[tuple[str, str, str]]:
    """One subject's triples as (predicate IRI, object in N-Triples form, object kind), sorted."""
    data = g.nodes[node]
    kind = data["kind"]
    rows = [(str(RDF.type), f"<{EVENT_CLASSES[data['event_type']] if kind == 'event' else KIND_CLASSES[kind]}>", "iri")]
    rows += [(str(RDF.type), f"<{also}>", "iri") for also in ALSO_TYPES.get(kind, ())]
    if kind == "role" and URIRef(node) in TERM_LABELS:
        rows += [(str(RDFS.label), quote(text) + f"@{lang}", "literal")
                 for text, lang in zip(TERM_LABELS[URIRef(node)], ("zh", "en"))]
    for attr, value in data.items():
        if attr not in LITERALS or value is None or value == [] or (kind == "role" and attr == "label"):
            continue
        predicate, typ = LITERALS[attr]
        for v in value if isinstance(value, list) else [value]:
            quoted, suffix = _literal(v, typ)
            rows.append((str(predicate), quoted + suffix, "literal"))
    for _u, v, key in g.out_edges(node, keys=True):
        rows.append((str(RELATIONS[key]), f"<{v}>", "iri"))
    return sorted(set(rows))


def term_triples(g: nx.MultiDiGraph) -> dict[str, list[tuple[str, str, str]]]:
    """The labels of the event types the graph uses (their classes as subjects)."""
    used = sorted({d["event_type"] for _n, d in g.nodes(data=True) if d["kind"] == "event"})
    return {str(EVENT_CLASSES[t]): [(str(RDFS.label), quote(text) + f"@{lang}", "literal")
                                    for text, lang in zip(TERM_LABELS[EVENT_CLASSES[t]], ("zh", "en"))]
            for t in used}


def all_subjects(g: nx.MultiDiGraph):
    """Every subject with its triples, in IRI order: the graph's nodes and the term labels."""
    blocks = term_triples(g)
    for subject in sorted(set(g.nodes) | set(blocks)):
        yield subject, (subject_triples(g, subject) if subject in g else sorted(set(blocks[subject])))


Blocks = list[tuple[str, list[tuple[str, str, str]]]]


def with_extra(blocks: Blocks, extra: dict[str, list[tuple[str, str, str]]]) -> Blocks:
    """The graph's subject blocks (:func:`all_subjects`, computed once) and more subjects, in IRI order."""
    return list(heapq.merge(blocks, sorted((s, sorted(set(rows))) for s, rows in extra.items()),
                            key=lambda block: block[0]))


def write_ntriples(g: nx.MultiDiGraph, handle, blocks: Blocks | None = None) -> int:
    """Write N-Triples, subjects in IRI order (``blocks`` when already computed, e.g. :func:`with_extra`'s;
    else :func:`all_subjects`); return the number of triples."""
    count = 0
    for node, rows in blocks if blocks is not None else all_subjects(g):
        for predicate, obj, _kind in rows:
            handle.write(f"<{node}> <{predicate}> {obj} .\n")
            count += 1
    return count


#: The namespaces a prefixed name is made with, longest first (the most specific namespace wins).
_NAMESPACES = tuple(sorted(((p, str(n)) for p, n in PREFIXES.items()), key=lambda p: -len(p[1])))
_LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


@lru_cache(maxsize=1 << 16)
def _curie(iri: str) -> str:
    """A prefixed name for an IRI where a namespace and a plain local name make one, else ``<iri>``
    (cached: a build writes the same predicates and classes hundreds of thousands of times)."""
    for prefix, namespace in _NAMESPACES:
        if iri.startswith(namespace) and _LOCAL_NAME.fullmatch(iri, len(namespace)):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


def write_turtle(g: nx.MultiDiGraph, handle, blocks: Blocks | None = None) -> int:
    """Write Turtle: prefixes, then one block per subject in IRI order (``blocks`` when already computed);
    return the number of triples."""
    for prefix, namespace in sorted(PREFIXES.items()):
        handle.write(f"@prefix {prefix}: <{namespace}> .\n")
    count = 0
    for node, rows in blocks if blocks is not None else all_subjects(g):
        lines = []
        for predicate, obj, kind in rows:
            verb = "a" if predicate == str(RDF.type) else _curie(predicate)
            if kind == "iri":
                obj = _curie(obj[1:-1])
            elif "^^<" in obj:
                lexical, datatype = obj.rsplit("^^<", 1)
                obj = f"{lexical}^^{_curie(datatype[:-1])}"
            lines.append(f"    {verb} {obj}")
        handle.write(f"\n<{node}>\n" + " ;\n".join(lines) + " .\n")
        count += len(rows)
    return count
