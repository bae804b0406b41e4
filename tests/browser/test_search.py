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


# When the first results were there (the search box sets data-hb-search-done after showing them),
# in the clock of Playwright's request timings. Pagefind fetches in its worker: no resource timing.
DONE_AT = """new MutationObserver(() => { if (window.hbDoneAt === undefined) window.hbDoneAt = Date.now(); })
  .observe(document, { subtree: true, attributes: true, attributeFilter: ['data-hb-search-done'] });"""


def test_filters_by_type_and_theme_with_counts_fetched_only_after_the_first_results(page, base_url):
    finished = []
    page.on("requestfinished", lambda r: finished.append((urlsplit(r.url).path, r.timing["startTime"] + r.timing["responseEnd"])))
    page.add_init_script(DONE_AT)
    page.goto(base_url + "index.html")
    search(page, "moeders")
    page.wait_for_function("() => document.querySelector('[data-hb-search]').getAttribute('data-hb-search-filtered') === 'moeders'")
    done_at = page.evaluate("() => window.hbDoneAt")
    chunks = [(path, end) for path, end in finished if "/pagefind/filter/" in path]
    first = [path for path, end in chunks if end <= done_at]
    after = [path for path, end in chunks if end > done_at]
    # The first results need only the 'deel' filter (readers' pages); the others come after them.
    assert len(first) <= 1 and after, (first, after)
    everything = page.locator(RESULT_LINKS).count()

    kind = page.get_by_label("Soort", exact=True)
    assert kind.is_visible() and page.get_by_label("Thema", exact=True).is_visible() and page.get_by_label("Wijk of plaats").is_visible()
    options = kind.locator("option").all_inner_texts()
    methods = [o for o in options if o.startswith("Methode (")]
    assert options[0] == "Alle" and methods, options
    expected = int(methods[0].removeprefix("Methode (").removesuffix(")"))
    kind.select_option(label=methods[0])
    page.wait_for_function("n => document.querySelector('[data-hb-search-status]').textContent.startsWith(n + ' resulta')"
                           " && document.querySelectorAll('.md-search-result__item').length === Math.min(n, 10)", arg=expected)
    types = page.locator(".md-search-result__item .hb-search__type").all_text_contents()
    assert types and set(types) == {"Methode"} and len(types) == min(expected, 10), types
    assert "(Methode)" in page.locator("[data-hb-search-status]").inner_text()

    # A theme narrows further; its counts are those of methods about 'moeders'.
    kind.select_option(value="")
    page.wait_for_function("n => document.querySelectorAll('.md-search-result__item').length === n", arg=everything)
    theme = page.get_by_label("Thema", exact=True)
    themes = [o for o in theme.locator("option").all_inner_texts()[1:]]
    assert themes and all(o.endswith(")") for o in themes), themes
    smallest = min(themes, key=lambda o: int(o.rsplit("(", 1)[1].rstrip(")")))
    count = int(smallest.rsplit("(", 1)[1].rstrip(")"))
    assert count < everything
    theme.select_option(label=smallest)
    page.wait_for_function("n => document.querySelector('[data-hb-search-status]').textContent.startsWith(n + ' resulta')"
                           " && document.querySelectorAll('.md-search-result__item').length === Math.min(n, 10)", arg=count)

    # Audience ('Voor wie', the index's filter 'voor'): 'Iedereen' first, then narrower.
    theme.select_option(value="")
    page.wait_for_function("n => document.querySelectorAll('.md-search-result__item').length === n", arg=everything)
    audience = page.get_by_label("Voor wie", exact=True)
    groups = audience.locator("option").all_inner_texts()
    assert groups[0] == "Iedereen" and any(o.startswith("Ouders (") for o in groups[1:]), groups
    parents = next(o for o in groups if o.startswith("Ouders ("))
    count = int(parents.rsplit("(", 1)[1].rstrip(")"))
    total = int(page.locator("[data-hb-search-status]").inner_text().split()[0])
    assert 0 < count < total, (parents, total)
    audience.select_option(label=parents)
    page.wait_for_function("n => document.querySelector('[data-hb-search-status]').textContent.startsWith(n + ' resulta')"
                           " && document.querySelectorAll('.md-search-result__item').length === Math.min(n, 10)", arg=count)


def test_the_filters_are_reached_with_the_keyboard(page, base_url):
    page.goto(base_url + "index.html")
    search(page, "armoede")
    page.wait_for_function("() => document.querySelector('[data-hb-search]').getAttribute('data-hb-search-filtered') === 'armoede'")
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('data-hb-filter')") == "type":
            break
    else:
        pytest.fail("Tab from the search box does not reach the filters")
    assert page.evaluate("() => document.activeElement.labels[0].textContent.trim()") == "Soort"
    assert page.evaluate("() => document.activeElement.closest('fieldset').querySelector('legend').textContent") == "Verfijn de resultaten"


def test_the_filters_fit_a_phone(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="nl-NL")
    page = context.new_page()
    page.goto(base_url + "index.html")
    page.locator("label[for=__search]").first.click()
    search(page, "moeders")
    page.wait_for_function("() => document.querySelector('[data-hb-search]').getAttribute('data-hb-search-filtered') === 'moeders'")
    for name in ("type", "thema", "plaats", "voor"):
        box = page.locator(f"[data-hb-filter={name}]").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["height"] >= 40, (name, box)
    assert page.locator(RESULT_LINKS).first.bounding_box()["y"] < 400  # the results stay in view
    context.close()


# Where the focus is: in the search box's input, elsewhere in the search panel, or outside it;
# and whether the search is open (Material's toggle).
FOCUS = """() => {
  const a = document.activeElement, box = document.querySelector('[data-hb-search]');
  const where = a.matches('.md-search__input') ? 'input' : box.contains(a) ? 'panel' : 'outside';
  return { where, open: document.getElementById('__search').checked,
           what: a.tagName + ' ' + (a.className || '') + ' ' + (a.textContent || '').trim().slice(0, 30) };
}"""


def _tab_through(page, presses):
    seen = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        seen.append(page.evaluate(FOCUS))
    return seen


@pytest.mark.parametrize("width", [1280, 390])
def test_tab_from_the_header_never_lands_in_the_closed_search_panel(browser, base_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.goto(base_url + "index.html")
    seen = _tab_through(page, 12)
    context.close()
    # Nothing typed: the panel shows nothing, so nothing in it takes the focus (status line,
    # contributor checkbox); and once the focus has passed the search, the search is closed
    # (its overlay would hide the focused link).
    assert [s for s in seen if s["where"] == "panel"] == [], seen
    assert [s for s in seen if s["where"] == "outside" and s["open"]] == [], seen
    assert any(s["where"] == "outside" for s in seen[seen.index(next(s for s in seen if s["where"] == "input")):]), seen


def test_tab_past_the_results_closes_the_search(page, base_url):
    page.goto(base_url + "index.html")
    search(page, "armoede")
    seen = _tab_through(page, 30)
    assert any(s["where"] == "panel" for s in seen), seen  # the results and filters are reached
    left = [s for s in seen if s["where"] == "outside"]
    assert left and not any(s["open"] for s in left), seen


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_open_search_with_filters_passes_axe(browser, base_url, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + "index.html")
    search(page, "moeders")
    page.wait_for_function("() => document.querySelector('[data-hb-search]').getAttribute('data-hb-search-filtered') === 'moeders'")
    page.get_by_label("Soort", exact=True).select_option(index=1)
    page.wait_for_timeout(500)
    results = Axe().run(page, context="[data-hb-search]")
    bad = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    context.close()
    assert bad == [], results.generate_report()
