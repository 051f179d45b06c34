"""Knowledge as data: title lexicon, surnames, organisation suffixes, body abbreviations, cues.

Every list lives in a file under ``kg/data/``; this module only loads them. The
files hold general resources (titles, surnames, suffixes, standard
abbreviations), never names taken from a digest.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources


def data_lines(name: str) -> list[str]:
    """Non-comment, non-empty lines of a data file."""
    text = resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def data_table(name: str) -> list[dict[str, str]]:
    """Rows of a TSV data file with a header line (comments skipped)."""
    return list(csv.DictReader(data_lines(name), delimiter="\t"))


@dataclass(frozen=True)
class Lexicon:
    """All rule resources, loaded once."""

    titles: dict[str, str]            # title -> kind (government, party, other)
    bodies: dict[str, str]            # abbreviation -> canonical template ({city}, {province})
    bodies_as_written: frozenset[str]  # abbreviations a post's body keeps as written (团市委, 市纪委)
    body_mentions: frozenset[str]     # abbreviations that name a body standing alone (市政府; not 自治区)
    place_bodies: dict[str, str]      # suffix after a place name -> template ({place})
    head_titles: dict[str, str]       # bare head-of-government title -> scope (city, province)
    surnames: frozenset[str]
    org_suffixes: tuple[str, ...]     # longest first
    org_suffix_stopwords: frozenset[str]
    org_weak_suffixes: tuple[str, ...]  # endings of a name only where the NER tags it ORG too
    legal_forms: tuple[str, ...]      # 有限公司, 股份有限公司… (longest first)
    bare_bodies: frozenset[str]       # bodies named by one word (中央), where it stands alone
    self_named_bodies: frozenset[str]  # suffixes that name a body on their own (工商联, 政协)
    kind_suffixes: tuple[str, ...]    # suffixes that after a bare place name a kind (某市学校)
    generic_org_modifiers: frozenset[str]
    facility_suffixes: tuple[str, ...]
    countries: frozenset[str]
    regions: tuple[str, ...]          # named regions (长三角, 中原), longest first
    province_abbreviations: str       # 豫, 鲁… that make a region with a direction (豫西)
    event_cues: dict[str, str]        # cue -> event type
    role_cues: dict[str, str]         # cue -> participant role
    name_boundaries: frozenset[str]   # single characters that cannot end a given name
    name_followers: tuple[str, ...]   # words that typically follow a name (verbs, 一行, 同志)
    byline_titles: tuple[str, ...]    # credits before names (记者, 通讯员, 摄影), longest first
    clause_openers: tuple[str, ...]   # function words that open a phrase before an organisation
    name_heads: tuple[str, ...]       # words that end a plan's, project's or ceremony's name (and below)
    event_heads: tuple[str, ...]      # words that head an event's or award's name (longest first)
    zone_suffixes: tuple[str, ...]    # endings of development zones (开发区), no divisions
    township_suffixes: tuple[str, ...]  # 镇, 乡, 街道: township-level places the gazetteer lacks
    title_modifiers: tuple[str, ...]  # 名誉, 执行, 全球: written before a title, part of it
    name_parts: tuple[str, ...]       # 扎西, 次仁, 额尔敦: words Tibetan and Mongolian names are made of
    event_bodies: frozenset[str]      # 大会, 会议: before a title, a meeting, not a body

    @cached_property
    def event_and_zone_heads(self) -> frozenset[str]:
        """Words that end an event's or award's name, or a development zone's."""
        return frozenset(self.event_heads + self.zone_suffixes)

    @cached_property
    def head_kinds(self) -> dict[str, str]:
        """Word that ends a name -> the kind of name (``name`` of an event, project or zone, ``site``, ``body``), for
        :func:`kg.extract.spans.name_ahead`; a word in several lists takes the first kind here."""
        kinds: dict[str, str] = {}
        for kind, words in (("name", self.name_heads + self.event_heads + self.zone_suffixes),
                            ("site", self.facility_suffixes), ("body", self.org_suffixes)):
            for word in words:
                kinds.setdefault(word, kind)
        return kinds

    @cached_property
    def visit_verbs(self) -> frozenset[str]:
        """Verbs of a visit (调研, 考察 — the inspection cues): a site's name begins after them."""
        return frozenset(cue for cue, kind in self.event_cues.items() if kind == "inspection")


@cache
def load_lexicon() -> Lexicon:
    """The rule resources from ``kg/data`` (cached)."""
    by_length = lambda words: tuple(sorted(set(words), key=lambda w: (-len(w), w)))  # noqa: E731
    bodies = data_table("bodies.tsv")
    return Lexicon(
        titles={r["title"]: r["kind"] for r in data_table("titles.tsv")},
        bodies={r["abbreviation"]: r["canonical"] for r in bodies},
        bodies_as_written=frozenset(r["abbreviation"] for r in bodies if r["in_posts"] == "as_written"),
        body_mentions=frozenset(r["abbreviation"] for r in bodies if r["mention"] == "yes"),
        place_bodies={r["suffix"]: r["canonical"] for r in data_table("place_bodies.tsv")},
        head_titles={r["title"]: r["scope"] for r in data_table("head_titles.tsv")},
        surnames=frozenset(data_lines("surnames.txt")),
        org_suffixes=by_length(data_lines("org_suffixes.txt")),
        org_suffix_stopwords=frozenset(data_lines("org_suffix_stopwords.txt")),
        org_weak_suffixes=by_length(data_lines("org_weak_suffixes.txt")),
        legal_forms=by_length(data_lines("legal_forms.txt")),
        bare_bodies=frozenset(data_lines("bare_bodies.txt")),
        self_named_bodies=frozenset(data_lines("self_named_bodies.txt")),
        kind_suffixes=by_length(data_lines("kind_suffixes.txt")),
        generic_org_modifiers=frozenset(data_lines("generic_org_modifiers.txt")),
        facility_suffixes=by_length(data_lines("facility_suffixes.txt")),
        countries=frozenset(data_lines("countries.txt")),
        regions=by_length(data_lines("regions.txt")),
        province_abbreviations="".join(data_lines("province_abbreviations.txt")),
        event_cues={r["cue"]: r["event_type"] for r in data_table("event_cues.tsv")},
        role_cues={r["cue"]: r["role"] for r in data_table("role_cues.tsv")},
        name_boundaries=frozenset("".join(data_lines("name_boundaries.txt"))),
        name_followers=by_length(data_lines("name_followers.txt")),
        byline_titles=by_length(data_lines("byline_titles.txt")),
        clause_openers=by_length(data_lines("clause_openers.txt")),
        name_heads=by_length(data_lines("name_heads.txt")),
        event_heads=by_length(data_lines("event_heads.txt")),
        zone_suffixes=by_length(data_lines("zone_suffixes.txt")),
        township_suffixes=by_length(data_lines("township_suffixes.txt")),
        title_modifiers=by_length(data_lines("title_modifiers.txt")),
        name_parts=by_length(data_lines("name_parts.txt")),
        event_bodies=frozenset(data_lines("event_bodies.txt")),
    )
