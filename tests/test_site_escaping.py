"""F1, F4: front-matter values reach the built site escaped, whatever check says of them.

The site is built with mkdocs directly, the way a build without the check would make it:
escaping must hold by construction, not because the check happened to reject a page.
One build for the module; every assertion reads its HTML.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import BASE_PAGES, REPO, write_tree
from hostile_pages import ALERTS, FRONT_MATTER_PAGES

from handbook.site.mkdocs_plugin import mkdocs_build

pytestmark = pytest.mark.slow

GUIDE = "---\ntitle: Meedoen\ndescription: Hoe je bijdraagt aan het handboek, stap voor stap uitgelegd.\n---\n\nWelkom.\n"


class _Elements(HTMLParser):
    """Every element and attribute of a page, as an HTML tokenizer sees them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        for name, value in attrs:
            self.found.append((tag, name, value or ""))
        if not attrs:
            self.found.append((tag, "", ""))

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def unsafe_markup(html: str) -> list[str]:
    """Event-handler attributes, javascript: URLs and alert() scripts in a page."""
    parser = _Elements()
    parser.feed(html)
    bad = [f"<{t} {n}={v!r}>" for t, n, v in parser.found if n.startswith("on")]
    bad += [f"<{t} {n}={v!r}>" for t, n, v in parser.found if n in ("href", "src") and "javascript:" in v.lower()]
    bad += [f"<{t}>" for t, n, v in parser.found if t == "svg" and "alert" in v]
    bad += [f"<script>{s[:60]}" for s in parser.scripts if "alert(" in s]
    return bad


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile-site")
    pages = {k: v for k, v in BASE_PAGES.items() if not k.startswith("afbeeldingen/")}
    write_tree(root, {**pages, "bijdragen/index.md": GUIDE})
    for rel, text in FRONT_MATTER_PAGES.items():  # written as they are: not dedented
        (root / "content" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / rel).write_text(text, encoding="utf-8")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", root / "overrides")
    mkdocs_build(root / "mkdocs.yml", root / "site")
    return root / "site"


def pages_of(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def test_every_payload_reached_the_site_as_text(site):
    # Otherwise the test below would pass on a site that simply left the values out.
    text = "\n".join(pages_of(site).values())
    # Except the source's url (7): an address that is not a plain http(s) one is not linked at all.
    missing = [n for n in ALERTS if f"alert({n})" not in text and n != 7]
    assert missing == []


def test_no_front_matter_value_becomes_markup(site):
    found = {rel: bad for rel, html in pages_of(site).items() if (bad := unsafe_markup(html))}
    assert found == {}


def test_titles_are_escaped_in_navigation_header_and_title(site):
    other = (site / "bronnen" / "bron-a.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in other  # the tip's title in the navigation
    over = (site / "over.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", over, re.S).group(1)
    assert "&lt;/title&gt;&lt;script&gt;alert(18)" in title
    assert "<script>alert(18)" not in over


def test_a_source_url_stays_inside_its_attribute(site):
    html = (site / "bronnen" / "vijandige-bron.html").read_text(encoding="utf-8")
    assert 'onmouseover="alert(7)"' not in html


def test_search_index_titles_carry_no_markup(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    leaked = [d["title"] for d in index["docs"] if re.search(r"<(img|svg|script|/title)", d["title"])]
    assert leaked == []
