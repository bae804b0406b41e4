"""handbook print: booklets and method cards, read back from the PDF and looked at as pixels."""

from __future__ import annotations

import re
import subprocess

import pytest
from pypdf import PdfReader

from handbook.content.loader import load_corpus
from handbook.printing import PrintError, render_document, select
from handbook.printing.facts import citation, dutch_date
from handbook.printing.pdf import render_pdf
from print_fixtures import THEME_TITLES, make_handbook


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return load_corpus(make_handbook(tmp_path_factory.mktemp("print")))


@pytest.fixture(scope="module")
def booklet(corpus, tmp_path_factory):
    html, pdf = render_pdf(select(corpus, theme="werken-met-ouders"), corpus)
    path = tmp_path_factory.mktemp("booklet") / "boekje.pdf"
    path.write_bytes(pdf)
    return html, path, PdfReader(path)


@pytest.fixture(scope="module")
def handout(corpus, tmp_path_factory):
    html, pdf = render_pdf(select(corpus, theme="werken-met-ouders"), corpus, handout=True)
    path = tmp_path_factory.mktemp("handout") / "kaarten.pdf"
    path.write_bytes(pdf)
    return html, path, PdfReader(path)


def texts(reader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def starts(reader) -> dict[str, int]:
    """Title -> the 1-based sheet where the page starts, from the PDF outline (bookmarks)."""
    return {
        item.title: reader.get_destination_page_number(item) + 1
        for item in reader.outline
        if not isinstance(item, list) and item.title not in ("Inhoud", "Over dit thema")
    }


# Selection
def test_theme_pages_by_type_then_title_without_drafts(corpus):
    assert [p.title for p in select(corpus, theme="werken-met-ouders").pages] == THEME_TITLES


def test_content_date_is_the_newest_updated(corpus):
    assert select(corpus, theme="werken-met-ouders").updated == "2025-03-14"


def test_type_accepts_dutch_folder_and_label(corpus):
    assert select(corpus, type="methoden").pages == select(corpus, type="Methode").pages == select(corpus, type="method").pages


def test_named_pages_keep_their_order(corpus):
    assert [p.slug for p in select(corpus, pages=["koffie-eerst", "content/methoden/kringgesprek.md"]).pages] == ["koffie-eerst", "kringgesprek"]


def test_query_finds_pages_by_word(corpus):
    assert [p.slug for p in select(corpus, query="koffie").pages][0] == "koffie-eerst"


@pytest.mark.parametrize(
    "choice, message",
    [
        ({"theme": "empowermnt"}, "onbekend thema 'empowermnt' — bedoelde je 'empowerment'?"),
        ({"theme": "empowerment"}, "het thema 'empowerment' heeft nog geen gepubliceerde"),
        ({"type": "metoden"}, "onbekend paginatype 'metoden' — bedoelde je 'methoden'?"),
        ({"type": "xyz"}, "onbekend paginatype 'xyz'; kies uit: methoden, tips"),
        ({"pages": ["kringgespek"]}, "onbekende pagina 'kringgespek' — bedoelde je 'kringgesprek'?"),
        ({"query": "   "}, "de zoekopdracht is leeg"),
        ({"query": "zzzqqq"}, "niets gevonden voor 'zzzqqq'"),
        ({"pages": []}, "geen pagina's gekozen"),
    ],
)
def test_wrong_choice_gets_a_dutch_message(corpus, choice, message):
    with pytest.raises(PrintError, match=re.escape(message)):
        select(corpus, **choice)


def test_handout_without_methods_is_refused(corpus):
    with pytest.raises(PrintError, match="geen methoden"):
        render_document(select(corpus, pages=["koffie-eerst"]), corpus, handout=True)


# Facts
def test_dutch_date():
    assert (dutch_date("2025-03-14"), dutch_date("onbekend")) == ("14 maart 2025", "onbekend")


def test_citation_is_complete_and_punctuated(corpus):
    assert citation(corpus.get("bron-boek")) == (
        "A. Auteur en B. Schrijver (2016). Een boek over ouders in de wijk. Uitgeverij Test. ISBN 978-90-5830-743-9."
    )
    assert citation(corpus.get("bron-web")) == (
        "Onderzoeksbureau Test (z.j.). Een projectpagina! Onderzoeksbureau Test. https://voorbeeld.nl/project"
    )


# HTML
def test_links_stay_inside_the_print_or_go_online(booklet):
    html = booklet[0]
    assert 'href="#p-koffie-eerst"' in html  # a page in this booklet
    assert 'href="#p-kringgesprek-stappen"' in html  # a heading of a page in this booklet
    assert 'href="https://handboek.example.org/wijken/wijk-a/"' in html  # a page not in it: online


def test_heading_ids_are_unique_in_the_booklet(booklet):
    ids = re.findall(r'\bid="([^"]+)"', booklet[0])
    assert len(ids) == len(set(ids))


def test_html_is_dutch_hyphenated_and_self_contained(booklet):
    html = booklet[0]
    assert '<html lang="nl">' in html and "hyphens: auto" in html
    assert not re.search(r"<(link|script)\b", html)
    assert not re.search(r'\ssrc="(?!data:)', html)  # nothing to fetch, not even the external photo


def test_external_image_becomes_its_description(booklet):
    assert '<span class="missing-image">Een foto van een kring</span>' in booklet[0]


def test_url_fetcher_refuses_the_network():
    from handbook.printing.pdf import _fetcher

    with pytest.raises(ValueError, match="disallowed protocol"):
        _fetcher()("https://voorbeeld.nl/kring.jpg")


# PDF read back
def test_every_title_is_in_the_booklet(booklet):
    text = "\n".join(texts(booklet[2]))
    assert all(title in text for title in THEME_TITLES)
    assert "Een tip in concept" not in text


def test_cover_has_theme_handbook_and_content_date(booklet):
    cover = texts(booklet[2])[0]
    for part in ("Werken met ouders", "Ouders als volwaardige partners", "Handboek Samen Leren in de Wijk", "14 maart 2025"):
        assert part in cover


def test_contents_numbers_are_where_pages_start(booklet):
    reader = booklet[2]
    contents = texts(reader)[2]
    listed = {title: int(n) for title, n in re.findall(r"^(.+?)[ .]*?\.{3,}\s*(\d+)$", contents, re.M)}
    listed = {re.sub(r"\s*\.+$", "", title).strip(): n for title, n in listed.items()}
    assert listed == starts(reader)
    for title, number in listed.items():
        assert title in texts(reader)[number - 1]


def test_page_count_each_page_on_its_own_sheets(booklet):
    reader = booklet[2]
    # cover, the theme's text, contents, then every page on new sheets: the long method takes three.
    assert list(starts(reader).values()) == [4, 5, 8, 9, 10]
    assert len(reader.pages) == 10
    assert "Over dit thema: ouders weten veel" in texts(reader)[1]


def test_running_header_and_footer(booklet):
    third = texts(booklet[2])[3]
    assert "Werken met ouders" in third and "pagina 4 van 10" in third and "Handboek Samen Leren in de Wijk" in third


def test_method_page_has_card_steps_sources_and_link_back(booklet):
    page = "\n".join(texts(booklet[2])[3:5])  # the method and its sources (which never stand alone)
    page += re.sub(r"\s+", "", page)  # the address wraps in its narrow caption
    for part in ("45–60 minuten", "5–10 deelnemers", "Gespreksleider", "stoelen in een kring", "Stappen",
                 "Uitgeverij Test. ISBN 978-90-5830-743-9", "https://handboek.example.org/methoden/kringgesprek/"):
        assert part in page or re.sub(r"\s+", "", part) in page, part  # a line may wrap anywhere
    assert "<svg" in booklet[0] and 'class="segno"' in booklet[0]


def test_pdf_dates_come_from_the_content(booklet):
    info = booklet[2].metadata
    assert info["/CreationDate"].startswith("D:20250314") and info["/ModDate"].startswith("D:20250314")


def test_handout_is_one_sheet_per_method(handout):
    html, _, reader = handout
    assert len(reader.pages) == 2
    assert "Kringgesprek" in texts(reader)[0] and "Lange methode met veel stappen" in texts(reader)[1]
    assert "compact-2" in html  # the long one was set smaller to fit its sheet
    assert "Stap 18" in texts(reader)[1] and "https://handboek.example.org/methoden/lange-methode/" in texts(reader)[1]


def pdftotext(path, first: int, last: int) -> str:
    text = subprocess.run(["pdftotext", "-layout", "-f", str(first), "-l", str(last), str(path), "-"],
                          check=True, capture_output=True, text=True).stdout
    return " ".join(text.split())  # lines wrap anywhere


def test_preparation_is_in_the_printed_fact_box_and_on_the_card(booklet, handout):
    """#16: a method's preparation is printed; a method whose sources say nothing about it says so."""
    method = pdftotext(booklet[1], 4, 5)
    assert "Voorbereiding Iedere deelnemer denkt vooraf na over een moment uit de afgelopen week." in method
    card, long_card = pdftotext(handout[1], 1, 1), pdftotext(handout[1], 2, 2)
    # The card's headings are letter-spaced: compare without spaces.
    assert "VOORBEREIDING•Iederedeelnemerdenktvooraf" in card.replace(" ", "")
    assert "Voorbereiding niet bekend uit de bronnen" in long_card


# Pixels
def ink(png) -> float:
    """The share of pixels that are not (near) white, between the running header and footer."""
    from PIL import Image

    image = Image.open(png).convert("L")
    width, height = image.size
    image = image.crop((0, int(height * 0.1), width, int(height * 0.9)))
    histogram = image.histogram()
    return sum(histogram[:200]) / sum(histogram)


@pytest.mark.parametrize("which", ["booklet", "handout"])
def test_no_sheet_is_blank(request, tmp_path, which):
    path = request.getfixturevalue(which)[1]
    subprocess.run(["pdftoppm", "-png", "-r", "24", str(path), str(tmp_path / "s")], check=True)
    sheets = sorted(tmp_path.glob("s-*.png"))
    assert sheets and all(ink(png) > 0.001 for png in sheets)  # an empty body has 0


# Determinism
def test_two_prints_give_the_same_bytes(corpus, booklet):
    assert render_pdf(select(corpus, theme="werken-met-ouders"), corpus)[1] == booklet[1].read_bytes()


# The site's Markdown, on paper
def test_print_uses_the_extensions_of_mkdocs_yml(corpus):
    from handbook.printing.config import site_config
    from handbook.printing.markup import LinkContext, to_html

    page = corpus.get("kringgesprek")
    html = to_html('!!! tip "Let op"\n\n    Neem de tijd.\n\n## Kop {: .groot }', page, LinkContext(corpus, site_config(corpus.root), frozenset()))
    assert '<div class="admonition tip">' in html and 'class="groot"' in html and "¶" not in html


def test_mkdocs_yml_with_python_tags_is_read(tmp_path):
    from handbook.printing.config import site_config

    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test\nsite_url: https://example.org/handboek\nmarkdown_extensions:\n"
        "  - pymdownx.superfences:\n      custom_fences:\n        - name: x\n          class: x\n"
        "          format: !!python/name:pymdownx.superfences.fence_code_format\n"
        "  - toc:\n      permalink: true\nextra:\n  key: !ENV [HOME, x]\n",
        encoding="utf-8",
    )
    config = site_config(tmp_path)
    assert config.site_url == "https://example.org/handboek/"
    assert config.extensions == ("pymdownx.superfences", "toc", "tables", "fenced_code")
    assert config.extension_configs["toc"] == {"permalink": False}


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        (None, ""),  # make serve's address: left off the paper
        ("https://leernetwerk.example.org/handboek", "https://leernetwerk.example.org/handboek/"),
        ("http://localhost:8000/", ""),
    ],
)
def test_site_url_from_the_environment_and_local_addresses_left_off(tmp_path, monkeypatch, env, expected):
    from handbook.printing.config import site_config

    if env is None:
        monkeypatch.delenv("HANDBOOK_SITE_URL", raising=False)
    else:
        monkeypatch.setenv("HANDBOOK_SITE_URL", env)
    (tmp_path / "mkdocs.yml").write_text(
        'site_name: Test\nsite_url: !ENV [HANDBOOK_SITE_URL, "http://127.0.0.1:8000/"]\n', encoding="utf-8"
    )
    assert site_config(tmp_path).site_url == expected


def test_a_local_site_address_prints_no_link_and_no_qr_code(tmp_path):
    root = make_handbook(tmp_path)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(re.sub(r"(?m)^site_url:.*$", "site_url: http://127.0.0.1:8000/", config), encoding="utf-8")
    corpus = load_corpus(root)
    html = render_document(select(corpus, theme="werken-met-ouders"), corpus)
    assert "127.0.0.1" not in html
    assert "<svg" not in html  # no QR code
    assert 'href="#p-koffie-eerst"' in html  # links inside the booklet still jump
    assert "wijken/wijk-a" not in html  # a page outside it: words only, no dead link
