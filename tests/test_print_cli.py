"""handbook print on the command line, and the print versions written into a built site."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from pypdf import PdfReader

from handbook.cli import main
from handbook.content.loader import load_corpus
from handbook.printing import pdf as pdf_module
from handbook.printing import write_theme_prints
from print_fixtures import make_handbook


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return make_handbook(tmp_path_factory.mktemp("print-cli"))


def run(root, *args):
    return main(["--root", str(root), "print", *args])


def test_unknown_theme_exit_1_with_suggestion_and_no_file(root, tmp_path, capsys):
    assert run(root, "--theme", "empowermnt", "-o", str(tmp_path / "x.pdf")) == 1
    assert "onbekend thema 'empowermnt' — bedoelde je 'empowerment'?" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_empty_theme_exit_1(root, tmp_path, capsys):
    assert run(root, "--theme", "empowerment", "-o", str(tmp_path / "x.pdf")) == 1
    assert "nog geen gepubliceerde" in capsys.readouterr().err


def test_unknown_type_exit_1(root, tmp_path, capsys):
    assert run(root, "--type", "metoden", "-o", str(tmp_path / "x.pdf")) == 1
    assert "bedoelde je 'methoden'?" in capsys.readouterr().err


def test_error_keeps_the_previous_file(root, tmp_path):
    out = tmp_path / "boekje.pdf"
    out.write_bytes(b"vorige versie")
    assert run(root, "--theme", "onbekend", "-o", str(out)) == 1
    assert out.read_bytes() == b"vorige versie"


# As a print starts when its document information is not compressed: made_by_handbook accepts it.
EARLIER_PRINT = b"%PDF-1.7\n1 0 obj\n<</Creator (handbook print)>>\nendobj\n"


def test_failed_write_leaves_no_half_file(root, tmp_path, monkeypatch):
    out = tmp_path / "boekje.pdf"
    out.write_bytes(EARLIER_PRINT)

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device", str(dst))

    monkeypatch.setattr(pdf_module.os, "replace", broken_replace)
    assert run(root, "--theme", "werken-met-ouders", "-o", str(out)) == 1
    assert out.read_bytes() == EARLIER_PRINT
    assert [p.name for p in tmp_path.iterdir()] == ["boekje.pdf"]


def test_only_a_print_is_overwritten(root, tmp_path, capsys):
    # F13: `print -o mkdocs.yml` replaced the site's configuration with a PDF.
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n")
    assert run(root, "--theme", "werken-met-ouders", "-o", str(config)) == 2
    assert "bestaat al en is geen print van het handboek; het wordt niet overschreven" in capsys.readouterr().err
    assert config.read_text() == "site_name: x\n"
    out = tmp_path / "boekje.pdf"
    assert run(root, "--theme", "werken-met-ouders", "-o", str(out)) == 0
    assert run(root, "--theme", "werken-met-ouders", "-o", str(out)) == 0  # its own print, compressed
    page = tmp_path / "boekje.html"
    page.write_text("<!DOCTYPE html>\n<title>Iets anders</title>\n")
    assert run(root, "--theme", "werken-met-ouders", "-o", str(page)) == 2
    assert [p.name for p in sorted(tmp_path.iterdir())] == ["boekje.html", "boekje.pdf", "mkdocs.yml"]


def test_no_folder_is_made_on_the_way(root, tmp_path, capsys):
    assert run(root, "--theme", "werken-met-ouders", "-o", str(tmp_path / "nieuw" / "x.pdf")) == 2
    assert f"de map '{tmp_path / 'nieuw'}' bestaat niet" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_no_choice_is_a_usage_error(root, capsys):
    assert run(root) == 2
    assert "kies precies één" in capsys.readouterr().err


def test_html_format_from_the_file_name(root, tmp_path):
    assert run(root, "--theme", "werken-met-ouders", "-o", str(tmp_path / "boekje.html")) == 0
    html = (tmp_path / "boekje.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Begin met koffie" in html


def test_query_uses_the_search_index(root, tmp_path):
    assert run(root, "--query", "koffie", "-o", str(tmp_path / "q.pdf")) == 0
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "q.pdf").pages)
    assert "Begin met koffie" in text and "Zoekresultaat: koffie" in text


def test_two_runs_in_separate_processes_give_the_same_bytes(root, tmp_path):
    outputs = []
    for name in ("a.pdf", "b.pdf"):
        subprocess.run(
            [sys.executable, "-m", "handbook", "--root", str(root), "print", "koffie-eerst", "kringgesprek", "--handout",
             "-o", str(tmp_path / name)],
            check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": "random"},
        )
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1] and outputs[0].startswith(b"%PDF")


def test_theme_prints_for_the_site(root, tmp_path):
    corpus = load_corpus(root)
    written = write_theme_prints(corpus, tmp_path / "site", cache_dir=tmp_path / "cache")
    assert written["werken-met-ouders"] == {"pdf": "print/werken-met-ouders.pdf", "html": "print/werken-met-ouders.html"}
    methods = sorted(f"kaart-{m.slug}.pdf" for m in corpus.of_type("method"))  # each method's card (issue 17)
    assert sorted(p.name for p in (tmp_path / "site" / "print").iterdir()) == sorted([
        "empowerment.html", "empowerment.pdf", "werken-met-ouders.html", "werken-met-ouders.pdf", *methods])
    assert len(PdfReader(tmp_path / "site" / "print" / "werken-met-ouders.pdf").pages) == 10
    # On a screen, the printable booklet leads back to its theme page and can be printed (issue 17).
    html = (tmp_path / "site" / "print" / "werken-met-ouders.html").read_text(encoding="utf-8")
    assert 'href="../themas/werken-met-ouders.html"' in html and "window.print()" in html
    # A theme without pages yet: cover and contents with the note that pages follow.
    empty = PdfReader(tmp_path / "site" / "print" / "empowerment.pdf")
    assert len(empty.pages) == 3 and "nog geen methoden" in empty.pages[2].extract_text()


def test_theme_prints_reuse_unchanged_pdfs(root, tmp_path, monkeypatch):
    corpus = load_corpus(root)
    write_theme_prints(corpus, tmp_path / "one", cache_dir=tmp_path / "cache")

    def no_render(*args, **kwargs):
        raise AssertionError("rendered again although nothing changed")

    monkeypatch.setattr("handbook.printing.site.html_to_pdf", no_render)
    write_theme_prints(corpus, tmp_path / "two", cache_dir=tmp_path / "cache")
    assert (tmp_path / "one/print/werken-met-ouders.pdf").read_bytes() == (tmp_path / "two/print/werken-met-ouders.pdf").read_bytes()


def test_theme_prints_in_parallel_match_the_command_line(root, tmp_path):
    import shutil

    from handbook.printing import select
    from handbook.printing.pdf import render_pdf

    copy = tmp_path / "handbook"
    shutil.copytree(root / "content", copy / "content")
    shutil.copyfile(root / "mkdocs.yml", copy / "mkdocs.yml")
    tip = (copy / "content/tips/koffie-eerst.md").read_text(encoding="utf-8")
    (copy / "content/tips/koffie-eerst.md").write_text(tip.replace("themes: [werken-met-ouders]", "themes: [werken-met-ouders, empowerment]"), encoding="utf-8")
    corpus = load_corpus(copy)
    assert sorted(write_theme_prints(corpus, tmp_path / "site", workers=2)) == ["empowerment", "werken-met-ouders"]
    for slug in ("empowerment", "werken-met-ouders"):
        assert (tmp_path / f"site/print/{slug}.pdf").read_bytes() == render_pdf(select(corpus, theme=slug), corpus)[1]
