"""The notebook API agrees with SPARQL over the same build, and every public function has a doctest."""
from __future__ import annotations

import inspect
from collections import Counter

import kg
from kg.sparql import run_sparql

PREFIXES = """PREFIX gk: <https://w3id.org/govkg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


def sparql(out, text: str) -> list[dict]:
    header, rows = run_sparql(PREFIXES + text, out)
    return [dict(zip(header, row)) for row in rows]


def test_posts_agree_with_sparql(sample_build):
    result, out = sample_build
    rows = sparql(out, """SELECT ?person ?title ?body ?first ?last WHERE {
        ?m org:member/rdfs:label ?person ; gk:post ?post .
        ?post gk:title ?title .
        OPTIONAL { ?post org:postIn/rdfs:label ?body }
        OPTIONAL { ?m gk:firstObserved ?first ; gk:lastObserved ?last } }""")
    from_sparql = sorted((r["person"], r["title"], r["body"] or "", r["first"] or "", r["last"] or "") for r in rows)
    from_api = sorted((p["person"], p["title"], p["organization"] or "", p["first"] or "", p["last"] or "")
                      for p in kg.posts(result.graph))
    assert from_api == from_sparql and len(from_api) > 40


def test_co_participation_counts_agree_with_sparql(sample_build):
    result, out = sample_build
    rows = sparql(out, """SELECT ?a ?b (COUNT(DISTINCT ?e) AS ?n) WHERE {
        ?p1 gk:event ?e ; gk:participant ?x ; gk:role ?r1 . ?p2 gk:event ?e ; gk:participant ?y ; gk:role ?r2 .
        FILTER(STR(?x) < STR(?y) && ?r1 != gk:mentioned && ?r2 != gk:mentioned)
        ?x rdfs:label ?a . ?y rdfs:label ?b } GROUP BY ?a ?b""")
    from_sparql = Counter({tuple(sorted((r["a"], r["b"]))): int(r["n"]) for r in rows})
    graph = kg.co_participation(result.graph)
    from_api = Counter({tuple(sorted((graph.nodes[u]["label"], graph.nodes[v]["label"]))): w
                        for u, v, w in graph.edges(data="weight")})
    assert from_api == from_sparql and sum(from_api.values()) > 50


def test_events_per_type_agree_with_sparql(sample_build):
    result, out = sample_build
    rows = sparql(out, """SELECT ?type (COUNT(?e) AS ?n) WHERE {
        ?e a ?class . ?class rdfs:subClassOf gk:Event . BIND(STRAFTER(STR(?class), "#") AS ?type) } GROUP BY ?type""")
    assert rows == []  # the store holds data only; the classes' hierarchy lives in the ontology
    rows = sparql(out, """SELECT ?class (COUNT(?e) AS ?n) WHERE { ?e a ?class ; gk:date ?d .
        FILTER(STRSTARTS(STR(?class), "https://w3id.org/govkg/ontology#")
               && ?class NOT IN (gk:NewsItem, gk:PostObservation, gk:Event)) } GROUP BY ?class""")
    names = {"Meeting": "meeting", "Inspection": "inspection", "Talks": "talks", "Award": "award",
             "Signing": "signing", "Launch": "launch", "Policy": "policy", "Activity": "activity",
             "OtherEvent": "other"}
    from_sparql = {names[r["class"].rsplit("#", 1)[1]]: int(r["n"]) for r in rows}
    from_api = Counter(e["type"] for e in kg.events(result.graph) if e["date"])
    assert from_api == Counter(from_sparql) and from_api["meeting"] > 30


def test_every_public_function_has_a_doctest():
    for name in kg.__all__:
        obj = getattr(kg, name)
        if inspect.isfunction(obj) and obj.__module__ in ("kg.api", "kg.queries"):
            assert ">>> " in (obj.__doc__ or ""), f"kg.{name} has no example"


def test_events_filter_by_place_rolls_up_counties(sample_build):
    result, _out = sample_build
    in_city = kg.events(result.graph, place="洛阳市")
    in_county = kg.events(result.graph, place="孟津县")
    assert in_county and {e["id"] for e in in_county} <= {e["id"] for e in in_city}


def test_a_profile_page_shows_the_apis_figures(sample_build):
    """The pages draw the API's answers: every person's posts table is kg.careers, row for row; the summary's
    event count and the people met are the API's too."""
    import re

    import lxml.html

    from kg.views.pages import person_href

    result, out = sample_build
    g = result.graph
    events = {p["id"]: p["events"] for p in kg.persons(g)}
    shared = kg.co_participation(g)
    checked = worked_with = 0
    for person in sorted(events, key=lambda p: -events[p])[:15]:
        page = lxml.html.parse(str(out / person_href(person))).getroot()
        shown = sorted(tuple(cell.text_content().strip() for cell in row.findall("td")[:4])
                       for row in page.xpath('//table[@id="posts"]/tbody/tr'))
        api = sorted((c["title"], c["organization"] or "—", c["first"] or "—", c["last"] or "—")
                     for c in kg.careers(g, person))
        assert shown == api, g.nodes[person]["label"]
        assert len(page.xpath('//table[@id="timeline"]/tbody/tr')) == events[person]
        met = re.search(r"met or worked with (\d+) people", page.get_element_by_id("summary").text_content())
        together = list(shared.neighbors(person)) if person in shared else []
        assert (int(met.group(1)) if met else 0) == len(together)
        worked_with += len(together)
        checked += 1
    assert checked == 15 and worked_with > 30
