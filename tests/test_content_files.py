"""Only pages and images are published from content/ (F2, F5 of the security review, #12); a
name that is not UTF-8 and a folder or file that cannot be read are problems, never a
traceback (F9)."""

from __future__ import annotations

import errno
import os
import re

import pytest
from conftest import BASE_PAGES, TIP, write_tree

from handbook.check.runner import check_corpus
from handbook.cli import main
from handbook.content.loader import load_corpus

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(17)
GIF = b"GIF89a\x01\x00\x01\x00" + bytes(10)
JPEG = b"\xff\xd8\xff\xe0" + bytes(16)
WEBP = b"RIFF\x10\x00\x00\x00WEBPVP8 " + bytes(8)


@pytest.fixture
def root(tmp_path):
    repo = tmp_path / "repo"
    write_tree(repo, BASE_PAGES)
    return repo


def found(root, rule=None):
    return sorted((p.path, p.rule) for p in check_corpus(load_corpus(root)) if rule is None or p.rule == rule)


def add(root, rel, data: bytes | str = b""):
    path = root / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def link(root, rel, target):
    path = root / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, path)
    return path


# --- files that are not pages (F2) --------------------------------------------------------


def test_files_that_are_not_pages_or_images_are_errors(root):
    for rel in ("x.html", "tips/x.htm", "plaatje.svg", "assets/javascripts/handbook.js", "stijl.css", "notities.txt",
                "LEESMIJ", "tips/pagina.markdown"):
        add(root, rel, "<script>alert(5)</script>")
    assert found(root) == sorted((f"content/{rel}", "content-file") for rel in (
        "x.html", "tips/x.htm", "plaatje.svg", "assets/javascripts/handbook.js", "stijl.css", "notities.txt",
        "LEESMIJ", "tips/pagina.markdown"))


def test_a_page_name_in_capitals_is_named(root):
    add(root, "tips/HOOFDLETTERS.MD", TIP)
    [problem] = check_corpus(load_corpus(root))
    assert (problem.path, problem.rule) == ("content/tips/HOOFDLETTERS.MD", "content-file")
    assert problem.message.startswith("een pagina eindigt op .md in kleine letters")


def test_images_are_allowed_when_their_bytes_say_so(root):
    for rel, data in (("afbeeldingen/a.png", PNG), ("afbeeldingen/b.gif", GIF), ("afbeeldingen/c.jpg", JPEG),
                      ("afbeeldingen/d.jpeg", JPEG), ("afbeeldingen/e.webp", WEBP)):
        add(root, rel, data)
    add(root, "afbeeldingen/nep.png", "<svg onload=alert(1)>")  # the name is not what decides
    add(root, "afbeeldingen/gif.png", GIF)
    add(root, "assets/images/favicon.png", PNG)  # would replace the theme's own
    corpus = load_corpus(root)
    assert corpus.images == ["afbeeldingen/a.png", "afbeeldingen/b.gif", "afbeeldingen/c.jpg", "afbeeldingen/d.jpeg",
                             "afbeeldingen/e.webp", "assets/images/favicon.png"]
    assert found(root) == [("content/afbeeldingen/gif.png", "content-file"), ("content/afbeeldingen/nep.png", "content-file"),
                           ("content/assets/images/favicon.png", "content-file")]


def test_an_image_link_to_an_allowed_image_is_fine(root):
    add(root, "afbeeldingen/foto.png", PNG)
    add(root, "tips/met-foto.md", TIP.replace("Geef een goede tip", "Tip met foto") + "\n![Ouders aan tafel](../afbeeldingen/foto.png)\n")
    assert found(root) == []


def test_a_pipe_named_like_a_page_is_an_error_and_does_not_hang(root):
    os.mkfifo(root / "content" / "tips" / "pijp.md")
    os.mkfifo(root / "content" / "pijp")
    assert found(root) == [("content/pijp", "content-file"), ("content/tips/pijp.md", "content-file")]


def test_the_problem_is_one_line_in_the_usual_form(root, capsys):
    add(root, "x.html", "<script>alert(5)</script>")
    assert main(["--root", str(root), "check"]) == 1
    line = capsys.readouterr().out.splitlines()[0]
    assert re.fullmatch(r"content/x\.html:1:1: error: alleen pagina's \(\.md\) en afbeeldingen .* \(content-file\)", line), line


# --- symbolic links (F5) ----------------------------------------------------------------


def test_symlinks_are_errors_and_never_read(root, tmp_path):
    outside = tmp_path / "buiten"
    outside.mkdir()
    (outside / "geheim.md").write_text(TIP.replace("Geef een goede tip", "Geheime tip") + "\nBSN 111222333 <script>x</script>\n")
    link(root, "lek.txt", "/etc/passwd")
    link(root, "env.txt", "/proc/self/environ")
    link(root, "tips/gelinkt.md", str(outside / "geheim.md"))
    link(root, "extra", str(outside))  # a folder: mkdocs would render the pages in it
    link(root, "weg", "bestaat-niet")  # dangling
    link(root, "tips/binnen.md", "../methoden/methode-a.md")  # inside the repository: still a link
    link(root, "thema-kopie", "themas")
    corpus = load_corpus(root)
    assert {page.rel for page in corpus.pages} == {rel for rel in BASE_PAGES if rel.endswith(".md")}
    assert not any("geheim" in page.body or "Geheime" in page.title for page in corpus.pages)
    assert found(root) == sorted((f"content/{rel}", "content-file") for rel in (
        "lek.txt", "env.txt", "tips/gelinkt.md", "extra", "weg", "tips/binnen.md", "thema-kopie"))


def test_check_of_a_symlink_path_reports_the_link_itself(root, capsys, monkeypatch):
    link(root, "env.txt", "/proc/self/environ")
    monkeypatch.chdir(root)
    assert main(["check", "content/env.txt"]) == 1
    assert "content/env.txt:1:1: error: dit is een symbolische koppeling" in capsys.readouterr().out
    assert main(["check", "content"]) == 1
    assert "(content-file)" in capsys.readouterr().out


def test_the_loader_does_not_read_a_page_through_a_link(root, tmp_path):
    from handbook.content.loader import load_page

    (tmp_path / "buiten.md").write_text(TIP)
    page, problems = load_page(root, link(root, "tips/lek.md", str(tmp_path / "buiten.md")))
    assert page is None and [p.rule for p in problems] == ["unreadable"]
    assert "symbolische koppeling" in problems[0].message


# --- names that are not UTF-8, folders and files that cannot be read (F9) ----------------


def bad_name(root):
    name = os.fsdecode(b"bad\xff.md")
    (root / "content" / "tips" / name).write_text(TIP)
    return "content/tips/bad\\xff.md"


def test_a_name_that_is_not_utf8_is_an_error_shown_with_escapes(root):
    shown = bad_name(root)
    (root / "content" / "tips" / "stuur\x1b[31m.md").write_text(TIP)
    assert found(root) == [(shown, "file-name"), ("content/tips/stuur\\x1b[31m.md", "file-name")]


def refuse(monkeypatch, call: str, path: str):
    """Make ``os.<call>`` fail on one path as it does for a user without read rights (tests run as root)."""
    real = getattr(os, call)

    def guarded(target, *args, **kwargs):
        if os.fspath(target) == path:
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real(target, *args, **kwargs)

    monkeypatch.setattr(os, call, guarded)


def test_an_unreadable_folder_is_one_error_without_echoes(root, monkeypatch):
    add(root, "tips/goed.md", TIP)  # links to methoden/methode-a.md, which is in the folder that cannot be read
    refuse(monkeypatch, "scandir", str(root / "content" / "methoden"))
    assert found(root) == [("content/methoden", "unreadable")]
    [problem] = check_corpus(load_corpus(root))
    assert "de map kan niet gelezen worden (geen toestemming)" in problem.message


def test_an_unreadable_page_is_an_error_in_dutch(root, monkeypatch):
    refuse(monkeypatch, "open", str(root / "content" / "methoden" / "methode-a.md"))
    [problem] = check_corpus(load_corpus(root))
    assert (problem.path, problem.rule) == ("content/methoden/methode-a.md", "unreadable")
    assert "geen toestemming" in problem.message


def test_reasons_are_dutch():
    from handbook.content import walk

    assert walk.reason(PermissionError(errno.EACCES, "Permission denied")) == "geen toestemming"
    assert walk.reason(OSError(errno.ELOOP, "x")).startswith("het is een symbolische koppeling")


# --- the same in every command that reads pages (F9) ------------------------------------------


def test_a_name_that_is_not_utf8_gives_an_error_in_every_command(capsys):
    import pathlib

    from search_pages import write_handbook

    root = write_handbook(pathlib.Path(__import__("tempfile").mkdtemp(prefix="hb-naam-")))
    (root / "content" / "tips" / os.fsdecode(b"bad\xff.md")).write_text(TIP)
    shown = "content/tips/bad\\xff.md:1:1: error: de naam is geen geldige UTF-8"
    # search first: it brings the index up to date and says what it found; an index already fresh is not read again
    for args in (["search", "moeders"], ["index"], ["print", "--type", "tips", "-o", str(root / "tips.html")]):
        code = main(["--root", str(root), *args])
        out, err = capsys.readouterr()
        assert shown in out + err, (args, out, err)
        assert code == (0 if args[0] == "search" else 1), args
    assert main(["--root", str(root), "check"]) == 1
    assert shown in capsys.readouterr().out


def test_print_says_which_folder_it_could_not_read(root, capsys, monkeypatch):
    refuse(monkeypatch, "scandir", str(root / "content" / "tips"))
    code = main(["--root", str(root), "print", "--type", "methoden", "-o", str(root / "m.html")])
    out, err = capsys.readouterr()
    assert code == 1
    assert "content/tips:1:1: error: de map kan niet gelezen worden (geen toestemming)" in err
    assert (root / "m.html").is_file()


def test_a_linked_page_is_not_indexed_or_searchable(tmp_path, capsys):
    import pathlib

    from search_pages import tip, write_handbook

    root = write_handbook(tmp_path / "repo")
    (tmp_path / "buiten.md").write_text(tip("Geheime zolderkamer", "Een zolderkamer vol geheimen."))
    os.symlink(tmp_path / "buiten.md", root / "content" / "tips" / "gelinkt.md")
    assert main(["--root", str(root), "index"]) == 0
    assert main(["--root", str(root), "search", "zolderkamer", "--format", "json"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("[]")
    assert pathlib.Path(root / "content" / "tips" / "gelinkt.md").is_symlink()


@pytest.mark.skipif(os.geteuid() != 0 or not __import__("shutil").which("setpriv"), reason="needs root and setpriv")
def test_chmod_000_as_a_user_who_is_not_root(tmp_path):
    """The real thing, not a stand-in: content/tips with mode 000, every command run as 'nobody'
    (root reads any folder, so the tests above make os calls fail instead)."""
    import shutil
    import subprocess
    import sys
    import tempfile

    from search_pages import write_handbook

    root = write_handbook(__import__("pathlib").Path(tempfile.mkdtemp(prefix="hb-000-")))
    try:
        for folder, _dirs, files in os.walk(root):
            os.chmod(folder, 0o777)
            for name in files:
                os.chmod(os.path.join(folder, name), 0o666)
        os.chmod(root / "content" / "tips", 0o000)
        nobody = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", sys.executable, "-m", "handbook", "--root", str(root)]
        # search first: it brings the index up to date and says what it could not read
        for args in (["search", "opvoeden"], ["check"], ["index"], ["print", "--type", "themas", "-o", str(root / "t.html")]):
            done = subprocess.run(nobody + args, capture_output=True, text=True, cwd=root, timeout=120)
            said = done.stdout + done.stderr
            assert "Traceback" not in said, (args, said)
            assert "content/tips:1:1: error: de map kan niet gelezen worden (geen toestemming)" in said, (args, said)
            assert done.returncode == (0 if args[0] == "search" else 1), (args, said)
    finally:
        os.chmod(root / "content" / "tips", 0o755)
        shutil.rmtree(root, ignore_errors=True)
