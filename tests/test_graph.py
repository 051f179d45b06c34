"""The knowledge graph: RDF that parses and validates, SPARQL answers, networkx twin, stable IRIs."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from rdflib import RDF
from rdflib.namespace import ORG, OWL, PROV, RDFS, SKOS

from kg.export import load_graph, write_outputs
from kg.pipeline import run_build as build
from kg.rdf.triples import to_rdf
from kg.rdf.vocab import GK
from kg.sparql import run_sparql

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology"
QUERIES = sorted((ONTOLOGY / "queries").glob("*.rq"))
JANUARY = """目录
◆◆◆ 时 政 ◆◆◆
领导活动
徐衣显主持召开市政府第1次常务会议.....1
江凌到孟津区调研.....1

时 政

领导活动

徐衣显主持召开市政府第1次常务会议 1月5日，市长徐衣显主持召开市政府第1次常务会议，研究有关工作。

江凌到孟津区调研 1月9日，市委书记江凌到孟津区调研乡村振兴工作。
"""


def triples_in(out: Path) -> tuple[int, ...]:
    by_rdflib = len(rdflib.Graph().parse(out / "govkg.ttl", format="turtle"))
    by_oxigraph = len(list(pyoxigraph.parse(path=str(out / "govkg.ttl"), format=pyoxigraph.RdfFormat.TURTLE)))
    by_ntriples = len(list(pyoxigraph.parse(path=str(out / "govkg.nt"), format=pyoxigraph.RdfFormat.N_TRIPLES)))
    return by_rdflib, by_oxigraph, by_ntriples, *by_rapper(out)


def by_rapper(out: Path) -> tuple[int, ...]:
    """Raptor's count of the Turtle and N-Triples files (``rapper -c``; Debian's raptor2-utils)."""
    import os
    import re
    import shutil
    import subprocess

    if shutil.which("rapper") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but rapper is not installed (.ci/run installs Debian's raptor2-utils)")
        return ()
    counts = []
    for name, syntax in (("govkg.ttl", "turtle"), ("govkg.nt", "ntriples")):
        done = subprocess.run(["rapper", "-c", "-i", syntax, str(out / name)], capture_output=True, text=True)
        found = re.search(r"returned (\d+) triples", done.stderr + done.stdout)
        assert done.returncode == 0 and found, done.stderr
        counts.append(int(found.group(1)))
    return tuple(counts)


def test_turtle_and_ntriples_parse_to_the_same_triples(sample_build):
    _result, out = sample_build
    counts = triples_in(out)
    assert counts[0] > 3000 and len(set(counts)) == 1, counts
    assert {p.name for p in out.iterdir()} >= {"govkg.ttl", "govkg.nt", "govkg.graphml", "items.jsonl", "store"}


def test_shacl_shapes_conform(sample_build, shapes_report):
    _result, out = sample_build
    conforms, text = shapes_report(out / "govkg.ttl")
    assert conforms, text


def declared_terms() -> set[str]:
    ontology = rdflib.Graph().parse(ONTOLOGY / "govkg.ttl")
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual}
    return {str(s) for s, o in ontology.subject_objects(RDF.type) if o in kinds}


def test_every_class_and_property_is_declared(sample_build):
    from rdflib.namespace import SDO  # imported here: pytest's collection trips over the module-level name

    result, _out = sample_build
    data = to_rdf(result.graph)
    used = {p for _s, p, _o in data} | set(data.objects(None, RDF.type))
    declared = declared_terms()
    from rdflib.namespace import FOAF

    reused = {ORG: ORG, PROV: PROV, RDFS: RDFS, SKOS: SKOS, SDO: SDO, RDF: RDF, FOAF: FOAF}
    for term in used:
        text = str(term)
        if text.startswith(str(GK._NS)):
            assert text in declared, f"{text} is not declared in govkg.ttl"
        else:
            namespace = next((ns for ns in reused if text.startswith(str(ns))), None)
            assert namespace is not None, f"{text} is in no reused vocabulary"
            assert text[len(str(namespace)):] in namespace.__annotations__, f"{text} is not a term of {namespace}"


def test_graphml_reads_back_with_networkx(sample_build):
    import networkx as nx

    result, out = sample_build
    read = nx.read_graphml(out / "govkg.graphml", force_multigraph=True)
    assert read.number_of_nodes() == result.graph.number_of_nodes()
    assert read.number_of_edges() == result.graph.number_of_edges()
    person = next(n for n, d in result.graph.nodes(data=True) if d["kind"] == "person")
    assert read.nodes[person]["label"] == result.graph.nodes[person]["label"]


def test_streamed_turtle_and_ntriples_are_the_rdflib_graph(sample_build):
    from rdflib.compare import isomorphic

    from kg.rdf.vocab import DATA

    result, out = sample_build
    expected = to_rdf(result.graph)
    described = (f"{DATA}dataset/", f"{DATA}source/")  # the build's own description, beside the data
    for name, form in (("govkg.ttl", "turtle"), ("govkg.nt", "nt")):
        written = rdflib.Graph().parse(out / name, format=form)
        data = rdflib.Graph()
        for triple in written:
            if not str(triple[0]).startswith(described):
                data.add(triple)
        assert isomorphic(data, expected), name
        assert len(written) > len(data)


def test_vocabulary_class_mirrors_the_ontology():
    in_class = {str(GK._NS) + name for name in GK.__annotations__}
    assert in_class == {t for t in declared_terms() if t.startswith(str(GK._NS))}


def test_two_builds_are_byte_identical(sample_path, sample_build, tmp_path):
    _result, out = sample_build
    write_outputs(build([sample_path]), tmp_path)
    for name in ("govkg.ttl", "govkg.nt", "items.jsonl"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_networkx_and_rdf_hold_the_same_entities(sample_build):
    result, out = sample_build
    data = rdflib.Graph().parse(out / "govkg.ttl")
    event_classes = {GK.Meeting, GK.Inspection, GK.Talks, GK.Award, GK.Signing, GK.Launch, GK.Policy,
                     GK.Activity, GK.OtherEvent}
    counts_rdf = {
        "person": len(set(data.subjects(RDF.type, GK.Person))),
        "organization": len(set(data.subjects(RDF.type, ORG.Organization))),
        "place": len(set(data.subjects(RDF.type, GK.Place))),
        "event": len({s for c in event_classes for s in data.subjects(RDF.type, c)}),
    }
    kinds = [k for _n, k in result.graph.nodes(data="kind")]
    assert {k: kinds.count(k) for k in counts_rdf} == counts_rdf
    assert counts_rdf["event"] == 122 and counts_rdf["person"] > 30


def test_load_graph_gives_back_the_built_graph(sample_build):
    result, out = sample_build
    loaded = load_graph(out)
    assert set(loaded.nodes) == set(result.graph.nodes)
    assert sorted(loaded.edges(keys=True)) == sorted(result.graph.edges(keys=True))
    for node, data in result.graph.nodes(data=True):
        assert loaded.nodes[node]["kind"] == data["kind"]
        assert loaded.nodes[node].get("label") == data["label"]
    assert all(n.isascii() for n in loaded.nodes)


def query(out: Path, name: str) -> list[dict]:
    header, rows = run_sparql(str(ONTOLOGY / "queries" / name), out)
    return [dict(zip(header, row)) for row in rows]


def test_query_meetings_chaired_by_the_mayor(sample_build):
    rows = query(sample_build[1], "meetings-chaired-by-mayor.rq")
    assert {r["mayor"] for r in rows} == {"徐衣显"}
    assert "洛阳市政府第16次常务会议召开" in {r["meeting"] for r in rows} and len(rows) >= 5


def test_query_talks_with_the_mayor(sample_build):
    rows = {r["counterpart"]: r["bodies"] for r in query(sample_build[1], "talks-with-mayor.rq")}
    assert rows["邹平"] == "中国工商银行河南省分行"
    assert rows["姚红"] == "中国邮政储蓄银行"
    assert {"张超", "黄昌富", "董元"} <= set(rows)


def test_query_posts_with_first_and_last_dates(sample_build):
    rows = query(sample_build[1], "posts-first-last.rq")
    secretary = [r for r in rows if r["person"] == "江凌" and r["title"] == "书记" and r["body"] == "中共洛阳市委员会"]
    assert len(secretary) == 1 and secretary[0]["first"] < secretary[0]["last"]
    assert int(secretary[0]["observations"]) >= 10
    assert all(r["first"] <= r["last"] for r in rows if r["first"])


def test_query_events_per_county(sample_build):
    rows = {r["county"]: int(r["events"]) for r in query(sample_build[1], "events-per-county.rq")}
    assert rows["孟津县"] >= 2 and rows["汝阳县"] >= 2
    assert all(code.startswith("41") for code in (r["code"] for r in query(sample_build[1], "events-per-county.rq"))
               if code.startswith("4103"))


def test_query_organisations_by_events(sample_build):
    rows = query(sample_build[1], "organizations-by-events.rq")
    assert rows[0]["organization"] == "中共洛阳市委员会" and int(rows[0]["events"]) >= 10


@pytest.mark.parametrize("path", [q for q in QUERIES if q.name.endswith("-violation.rq")], ids=lambda p: p.name)
def test_violation_queries_return_nothing(path, sample_build):
    assert run_sparql(str(path), sample_build[1])[1] == []


def test_every_query_has_a_comment_and_a_test():
    tested = "".join(p.read_text(encoding="utf-8") for p in sorted(Path(__file__).parent.glob("test_*.py")))
    for path in QUERIES:
        assert path.read_text(encoding="utf-8").startswith("# "), path.name
        assert path.name in tested or path.name.endswith("-violation.rq"), path.name


def test_second_month_adds_no_duplicate_person_and_keeps_iris(sample_path, sample_build, tmp_path):
    result, _out = sample_build
    january = tmp_path / "luoyang-digest-2024-01.txt"
    january.write_text(JANUARY, encoding="utf-8")
    both = build([sample_path, january])
    labels = [d["label"] for _n, d in both.graph.nodes(data=True) if d["kind"] == "person"]
    assert labels.count("徐衣显") == 1 and labels.count("江凌") == 1
    for kind in ("person", "organization", "place", "event"):
        before = {n for n, k in result.graph.nodes(data="kind") if k == kind}
        after = {n for n, k in both.graph.nodes(data="kind") if k == kind}
        assert before <= after, kind
    memberships = [d for _n, d in both.graph.nodes(data=True) if d["kind"] == "membership"
                   and d["label"].startswith("徐衣显") and "市长" in d["label"]]
    assert memberships and memberships[0]["first_observed"] <= "2023-12-06" \
        and memberships[0]["last_observed"] == "2024-01-05"


def test_same_name_in_two_cities_stays_two_people_and_is_reported(tmp_path):
    a = tmp_path / "kaifeng-2022-03.txt"
    b = tmp_path / "nanyang-2022-03.txt"
    a.write_text("开封市长张伟到开封市东区调研 3月2日，开封市市长张伟到开封市龙亭区调研。\n", encoding="utf-8")
    b.write_text("南阳市副市长张伟出席会议 3月4日，南阳市副市长张伟出席南阳市卧龙区会议。\n", encoding="utf-8")
    result = build([a, b])
    people = [n for n, d in result.graph.nodes(data=True) if d["kind"] == "person" and d["label"] == "张伟"]
    assert len(people) == 2
    assert any("same name, different people" in p.message and "张伟" in p.message for p in result.problems)


def test_a_failed_write_leaves_the_previous_output(sample_build, tmp_path, monkeypatch):
    result, _out = sample_build
    write_outputs(result, tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    import kg.export

    def broken(*_args, **_kwargs):
        raise RuntimeError("injected failure in export")

    monkeypatch.setattr(kg.export, "write_ntriples", broken)
    with pytest.raises(RuntimeError):
        write_outputs(result, tmp_path)
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    assert after == before
    folders = ["store", "persons", "bodies", "static", "tables"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(list(before) + folders)


def test_outputs_do_not_depend_on_the_hash_seed(sample_path, tmp_path):
    import os
    import subprocess
    import sys

    for seed in ("1", "4242"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-m", "kg", "build", str(sample_path), "--out-dir", str(tmp_path / seed), "--no-cache"],
                       check=True, capture_output=True, env=env)
    for name in ("govkg.ttl", "govkg.nt", "items.jsonl", "govkg.graphml"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "4242" / name).read_bytes(), name
