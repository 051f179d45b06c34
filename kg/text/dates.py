"""Dates in Chinese news text: find them, and turn them into ISO strings.

An item's date is written ``12月6日``, ``12月25日至27日`` (a range: its first
day), ``12月`` or ``12月上旬`` (month only → ``2023-12``), ``8日`` (day only, in an article) or
``昨日`` (relative to the publication date). The year and month of a digest
come from the document itself (:func:`infer_period`).
"""
from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass

DIGIT = r"[0-9０-９]"  # ASCII or full-width
_D = DIGIT
_PART_OF_DAY = (r"(?:上午|下午|晚上|晚间|晚|早上|早间|凌晨|中午|傍晚|夜间|期间|前后|以来"
                r"|上中旬|中下旬|上旬|中旬|下旬|初|中|底|末|份)?"  # (12月上旬，12月底，: the month only)
                r"(?:[0-9０-９]{1,2}[时点](?:[0-9０-９]{1,2}分|半)?许?)?")
_RANGE = rf"(?:至|到|—|–|-|~|～)(?:(?P<month2>{_D}{{1,2}})月)?(?P<day2>{_D}{{1,2}})[日号]"
#: A date that opens an item's body: ``12月6日，`` / ``2023年12月6日上午，`` / ``12月，``.
ITEM_DATE = re.compile(
    rf"(?<![0-9０-９.年])(?:(?P<year>{_D}{{4}})年)?(?P<month>{_D}{{1,2}})月"
    rf"(?:(?P<day>{_D}{{1,2}})[日号](?:{_RANGE})?)?{_PART_OF_DAY}[，,]"
)
#: Words that open a body without a calendar date (the item then has no date).
RELATIVE_START = re.compile(r"(?:近日|日前|近期|连日来|近年来|今年以来|本月|月初|月中|月底|年底|岁末)[，,]")
#: A day alone (``8日，``), as articles write it.
DAY_ONLY = re.compile(rf"(?<![0-9０-９月])(?P<day>{_D}{{1,2}})[日号]{_PART_OF_DAY}[，,]")
#: Relative day words and their offset in days from the publication date.
RELATIVE_DAYS = {"前天": -2, "前日": -2, "前晚": -2, "昨天": -1, "昨日": -1, "昨晚": -1, "昨夜": -1, "昨晨": -1,
                 "今天": 0, "今日": 0, "今晨": 0, "今晚": 0, "今早": 0, "当天": 0, "当日": 0}
RELATIVE_DAY = re.compile("|".join(RELATIVE_DAYS))
#: A full date anywhere (publication lines, covers): ``2023年12月8日``, ``2023-12-08``.
FULL_DATE = re.compile(rf"(?P<year>(?:19|20){_D}{{2}})\s*[年\-/.]\s*(?P<month>{_D}{{1,2}})\s*[月\-/.]"
                       rf"\s*(?P<day>{_D}{{1,2}})(?![0-9])")
_PERIOD_IN_NAME = re.compile(r"(?<![0-9])((?:19|20)\d{2})[-_. 年]?(0?[1-9]|1[0-2])(?![0-9])")
_PERIOD_ON_COVER = re.compile(rf"((?:19|20){_D}{{2}})\s*年\s*(?:第\s*)?({_D}{{1,2}})\s*[月期]")
#: A day of the month in Chinese numerals (``十七`` of ``十七日``), as Hong Kong and Taiwan papers write it
#: (:func:`chinese_day` reads it).
DAY_NUMERAL = "[一二三四五六七八九十廿卅]{1,3}"
_YEAR_IN_TEXT = re.compile(r"(?<![0-9])((?:19|20)\d{2})年")


def chinese_day(numeral: str) -> int | None:
    """``十七`` → 17, ``廿一`` → 21; None for what is no day of a month."""
    digits = {ch: k for k, ch in enumerate("一二三四五六七八九", 1)}
    tens = {"十": 10, "廿": 20, "卅": 30}
    value = 0
    if numeral[:1] in digits and numeral[1:2] == "十":  # 二十, 二十一
        value, numeral = digits[numeral[0]] * 10, numeral[2:]
    elif numeral[:1] in tens:
        value, numeral = tens[numeral[0]], numeral[1:]
    if numeral:
        if len(numeral) != 1 or numeral not in digits:
            return None
        value += digits[numeral]
    return value if 1 <= value <= 31 else None


class DateError(ValueError):
    """A date that names no real day (``2月30日``)."""


@dataclass(frozen=True)
class Period:
    """The year and month a document reports on; either may be unknown."""

    year: int | None
    month: int | None


def iso_date(year: int | None, month: int, day: int | None) -> str | None:
    """``(2023, 12, 6)`` → ``"2023-12-06"``; a month only → ``"2023-12"``.

    Returns ``None`` when the year is unknown; raises :class:`DateError` for a
    day or month that does not exist.
    """
    if not 1 <= month <= 12:
        raise DateError(f"month {month} does not exist")
    if day is not None:
        last = calendar.monthrange(year or 2000, month)[1]
        if not 1 <= day <= last:
            raise DateError(f"{month}月{day}日 does not exist" + (f" in {year}" if year else ""))
    if year is None:
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else "")


def year_for_month(month: int, period: Period) -> int | None:
    """The year of a month mentioned in a digest: December in a January digest is last year's."""
    if period.year is None:
        return None
    if period.month is not None and month - period.month > 6:
        return period.year - 1
    if period.month is not None and period.month - month > 6:
        return period.year + 1
    return period.year


def date_from_match(match: re.Match[str], period: Period) -> str | None:
    """The ISO date of an :data:`ITEM_DATE` match (first day of a range)."""
    month = int(match.group("month"))
    year = int(match.group("year")) if match.group("year") else year_for_month(month, period)
    day = int(match.group("day")) if match.group("day") else None
    return iso_date(year, month, day)


def infer_period(file_name: str, cover: str, item_dates: list[re.Match[str]], text: str) -> Period:
    """The digest's year and month: from the file name, else the cover, else the content."""
    found = _PERIOD_IN_NAME.search(file_name)
    if found:
        return Period(int(found.group(1)), int(found.group(2)))
    found = _PERIOD_ON_COVER.search(cover)
    if found and 1 <= int(found.group(2)) <= 12:
        return Period(int(found.group(1)), int(found.group(2)))
    months = Counter(int(m.group("month")) for m in item_dates if 1 <= int(m.group("month")) <= 12)
    explicit_years = Counter(int(m.group("year")) for m in item_dates if m.group("year"))
    years = explicit_years or Counter(int(y) for y in _YEAR_IN_TEXT.findall(text))
    return Period(years.most_common(1)[0][0] if years else None,
                  months.most_common(1)[0][0] if months else None)
