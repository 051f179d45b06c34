"""Events: each item's event type (from its headline's structure) and each person's role."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.extract.mentions import PERSON_INSTITUTION, Mention
from kg.reference.lexicon import Lexicon

ROLE_ORDER = ("chair", "speaker", "leader", "counterpart", "attendee", "awardee", "mentioned")
#: Roles the rules' reading settles (a verb of chairing or speaking in the person's own clause: the first
#: roles of ANNOTATION.md's order); the classifier decides the others.
RULED_ROLES = ("chair", "speaker")
WORK = re.compile(r"《[^》]*》")
#: Locative phrases whose nouns are not the event: 在…大会上获表彰, 在…活动中荣获.
LOCATIVE = re.compile(r"在[^，。在]*?(?:上|中|期间)(?=[获荣受被])|在[^，。在]*?(?=获得|荣获|获评|获奖|受表彰)")
#: A generic predicate: the event is the noun phrase it governs.
MIDDLE_PREDICATE = re.compile(r"召开|举行|举办")
#: Verbs that, after a meeting's name, say what it dealt with (召开会议研究…, 召开会议传达…).
PURPOSE_VERB = re.compile(r"研究|传达|听取|审议|部署|安排|调度")
FINAL_PREDICATE = re.compile(r"(?:在[^，。]{1,12})?(?:隆重)?(?:召开|举行|举办|开幕|闭幕|揭幕)$")
CLAUSE_END = re.compile(r"[，。；！？\n]")
COUNTERPART_BEFORE = re.compile(r"(?:与|同|对|会见|会晤|接见|拜会|拜访)[^，。；与同]*$")
#: A list of the people who attended, after its verb: 出席会议的还有甲、乙, 参加活动的领导有丙.
ATTENDING_BEFORE = re.compile(r"(?:出席|参加|列席|陪同)[^，。；]{0,8}?的(?:[^，。；]{0,4}?)(?:还)?有")
#: A clause that goes on with the same subject after a comma.
CONTINUATION = re.compile(r"并|随后|还|同时|赴|前往|深入|来到|先后")
#: What follows a name that is not the last of a list: 、乙、丙.
LIST_REST = re.compile(r"(?:、[\u4e00-\u9fff]{2,4})+")
TALK_WORDS = re.compile(r"会谈|座谈|交流|洽谈|对接|会见|会晤|接见|拜会|拜访|合作|考察|签署|签约")


@cache
def _cue_pattern(cues: frozenset[str]) -> re.Pattern[str]:
    return re.compile("|".join(sorted(cues, key=lambda c: (-len(c), c))))


def _cues(text: str, lexicon: Lexicon) -> list[re.Match[str]]:
    """The event cues of ``text``, but not one that ends a body's name before a post
    (``常委会`` in ``人大常委会主任``): that names who, not what happened."""
    return [m for m in _cue_pattern(frozenset(lexicon.event_cues)).finditer(text)
            if not any(text[m.end():m.end() + n] in lexicon.titles for n in range(2, 6))]


def event_type(title: str, body: str, lexicon: Lexicon) -> str:
    """The event class of an item (ANNOTATION.md), read from its headline, else its first sentence."""
    for text in (title, body.split("。")[0]):
        found = _headline_type(text, lexicon)
        if found:
            return found
    return "other"


def _headline_type(text: str, lexicon: Lexicon) -> str | None:
    text = LOCATIVE.sub("", WORK.sub("《》", text))
    middle = MIDDLE_PREDICATE.search(text)
    if middle and middle.end() < len(text) and not _cues(text[: middle.start()], lexicon):
        phrase = text[middle.end():]
        purpose = PURPOSE_VERB.search(phrase)  # 召开专题会议研究某某活动: the meeting, not what it studies
        if purpose and _cues(phrase[: purpose.start()], lexicon):
            phrase = phrase[: purpose.start()]
        found = _noun_phrase_type(phrase, lexicon)
        if found:
            return found
    final = FINAL_PREDICATE.search(text)
    if final and final.start() > 0:
        found = _noun_phrase_type(text[: final.start()], lexicon)
        if found:
            return found
    cues = _cues(text, lexicon)
    return lexicon.event_cues[cues[0].group()] if cues else None


def _noun_phrase_type(phrase: str, lexicon: Lexicon) -> str | None:
    """The type of an event noun phrase: its head is the last cue of its first 暨-conjunct.

    A ceremony (``签约揭牌仪式``) is named by the first of the cues that run into it.
    """
    for part in (phrase.split("暨")[0], phrase):
        cues = _cues(part, lexicon)
        if not cues:
            continue
        head = cues[-1]
        if part.startswith("仪式", head.end()):
            k = len(cues) - 1
            while k > 0 and cues[k - 1].end() == cues[k].start():
                k -= 1
            head = cues[k]
        return lexicon.event_cues[head.group()]
    if phrase.split("暨")[0].rstrip().endswith("会"):
        return "meeting"  # 召开市长碰头会, 恳谈会: a gathering named by 会 that no cue lists
    return None


def _first_with_cue(clause: str, cue_pattern: re.Pattern[str]) -> str:
    """The comma-separated stretch up to the first part with a role's verb: in ``甲，乙出席并讲话，
    丙主持`` the verb of 甲's list is 出席并讲话, not 丙's 主持."""
    end = 0
    for part in clause.split("，"):
        end += len(part) + 1
        if cue_pattern.search(part):
            return clause[:end - 1]
    return clause


@dataclass(frozen=True)
class MentionEvidence:
    """What the text shows of one mention of a person: the roles its verbs give, the cue words of its
    clause, the text of the clause before it."""

    roles: frozenset[str]
    cues: tuple[str, ...]
    before: str
    listed: bool


def person_roles(text: str, persons: list[Mention], titles: list[Mention], lexicon: Lexicon,
                 kind: str) -> dict[str, str]:
    """Each person's role in the item's event: the highest-ranked role any of their mentions shows."""
    return _best_roles(text, mention_evidence(text, persons, titles, lexicon, kind))


def _best_roles(text: str, evidence: list[tuple[Mention, MentionEvidence]]) -> dict[str, str]:
    best: dict[str, int] = {}
    for person, found in evidence:
        name = text[person.start:person.end]
        rank = min(ROLE_ORDER.index(r) for r in found.roles)
        best[name] = min(best.get(name, rank), rank)
    return {name: ROLE_ORDER[rank] for name, rank in best.items()}


def mention_evidence(text: str, persons: list[Mention], titles: list[Mention], lexicon: Lexicon,
                     kind: str) -> list[tuple[Mention, MentionEvidence]]:
    """Each person mention with the roles its clause's verbs give it (the rules' reading)."""
    cue_pattern = _cue_pattern(frozenset(lexicon.role_cues))
    title_at = {t.start: t.end for t in titles}
    out = []
    for person in persons:
        after = person.end
        while after in title_at:
            after = title_at[after]
        stop = CLAUSE_END.search(text, after)
        while stop is not None and CONTINUATION.match(text, stop.end()):  # 考察，并主持召开会议: the same subject
            stop = CLAUSE_END.search(text, stop.end())
        clause = text[after: stop.start() if stop else len(text)]
        listed = clause.startswith("、") or text[person.start - 1:person.start] == "、"
        if not cue_pattern.search(clause) and (LIST_REST.fullmatch(clause) or (
                clause.startswith("、") and any(p.end == after + len(clause) for p in persons))):
            clause = ""  # 领导甲、乙，以及…参加 / 甲、某某主席乙，…出席: the rest of a list, the verb comes later
        begin = max((m.end() for m in CLAUSE_END.finditer(text, 0, person.start)), default=0)
        before = text[begin:person.start].removesuffix("了")
        roles = {"mentioned"}
        found: list[str] = []
        object_of = any(before.endswith(cue) for cue, role in lexicon.role_cues.items() if role == "object")
        if not object_of and not clause.startswith(("的", "关于", "重要", "同志关于")):
            if not clause.strip() and stop is not None and text[stop.start()] == "，":
                # a list of names split by commas: the verb comes at the end of the sentence
                end = text.find("。", stop.start())
                clause = _first_with_cue(text[stop.start(): end if end >= 0 else len(text)], cue_pattern)
            cues = list(cue_pattern.finditer(clause))
            nxt = min((p.start - after for p in persons if after < p.start < after + len(clause)), default=None)
            if nxt is not None and any(c.start() < nxt for c in cues):  # 甲宣布开工、乙作动员讲话: 乙's verb
                cues = [c for c in cues if c.start() < nxt]  # (甲、乙出席: the one verb serves both)
            found = [c.group() for c in cues]
            for k, cue in enumerate(cues):
                role = lexicon.role_cues[cue.group()]
                after_attending = k > 0 and clause[cues[k - 1].end():cue.start()] in ("", "了") \
                    and lexicon.role_cues[cues[k - 1].group()] == "attendee"
                if role != "object" and not (role == "leader" and after_attending):
                    roles.add(role)  # 参加调研: the inspection is what they attend, not what they lead
        if attending := ATTENDING_BEFORE.search(before):
            roles.add(lexicon.role_cues[attending.group()[:2]])  # 出席会议的还有甲、乙
        if COUNTERPART_BEFORE.search(before) and TALK_WORDS.search(text[begin: stop.start() if stop else len(text)]) \
                and kind in ("talks", "inspection", "signing", "meeting"):
            roles.discard("leader")
            roles.add("counterpart")
        if kind == "award" and text.startswith(PERSON_INSTITUTION, person.end):
            roles.add("awardee")  # 某某工作室 honoured: the person it is named after
        out.append((person, MentionEvidence(frozenset(roles), tuple(found), before, listed)))
    return out


def event_features(title: str, body: str, lexicon: Lexicon, rule_kind: str, notice: bool) -> list[str]:
    """Features of an item's event type: the rules' answer, the cue words of the headline (each, the first,
    the last, the head of the phrase a generic predicate governs) and of the first sentence with their
    types, the headline's last characters and character pairs, whether the item is a notice of
    appointments."""
    features = [f"rule={rule_kind}", f"notice={notice}"]
    first = body.split("。")[0]
    for where, text in (("t", title), ("b", first)):
        clean = LOCATIVE.sub("", WORK.sub("《》", text))
        cues = _cues(clean, lexicon)
        for cue in cues:
            kind = lexicon.event_cues[cue.group()]
            features += [f"{where}cue={cue.group()}", f"{where}type={kind}"]
        if cues:
            features += [f"{where}first={lexicon.event_cues[cues[0].group()]}",
                         f"{where}last={lexicon.event_cues[cues[-1].group()]}"]
        head = _headline_type(text, lexicon)
        features.append(f"{where}head={head}")
    title = WORK.sub("《》", title)
    features += [f"end1={title[-1:]}", f"end2={title[-2:]}"]
    features += [f"bi={title[k:k + 2]}" for k in range(len(title) - 1)]
    return features


def role_features(text: str, persons: list[Mention], titles: list[Mention], posts: list[dict], lexicon: Lexicon,
                  kind: str, title_end: int, home_places: tuple[str, ...]) -> dict[str, list[str]]:
    """Features of each person's role: the rules' answer, and per mention the roles and cue words of its
    clause, the words before it, whether it is in the headline, first, listed; the person's posts and
    the side their bodies are on (``home``: the item's own place, ``other``: another place's government,
    ``body``: a company or institution), and whether that is the side of the item's subject (the first
    person of the headline, else of the body); all crossed with the event type."""
    evidence = mention_evidence(text, persons, titles, lexicon, kind)
    names = [text[p.start:p.end] for p in persons]
    rules = _best_roles(text, evidence)
    sides = {name: _sides(name, posts, home_places) for name in names}
    in_title = [n for p, n in zip(persons, names) if p.end <= title_end]
    subject = in_title[0] if in_title else next((n for n in names), None)
    subject_side = sides.get(subject, frozenset()) if subject else frozenset()
    features: dict[str, list[str]] = {}
    for (person, ev), name in zip(evidence, names):
        f = features.setdefault(name, [f"rule={rules[name]}", f"k={kind}", f"k={kind}|rule={rules[name]}"])
        where = "t" if person.end <= title_end else "b"
        f += [f"{where}r={r}" for r in ev.roles] + [f"k={kind}|{where}r={r}" for r in ev.roles]
        f += [f"{where}cue={c}" for c in ev.cues[:3]] + [f"k={kind}|cue={c}" for c in ev.cues[:1]]
        f += [f"before={ev.before[-2:]}", f"before1={ev.before[-1:]}"]
        if ev.listed:
            f.append("listed")
        if where == "t":
            f.append("in_title")
    for name in features:
        f = features[name]
        titles_held = [p["title"] for p in posts if p["person"] == name]
        f += [f"post={t}" for t in titles_held] + [f"postkind={lexicon.titles.get(t, 'other')}" for t in titles_held]
        f += [f"side={s}" for s in sides[name]] + [f"k={kind}|side={s}" for s in sides[name]]
        same = bool(sides[name] & subject_side)
        f += [f"subject={name == subject}", f"k={kind}|subject={name == subject}",
              f"same_side={same}", f"k={kind}|same_side={same}"]
        if any(t in BYLINE_POSTS for t in titles_held):
            f.append("byline")
        f.append(f"mentions={min(names.count(name), 3)}")
    return features


BYLINE_POSTS = ("记者", "通讯员", "摄影")


def _sides(name: str, posts: list[dict], home_places: tuple[str, ...]) -> frozenset[str]:
    """The sides a person's posts are on: the item's own places (``home``), another place's government or
    party body (``other``), a company or institution (``body``); ``none`` without a post."""
    sides = set()
    for post in posts:
        if post["person"] != name:
            continue
        org = post["org"] or ""
        if not org or any(place and place in org for place in home_places):
            sides.add("home")
        elif org.endswith(GOVERNMENT_ENDINGS):
            sides.add("other")
        else:
            sides.add("body")
    return frozenset(sides or {"none"})


GOVERNMENT_ENDINGS = ("人民政府", "委员会", "行政公署", "办公室")
