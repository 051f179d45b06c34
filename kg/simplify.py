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
