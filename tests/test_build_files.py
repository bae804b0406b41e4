"""The build publishes only pages and images from content/, whatever the check said (F2, F5 of
#12): ``handbook build`` refuses, and the mkdocs adapter refuses or drops every other file and
every symbolic link, so nothing replaces the theme's own assets and nothing outside the
repository is read."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import BASE_PAGES, REPO, TIP, write_tree

from handbook.cli import main
from handbook.content.loader import load_corpus
from handbook.site.mkdocs_plugin import _Collect, mkdocs_build

pytestmark = pytest.mark.slow

GUIDE = "---\ntitle: Meedoen\ndescription: Hoe je bijdraagt aan het handboek, stap voor stap uitgelegd.\n---\n\nWelkom.\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(17)


@pytest.fixture
def root(tmp_path) -> Path:
    repo = tmp_path / "repo"
    pages = {k: v for k, v in BASE_PAGES.items() if not k.startswith("afbeeldingen/")}
    write_tree(repo, {**pages, "bijdragen/index.md": GUIDE})
    shutil.copy(REPO / "mkdocs.yml", repo / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", repo / "overrides")
    return repo


def hostile(root: Path, outside: Path) -> None:
    content = root / "content"
    (content / "x.html").write_text("<script>alert(5)</script>")
    (content / "assets" / "javascripts").mkdir(parents=True)
    (content / "assets" / "javascripts" / "handbook.js").write_text("alert(6)")
    os.symlink("/proc/self/environ", content / "env.txt")
    outside.mkdir()
    (outside / "extra.md").write_text(TIP.replace("Geef een goede tip", "Van buiten") + "\n<script>alert(7)</script>\n")
    os.symlink(outside, content / "extra")  # a linked folder: mkdocs walks into it


def test_handbook_build_refuses_files_that_are_not_pages(root, tmp_path, capsys):
    hostile(root, tmp_path / "buiten")
    assert main(["--root", str(root), "build", "--no-print"]) == 1
    out, err = capsys.readouterr()
    for path in ("content/x.html", "content/assets/javascripts/handbook.js", "content/env.txt", "content/extra"):
        assert f"{path}:1:1: error: " in out and "(content-file)" in out
    assert "de vorige site blijft staan" in err
    assert not (root / "site").exists()


def test_the_adapter_refuses_before_mkdocs_walks_content(root, tmp_path):
    hostile(root, tmp_path / "buiten")
    site, collect = tmp_path / "site", _Collect()
    with pytest.raises(Exception):
        mkdocs_build(root / "mkdocs.yml", site, collect)  # mkdocs build without handbook check
    assert any(line.startswith("content/ bevat 4 bestanden die niet gepubliceerd mogen worden") for line in collect.lines)
    assert not (site / "x.html").exists() and not (site / "env.txt").exists()


def test_the_adapter_drops_files_that_appear_after_the_check(root, tmp_path):
    (root / "content" / "afbeeldingen").mkdir()
    (root / "content" / "afbeeldingen" / "foto.png").write_bytes(PNG)
    corpus = load_corpus(root)  # what the build checked; the files below come later
    hostile(root, tmp_path / "buiten")
    (root / "content" / "laat.png").write_bytes(PNG)  # an image the check never saw
    site, collect = tmp_path / "site", _Collect()
    with pytest.raises(Exception):  # strict mode: each dropped file is a warning
        mkdocs_build(root / "mkdocs.yml", site, collect, corpus=corpus)
    said = "\n".join(collect.lines)
    for path in ("content/x.html", "content/assets/javascripts/handbook.js", "content/env.txt", "content/extra/extra.md", "content/laat.png"):
        assert f"{path} wordt niet gepubliceerd" in said
    assert (site / "afbeeldingen" / "foto.png").read_bytes() == PNG
    assert not (site / "x.html").exists() and not (site / "env.txt").exists() and not (site / "laat.png").exists()
    assert not (site / "extra").exists()
    script = site / "assets" / "javascripts" / "handbook.js"
    assert not script.exists() or "alert(6)" not in script.read_text()
