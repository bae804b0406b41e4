"""Background references (kind: achtergrond), suggested numbers and target groups (issue 16)."""

from types import SimpleNamespace

from handbook.content import display
from handbook.printing import facts as print_facts

BACKGROUND = """---
title: Een achtergrondwerk
description: Een gepubliceerd werk dat alleen de herkomst van een methode laat zien.
authors: [A. Auteur]
year: 1987
publisher: Een uitgever
url: https://example.org/werk
kind: achtergrond
{verified}updated: 2026-11-28
status: published
---

Tekst.
"""


def test_a_background_source_says_where_it_was_verified(check_page):
    check_page(BACKGROUND.format(verified=""), rel="bronnen/achtergrond.md", problem1=(1, 1, "schema"))
    check_page(BACKGROUND.format(verified="verified_in: Catalogus X, record Y.\n"), rel="bronnen/achtergrond.md")


def _source(kind):
    meta = {"authors": ["A. Auteur"], "year": 1987, "publisher": "Uitgever", "kind": kind}
    return SimpleNamespace(meta=meta, title="Werk")


def test_background_citations_are_marked_on_screen_and_on_paper():
    assert display.citation(_source("achtergrond")).startswith("Achtergrondbron: A. Auteur (1987).")
    assert print_facts.citation(_source("achtergrond")).startswith("Achtergrondbron: A. Auteur (1987).")
    assert not display.citation(_source("leernetwerk")).startswith("Achtergrondbron")


def test_suggested_numbers_say_so():
    assert display.span({"min": 60, "max": 90, "suggested": True}, "minuten") == "60–90 minuten (suggestie)"
    assert display.span({"min": 60, "max": 90}, "minuten") == "60–90 minuten"


def test_target_group_labels_come_from_the_schema():
    page = SimpleNamespace(slugs=lambda key: ["kwetsbare-gezinnen", "jonge-alleenstaande-moeders"])
    assert display.target_groups(page) == "Kwetsbare gezinnen en jonge alleenstaande moeders"


METHOD = """---
title: Een methode
description: Een methode die een achtergrondbron gebruikt voor haar herkomst.
themes: [thema-a]
audience: [professionals]
sources: [eigen-bron, achtergrondwerk]
duration: {min: 30, max: 60, suggested: true}
group_size: {min: 3, max: 8, suggested: true}
roles:
  - name: Gespreksleider
    task: Bewaakt de stappen en de tijd.
materials: []
updated: 2026-11-28
status: published
---

## Doel

Samen leren.

## Stappen

1. Eerst dit.

SAID
"""


def test_a_page_citing_a_background_source_says_where(tmp_path):
    from conftest import write_tree

    from handbook.check.runner import check_corpus
    from handbook.content.loader import load_corpus

    own = BACKGROUND.format(verified="").replace("kind: achtergrond\n", "").replace("Een achtergrondwerk", "Eigen bron")
    pages = {
        "bronnen/eigen-bron.md": own,
        "bronnen/achtergrondwerk.md": BACKGROUND.format(verified="verified_in: Catalogus X, record Y.\n"),
        "themas/thema-a.md": "---\ntitle: Thema A\ndescription: Een thema om pagina's aan te koppelen.\nupdated: 2026-11-28\nstatus: published\n---\n\nTekst.\n",
    }
    for said, expected in (("Tekst zonder verwijzing.", [(6, 23, "background")]), ("Achtergrond: zie de bron.", [])):
        write_tree(tmp_path, {**pages, "methoden/een-methode.md": METHOD.replace("SAID", said)})
        found = check_corpus(load_corpus(tmp_path), only={"content/methoden/een-methode.md"})
        assert sorted((p.line, p.column, p.rule) for p in found if p.rule == "background") == expected
