"""The published site's search in Chromium (issue 14): Pagefind behind Material's search box,
with the handbook's Dutch analysis. Every query is typed into the box with press_sequentially.

The evaluation (tests/search_eval/queries.yaml) runs once over the site the browser tests
share; its figures are checked against the issue's targets and against `handbook search`."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from handbook.search import evaluation as ev
from handbook.search import queries as searching

from .conftest import REPO

QUERIES = REPO / "tests" / "search_eval" / "queries.yaml"

pytestmark = pytest.mark.browser

BOX = ".md-search__input"
RESULT_LINKS = ".md-search-result__item > a"


def search(page, text: str) -> list[str]:
    """Type ``text`` into the search box and return the result links, best first."""
    box = page.locator(BOX)
    box.click()
    box.fill("")
    box.press_sequentially(text, delay=5)
    page.wait_for_function(
        "q => document.querySelector('[data-hb-search]').getAttribute('data-hb-search-done') === q", arg=text
    )
    return page.locator(RESULT_LINKS).evaluate_all("els => els.map(e => e.getAttribute('href'))")


@pytest.fixture(scope="module")
def evaluation(browser, base_url, built):
    """Each evaluation query typed once, on one page: (queries, site ranking, CLI ranking)."""
    queries = ev.load(QUERIES)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(base_url + "index.html")
    site = {q.text: search(page, q.text) for q in queries}
    context.close()
    cli = {}
    for query in queries:
        # As a reader would: nothing found, then the "Bedoelde je" of handbook search.
        outcome = searching.search(built, query.text, limit=10)
        if not outcome.results and outcome.did_you_mean:
            outcome = searching.search(built, outcome.did_you_mean, limit=10)
        cli[query.text] = [r.path for r in outcome.results]
    return queries, site, cli


def test_site_search_meets_the_targets_on_the_evaluation_set(evaluation):
    queries, site, _ = evaluation
    report = ev.score(queries, site)
    failures = {q: [ev.page_key(h) for h in site[q][:3]] for q in report.failures}
    assert report.success_at_k >= 0.95, (report.summary(), failures)
    assert report.mrr >= 0.90, (report.summary(), failures)
    assert report.no_result == []
    assert report.contributor_in_top == []


def test_site_and_handbook_search_put_the_same_page_first(evaluation):
    queries, site, cli = evaluation
    differ = {q.text: (ev.page_key((site[q.text] or [""])[0]), ev.page_key((cli[q.text] or [""])[0])) for q in queries}
    differ = {q: pair for q, pair in differ.items() if pair[0] != pair[1]}
    assert ev.agreement(queries, site, cli) >= 0.90, differ


def test_nothing_is_downloaded_for_search_until_someone_searches(page, base_url):
    requests = []
    page.on("request", lambda r: requests.append(urlsplit(r.url).path))
    page.goto(base_url + "index.html", wait_until="networkidle")
    page.goto(base_url + "themas/samen-leren.html", wait_until="networkidle")
    assert not [p for p in requests if "/pagefind/" in p or "/hb-search/" in p or "/search/" in p]
    search(page, "moeders")
    assert any(p.endswith("/pagefind/pagefind.js") for p in requests)


def test_a_result_shows_title_type_and_a_highlighted_excerpt(page, base_url):
    page.goto(base_url + "index.html")
    search(page, "moeders")
    first = page.locator(".md-search-result__item").first
    assert first.locator("h1").inner_text().strip()
    assert first.locator(".hb-search__type").text_content().strip() in {"Methode", "Tip", "Thema", "Praktijk", "Roadshow", "Wijk", "Bron", "Pagina"}
    assert page.locator(".md-search-result__item .hb-search__excerpt mark").count() > 0


def test_extra_terms_find_a_page_but_never_show(page, base_url, site_dir):
    # 'bespreking' is not a word of the incident method's text, only a part of 'casusbespreking'.
    page.goto(base_url + "index.html")
    hrefs = search(page, "bespreking")
    assert any(ev.page_key(h).endswith("themas/casusbespreking") for h in hrefs[:3]), hrefs
    shown = page.locator(".md-search-result").inner_text()
    for item in page.locator(".md-search-result__item").all():
        text = item.inner_text()
        assert "casuistiekbespreking" not in text and "collegiale consultatie casus" not in text, text
    assert "termen" not in shown


def test_a_typo_says_bedoelde_je_and_shows_the_results_of_the_correction(page, base_url):
    page.goto(base_url + "index.html")
    hrefs = search(page, "laageletterdheid")
    assert page.locator("[data-hb-search-suggest]").is_visible()
    assert "Bedoelde je laaggeletterdheid?" in page.locator("[data-hb-search-suggest]").inner_text()
    assert ev.page_key(hrefs[0]).endswith("themas/laaggeletterdheid")


def test_contributor_pages_only_when_asked_for(page, base_url):
    page.goto(base_url + "index.html")
    hrefs = search(page, "pull request")
    assert not [h for h in hrefs if "bijdragen/" in h]
    page.locator("[data-hb-search-contributors]").check()
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item a[href*=\"bijdragen/\"]').length > 0")


def test_an_opened_result_highlights_the_searched_words(page, base_url):
    page.goto(base_url + "index.html")
    search(page, "moeders")
    page.locator(RESULT_LINKS).first.click()
    page.wait_for_load_state("networkidle")
    assert "highlight=" in page.url
    page.wait_for_selector("[data-pagefind-body] mark.pagefind-highlight")


def test_the_published_site_opened_from_disk_points_to_the_offline_copy(page, site_dir):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((site_dir / "index.html").as_uri())
    page.locator(BOX).click()
    page.locator(BOX).press_sequentially("moeders", delay=5)
    page.wait_for_function("() => document.querySelector('[data-hb-search-status]').textContent.includes('offline')")
    assert errors == []
