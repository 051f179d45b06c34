"""Relations on invented text from other places: the bodies of posts at every level, appointments in
every notice layout, event types and roles as the trained classifiers decide them.

Every text here is invented for the test (persons invented; places real, so that the gazetteer knows
them); each assertion would fail if the mechanism it names were wrong.
"""
from __future__ import annotations

import pytest
from invented import items_of


def posts_of(item) -> dict[tuple[str, str], str | None]:
    return {(p["person"], p["title"]): p["org"] for p in item.posts}


def roles_of(item) -> dict[str, str]:
    return {p["person"]: p["role"] for p in item.participants}


TOWN = """大安镇召开秋季森林防火工作会议

来源：某某县融媒体中心　　发布时间：2023-10-12 09:30

10月11日，遂川县大安镇召开秋季森林防火工作会议。镇党委书记曾宪明出席会议并讲话，镇党委副书记、镇长罗春华主持会议，镇人大主席刘冬梅参加。
"""


def test_a_towns_bare_bodies_are_that_towns(tmp_path):
    (item,) = items_of(tmp_path, TOWN)
    posts = posts_of(item)
    assert posts[("曾宪明", "书记")] == "中共大安镇委员会"  # 镇党委书记: 书记 of the town's party committee
    assert posts[("罗春华", "副书记")] == "中共大安镇委员会"
    assert posts[("罗春华", "镇长")] == "大安镇人民政府"
    assert posts[("刘冬梅", "主席")] == "大安镇人民代表大会"


DISTRICT = """区委书记调研城市更新项目

来源：某某区融媒体中心　　发布时间：2023-04-18 10:00

4月17日，区委书记梁振华到杨浦区新江湾城街道调研城市更新工作。区委常委、组织部部长陈雅琴，副区长孙立军参加调研。杨浦区位于中心城区东北部。
"""


def test_a_districts_bodies_carry_its_city_and_its_departments_are_its_own(tmp_path):
    (item,) = items_of(tmp_path, DISTRICT)
    posts = posts_of(item)
    assert posts[("梁振华", "书记")] == "中共上海市杨浦区委员会"  # a district's body carries its city
    assert posts[("孙立军", "副区长")] == "上海市杨浦区人民政府"
    assert posts[("陈雅琴", "部长")] == "中共上海市杨浦区委组织部"  # 区委常委、组织部部长: the district's department


REGION = """自治区领导调研冬季供暖保障工作

12月5日，自治区党委副书记、自治区主席巴特尔查干到呼和浩特市调研冬季供暖保障工作。自治区副主席王文涛陪同。
"""


def test_an_autonomous_regions_committee_and_government(tmp_path):
    (item,) = items_of(tmp_path, REGION, "region-2023-12-06.txt")
    posts = posts_of(item)
    assert posts[("巴特尔查干", "副书记")] == "中共内蒙古自治区委员会"
    assert posts[("巴特尔查干", "主席")] == "内蒙古自治区人民政府"  # a composed Mongolian name, whole
    assert posts[("王文涛", "副主席")] == "内蒙古自治区人民政府"


TRADITIONAL = """南寧市長會見香港商界訪問團

【香港文匯報訊】（記者 陳嘉怡 南寧報道）南寧市委副書記、市長韋志剛5日會見香港商界訪問團一行。廣西壯族自治區南寧市副市長黃麗華參加會見。
"""


def test_expanded_bodies_are_written_in_the_items_own_script(tmp_path):
    (item,) = items_of(tmp_path, TRADITIONAL, "nanning-2023-09-06.txt")
    posts = posts_of(item)
    assert posts[("韋志剛", "副書記")] == "中共南寧市委員會"  # not 中共南宁市委员会
    assert posts[("韋志剛", "市長")] == "南寧市人民政府"
    assert posts[("陳嘉怡", "記者")] == "香港文匯報"  # the outlet of 【某某報訊】, without its brackets


LEAGUE = """盟委书记调研畜牧业生产

7月3日，锡林郭勒盟委书记赵建华到阿巴嘎旗调研畜牧业生产。盟委副书记、盟长乌力吉巴雅尔陪同。
"""


def test_a_leagues_head_holds_the_post_in_its_administrative_office(tmp_path):
    (item,) = items_of(tmp_path, LEAGUE, "league-2023-07-04.txt")
    assert posts_of(item)[("乌力吉巴雅尔", "盟长")] == "锡林郭勒盟行政公署"


VISIT = """商丘市党政代表团来我市考察

5月8日，商丘市委副书记、市长王立新率商丘市党政代表团来我市考察。市委书记李建国，市长张明远陪同考察。开封市委常委、秘书长赵晓峰参加。
"""


def test_a_visiting_mayor_stays_in_his_own_citys_government(tmp_path):
    (item,) = items_of(tmp_path, VISIT, "kaifeng-2023-05-09.txt")
    posts = posts_of(item)
    assert posts[("王立新", "市长")] == "商丘市人民政府"
    assert posts[("王立新", "副书记")] == "中共商丘市委员会"
    assert posts[("张明远", "市长")] == "开封市人民政府"  # the host city, as the text's own


LIST_NOTICE = """某某市人民代表大会常务委员会任免名单

（2023年6月28日某某市第十六届人民代表大会常务委员会第九次会议通过）

　　一、决定任命：
　　周文斌为大同市教育局局长；
　　吴佳怡为大同市民政局局长。
　　二、决定免去：
　　郑国强的大同市教育局局长职务。
　　三、接受：
　　孙志远辞去大同市人民代表大会常务委员会委员职务的请求。
"""


def test_a_notices_lists_under_headings_give_every_appointment(tmp_path):
    (item,) = items_of(tmp_path, LIST_NOTICE, "notice-2023-06-29.txt")
    found = {(a["person"], a["action"], a["title"], a["org"]) for a in item.appointments}
    assert found == {("周文斌", "appoint", "局长", "大同市教育局"), ("吴佳怡", "appoint", "局长", "大同市民政局"),
                     ("郑国强", "remove", "局长", "大同市教育局"),
                     ("孙志远", "remove", "委员", "大同市人民代表大会常务委员会")}
    assert item.event_type == "other"  # a list of appointments
    posts = {(p["person"], p["title"]) for p in item.posts}
    assert ("周文斌", "局长") in posts and ("郑国强", "局长") not in posts  # a removal states no post held


ELECTION = """和静县第十八届人民代表大会第一次会议举行选举

1月10日，和静县第十八届人民代表大会第一次会议举行第三次全体会议。会议以无记名投票方式进行选举。王建军当选为和静县第十八届人民代表大会常务委员会主任，李秀英（女，蒙古族）、赵永红当选为副主任；刘国栋当选为和静县人民政府县长，陈志华、杨丽萍（女）当选为副县长。
"""


def test_an_elections_list_shares_the_bodies_it_names(tmp_path):
    (item,) = items_of(tmp_path, ELECTION, "hejing-2023-01-11.txt")
    found = {(a["person"], a["action"], a["title"], a["org"]) for a in item.appointments}
    congress = "和静县人民代表大会常务委员会"  # the body, without the congress's term
    assert {("王建军", "elect", "主任", congress), ("李秀英", "elect", "副主任", congress),
            ("赵永红", "elect", "副主任", congress), ("刘国栋", "elect", "县长", "和静县人民政府"),
            ("陈志华", "elect", "副县长", "和静县人民政府"), ("杨丽萍", "elect", "副县长", "和静县人民政府")} <= found


CHANGE = """某县召开领导干部大会宣布主要领导调整决定

3月2日，全县领导干部大会召开，宣布省委关于县委主要领导调整的决定：张海东同志任中共某县委员会委员、常委、书记；李明德同志不再担任中共某县委员会书记、常委、委员职务。
"""


def test_a_leadership_change_states_every_title_of_the_phrase(tmp_path):
    (item,) = items_of(tmp_path, CHANGE, "change-2023-03-03.txt")
    found = {(a["person"], a["action"], a["title"]) for a in item.appointments}
    assert {("张海东", "appoint", t) for t in ("委员", "常委", "书记")} <= found
    assert {("李明德", "remove", t) for t in ("书记", "常委", "委员")} <= found
    assert {a["org"] for a in item.appointments} == {"中共某县委员会"}


PUBLIC_NOTICE = """某某市委管理干部任前公示

根据有关规定，现将拟任职干部予以公示：

1.周建华，男，1980年5月生，汉族，研究生学历，中共党员，现任宜都市委常委、副市长，拟任枝江市委副书记，提名为枝江市人民政府市长候选人；

2.吴晓丽，女，1983年9月生，汉族，大学学历，中共党员，现任宜昌市商务局副局长，拟任宜昌市商务局局长。

公示时间：2023年6月5日至6月11日。
"""


def test_a_pre_appointment_notice_gives_nominations_and_the_posts_held_now(tmp_path):
    (item,) = items_of(tmp_path, PUBLIC_NOTICE, "notice-2023-06-04.txt")
    found = {(a["person"], a["action"], a["title"], a["org"]) for a in item.appointments}
    assert ("周建华", "nominate", "副书记", "中共枝江市委员会") in found
    assert ("周建华", "nominate", "市长", "枝江市人民政府") in found  # 提名为…市长候选人
    assert ("吴晓丽", "nominate", "局长", "宜昌市商务局") in found
    posts = posts_of(item)
    assert posts[("周建华", "常委")] == "中共宜都市委员会" and posts[("周建华", "副市长")] == "宜都市人民政府"  # 现任
    assert ("周建华", "市长") not in posts  # a nominee holds no nominated post


def test_a_notice_without_a_dated_headline_still_gives_its_item(tmp_path):
    text = ("某某县人民政府关于王某某等同志职务任免的通知\n\n某府任〔2023〕3号\n\n各乡（镇）人民政府，县政府各部门：\n\n"
            "经县人民政府研究决定：\n\n任命：\n韩立新为县水利局副局长；\n免去：\n马志刚的县水利局副局长职务。\n\n"
            "某某县人民政府\n2023年4月6日\n")
    (item,) = items_of(tmp_path, text)
    assert item.title == "某某县人民政府关于王某某等同志职务任免的通知"
    found = {(a["person"], a["action"]) for a in item.appointments}
    assert found == {("韩立新", "appoint"), ("马志刚", "remove")}


def test_a_chronicle_whose_paragraphs_are_blank_line_apart_gives_one_item_a_day(tmp_path):
    text = ("某某区大事记\n\n2022年11月\n\n　　1日，区委常委会召开会议，研究部署冬季安全生产工作。区委书记王志强主持会议。\n\n"
            "　　4日，某某区人民政府与某某大学签署战略合作框架协议，双方将共建产业研究院。区长周立民出席签约仪式。\n\n"
            "　　9日，非遗作品展在某某镇开展，展出剪纸、年画、风筝等作品300余件，展期一个月。\n")
    items = items_of(tmp_path, text, "district-chronicle-2022.txt")
    assert [i.date for i in items] == ["2022-11-01", "2022-11-04", "2022-11-09"]


@pytest.mark.parametrize("title, kind", [
    ("某某市召开2023年度经济运行情况新闻发布会", "meeting"),
    ("某某县召开乡村振兴暨“三农”工作表彰大会", "award"),
    ("某某市与某某集团签署战略合作协议", "signing"),
])
def test_the_event_classifier_reads_other_cities_headlines(tmp_path, title, kind):
    text = f"{title}\n\n来源：某某网　　发布时间：2023-03-02 10:00\n\n3月1日，{title}。市长刘建军出席。\n"
    (item,) = items_of(tmp_path, text)
    assert item.event_type == kind


def test_roles_are_relative_to_the_items_subject(tmp_path):
    text = ("副省长到某某县调研春耕生产\n\n4月2日，副省长刘志明到遂川县调研春耕生产工作。县委书记孙国强、县长赵丽华陪同调研。"
            "省农业农村厅厅长周伟参加调研。\n")
    (item,) = items_of(tmp_path, text, "visit-2023-04-03.txt")
    roles = roles_of(item)
    assert roles["刘志明"] == "leader"
    assert roles["孙国强"] == roles["赵丽华"] == "counterpart"  # the hosts of the inspection
