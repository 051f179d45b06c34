"""Property-based tests: random and adversarial input never breaks a stage (fixed seed, bounded examples)."""
from __future__ import annotations

import re

import networkx as nx
import rdflib
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from kg.extract import extract_items
from kg.read import ReadError, decode_text
from kg.records import Item, Line, RawDocument, Source
from kg.segment import segment

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
PUNCT = st.sampled_from(list("，。、；：“”《》（）【】—…·！？ \n\t0123456789月日年"))
CHINESE_TEXT = st.text(st.one_of(CJK, PUNCT), max_size=400)
ANY_TEXT = st.text(max_size=400)
ADVERSARIAL = st.sampled_from([
    "", "\x00\x01\x02", "《" * 200, "》" * 200, "（" * 500 + "）", "“" * 100, "\u202e\u200b\ufeff",
    "市长" * 300, "12月" * 300 + "，", "、".join(["王"] * 500) + "等", "第" + "十" * 400 + "次会议",
    "\r\n" * 100, "a" * 20_000, "日" * 5000,
])


def doc(text: str) -> RawDocument:
    return RawDocument("fuzz.txt", tuple(Line(t) for t in text.split("\n")), "utf-8")


@SETTINGS
@seed(20261127)
@given(st.binary(max_size=2000))
def test_decoding_any_bytes_gives_text_or_a_read_error(data):
    try:
        text, encoding = decode_text(data, "fuzz.txt")
    except ReadError as exc:
        assert "fuzz.txt" in str(exc)
    else:
        assert isinstance(text, str) and encoding


@SETTINGS
@seed(20261127)
@given(st.one_of(CHINESE_TEXT, ANY_TEXT, ADVERSARIAL))
def test_segmenting_any_text_keeps_offsets_consistent(text):
    result = segment(doc(text))
    for item in result.items:
        assert result.text[item.source.start:item.source.end] == item.text
        assert item.date is None or re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", item.date)


@SETTINGS
@seed(20261127)
@given(st.one_of(CHINESE_TEXT, ANY_TEXT, ADVERSARIAL))
def test_extracting_any_text_returns_strings_from_the_text(text):
    item = Item("f#001", None, None, text[:20], None, text, Source("f.txt", 0, len(text)))
    extract_items([item])
    for field in (item.persons, item.organizations, item.places):
        assert all(isinstance(x, str) and x and x in text for x in field)
    assert all(p["person"] in item.persons for p in item.participants)
    assert item.event_type in {"meeting", "inspection", "talks", "award", "signing", "launch", "policy", "activity",
                               "other"}


LABELS = st.one_of(ANY_TEXT.filter(bool), ADVERSARIAL.filter(bool), st.just('<img src=x onerror=alert(1)>"\\'))


@SETTINGS
@seed(20261127)
@given(labels=st.lists(LABELS, min_size=1, max_size=6))
def test_exported_turtle_always_parses_and_html_always_escapes(labels, tmp_path_factory):
    from kg.rdf.triples import write_ntriples, write_turtle
    from kg.views import write_views
    from kg.views.networks import render

    g = nx.MultiDiGraph()
    for k, label in enumerate(labels):
        g.add_node(f"https://w3id.org/govkg/id/person/p-{k}", kind="person", label=label, aliases=[label])
    out = tmp_path_factory.mktemp("fuzz")
    with open(out / "g.ttl", "w", encoding="utf-8") as handle:
        write_turtle(g, handle)
    with open(out / "g.nt", "w", encoding="utf-8") as handle:
        triples = write_ntriples(g, handle)
    parsed = rdflib.Graph().parse(out / "g.ttl", format="turtle")
    assert len(parsed) == triples == len(rdflib.Graph().parse(out / "g.nt", format="nt"))
    assert {str(o) for o in parsed.objects(None, rdflib.RDFS.label)} == set(labels)
    write_views(g, out / "views")
    for page in [out / "views" / "index.html", *sorted((out / "views" / "persons").glob("*.html"))]:
        text = page.read_text(encoding="utf-8")
        assert "<img" not in text and "<script>alert" not in text
    network_page = render([{"id": n, "label": d["label"], "tip": d["label"], "kind": "person"}
                           for n, d in g.nodes(data=True)], [])
    assert "<img src=x" not in network_page.split("<script", 1)[0]


def test_ten_megabytes_without_a_newline():
    text = ("某某会议召开" * 10) + "，" + "字" * 10_000_000
    result = segment(doc(text))
    assert result.text.endswith("字")
    assert all(result.text[i.source.start:i.source.end] == i.text for i in result.items)
