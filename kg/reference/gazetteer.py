"""Chinese administrative divisions (province, prefecture, county) with codes, parents and coordinates.

The table is ``cpca``'s ``resources/adcodes.csv`` (3,512 divisions, adcode,
longitude, latitude), a general resource shipped in a package. Each division
is found by its full name (``中牟县``), by its short name plus another
county-level suffix (``中牟区`` — renamed divisions), and by its short name
(``中牟``, ``郑州``, ``河南``); the extractor decides when a short name or a
renamed form counts (``合作区`` in 友好合作区 is no 合作市).
"""
from __future__ import annotations

import csv
import importlib.util
import re
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

LEVELS = ("province", "prefecture", "county")
#: Suffixes stripped to make a short name, longest first.
_SUFFIX = re.compile(r"(?:自治区|自治州|自治县|自治旗|特别行政区|地区|省|市|县|区|盟|旗)$")
COUNTY_SUFFIXES = ("县", "区", "市")
#: Rows of the code table that group divisions and name no place.
PSEUDO_DIVISIONS = frozenset({"市辖区", "县", "郊县"})
#: Short forms too generic to be a place on their own.
GENERIC_SHORT = frozenset({"城区", "郊区", "新区", "矿区", "市辖", "城关", "开发", "市中", "中区", "东区", "西区",
                           "南区", "北区", "高新", "经开"})


#: How many times a name in a document's cover (masthead, source line) counts towards its home city.
COVER_WEIGHT = 3
#: A visit to the text's own place (``来我市``, ``莅临我县``): a place named before it in the clause is
#: the visitors'.
VISITING_US = re.compile(r"(?:来|到|莅临|赴|走进)我(?:市|县|区|州)")
CLAUSE_ENDS = "，。；！？\n"
#: A county-level body or head written bare (``县委书记``, ``，区长``): the text is that county's news.
BARE_COUNTY_BODY = re.compile(r"(?<![社城市])([县区旗])(?:委|政府|长|人大常委会|人民代表大会|政协)")


def _clause_end(text: str, pos: int) -> int:
    ends = [k for k in (text.find(ch, pos) for ch in CLAUSE_ENDS) if k >= 0]
    return min(ends, default=len(text))


@dataclass(frozen=True)
class Division:
    """One administrative division."""

    code: str
    name: str
    level: str
    parent: str | None
    longitude: float
    latitude: float

    @property
    def short(self) -> str:
        """``郑州市`` → ``郑州``; ``临夏回族自治州`` → ``临夏``."""
        base = _SUFFIX.sub("", self.name)
        stripped = True
        while stripped and len(base) > 2:
            stripped = False
            for nation in _nations():
                if base.endswith(nation) and len(base) - len(nation) >= 2:
                    base, stripped = base[: -len(nation)], True
                    break
        return base or self.name


@dataclass(frozen=True)
class PlaceMatch:
    """A division named in a text: where, which, and whether by its short name."""

    start: int
    end: int
    division: Division
    short: bool


#: How many texts' matches :meth:`Gazetteer.find` keeps (a digest's items, scanned again per rule).
FIND_CACHE = 512


def cached_scan(cache: dict, text: str, scan) -> list:
    """``scan(text)``, kept in ``cache`` for the last :data:`FIND_CACHE` texts."""
    found = cache.get(text)
    if found is None:
        if len(cache) >= FIND_CACHE:
            cache.clear()
        found = cache[text] = tuple(scan(text))
    return list(found)


class Gazetteer:
    """Look-up of divisions by name, and longest-match search in text."""

    def __init__(self, divisions: Iterable[Division]):
        self.by_code: dict[str, Division] = {}
        self._names: dict[str, list[tuple[Division, bool]]] = {}
        for division in divisions:
            self.by_code[division.code] = division
        for division in self.by_code.values():
            for name, short in self._forms(division):
                self._names.setdefault(name, []).append((division, short))
        self._found: dict[str, tuple[PlaceMatch, ...]] = {}
        self._longest_from: dict[str, int] = {}  # first character -> longest name starting with it
        for name in self._names:
            self._longest_from[name[0]] = max(len(name), self._longest_from.get(name[0], 0))

    @staticmethod
    def _forms(division: Division) -> list[tuple[str, bool]]:
        short = division.short
        forms = [(division.name, False)]
        if division.level == "county" and len(short) >= 2:
            forms += [(short + s, False) for s in COUNTY_SUFFIXES if short + s != division.name]
        if division.level == "prefecture" and division.name.endswith("自治州"):
            forms.append((short + "州", False))
        if len(short) >= 2 and short != division.name and short not in GENERIC_SHORT:
            forms.append((short, True))
        return forms

    def lookup(self, name: str) -> list[tuple[Division, bool]]:
        """Divisions with this name (several where a short name is shared)."""
        return self._names.get(name, [])

    def within(self, name: str) -> tuple[Division, str] | None:
        """A division written after the place it lies in (``某州某某市``, ``某省某某县``): the inner division
        and its own written name, or None."""
        for k in range(2, len(name) - 1):
            outer, inner = self.lookup(name[:k]), [d for d, short in self.lookup(name[k:]) if not short]
            for division in inner:
                ancestors, up = set(), self.parent(division)
                while up is not None:
                    ancestors.add(up.code)
                    up = self.parent(up)
                if any(d.code in ancestors for d, _short in outer):
                    return division, name[k:]
        return None

    def find(self, text: str) -> list[PlaceMatch]:
        """Longest non-overlapping division names in ``text``, left to right (the last texts cached:
        several rules scan the same item)."""
        return cached_scan(self._found, text, self._scan)

    def _scan(self, text: str) -> list[PlaceMatch]:
        found: list[PlaceMatch] = []
        i, n = 0, len(text)
        while i < n:
            longest = self._longest_from.get(text[i], 0)
            for length in range(min(longest, n - i), 1, -1):
                hits = self._names.get(text[i:i + length])
                if hits:
                    division, short = _prefer(hits)
                    found.append(PlaceMatch(i, i + length, division, short))
                    i += length
                    break
            else:
                i += 1
        return found

    def parent(self, division: Division) -> Division | None:
        return self.by_code.get(division.parent) if division.parent else None

    def prefecture_of(self, division: Division) -> Division | None:
        """The prefecture-level division a division is in (itself for a prefecture)."""
        while division is not None and division.level == "county":
            division = self.parent(division)
        return division if division is not None and division.level == "prefecture" else None

    def province_of(self, division: Division) -> Division | None:
        """The province-level division a division is in (itself for a province)."""
        while division is not None and division.level != "province":
            division = self.parent(division)
        return division

    def home_city(self, texts: Iterable[str], cover: str = "") -> Division | None:
        """The city a set of texts is most about: the prefecture-level city named most often, or a
        county-level city (``某某市`` under a prefecture) named more often than its prefecture. A name
        in the ``cover`` (a digest's masthead, a page's source line: who publishes) counts three times."""
        counts: Counter[str] = Counter()
        texts = list(texts)
        found = [(text, self.find(text)) for text in texts + [cover] * COVER_WEIGHT if text]
        visitors = {self._city_code(m.division) for text, matches in found for m in matches
                    if VISITING_US.search(text, m.end, _clause_end(text, m.end))}  # 某市代表团来我市: theirs
        for text, matches in found:
            for match in matches:
                division = match.division
                if self._city_code(division) in visitors:
                    continue
                if division.level == "prefecture":
                    counts[division.code] += 2
                elif division.level == "county" and not match.short:  # a county names its city too
                    prefecture = self.prefecture_of(division)
                    if prefecture is not None:
                        counts[prefecture.code] += 1
                    written = text[match.start:match.end]
                    if written.endswith("市") and (written == division.name or division.name.endswith("县")):
                        counts[division.code] += 2  # its own name or the city a county became (not 合作区)
        return self.by_code[min(counts, key=lambda code: (-counts[code], code))] if counts else None

    def _city_code(self, division: Division) -> str:
        """The code of the prefecture a division is in (itself for a prefecture or province)."""
        prefecture = self.prefecture_of(division)
        return prefecture.code if prefecture is not None else division.code

    def home_county(self, texts: Iterable[str], city: Division | None) -> Division | None:
        """The county, district or banner a set of texts is about, when they write its own bodies or
        head bare (``县委``, ``县长`` for a 县; ``区委``, ``区长`` for a 区; ``旗委`` for a 旗): the division of
        that kind named most often in full (a tie goes to the one named first), inside the home city
        when there is one, and named at least as often as that city. A city's digest that names its
        counties (and now and then one's bodies bare) has no home county."""
        texts = list(texts)
        joined = "\n".join(texts)
        ends = {m.end for m in self.find(joined) if m.division.level == "county"}
        kinds = {m.group(1) for m in BARE_COUNTY_BODY.finditer(joined) if m.end(1) not in ends}  # not 某某县委
        if not kinds:
            return None
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        city_named = 0
        for match in self.find(joined):
            division, written = match.division, joined[match.start:match.end]
            city_named += division == city and not match.short
            if division.level != "county" or match.short or written[-1] not in kinds:
                continue
            if city is None or self.prefecture_of(division) in (city, None) or division == city:
                counts[division.code] += 1
                first.setdefault(division.code, match.start)
        if not counts:
            return None
        best = min(counts, key=lambda code: (-counts[code], first[code]))
        if city is not None and self.by_code[best] != city and counts[best] < city_named:
            return None  # a city's own news that names a county's bodies in an item: no home county
        return self.by_code[best]

    def written_name(self, division: Division, texts: Iterable[str]) -> str:
        """The name a division's bodies are written with: its own full name, or the renamed form the texts
        use (``神木市`` for the table's ``神木县``; a short form such as ``某某州`` is written out in full)."""
        counts: Counter[str] = Counter()
        for text in texts:
            for match in self.find(text):
                if match.division == division and not match.short:
                    counts[text[match.start:match.end]] += 1
        renamed = [form for form in counts if form[-1] != division.name[-1] and form[-1] in COUNTY_SUFFIXES
                   and division.level == "county"]
        best = max(renamed, key=lambda f: (counts[f], f)) if renamed else None
        return best if best and counts[best] > counts[division.name] else division.name  # (鹿邑区位优越: no 鹿邑区)

    def body_place(self, division: Division, written: str | None = None) -> str:
        """The place a body's full name carries: a district's or a municipality's county carries its city
        (``某市某某区``: 中共某市某某区委员会), other divisions their own name (中共某某县委员会)."""
        name = written or division.name
        parent = self.parent(division)
        if division.level == "county" and parent is not None and not name.startswith(parent.name) and (
                name.endswith("区") or (parent.level == "province" and parent.name.endswith("市"))):
            return parent.name + name
        return name

    def home_province(self, texts: Iterable[str]) -> Division | None:
        """The province a set of texts names most often (for a province's news, which names no city)."""
        counts: Counter[str] = Counter()
        for text in texts:
            for match in self.find(text):
                province = self.province_of(match.division)
                if province is not None and (not match.short or match.division.level == "province"):
                    counts[province.code] += 1
        return self.by_code[min(counts, key=lambda code: (-counts[code], code))] if counts else None


@cache
def _nations() -> tuple[str, ...]:
    """The 56 ethnic groups' names (``回族``, ``维吾尔族``…), longest first, to strip from names."""
    text = resources.files("cpca").joinpath("resources", "56_nations.csv").read_text(encoding="utf-8")
    names = {line.split(",")[0].strip() for line in text.splitlines()[1:] if line.strip()}
    names |= {n[:-1] for n in names if n.endswith("族") and len(n) > 2}  # 壮族自治区 is written 壮族; 回族 too
    return tuple(sorted((n for n in names if n), key=len, reverse=True))


def _prefer(hits: list[tuple[Division, bool]]) -> tuple[Division, bool]:
    """A full name over a short one, then the higher level, then the lower code (deterministic)."""
    return min(hits, key=lambda h: (h[1], LEVELS.index(h[0].level), h[0].code))


def _level_and_parent(code: str) -> tuple[str, str | None]:
    if code[2:6] == "0000":
        return "province", None
    if code[4:6] == "00":
        return "prefecture", code[:2] + "0" * (len(code) - 2)
    return "county", code[:4] + "0" * (len(code) - 4)


@cache
def load_gazetteer() -> Gazetteer:
    """The divisions shipped with ``cpca`` (cached)."""
    text = resources.files("cpca").joinpath("resources", "adcodes.csv").read_text(encoding="utf-8")
    rows = [row for row in csv.DictReader(text.splitlines())
            if len(row["name"]) >= 2 and row["name"] not in PSEUDO_DIVISIONS and not row["name"].endswith("直辖县级行政区划")]
    codes = {row["adcode"] for row in rows}
    divisions = []
    for row in rows:  # (groupings in the code table, 市辖区 and the like, are no places)
        level, parent = _level_and_parent(row["adcode"])
        if parent is not None and parent not in codes:  # counties of a municipality hang on the province
            parent = row["adcode"][:2] + "0" * (len(row["adcode"]) - 2)
        divisions.append(Division(row["adcode"], row["name"], level, parent,
                                  float(row["longitude"] or 0), float(row["latitude"] or 0)))
    return Gazetteer(divisions)


#: Endings of the township-level names taken from the table (towns, townships, sub-districts, sums).
TOWNSHIP_ENDINGS = ("镇", "乡", "街道", "苏木")
TOWNSHIP_LINE = re.compile(r"^\t\t\t([^\t\r\n]+)\r?$", re.MULTILINE)


class Townships:
    """Township-level divisions (镇, 乡, 街道, 苏木) by name, from ``jionlp``'s ``china_location`` table
    (the whole hierarchy down to villages, shipped in the package): the gazetteer of counties stops
    a level above them. Longest-match search in text, as :meth:`Gazetteer.find`."""

    def __init__(self, names: Iterable[str]):
        self.names = frozenset(n for n in names if len(n) >= 3 and n.endswith(TOWNSHIP_ENDINGS))
        self._found: dict[str, tuple[tuple[int, int], ...]] = {}
        self._longest_from: dict[str, int] = {}
        for name in self.names:
            self._longest_from[name[0]] = max(len(name), self._longest_from.get(name[0], 0))

    def find(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of the township names in ``text``, longest first, left to right (the last texts
        cached, as :meth:`Gazetteer.find`'s)."""
        return cached_scan(self._found, text, self._scan)

    def _scan(self, text: str) -> list[tuple[int, int]]:
        found, i, n = [], 0, len(text)
        while i < n:
            longest = self._longest_from.get(text[i], 0)
            for length in range(min(longest, n - i), 2, -1):
                if text[i:i + length] in self.names:
                    found.append((i, i + length))
                    i += length
                    break
            else:
                i += 1
        return found


@cache
def load_townships() -> Townships:
    """The township table (cached; read from the installed package's zip, without importing it)."""
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        return Townships(())
    path = f"{spec.submodule_search_locations[0]}/dictionary/china_location.zip"
    with zipfile.ZipFile(path) as archive:
        text = archive.read("china_location.txt").decode("utf-8")
    return Townships(TOWNSHIP_LINE.findall(text))
