"""Appointments and removals: who was appointed, elected, nominated or removed, to which post of which body.

Appointment notices are lists: ``任命甲为市某某局局长，乙为市某某委员会主任；免去丙的市某某局局长职务``,
``甲任市某某局局长``, ``选举甲为市长``, ``提名甲为…候选人``, ``甲不再担任…职务``, ``甲接替乙任…``. The cues
are data (``kg/data/appointment_cues.tsv``); names are the persons the item's extraction found; the post
phrase ends at the clause and its title is the longest title of the lexicon that ends it — what is
written before the title is the body (``市公用事业局`` of ``市公用事业局局长``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.lexicon import Lexicon, data_table, load_lexicon

CLAUSE_END = "；;。\n"
POST_END = re.compile(r"[，,；;。\n（(]|职务|同志|等职|的职务")
SUCCEEDS = "接替"
PRONOUN = "其"  # 免去其…职务: the appointee named before in the clause
#: Cues ending in 任 that are cues of their own (担任), so that 任 alone does not match inside them.
COMPOUND_REN = ("担任", "出任", "拟任", "改任", "兼任")


@dataclass(frozen=True)
class Cue:
    word: str
    action: str
    where: str


@cache
def cues() -> tuple[Cue, ...]:
    """The cues, longest first (决定任命 before 任命, 当选为 before 当选)."""
    rows = [Cue(r["cue"], r["action"], r["where"]) for r in data_table("appointment_cues.tsv")]
    return tuple(sorted(rows, key=lambda c: -len(c.word)))


def split_post(phrase: str, lexicon: Lexicon) -> tuple[str, str | None] | None:
    """``市公用事业局局长`` → (``局长``, ``市公用事业局``); None when no title ends the phrase."""
    phrase = phrase.strip().removeprefix("为").removeprefix("的").strip()
    phrase = phrase.removesuffix("候选人").removesuffix("人选").strip()  # 提名甲为副市长候选人
    for n in range(min(len(phrase), 8), 0, -1):
        title = phrase[-n:]
        if title in lexicon.titles:
            body = phrase[:-n].strip().rstrip("、")
            return title, body or None
    return None


def _post_at(text: str, start: int) -> tuple[str, int]:
    found = POST_END.search(text, start)
    end = found.start() if found else len(text)
    return text[start:end], end


def appointments(text: str, persons: list[str], lexicon: Lexicon | None = None) -> list[dict[str, str | None]]:
    """``[{"person", "action", "title", "org"}]`` stated in ``text``, in text order, each once."""
    lexicon = lexicon or load_lexicon()
    names = sorted({p for p in persons if p}, key=len, reverse=True)
    if not names:
        return []
    name_pattern = "|".join(map(re.escape, names))
    found: list[dict[str, str | None]] = []

    def add(person: str, action: str, phrase: str) -> None:
        post = split_post(phrase, lexicon)
        if post is None:
            return
        record = {"person": person, "action": action, "title": post[0], "org": post[1]}
        if record not in found:
            found.append(record)

    present = [cue for cue in cues() if cue.word in text]
    if not present:
        return []
    names_list = rf"((?:{name_pattern})(?:、(?:{name_pattern}))*)(?:同志)?"
    patterns = []  # compiled once per text, for the cues it holds
    for cue in present:
        word = re.escape(cue.word)
        if cue.where == "before":
            pattern = re.compile(rf"{word}{names_list}为")
        elif cue.where == "removal":
            pattern = re.compile(rf"{word}{names_list}(?:的|所任)?([^，；。]*?)(?:等)?职务")
        else:
            pattern = re.compile(rf"({name_pattern})(?:同志)?(?:{SUCCEEDS}({name_pattern})(?:同志)?)?{word}")
        patterns.append((cue, pattern))
    member = re.compile(rf"[，,]({name_pattern})(?:同志)?为")
    removals = [re.compile(rf"{re.escape(cue.word)}{PRONOUN}(?:的|所任)?([^，；。]*?)(?:等)?职务")
                for cue in present if cue.where == "removal"]
    for clause in re.split(f"[{CLAUSE_END}]", text):
        action: str | None = None  # a list's cue carries over its comma-separated members
        before = len(found)
        for cue, pattern in patterns:
            if cue.word not in clause:
                continue
            for match in pattern.finditer(clause):
                if cue.where == "before":
                    phrase, _end = _post_at(clause, match.end())
                    for person in match.group(1).split("、"):
                        add(person, cue.action, phrase)
                    action = cue.action
                elif cue.where == "removal":
                    for part in match.group(2).split("、"):
                        for person in match.group(1).split("、"):
                            add(person, cue.action, part)
                else:
                    if cue.word == "任" and clause[match.end() - 2:match.end()] in COMPOUND_REN:
                        continue
                    phrase, _end = _post_at(clause, match.end())
                    add(match.group(1), cue.action, phrase)
                    if match.group(2):  # 甲接替乙任…: the predecessor leaves the post
                        add(match.group(2), "remove", phrase)
        if action:  # 任命甲为…局长，乙为…主任: the members after the first
            for match in member.finditer(clause):
                phrase, _end = _post_at(clause, match.end())
                add(match.group(1), action, phrase)
        if len(found) > before:  # 甲任…主任，免去其…职务: 其 is the clause's appointee
            person = found[before]["person"]
            for pattern in removals:
                for match in pattern.finditer(clause):
                    for part in match.group(1).split("、"):
                        add(person, "remove", part)
    return found


NAME_SHAPE = re.compile(r"[\u4e00-\u9fff]{2,4}")


def appointee_spans(text: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Where a notice's frame puts a name the tagger may have missed: right after a cue that comes
    before its appointee (``任命某某为``, ``免去某某的``) and, in that clause, after each comma of
    the list (``，某某为``); or opening a clause right before a cue that follows its appointee
    (``：某某任某局局长``). A span is a surname with one or two characters; the post after ``为`` or
    the cue must end in a title."""
    from kg.extract.mentions import has_surname

    found: list[tuple[int, int]] = []
    offset = 0
    for clause in re.split(f"([{CLAUSE_END}])", text):
        starts = []
        for cue in cues():
            if cue.where not in ("before", "removal"):
                continue
            k = clause.find(cue.word)
            while k >= 0:
                starts.append((k + len(cue.word), cue.where))
                k = clause.find(cue.word, k + 1)
        if any(where == "before" for _k, where in starts):
            starts += [(m.end(), "before") for m in re.finditer("[，,]", clause)]
        for cue in cues():  # ：某某任某局局长 — a name opening a clause, right before its cue
            if cue.where != "after" or cue.word in ("当选", "当选为"):
                continue
            for m in re.finditer(rf"(?:^|(?<=[：:，,、]))([\u4e00-\u9fff]{{2,3}}?)(?:同志)?{re.escape(cue.word)}", clause):
                name = m.group(1)
                compound = cue.word == "任" and clause[:m.end()].endswith(COMPOUND_REN)  # 担任 is its own cue
                if has_surname(name, lexicon) and not compound and split_post(_post_at(clause, m.end())[0], lexicon):
                    found.append((offset + m.start(1), offset + m.end(1)))
        for start, where in sorted(set(starts)):
            for n in (3, 2):
                name, rest = clause[start:start + n], clause[start + n:]
                if not (NAME_SHAPE.fullmatch(name) and has_surname(name, lexicon)):
                    continue
                rest = rest.removeprefix("同志")
                if where == "removal" and rest.startswith(("的", "所任")):
                    found.append((offset + start, offset + start + n))
                    break
                if where == "before" and rest.startswith("为") and split_post(_post_at(rest, 1)[0], lexicon):
                    found.append((offset + start, offset + start + n))
                    break
        offset += len(clause)
    return sorted(set(found))


def unglue(organizations: list[str], persons: list[str]) -> list[str]:
    """Bodies with an appointee glued on (``某某任市公用事业局``): the body alone."""
    names = sorted(persons, key=len, reverse=True)
    out = []
    for org in organizations:
        for name in names:
            for cue in ("任", "为"):
                if org.startswith(name + cue) and len(org) > len(name) + 2:
                    org = org[len(name) + 1:]
        if org not in out:
            out.append(org)
    return out
