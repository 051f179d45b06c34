"""Chronicles (大事记): one item per dated entry.

A yearbook's or a site's chronicle is a title, month headings (``十二月``,
``12月``) and entries that open with their day: ``12月1日，…``, ``1日，…``,
``1日text``, the day alone on a line (``6日``, ``6—7日``) above a body that may
be hard-wrapped, a day header with its weekday (``△12月8日(星期二)``) over one
entry per line, ``△`` for another entry of the same day, ``是日``/``同日``/``当日``
for the previous entry's day. An entry's title is its first clause; its date
is the first day of a range (``1日~2日``, ``1月4—8日``, ``7月3日至5日``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg.records import Item, Problem, RawDocument, Segmented, Source
from kg.segment.lines import furniture, is_title
from kg.text.dates import DIGIT as _D
from kg.text.dates import FULL_DATE, DateError, Period, infer_period, iso_date, year_for_month
from kg.text.normalize import CLOSING, SENTENCE_END, clean_line, join_text
from kg.text.simplify import to_simplified

_DASH = r"(?:—{1,2}|–|-|~|～|至|到)"
_WEEKDAY = r"(?:\s*[（(]?(?:星期|周|礼拜)[一二三四五六日天][)）]?)"
_PART_OF_DAY = r"(?:上午|下午|晚上|晚间|晚|早上|凌晨|中午|傍晚|夜间|前后|期间)"
_CHINESE_MONTH = "一二三四五六七八九十"
#: An entry's opening date at the start of a line (after a ``△`` mark or a stray time stamp).
ENTRY_DATE = re.compile(
    rf"^(?P<lead>[△▲◆●■○◇□•·\s]*(?:{_D}{{1,2}}:{_D}{{2}}(?::{_D}{{2}})?)?)"
    rf"(?:(?P<year>{_D}{{4}})年)?(?:(?P<month>{_D}{{1,2}})月)?(?P<day>{_D}{{1,2}})(?:日|号|(?={_DASH}))"
    rf"(?:{_DASH}(?:{_D}{{1,2}}月)?{_D}{{1,2}}[日号]?)?{_WEEKDAY}?{_PART_OF_DAY}?"
    rf"(?P<sep>[，,、：:\s]*)"
)
#: An entry dated by its month alone: ``4月上旬``, ``4月``, ``2021年4月中旬`` followed by its text.
MONTH_ENTRY = re.compile(rf"^(?:(?P<year>{_D}{{4}})年)?(?P<month>{_D}{{1,2}})月"
                         r"(?:上旬|中旬|下旬|上半月|下半月|初|中|底|末|份|间)?(?P<sep>[，,、：:\s]+)(?=\S)")
#: Words that open an entry of the current month: ``是月``, ``本月``.
SAME_MONTH = re.compile(r"^[△▲]?\s*(?:是月|本月|当月|同月)[，,、：:\s]*")
#: Words that open another entry of the previous entry's day.
SAME_DAY = re.compile(r"^[△▲]?\s*(?:是日|同日|当日|当天|同天)[，,、：:\s]*")
MARK = re.compile(r"^[△▲]\s*")
#: A month heading: ``十二月``, ``12月``, ``2022年12月``, ``【一月】``.
MONTH_HEADING = re.compile(rf"^[【\[◆■●★（(]?\s*(?:(?P<year>{_D}{{4}})\s*年\s*)?"
                           rf"(?P<month>{_D}{{1,2}}|[{_CHINESE_MONTH}]{{1,3}})\s*月份?\s*[】\]◆■●★)）]?$")
#: A year heading in a chronicle of several years: ``2022年``.
YEAR_HEADING = re.compile(rf"^[【\[◆■●★（(]?\s*(?P<year>(?:19|20){_D}{{2}})\s*年\s*[】\]◆■●★)）]?$")
#: A byline closing the chronicle: ``（某某）``, ``（撰稿：某某）``.
BYLINE = re.compile(r"^[（(][^（()）]{1,16}[)）]$")
#: What names a document a chronicle.
CHRONICLE_CUE = re.compile(r"大事记|大事纪|纪事|大事要闻|工作动态|日志")
TITLE_END = re.compile(r"[，,。；;！？!?]")
MAX_TITLE = 40
MIN_ENTRIES = 3
MIN_SHARE = 0.15
WRAP_SHARE = 0.4
MIN_WRAP = 24  # hard wraps seen are at 30 to 45 characters


def month_number(text: str) -> int | None:
    """``12`` or ``十二`` → 12."""
    if text.isdigit():
        return int(text)
    values = {ch: k for k, ch in enumerate(_CHINESE_MONTH, 1)}
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + values.get(text[1:], 0) if len(text) == 2 else None
    return values.get(text) if len(text) == 1 else None


def entry_date(line: str) -> re.Match[str] | None:
    """The date opening a chronicle entry, or None (``10家企业`` is no date: it needs 日)."""
    match = ENTRY_DATE.match(to_simplified(line))
    if match is None or not 1 <= int(match.group("day")) <= 31:
        return None
    if match.group("month") and not 1 <= int(match.group("month")) <= 12:
        return None
    return match


def looks_like_chronicle(lines: list[str], name: str) -> bool:
    """Many lines open with a day and few of them sit under a headline: a chronicle, not a digest."""
    texts = [clean_line(t) for t in lines]
    texts = [t for t in texts if t]
    dated = [k for k, t in enumerate(texts) if entry_date(t)]

    def under_a_headline(k: int) -> bool:  # a digest's ``headline`` line over ``5月3日，body``
        line, above = texts[k], texts[k - 1]
        alone = not line[entry_date(line).end():].strip()
        return (k > 1 and not alone and is_title(above) and not _is_heading(above) and not entry_date(above)
                and not CHRONICLE_CUE.search(to_simplified(above)))

    under_headline = sum(1 for k in dated if under_a_headline(k))
    own = len(dated) - under_headline
    cue = bool(CHRONICLE_CUE.search(to_simplified(" ".join(texts[:5]) + name)))
    enough = own >= MIN_ENTRIES or (cue and own >= 1)
    return enough and own > under_headline and (cue or own >= MIN_SHARE * len(texts))


def _is_heading(line: str) -> bool:
    match = MONTH_HEADING.match(to_simplified(line))
    return bool(match) and month_number(match.group("month")) is not None


@dataclass
class _Entry:
    """An entry being read: where its text starts and ends in the normalised text, its day, its month."""

    start: int
    end: int
    date: str | None
    section: str | None


def segment_chronicle(doc: RawDocument, *, digest_id: str, year: int | None = None, month: int | None = None,
                      published: str | None = None) -> Segmented:
    """Split a chronicle into one item per dated entry."""
    problems: list[Problem] = []
    cleaned = [clean_line(line.text) for line in doc.lines]
    lines = [line for line in cleaned if line]
    #: lines that follow a blank line: a paragraph of their own, whatever the wrap width says
    after_blank = {k for k, n in enumerate(n for n, line in enumerate(cleaned) if line) if n and not cleaned[n - 1]}
    period = _period(doc, lines, year, month, published)
    if period.year is None:
        problems.append(Problem(doc.path, "the year of this chronicle is unknown (no year in its title, file "
                                "name or publication line); dates are null — pass --year"))
    wrap = _wrap_width(lines)
    text = ""
    entries: list[_Entry] = []
    current: _Entry | None = None
    last_date: str | None = None  # the day of the last dated entry or day header
    cur_month = period.month if month is not None or _title_month(lines) else None
    section: str | None = None
    under_header = False  # after a day header: each paragraph is an entry of that day
    previous = ""
    stuff = furniture()
    for k, line in enumerate(lines):
        simple = to_simplified(line)
        if entries and stuff.end.match(simple):
            break  # the page's footer
        if stuff.line.match(simple) or BYLINE.match(simple):
            continue  # 日期:2022-02-23, 来源：…, 【打印】, a byline（某某）
        heading = MONTH_HEADING.match(simple)
        year_heading = YEAR_HEADING.match(simple)
        dated = entry_date(line)
        paragraph_ended = bool(wrap) and previous.endswith(tuple(SENTENCE_END)) and len(previous) < wrap - 2
        full = bool(wrap) and len(previous) >= wrap - 2 and k not in after_blank \
            and not (dated and previous.endswith(tuple(SENTENCE_END)))  # cut at the wrap width (not a sentence's end
        wrapped = bool(previous) and (full or not previous.endswith(CLOSING))  # before a dated line)
        same = SAME_DAY.match(simple) or (MARK.match(simple) if entries else None)
        if current is not None and wrapped and not heading and not year_heading and (full or not (dated or same)):
            text += join_text(text, line) + line  # a line the layout wrapped: the entry goes on
            current.end = len(text)
            previous = line
            continue
        text += ("\n" if text else "") + line
        offset = len(text) - len(line)
        previous = line
        if year_heading:
            period = Period(year if year is not None else int(year_heading.group("year")), period.month)
            current, under_header, previous = None, False, ""
        elif heading and month_number(heading.group("month")):
            cur_month, section, current, under_header = month_number(heading.group("month")), line, None, False
            previous = ""
        elif dated:
            cur_month = int(dated.group("month")) if dated.group("month") else cur_month
            last_date = _resolve(dated, cur_month, period, doc.path, problems, len(entries) + 1, digest_id)
            under_header = not line[dated.end():].strip()
            current = None if under_header else _Entry(offset + dated.end(), len(text), last_date, section)
        elif same:
            current = _Entry(offset + same.end(), len(text), last_date, section)
        elif (by_month := MONTH_ENTRY.match(simple) or SAME_MONTH.match(simple)) is not None:
            if by_month.re is MONTH_ENTRY:
                cur_month = int(by_month.group("month"))
            current = _Entry(offset + by_month.end(), len(text), _month_date(by_month, cur_month, period), section)
        elif current is not None and not under_header and paragraph_ended:
            current = _Entry(offset, len(text), current.date, section)  # hard-wrapped: a paragraph is an entry
        elif current is not None and not under_header:
            current.end = len(text)  # the entry's next paragraph
            continue
        elif under_header:
            current = _Entry(offset, len(text), last_date, section)
        else:
            continue  # the chronicle's title, a breadcrumb, a publication line
        if current is not None:
            entries.append(current)
    items: list[Item] = []
    for entry in entries:
        body = text[entry.start:entry.end].strip()
        if not body:
            continue
        start = entry.start + text[entry.start:entry.end].index(body[0])
        item_id = f"{digest_id}#{len(items) + 1:03d}"
        title = TITLE_END.split(body, maxsplit=1)[0].strip()[:MAX_TITLE]
        items.append(Item(item_id, entry.section, None, title, entry.date, body,
                          Source(Path(doc.path).name, start, start + len(body), None)))
    if not items:
        problems.append(Problem(doc.path, "no dated entry found in this chronicle", severity="error"))
    return Segmented(digest_id, items, text, problems, (period.year, period.month))


def _month_date(match: re.Match[str], month: int | None, period: Period) -> str | None:
    """``YYYY-MM`` of an entry dated by its month (ANNOTATION.md: a month only gives the month)."""
    if month is None or not 1 <= month <= 12:
        return None
    year = int(match.group("year")) if "year" in match.re.groupindex and match.group("year") \
        else year_for_month(month, period)
    return f"{year:04d}-{month:02d}" if year else None


def _resolve(match: re.Match[str], month: int | None, period: Period, path: str, problems: list[Problem],
             n: int, digest_id: str) -> str | None:
    """The ISO date of an entry's opening day (the first of a range)."""
    item_id = f"{digest_id}#{n:03d}"
    if month is None:
        problems.append(Problem(path, f"day {match.group(0).strip()!r} under no month heading; date is null", item_id))
        return None
    year = int(match.group("year")) if match.group("year") else year_for_month(month, period)
    try:
        return iso_date(year, month, int(match.group("day")))
    except DateError as exc:
        problems.append(Problem(path, f"impossible date {match.group(0).strip()!r}: {exc}; date is null", item_id))
        return None


def _title_month(lines: list[str]) -> int | None:
    """A month named in the chronicle's title (``2022年1月大事记``)."""
    for line in lines[:3]:
        found = re.search(rf"(?:19|20){_D}{{2}}\s*年\s*({_D}{{1,2}})\s*月", to_simplified(line))
        if found and CHRONICLE_CUE.search(to_simplified(line)):
            return int(found.group(1))
    return None


def _period(doc: RawDocument, lines: list[str], year: int | None, month: int | None,
            published: str | None) -> Period:
    """The chronicle's year (its title, the file name, a publication line) and month (its title)."""
    found = Period(None, None)
    head = " ".join(to_simplified(t) for t in lines[:3])
    titled = re.search(rf"((?:19|20){_D}{{2}})\s*年", head)
    named = infer_period(Path(doc.path).name, "", [], "")
    if titled:
        found = Period(int(titled.group(1)), _title_month(lines))
    elif named.year:
        found = named
    else:
        for source in (published, doc.published, *lines[:8]):
            stamp = FULL_DATE.search(to_simplified(source or ""))
            if stamp:  # published on this day: a chronicle's months are at most a year before
                found = Period(int(stamp.group("year")), int(stamp.group("month")))
                break
    return Period(year if year is not None else found.year, month if month is not None else found.month)


def _wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped text was cut at, when most long lines share it."""
    lengths = [len(line) for line in lines if len(line) >= MIN_WRAP]
    if len(lengths) < 3:
        return None
    near = {width: sum(1 for n in lengths if width - 2 <= n <= width) for width in set(lengths)}
    width = max(near, key=lambda w: (near[w], w))
    return width if near[width] >= WRAP_SHARE * len(lengths) and near[width] >= 3 else None
