"""The data a page shows around its text (handbook.page_view), without a site build."""

from __future__ import annotations

import pytest
from conftest import BASE_PAGES, TIP, write_tree

from handbook.loader import load_corpus
from handbook.page_view import home_view, page_view


def url_of(page) -> str:
    return page.rel.removesuffix(".md") + ".html"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("page_view")
    write_tree(root, {**BASE_PAGES, "tips/een-goede-tip.md": TIP})
    return load_corpus(root)


def view(corpus, slug, **kw):
    page = corpus.get(slug)
    return page_view(corpus, page, url_of, url_of(page), **kw)


def test_method_card_has_duration_group_size_roles_and_materials(corpus):
    facts = {f.label: f for f in view(corpus, "methode-a").facts}
    assert facts["Duur"].value == "30–60 minuten"
    assert facts["Groepsgrootte"].value == "3–8 deelnemers"
    assert facts["Rollen"].items == (("Gespreksleider", "Bewaakt de tijd en de stappen."),)
    assert facts["Materialen"].value == "niets nodig"
    assert facts["Voor wie"].value == "professionals"


def test_theme_chips_link_relative_to_the_page(corpus):
    themes = view(corpus, "een-goede-tip").themes
    assert [(t.title, t.href) for t in themes] == [("Thema A", "../themas/thema-a.html"), ("Thema B", "../themas/thema-b.html")]


def test_sources_are_full_citations(corpus):
    (source,) = view(corpus, "methode-a").sources
    assert source.text == "Onderzoeksbureau Test (2016). Bron A. Uitgeverij Test. ISBN 978-90-5830-743-9."
    assert source.href == "../bronnen/bron-a.html"


def test_related_pages_come_from_the_page_and_skip_drafts(corpus):
    related = view(corpus, "een-goede-tip").related
    assert related[0].title == "Methode A" and related[0].label == "Methode"
    assert all("concept" not in r.title for r in related)


def test_updated_and_edit_link(corpus):
    v = view(corpus, "methode-a", edit_base="https://example.org/edit/main/content/")
    assert (v.updated, v.updated_iso) == ("1 mei 2024", "2024-05-01")
    assert v.edit_url == "https://example.org/edit/main/content/methoden/methode-a.md"


def test_only_theme_pages_link_their_printed_booklet(corpus):
    theme = view(corpus, "thema-a")
    assert (theme.print_html, theme.print_pdf) == ("../print/thema-a.html", "../print/thema-a.pdf")
    assert (theme.listing_href, theme.listing_label) == ("#alles-bij-dit-thema", "Alle 2 pagina's bij dit thema")
    assert view(corpus, "methode-a").print_html == ""


def test_neighbourhood_card_shows_the_city(corpus):
    assert [(f.label, f.value) for f in view(corpus, "wijk-a").facts] == [("Plaats", "Teststad")]


def test_home_counts_published_pages_per_type_and_theme(corpus):
    home = home_view(corpus, lambda folder: f"{folder}/index.html", url_of, "index.html")
    types = {e.title: (e.href, e.count_label) for e in home.types}
    assert types["Methoden"] == ("methoden/index.html", "1 methode")
    assert types["Tips"] == ("tips/index.html", "1 tip")  # the draft tip is not counted
    assert list(types) == ["Methoden", "Tips", "Thema's", "Wijken"]  # types without pages are left out
    themes = {e.title: e.count_label for e in home.themes}
    assert themes == {"Thema A": "2 pagina's", "Thema B": "1 pagina"}


@pytest.mark.parametrize("repo_url", ["https://github.com/org/handboek", "https://github.com/org/handboek/"])
def test_edit_links_keep_the_repository_name(repo_url):
    from handbook.page_view import edit_base

    assert edit_base(repo_url, "edit/main/content/") == "https://github.com/org/handboek/edit/main/content/"
    assert edit_base(repo_url, "edit/main/content") == "https://github.com/org/handboek/edit/main/content/"
    assert edit_base("", "edit/main/content/") == edit_base(repo_url, "") == ""
