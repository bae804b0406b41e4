"""The handbook's part of the site search (issue 14): extra terms per page, the lay-word
table, the vocabulary for "Bedoelde je ...?" and its shards."""

from pathlib import Path

import pytest

from handbook.content.loader import load_corpus
from handbook.search import analysis, order, site_terms, vocabulary

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(REPO)


def test_a_compound_part_becomes_a_term():
    assert "bespreking" in site_terms.page_terms("Casusbespreking")
    assert "ondersteuning" in site_terms.page_terms("Opvoedondersteuning in de wijk")


def test_wordfreq_splits_a_compound_the_fields_list_does_not_know():
    assert "dynamiek" in site_terms.page_terms("Let op de groepsdynamiek")
    assert site_terms.common_tail("samenwerking") is None  # a common word of its own


def test_base_forms_and_words_without_accents_become_terms():
    terms = site_terms.page_terms("Laat kinderen meekomen", "Begin met een enquête")
    assert "kind" in terms and "enquete" in terms
    assert "kinderen" not in terms  # a word the page has already is no extra term


def test_lay_words_go_to_the_pages_about_their_target_only():
    key, rest = site_terms.weighed_terms("Chronische stress door armoede", "Geldzorgen die lang duren.")
    assert {"schulden", "geldproblemen"} <= set(key)
    mention = site_terms.page_terms("Vraag wat deelnemers willen leren", "", "Thema's waren armoede en taal.")
    assert "schulden" not in mention


@pytest.mark.parametrize("typed, meant", [
    ("geldzorgen", "armoede"), ("schulden", "armoede"), ("allochtoon", "migrant"), ("mama", "moeder"),
    ("eigen kracht", "empowerment"), ("eenzaamheid", "isolement"), ("makkelijke taal", "gewone taal"),
])
def test_the_lay_word_table_leads_readers_words_to_the_handbooks(typed, meant):
    assert meant in analysis.expand_synonyms(typed)


def test_every_lay_word_target_is_used_by_the_content(corpus):
    stems = set()
    text = []
    for page in corpus.pages:
        if page.status == "published":
            for part in (page.title, page.description or "", page.body or ""):
                text.append(analysis.fold(part))
                stems.update(analysis.stem(w) for w, _, _ in analysis.words(part))
    joined = " ".join(text)
    for searched, found in analysis.synonym_lines():
        for target in found:
            words = [w for w, _, _ in analysis.words(target)]
            used = analysis.fold(target) in joined if len(words) > 1 else any(
                s.startswith(analysis.stem(words[0])) for s in stems)
            assert used, f"'{target}' (for {', '.join(searched)}) is in no page: a lay word must lead somewhere"


def test_a_typo_is_corrected_from_the_handbooks_own_words(corpus):
    known = vocabulary.build(p for p in corpus.pages if p.status == "published")
    assert vocabulary.correct("laageletterdheid", known) == "laaggeletterdheid"
    assert vocabulary.correct("armode", known) == "armoede"
    assert vocabulary.correct("vrijwiligers", known) == "vrijwilligers"
    assert vocabulary.correct("laaggeletterdheid", known) is None  # known
    assert vocabulary.correct("huiskam", known) is None  # begins a known word: found as typed


def test_distance_counts_a_swap_once():
    assert vocabulary.distance("armoede", "armoeed") == 1
    assert vocabulary.distance("laageletterdheid", "laaggeletterdheid") == 1
    assert vocabulary.distance("abc", "xyzuvw", limit=2) == 3


def test_shards_stay_small_at_ten_thousand_pages():
    # A vocabulary as a 10,000-page site might have: 150,000 words. A query fetches one shard.
    words = {f"{a}{b}{n:05d}x": 1 for a in "abcdefghijklmnopqrstuvwxyz" for b in "aeiou" for n in range(1150)}
    shards = vocabulary.shards(words)
    biggest = max(len(str(s).encode()) for s in shards.values())
    assert biggest < 40_000, biggest


def test_wordfreq_parts_are_index_terms_too():
    # One analysis: the command line's index splits 'groepsdynamiek' as the site's terms do.
    assert analysis.stem("dynamiek") in analysis.terms("groepsdynamiek")
    assert analysis.terms("samenwerking") == (analysis.stem("samenwerking"),)


def test_handbook_order_puts_the_page_that_names_the_query_first():
    pages = [("Maak de samenwerking met het wijkteam bespreekbaar", ""), ("Oefen samen met een casusbespreking", ""),
             ("Casusbespreking", "Samen een situatie bespreken."), ("Vertel wat je doet", "")]
    ranked = order.handbook_order(pages, "bespreking", lambda p: p[0], lambda p: p[1])
    assert [p[0] for p in ranked] == ["Casusbespreking", "Oefen samen met een casusbespreking",
                                      "Maak de samenwerking met het wijkteam bespreekbaar", "Vertel wat je doet"]


def test_handbook_order_follows_lay_words_and_skips_question_words():
    pages = [("Vraag wat deelnemers willen leren", "Ook over armoede."), ("Chronische stress door armoede", "")]
    assert order.handbook_order(pages, "schulden", lambda p: p[0], lambda p: p[1])[0][0] == "Chronische stress door armoede"
    assert order.query_words("hoe organiseer ik een roadshow") == ["organiseer", "roadshow"]


def test_only_contributor_pages_carry_the_part_filter(corpus):
    # The box searches pages *without* 'deel' (Pagefind's 'not'), so the filter file a query
    # loads lists the few contributor pages, not every reader page (#14, bytes at 10,000 pages).
    from handbook.site.search_view import search_view

    reader = next(p for p in corpus.pages if p.status == "published" and p.rel.split("/")[0] != "bijdragen")
    contributor = next(p for p in corpus.pages if p.rel.split("/")[0] == "bijdragen")
    assert "deel" not in dict(search_view(corpus, reader).filters)
    assert ("deel", "bijdragers") in search_view(corpus, contributor).filters


def test_pagefind_writes_index_chunks_of_the_handbooks_size(tmp_path):
    # Small chunks keep what a query downloads small at 10,000 pages (#14); Pagefind 1.5 takes
    # the size only from an environment variable it calls unstable, so check it still works.
    import itertools

    from handbook.site import site_search

    words = ["".join(w) for w in itertools.product("bdfklmprst", "aeiou", "bdfklmprst", "aeiou")][:3000]
    html = f"<html lang='nl'><body><main data-pagefind-body><h1>Proef</h1><p>{' '.join(words * 4)}</p></main></body></html>"
    (tmp_path / "index.html").write_text(html, encoding="utf-8")
    assert site_search._pagefind(tmp_path) == 1
    chunks = list((tmp_path / site_search.BUNDLE / "index").glob("*.pf_index"))
    assert len(chunks) >= 12_000 // site_search.CHUNK_SIZE  # one chunk with Pagefind's default
