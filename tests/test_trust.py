"""Trustworthy runs: no silent loss, one-line errors, data SPARQL users can query as they expect."""
from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.cli import main

KG = [sys.executable, "-m", "kg"]


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def previous_output(sample_build, tmp_path):
    """A copy of a good build, to check that failed builds leave it byte for byte as it was."""
    _result, out = sample_build
    copy = tmp_path / "output"
    shutil.copytree(out, copy)
    return copy, snapshot(copy)


def run_kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *args], capture_output=True, text=True, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("make_input", ["empty folder", "folder of other files", "text with no item", "random pdf"])
def test_a_build_with_nothing_to_build_fails_and_keeps_the_previous_output(make_input, previous_output, tmp_path):
    out, before = previous_output
    inputs = tmp_path / "in"
    inputs.mkdir()
    if make_input == "folder of other files":
        (inputs / "notes.md2").write_text("x", encoding="utf-8")
        (inputs / "picture.png").write_bytes(b"\x89PNG\r\n")
    elif make_input == "text with no item":
        (inputs / "blank.txt").write_text("。。。\n", encoding="utf-8")
    elif make_input == "random pdf":
        (inputs / "scan.pdf").write_bytes(os.urandom(4000))
    done = run_kg("build", str(inputs), "--out-dir", str(out))
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert lines[-1].startswith("error: nothing to build") and "left as it was" in lines[-1]
    assert "Traceback" not in done.stderr and "invalid pdf header" not in "\n".join(
        line for line in lines if not line.startswith("error: "))  # pypdf's own lines are not printed
    if make_input == "folder of other files":
        assert any("picture.png" in line and "unsupported" in line for line in lines)
    if make_input == "random pdf":
        assert any("scan.pdf" in line and "not a readable PDF" in line for line in lines)
    assert snapshot(out) == before


@pytest.mark.parametrize("args, message", [
    (("query", "SELEC ?x WHERE { ?x ?p ?o }"), "malformed SPARQL: error at 1:"),
    (("query", "SELECT * { ?s ?p ?o }", "--store", "/no/such/dir"), "no SPARQL store here"),
    (("query", "missing.rq"), "no such query file"),
])
def test_query_errors_are_one_line(args, message, sample_build):
    _result, out = sample_build
    args = (*args, "--store", str(out)) if "--store" not in args else args
    done = run_kg(*args)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: ") and message in done.stderr


def test_out_dir_naming_a_file_is_one_line_and_debug_shows_the_traceback(tmp_path, sample_path):
    target = tmp_path / "README.md"
    target.write_text("keep me", encoding="utf-8")
    done = run_kg("build", str(sample_path), "--out-dir", str(target))
    assert done.returncode == 1 and done.stderr.strip() == f"error: --out-dir {target} is a file, not a folder"
    debug = run_kg("build", str(sample_path), "--out-dir", str(target), "--debug")
    assert debug.returncode != 0 and "Traceback" in debug.stderr
    assert target.read_text(encoding="utf-8") == "keep me"


def test_summary_line_counts_in_the_singular(sample_path, tmp_path, capsys):
    assert main(["extract", str(sample_path), "-o", str(tmp_path / "items.jsonl"), "--no-extract"]) == 0
    assert "kg extract: 1 file (0 unreadable), 122 items" in capsys.readouterr().err


SCRIPT = """import kg
G = kg.build([{sample!r}], out_dir={out!r})
print(G.number_of_nodes())
"""


@pytest.mark.parametrize("how", ["script", "stdin"])
def test_kg_build_with_out_dir_from_a_plain_script_and_from_stdin(how, sample_path, tmp_path):
    out = tmp_path / "out"
    code = SCRIPT.format(sample=str(sample_path), out=str(out))  # no __main__ guard
    if how == "script":
        script = tmp_path / "plain.py"
        script.write_text(code, encoding="utf-8")
        done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path)
    else:
        done = subprocess.run([sys.executable, "-"], input=code, capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.split()[-1]) > 500
    assert (out / "store" / "CURRENT").is_file() and (out / "govkg.ttl").is_file()


def test_kg_build_from_a_thread(sample_path, tmp_path):
    import threading

    import kg

    errors: list[BaseException] = []

    def work():
        try:
            kg.build([sample_path], out_dir=tmp_path / "out")
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert not errors and (tmp_path / "out" / "store" / "CURRENT").is_file()


def test_api_arguments_are_validated():
    import kg

    G = kg.sample_graph()
    with pytest.raises(ValueError, match="meeting") as raised:
        kg.events(G, kind="meetings")
    assert "talks" in str(raised.value)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        kg.events(G, start="12/2023")


def test_place_filter_keeps_events_naming_the_place_or_a_place_within_it():
    import kg

    G = kg.sample_graph()
    every = kg.events(G)
    city = max((p for p in G if G.nodes[p]["kind"] == "place"),
               key=lambda p: sum(1 for _ in G.predecessors(p)))
    in_city = kg.events(G, place=city)
    named = [e for e in every if e["places"]]
    assert 0 < len(in_city) <= len(named) < len(every)  # events naming no place are in none
    for event in in_city:
        assert event["places"], event


def count(store: Path, query: str) -> int:
    from kg.sparql import run_sparql

    _header, rows = run_sparql(query, store)
    return int(rows[0][0])


def test_standard_classes_answer_without_a_reasoner(sample_build):
    result, out = sample_build
    kinds = {}
    for _n, kind in result.graph.nodes(data="kind"):
        kinds[kind] = kinds.get(kind, 0) + 1
    prefixes = ("PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX schema: <https://schema.org/> "
                "PREFIX org: <http://www.w3.org/ns/org#> PREFIX gk: <https://w3id.org/govkg/ontology#> ")
    assert count(out, prefixes + "SELECT (COUNT(DISTINCT ?p) AS ?n) { ?p a foaf:Person }") == kinds["person"]
    assert count(out, prefixes + "SELECT (COUNT(DISTINCT ?p) AS ?n) { ?p a schema:Person }") == kinds["person"]
    assert count(out, prefixes + "SELECT (COUNT(DISTINCT ?o) AS ?n) { ?o a org:Organization }") == kinds["organization"]
    assert count(out, prefixes + "SELECT (COUNT(DISTINCT ?e) AS ?n) { ?e a schema:Event }") == kinds["event"]
    assert count(out, prefixes + "SELECT (COUNT(DISTINCT ?e) AS ?n) { ?e a gk:Event }") == kinds["event"]
    assert count(out, prefixes + "SELECT (COUNT(DISTINCT ?e) AS ?n) { ?e a schema:Place }") == kinds["place"]
    labelled = ("SELECT (COUNT(*) AS ?n) { gk:chair rdfs:label ?zh , ?en . "
                "FILTER(lang(?zh) = 'zh' && lang(?en) = 'en') }")
    assert count(out, prefixes + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> " + labelled) == 1


def test_the_dataset_describes_itself(sample_build, sample_path):
    result, out = sample_build
    prefixes = ("PREFIX void: <http://rdfs.org/ns/void#> PREFIX dcterms: <http://purl.org/dc/terms/> "
                "PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX gk: <https://w3id.org/govkg/ontology#> ")
    from kg.sparql import run_sparql

    _h, rows = run_sparql(prefixes + "SELECT ?title ?hash ?persons ?triples { ?d a void:Dataset ; void:triples ?triples ;"
                          " dcterms:source ?s ; void:classPartition ?p . ?s dcterms:title ?title ; gk:sha256 ?hash ."
                          " ?p void:class foaf:Person ; void:entities ?persons }", out)
    (title, digest, persons, triples), = rows
    assert title == sample_path.name and digest == hashlib.sha256(sample_path.read_bytes()).hexdigest()
    assert int(persons) == sum(1 for _n, k in result.graph.nodes(data="kind") if k == "person")
    total = count(out, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
    assert int(triples) < total  # the data's triples; the description adds its own


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_kg_serve_answers_sparql_over_http_and_stops(sample_build):
    from SPARQLWrapper import JSON, SPARQLWrapper

    result, out = sample_build
    port = free_port()
    server = subprocess.Popen([*KG, "serve", "--store", str(out), "--bind", f"127.0.0.1:{port}"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        client = SPARQLWrapper(f"http://127.0.0.1:{port}/query")
        client.setQuery("SELECT (COUNT(DISTINCT ?p) AS ?n) { ?p a <http://xmlns.com/foaf/0.1/Person> }")
        client.setReturnFormat(JSON)
        answer = client.query().convert()
        persons = int(answer["results"]["bindings"][0]["n"]["value"])
        assert persons == sum(1 for _n, k in result.graph.nodes(data="kind") if k == "person")
        taken = run_kg("serve", "--store", str(out), "--bind", f"127.0.0.1:{port}")
        assert taken.returncode == 1 and taken.stderr.startswith("error: cannot listen on")
    finally:
        server.send_signal(2)  # Ctrl-C
        code = server.wait(timeout=20)
    assert code == 0


def test_kg_serve_without_a_store_is_one_line(tmp_path):
    done = run_kg("serve", "--store", str(tmp_path), "--bind", f"127.0.0.1:{free_port()}")
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "no SPARQL store here" in done.stderr
