"""Every theme booklet, read back page by page (issue 17): no page that holds only a heading, a
source list or a few lines; hyphens only where they help; tagged for screen readers."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest

from handbook.content.loader import load_corpus
from handbook.printing import write_theme_prints

REPO = Path(__file__).resolve().parents[1]
MIN_LINES = 6  # a page with fewer lines of text is a page a trainer would not print

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def booklets(tmp_path_factory):
    out = tmp_path_factory.mktemp("booklets")
    corpus = load_corpus(REPO)
    write_theme_prints(corpus, out, cache_dir=out / "cache")
    found = {path.stem: path for path in sorted((out / "print").glob("*.pdf")) if not path.name.startswith("kaart-")}
    assert len(found) == len(corpus.of_type("theme"))
    return found


def pages(path: Path) -> list[list[str]]:
    reader = pypdf.PdfReader(path)
    return [[line.strip() for line in (page.extract_text() or "").splitlines() if line.strip()] for page in reader.pages]


def test_no_page_holds_only_a_heading_a_source_list_or_a_few_lines(booklets):
    bad = []
    for slug, path in booklets.items():
        for number, lines in enumerate(pages(path), 1):
            if number == 1:
                continue  # the cover
            if len(lines) < MIN_LINES or lines[0].upper() == "BRONNEN":
                bad.append(f"{slug} p.{number}: {lines[:3]}")
    assert bad == []


def test_hyphens_leave_three_letters_and_never_split_a_name(booklets):
    bad = []
    for slug, path in booklets.items():
        for number, lines in enumerate(pages(path), 1):
            for line, following in zip(lines, lines[1:]):
                found = re.search(r"(\w+)-$", line)
                if not found or not following[:1].isalpha():
                    continue
                fragment, rest = found.group(1), re.match(r"\w*", following).group(0)
                if following[:1].isupper() or rest in ("of", "en"):
                    continue  # a compound broken at its own hyphen (Bospolder-Tussendijken, 'foto- of video')
                if len(fragment) < 3 or len(rest) < 3 or fragment[:1].isupper():
                    bad.append(f"{slug} p.{number}: {fragment}-{rest}")
    assert bad == []


def test_booklets_are_tagged_with_language_title_headings_and_lists(booklets):
    path = booklets["casusbespreking"]
    reader = pypdf.PdfReader(path)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl" and root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title and "Casusbespreking" in reader.metadata.title
    tags = set()

    def walk(node, depth=0):
        node = node.get_object()
        if not hasattr(node, "get") or depth > 60:
            return
        if node.get("/S"):
            tags.add(str(node["/S"]))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            if hasattr(kid, "get_object"):
                walk(kid, depth + 1)

    walk(root["/StructTreeRoot"])
    assert {"/Document", "/H1", "/H2", "/P", "/L", "/LI"} <= tags, tags


def test_every_method_has_its_card_built_with_the_booklets(booklets):
    folder = next(iter(booklets.values())).parent
    corpus = load_corpus(REPO)
    for method in corpus.of_type("method"):
        card = folder / f"kaart-{method.slug}.pdf"
        assert card.is_file(), method.slug
        # One sheet, set smaller where needed; the longest card (leergemeenschap) still takes two.
        assert len(pypdf.PdfReader(card).pages) <= 2, method.slug
