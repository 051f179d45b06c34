"""Make test PDFs with reportlab's built-in CID font (no font file needed)."""
from __future__ import annotations

import textwrap
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
WIDTH_CHARS = 38
LINE_HEIGHT = 14


def text_to_pdf(text: str, path: Path) -> Path:
    """Lay ``text`` out on A4 pages, wrapping long lines as a PDF would."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    top, bottom = A4[1] - 50, 50
    y = top
    pdf.setFont(FONT, 10)
    for paragraph in text.replace("\t", " ").split("\n"):
        for line in textwrap.wrap(paragraph, WIDTH_CHARS) or [""]:
            if y < bottom:
                pdf.showPage()
                pdf.setFont(FONT, 10)
                y = top
            pdf.drawString(50, y, line)
            y -= LINE_HEIGHT
    pdf.save()
    return path


def image_only_pdf(path: Path) -> Path:
    """A PDF with a drawing and no text layer (a scan, as far as a reader can tell)."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.rect(100, 100, 200, 200, fill=1)
    pdf.save()
    return path
