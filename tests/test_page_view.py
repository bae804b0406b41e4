"""The data a page shows around its text (handbook.site.page_view), without a site build."""

from __future__ import annotations

import pytest
from conftest import BASE_PAGES, TIP, write_tree

from handbook.content.loader import load_corpus
from handbook.site.page_view import home_view, page_view


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


def test_method_card_shows_preparation_or_says_the_sources_do_not(corpus, tmp_path):
    """#16: 'Voorbereiding' is always in a method's fact box; without the key it says it is not known."""
    unknown = {f.label: f for f in view(corpus, "methode-a").facts}["Voorbereiding"]
    assert (unknown.value, unknown.lines) == ("Niet bekend uit de bronnen", ())
    prepared = BASE_PAGES["methoden/methode-a.md"].replace(
        "        materials: []", "        preparation: [De inbrenger kiest vooraf een voorval., De begeleider zet de stoelen klaar.]\n        materials: []"
    )
    write_tree(tmp_path, {**BASE_PAGES, "methoden/methode-a.md": prepared})
    facts = view(load_corpus(tmp_path), "methode-a").facts
    known = {f.label: f for f in facts}["Voorbereiding"]
    assert known.value == "" and known.lines == ("De inbrenger kiest vooraf een voorval.", "De begeleider zet de stoelen klaar.")
    labels = [f.label for f in facts]
    assert labels.index("Rollen") < labels.index("Voorbereiding") < labels.index("Materialen")


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
    from handbook.site.page_view import edit_base

    assert edit_base(repo_url, "edit/main/content/") == "https://github.com/org/handboek/edit/main/content/"
    assert edit_base(repo_url, "edit/main/content") == "https://github.com/org/handboek/edit/main/content/"
    assert edit_base("", "edit/main/content/") == edit_base(repo_url, "") == ""


def _related_by_scoring_every_page(corpus, page, limit, text_scores):
    """The plain definition of "Zie ook": every published page scored, sorted, the best taken."""
    from handbook.search.related import NOT_SUGGESTED, TEXT_WEIGHT, THEME_WEIGHT

    chosen = []
    for slug in page.slugs("related"):
        target = corpus.get(slug)
        if target is not None and target.published and target.path != page.path and target not in chosen:
            chosen.append(target)
    own = set(page.slugs("themes")) | ({page.slug} if page.type == "theme" else set())
    scored = []
    for other in corpus.published():
        if other.path == page.path or other in chosen or other.type in NOT_SUGGESTED:
            continue
        shared = len(own & set(other.slugs("themes")))
        text = text_scores.get(other.path, 0.0)
        if shared or text:
            score = TEXT_WEIGHT * text + THEME_WEIGHT * (shared / len(own) if own else 0.0)
            scored.append((-round(score, 3), other.title.casefold(), other.path, other))
    scored.sort(key=lambda t: t[:3])
    return (chosen + [t[3] for t in scored])[:limit]


@pytest.mark.parametrize("limit", [0, 1, 6, 40, -1])
def test_related_pages_equal_scoring_every_page(tmp_path, monkeypatch, limit):
    import importlib.util
    import sys

    from conftest import REPO

    from handbook.search import related

    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "benchmarks" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_generate", generate)  # dataclasses look their module up
    spec.loader.exec_module(generate)
    generate.generate_corpus(tmp_path, 150, seed=3)
    corpus = load_corpus(tmp_path)
    # Made-up text scores, so that pages found alike and by themes mix.
    paths = sorted(p.path for p in corpus.published())
    fake = {p: {q: round((i * 7 + j * 3) % 10 / 10, 3) for j, q in enumerate(paths[i % 5 :: 9])} for i, p in enumerate(paths)}

    class Alike:
        def of(self, page):
            return fake.get(page.path, {})

    monkeypatch.setattr(related, "_neighbours", lambda corpus: Alike())
    for page in corpus.published():
        want = _related_by_scoring_every_page(corpus, page, limit, fake.get(page.path, {}))
        assert [p.path for p in related.related_pages(corpus, page, limit)] == [p.path for p in want]
        want = _related_by_scoring_every_page(corpus, page, limit, {})
        assert [p.path for p in related.related_pages(corpus, page, limit, use_index=False)] == [p.path for p in want]


def test_see_also_does_not_repeat_the_theme_listing():
    # Issue 17: a theme page lists its pages; "Zie ook" below it shows others, not the same again.
    from handbook.content.loader import load_corpus
    from handbook.site import listings
    from handbook.site.page_view import page_view
    from conftest import REPO

    real = load_corpus(REPO)
    for theme in real.of_type("theme"):
        view = page_view(real, theme, lambda p: p.url, theme.url)
        listed = {p.url for p in listings.listed_on(real, theme)}
        assert listed, theme.slug
        assert not any(link.href.rstrip("/").endswith(tuple(u.rstrip("/") for u in listed)) for link in view.related), theme.slug


def test_theme_print_choices_say_what_the_booklet_holds_and_methods_offer_their_card():
    from handbook.content.loader import load_corpus
    from handbook.site.page_view import booklet_pages, page_view
    from conftest import REPO

    real = load_corpus(REPO)
    theme = real.get("casusbespreking")
    view = page_view(real, theme, lambda p: p.url, theme.url)
    count = len(booklet_pages(real, "casusbespreking"))
    assert f"{count} pagina" in view.booklet_note  # the same number as on the booklet's cover
    method = real.get("incidentmethode")
    assert page_view(real, method, lambda p: p.url, method.url).handout_pdf.endswith("print/kaart-incidentmethode.pdf")


def test_citations_never_say_onbekend_or_double_punctuation():
    # Issue 17: 'onbekend (z.j.)' and 'in de wijk!.' were printed on every page citing a source.
    from handbook.content import display
    from handbook.content.loader import load_corpus
    from handbook.printing import facts
    from conftest import REPO

    for source in load_corpus(REPO).of_type("source"):
        for text in (display.citation(source), facts.citation(source)):
            assert "onbekend (" not in text and "!." not in text and ".." not in text.replace("...", ""), text
