"""The published handbook in a real browser: loads cleanly, searches in Dutch, shows its
cards and theme listings, never loads anything from another host, passes axe-core and
prints without navigation."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from .conftest import DRAFT_SLUG, url_of

from handbook.content import display

from handbook.site import listings

pytestmark = pytest.mark.browser

METHOD = "incidentmethode"


def heading(page) -> str:
    return page.locator("article h1").first.inner_text().rstrip("¶").strip()


def absolute(page, href):
    return urljoin(page.url, href).split("#")[0].split("?")[0]


def test_home_page_loads_without_console_errors(page, base_url):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base_url + "index.html", wait_until="networkidle")
    assert heading(page) == "Handboek Samen Leren in de Wijk"
    assert page.locator(".hb-entry").count() >= 6  # entry points by type and by theme
    assert errors == []


@pytest.mark.parametrize(
    "query, expected",
    [("casusbesprekingen", "themas/casusbespreking.html"), ("vrijwilligers", "themas/vrijwilligers.html")],
)
def test_dutch_search_finds_pages_by_an_inflected_form(page, base_url, query, expected):
    page.goto(base_url + "index.html")
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(query, delay=30)
    page.wait_for_selector(".md-search-result__item")
    hrefs = [absolute(page, h) for h in page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.getAttribute('href'))")]
    assert base_url + expected in hrefs, hrefs


def test_search_stems_dutch_plurals_to_their_singular(page, base_url, site_dir):
    # 'casusbesprekingen' itself is in no page title; the hit comes from stemming.
    assert "casusbesprekingen" not in (site_dir / "themas" / "casusbespreking.html").read_text(encoding="utf-8").split("<article")[1].split("</h1>")[0]


def test_method_page_shows_its_card_and_links_its_themes(page, base_url, corpus):
    method = corpus.get(METHOD)
    page.goto(base_url + url_of(method))
    card = page.locator(".hb-card-meta")
    assert card.is_visible()
    text = card.inner_text()
    assert display.span(method.meta["duration"], "minuten") in text
    assert display.span(method.meta["group_size"], "deelnemers") in text
    for role in method.meta["roles"]:
        assert role["name"] in text
    # #16: the preparation, or an honest line that the sources do not say.
    assert "Voorbereiding" in text
    for line in display.preparation(method) or (display.UNKNOWN_FROM_SOURCES,):
        assert line in text
    chips = page.locator(".hb-chips a.hb-chip")
    hrefs = [absolute(page, h) for h in chips.evaluate_all("els => els.map(e => e.getAttribute('href'))")]
    assert hrefs == [base_url + url_of(corpus.get(s)) for s in method.slugs("themes")]
    chips.first.click()
    assert heading(page) == corpus.get(method.slugs("themes")[0]).title


def test_every_theme_page_lists_every_published_tagged_page_and_no_draft(page, base_url, corpus):
    assert corpus.get(DRAFT_SLUG).status == "draft"
    themes = corpus.of_type("theme")
    assert themes
    for theme in themes:
        page.goto(base_url + url_of(theme))
        listed = {
            absolute(page, h)
            for h in page.locator("article .hb-card__title a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        }
        wanted = {base_url + url_of(p) for p in listings.tagged(corpus, theme.slug)}
        assert listed == wanted, theme.slug
        assert DRAFT_SLUG not in page.content()
    response = page.goto(base_url + f"tips/{DRAFT_SLUG}.html")
    assert response.status == 404


def test_no_request_leaves_localhost(page, base_url, corpus):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    for path in ("index.html", url_of(corpus.get(METHOD)), url_of(corpus.get("samen-leren")), "methoden/index.html"):
        page.goto(base_url + path, wait_until="networkidle")
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("ouders", delay=20)
    page.wait_for_selector(".md-search-result__item")
    outside = [u for u in requests if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).hostname != "127.0.0.1"]
    assert requests and outside == []


def test_built_html_loads_nothing_from_another_host(site_dir):
    import re

    pattern = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)="(?:https?:)?//', re.I)
    offenders = [
        str(f.relative_to(site_dir))
        for f in site_dir.rglob("*.html")
        if any("stylesheet" in m or "<script" in m.lower() or "<img" in m.lower() for m in pattern.findall(f.read_text(encoding="utf-8")))
        or re.search(r'<(?:script|img|iframe)\b[^>]*\bsrc="(?:https?:)?//', f.read_text(encoding="utf-8"), re.I)
        or re.search(r'<link\b[^>]*rel="(?:stylesheet|preload|preconnect|icon)"[^>]*href="(?:https?:)?//', f.read_text(encoding="utf-8"), re.I)
    ]
    assert offenders == []


@pytest.mark.parametrize("path", [
    "index.html", "methoden/incidentmethode.html", "themas/samen-leren.html", "methoden/index.html",
    "praktijken/wij-moeders-deventer.html", "roadshows/roadshow-crooswijk.html", "bronnen/rotterdam-leernetwerk.html",
    "wijken/crooswijk.html", "praktijken/index.html",
])
def test_axe_finds_no_serious_or_critical_violation(page, base_url, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(base_url + path, wait_until="networkidle")
    results = Axe().run(page)
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == []


def test_overview_filters_methods_by_theme_audience_and_duration(page, base_url, corpus):
    methods = corpus.of_type("method")
    page.goto(base_url + "methoden/index.html")
    cards = page.locator("article li.hb-card")
    assert cards.count() == len(methods)
    page.select_option("#hb-filter-theme", "casusbespreking")
    assert page.locator("article li.hb-card:visible").count() == sum("casusbespreking" in m.slugs("themes") for m in methods)
    page.select_option("#hb-filter-duration", "60")
    expected = sum("casusbespreking" in m.slugs("themes") and m.meta["duration"]["min"] <= 60 for m in methods)
    assert page.locator("article li.hb-card:visible").count() == expected
    assert "thema=" not in page.url and "theme=casusbespreking" in page.url  # a filtered view can be shared


def test_keyboard_skip_link_leads_to_the_filters_with_a_visible_focus(page, base_url):
    page.goto(base_url + "methoden/index.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    page.keyboard.press("Enter")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "hb-filter-theme":
            break
    assert page.evaluate("document.activeElement.id") == "hb-filter-theme"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    filters = page.evaluate("document.querySelectorAll('form[data-hb-filter] select').length")
    for _ in range(filters):  # past every filter: the first card's link
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.hb-card') !== null")


def test_print_stylesheet_hides_navigation(page, base_url, corpus):
    page.goto(base_url + url_of(corpus.get(METHOD)))
    assert page.locator(".md-sidebar--primary").is_visible()
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search", ".hb-print"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("article h1").is_visible() and page.locator(".hb-card-meta").is_visible()
    after = page.evaluate(
        "() => { const a = document.querySelector('article a[href^=\"http\"]:not(.hb-sources__web)');"
        " return a ? [a.href, getComputedStyle(a, '::after').content] : null; }"
    )
    if after is not None:
        assert after[0] in after[1]  # an external link prints its address


def test_site_works_opened_from_disk(page, offline_site_dir, corpus):
    # The offline copy (handbook build --offline) searches with Material's lunr from file://:
    # no false "Ontbreekt" where the word is highlighted, links that highlight on the opened
    # page, and no contributor pages.
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((offline_site_dir / "index.html").as_uri())
    page.locator(".hb-entry a").first.click()
    assert page.url.startswith("file://") and page.url.endswith(".html")
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("casusbesprekingen", delay=30)
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    first = page.locator(".md-search-result__item").first
    assert first.locator("mark").count() > 0
    assert first.locator(".md-search-result__terms").count() == 0, first.inner_text()
    assert "?h=casusbespreking" in (first.locator("a").first.get_attribute("href") or "")
    page.locator(".md-search__input").fill("")
    page.locator(".md-search__input").press_sequentially("pull request", delay=30)
    page.wait_for_timeout(1500)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert not [h for h in hrefs if "/bijdragen/" in h], hrefs
    assert errors == []
