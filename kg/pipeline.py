"""The extraction job: files in, items out, problems reported — one function per job, the CLI wraps them."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from kg.atomic import atomic_write
from kg.read import ReadError, read_document
from kg.records import Item, Problem
from kg.segment import digest_id_from_path, segment

if TYPE_CHECKING:
    from kg.resolve import Resolution

INPUT_SUFFIXES = (".txt", ".pdf", ".docx")


@dataclass
class FileResult:
    """What one input gave: its items and problems; ``read`` is False when it could not be read."""

    path: str
    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    read: bool = True


def extract_file(path: str | Path, *, year: int | None = None, month: int | None = None,
                 extract: bool = True) -> FileResult:
    """Read, segment and (unless ``extract`` is False) extract one file.

    A file that cannot be read gives an error problem, not an exception.
    """
    try:
        doc = read_document(path)
    except ReadError as exc:
        return FileResult(str(path), problems=[Problem(str(path), str(exc).removeprefix(f"{path}: "),
                                                       severity="error")], read=False)
    result = segment(doc, year=year, month=month)
    if extract:
        from kg.extract import extract_items

        extract_items(result.items)
    return FileResult(str(path), result.items, result.problems)


def extract_files(paths: Iterable[str | Path], **options: int | bool | None) -> Iterator[FileResult]:
    """:func:`extract_file` over many files, in the order given."""
    for path in paths:
        yield extract_file(path, **options)


def expand_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Files as given, and the supported files inside any directory, sorted."""
    paths: list[Path] = []
    for entry in map(Path, inputs):
        if entry.is_dir():
            paths.extend(sorted(p for p in entry.rglob("*") if p.suffix.lower() in INPUT_SUFFIXES))
        else:
            paths.append(entry)
    return paths


def item_line(item: Item) -> str:
    """One JSONL line: UTF-8 characters as written, keys in the documented order."""
    return json.dumps(item.to_json(), ensure_ascii=False) + "\n"


def write_items(results: Iterable[FileResult], out: str | Path) -> Iterator[FileResult]:
    """Stream items into ``out`` atomically, passing each file's result on to the caller."""
    with atomic_write(out) as handle:
        for result in results:
            for item in result.items:
                handle.write(item_line(item))
            yield result


@dataclass
class BuildResult:
    """The graph and what it was made from."""

    graph: nx.MultiDiGraph
    resolution: Resolution | None
    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    unreadable: int = 0


def run_build(paths: Iterable[str | Path], *, year: int | None = None, month: int | None = None) -> BuildResult:
    """Run the pipeline over files (or folders) and return the graph."""
    from kg.graph import build_graph

    digests, items, problems, unreadable = [], [], [], 0
    files = expand_inputs(paths)
    for path in files:
        result = extract_file(path, year=year, month=month)
        problems += result.problems
        unreadable += not result.read
        if result.items:
            digests.append((digest_id_from_path(str(path)), Path(path).name, result.items))
            items += result.items
    from kg.resolve import resolve

    resolution = resolve(digests)
    problems += [Problem("(all inputs)", f"same name, different people: {line}") for line in resolution.splits]
    return BuildResult(build_graph(resolution), resolution, items, problems, len(files), unreadable)
