"""`handbook check --cache` reports exactly what a check without the cache reports."""

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from handbook.check import cache as check_cache
from handbook.check.runner import run_check

REPO = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bench_generate_cc", REPO / "benchmarks" / "generate.py")
generate = importlib.util.module_from_spec(_spec)
sys.modules["bench_generate_cc"] = generate
_spec.loader.exec_module(generate)


@pytest.fixture
def root(tmp_path):
    return generate.generate_corpus(tmp_path / "h", 60, seed=5)


def same(root, paths=None):
    cold = run_check(root, paths)
    warm = run_check(root, paths, cache=True)
    assert warm == cold
    return warm


def edit(file: Path, old: str, new: str):
    text = file.read_text(encoding="utf-8")
    assert old in text, (file, old)
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_cached_and_fresh_checks_agree_through_edits(root):
    content = root / "content"
    assert same(root) == []
    assert (root / check_cache.CACHE_FILE).is_file()
    assert same(root) == []  # now from the cache
    tips = sorted((content / "tips").glob("*.md"))
    methods = sorted((content / "methoden").glob("*.md"))
    themes = sorted((content / "themas").glob("*.md"))
    edit(tips[0], "status: published", "status: publishd")
    edit(tips[1], "\n---\n", "\nextra: 1\n---\n\nMail jan.jansen@example.nl <script>x</script>\n")
    edit(methods[0], "## Stappen", "## Stapjes")
    edit(themes[0], "status: published", "status: draft")  # a change other pages notice (drafts)
    (content / "tips" / "kopie.md").write_text(tips[2].read_text(encoding="utf-8"), encoding="utf-8")  # same title, same text
    tips[3].unlink()  # pages that linked to it now have broken links
    (content / "tips" / "kapot.md").write_text("---\ntitle: [kapot\n---\n", encoding="utf-8")
    found = same(root)
    rules = {p.rule for p in found}
    assert {"schema", "unknown-key", "personal-email", "unsafe-html", "sections", "unique-title", "yaml-syntax"} <= rules
    assert same(root) == found  # the cache again, now with those pages in it
    assert same(root, [str(content / "tips")]) == [p for p in found if p.path.startswith("content/tips/")]


def test_a_damaged_cache_counts_as_empty(root):
    (root / "content" / "tips" / "kapot.md").write_text("---\ntitle: a\n\ttab: b\n---\n", encoding="utf-8")
    expected = same(root)
    file = root / check_cache.CACHE_FILE
    data = json.loads(file.read_text(encoding="utf-8"))
    for entry in data["pages"].values():
        entry["values"] = "kapot"  # a damaged entry: the file is read again
        break
    file.write_text(json.dumps(data), encoding="utf-8")
    assert same(root) == expected
    for garbage in ("", "{", "[]", '{"fingerprint": 1, "pages": []}', "\x00\xff"):
        file.write_text(garbage, encoding="utf-8", errors="surrogateescape")
        assert same(root) == expected


def test_another_fingerprint_throws_the_cache_away(root, monkeypatch):
    content = root / "content"
    page = sorted((content / "tips").glob("*.md"))[0]
    same(root)
    # A cache made by other code: its entries must not be used, even for unchanged files.
    file = root / check_cache.CACHE_FILE
    data = json.loads(file.read_text(encoding="utf-8"))
    data["pages"][f"content/tips/{page.name}"]["local"] = [[1, 1, "error", "verzonnen", "verzonnen"]]
    file.write_text(json.dumps(data), encoding="utf-8")
    assert any(p.rule == "verzonnen" for p in run_check(root, cache=True))  # the same fingerprint: believed
    monkeypatch.setattr(check_cache, "FORMAT", check_cache.FORMAT + 1)
    assert not any(p.rule == "verzonnen" for p in run_check(root, cache=True))


def test_an_unwritable_cache_is_skipped(root):
    (root / ".handbook").mkdir()
    (root / check_cache.CACHE_FILE).mkdir()  # a folder where the file should be
    assert same(root) == []
