"""Every check, with good and bad pages: one line per case, yamllint style."""

import textwrap

from conftest import BASE_PAGES, TIP

from handbook.content.loader import load_page

METHOD = textwrap.dedent(BASE_PAGES["methoden/methode-a.md"]).replace("Methode A", "Methode Z")
SOURCE = textwrap.dedent(BASE_PAGES["bronnen/bron-a.md"])

ROADSHOW = """\
---
title: Roadshow in wijk A
description: Een themabijeenkomst in wijk A, voor de tests met een lange beschrijving.
themes: [thema-a]
audience: [professionals, vrijwilligers]
neighbourhood: wijk-a
date: onbekend
organisers: [deelnemers aan het leernetwerk]
updated: 2024-05-01
status: published
---

## Wat we leerden

Veel.
"""

PRACTICE = """\
---
title: Een praktijk
description: Een praktijk voor de tests, met een beschrijving die lang genoeg is.
themes: [thema-b]
audience: [ouders]
sources: [bron-a]
city: Teststad
neighbourhoods: [wijk-a]
organisations: [Welzijn Test]
period: 2020-2022
updated: 2024-05-01
status: published
---

Zo werkt het.
"""


def test_valid_pages_have_no_problems(check_page):
    check_page(TIP)
    check_page(METHOD, "methoden/nieuwe-methode.md")
    check_page(ROADSHOW, "roadshows/roadshow-a.md")
    check_page(PRACTICE, "praktijken/praktijk-a.md")
    check_page(SOURCE.replace("Bron A", "Bron Z"), "bronnen/bron-z.md")


# --- reading the file -------------------------------------------------------


def test_no_front_matter(check_page):
    check_page("# Titel\n\nTekst\n", problem1=(1, 1, "front-matter"))


def test_unclosed_front_matter(check_page):
    check_page("---\ntitle: Open\ndescription: nooit gesloten\n", problem1=(1, 1, "front-matter"))


def test_empty_file(check_page):
    check_page("", problem1=(1, 1, "empty-file"))
    check_page(" \n\n", problem1=(1, 1, "empty-file"))


def test_yaml_syntax_error_at_its_line(check_page):
    check_page(TIP.replace("title: Geef een goede tip", "title: Een: goede tip"), problem1=(2, 11, "yaml-syntax"))
    check_page(TIP.replace("themes: [thema-a, thema-b]", "themes: [thema-a, thema-b"), problem1=(4, 9, "yaml-syntax"))


def test_tab_indentation(check_page):
    check_page(TIP.replace("themes: [thema-a, thema-b]", "themes:\n\t- thema-a"), problem1=(5, 1, "yaml-tab"))


def test_duplicate_key(check_page):
    check_page(TIP.replace("status: published", "status: published\nstatus: draft"), problem1=(10, 1, "yaml-duplicate-key"))


def test_yaml_11_boolean_where_text_was_meant(check_page):
    description = "description: Een tip voor de tests, met een beschrijving die lang genoeg is."
    check_page(TIP.replace(description, "description: no"), problem1=(3, 14, "yaml-boolean"))
    check_page(TIP.replace("title: Geef een goede tip", "title: yes"), problem1=(2, 8, "yaml-boolean"))


def test_python_tag_is_refused_and_not_run(check_page, tmp_path):
    marker = tmp_path / "ran"
    source = TIP.replace("title: Geef een goede tip", f"title: !!python/object/apply:os.system ['touch {marker}']")
    check_page(source, problem1=(2, 8, "yaml-tag"))
    assert not marker.exists()


def test_alias_bomb(tmp_path):
    # Nine levels of nine aliases would expand to 9**9 values if followed.
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    path = tmp_path / "content" / "tips" / "bom.md"
    path.parent.mkdir(parents=True)
    path.write_text(TIP.replace("status: published\n", "status: published\n" + bomb), encoding="utf-8")
    page, problems = load_page(tmp_path, path)
    assert {p.rule for p in problems} == {"yaml-alias"}
    assert (problems[0].line, problems[0].column) == (10, 4)  # the anchor that is followed twice


def test_deep_nesting(check_page):
    check_page(TIP.replace("title: Geef een goede tip", "title: " + "[" * 5000 + "]" * 5000), problem1=(2, 1, "yaml-depth"))
    check_page(TIP.replace("related: [methode-a]", "related:\n" + "".join("  " * i + f"- k{i}:\n" for i in range(30))), problem1=(8, 3, "schema"), problem2=(18, 21, "yaml-depth"))


def test_control_character(check_page):
    check_page(TIP.replace("Geef een goede tip", "Geef een goede\x07tip"), problem1=(2, 22, "yaml-syntax"))


def test_not_utf8(check_page):
    check_page(TIP.replace("Een tip met", "Een tip m\udcffet").encode("utf-8", "surrogateescape"), problem1=(12, 10, "encoding"))


def test_bom_and_crlf_are_accepted(check_page):
    check_page(b"\xef\xbb\xbf" + TIP.replace("\n", "\r\n").encode("utf-8"))


def test_five_megabyte_file(check_page):
    check_page(TIP + "x" * 5_000_000, problem1=(1, 1, "file-size"))


def test_directory_named_like_a_page(base_root, base_corpus):
    from handbook.check.runner import check_corpus
    from handbook.content.loader import load_corpus

    folder = base_root / "content" / "tips" / "map.md"
    folder.mkdir()
    try:
        found = check_corpus(load_corpus(base_root))
    finally:
        folder.rmdir()
    assert [(p.path, p.rule) for p in found] == [("content/tips/map.md", "not-a-file")]


# --- schema -----------------------------------------------------------------


def test_unknown_key_suggests_the_right_one(check_page):
    found = check_page(TIP.replace("themes:", "themas:"), problem1=(4, 1, "unknown-key"), problem2=(1, 1, "schema"))
    assert "bedoelde je 'themes'?" in found[1].message + found[0].message


def test_missing_required_key(check_page):
    found = check_page(TIP.replace("updated: 2024-05-01\n", ""), problem1=(1, 1, "schema"))
    assert "'updated' ontbreekt" in found[0].message


def test_wrong_enum_value_suggests(check_page):
    found = check_page(TIP.replace("[professionals, ouders]", "[professionals, ouder]"), problem1=(5, 27, "schema"))
    assert "bedoelde je 'ouders'?" in found[0].message


def test_impossible_date(check_page):
    check_page(TIP.replace("2024-05-01", "2021-02-30"), problem1=(8, 10, "invalid-date"))
    check_page(TIP.replace("2024-05-01", "1-5-2024"), problem1=(8, 10, "schema"))


def test_roadshow_date_may_be_unknown_but_not_impossible(check_page):
    check_page(ROADSHOW.replace("date: onbekend", "date: 2021-02-30"), "roadshows/r.md", problem1=(7, 7, "invalid-date"))
    check_page(ROADSHOW.replace("date: onbekend", "date: 2021-02-28"), "roadshows/r.md")


def test_description_too_long(check_page):
    check_page(TIP.replace("lang genoeg is.", "lang genoeg is. " + "Nog meer woorden. " * 20), problem1=(3, 14, "schema"))


def test_string_where_list_expected(check_page):
    found = check_page(TIP.replace("audience: [professionals, ouders]", "audience: ouders"), problem1=(5, 11, "schema"))
    assert "lijst" in found[0].message


def test_tip_needs_a_source(check_page):
    check_page(TIP.replace("sources: [bron-a]", "sources: []"), problem1=(6, 10, "schema"))


def test_source_needs_isbn_or_url(check_page):
    check_page(SOURCE.replace("isbn: 978-90-5830-743-9\n", "").replace("Bron A", "Bron Y"), "bronnen/bron-y.md", problem1=(1, 1, "schema"))


def test_isbn_check_digit(check_page):
    check_page(SOURCE.replace("743-9", "743-8").replace("Bron A", "Bron Y"), "bronnen/bron-y.md", problem1=(7, 7, "isbn"))


def test_range_order(check_page):
    check_page(METHOD.replace("{min: 30, max: 60}", "{min: 90, max: 60}"), "methoden/m.md", problem1=(7, 17, "range"))


# --- references, uniqueness -------------------------------------------------


def test_unknown_theme_with_suggestion(check_page):
    found = check_page(TIP.replace("thema-b]", "thema-c]"), problem1=(4, 19, "reference"))
    assert "thema 'thema-c' bestaat niet" in found[0].message


def test_reference_of_the_wrong_type(check_page):
    found = check_page(TIP.replace("sources: [bron-a]", "sources: [wijk-a]"), problem1=(6, 11, "reference"))
    assert "is een wijk, geen bron" in found[0].message


def test_unknown_neighbourhood(check_page):
    check_page(ROADSHOW.replace("neighbourhood: wijk-a", "neighbourhood: wijk-x"), "roadshows/r.md", problem1=(6, 16, "reference"))


def test_related_to_itself(check_page):
    check_page(TIP.replace("related: [methode-a]", "related: [test-pagina]"), problem1=(7, 11, "reference"))


def test_unique_slug_across_folders(check_page):
    check_page(TIP.replace("Geef een goede tip", "Kies een andere titel"), "tips/methode-a.md", problem1=(1, 1, "unique-slug"))


def test_unique_title(check_page):
    check_page(TIP.replace("Geef een goede tip", "methode  A"), problem1=(2, 8, "unique-title"), problem2=(2, 8, "tip-title"))


def test_file_name_is_a_slug(check_page):
    check_page(TIP, "tips/Mijn Tip.md", problem1=(1, 1, "file-name"))


# --- body ---------------------------------------------------------------------


def test_method_needs_steps_section(check_page):
    check_page(METHOD.replace("## Stappen", "## Verloop"), "methoden/m.md", problem1=(16, 1, "sections"))


def test_method_steps_must_be_numbered(check_page):
    check_page(METHOD.replace("1. Begin.\n2. Eindig.", "- Begin.\n- Eindig."), "methoden/m.md", problem1=(21, 1, "numbered-steps"))


def test_roadshow_needs_lessons(check_page):
    check_page(ROADSHOW.replace("## Wat we leerden", "## Verslag"), "roadshows/r.md", problem1=(12, 1, "sections"))


def test_broken_link_and_image(check_page):
    body = "\nZie [dit](../methoden/bestaat-niet.md) en ![Foto](../afbeeldingen/weg.png).\n"
    check_page(TIP + body, problem1=(14, 5, "link"), problem2=(14, 43, "link"))


def test_good_links_pass(check_page):
    body = "\n[web](https://example.org) [kop](#kop) [anker](../methoden/methode-a.md#doel) [overzicht](../methoden/index.md)\n"
    check_page(TIP + body)


def test_links_in_code_are_ignored(check_page):
    check_page(TIP + "\n```\n[x](nergens.md)\n```\n`[y](nergens.md)`\n")


def test_image_without_alt_text(check_page):
    check_page(TIP + "\n![](../afbeeldingen/.keep)\n", problem1=(14, 1, "image-alt"))
    check_page(TIP + '\n<img src="../afbeeldingen/.keep">\n', problem1=(14, 1, "image-alt"))


def test_published_page_may_not_point_at_a_draft(check_page):
    check_page(TIP.replace("related: [methode-a]", "related: [concept-tip]"), problem1=(7, 11, "draft"))
    check_page(TIP + "\n[concept](concept-tip.md)\n", problem1=(14, 1, "draft"))


def test_a_draft_may_point_at_a_draft(check_page):
    check_page(TIP.replace("related: [methode-a]", "related: [concept-tip]").replace("status: published", "status: draft"))
