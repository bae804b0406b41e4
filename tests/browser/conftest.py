"""Browser tests: the site is built once per session from a copy of the handbook (with
one extra draft page), served on a free local port, and driven with Debian's Chromium."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
import zipfile
from pathlib import Path

import pytest

from handbook.site.build import build_site
from handbook.content.loader import load_corpus
from handbook.site import offline_copy

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

# A draft tagged with a theme: it must appear on no page of the site.
DRAFT_SLUG = "concepttip-uit-de-browsertest"
DRAFT = """\
---
title: Concepttip uit de browsertest
description: Deze tip is een concept en mag nergens op de site verschijnen, ook niet bij zijn thema.
themes: [samen-leren]
audience: [professionals]
sources: [rotterdam-leernetwerk]
updated: 2026-11-23
status: draft
---

Nog niet af.
"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("site-build")
    for name in ("content", "overrides"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "content" / "tips" / f"{DRAFT_SLUG}.md").write_text(DRAFT, encoding="utf-8")
    # As `handbook build` publishes it: with the offline copy as a zip (tests/browser/test_offline.py).
    result = build_site(root, prints=False, offline_zip=True)
    if not result.ok:
        problems = "\n".join(str(p) for p in result.problems)
        pytest.fail(f"the site did not build: {result.message}\n{problems}")
    return root


@pytest.fixture(scope="session")
def offline_site_dir(built, tmp_path_factory) -> Path:
    """The copy that works opened from disk (handbook build --offline, lunr, not Pagefind), as a
    reader gets it: the published site's zip, unzipped."""
    target = tmp_path_factory.mktemp("offline-copy")
    with zipfile.ZipFile(built / "site" / offline_copy.ZIP_NAME) as archive:
        archive.extractall(target)
    return target / offline_copy.TOP_FOLDER


@pytest.fixture(scope="session")
def corpus(built):
    return load_corpus(built)


@pytest.fixture(scope="session")
def site_dir(built) -> Path:
    return built / "site"


@pytest.fixture(scope="session")
def base_url(site_dir):
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def url_of(page) -> str:
    """A loader page's address in the built site (the offline plugin makes .html file URLs)."""
    stem = page.rel.removesuffix(".md")
    return "index.html" if stem == "index" else f"{stem}.html"
