"""Text clean-up shared by the segmenter: undo what PDF extraction did to Chinese text.

PDF text layers put spaces inside dates and numbers (``12 月 6 日``), between
letter-spaced heading characters (``特 别 关 注``) and around punctuation. Those
spaces go; spaces between words (``新时代 新征程 新风貌``) stay.
"""
from __future__ import annotations

import re
import unicodedata

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Full-width and CJK punctuation; a space beside one is never meaningful.
CJK_PUNCT = "，。、；：？！“”‘’《》〈〉（）【】〔〕「」『』—…·－～"
#: A line ending in one of these closes its paragraph; any other ending is a page break.
CLOSING = tuple("。！？!?；;…”’」』）)】〕")
SENTENCE_END = "。！？!?"

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
_SPACE_BY_PUNCT = re.compile(rf"\s+(?=[{CJK_PUNCT}])|(?<=[{CJK_PUNCT}])\s+")
_SPACE_CJK_ALNUM = re.compile(rf"(?<=[{CJK}])\s+(?=[0-9A-Za-z０-９])|(?<=[0-9A-Za-z%％０-９.])\s+(?=[{CJK}])")
_SPACE_IN_NUMBER = re.compile(r"(?<=\d)\s+(?=[.．/%％])|(?<=[.．/])\s+(?=\d)")
_SINGLE_CJK = re.compile(rf"^[{CJK}]$")


def clean_line(text: str) -> str:
    """Remove the spaces PDF extraction inserted; keep spaces between words."""
    text = _SPACES.sub(" ", text).strip()
    if not text:
        return ""
    text = _join_letter_spaced(text)
    text = _SPACE_BY_PUNCT.sub("", text)
    text = _SPACE_IN_NUMBER.sub("", text)
    return _SPACE_CJK_ALNUM.sub("", text)


def _join_letter_spaced(text: str) -> str:
    """``特 别 关 注`` → ``特别关注``: join runs of single CJK characters separated by spaces."""
    tokens = text.split(" ")
    out: list[str] = []
    run: list[str] = []
    for token in tokens + [""]:
        if _SINGLE_CJK.match(token):
            run.append(token)
            continue
        if run:
            if len(run) >= 2:
                out.append("".join(run))
            else:
                out.extend(run)
            run = []
        if token:
            out.append(token)
    return " ".join(out)


def is_open(line: str) -> bool:
    """True when a line does not close its paragraph (the paragraph goes on after a break)."""
    return bool(line) and not line.endswith(CLOSING)


def join_text(left: str, right: str) -> str:
    """The separator for a paragraph broken across lines: none between CJK, a space between words."""
    if left and right and left[-1].isascii() and left[-1].isalpha() \
            and right[0].isascii() and right[0].isalpha():
        return " "
    return ""


def compare_key(text: str) -> str:
    """The form in which titles are compared: NFKC, no whitespace (as the scorer does)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
