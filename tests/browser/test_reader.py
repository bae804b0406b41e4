"""Reader experience (issue 17): every word Dutch, keyboard and phone, light and dark."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

# Words of Material's English that must not reach a reader (visible text or labels).
ENGLISH = re.compile(r"Made with|Material for MkDocs|Not found|Permanent link|\bHeader\b|\bFooter\b|Go to repository|Back to top|Skip to content")


def _labels(page) -> str:
    """Visible text plus every title, aria-label and alt, as a screen reader or tooltip gives them."""
    return page.evaluate(
        """() => document.body.innerText + '\\n' + [...document.querySelectorAll('[title],[aria-label],[alt],[placeholder]')]
            .map(e => [e.title, e.getAttribute('aria-label'), e.getAttribute('alt'), e.getAttribute('placeholder')].join(' ')).join('\\n')"""
    )


@pytest.mark.parametrize("path", ["index.html", "methoden/incidentmethode.html", "themas/armoede.html", "404.html"])
def test_no_english_left_for_readers(page, base_url, path):
    page.goto(base_url + path)
    found = ENGLISH.findall(_labels(page))
    assert found == [], path


def test_404_page_says_in_dutch_what_happened_and_leads_home(page, base_url):
    page.goto(base_url + "404.html")
    assert "bestaat niet" in page.locator("h1").inner_text()
    assert page.get_by_role("link", name="Naar de startpagina").count() == 1


def test_home_names_the_site_once_in_tab_and_menu(page, base_url):
    page.goto(base_url + "index.html")
    assert page.title() == "Handboek Samen Leren in de Wijk"
    menu = page.locator(".md-sidebar--primary .md-nav").first.inner_text()
    assert menu.count("Handboek Samen Leren in de Wijk") <= 1


def test_footer_leads_to_bijdragen(page, base_url):
    page.goto(base_url + "methoden/incidentmethode.html")
    link = page.locator(".md-footer").get_by_role("link", name="Bijdragen aan het handboek")
    link.click()
    assert page.url.endswith("bijdragen/index.html")


def test_phone_tab_reaches_the_content_without_walking_the_closed_menu(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    page = context.new_page()
    page.goto(base_url + "methoden/incidentmethode.html")
    in_menu = 0
    for _ in range(25):
        page.keyboard.press("Tab")
        where = page.evaluate(
            """() => { const e = document.activeElement; const r = e.getBoundingClientRect();
                 const style = getComputedStyle(e);
                 return {menu: !!e.closest('.md-sidebar--primary'), content: !!e.closest('.md-content'),
                         visible: r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth,
                         outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0}; }"""
        )
        in_menu += where["menu"]
        if where["content"]:
            assert where["visible"] and where["outline"], "focus in the content must be visible"
            break
    else:
        pytest.fail("25 Tabs did not reach the content")
    assert in_menu == 0
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_device_setting_chooses_the_scheme(browser, base_url, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + "index.html")
    chosen = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert chosen == ("slate" if scheme == "dark" else "default")
    toggle = page.locator("form[data-md-component=palette] label").first
    assert (toggle.get_attribute("title") or "").strip() != ""
    context.close()


# Every page type in the dark scheme (test_site.py checks the light one), and the overviews with filters.
DARK_PAGES = [
    "index.html", "methoden/incidentmethode.html", "themas/casusbespreking.html", "tips/index.html",
    "tips/begin-klein-met-huiskamerbijeenkomsten.html", "praktijken/wij-moeders-deventer.html",
    "roadshows/roadshow-crooswijk.html", "bronnen/rotterdam-leernetwerk.html", "wijken/crooswijk.html",
    "praktijken/index.html", "bijdragen/index.html",
]


@pytest.mark.parametrize("path", DARK_PAGES)
def test_axe_clean_in_dark_mode(browser, base_url, path):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", color_scheme="dark")
    page = context.new_page()
    response = page.goto(base_url + path)
    assert response is not None and response.ok, path
    results = Axe().run(page)
    bad = [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    context.close()
    assert bad == [], f"{path}: {results.generate_report()}"


def test_printed_page_leaves_navigation_see_also_edit_links_and_footer_off(page, base_url):
    page.goto(base_url + "methoden/incidentmethode.html")
    assert page.locator(".hb-related").count() == 1  # the method has "Zie ook" on screen
    page.emulate_media(media="print")
    shown = page.evaluate(
        """() => ['.md-sidebar--primary', '.hb-related', '.md-footer', '.md-content__button', '.md-header']
             .filter(s => [...document.querySelectorAll(s)].some(e => getComputedStyle(e).display !== 'none'))"""
    )
    assert shown == []


def test_contributor_guide_menu_follows_its_steps(site_dir):
    # Issue 15: the Bijdragen menu in the order of its steps ('order' in each page's front-matter).
    page = (site_dir / "bijdragen" / "index.html").read_text(encoding="utf-8")
    html = page[page.index("md-sidebar--primary"):page.index('class="md-content"')]  # the menu only
    steps = ["tip-toevoegen", "methode-toevoegen", "praktijk-toevoegen", "roadshow-verslag", "schrijfstijl",
             "privacy", "bekijken", "pull-request"]
    positions = [html.find(f'href="{slug}.html"') for slug in steps]
    assert all(p > 0 for p in positions), dict(zip(steps, positions))
    assert positions == sorted(positions)
