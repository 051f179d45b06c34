"""Shared fixtures: the bundled sample, the dev set in ../shared/eval (required under CI=true)."""
from __future__ import annotations

import importlib.util
import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# the extraction cache of the session's builds: a folder of its own, not the user's
os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp(prefix="govkg-test-cache-"))
SAMPLE = ROOT / "data" / "samples" / "luoyang-digest-2023-12.txt"
EVAL_DIR = ROOT.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_result():
    from kg.document import extract_file

    return extract_file(SAMPLE)


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    """../shared/eval; missing it fails under CI and skips, with the reason, elsewhere."""
    if not (EVAL_DIR / "seed-gold.jsonl").is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the dev set is missing: {EVAL_DIR}")
        pytest.skip(f"dev set not found at {EVAL_DIR} (../shared is absent outside CI)")
    return EVAL_DIR


@pytest.fixture(scope="session")
def scorer(eval_dir: Path):
    """The shared scorer module (../shared/eval/score.py), imported from its file."""
    spec = importlib.util.spec_from_file_location("govkg_shared_score", eval_dir / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The sample built once for the session: (BuildResult, output folder)."""
    from kg.export import write_outputs
    from kg.pipeline import run_build

    out = tmp_path_factory.mktemp("build")
    result = run_build([SAMPLE])
    write_outputs(result, out)
    return result, out


@pytest.fixture(scope="session")
def shapes_report():
    """pySHACL over a build's Turtle with our shapes and ontology: (conforms, text)."""
    import pyshacl
    import rdflib

    ontology = Path(__file__).resolve().parent.parent / "ontology"

    def validate(turtle: Path) -> tuple[bool, str]:
        conforms, _graph, text = pyshacl.validate(
            rdflib.Graph().parse(turtle), shacl_graph=rdflib.Graph().parse(ontology / "shapes.ttl"),
            ont_graph=rdflib.Graph().parse(ontology / "govkg.ttl"), inference="rdfs")
        return conforms, text

    return validate
