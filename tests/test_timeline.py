"""Careers timelines (kg.views.timeline): bars from appointment to removal, else from first to last seen; in a
browser, the profile of an official seen over years shows one bar per post, in the order held."""
from __future__ import annotations

import pytest

from kg.views.timeline import MAX_ROWS, career_timeline


def test_bars_span_tenure_where_stated_else_the_days_seen():
    t = career_timeline([
        {"label": "常委", "first": "2019-03-04", "last": "2019-03-04"},
        {"label": "书记", "first": "2020-05-11", "last": "2022-01-07", "begin": "2020-01-15"},
        {"label": "undated", "first": None, "last": None},
    ])
    seen, held = t["bars"]
    assert (seen["kind"], held["kind"]) == ("seen", "tenure")
    assert seen["x"] < held["x"] and seen["width"] >= 4            # one day still shows
    assert held["width"] > 100 and "2020" in [label for _x, label in t["ticks"]] and t["undated"] == 1
    assert held["text"].startswith("书记: 2020-01-15 – 2022-01-07")
    assert held["y"] > seen["y"] and t["height"] > held["y"]


def test_no_dated_post_draws_nothing_and_long_lists_say_what_is_left_out():
    assert career_timeline([{"label": "市长", "first": None}]) is None
    rows = [{"label": f"委员 {k}", "first": f"2023-{1 + k % 12:02d}-01", "last": "2023-12-31"} for k in range(75)]
    t = career_timeline(rows)
    assert len(t["bars"]) == MAX_ROWS and t["left_out"] == 75 - MAX_ROWS
    labels = [label for _x, label in t["ticks"]]
    assert labels[0] == "2023" and labels[-1] == "2024" and all(len(label) == 2 for label in labels[1:-1])


@pytest.mark.parametrize("days, first_label", [(20, "12-01"), (200, "2023-06"), (2000, "2024")])
def test_the_axis_reads_in_weeks_months_or_years(days, first_label):
    import datetime as dt

    start = dt.date(2023, 12, 1) if days == 20 else dt.date(2023, 6, 1)
    end = start + dt.timedelta(days=days)
    t = career_timeline([{"label": "x", "first": start.isoformat(), "last": end.isoformat()}])
    assert t["ticks"][0][1] == first_label
