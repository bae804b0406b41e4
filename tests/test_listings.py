"""Overview pages and listings (handbook.site.listings): plain functions, no site build."""

from __future__ import annotations

import re

import markdown
import pytest
from conftest import BASE_PAGES, TIP, write_tree

from handbook.content import display

from handbook.site import listings
from handbook.content.loader import load_corpus

ROADSHOW = """\
---
title: Roadshow in Wijk A
description: Een roadshow voor de tests, met een beschrijving die lang genoeg is.
themes: [thema-a]
audience: [vrijwilligers]
neighbourhood: wijk-a
date: 2024-03-15
organisers: [Testorganisatie]
updated: 2024-05-01
status: published
---

## Wat we leerden

Veel.
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("listings")
    write_tree(root, {**BASE_PAGES, "tips/een-goede-tip.md": TIP, "roadshows/roadshow-wijk-a.md": ROADSHOW})
    return load_corpus(root)


def html(md: str) -> str:
    return markdown.markdown(md, extensions=["md_in_html", "attr_list", "toc"])


def test_type_overview_has_a_card_with_link_description_and_facts(corpus):
    out = html(listings.type_overview(corpus, "method"))
    assert '<a href="methode-a.md">Methode A</a>' in out
    assert "Een methode voor de tests" in out
    assert "<li>30–60 minuten</li>" in out and "<li>3–8 deelnemers</li>" in out


def test_method_cards_carry_filter_data(corpus):
    out = listings.type_overview(corpus, "method")
    assert 'data-themes="thema-a" data-audience="professionals" data-duration-min="30"' in out
    assert 'data-hb-filter' in out and 'data-hb-filter-key="duration-min"' in out


def test_tip_overview_filters_without_duration_and_drops_drafts(corpus):
    out = listings.type_overview(corpus, "tip")
    assert "Geef een goede tip" in out and "concept" not in out
    # One published tip: nothing to filter (a filter is offered where two cards or more differ).
    assert out.count("data-hb-card") == 1 and "data-hb-filter" not in out


def test_overview_of_an_empty_type_says_so(corpus):
    assert "Er zijn nog geen praktijken." in listings.type_overview(corpus, "practice")


def test_theme_listing_groups_published_pages_by_type_and_leaves_out_drafts(corpus):
    out = listings.theme_listing(corpus, corpus.get("thema-a"))
    assert out.index("### Methoden (1)") < out.index("### Tips (1)") < out.index("### Roadshows (1)")
    assert "(../methoden/methode-a.md)" in out and "(../tips/een-goede-tip.md)" in out
    assert "concept-tip" not in out


def test_neighbourhood_listing_shows_its_roadshows(corpus):
    out = listings.neighbourhood_listing(corpus, corpus.get("wijk-a"))
    assert "(../roadshows/roadshow-wijk-a.md)" in out and "15 maart 2024" in out


def test_source_listing_shows_every_page_citing_it(corpus):
    out = listings.source_listing(corpus, corpus.get("bron-a"))
    assert "methode-a.md" in out and "een-goede-tip.md" in out and "concept-tip" not in out


def test_overview_pages_one_per_type_folder(corpus):
    assert {"methoden/index.md", "tips/index.md", "themas/index.md", "bronnen/index.md"} <= set(listings.overview_pages(corpus))


def test_overview_page_is_not_generated_over_an_existing_index(tmp_path):
    write_tree(tmp_path, {**BASE_PAGES, "tips/index.md": "---\ntitle: Onze tips\ndescription: Een eigen overzicht van de tips, met genoeg tekst.\n---\n"})
    assert "tips/index.md" not in listings.overview_pages(load_corpus(tmp_path))


def test_card_text_is_escaped():
    assert display.md_text("a *b* <c>") == "a \\*b\\* &lt;c&gt;"


@pytest.mark.parametrize(
    "here, target, href",
    [
        ("methoden/a.html", "themas/b.html", "../themas/b.html"),
        ("methoden/a/", "themas/b/", "../../themas/b/"),
        ("index.html", "methoden/index.html", "methoden/index.html"),
        ("", "themas/b/", "themas/b/"),
        ("themas/b/", "", "../../"),
        ("themas/b.html", "print/b.pdf", "../print/b.pdf"),
    ],
)
def test_relative_href(here, target, href):
    assert display.relative_href(here, target) == href


def test_dutch_date():
    assert display.dutch_date("2024-03-05") == "5 maart 2024" and display.dutch_date("onbekend") == "onbekend"


def test_short_sections_stay_one_group():
    from handbook.site.navigation import alphabetical_groups

    assert alphabetical_groups(["a", "b"], size=5) == [("", [0, 1])]


def test_long_sections_split_into_labelled_alphabetical_groups():
    from handbook.site.navigation import alphabetical_groups

    titles = ["appel", "beer", "citroen", "'t dorp", "eend"]
    assert alphabetical_groups(titles, size=2) == [("A–B", [0, 1]), ("C–T", [2, 3]), ("E", [4])]


def test_many_groups_are_gathered_into_groups_of_groups():
    from handbook.site.navigation import alphabetical_groups, alphabetical_tree

    titles = sorted(f"{a}{b}" for a in "abcdefghij" for b in "xyz")  # 30 titles
    assert alphabetical_tree(titles, size=5, fan_out=10) == alphabetical_groups(titles, size=5)
    tree = alphabetical_tree(titles, size=2, fan_out=4)  # 15 groups: 4 parents of 4, 4, 4, 3
    assert [label for label, _ in tree] == ["A–C", "C–F", "F–H", "I–J"]
    assert [len(children) for _, children in tree] == [4, 4, 4, 3]
    assert tree[0][1][0] == ("A", [0, 1])

    def leaves(members):
        return [i for m in members for i in ([m] if isinstance(m, int) else leaves(m[1]))]

    assert leaves(tree) == list(range(30))
    deep = alphabetical_tree(titles, size=1, fan_out=2)  # 30 groups: five levels, two each at the top
    assert len(deep) == 2 and all(len(children) <= 2 for _, children in deep)


def test_cards_written_as_html_are_what_markdown_makes_of_them(corpus):
    convert = markdown.Markdown(extensions=["attr_list", "md_in_html", "tables", "admonition"])
    every = [p for p in corpus.published() if p.type != "page"]
    plain = [p for p in every if listings.html_possible([p], corpus)]
    assert plain and {p.type for p in plain} >= {"method", "tip", "theme", "source"}
    for filterable in (False, True):
        for pages in [plain, plain[:1], [p for p in plain if not listings.facts(p, corpus)]]:
            if not pages:
                continue
            made = convert.reset().convert(listings.cards(pages, corpus, "themas/x.md", filterable=filterable))
            written = listings.cards_html(pages, corpus, lambda p: listings._link(p, "themas/x.md"), filterable)
            assert written == made


def test_cards_with_markdown_or_html_characters_go_through_markdown(corpus):
    from dataclasses import replace

    tip = next(p for p in corpus.published() if p.type == "tip")
    for title in ("Tip *met* nadruk", "A & B", "<b>vet</b>", "regel\nbreuk", "tip_met_liggend_streepje", " spatie"):
        changed = replace(tip, meta={**tip.meta, "title": title})
        assert not listings.html_possible([changed], corpus)
    assert not listings.html_possible([tip], corpus, show_type=True)


# -- filters for every overview (issue 17) -------------------------------------------------

from handbook.content.loader import load_corpus as _load  # noqa: E402
from conftest import REPO  # noqa: E402


@pytest.fixture(scope="module")
def real():
    return _load(REPO)


@pytest.mark.parametrize(
    "type_name, wanted",
    [
        ("practice", {"place", "theme"}),
        ("roadshow", {"place", "theme"}),
        ("source", {"kind"}),
        ("neighbourhood", {"place"}),
    ],
)
def test_every_overview_filters_where_its_pages_differ(real, type_name, wanted):
    html = listings.type_overview(real, type_name)
    names = set(re.findall(r'<select id="hb-filter-([a-z-]+)"', html))
    assert wanted <= names, names
    # the cards carry the data the form filters by (a card without a value has no attribute)
    for name in names - {"duration"}:
        key = re.search(rf'id="hb-filter-{name}" name="{name}" data-hb-filter-key="([a-z-]+)"', html).group(1)
        assert 2 <= html.count(f"data-{key}=") <= html.count("data-hb-card"), key


def test_a_filter_is_left_out_when_every_card_has_the_same_value(real):
    html = listings.type_overview(real, "neighbourhood")
    assert 'id="hb-filter-audience"' not in html  # neighbourhoods have no audience


def test_practice_period_counts_for_every_year_it_ran():
    from handbook.site import facets

    class Page:
        type = "practice"
        meta = {"period": "2020-2022"}

        def slugs(self, key):
            return []

    assert [token for token, _ in facets._years(Page(), None)] == ["2020", "2021", "2022"]


def test_tip_cards_name_their_themes(real):
    tip = next(p for p in real.of_type("tip") if len(p.slugs("themes")) >= 1)
    found = listings.facts(tip, real)
    titles = [real.get(s).title for s in tip.slugs("themes")]
    assert any(all(t in fact for t in titles) and fact.startswith("thema") for fact in found), found
