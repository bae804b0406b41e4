"""#15: the links from where the reader is to the contribution forms, read in the built HTML.

Every page links the correction form with the page named; a theme page links the tip form with
the theme chosen; the home page and the footer lead to Bijdragen. The repository comes from
HANDBOOK_REPO_URL, as the publish workflow sets it (test_contributing_setup checks that it does).
One build for the module.
"""

from __future__ import annotations

import os
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import BASE_PAGES, REPO, write_tree
from test_site_escaping import GUIDE

from handbook.site.mkdocs_plugin import mkdocs_build

pytestmark = pytest.mark.slow

REPO_URL = "https://github.com/voorbeeld/handboek-test"
SITE_URL = "https://voorbeeld.example/handboek/"
HOME = "---\ntitle: Start\ndescription: De voorpagina van het handboek voor de test van de links.\n---\n\nWelkom.\n"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (href, text)
        self._open: list[list] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open.append([dict(attrs).get("href") or "", ""])

    def handle_data(self, data):
        for link in self._open:
            link[1] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            href, text = self._open.pop()
            self.links.append((href, " ".join(text.split())))


def links(site: Path, rel: str) -> dict[str, str]:
    """Link text -> address of a built page."""
    parser = _Links()
    parser.feed((site / rel).read_text(encoding="utf-8"))
    return {text: href for href, text in parser.links if text}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("contribution-links")
    pages = {k: v for k, v in BASE_PAGES.items() if not k.startswith("afbeeldingen/")}
    write_tree(root, {**pages, "bijdragen/index.md": GUIDE, "index.md": HOME})
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", root / "overrides")
    saved = {name: os.environ.get(name) for name in ("HANDBOOK_REPO_URL", "HANDBOOK_SITE_URL")}
    os.environ.update(HANDBOOK_REPO_URL=REPO_URL, HANDBOOK_SITE_URL=SITE_URL)
    try:
        mkdocs_build(root / "mkdocs.yml", root / "site")
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return root / "site"


def form(href: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(href)
    return f"{parts.scheme}://{parts.netloc}{parts.path}", {k: v[0] for k, v in parse_qs(parts.query).items()}


def test_a_theme_page_links_the_tip_form_with_its_theme_chosen(site):
    address, answers = form(links(site, "themas/thema-a.html")["Tip of ervaring insturen over dit thema"])
    assert address == f"{REPO_URL}/issues/new"
    # GitHub chooses a dropdown's option by its label: the theme's title, as the tip form lists it.
    assert answers == {"template": "nieuwe-tip.yml", "themes": "Thema A"}


def test_every_page_links_the_correction_form_with_the_page_named_beside_the_edit_link(site):
    for rel, title, address in (
        ("themas/thema-a.html", "Thema A", f"{SITE_URL}themas/thema-a.html"),
        ("methoden/methode-a.html", "Methode A", f"{SITE_URL}methoden/methode-a.html"),
    ):
        found = links(site, rel)
        url, answers = form(found["Verbeter deze pagina"])
        assert url == f"{REPO_URL}/issues/new"
        assert answers == {"template": "correctie.yml", "pagina": f"{title} ({address})"}
        assert found["Bewerk het bestand (met GitHub)"].startswith(f"{REPO_URL}/edit/main/content/")
    assert "Tip of ervaring insturen over dit thema" not in links(site, "methoden/methode-a.html")


def test_no_page_says_repository_to_the_reader(site):
    for rel in ("themas/thema-a.html", "methoden/methode-a.html", "index.html"):
        assert "in de repository" not in (site / rel).read_text(encoding="utf-8")


def test_the_home_page_and_the_footer_lead_to_bijdragen(site):
    home = links(site, "index.html")
    assert home["Bijdragen aan het handboek"] == "bijdragen/index.html"
    footer = links(site, "methoden/methode-a.html")
    assert footer["Bijdragen aan het handboek"] == "../bijdragen/index.html"
