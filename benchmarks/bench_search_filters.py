"""What the search's filters (type, theme, place; issue 14) cost in bytes: the search files
the browser downloads from opening the home page to the first results of one query, and the
filter data it downloads after them (Pagefind's filter chunks, fetched by pagefind.filters()
only once results are shown). Raw and gzipped, at 100 pages (the real content) and at the
sizes of the generated corpora.

    .venv/bin/python benchmarks/bench_search_filters.py --sizes 100,2000
"""

from __future__ import annotations

import argparse
import gzip
import tempfile
import time
from pathlib import Path

from bench_search import BYTES_QUERY, CHROMIUM, CHROMIUM_ARGS, prepare, serve

SEARCH = ("/pagefind/", "/hb-search/")
DONE_AT = """new MutationObserver(() => { if (window.hbDoneAt === undefined) window.hbDoneAt = Date.now(); })
  .observe(document, { subtree: true, attributes: true, attributeFilter: ['data-hb-search-done'] });"""


def measure(browser, site: Path) -> dict:
    server, base = serve(site)
    seen = []
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(120_000)
        page.add_init_script(DONE_AT)

        def finished(request):
            response = request.response()
            body = response.body() if response is not None else b""
            seen.append((request.url.removeprefix(base), request.timing["startTime"] + request.timing["responseEnd"], body))

        page.on("requestfinished", finished)
        page.goto(base + "index.html", wait_until="networkidle")
        page.locator(".md-search__input").click()
        page.locator(".md-search__input").press_sequentially(BYTES_QUERY, delay=20)
        page.wait_for_function("q => document.querySelector('[data-hb-search]').getAttribute('data-hb-search-filtered') === q",
                               arg=BYTES_QUERY)
        done_at = page.evaluate("() => window.hbDoneAt")
        context.close()
    finally:
        server.shutdown()
    search = [(url, end, body) for url, end, body in seen if any(m in "/" + url for m in SEARCH)]

    def total(rows):
        return {"files": len(rows), "raw": sum(len(b) for _, _, b in rows), "gzip": sum(len(gzip.compress(b, 6)) for _, _, b in rows)}

    first = [r for r in search if r[1] <= done_at]
    after = [r for r in search if r[1] > done_at]
    return {"first results": total(first), "filters after": total(after),
            "filter chunks in first": [u for u, _, _ in first if "/filter/" in u]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from handbook.site.build import build_site

    with tempfile.TemporaryDirectory() as work, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for size in (int(s) for s in args.sizes.split(",")):
            root = prepare(size, Path(work))
            t = time.perf_counter()
            result = build_site(root, root / "site", prints=False)
            if not result.ok:
                raise SystemExit(result.message)
            print(f"{size} pages (built in {time.perf_counter() - t:.0f} s): {measure(browser, root / 'site')}", flush=True)
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
