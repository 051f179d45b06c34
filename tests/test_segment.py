"""Segmentation: the sample digest, and digests and articles of our own making."""
from __future__ import annotations

import json
from pathlib import Path

from kg.document import extract_file, item_line
from kg.read import read_document
from kg.segment import segment

ANNOTATION_FIELDS = ["id", "section", "subsection", "title", "date", "event_type", "persons",
                     "organizations", "places", "posts", "participants"]


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_sample_items_match_the_table_of_contents(sample_result):
    assert len(sample_result.items) == 122
    assert [p for p in sample_result.problems] == []  # every TOC entry has its body item and back
    ids = [i.id for i in sample_result.items]
    assert ids == [f"luoyang-2023-12#{n:03d}" for n in range(1, 123)]


def test_sample_records_carry_the_annotation_fields_text_and_source(sample_result):
    record = sample_result.items[13].to_json()
    assert list(record)[: len(ANNOTATION_FIELDS)] == ANNOTATION_FIELDS
    assert record["title"] == "徐衣显与中国工商银行河南省分行行长邹平举行工作会谈"
    assert record["date"] == "2023-12-06"
    assert (record["section"], record["subsection"]) == ("时政", "领导活动")
    # the date was cut by a page break ("12 月 6\n\n日，"); the text is whole again
    assert "12月6日，市长徐衣显率队" in record["text"]
    assert record["source"]["file"] == "luoyang-digest-2023-12.txt"
    assert record["source"]["end"] - record["source"]["start"] == len(record["text"])


def test_sample_item_text_is_a_slice_of_the_normalised_document(sample_path):
    result = segment(read_document(sample_path))
    for item in result.items:
        assert result.text[item.source.start:item.source.end] == item.text
        assert item.text.startswith(item.title)


def test_headline_broken_across_a_page_is_joined(sample_result):
    titles = {i.title for i in sample_result.items}
    assert "洛阳市12月“社区邻里日”暨“新时代文明实践集中活动日”主题活动举行" in titles
    # a word space inside a headline is meaningful and kept
    assert "洛阳市在河南省“新时代 新征程 新风貌”十大群众文化活动中荣获44个奖项" in titles


def test_sample_scores_on_the_dev_set(sample_result, eval_dir, scorer, tmp_path):
    out = tmp_path / "items.jsonl"
    out.write_text("".join(item_line(i) for i in sample_result.items), encoding="utf-8")
    report, _errors = scorer.score(scorer.load(str(eval_dir / "seed-gold.jsonl")), scorer.load(str(out)))
    assert report["items"]["precision"] == 1.0 and report["items"]["recall"] == 1.0
    assert report["date"]["accuracy"] >= 0.99
    assert report["section"]["accuracy"] == 1.0
    assert report["subsection"]["accuracy"] == 1.0


NO_TOC_DIGEST = """某市政务信息
2022年第5期

时 政

领导活动

王明到东区调研 5月3日，市委书记王明到东区调研乡村振兴工作。他强调，要抓好落实。

李华会见省农业银行客人
5月4日，市长李华会见省农业银行行长赵强一行，双方就深化合作进行交流。

重要会议

市政府第9次常务会议召开 5 月 6

日，市长李华主持召开市政府第9次常务会议，研究
有关工作。

经 济

项 目

重点项目集中签约仪式举行 近日，我市与某集团签署合作协议。
"""


def test_digest_without_toc_uses_layout(tmp_path):
    result = extract_file(write(tmp_path, "city-news.txt", NO_TOC_DIGEST))
    rows = [(i.section, i.subsection, i.title, i.date) for i in result.items]
    assert rows == [
        ("时政", "领导活动", "王明到东区调研", "2022-05-03"),
        ("时政", "领导活动", "李华会见省农业银行客人", "2022-05-04"),
        ("时政", "重要会议", "市政府第9次常务会议召开", "2022-05-06"),
        ("经济", "项目", "重点项目集中签约仪式举行", None),
    ]
    assert "研究有关工作。" in result.items[2].text
    assert result.problems == []


TOC_DIGEST = """目录
◆ 时政 ◆
王明到东区调研.....1
市政府第9次常务会议召开.....1
目录里有正文里没有的标题.....2

时 政

王明到东区调研 5月3日，市委书记王明到东区调研。

市政府第9次常务会议召开 5月2日，市长李华主持召开会议。

正文里有目录里没有的标题 2月30日，市长李华出席活动。
"""


def test_toc_cross_check_reports_both_directions_and_keeps_every_item(tmp_path):
    result = extract_file(write(tmp_path, "x-2023-02.txt", TOC_DIGEST))
    assert [i.title for i in result.items] == ["王明到东区调研", "市政府第9次常务会议召开", "正文里有目录里没有的标题"]
    messages = [str(p) for p in result.problems]
    assert any("TOC entry with no body item" in m and "目录里有正文里没有的标题" in m for m in messages)
    assert any("missing from the table of contents" in m and "正文里有目录里没有的标题" in m for m in messages)
    impossible = [p for p in result.problems if "impossible date" in p.message]
    assert len(impossible) == 1 and impossible[0].item == "x-2023-02#003" and "x-2023-02.txt" in str(impossible[0])
    assert result.items[2].date is None and result.items[1].date == "2023-05-02"


def test_year_and_month_overrides(tmp_path):
    path = write(tmp_path, "news.txt", NO_TOC_DIGEST.replace("2022年第5期", ""))
    result = extract_file(path, year=2019)
    assert result.items[0].date == "2019-05-03"


def test_single_article_is_one_item_with_its_own_date(tmp_path):
    article = "我市召开安全生产工作会议\n2023-03-09 08:30 来源：某日报\n8日，市长张三主持召开全市安全生产工作会议。会议强调，要压实责任。\n"
    result = extract_file(write(tmp_path, "article.txt", article))
    assert len(result.items) == 1
    item = result.items[0]
    assert (item.title, item.date, item.section) == ("我市召开安全生产工作会议", "2023-03-08", None)
    yesterday = article.replace("8日，", "昨日，")
    assert extract_file(write(tmp_path, "article2.txt", yesterday)).items[0].date == "2023-03-08"


def test_text_without_items_is_reported(tmp_path):
    result = extract_file(write(tmp_path, "notes.txt", "。。。\n"))
    assert any(p.severity == "error" and "no news item" in p.message for p in result.problems)


TRADITIONAL = """時 政

領導活動

王明到東區調研 5月3日，市委書記王明到東區調研鄉村振興工作。

市政府第9次常務會議召開 5月6日，市長李華主持召開市政府第9次常務會議。
"""


def test_traditional_big5_text_is_read_and_kept_as_written(tmp_path):
    path = write(tmp_path, "trad-2022-05.txt", TRADITIONAL, encoding="big5")
    result = extract_file(path)
    assert [(i.section, i.subsection, i.title, i.date) for i in result.items] == [
        ("時政", "領導活動", "王明到東區調研", "2022-05-03"),
        ("時政", "領導活動", "市政府第9次常務會議召開", "2022-05-06"),
    ]
    assert json.loads(item_line(result.items[0]))["title"] == "王明到東區調研"


NUMBERED_DIGEST = """某市政务信息 2021年第3期

一、时政要闻

（一）领导活动

1. 王明到东区调研 3月3日上午，市委书记王明到东区调研。

2.李华会见客人 3月4日，市长李华会见客人。

（二）重要会议

【市政府常务会议召开】 3月5日，市长李华主持召开会议。

二、经济发展

● 重点项目集中开工 3月9日，全市重点项目集中开工。
"""


def test_numbered_headings_and_bulleted_headlines(tmp_path):
    result = extract_file(write(tmp_path, "news.txt", NUMBERED_DIGEST), extract=False)
    rows = [(i.section, i.subsection, i.title, i.date) for i in result.items]
    assert rows[:2] == [("时政要闻", "领导活动", "王明到东区调研", "2021-03-03"),
                        ("时政要闻", "领导活动", "李华会见客人", "2021-03-04")]
    assert rows[-1] == ("经济发展", None, "重点项目集中开工", "2021-03-09")
    assert rows[2] == ("时政要闻", "重要会议", "市政府常务会议召开", "2021-03-05")
    assert len(rows) == 4


def test_web_article_with_source_line_and_byline(tmp_path):
    article = ("市委书记安伟调研城市更新工作\n来源：郑州日报  发布时间：2023-05-08 08:30\n"
               "本报讯（记者 王静）5月7日，省委常委、市委书记安伟到管城区调研城市更新工作。\n")
    result = extract_file(write(tmp_path, "web.txt", article), extract=False)
    assert [(i.title, i.date) for i in result.items] == [("市委书记安伟调研城市更新工作", "2023-05-07")]
    assert result.problems == []


def test_one_item_written_as_in_a_digest_is_cut_at_its_date(tmp_path):
    result = extract_file(write(tmp_path, "one-2022-06.txt", "某市召开防汛工作会议 6月3日，市长李华主持会议。\n"),
                          extract=False)
    assert [(i.title, i.date) for i in result.items] == [("某市召开防汛工作会议", "2022-06-03")]


ONE_LEVEL_TOC_DIGEST = """目录

领导活动
王明到东区调研.....1

重要会议
市政府第9次常务会议召开.....1

领导活动

王明到东区调研 5月3日，市委书记王明到东区调研。

重要会议

市政府第9次常务会议召开 5月2日，市长李华主持召开会议。
"""


def test_a_table_of_contents_with_one_level_of_headings_gives_sections(tmp_path):
    result = extract_file(write(tmp_path, "y-2023-05.txt", ONE_LEVEL_TOC_DIGEST))
    assert [(i.section, i.subsection) for i in result.items] == [("领导活动", None), ("重要会议", None)]
    assert result.problems == []
