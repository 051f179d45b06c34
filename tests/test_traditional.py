"""Traditional input is processed as simplified and reported as written: the whole pipeline, model included."""
from __future__ import annotations


def test_the_sample_in_traditional_characters_gives_the_same_extraction(sample_path, sample_result, tmp_path):
    from opencc import OpenCC

    from kg.document import extract_file
    from kg.text.simplify import to_simplified

    trad = tmp_path / sample_path.name
    trad.write_text(OpenCC("s2t").convert(sample_path.read_text(encoding="utf-8")), encoding="utf-8")
    result = extract_file(trad)
    fields = ("title", "date", "section", "event_type", "persons", "organizations", "places", "posts", "participants")

    def simplified(value):
        if isinstance(value, str):
            return to_simplified(value)
        if isinstance(value, list):
            return [simplified(v) for v in value]
        if isinstance(value, dict):
            return {k: simplified(v) for k, v in value.items()}
        return value

    assert len(result.items) == len(sample_result.items)
    assert any(item.text != to_simplified(item.text) for item in result.items)  # really traditional
    for t_item, s_item in zip(result.items, sample_result.items):
        t_json, s_json = t_item.to_json(), s_item.to_json()
        assert {f: simplified(t_json[f]) for f in fields} == {f: s_json[f] for f in fields}, s_item.title
