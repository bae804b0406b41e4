"""The benchmark corpus generator: valid, sectioned, deterministic."""

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from handbook.check.runner import run_check
from handbook.content.loader import load_corpus

REPO = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bench_generate", REPO / "benchmarks" / "generate.py")
generate = importlib.util.module_from_spec(_spec)
sys.modules["bench_generate"] = generate  # dataclasses look their module up
_spec.loader.exec_module(generate)


@pytest.fixture(scope="module")
def corpus_root(tmp_path_factory):
    return generate.generate_corpus(tmp_path_factory.mktemp("bench") / "h", 200, seed=0)


def test_corpus_passes_the_check(corpus_root):
    assert [str(p) for p in run_check(corpus_root)] == []


def test_cli_exit_code_is_zero(corpus_root):
    from handbook.cli import main

    assert main(["--root", str(corpus_root), "check"]) == 0


def test_has_n_pages_of_every_type(corpus_root):
    corpus = load_corpus(corpus_root)
    assert len(corpus.pages) == 200
    types = {p.type for p in corpus.pages}
    assert types == {"method", "tip", "roadshow", "practice", "theme", "source", "neighbourhood", "page"}


def test_themes_are_a_hundredth_but_at_least_ten(corpus_root):
    assert len(load_corpus(corpus_root).of_type("theme")) == 10
    assert generate.counts_for(10_000)["theme"] == 100


def test_pages_sit_in_one_folder_per_type(corpus_root):
    for page in load_corpus(corpus_root).pages:
        assert page.type == "page" or page.rel.split("/")[0] == generate.FOLDERS[page.type]


def test_root_is_a_handbook_root(corpus_root):
    assert (corpus_root / "mkdocs.yml").read_text() == (REPO / "mkdocs.yml").read_text()
    assert (corpus_root / "overrides").is_dir() == (REPO / "overrides").is_dir()


def test_pages_cross_reference_each_other(corpus_root):
    corpus = load_corpus(corpus_root)
    assert sum(bool(p.slugs("related")) for p in corpus.pages) > 100
    assert all(p.slugs("sources") for p in corpus.of_type("method"))


def test_methods_have_goal_and_numbered_steps(corpus_root):
    method = load_corpus(corpus_root).of_type("method")[0]
    assert "## Doel" in method.body
    assert "\n1. " in method.body.split("## Stappen", 1)[1]


def test_roadshows_say_what_was_learned(corpus_root):
    assert all("## Wat we leerden" in p.body for p in load_corpus(corpus_root).of_type("roadshow"))


def test_text_is_dutch(corpus_root):
    text = " ".join(p.body for p in load_corpus(corpus_root).pages)
    for word in ("ouders", "vrijwilligers", "wijkteam", "gezin"):
        assert word in text


def test_manifest_counts_pages_per_theme(corpus_root):
    manifest = json.loads((corpus_root / "corpus.json").read_text())
    assert manifest["pages"] == 200
    assert len(manifest["pages_per_theme"]) == 10


def test_same_seed_same_corpus(tmp_path):
    a = generate.generate_corpus(tmp_path / "a", 60, seed=3)
    b = generate.generate_corpus(tmp_path / "b", 60, seed=3)
    files_a = sorted(p.relative_to(a).as_posix() for p in (a / "content").rglob("*.md"))
    files_b = sorted(p.relative_to(b).as_posix() for p in (b / "content").rglob("*.md"))
    assert files_a == files_b
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files_a)


def test_other_seed_other_corpus(tmp_path):
    a = generate.generate_corpus(tmp_path / "a", 60, seed=1)
    b = generate.generate_corpus(tmp_path / "b", 60, seed=2)
    assert sorted(p.name for p in a.rglob("*.md")) != sorted(p.name for p in b.rglob("*.md"))
