"""The spaCy pipeline: registered factories, configured in one place, loaded by :func:`load_nlp`.

Components, in order:

``govkg_lac_v1``       statistical NER and POS (Baidu LAC) → ``doc.spans["lac"]``
``govkg_rules_v1``     titles, works, titled names → ``doc.spans["titles"|"works"|"titled"]``
``govkg_entities_v1``  persons, organisations, places with document context → ``doc.spans[...]``, ``doc.ents``
``govkg_posts_v1``     post chains → ``doc._.posts``
``govkg_events_v1``    event type and participants → ``doc._.event_type``, ``doc._.participants``

The last three read ``doc._.context`` (names established across the whole
digest, the digest's own city); a document processed alone builds its own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.extract import events, mentions, posts, relations, spans
from kg.extract.appointments import GLUE, appointee_spans, cues
from kg.extract.lac import lac_tagger
from kg.extract.mentions import LEVEL_CHARS, Mention, Word
from kg.reference.gazetteer import Gazetteer, load_gazetteer
from kg.reference.lexicon import Lexicon, load_lexicon
from kg.text.dateline import datelines

#: The pipeline's one configuration: component names and their settings, in order.
PIPELINE: tuple[tuple[str, dict], ...] = (
    ("govkg_lac_v1", {}),
    ("govkg_rules_v1", {}),
    ("govkg_entities_v1", {"min_enumeration": 2}),
    ("govkg_posts_v1", {}),
    ("govkg_events_v1", {}),
)
#: Components that need the digest's context (run in the second pass).
CONTEXT_COMPONENTS = ("govkg_entities_v1", "govkg_posts_v1", "govkg_events_v1")

for _name, _default in (("context", None), ("posts", None), ("event_type", None),
                        ("participants", None), ("title_end", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@dataclass
class DigestContext:
    """What the whole digest establishes: persons named with a title, its city and province."""

    known: dict[str, int] = field(default_factory=dict)
    home: posts.Home = field(default_factory=lambda: posts.Home(None, None))
    home_code: str | None = None
    text: str = ""

    @classmethod
    def from_docs(cls, docs: list[Doc], gazetteer: Gazetteer, cover: str = "") -> DigestContext:
        """The context of a document's items; ``cover`` (its text before the first item) counts
        towards the home city and county too."""
        known: dict[str, int] = {}
        for doc in docs:
            for span in doc.spans.get("titled", []):
                known[span.text] = known.get(span.text, 0) + 1
        texts = [doc_text(doc) for doc in docs]
        home, (city, _province, _county) = posts.home_of(texts, cover, gazetteer)
        return cls(known, home, city.code if city else None, "\n".join(texts))


def doc_text(doc: Doc) -> str:
    """``doc.text``, read once: spaCy joins the tokens again on every access."""
    if "text" not in doc.user_data:
        doc.user_data["text"] = doc.text
    return doc.user_data["text"]


def _spans(doc: Doc, found: list[Mention], label: str | None = None) -> list[Span]:
    out = []
    for m in found:
        span = doc.char_span(m.start, m.end, label=label or m.label, alignment_mode="expand")
        if span is not None:
            out.append(span)
    return out


def span_mentions(group) -> list[Mention]:
    """A span group (``doc.spans[...]``) as mentions: offsets and label."""
    return [Mention(s.start_char, s.end_char, s.label_) for s in group]


@Language.factory("govkg_lac_v1")
def make_lac(nlp: Language, name: str) -> LacComponent:
    return LacComponent()


class LacComponent:
    """Tag each sentence with LAC; every word becomes a span labelled with its tag."""

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs, batch_size: int = 64):
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._tag(batch, lac_tagger())
                batch = []
        if batch:
            yield from self._tag(batch, lac_tagger())

    @staticmethod
    def _tag(docs: list[Doc], tagger) -> list[Doc]:
        texts = [doc_text(doc) for doc in docs]
        pieces = [(d, s, e) for d, text in enumerate(texts) for s, e in mentions.sentence_spans(text)]
        tagged = tagger.tag([texts[d][s:e] for d, s, e in pieces])
        words: list[list[Mention]] = [[] for _ in docs]
        for (d, s, _e), sentence in zip(pieces, tagged):
            offset = s
            for word, tag in sentence:
                words[d].append(Mention(offset, offset + len(word), tag))
                offset += len(word)
        for doc, found in zip(docs, words):
            doc.spans["lac"] = _spans(doc, found)
            doc.user_data["lac_words"] = found  # the same words as plain records, for the rules
        return docs


@Language.factory("govkg_rules_v1")
def make_rules(nlp: Language, name: str) -> RulesComponent:
    return RulesComponent(load_lexicon())


class RulesComponent:
    """Titles, works (《》) and the names that follow a title — the firm evidence of a person."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found_works = mentions.works(text)
        titles = [t for t in mentions.title_mentions(text, self.lexicon) if not mentions.overlaps(t, found_works)]
        lac_person = {w.start: w.end for w in lac_words(doc) if w.label == "PER"}
        titled = []
        for title in titles:
            name = mentions.name_at(text, title.end, self.lexicon, {}, lac_person)
            if name:
                titled.append(Mention(title.end, title.end + len(name), "PER"))
        title_starts = {t.start for t in titles}
        for start, end in lac_person.items():  # 某某总书记: a name the NER found, with its title after it
            if end in title_starts and 2 <= end - start <= 4 and mentions.has_surname(text[start:end], self.lexicon):
                titled.append(Mention(start, end, "PER"))
        doc.spans["works"] = _spans(doc, found_works)
        doc.spans["titles"] = _spans(doc, titles)
        doc.spans["titled"] = _spans(doc, titled)
        return doc


@Language.factory("govkg_entities_v1", default_config={"min_enumeration": 2})
def make_entities(nlp: Language, name: str, min_enumeration: int) -> EntitiesComponent:
    return EntitiesComponent(load_lexicon(), load_gazetteer(), min_enumeration)


class EntitiesComponent:
    """Persons, organisations and places, with the digest's evidence correcting the NER."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer, min_enumeration: int):
        self.lexicon, self.gazetteer, self.min_enumeration = lexicon, gazetteer, min_enumeration

    def __call__(self, doc: Doc) -> Doc:
        context: DigestContext = doc._.context or DigestContext.from_docs([doc], self.gazetteer)
        text, lex = doc_text(doc), self.lexicon
        words = _repaired_words(text, lac_words(doc))
        found_works = span_mentions(doc.spans.get("works", []))
        titles = span_mentions(doc.spans.get("titles", []))
        frames = [Mention(start, end, "PER") for start, end in appointee_spans(text, lex)]  # 任命某某为…局长
        doc.user_data["frames"] = len(frames)  # (a notice of appointments: a feature of its event's type)
        persons = self._persons(text, words, titles, found_works, context, frames)
        facilities = mentions.facility_mentions(text, words, lex, persons + titles)
        orgs = [o for o in self._orgs(text, words, titles, persons, found_works, context)
                if not any(f.start <= o.start and o.end < f.end for f in facilities)]  # 某某工会爱心驿站: a site's name
        lac_orgs = [Mention(w.start, w.end, "ORG") for w in words if w.tag == "ORG"  # a place inside a name
                    and not self.gazetteer.lookup(text[w.start:w.end])  # stays unlisted (not inside 某市学校)
                    and not self._kind_in_a_place(text[w.start:w.end])]
        filed = list(datelines(text))  # 新华社郑州6月21日电: the outlet is a body, 郑州 no event place
        outlets = [Mention(*d.outlet, "ORG") for d in filed if d.outlet]
        orgs = mentions.outermost([o for o in orgs if not mentions.overlaps(o, outlets)] + outlets)
        filed_in = [Mention(d.start, d.end, "LOC") for d in filed]
        proposed, in_names = mentions.place_mentions(text, words, lex, self.gazetteer, context.home_code, context.text)
        places = [p for p in proposed
                  if not mentions.overlaps(p, orgs + persons + found_works + titles + facilities + lac_orgs + filed_in)
                  and not text.startswith(tuple(lex.place_bodies), p.end)]  # 某区委书记: inside the body's name
        persons, orgs, places = self._decided(doc, text, words, titles, context, persons, orgs, places, frames,
                                              in_names, found_works)
        orgs = _cue_free(text, orgs, persons)
        doc.spans["persons"] = _spans(doc, persons, "PER")
        doc.spans["orgs"] = _spans(doc, orgs, "ORG")
        doc.spans["places"] = _spans(doc, places, "LOC")
        doc.ents = filter_spans(list(doc.spans["orgs"]) + list(doc.spans["places"]) + list(doc.spans["persons"]))
        return doc

    def _decided(self, doc: Doc, text: str, words: list[Word], titles: list[Mention], context: DigestContext,
                 persons: list[Mention], orgs: list[Mention], places: list[Mention], frames: list[Mention],
                 in_names: list[Mention], found_works: list[Mention]):
        """The span classifier's decision over every candidate (the rules' spans among them).

        With ``doc.user_data["training"]`` set, the candidates and their features are kept for
        :mod:`kg.tools.train` and the rules' spans stand; with no model shipped, they stand too. A name an
        appointment notice's frame gives (``frames``) stays whatever the model says; in local news a
        place the rules found opening an event's or a zone's name (``in_names``), or inside a work's
        title, stays out whatever it says: that is ANNOTATION.md's convention, which the corpora the
        model learns most from do not follow.
        """
        model = None if doc.user_data.get("training") else spans.active_model()
        if model is None and not doc.user_data.get("training"):
            return persons, orgs, places
        rules = {"PER": persons, "ORG": orgs, "LOC": places}
        candidates = spans.suggest(text, words, rules, self.lexicon, titles, frames)
        genre = spans.genre_of(text, context.home_code)
        rows = spans.candidate_rows(text, candidates, words, self.lexicon, self.gazetteer, titles, context.known, genre)
        if model is None:
            doc.user_data["candidates"] = (candidates, rows)
            return persons, orgs, places
        decided = spans.decide(candidates, model, rows, genre)
        if genre == "local":  # ANNOTATION.md's convention, which the public corpora do not follow:
            inside = {(m.start, m.end) for m in in_names}  # a place opening an event's name is not listed,
            decided["LOC"] = [m for m in decided["LOC"] if (m.start, m.end) not in inside  # nor one inside
                              and not mentions.overlaps(m, found_works)]  # a work's title (《某省某条例》)
        return decided["PER"], decided["ORG"], decided["LOC"]

    def _persons(self, text: str, words: list[Word], titles: list[Mention], found_works: list[Mention],
                 context: DigestContext, frames: list[Mention]) -> list[Mention]:
        lex = self.lexicon
        lac_person = {w.start: w.end for w in words if w.tag == "PER"}
        found: list[Mention] = []
        for title in titles:
            name = mentions.name_at(text, title.end, lex, context.known, lac_person)
            if name:
                found.append(Mention(title.end, title.end + len(name), "PER"))
        for match in _known_pattern(tuple(sorted(context.known, key=len, reverse=True))).finditer(text):
            found.append(Mention(match.start(), match.end(), "PER"))
        for word in words:
            composed = mentions.composed_name_length(text, word.start, lex)
            if composed >= word.end - word.start and not any(t.start < word.start + composed and word.start < t.end
                                                              for t in titles):
                found.append(Mention(word.start, word.start + composed, "PER"))  # 扎西次仁, whatever the tagger cut
            elif word.tag == "PER" and self._plausible_name(text, word, context):
                found.append(Mention(word.start, word.end, "PER"))
            if word.tag in ("ORG", "PER", "nz"):
                found += mentions.named_institution_person(text, word, lex)
        found += frames
        found += self._enumerations(text, found, context, lac_person)
        return [m for m in mentions.outermost(found) if not mentions.overlaps(m, found_works)
                and not mentions.overlaps(m, titles)]

    def _plausible_name(self, text: str, word: Word, context: DigestContext) -> bool:
        """A LAC person that looks like a name: surname, 2–3 characters, ends where a name can end,
        and is not a cut-off piece of a name the digest established (``某衣`` of ``某衣显``)."""
        name = text[word.start:word.end]
        base = mentions.surname_length(name, self.lexicon)
        following = mentions.title_mentions(text[word.end:word.end + 6], self.lexicon)
        titled_after = bool(following) and following[0].start == 0
        if not (base or titled_after) or not 1 <= len(name) - max(base, 1) <= 2:
            return False
        if any(k.startswith(name) and k != name and text.startswith(k, word.start) for k in context.known):
            return False
        return mentions.name_boundary(text, word.end, self.lexicon)

    def _enumerations(self, text: str, found: list[Mention], context: DigestContext,
                      lac_person: dict[int, int]) -> list[Mention]:
        """Names listed with 、 (``某甲、某乙、某丙等``): all are persons when one is known.
        Each needs a common surname, or the NER's word for exactly that name (a rare surname)."""
        starts = {m.start for m in found}
        out: list[Mention] = []
        for run in ENUMERATION.finditer(text):
            parts, offset, members = run.group().split("、"), run.start(), []
            for k, part in enumerate(parts):
                if k == len(parts) - 1:
                    name = mentions.name_at(text, offset, self.lexicon, context.known)
                elif k == 0:  # the list's first name ends the run's first chunk (市领导某某、…)
                    end = offset + len(part)
                    name = next((part[-n:] for n in (3, 2) if part[-n:] in context.known or end - n in starts
                                 or lac_person.get(end - n) == end), None) or (part if 2 <= len(part) <= 3 else None)
                    offset += len(part) - len(name) if name else 0
                else:
                    name = part if 2 <= len(part) <= 3 else None
                if not name or (not mentions.surname_length(name, self.lexicon)
                                and lac_person.get(offset) != offset + len(name)):
                    members = []
                    break
                members.append(Mention(offset, offset + len(name), "PER"))
                offset = run.start() + sum(len(p) + 1 for p in parts[: k + 1])
            if len(members) >= self.min_enumeration and any(m.start in starts or text[m.start:m.end] in context.known
                                                             for m in members):
                out += members
        return out

    def _orgs(self, text: str, words: list[Word], titles: list[Mention], persons: list[Mention],
              found_works: list[Mention], context: DigestContext) -> list[Mention]:
        lex = self.lexicon
        title_starts = {t.start for t in titles}
        orgs = []
        for org in mentions.org_mentions(text, words, lex, self.gazetteer, persons + titles):
            name = text[org.start:org.end]
            if mentions.overlaps(org, found_works) or posts.is_place(name, lex, self.gazetteer) or name in context.known \
                    or name in lex.titles or self._bare_suffix(name) or self._kind_in_a_place(name):
                continue  # a place, a person, a post title (常委), a bare suffix (集团), a kind (某市学校): no body
            if _quoted(text, org) and not any(org.start <= p.start < org.end for p in persons):
                continue  # “某某先进集体”: an honour's name, not a body
            if not mentions.org_suffix(name, lex) and name not in lex.bodies and name not in lex.bare_bodies \
                    and not name.isascii() \
                    and not _party_to_an_agreement(text, org) and not self._confirmed_weak_suffix(name, org, words):
                continue  # LAC alone names no organisation without a suffix (measured: F1 0.754 → 0.775)
            abbreviation = name in lex.bodies or _is_place_body(name, lex, self.gazetteer)
            if abbreviation and org.end in title_starts:
                continue  # 市委 in 市委书记: recorded through the post, not as an organisation
            if abbreviation and mentions.referenced_meeting(text, org):
                continue  # 传达省委十一届六次全会精神: a meeting referred to, not one this body holds here
            if not name.endswith(mentions.PERSON_INSTITUTION) \
                    and any(p.start < org.end and org.start < p.end for p in persons):
                continue  # a name overlapping a person is a tagging error, except 某某工作室
            crossing = [t.start for t in titles if org.start < t.start < org.end]
            if crossing:  # 某某银行党委 + 委员, 某某支队 + 政委: the name ends where the title starts
                org = Mention(org.start, min(crossing), org.label)
                name = text[org.start:org.end]
                if len(name) < 2 or self._bare_suffix(name) or posts.is_place(name, lex, self.gazetteer) \
                        or (org.end in title_starts and (
                        name in lex.bodies or _is_place_body(name, lex, self.gazetteer))):
                    continue
            orgs.append(org)
        orgs = mentions.unglued(text, orgs)
        orgs = mentions.outermost(orgs + mentions.short_names(text, orgs)
                                  + [c for c in mentions.counted_bodies(text, words)
                                     if not mentions.overlaps(c, persons + found_works)])
        orgs = mentions.outermost(orgs + mentions.company_short_forms(text, orgs, words, lex, self.gazetteer))
        return mentions.outermost(orgs + self._bodies_before_titles(text, titles, persons, orgs, words))

    def _bare_suffix(self, name: str) -> bool:
        """A suffix alone (``集团党组书记``: the group) names no body — unless it is a standard abbreviation
        or names a body on its own (工商联)."""
        lex = self.lexicon
        return name in lex.org_suffixes and name not in lex.bodies and name not in lex.self_named_bodies

    def _kind_in_a_place(self, name: str) -> bool:
        """``某市学校``: a place and a kind of body (the city's schools), not one body's name."""
        kind = mentions.longest_suffix(name, tuple(self.lexicon.kind_suffixes))
        return kind is not None and bool(self.gazetteer.lookup(name[: -len(kind)]))

    def _confirmed_weak_suffix(self, name: str, org: Mention, words: list[Word]) -> bool:
        """``某某发展中心`` tagged ORG by the NER, or ``某某/ORG 超市``: a weak ending the NER confirms
        (not a site's ending)."""
        weak = mentions.longest_suffix(name, self.lexicon.org_weak_suffixes)
        return weak is not None and not name.endswith(self.lexicon.facility_suffixes) \
            and any(w.tag == "ORG" and w.start == org.start and w.end in (org.end, org.end - len(weak)) for w in words)

    def _bodies_before_titles(self, text: str, titles: list[Mention], persons: list[Mention],
                              orgs: list[Mention], words: list[Word]) -> list[Mention]:
        """The body written before a post title (``某某资产总经理某某``) is an organisation mention,
        unless it is a standard abbreviation (recorded through the post) or a place."""
        lex = self.lexicon
        starts = {p.start for p in persons}
        tagged_bodies = {w.start for w in words if w.tag == "ORG"}
        found = []
        for title in titles:
            if title.end not in starts and not text.startswith("、", title.end):
                continue
            start = posts.segment_start(text, title.start, orgs, persons, titles, lex)
            end = title.start - len(next((m for m in lex.title_modifiers if text.endswith(m, start, title.start)), ""))
            name = text[start:end]  # (某某公司执行总经理: 执行 is the title's)
            if len(name) < 2 or name in lex.bodies or self._bare_suffix(name) \
                    or _is_place_body(name, lex, self.gazetteer) \
                    or posts.is_place(name, lex, self.gazetteer) or not mentions.IS_CJK.match(name) \
                    or any(t.start < title.start and t.end > start for t in titles if t is not title):
                continue
            if not mentions.org_suffix(name, lex) and not any(o.start == start for o in orgs) \
                    and start not in tagged_bodies:
                continue  # a name is a body when it ends like one, or opens with one the NER found (某某物流华北区)
            found.append(Mention(start, end, "ORG"))
        return found


def _cue_free(text: str, orgs: list[Mention], persons: list[Mention]) -> list[Mention]:
    """Bodies without an appointment's words glued on: ``某某任某局`` after the name, ``不再担任中共某县委员会``
    (the tagger's span ran over the cue): the body starts after the cue; nor a former post's ``原``."""
    ends = {p.end for p in persons} | {p.end + len(COMRADE) for p in persons if text.startswith(COMRADE, p.end)}
    out = []
    for o in orgs:
        start = max((k + len(cue) for cue in APPOINTMENT_WORDS if (k := text.rfind(cue, o.start, o.end)) >= 0),
                    default=o.start)
        if start == o.start and o.start - 1 in ends and text[o.start - 1:o.start + 1] == COMRADE:
            start += 1  # 某某同/志任…: the tagger cut 同志 in two
        if start in ends and text[start] in GLUE:
            start += 1
        if text.startswith(posts.FORMER, start) and text[start + 1:start + 2] in LEVEL_CHARS:
            start += 1  # 原省文联党组书记: the body is 省文联, 原 the post's
        out.append(Mention(start, o.end, o.label) if o.end - start >= 3 else o)
    return out


COMRADE = "同志"
#: Words of an appointment that no body's name holds (担任, 任命, 不再担任, 免去 …: the cues of two characters and
#: more that appoint or remove; 选举 and 提名 can open a body's name: 某县选举委员会).
APPOINTMENT_WORDS = tuple(c.word for c in cues() if len(c.word) >= 2 and ("任" in c.word or "免" in c.word))


AGREEMENT = re.compile(r"签署|签约|签订|会谈|洽谈|对接|携手|合作")


def _party_to_an_agreement(text: str, org: Mention) -> bool:
    """A name LAC tags as an organisation, on one side of ``与`` in a clause about an agreement or talks."""
    begin = max(text.rfind(ch, 0, org.start) for ch in "，。；\n") + 1
    end = min((i for i in (text.find(ch, org.end) for ch in "，。；\n") if i >= 0), default=len(text))
    clause = text[begin:end]
    beside = text[org.end:org.end + 1] == "与" or text[org.start - 1:org.start] == "与"
    return beside and bool(AGREEMENT.search(clause))


def _quoted(text: str, span: Mention) -> bool:
    """True when the span sits inside a pair of quotation marks on one line."""
    opening = text.rfind("“", 0, span.start)
    return opening >= 0 and text.rfind("”", opening, span.start) < 0 and text.find("”", span.end) >= 0 \
        and "\n" not in text[opening:span.start]


def lac_words(doc: Doc) -> list[Mention]:
    """LAC's words of a doc: the plain records the tagger stored, else read back from ``doc.spans["lac"]``."""
    stored = doc.user_data.get("lac_words")
    return stored if stored is not None else span_mentions(doc.spans.get("lac", []))


def _repaired_words(doc_string: str, spans: list[Mention]) -> list[Word]:
    """LAC's words with three of its slips mended: CJK text tagged as punctuation (``)投资集团``) is a noun;
    a name swallowing the conjunction after it (``某市人民政府与``) gives it back; a conjunction swallowing
    the noun after it (``和旅游厅``) gives the noun back."""
    words = []
    for span in spans:
        start, end, tag = span.start, span.end, span.label
        text = doc_string[start:end]
        if tag == "w" and mentions.IS_CJK.search(text):
            tag = "n"
        if tag in ("ORG", "LOC", "PER") and len(text) > 2 and text[-1] in "与和同及":
            words += [Word(start, end - 1, tag), Word(end - 1, end, "c")]
            continue
        if tag in ("c", "p") and len(text) > 2 and text[0] in "与和同及":  # 和旅游厅: the conjunction, then a noun
            words += [Word(start, start + 1, "c"), Word(start + 1, end, "n")]
            continue
        words.append(Word(start, end, tag))
    return words


def _is_place_body(name: str, lexicon: Lexicon, gazetteer: Gazetteer) -> bool:
    """A place and its body's suffix (``某某县委``), or a place and a body's abbreviation of its level
    written again (``某某自治州州委``)."""
    return any(name.endswith(s) and gazetteer.lookup(name[: -len(s)]) for s in lexicon.place_bodies) or any(
        name.endswith(b) and len(name) > len(b) and gazetteer.lookup(name[: -len(b)]) for b in lexicon.bodies)


ENUMERATION = re.compile(r"[\u4e00-\u9fff]{2,12}(?:、[\u4e00-\u9fff]{2,4})+(?:、?[\u4e00-\u9fff]{2,3}[等])?")


@lru_cache(maxsize=8)  # one pattern per digest; a long run does not keep them all
def _known_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, names)) if names else r"(?!x)x")


@Language.factory("govkg_posts_v1")
def make_posts(nlp: Language, name: str) -> PostsComponent:
    return PostsComponent(load_lexicon(), load_gazetteer())


class PostsComponent:
    """Each titled person's posts, with the body each title belongs to."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer):
        self.lexicon, self.gazetteer = lexicon, gazetteer

    def __call__(self, doc: Doc) -> Doc:
        context: DigestContext = doc._.context or DigestContext.from_docs([doc], self.gazetteer)
        text = doc_text(doc)
        titles = span_mentions(doc.spans.get("titles", []))
        orgs = span_mentions(doc.spans.get("orgs", []))
        persons = span_mentions(doc.spans.get("persons", []))
        found: dict[tuple[str, str], str | None] = {}
        filed = list(datelines(text))
        home = replace(context.home, township=self._township(text, doc, doc._.title_end or 0))
        doc.user_data["home"] = home  # (the item's appointments resolve their bodies with it too)
        for person in persons:
            name = text[person.start:person.end]
            chain = posts.chain_posts(text, person, titles, orgs, persons, self.lexicon, self.gazetteer, home)
            shared = None if chain else posts.shared_title(text, person, persons, titles)
            if shared is not None:  # 副组长甲、乙: the second deputy is one too, of the same body
                first = next(p for p in persons if p.start == shared.end)
                chain = posts.chain_posts(text, first, titles, orgs, persons, self.lexicon, self.gazetteer,
                                          home)[-1:]
            trailing = posts.trailing_post(text, person, titles)
            if trailing and not chain:
                chain = [(trailing, posts.resolve_body("", trailing, orgs, text, self.lexicon, self.gazetteer,
                                                       home))]
            byline = None if chain else posts.byline_post(text, person, persons, orgs, self.lexicon, filed)
            chain = chain or ([byline] if byline else [])
            for title, body in chain:
                if found.get((name, title)) is None:
                    found[(name, title)] = body
        doc._.posts = [{"person": p, "title": t, "org": o} for (p, t), o in found.items()]
        return doc

    def _township(self, text: str, doc: Doc, title_end: int) -> str | None:
        """The town, township or sub-district an item is about — the one its headline names, else the one
        it names most often (the first of a tie) — for its bare ``镇党委``, ``镇长``."""
        divisions = self.gazetteer.find(text)
        towns = [text[m.start:m.end] for m in mentions.township_mentions(text, lac_words(doc), divisions)]
        if not towns:
            return None
        in_title = [n for n in towns if n in text[:title_end]]
        return in_title[0] if in_title else max(towns, key=lambda n: (text.count(n), -text.find(n)))


@Language.factory("govkg_events_v1")
def make_events(nlp: Language, name: str) -> EventsComponent:
    return EventsComponent(load_lexicon())


class EventsComponent:
    """The item's event type and each person's role in it: the rules' reading, and the trained
    classifiers' decision over it where a model is shipped (:mod:`kg.extract.relations`)."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        learnt = spans.active_model() is not None  # (rules_only: the rules decide everything)
        model = relations.shipped("events") if learnt else None
        kind, features = event_reading(doc, self.lexicon, with_features=model is not None)
        if model is not None:
            kind = model.predict(features)
        model = relations.shipped("roles") if learnt else None
        roles, found = role_reading(doc, self.lexicon, kind, with_features=model is not None)
        if model is not None:
            roles = {name: role if role in events.RULED_ROLES else model.predict(found[name])
                     for name, role in roles.items()}
        doc._.event_type = kind
        doc._.participants = [{"person": name, "role": role} for name, role in roles.items()]
        return doc


def title_end(doc: Doc) -> int:
    """Where an item's headline ends in its text (its first line when segmentation did not say)."""
    return doc._.title_end if doc._.title_end is not None else len(doc_text(doc).split("\n")[0])


def event_reading(doc: Doc, lexicon: Lexicon, with_features: bool = True) -> tuple[str, list[str]]:
    """The rules' event type of an item and the features its classifier reads — one reading for extraction
    and for training (:mod:`kg.tools.train_relations`), so the two never see different inputs."""
    text, end = doc_text(doc), title_end(doc)
    title, body = text[:end], text[end:]
    kind = events.event_type(title, body, lexicon)
    if not with_features:
        return kind, []
    return kind, events.event_features(title, body, lexicon, kind, bool(doc.user_data.get("frames")))


def role_reading(doc: Doc, lexicon: Lexicon, kind: str,
                 with_features: bool = True) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The rules' role of each person of an item in an event of type ``kind``, and the features the role
    classifier reads for each — one reading for extraction and for training."""
    text = doc_text(doc)
    persons = span_mentions(doc.spans.get("persons", []))
    titles = span_mentions(doc.spans.get("titles", []))
    roles = events.person_roles(text, persons, titles, lexicon, kind)
    if not (with_features and roles):
        return roles, {}
    return roles, events.role_features(text, persons, titles, doc._.posts or [], lexicon, kind, title_end(doc),
                                       home_places(doc))


def item_home(doc: Doc) -> posts.Home | None:
    """The home an item's bodies resolve with: the posts component's (its township filled in), else the
    document's, else None (a doc outside a document)."""
    context: DigestContext | None = doc._.context
    return doc.user_data.get("home") or (context.home if context is not None else None)


def home_places(doc: Doc) -> tuple[str, ...]:
    """The places an item's own bodies carry (its township, county, city, prefecture, province)."""
    home = item_home(doc)
    if home is None:
        return ()
    return tuple(p for p in (home.township, home.county, home.city, home.prefecture, home.province) if p)


def load_nlp() -> Language:
    """The govkg pipeline: ``spacy.blank("zh")`` (character tokens) plus the components of :data:`PIPELINE`."""
    nlp = spacy.blank("zh")
    for factory, config in PIPELINE:
        nlp.add_pipe(factory, name=factory, config=dict(config))
    return nlp
