"""Benchmark of the site search (issue 14), side by side on the same site:

- lunr: Material's search as the offline copy has it (``handbook build --offline``);
- Pagefind defaults: the Pagefind binary run with no options over the same pages, queried
  through its JavaScript API with the query as typed;
- handbook: the published site's search box (Pagefind with the handbook's Dutch analysis).

For each: success@3, MRR and queries without a result on tests/search_eval/queries.yaml
(typed into the search box in Chromium where there is one), and the bytes the browser
downloads from opening the home page to the first results of one query (raw and gzipped).
The evaluation needs the real pages: at 2,000 and 10,000 pages (generated corpora,
benchmarks/generate.py) only the bytes are measured.

    .venv/bin/python benchmarks/bench_search.py                       # 100 (the real content)
    .venv/bin/python benchmarks/bench_search.py --sizes 100,2000,10000

Figures go into benchmarks/RESULTS.md between the "search benchmark" marks.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
QUERIES = REPO / "tests" / "search_eval" / "queries.yaml"
BYTES_QUERY = "moeders"
DEFAULTS = "pagefind-defaults"
START, END = "<!-- search benchmark: start -->", "<!-- search benchmark: end -->"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def prepare(size: int, work: Path) -> Path:
    root = work / f"size-{size}"
    if size <= 100:
        root.mkdir(parents=True)
        for name in ("content", "overrides"):
            shutil.copytree(REPO / name, root / name)
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    else:
        from generate import generate_corpus

        generate_corpus(root, size)
    return root


def build(root: Path) -> dict:
    """Build the published site and the offline copy; the times of each and, inside the published
    build, of the site search step (the Pagefind binary, then the handbook's vocabulary)."""
    from handbook.site import site_search
    from handbook.site.build import build_site
    from pagefind_bin import get_executable

    times = {}
    steps = {"pagefind": 0.0, "site search": 0.0}

    def timed(name, function):
        def run(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                steps[name] += time.perf_counter() - started
        return run

    pagefind, whole = site_search._pagefind, site_search.build_site_search
    site_search._pagefind, site_search.build_site_search = timed("pagefind", pagefind), timed("site search", whole)
    try:
        t = time.perf_counter()
        published = build_site(root, root / "site", prints=False)
        times["published"] = time.perf_counter() - t
    finally:
        site_search._pagefind, site_search.build_site_search = pagefind, whole
    times["of which Pagefind"] = steps["pagefind"]
    times["of which site search (Pagefind and vocabulary)"] = steps["site search"]
    t = time.perf_counter()
    offline = build_site(root, root / "site-offline", prints=False, offline=True)
    times["offline"] = time.perf_counter() - t
    if not (published.ok and offline.ok):
        raise SystemExit(f"build failed: {published.message or offline.message}")
    # Pagefind as it comes: every page's whole body, no options, over the offline copy's pages.
    t = time.perf_counter()
    subprocess.run([str(get_executable()), "--site", str(root / "site-offline"), "--output-subdir", DEFAULTS, "--quiet"],
                   check=True, capture_output=True)
    times["pagefind defaults"] = time.perf_counter() - t
    return times


def _type(page, box: str, text: str):
    page.locator(box).click()
    page.locator(box).fill("")
    page.locator(box).press_sequentially(text, delay=5)


def _stable_links(page, selector: str, timeout: float = 8.0) -> list[str]:
    """Material's results arrive in steps: the links once they stop changing."""
    last, since, started = None, time.monotonic(), time.monotonic()
    while time.monotonic() - started < timeout:
        links = page.locator(selector).evaluate_all("els => els.map(e => e.getAttribute('href'))")
        if links != last:
            last, since = links, time.monotonic()
        elif time.monotonic() - since > 0.6:
            break
        page.wait_for_timeout(100)
    return last or []


def rank_lunr(page, base: str, text: str) -> list[str]:
    _type(page, ".md-search__input", text)
    return _stable_links(page, ".md-search-result__list > .md-search-result__item > a")


def rank_defaults(page, base: str, text: str) -> list[str]:
    return page.evaluate(
        "async q => { const pf = await import('./" + DEFAULTS + "/pagefind.js');"
        " const r = await pf.search(q); const d = await Promise.all(r.results.slice(0, 10).map(x => x.data()));"
        " return d.map(x => x.url); }", text)


def rank_handbook(page, base: str, text: str) -> list[str]:
    _type(page, ".md-search__input", text)
    page.wait_for_function(
        "q => document.querySelector('[data-hb-search]').getAttribute('data-hb-search-done') === q", arg=text)
    return page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.getAttribute('href'))")


def evaluate(browser, site: Path, ranker) -> dict:
    from handbook.search import evaluation as ev

    queries = ev.load(QUERIES)
    server, base = serve(site)
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(20_000)
        page.goto(base + "index.html")
        ranked = {q.text: ranker(page, base, q.text) for q in queries}
        page.close()
    finally:
        server.shutdown()
    report = ev.score(queries, ranked)
    return {"success@3": report.success_at_k, "mrr": report.mrr, "no_result": report.no_result,
            "contributor_top3": report.contributor_in_top, "failures": report.failures, "ranked": ranked}


SEARCH_FILES = ("pagefind", "hb-search/", "search/", "/lunr/", "workers/search")
# What the search's files are, for the breakdown: the engine is code (the same at every size),
# the rest is search data that may grow with the site.
KINDS = (("engine", ("pagefind.js", "pagefind-worker.js", "wasm.", "/lunr/", "workers/search")),
         ("meta", (".pf_meta", "pagefind-entry.json")), ("index", (".pf_index", "search_index.json")),
         ("filter", (".pf_filter",)), ("fragment", (".pf_fragment",)), ("vocabulary", ("hb-search/",)))


def kind(url: str) -> str:
    return next((name for name, marks in KINDS if any(m in url for m in marks)), "other")


def first_result_bytes(browser, site: Path, how: str) -> dict:
    """Everything the browser downloads from opening the home page until the first results, and
    of that the search's own files (index, engine, vocabulary), by kind. "gzip": what a server
    that compresses sends: each file gzipped at level 6, unless it is smaller as it is
    (Pagefind's files are gzipped already)."""
    server, base = serve(site)
    responses = []
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(120_000)
        context.on("response", lambda r: responses.append(r))
        # The box fetches the filters' data only after the first results: counted apart below
        # (benchmarks/bench_search_filters.py measures the filters in more detail).
        page.goto(base + "index.html", wait_until="networkidle")
        with_page = len(responses)
        if how == "lunr":
            _type(page, ".md-search__input", BYTES_QUERY)
            page.wait_for_selector(".md-search-result__item")
        elif how == "defaults":
            rank_defaults(page, base, BYTES_QUERY)
        else:
            rank_handbook(page, base, BYTES_QUERY)
        page.wait_for_timeout(0 if how == "handbook" else 300)
        first = len(responses)  # the handbook's box says when its results are shown
        if how == "handbook":
            # After the results, the box fetches the filters' data for their counts: measured
            # apart, it is not part of the first results.
            try:
                page.wait_for_function("q => document.querySelector('[data-hb-search]')"
                                       ".getAttribute('data-hb-search-filtered') === q", arg=BYTES_QUERY)
                page.wait_for_timeout(300)
            except Exception:  # noqa: BLE001 - a box without filter counts
                pass
        # Pagefind loads the filter files a query needs before it returns results, and the
        # results' fragments after: a filter file that arrives after a fragment was fetched for
        # the counts (the box asks for them once its results are shown; the two overlap in time).
        fragment = next((i for i, r in enumerate(responses[:first]) if ".pf_fragment" in r.url), first)
        counted = [r for r in responses[fragment:first] if ".pf_filter" in r.url]
        later = counted + [r for r in responses[first:] if any(m in r.url for m in SEARCH_FILES)]
        responses = [r for r in responses[:first] if r not in counted]
        first = len(responses)
        later_bytes = []
        for response in later:
            try:
                body = response.body()
            except Exception:  # noqa: BLE001
                body = b""
            later_bytes.append((response.url.removeprefix(base).split("?")[0], min(len(body), len(gzip.compress(body, 6)))))
        rows = []
        for number, response in enumerate(responses[:first]):
            try:
                body = response.body()
            except Exception:  # noqa: BLE001 - a redirect has no body
                body = b""
            url = response.url.removeprefix(base).split("?")[0]
            rows.append((url, len(body), min(len(body), len(gzip.compress(body, 6))), number >= with_page))
        context.close()
    finally:
        server.shutdown()
    search = [r for r in rows if any(mark in r[0] for mark in SEARCH_FILES)]
    kinds = {}
    for url, _, packed, _ in search:
        kinds[kind(url)] = kinds.get(kind(url), 0) + packed
    return {"raw": sum(r[1] for r in rows), "gzip": sum(r[2] for r in rows), "files": len(rows),
            "after_page_gzip": sum(r[2] for r in rows if r[3]),
            "search_raw": sum(r[1] for r in search), "search_gzip": sum(r[2] for r in search),
            "search_data_gzip": sum(v for k, v in kinds.items() if k != "engine"), "kinds": kinds,
            "search_files": [list(r[:3]) for r in search],
            "after_results_gzip": sum(n for _, n in later_bytes), "after_results_files": later_bytes}


def agreement_with_cli(root: Path, ranked: dict) -> float:
    from handbook.search import evaluation as ev
    from handbook.search import queries as searching

    queries = ev.load(QUERIES)
    cli = {}
    for query in queries:
        outcome = searching.search(root, query.text, limit=10)
        if outcome.did_you_mean and (not outcome.results or outcome.did_you_mean != query.text):
            outcome = searching.search(root, outcome.did_you_mean, limit=10)
        cli[query.text] = [r.path for r in outcome.results]
    return ev.agreement(queries, ranked, cli)


STORE = HERE / "search_results.json"  # every size's last figures; RESULTS.md is written from it


def kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB" if n < 10 * 1024 else f"{n / 1024:,.0f} KB"


def write_results(rows: list[dict], path: Path, store: Path = STORE):
    """Keep the figures of every size measured (the latest run of each) and write them all."""
    known = json.loads(store.read_text(encoding="utf-8")) if store.is_file() else {}
    for row in rows:
        known[str(row["size"])] = row
    store.write_text(json.dumps(known, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    rows = [known[k] for k in sorted(known, key=int)]
    lines = [START, "", "## Site search (issue 14): lunr, Pagefind defaults and the handbook's search", "",
             "Measured with `nice -n 10 .venv/bin/python benchmarks/bench_search.py --sizes N`, one size at a time "
             "(dates below; Chromium, every query typed into the search box; tests/search_eval/queries.yaml, "
             "on the real content only). Bytes: what the browser downloads from opening the home page "
             f"until the first results of '{BYTES_QUERY}'; gzip: each file as a compressing server sends it "
             "(gzipped at level 6, Pagefind's own files as they are, they are gzipped already). "
             "**Search data**: the index, filter and fragment files and Pagefind's metadata, the handbook's "
             "vocabulary (lunr: its whole index); **engine**: Pagefind's pagefind.js, worker and WebAssembly "
             "(lunr: its worker), code that is the same at every size of the site.", "",
             "| pages | search | success@3 | MRR | no result | from opening the home page to first results, raw / gzip | search data, gzip | engine, gzip |",
             "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in rows:
        for name in ("lunr", "Pagefind defaults", "handbook"):
            found = row["methods"].get(name, {})
            quality = found.get("quality")
            q = (f"{quality['success@3']:.2f} | {quality['mrr']:.2f} | {len(quality['no_result'])}" if quality else "– | – | –")
            b = found.get("bytes")
            size = (f"{kb(b['raw'])} / {kb(b['gzip'])} | {kb(b['search_data_gzip'])} | {kb(b['kinds'].get('engine', 0))}"
                    if b else "– | – | –")
            lines.append(f"| {row['size']:,} | {name} | {q} | {size} |")
    lines += ["", "The handbook's search data by kind (gzip), for the first results of "
              f"'{BYTES_QUERY}':", "",
              "| pages | meta | index | filter | fragments | vocabulary | search data | engine | search data and engine | after the results: the filters' counts |",
              "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in rows:
        b = row["methods"].get("handbook", {}).get("bytes")
        if b:
            k = b["kinds"]
            lines.append(f"| {row['size']:,} | " + " | ".join(kb(k.get(n, 0)) for n in ("meta", "index", "filter", "fragment", "vocabulary"))
                         + f" | {kb(b['search_data_gzip'])} | {kb(k.get('engine', 0))} | {kb(b['search_gzip'])} | "
                         + (kb(b["after_results_gzip"]) if "after_results_gzip" in b else "–") + " |")
    lines += ["", "Build times (s, without the theme booklets; the Pagefind step is part of the published build):", "",
              "| pages | measured | published build | of which Pagefind | of which site search (Pagefind and vocabulary) | share of the build | offline build | Pagefind defaults |",
              "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in rows:
        t = row["times"]
        whole = t.get("published", 0)
        step = t.get("of which site search (Pagefind and vocabulary)")
        share = f"{step / whole:.0%}" if step is not None and whole else "–"
        lines.append(f"| {row['size']:,} | {row.get('measured', '–')} | {whole:.1f} | "
                     + (f"{t['of which Pagefind']:.1f}" if "of which Pagefind" in t else "–") + " | "
                     + (f"{step:.1f}" if step is not None else "–") + f" | {share} | {t.get('offline', 0):.1f} | "
                     + f"{t.get('pagefind defaults', 0):.1f} |")
    lines += ["", "Measured: " + "; ".join(f"{row['size']:,} pages {row.get('measured', '(date not kept)')}" for row in rows) + "."]
    for row in rows:
        if row.get("agreement") is not None:
            lines.append("")
            lines.append(f"At {row['size']:,} pages `handbook search` and the site put the same page first for "
                         f"{row['agreement']:.0%} of the queries.")
        fails = row["methods"].get("handbook", {}).get("quality", {}).get("failures")
        if fails:
            lines.append(f"Not in the handbook's top three at {row['size']:,} pages: {', '.join(fails)}.")
    lines += ["", END]
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    block = "\n".join(lines)
    if START in text and END in text:
        text = text[: text.index(START)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100", help="comma-separated; 100 means the real content")
    parser.add_argument("--results", default=str(HERE / "RESULTS.md"))
    parser.add_argument("--store", default=str(STORE), help="the figures of every size measured so far (JSON)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for size in (int(s) for s in args.sizes.split(",")):
            print(f"{size} pages: building", flush=True)
            root = prepare(size, Path(tmp))
            row = {"size": size, "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                   "times": build(root), "methods": {}, "agreement": None}
            print("  builds (s): " + ", ".join(f"{k} {v:.1f}" for k, v in row["times"].items()), flush=True)
            sites = {"lunr": (root / "site-offline", "lunr", rank_lunr),
                     "Pagefind defaults": (root / "site-offline", "defaults", rank_defaults),
                     "handbook": (root / "site", "handbook", rank_handbook)}
            for name, (site, how, ranker) in sites.items():
                found = {"bytes": first_result_bytes(browser, site, how)}
                if size <= 100:
                    found["quality"] = evaluate(browser, site, ranker)
                    print(f"  {name}: success@3 {found['quality']['success@3']:.2f}, MRR {found['quality']['mrr']:.2f}, "
                          f"no result {len(found['quality']['no_result'])}", flush=True)
                b = found["bytes"]
                print(f"  {name}: {kb(b['raw'])} raw, {kb(b['gzip'])} gzip to first results; search data "
                      f"{kb(b['search_data_gzip'])} + engine {kb(b['kinds'].get('engine', 0))} gzip; "
                      + ", ".join(f"{k} {kb(v)}" for k, v in sorted(b["kinds"].items()))
                      + (f"; after the results (filter counts) {kb(b['after_results_gzip'])}" if b.get("after_results_files") else ""),
                      flush=True)
                row["methods"][name] = found
            if size <= 100:
                row["agreement"] = agreement_with_cli(root, row["methods"]["handbook"]["quality"]["ranked"])
                print(f"  handbook search and the site agree on the first page: {row['agreement']:.0%}", flush=True)
            for found in row["methods"].values():  # kept only for the agreement; not stored
                found.get("quality", {}).pop("ranked", None)
            rows.append(row)
            write_results([row], Path(args.results), Path(args.store))  # each size as soon as it is done
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
