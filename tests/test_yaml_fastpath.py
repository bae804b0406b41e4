"""libyaml reads front-matter faster; what the checker reports must not change by it."""

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

from handbook.check import markdown_scan

from handbook.content import schemas, yamlreader
from handbook.content.loader import load_corpus

REPO = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bench_generate_fp", REPO / "benchmarks" / "generate.py")
generate = importlib.util.module_from_spec(_spec)
sys.modules["bench_generate_fp"] = generate
_spec.loader.exec_module(generate)

pytestmark = pytest.mark.skipif(not getattr(yaml, "__with_libyaml__", False), reason="PyYAML without libyaml")

TRICKY = [
    "title: Wat werkt?\nthemes: [a, b]\n",  # '?' libyaml and PyYAML read differently in flow lists
    "themes: [a, b?c]\n",
    "themes: [samen-leren: ]\n",  # an implicit mapping in a flow list: marks differ by a column
    "duration: {min: , max: 90}\n",
    "related: [!tag, b]\n",
    "description: een\ttab midden in de tekst\n",
    "title: " + "[" * 500 + "]" * 500 + "\n",  # deep nesting: PyYAML reports it, libyaml would recurse in C
    "related:\n" + "".join("  " * i + f"- k{i}:\n" for i in range(30)),
    "title: a\ntitle: b\n",
    "status: no\n",
    "a: &x [1]\nb: *x\n",
    "key: value: other\n",
    "title: 'open\n",
    "lijst: [a, b]]\n",
    "title: Gewone titel\nroles:\n- {name: Inbrenger, task: Vertelt kort.}\nupdated: 2024-02-30\n",
]


def _read(source: str, fast: bool, monkeypatch) -> tuple:
    monkeypatch.setattr(yamlreader, "_CLoader", yaml.CSafeLoader if fast else None)
    fm = yamlreader.split(f"---\n{source}---\n\nTekst.\n")
    return fm.meta, fm.values, fm.keys, fm.body_line, [vars(f) for f in fm.findings], fm.ok


@pytest.mark.parametrize("source", TRICKY)
def test_tricky_front_matter_reads_the_same(source, monkeypatch):
    assert _read(source, True, monkeypatch) == _read(source, False, monkeypatch)


def test_generated_pages_read_the_same(tmp_path, monkeypatch):
    root = generate.generate_corpus(tmp_path / "h", 60, seed=7)
    for file in sorted((root / "content").rglob("*.md")):
        text = file.read_text(encoding="utf-8")
        source = text.split("\n---\n", 1)[0].removeprefix("---\n") + "\n"
        assert _read(source, True, monkeypatch) == _read(source, False, monkeypatch), file.name


def test_plain_front_matter_takes_the_fast_path(monkeypatch):
    calls = []
    real = yaml.compose
    monkeypatch.setattr(yaml, "compose", lambda s, Loader: calls.append(Loader) or real(s, Loader=Loader))
    yamlreader.split("---\ntitle: Gewone titel\nthemes: [a, b]\nduration: {min: 60, max: 90}\n---\n")
    assert calls == [yaml.CSafeLoader]


def test_inlined_schemas_have_no_references_left():
    for name in schemas.page_types():
        assert "$ref" not in str(schemas.validator(name).schema)


def test_inlined_schema_still_rejects_what_the_original_rejects():
    errors = list(schemas.validate("tip", {"title": "Ab", "description": "x" * 30, "themes": ["Fout Thema"]}))
    assert {e.rule for e in errors} >= {"schema"}
    assert any("kleine letters" in e.message for e in errors)


def test_a_page_is_scanned_once(tmp_path):
    root = generate.generate_corpus(tmp_path / "h", 30, seed=1)
    page = load_corpus(root).of_type("method")[0]
    assert markdown_scan.links(page) == markdown_scan.links(page)
    assert list(markdown_scan.code_free_lines(page)) == list(markdown_scan.code_free_lines(page))
