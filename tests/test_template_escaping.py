"""F1, F4: the handbook's own templates escape what they print; Material's keep their setting."""

from __future__ import annotations

from pathlib import Path

import jinja2
import material
from conftest import REPO

from handbook.site.mkdocs_plugin import autoescape_for, own_templates
from handbook.site.page_view import Citation, Fact, Link

OVERRIDES = REPO / "overrides"
MATERIAL = Path(material.__file__).parent / "templates"
HOSTILE = '"><img src=x onerror=alert(1)>'


def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(OVERRIDES), str(MATERIAL)]))
    env.autoescape = autoescape_for(own_templates(str(OVERRIDES)), env.autoescape)
    return env


def test_every_handbook_template_is_autoescaped_and_materials_are_not():
    names = own_templates(str(OVERRIDES))
    assert {"main.html", "home.html", "partials/content.html", "partials/hb-sources.html"} <= names
    every = {p.relative_to(OVERRIDES).as_posix() for p in OVERRIDES.rglob("*.html")}
    assert {n for n in every if not n.startswith("partials/languages/")} <= names
    env = environment()
    assert all(env.autoescape(name) for name in names)
    assert not env.autoescape("base.html") and not env.autoescape("partials/nav-item.html")


def test_values_and_attributes_are_escaped_in_the_partials():
    env = environment()
    citation = Citation(text=HOSTILE, href=HOSTILE, web=HOSTILE)
    fact = Fact(label=HOSTILE, value=HOSTILE, links=(Link(HOSTILE, HOSTILE),), items=((HOSTILE, HOSTILE),))
    handbook = {
        "sources": [citation], "sources_heading": HOSTILE, "facts": [fact], "type": "tip", "type_label": HOSTILE,
        "themes": [Link(HOSTILE, HOSTILE)], "related": [Link(HOSTILE, HOSTILE, HOSTILE)],
    }
    for name in ("partials/hb-sources.html", "partials/hb-card.html", "partials/hb-themes.html", "partials/hb-related.html"):
        html = env.get_template(name).render(handbook=handbook)
        assert "<img" not in html and '"><' not in html, name
        assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html, name
