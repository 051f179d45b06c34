"""Analyst views in a real browser: Debian's chromium driven by Playwright, pages opened from file://."""
from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import networkx as nx
import pytest

from kg.tools.synthetic import synthetic_graph
from kg.views import write_views
from kg.views.networks import MAX_OVERVIEW_NODES, coparticipation_view, organizations_view, overview

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "output" / "test-screenshots"
#: The bound this suite states for a 5,000-node graph's overview to load and settle (seconds).
LARGE_GRAPH_BOUND = 60
PAGES = ("index.html", "overview.html", "coparticipation.html", "organizations.html", "persons.html")


@pytest.fixture(scope="module")
def browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but chromium is not installed (.ci/run installs Debian's chromium)")
        pytest.skip("chromium not found; install Debian's chromium to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync"])
        yield browser
        browser.close()


class Page:
    """A page opened from disk, recording console errors, network requests and dialogs."""

    def __init__(self, browser, path: Path):
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: None if r.url.startswith(("file:", "data:", "blob:"))
                     else self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri())

    def settle(self, timeout: float = 60) -> None:
        self.page.wait_for_function("window.govkgStabilized === true", timeout=timeout * 1000)

    def count(self, what: str) -> int:
        return self.page.evaluate(f"network.body.data.{what}.length")

    def hover(self, label: str) -> str:
        """Hover the node with this label; return the tooltip's text."""
        position = self.page.evaluate("""label => {
            const node = nodes.get({filter: n => n.label === label})[0];
            network.focus(node.id, {scale: 1.5, animation: false});
            return network.canvasToDOM(network.getPositions([node.id])[node.id]);
        }""", label)
        box = self.page.locator("#mynetwork").bounding_box()
        self.page.mouse.move(box["x"] + position["x"], box["y"] + position["y"])
        self.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
        return self.page.inner_text("div.vis-tooltip")


@pytest.fixture(scope="module")
def views(sample_build):
    result, out = sample_build
    return result.graph, out


@pytest.mark.parametrize("name", PAGES)
def test_pages_reference_no_remote_script_or_stylesheet(name, views):
    _g, out = views
    text = (out / name).read_text(encoding="utf-8")
    assert not re.search(r'src="https?:|href="https?:', text)


@pytest.mark.parametrize("name", [p for p in PAGES if p != "index.html"])
def test_page_loads_offline_without_errors(name, views, browser):
    _g, out = views
    page = Page(browser, out / name)
    page.settle()
    assert page.errors == [] and page.requests == []
    assert page.count("nodes") > 0
    page.page.close()


@pytest.mark.parametrize(("name", "view"), [("overview.html", overview), ("coparticipation.html", coparticipation_view),
                                            ("organizations.html", organizations_view)])
def test_network_holds_the_expected_nodes_and_edges(name, view, views, browser):
    g, out = views
    nodes, edges, _note = view(g)
    page = Page(browser, out / name)
    page.settle()
    assert (page.count("nodes"), page.count("edges")) == (len(nodes), len(edges))
    page.page.close()


def test_person_tooltip_shows_posts_with_dates_and_a_screenshot_is_saved(views, browser):
    _g, out = views
    page = Page(browser, out / "overview.html")
    page.settle()
    tip = page.hover("徐衣显")
    assert "洛阳市人民政府市长" in tip and re.search(r"2023-12-\d\d – 2023-12-\d\d", tip)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(SCREENSHOTS / "overview.png"))
    assert (SCREENSHOTS / "overview.png").stat().st_size > 20_000
    page.page.close()


def test_event_tooltip_shows_date_type_headline_evidence_and_source(views, browser):
    g, out = views
    page = Page(browser, out / "overview.html")
    page.settle()
    tip = page.hover("江凌到孟津区调研")
    assert "2023-12-07" in tip and "inspection" in tip and "市委书记江凌到孟津区调研" in tip
    assert re.search(r"source: luoyang-2023-12#\d{3}", tip)
    page.page.close()


def test_edge_tooltips_name_relation_and_source_item(views):
    g, _out = views
    _nodes, edges, _note = overview(g)
    roles = [e["tip"] for e in edges if e["tip"].startswith(("chair", "leader", "attendee"))]
    assert roles and all(re.search(r"\nsource: luoyang-2023-12#\d{3}$", tip) for tip in roles)


def test_filters_and_search(views, browser):
    _g, out = views
    page = Page(browser, out / "overview.html")
    page.settle()
    visible = "nodes.get({filter: n => !n.hidden}).length"
    total = page.page.evaluate(visible)
    page.page.uncheck('input[data-kind="event"]')
    without_events = page.page.evaluate(visible)
    assert without_events < total
    page.page.check('input[data-kind="event"]')
    page.page.select_option("#govkg-type", "talks")
    talks = page.page.evaluate("nodes.get({filter: n => !n.hidden && n.kind === 'event'}).length")
    assert 0 < talks < page.page.evaluate("nodes.get({filter: n => n.kind === 'event'}).length")
    page.page.select_option("#govkg-type", "")
    page.page.fill("#govkg-from", "2023-12-20")
    page.page.dispatch_event("#govkg-from", "change")
    late = page.page.evaluate("nodes.get({filter: n => !n.hidden && n.kind === 'event'}).map(n => n.date)")
    # a day must fall in the range; a month-only date stays when its month overlaps the range
    assert late and all(d >= "2023-12-20" if len(d) == 10 else d == "2023-12" for d in late)
    assert any(len(d) == 10 for d in late)
    page.page.fill("#govkg-search", "江凌")
    page.page.click("#govkg-go")
    assert page.page.evaluate("network.getSelectedNodes().length") >= 1
    page.page.close()


def test_persons_page_switches_person(views, browser):
    g, out = views
    page = Page(browser, out / "persons.html")
    page.settle()
    target = next(n for n, d in g.nodes(data=True) if d["kind"] == "person" and d["label"] == "江凌")
    page.page.select_option("#govkg-person", target)
    page.settle()
    labels = page.page.evaluate("nodes.get().map(n => n.label)")
    assert "江凌" in labels and any("书记" in label for label in labels)
    assert page.errors == []
    page.page.close()


def test_names_are_data_not_markup(tmp_path, browser):
    evil = '<img src=x onerror=alert(1)>"\'&'
    g = nx.MultiDiGraph()
    g.add_node("https://w3id.org/govkg/id/person/x-1", kind="person", label=evil, aliases=[])
    g.add_node("https://w3id.org/govkg/id/organization/y-1", kind="organization", label="<script>alert(2)</script>",
               aliases=['<a href="javascript:alert(3)">x</a>'])
    g.add_edge("https://w3id.org/govkg/id/person/x-1", "https://w3id.org/govkg/id/organization/y-1",
               key="gk:organization", relation="gk:organization")
    write_views(g, tmp_path)
    for name in ("overview.html", "index.html", "persons.html"):
        page = Page(browser, tmp_path / name)
        if name != "index.html":
            page.settle()
            assert page.hover(evil).startswith(evil)
        page.page.wait_for_timeout(300)
        assert page.dialogs == [] and page.errors == [], name
        assert page.page.locator("img[src=x]").count() == 0
        page.page.close()
    assert evil not in (tmp_path / "index.html").read_text(encoding="utf-8")  # escaped in the static page


def test_a_5000_node_graph_opens_and_settles_within_the_bound(tmp_path, browser):
    g = synthetic_graph(5000)
    write_views(g, tmp_path)
    start = time.perf_counter()
    page = Page(browser, tmp_path / "overview.html")
    page.settle(timeout=LARGE_GRAPH_BOUND)
    elapsed = time.perf_counter() - start
    assert elapsed < LARGE_GRAPH_BOUND
    assert page.count("nodes") == MAX_OVERVIEW_NODES and page.errors == []
    print(f"5,000-node graph: overview loaded and settled in {elapsed:.1f} s (bound {LARGE_GRAPH_BOUND} s)")
    page.page.close()


# ---------------------------------------------------------------- pages that answer as text

def test_search_from_the_index_lands_on_a_profile_with_posts_and_a_dated_timeline(views, browser):
    from kg.queries import activity

    g, out = views
    official = max((n for n, k in g.nodes(data="kind") if k == "person"),
                   key=lambda n: (activity(g)[n], g.nodes[n]["label"]))
    name = g.nodes[official]["label"]
    page = Page(browser, out / "index.html")
    page.page.fill("#site-search", name)
    page.page.press("#site-search", "Enter")
    page.page.wait_for_load_state()
    assert page.page.url.endswith(official.rsplit("/", 1)[1] + ".html")
    assert page.page.inner_text("h1") == name
    header = page.page.locator("#posts thead").inner_text()
    assert all(word in header for word in ("title", "body", "first seen", "last seen"))
    first_post = page.page.locator("#posts tbody tr").first.locator("td").all_inner_texts()
    assert first_post[0] and re.match(r"\d{4}-\d{2}", first_post[2])
    dated = page.page.locator("#timeline tbody tr").filter(has_text=re.compile(r"^\d{4}-\d{2}-\d{2}"))
    assert dated.count() >= 1
    dated.first.locator("summary").click()
    assert len(dated.first.locator("q").inner_text()) > 5  # the evidence sentence
    page.page.wait_for_function("window.govkgStabilized === true")
    assert page.page.evaluate("window.govkgEgo.body.data.nodes.length") >= 2
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(SCREENSHOTS / "profile.png"), full_page=False)
    assert page.errors == [] and page.requests == []
    page.page.close()


def test_search_lands_on_a_body_page_with_its_holders(views, browser):
    g, out = views
    body = max((n for n, k in g.nodes(data="kind") if k == "organization"),
               key=lambda n: (sum(1 for _u, _v, key in g.in_edges(n, keys=True) if key == "org:organization"),
                              g.nodes[n]["label"]))
    page = Page(browser, out / "events.html")
    page.page.fill("#site-search", g.nodes[body]["label"])
    page.page.press("#site-search", "Enter")
    page.page.wait_for_load_state()
    assert page.page.inner_text("h1") == g.nodes[body]["label"]
    holders = page.page.locator("#holders tbody tr")
    assert holders.count() >= 1 and re.match(r"\d{4}-\d{2}", holders.first.locator("td").nth(2).inner_text())
    assert page.errors == [] and page.requests == []
    page.page.close()


def test_events_table_filters_by_type_and_sorts(views, browser):
    _g, out = views
    page = Page(browser, out / "events.html")
    total = page.page.locator("#events tbody tr").count()
    page.page.select_option("#f-type", "talks")
    shown = page.page.locator("#events tbody tr:not([hidden])")
    assert 0 < shown.count() < total
    assert set(shown.evaluate_all("rows => rows.map(r => r.dataset.type)")) == {"talks"}
    page.page.select_option("#f-type", "")
    page.page.click("th[data-sort=date]")
    page.page.click("th[data-sort=date]")
    dates = page.page.locator("#events tbody tr").evaluate_all("rows => rows.map(r => r.dataset.date)")
    assert dates == sorted(dates, reverse=True)
    assert page.errors == []
    page.page.close()


def test_coparticipation_holds_no_one_who_is_only_mentioned(views, browser):
    import kg
    from kg.queries import participations

    g, out = views
    roles: dict[str, set[str]] = {}
    for _p, person, _e, role in participations(g):
        roles.setdefault(person, set()).add(role)
    only_mentioned = {p for p, r in roles.items() if r == {"mentioned"}}
    assert only_mentioned, "the sample mentions people who take no part"
    assert not only_mentioned & set(kg.co_participation(g).nodes)
    page = Page(browser, out / "coparticipation.html")
    page.settle()
    drawn = set(page.page.evaluate("nodes.getIds()"))
    assert drawn and not only_mentioned & drawn
    assert page.page.evaluate("edges.get().every(e => !e.arrows || e.arrows === '')")
    page.page.close()


def test_two_builds_give_byte_identical_pages(sample_path, tmp_path):
    """Two processes with different hash seeds: every page, script and data file is the same byte for byte."""
    import subprocess
    import sys

    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"build-{seed}"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-m", "kg", "build", str(sample_path), "--out-dir", str(out), "--no-cache"],
                       env=env,
                       check=True, capture_output=True)
        outs.append(out)
    first, second = outs
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file() and "store" not in p.parts)
    assert sum(1 for f in files if f.suffix == ".html") > 100
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_a_profile_and_a_body_page_draw_careers_over_years(browser, tmp_path):
    """Invented articles over four years: the official's profile draws one bar per post in the order held,
    the bureau's page draws the removed head's bar ending where the successor's begins."""
    from test_careers import ARTICLES

    import kg
    from kg.views.pages import body_href, person_href

    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    g = kg.build([folder], out_dir=tmp_path / "out")
    official = next(n for n, d in g.nodes(data=True) if d["kind"] == "person" and d["label"] == "毛建华")
    page = Page(browser, tmp_path / "out" / person_href(official))
    figure = page.page.locator("#career-timeline")
    assert figure.is_visible()
    bars = figure.locator("g.row")
    assert bars.count() == len(kg.careers(g, official)) == 2
    labels = [bars.nth(k).locator("text").text_content() for k in range(2)]
    xs = [float(bars.nth(k).locator("rect").get_attribute("x")) for k in range(2)]
    assert labels[0].startswith("常委") and labels[1].startswith("书记") and xs[0] < xs[1]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    figure.scroll_into_view_if_needed()
    page.page.screenshot(path=str(SCREENSHOTS / "career-timeline.png"), full_page=True)
    assert page.errors == [] and page.requests == []
    page.page.close()

    bureau = next(n for n, d in g.nodes(data=True) if d["kind"] == "organization" and d["label"].endswith("公用事业局"))
    page = Page(browser, tmp_path / "out" / body_href(bureau))
    rows = page.page.locator("#holders-timeline g.row")
    spans = {}
    for k in range(rows.count()):
        rect = rows.nth(k).locator("rect")
        x, width = float(rect.get_attribute("x")), float(rect.get_attribute("width"))
        spans[rows.nth(k).locator("text").text_content()] = (x, x + width)
    assert set(spans) == {"局长 王建国", "局长 张大明"}
    assert abs(spans["局长 王建国"][1] - spans["局长 张大明"][0]) < 1.0  # removed the day the successor came
    page.page.close()
