"""The jobs: files in, items (extract) or the graph (run_build) out, problems reported — the CLI wraps them."""
from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from kg.atomic import atomic_write
from kg.read import ReadError, read_document
from kg.records import Item, Problem, RawDocument, Segmented
from kg.segment import digest_id_from_path, segment

if TYPE_CHECKING:
    from kg.cache import ExtractionCache
    from kg.resolve import Resolution

INPUT_SUFFIXES = (".txt", ".pdf", ".docx", ".html", ".htm", ".jsonl")


@dataclass
class FileResult:
    """What one input gave: its items and problems; ``read`` is False when it could not be read."""

    path: str
    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    read: bool = True
    seconds: dict[str, float] = field(default_factory=dict)  # time spent per stage on this file


def extract_file(path: str | Path, *, year: int | None = None, month: int | None = None,
                 published: str | None = None, extract: bool = True) -> FileResult:
    """Read, segment and (unless ``extract`` is False) extract one file.

    ``published`` (ISO date) is the publication date for articles whose page does not give one.

    A file that cannot be read gives an error problem, not an exception.
    """
    clock = time.perf_counter()
    try:
        doc = read_document(path)
    except ReadError as exc:
        return FileResult(str(path), problems=[Problem(str(path), str(exc).removeprefix(f"{path}: "),
                                                       severity="error")], read=False)
    seconds = {"read": time.perf_counter() - clock}
    clock = time.perf_counter()
    result = segment(doc, year=year, month=month, published=published)
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    for item in result.items:
        item.source = replace(item.source, sha256=digest)
    seconds["segment"] = time.perf_counter() - clock
    if extract:
        from kg.extract import extract_items

        clock = time.perf_counter()
        extract_items(result.items, cover=cover_of(doc, result))
        seconds["extract"] = time.perf_counter() - clock
    return FileResult(str(path), result.items, result.problems, seconds=seconds)


def cover_of(doc: RawDocument, result: Segmented) -> str:
    """What a document says beside its items: the text before the first item (a digest's title and
    contents) and the lines segmentation dropped (an article's source and furniture lines) — they name
    its home city and county."""
    cover = result.text[:result.items[0].source.start] if result.items else ""
    kept = re.sub(r"\s+", "", result.text)
    dropped = [line.text for line in doc.lines if line.text.strip() and re.sub(r"\s+", "", line.text) not in kept]
    return "\n".join([cover] + dropped) if dropped else cover


def extract_files(paths: Iterable[str | Path], jobs: int = 1, dask: str | None = None,
                  cache: ExtractionCache | None = None, **options: int | bool | None) -> Iterator[FileResult]:
    """:func:`extract_file` over many files, in the order given.

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
        from kg.cluster import extract_on_dask

        yield from extract_on_dask(paths, dask, options)
        return
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield _extract_or_load(path, options)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from kg.extract.lac import single_threaded

    # spawn, not fork: a forked child would inherit the parent's ONNX runtime threads
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                             initializer=single_threaded) as pool:
        yield from pool.map(_extract_or_load, paths, [options] * len(paths), chunksize=1)


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


def _extract_or_load(path: str | Path, options: dict) -> FileResult:
    if str(path).endswith(".jsonl"):
        return load_items_file(path)
    return extract_file(path, **options)


def load_items_file(path: str | Path) -> FileResult:
    """Items written by ``kg extract`` (one JSON object per line), as records again."""
    items = []
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                items.append(Item.from_json(json.loads(line)))
    except (OSError, ValueError, TypeError, KeyError) as exc:
        return FileResult(str(path), problems=[Problem(str(path), f"not an items file ({exc})", severity="error")],
                          read=False)
    return FileResult(str(path), items)


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


def item_line(item: Item) -> str:
    """One JSONL line: UTF-8 characters as written, keys in the documented order."""
    return json.dumps(item.to_json(), ensure_ascii=False) + "\n"


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


def plural(n: int, word: str) -> str:
    """``1 file``, ``2 files``."""
    return f"{n} {word}" + ("" if n == 1 else "s")


def check_buildable(result: BuildResult, out_dir: str | Path) -> None:
    """Raise :class:`KgError` when a build read no input or extracted no item — before anything is
    written, so that the previous output stays as it was."""
    from kg.records import KgError

    if not result.items:
        read = result.files - result.unreadable
        raise KgError(f"nothing to build: {plural(result.files, 'input file')}, {read} read, no news item "
                      f"extracted; {out_dir} was left as it was")


def run_build(paths: Iterable[str | Path], *, year: int | None = None, month: int | None = None,
              published: str | None = None, jobs: int = 1, dask: str | None = None,
              cache: ExtractionCache | None = None) -> BuildResult:
    """Run the pipeline over files, folders or items files (``kg extract`` output) and return the graph;
    with ``cache``, documents extracted before are read back (:mod:`kg.cache`)."""
    from kg.graph import build_graph
    from kg.resolve import resolve

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
    from itertools import islice

    from kg.extract import tag_texts

    records = iter(records)
    while chunk := list(islice(records, TAG_CHUNK)):
        texts = [str(r.get("text") or "") for r in chunk]
        for record, item in zip(chunk, tag_texts(texts)):
            yield {"id": record.get("id"), "text": item.text, "persons": item.persons,
                   "organizations": item.organizations, "places": item.places,
                   "posts": list(dict.fromkeys(p["title"] for p in item.posts if p["title"]))}
