"""The attack corpus of the security review (#12: F1-F5, F8) against check, build and Chromium.

Two gates, each tested on its own:
- ``handbook check`` rejects every hostile page and file, and ``handbook build`` (check first)
  refuses the corpus;
- a site built from the hostile pages with mkdocs directly, the check bypassed, stays safe
  in the browser wherever the build itself must neutralise a vector (escaping, sanitizing,
  refusing files that are not pages): no JS dialog, no request off loopback, no element with
  an event-handler attribute or a javascript: URL, on any page of that site.

One build of the hostile site (module scope). A new vector whose fix is not on main yet
goes in as xfail(strict=True), so it turns red the moment the fix lands and is unmarked.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from handbook.check.runner import check_corpus
from handbook.content.loader import load_corpus
from handbook.site.build import build_site
from handbook.site.mkdocs_plugin import _Collect, mkdocs_build

from conftest import BASE_PAGES, REPO, write_tree
from hostile_pages import BODY_PAGES, FRONT_MATTER_PAGES, NON_PAGE_FILES, SYMLINKS, add_files

pytestmark = pytest.mark.browser

GUIDE = "---\ntitle: Meedoen\ndescription: Hoe je bijdraagt aan het handboek, stap voor stap uitgelegd.\n---\n\nWelkom.\n"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}

F8_PAGES = {"tips/tracker-image.md", "tips/tracker-img.md", "tips/tracker-css.md"}
# A quote in a description is text, not an attack on its own: the site escapes it; check allows it.
ESCAPED_ONLY = {"tips/citaat-tip.md"}

# The rule check must name for each hostile page.
CHECK_RULE = {rel: "html-in-value" for rel in FRONT_MATTER_PAGES}
CHECK_RULE["bronnen/vijandige-bron.md"] = "invalid-url"
CHECK_RULE.update({rel: "external-resource" if rel in F8_PAGES else "unsafe-html" for rel in BODY_PAGES})


def _write_pages(root: Path) -> None:
    pages = {k: v for k, v in BASE_PAGES.items() if not k.startswith("afbeeldingen/")}
    write_tree(root, {**pages, "bijdragen/index.md": GUIDE})
    for rel, text in {**FRONT_MATTER_PAGES, **BODY_PAGES}.items():  # as they are: not dedented
        (root / "content" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / rel).write_text(text, encoding="utf-8")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", root / "overrides")


@pytest.fixture(scope="module")
def full_root(tmp_path_factory) -> tuple[Path, list[str]]:
    """The whole corpus: hostile pages plus the F2/F5 files and links (for check and build)."""
    base = tmp_path_factory.mktemp("hostile-full")
    root = base / "repo"
    _write_pages(root)
    return root, add_files(root, base / "buiten")


@pytest.fixture(scope="module")
def problems(full_root):
    found: dict[str, set] = {}
    for problem in check_corpus(load_corpus(full_root[0])):
        if problem.level == "error":
            found.setdefault(problem.path, set()).add(problem.rule)
    return found


# --- the check gate -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rel", [rel for rel in CHECK_RULE if rel not in ESCAPED_ONLY]
)
def test_check_rejects_every_hostile_page(problems, rel):
    rules = problems.get(f"content/{rel}", set())
    assert CHECK_RULE[rel] in rules, rules


def test_check_rejects_every_file_that_is_not_a_page(problems, full_root):
    assert {path: "content-file" in problems.get(path, ()) for path in full_root[1]} == dict.fromkeys(full_root[1], True)


def test_handbook_build_refuses_the_hostile_corpus(full_root):
    result = build_site(full_root[0], prints=False)
    assert not result.ok and not (full_root[0] / "site").exists()


def test_a_build_without_the_check_refuses_files_that_are_not_pages(full_root, tmp_path):
    site = tmp_path / "site"
    with pytest.raises(Exception):
        mkdocs_build(full_root[0] / "mkdocs.yml", site, _Collect())
    published = [rel for rel in [*NON_PAGE_FILES, *SYMLINKS, "tips/van-buiten.html", "extra"] if (site / rel).exists()]
    script = site / "assets" / "javascripts" / "handbook.js"
    assert published == [] or published == ["assets/javascripts/handbook.js"] and "alert(" not in script.read_text()


# --- the build gate, in Chromium --------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The hostile pages built by mkdocs directly: no handbook check in the way."""
    root = tmp_path_factory.mktemp("hostile-pages") / "repo"
    _write_pages(root)
    mkdocs_build(root / "mkdocs.yml", root / "site")
    return root / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def hostile_url(hostile_site):
    handler = functools.partial(_QuietHandler, directory=str(hostile_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


# Every attribute that runs code or takes a URL a browser may follow or load.
DOM_SCAN = """() => {
  const urlAttrs = new Set(["href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcdoc"]);
  const bad = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\\u0000-\\u0020]/g, "").toLowerCase();
      if (name.startsWith("on")) bad.push(`<${el.localName} ${name}="${attr.value}">`);
      else if (urlAttrs.has(name) && (value.startsWith("javascript:") || value.startsWith("vbscript:")))
        bad.push(`<${el.localName} ${name}="${attr.value}">`);
    }
  }
  return bad;
}"""


def _visit(context, url: str) -> list[str]:
    """Load a page, move the mouse over it (hover handlers) and say what went wrong."""
    found: list[str] = []
    page = context.new_page()
    page.on("dialog", lambda dialog: (found.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    try:
        page.goto(url, wait_until="load")
        for x in (5, 640, 1270):
            for y in (5, 450, 890):
                page.mouse.move(x, y)
        page.wait_for_timeout(100)
        found += page.evaluate(DOM_SCAN)
    finally:
        page.close()
    return found


@pytest.fixture(scope="module")
def visits(browser, hostile_site, hostile_url) -> dict[str, list[str]]:
    """What each page of the hostile site did in Chromium: dialogs, requests off loopback, unsafe DOM."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    current = {"rel": ""}
    results: dict[str, list[str]] = {}

    def guard(route):
        host = urlsplit(route.request.url).hostname
        if host in LOOPBACK:
            route.continue_()
        else:  # recorded and never sent
            results.setdefault(current["rel"], []).append(f"request: {route.request.url}")
            route.abort()

    context.route("**/*", guard)
    try:
        for path in sorted(hostile_site.rglob("*.html")):
            rel = path.relative_to(hostile_site).as_posix()
            if rel.startswith("print/"):
                continue
            current["rel"] = rel
            results.setdefault(rel, []).extend(_visit(context, hostile_url + rel))
    finally:
        context.close()
    return results


def _html(rel_md: str) -> str:
    return rel_md.removesuffix(".md") + ".html"


@pytest.mark.parametrize(
    "rel",
    [*FRONT_MATTER_PAGES, *BODY_PAGES],
)
def test_hostile_page_stays_inert_in_the_browser(visits, rel):
    assert visits[_html(rel)] == []


def test_every_other_page_stays_inert_too(visits):
    hostile = {_html(rel) for rel in [*FRONT_MATTER_PAGES, *BODY_PAGES]}
    others = {rel: found for rel, found in visits.items() if rel not in hostile and found}
    assert len(visits) > len(hostile) and others == {}


def test_search_results_show_hostile_titles_as_text(browser, hostile_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    dialogs: list[str] = []
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(hostile_url + "bronnen/bron-a.html")
        page.locator(".md-search__input").click()
        page.locator(".md-search__input").press_sequentially("onerror", delay=30)
        page.wait_for_selector(".md-search-result__item")
        page.wait_for_timeout(300)
        titles = page.locator(".md-search-result__item h1, .md-search-result__item h2").all_inner_texts()
        assert any("<img src=x onerror=alert(" in t for t in titles), titles  # shown, as text
        assert page.evaluate(DOM_SCAN) == [] and dialogs == []
    finally:
        context.close()
