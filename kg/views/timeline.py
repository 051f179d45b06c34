"""Careers timelines: posts over time as the geometry of an SVG picture, one row per post.

A row's bar runs from its appointment (``begin``) to its removal (``end``) where the news states them,
else from the first to the last day an item shows the post; a post seen on one day is a short bar.
The page templates draw the geometry (``templates/timeline.html``) as inline SVG: no script, no
network, the same picture in a browser, a screenshot or a printout.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

WIDTH = 900          # the picture's width in pixels
LABEL_WIDTH = 260    # the left column of post labels
ROW_HEIGHT = 22
AXIS_HEIGHT = 26
MAX_ROWS = 60        # a body with more holders draws the first 60 (the page says so)
MIN_BAR = 4          # a post seen on one day still shows


def as_day(text: str | None) -> dt.date | None:
    """An ISO date, or its year-month or year (the first day of it); None for anything else."""
    if not text:
        return None
    parts = text[:10].split("-")
    try:
        return dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def _month_start(day: dt.date, months_after: int = 0) -> dt.date:
    month = day.month - 1 + months_after
    return dt.date(day.year + month // 12, month % 12 + 1, 1)


def _ticks(start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
    """Axis ticks: years over long spans, months over a season or more, weeks within one."""
    days = (end - start).days
    if days > 3 * 366:
        return [(dt.date(y, 1, 1), str(y)) for y in range(start.year + (start > dt.date(start.year, 1, 1)), end.year + 1)]
    if days > 62:
        step = 1 if days < 400 else 3
        ticks, day = [], start
        while day <= end:
            if (day.month - 1) % step == 0:
                ticks.append((day, str(day.year) if day.month == 1 else f"{day.year}-{day.month:02d}" if not ticks
                              else f"{day.month:02d}"))
            day = _month_start(day, 1)
        return ticks
    ticks, day = [], start
    while day <= end:
        ticks.append((day, f"{day.month:02d}-{day.day:02d}"))
        day += dt.timedelta(days=7)
    return ticks


def career_timeline(rows: Iterable[dict], width: int = WIDTH, max_rows: int = MAX_ROWS) -> dict | None:
    """The picture of ``rows`` (each: ``label``, optional ``href``, ``first``, ``last``, ``begin``,
    ``end``), or None when no row has a date.

    Returns the picture's ``width``, ``height``, ``ticks`` (x, label), ``bars`` (x, y, width, label,
    href, kind ``tenure`` or ``seen``, tooltip text), and ``undated`` and ``left_out`` counts.
    """
    dated, undated = [], 0
    for row in rows:
        start = as_day(row.get("begin")) or as_day(row.get("first"))
        stop = as_day(row.get("end")) or as_day(row.get("last")) or start
        if start is None:
            undated += 1
            continue
        dated.append((start, max(start, stop), row))
    if not dated:
        return None
    left_out = max(0, len(dated) - max_rows)
    dated = dated[:max_rows]
    first = _month_start(min(s for s, _e, _r in dated))
    last = _month_start(max(e for _s, e, _r in dated), 1)
    span = max(1, (last - first).days)
    plot = width - LABEL_WIDTH - 10

    def x(day: dt.date) -> float:
        return round(LABEL_WIDTH + plot * (day - first).days / span, 1)

    bars = []
    for k, (start, stop, row) in enumerate(dated):
        tenure = bool(row.get("begin") or row.get("end"))
        left, right = x(start), x(stop)
        bars.append({"x": left, "width": max(MIN_BAR, round(right - left, 1)), "y": AXIS_HEIGHT + k * ROW_HEIGHT,
                     "label": row["label"], "href": row.get("href"), "kind": "tenure" if tenure else "seen",
                     "text": f"{row['label']}: {start.isoformat()} – {stop.isoformat()}"
                             + (" (appointed/left)" if tenure else " (seen in the news)")})
    return {"width": width, "height": AXIS_HEIGHT + len(bars) * ROW_HEIGHT + 6, "label_width": LABEL_WIDTH,
            "row_height": ROW_HEIGHT, "axis": AXIS_HEIGHT, "ticks": [(x(d), t) for d, t in _ticks(first, last)],
            "bars": bars, "undated": undated, "left_out": left_out}
