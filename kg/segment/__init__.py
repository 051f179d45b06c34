"""Stage 2 — segment: split a document into news items with headline, section, date and text.

Local governments write the same record in several layouts; each has a module:

- :mod:`kg.segment.digest` — monthly digests: contents, section headings, ``headline 12月6日，body``;
- :mod:`kg.segment.chronicle` — chronicles (大事记): one entry per dated paragraph or line;
- :mod:`kg.segment.article` — one web article (text or a saved page): headline, kicker and
  subtitle, dateline, body, without the page's furniture;
- :mod:`kg.segment.lines` — what they share: a headline's shape, an item's opening date, page furniture.

:func:`segment` picks the layout from structure alone: a saved web page is an article; a text
whose lines mostly open with a day is a chronicle; a digest with at most one headline-and-date
item is an article.

May import: :mod:`kg.text`, :mod:`kg.reference`, :mod:`kg.records`. The three readers never import each
other; this module chooses among them.
"""
from __future__ import annotations

from kg.records import RawDocument, Segmented
from kg.segment.article import segment_article
from kg.segment.chronicle import looks_like_chronicle, segment_chronicle
from kg.segment.digest import digest_id_from_path, find_toc, segment_digest

__all__ = ["digest_id_from_path", "layout_of", "segment"]


def layout_of(doc: RawDocument) -> str:
    """``"chronicle"`` when most lines open with a day; else ``"article"`` for a saved web page and
    ``"digest"`` (which may still turn out to hold a single article) for a text."""
    raw = [line.text for line in doc.lines]
    name = (doc.title or "") + doc.path.rsplit("/", 1)[-1]
    if doc.encoding == "html":  # a saved page is one article, unless it is a chronicle's page
        return "chronicle" if looks_like_chronicle(raw, name) else "article"
    if find_toc(raw) is None and looks_like_chronicle(raw, name):
        return "chronicle"
    return "digest"


def segment(doc: RawDocument, *, year: int | None = None, month: int | None = None,
            digest_id: str | None = None, published: str | None = None) -> Segmented:
    """Split a read document into items; problems are reported, never raised.

    ``year``/``month`` override what the document says of its period; ``published`` (ISO date)
    is the publication date articles resolve ``8日``/``昨日`` against when the page does not say.
    """
    digest_id = digest_id or digest_id_from_path(doc.path)
    options = {"digest_id": digest_id, "year": year, "month": month, "published": published}
    layout = layout_of(doc)
    if layout == "article":
        return segment_article(doc, **options)
    if layout == "chronicle":
        return segment_chronicle(doc, **options)
    return segment_digest(doc, **options) or segment_article(doc, **options)
