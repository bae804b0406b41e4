"""Personal data and unsafe HTML are reported at their line and column: one line per case.

``page(...)`` appends lines to the valid TIP page (front-matter on lines 1-10,
its one body line on 12), so the first appended line is line 13.
"""

import pytest
from conftest import BASE_PAGES, TIP, write_tree

from handbook.check import allowlist
from handbook.cli import main
from handbook.check.rules.personal_data import eleven_test, iban_valid


def page(*lines: str) -> str:
    """The valid TIP page with lines appended: the first one lands on line 13."""
    return TIP + "\n".join(lines) + "\n"


def make_root_with(tmp_path, extra):
    write_tree(tmp_path, {**BASE_PAGES, **extra})
    return tmp_path


# --- personal data ----------------------------------------------------------


def test_email(check_page):
    check_page(page("Mail naar jan.jansen@example.nl voor meer."), problem1=(13, 11, "personal-email"))
    check_page(page("Schrijf naar <moeder_x+wijk@gmail.com>."), problem1=(13, 15, "personal-email"))


def test_dutch_phone_numbers(check_page):
    check_page(page("Bel 06-12345678."), problem1=(13, 5, "personal-phone"))
    check_page(page("Bel 06 12 34 56 78 of 0612345678."), problem1=(13, 5, "personal-phone"), problem2=(13, 23, "personal-phone"))
    check_page(page("Bel +31 6 12345678."), problem1=(13, 5, "personal-phone"))
    check_page(page("Bel +31 (0)6 1234 5678."), problem1=(13, 5, "personal-phone"))
    check_page(page("Bel 0031 10 1234567."), problem1=(13, 5, "personal-phone"))
    check_page(page("Bel 010-1234567 of 050 123 4567."), problem1=(13, 5, "personal-phone"), problem2=(13, 20, "personal-phone"))


def test_numbers_that_are_not_phone_numbers(check_page):
    check_page(page("In 2019-2022 kwamen 120 ouders; ISBN 978-90-5830-743-9; zie https://example.org/0101234567."))
    check_page(page("Het project kostte 0,5 miljoen; tel 1 2 3."))


def test_bsn_needs_the_eleven_test(check_page):
    assert eleven_test("111222333") and not eleven_test("123456789") and not eleven_test("000000000")
    check_page(page("Haar BSN is 111222333."), problem1=(13, 13, "personal-bsn"))
    check_page(page("BSN: 1112.22.333"), problem1=(13, 6, "personal-bsn"))
    check_page(page("Het register telt 123456789 regels."))


def test_iban_needs_mod_97(check_page):
    assert iban_valid("NL91ABNA0417164300") and not iban_valid("NL92ABNA0417164300")
    check_page(page("Maak over op NL91 ABNA 0417 1643 00."), problem1=(13, 14, "personal-iban"))
    check_page(page("Maak over op NL91ABNA0417164300."), problem1=(13, 14, "personal-iban"))
    check_page(page("Code NL92ABNA0417164300 is geen rekening."))


def test_address(check_page):
    check_page(page("Ze woont op Dorpsstraat 12, 1234 AB Utrecht."), problem1=(13, 13, "personal-address"))
    check_page(page("Het gezin woont aan de Kleiweg 5a."), problem1=(13, 24, "personal-address"))
    check_page(page("Postcode 3034 XB hoort erbij."), problem1=(13, 10, "personal-address"))
    check_page(page("We liepen door de Dorpsstraat en het Zuiderpark in 2019."))


def test_date_of_birth(check_page):
    check_page(page("Sara is geboren op 12 maart 2015."), problem1=(13, 9, "personal-birthdate"))
    check_page(page("Kind (geb. 12-03-2015) speelt buiten."), problem1=(13, 7, "personal-birthdate"))
    check_page(page("Geboortedatum: 2015-03-12"), problem1=(13, 1, "personal-birthdate"))
    check_page(page("De roadshow was op 12 maart 2015; kinderen geboren in de wijk kwamen ook."))


def test_personal_data_in_front_matter_and_code(check_page):
    check_page(TIP.replace("Een tip voor de tests", "Bel 06-12345678 voor de tests"), problem1=(3, 18, "personal-phone"))
    check_page(TIP.replace("status: published", "status: published  # van jan@example.nl"), problem1=(9, 26, "personal-email"))
    check_page(page("```", "mail jan@example.nl", "```"), problem1=(14, 6, "personal-email"))


def test_message_is_dutch_guidance_without_the_value(check_page):
    (problem,) = check_page(page("Bel 06-12345678."), problem1=(13, 5, "personal-phone"))
    assert problem.level == "error" and "06-12345678" not in problem.message
    assert "onherkenbaar" in problem.message and "allowlist.yaml" in problem.message


@pytest.fixture
def listed(monkeypatch):
    entries = (
        allowlist.Entry("phone", "088-1234567", "Landelijke hulplijn, openbaar op de site van de organisatie."),
        allowlist.Entry("email", "info@buurthuis.example", "Algemeen adres van het buurthuis, staat op zijn site."),
        allowlist.Entry("address", "Dorpsstraat 12, 1234 AB Teststad", "Adres van het buurthuis, een openbaar gebouw."),
    )
    monkeypatch.setattr(allowlist, "entries", lambda: entries)
    allowlist._allowed.cache_clear()
    yield
    allowlist._allowed.cache_clear()


def test_allow_listed_details_pass(check_page, listed):
    check_page(page("Hulplijn: 088 123 45 67, mail Info@Buurthuis.example."))
    check_page(page("Het buurthuis zit op Dorpsstraat 12, 1234 AB Teststad."))
    check_page(page("Of bel 088-7654321."), problem1=(13, 8, "personal-phone"))


def test_shipped_allow_list_is_well_formed():
    text = (allowlist.resources.files("handbook") / "data" / "allowlist.yaml").read_text(encoding="utf-8")
    entries, refused = allowlist.read(text)
    assert refused == []
    assert all(e.reason for e in entries)


def test_allow_list_refuses_entries_without_a_reason():
    entries, refused = allowlist.read("entries:\n  - {kind: phone, value: '0800-1234567'}\n  - {kind: fax, value: x, reason: Een reden die lang genoeg is.}\n")
    assert entries == [] and len(refused) == 2


# --- unsafe and raw HTML ----------------------------------------------------


def test_unsafe_tags(check_page):
    check_page(page("<script>alert(1)</script>"), problem1=(13, 1, "unsafe-html"))
    check_page(page("Kijk: <iframe src=\"https://example.org\"></iframe>"), problem1=(13, 7, "unsafe-html"))
    check_page(page("<object data=\"x.swf\"></object>"), problem1=(13, 1, "unsafe-html"))
    check_page(page("<EMBED src=\"x.swf\">"), problem1=(13, 1, "unsafe-html"))


def test_event_handlers(check_page):
    check_page(page('<img src="x.png" alt="Ouders" onerror="alert(1)">'), problem1=(13, 31, "unsafe-html"))
    check_page(page('<img src="x.png" alt="Ouders"', '  onload = "alert(1)">'), problem1=(14, 3, "unsafe-html"))


def test_javascript_links(check_page):
    check_page(page("[klik](javascript:alert(1))"), problem1=(13, 8, "unsafe-html"))
    check_page(page("[klik]( JavaScript:alert(1))"), problem1=(13, 9, "unsafe-html"))
    check_page(page('<a href="java&#115;cript:alert(1)">klik</a>'), problem1=(13, 1, "raw-html"), problem2=(13, 4, "unsafe-html"))
    check_page(page("[klik][x]", "", "[x]: javascript:alert(1)"), problem1=(15, 6, "unsafe-html"))


def test_raw_html_beyond_the_allow_list_is_a_warning(check_page):
    (problem,) = check_page(page("<div>tekst</div>"), problem1=(13, 1, "raw-html"))
    assert problem.level == "warning"
    check_page(page("Regel<br>af, <abbr title=\"Centrum voor Jeugd en Gezin\">CJG</abbr>, <kbd>Ctrl</kbd>, m<sup>2</sup>."))
    check_page(page("<details><summary>Meer</summary>Tekst</details>", '<figure><img src="a.png" alt="Een kring"><figcaption>Kring</figcaption></figure>'))
    check_page(page("Zie <https://example.org> en <!-- notitie -->."))


def test_code_is_not_html(check_page):
    check_page(page("```html", "<script>alert(1)</script>", "```", "Gebruik nooit `<iframe>` of `onerror=`."))


# F3 of the security review: decided on the rendered HTML, not on the Markdown text.


def test_attribute_lists_cannot_add_handlers_styles_or_urls(check_page):  # F3 (a)
    check_page(page('[klik](https://example.org){: onclick="alert(2)" }'), problem1=(13, 31, "unsafe-html"))
    check_page(
        page("Tekst", '{: onmouseover="alert(1)" style="position:fixed;inset:0" }'),
        problem1=(14, 4, "unsafe-html"),
        problem2=(14, 27, "unsafe-html"),
    )
    check_page(page('[x](../methoden/methode-a.md){: href="javascript:alert(1)" }'), problem1=(13, 39, "unsafe-html"))
    check_page(page("## Kop {: ONCLICK=alert(1) }", "", "## Stappen {: #stappen .klein }"), problem1=(13, 11, "unsafe-html"))


def test_reference_definition_with_the_url_on_the_next_line(check_page):  # F3 (b)
    check_page(page("[hier][a]", "", "[a]:", "    javascript:alert(3)"), problem1=(16, 5, "unsafe-html"))
    check_page(page("[hier][a]", "", '[a]: <javascript:alert(3)> "titel"'), problem1=(15, 7, "unsafe-html"))


def test_a_quoted_greater_than_does_not_end_the_tag(check_page):  # F3 (c)
    check_page(page('<a title=">" href="javascript:alert(1)">x</a>'), problem1=(13, 1, "raw-html"), problem2=(13, 20, "unsafe-html"))
    check_page(page("<img alt=\"Ouders\" title='>' src=\"a.png\" onerror=alert(1)>"), problem1=(13, 41, "unsafe-html"))


def test_held_vectors_stay_caught(check_page):
    check_page(page("[klik](<javascript:alert(1)>)"), problem1=(13, 9, "unsafe-html"))
    check_page(page("[klik](java&#x09;script:alert(1))"), problem1=(13, 1, "link"), problem2=(13, 8, "unsafe-html"))
    check_page(page("[klik](javascript&colon;alert(1))"), problem1=(13, 1, "link"), problem2=(13, 8, "unsafe-html"))
    check_page(page("<svg onload=alert(1)><circle r=4 /></svg>"), problem1=(13, 1, "unsafe-html"))
    check_page(page("<x-kaart onclick=alert(1)>a</x-kaart>"), problem1=(13, 1, "unsafe-html"))
    check_page(page("[x](onbekend-schema:iets)"), problem1=(13, 5, "unsafe-html"))
    check_page(page("", "- punt", "", "    <img src=a.png alt=\"x\" onerror=alert(1)>"), problem1=(16, 28, "unsafe-html"))
    check_page(page("- geen lijst na een alinea", "", "    <img src=a.png alt=\"x\" onerror=alert(1)> is code"))
    check_page(page("<p>Tekst <b onclick=alert(1)>vet</b></p>"), problem1=(13, 1, "raw-html"), problem2=(13, 10, "raw-html"), problem3=(13, 13, "unsafe-html"))


def test_what_the_site_makes_itself_passes(check_page):
    check_page(page("## Kop {: #eigen-id .klein }", "", "| a | b |", "|:--|--:|", "| 1 | 2 |", "", '!!! note "Let op"', "    Tekst."))
    check_page(page("[site](https://example.org) en <https://example.org>."))


def test_the_check_renders_with_the_sites_own_markdown_extensions(tmp_path):
    from conftest import REPO

    from handbook.check import body_html

    names, configs = body_html.site_extensions(REPO)
    assert names == ("toc", "tables", "fenced_code", "admonition", "attr_list", "md_in_html") and configs["toc"]["permalink"]
    assert body_html.site_extensions(tmp_path) == (names, configs)  # no mkdocs.yml: the defaults are the site's
    (tmp_path / "mkdocs.yml").write_text("site_url: !ENV [X, 'y']\nmarkdown_extensions: [abbr, {toc: {permalink: '#'}}]\n")
    assert body_html.site_extensions(tmp_path) == (("toc", "tables", "fenced_code", "abbr"), {"toc": {"permalink": "#"}})


def test_unsafe_html_in_front_matter(check_page):
    # Judged on the decoded value by html-in-value (tests/test_front_matter_values.py), once.
    check_page(TIP.replace("title: Geef een goede tip", "title: Geef <script>goede</script> tip"), problem1=(2, 8, "html-in-value"))


# --- through the command line ----------------------------------------------


@pytest.mark.parametrize(
    "line, rule",
    [
        ("Bel 06-12345678.", "personal-phone"),
        ("Mail jan@example.nl.", "personal-email"),
        ("BSN 111222333.", "personal-bsn"),
        ("IBAN NL91ABNA0417164300.", "personal-iban"),
        ("Woont op Dorpsstraat 12.", "personal-address"),
        ("Geboren op 1 mei 2016.", "personal-birthdate"),
        ("<iframe src=x></iframe>", "unsafe-html"),
        ('<img alt="x" src="x.png" onerror="x()">', "unsafe-html"),
        ("[x](javascript:x())", "unsafe-html"),
    ],
)
def test_cli_exits_1_at_the_line(tmp_path, capsys, line, rule):
    root = make_root_with(tmp_path, {"tips/fout.md": page(line)})
    assert main(["--root", str(root), "check"]) == 1
    out = capsys.readouterr().out
    assert f"content/tips/fout.md:13:" in out and f"({rule})" in out


def test_a_body_markdown_cannot_render_in_time_is_an_error(check_page, monkeypatch):
    from handbook.check import body_html

    monkeypatch.setattr(body_html, "RENDER_SECONDS", 0.5)  # Python-Markdown takes minutes on this
    check_page(page("[" * 20000 + "<br>"), problem1=(11, 1, "unsafe-html"))


# F8 of the security review: no third-party requests from content.


def test_images_and_other_resources_from_other_sites(check_page):
    check_page(page("![Foto](https://tracker.example/p.png)"), problem1=(13, 9, "external-resource"))
    check_page(page("![Foto](//tracker.example/p.png)"), problem1=(13, 9, "external-resource"))
    check_page(page('<img src=https://tracker.example/p.png alt="Foto">'), problem1=(13, 10, "external-resource"))
    check_page(page("![Foto][p]", "", "[p]: https://tracker.example/p.png"), problem1=(15, 6, "external-resource"))
    check_page(page('![Foto](../afbeeldingen/.keep){: src="https://tracker.example/p.png" }'), problem1=(13, 39, "external-resource"))
    check_page(page('<img src="a.png" srcset="https://tracker.example/p.png 2x" alt="Foto">'), problem1=(13, 26, "external-resource"))
    check_page(page('<span style="background:url(https://tracker.example/p.png)">x</span>'), problem1=(13, 1, "raw-html"), problem2=(13, 29, "external-resource"))
    check_page(page('<video src="https://tracker.example/v.mp4"></video>'), problem1=(13, 1, "external-resource"))
    check_page(page('<picture><source srcset="https://tracker.example/p.webp"></picture>'), problem1=(13, 1, "unsafe-html"), problem2=(13, 10, "external-resource"))


def test_plain_links_to_other_sites_stay_allowed(check_page):
    check_page(page("Zie [de site](https://example.org/pagina.png) en <https://example.org/p.png>."))
    check_page(page("[Foto bekijken][p]", "", "[p]: https://example.org/p.png"))
