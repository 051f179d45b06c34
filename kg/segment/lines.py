"""Helpers every layout reader shares: the shape of a headline, the date that opens an item, page furniture.

May import: :mod:`kg.text`, :mod:`kg.reference.lexicon`. Imported by the digest, article and chronicle
readers, which never import each other.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.reference.lexicon import data_table
from kg.text.dates import ITEM_DATE, RELATIVE_START
from kg.text.normalize import SENTENCE_END
from kg.text.simplify import to_simplified

MIN_TITLE, MAX_TITLE = 4, 150
#: Endings that show a text run is a sentence fragment, not a headline.
NOT_A_TITLE_END = re.compile(r"(?:[，、：；,:（(]|今年|去年|明年|截至|截止|从|自|于|在|至|到|是|为|共|约)$")


def is_title(text: str) -> bool:
    """Headline shape: not too short or long, no sentence end inside, not a clause fragment."""
    return (MIN_TITLE <= len(text) <= MAX_TITLE and not any(ch in text for ch in SENTENCE_END)
            and not NOT_A_TITLE_END.search(text))


def first_date(text: str) -> re.Match[str] | None:
    """The earliest item-opening date or relative time word in a paragraph."""
    text = to_simplified(text)  # same length: offsets hold, 時/号 match as 时/号
    found = [m for m in (ITEM_DATE.search(text), RELATIVE_START.search(text)) if m]
    return min(found, key=lambda m: m.start()) if found else None


@dataclass(frozen=True)
class Furniture:
    """Page furniture patterns (``kg/data/page_furniture.tsv``)."""

    line: re.Pattern[str]
    end: re.Pattern[str]
    caption: re.Pattern[str]


@cache
def furniture() -> Furniture:
    """The patterns of ``page_furniture.tsv``, one alternation per kind (line, end, caption)."""
    rows = data_table("page_furniture.tsv")
    joined = {kind: re.compile("|".join(f"(?:{r['pattern']})" for r in rows if r["kind"] == kind))
              for kind in ("line", "end", "caption")}
    return Furniture(joined["line"], joined["end"], joined["caption"])
