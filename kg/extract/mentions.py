"""Rule patterns over one item: titles, person names, organisations, places, works.

Every function takes the item's (simplified) text and, where needed, its LAC
words, and returns plain :class:`Mention` records with character offsets.
The patterns are structural — title lexicon, surnames, suffixes, standard
abbreviations, the gazetteer — and read from ``kg/data``.
"""
from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cache

from kg.reference.gazetteer import Gazetteer, load_townships
from kg.reference.lexicon import Lexicon
from kg.text.normalize import CJK

#: Division names that are also common nouns (城区 is a district of three cities).
GENERIC_NAMES = frozenset({"城区", "郊区", "矿区", "新区"})
#: Nouns LAC tags as places that name a kind of place, not a place.
GENERIC_PLACE_NOUNS = frozenset({"城中村", "城乡", "乡村", "农村", "社区", "村庄", "山区", "景区", "地级市", "县级市",
                                 "沿江", "沿河", "沿海", "沿湖", "沿岸", "沿线", "江河", "河湖", "湖泊", "山川"})
#: A LAC place word made of a number and a kind of place counts places (两地级市, 三县); with a
#: name after the number it names one (十八里河).
COUNTED = re.compile(r"^[一二两三四五六七八九十百0-9]+(?P<rest>.*)$")
NUMERAL_ONLY = re.compile(r"[一二两三四五六七八九十百0-9]+")
SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
IS_CJK = re.compile(rf"[{CJK}]")
#: LAC tags of words that can be part of an organisation's name.
NAMEISH = frozenset({"n", "nz", "vn", "an", "LOC", "ORG", "j", "nw", "s", "m", "f", "a", "PER"})
#: Ordinals and numbers inside names (第二十七研究所) — but not session numbers (十二届, 第四次).
SESSION_NUMBER = re.compile(r"[届次]$")
#: A Chinese or Arabic numeral, as in session and term numbers.
NUMERAL = "[一二三四五六七八九十百零0-9]"
#: A term (第十三届) and a session (第二次) in the names of committees and meetings.
TERM = re.compile(rf"^第{NUMERAL}+届$")
TERM_BEFORE = re.compile(TERM.pattern.removeprefix("^"))
SESSION = re.compile(rf"第{NUMERAL}+次")
#: Institutes and works known by a number written in digits-as-characters (七二五所, 四〇四厂).
NUMBERED_UNIT = re.compile(r"[〇零一二三四五六七八九]{3,4}[所厂]$")
#: Session numbers, then a meeting word: what a body of a meeting (秘书处, 主席团) is named after.
MEETING_AHEAD = re.compile(rf"^(?:第?{NUMERAL}+[届次])*(?:全体会议|会议|大会|全会)")
ORDINAL = re.compile(r"^第?[一二三四五六七八九十百零〇两0-9]+$|^第")
COORDINATORS = ("和", "至")  # 文化和旅游厅; 甲至乙高速公路
PLACE_SUFFIXES = ("特别行政区", "自治区", "自治州", "街道", "社区", "地区", "流域", "省", "市", "县", "区", "乡",
                  "镇", "村", "州", "盟", "旗")
#: A title followed by one of these names a body, not a post (常委会, 书记处, 主席团).
BODY_AFTER_TITLE = ("会", "处", "团", "室")
GEO_SUFFIXES = ("河", "江", "湖", "山", "海", "岛", "峡", "流域", "段")
MAX_NAME_WORDS = 3
#: Institutions named after a person (某某工作室): the name inside is a person.
PERSON_INSTITUTION = ("工作室", "工作站")
MAX_NAME_CHUNK = 30
MAX_QUOTED = 12
MAX_BRAND = 4
MIN_SHORT_CORE = 4  # characters of a company's own name its short form keeps after the place
#: Heads of the names of projects and sites that often open with a place.
PROJECT_HEADS = ("项目", "工程", "公园", "示范点", "基地")
CHUNK_END = re.compile(r"[、，。；：,;:（）()“”\n]")
#: A verb of the headline's own predicate inside the chunk: then the place is not a name's modifier.
PREDICATE_IN_CHUNK = re.compile(r"召开|举行|举办|开展|启动|签约|签署|开工|获批|获得|入选|调研|考察")
#: Tags of words that do not sit inside a name: prepositions, particles, pronouns.
FUNCTION_TAGS = frozenset({"p", "u", "r"})
#: Verbs that take an honour's name as their object (获评某省优秀剧本).
HONOUR_VERBS = ("获评", "荣获", "评为", "授予", "入选", "荣膺")
SESSION_BEFORE_PLACE = re.compile(rf"第{NUMERAL}+[届次]$")
#: A year written into a name before the place: 2023年度某省…汇报会, 2024某地新年音乐会.
YEAR_BEFORE_PLACE = re.compile(r"(?:19|20)[0-9]{2}(?:年度)?$")
SESSION_AFTER_PLACE = re.compile(rf"[第]?{NUMERAL}+[届次]")


@dataclass(frozen=True)
class Word:
    """A LAC word with its offsets in the item text."""

    start: int
    end: int
    tag: str


@dataclass(frozen=True)
class Mention:
    """A labelled span of the item text (PER, ORG, LOC, TITLE, WORK, FAC)."""

    start: int
    end: int
    label: str


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences (ending in 。！？；) as offsets; LAC is run sentence by sentence."""
    return [(m.start(), m.end()) for m in SENTENCE.finditer(text) if m.group().strip()]


def works(text: str) -> list[Mention]:
    """《…》 spans: titles of documents, books, films — their contents are not entities."""
    spans, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "《":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "》" and depth:
            depth -= 1
            if depth == 0:
                spans.append(Mention(start, i + 1, "WORK"))
        elif ch in "。\n" and depth:  # an unmatched 《 ends with its sentence
            spans.append(Mention(start, i, "WORK"))
            depth = 0
    if depth:
        spans.append(Mention(start, len(text), "WORK"))
    return spans


@cache
def _title_pattern(titles: frozenset[str]) -> re.Pattern[str]:
    return re.compile("|".join(sorted(titles, key=lambda t: (-len(t), t))))


def title_mentions(text: str, lexicon: Lexicon) -> list[Mention]:
    """Post titles in the text, longest first at each position (副市长 over 市长)."""
    pattern = _title_pattern(frozenset(lexicon.titles))
    return [Mention(m.start(), m.end(), "TITLE") for m in pattern.finditer(text)
            if not text.startswith(BODY_AFTER_TITLE, m.end())]


def overlaps(span: Mention, spans: list[Mention]) -> bool:
    """Whether ``span`` shares a character with any of ``spans`` (anything with ``start`` and ``end``)."""
    return any(s.start < span.end and span.start < s.end for s in spans)


def name_boundary(text: str, pos: int, lexicon: Lexicon) -> bool:
    """True when a given name can end just before ``pos``."""
    return name_clearly_ends(text, pos, lexicon) or text[pos] in lexicon.name_boundaries


def name_clearly_ends(text: str, pos: int, lexicon: Lexicon) -> bool:
    """True when what follows ``pos`` shows a name ended there: no Chinese character, a word that
    follows names (``陪同``, ``调研``) or a post title — not merely a character names rarely end in."""
    if pos >= len(text) or not IS_CJK.match(text[pos]):
        return True
    rest = text[pos:pos + 6]
    return rest.startswith(lexicon.name_followers) or bool(_title_pattern(frozenset(lexicon.titles)).match(rest))


def in_order(short: str, long: str) -> bool:
    """The characters of ``short`` all come in ``long``, in order (an abbreviation's test)."""
    chars = iter(long)
    return all(ch in chars for ch in short)


def surname_length(text: str, lexicon: Lexicon) -> int:
    """How many characters of ``text`` a surname takes at its start: 2 (欧阳), 1 (王) or 0."""
    return 2 if text[:2] in lexicon.surnames else 1 if text[:1] in lexicon.surnames else 0


def has_surname(name: str, lexicon: Lexicon) -> bool:
    """True when ``name`` opens with a surname and leaves one or two characters for the given name."""
    base = surname_length(name, lexicon)
    return bool(base) and 1 <= len(name) - base <= 2


#: A transliterated name: parts joined by middle dots (``某某·某某``).
DOTS_IN_NAMES = "·•・"
DOTTED_NAME = re.compile(rf"[\u4e00-\u9fff]{{1,6}}(?:[{DOTS_IN_NAMES}][\u4e00-\u9fff]{{1,8}})+")
#: The longest name without a Han surname taken from the tagger after a title (额尔敦巴雅尔).
MAX_UNSURNAMED = 7
#: 老某, 小某: forms of address, not a name's own first character.
ADDRESS_FORMS = ("老", "小")


@cache
def _alternation(words: frozenset[str] | tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a set of words, longest first (each match the longest word there)."""
    return re.compile("|".join(map(re.escape, sorted(words, key=lambda w: (-len(w), w)))))


def composed_name_length(text: str, pos: int, lexicon: Lexicon) -> int:
    """The length of a name made of two or more of the words Tibetan and Mongolian names are composed of
    (``扎西`` + ``次仁``) starting at ``pos`` — the longest that ends where a name can, else all of them —
    or 0."""
    ends = [pos]
    part = _alternation(lexicon.name_parts)
    while (found := part.match(text, ends[-1])) is not None:
        ends.append(found.end())
    if len(ends) < 3:
        return 0
    return next((end - pos for end in reversed(ends[2:]) if name_boundary(text, end, lexicon)), ends[-1] - pos)


def name_at(text: str, pos: int, lexicon: Lexicon, known: Mapping[str, int],
            lac_person: Mapping[int, int] | None = None) -> str | None:
    """The person name starting at ``pos`` (after a title), or None.

    Known names (established elsewhere in the document) win; otherwise a
    surname plus one or two characters, chosen by where a name can end.
    """
    for length in (4, 3, 2):
        if text[pos:pos + length] in known:
            return text[pos:pos + length]
    composed = composed_name_length(text, pos, lexicon)
    if composed:  # 扎西次仁, 额尔敦毕力格: two or more name words, no surname
        return text[pos:pos + composed]
    dotted = DOTTED_NAME.match(text, pos)
    if dotted:  # 买买提明·依明, 罗兰·魏格特: a transliterated name; its last part ends where a name can
        last = max(dotted.group().rfind(dot) for dot in DOTS_IN_NAMES) + 1 + pos
        end = next((k for k in range(last + 1, dotted.end() + 1) if name_boundary(text, k, lexicon)), dotted.end())
        return text[pos:end]
    base = surname_length(text[pos:pos + 2], lexicon)
    if not base:  # no Han surname (扎西次仁, 额尔敦巴雅尔): the tagger's name, if it reads one here
        end = (lac_person or {}).get(pos)
        ok = end is not None and 2 <= end - pos <= MAX_UNSURNAMED and not text.startswith(ADDRESS_FORMS, pos)
        return text[pos:end] if ok else None
    c2, c3 = text[pos:pos + base + 1], text[pos:pos + base + 2]
    cjk2 = len(c2) == base + 1 and all(IS_CJK.match(ch) for ch in c2)
    cjk3 = len(c3) == base + 2 and all(IS_CJK.match(ch) for ch in c3)
    ok2 = cjk2 and c2[-1] not in lexicon.name_boundaries and name_boundary(text, pos + base + 1, lexicon)
    ok3 = (cjk3 and c3[-1] not in lexicon.name_boundaries and c3[-2] not in lexicon.name_boundaries
           and name_boundary(text, pos + base + 2, lexicon)) or (
        cjk3 and (lac_person or {}).get(pos) == pos + base + 2  # 某庆和，: the tagger reads 和 into the name
        and name_clearly_ends(text, pos + base + 2, lexicon))
    after_three = pos + base + 2
    only_two = ok2 and text.startswith(lexicon.name_followers, pos + base + 1) \
        and not name_clearly_ends(text, after_three, lexicon)
    if ok3 and not (only_two and (lac_person or {}).get(pos) != after_three):
        return c3  # (but 某某 + 陪同, not 某某陪 + 同 — unless the tagger reads three characters as the name)
    if ok2:
        return c2
    if lac_person and pos in lac_person and 2 <= lac_person[pos] - pos <= 4:
        return text[pos:lac_person[pos]]
    return None


def org_mentions(text: str, words: list[Word], lexicon: Lexicon, gazetteer: Gazetteer,
                 blocked: list[Mention]) -> list[Mention]:
    """Organisations: LAC ORG words, suffix-headed noun phrases, standard abbreviations.

    A suffix (委员会, 银行, 研究所…) ends a name where a LAC word ends; the name
    grows leftwards over name-like words and bracketed parts, and stops at
    function words, verbs and ``blocked`` spans (persons, titles). Names of
    sites and venues (facility suffixes) are not organisations. Overlapping
    candidates keep the outermost, except that a standard abbreviation beats a
    candidate that only glues a stray character onto it (``同团市委``).
    """
    candidates: list[Mention] = []
    word_at = _word_index(text, words)
    for word in words:
        wtext = text[word.start:word.end]
        if word.tag == "ORG" and len(wtext) >= 2 and wtext not in lexicon.org_suffix_stopwords:
            candidates.append(Mention(word.start, word.end, "ORG"))
            after = words[word_at[word.end]] if word.end < len(text) and word_at[word.end] is not None else None
            if after is not None and text[after.start:after.end] in lexicon.org_weak_suffixes:
                candidates.append(Mention(word.start, after.end, "ORG"))  # 某某/ORG 超市: the NER's name, extended
        if word.tag in VERBAL - {"vn"}:  # LAC tags 旅游厅 as vn
            continue
        suffix = org_suffix(text[max(0, word.end - 8):word.end], lexicon)
        if not suffix or wtext in lexicon.org_suffix_stopwords:
            continue
        first = word_at[word.end - len(suffix)]
        if first is None or (words[first].start != word.end - len(suffix) and first != words.index(word)):
            continue
        start = _extend_left(text, words, first, lexicon, [] if suffix in PERSON_INSTITUTION else blocked, word_at)
        end = _extend_bracket(text, word.end, lexicon)  # (某某工作室 takes in the person it is named after)
        name = text[start:word.end]
        if (len(name) > len(suffix) or name in lexicon.bodies) and not name.endswith(lexicon.facility_suffixes) \
                and name[: -len(suffix)] not in lexicon.generic_org_modifiers \
                and _government_has_a_place(name, suffix, gazetteer) \
                and not _common_noun(words, word_at, start, word.end - len(suffix), suffix):
            candidates.append(Mention(start, end, "ORG"))
    candidates += _enumerated_bodies(text, candidates, lexicon)
    candidates = [c for c in candidates if not (TERM_BEFORE.search(text, 0, c.start) and SESSION.match(text, c.end))]
    # (第十四届某市委员会第二次会议: between a term and a session, the body's name is a meeting's)
    abbreviations = _abbreviations(text, lexicon, gazetteer)
    kept = []
    for cand in candidates:
        glued = [a for a in abbreviations if a.end == cand.end and 0 < a.start - cand.start <= 2
                 and not gazetteer.lookup(text[cand.start:a.start])]
        kept.append(glued[0] if glued else cand)
    standalone = [a for a in abbreviations if not (a.start > 0 and text[a.start - 1] in LEVEL_CHARS
                                                   and text[a.start] in LEVEL_CHARS)]
    # (区政府 of 各县市区政府 is no body: levels listed together name every body of those levels)
    return outermost(_split_coordinated(text, kept + standalone, lexicon))


VERBAL = frozenset({"v", "vn", "vd", "p", "c", "u", "d", "r", "PER", "TIME", "q", "ad", "xc"})


def _word_index(text: str, words: list[Word]) -> list[int | None]:
    index: list[int | None] = [None] * (len(text) + 1)
    for k, word in enumerate(words):
        for i in range(word.start, word.end):
            index[i] = k
    return index


#: A list of names joined by 、 (its first element runs back to the clause's start).
ENUMERATION_RUN = re.compile(r"[^、，。；：,;:\n“”《》]{2,24}(?:、[^、，。；：,;:\n“”《》]{2,24})+")
ELEMENT = re.compile(rf"^[{CJK}（）()]+$")


def _enumerated_bodies(text: str, candidates: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """In a list of bodies (``某某救援队、某某协会直属大队、某某义务救援队等``), every element after a
    、 that ends like a body is one whole name, however LAC cut it — when some element is a body already.
    An element must be closed on the right, by 、 or 等."""
    found = []
    for run in ENUMERATION_RUN.finditer(text):
        offset, elements = run.start(), []
        parts = run.group().split("、")
        for k, part in enumerate(parts):
            name = part.split("等")[0]
            closed = k < len(parts) - 1 or name != part  # the last one only before 等 (…实验室主办 runs on)
            elements.append((offset, offset + len(name)) if closed else (offset, offset))
            offset += len(part) + 1
        if not any(s <= c.start and c.end <= e for s, e in elements for c in candidates):
            continue  # no element is a body: not a list of bodies
        for s, e in elements[1:]:
            name = text[s:e]
            suffix = org_suffix(name, lexicon)
            if ELEMENT.match(name) and suffix and len(name) > len(suffix) + 1 \
                    and not name.endswith(lexicon.facility_suffixes) \
                    and name[: -len(suffix)] not in lexicon.generic_org_modifiers:
                found.append(Mention(s, e, "ORG"))
    return found


#: A list closed by a count of bodies: ``甲、乙、丙等3家企业``, ``甲、乙等多家单位``.
COUNTED_LIST = re.compile(r"((?:[^、，。；：,;:\n“”《》]{2,24}、)+[^、，。；：,;:\n“”《》]{2,12})"
                          r"等(?:[0-9一二三四五六七八九十两多]+家|企业|单位)")


def counted_bodies(text: str, words: list[Word]) -> list[Mention]:
    """Every element of a list the text counts as bodies (``古城机械、某地格力、前进化工等3家企业``):
    companies named by their short names, with no suffix."""
    found: list[Mention] = []
    word_at: list[int | None] = []
    for run in COUNTED_LIST.finditer(text):
        word_at = word_at or _word_index(text, words)  # built only for an item that has such a list
        offset = run.start(1)
        for k, part in enumerate(run.group(1).split("、")):
            start, end = offset, offset + len(part)
            if k == 0:  # 实地观摩了古城机械: the name is the run of name-like words at the end
                start = _first_name_word(text, words, word_at, start, end)
            if 2 <= end - start <= 10 and ELEMENT.match(text[start:end]):
                found.append(Mention(start, end, "ORG"))
            offset = end + 1
    return found


def _first_name_word(text: str, words: list[Word], word_at: list[int | None], start: int, end: int) -> int:
    """The start of the trailing run of name-like words in ``text[start:end]``."""
    pos = end
    while pos > start and word_at[pos - 1] is not None:
        word = words[word_at[pos - 1]]
        if word.tag in VERBAL or word.start < start:
            break
        pos = word.start
    return pos


def _split_coordinated(text: str, mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """``市委市政府`` names two bodies: split a candidate made of abbreviations only."""
    out = []
    for m in mentions:
        name = text[m.start:m.end]
        parts = _abbreviation_parts(name, lexicon)
        if parts and len(parts) > 1:
            offset = m.start
            for part in parts:
                out.append(Mention(offset, offset + len(part), m.label))
                offset += len(part)
        else:
            out.append(m)
    return out


def _abbreviation_parts(name: str, lexicon: Lexicon) -> list[str] | None:
    if not name:
        return []
    for k in range(len(name), 1, -1):
        if name[:k] in lexicon.bodies:
            rest = _abbreviation_parts(name[k:], lexicon)
            if rest is not None:
                return [name[:k]] + rest
    return None


def org_suffix(word: str, lexicon: Lexicon) -> str | None:
    """The longest organisation suffix ``word`` ends with; a numbered institute or works
    (``七二五所``, ``四〇四厂``) is a suffix of its own."""
    numbered = NUMBERED_UNIT.search(word)
    return numbered.group() if numbered else longest_suffix(word, lexicon.org_suffixes)


def longest_suffix(word: str, suffixes: tuple[str, ...]) -> str | None:
    """The longest of ``suffixes`` that ends ``word`` (set look-ups by length, not a scan)."""
    by_length = _by_length(suffixes)
    for length, group in by_length:
        if word[-length:] in group:
            return word[-length:]
    return None


@cache
def _by_length(suffixes: tuple[str, ...]) -> tuple[tuple[int, frozenset[str]], ...]:
    lengths = sorted({len(s) for s in suffixes}, reverse=True)
    return tuple((n, frozenset(s for s in suffixes if len(s) == n)) for n in lengths)


def _common_noun(words: list[Word], word_at: list[int | None], start: int, suffix_start: int, suffix: str) -> bool:
    """``污水处理厂``: one ordinary word and a one-character suffix name a kind of body, not a body."""
    if len(suffix) != 1 or word_at[start] is None:
        return False
    first = words[word_at[start]]
    return first.start == start and first.end == suffix_start and first.tag in ("n", "vn", "an")


def _government_has_a_place(name: str, suffix: str, gazetteer: Gazetteer) -> bool:
    """A government is a place's: 某某市政府, 省政府 — not 数字政府, 法治政府 (concepts)."""
    if not suffix.endswith("政府"):
        return True
    head = name[: -len(suffix)].removesuffix("人民")
    return head in LEVEL_WORDS or bool(gazetteer.lookup(head)) or bool(gazetteer.lookup(head.lstrip("市县区")))


LEVEL_WORDS = frozenset({"省", "市", "县", "区", "乡", "镇", "州", "自治区", "自治州", "自治县"})
#: Characters that make a level word deictic: 我市, 本省, 全县, 该区, 各乡.
DEICTIC = frozenset("我本全该各此")
LEVEL_CHARS = frozenset(w for w in LEVEL_WORDS if len(w) == 1)
LEVEL_WORDS_TUPLE = tuple(sorted(LEVEL_WORDS | {"中共", "国家", "全国"}))
#: ``（简称某某）``: the text names an abbreviation of what precedes it.
SHORT_NAME = re.compile(r"[（(](?:以下)?简称[“\"]?([^）)”\"，。]{2,12})[”\"]?[）)]")

#: A Latin acronym right after a name, bracketed or not: ``（CMB）``, ``CCS证书``.
ACRONYM = re.compile(r"[（(]?([A-Z][A-Z&]{1,7})(?![A-Za-z0-9])[）)]?")


def short_names(text: str, orgs: list[Mention]) -> list[Mention]:
    """Abbreviations an item gives for an organisation right after its name:
    ``某某有限责任公司（简称某某）``, ``某某海事集团（CMB）``, ``中国船级社CCS证书``."""
    ends = {o.end for o in orgs}
    return [Mention(m.start(1), m.end(1), "ORG") for pattern in (SHORT_NAME, ACRONYM)
            for m in pattern.finditer(text) if m.start() in ends]


def company_short_forms(text: str, orgs: list[Mention], words: list[Word], lexicon: Lexicon,
                        gazetteer: Gazetteer) -> list[Mention]:
    """A company's name without its place and legal form, where the same text uses it on its own:
    ``某地北海造船有限公司 … 配套北海造船`` (three characters at least), or its place and the first
    four or more characters of the rest (``河南某某国兴产业投资有限公司 … 河南某某国兴``) — always on
    LAC word boundaries and outside the names already found."""
    starts, ends = {w.start for w in words}, {w.end for w in words}
    found = []
    for org in orgs:
        name = text[org.start:org.end]
        form = longest_suffix(name, lexicon.legal_forms)
        if not form:
            continue
        core = re.sub(r"[（(][^）)]*[）)]", "", name[: -len(form)])
        place = next((m for m in gazetteer.find(core) if m.start == 0), None)
        prefix, core = (core[:place.end], core[place.end:]) if place else ("", core)
        if len(core) < 3 or not all(IS_CJK.match(ch) for ch in core):
            continue
        forms = [core] + [prefix + core[:n] for n in range(len(core) - 1, MIN_SHORT_CORE - 1, -1) if prefix]
        for short in forms:
            hits = [m for m in re.finditer(re.escape(short), text) if m.start() in starts and m.end() in ends
                    and not any(o.start <= m.start() < o.end for o in orgs)]
            found += [Mention(m.start(), m.end(), "ORG") for m in hits]
            if hits:
                break
    return found


def _extend_bracket(text: str, end: int, lexicon: Lexicon) -> int:
    """Take in a bracketed second name right after the first: ``某某司（某某合作司）``."""
    if end < len(text) and text[end] in "(（":
        close = min((i for i in (text.find(")", end), text.find("）", end)) if i > 0), default=-1)
        if 0 < close - end <= 12 and org_suffix(text[end + 1:close], lexicon):
            return close + 1
    return end


def _extend_left(text: str, words: list[Word], k: int, lexicon: Lexicon, blocked: list[Mention],
                 word_at: list[int | None], stops: frozenset[str] = frozenset()) -> int:
    """Grow an organisation name leftwards over name-like words (and bracketed parts), stopping at ``stops``."""
    start = words[k].start
    if text[start] in ")）":  # LAC glued the closing bracket onto the next word
        start += 1
    while start > 0:
        if text[start - 1] in ")）":
            opening = max(text.rfind("(", 0, start), text.rfind("（", 0, start))
            if opening < 0 or start - opening > 12:
                break
            start = _brand_before(text, words, word_at, opening)  # 某某（某地）科技有限公司: the brand, then stop
            if start < opening:
                break
            continue
        j = word_at[start - 1]
        if j is None:
            break
        word = words[j]
        wtext = text[word.start:start]
        right = text[word.end:words[k].end]
        after = words[j + 1] if j + 1 < len(words) else None
        if wtext in COORDINATORS and j > 0 and words[j - 1].tag in NAMEISH and len(right) <= 6 \
                and not right.startswith(LEVEL_WORDS_TUPLE) and right not in lexicon.bodies \
                and (wtext == "至" or after is None or after.tag not in ("LOC", "ORG")):
            start = word.start  # 文化和旅游厅, 工业和信息化部: 和 between two nouns inside a name
            continue  # (市人大和市政协, 某奖和某国卫生部: the right side opens a name of its own)
        if word.tag not in NAMEISH or wtext in lexicon.clause_openers or wtext in stops or not IS_CJK.search(wtext):
            if len(wtext) == 2 and wtext[-1] in LEVEL_CHARS and wtext[0] in lexicon.clause_openers:
                start -= 1  # 为市/v + 发展和改革委员会: the tagger glued the level onto the verb
            break
        if wtext in LEVEL_WORDS and text[word.start - 1:word.start] in DEICTIC:
            break  # 我市代表队, 全省: "our city's", not a body's own name
        if word.tag == "m" and TERM.match(wtext) and right == "委员会" and not SESSION.match(text, words[k].end):
            start = word.start  # 共青团某市第十三届委员会 (but not 某届委员会第五次全体会议, a meeting's name)
            continue
        if word.tag == "m" and SESSION_NUMBER.search(wtext) and MEETING_AHEAD.match(right):
            start = word.start  # 某政协十四届二次会议秘书处: the session is part of the meeting's body
            continue
        if word.tag == "m" and (SESSION_NUMBER.search(wtext) or not ORDINAL.match(wtext)):
            break  # 第二十七研究所 keeps its ordinal; 十二届, 200余名 are not part of a name
        if any(b.start < start and word.start < b.end for b in blocked):
            break
        start = word.start
    return start


def _brand_before(text: str, words: list[Word], word_at: list[int | None], opening: int) -> int:
    """The brand before a bracketed part of a name (``某某（某地）…有限公司``): up to four characters
    of content words, whatever LAC tagged them — brands are coined words it often splits."""
    start = opening
    while start > 0 and (j := word_at[start - 1]) is not None:
        word = words[j]
        if word.tag in FUNCTION_TAGS | {"w", "c", "d"} or not IS_CJK.match(text, word.start) \
                or opening - word.start > MAX_BRAND:
            break
        start = word.start
    return start


@cache
def _abbreviation_pattern(abbreviations: frozenset[str]) -> re.Pattern[str]:
    return re.compile("|".join(sorted(abbreviations, key=lambda t: (-len(t), t))))


def _abbreviations(text: str, lexicon: Lexicon, gazetteer: Gazetteer) -> list[Mention]:
    """Standard abbreviations (市委, 市政府, 团市委…) and place bodies (某某县委, 某某市政府 — not the
    某某市委 of 某某市委员会)."""
    found = [Mention(m.start(), m.end(), "ORG") for m in _abbreviation_pattern(lexicon.body_mentions).finditer(text)
             if not text.startswith("员", m.end()) and not (m.start() and text[m.start() - 1] in LEVEL_PAIRS.get(
                 text[m.start()], ""))]  # (乡镇政府: the level pair, no 镇政府)
    for body in lexicon.bare_bodies:
        found += [Mention(m.start(), m.end(), "ORG") for m in re.finditer(re.escape(body) + BARE_FOLLOWER, text)]
    places = [(m.start, m.end) for m in gazetteer.find(text)] + load_townships().find(text)
    for place_start, place_end in places:
        for suffix in sorted(lexicon.place_bodies, key=len, reverse=True):
            if text.startswith(suffix, place_end) and not text.startswith("员", place_end + len(suffix)):
                start = place_start - 2 if text.endswith("中共", 0, place_start) else place_start  # 中共某市委
                found.append(Mention(start, place_end + len(suffix), "ORG"))
                break
    return found


#: Levels written as a pair (乡镇, 县区): the second's abbreviation is no body there (乡镇政府).
LEVEL_PAIRS = {"镇": "乡", "区": "县市", "乡": "城"}


#: What follows a bare body's word when it stands alone (中央、省; 中央关于…).
BARE_FOLLOWER = r"(?=[、，。；和及与]|关于)"


def outermost(mentions: list[Mention]) -> list[Mention]:
    """Drop mentions inside or crossing a longer one (flat, outermost annotation)."""
    kept: list[Mention] = []
    for m in sorted(set(mentions), key=lambda m: (-(m.end - m.start), m.start)):
        if not any(k.start < m.end and m.start < k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def place_mentions(text: str, words: list[Word], lexicon: Lexicon, gazetteer: Gazetteer,
                   home_city: str | None, digest_text: str = "") -> tuple[list[Mention], list[Mention]]:
    """Places: gazetteer divisions, LAC LOC words with a place or geographic suffix, countries —
    and, apart, the places found that only open the name of an event, award or zone.

    A county's short name (``栾川``) or renamed form (``某某区`` for 某某县) counts when
    the county is in the digest's own city, or when its official name is written in the item.
    """
    found: list[Mention] = []
    matches = gazetteer.find(text)
    written_in_full = {m.division.code for m in matches if text[m.start:m.end] == m.division.name}
    home = gazetteer.by_code.get(home_city) if home_city else None
    home_prefecture = gazetteer.prefecture_of(home) if home is not None else None
    for match in matches:
        division = match.division
        if division.name in GENERIC_NAMES:
            continue
        if division.level == "county" and (match.short or text[match.start:match.end] != division.name):
            prefecture = gazetteer.prefecture_of(division)
            local = prefecture is not None and home_prefecture is not None and prefecture.code == home_prefecture.code
            if not local and division.code not in written_in_full:
                continue  # (a word that is also a far county's short name: 合作 in 友好合作区)
        if match.short and text.startswith("城", match.end) \
                and not text.startswith(tuple(GENERIC_PLACE_NOUNS), match.end):
            continue  # 某某城: a historic city or site, not the division
        found.append(Mention(match.start, match.end, "LOC"))
    found += [Mention(m.start(), m.end(), "LOC") for m in _alternation(lexicon.countries).finditer(text)]
    regions = _region_pattern(lexicon.regions, lexicon.province_abbreviations)
    starts, ends = {w.start for w in words} | {0}, {w.end for w in words} | {len(text)}
    found += [Mention(m.start(), m.end(), "LOC") for m in regions.finditer(text)
              if m.start() in starts or m.end() in ends]  # at a word's edge: not 关中 in 机关中层
    known = list(found)
    for word in words:
        wtext = text[word.start:word.end]
        if word.tag != "LOC" or wtext in GENERIC_PLACE_NOUNS or wtext[1:] in GENERIC_PLACE_NOUNS \
                or wtext.endswith(lexicon.zone_suffixes) or _counts_places(wtext) or _two_places_glued(word, known) \
                or wtext[:-1] in lexicon.regions:  # 华北区: a company's sales region, not a division
            continue
        if (
                (len(wtext) >= 3 and wtext.endswith(PLACE_SUFFIXES))
                or (len(wtext) >= 2 and wtext.endswith(GEO_SUFFIXES))
                or wtext in lexicon.countries):
            found.append(Mention(_numeral_before(text, words, word), word.end, "LOC"))
    found += township_mentions(text, words, matches)
    found += villages_after_townships(text, found, lexicon)
    named = named_event_places(text, words, found, lexicon) + quoted_names(text, found)
    return [m for m in outermost(found) if m not in named], named


def township_mentions(text: str, words: list[Word], divisions: list) -> list[Mention]:
    """Towns, townships and sub-districts of the township table (``某某镇``, ``某某街道``) that open at one of
    the tagger's words or right after a county's or city's name (``某某县某某镇``, which the tagger may cut
    anywhere): the gazetteer of counties stops a level above them."""
    starts = {w.start for w in words} | {m.end for m in divisions} | {0}
    return [Mention(a, b, "LOC") for a, b in load_townships().find(text) if a in starts]


VILLAGE = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:村|社区)(?=[、，。；：\s）)]|$)")


def villages_after_townships(text: str, places: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """A village or community written right after its town (``某某镇某某村、``), whatever the tagger
    made of its name (it cuts rare names into pieces): the name ends in 村/社区 at a phrase's end."""
    found = []
    for place in places:
        if text.endswith(lexicon.township_suffixes, place.start, place.end):
            village = VILLAGE.match(text, place.end)
            if village:
                found.append(Mention(village.start(), village.end(), "LOC"))
    return found


def _numeral_before(text: str, words: list[Word], word: Word) -> int:
    """Where a river's or hill's name starts when LAC cut its number off (十七/m 里河/LOC → 十七里河)."""
    before = next((w for w in words if w.end == word.start), None)
    if before is not None and before.tag == "m" and NUMERAL_ONLY.fullmatch(text[before.start:before.end]) \
            and text.endswith(GEO_SUFFIXES, word.start, word.end):
        return before.start
    return word.start


def _counts_places(word: str) -> bool:
    """``两地级市``, ``三县``: a number and a kind of place, not a place's name."""
    counted = COUNTED.match(word)
    return bool(counted) and (counted.group("rest") in GENERIC_PLACE_NOUNS or counted.group("rest") in PLACE_SUFFIXES)


def _two_places_glued(word: Word, known: list[Mention]) -> bool:
    """A LAC word made of two known places and at most one character between them (``某地一大湾区``,
    a dash read as 一): the places are named, not one place called that."""
    inside = outermost([m for m in known if word.start <= m.start and m.end <= word.end])
    return len(inside) >= 2 and (word.end - word.start) - sum(m.end - m.start for m in inside) <= 1


@cache
def _region_pattern(regions: tuple[str, ...], abbreviations: str) -> re.Pattern[str]:
    """Named regions, and a province's abbreviation with a direction (豫西, 鲁南地区) — not a
    direction word running on (豫西部, 苏北侧)."""
    direction = rf"[{abbreviations}][东西南北](?:地区)?(?![东西南北部方侧面边])"
    return re.compile("|".join([*map(re.escape, regions), direction]))


def quoted_names(text: str, places: list[Mention]) -> list[Mention]:
    """Places inside a quoted name (“某地·牡丹颂”): the quotation names a thing, not the place."""
    out = []
    for quote in re.finditer(r"“([^“”\n]{2,30})”", text):
        for place in places:
            if quote.start(1) <= place.start and place.end <= quote.end(1) \
                    and (place.start, place.end) != (quote.start(1), quote.end(1)):
                out.append(place)
    return out


def named_event_places(text: str, words: list[Word], places: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """Places that only qualify the name of an event, congress, award or development zone.

    ``共青团某市第十四次代表大会``, ``某省第七届…竞赛``, ``2024某地新年音乐会``: the
    place is followed by a session number, or by nouns running into an event head.
    """
    word_at = {w.start: w for w in words}
    named = []
    for place in places:
        if text.startswith("·", place.end) or text.endswith("·", 0, place.start):
            named.append(place)  # 中国·某某湖冰雪节, 某地·牡丹颂: a name joined with a middle dot
            continue
        if text.endswith(HONOUR_VERBS, 0, place.start) and IS_CJK.match(text, place.end):
            named.append(place)  # 获评某省优秀剧本: the place opens the honour's name
            continue
        if SESSION_AFTER_PLACE.match(text, place.end) or SESSION_BEFORE_PLACE.search(text, 0, place.start) \
                or YEAR_BEFORE_PLACE.search(text, 0, place.start):
            named.append(place)  # 某省第七届…竞赛, 第八届某国“…”艺术展: a session number makes it an event's name
            continue
        chunk = CHUNK_END.split(text[place.end:place.end + MAX_NAME_CHUNK], maxsplit=1)[0]
        chunk = re.sub(r"等(?:地|处)?$", "", chunk)
        if chunk and chunk.endswith(PROJECT_HEADS) and not PREDICATE_IN_CHUNK.search(chunk) \
                and not _has_predicate([w for w in words if place.end <= w.start < place.end + len(chunk)]):
            named.append(place)  # 某区碳中和碳达峰项目, 某区河长制主题公园: the place names the project
            continue
        glued = next((w for w in words if w.start <= place.start and place.end < w.end), None)
        if glued is not None and _ends_with_head(text[glued.start:glued.end], lexicon):
            named.append(place)  # LAC wrote the place and the event as one word: 某地新年音乐会
            continue
        following = word_at.get(place.end)
        if following is not None and following.tag == "ORG":
            named.append(place)  # 某地格力: the place opens a company's name
            continue
        pos = glued.end if glued is not None else place.end  # 某地新年 + 音乐会: go on after LAC's word
        for _ in range(MAX_NAME_WORDS):  # the place, a few modifiers, then the head
            if text.startswith("“", pos) and 0 < text.find("”", pos) - pos <= MAX_QUOTED:
                pos = text.find("”", pos) + 1  # 某国“某某”艺术展: a quoted name among the modifiers
            word = word_at.get(pos)
            if word is None or word.tag not in {"n", "nz", "vn", "TIME", "t", "a"}:
                break
            if _ends_with_head(text[word.start:word.end], lexicon):
                named.append(place)
                break
            pos = word.end
    return named


#: The longest head ``name_head`` looks for (heads and suffixes are six characters at most).
MAX_HEAD = 8


def name_head(chain: str, word: str, heads: Collection[str]) -> str | None:
    """The longest of ``heads`` that ends ``chain`` (a run of words ending with ``word``): a
    one-character head (展, 节, 奖) only after a word of three characters or more (艺术展, 文化节,
    某某奖), so that 发展 or 环节 names no event."""
    return next((chain[-n:] for n in range(min(len(chain), MAX_HEAD), 0, -1)
                 if chain[-n:] in heads and (n > 1 or len(word) >= 3)), None)


def _ends_with_head(word: str, lexicon: Lexicon) -> bool:
    """A word that ends in an event's head or a zone's (开发区)."""
    return name_head(word, word, lexicon.event_and_zone_heads) is not None


def _has_predicate(chunk: list[Word]) -> bool:
    """A clause's predicate among the words after a place (``尽快/d 成为/v``, ``的/u``):
    they are a sentence about the place, not the rest of a project's name."""
    return any(w.tag in FUNCTION_TAGS or (w.tag == "d" and k + 1 < len(chunk) and chunk[k + 1].tag == "v")
               for k, w in enumerate(chunk))


def facility_mentions(text: str, words: list[Word], lexicon: Lexicon, blocked: list[Mention]) -> list[Mention]:
    """Names of sites and venues (陵园, 广场, 驿站, 机场…): places inside them are not listed."""
    word_at = _word_index(text, words)
    found = []
    for k, word in enumerate(words):
        if word.tag in VERBAL:
            continue
        suffix = longest_suffix(text[max(0, word.end - 8):word.end], lexicon.facility_suffixes)
        if suffix and word_at[word.end - len(suffix)] is not None:
            start = _extend_left(text, words, word_at[word.end - len(suffix)], lexicon, blocked, word_at,
                                 lexicon.visit_verbs)  # 领导调研某某基地
            if word.end - start > len(suffix):
                found.append(Mention(start, word.end, "FAC"))
    return outermost(found)


def unglued(text: str, orgs: list[Mention]) -> list[Mention]:
    """A stray character LAC glued onto a name the item also writes alone (``环某某科学院``) is cut off;
    a level character (市, 省…) is part of the name (市政协 stays)."""
    named = {text[o.start:o.end] for o in orgs}
    return [Mention(o.start + 1, o.end, o.label) if o.end - o.start > 4 and text[o.start + 1:o.end] in named
            and text[o.start] not in LEVEL_CHARS else o for o in orgs]


def named_institution_person(text: str, word: Word, lexicon: Lexicon) -> list[Mention]:
    """The person an institution is named after (``某某工作室``), whether LAC tagged the name
    on its own or together with the institution."""
    if text.startswith(PERSON_INSTITUTION, word.end):
        end = word.end
    else:
        inside = [s for s in PERSON_INSTITUTION if text.endswith(s, word.start, word.end)]
        end = word.end - len(inside[0]) if inside else word.start
    ok = word.start < end and has_surname(text[word.start:end], lexicon)
    return [Mention(word.start, end, "PER")] if ok else []


#: A named meeting right after a body's abbreviation: a session's plenary, an annual work
#: conference, a numbered executive meeting (省委十一届六次全会, 市委经济工作会议, 市政府第16次常务会议).
MEETING_NAME = re.compile(rf"(?:{NUMERAL}+届{NUMERAL}+次)?"
                          rf"(?:全体（扩大）会议|全体会议|全会|第{NUMERAL}+次[^，。；、]{{0,6}}会议"
                          r"|[^，。；、相有]{0,6}工作会议)")
#: What marks a meeting as referred to rather than held: its spirit, decisions or preparation after
#: its name, or a verb of study before it in the clause.
REFERENCE_AFTER = re.compile(r"精神|部署|决策|筹备")
REFERENCE_BEFORE = re.compile(r"传达|学习|贯彻|落实")
JOINED_MEETING = re.compile(r"暨[^，。；、]{0,12}?会议")


def referenced_meeting(text: str, org: Mention) -> bool:
    """True when the body only names a meeting the item refers to (传达…全会精神, …会议部署, …会议筹备),
    not one it holds here (某县委十三届五次全会召开: that body is listed)."""
    meeting = MEETING_NAME.match(text, org.end)
    if not meeting:
        return False
    end = meeting.end()
    while follower := JOINED_MEETING.match(text, end):  # 某全会暨某经济工作会议: one event
        end = follower.end()
    clause = max(text.rfind(ch, 0, org.start) for ch in "，。；\n") + 1
    return bool(REFERENCE_AFTER.match(text, end) or REFERENCE_BEFORE.search(text, clause, org.start))
