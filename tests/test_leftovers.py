"""What a killed build or index leaves is cleaned up by the next run; site/ has the usual
permissions and is swapped without a moment in which it is missing; PDF workers end with
the build that started them (F11 of #12)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from search_pages import write_handbook

from handbook.cli import main
from handbook.site import site_folder


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_swap_exchanges_the_folders_in_one_step(tmp_path, monkeypatch):
    site, new = tmp_path / "site", tmp_path / ".site-new-1-ab"
    site.mkdir()
    (site / "oud.html").write_text("oud")
    new.mkdir()
    (new / "nieuw.html").write_text("nieuw")

    def no_rename(*_args):
        raise AssertionError("a rename leaves a moment without site/")

    monkeypatch.setattr(Path, "rename", no_rename)
    site_folder.swap(new, site)
    assert sorted(os.listdir(site)) == ["nieuw.html"] and not new.exists()


def test_the_swap_falls_back_to_two_renames(tmp_path, monkeypatch):
    site, new = tmp_path / "site", tmp_path / ".site-new-1-ab"
    site.mkdir()
    new.mkdir()
    (new / "nieuw.html").write_text("nieuw")
    monkeypatch.setattr(site_folder, "_exchange", lambda a, b: False)
    site_folder.swap(new, site)
    assert os.listdir(site) == ["nieuw.html"] and sorted(os.listdir(tmp_path)) == ["site"]


def test_a_new_site_folder_has_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        folder = site_folder.new_folder(tmp_path)
    finally:
        os.umask(old)
    assert folder.stat().st_mode & 0o777 == 0o755
    assert folder.name.startswith(f".site-new-{os.getpid()}-")


def test_only_the_folders_of_builds_that_are_gone_are_removed(tmp_path):
    gone, running = dead_pid(), os.getppid()
    for name in (f".site-new-{gone}-0a1b2c3d", f".site-old-{gone}-0a1b2c3d", f".site-new-{running}-0a1b2c3d",
                 ".site-new-oud12345", ".site-new-vers1234"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text("x")
    hour_ago = time.time() - 2 * site_folder.LEGACY_STALE_SECONDS
    os.utime(tmp_path / ".site-new-oud12345", (hour_ago, hour_ago))
    removed = site_folder.clean_stale(tmp_path)
    assert sorted(removed) == sorted([f".site-new-{gone}-0a1b2c3d", f".site-old-{gone}-0a1b2c3d", ".site-new-oud12345"])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([f".site-new-{running}-0a1b2c3d", ".site-new-vers1234"])


@pytest.mark.slow
def test_a_build_removes_what_killed_builds_left_and_makes_a_readable_site(tmp_path):
    from test_build_files import GUIDE  # a small handbook that builds

    from conftest import BASE_PAGES, REPO, write_tree
    import shutil

    root = tmp_path / "repo"
    write_tree(root, {**{k: v for k, v in BASE_PAGES.items() if not k.startswith("afbeeldingen/")}, "bijdragen/index.md": GUIDE})
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", root / "overrides")
    left = root / f".site-new-{dead_pid()}-0a1b2c3d"
    left.mkdir()
    old = os.umask(0o022)
    try:
        assert main(["--root", str(root), "build", "--no-print"]) == 0
    finally:
        os.umask(old)
    assert not left.exists()
    assert [p.name for p in root.iterdir() if p.name.startswith(".site-")] == []
    assert (root / "site").stat().st_mode & 0o777 == 0o755


def test_the_index_removes_scratch_folders_of_a_killed_writer(tmp_path, capsys):
    root = write_handbook(tmp_path)
    assert main(["--root", str(root), "index"]) == 0
    directory = root / ".handbook" / "index"
    [generation] = [p for p in directory.iterdir() if p.name.startswith("gen-")]
    scratch = generation / "k1ll3d.tmp"  # as whoosh names its column scratch space
    scratch.mkdir()
    (scratch / "_stored.c").write_bytes(b"x" * 100)
    (root / "content" / "tips" / "ouders-verbinden.md").write_text(
        (root / "content" / "tips" / "ouders-verbinden.md").read_text() + "\nEen zin erbij.\n"
    )
    assert main(["--root", str(root), "index"]) == 0
    assert not scratch.exists()


WORKERS = """
import os, sys, time
from handbook.printing.site import worker_pool
pool = worker_pool(2)
futures = [pool.submit(time.sleep, 120) for _ in range(2)]
time.sleep(1.0)
print(" ".join(str(pid) for pid in pool._processes), flush=True)
time.sleep(120)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


@pytest.fixture
def subreaper():
    """Orphans of this test's children come to this process, not to pid 1: on some machines
    (containers) pid 1 ends orphans itself, which would hide the workers that outlive a build."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(36, 1, 0, 0, 0) != 0:  # PR_SET_CHILD_SUBREAPER
        pytest.skip("no child subreaper")
    yield
    libc.prctl(36, 0, 0, 0, 0)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_pdf_workers_end_when_the_build_is_killed(subreaper):
    build = subprocess.Popen([sys.executable, "-c", WORKERS], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    workers = []
    try:
        workers = [int(pid) for pid in build.stdout.readline().split()]
        assert len(workers) == 2 and all(_alive(pid) for pid in workers)
        build.send_signal(signal.SIGKILL)
        build.wait()
        deadline = time.monotonic() + 5
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in workers)
    finally:
        build.kill()
        for pid in workers:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)  # ours now (the subreaper): no zombie left
            except (ProcessLookupError, ChildProcessError):
                pass
