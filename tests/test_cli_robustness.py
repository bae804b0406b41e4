"""No traceback, no silent loss (issue 12, F9-F14): the command line when the disk is
full, a folder is read-only, a reader goes away or a query is absurd."""

import errno
import itertools
import json
import os
import re
import subprocess
import sys

import pytest
from search_pages import write_handbook

from handbook.cli import main


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    root = write_handbook(tmp_path_factory.mktemp("handbook"))
    assert main(["--root", str(root), "index"]) == 0
    return root


def run(root, capsys, *args):
    code = main(["--root", str(root), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_reader_that_goes_away_gets_no_traceback(root):
    # `handbook search ... | head -1`: head exits, the next write fails with EPIPE (F9).
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "handbook", "--root", str(root), "search", "moeders"],
            stdout=write, stderr=subprocess.PIPE, text=True, check=False,
        )
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (1, "")


def test_a_thousand_word_query_is_refused_in_dutch(root, capsys):
    words = ["".join(w) for w in itertools.islice(itertools.product("bcdfgklm", repeat=4), 1000)]
    code, _, err = run(root, capsys, "search", *words)
    assert code == 2
    assert "te lang (1000 woorden, hoogstens 100)" in err


def test_a_hundred_word_query_is_searched(root, capsys):
    words = ["".join(w) for w in itertools.islice(itertools.product("bcdfgklm", repeat=4), 98)]
    code, out, _ = run(root, capsys, "search", "moeders", "OR", *words, "--format", "json")
    assert code == 0
    assert out.startswith("[")


def test_an_os_error_is_one_dutch_line_with_the_path(root, capsys, monkeypatch):
    from handbook.search import indexing

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(root / ".handbook" / "x"))

    monkeypatch.setattr(indexing, "refresh", full)
    code, _, err = run(root, capsys, "index")
    assert code == 1
    assert err == f"handbook index: fout: '{root / '.handbook' / 'x'}': de schijf is vol; maak ruimte vrij en probeer het opnieuw\n"


def no_space(path):
    return OSError(errno.ENOSPC, "No space left on device", str(path))


@pytest.fixture
def fresh(tmp_path, capsys):
    root = write_handbook(tmp_path)
    assert main(["--root", str(root), "index"]) == 0
    capsys.readouterr()
    return root


def test_a_full_disk_keeps_the_old_index(fresh, capsys, monkeypatch):
    from handbook.search import engine as search_engine

    def write(ix, *args, **kwargs):
        raise no_space(fresh / ".handbook/index/gen-2/_MAIN_1.seg")

    monkeypatch.setattr(search_engine, "write", write)
    code, _, err = run(fresh, capsys, "index", "--rebuild")
    assert code == 1
    assert err.startswith("handbook index: fout: de zoekindex kon niet worden bijgewerkt")
    assert "gen-2/_MAIN_1.seg': de schijf is vol" in err
    index = fresh / ".handbook/index"
    assert sorted(p.name for p in index.glob("gen-*")) == ["gen-1"]  # the half-written one is gone
    monkeypatch.undo()
    code, out, err = run(fresh, capsys, "search", "moeders")
    assert (code, err) == (0, "")
    assert "2 resultaten" in out


def test_a_full_disk_while_recording_the_state(fresh, capsys, monkeypatch):
    from handbook.search import indexing

    def fsync(fd):
        raise no_space(fresh / ".handbook/index/state.json")

    (fresh / "content/tips/nieuw.md").write_text((fresh / "content/tips/ouders-verbinden.md").read_text())
    monkeypatch.setattr(indexing.os, "fsync", fsync)
    code, _, err = run(fresh, capsys, "index")
    assert code == 1
    assert "de schijf is vol" in err
    assert not list((fresh / ".handbook/index").glob(".*.tmp"))


@pytest.fixture
def read_only_index(fresh, monkeypatch):
    """.handbook/ mode 555, as a test run as root can see it: the lock cannot be opened."""
    from handbook.search import indexing

    def refuse(file, mode="r", *args, **kwargs):
        if any(m in mode for m in "wax+"):
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return open(file, mode, *args, **kwargs)

    monkeypatch.setattr(indexing, "open", refuse, raising=False)
    return fresh


def test_search_needs_no_write_lock(read_only_index, capsys):
    root = read_only_index
    (root / "content/tips/ouders-verbinden.md").write_text((root / "content/tips/ouders-verbinden.md").read_text() + "\nMeer.\n")
    code, out, err = run(root, capsys, "search", "moeders")
    assert code == 0
    assert "2 resultaten" in out
    assert err.startswith("handbook search: de zoekindex kan niet worden bijgewerkt (")
    assert "lock': geen toestemming" in err


def test_index_on_a_read_only_folder(read_only_index, capsys):
    code, _, err = run(read_only_index, capsys, "index", "--rebuild")
    assert code == 1
    assert err.startswith("handbook index: fout: de zoekindex kon niet worden bijgewerkt (")
    assert "geen toestemming" in err


def test_an_unreadable_folder_is_an_error_not_a_deletion(fresh, capsys, monkeypatch):
    # `chmod 000 content/tips` as a user who is not root (F10): before, "8 verwijderd", exit 0.
    tips, real = str(fresh / "content" / "tips"), os.scandir

    def scandir(path="."):
        if os.fspath(path) == tips:
            raise PermissionError(errno.EACCES, "Permission denied", tips)
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, err = run(fresh, capsys, "index")
    assert code == 1
    assert err.startswith(
        "content/tips:1:1: error: de map kan niet gelezen worden (geen toestemming); "
        "de pagina's erin blijven in de zoekindex zoals ze waren (unreadable)\n"
    )
    assert "niets veranderd" in out
    monkeypatch.undo()
    code, out, _ = run(fresh, capsys, "search", "moeders")
    assert (code, out.splitlines()[0]) == (0, "2 resultaten voor 'moeders'.")


def test_an_unreadable_page_stays_in_the_index(fresh, capsys, monkeypatch):
    page, real = fresh / "content/tips/ouders-verbinden.md", os.open
    page.write_text(page.read_text() + "\nEen zin erbij.\n")

    def guarded(file, *args, **kwargs):  # the loader opens pages with os.open (O_NOFOLLOW)
        if os.fspath(file) == str(page):
            raise PermissionError(errno.EACCES, "Permission denied", str(page))
        return real(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)
    code, out, err = run(fresh, capsys, "index")
    assert code == 1
    assert "content/tips/ouders-verbinden.md:1:1: error: het bestand kan niet gelezen worden (geen toestemming)" in err
    assert "verwijderd" not in out
    monkeypatch.undo()
    code, out, _ = run(fresh, capsys, "search", "oudernetwerk", "--format", "json")
    assert "content/tips/ouders-verbinden.md" in out


def test_new_on_a_full_disk_leaves_no_page(fresh, capsys, monkeypatch):
    # F12: a full disk left a 0-byte page; the next try said "bestaat al" and check failed.
    import io

    real, tips = io.open, fresh / "content/themas"
    before = sorted(os.listdir(tips))

    class Full:
        def __init__(self, file):
            self.file = file

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.file.close()

        def __getattr__(self, name):
            return getattr(self.file, name)

    def full(file, mode="r", *args, **kwargs):
        opened = real(file, mode, *args, **kwargs)
        writing = any(m in mode for m in "wax+")
        return Full(opened) if writing and (isinstance(file, int) or str(tips) in os.fspath(file)) else opened

    monkeypatch.setattr(io, "open", full)
    code, out, err = run(fresh, capsys, "new", "thema", "Een thema op een volle schijf")
    assert (code, out) == (1, "")
    assert err.startswith("handbook new: fout: content/themas/een-thema-op-een-volle-schijf.md kon niet worden geschreven (")
    assert "de schijf is vol" in err
    assert sorted(os.listdir(tips)) == before
    monkeypatch.undo()
    assert run(fresh, capsys, "new", "thema", "Een thema op een volle schijf")[0] == 0


def test_control_characters_from_a_title_are_shown_not_obeyed(tmp_path, capsys):
    # F14: a title "\e]0;x\a\e[31mROOD" set the terminal's title and colour in search and check.
    from search_pages import tip

    page = tip("Zebrapad", "Over het zebrapad.").replace("title: Zebrapad", 'title: "\\e]0;x\\a\\e[31mROOD\\r\\nZebrapad\\u202e\\x9b"')
    root = write_handbook(tmp_path, {"zebrapad": page})
    code, out, err = run(root, capsys, "search", "zebrapad")
    assert code == 0
    assert "1. \\x1b]0;x\\x07\\x1b[31mROOD\\x0d\\x0aZebrapad\\u202e\\x9b (Tip)" in out
    code, out, _ = run(root, capsys, "search", "zebrapad", "--format", "json")
    assert json.loads(out)[0]["title"] == "\x1b]0;x\x07\x1b[31mROOD\r\nZebrapad\u202e\x9b"
    for code, out, err in (run(root, capsys, "search", "zebrapad"), run(root, capsys, "search", "zebrapad", "--format", "json"),
                           run(root, capsys, "check"), run(root, capsys, "check", "--format", "github")):
        assert not CONTROL.search(out + err), (out + err)[:300]


def test_a_problem_is_one_line_whatever_its_message_holds():
    from handbook.check.formats import github, text
    from handbook.content.problems import error

    found = [error("content/tips/x.md", 2, 8, "titel 'a\x1b[31m\r\nb\u2028c'", "voorbeeld")]
    assert text(found).splitlines() == [
        "content/tips/x.md:2:8: error: titel 'a\\x1b[31m\\x0d\\x0ab\\u2028c' (voorbeeld)",
        "1 fout, 0 waarschuwingen",
    ]
    assert not CONTROL.search(github(found))


CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
