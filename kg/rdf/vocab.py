"""The govkg vocabulary as a closed rdflib namespace, mirroring ``ontology/govkg.ttl``.

A typo raises; a test checks this class and the ontology file hold the same terms.
"""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY = "https://w3id.org/govkg/ontology#"
DATA = "https://w3id.org/govkg/id/"
SCHEMA = Namespace("https://schema.org/")


class GK(DefinedNamespace):
    """Terms of the govkg ontology."""

    _NS = Namespace(ONTOLOGY)
    _fail = True

    # classes
    Digest: URIRef
    NewsItem: URIRef
    Person: URIRef
    Place: URIRef
    Event: URIRef
    Meeting: URIRef
    Inspection: URIRef
    Talks: URIRef
    Award: URIRef
    Signing: URIRef
    Launch: URIRef
    Policy: URIRef
    Activity: URIRef
    OtherEvent: URIRef
    Participation: URIRef
    Role: URIRef
    PostObservation: URIRef
    Appointment: URIRef
    # roles
    chair: URIRef
    speaker: URIRef
    leader: URIRef
    counterpart: URIRef
    attendee: URIRef
    awardee: URIRef
    mentioned: URIRef
    # object properties
    inDigest: URIRef
    participant: URIRef
    event: URIRef
    role: URIRef
    place: URIRef
    organization: URIRef
    post: URIRef
    observes: URIRef
    within: URIRef
    appointee: URIRef
    appointedTo: URIRef
    organizer: URIRef
    opens: URIRef
    closes: URIRef
    # data properties
    itemId: URIRef
    section: URIRef
    subsection: URIRef
    charStart: URIRef
    charEnd: URIRef
    page: URIRef
    sourceFile: URIRef
    date: URIRef
    title: URIRef
    evidence: URIRef
    firstObserved: URIRef
    lastObserved: URIRef
    adcode: URIRef
    level: URIRef
    sha256: URIRef
    action: URIRef


#: Event type (ANNOTATION.md) → class.
EVENT_CLASSES = {"meeting": GK.Meeting, "inspection": GK.Inspection, "talks": GK.Talks, "award": GK.Award,
                 "signing": GK.Signing, "launch": GK.Launch, "policy": GK.Policy, "activity": GK.Activity,
                 "other": GK.OtherEvent}
ROLES = {"chair": GK.chair, "speaker": GK.speaker, "leader": GK.leader, "counterpart": GK.counterpart,
         "attendee": GK.attendee, "awardee": GK.awardee, "mentioned": GK.mentioned}
