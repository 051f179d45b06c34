"""Posts: (person, title, body) from post chains such as ``省委常委、市委书记、某产业链链长张某``.

A chain is titles separated by ``、`` right before a name. Each title's body is
the text written before it (``中国工商银行河南省分行行长``), a standard
abbreviation expanded for the digest's own city (``市委书记`` → 书记 of
中共<city>委员会), a place's people's government for a head title
(``广州市副市长``), or — for a bare head title — the digest's own government.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from kg.extract.mentions import Mention, in_order, org_suffix
from kg.reference.gazetteer import Division, Gazetteer, load_gazetteer, load_townships
from kg.reference.lexicon import Lexicon, data_table, load_lexicon
from kg.text.dateline import DEICTIC, OUTLET, Dateline

CHAIN_DELIMITERS = set("，。；：、“”「」『』！？\n ,;:】")
#: A bracketed credit before a chain (（记者 某某 某地报道）某市委副书记…): the chain starts after it.
CREDIT = re.compile(r"记者|通讯员|报道|讯|摄|供图")
JOINED = "兼"  # 党组成员兼秘书长: the titles of one person joined
FORMER = "原"  # 原某某局局长: a former post, the modifier the title's
#: Titles many people hold at once in one body (常委, 委员): a list of names may share them.
PLURAL_TITLES = ("常委", "委员", "成员")
#: A level written before a title instead of a body (市级河长, 省级林长).
LEVEL_ONLY = re.compile(r"[省市县区乡镇村]级")
POSSESSIVE_AFTER = ("的", "关于", "重要", "在")


@dataclass(frozen=True)
class Home:
    """The places a text's bare abbreviations belong to, as their bodies write them: its own city and
    province; the county (``某市某某区`` for a district) for a county's news; the prefecture-level
    division (a 自治州, 盟 or 地区 too) the city is in; the township an item is about."""

    city: str | None
    province: str | None
    county: str | None = None
    prefecture: str | None = None
    township: str | None = None

    def fill(self) -> dict[str, str]:
        """The values of the ``{city}``… slots of ``bodies.tsv`` (empty where unknown)."""
        return {"city": self.city or "", "province": self.province or "", "county": self.county or "",
                "prefecture": self.prefecture or self.city or "", "township": self.township or ""}


#: A line of a table of contents: leader dots and a page number.
CONTENTS_LINE = re.compile(r"[…\.．·•]{3,}\s*[0-9０-９]*\s*$")


def home_of(texts: list[str], cover: str, gazetteer: Gazetteer) -> tuple[Home, tuple[Division | None, ...]]:
    """The home of a document's texts (its items) and ``cover`` (its masthead, contents, source lines), and
    its divisions (city, province, county): the city (a name in the masthead counting three times, not its
    contents lines), the province, the county whose bodies the texts write bare, the prefecture — each as
    its bodies write it (:meth:`Gazetteer.written_name`, :meth:`Gazetteer.body_place`)."""
    places_named = texts + [cover] if cover.strip() else texts
    masthead = "\n".join(line for line in cover.splitlines() if not CONTENTS_LINE.search(line))
    city = gazetteer.home_city(texts, masthead)  # (a contents line is a headline again, not the publisher)
    province = gazetteer.province_of(city) if city else gazetteer.home_province(places_named)
    county = gazetteer.home_county(places_named, city)
    prefecture = gazetteer.prefecture_of(city) if city else None
    written = lambda d: gazetteer.written_name(d, places_named) if d else None  # noqa: E731
    bodies_city = city
    if city is None and province is not None and province.name.endswith("市"):
        bodies_city = province  # a municipality's news (某某市委 of 北京市, 天津市): the city is the province
    home = Home(written(bodies_city), province.name if province else None,
                gazetteer.body_place(county, written(county)) if county else None,
                prefecture.name if prefecture else None)
    return home, (city, province, county)


def government_of(place: str) -> str:
    """The people's government of a place; a league's or a prefecture's (盟, 地区) is its 行政公署."""
    return f"{place}行政公署" if place.endswith(("盟", "地区")) else f"{place}人民政府"


#: The characters a level's abbreviation opens with (省委, 市政府, 县人大常委会, 自治区党委…).
LEVEL_CHARS = "省市县区州旗盟镇乡自街苏"
#: Bare level words that stand for the place a text is about (镇党委书记: the town's).
LEVEL_WORDS = ("自治区", "街道", "苏木", "省", "市", "县", "区", "旗", "州", "盟", "镇", "乡")
#: The party's prefix of a committee's name (中共某市委: the party committee of 某市).
PARTY = "中共"
#: A term written into a body's name (某县第十八届人民代表大会常务委员会): not part of the body.
SESSION = re.compile(r"第?[一二三四五六七八九十百0-9]+届")


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
        orgpart, name = text[start:title.start], text[title.start:title.end]
        if orgpart.startswith(JOINED):  # 创办人兼行政总裁: two titles of one body
            orgpart, start = orgpart[len(JOINED):], start + len(JOINED)
            if not orgpart:
                segments.append((name, orgpart))
                end = start - len(JOINED)
                continue
        modifier = next((m for m in lexicon.title_modifiers if orgpart.endswith(m)), "")
        segments.append((modifier + name, orgpart[: len(orgpart) - len(modifier)]))  # 名誉主席 stays whole
        if start > 0 and text[start - 1] == "、":
            end = start - 1
        else:
            break
    segments.reverse()
    if segments and (segments[0][1].startswith(FORMER) or text.endswith(FORMER, 0, start)):
        # 原某某局局长、党组书记: every title of the chain is a former one
        segments = [(FORMER + t, o.removeprefix(FORMER) if k == 0 else o) for k, (t, o) in enumerate(segments)]
    inherited = ""
    if segments and not segments[0][1]:
        inherited = _body_carried_over(text, start, person, titles, orgs, persons, lexicon) or \
            _principal_body(text, start, segments[0][0], titles, orgs, persons, lexicon)
    if segments and not inherited and not any(orgpart for _, orgpart in segments) \
            and all(lexicon.titles.get(title) == "other" for title, _ in segments):
        inherited = _body_visited(text, start, orgs, lexicon)
    where = _locative(text, start) if segments else None
    here = home_at(where, home, lexicon, gazetteer) if where else home
    return [(title, resolve_body(orgpart, title, orgs, text, lexicon, gazetteer, here, at=start))
            for title, orgpart in carry_bodies(segments, lexicon, gazetteer, inherited)]


def carry_bodies(segments: list[tuple[str, str]], lexicon: Lexicon, gazetteer: Gazetteer,
                 inherited: str = "") -> list[tuple[str, str]]:
    """The body each title of a chain or list (``某某县委委员、常委、书记``) is written with: a place's party
    committee moved from the title to the body (``某某镇党委书记`` → 书记 of 某某镇党委); a body written once
    serving the titles after it (``市委常委、秘书长``; a party committee's level for a title the committee
    has not: ``自治区党委副书记、主席``); a department written bare after its committee (``区委常委、组织部部长``
    → 区委组织部); a government head after a place's committee (``某县委副书记、县长``) that place.
    ``inherited`` is a body the text gave the chain before its first title."""
    out = []
    for title, orgpart in segments:
        title, orgpart = _party_committee(title, orgpart, lexicon, gazetteer)
        place = place_of_body(inherited, lexicon, gazetteer) if inherited else None
        if orgpart and place and _names_a_body(place + orgpart, lexicon, gazetteer, bare=False) \
                and not _names_a_body(orgpart, lexicon, gazetteer, bare=False):
            orgpart = place + orgpart  # 某某街道党工委委员、办事处副主任: that sub-district's office
        elif orgpart and inherited and _names_a_body(inherited + orgpart, lexicon, gazetteer) \
                and not _names_a_body(orgpart, lexicon, gazetteer, bare=False):
            orgpart = inherited + orgpart  # 区委常委、组织部部长: the district's department
        if orgpart:
            inherited = orgpart
        elif inherited and (lexicon.titles.get(title) == "government" or title in lexicon.head_titles):
            orgpart = place_of_body(inherited, lexicon, gazetteer) or ""  # 某县委副书记、县长: that county's
        elif inherited:
            orgpart = _carried_over(inherited, title, lexicon)  # 市委常委、秘书长: the body written once
        out.append((title, orgpart))
    return out


def _names_a_body(name: str, lexicon: Lexicon, gazetteer: Gazetteer, bare: bool = True) -> bool:
    """A standard abbreviation (with ``bare``) or a place's body (``某某区委组织部``)."""
    return (bare and name in lexicon.bodies) or any(
        name.endswith(s) and len(name) > len(s) and is_place(name[: -len(s)], lexicon, gazetteer)
        for s in lexicon.place_bodies)


#: A sentence that opens on where it happens: 在某某县，县委书记某某陪同.
LOCATIVE_OPENING = re.compile(r"在([\u4e00-\u9fff]{2,8}?)(?:调研时|考察时|期间)?[，,]")
SENTENCE_END = "。；！？\n"


def _locative(text: str, chain_start: int) -> str | None:
    """The place a chain's sentence opens on (``在某某县，``, ``在某某镇调研时，``), or None."""
    begin = max(text.rfind(ch, 0, chain_start) for ch in SENTENCE_END) + 1
    opening = LOCATIVE_OPENING.match(text, begin)
    return opening.group(1) if opening is not None and opening.end() <= chain_start else None


def home_at(place: str, home: Home, lexicon: Lexicon, gazetteer: Gazetteer) -> Home:
    """The home bare abbreviations and head titles have after a text names ``place`` as where they are
    (``在某某县，县委书记``, ``某某县委常委、政法委书记``): that county's, city's or town's; else ``home``."""
    if len(place) >= 3 and place.endswith(lexicon.township_suffixes) and not gazetteer.lookup(place):
        return replace(home, township=place)
    hits = [d for d, short in gazetteer.lookup(place) if not short]
    if not hits:
        return home
    division, name = hits[0], place_name(place, gazetteer)
    if division.level == "prefecture":
        return Home(city=name, province=home.province, prefecture=name)
    if division.level == "county":
        prefecture = gazetteer.prefecture_of(division)
        city = name if name.endswith("市") and not name.endswith("区") else home.city
        return Home(city=city, province=home.province, county=name,
                    prefecture=prefecture.name if prefecture else home.prefecture)
    return home


def place_of_body(orgpart: str, lexicon: Lexicon, gazetteer: Gazetteer) -> str | None:
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
            written = OUTLET.search(text, max(0, at - 20), at)  # （某某日报记者 甲）: the outlet before the credit
            outlet = next((text[o.start:o.end] for o in orgs if o.end == at), None) or (
                written.group(0) if written and not DEICTIC.match(written.group(0)) else None) or next(
                (text[d.outlet[0]:d.outlet[1]] for d in filed
                 if d.outlet and d.end <= at < d.end + 40 and not re.search(r"[)）。，]", text[d.end:at])
                 and (text[d.end:d.end + 1] in "（(" or not text[d.end:at].strip())), None)
            outlet = outlet.lstrip("【[（(") if outlet else None  # 【本报记者…】: this paper, no body
            return next((t for t in BYLINE_POSTS if title.endswith(t)), title), \
                outlet if outlet and not DEICTIC.match(outlet) else None
        previous = next((p for p in persons if p.end == cut), None) if cut < end else None
        if previous is None:
            return None
        end = previous.start


def _body_carried_over(text: str, start: int, person: Mention, titles: list[Mention], orgs: list[Mention],
                       persons: list[Mention], lexicon: Lexicon) -> str:
    """The body of the chain just before, across a comma (``某某督导组组长甲，副组长乙``, ``某政协副主席甲、乙，
    秘书长丙``): a second officer of the same body is written without it. ``start`` is where this chain begins."""
    if start == 0 or text[start - 1] != "，":
        return ""
    previous = next((p for p in persons if p.end == start - 1 and p is not person), None)
    if previous is None:
        return ""
    by_end = {t.end: t for t in titles}
    ends = {p.end: p for p in persons}
    while previous.start not in by_end and text[previous.start - 1:previous.start] == "、" \
            and previous.start - 1 in ends:  # 市政协副主席甲、乙，秘书长丙: back to the list's title
        previous = ends[previous.start - 1]
    title = by_end.get(previous.start)
    if title is None:
        return ""
    return text[segment_start(text, title.start, orgs, persons, titles, lexicon):title.start]


#: Titles written bare after their body's head in a sentence (区人大常委会主任甲主持，副主任乙、丙出席):
#: the head's title, which names the body.
DEPUTY_OF = {"秘书长": ("主任", "主席", "副主任", "副主席")}


def _principal_body(text: str, start: int, title: str, titles: list[Mention], orgs: list[Mention],
                    persons: list[Mention], lexicon: Lexicon) -> str:
    """The body of the head named earlier in the sentence, for a deputy written without one
    (``区人大常委会主任甲主持会议，副主任乙``): the deputies are the same body's."""
    heads = DEPUTY_OF.get(title) or ((title[1:], title) if title.startswith("副") and len(title) > 2 else ())
    sentence = max(text.rfind(ch, 0, start) for ch in "。；\n") + 1
    for head in reversed([t for t in titles if sentence <= t.start and t.end <= start]):
        body = text[segment_start(text, head.start, orgs, persons, titles, lexicon):head.start]
        if text[head.start:head.end] in heads and body:  # (副主席甲、乙，秘书长丙: back to the body's head)
            return body
    return ""


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
    closing = max(segment.rfind("）"), segment.rfind(")"))
    if closing >= 0 and CREDIT.search(segment[:closing]):  # （某报记者 某某 某地报道）某市委: not the body's
        start, segment = start + closing + 1, segment[closing + 1:]
    inside = [(m.start, m.end) for m in load_gazetteer().find(segment)]  # 无为市委: 为 opens no clause there
    cut = max((k + len(w) for w in lexicon.clause_openers if (k := segment.rfind(w)) >= 0
               and not any(a <= k < b for a, b in inside)), default=0)
    return start + cut


def is_place(name: str, lexicon: Lexicon, gazetteer: Gazetteer) -> bool:
    """A division the gazetteer knows (also written after the place it lies in: 某州某某市), or a
    township of the township table (某某镇, 某某街道)."""
    return bool(gazetteer.lookup(name)) or name in load_townships().names or (
        len(name) >= 4 and gazetteer.within(name) is not None)


def _party_committee(title: str, orgpart: str, lexicon: Lexicon, gazetteer: Gazetteer) -> tuple[str, str]:
    """``某某镇`` + ``党委书记`` → ``书记`` of ``某某镇党委``: a place's party committee is a body of its own
    (as ``某某县委`` is), where a company's (``某某公司党委书记``) is a post in the company."""
    for suffix in lexicon.place_bodies:
        if title.startswith(suffix) and title[len(suffix):] in lexicon.titles and (
                orgpart in LEVEL_WORDS or is_place(orgpart, lexicon, gazetteer)):
            return title[len(suffix):], orgpart + suffix  # (镇党委书记: the bare town's, too)
    return title, orgpart


#: Titles a party committee has: another title after its name in a chain is the level's government's
#: (自治区党委副书记、主席: 主席 of the region's government).
PARTY_TITLES = ("书记", "副书记", "常委", "委员", "秘书长", "副秘书长")


def _carried_over(body: str, title: str, lexicon: Lexicon) -> str:
    """The body a chain's earlier title named, for a later title written without one; a party
    committee's level (``自治区`` of ``自治区党委``) for a title a party committee does not have."""
    if title in PARTY_TITLES or lexicon.titles.get(title) == "party":
        return body
    for suffix in ("党工委", "党委", "委"):
        level = body.removesuffix(suffix)
        if level != body and level in lexicon.bodies:
            return level
    return body


def resolve_body(orgpart: str, title: str, orgs: list[Mention], text: str, lexicon: Lexicon,
                 gazetteer: Gazetteer, home: Home, at: int | None = None) -> str | None:
    """The canonical name of the body a title belongs to, or None when the text does not say.

    ``at`` is where the chain starts, for an anaphoric body (``该院副院长``: the institute named before)."""
    fill = home.fill()
    if not orgpart:
        place = fill.get(lexicon.head_titles.get(title) or "")
        return government_of(place) if place else None
    if orgpart.startswith(PARTY) and orgpart != PARTY and not orgpart.endswith(("委员会", "支部")):
        orgpart = orgpart[len(PARTY):]  # 中共某市委: the party committee of 某市
    orgpart = SESSION.sub("", orgpart)  # 某县第十八届人民代表大会常务委员会: the body, not its term
    if orgpart in lexicon.event_bodies or LEVEL_ONLY.fullmatch(orgpart):
        return None  # 大会执行主席: the congress's; 市级河长: a level, not a body
    if orgpart in lexicon.bodies_as_written:
        return orgpart  # 团省委副书记: ANNOTATION.md writes out only the families it lists
    if orgpart in lexicon.bodies:
        return _expanded(orgpart, orgpart, lexicon, fill)
    if is_place(orgpart, lexicon, gazetteer) and (
            lexicon.titles.get(title) == "government" or title in lexicon.head_titles):
        return government_of(place_name(orgpart, gazetteer))  # 某某市副市长, 某某镇镇长
    if (body := _place_body(orgpart, lexicon, gazetteer)) is not None:
        return body
    for abbreviation in sorted(lexicon.bodies, key=len, reverse=True):  # 某某自治州 + 州委: the level again
        place = orgpart[: -len(abbreviation)]
        if orgpart.endswith(abbreviation) and place.endswith(abbreviation[0]) \
                and abbreviation not in lexicon.bodies_as_written and any(not short for _d, short in gazetteer.lookup(place)):
            name = place_name(place, gazetteer)
            return lexicon.bodies[abbreviation].format(city=name, county=name, province=name, prefecture=name,
                                                       township=name)
    named = [text[o.start:o.end] for o in orgs]
    if at is not None and (orgpart.startswith(ANAPHORA) or orgpart in lexicon.org_suffixes):
        before = [text[o.start:o.end] for o in orgs if o.end <= at]  # 该院副院长: the institute named before
        kind = orgpart.removeprefix(orgpart[:1]) if orgpart.startswith(ANAPHORA) else orgpart
        endings = anaphora_endings().get(kind, (kind,))
        legal = lexicon.legal_forms
        antecedent = next((n for n in reversed(before) if n != orgpart and (n.endswith(endings) or next(
            (n[: -len(f)] for f in legal if n.endswith(f)), "").endswith(endings))), None)  # 某研究院有限公司 of 该院
        if antecedent:
            return expand_alias(antecedent, named)
    return expand_alias(orgpart, named)


def canonical_body(name: str, lexicon: Lexicon, gazetteer: Gazetteer, home: Home, names: list[str] = ()) -> str | None:
    """The canonical name of a body written on its own (an organisation mention, a post's body), in simplified
    characters; None when the string names no body.

    The bodies table expands abbreviations for the text's home (``省委`` → 中共某省委员会), a place's body is
    written out (``某省委``, ``中共某省委`` → 中共某省委员会), a level-prefixed department takes its place
    (``市公安局`` → 某市公安局), an abbreviation the item writes out in full takes the full name. A string
    that ends in a standard abbreviation after words that are neither a place nor 中共 is an article's
    fragment glued on (``专访省委``): the abbreviation is the body. A string with no body's ending, no
    abbreviation, that the item does not name as a body and that holds what no name does (a space, a
    clause's punctuation, a reporting verb: ``县人大常委会主任 某某当选``) names no body."""
    fill = home.fill()
    inner = name[len(PARTY):] if name.startswith(PARTY) and not name.endswith(("委员会", "支部")) else name
    if inner in lexicon.bodies:
        return _expanded(inner, name, lexicon, fill)
    if (body := _place_body(inner, lexicon, gazetteer)) is not None:
        return body
    level = {"市": fill["city"], "省": fill["province"], "县": fill["county"], "区": fill["county"]}.get(name[:1])
    if level and len(name) > 2 and name[1:2] not in "委政":
        return level + name[1:]  # 市公安局 → 某市公安局
    for abbreviation in sorted(lexicon.bodies, key=len, reverse=True):
        if name.endswith(abbreviation) and len(name) > len(abbreviation) and abbreviation[0] in LEVEL_CHARS:
            return canonical_body(abbreviation, lexicon, gazetteer, home)  # 专访省委: the body is 省委's
    if not mentions_suffix(name, lexicon) and name not in names and NOT_A_NAME.search(name):
        return None  # no body's ending, no abbreviation, and what no name holds (a space, a clause): no body
    return expand_alias(name, list(names))


def _expanded(abbreviation: str, written: str, lexicon: Lexicon, fill: dict[str, str]) -> str:
    """A standard abbreviation of the bodies table for the home (``市委`` → 中共某市委员会); ``written`` when
    the home does not know the place the abbreviation needs."""
    template = lexicon.bodies[abbreviation]
    needs = next((k for k in fill if "{" + k + "}" in template), None)
    return template.format(**fill) if needs is None or fill[needs] else written


def _place_body(name: str, lexicon: Lexicon, gazetteer: Gazetteer) -> str | None:
    """A place's body written out (``某某县委`` → 中共某某县委员会, longest ending first), or None."""
    for suffix in sorted(lexicon.place_bodies, key=len, reverse=True):
        place = name[: -len(suffix)]
        if name.endswith(suffix) and place and is_place(place, lexicon, gazetteer):
            return lexicon.place_bodies[suffix].format(place=place_name(place, gazetteer))
    return None


def mentions_suffix(name: str, lexicon: Lexicon) -> bool:
    """Whether a name ends like a body (an organisation suffix or a legal form), a bracketed second name
    aside (某某司（某某司）)."""
    core = BRACKETED_END.sub("", name)
    return bool(org_suffix(core, lexicon)) or core.endswith(lexicon.legal_forms)


BRACKETED_END = re.compile(r"[（(][^（()）]*[)）]$")
#: What no body's name holds: spaces, a clause's punctuation, an appointment's or a report's verb.
NOT_A_NAME = re.compile(r"[\s，。；：、！？]|当选|任命|担任|专访|采访|报道|表示|指出|强调")


#: Words that point back to a body named before (该院, 该校, 本公司).
ANAPHORA = ("该", "本")


@cache
def anaphora_endings() -> dict[str, tuple[str, ...]]:
    """What ``该X`` stands for: the endings of the bodies an X points back to (``kg/data/anaphora.tsv``)."""
    return {row["word"]: tuple(row["endings"].split()) for row in data_table("anaphora.tsv")}


def place_name(written: str, gazetteer: Gazetteer) -> str:
    """A place as its bodies' full names write it: ``某某州`` written out (某某自治州), a renamed county
    as written (``某某市`` for the table's 某某县), a district with its city (某市某某区)."""
    hits = [d for d, short in gazetteer.lookup(written) if not short]
    inner = gazetteer.within(written) if not hits else None
    if inner is not None:  # 某州某某市: the city's own name
        hits, written = [inner[0]], inner[1]
    if not hits:
        return written
    division = hits[0]
    name = division.name if written[-1] == division.name[-1] else written  # 湘西州 → 湘西…自治州; 神木市 stays
    return gazetteer.body_place(division, name)


#: How long a place written before a company's short name in its full name may be (某省某某有限公司).
PLACE_BEFORE_NAME = 6


def expand_alias(name: str, names: list[str]) -> str:
    """The full name an abbreviation stands for, when the same item writes it out.

    ``工行某省分行`` abbreviates ``中国工商银行某省分行``: a longer name with the
    same last two characters that contains the short one's characters in order,
    or a longer name that holds the short one (after a place at most) and ends in a legal form
    (``某某`` → ``某省某某股份有限公司``).
    """
    best, legal_forms = name, load_lexicon().legal_forms
    for full in names:
        abbreviated = full[-2:] == name[-2:] and len(name) >= 3 and in_order(name, full)
        shortened = len(name) >= 2 and full.endswith(legal_forms) and 0 <= full.find(name) <= PLACE_BEFORE_NAME
        if len(full) > len(best) and (abbreviated or shortened):
            best = full  # 工行某省分行 in 中国工商银行某省分行; 某某资产 opening 某某资产管理有限公司
    return best  # (but 某某银行 is not 某某银行某地分行: a branch is a body of its own)

