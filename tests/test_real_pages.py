"""Real pages lose nothing: every text with a body gives an item, headlines survive page furniture,
kickers, captions and opening summaries, dates come from every line a page dates itself with, and
chronicles give one entry per dated paragraph. Every text here is invented for the test."""
from __future__ import annotations

import re

import pytest
from invented import items_of

from kg.document import extract_file
from kg.read import read_document
from kg.segment.chronicle import entry_date
from kg.segment.lines import furniture
from kg.text.normalize import clean_line
from kg.text.simplify import to_simplified

ARTICLE = """首页 > 新闻中心 > 本地要闻
市长会见某某集团客人_某某市人民政府网
市长会见某某集团客人
2023-07-04 15:20　来源：市政府办公室
深化合作 共谋发展
市长会见某某集团客人
7月3日，市长刘建国会见了某某集团董事长王海一行。双方就新能源项目合作进行了交流。
副市长周敏参加会见。
【打印】【关闭】
"""

SUMMARY_FIRST = """22日至23日，省委常委、市委书记李国华到各县区调研重大项目建设。
市委书记李国华调研重大项目建设
发布时间：2023-09-25　来源：某某日报
李国华一行先后来到高新区、经开区等地，实地察看项目进展。他强调，要抢抓四季度施工黄金期。
"""

CAPTIONED = """全市春耕生产现场会召开
刘建国（中）在现场察看春耕生产情况。 市委宣传部供图
发布时间：2023-04-03 09:00
4月2日，全市春耕生产现场会召开。市长刘建国出席并讲话。
"""

LONG_HEADLINE = """以香港某某商会会长陈国强为名誉团长、副会长李志明为团长的香港工商界考察团一行来洛考察

发布时间：2023-05-20 10:00　来源：某某日报

5月19日，香港工商界考察团一行来洛考察。市委书记赵立新会见考察团一行。
"""

NOTICE = """某某县人民政府关于张某某等同志职务任免的通知

某府任〔2023〕8号

各乡（镇）人民政府，县政府各部门：

任命：
韩立新为县水利局副局长；
免去：
马志刚的县水利局副局长职务。

某某县人民政府
2023年4月6日
"""

NO_HEADLINE = """会议要求，各地要压实防汛责任，落实好值班值守制度。
各部门要加强会商研判，及时发布预警信息，确保群众安全。
"""

CHRONICLE = "2023年某某区大事记\n\n2023年6月\n\n　　3日，区委常委会召开会议，研究部署防汛工作。\n\n" \
            "　　8日，区长周海燕到某某街道调研城市更新工作。\n\n　　28日，区人大常委会召开第十二次会议。\n"

FIXTURES = {"article.txt": ARTICLE, "summary.txt": SUMMARY_FIRST, "captioned.txt": CAPTIONED,
            "long.txt": LONG_HEADLINE, "notice.txt": NOTICE, "plain.txt": NO_HEADLINE, "chronicle-2023.txt": CHRONICLE}


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_no_body_text_is_outside_every_item(tmp_path, name):
    path = tmp_path / name
    path.write_text(FIXTURES[name], encoding="utf-8")
    items = extract_file(path).items
    assert items, f"{name}: no item"
    kept = "".join(re.sub(r"\s+", "", i.text) for i in items)
    stuff = furniture()
    for raw in read_document(path).lines:
        line = clean_line(raw.text)
        simple = to_simplified(line)
        if not line or stuff.line.match(simple) or stuff.end.match(simple) or re.fullmatch(r"[^，。；]*\d{4}[^，。；]*", line) \
                and not re.search(r"[，。；]", line):
            continue  # page furniture, publication and date lines, headings
        dated = entry_date(line)  # a chronicle's entry: its date marker is the item's date, not its text
        body = re.sub(r"\s+", "", line[dated.end():] if dated else line)
        assert body in kept or body.startswith(tuple(re.sub(r"\s+", "", i.title) for i in items)), \
            f"{name}: lost {line!r}"


def test_a_headline_the_page_repeats_is_taken_once_with_its_kicker(tmp_path):
    (item,) = items_of(tmp_path, ARTICLE)
    assert item.title == "市长会见某某集团客人" and item.subtitle == "深化合作 共谋发展"
    assert item.date == "2023-07-03"


def test_an_opening_summary_stays_in_the_body_and_dates_the_item(tmp_path):
    (item,) = items_of(tmp_path, SUMMARY_FIRST)
    assert item.title == "市委书记李国华调研重大项目建设"
    assert item.date == "2023-09-22"  # the summary's range, its first day
    assert "22日至23日" in item.text


def test_a_caption_is_no_headline_or_subtitle_but_the_body_keeps_it(tmp_path):
    (item,) = items_of(tmp_path, CAPTIONED)
    assert item.title == "全市春耕生产现场会召开" and item.subtitle is None
    assert item.date == "2023-04-02" and "供图" in item.text


def test_a_long_sentence_headline_is_the_title(tmp_path):
    (item,) = items_of(tmp_path, LONG_HEADLINE)
    assert item.title.startswith("以香港某某商会会长陈国强为名誉团长") and item.title.endswith("来洛考察")
    assert {"陈国强", "李志明", "赵立新"} <= set(item.persons)


def test_a_notice_is_dated_by_its_own_date_line(tmp_path):
    (item,) = items_of(tmp_path, NOTICE)
    assert item.date == "2023-04-06"


def test_a_text_without_a_headline_takes_its_first_line_as_the_title(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text(NO_HEADLINE, encoding="utf-8")
    result = extract_file(path)
    (item,) = result.items
    assert item.title.startswith("会议要求") and "各部门要加强会商研判" in item.text
    assert any("first line is the title" in p.message for p in result.problems)


@pytest.mark.parametrize("line, expected", [
    ("某某日报 2012-03-14 11:27", "2012-03-13"),          # a publication line of an outlet and a time
    ("某某日报　2012年03月14日　星期三　第02版：要闻", "2012-03-13"),  # an outlet, a weekday, a page
])
def test_publication_lines_date_relative_days(tmp_path, line, expected):
    text = f"市领导慰问困难群众\n\n{line}\n\n昨晚，市长张明走访慰问了困难群众，为他们送去慰问金。\n"
    (item,) = items_of(tmp_path, text)
    assert item.date == expected


@pytest.mark.parametrize("word, expected", [("今晨", "2023-06-12"), ("昨晚", "2023-06-11"), ("前天", "2023-06-10")])
def test_relative_day_words(tmp_path, word, expected):
    text = f"某某镇组织抢修受损道路\n\n发布时间：2023-06-12 18:00\n\n{word}，某某镇组织抢修队伍连夜抢修受损道路。\n"
    (item,) = items_of(tmp_path, text)
    assert item.date == expected


def test_a_filing_day_in_chinese_numerals_dates_the_stories_today(tmp_path):
    text = ("澳门工商界访某地促文旅合作\n\n某某日报　2023年9月18日　星期一\n\n"
            "【本报记者陈嘉豪泰安十七日电】澳门工商界访问团一行今日抵达泰安市，出席文旅合作推介会。\n")
    (item,) = items_of(tmp_path, text)
    assert item.date == "2023-09-17"


def test_a_lead_that_only_sets_the_scene_dates_by_the_next_sentence(tmp_path):
    text = ("县委书记带队督导防汛工作\n\n2022-06-19　来源：某某县融媒体中心\n\n"
            "连日来，受持续强降雨影响，某某江水位明显上涨。6月18日，县委书记丘志坚带队督导沿江防汛工作。\n")
    (item,) = items_of(tmp_path, text)
    assert item.date == "2022-06-18"


def test_a_hard_wrapped_chronicles_same_day_paragraphs_are_entries_of_that_day(tmp_path):
    paragraphs = ["7日 某某高速公路某某段建成通车，全长36公里，双向四车道，设互通立交3处，总投资48亿元，是全市交通网络的重要组成部分。",
                  "市委书记王志强率党政代表团赴韩国考察经贸合作，会见了韩国某某道知事，双方签署友好交流意向书，商定在新能源领域开展合作。",
                  "15日 全市第三季度重大项目集中开工，涉及项目28个，总投资156亿元，涵盖先进制造、新能源和城市更新等领域。"]
    lines = ["2022年大事记", "十月"] + [p[k:k + 30] for p in paragraphs for k in range(0, len(p), 30)]
    items = items_of(tmp_path, "\n".join(lines) + "\n", "chronicle.txt")
    assert [(i.date, i.title) for i in items] == [
        ("2022-10-07", "某某高速公路某某段建成通车"), ("2022-10-07", "市委书记王志强率党政代表团赴韩国考察经贸合作"),
        ("2022-10-15", "全市第三季度重大项目集中开工")]


def test_a_chronicle_of_dated_lines_gives_one_entry_a_line(tmp_path):
    text = "2023年6月大事记\n\n6月\n3日 县委书记李国华主持召开县委常委会会议。\n8日 县长周海燕到陈村镇调研乡村振兴工作。\n" \
           "28日 县人大常委会召开第十二次会议。\n"
    items = items_of(tmp_path, text, "chronicle.txt")
    assert [i.date for i in items] == ["2023-06-03", "2023-06-08", "2023-06-28"]


def test_msra_is_reported_by_genre_beside_the_tagger(eval_dir):
    from kg.tools.corpora import corpora_report

    rows = {(r.corpus, r.field): r for r in corpora_report(eval_dir) if r.corpus.startswith("msra-a")}
    for genre in ("political", "other"):
        for field in ("persons", "places", "organizations"):
            row = rows[(f"msra-a:{genre}", field)]
            assert row.lac is not None and "recall" in row.detail["govkg"] and "recall" in row.detail["lac"]
    assert sum(rows[(f"msra-a:{g}", "persons")].detail["sentences"] for g in ("political", "other")) == \
        rows[("msra-a", "persons")].detail["sentences"]
