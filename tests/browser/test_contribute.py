"""#15 in a browser: on a phone, a reader gets from the home page to Bijdragen and finds, on a
theme page, the tip form with that theme chosen and the correction form with the page named."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_a_phone_reader_goes_from_home_to_bijdragen_and_from_a_theme_to_its_forms(phone, base_url, corpus):
    phone.goto(base_url + "index.html")
    link = phone.locator("article a", has_text="Bijdragen aan het handboek").first
    link.scroll_into_view_if_needed()
    assert link.is_visible()
    link.click()
    phone.wait_for_url("**/bijdragen/index.html")

    theme = corpus.get("samen-leren")
    phone.goto(base_url + "themas/samen-leren.html")
    tip = phone.get_by_role("link", name="Tip of ervaring insturen over dit thema")
    tip.scroll_into_view_if_needed()
    assert tip.is_visible()
    query = parse_qs(urlsplit(tip.get_attribute("href")).query)
    assert query == {"template": ["nieuwe-tip.yml"], "themes": [theme.title]}
    improve = phone.get_by_role("link", name="Verbeter deze pagina")
    improve.scroll_into_view_if_needed()
    assert improve.is_visible()
    query = parse_qs(urlsplit(improve.get_attribute("href")).query)
    assert query["template"] == ["correctie.yml"] and query["pagina"][0].startswith(theme.title)
