"""The span classifier: its suggester, its decision, its training, and ``kg tag``."""
from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from kg.extract.mentions import Mention, Word
from kg.extract.spans import Candidate, SpanModel, select, suggest
from kg.reference.lexicon import load_lexicon


def test_suggester_proposes_every_voice_and_boundary_variants():
    text = "王主席会见斯洛博丹·米洛舍维奇和李小刚和客人"
    words = [Word(0, 3, "PER"), Word(3, 5, "v"), Word(5, 9, "PER"), Word(9, 10, "w"), Word(10, 15, "PER"),
             Word(15, 16, "c"), Word(16, 20, "PER"), Word(20, 22, "n")]
    titles = [Mention(1, 3, "TITLE")]
    rules = {"PER": [Mention(16, 19, "PER")], "ORG": [], "LOC": []}
    found = {(text[c.start:c.end], c.label): c.sources for c in suggest(text, words, rules, load_lexicon(), titles)}
    assert "cut-title" in found[("王", "PER")]                 # 王主席: the title cut off
    assert "dotted" in found[("斯洛博丹·米洛舍维奇", "PER")]     # a foreign name across its dot
    assert "cut-function" in found[("李小刚", "PER")]           # 李小刚和: the conjunction given back
    assert "rule" in found[("李小刚", "PER")]
    assert "lac:PER" in found[("斯洛博丹", "PER")] and "lac-as:PER" in found[("王主席", "LOC")]             # every tagger span under every label
    assert not any(label == "LOC" and len(span) == 1 for span, label in found)  # no one-character place


def scored(spans: list[tuple[int, int, str, str, float]]) -> tuple[list[Candidate], np.ndarray]:
    candidates = [Candidate(s, e, label, {source}) for s, e, label, source, _p in spans]
    return candidates, np.array([p for *_rest, p in spans])


def test_decision_keeps_rules_unless_rejected_and_adds_what_the_model_accepts():
    model = SpanModel(np.zeros(1), threshold=0.5, drop=0.3, replace=0.8)
    candidates, scores = scored([
        (0, 3, "PER", "rule", 0.4),    # a rule's span the model doubts but does not reject: kept
        (5, 8, "ORG", "rule", 0.1),    # rejected
        (10, 12, "LOC", "lac:LOC", 0.7),  # added
        (10, 14, "LOC", "lac:LOC", 0.9),  # longer, same label: wins the overlap
        (20, 22, "PER", "lac:PER", 0.45),  # below the threshold
    ])
    decided = select(candidates, scores, model)
    assert decided == {"PER": [Mention(0, 3, "PER")], "ORG": [], "LOC": [Mention(10, 14, "LOC")]}


def test_a_confident_candidate_replaces_a_doubted_rule_span_and_outputs_are_flat():
    model = SpanModel(np.zeros(1), threshold=0.5, drop=0.3, replace=0.8)
    candidates, scores = scored([(0, 4, "ORG", "rule", 0.35), (0, 2, "PER", "cut-title", 0.95),
                                 (1, 3, "LOC", "lac:LOC", 0.6)])
    decided = select(candidates, scores, model)
    assert decided == {"PER": [Mention(0, 2, "PER")], "ORG": [], "LOC": []}


def test_training_is_deterministic():
    from kg.tools.train import Examples, fit

    rows = [[1, 2, 3], [2, 4], [5, 1], [3, 4, 5]]
    examples = Examples(rows, [1, 0, 1, 0], [1.0, 1.0, 2.0, 1.0])
    first, second = fit(examples, steps=20), fit(examples, steps=20)
    assert np.array_equal(first, second) and first[1] > 0 > first[4]


def test_kg_tag_reads_stdin_and_writes_stdout():
    lines = [{"id": "a", "text": "市长李华会见了某某银行行长赵强。"}, {"id": "b", "text": ""}]
    done = subprocess.run([sys.executable, "-m", "kg", "tag", "-"], input="\n".join(json.dumps(r, ensure_ascii=False)
                          for r in lines), capture_output=True, text=True, check=True)
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["id"] for r in out] == ["a", "b"]
    assert {"李华", "赵强"} <= set(out[0]["persons"]) and {"市长", "行长"} <= set(out[0]["posts"])
    assert out[1] == {"id": "b", "text": "", "persons": [], "organizations": [], "places": [], "posts": []}


def test_kg_tag_reports_a_malformed_line_with_its_number(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "某某。"}\nnot json\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "kg", "tag", str(source), "-o", str(tmp_path / "out.jsonl")],
                          capture_output=True, text=True)
    assert done.returncode != 0 and "line 2" in done.stderr and not (tmp_path / "out.jsonl").exists()


def test_a_frame_span_stays_whatever_the_model_scores_and_local_news_has_its_own_thresholds():
    model = SpanModel(np.zeros(1), threshold=0.5, drop=0.3, replace=0.8, local=(0.6, 0.05, 0.9))
    candidates, scores = scored([(0, 3, "PER", "rule", 0.01), (5, 8, "PER", "rule", 0.1)])
    candidates[0].sources.add("frame")  # 任命某某为…: the notice's frame names the appointee
    kept = select(candidates, scores, model)
    assert [(m.start, m.end) for m in kept["PER"]] == [(0, 3)]
    local = model.for_genre("local")
    assert (local.threshold, local.drop, local.replace) == (0.6, 0.05, 0.9)
    assert model.for_genre("general") is model
    candidates, scores = scored([(5, 8, "PER", "rule", 0.1)])
    assert select(candidates, scores, local)["PER"]  # a rule's span in local news needs less to stay


def test_the_shipped_model_records_its_local_thresholds_chosen_out_of_fold():
    from kg.extract.model import model_meta
    from kg.extract.spans import shipped_model

    meta = model_meta()
    assert "out of fold" in meta["local_thresholds"]["chosen_on"]
    assert shipped_model().local == tuple(pytest.approx(meta["local_thresholds"][k]) for k in ("add", "drop", "replace"))


def test_name_ahead_reads_the_kind_of_name_a_place_opens():
    from kg.extract.spans import name_ahead

    lexicon = load_lexicon()

    def kind(text: str, words: list[tuple[str, str]], place: str) -> str:
        at, pos = {}, 0
        for word, tag in words:
            at[pos] = Word(pos, pos + len(word), tag)
            pos += len(word)
        return name_ahead(text, text.index(place) + len(place), at, lexicon)

    zone = [("某县", "LOC"), ("先进", "a"), ("制造业", "n"), ("开发区", "n"), ("获得", "v"), ("称号", "n")]
    assert kind("某县先进制造业开发区获得称号", zone, "某县") == "name"
    plain = [("推动", "v"), ("某市", "LOC"), ("经济", "n"), ("社会", "n"), ("发展", "vn")]
    assert kind("推动某市经济社会发展", plain, "某市") == "none"
    counted = [("某市", "LOC"), ("两项", "m"), ("工程", "n"), ("获", "v"), ("奖", "n")]
    assert kind("某市两项工程获奖", counted, "某市") == "none"  # a count ends the name: the place is plain
    glued = [("某县经济开发区", "LOC")]
    assert kind("某县经济开发区", glued, "某县") == "name"  # ending inside the tagger's word


def test_a_longer_candidate_does_not_extend_a_frames_name():
    model = SpanModel(np.zeros(1), threshold=0.5, drop=0.3, replace=0.8)
    candidates, scores = scored([(0, 2, "PER", "rule", 0.2), (0, 3, "PER", "lac:PER", 0.9)])
    candidates[0].sources.add("frame")  # 选举某某为…: the frame ends the name at 为
    assert [(m.start, m.end) for m in select(candidates, scores, model)["PER"]] == [(0, 2)]
