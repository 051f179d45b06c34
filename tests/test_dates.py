import pytest

from kg.text.dates import ITEM_DATE, DateError, Period, date_from_match, infer_period, iso_date

DEC_2023 = Period(2023, 12)


@pytest.mark.parametrize(("text", "iso"), [
    ("12月6日，市长", "2023-12-06"),
    ("12月25日至27日，河南省", "2023-12-25"),
    ("12月25日至26日，省住建厅", "2023-12-25"),
    ("12月，于洛阳市科技局", "2023-12"),
    ("12月18日23时59分，甘肃", "2023-12-18"),
    ("12月6日上午，", "2023-12-06"),
    ("2024年1月3日，", "2024-01-03"),
    ("１２月６日，", "2023-12-06"),
    ("12月上旬，全市", "2023-12"),
    ("12月底，", "2023-12"),
    ("12月份，", "2023-12"),
])
def test_item_dates_normalise_to_iso(text, iso):
    match = ITEM_DATE.search(text)
    assert match is not None
    assert date_from_match(match, DEC_2023) == iso


def test_a_december_date_in_a_january_digest_is_last_year():
    match = ITEM_DATE.search("12月30日，")
    assert date_from_match(match, Period(2024, 1)) == "2023-12-30"


def test_date_inside_a_sentence_needs_its_comma():
    assert ITEM_DATE.search("今年12月底完成") is None


@pytest.mark.parametrize(("month", "day"), [(2, 30), (4, 31), (13, 1)])
def test_impossible_dates_raise(month, day):
    with pytest.raises(DateError):
        iso_date(2023, month, day)


def test_leap_day_is_a_real_day():
    assert iso_date(2024, 2, 29) == "2024-02-29"
    with pytest.raises(DateError):
        iso_date(2023, 2, 29)


def test_period_from_file_name_then_cover_then_content():
    assert infer_period("xian-digest-2021-03.txt", "", [], "") == Period(2021, 3)
    assert infer_period("digest.txt", "政务信息 2022年第7期", [], "") == Period(2022, 7)
    dates = [ITEM_DATE.search(t) for t in ("5月1日，", "5月3日，", "4月30日，")]
    assert infer_period("digest.txt", "", dates, "2019年工作") == Period(2019, 5)
