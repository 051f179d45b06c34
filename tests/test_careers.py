"""Careers from news: one person across years, appointments and removals that open and close posts.

Invented articles about real divisions (so that regions nest or do not): a provincial standing-committee
member who is a city's party secretary, two people of one name in two unrelated provinces, an
appointment list, a removal, successive holders of one post.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from invented import build_articles, persons_named

import kg
from kg.sparql import run_sparql

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
ARTICLES = {
    "province-2019-03-05.txt": "河南省召开全省经济工作会议\n2019年03月05日\n本报讯 4日，河南省召开全省经济工作会议，"
                               "省委常委毛建华出席会议并讲话。\n",
    "city-2020-05-12.txt": "开封市召开全市安全生产工作会议\n2020年05月12日\n本报讯 11日，开封市召开全市安全生产工作会议，"
                           "市委书记毛建华主持会议。市公用事业局局长王建国参加会议。\n",
    "city-2021-06-10.txt": "开封市人大常委会召开第三十次会议\n2021年06月10日\n本报讯 9日，开封市人大常委会召开第三十次会议。"
                           "会议决定：任命张大明为市公用事业局局长，李小红为市发展和改革委员会主任；"
                           "免去王建国的市公用事业局局长职务。\n",
    "city-2022-01-08.txt": "毛建华到开封市某区调研\n2022年01月08日\n本报讯 7日，开封市委书记毛建华到鼓楼区调研，"
                           "市公用事业局局长张大明陪同。\n",
    "jinan-2020-04-02.txt": "济南市召开全市城市建设工作会议\n2020年04月02日\n本报讯 1日，济南市召开全市城市建设工作会议，"
                            "市长周振华出席并讲话。\n",
    "guangzhou-2020-04-03.txt": "广州市召开全市城市建设工作会议\n2020年04月03日\n本报讯 2日，广州市召开全市城市建设工作会议，"
                                "市长周振华出席并讲话。\n",
}


@pytest.fixture(scope="module")
def careers_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("careers-out")
    return build_articles(tmp_path_factory.mktemp("articles"), out, ARTICLES), out


def test_a_provincial_standing_committee_member_who_is_a_city_secretary_is_one_person(careers_build):
    g, out = careers_build
    assert len(persons_named(g, "毛建华")) == 1
    titles = {(c["title"], c["organization"]) for c in kg.careers(g, "毛建华")}
    assert ("常委", "中共河南省委员会") in titles and ("书记", "中共开封市委员会") in titles
    decisions = [json.loads(line) for line in (out / "resolution.jsonl").read_text(encoding="utf-8").splitlines()]
    merge = next(d for d in decisions if d["name"] == "毛建华")
    assert merge["decision"] == "merge" and "nest" in merge["reason"]


def test_one_name_in_two_unrelated_provinces_is_two_people(careers_build):
    g, out = careers_build
    assert len(persons_named(g, "周振华")) == 2
    decisions = [json.loads(line) for line in (out / "resolution.jsonl").read_text(encoding="utf-8").splitlines()]
    split = next(d for d in decisions if d["name"] == "周振华")
    assert split["decision"] == "split" and "do not nest" in split["reason"] and len(split["people"]) == 2


def test_an_appointment_list_gives_one_appointment_per_person(careers_build):
    _g, out = careers_build
    items = {json.loads(line)["title"]: json.loads(line) for line in
             (out / "items.jsonl").read_text(encoding="utf-8").splitlines()}
    session = items["开封市人大常委会召开第三十次会议"]
    assert session["appointments"] == [
        {"person": "张大明", "action": "appoint", "title": "局长", "org": "市公用事业局"},
        {"person": "李小红", "action": "appoint", "title": "主任", "org": "市发展和改革委员会"},
        {"person": "王建国", "action": "remove", "title": "局长", "org": "市公用事业局"}]
    assert "张大明任市公用事业局" not in session["organizations"]


def test_appointments_open_and_removals_close_memberships(careers_build):
    g, _out = careers_build
    (appointed,) = [c for c in kg.careers(g, "张大明") if c["title"] == "局长"]
    assert appointed["organization"] == "开封市公用事业局" and appointed["begin"] == "2021-06-09"
    assert appointed["end"] is None and appointed["last"] == "2022-01-07"
    (removed,) = [c for c in kg.careers(g, "王建国") if c["title"] == "局长"]
    assert removed["end"] == "2021-06-09" and removed["first"] == "2020-05-11"
    events = [n for n, d in g.nodes(data=True) if d["kind"] == "appointment"]
    assert len(events) == 3
    organisers = {g.nodes[v]["label"] for e in events for _u, v, k in g.out_edges(e, keys=True) if k == "gk:organizer"}
    assert organisers == {"开封市人民代表大会常务委员会"}


def test_holders_of_a_post_come_in_order(careers_build):
    g, _out = careers_build
    holders = kg.holders(g, "局长", "开封市公用事业局")
    assert [h["person"] for h in holders] == ["王建国", "张大明"]


def test_careers_and_holders_queries(careers_build):
    _g, out = careers_build
    header, rows = run_sparql(str(ONTOLOGY / "queries" / "holders-of-post.rq"), out)
    rows = [dict(zip(header, r)) for r in rows]
    chiefs = [r["person"] for r in rows if r["body"] == "开封市公用事业局" and r["title"] == "局长"]
    assert chiefs == ["王建国", "张大明"]
    header, rows = run_sparql(str(ONTOLOGY / "queries" / "careers.rq"), out)
    rows = [dict(zip(header, r)) for r in rows]
    mine = [(r["title"], r["begin"], r["end"]) for r in rows if r["person"] == "王建国"]
    assert mine == [("局长", None, "2021-06-09")]
    steps = [r["title"] for r in rows if r["person"] == "毛建华"]
    assert steps == ["常委", "书记"]  # in time order: 2019, then 2020


def test_the_sample_has_no_appointments(sample_result):
    assert not any(item.appointments for item in sample_result.items)


def test_a_profile_shows_the_career_when_there_is_more_than_one_period(careers_build):
    g, out = careers_build
    from kg.views.pages import person_href

    (person,) = persons_named(g, "毛建华")
    page = (out / person_href(person)).read_text(encoding="utf-8")
    career = page[page.index('id="career"'):page.index("</ol>")]
    assert career.index("中共河南省委员会") < career.index("中共开封市委员会")  # 2019, then 2020


def test_the_careers_graph_conforms_to_the_shapes(careers_build, shapes_report):
    _g, out = careers_build
    conforms, text = shapes_report(out / "govkg.ttl")
    assert conforms, text


def test_every_kind_of_appointment_cue():
    from kg.extract.appointments import appointments

    text = ("选举孙立平为市长。提名周文涛为副市长候选人。钱大伟不再担任市教育局局长职务。吴刚接替郑明任市审计局局长。"
            "赵强任市财政局局长，负责全面工作。")
    found = appointments(text, ["孙立平", "周文涛", "钱大伟", "吴刚", "郑明", "赵强"])
    assert found == [
        {"person": "孙立平", "action": "elect", "title": "市长", "org": None},
        {"person": "周文涛", "action": "nominate", "title": "副市长", "org": None},
        {"person": "钱大伟", "action": "remove", "title": "局长", "org": "市教育局"},
        {"person": "吴刚", "action": "appoint", "title": "局长", "org": "市审计局"},
        {"person": "郑明", "action": "remove", "title": "局长", "org": "市审计局"},
        {"person": "赵强", "action": "appoint", "title": "局长", "org": "市财政局"}]
    assert appointments("市长李华主持会议，强调要落实责任，完成全年任务。", ["李华"]) == []


def test_tables_open_in_pandas_and_duckdb_with_the_apis_row_counts(careers_build):
    """tables/*.csv: UTF-8 with a BOM (Excel), one header row, one row per answer of kg.tables; Parquet the same."""
    import duckdb
    import pandas as pd

    from kg.export import TABLE_COLUMNS

    g, out = careers_build
    expected = kg.tables(g)
    assert len(expected["appointments"]) >= 3 and len(expected["posts"]) >= 5
    for name, columns in TABLE_COLUMNS.items():
        csv_path, parquet_path = out / "tables" / f"{name}.csv", out / "tables" / f"{name}.parquet"
        assert csv_path.read_bytes().startswith("\ufeff".encode()), name
        frame = pd.read_csv(csv_path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
        assert list(frame.columns) == columns and len(frame) == len(expected[name]), name
        assert frame.to_dict("records") == [{c: str(row[c]) for c in columns} for row in expected[name]], name
        assert duckdb.sql(f"select count(*) from read_csv('{csv_path}', header = true)").fetchall()[0][0] \
            == len(expected[name]), name
        assert duckdb.sql(f"select count(*) from read_parquet('{parquet_path}')").fetchall()[0][0] \
            == len(expected[name]), name
    removal = [row for row in expected["appointments"] if row["person"] == "王建国"]
    assert [(r["action"], r["title"]) for r in removal] == [("remove", "局长")]
