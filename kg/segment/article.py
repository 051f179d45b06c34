"""Web articles: one item per article — headline, kicker and subtitle, dateline and body.

A news page, saved as text or HTML, is page furniture (breadcrumbs, source and
editor lines, print and share widgets, footers), a header (an optional kicker
line 引题, the headline, an optional subtitle 副题), then the body, which often
opens with a dateline (``本报讯（记者 甲）``, ``新华社郑州6月21日电``). The
headline is the item's ``title``; kicker and subtitle go to ``subtitle``. The
event's day (``8日``, ``昨日``) is resolved against the publication date, from
the page's metadata, a ``发布时间`` line, a date line under the headline, the
file name or ``--date``; with none of them a day stays null with a warning.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from kg.records import Item, Problem, RawDocument, Segmented, Source
from kg.reference.lexicon import load_lexicon
from kg.segment.lines import first_date, furniture, is_title
from kg.text.dateline import dateline_at_start
from kg.text.dates import (
    DAY_NUMERAL,
    FULL_DATE,
    RELATIVE_DAYS,
    DateError,
    Period,
    chinese_day,
    infer_period,
    iso_date,
    year_for_month,
)
from kg.text.dates import DIGIT as _D
from kg.text.normalize import SENTENCE_END, clean_line, compare_key
from kg.text.simplify import to_simplified

#: A byline opening the body: ``（记者 甲）``.
BYLINE_START = re.compile(r"^[（(]\s*(?:本报|本台|本网|融媒体)?(?:记者|通讯员)")
#: A byline line of its own: ``记者 甲 通讯员 乙``, ``文/图 丙``.
BYLINE = re.compile(r"^(?:本报|本台|融媒体)?(?:记者|通讯员|文[/／]图|文字|摄影|图[/／]文)\s*[:：]?\s*\S")
#: A subtitle line: ``——记某某``.
SUBTITLE = re.compile(r"^(?:——|—|--|－－)")
#: Lines that are only navigation marks (``>``, ``|``) or a bare home link.
NAVIGATION = re.compile(r"^(?:[>＞»›/|｜·•\-\s]+|首页|主页|返回)$")
#: A day in an article's first sentence: ``2023年5月7日``, ``5月7日``, ``7日``, not a dateline's date (``7日电``).
BODY_DATE = re.compile(rf"(?:(?:(?P<year>{_D}{{4}})年)?(?P<month>{_D}{{1,2}})月)?(?<![0-9０-９])(?P<day>{_D}{{1,2}})[日号]"
                       r"(?!电|讯|消息|[0-9０-９]|起|前|后|以来)")
RELATIVE_NULL = re.compile(r"日前|近日|近期|连日来|前不久|不久前")
#: Leads that set a scene before the event (连日来，受强降雨影响…): the next sentence may date it.
BACKGROUND = ("连日来", "近期")
#: A day in Chinese numerals (``十四日在北京开幕``), as Hong Kong and Taiwan papers write it.
CHINESE_BODY_DATE = re.compile(rf"(?<![一二三四五六七八九十廿卅月年])(?P<numeral>{DAY_NUMERAL})日(?!电|電|讯|訊)")
RELATIVE = re.compile("|".join(sorted(RELATIVE_DAYS, key=len, reverse=True)))
#: The day a story was filed, in a credit line at the body's start (``记者某某某地十七日电``, ``17日电``).
FILED = re.compile(rf"(?:(?P<digits>[0-9０-９]{{1,2}})|(?P<numeral>{DAY_NUMERAL}))日(?:电|電)")
FILED_WITHIN = 60
#: A page title's site suffix: ``headline_某市人民政府网``, ``headline - 某某网``.
SITE_SUFFIX = re.compile(r"\s*(?:[_|｜]|\s[-–—]\s).*$")
#: What a clause has and a publication line has not.
CLAUSE_MARKS = re.compile(r"[，,。；;！？!?、]")
MIN_KICKER = 7
MAX_HEADLINE = 40
#: A line ending like a clause (``经某会议研究决定：``, ``任命甲为某局局长；``) is no headline.
CLAUSE_ENDINGS = ("：", ":", "；", ";", "，", ",", "、")
MIN_BODY_LINE = 10
LONG_LINE = 80
HEADER_LINES = 6


def segment_article(doc: RawDocument, *, digest_id: str, year: int | None = None, month: int | None = None,
                    published: str | None = None) -> Segmented:
    """One web article → one item (or none, with an error, when there is no headline and body)."""
    problems: list[Problem] = []
    lines = [clean_line(line.text) for line in doc.lines]
    lines = [line for line in lines if line]
    page = next((line.page for line in doc.lines if line.text.strip()), None)
    pub_date, lines = _publication_date(doc, lines, published)
    header, body = _split_header(lines)
    headline, subtitle, body = _headline(header, body, doc.title)
    item_id = f"{digest_id}#001"
    if not headline and (header or body):  # no line reads as a headline: the first line is the title
        first = (header or body)[0]
        headline, subtitle, body = first, [], (header[1:] + body if header else body[1:])
        problems.append(Problem(doc.path, f"no headline found; the first line is the title: {first[:30]!r}",
                                item_id))
    if not headline or not body:
        problems.append(Problem(doc.path, "no news item found (no headline followed by a body)", severity="error"))
        return Segmented(digest_id, [], "\n".join(lines), problems, (year, month))
    text = "\n".join([headline] + subtitle + body)
    period = _period(doc.path, pub_date, year, month)
    date = article_date("\n".join(body), pub_date, period, doc.path, item_id, problems)
    if date is None and NOTICE.search(to_simplified(headline)):
        date = _notice_date(subtitle, pub_date)  # a notice: its decision's date, else the notice's own
    item = Item(item_id, None, None, headline, date, text, Source(Path(doc.path).name, 0, len(text), page),
                subtitle=" ".join(subtitle) or None)
    return Segmented(digest_id, [item], text, problems, (period.year, period.month))


#: A headline of a notice (appointments, a public notice, a decision, a document issued).
NOTICE = re.compile(r"通知|名单|公示|公告|决定|任免")


def _notice_date(subtitle: list[str], pub: dt.date | None) -> str | None:
    """A notice's date: the day its subtitle says it was adopted (``（2023年6月28日…会议通过）``), else the
    notice's own (its date line, signature or publication line)."""
    for line in subtitle:
        found = _to_date(FULL_DATE.search(to_simplified(line)))
        if found is not None:
            return found.isoformat()
    return pub.isoformat() if pub else None


def _publication_date(doc: RawDocument, lines: list[str], published: str | None) -> tuple[dt.date | None, list[str]]:
    """The page's publication date, and its lines without furniture (publication lines included)."""
    found: dt.date | None = None
    for given in (published, doc.published):
        if given and found is None:
            found = _to_date(FULL_DATE.search(given))
    kept: list[str] = []
    body_begun = False
    stuff = furniture()
    for line in lines:
        simple = to_simplified(line)
        if body_begun and stuff.end.match(simple):
            break  # the footer: related links, copyright, the site's credits
        date = _publication_line(simple)
        bare = simple.lstrip("【[（( ")  # 【字体：大 中 小】 is furniture in brackets
        if date is not None or stuff.line.match(simple) or stuff.line.match(bare) or NAVIGATION.match(simple):
            found = found or date
            continue
        kept.append(line)
        body_begun = body_begun or _is_body(simple)
    if found is None:
        found = _to_date(FULL_DATE.search(Path(doc.path).name))
    return found, kept


def _publication_line(line: str) -> dt.date | None:
    """The date of a line that only states when the page was published (``2020年09月30日 10:20 来源：…``)."""
    match = FULL_DATE.search(line)
    if match is None or len(line) > 60 or any(ch in line for ch in SENTENCE_END):
        return None
    rest = (line[:match.start()] + line[match.end():]).strip()
    rest = re.sub(r"^[日\s]*(?:[0-9０-９]{1,2}[:：][0-9０-９]{2}(?:[:：][0-9０-９]{2})?)?", "", rest).strip()
    if not rest or furniture().line.search(rest) or match.start() == 0 or not CLAUSE_MARKS.search(rest):
        return _to_date(match)  # (某某日报　2023年5月8日　星期一　第02版：要闻: an outlet, a day, a page)
    return None


def _to_date(match: re.Match[str] | None) -> dt.date | None:
    if match is None:
        return None
    try:
        return dt.date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    except ValueError:
        return None


def _is_body(line: str) -> bool:
    """A line of the body: a dateline, a sentence, or a long line."""
    return dateline_at_start(line) is not None or bool(BYLINE_START.match(line)) or len(line) >= LONG_LINE or (
        len(line) >= MIN_BODY_LINE and any(ch in line for ch in SENTENCE_END))


def _split_header(lines: list[str]) -> tuple[list[str], list[str]]:
    """Header lines (kicker, headline, subtitle) and body lines.

    A page that opens with a summary and then repeats its headline starts again at the repeat.
    """
    if lines and is_title(SITE_SUFFIX.sub("", lines[0])):
        key = compare_key(SITE_SUFFIX.sub("", lines[0]))  # (the page's own title, its site's name after it)
        repeat = next((k for k in range(1, min(len(lines), 30)) if compare_key(lines[k]) == key), None)
        if repeat is not None:
            lines = lines[repeat:]
    start = next((k for k, line in enumerate(lines) if _is_body(to_simplified(line))
                  or (k > 0 and line.endswith(CLAUSE_ENDINGS))), len(lines))  # a notice's salutation, its list
    header, body = lines[:start], lines[start:]
    captions = furniture().caption  # a photo's caption is no headline: the body keeps it
    bylines = [line for line in header if BYLINE.match(line) or captions.fullmatch(to_simplified(line))]
    header = [line for line in header if line not in bylines]
    keys = [compare_key(line) for line in header]  # a headline the page repeats: the last time it is written
    header = [line for k, line in enumerate(header) if keys[k] not in keys[k + 1:]]
    return header[-HEADER_LINES:], bylines + body


def _headline(header: list[str], body: list[str], page_title: str | None) -> tuple[str | None, list[str], list[str]]:
    """The headline, the kicker and subtitle lines around it, and the body."""
    hint = _page_title(page_title)
    if not header and body:
        first = body[0]
        opening = first_date(first)
        if opening is not None and opening.start() > 0 and is_title(first[:opening.start()].strip()):
            return first[:opening.start()].strip(), [], body  # headline 6月3日，body — as a digest writes it
        if hint:
            return hint, [], body
        later = next((k for k in range(1, min(len(body), HEADER_LINES)) if _headline_after_summary(body[k])), None)
        if later is not None:  # a summary line, then the headline: the summary is the body's (and its date counts)
            return body[later], [], body[:later] + body[later + 1:]
        return None, [], body
    at = None
    if hint:
        at = next((k for k, line in enumerate(header) if _names_the_page(line, hint)), None)
        if at is None:  # the page's title is not among the lines: the lines are its kicker and subtitles
            return hint, [line for line in header if _is_subtitle(line)], body
    if at is None:
        candidates = [k for k, line in enumerate(header) if not SUBTITLE.match(line)
                      and not line.endswith(CLAUSE_ENDINGS)]  # 经某会议研究决定：opens the body
        if not candidates:
            return None, [], body
        at = max(candidates, key=lambda k: (_headline_score(header[k]), -k))
    kicker = [header[at - 1]] if at > 0 and len(header[at - 1]) >= MIN_KICKER and is_title(header[at - 1]) else []
    rest = header[at + 1:]
    first_text = next((k for k, line in enumerate(rest) if not (is_title(line) or SUBTITLE.match(line))), len(rest))
    # subtitles follow the headline; from the first line that is none, the lines are the body's own
    # (a notice's salutation and its list of appointments, written without a full stop)
    return header[at], kicker + rest[:first_text], rest[first_text:] + body


def _headline_after_summary(line: str) -> bool:
    """A line under an opening summary that reads as the headline: short, no sentence, an event's word."""
    simple = to_simplified(line)
    return len(simple) <= MAX_HEADLINE and is_title(simple) and not simple.endswith(CLAUSE_ENDINGS) \
        and _headline_score(simple) >= 2


def _names_the_page(line: str, hint: str) -> bool:
    """The header line the page's own title names: the same, or one beginning the other."""
    mine, theirs = compare_key(line), compare_key(hint)
    return mine == theirs or mine.startswith(theirs) or (theirs.startswith(mine) and len(mine) >= MIN_KICKER)


def _is_subtitle(line: str) -> bool:
    return bool(SUBTITLE.match(line)) or (len(line) >= MIN_KICKER and is_title(line))


def _headline_score(line: str) -> int:
    """How much a header line reads as a headline: it names an event, or a post and a name."""
    lexicon = load_lexicon()
    simple = to_simplified(line)
    score = 2 * any(cue in simple for cue in lexicon.event_cues)
    score += any(title in simple for title in lexicon.titles)
    return score + (len(simple) >= MIN_KICKER)


def _page_title(title: str | None) -> str | None:
    """A page's title without the site's name after it."""
    if not title:
        return None
    cleaned = clean_line(SITE_SUFFIX.sub("", title.strip())) or clean_line(title)
    return cleaned or None


def _period(path: str, pub: dt.date | None, year: int | None, month: int | None) -> Period:
    """The year and month a day without them belongs to: the publication date's, else the file name's."""
    if pub is not None:
        return Period(year or pub.year, month or pub.month)
    name = Path(path).name
    named = infer_period(name, "", [], "")
    if named.year is None and (found := re.search(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])", name)):
        named = Period(int(found.group(1)), None)
    return Period(year if year is not None else named.year, month if month is not None else named.month)


def article_date(body: str, pub: dt.date | None, period: Period, path: str, item_id: str,
                 problems: list[Problem]) -> str | None:
    """The event's day, from the body's first sentence, resolved against the publication date.

    ``22日`` → that day of the publication month (or the month before, when the day is later
    than the publication day); ``昨日`` → the day before; ``日前``/``近日`` → null.
    """
    simple = to_simplified(body[:300])
    dateline = dateline_at_start(simple)
    if pub is None and dateline is not None and dateline.month and (dateline.year or period.year):
        try:  # 新华社郑州6月21日电: the day the story was filed
            pub = dt.date(dateline.year or period.year, dateline.month, dateline.day)
        except ValueError:
            pass
    filed = FILED.search(simple[:FILED_WITHIN])
    if pub is not None and filed is not None and dateline is None:  # 【本报记者某某某地十七日电】: the day filed
        day = int(filed.group("digits")) if filed.group("digits") else chinese_day(filed.group("numeral"))
        if day:
            year_, month_ = (pub.year, pub.month) if day <= pub.day else _month_before(pub)
            try:
                pub = dt.date(year_, month_, day)
            except ValueError:
                pass
    sentences = re.split(r"[。！？!?]", simple[dateline.end if dateline else 0:], maxsplit=2)[:2]
    match = None
    for sentence in sentences:  # the first sentence's date; a lead that states none: the next's
        found = [m for m in (BODY_DATE.search(sentence), RELATIVE.search(sentence), RELATIVE_NULL.search(sentence),
                             CHINESE_BODY_DATE.search(sentence)) if m]
        match = min(found, key=lambda m: m.start()) if found else None
        if match is not None and not (match.re is RELATIVE_NULL and match.group(0) in BACKGROUND):
            break
    if match is None:
        return None
    if match.re is RELATIVE_NULL:
        return None
    try:
        if match.re is RELATIVE:
            if pub is None:
                problems.append(Problem(path, f"relative date {match.group(0)!r} and no publication date "
                                        "(pass --date); date is null", item_id))
                return None
            return (pub + dt.timedelta(days=RELATIVE_DAYS[match.group(0)])).isoformat()
        day = chinese_day(match.group("numeral")) if match.re is CHINESE_BODY_DATE else int(match.group("day"))
        if day is None:
            return None
        if match.re is not CHINESE_BODY_DATE and match.group("month"):
            month = int(match.group("month"))
            if match.group("year"):
                return iso_date(int(match.group("year")), month, day)
            anchor = Period(pub.year, pub.month) if pub else period
            year = year_for_month(month, anchor) if anchor.year else None
            if year is None:
                problems.append(Problem(path, f"date {match.group(0)!r} without a known year (pass --date "
                                        "or --year); date is null", item_id))
            return iso_date(year, month, day)
        if pub is None:
            if period.year and period.month:
                return iso_date(period.year, period.month, day)
            problems.append(Problem(path, f"day {match.group(0)!r} and no publication date (pass --date); "
                                    "date is null", item_id))
            return None
        year, month = (pub.year, pub.month) if day <= pub.day else _month_before(pub)
        return iso_date(year, month, day)
    except DateError as exc:
        problems.append(Problem(path, f"impossible date {match.group(0)!r}: {exc}; date is null", item_id))
        return None


def _month_before(day: dt.date) -> tuple[int, int]:
    return (day.year - 1, 12) if day.month == 1 else (day.year, day.month - 1)
