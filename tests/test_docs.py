"""The README and the guides: short enough to read, and every relative link (file and #anchor) resolves."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), *sorted((ROOT / "kg" / "models").glob("*/MODEL_CARD.md"))]
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
GUIDES = ("analysts", "sparql", "notebooks", "careers", "scale", "extraction", "evaluation")


def anchors(markdown: str) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens."""
    found = set()
    for heading in re.findall(r"^#+\s+(.+?)\s*$", markdown, flags=re.MULTILINE):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        found.add(slug)
    return found


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves(document):
    text = document.read_text(encoding="utf-8")
    broken = []
    for target in LINK.findall(text):
        if re.match(r"^[a-z]+:", target):  # http:, https:, mailto: — not ours to check offline
            continue
        path, _, anchor = target.partition("#")
        file = (document.parent / path).resolve() if path else document
        if not file.exists():
            broken.append(target)
        elif anchor and file.suffix == ".md" and anchor not in anchors(file.read_text(encoding="utf-8")):
            broken.append(target)
    assert broken == []


def test_the_readme_is_short_and_links_every_guide():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 150
    assert readme.startswith("```sh\nmake run") and "\nmake test" in readme.split("```")[1]
    for guide in GUIDES:
        assert f"(docs/{guide}.md)" in readme, guide


def test_every_model_has_a_card_with_its_sections():
    models = [p for p in (ROOT / "kg" / "models").iterdir() if (p / "weights.npz").is_file()]
    assert len(models) >= 3
    for model in models:
        card = (model / "MODEL_CARD.md").read_text(encoding="utf-8")
        for section in ("Intended use", "Training data", "Metrics", "Known limits", "Retrain"):
            assert section in card, (model.name, section)
        assert "sha256" in (model / "meta.json").read_text(encoding="utf-8").lower() or \
            re.search(r"[0-9a-f]{64}", (model / "meta.json").read_text(encoding="utf-8")), model.name
