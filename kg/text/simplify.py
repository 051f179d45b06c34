"""Traditional → simplified characters, one character for one, so offsets stay aligned.

Extraction runs on the simplified text; every string reported is cut from the
original text at the same offsets, so it is written as in the input. The map
is OpenCC's ``TSCharacters`` table (first candidate of each entry).
"""
from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def _table() -> dict[int, str]:
    text = resources.files("opencc").joinpath("dictionary", "TSCharacters.txt").read_text(encoding="utf-8")
    table: dict[int, str] = {}
    for line in text.splitlines():
        source, _, targets = line.partition("\t")
        target = targets.split(" ")[0] if targets else ""
        if len(source) == 1 and len(target) == 1 and source != target:
            table[ord(source)] = target
    return table


def to_simplified(text: str) -> str:
    """The same text in simplified characters, exactly as long as the input."""
    return text.translate(_table())


@cache
def _back_table() -> dict[str, tuple[str, ...]]:
    """Simplified character → its traditional candidates (OpenCC's ``STCharacters``), most usual first."""
    text = resources.files("opencc").joinpath("dictionary", "STCharacters.txt").read_text(encoding="utf-8")
    table: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        source, _, targets = line.partition("\t")
        if len(source) == 1 and targets:
            table[source] = tuple(t for t in targets.split(" ") if len(t) == 1)
    return table


#: The share of a text's characters that simplifying changes above which it is written in traditional script.
TRADITIONAL_SHARE = 0.04


def is_traditional(text: str) -> bool:
    """True when ``text`` is written in traditional characters (enough of them differ from simplified)."""
    changed = sum(1 for a, b in zip(text, to_simplified(text)) if a != b)
    return changed >= 2 and changed >= TRADITIONAL_SHARE * len(text)


def to_script_of(text: str, like: str) -> str:
    """``text`` (simplified) written in ``like``'s script: unchanged when ``like`` is simplified; else each
    character in the traditional form ``like`` uses for it, or the table's most usual one.

    >>> to_script_of("中共某市委员会", "某市長會見")
    '中共某市委員會'
    """
    if not is_traditional(like):
        return text
    seen = set(like)
    table = _back_table()
    out = []
    for ch in text:
        candidates = table.get(ch, ())
        out.append(next((c for c in candidates if c in seen), candidates[0] if candidates else ch))
    return "".join(out)
