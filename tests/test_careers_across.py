"""Careers that hold across scripts, spellings and the years: one official in simplified and traditional
articles is one node, a body written abbreviated and in full is one body, a resignation ends a tenure,
a visiting mayor stays in his own city's government. Every article is invented (real places, invented
persons)."""
from __future__ import annotations

import pytest
from invented import build_articles, persons_named

import kg

ARTICLES = {
    "kf-2019-03-05.txt": "开封市召开全市经济工作会议\n2019年03月05日\n本报讯 4日，开封市召开全市经济工作会议，"
                         "省委常委、市委书记连建华主持会议，市委副书记、市长高志远出席并讲话。\n",
    "kf-2019-11-20.txt": "開封市長會見香港工商界訪問團\n2019年11月20日\n【香港某某報訊】19日，開封市委副書記、市長高志遠會見"
                         "香港工商界訪問團一行。中共河南省委常委、開封市委書記連建華參加會見。\n",
    "kf-2020-04-02.txt": "商丘市党政代表团来我市考察\n2020年04月02日\n本报讯 1日，商丘市委副书记、市长王立新率商丘市党政"
                         "代表团来开封市考察。开封市委书记连建华，市委副书记、市长高志远陪同考察。\n",
    "kf-2021-06-15.txt": "开封市人大常委会召开第三十次会议\n2021年06月15日\n本报讯 14日，开封市人大常委会召开第三十次会议。"
                         "会议决定接受高志远辞去开封市人民政府市长职务的请求，任命李明德为开封市人民政府副市长、代理市长。\n",
    "kf-2022-01-10.txt": "开封市召开全市安全生产工作会议\n2022年01月10日\n本报讯 9日，开封市召开全市安全生产工作会议，"
                         "市委副书记、市长李明德主持会议。\n",
}


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    return build_articles(tmp_path_factory.mktemp("years"), tmp_path_factory.mktemp("years-out"), ARTICLES)


def test_one_official_in_both_scripts_is_one_node_with_the_other_spelling_an_alias(build):
    g = build
    (node,) = persons_named(g, "高志远", "高志遠")
    data = g.nodes[node]
    assert data["label"] == "高志远" and "高志遠" in data["aliases"]  # the form written most often labels him
    assert len(persons_named(g, "连建华", "連建華")) == 1


def test_the_api_takes_either_script(build):
    g = build
    assert kg.careers(g, "高志遠") == kg.careers(g, "高志远")
    mayors = [h["person"] for h in kg.holders(g, "市長", "開封市人民政府")]
    assert mayors == [h["person"] for h in kg.holders(g, "市长", "开封市人民政府")]


def test_a_provinces_committee_abbreviated_and_in_full_is_one_body(build):
    g = build
    bodies = [d["label"] for _n, d in g.nodes(data=True) if d["kind"] == "organization"]
    assert "中共河南省委员会" in bodies and "中共河南省委" not in bodies  # an alias, not a body of its own
    titles = {(c["title"], c["organization"]) for c in kg.careers(g, "连建华")}
    assert ("常委", "中共河南省委员会") in titles


def test_a_resignation_ends_the_tenure_and_the_acting_mayor_follows(build):
    g = build
    mayors = kg.holders(g, "市长", "开封市人民政府")
    assert [m["person"] for m in mayors] == ["高志远", "李明德"]
    assert mayors[0]["end"] == "2021-06-14"  # the accepted resignation closes his tenure
    assert any(c["title"] == "代理市长" and c["begin"] == "2021-06-14" for c in kg.careers(g, "李明德"))


def test_a_visiting_mayor_stays_in_his_own_citys_government(build):
    g = build
    assert "王立新" not in [m["person"] for m in kg.holders(g, "市长", "开封市人民政府")]
    assert [m["person"] for m in kg.holders(g, "市长", "商丘市人民政府")] == ["王立新"]
