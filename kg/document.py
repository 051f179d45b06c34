"""One document through the per-document stages — read → segment → extract — or an items file read back.

This is the work that scales out: :mod:`kg.pipeline` runs it over many files (in processes, or on a Dask
cluster through :mod:`kg.cluster`), and nothing in it depends on any other document.

May import: :mod:`kg.read`, :mod:`kg.segment`, :mod:`kg.extract`, :mod:`kg.records`. Importing it loads
spaCy (the command line imports it, through :mod:`kg.pipeline`, only inside the commands that extract).
"""
from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.extract import extract_items
from kg.read import ReadError, read_document
from kg.records import Item, Problem, RawDocument, Segmented
from kg.segment import segment


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


def extract_or_load(path: str | Path, options: dict) -> FileResult:
    """An items file (``.jsonl``, written by ``kg extract``) read back; any other file extracted."""
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


def item_line(item: Item) -> str:
    """One JSONL line: UTF-8 characters as written, keys in the documented order."""
    return json.dumps(item.to_json(), ensure_ascii=False) + "\n"
