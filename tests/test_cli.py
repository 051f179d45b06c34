"""The kg command: output, summary, exit status, help."""
from __future__ import annotations

import json
import subprocess
import sys

from kg.cli import build_parser, main


def test_extract_writes_utf8_jsonl_and_a_summary(sample_path, tmp_path, capsys):
    out = tmp_path / "items.jsonl"
    assert main(["extract", str(sample_path), "-o", str(out)]) == 0
    raw = out.read_text(encoding="utf-8")
    assert "\\u" not in raw and "徐衣显" in raw
    records = [json.loads(line) for line in raw.splitlines()]
    assert len(records) == 122
    summary = capsys.readouterr().err.strip().splitlines()[-1]
    assert summary == f"kg extract: 1 file (0 unreadable), 122 items, 0 warnings -> {out}"


def test_bad_files_are_reported_and_the_rest_kept(sample_path, tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "items.jsonl"
    assert main(["extract", str(empty), str(sample_path), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"error: {empty}: empty file" in err
    assert "2 files (1 unreadable), 122 items" in err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 122


def test_exit_status_is_nonzero_only_when_nothing_could_be_read(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["extract", str(empty), str(tmp_path / "missing.txt"), "-o", str(tmp_path / "o.jsonl")]) == 1


def test_failed_write_leaves_the_previous_output(sample_path, tmp_path, monkeypatch):
    out = tmp_path / "items.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    import kg.pipeline

    def boom(item):
        raise RuntimeError("injected failure")

    monkeypatch.setattr(kg.pipeline, "item_line", boom)
    assert main(["extract", str(sample_path), "-o", str(out)]) == 1  # one line, "error: RuntimeError: …"
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["items.jsonl"]


def test_every_command_has_help():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, command in sub.choices.items():
        assert command.description, name
        assert all(a.help for a in command._actions), name


def test_console_script_runs_as_module(sample_path, tmp_path):
    out = tmp_path / "items.jsonl"
    done = subprocess.run([sys.executable, "-m", "kg", "extract", str(sample_path), "-o", str(out)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0
