"""Datelines that open a news story: ``本报讯``, ``长城网讯``, ``某某网某地讯``, ``【某某报讯】``,
``新华社郑州6月21日电``, ``某网7月30日某地消息``.

Shared by the article segmenter (a dateline line starts the body; its day is the day the story
was filed) and extraction (its outlet is an organisation, its place of filing is no event place).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kg.text.dates import DIGIT as _D

_OUTLET_END = r"(?:(?<=本)台|日报|晚报|早报|报|网|社|端|频道|新闻|电视台|电台|融媒体中心|客户端|发布)"
#: A dateline at the start of a line.
DATELINE = re.compile(
    rf"(?:^|(?<=\n))【?(?:(?P<outlet>[^，。、：:\s（(）)“”《》【】0-9０-９讯电]{{1,14}}{_OUTLET_END})"
    rf"(?P<place0>[^，。、：:\s0-9０-９（(）)【】]{{0,6}}?)(?:讯|消息)】?"
    rf"|(?P<outlet2>[^，。、：:\s（(）)“”《》]{{1,14}}?{_OUTLET_END})(?P<place>[^，。、\s0-9０-９]{{0,8}}?)"
    rf"(?:(?P<year>{_D}{{4}})年)?(?P<month>{_D}{{1,2}})月(?P<day>{_D}{{1,2}})日(?P<place2>[^，。、\s]{{0,8}}?)(?:电|讯|消息|报道))"
)
#: An outlet's name ending a stretch of text (``某某日报``, ``某某县融媒体中心``): a credit's outlet.
OUTLET = re.compile(rf"[^，。、：:\s（(）)“”《》【】]{{1,16}}{_OUTLET_END}$")
#: Outlets that name no body: this paper, this site.
DEICTIC = re.compile(r"^本(?:报|网|台|刊|站)")


@dataclass(frozen=True)
class Dateline:
    """One dateline: its span, the outlet's span (None when deictic) and the places of filing."""

    start: int
    end: int
    outlet: tuple[int, int] | None
    places: tuple[tuple[int, int], ...]
    month: int | None
    day: int | None
    year: int | None = None


def datelines(text: str) -> Iterator[Dateline]:
    """Every dateline at the start of a line of ``text``."""
    for match in DATELINE.finditer(text):
        group = "outlet" if match.group("outlet") else "outlet2"
        outlet = match.span(group)
        places = tuple(match.span(g) for g in ("place0", "place", "place2") if match.group(g))
        month = int(match.group("month")) if match.group("month") else None
        day = int(match.group("day")) if match.group("day") else None
        year = int(match.group("year")) if match.group("year") else None
        yield Dateline(match.start(), match.end(), None if DEICTIC.match(match.group(group)) else outlet,
                       places, month, day, year)


def dateline_at_start(text: str) -> Dateline | None:
    """The dateline opening ``text``, if any."""
    found = next(datelines(text), None)
    return found if found is not None and found.start == 0 else None
