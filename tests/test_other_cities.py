"""Another city's and a county's news through the whole pipeline, model included; and the renamed
copy of the seed digest that ``kg eval --corpora`` scores as ``seed-renamed``."""
from __future__ import annotations

from pathlib import Path

from kg.document import extract_file
from kg.reference.gazetteer import load_gazetteer
from kg.reference.lexicon import load_lexicon
from kg.tools.augment import (
    NamePool,
    apply,
    counties_of,
    named_counties,
    rename_item,
    renaming,
    target_cities,
)

CHRONICLE = """大事记

2024年5月
5月9日，县长赵红英主持召开县政府第12次常务会议。
5月15日，某银行湖北省分行副行长周建军一行来县调研，县委副书记、县长赵红英陪同。
5月20日，县人大常委会主任吴志刚带队检查《中华人民共和国食品安全法》贯彻执行情况。
5月28日，经县十八届人大常委会第十九次会议决定，任命钱学文为县财政局局长，免去孙明的县财政局局长职务。
"""


def test_a_county_chronicle_from_elsewhere(tmp_path: Path):
    path = tmp_path / "chronicle.txt"
    path.write_text(CHRONICLE, encoding="utf-8")
    items = {i.date: i for i in extract_file(path).items}
    assert "县政府" in items["2024-05-09"].organizations  # the body that holds the meeting
    visit = items["2024-05-15"]
    assert "县委" not in visit.organizations  # 县委 of 县委副书记 is recorded through the post
    assert ("赵红英", "副书记") in {(p["person"], p["title"]) for p in visit.posts}
    assert items["2024-05-20"].event_type == "inspection"  # 带队检查, not the 常委会 of the body's name
    notice = items["2024-05-28"]
    assert {"钱学文", "孙明"} <= set(notice.persons)
    assert {(a["person"], a["action"]) for a in notice.appointments} == {("钱学文", "appoint"), ("孙明", "remove")}


def test_a_renamed_copy_changes_the_city_its_counties_and_people_and_its_gold_alike():
    gazetteer, lexicon = load_gazetteer(), load_lexicon()
    home = next(d for d in gazetteer.by_code.values() if d.name == "开封市")
    county = counties_of(gazetteer, home)[-1]
    text = f"开封市市长马一鸣在{county.name}调研，{county.short}县长刘二强陪同。开封文旅活动举行。"
    gold = {"id": "x#001", "persons": ["马一鸣", "刘二强"], "organizations": [], "places": ["开封市", county.name],
            "posts": [{"person": "马一鸣", "title": "市长", "org": "开封市人民政府"}]}
    assert named_counties(gazetteer, home, text) == [county]
    (target,) = target_cities(gazetteer, home, 1, 1, seed=3)
    assert target.code != home.code and gazetteer.province_of(target) != gazetteer.province_of(home)
    pool = NamePool.from_names(["王小明", "李大伟", "张明"] * 3, lexicon)
    mapping = renaming([text], gold["persons"], gazetteer, lexicon, home, target, pool, seed=5)
    renamed, renamed_gold = apply(mapping, text), rename_item(mapping, gold)
    assert "开封" not in renamed and county.name not in renamed and "马一鸣" not in renamed
    assert renamed_gold["places"][0] == target.name and renamed_gold["places"][1] in renamed
    assert renamed_gold["posts"][0] == {"person": renamed_gold["persons"][0], "title": "市长",
                                        "org": f"{target.name}人民政府"}
    assert all(p in renamed and len(p) == len(q) for p, q in zip(renamed_gold["persons"], gold["persons"]))
    again = renaming([text], gold["persons"], gazetteer, lexicon, home, target, pool, seed=5)
    assert again == mapping  # seeded: the same copy every run


def test_a_visiting_delegations_city_is_not_the_articles_own(tmp_path: Path):
    path = tmp_path / "visit.txt"
    path.write_text("宝鸡市党政代表团来我市考察交流\n\n11月9日，宝鸡市委书记邵红华率宝鸡市党政代表团来我市考察交流。"
                    "市委书记陈建华陪同考察。宝鸡市委常委、秘书长刘卫平参加考察。\n", encoding="utf-8")
    (item,) = extract_file(path).items
    posts = {(p["person"], p["title"]): p["org"] for p in item.posts}
    assert posts[("邵红华", "书记")] == "中共宝鸡市委员会"
    assert posts[("陈建华", "书记")] != "中共宝鸡市委员会"  # 我市's secretary: the text does not name 我市


def test_a_digests_cover_names_its_city_for_items_that_write_only_their_titles(tmp_path: Path):
    path = tmp_path / "monthly.txt"
    path.write_text("许昌市政务信息月报\n2024年第5期\n\n目录\n市委常委会召开会议..............1\n"
                    "市长调研重点企业..................1\n\n市委常委会召开会议\n5月6日，市委书记史某某主持召开市委常委会会议。\n\n"
                    "市长调研重点企业\n5月9日，市长刘某到某某集团调研，副市长王某某陪同。\n", encoding="utf-8")
    posts = {(p["person"], p["title"]): p["org"] for item in extract_file(path).items for p in item.posts}
    assert posts[("史某某", "书记")] == "中共许昌市委员会"
    assert posts[("刘某", "市长")] == "许昌市人民政府"
