"""Stage 3 — extract: persons, posts, organisations, places and each item's event.

Rule patterns plus a statistical NER (Baidu LAC) in a spaCy pipeline
(:mod:`kg.extract.components`). A digest is processed in two passes: the
first tags every item and collects the names the digest firmly establishes
(a name after a post title) and its own city; the second resolves every
item's mentions with that evidence. Traditional characters are processed as
simplified and reported as written.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.appointments import HOLDS, glued, parse, unglue
from kg.extract.components import CONTEXT_COMPONENTS, DigestContext, doc_text, item_home, load_nlp
from kg.extract.mentions import Mention
from kg.extract.posts import Home, resolve_body
from kg.records import Item, Source
from kg.reference.gazetteer import load_gazetteer
from kg.reference.lexicon import load_lexicon
from kg.text.simplify import to_script_of, to_simplified

__all__ = ["extract_items", "load_nlp", "processed", "shared_nlp", "tag_texts"]


@cache
def shared_nlp() -> Language:
    """One pipeline per process."""
    return load_nlp()


def extract_items(items: list[Item], nlp: Language | None = None, cover: str = "") -> list[Item]:
    """Fill the extraction fields of a digest's items (in place) and return them.

    ``cover`` is the document's text before its first item (its title, cover, contents): it names
    the document's own city (``某某市政务信息月报``) where the items may write only ``市长``."""
    for _item, _doc in processed(items, nlp, cover):
        pass
    return items


def processed(items: list[Item], nlp: Language | None = None, cover: str = "") -> Iterator[tuple[Item, Doc]]:
    """Each item of a document with its processed doc, the item filled in (what :func:`extract_items`
    does, with the docs kept: the trainers read their features)."""
    if not items:
        return
    nlp = nlp or shared_nlp()
    docs = _first_pass(nlp, [item.text for item in items])
    context = DigestContext.from_docs(docs, load_gazetteer(), cover)
    for item, doc in zip(items, docs):
        _second_pass(nlp, item, doc, context)
        yield item, doc


def tag_texts(texts: list[str], nlp: Language | None = None) -> list[Item]:
    """Tag texts one by one — each its own document, no item segmentation (``kg tag``).

    The tagger runs over all texts in batches; the rules then see each text alone.
    """
    nlp = nlp or shared_nlp()
    items = [Item(str(k), None, None, "", None, text, Source("", 0, len(text))) for k, text in enumerate(texts)]
    gazetteer = load_gazetteer()
    for item, doc in zip(items, _first_pass(nlp, texts)):
        _second_pass(nlp, item, doc, DigestContext.from_docs([doc], gazetteer))
    return items


def _first_pass(nlp: Language, texts: list[str]) -> list[Doc]:
    """The tagger and the title rules over every text (simplified, same offsets)."""
    with nlp.select_pipes(disable=list(CONTEXT_COMPONENTS)):
        return list(nlp.pipe([to_simplified(text) for text in texts], batch_size=256))


def _second_pass(nlp: Language, item: Item, doc: Doc, context: DigestContext) -> None:
    """Entities, posts and the event with the document's context; the item is filled in."""
    doc._.context = context
    doc._.title_end = len(item.title) if item.title and item.text.startswith(item.title) else 0
    for name in CONTEXT_COMPONENTS:
        doc = nlp.get_pipe(name)(doc)
    fill_item(item, doc)


def fill_item(item: Item, doc: Doc) -> None:
    """Copy a processed doc's mentions into the item, as written in the original text."""
    original, simplified = item.text, doc_text(doc)

    def as_written(text: str | None) -> str | None:
        if text is None:
            return None
        at = simplified.find(text)
        return original[at:at + len(text)] if at >= 0 else to_script_of(text, original)  # an expansion

    def unique(group: str) -> list[str]:
        return list(dict.fromkeys(original[s.start_char:s.end_char] for s in doc.spans.get(group, [])))

    item.persons = unique("persons")
    item.organizations = unique("orgs")
    item.places = unique("places")
    item.posts = [{"person": as_written(p["person"]), "title": as_written(p["title"]), "org": as_written(p["org"])}
                  for p in doc._.posts or []]
    item.participants = [{"person": as_written(p["person"]), "role": p["role"]} for p in doc._.participants or []]
    item.event_type = doc._.event_type
    stated = _appointments(item, doc, simplified, as_written)
    item.appointments = [a for a in stated if a["action"] != HOLDS]
    held = {(p["person"], p["title"]) for p in item.posts}
    for a in stated:  # an appointment or election states a post, and so does a nominee's 现任; a removal does not
        if a["action"] in ("appoint", "elect", HOLDS) and (a["person"], a["title"]) not in held:
            item.posts.append({"person": a["person"], "title": a["title"], "org": a["org"]})
            held.add((a["person"], a["title"]))
    item.organizations = unglue(item.organizations, item.persons)


def _appointments(item: Item, doc: Doc, simplified: str, as_written) -> list[dict]:
    """The item's appointments (and a notice's posts held now), their bodies written out as a post
    chain's are, reported as written."""
    home = item_home(doc) or Home(None, None)
    names = [to_simplified(p) for p in item.persons]
    orgs = [Mention(s.start_char, s.end_char, "ORG") for s in doc.spans.get("orgs", [])
            if not glued(simplified[s.start_char:s.end_char], names)]  # no 某某任某局 to expand 某局 with
    out = []
    for a in parse(simplified, names):
        org = resolve_body(a["org"] or "", a["title"], orgs, simplified, load_lexicon(), load_gazetteer(), home)
        record = {"person": as_written(a["person"]), "action": a["action"], "title": as_written(a["title"]),
                  "org": as_written(org)}
        if record not in out:
            out.append(record)
    return out
