"""handbook build: a failed check or a failed site build leaves the previous site/ in place."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import BASE_PAGES, REPO, write_tree

from handbook.site.build import build_site
from handbook.cli import main

pytestmark = pytest.mark.slow


# The generated front-matter reference links to the contributors' guide.
GUIDE = "---\ntitle: Meedoen\ndescription: Hoe je bijdraagt aan het handboek, stap voor stap uitgelegd.\n---\n\nWelkom.\n"


@pytest.fixture
def root(tmp_path) -> Path:
    pages = {k: v for k, v in BASE_PAGES.items() if not k.startswith("afbeeldingen/")}
    write_tree(tmp_path, {**pages, "bijdragen/index.md": GUIDE})
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", tmp_path / "overrides")
    return tmp_path


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site-"))


def test_build_makes_the_site_with_overviews_and_schemas(root):
    result = build_site(root, prints=False)
    assert result.ok, result.message
    site = root / "site"
    assert (site / "methoden" / "index.html").is_file() and (site / "schemas" / "method.schema.json").is_file()
    assert not (site / "tips" / "concept-tip.html").exists()  # a draft is never built
    assert leftovers(root) == []


def test_build_reads_the_pages_once_and_updates_the_index_beside_mkdocs(root, monkeypatch):
    from handbook.search import indexing
    from handbook.site import mkdocs_plugin

    def no_second_read(*_args, **_kwargs):
        raise AssertionError("the plugin read every page again")

    monkeypatch.setattr(mkdocs_plugin, "load_corpus", no_second_read)
    assert build_site(root, prints=False).ok
    indexing.open_current(root).close()  # the index was updated (in a second process)


def test_a_failing_index_update_is_reported_not_a_traceback(root, monkeypatch):
    from handbook.search import indexing

    def broken(*_args, **_kwargs):
        raise OSError("schijf vol")

    monkeypatch.setattr(indexing, "update_index", broken)
    result = build_site(root, prints=False)
    assert not result.ok and "schijf vol" in result.message and "de vorige site blijft staan" in result.message
    assert leftovers(root) == []


def test_a_check_error_aborts_the_build_and_keeps_the_previous_site(root, capsys):
    assert build_site(root, prints=False).ok
    before = (root / "site" / "methoden" / "index.html").read_bytes()
    (root / "content" / "tips" / "kapot.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    assert main(["--root", str(root), "build", "--no-print"]) == 1
    out, err = capsys.readouterr()
    assert "content/tips/kapot.md:" in out and "de vorige site blijft staan" in err
    assert (root / "site" / "methoden" / "index.html").read_bytes() == before
    assert leftovers(root) == []


def test_a_failing_site_build_keeps_the_previous_site(root):
    assert build_site(root, prints=False).ok
    marker = root / "site" / "vorige.txt"
    marker.write_text("de vorige site", encoding="utf-8")
    # A template error passes the check but fails mkdocs.
    (root / "overrides" / "partials" / "hb-card.html").write_text("{% if %}", encoding="utf-8")
    result = build_site(root, prints=False)
    assert not result.ok and "de site kon niet gebouwd worden" in result.message
    assert marker.read_text(encoding="utf-8") == "de vorige site"
    assert leftovers(root) == []


def test_a_strict_mode_warning_fails_the_build(root):
    assert build_site(root, prints=False).ok
    (root / "mkdocs.yml").write_text(
        (root / "mkdocs.yml").read_text(encoding="utf-8") + "nav:\n  - Bestaat niet: nergens.md\n", encoding="utf-8"
    )
    result = build_site(root, prints=False)
    assert not result.ok and "nergens.md" in result.message
    assert (root / "site" / "methoden" / "index.html").is_file()


def test_mkdocs_serve_serves_the_last_built_theme_booklets(tmp_path):
    # mkdocs serve builds into a temporary folder; the theme pages' print links must still work.
    from types import SimpleNamespace

    from mkdocs.structure.files import Files

    from handbook.site.mkdocs_plugin import HandbookPlugin

    (tmp_path / "site" / "print").mkdir(parents=True)
    (tmp_path / "site" / "print" / "thema.pdf").write_bytes(b"%PDF-1.7\n")
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "tmp-site"),
                             use_directory_urls=True)
    plugin = HandbookPlugin()
    plugin.on_startup(command="serve", dirty=False)
    files = Files([])
    plugin._add_previous_prints(files, config)
    served = files.get_file_from_path("print/thema.pdf")
    assert served is not None and served.abs_src_path == str(tmp_path / "site" / "print" / "thema.pdf")
    assert served.url == "print/thema.pdf"


def test_a_read_only_repository_is_a_dutch_error_not_a_traceback(root, capsys, monkeypatch):
    # F9 of #12: a read-only repository root gave a traceback from the new folder's mkdir.
    import errno

    from handbook.site import site_folder

    def refuse(parent):
        raise PermissionError(errno.EACCES, "Permission denied", str(parent / ".site-new-1-ab"))

    monkeypatch.setattr(site_folder, "new_folder", refuse)
    assert main(["--root", str(root), "build", "--no-print"]) == 1
    assert capsys.readouterr().err == (
        f"handbook build: de site kon niet gebouwd worden: '{root / '.site-new-1-ab'}': geen toestemming; "
        "de vorige site blijft staan\n"
    )
