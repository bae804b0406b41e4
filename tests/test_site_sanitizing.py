"""F3 in depth: the build runs every page's content through the HTML allow-list (html_policy).

A page that never went through the check (mkdocs built directly) still cannot add script,
event handlers, styles or javascript: URLs, and what the site's own extensions and the
handbook's cards make stays as it is. One build for the module.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import BASE_PAGES, REPO, write_tree
from test_site_escaping import GUIDE, unsafe_markup

from handbook.site.mkdocs_plugin import mkdocs_build

pytestmark = pytest.mark.slow

FRONT = "---\ntitle: {title}\ndescription: Een pagina voor de test van het opschonen bij het bouwen.\nupdated: 2024-05-01\nstatus: published\n---\n\n"
HOSTILE = (
    '[klik](https://example.org){: onclick="alert(1)" }\n\n'
    'Tekst\n{: onmouseover="alert(2)" style="position:fixed;inset:0" }\n\n'
    "[hier][a]\n\n[a]:\n    javascript:alert(3)\n\n"
    '<a title=">" href="javascript:alert(4)">x</a>\n\n'
    '<img src="a.png" alt="x" onerror="alert(5)">\n\n'
    "<script>alert(6)</script>\n\n"
    '<a href="java&#115;cript:alert(7)">y</a>\n\n'
    '![Foto](https://tracker.example/p.png) <img src="//tracker.example/q.png" alt="x">\n'
)
OWN = (
    "## Kop {: #eigen .klein }\n\nTekst met <kbd>Ctrl</kbd> en <abbr title=\"Centrum voor Jeugd en Gezin\">CJG</abbr>.\n\n"
    "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n"
    '!!! note "Let op"\n    Tekst in een kader.\n\n'
    '<div class="hb-extra" markdown>\n*nadruk* en [link](methoden/methode-a.md)\n</div>\n'
)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("sanitized-site")
    pages = {k: v for k, v in BASE_PAGES.items() if not k.startswith("afbeeldingen/")}
    write_tree(root, {**pages, "bijdragen/index.md": GUIDE})
    for rel, title, body in (("vijandig.md", "Vijandig", HOSTILE), ("eigen.md", "Eigen opmaak", OWN)):
        (root / "content" / rel).write_text(FRONT.format(title=title) + body, encoding="utf-8")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", root / "overrides")
    mkdocs_build(root / "mkdocs.yml", root / "site")
    return root / "site"


def article(site: Path, rel: str) -> str:
    html = (site / rel).read_text(encoding="utf-8")
    return re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S).group(1)


def test_hostile_body_markup_is_removed_but_its_text_stays(site):
    html = article(site, "vijandig.html")
    assert unsafe_markup(html) == []
    assert "style=" not in html and "<script" not in html
    assert "klik" in html and "hier" in html and "Tekst" in html
    assert "tracker.example" not in html  # no third-party request (F8)


def test_what_the_site_makes_itself_is_kept(site):
    html = article(site, "eigen.html")
    assert '<h2 class="klein" id="eigen">' in html and 'class="headerlink" href="#eigen"' in html
    assert '<th style="text-align: left;">' in html and '<td style="text-align: right;">' in html
    assert '<div class="admonition note">' in html and '<p class="admonition-title">' in html
    assert '<div class="hb-extra">' in html and "<em>nadruk</em>" in html
    assert "<kbd>Ctrl</kbd>" in html and '<abbr title="Centrum voor Jeugd en Gezin">' in html


def test_cards_and_filters_of_the_overviews_are_kept(site):
    html = article(site, "themas/thema-a.html") + article(site, "tips/index.html")
    assert 'data-hb-card' in html and 'class="hb-card__title"' in html
    overview = article(site, "methoden/index.html")
    assert "<form" in overview and "<select" in overview and "data-hb-filter" in overview
