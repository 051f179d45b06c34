"""IRIs are minted here and nowhere else: ASCII, deterministic, stable when documents are added.

``https://w3id.org/govkg/id/<kind>/<pinyin-slug>-<hash>``: the slug is the
label in pinyin (for people reading IRIs), the hash is of the entity's
canonical key (so two entities with one label differ, and an entity keeps
its IRI whatever else is loaded).
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from kg.rdf.vocab import DATA

SLUG_LENGTH = 48


@lru_cache(maxsize=100_000)
def slug(label: str) -> str:
    """``中共某市委员会`` → ``zhong-gong-...``: lower-case ASCII words joined by hyphens."""
    from pypinyin import lazy_pinyin

    words = re.sub(r"[^a-z0-9]+", "-", "-".join(lazy_pinyin(label)).lower()).strip("-")
    return words[:SLUG_LENGTH].rstrip("-") or "x"


def mint(kind: str, key: str, label: str | None = None) -> str:
    """The IRI of an entity of ``kind`` with canonical ``key``."""
    digest = hashlib.sha1(f"{kind}\x1f{key}".encode()).hexdigest()[:12]
    return f"{DATA}{kind}/{slug(label if label is not None else key)}-{digest}"
