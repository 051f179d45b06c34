"""Stage 2 — segment: split a document into news items with headline, section, date and text.

A digest is a cover, a table of contents (TOC), then a body of section
headings and items written ``headline 12月6日，body…``. Page breaks cut items,
headlines and even dates in two; lines that do not close their sentence are
joined to the next. Items are found from structure alone — a headline-shaped
run of text at the start of a paragraph followed by a date — and cross-checked
against the TOC, whose entries also recover items that state no date. A
document with neither TOC nor item structure is a single article.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.records import Item, Problem, RawDocument, Segmented, Source
from kg.segment.lines import first_date, is_title
from kg.text.dates import ITEM_DATE, RELATIVE_START, DateError, Period, date_from_match, infer_period
from kg.text.normalize import CJK, SENTENCE_END, clean_line, compare_key, is_open, join_text
from kg.text.simplify import to_simplified

TOC_START = re.compile(r"^\s*(?:目\s*录|目\s*次|contents)(?:\s|$)", re.IGNORECASE)
#: A TOC entry as written: ``headline.....\t12``, ``- headline 12``.
TOC_ENTRY = re.compile(r"^\s*(?:[-–•·●○▪◦]\s+)?(?P<title>.+?)(?:\s*[.…·．]{3,}\s*|\s+)(?P<page>\d{1,3})\s*$")
#: A decorated TOC section heading: ``◆◆◆ 特别关注 ◆◆◆``.
TOC_SECTION = re.compile(r"^\s*[◆◇■□●★☆▲△◎]+\s*(?P<name>.+?)\s*[◆◇■□●★☆▲△◎]+\s*$")
ANY_WORD = re.compile(rf"[{CJK}0-9A-Za-z]")
HEADING_TEXT = re.compile(rf"^[{CJK}·]{{2,8}}$")
#: Decorations around a heading's name: ``一、时政``, ``（一）领导活动``, ``【经济】``, ``■ 文化 ■``.
HEADING_DECORATION = re.compile(r"^(?:(?P<major>[一二三四五六七八九十]+[、.．])|(?P<minor>[（(][一二三四五六七八九十]+[)）])|"
                                r"[【\[]|[■◆◇●★☆▲△◎]+)\s*(?P<name>.+?)\s*(?:[】\]]|[■◆◇●★☆▲△◎]+)?$")
#: Bullets and numbers before a headline: ``1.``, ``2、``, ``●``.
TITLE_BULLET = re.compile(r"^(?:\d{1,3}[.、．]\s*|[●◆■★▲◎•]\s*)")
LETTER_SPACED = re.compile(rf"^[{CJK}](?: [{CJK}])+$")
#: A line that is only a page number: ``5``, ``- 5 -``, ``第5页``, ``5/32``.
PAGE_NUMBER = re.compile(r"^[-—–·\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*/\s*\d{1,4})?[-—–·\s]*$")
RUNNING_HEAD_PAGES = 3
MAX_TOC_LINE = 200


@dataclass
class TocEntry:
    """One TOC entry; ``wrapped`` holds a preceding line that may be its first half."""

    title: str
    page: int | None
    section: str | None
    subsection: str | None
    wrapped: str | None = None

    @property
    def full_title(self) -> str:
        """The title with its wrapped first line prepended, when there is one."""
        return (self.wrapped or "") + self.title


@dataclass
class Toc:
    """The table of contents: its line range, entries and heading names with their level."""

    start: int
    end: int
    entries: list[TocEntry] = field(default_factory=list)
    headings: dict[str, str] = field(default_factory=dict)  # name -> "section" | "subsection"


@dataclass
class Para:
    """A paragraph of the normalised body: page-broken lines joined again."""

    start: int
    text: str
    page: int | None
    heading: str | None = None  # "section" | "subsection" when the paragraph is a heading


@dataclass
class Start:
    """Where an item begins: the paragraph, headline span, and the date that closes the headline."""

    para: int
    title_start: int
    title_end: int
    date: re.Match[str] | None


def segment_digest(doc: RawDocument, *, digest_id: str, year: int | None = None, month: int | None = None,
                   published: str | None = None) -> Segmented | None:
    """Split a digest into items; None when the document turns out to be one article (the article reader's)."""
    problems: list[Problem] = []
    raw = [line.text for line in doc.lines]
    toc = find_toc(raw)
    body_from = toc.end if toc else 0
    cover = "\n".join(clean_line(t) for t in raw[: toc.start if toc else 0])
    text, paras = build_body(doc, body_from, toc)
    starts = find_item_starts(text, paras)
    if toc:
        starts = add_undated_toc_items(text, paras, starts, toc)
    matches = [s.date for s in starts if s.date is not None and "month" in s.date.re.groupindex]
    found = infer_period(Path(doc.path).name, cover, matches, text)
    if not toc and is_article(paras, starts):
        return None
    period = Period(year if year is not None else found.year, month if month is not None else found.month)
    if period.year is None:
        problems.append(Problem(doc.path, "the year of this document is unknown (no year in the file "
                                "name, cover or text); dates are null — pass --year"))
    items = build_items(doc, text, paras, starts, digest_id, period, problems)
    if toc:
        problems.extend(cross_check(doc.path, toc, items))
    if not items:
        problems.append(Problem(doc.path, "no news item found (no headline followed by a date, "
                                "no table of contents, no text)", severity="error"))
    return Segmented(digest_id, items, text, problems, (period.year, period.month))


def is_article(paras: list[Para], starts: list[Start]) -> bool:
    """One item start at most, or none after the first body paragraph: one article, not a digest.

    An article's kicker, headline and subtitle may look like headlines of their own; a digest
    has headline-and-date starts all through its body.
    """
    body = next((k for k, p in enumerate(paras) if not p.heading and any(ch in p.text for ch in SENTENCE_END)
                 and len(p.text) >= 20), len(paras))
    if len(starts) <= 1 or not any(s.para > body for s in starts):
        return True
    first = compare_key(paras[starts[0].para].text[:starts[0].title_end - paras[starts[0].para].start])
    return any(compare_key(paras[s.para].text).startswith(first) for s in starts[1:2])  # a summary, then the headline again


def digest_id_from_path(path: str) -> str:
    """``luoyang-digest-2023-12.txt`` → ``luoyang-2023-12``: the file stem without the word digest."""
    stem = Path(path).stem
    return re.sub(r"[-_ ]*digest[-_ ]*", "-", stem, flags=re.IGNORECASE).strip("-_ ") or stem


def find_toc(raw: list[str]) -> Toc | None:
    """Locate the table of contents and parse its entries and headings."""
    start = next((i for i, t in enumerate(raw[: max(40, len(raw) // 3)]) if TOC_START.match(to_simplified(t))), None)
    if start is None:
        return None
    toc = Toc(start, start + 1)
    section = subsection = None
    fragment: str | None = None
    for i in range(start + 1, len(raw)):
        line = raw[i].strip()
        if not ANY_WORD.search(line):
            continue  # blank, or a rule of dashes
        cleaned = clean_line(line)
        if "。" in cleaned or len(cleaned) > MAX_TOC_LINE:
            break
        if line.isdigit() and fragment is not None:  # a page number wrapped onto its own line
            toc.entries.append(TocEntry(fragment, int(line), section, subsection))
            fragment, toc.end = None, i + 1
            continue
        decorated = TOC_SECTION.match(line)
        entry = TOC_ENTRY.match(line)
        if decorated:
            section, subsection = clean_line(decorated.group("name")).replace(" ", ""), None
            toc.headings[section] = "section"
        elif HEADING_TEXT.match(heading_name(cleaned)[0]):
            name = heading_name(cleaned)[0]
            if toc.entries and toc.headings.get(name) == "section":
                break  # the body repeats the first section heading: the TOC is over
            subsection = name
            toc.headings.setdefault(name, "subsection")
        elif entry:
            toc.entries.append(TocEntry(clean_line(entry.group("title")), int(entry.group("page")),
                                        section, subsection, fragment))
            fragment = None
            toc.end = i + 1
            continue
        else:
            if fragment is not None:  # two unnumbered lines in a row: the first is an entry of its own
                toc.entries.append(TocEntry(fragment, None, section, subsection))
            fragment = cleaned
            continue
        if fragment is not None:
            toc.entries.append(TocEntry(fragment, None, section, subsection))
            fragment = None
    if toc.headings and "section" not in toc.headings.values():  # one level of headings: they are sections
        toc.headings = dict.fromkeys(toc.headings, "section")
        toc.entries = [replace(e, section=e.subsection, subsection=None) for e in toc.entries]
    return toc if toc.entries else None


def build_body(doc: RawDocument, body_from: int, toc: Toc | None) -> tuple[str, list[Para]]:
    """The normalised document text and its body paragraphs (page-broken lines rejoined)."""
    head = [clean_line(line.text) for line in doc.lines[:body_from]]
    text = "\n".join(t for t in head if t)
    lines = [(clean_line(line.text), line.text, line.page) for line in doc.lines[body_from:]]
    lines = [entry for entry in lines if entry[0]]
    lines = _without_page_furniture(lines)
    headings = _classify_headings(lines, toc)
    paras: list[Para] = []
    for k, (cleaned, _raw, page) in enumerate(lines):
        joins = paras and paras[-1].heading is None and headings[k] is None and is_open(paras[-1].text) \
            and not MASTHEAD.search(paras[-1].text) and not MASTHEAD.search(cleaned)
        if joins:
            sep = join_text(paras[-1].text, cleaned)
            paras[-1].text += sep + cleaned
            text += sep + cleaned
            continue
        if text:
            text += "\n"
        paras.append(Para(len(text), cleaned, page, headings[k]))
        text += cleaned
    return text, paras


#: A masthead or period line of a digest with no contents (``某市领导活动月报``, ``2022年1月``,
#: ``2024年第5期（总第87期）``): a paragraph of its own, never glued onto the first headline.
MASTHEAD = re.compile(r"^(?:\d{4}\s*年\s*(?:\d{1,2}\s*月(?:份)?|第\s*\d+\s*期)\s*(?:[（(]总第\s*\d+\s*期[)）])?"
                      r"|第\s*\d+\s*期|[（(]?总第\s*\d+\s*期[)）]?)$"
                      r"|(?:月报|周报|简报|专报|快报|动态|要情|政务信息|工作信息|大事记)$")


def _without_page_furniture(lines: list[tuple[str, str, int | None]]) -> list[tuple[str, str, int | None]]:
    """Drop what a PDF repeats on its pages: page numbers (``- 5 -``, ``第5页``) and running heads
    (a short line without a sentence end, written on three or more pages)."""
    counts: dict[str, set] = {}
    for cleaned, _raw, page in lines:
        counts.setdefault(cleaned, set()).add(page)
    running = {c for c, pages in counts.items()
               if len(pages) >= RUNNING_HEAD_PAGES and None not in pages and len(c) <= 40
               and not any(ch in c for ch in SENTENCE_END)}
    return [entry for entry in lines if not PAGE_NUMBER.match(entry[0]) and entry[0] not in running]


def _classify_headings(lines: list[tuple[str, str, int | None]], toc: Toc | None) -> list[str | None]:
    """Mark each body line that is a section or subsection heading.

    A line is a heading when the TOC names it, or when it is short, all Chinese
    characters, letter-spaced or followed by an item, and not followed by a
    date (which would make it a headline). Levels the TOC does not give come
    from layout: a heading directly followed by another is a section over a
    subsection; a lone heading is a subsection once the section has any.
    """
    marks: list[str | None] = [None] * len(lines)
    for k, (cleaned, raw, _page) in enumerate(lines):
        name, numbered = heading_name(cleaned)
        if toc and name in toc.headings:
            marks[k] = toc.headings[name]
            continue
        if not HEADING_TEXT.match(name):
            continue
        if numbered:
            marks[k] = numbered
            continue
        following = [c for c, _r, _p in lines[k + 1:k + 3]]
        if following and (ITEM_DATE.match(following[0]) or RELATIVE_START.match(following[0])):
            continue
        letter_spaced = bool(LETTER_SPACED.match(raw.strip()))
        if letter_spaced or ITEM_DATE.search("".join(following)):
            marks[k] = "heading"
    has_sub = False
    for k, mark in enumerate(marks):
        if mark != "heading":
            has_sub = has_sub or mark == "subsection"
            has_sub = False if mark == "section" else has_sub
            continue
        nxt = marks[k + 1] if k + 1 < len(marks) else None
        if nxt in ("heading", "subsection"):
            marks[k], has_sub = "section", False
        elif has_sub or (k > 0 and marks[k - 1] == "section"):
            marks[k], has_sub = "subsection", True
        else:
            marks[k] = "section"
    return marks


def heading_name(line: str) -> tuple[str, str | None]:
    """A heading's name without decoration or letter-spacing, and the level its numbering implies."""
    found = HEADING_DECORATION.match(line)
    if not found:
        return line.replace(" ", ""), None
    level = "section" if found.group("major") else "subsection" if found.group("minor") else None
    return found.group("name").replace(" ", ""), level


def find_item_starts(text: str, paras: list[Para]) -> list[Start]:
    """Paragraphs that open an item: a headline, then a date (or a relative time word) and a comma."""
    starts: list[Start] = []
    for k, para in enumerate(paras):
        if para.heading:
            continue
        date = first_date(para.text)
        if date is None:
            continue
        bullet = TITLE_BULLET.match(para.text)
        skip = bullet.end() if bullet else 0
        title = para.text[skip: date.start()].strip()
        if title.startswith("【") and title.endswith("】"):  # 【headline】 date，
            skip, title = skip + 1, title[1:-1]
        if title and is_title(title):
            starts.append(Start(k, para.start + skip, para.start + skip + len(title), date))
        elif not title and k > 0 and _title_paragraph(paras, k - 1, starts):
            prev = paras[k - 1]
            starts.append(Start(k - 1, prev.start, prev.start + len(prev.text), date))
    return starts


def _title_paragraph(paras: list[Para], k: int, starts: list[Start]) -> bool:
    """True when paragraph k can be the headline of the date paragraph after it."""
    para = paras[k]
    taken = bool(starts) and starts[-1].para == k
    return not para.heading and not taken and is_title(para.text) and len(para.text) <= 80


def add_undated_toc_items(text: str, paras: list[Para], starts: list[Start], toc: Toc) -> list[Start]:
    """TOC entries with no dated body item: find a paragraph that opens with their headline."""
    found = {compare_key(text[s.title_start:s.title_end]) for s in starts}
    in_title = {s.para for s in starts}
    extra: list[Start] = []
    for entry in toc.entries:
        title = entry.full_title
        key = compare_key(title)
        if not key or key in found or any(_titles_match(key, f) for f in found):
            continue
        for k, para in enumerate(paras):
            if para.heading or k in in_title:
                continue
            head = compare_key(para.text[: len(title) + 20])
            if head.startswith(key) and (k == 0 or not is_open(paras[k - 1].text) or paras[k - 1].heading):
                cut = _cut_after_key(para.text, key)
                extra.append(Start(k, para.start, para.start + cut, None))
                in_title.add(k)
                found.add(key)
                break
    return sorted(starts + extra, key=lambda s: s.title_start)


def _cut_after_key(text: str, key: str) -> int:
    """The offset in ``text`` just after the characters that make up ``key`` (spaces skipped)."""
    n = 0
    for i, ch in enumerate(text):
        if not ch.isspace():
            n += len(compare_key(ch))
        if n >= len(key):
            return i + 1
    return len(text)


def build_items(doc: RawDocument, text: str, paras: list[Para], starts: list[Start],
                digest_id: str, period: Period, problems: list[Problem]) -> list[Item]:
    """Turn item starts into items: text up to the next item or heading, date, section, source."""
    items: list[Item] = []
    boundaries = sorted({s.title_start for s in starts} | {p.start for p in paras if p.heading})
    section = subsection = None
    heading_at = {p.start: p for p in paras if p.heading}
    cursor = 0
    for n, start in enumerate(starts, 1):
        for offset in sorted(o for o in heading_at if cursor <= o < start.title_start):
            para = heading_at[offset]
            if para.heading == "section":
                section, subsection = heading_name(para.text)[0], None
            else:
                subsection = heading_name(para.text)[0]
        cursor = start.title_start
        end = next((b for b in boundaries if b > start.title_start), len(text))
        item_id = f"{digest_id}#{n:03d}"
        title = text[start.title_start:start.title_end].strip()
        date = _item_date(start.date, period, doc.path, item_id, title, problems)
        page = next((p.page for p in reversed(paras) if p.start <= start.title_start), None)
        body = text[start.title_start:end].rstrip()
        items.append(Item(item_id, section, subsection, title, date, body,
                          Source(Path(doc.path).name, start.title_start, start.title_start + len(body), page)))
    return items


def _item_date(match: re.Match[str] | None, period: Period, path: str, item_id: str, title: str,
               problems: list[Problem]) -> str | None:
    """The ISO date of an item's opening date, or None with a problem reported."""
    if match is None:
        problems.append(Problem(path, f"no date in the item (headline {title!r}); date is null", item_id))
        return None
    if "month" not in match.re.groupindex:
        return None  # a relative word (近日, 日前): the item states no calendar date
    try:
        return date_from_match(match, period)
    except DateError as exc:
        problems.append(Problem(path, f"impossible date {match.group(0).rstrip('，,')!r}: {exc}; "
                                "date is null", item_id))
        return None


def cross_check(path: str, toc: Toc, items: list[Item]) -> list[Problem]:
    """Match TOC entries to body items; report every entry or item left unmatched."""
    unmatched = {i: compare_key(item.title) for i, item in enumerate(items)}
    problems: list[Problem] = []
    for entry in toc.entries:
        for keys in ([compare_key(entry.full_title)],
                     [compare_key(entry.wrapped or ""), compare_key(entry.title)] if entry.wrapped else []):
            keys = [k for k in keys if k]
            if keys and _match_all(keys, unmatched):
                break
        else:
            problems.append(Problem(path, f"TOC entry with no body item: {entry.full_title!r}"
                                    + (f" (page {entry.page})" if entry.page else "")))
    for i in sorted(unmatched):
        problems.append(Problem(path, f"body item missing from the table of contents: {items[i].title!r}",
                                items[i].id))
    return problems


def _match_all(keys: list[str], unmatched: dict[int, str]) -> bool:
    """Match every key to a distinct unmatched item; remove them only when all match."""
    chosen: list[int] = []
    for key in keys:
        hit = next((i for i, title in unmatched.items() if i not in chosen and _titles_match(key, title)), None)
        if hit is None:
            return False
        chosen.append(hit)
    for i in chosen:
        del unmatched[i]
    return True


def _titles_match(a: str, b: str) -> bool:
    """Same headline, allowing for TOC truncation and small PDF differences."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 8 and long_.startswith(short) and len(short) >= 0.7 * len(long_):
        return True
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.9
