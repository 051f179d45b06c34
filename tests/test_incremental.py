"""Incremental builds: each document's extraction is cached by content and pipeline version; a build after
adding a month extracts only that month, and its output is byte-identical to a full build."""
from __future__ import annotations

from pathlib import Path

import pytest

import kg.cache
import kg.pipeline
from kg.cli import main
from kg.tools.synthetic import synthetic_corpus


@pytest.fixture(scope="module")
def months(tmp_path_factory) -> list[Path]:
    return synthetic_corpus(tmp_path_factory.mktemp("months"), 3)


@pytest.fixture()
def extracted(monkeypatch) -> list[str]:
    """The names of the documents extracted (not read back from the cache) during the test."""
    names: list[str] = []
    extract = kg.document.extract_file

    def counting(path, **options):
        names.append(Path(path).name)
        return extract(path, **options)

    monkeypatch.setattr(kg.document, "extract_file", counting)
    return names


def outputs(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "store" not in p.relative_to(folder).parts}


@pytest.fixture(scope="module")
def full_build(months, tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("full")
    assert main(["build", *map(str, months), "--out-dir", str(out), "--no-cache"]) == 0
    return outputs(out)


def test_adding_a_month_extracts_only_that_month_and_equals_a_full_build(months, full_build, extracted, tmp_path):
    cache = tmp_path / "cache"
    assert main(["build", *map(str, months[:2]), "--out-dir", str(tmp_path / "two"), "--cache", str(cache)]) == 0
    assert extracted == [m.name for m in months[:2]]
    assert len(list(cache.rglob("*.json"))) == 2
    assert main(["build", *map(str, months), "--out-dir", str(tmp_path / "three"), "--cache", str(cache)]) == 0
    assert extracted[2:] == [months[2].name]
    assert outputs(tmp_path / "three") == full_build


def test_a_corrupt_or_half_written_entry_is_extracted_again(months, full_build, extracted, tmp_path):
    cache = tmp_path / "cache"
    assert main(["build", *map(str, months), "--out-dir", str(tmp_path / "first"), "--cache", str(cache)]) == 0
    entries = sorted(cache.rglob("*.json"))
    assert len(entries) == 3
    entries[0].write_bytes(entries[0].read_bytes()[:100])                      # cut short
    entries[1].write_text(entries[1].read_text(encoding="utf-8").replace("会议", "会见", 1), encoding="utf-8")
    del extracted[:]
    assert main(["build", *map(str, months), "--out-dir", str(tmp_path / "again"), "--cache", str(cache)]) == 0
    assert len(extracted) == 2  # the two spoilt entries, not the sound one
    assert outputs(tmp_path / "again") == full_build
    assert not list(cache.rglob("*.tmp*"))


def test_no_cache_extracts_everything_and_keeps_nothing(months, extracted, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert main(["build", str(months[0]), "--out-dir", str(tmp_path / "a")]) == 0  # the default folder
    assert len(list((tmp_path / "xdg" / "govkg").rglob("*.json"))) == 1
    assert main(["build", str(months[0]), "--out-dir", str(tmp_path / "b"), "--no-cache"]) == 0
    assert extracted == [months[0].name] * 2
    assert len(list((tmp_path / "xdg" / "govkg").rglob("*.json"))) == 1


def test_a_new_pipeline_version_or_other_options_miss(months, extracted, tmp_path, monkeypatch):
    cache = kg.cache.ExtractionCache(tmp_path / "cache")
    list(kg.pipeline.extract_files(months[:1], cache=cache))
    assert cache.get(months[0], {}) is not None and cache.get(months[0], {"year": 2020}) is None
    monkeypatch.setattr(kg.cache, "pipeline_version", lambda: "another version")
    assert cache.get(months[0], {}) is None
    list(kg.pipeline.extract_files(months[:1], cache=cache))
    assert extracted == [months[0].name] * 2
