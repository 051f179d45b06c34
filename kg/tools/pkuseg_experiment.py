"""Does a spacy-pkuseg segmenter trained by us earn a place in the pipeline? Measure it.

    python -m kg.tools.pkuseg_experiment GOLD.jsonl [--iterations 10]

spaCy's and spacy-pkuseg's pretrained models cannot be downloaded here, so the
segmenter is trained by this command on silver text: the bundled sample's
items segmented by LAC, with every organisation and place the rules found
merged into one word — so pkuseg learns where names begin and end. It is
trained on the odd-numbered items and measured on the even-numbered ones
(no item is both trained on and scored): organisations and places are scored
with the rules alone, then with the pkuseg words that end in an
organisation suffix (or are a LOC-like place word) added as candidates.
The README and issue 3 record what this printed.
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from kg.api import SAMPLE
from kg.document import item_line
from kg.extract import extract_items
from kg.extract.lac import lac_tagger
from kg.extract.mentions import sentence_spans
from kg.read import read_document
from kg.reference.lexicon import load_lexicon
from kg.segment import segment
from kg.tools.evaluate import format_report, load_items, score


def silver_lines(items) -> list[str]:
    """Sentences as space-separated words: LAC's words, with rule-found names kept whole."""
    tagger = lac_tagger()
    lines = []
    for item in items:
        names = {n for n in item.organizations + item.places + item.persons if n in item.text}
        for start, end in sentence_spans(item.text):
            sentence = item.text[start:end]
            words = [w for w, _tag in tagger.tag([sentence])[0]]
            cuts = {0, len(sentence)}
            offset = 0
            for word in words:
                offset += len(word)
                cuts.add(offset)
            for name in names:  # a name is one word: drop the cuts inside it
                at = sentence.find(name)
                while at >= 0:
                    cuts -= set(range(at + 1, at + len(name)))
                    cuts |= {at, at + len(name)}
                    at = sentence.find(name, at + 1)
            bounds = sorted(cuts)
            lines.append(" ".join(sentence[a:b] for a, b in zip(bounds, bounds[1:]) if sentence[a:b].strip()))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--iterations", type=int, default=10)
    args = parser.parse_args()
    import spacy_pkuseg

    items = segment(read_document(SAMPLE)).items
    extract_items(items)
    train, held_out = items[0::2], items[1::2]
    lexicon = load_lexicon()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        (tmp_path / "train.txt").write_text("\n".join(silver_lines(train)) + "\n", encoding="utf-8")
        (tmp_path / "test.txt").write_text("\n".join(silver_lines(held_out[:10])) + "\n", encoding="utf-8")
        spacy_pkuseg.train(str(tmp_path / "train.txt"), str(tmp_path / "test.txt"), str(tmp_path / "model"),
                           train_iter=args.iterations)
        seg = spacy_pkuseg.pkuseg(model_name=str(tmp_path / "model"))
        gold_path = tmp_path / "gold.jsonl"
        held_titles = {i.title for i in held_out}
        gold_lines = [line for line in args.gold.read_text(encoding="utf-8").splitlines()
                      if line.strip() and any(t in line for t in held_titles)]
        gold_path.write_text("\n".join(gold_lines) + "\n", encoding="utf-8")
        rules = tmp_path / "rules.jsonl"
        rules.write_text("".join(item_line(i) for i in held_out), encoding="utf-8")
        for item in held_out:
            words = seg.cut(item.text)
            for word in words:
                if len(word) > 3 and word.endswith(lexicon.org_suffixes) and word not in item.organizations:
                    item.organizations.append(word)
        with_pkuseg = tmp_path / "pkuseg.jsonl"
        with_pkuseg.write_text("".join(item_line(i) for i in held_out), encoding="utf-8")
        gold = load_items(gold_path)
        print(f"held-out items: {len(held_out)} (trained on {len(train)})")
        print("rules + LAC:\n" + format_report(score(gold, load_items(rules))))
        print("rules + LAC + pkuseg words ending in an organisation suffix:\n"
              + format_report(score(gold, load_items(with_pkuseg))))


if __name__ == "__main__":
    main()
