"""Layouts other than the digest: chronicles (大事记), web articles, saved web pages.

Every text here is invented; the shapes are those of real chronicles and news pages.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.document import extract_file
from kg.read import read_document
from kg.segment import layout_of


def items_of(tmp_path: Path, name: str, text: str, **options):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = extract_file(path, extract=False, **options)
    return result


def rows(result) -> list[tuple[str, str | None]]:
    return [(i.title, i.date) for i in result.items]


# ---------------------------------------------------------------- chronicles

def test_chronicle_entries_under_month_headings(tmp_path):
    text = ("某县2022年大事记\n十一月\n1日，县委书记王明主持召开县委常委会会议，研究部署冬季安全生产工作。\n"
            "3日，县长李华到城关镇调研乡村振兴工作。\n十二月\n12月2日，县政府与某某农业发展有限公司签订合作协议。\n"
            "5日，全县冬季征兵工作动员会召开。\n")
    result = items_of(tmp_path, "chronicle.txt", text)
    assert rows(result) == [("县委书记王明主持召开县委常委会会议", "2022-11-01"),
                            ("县长李华到城关镇调研乡村振兴工作", "2022-11-03"),
                            ("县政府与某某农业发展有限公司签订合作协议", "2022-12-02"),
                            ("全县冬季征兵工作动员会召开", "2022-12-05")]
    assert [i.section for i in result.items] == ["十一月", "十一月", "十二月", "十二月"]
    assert result.items[0].text.startswith("县委书记王明主持召开县委常委会会议，研究部署")
    assert all(result_text_slice(tmp_path / "chronicle.txt", i) for i in result.items)


def result_text_slice(path: Path, item) -> bool:
    from kg.segment import segment

    segmented = segment(read_document(path))
    return segmented.text[item.source.start:item.source.end] == item.text


def hard_wrap(paragraph: str, width: int = 38) -> str:
    return "\n".join(paragraph[k:k + width] for k in range(0, len(paragraph), width))


def test_chronicle_day_alone_on_a_line_over_a_hard_wrapped_body(tmp_path):
    first = ("市委书记王明到东区调研城市更新工作，实地察看老旧小区改造项目进展情况，听取相关部门工作汇报。"
             "他强调，要坚持以人民为中心，加快推进城市更新，切实改善群众居住条件，让群众住得更加舒心安心。")
    second = ("全省农业农村工作现场会在我市召开，副省长赵强出席会议并讲话，与会人员实地观摩了现代农业产业园、"
              "高标准农田示范区和农村人居环境整治示范村，交流了各地的经验做法。")
    text = f"某市2021年3月大事记\n6日\n{hard_wrap(first)}\n8—9日\n{hard_wrap(second)}\n"
    result = items_of(tmp_path, "wrapped.txt", text)
    assert rows(result) == [("市委书记王明到东区调研城市更新工作", "2021-03-06"),
                            ("全省农业农村工作现场会在我市召开", "2021-03-08")]
    assert result.items[0].text == first  # the wrapped lines are one entry again
    assert result.items[1].text == second


def test_chronicle_day_glued_to_its_text_and_a_paragraph_after_a_full_stop(tmp_path):
    text = "2020年大事记\n一月\n3日市政府召开第5次常务会议。\n会议研究了春节期间市场供应工作。\n7日市长李华会见某某银行客人。\n"
    result = items_of(tmp_path, "glued.txt", text)
    assert rows(result) == [("市政府召开第5次常务会议", "2020-01-03"), ("市长李华会见某某银行客人", "2020-01-07")]
    assert "会议研究了春节期间市场供应工作" in result.items[0].text


def test_chronicle_marks_and_same_day_words(tmp_path):
    text = ("2019年大事记\n五月\n10日，市委召开全市干部大会。\n△市政府召开防汛工作会议。\n"
            "是日，市长李华到某某水库检查防汛工作。\n12日，市人大常委会召开第十次会议。\n同日，市政协召开主席会议。\n")
    result = items_of(tmp_path, "marks.txt", text)
    assert rows(result) == [("市委召开全市干部大会", "2019-05-10"), ("市政府召开防汛工作会议", "2019-05-10"),
                            ("市长李华到某某水库检查防汛工作", "2019-05-10"),
                            ("市人大常委会召开第十次会议", "2019-05-12"), ("市政协召开主席会议", "2019-05-12")]


@pytest.mark.parametrize("line, date", [
    ("1日~2日，全市人口普查业务培训会举行。", "2023-07-01"),
    ("6—7日，省委巡视组来我市开展工作。", "2023-07-06"),
    ("1月4—8日，市领导分组走访慰问困难群众。", "2023-01-04"),
    ("7月3日至5日，某某文化旅游节举行。", "2023-07-03"),
])
def test_chronicle_ranges_give_their_first_day(tmp_path, line, date):
    text = f"2023年大事记\n七月\n{line}\n15日，市委召开常委会会议。\n20日，市政府召开常务会议。\n"
    result = items_of(tmp_path, "ranges.txt", text)
    assert result.items[0].date == date
    assert len(result.items) == 3


def test_chronicle_day_headers_with_weekday_over_one_entry_per_line(tmp_path):
    text = ("2020年12月工作动态\n△12月8日(星期二)\n市委书记王明主持召开市委常委会会议。\n市长李华到某某开发区调研。\n"
            "△12月9日(星期三)\n市政协召开主席会议。\n")
    result = items_of(tmp_path, "daily.txt", text)
    assert rows(result) == [("市委书记王明主持召开市委常委会会议", "2020-12-08"),
                            ("市长李华到某某开发区调研", "2020-12-08"), ("市政协召开主席会议", "2020-12-09")]


def test_chronicle_page_with_breadcrumb_publication_line_time_stamp_and_byline(tmp_path):
    text = ("首页 > 政务公开 > 大事记\n某市1月大事记\n日期:2022-02-23\n"
            "18:23:541月1日，市委书记王明慰问节日期间坚守岗位的一线职工。\n"
            "1月15日，市政府召开第3次常务会议。\n1月3日，市长李华到某某镇调研。\n（王某）\n")
    text_with_footer = text + "责任编辑：赵某\n上一篇：某市12月大事记\n"
    result = items_of(tmp_path, "page.txt", text)
    assert rows(result) == [("市委书记王明慰问节日期间坚守岗位的一线职工", "2022-01-01"),
                            ("市政府召开第3次常务会议", "2022-01-15"), ("市长李华到某某镇调研", "2022-01-03")]
    assert "王某" not in result.items[-1].text
    assert rows(items_of(tmp_path, "footer.txt", text_with_footer)) == rows(result)
    last = items_of(tmp_path, "footer.txt", text_with_footer).items[-1].text
    assert "上一篇" not in last and "王某" not in last and "赵某" not in last


def test_chronicle_long_first_clause_is_cut(tmp_path):
    clause = "市委理论学习中心组举行专题学习会议深入学习贯彻党的二十大精神和习近平新时代中国特色社会主义思想主题教育"
    text = f"2023年大事记\n三月\n2日，{clause}。\n5日，市政府召开常务会议。\n9日，市委召开常委会会议。\n"
    assert items_of(tmp_path, "long.txt", text).items[0].title == clause[:40]


def test_a_digest_is_not_taken_for_a_chronicle(tmp_path, sample_path):
    assert layout_of(read_document(sample_path)) == "digest"
    digest = ("王明到东区调研\n5月3日，市委书记王明到东区调研。\n李华会见客人\n5月4日，市长李华会见客人。\n"
              "市政府召开常务会议\n5月6日，市长李华主持会议。\n")
    path = tmp_path / "d-2022-05.txt"
    path.write_text(digest, encoding="utf-8")
    assert layout_of(read_document(path)) == "digest"
    assert [i.title for i in extract_file(path, extract=False).items] == ["王明到东区调研", "李华会见客人",
                                                                         "市政府召开常务会议"]


# ---------------------------------------------------------------- web articles

def test_article_with_kicker_and_subtitle_is_one_item(tmp_path):
    text = ("坚定信心 奋力谱写高质量发展新篇章\n市委书记王明调研重点项目建设\n——强调要抓项目促投资稳增长\n"
            "来源：某市日报 作者：张某 发布时间：2023-05-08 08:30\n【打印】【关闭】\n【字体：大 中 小】\n"
            "本报讯（记者 赵某 通讯员 钱某）7日，市委书记王明到高新区调研重点项目建设。他强调，要加快项目进度。\n"
            "市领导李华参加调研。\n上一篇：市政府召开常务会议\n版权所有：某市人民政府\n")
    result = items_of(tmp_path, "news.txt", text)
    assert rows(result) == [("市委书记王明调研重点项目建设", "2023-05-07")]
    item = result.items[0]
    assert item.subtitle == "坚定信心 奋力谱写高质量发展新篇章 ——强调要抓项目促投资稳增长"
    assert "来源" not in item.text and "打印" not in item.text and "版权所有" not in item.text
    assert "上一篇" not in item.text and "记者 赵某 通讯员 钱某" in item.text
    assert json.loads(json.dumps(item.to_json()))["subtitle"] == item.subtitle
    assert result.problems == []


def test_article_dateline_line_is_not_the_headline(tmp_path):
    text = "某市举办农民丰收节庆祝活动\n某某网7月30日某地消息\n29日，某市农民丰收节庆祝活动在某某镇举行。\n"
    result = items_of(tmp_path, "2023-07-30-news.txt", text)
    assert rows(result) == [("某市举办农民丰收节庆祝活动", "2023-07-29")]


def test_article_with_a_publication_date_line_under_its_headline(tmp_path):
    text = "某县召开秋季防火工作会议\n2020年09月30日\n29日，县长李华主持召开全县秋季防火工作会议。会议要求，要压实责任。\n"
    result = items_of(tmp_path, "fire.txt", text)
    assert rows(result) == [("某县召开秋季防火工作会议", "2020-09-29")]


def test_page_with_a_summary_before_the_repeated_headline_is_one_article(tmp_path):
    text = ("某市召开优化营商环境大会\n5月6日，某市召开优化营商环境大会，市委书记王明出席并讲话。\n"
            "某市召开优化营商环境大会\n——全力打造一流营商环境\n"
            "本报讯 5月6日，某市召开优化营商环境大会。市委书记王明出席并讲话，市长李华主持。\n")
    result = items_of(tmp_path, "2023-05-07-page.txt", text)
    assert rows(result) == [("某市召开优化营商环境大会", "2023-05-06")]
    assert result.items[0].subtitle == "——全力打造一流营商环境"


def test_article_days_resolve_against_the_publication_date(tmp_path):
    text = "某市开展安全生产大检查\n发布时间：2023-03-02 09:15\n28日，市长李华带队开展安全生产大检查。\n"
    assert rows(items_of(tmp_path, "check.txt", text)) == [("某市开展安全生产大检查", "2023-02-28")]
    yesterday = "某市开展安全生产大检查\n昨日，市长李华带队开展安全生产大检查。\n"
    assert items_of(tmp_path, "y.txt", yesterday, published="2023-03-02").items[0].date == "2023-03-01"
    xinhua = "某省召开防汛工作会议\n新华社某地6月21日电 21日，某省召开防汛工作会议，部署防汛工作。\n"
    assert items_of(tmp_path, "x-2021.txt", xinhua).items[0].date == "2021-06-21"
    recent = "某市开展安全生产大检查\n发布时间：2023-03-02\n近日，市长李华带队开展安全生产大检查。\n"
    result = items_of(tmp_path, "recent.txt", recent)
    assert result.items[0].date is None and result.problems == []


def test_article_day_without_any_publication_date_is_null_with_one_warning(tmp_path):
    text = "某市开展安全生产大检查\n8日，市长李华带队开展安全生产大检查。\n"
    result = items_of(tmp_path, "undated.txt", text)
    assert result.items[0].date is None
    assert len(result.problems) == 1 and "--date" in result.problems[0].message


PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}_某市人民政府网</title>{meta}</head>
<body><div class="nav"><a href="/">首页</a> &gt; <a href="/news">政务要闻</a></div>
<div class="article"><h1>{title}</h1>
<div class="info">来源：某市日报 {shown}</div>
<p>本报讯（记者 赵某）{day}，{body}他强调，要坚持问题导向，抓好工作落实，确保各项任务按期完成。</p>
<p>市领导李华参加活动。有关部门负责同志陪同。</p>
</div><div class="footer">版权所有：某市人民政府办公室 网站标识码0000000000 某ICP备00000000号</div></body></html>
"""


def test_kg_extract_on_a_folder_of_saved_pages(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    specs = [
        ("市委书记王明调研乡村振兴工作", '<meta property="article:published_time" content="2024-03-05T08:30:00+08:00">',
         "", "4日", "市委书记王明到某某镇调研乡村振兴工作。"),
        ("市政府召开第12次常务会议", "", '<time datetime="2024-04-10">2024-04-10</time>', "9日",
         "市长李华主持召开市政府第12次常务会议。"),
        ("某市举行重点项目集中开工活动", '<meta name="pubdate" content="2024-05-20">', "", "昨日",
         "某市举行重点项目集中开工活动。"),
    ]
    for n, (title, meta, shown, day, body) in enumerate(specs):
        html = PAGE.format(title=title, meta=meta, shown=shown, day=day, body=body)
        (pages / f"page{n}.html").write_text(html, encoding="utf-8")
    out = tmp_path / "items.jsonl"
    done = subprocess.run([sys.executable, "-m", "kg", "extract", str(pages), "-o", str(out), "--no-extract"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["title"], r["date"]) for r in records] == [
        ("市委书记王明调研乡村振兴工作", "2024-03-04"), ("市政府召开第12次常务会议", "2024-04-09"),
        ("某市举行重点项目集中开工活动", "2024-05-19")]
    for record in records:
        assert "首页" not in record["text"] and "版权所有" not in record["text"]
        assert "来源" not in record["text"] and "市领导李华参加活动" in record["text"]


# ---------------------------------------------------------------- datelines and bylines (extraction)

def test_byline_credits_are_persons_with_posts_and_the_outlet_is_a_body(tmp_path):
    text = ("某省召开防汛工作会议\n新华社某州6月21日电（记者 赵小刚 通讯员 钱大伟）21日，某省召开防汛工作会议。"
            "摄影 周文涛\n")
    path = tmp_path / "flood-2021.txt"
    path.write_text(text, encoding="utf-8")
    item = extract_file(path).items[0]
    posts = {(p["person"], p["title"], p["org"]) for p in item.posts}
    assert {("赵小刚", "记者", "新华社"), ("钱大伟", "通讯员", "新华社"), ("周文涛", "摄影", None)} <= posts
    assert "新华社" in item.organizations
    assert "某州" not in item.places  # the place of filing is no event place
    assert {"person": "赵小刚", "role": "mentioned"} in item.participants


def test_this_papers_dateline_names_no_outlet(tmp_path):
    path = tmp_path / "local-2022-04-09.txt"
    path.write_text("某县开展植树活动\n本报讯（记者 孙立平）8日，县长李华带头参加义务植树活动。\n", encoding="utf-8")
    item = extract_file(path).items[0]
    assert ("孙立平", "记者", None) in {(p["person"], p["title"], p["org"]) for p in item.posts}
    assert not any(o.startswith("本报") for o in item.organizations)
    assert item.date == "2022-04-08"


def test_chronicle_of_several_years_follows_its_year_headings(tmp_path):
    text = "某区大事记\n2021年\n十二月\n28日，区委召开全会。\n2022年\n一月\n4日，区政府召开常务会议。\n9日，区长李华调研。\n"
    assert rows(items_of(tmp_path, "years.txt", text)) == [("区委召开全会", "2021-12-28"),
                                                           ("区政府召开常务会议", "2022-01-04"), ("区长李华调研", "2022-01-09")]


def test_a_notice_keeps_its_salutation_and_list_and_its_headline_is_not_a_clause(tmp_path):
    text = ("市人民政府关于郭某某等同志职务任免的通知\n各县（市、区）人民政府，市政府各部门：\n"
            "经2024年6月18日市政府第45次常务会议研究决定：\n任命郭立新为市发展和改革委员会主任；\n"
            "任命詹秋云为市教育局副局长；\n免去蔺红的市统计局副局长职务。\n某市人民政府\n2024年6月20日\n")
    result = items_of(tmp_path, "notice.txt", text)
    (item,) = result.items
    assert item.title == "市人民政府关于郭某某等同志职务任免的通知"
    for line in ("各县（市、区）人民政府", "任命郭立新为市发展和改革委员会主任", "任命詹秋云为市教育局副局长"):
        assert line in item.text  # nothing between the headline and the first full stop is lost
    (extracted,) = extract_file(tmp_path / "notice.txt").items
    assert {(a["person"], a["org"]) for a in extracted.appointments} >= {("郭立新", "市发展和改革委员会"),
                                                                          ("詹秋云", "市教育局")}


def test_chronicle_entries_dated_by_their_month_are_kept_with_the_month(tmp_path):
    text = ("2021年大事记\n4月\n4月上旬 市政府出台《关于促进民营经济发展的若干措施》。\n是月 全市开展安全生产大检查。\n"
            "4月20日至22日 市委书记某某带队赴外地招商。\n")
    result = items_of(tmp_path, "chronicle.txt", text)
    assert rows(result) == [("市政府出台《关于促进民营经济发展的若干措施》", "2021-04"),
                            ("全市开展安全生产大检查", "2021-04"), ("市委书记某某带队赴外地招商", "2021-04-20")]


def test_a_digest_without_contents_keeps_its_masthead_off_the_first_headline(tmp_path):
    text = ("某市领导活动月报\n2022年1月\n\n市委常委会召开会议\n1月4日，市委书记某某主持召开市委常委会会议。\n\n"
            "市长慰问困难群众\n12月30日，市长某某走访慰问困难群众。\n")
    result = items_of(tmp_path, "monthly.txt", text)
    assert rows(result) == [("市委常委会召开会议", "2022-01-04"), ("市长慰问困难群众", "2021-12-30")]
