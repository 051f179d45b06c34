"""Record types shared by every pipeline stage.

Data flows one way: ``read`` makes a :class:`RawDocument`, ``segment`` turns it
into :class:`Item` records, later stages fill the extraction fields. Problems
found on the way are :class:`Problem` records, never silent drops.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class KgError(Exception):
    """A problem the user can act on (a missing store, a malformed query, nothing to build): the
    command line prints it as one line, ``error: …``, and exits non-zero."""


@dataclass(frozen=True)
class Line:
    """One physical line of the input, as read, with the PDF page it sits on."""

    text: str
    page: int | None = None


@dataclass(frozen=True)
class RawDocument:
    """A decoded input file: its lines, how it was decoded, where it came from."""

    path: str
    lines: tuple[Line, ...]
    encoding: str
    title: str | None = None       # a saved page's own title (its metadata), when the format has one
    published: str | None = None   # a saved page's publication date (ISO), when its metadata gives one


@dataclass(frozen=True)
class Source:
    """Where an item sits: file, character offsets in the normalised document, page."""

    file: str
    start: int
    end: int
    page: int | None = None
    sha256: str | None = None  # of the source file's bytes: the dataset's description names it

    def to_json(self) -> dict[str, Any]:
        record: dict[str, Any] = {"file": self.file, "start": self.start, "end": self.end, "page": self.page}
        return record | ({"sha256": self.sha256} if self.sha256 else {})


@dataclass(frozen=True)
class Problem:
    """A warning or error about one input, reported as one line naming file and item."""

    file: str
    message: str
    item: str | None = None
    severity: str = "warning"

    def __str__(self) -> str:
        where = f"{self.file}: {self.item}: " if self.item else f"{self.file}: "
        return f"{self.severity}: {where}{self.message}"


@dataclass
class Item:
    """One news item in the format of the gold annotation (ANNOTATION.md) plus text and source."""

    id: str
    section: str | None
    subsection: str | None
    title: str
    date: str | None
    text: str
    source: Source
    event_type: str | None = None
    persons: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    posts: list[dict[str, str | None]] = field(default_factory=list)
    participants: list[dict[str, str]] = field(default_factory=list)
    subtitle: str | None = None  # an article's kicker and subtitle lines (引题, 副题), when it has any
    appointments: list[dict[str, str | None]] = field(default_factory=list)  # appoint/remove/elect/nominate

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Item:
        """An item again from its JSONL record (:meth:`to_json`)."""
        data = dict(data)
        source = Source(**data.pop("source"))
        return cls(text=data.pop("text"), source=source, **data)

    def to_json(self) -> dict[str, Any]:
        """The JSONL record: annotation fields in their documented order, then text and source."""
        record: dict[str, Any] = {
            "id": self.id,
            "section": self.section,
            "subsection": self.subsection,
            "title": self.title,
        }
        if self.subtitle is not None:
            record["subtitle"] = self.subtitle
        return record | {
            "date": self.date,
            "event_type": self.event_type,
            "persons": list(self.persons),
            "organizations": list(self.organizations),
            "places": list(self.places),
            "posts": [dict(p) for p in self.posts],
            "participants": [dict(p) for p in self.participants],
            "appointments": [dict(a) for a in self.appointments],
            "text": self.text,
            "source": self.source.to_json(),
        }


@dataclass
class Segmented:
    """What segmenting one document gives: its items, its normalised text, its problems."""

    digest_id: str
    items: list[Item]
    text: str
    problems: list[Problem] = field(default_factory=list)
    period: tuple[int | None, int | None] = (None, None)


def plural(n: int, word: str) -> str:
    """``1 file``, ``2 files``."""
    return f"{n} {word}" + ("" if n == 1 else "s")
