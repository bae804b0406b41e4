"""Shared test helpers.

``check_page(source, rel, problem1=(line, col, rule), ...)`` is the yamllint-style
one-liner: it puts one page into a small valid corpus and asserts exactly the
problems found in that page (errors and warnings alike).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from handbook.check.runner import check_corpus
from handbook.content.loader import Corpus, load_corpus, load_page

REPO = Path(__file__).resolve().parents[1]

BASE_PAGES = {
    "themas/thema-a.md": """\
        ---
        title: Thema A
        description: Een thema voor de tests, met een beschrijving die lang genoeg is.
        updated: 2024-05-01
        status: published
        ---

        Over thema A.
        """,
    "themas/thema-b.md": """\
        ---
        title: Thema B
        description: Nog een thema voor de tests, met een beschrijving die lang genoeg is.
        updated: 2024-05-01
        status: published
        ---

        Over thema B.
        """,
    "bronnen/bron-a.md": """\
        ---
        title: Bron A
        description: Een bron voor de tests, met een beschrijving die lang genoeg is.
        authors: [Onderzoeksbureau Test]
        year: 2016
        publisher: Uitgeverij Test
        isbn: 978-90-5830-743-9
        updated: 2024-05-01
        status: published
        ---

        Over bron A.
        """,
    "wijken/wijk-a.md": """\
        ---
        title: Wijk A
        description: Een wijk voor de tests, met een beschrijving die lang genoeg is.
        city: Teststad
        updated: 2024-05-01
        status: published
        ---

        Over wijk A.
        """,
    "methoden/methode-a.md": """\
        ---
        title: Methode A
        description: Een methode voor de tests, met een beschrijving die lang genoeg is.
        themes: [thema-a]
        audience: [professionals]
        sources: [bron-a]
        duration: {min: 30, max: 60}
        group_size: {min: 3, max: 8}
        roles:
          - name: Gespreksleider
            task: Bewaakt de tijd en de stappen.
        materials: []
        updated: 2024-05-01
        status: published
        ---

        ## Doel

        Samen leren.

        ## Stappen

        1. Begin.
        2. Eindig.
        """,
    "tips/concept-tip.md": """\
        ---
        title: Schrijf een tip die nog concept is
        description: Deze tip is nog niet af en wordt dus niet gepubliceerd.
        themes: [thema-a]
        audience: [ouders]
        sources: [bron-a]
        updated: 2024-05-01
        status: draft
        ---

        Nog niet af.
        """,
    "afbeeldingen/.keep": "",
}

TIP = """\
---
title: Geef een goede tip
description: Een tip voor de tests, met een beschrijving die lang genoeg is.
themes: [thema-a, thema-b]
audience: [professionals, ouders]
sources: [bron-a]
related: [methode-a]
updated: 2024-05-01
status: published
---

Een tip met een [link](../methoden/methode-a.md) erin.
"""


def write_tree(root: Path, pages: dict[str, str]) -> None:
    for rel, text in pages.items():
        path = root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture(scope="session")
def base_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("handbook")
    write_tree(root, BASE_PAGES)
    return root


@pytest.fixture(scope="session")
def base_corpus(base_root) -> Corpus:
    return load_corpus(base_root)


@pytest.fixture
def check_page(base_root, base_corpus):
    """Check one page (text or bytes) at ``rel`` within the base corpus; assert its problems."""

    def run(source, rel: str = "tips/test-pagina.md", **expected):
        path = base_root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(source if isinstance(source, bytes) else source.encode("utf-8"))
        try:
            page, problems = load_page(base_root, path)
            pages = [p for p in base_corpus.pages if p.path != f"content/{rel}"] + ([page] if page else [])
            corpus = Corpus(root=base_corpus.root, pages=pages, problems=problems, files=[])
            found = check_corpus(corpus, only={f"content/{rel}"})
        finally:
            path.unlink()
        got = sorted((p.line, p.column, p.rule) for p in found)
        want = sorted(expected.values())
        assert got == want, "\n".join(str(p) for p in found) or "no problems"
        return found

    return run
