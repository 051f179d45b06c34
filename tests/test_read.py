"""Reading: encodings, PDF, docx and bad input — each failure names its file."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from pdfmaker import image_only_pdf, text_to_pdf

from kg.document import extract_file, item_line
from kg.read import ReadError, decode_text, read_document


def jsonl(path: Path) -> bytes:
    return "".join(item_line(i) for i in extract_file(path).items).encode("utf-8")


@pytest.fixture(scope="module")
def sample_text(sample_path) -> str:
    return sample_path.read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig"])
def test_encoding_variants_give_byte_identical_jsonl(encoding, sample_path, sample_text, tmp_path):
    variant = tmp_path / encoding / sample_path.name
    variant.parent.mkdir()
    variant.write_bytes(sample_text.encode(encoding))
    assert read_document(variant).encoding == encoding.replace("gbk", "gb18030")
    digest = hashlib.sha256(variant.read_bytes()).hexdigest()  # the one thing that differs: the bytes' hash
    original = hashlib.sha256(sample_path.read_bytes()).hexdigest()
    assert jsonl(variant) == jsonl(sample_path).replace(original.encode(), digest.encode())


def test_two_runs_are_byte_identical(sample_path):
    assert jsonl(sample_path) == jsonl(sample_path)


def test_big5_is_not_mistaken_for_gb18030():
    text = "市委書記王明到東區調研鄉村振興工作，強調要抓好落實。" * 4
    decoded, encoding = decode_text(text.encode("big5"), "x.txt")
    assert (decoded, encoding) == (text, "big5")


def test_pdf_of_the_sample_gives_the_same_titles_dates_and_pages(sample_path, sample_text, tmp_path):
    pdf = text_to_pdf(sample_text, tmp_path / "sample.pdf")
    from_pdf, from_txt = extract_file(pdf).items, extract_file(sample_path).items
    assert [(i.title, i.date, i.section, i.subsection) for i in from_pdf] == \
        [(i.title, i.date, i.section, i.subsection) for i in from_txt]
    pages = [i.source.page for i in from_pdf]
    assert pages == sorted(pages) and pages[0] >= 1 and pages[-1] > pages[0]


def test_docx_paragraphs_are_read(tmp_path):
    from docx import Document

    document = Document()
    for line in ["时 政", "王明到东区调研 5月3日，市委书记王明到东区调研。", "市政府常务会议召开 5月6日，市长李华主持会议。"]:
        document.add_paragraph(line)
    path = tmp_path / "city-2021-05.docx"
    document.save(path)
    items = extract_file(path).items
    assert [(i.section, i.title, i.date) for i in items] == [
        ("时政", "王明到东区调研", "2021-05-03"), ("时政", "市政府常务会议召开", "2021-05-06")]


@pytest.mark.parametrize(("name", "content", "message"), [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b" \n\n\t\n", "empty file"),
    ("binary.txt", bytes(range(256)) * 10, "binary file"),
    ("controls.txt", b"\x01\x02\x03\x04\x05abc" * 50, "binary file"),
    ("sheet.xlsx", b"PK\x03\x04", "unsupported file type"),
    ("broken.pdf", b"%PDF-1.4 not really", "not a readable PDF"),
    ("broken.docx", b"not a zip", "not a readable .docx"),
])
def test_bad_input_raises_a_read_error_naming_the_file(name, content, message, tmp_path):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReadError) as info:
        read_document(path)
    assert str(path) in str(info.value) and message in str(info.value)


def test_pdf_without_text_layer_is_reported(tmp_path):
    path = image_only_pdf(tmp_path / "scan.pdf")
    with pytest.raises(ReadError, match="no text layer") as info:
        read_document(path)
    assert "scan.pdf" in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        read_document(tmp_path / "nope.txt")


def test_pdf_page_numbers_and_running_heads_do_not_break_items(sample_path, sample_text, tmp_path):
    """Each page carries a running head and a page number, as real digests do; the items stay whole."""
    import textwrap

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "paged.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    lines = [line for paragraph in sample_text.replace("\t", " ").split("\n")
             for line in (textwrap.wrap(paragraph, 38) or [""])]
    per_page = 50
    for page, start in enumerate(range(0, len(lines), per_page), 1):
        pdf.setFont("STSong-Light", 10)
        pdf.drawString(50, A4[1] - 30, "某市政务信息 2023年第12期")
        for k, line in enumerate(lines[start:start + per_page]):
            pdf.drawString(50, A4[1] - 60 - 14 * k, line)
        pdf.drawString(280, 30, f"- {page} -")
        pdf.showPage()
    pdf.save()
    from_pdf, from_txt = extract_file(path, extract=False).items, extract_file(sample_path, extract=False).items
    assert [(i.title, i.date) for i in from_pdf] == [(i.title, i.date) for i in from_txt]
    assert not any("政务信息" in i.text or "- 3 -" in i.text for i in from_pdf)
