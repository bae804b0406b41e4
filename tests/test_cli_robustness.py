"""No traceback, no silent loss (issue 12, F9-F14): the command line when the disk is
full, a folder is read-only, a reader goes away or a query is absurd."""

import errno
import itertools
import os
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
