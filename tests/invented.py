"""Invented text through extraction, as the tests write it: a file in a temporary folder, its items."""
from __future__ import annotations

from pathlib import Path

import networkx as nx

import kg
from kg.cli import main
from kg.document import extract_file
from kg.records import Item


def items_of(tmp_path: Path, text: str, name: str = "doc.txt") -> list[Item]:
    """The items ``kg extract`` gives for ``text`` written to ``tmp_path / name``."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_file(path).items


def build_articles(folder: Path, out: Path, articles: dict[str, str]) -> nx.MultiDiGraph:
    """``kg build`` over invented articles (file name → text) written into ``folder``; the graph it wrote
    to ``out``, read back."""
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    assert main(["build", str(folder), "--out-dir", str(out)]) == 0
    return kg.load_graph(out)


def persons_named(g: nx.MultiDiGraph, *names: str) -> list[str]:
    """The person nodes labelled, or also written (aliases), with any of ``names``."""
    return [n for n, d in g.nodes(data=True) if d["kind"] == "person"
            and ({d["label"], *(d.get("aliases") or [])} & set(names))]
