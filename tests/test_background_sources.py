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
