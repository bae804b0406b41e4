"""The handbook's own words: no page copies a run of ten words from a source text,
every method and tip cites a source, and every theme has pages that belong to it.

The five source texts live next to the repository, in ``../shared/sources/*.txt``.
Case, punctuation and whitespace do not count: "Vraag-gericht, WERKEN!" and
"vraag gericht werken" are the same three words. Web addresses are not prose and
are left out: a source page's URL may well spell out the source's title.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from handbook.content.loader import load_corpus

REPO = Path(__file__).resolve().parents[1]
SOURCES = Path(__file__).resolve().parents[2] / "shared" / "sources"
RUN = 10  # a run of this many words in a row counts as copied

_WORD = re.compile(r"\w+")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\]]+")


def words(text: str) -> list[str]:
    """Lower-case words without punctuation or web addresses; accents are kept ("ï" stays "ï")."""
    text = _URL.sub(" ", unicodedata.normalize("NFKC", text)).casefold().replace("_", " ")
    return _WORD.findall(text)


def runs_of(tokens: list[str], size: int = RUN):
    for start in range(len(tokens) - size + 1):
        yield start, tuple(tokens[start : start + size])


def source_index(files) -> dict[tuple, str]:
    """Every run of RUN words of every source text, with the source's file name."""
    index: dict[tuple, str] = {}
    for file in files:
        for _, run in runs_of(words(Path(file).read_text(encoding="utf-8"))):
            index.setdefault(run, Path(file).name)
    return index


def copied(text: str, index: dict[tuple, str]) -> list[tuple[str, str]]:
    """The copied stretches in text: (the words, the source file), overlapping runs merged."""
    tokens = words(text)
    found: list[tuple[int, int, str]] = []  # start, end (exclusive), source
    for start, run in runs_of(tokens):
        source = index.get(run)
        if source is None:
            continue
        if found and start < found[-1][1] and found[-1][2] == source:
            found[-1] = (found[-1][0], start + RUN, source)
        else:
            found.append((start, start + RUN, source))
    return [(" ".join(tokens[a:b]), source) for a, b, source in found]


def texts_of(page):
    """(where, text) for each front-matter value and for the body of a page."""

    def walk(value, key):
        if isinstance(value, str):
            yield key, value
        elif isinstance(value, dict):
            for k, v in value.items():
                yield from walk(v, f"{key}.{k}")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                yield from walk(v, f"{key}[{i}]")

    for key, value in page.meta.items():
        yield from walk(value, str(key))
    yield "tekst", page.body


@pytest.fixture(scope="module")
def index():
    files = sorted(SOURCES.glob("*.txt")) if SOURCES.is_dir() else []
    if not files:
        pytest.skip(f"de brontekst-map {SOURCES} ontbreekt of is leeg: de kopieertoets kan niet draaien")
    return source_index(files)


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(REPO)


# --- the detector itself ------------------------------------------------------------


def test_detector_sees_a_copied_run_through_case_and_punctuation():
    index = source_index_from("Het project slaagt in de opzet om 60 van de doelgroep te bereiken.")
    assert copied("HET project -- slaagt, in de opzet om 60 van de doelgroep!", index) == [
        ("het project slaagt in de opzet om 60 van de doelgroep", "bron.txt")
    ]


def test_detector_lets_nine_words_pass():
    index = source_index_from("een twee drie vier vijf zes zeven acht negen tien elf")
    assert copied("een twee drie vier vijf zes zeven acht negen", index) == []


def test_detector_skips_web_addresses():
    index = source_index_from("opvoedondersteuning in de multi etnische wijk onderzoek naar verbindingen tussen wijkteams")
    assert copied("https://example.org/opvoedondersteuning-in-de-multi-etnische-wijk-onderzoek-naar-verbindingen-tussen-wijkteams", index) == []


def test_detector_merges_overlapping_runs_into_one_stretch():
    index = source_index_from("a b c d e f g h i j k l")
    assert copied("x a b c d e f g h i j k l y", index) == [("a b c d e f g h i j k l", "bron.txt")]


def test_detector_reads_every_front_matter_value():
    class Page:
        meta = {"title": "T", "roles": [{"name": "Inbrenger", "task": "vertelt"}], "themes": ["a", "b"]}
        body = "Tekst"

    assert list(texts_of(Page)) == [
        ("title", "T"),
        ("roles[0].name", "Inbrenger"),
        ("roles[0].task", "vertelt"),
        ("themes[0]", "a"),
        ("themes[1]", "b"),
        ("tekst", "Tekst"),
    ]


def source_index_from(text: str) -> dict[tuple, str]:
    return {run: "bron.txt" for _, run in runs_of(words(text))}


# --- the handbook's content ---------------------------------------------------------


def test_no_page_copies_ten_words_from_a_source(corpus, index):
    problems = []
    for page in corpus.pages:
        for where, text in texts_of(page):
            for stretch, source in copied(text, index):
                problems.append(f"{page.path} ({where}): '{stretch}' staat ook in {source}")
    assert not problems, (
        f"{len(problems)} stuk(ken) tekst van {RUN} of meer woorden staan letterlijk in een brontekst; "
        "schrijf ze in je eigen woorden:\n" + "\n".join(problems)
    )


def test_every_method_and_tip_cites_a_source(corpus):
    missing = []
    for page in corpus.of_type("method") + corpus.of_type("tip"):
        cited = [corpus.get(slug) for slug in page.slugs("sources")]
        if not any(target is not None and target.type == "source" for target in cited):
            missing.append(page.path)
    assert not missing, "deze pagina's noemen geen bestaande bron onder 'sources':\n" + "\n".join(missing)


def test_every_theme_has_a_method_tip_or_practice(corpus):
    used = {
        slug
        for kind in ("method", "tip", "practice")
        for page in corpus.of_type(kind)
        for slug in page.slugs("themes")
    }
    empty = [theme.path for theme in corpus.of_type("theme") if theme.slug not in used]
    assert not empty, "bij deze thema's staat nog geen gepubliceerde methode, tip of praktijk:\n" + "\n".join(empty)
