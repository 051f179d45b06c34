"""SPARQL over a built store (pyoxigraph), with rows printed as a table, CSV or JSON."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph

from kg.records import KgError

PREFIXES = """PREFIX gk: <https://w3id.org/govkg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def store_path(path: str | Path) -> Path:
    """The store of a build folder (``DIR/store``), or ``path`` itself when it is the store."""
    path = Path(path)
    return path / "store" if (path / "store").is_dir() else path


def run_sparql(query: str, store: str | Path) -> tuple[list[str], list[list[str | None]]]:
    """Answer a SELECT (rows) or ASK (one row, one column) query; ``query`` may be a .rq file."""
    if query.strip().endswith(".rq") and "\n" not in query:
        if not Path(query).is_file():
            raise KgError(f"{query}: no such query file")
        query = Path(query).read_text(encoding="utf-8")
    path = store_path(store)
    if not path.is_dir():
        raise KgError(f"{path}: no SPARQL store here — run `kg build INPUT --out-dir DIR` first")
    try:
        opened = pyoxigraph.Store.read_only(str(path))
    except OSError as exc:
        raise KgError(f"{path}: not a SPARQL store kg build wrote ({exc})") from exc
    try:
        answer = opened.query(query)
    except SyntaxError as exc:
        raise KgError(f"malformed SPARQL: {' '.join(str(exc).split())}") from exc
    if isinstance(answer, bool) or isinstance(answer, pyoxigraph.QueryBoolean):
        return ["answer"], [[str(bool(answer)).lower()]]
    header = [v.value for v in answer.variables]
    rows = [[None if row[name] is None else row[name].value for name in header] for row in answer]
    return header, rows


def format_rows(header: list[str], rows: list[list[str | None]], style: str = "table") -> str:
    """Rows as an aligned text table, CSV or a JSON list of objects."""
    if style == "json":
        return json.dumps([dict(zip(header, row)) for row in rows], ensure_ascii=False, indent=1)
    if style == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([["" if v is None else v for v in row] for row in rows])
        return buffer.getvalue().rstrip("\n")
    cells = [header] + [["" if v is None else v for v in row] for row in rows]
    widths = [max(_width(r[i]) for r in cells) for i in range(len(header))]
    lines = ["  ".join(c + " " * (w - _width(c)) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines + [f"({len(rows)} rows)"])


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)
