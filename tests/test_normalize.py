import pytest

from kg.text.normalize import clean_line, compare_key, is_open, join_text


@pytest.mark.parametrize(("raw", "clean"), [
    ("特 别 关 注", "特别关注"),
    ("社 会 事 业", "社会事业"),
    ("洛阳市 13 个驿站获评全国“最美驿站”", "洛阳市13个驿站获评全国“最美驿站”"),
    ("12 月 29 日，中国援外医疗队", "12月29日，中国援外医疗队"),
    ("获批贷款授信 31.5 亿元", "获批贷款授信31.5亿元"),
    ("河南省“新时代 新征程 新风貌”十大", "河南省“新时代 新征程 新风貌”十大"),
    ("\u3000 领导活动\t ", "领导活动"),
    ("“数字助力-河南 AI 人才培养”", "“数字助力-河南AI人才培养”"),
    ("Hello world 会议", "Hello world会议"),
])
def test_clean_line_removes_pdf_spaces_and_keeps_word_spaces(raw, clean):
    assert clean_line(raw) == clean


def test_open_lines_are_page_breaks():
    assert is_open("与会人员进行深入洽")
    assert not is_open("进行深入洽谈交流。")
    assert not is_open("获评“全国法院先进集体”")
    assert not is_open("")


def test_join_text_puts_a_space_only_between_latin_words():
    assert join_text("市长徐", "衣显") == ""
    assert join_text("the", "city") == " "
    assert join_text("获奖1", "2月6日") == ""  # a number cut by the break


def test_compare_key_matches_full_and_half_width():
    assert compare_key("中铁（上海）投资 集团") == compare_key("中铁(上海)投资集团")
