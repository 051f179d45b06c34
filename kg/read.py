"""Stage 1 — read: turn a file (.txt, .pdf, .docx, a saved web page) into lines of text with page numbers.

Text files may be UTF-8 (with or without BOM), GB18030/GBK or Big5; the
encoding is detected, never assumed. Every failure is a :class:`ReadError`
whose message names the file and says what is wrong with it.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.records import KgError, Line, RawDocument

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
#: Encodings tried strictly, in order, after UTF-8; charset-normalizer arbitrates between them.
CJK_ENCODINGS = ("gb18030", "big5", "utf_16")
#: Share of control characters above which a file is taken for binary.
MAX_CONTROL_SHARE = 0.05


class ReadError(KgError):
    """An input that cannot be read; the message names the file."""


def read_document(path: str | Path) -> RawDocument:
    """Read one input file into a :class:`RawDocument`.

    Raises :class:`ReadError` for a missing, empty, binary or undecodable file,
    a PDF without a text layer, or an unsupported file type.
    """
    path = Path(path)
    if not path.is_file():
        raise ReadError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        pages = _read_pdf(path)
        lines = tuple(Line(text, page) for page, page_text in enumerate(pages, 1)
                      for text in page_text.splitlines())
        doc = RawDocument(str(path), lines, "pdf")
    elif suffix == ".docx":
        doc = RawDocument(str(path), tuple(Line(t) for t in _read_docx(path)), "docx")
    elif suffix in HTML_SUFFIXES:
        doc = _read_html(path)
    elif suffix in TEXT_SUFFIXES or not suffix:
        text, encoding = decode_text(path.read_bytes(), str(path))
        doc = RawDocument(str(path), _lines_with_pages(text), encoding)
    else:
        raise ReadError(f"{path}: unsupported file type {suffix!r} (expected .txt, .pdf, .docx "
                        "or .html)")
    if not any(line.text.strip() for line in doc.lines):
        raise ReadError(f"{path}: no text (the file is empty or holds only whitespace)")
    return doc


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode the bytes of a text file; return the text and the encoding used."""
    if not data.strip():
        raise ReadError(f"{name}: empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        return _check_text(data[3:].decode("utf-8", errors="strict"), name), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _check_text(data.decode("utf-16"), name), "utf-16"
    if b"\x00" in data:
        raise ReadError(f"{name}: binary file (contains NUL bytes), not text")
    try:
        return _check_text(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = _detect_cjk_encoding(data)
    if encoding is None:
        raise ReadError(f"{name}: not valid UTF-8, GB18030 or Big5 text; cannot decode")
    return _check_text(data.decode(encoding), name), encoding


def _detect_cjk_encoding(data: bytes) -> str | None:
    """Pick the legacy encoding that decodes the bytes strictly and reads most like Chinese."""
    from charset_normalizer import from_bytes

    candidates = []
    for encoding in CJK_ENCODINGS:
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append(encoding)
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    best = from_bytes(data, cp_isolation=candidates).best()
    return best.encoding if best is not None else candidates[0]


def _check_text(text: str, name: str) -> str:
    """Reject decoded text that is mostly control characters (a binary file)."""
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if sample and controls / len(sample) > MAX_CONTROL_SHARE:
        raise ReadError(f"{name}: binary file ({controls} control characters in the first "
                        f"{len(sample)}), not text")
    return text


def _lines_with_pages(text: str) -> tuple[Line, ...]:
    """Split text into lines; a form feed (pdftotext's page break) starts a new page."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\f" not in text:
        return tuple(Line(t) for t in text.split("\n"))
    return tuple(Line(t, page) for page, chunk in enumerate(text.split("\f"), 1)
                 for t in chunk.split("\n"))


def _read_pdf(path: Path) -> list[str]:
    """The text layer of each page of a PDF."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    with _library_log("pypdf") as said:
        try:
            reader = PdfReader(str(path))
            pages = [page.extract_text() or "" for page in reader.pages]
        except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
            noted = "; ".join(dict.fromkeys(said))
            raise ReadError(f"{path}: not a readable PDF ({exc}" + (f"; {noted}" if noted else "") + ")") from exc
    if not any(p.strip() for p in pages):
        raise ReadError(f"{path}: PDF has no text layer ({len(pages)} pages of images?); "
                        "run OCR first")
    return pages


@contextmanager
def _library_log(name: str) -> Iterator[list[str]]:
    """Collect what a library logs (pypdf's ``invalid pdf header``) instead of printing it: our own
    message names the file and says it once."""
    import logging

    said: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            said.append(record.getMessage())

    logger = logging.getLogger(name)
    handler, propagate = Collect(), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield said
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _read_docx(path: Path) -> list[str]:
    """The paragraphs of a Word document, then the text of its tables."""
    import zipfile

    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise ReadError(f"{path}: not a readable .docx ({exc})") from exc
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.append(" ".join(cell.text for cell in row.cells))
    return texts


def _read_html(path: Path) -> RawDocument:
    """A saved web page: its main text (trafilatura), its title and its publication date.

    The text keeps the page's header lines (kicker, headline, subtitle, source line) for the
    article segmenter to sort; what trafilatura takes for navigation and footers is left out.
    """
    import trafilatura

    data = path.read_bytes()
    if not data.strip():
        raise ReadError(f"{path}: empty file")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(f"{path}: binary file (contains NUL bytes), not a web page")
    found = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                        include_tables=True, deduplicate=False)
    text = getattr(found, "text", None) if found is not None else None
    if not text or not text.strip():
        raise ReadError(f"{path}: no article text found in the page")
    lines = tuple(Line(t) for t in text.replace("\r\n", "\n").split("\n"))
    return RawDocument(str(path), lines, "html", title=getattr(found, "title", None) or None,
                       published=getattr(found, "date", None) or None)
