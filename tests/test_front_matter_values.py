"""F1, F4, F14: front-matter values are checked as YAML decodes them, at the value's line and column.

``tip(...)`` is the valid TIP page with its title replaced (line 2); ``source(...)``
the valid source page with a url on line 8.
"""

from __future__ import annotations

import textwrap

import pytest
from conftest import BASE_PAGES, TIP

from handbook.check.rules.html_in_value import markup
from handbook.content import schema_precheck, schemas
from handbook.content.web_address import is_web_url


def tip(title: str = "Geef een goede tip", description: str | None = None) -> str:
    # A tip's title starts with a verb (rule tip-title): "Geef " in front keeps these tests about the value.
    if not title.startswith("Geef"):
        title = title[0] + "Geef " + title[1:] if title[:1] in "\"'" else "Geef " + title
    page = TIP.replace("title: Geef een goede tip", f"title: {title}")
    if description is not None:
        page = page.replace("description: Een tip voor de tests, met een beschrijving die lang genoeg is.", f"description: {description}")
    return page


def source(url: str) -> str:
    page = textwrap.dedent(BASE_PAGES["bronnen/bron-a.md"]).replace("title: Bron A", "title: Testbron")
    return page.replace("isbn: 978-90-5830-743-9\n", f"isbn: 978-90-5830-743-9\nurl: {url}\n")


# --- F1: markup after YAML decoding ------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        r'"\x3cimg src=x onerror=alert(1)\x3e"',  # the review's repro
        r'"\u003cscript\u003ealert(1)\u003c/script\u003e"',
        r'"Titel \U0000003csvg onload=alert(1)\U0000003e"',
        '"Titel &lt;img src=x onerror=alert(1)&gt;"',  # HTML entities, read by a browser as a tag
        '"Titel <!-- opmerking -->"',
        "Titel </title>",
    ],
)
def test_a_title_that_decodes_to_html_is_an_error(check_page, title):
    check_page(tip(title), problem1=(2, 8, "html-in-value"))


def test_a_folded_scalar_that_joins_a_tag_is_an_error_at_its_value(check_page):
    folded = ">\n  Een beschrijving die lang genoeg is \\x3cimg src=x\n  onerror=alert(1)\\x3e echt."
    # In a folded scalar the escapes stay text: only an entity or a real '<' decodes to a tag.
    check_page(tip(description=folded))
    folded = ">\n  Een beschrijving die lang genoeg is &lt;img src=x\n  onerror=alert(1)&gt; echt."
    check_page(tip(description=folded), problem1=(3, 14, "html-in-value"))


@pytest.mark.parametrize(
    "value, where",
    [
        ("authors: [\"\\x3cb\\x3eJan\\x3c/b\\x3e\"]", (4, 11)),
        ("publisher: \"\\x3ciframe src=//x\\x3e\"", (6, 12)),
    ],
)
def test_names_in_lists_and_other_keys_are_checked_too(check_page, value, where):
    page = textwrap.dedent(BASE_PAGES["bronnen/bron-a.md"]).replace("title: Bron A", "title: Testbron")
    key = value.split(":")[0]
    page = "\n".join(value if line.startswith(key + ":") else line for line in page.split("\n"))
    check_page(page, "bronnen/test-bron.md", problem1=(*where, "html-in-value"))


@pytest.mark.parametrize(
    "title",
    ["Kinderen van 0-4 jaar", "Ouders & kinderen", "Groepen <12 deelnemers", "Als a < b, dan", "Het \"huiskamer\"-model",
     "Ouders &amp; kinderen", "Pijl -> verder", "Hart <3"],
)
def test_normal_text_stays_allowed(check_page, title):
    check_page(tip(f"'{title}'" if '"' in title else f'"{title}"'))


def test_markup_is_decided_on_where_a_tokenizer_starts_a_tag():
    assert markup("a<b") == "<b" and markup("x </p>") == "</p" and markup("<?php") == "<?"
    assert markup("<12 jaar") is None and markup("a <= b") is None and markup("& <") is None


# --- F14 (check side): control characters ------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        r'"\e]0;x\a\e[31mROOD"',  # the review's repro: ESC, BEL
        r'"Titel\r\nNep: regel"',
        r'"Twee\nregels"',
        r'"Titel \u202eEDCBA"',  # right-to-left override
        r'"Titel\x85met C1"',
        r'"Titel\tmet tab"',
        r'"Titel\x00"',
    ],
)
def test_control_characters_in_a_title_are_an_error(check_page, title):
    check_page(tip(title), problem1=(2, 8, "control-char"))


def test_a_line_break_is_allowed_in_prose_but_not_an_escape(check_page):
    check_page(tip(description="|\n  Een beschrijving die lang genoeg is\n  en over twee regels loopt."))
    check_page(tip(description='"Een beschrijving die lang genoeg is \\e[2J en scherm wist."'), problem1=(3, 14, "control-char"))


# --- F4: a web address that cannot leave its attribute ------------------------------


def test_the_reviews_url_is_an_error_at_its_value(check_page):
    check_page(source("'https://x.nl/\" onmouseover=\"alert(4)\" x=\"'"), "bronnen/test-bron.md", problem1=(8, 6, "invalid-url"))


@pytest.mark.parametrize(
    "url",
    ["'https://x.nl/a b'", "'https://x.nl/a>b'", "'https://x.nl/`x'", "'https://'",
     "'https:///pad'", "'https://x.nl:poort/'"],
)
def test_urls_with_quotes_spaces_or_no_host_are_errors(check_page, url):
    check_page(source(url), "bronnen/test-bron.md", problem1=(8, 6, "invalid-url"))


def test_a_control_character_in_a_url_is_named_as_well(check_page):
    for url in (r'"https://x.nl/\x1b[31m"', r'"http://x.nl/\u202e"'):
        check_page(source(url), "bronnen/test-bron.md", problem1=(8, 6, "invalid-url"), problem2=(8, 6, "control-char"))


def test_a_url_that_is_not_http_gets_one_error(check_page):
    check_page(source("javascript:alert(1)"), "bronnen/test-bron.md", problem1=(8, 6, "schema"))
    check_page(source("'https://www.nji.nl/opvoeden?a=1&b=2#deel'"), "bronnen/test-bron.md")


def test_the_quick_check_and_jsonschema_agree_on_urls():
    checker = schemas.validator("source").format_checker
    quick = schema_precheck._format_keyword("uri", {})
    cases = ["https://x.nl/", "http://x.nl/a?b=c", "https://x.nl/\" onmouseover=\"", "https://x.nl/a b", "ftp://x.nl/",
             "https://", "javascript:alert(1)", "https://zoë.nl/", 5, None]
    for value in cases:
        assert quick(value) == checker.conforms(value, "uri") == is_web_url(value), value
    assert is_web_url("https://x.nl/") and not is_web_url("https://x.nl/\" onmouseover=\"")
