"""`make serve` (mkdocs serve) previews the published site's search: Pagefind, rebuilt with
every change, not Material's lunr (issue 14)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from handbook.site import offline_copy

from .conftest import REPO

pytestmark = pytest.mark.browser

MKDOCS = Path(sys.executable).with_name("mkdocs")
NEW_WORD = "kwartelkoning"  # in no page of the handbook


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read()
    except OSError:
        return None


def _wait(what, timeout: float = 90):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = what()
        if found:
            return found
        time.sleep(0.5)
    pytest.fail("mkdocs serve did not get there in time")


@pytest.fixture
def served(tmp_path):
    root = tmp_path / "handboek"
    for name in ("content", "overrides"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "site").mkdir()
    (root / "site" / offline_copy.ZIP_NAME).write_bytes(b"PK\x05\x06" + bytes(18) + bytes(300_000))  # the last build's zip
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    process = subprocess.Popen([str(MKDOCS), "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=root, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/"
        _wait(lambda: _get(base + "pagefind/pagefind-entry.json"))
        yield root, base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _search(page, text):
    box = page.locator(".md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(text, delay=5)
    page.wait_for_function("q => document.querySelector('[data-hb-search]').getAttribute('data-hb-search-done') === q", arg=text)
    return page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.getAttribute('href'))")


def test_serve_searches_with_pagefind_and_follows_changes(page, served):
    root, base = served
    assert _get(base + "search/search_index.json") is None  # no lunr index
    # The last offline zip that `handbook build` made (make serve builds first) is offered too.
    assert len(_get(base + offline_copy.ZIP_NAME) or b"") == 300_022
    page.goto(base + "offline.html")
    assert "(zip-bestand, 300 kB)" in page.locator(".hb-offline__download").inner_text()
    page.goto(base + "index.html")
    assert any("themas/" in h or "praktijken/" in h for h in _search(page, "moeders"))
    assert _search(page, NEW_WORD) == []

    entry = _get(base + "pagefind/pagefind-entry.json")
    tip = root / "content" / "tips" / "begin-klein-met-huiskamerbijeenkomsten.md"
    tip.write_text(tip.read_text(encoding="utf-8") + f"\nWie een {NEW_WORD} hoort, weet dat de lente komt.\n", encoding="utf-8")
    _wait(lambda: (_get(base + "pagefind/pagefind-entry.json") or entry) != entry)
    # mkdocs serve's live reload may be reloading the open page just now: open it once that is done.
    for _ in range(5):
        try:
            page.goto(base + "index.html")
            break
        except Exception:  # noqa: BLE001 - an aborted navigation, tried again
            page.wait_for_timeout(1000)
    hrefs = _search(page, NEW_WORD)
    assert hrefs and "begin-klein-met-huiskamerbijeenkomsten" in hrefs[0], hrefs
