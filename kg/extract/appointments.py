"""Appointments and removals: who was appointed, elected, nominated or removed, to which post of which body.

Appointment notices are lists, written inline or under headings:

- ``任命甲为市某某局局长，乙为市某某委员会主任；免去丙的市某某局局长职务`` (the cue before the names);
- ``一、决定任命：`` then one ``甲为某某局局长；`` a line, ``二、决定免去：`` then ``乙的某某局局长职务；``,
  ``接受：`` then ``丙辞去某某职务的请求``;
- ``甲任市某某局局长``, ``甲同志任某某县委委员、常委、书记``, ``甲当选为某某主任，乙、丙当选为副主任``,
  ``甲不再担任…职务``, ``甲接替乙任…`` (the cue after the name);
- a pre-appointment notice (任前公示): ``甲，男，…，现任某某，拟任某某，提名为某某候选人`` — the nominations,
  and the posts held now (现任), which are posts, not appointments.

The cues are data (``kg/data/appointment_cues.tsv``); names are the persons the item's extraction found
(:func:`appointee_spans` gives extraction the names a notice's frame puts where the tagger may miss
them). A post phrase (``某某县委委员、常委、书记``) is split into its titles, the longest title of the
lexicon ending each part; what is written before a title is its body, which later titles of the phrase
share (:func:`post_segments`). Bodies are returned as written; extraction resolves them as it resolves
a post chain's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.extract.mentions import has_surname
from kg.extract.posts import carry_bodies, place_of_body
from kg.reference.gazetteer import load_gazetteer
from kg.reference.lexicon import Lexicon, data_table, load_lexicon

CLAUSE_END = "；;。\n"
POST_END = re.compile(r"[，,；;。\n（(\s]|职务|同志|等职|的职务|候选人|人选")
SUCCEEDS = "接替"
PRONOUN = "其"  # 免去其…职务: the appointee named before in the clause
#: Cues ending in 任 that are cues of their own (担任), so that 任 alone does not match inside them.
COMPOUND_REN = ("担任", "出任", "拟任", "改任", "兼任", "现任", "继任", "历任", "曾任", "调任", "升任", "连任")
#: A heading over a notice's list: ``一、决定任命：``, ``免去：``, ``接受：``.
HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])?\s*(?P<cue>[^：:，。]{1,6}?)[：:]\s*$")
#: A resignation accepted: ``接受甲辞去某某职务的请求`` (or under a heading ``接受：``).
ACCEPT = "接受"
RESIGNS = "辞去"
#: A pre-appointment notice's entry: the posts held now, then those nominated for.
NOW_HOLDS = "现任"
ENTRY_NUMBER = re.compile(r"^(?:[0-9０-９]+[.．、]|[（(][0-9０-９一二三四五六七八九十]+[）)])\s*")
HOLDS = "holds"
NOMINATED_TO = "拟任"
NOMINATED_AS = re.compile(r"提名为(?P<post>[^，,；;。]*?)(?:候选人|人选)")
#: What may follow a name in a list: a parenthesis (``甲（女，朝鲜族）``), ``同志``.
NAME_TAIL = r"(?:[（(][^）)]{1,12}[）)])?(?:同志)?"
#: What separates the posts of one phrase (``某某县委委员、常委、书记``, ``党组成员兼秘书长``).
SEGMENT_SPLIT = re.compile(r"[、，,]|兼")


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
            modifier = next((m for m in lexicon.title_modifiers if body.endswith(m)), "")
            if modifier:  # 名誉主席: the modifier is the title's
                title, body = modifier + title, body[: -len(modifier)]
            return title, body or None
    return None


def post_segments(phrase: str, lexicon: Lexicon) -> list[tuple[str, str | None]]:
    """Every post a phrase states, left to right: ``某某县委委员、常委、书记`` → (委员, 某某县委), (常委, 某某县委),
    (书记, 某某县委), its bodies carried along the phrase as a post chain's are
    (:func:`kg.extract.posts.carry_bodies`)."""
    parts = [post for post in (split_post(part, lexicon) for part in SEGMENT_SPLIT.split(phrase)) if post]
    carried = carry_bodies([(title, body or "") for title, body in parts], lexicon, load_gazetteer())
    return [(title, body or None) for title, body in carried]


def _post_at(text: str, start: int) -> tuple[str, int]:
    found = POST_END.search(text, start)
    end = found.start() if found else len(text)
    return text[start:end], end


def _heading_action(clause: str) -> str | None:
    """The action a list's heading gives the lines under it (``二、决定免去：`` → remove), or None."""
    heading = HEADING.match(clause)
    if heading is None:
        return None
    word = heading.group("cue").removeprefix("决定").removeprefix("拟")
    if word.startswith(ACCEPT):
        return "accept"
    cue = next((c for c in cues() if word == c.word or word == "决定" + c.word), None)
    return cue.action if cue is not None else None


def appointments(text: str, persons: list[str], lexicon: Lexicon | None = None) -> list[dict[str, str | None]]:
    """``[{"person", "action", "title", "org"}]`` stated in ``text``, in text order, each once (``org`` as
    written)."""
    return [r for r in parse(text, persons, lexicon) if r["action"] != HOLDS]


def parse(text: str, persons: list[str], lexicon: Lexicon | None = None) -> list[dict[str, str | None]]:
    """The appointments of ``text`` and, with action ``holds``, the posts a pre-appointment notice says its
    nominees hold now (``现任某某局副局长``): those are posts, not appointments."""
    return _parse(text, persons, lexicon or load_lexicon())


def _parse(text: str, persons: list[str], lexicon: Lexicon) -> list[dict[str, str | None]]:
    names = sorted({p for p in persons if p}, key=len, reverse=True)
    if not names:
        return []
    name = "|".join(map(re.escape, names))
    any_name = re.compile(name)  # the persons' names, longest first: built once per text
    names_list = rf"((?:{name}){NAME_TAIL}(?:[、和及](?:{name}){NAME_TAIL})*)"
    found: list[dict[str, str | None]] = []

    def add(who: str, action: str, phrase: str, inherit: str | None = None) -> list[dict]:
        added = []
        for title, body in post_segments(phrase, lexicon):
            if body is None and inherit and (title not in lexicon.head_titles or not inherit.endswith(
                    ("委", "党委", "委员会", "人大常委会", "政协"))):
                body = inherit  # 乙、丙当选为副主任: the body the clause's first appointment named
            for person in any_name.findall(who):  # 甲（女）、乙同志 → 甲, 乙
                record = {"person": person, "action": action, "title": title, "org": body}
                if record not in found:
                    found.append(record)
                    added.append(record)
        return added

    present = [cue for cue in cues() if cue.word in text]
    if not present and ACCEPT not in text:
        return found  # no cue of an appointment: nothing to read (and no pattern to build)
    before = [(c, re.compile(rf"{re.escape(c.word)}{names_list}为")) for c in present if c.where == "before"]
    removal = [(c, re.compile(rf"{re.escape(c.word)}{names_list}(?:的|所任)?([^，；。]*?)(?:等)?职务"))
               for c in present if c.where == "removal"]
    after = [(c, re.compile(rf"{names_list}(?:{SUCCEEDS}({name}){NAME_TAIL})?{re.escape(c.word)}")) for c in present
             if c.where == "after"]
    pronoun_removals = [re.compile(rf"{re.escape(c.word)}{PRONOUN}(?:的|所任)?([^，；。]*?)(?:等)?职务")
                        for c in present if c.where == "removal"]
    member = re.compile(rf"(?:^|[，,：:])\s*{names_list}为")
    line_removal = re.compile(rf"^\s*{names_list}(?:的|所任)([^，；。]*?)(?:等)?职务")
    resigns = re.compile(rf"{names_list}{RESIGNS}([^，；。]*?)(?:等)?职务")
    heading: str | None = None  # the action of the list a heading opened
    for line in text.split("\n"):
        action_here = _heading_action(line)
        if action_here is not None:
            heading = action_here
            continue
        for clause in re.split(f"[{CLAUSE_END}]", line):
            if not clause.strip():
                continue
            count = len(found)
            list_action: str | None = None  # a cue's list carries over its comma-separated members
            inherit: str | None = None
            if NOW_HOLDS in clause and _nominee(clause, any_name):
                _notice_entry(clause, any_name, add, lexicon)
                continue
            for cue, pattern in before:
                for match in pattern.finditer(clause):
                    added = add(match.group(1), cue.action, _post_at(clause, match.end())[0])
                    inherit = inherit or next((r["org"] for r in added if r["org"]), None)
                    list_action = cue.action
            for cue, pattern in removal:
                for match in pattern.finditer(clause):
                    for part in re.split("[、，]", match.group(2)):
                        add(match.group(1), cue.action, part)
            for cue, pattern in after:
                for match in pattern.finditer(clause):
                    if cue.word == "任" and clause[:match.end()].endswith(COMPOUND_REN) \
                            or _inside_a_longer_cue(clause, match.end() - len(cue.word), cue):
                        continue
                    if cue.word == "当选" and clause.startswith("为", match.end()):
                        continue  # 当选为 is its own cue
                    phrase = _post_at(clause, match.end())[0]
                    added = add(match.group(1), cue.action, phrase, inherit)
                    inherit = inherit or next((r["org"] for r in added if r["org"]), None)
                    if match.group(2):  # 甲接替乙任…: the predecessor leaves the post
                        add(match.group(2), "remove", phrase)
            if (ACCEPT in clause or heading == "accept") and RESIGNS in clause:
                for match in resigns.finditer(clause):  # 接受甲辞去…职务的请求: a removal
                    add(match.group(1), "remove", match.group(2))
            if heading in ("appoint", "elect", "nominate") and len(found) == count:
                list_action = heading  # a line of a heading's list: 甲为某某局局长
            if list_action:
                for match in member.finditer(clause):
                    added = add(match.group(1), list_action, _post_at(clause, match.end())[0], inherit)
                    inherit = inherit or next((r["org"] for r in added if r["org"]), None)
            if heading == "remove" and len(found) == count:
                for match in line_removal.finditer(clause):  # 甲的某某局局长职务
                    for part in re.split("[、，]", match.group(2)):
                        add(match.group(1), "remove", part)
            if len(found) > count:  # 甲任…主任，免去其…职务: 其 is the clause's appointee
                person = found[count]["person"]
                for pattern in pronoun_removals:
                    for match in pattern.finditer(clause):
                        for part in re.split("[、，]", match.group(1)):
                            add(person, "remove", part)
    return found


def _nominee(clause: str, any_name: re.Pattern[str]) -> str | None:
    """The name a pre-appointment entry opens with (``甲，男，汉族，…``), or None."""
    head = any_name.match(ENTRY_NUMBER.sub("", clause.strip()))
    return head.group(0) if head else None


def _notice_entry(clause: str, any_name: re.Pattern[str], add, lexicon: Lexicon) -> None:
    """A pre-appointment notice's entry: ``现任`` posts held now, ``拟任`` and ``提名为…候选人`` nominations."""
    person = _nominee(clause, any_name)
    body: str | None = None  # 拟任某某镇党委副书记，提名为镇长候选人: that town's
    for part in clause.split("，"):
        if part.startswith(NOW_HOLDS):
            add(person, HOLDS, part[len(NOW_HOLDS):])
        elif part.startswith(NOMINATED_TO):
            added = add(person, "nominate", _post_at(part, len(NOMINATED_TO))[0])
            body = next((r["org"] for r in added if r["org"]), body)
        elif (nominated := NOMINATED_AS.search(part)) is not None:
            place = place_of_body(body, lexicon, load_gazetteer()) if body else None
            add(person, "nominate", nominated.group("post"), place)


#: A name's shape in a notice's frame: two to four characters, or a transliterated name (某某·某某).
NAME_SHAPE = re.compile(r"[\u4e00-\u9fff]{2,4}(?:·[\u4e00-\u9fff]{1,8})?")
NOTE = re.compile(r"[（(][^）)]{1,12}[）)]")
DOTTED_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}·[\u4e00-\u9fff]{1,8}")


def appointee_spans(text: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Where a notice's frame puts a name the tagger may have missed: right after a cue that comes
    before its appointee (``任命某某为``, ``免去某某的``, ``接受某某辞去``) and, in that clause, after each comma
    of the list (``，某某为``); at the start of a line under a list's heading (``任命：`` then ``某某为…``,
    ``免去：`` then ``某某的…职务``); or a list of names opening a clause right before a cue that follows
    them (``：某某任某局局长``, ``甲（女）、乙当选为副主任``). The post after ``为`` or the cue must end in a
    title; a name of two or three characters needs a surname."""
    found: list[tuple[int, int]] = []
    offset = 0
    heading: str | None = None
    for line in re.split(r"(\n)", text):
        action_here = _heading_action(line) if line != "\n" else None
        if action_here is not None:
            heading = action_here
        for clause in re.split(f"([{CLAUSE_END}])", line):
            found += [(offset + a, offset + b) for a, b in _frame_names(clause, heading, lexicon, has_surname)]
            offset += len(clause)
    return sorted(set(found))


@cache
def _names_before_cues() -> tuple[tuple[Cue, re.Pattern[str]], ...]:
    """For each cue that follows its appointees, the pattern of a list of names opening a clause before it."""
    names = rf"((?:{NAME_SHAPE.pattern}(?:{NOTE.pattern})?、)*{NAME_SHAPE.pattern}(?:{NOTE.pattern})?)"
    return tuple((cue, re.compile(rf"(?:^|(?<=[：:，,\s])){names}(?:同志)?{re.escape(cue.word)}"))
                 for cue in cues() if cue.where == "after")


def _plausible(name: str, lexicon: Lexicon, has_surname) -> bool:
    """A name's shape: transliterated, or a surname and a given name — and no cue word (任命某某)."""
    return bool(NAME_SHAPE.fullmatch(name)) and ("·" in name or has_surname(name, lexicon)) \
        and not any(name.startswith(c.word) for c in cues() if len(c.word) > 1)


def _inside_a_longer_cue(clause: str, at: int, cue: Cue) -> bool:
    """The cue at ``at`` is part of a longer one (任 of 任命, 任免): not this cue."""
    return any(len(c.word) > len(cue.word) and c.word.find(cue.word) >= 0
               and clause.startswith(c.word, at - c.word.find(cue.word)) for c in cues())


def _frame_names(clause: str, heading: str | None, lexicon: Lexicon, has_surname) -> list[tuple[int, int]]:
    """The frame names of one clause, as offsets in it."""
    found: list[tuple[int, int]] = []
    starts = []
    for cue in cues():
        if cue.where not in ("before", "removal"):
            continue
        k = clause.find(cue.word)
        while k >= 0:
            starts.append((k + len(cue.word), cue.where))
            k = clause.find(cue.word, k + 1)
    k = clause.find(ACCEPT)
    if k >= 0:
        starts.append((k + len(ACCEPT), "accept"))
    if any(where == "before" for _k, where in starts):
        starts += [(m.end(), "before") for m in re.finditer("[，,]", clause)]
    if heading in ("appoint", "elect", "nominate", "remove", "accept"):
        lead = len(clause) - len(clause.lstrip())
        starts.append((lead, {"remove": "removal", "accept": "accept"}.get(heading, "before")))
    for cue, pattern in _names_before_cues():  # 某某任某局局长, 甲（女）、乙当选为副主任 — names opening a clause
        if cue.word not in clause:  # right before their cue
            continue
        for m in pattern.finditer(clause):
            compound = cue.word == "任" and clause[:m.end()].endswith(COMPOUND_REN)  # 担任 is its own cue
            if compound or _inside_a_longer_cue(clause, m.end() - len(cue.word), cue) \
                    or not split_post(_post_at(clause, m.end())[0], lexicon):
                continue
            at = m.start(1)
            for part in m.group(1).split("、"):
                name = NOTE.sub("", part)
                if _plausible(name, lexicon, has_surname):
                    found.append((at, at + len(name)))
                at += len(part) + 1
    for start, where in sorted(set(starts)):
        for name in _names_at(clause, start):
            rest = clause[start + len(name):]
            rest = NOTE.sub("", rest[:14], count=1) + rest[14:] if rest.startswith(("（", "(")) else rest
            rest = rest.removeprefix("同志")
            if not _plausible(name, lexicon, has_surname):
                continue
            if where == "removal" and rest.startswith(("的", "所任")) or where == "accept" and rest.startswith(RESIGNS):
                found.append((start, start + len(name)))
                break
            if where == "before" and rest.startswith("为") and split_post(_post_at(rest, 1)[0], lexicon):
                found.append((start, start + len(name)))
                break
    return found


def _names_at(clause: str, start: int) -> list[str]:
    """Candidate names at ``start``, longest first: a transliterated name, then four, three, two characters."""
    out = []
    dotted = DOTTED_NAME.match(clause, start)
    if dotted:
        out.append(dotted.group(0))
    return out + [clause[start:start + n] for n in (4, 3, 2) if start + n <= len(clause)]


#: What glues an appointee onto the body after it (``某某任市公用事业局``).
GLUE = ("任", "为")


def glued(org: str, persons: list[str]) -> str | None:
    """The appointee's name glued before a body (``某某任市公用事业局`` → 某某), or None."""
    return next((name for name in sorted(persons, key=len, reverse=True) for cue in GLUE
                 if org.startswith(name + cue) and len(org) > len(name) + 2), None)


def unglue(organizations: list[str], persons: list[str]) -> list[str]:
    """Bodies with an appointee glued on (``某某任市公用事业局``): the body alone."""
    out = []
    for org in organizations:
        name = glued(org, persons)
        org = org[len(name) + 1:] if name else org
        if org not in out:
            out.append(org)
    return out
