"""The handbook's own style, checked where a machine can (issue 16): preferred terms and
verb-first tip titles. Both are warnings with the word to write instead."""

from __future__ import annotations

import textwrap

import pytest
from conftest import BASE_PAGES, TIP

from handbook.check.rules import preferred_terms, tip_title

def body(text: str) -> str:
    return TIP.replace("Een tip met een [link](../methoden/methode-a.md) erin.", text)


# --- preferred terms ----------------------------------------------------------------


def test_preferred_term_in_the_text(check_page):
    check_page(body("Lichte opvoedsteun in de wijk."), problem1=(12, 8, "preferred-term"))


def test_preferred_term_any_case_and_every_avoided_word(check_page):
    check_page(body("Opvoedingsondersteuning en OPVOEDSTEUN."), problem1=(12, 1, "preferred-term"), problem2=(12, 28, "preferred-term"))


def test_preferred_term_in_title_and_description(check_page):
    check_page(TIP.replace("Geef een goede tip", "Geef opvoedsteun").replace("Een tip voor de tests", "Een oudercafe voor de tests"), problem1=(2, 8, "preferred-term"), problem2=(3, 14, "preferred-term"))


def test_preferred_term_capitals_count_only_where_exact(check_page):
    check_page(body("Het Sociaal Wijkteam belt; het sociaal wijkteam ook."), problem1=(12, 5, "preferred-term"))


def test_preferred_term_allows_an_organisations_name(check_page):
    check_page(body("Marcha Emmens van het Sociaal Wijkteam Zwolle."))


def test_preferred_term_skips_link_addresses_code_and_parts_of_words(check_page):
    check_page(body("Zie [de bron](https://example.org/opvoedsteun), schrijf niet `opvoedsteun`; opvoedsteunpunt."))


def test_preferred_terms_table_reads_use_avoid_exact_and_except():
    table = preferred_terms.parse("terms:\n  - {use: wijkteam, avoid: [Wijkteam], exact: true, except: [Wijkteam Noord]}\n")
    assert [(f[1], f[2].use) for f in preferred_terms.finds("Het Wijkteam en Wijkteam Noord en wijkteam.", table)] == [("Wijkteam", "wijkteam")]


def test_the_handbooks_table_loads():
    assert {t.use for t in preferred_terms.table().terms} >= {"opvoedondersteuning", "sociaal wijkteam"}


# --- tip titles ---------------------------------------------------------------------


def test_tip_title_starting_with_a_verb(check_page):
    check_page(TIP.replace("Geef een goede tip", "Nodig ouders uit"))


def test_tip_title_starting_with_a_noun(check_page):
    check_page(TIP.replace("Geef een goede tip", "Een kop koffie is ook sociaal werk"), problem1=(2, 8, "tip-title"))


def test_tip_title_rule_is_only_for_tips(check_page):
    theme = textwrap.dedent(BASE_PAGES["themas/thema-a.md"]).replace("Thema A", "Een ander thema")
    check_page(theme, "themas/test-thema.md")


@pytest.mark.parametrize("word", ["Zoek", "Geef", "Stel", "Maak", "Kies", "Schrijf", "Organiseer", "Ga", "Deel", "Vraag", "Zorg"])
def test_imperatives_are_verbs(word):
    assert tip_title.is_verb(word)


@pytest.mark.parametrize("word", ["Een", "Het", "Kop", "Verschillende", "Vergoeding", "Kleine", "Samen", "Voor"])
def test_other_first_words_are_not(word):
    assert not tip_title.is_verb(word)


def test_spelling_makes_infinitives_from_a_stem():
    assert {"stellen", "maken", "geven", "kiezen", "schrijven"} <= {i for s in ("stel", "maak", "geef", "kies", "schrijf") for i in tip_title.infinitives(s)}
