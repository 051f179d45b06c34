"""Posts: (person, title, body) from post chains such as ``省委常委、市委书记、某产业链链长张某``.

A chain is titles separated by ``、`` right before a name. Each title's body is
the text written before it (``中国工商银行河南省分行行长``), a standard
abbreviation expanded for the digest's own city (``市委书记`` → 书记 of
中共<city>委员会), a place's people's government for a head title
(``广州市副市长``), or — for a bare head title — the digest's own government.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.dateline import Dateline
from kg.extract.mentions import Mention, in_order
from kg.gazetteer import Gazetteer
from kg.lexicon import Lexicon, load_lexicon

CHAIN_DELIMITERS = set("，。；：、“”！？\n ,;:")
#: Titles many people hold at once in one body (常委, 委员): a list of names may share them.
PLURAL_TITLES = ("常委", "委员", "成员")
#: A level written before a title instead of a body (市级河长, 省级林长).
LEVEL_ONLY = re.compile(r"[省市县区乡镇村]级")
POSSESSIVE_AFTER = ("的", "关于", "重要", "在")


@dataclass(frozen=True)
class Home:
    """The digest's own city and province (full names) — and county, for a county's news — for expanding
    abbreviations."""

    city: str | None
    province: str | None
    county: str | None = None


def chain_posts(text: str, person: Mention, titles: list[Mention], orgs: list[Mention],
                persons: list[Mention], lexicon: Lexicon, gazetteer: Gazetteer,
                home: Home) -> list[tuple[str, str | None]]:
    """(title, body) for each title in the chain right before ``person``, left to right."""
    by_end = {t.end: t for t in titles}
    segments: list[tuple[str, str]] = []
    end = person.start
    while end in by_end:
        title = by_end[end]
        start = segment_start(text, title.start, orgs, persons, titles, lexicon)
        segments.append((text[title.start:title.end], text[start:title.start]))
        if start > 0 and text[start - 1] == "、":
            end = start - 1
        else:
            break
    segments.reverse()
    posts: list[tuple[str, str | None]] = []
    inherited = ""
    if segments and not segments[0][1]:
        inherited = _body_carried_over(text, start, person, titles, orgs, persons, lexicon)
    if segments and not inherited and not any(orgpart for _, orgpart in segments) \
            and all(lexicon.titles.get(title) == "other" for title, _ in segments):
        inherited = _body_visited(text, start, orgs, lexicon)
    where = _locative(text, start) if segments else None
    chain_home = _locative_home(where, home, gazetteer)
    for title, orgpart in segments:
        if where and orgpart in lexicon.township_suffixes and where.endswith(orgpart):
            orgpart = where  # 在某某镇，镇党委书记: that town
        title, orgpart = _party_committee(title, orgpart, lexicon, gazetteer)
        if orgpart:
            inherited = orgpart
        elif inherited and lexicon.titles.get(title) != "government":
            orgpart = inherited  # 市委常委、秘书长: the body written once serves the chain (not a government head)
        posts.append((title, resolve_body(orgpart, title, orgs, text, lexicon, gazetteer, chain_home)))
        place = _place_of_body(orgpart, lexicon, gazetteer)
        if place:  # 某县委常委、政法委书记: the chain's later abbreviations are that county's bodies
            chain_home = Home(city=place, province=home.province, county=place)
    return posts


#: A sentence that opens on where it happens: 在某某县，县委书记某某陪同.
LOCATIVE_OPENING = re.compile(r"在([\u4e00-\u9fff]{2,8}?)(?:调研时|考察时|期间)?[，,]")
SENTENCE_END = "。；！？\n"


def _locative(text: str, chain_start: int) -> str | None:
    """The place a chain's sentence opens on (``在某某县，``, ``在某某镇调研时，``), or None."""
    begin = max(text.rfind(ch, 0, chain_start) for ch in SENTENCE_END) + 1
    opening = LOCATIVE_OPENING.match(text, begin)
    return opening.group(1) if opening is not None and opening.end() <= chain_start else None


def _locative_home(place: str | None, home: Home, gazetteer: Gazetteer) -> Home:
    """The home a sentence's bare abbreviations and head titles belong to when it opens on a county
    or a city (``县委书记``, ``市长`` of a county-level city); else ``home``."""
    hits = gazetteer.lookup(place) if place else []
    if not hits or hits[0][1]:  # a division named in full (not a short name)
        return home
    division = hits[0][0]
    if division.level == "prefecture":
        return Home(city=division.name, province=home.province, county=None)
    if division.level == "county":
        city = division.name if division.name.endswith("市") else home.city
        return Home(city=city, province=home.province, county=division.name)
    return home


def _place_of_body(orgpart: str, lexicon: Lexicon, gazetteer: Gazetteer) -> str | None:
    """The place a place's body names (``某某县委`` → ``某某县``), or None."""
    for suffix in lexicon.place_bodies:
        if orgpart.endswith(suffix) and len(orgpart) > len(suffix) and is_place(orgpart[: -len(suffix)], lexicon,
                                                                                    gazetteer):
            return orgpart[: -len(suffix)]
    return None


BYLINE_GAP = re.compile(r"[\s:：、]*$")
BYLINE_POSTS = ("记者", "通讯员")


def byline_post(text: str, person: Mention, persons: list[Mention], orgs: list[Mention],
                lexicon: Lexicon, filed: list[Dateline] = ()) -> tuple[str, str | None] | None:
    """(记者, outlet) for a name credited in a byline: ``（记者 甲 通讯员 乙）``, ``记者：甲、乙``.

    The names of one credit share it; the outlet is the body written right before the credit
    (``某某日报记者 甲``) or the dateline's outlet the credit is bracketed after
    (``新华社郑州6月21日电（记者 甲）``), else unknown (``本报``). ``本报记者`` and ``特约记者`` are 记者.
    """
    end = person.start
    while True:
        cut = end - len(BYLINE_GAP.search(text[max(0, end - 3):end]).group(0))
        title = next((t for t in lexicon.byline_titles if text.endswith(t, 0, cut)), None)
        if title is not None:
            at = cut - len(title)
            outlet = next((text[o.start:o.end] for o in orgs if o.end == at), None) or next(
                (text[d.outlet[0]:d.outlet[1]] for d in filed
                 if d.outlet and d.end < at < d.end + 40 and text[d.end:d.end + 1] in "（("
                 and not re.search(r"[)）。，]", text[d.end:at])), None)
            return next((t for t in BYLINE_POSTS if title.endswith(t)), title), outlet
        previous = next((p for p in persons if p.end == cut), None) if cut < end else None
        if previous is None:
            return None
        end = previous.start


def _body_carried_over(text: str, start: int, person: Mention, titles: list[Mention], orgs: list[Mention],
                       persons: list[Mention], lexicon: Lexicon) -> str:
    """The body of the chain just before, across a comma (``某某督导组组长甲，副组长乙``):
    a second officer of the same body is written without it. ``start`` is where this chain begins."""
    if start == 0 or text[start - 1] != "，":
        return ""
    previous = next((p for p in persons if p.end == start - 1 and p is not person), None)
    if previous is None:
        return ""
    by_end = {t.end: t for t in titles}
    title = by_end.get(previous.start)
    if title is None:
        return ""
    return text[segment_start(text, title.start, orgs, persons, titles, lexicon):title.start]


def _body_visited(text: str, start: int, orgs: list[Mention], lexicon: Lexicon) -> str:
    """The organisation named earlier in the sentence, for a bare chain of non-government titles
    (``赴某某集团对接工作，与党委书记、董事长甲会谈``): the officers are that body's."""
    sentence = max(text.rfind(ch, 0, start) for ch in "。；\n") + 1
    before = [o for o in orgs if sentence <= o.start and o.end <= start]
    if not before:
        return ""
    name = text[before[-1].start:before[-1].end]
    return "" if name in lexicon.bodies else name


def shared_title(text: str, person: Mention, persons: list[Mention], titles: list[Mention]) -> Mention | None:
    """The deputy title a list of names shares (``副组长甲、乙``: both are deputies), for a name
    with no title of its own right after ``、``. Single heads (书记, 市长) are not shared."""
    by_end = {p.end: p for p in persons}
    title_at = {t.end: t for t in titles}
    pos = person.start
    while pos > 0 and text[pos - 1] == "、" and (pos - 1) in by_end:
        pos = by_end[pos - 1].start
        if pos in title_at:
            title = title_at[pos]
            name = text[title.start:title.end]
            return title if name.startswith("副") or name.endswith(PLURAL_TITLES) else None
    return None


def trailing_post(text: str, person: Mention, titles: list[Mention]) -> str | None:
    """A title written after the name (``某某总书记``) when the name ends its phrase there."""
    for title in titles:
        if title.start == person.end:
            return text[title.start:title.end]
    return None


def segment_start(text: str, title_start: int, orgs: list[Mention], persons: list[Mention],
                   titles: list[Mention], lexicon: Lexicon) -> int:
    """Where the body written before a title begins."""
    for org in orgs:
        if org.end == title_start:
            return org.start
    start = title_start
    while start > 0 and text[start - 1] not in CHAIN_DELIMITERS:
        start -= 1
    for span in persons + titles:  # nothing of another name or title belongs to the body
        if start < span.end <= title_start and span.start < title_start:
            start = max(start, span.end)
    segment = text[start:title_start]
    cut = max((segment.rfind(w) + len(w) for w in lexicon.clause_openers if w in segment), default=0)
    return start + cut


def is_place(name: str, lexicon: Lexicon, gazetteer: Gazetteer) -> bool:
    """A division the gazetteer knows, or a township-level place by its ending (某某镇, 某某街道)."""
    return bool(gazetteer.lookup(name)) or (len(name) >= 3 and name.endswith(lexicon.township_suffixes))


def _party_committee(title: str, orgpart: str, lexicon: Lexicon, gazetteer: Gazetteer) -> tuple[str, str]:
    """``某某镇`` + ``党委书记`` → ``书记`` of ``某某镇党委``: a place's party committee is a body of its own
    (as ``某某县委`` is), where a company's (``某某公司党委书记``) is a post in the company."""
    for suffix in lexicon.place_bodies:
        if title.startswith(suffix) and title[len(suffix):] in lexicon.titles and is_place(orgpart, lexicon, gazetteer):
            return title[len(suffix):], orgpart + suffix
    return title, orgpart


def resolve_body(orgpart: str, title: str, orgs: list[Mention], text: str, lexicon: Lexicon,
                 gazetteer: Gazetteer, home: Home) -> str | None:
    """The canonical name of the body a title belongs to, or None when the text does not say."""
    fill = {"city": home.city or "", "province": home.province or "", "county": home.county or ""}
    if not orgpart:
        place = fill.get(lexicon.head_titles.get(title) or "")
        return f"{place}人民政府" if place else None
    if LEVEL_ONLY.fullmatch(orgpart):
        return None  # 市级河长: a level, not a body
    if orgpart in lexicon.bodies_as_written:
        return orgpart  # 团省委副书记: ANNOTATION.md writes out only the families it lists
    if orgpart in lexicon.bodies:
        template = lexicon.bodies[orgpart]
        needs = next((k for k in fill if "{" + k + "}" in template), None)
        return template.format(**fill) if needs is None or fill[needs] else orgpart
    places = gazetteer.lookup(orgpart)
    if places and lexicon.titles.get(title) == "government":
        return f"{places[0][0].name}人民政府"
    for suffix in sorted(lexicon.place_bodies, key=len, reverse=True):
        if orgpart.endswith(suffix) and is_place(orgpart[: -len(suffix)], lexicon, gazetteer):
            return lexicon.place_bodies[suffix].format(place=orgpart[: -len(suffix)])
    for abbreviation in sorted(lexicon.bodies, key=len, reverse=True):  # 某某自治州 + 州委: the level again
        place = orgpart[: -len(abbreviation)]
        if orgpart.endswith(abbreviation) and place.endswith(abbreviation[0]) \
                and abbreviation not in lexicon.bodies_as_written and any(not short for _d, short in gazetteer.lookup(place)):
            return lexicon.bodies[abbreviation].format(city=place, county=place, province=place)
    return expand_alias(orgpart, [text[o.start:o.end] for o in orgs])


def expand_alias(name: str, names: list[str]) -> str:
    """The full name an abbreviation stands for, when the same item writes it out.

    ``工行某省分行`` abbreviates ``中国工商银行某省分行``: a longer name with the
    same last two characters that contains the short one's characters in order,
    or a longer name that opens with the short one and ends in a legal form
    (``某某`` → ``某某股份有限公司``).
    """
    best, legal_forms = name, load_lexicon().legal_forms
    for full in names:
        abbreviated = full[-2:] == name[-2:] and len(name) >= 3 and in_order(name, full)
        shortened = full.startswith(name) and len(name) >= 2 and full.endswith(legal_forms)
        if len(full) > len(best) and (abbreviated or shortened):
            best = full  # 工行某省分行 in 中国工商银行某省分行; 某某资产 opening 某某资产管理有限公司
    return best  # (but 某某银行 is not 某某银行某地分行: a branch is a body of its own)

