"""Events: each item's event type (from its headline's structure) and each person's role."""
from __future__ import annotations

import re
from functools import cache

from kg.extract.mentions import PERSON_INSTITUTION, Mention
from kg.lexicon import Lexicon

ROLE_ORDER = ("chair", "speaker", "leader", "counterpart", "attendee", "awardee", "mentioned")
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


def person_roles(text: str, persons: list[Mention], titles: list[Mention], lexicon: Lexicon,
                 kind: str) -> dict[str, str]:
    """Each person's role in the item's event: the highest-ranked role any of their mentions shows."""
    cue_pattern = _cue_pattern(frozenset(lexicon.role_cues))
    title_at = {t.start: t.end for t in titles}
    best: dict[str, int] = {}
    for person in persons:
        name = text[person.start:person.end]
        after = person.end
        while after in title_at:
            after = title_at[after]
        stop = CLAUSE_END.search(text, after)
        while stop is not None and CONTINUATION.match(text, stop.end()):  # 考察，并主持召开会议: the same subject
            stop = CLAUSE_END.search(text, stop.end())
        clause = text[after: stop.start() if stop else len(text)]
        if not cue_pattern.search(clause) and (LIST_REST.fullmatch(clause) or (
                clause.startswith("、") and any(p.end == after + len(clause) for p in persons))):
            clause = ""  # 领导甲、乙，以及…参加 / 甲、某某主席乙，…出席: the rest of a list, the verb comes later
        begin = max((m.end() for m in CLAUSE_END.finditer(text, 0, person.start)), default=0)
        before = text[begin:person.start].removesuffix("了")
        roles = {"mentioned"}
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
            for k, cue in enumerate(cues):
                role = lexicon.role_cues[cue.group()]
                after_attending = k > 0 and clause[cues[k - 1].end():cue.start()] in ("", "了") \
                    and lexicon.role_cues[cues[k - 1].group()] == "attendee"
                if role != "object" and not (role == "leader" and after_attending):
                    roles.add(role)  # 参加调研: the inspection is what they attend, not what they lead
        if COUNTERPART_BEFORE.search(before) and TALK_WORDS.search(text[begin: stop.start() if stop else len(text)]) \
                and kind in ("talks", "inspection", "signing", "meeting"):
            roles.discard("leader")
            roles.add("counterpart")
        if kind == "award" and text.startswith(PERSON_INSTITUTION, person.end):
            roles.add("awardee")  # 某某工作室 honoured: the person it is named after
        rank = min(ROLE_ORDER.index(r) for r in roles)
        best[name] = min(best.get(name, rank), rank)
    return {name: ROLE_ORDER[rank] for name, rank in best.items()}
