"""The jobs: files in, items (``kg extract``) or the graph (``kg build``) out, problems reported.

Many documents through :mod:`kg.document` — serially, in processes, on a Dask cluster (:mod:`kg.cluster`)
or read back from the cache (:mod:`kg.cache`) — then the cross-document stages: resolve, build the graph.
The command line and the notebook API wrap these jobs.

May import every runtime stage up to the graph; not the exporters, views or tools.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import networkx as nx

from kg.atomic import atomic_write
from kg.cache import ExtractionCache
from kg.cluster import extract_on_dask
from kg.document import FileResult, extract_or_load, item_line
from kg.extract import tag_texts
from kg.extract.lac import single_threaded
from kg.graph import build_graph
from kg.records import Item, KgError, Problem, plural
from kg.resolve import Resolution, resolve
from kg.segment import digest_id_from_path

INPUT_SUFFIXES = (".txt", ".pdf", ".docx", ".html", ".htm", ".jsonl")


def extract_files(paths: Iterable[str | Path], jobs: int = 1, dask: str | None = None,
                  cache: ExtractionCache | None = None, **options: int | bool | None) -> Iterator[FileResult]:
    """:func:`kg.document.extract_file` over many files, in the order given.

    With ``jobs`` > 1 the files are shared among that many processes (each
    loads the pipeline once); results come back in input order and are the
    same as the serial run's. Items files (``.jsonl`` written by ``kg
    extract``) are read back, not extracted again. With ``cache``, a document
    extracted before with the same content, options and pipeline is not
    extracted again (:mod:`kg.cache`); what is extracted is kept there.
    """
    paths = list(paths)
    if cache is not None and options.get("extract", True):
        yield from _with_cache(paths, cache, jobs, dask, options)
        return
    if dask:  # tasks on a Dask cluster (kg.cluster); results in input order all the same
        yield from extract_on_dask(paths, dask, options)
        return
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield extract_or_load(path, options)
        return
    # spawn, not fork: a forked child would inherit the parent's ONNX runtime threads
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                             initializer=single_threaded) as pool:
        yield from pool.map(extract_or_load, paths, [options] * len(paths), chunksize=1)


def _with_cache(paths: list[Path], cache: ExtractionCache, jobs: int, dask: str | None,
                options: dict) -> Iterator[FileResult]:
    """:func:`extract_files` through the cache: hits read back, misses extracted together, then kept."""
    documents = [k for k, path in enumerate(paths) if not str(path).endswith(".jsonl")]
    found = {k: cache.get(paths[k], options) for k in documents if Path(paths[k]).is_file()}
    misses = [paths[k] for k in range(len(paths)) if found.get(k) is None]
    extracted = extract_files(misses, jobs=jobs, dask=dask, **options)
    for k, path in enumerate(paths):
        hit = found.get(k)
        if hit is not None:
            yield FileResult(str(path), hit[0], hit[1])
            continue
        result = next(extracted)
        if result.read and k in found:
            cache.put(path, options, result.items, result.problems)
        yield result


def expand_inputs(inputs: Iterable[str | Path], skipped: list[Problem] | None = None) -> list[Path]:
    """Files as given, and the supported files inside any directory, sorted.

    What is left out is named in ``skipped``: a folder's files of other types (hidden files aside)
    and a folder with nothing to read. A path that does not exist is kept, so that reading it
    reports it.
    """
    paths: list[Path] = []
    for entry in map(Path, inputs):
        if not entry.is_dir():
            paths.append(entry)
            continue
        inside = sorted(p for p in entry.rglob("*") if p.is_file() and not p.name.startswith("."))
        found = [p for p in inside if p.suffix.lower() in INPUT_SUFFIXES]
        if skipped is not None:
            skipped += [Problem(str(p), f"skipped: unsupported file type {p.suffix or '(none)'!r} "
                                f"(read: {', '.join(INPUT_SUFFIXES)})") for p in inside if p not in found]
            if not found:
                skipped.append(Problem(str(entry), "skipped: the folder holds no file to read", severity="error"))
        paths.extend(found)
    return paths


def write_per_document(results: Iterable[FileResult], out_dir: str | Path) -> Iterator[FileResult]:
    """Write each input's items to ``out_dir/<digest-id>.jsonl`` (atomically), passing results on."""
    for result in results:
        if result.items:
            digest = result.items[0].id.rsplit("#", 1)[0]
            with atomic_write(Path(out_dir) / f"{digest}.jsonl") as handle:
                for item in result.items:
                    handle.write(item_line(item))
        yield result


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


def check_buildable(result: BuildResult, out_dir: str | Path) -> None:
    """Raise :class:`KgError` when a build read no input or extracted no item — before anything is
    written, so that the previous output stays as it was."""
    if not result.items:
        read = result.files - result.unreadable
        raise KgError(f"nothing to build: {plural(result.files, 'input file')}, {read} read, no news item "
                      f"extracted; {out_dir} was left as it was")


def run_build(paths: Iterable[str | Path], *, year: int | None = None, month: int | None = None,
              published: str | None = None, jobs: int = 1, dask: str | None = None,
              cache: ExtractionCache | None = None) -> BuildResult:
    """Run the pipeline over files, folders or items files (``kg extract`` output) and return the graph;
    with ``cache``, documents extracted before are read back (:mod:`kg.cache`)."""
    by_digest: dict[str, tuple[str, list[Item]]] = {}
    problems: list[Problem] = []
    unreadable = 0
    files = expand_inputs(paths, problems)
    for path, result in zip(files, extract_files(files, jobs=jobs, dask=dask, cache=cache, year=year, month=month,
                                                         published=published)):
        problems += result.problems
        unreadable += not result.read
        for item in result.items:
            digest = item.id.rsplit("#", 1)[0] if "#" in item.id else digest_id_from_path(str(path))
            by_digest.setdefault(digest, (item.source.file, []))[1].append(item)
    digests = [(digest, file, items) for digest, (file, items) in by_digest.items()]
    resolution = resolve(digests)
    problems += [Problem("(all inputs)", f"same name, different people: {line}") for line in resolution.splits]
    problems += [Problem("(all inputs)", f"same person: {d['name']} ({d['reason']})") for d in resolution.decisions
                 if d["decision"] == "merge"]
    items = [item for _d, _f, batch in digests for item in batch]
    return BuildResult(build_graph(resolution), resolution, items, problems, len(files), unreadable)


TAG_CHUNK = 2000  # texts tagged at once (the tagger batches sentences of equal length)


def tag_records(records: Iterable[dict]) -> Iterator[dict]:
    """``kg tag``: each ``{"id", "text"}`` tagged alone, as ``{"id", "text", "persons", "organizations",
    "places", "posts"}`` — ``posts`` being the post titles found with a holder."""
    records = iter(records)
    while chunk := list(islice(records, TAG_CHUNK)):
        texts = [str(r.get("text") or "") for r in chunk]
        for record, item in zip(chunk, tag_texts(texts)):
            yield {"id": record.get("id"), "text": item.text, "persons": item.persons,
                   "organizations": item.organizations, "places": item.places,
                   "posts": list(dict.fromkeys(p["title"] for p in item.posts if p["title"]))}
