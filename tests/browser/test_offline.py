"""The offline copy as a reader gets it (issue 14): the published site offers one zip, the
reader unzips it and opens index.html from disk, and the search works there (lunr)."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from handbook.site import offline_copy

pytestmark = pytest.mark.browser

BOX = ".md-search__input"


def test_the_home_page_and_every_footer_lead_to_the_download(page, base_url):
    page.goto(base_url + "index.html")
    page.get_by_role("link", name="Het handboek offline gebruiken").click()
    assert page.url.endswith("/offline.html")
    page.goto(base_url + "themas/samen-leren.html")
    page.locator(".md-footer").get_by_role("link", name="Offline gebruiken").click()
    assert page.url.endswith("/offline.html")


def test_the_site_offers_the_offline_copy_as_one_zip_that_searches_from_disk(page, base_url, site_dir, tmp_path):
    page.goto(base_url + "offline.html")
    link = page.get_by_role("link", name="Download het handboek")
    assert "zip-bestand" in link.inner_text() and "MB" in link.inner_text()
    assert (site_dir / link.get_attribute("href")).is_file()
    with page.expect_download() as waiting:
        link.click()
    download = waiting.value
    assert download.suggested_filename == offline_copy.ZIP_NAME
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)

    # As the page says: unzip, open the folder, open index.html.
    with zipfile.ZipFile(saved) as archive:
        archive.extractall(tmp_path / "uitgepakt")
    copy = tmp_path / "uitgepakt" / offline_copy.TOP_FOLDER
    assert (copy / "index.html").is_file()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((copy / "index.html").as_uri())
    page.locator(BOX).click()
    page.locator(BOX).press_sequentially("moeders", delay=30)
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
    assert hrefs and all(h.startswith(copy.as_uri()) for h in hrefs), hrefs
    assert all(Path(unquote(urlsplit(h).path)).is_file() for h in hrefs), hrefs
    assert errors == []


def test_the_zip_holds_the_readers_copy_only(site_dir):
    with zipfile.ZipFile(site_dir / offline_copy.ZIP_NAME) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    top = offline_copy.TOP_FOLDER + "/"
    assert all(n.startswith(top) and ".." not in n.split("/") for n in names), names[:5]
    inside = [n[len(top):] for n in names]
    assert "index.html" in inside and "offline.html" in inside and "search/search_index.js" in inside
    assert not [n for n in inside if n.startswith(("bijdragen/", "schemas/", "pagefind/", "hb-search/"))]
    assert not [n for n in inside if n.endswith(".zip") or n.startswith("sitemap")]
    assert all(stat.S_ISREG(i.external_attr >> 16) for i in infos)  # no links, no devices
    assert names == sorted(names)


def test_the_offline_copy_sends_contributors_to_the_published_site(page, offline_site_dir, built):
    page.goto((offline_site_dir / "index.html").as_uri())
    assert page.locator(".hb-home-offline").count() == 0  # it is the offline copy already
    link = page.locator(".md-footer").get_by_role("link", name="Bijdragen aan het handboek")
    assert link.get_attribute("href").startswith("http")
    page.goto((offline_site_dir / "offline.html").as_uri())
    assert "Je gebruikt de offline kopie" in page.locator("article").inner_text()
    # Every link inside the copy leads to a file of the copy (or off it, to the published site).
    for name in ("index.html", "roadshows/roadshow-crooswijk.html", "offline.html"):
        page.goto((offline_site_dir / name).as_uri())
        hrefs = page.locator("a[href]").evaluate_all("els => els.map(e => e.href)")
        local = [unquote(urlsplit(h).path) for h in hrefs if h.startswith("file://")]
        missing = [h for h in local if not Path(h).exists()]
        assert missing == [], (name, missing)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_offline_page_passes_axe(browser, base_url, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="nl-NL", color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + "offline.html", wait_until="networkidle")
    results = Axe().run(page)
    bad = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    context.close()
    assert bad == [], results.generate_report()
