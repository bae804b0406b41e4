"""Measure every step of the handbook side by side with its floor, and write RESULTS.md.

    .venv/bin/python benchmarks/run.py                      # 200, 2,000 and 10,000 pages
    .venv/bin/python benchmarks/run.py --sizes 200,2000     # quicker
    .venv/bin/python benchmarks/run.py --worst-only         # only the worst single pages (F6), other figures kept

Each step runs as its own process (as a user runs it), so wall time includes
Python's start-up, and peak memory (ru_maxrss) is that process's alone (os.wait4).
A command that does not exist yet is reported as "not available", never a crash.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate_corpus  # noqa: E402

BIN = Path(sys.executable).parent
HANDBOOK = BIN / "handbook"
MKDOCS = BIN / "mkdocs"
DEFAULT_SIZES = (200, 2000, 10_000)
STEP_TIMEOUT = 1200  # seconds; a step that takes longer is reported as timed out

PACKAGES = [
    "mkdocs",
    "mkdocs-material",
    "pyyaml",
    "jsonschema",
    "whoosh-ng",
    "weasyprint",
    "markdown",
    "pymdown-extensions",
    "python-frontmatter",
    "pyinstrument",
]


# ------------------------------------------------------------------ measuring
@dataclass
class Run:
    seconds: float
    returncode: int
    max_rss_mb: float
    stdout: str = ""
    stderr: str = ""
    timed_out: bool = False
    cpu_seconds: float = 0.0  # user + system time of the process: what a busy machine does not inflate

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out


def run_process(cmd: list[str], cwd: Path | None = None, timeout: float = STEP_TIMEOUT, env: dict | None = None) -> Run:
    """Run a command; wall time and the peak RSS of that one process (and its waited-for children)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, env=env, start_new_session=True)
        killed = threading.Event()

        def kill():
            killed.set()
            os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            seconds=seconds,
            returncode=proc.returncode,
            max_rss_mb=usage.ru_maxrss / 1024,  # kB on Linux
            stdout=out.read().decode("utf-8", "replace")[-4000:],
            stderr=err.read().decode("utf-8", "replace")[-4000:],
            timed_out=killed.is_set(),
            cpu_seconds=usage.ru_utime + usage.ru_stime,
        )


def best_of(cmd: list[str], repeat: int, **kwargs) -> tuple[Run, list[float]]:
    """The fastest of ``repeat`` runs (the least disturbed by other work on the machine)."""
    runs = [run_process(cmd, **kwargs) for _ in range(repeat)]
    fastest = min(runs, key=lambda r: (not r.ok, r.seconds))
    return fastest, [r.seconds for r in runs]


# ------------------------------------------------------------------ results
@dataclass
class Result:
    step: str
    size: int | None
    seconds: float | None = None
    max_rss_mb: float | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)


class Report:
    def __init__(self):
        self.results: list[Result] = []
        self.notes: list[str] = []
        self.step_seconds: dict[str, float] = {}

    def add(self, result: Result) -> Result:
        self.results.append(result)
        shown = f"{result.seconds:.3f} s" if result.seconds is not None else "-"
        rss = f", {result.max_rss_mb:.0f} MB" if result.max_rss_mb is not None else ""
        print(f"  {result.step:<32} {str(result.size or ''):>6}  {shown}{rss}  {result.note}", flush=True)
        return result

    def get(self, step: str, size: int | None) -> Result | None:
        return next((r for r in self.results if r.step == step and r.size == size and r.seconds is not None), None)

    def seconds(self, step: str, size: int | None) -> float | None:
        found = self.get(step, size)
        return found.seconds if found else None


def from_run(step: str, size: int | None, run: Run, times: list[float] | None = None, expect_ok: bool = True) -> Result:
    if run.timed_out:
        return Result(step, size, None, run.max_rss_mb, f"timed out after {STEP_TIMEOUT} s")
    if expect_ok and not run.ok:
        tail = (run.stderr.strip() or run.stdout.strip()).splitlines()[-3:]
        return Result(step, size, None, run.max_rss_mb, f"failed (exit {run.returncode}): {' | '.join(tail)[:300]}")
    note = "runs: " + ", ".join(f"{t:.2f}" for t in times) if times and len(times) > 1 else ""
    return Result(step, size, run.seconds, run.max_rss_mb, note)


def commands_available() -> set[str]:
    run = run_process([str(BIN / "python"), "-c", "from handbook.cli import COMMANDS; print(' '.join(c[0] for c in COMMANDS))"])
    return set(run.stdout.split()) if run.ok else set()


def module_available(name: str) -> bool:
    return run_process([str(BIN / "python"), "-c", f"import {name}"]).ok


# ------------------------------------------------------------------ the floor
FLOOR = r"""
import sys, yaml
from pathlib import Path
Loader = getattr(yaml, sys.argv[2])
content = Path(sys.argv[1]) / "content"
count = 0
for file in sorted(content.rglob("*.md")):
    text = file.read_bytes().decode("utf-8")
    if not text.startswith("---\n"):
        continue
    end = text.find("\n---\n", 3)
    yaml.load(text[4 : end + 1], Loader=Loader)
    count += 1
print(count)
"""


def floor_loader() -> str:
    import yaml

    return "CSafeLoader" if getattr(yaml, "__with_libyaml__", False) else "SafeLoader"


# ------------------------------------------------------------------ steps
def step_check(report: Report, root: Path, size: int, repeat: int):
    py = str(BIN / "python")
    loader = floor_loader()
    run, times = best_of([py, "-c", FLOOR, str(root), loader], repeat)
    report.add(from_run(f"floor: yaml.load ({loader})", size, run, times))
    if loader != "SafeLoader":
        run, times = best_of([py, "-c", FLOOR, str(root), "SafeLoader"], repeat)
        report.add(from_run("floor: yaml.load (SafeLoader)", size, run, times))
    run, times = best_of([str(HANDBOOK), "--root", str(root), "check", "--format", "json"], repeat)
    result = from_run("handbook check", size, run, times)
    if run.ok and run.stdout.strip() not in ("", "[]"):
        result.note += " (reported problems on a valid corpus!)"
    report.add(result)
    # The check cache (--cache): a first run fills .handbook/check-cache.json; the runs after it
    # find every page unchanged. Measured apart, so that the figure above stays a cold check.
    cache_file = root / ".handbook" / "check-cache.json"
    cache_file.unlink(missing_ok=True)
    cached = [str(HANDBOOK), "--root", str(root), "check", "--cache", "--format", "json"]
    filled = run_process(cached)
    report.add(from_run("handbook check --cache (filling)", size, filled))
    run, times = best_of(cached, repeat)
    result = from_run("handbook check --cache (warm)", size, run, times)
    if run.ok and run.stdout.strip() not in ("", "[]"):
        result.note += " (reported problems on a valid corpus!)"
    report.add(result)
    cache_file.unlink(missing_ok=True)


def step_build(report: Report, root: Path, size: int, repeat: int, available: set[str], with_pdfs: bool = False):
    plain = root / "mkdocs-plain.yml"
    plain.write_text(plain_config((root / "mkdocs.yml").read_text(encoding="utf-8"), plain_nav(root)), encoding="utf-8")
    site = root / ".site-plain"
    shutil.rmtree(site, ignore_errors=True)
    run, times = best_of([str(MKDOCS), "build", "--quiet", "-f", str(plain), "-d", str(site)], repeat, cwd=root)
    report.add(from_run("mkdocs-material build (plain)", size, run, times))
    if "build" not in available:
        report.add(Result("handbook build", size, None, None, "not available (no 'handbook build' command yet)"))
        return
    # Like for like: the site alone (check + index + mkdocs with the plugin), no theme PDFs.
    run, times = best_of([str(HANDBOOK), "--root", str(root), "build", "--no-print"], repeat, cwd=root)
    report.add(from_run("handbook build", size, run, times))
    if with_pdfs:
        run = run_process([str(HANDBOOK), "--root", str(root), "build"], cwd=root)
        report.add(from_run("handbook build (with theme PDFs)", size, run))


def plain_nav(root: Path) -> list:
    """The navigation the handbook's plugin makes, written out for plain mkdocs: home, one section
    per type in the handbook's order, long sections split into the same alphabetical groups (and
    groups of groups), then the free pages. Without it mkdocs makes each type folder one flat
    section, which Material renders in full on every page (quadratic: 223 s for 2,000 pages here)."""
    from handbook.site import navigation
    from handbook.content import schemas
    from handbook.content.loader import load_corpus

    corpus = load_corpus(root)
    nav: list = [{"Start": "index.md"}]
    for page_type in schemas.page_types().values():
        if not page_type.folder:
            continue
        pages = sorted(corpus.of_type(page_type.name, published_only=False), key=lambda p: p.title.casefold())
        entries = [{p.title: p.rel} for p in pages]
        tree = navigation.alphabetical_tree([p.title.casefold() for p in pages])

        def written(members):
            return [entries[m] if isinstance(m, int) else {m[0]: written(m[1])} for m in members]

        nav.append({page_type.plural: written(tree) if len(tree) > 1 else entries})
    free = sorted((p for p in corpus.pages if p.type == "page" and p.rel != "index.md"), key=lambda p: p.rel)
    nav += [{p.title: p.rel} for p in free]
    return nav


def plain_config(text: str, nav: list | None = None) -> str:
    """The handbook's mkdocs.yml as plain mkdocs-material: same Markdown, theme features, navigation,
    search and extensions, but without the handbook plugin and without the templates and icons in
    overrides/ (they are the handbook's own work, so their cost counts on the handbook's side)."""
    import yaml

    config = yaml.load(text, Loader=_MkdocsLoader)
    plugins = config.get("plugins") or []
    kept = [p for p in plugins if not (p == "handbook" or (isinstance(p, dict) and "handbook" in p))]
    config["plugins"] = kept
    theme = config.get("theme") or {}
    for key in ("custom_dir", "icon", "favicon", "logo"):
        theme.pop(key, None)
    for key in ("extra_css", "extra_javascript"):
        config.pop(key, None)
    if nav is not None:
        config["nav"] = nav
    return yaml.dump(config, allow_unicode=True, sort_keys=False)


def _mkdocs_loader():
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml may carry !ENV and !!python/name tags; keep them as they are.
    def keep(loader, suffix, node):
        value = loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)
        return _Tagged(node.tag, value)

    Loader.add_multi_constructor("!", keep)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", keep)
    return Loader


class _Tagged:
    def __init__(self, tag, value):
        self.tag, self.value = tag, value


def _represent_tagged(dumper, data):
    import yaml

    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_MkdocsLoader = _mkdocs_loader()


def _register_dumper():
    import yaml

    yaml.add_representer(_Tagged, _represent_tagged)


_register_dumper()


def find_sites(root: Path) -> list[tuple[str, Path]]:
    sites = [("handbook build", root / "site"), ("plain mkdocs-material", root / ".site-plain")]
    return [(name, site) for name, site in sites if (site / "search" / "search_index.json").is_file()]


def search_bytes(site: Path) -> dict:
    """What the browser fetches to answer a first query: Material's search index, worker and lunr language files."""
    files = [site / "search" / "search_index.json"]
    assets = site / "assets" / "javascripts"
    files += sorted((assets / "workers").glob("search.*.min.js"))
    # Material loads the stemmer support and lunr.<lang> (the multi-language helper only for several).
    lunr = assets / "lunr" / "min"
    # (search_index.js, the offline plugin's copy for file:// use, is not fetched over http.)
    for name in ("lunr.stemmer.support.min.js", "lunr.nl.min.js"):
        if (lunr / name).is_file():
            files.append(lunr / name)
    rows = []
    for file in files:
        if file.is_file():
            data = file.read_bytes()
            rows.append((file.relative_to(site).as_posix(), len(data), len(gzip.compress(data, 6))))
    return {"files": rows, "raw": sum(r[1] for r in rows), "gzip": sum(r[2] for r in rows)}


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def browser_bytes(site: Path, query: str = "ouders") -> dict:
    """Serve the site, open the home page in Chromium, type a query, and count every response
    until the first result shows: what a browser really downloads (no compression: http.server)."""
    import functools
    import http.server

    from playwright.sync_api import sync_playwright

    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    responses = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.context.on("response", lambda response: responses.append(response))
            page.goto(base, wait_until="load")
            loaded = len(responses)
            # Answered: Material's result line leaves its first text ("type a query") behind.
            meta = page.locator(".md-search-result__meta")
            first = meta.inner_text()
            box = page.locator("input.md-search__input")
            box.click()
            box.press_sequentially(query, delay=30)
            page.wait_for_function(
                "first => { const m = document.querySelector('.md-search-result__meta');"
                " return m && m.innerText.trim() && m.innerText !== first; }",
                arg=first,
                timeout=60_000,
            )
            answer = meta.inner_text().strip()
            rows = []
            for number, response in enumerate(responses):
                try:
                    body = response.body()
                except Exception:  # noqa: BLE001 - a redirect or aborted response has no body
                    body = b""
                name = response.url.removeprefix(base) or "(home page)"
                rows.append((name, len(body), len(gzip.compress(body, 6)), number >= loaded))
            browser.close()
    finally:
        server.shutdown()
    searchy = [r for r in rows if "search" in r[0] or "lunr" in r[0]]
    return {
        "rows": rows,
        "total": sum(r[1] for r in rows),
        "total_gzip": sum(r[2] for r in rows),
        "search": sum(r[1] for r in searchy),
        "search_gzip": sum(r[2] for r in searchy),
        "answer": answer,
    }


def _quiet_handler():
    import http.server

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # the benchmark prints its own lines
            pass

    return Handler


_QuietHandler = _quiet_handler()


def step_search_bytes(report: Report, root: Path, size: int):
    sites = find_sites(root)
    if not sites:
        report.add(Result("search bytes", size, None, None, "not available (no built site with search/search_index.json)"))
    for name, site in sites:
        try:
            found = browser_bytes(site)
        except Exception as exc:  # noqa: BLE001 - no browser: fall back to the files
            found = search_bytes(site)
            found["why"] = f"{type(exc).__name__}: {str(exc)[:200]}"
        report.add(Result("search bytes", size, None, None, f"{name}, {site.name}/", extra=found))
        if "rows" in found:
            print(f"    browser: {found['total'] / 1e6:.2f} MB in all, of which search {found['search'] / 1e6:.2f} MB", flush=True)
        else:
            print(f"    files: {found['raw'] / 1e6:.2f} MB raw ({found['why']})", flush=True)


INDEX_DRIVER = r"""
import json, sys, time
from pathlib import Path
root = Path(sys.argv[1]).resolve()
from handbook.search import indexing, engine as search_engine, queries as searching
from handbook.content.loader import load_corpus

t = time.perf_counter(); corpus = load_corpus(root); load = time.perf_counter() - t
# What 'handbook index --rebuild' does: read every page, build, record every file's stat.
t = time.perf_counter(); indexing.refresh(root, rebuild=True); full = time.perf_counter() - t
# One file changes: its body gets a sentence, as an editor would save it.
tips = sorted((root / "content" / "tips").glob("*.md"))
page = tips[len(tips) // 2]
page.write_text(page.read_text(encoding="utf-8") + "\nDe buurtvader nodigt ouders uit voor een wandeling.\n", encoding="utf-8")
# What 'handbook index' does after it (stat every file, read the changed one).
t = time.perf_counter(); stats = indexing.refresh(root); one = time.perf_counter() - t
# For comparison, the old way: every page read again, then update_index.
page.write_text(page.read_text(encoding="utf-8") + "\nDe buurtmoeder ook.\n", encoding="utf-8")
t = time.perf_counter(); corpus = load_corpus(root); reload = time.perf_counter() - t
t = time.perf_counter(); indexing.update_index(corpus); reload += time.perf_counter() - t
queries = ["ouders", "vrijwilligers wijkteam", "casusbespreking", "huiskamer", "gezin", "buurtvader wandeling",
           "opvoedvragen", "sleutelfiguren", "bijeenkomst", "leernetwerk", "koffie", "jongeren school"]
t = time.perf_counter(); searching.search(root, "ouders in de wijk"); cold = time.perf_counter() - t
times = []
with search_engine.searcher(indexing.open_current(root)) as opened:
    for _ in range(5):
        for q in queries:
            t = time.perf_counter(); searching.search(root, q, searcher=opened); times.append(time.perf_counter() - t)
times.sort()
p = lambda f: times[min(len(times) - 1, int(f * len(times)))]
print(json.dumps({"load": load, "full": full, "reload": reload, "one_file": one, "changed": stats.changed,
                  "cold": cold, "p50": p(0.5), "p95": p(0.95), "queries": len(times)}))
"""


def step_index(report: Report, root: Path, size: int, available: set[str]):
    if not module_available("handbook.search.indexing"):
        report.add(Result("index: full", size, None, None, "not available (no handbook.search.indexing module yet)"))
        return
    if "index" in available:
        shutil.rmtree(root / ".handbook", ignore_errors=True)
        run = run_process([str(HANDBOOK), "--root", str(root), "index"])
        report.add(from_run("handbook index (full, CLI)", size, run))
    shutil.rmtree(root / ".handbook", ignore_errors=True)
    run = run_process([str(BIN / "python"), "-c", INDEX_DRIVER, str(root)])
    if not run.ok:
        report.add(from_run("index: update_index + search", size, run))
        return
    data = json.loads(run.stdout.strip().splitlines()[-1])
    report.add(Result("index: load_corpus", size, data["load"], note="read every page (for comparison)"))
    report.add(Result("index: full (refresh --rebuild)", size, data["full"], run.max_rss_mb, "read every page and build; peak RSS of the whole driver"))
    report.add(Result("index: one-file update", size, data["one_file"], note=f"indexing.refresh after one edit ({data['changed']} changed), in process"))
    report.add(Result("index: one-file, with reload", size, data["reload"], note="load_corpus + update_index: the old way, every page read again"))
    # What a contributor pays: 'handbook index' as its own process after one edit
    # (start-up, imports, stat of every file, the changed page read and indexed).
    tips = sorted((root / "content" / "tips").glob("*.md"))
    page = tips[len(tips) // 3]
    original = page.read_text(encoding="utf-8")
    try:
        # Fastest of three edits, as for the other quick steps: one run swings by a third
        # with Whoosh's segment merges and whatever else the machine is doing.
        runs = []
        for n in range(3):
            page.write_text(original + f"\nDe buurtvader nodigt ouders uit voor wandeling {n + 1}.\n", encoding="utf-8")
            runs.append(run_process([str(HANDBOOK), "--root", str(root), "index"]))
        run = min(runs, key=lambda r: (not r.ok, r.seconds))
        report.add(from_run("handbook index after one edit (CLI)", size, run, [r.seconds for r in runs]))
    finally:
        page.write_text(original, encoding="utf-8")
    report.add(Result("search: first query (cold)", size, data["cold"], note="freshness check + open index + query"))
    report.add(Result("search: query p50", size, data["p50"], note=f"{data['queries']} queries, open searcher"))
    report.add(Result("search: query p95", size, data["p95"], note=f"{data['queries']} queries, open searcher"))


def step_worst_pages(report: Report, work: Path):
    """F6: 'handbook check' of one page at the 1 MB limit full of one pattern, per input (exit 1 expected)."""
    import worst_pages

    report.results = [r for r in report.results if not r.step.startswith(WORST_STEP)]
    for name, unit in worst_pages.INPUTS.items():
        root = worst_pages.make_root(work / "worst", name, unit)
        run, times = best_of([str(HANDBOOK), "--root", str(root), "check"], 2)
        result = from_run(f"{WORST_STEP}{name}", None, run, expect_ok=False)
        tail = run.stdout.strip().splitlines()[-1:] or [f"exit {run.returncode}"]
        result.extra["cpu_seconds"] = run.cpu_seconds
        result.note = (
            f"'{unit.strip()}' repeated; {tail[0]}; wall {run.seconds:.2f} s (runs: {', '.join(f'{t:.2f}' for t in times)}; "
            f"load average {os.getloadavg()[0]:.0f} on {os.cpu_count()} cores)"
        )
        report.add(result)
    shutil.rmtree(work / "worst", ignore_errors=True)


WORST_STEP = "check: a 1 MB page of "


def step_print(report: Report, roots: dict[int, Path], available: set[str]):
    if "print" not in available:
        report.add(Result("handbook print (theme)", None, None, None, "not available (no 'handbook print' command yet)"))
        return
    # The theme whose page count is nearest to 50, in the smallest corpus that has one.
    best = None
    for size, root in sorted(roots.items()):
        manifest = json.loads((root / "corpus.json").read_text(encoding="utf-8"))
        for slug, count in manifest["pages_per_theme"].items():
            key = (abs(count - 50), size)
            if best is None or key < best[0]:
                best = (key, size, root, slug, count)
    _, size, root, slug, count = best
    out = root / ".print" / f"{slug}.pdf"
    out.parent.mkdir(exist_ok=True)
    run = run_process([str(HANDBOOK), "--root", str(root), "print", "--theme", slug, "-o", str(out)], cwd=root)
    result = from_run("handbook print (theme)", size, run)
    pages = pdf_pages(out) if run.ok else None
    result.note = (f"theme '{slug}': {count} pages in the handbook" + (f", {pages} PDF pages" if pages else "") + "; " + result.note).strip("; ")
    report.add(result)


def pdf_pages(path: Path) -> int | None:
    try:
        from pypdf import PdfReader

        return len(PdfReader(str(path)).pages)
    except Exception:  # noqa: BLE001 - a count is a nicety, not a measurement
        return None


# ------------------------------------------------------------------ the machine
def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "not installed"
    import yaml

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
        "versions": versions,
    }


def load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


# ------------------------------------------------------------------ RESULTS.md
def fmt_s(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def ratio_row(name: str, top: float | None, bottom: float | None, target: float, how: str) -> str:
    if top is None or bottom is None or not bottom:
        return f"| {name} | - | <= {target:g}x | not measured | {how} |"
    ratio = top / bottom
    verdict = "met" if ratio <= target else "**missed**"
    return f"| {name} | {ratio:.2f}x | <= {target:g}x | {verdict} | {how} |"


def limit_row(name: str, value: float | None, target: float, how: str) -> str:
    if value is None:
        return f"| {name} | - | <= {fmt_s(target)} | not measured | {how} |"
    verdict = "met" if value <= target else "**missed**"
    return f"| {name} | {fmt_s(value)} | <= {fmt_s(target)} | {verdict} | {how} |"


def write_results(report: Report, sizes: list[int], info: dict, args, started: str, loads: list[str], path: Path, findings: str):
    lines = [
        "# Benchmark results",
        "",
        f"Written by `benchmarks/run.py` on {started} (UTC). Repeat with:",
        "",
        "```",
        f".venv/bin/python benchmarks/run.py --sizes {','.join(map(str, sizes))} --repeat {args.repeat}",
        "make bench   # all three sizes",
        "```",
        "",
        "## Machine",
        "",
        f"- CPU: {info['cpu']}, {info['cores']} cores; memory {info['memory']}; {info['os']}",
        f"- Python {info['python']}; PyYAML with libyaml: {'yes' if info['libyaml'] else 'no'}",
        "- " + ", ".join(f"{k} {v}" for k, v in info["versions"].items()),
        f"- Load average (1, 5, 15 min) at the start and end of each size: {'; '.join(loads)}. The machine"
        " may be shared (a load above 1 means other work ran beside this), so single figures can be off by tens"
        " of percent; each time is the fastest of the repeated runs (check at every size; other steps above"
        " 2,000 pages, and builds above 200, run once).",
        "",
        "Every step runs as its own process, as a user runs it: wall time includes Python's start-up and imports;",
        "memory is that process's peak resident set (`ru_maxrss` from `os.wait4`).",
        "",
        "## Targets",
        "",
        "| target | measured | limit | verdict | how |",
        "| --- | --- | --- | --- | --- |",
    ]
    loader = floor_loader()
    floor_step = f"floor: yaml.load ({loader})"
    lines.append(ratio_row("check(2,000) / bare YAML parse(2,000)", report.seconds("handbook check", 2000), report.seconds(floor_step, 2000), 2, f"floor: read + split + yaml.load with {loader}"))
    lines.append(ratio_row("check(2,000) / pure-Python YAML parse(2,000)", report.seconds("handbook check", 2000), report.seconds("floor: yaml.load (SafeLoader)", 2000), 2, "for context: the parser check used before libyaml"))
    lines.append(ratio_row("check(10,000) / check(2,000)", report.seconds("handbook check", 10000), report.seconds("handbook check", 2000), 5, "linear: 5x pages, <= 5x time"))
    lines.append(ratio_row("bare YAML parse(10,000) / bare YAML parse(2,000)", report.seconds(floor_step, 10000), report.seconds(floor_step, 2000), 5, "for context: how the floor itself grows on this machine (same bytes per page)"))
    lines.append(ratio_row("check --cache, warm (2,000) / bare YAML parse(2,000)", report.seconds("handbook check --cache (warm)", 2000), report.seconds(floor_step, 2000), 2, "for context: no page changed since the cache was filled; rules across pages still run"))
    big = max(sizes)
    lines.append(limit_row(f"one-file index update at {big:,} pages", report.seconds("handbook index after one edit (CLI)", big), 0.5, "'handbook index' as a process after one edit: start-up, stat of every file, one page read"))
    lines.append(limit_row(f"the same, in process ({big:,})", report.seconds("index: one-file update", big), 0.5, "handbook.search.indexing.refresh after one edit"))
    lines.append(limit_row(f"query p95 at {big:,} pages", report.seconds("search: query p95", big), 0.020, "60 queries, in process"))
    for size in sizes:
        lines.append(ratio_row(f"handbook build --no-print / plain mkdocs-material ({size:,})", report.seconds("handbook build", size), report.seconds("mkdocs-material build (plain)", size), 1.25, "same Markdown, same navigation (type sections in alphabetical groups of 50, navigation.prune)"))
    built = [s for s in sizes if report.seconds("handbook build", s)]
    if len(built) >= 2:
        a, b = built[-2], built[-1]
        lines.append(ratio_row(f"build({b:,}) / build({a:,})", report.seconds("handbook build", b), report.seconds("handbook build", a), b / a, "linear in pages"))
    plain_built = [s for s in sizes if report.seconds("mkdocs-material build (plain)", s)]
    if len(plain_built) >= 2:
        a, b = plain_built[-2], plain_built[-1]
        lines.append(ratio_row(f"plain build({b:,}) / plain build({a:,})", report.seconds("mkdocs-material build (plain)", b), report.seconds("mkdocs-material build (plain)", a), b / a, "for comparison: mkdocs itself"))
    printed = next((r for r in report.results if r.step == "handbook print (theme)"), None)
    lines.append(limit_row("print a 50-page theme", printed.seconds if printed else None, 15, printed.note if printed else "not available"))
    for r in report.results:
        if r.step.startswith(WORST_STEP):
            # CPU time: one process on one core, which is its wall time on an idle machine; the
            # wall time on a shared machine is in the note.
            cpu = r.extra.get("cpu_seconds", r.seconds)
            lines.append(limit_row(r.step.replace("check: a", "check of a"), cpu, 5.0, f"F6, CPU time, one page in a corpus of 20: {r.note}"))
    lines += ["", "## All figures", "", "| step | " + " | ".join(f"{s:,} pages" for s in sizes) + " | notes |", "| --- |" + " --- |" * (len(sizes) + 1)]
    steps = list(dict.fromkeys(r.step for r in report.results if r.step != "search bytes" and r.size is not None))
    for step in steps:
        cells, notes = [], []
        for size in sizes:
            found = [r for r in report.results if r.step == step and r.size == size]
            if not found:
                cells.append("")
                continue
            r = found[0]
            cell = fmt_s(r.seconds) if r.seconds is not None else "-"
            if r.max_rss_mb is not None and r.seconds is not None:
                cell += f" ({r.max_rss_mb:.0f} MB)"
            cells.append(cell)
            if r.note:
                notes.append((size, r.note))
        texts = {note for _, note in notes if not note.startswith("runs:")}
        if len(texts) == 1 and all(not n.startswith("runs:") for _, n in notes):
            shown = texts.pop()  # the same note at every size: once
        else:
            shown = "; ".join(f"{size:,}: {note}" for size, note in notes)
        lines.append(f"| {step} | " + " | ".join(cells) + " | " + shown.replace("|", "/") + " |")
    lines += ["", "Times are wall-clock; the figure in brackets is the peak memory of that process.", ""]
    lines += ["## Memory at the largest size", ""]
    for step in ("handbook check", "handbook index (full, CLI)", "index: full (refresh --rebuild)", "handbook build", "mkdocs-material build (plain)"):
        r = report.get(step, big)
        lines.append(f"- {step}: " + (f"{r.max_rss_mb:.0f} MB peak RSS at {big:,} pages" if r and r.max_rss_mb else "not measured"))
    lines += ["", "## Bytes a browser downloads for the first search query", ""]
    searched = [r for r in report.results if r.step == "search bytes"]
    if not searched:
        lines.append("Not measured.")
    for r in searched:
        if not r.extra:
            lines.append(f"- {r.size:,} pages: {r.note}")
            continue
        x = r.extra
        if "rows" in x:
            lines.append(
                f"- {r.size:,} pages, {r.note}: **{x['total'] / 1e3:,.0f} kB** in all until the first result shows "
                f"({x['total_gzip'] / 1e3:,.0f} kB gzipped), of which search {x['search'] / 1e3:,.0f} kB "
                f"({x['search_gzip'] / 1e3:,.0f} kB gzipped); the search said: \"{x.get('answer', '')}\""
            )
            for name, raw, gz, after in x["rows"]:
                when = "after load" if after else "page load"
                lines.append(f"  - `{name}`: {raw / 1e3:,.1f} kB ({gz / 1e3:,.1f} kB gzipped; {when})")
        else:
            lines.append(f"- {r.size:,} pages, {r.note}: {x['raw'] / 1e3:,.0f} kB raw, {x['gzip'] / 1e3:,.0f} kB gzipped (files on disk; browser not used: {x.get('why', '')})")
            for name, raw, gz in x["files"]:
                lines.append(f"  - `{name}`: {raw / 1e3:,.1f} kB ({gz / 1e3:,.1f} kB gzipped)")
    lines += [
        "",
        "Measured in Debian's Chromium (Playwright): the built site is served by Python's http.server",
        "(no compression), the home page opened, 'ouders' typed into Material's search box, and every",
        "response counted until the search answered. Gzip at level 6 stands for what a server with",
        "compression would send. 'search' counts the index, the search worker and the lunr files.",
        "",
        "## Time per size (generation and steps)",
        "",
    ]
    for name, seconds in report.step_seconds.items():
        lines.append(f"- {name}: {seconds:.0f} s")
    if report.notes:
        lines += ["", "## Notes from this run", ""] + [f"- {n}" for n in report.notes]
    if findings:
        lines += ["", findings.strip()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    raw = {"machine": info, "loads": loads, "started": started, "sizes": sizes, "repeat": args.repeat,
           "results": [vars(r) for r in report.results], "step_seconds": report.step_seconds}
    path.with_name("results.json").write_text(json.dumps(raw, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def render_only(args) -> int:
    raw = json.loads(args.out.with_name("results.json").read_text(encoding="utf-8"))
    report = Report()
    report.results = [Result(**r) for r in raw["results"]]
    report.step_seconds = raw["step_seconds"]
    sizes = raw.get("sizes") or sorted({r.size for r in report.results if r.size})
    args.repeat = raw.get("repeat", args.repeat)
    started = raw.get("started") or time.strftime("%Y-%m-%d %H:%M", time.gmtime(args.out.stat().st_mtime))
    write_results(report, sizes, raw["machine"], args, started, raw["loads"], args.out, _findings())
    print(f"wrote {args.out} from results.json")
    return 0


def worst_only(args) -> int:
    raw = json.loads(args.out.with_name("results.json").read_text(encoding="utf-8"))
    report = Report()
    report.results = [Result(**r) for r in raw["results"]]
    step_worst_pages(report, args.work)
    raw["results"] = [vars(r) for r in report.results]
    args.out.with_name("results.json").write_text(json.dumps(raw, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return render_only(args)


def _findings() -> str:
    file = HERE / "FINDINGS.md"
    return file.read_text(encoding="utf-8") if file.is_file() else ""


# ------------------------------------------------------------------ main
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="page counts, e.g. 200,2000")
    parser.add_argument("--repeat", type=int, default=3, help="runs per quick step (the fastest counts); steps above a minute run once")
    parser.add_argument("--work", type=Path, default=HERE / "corpus", help="where the corpora are generated")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--skip", default="", help="steps to leave out: check,index,build,print,search,worst")
    parser.add_argument("--build-max", type=int, default=10_000, help="largest size to build (builds are the slowest step)")
    parser.add_argument("--worst-only", action="store_true", help="measure only the worst single pages (F6); keep the other figures of results.json")
    parser.add_argument("--render-only", action="store_true", help="rewrite RESULTS.md from results.json without measuring")
    args = parser.parse_args(argv)
    if args.render_only:
        return render_only(args)
    if args.worst_only:
        return worst_only(args)
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    started = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
    info = machine()
    available = commands_available()
    print(f"handbook commands available: {', '.join(sorted(available)) or 'none'}", flush=True)
    report = Report()
    loads: list[str] = []
    roots: dict[int, Path] = {}
    for size in sizes:
        began = time.perf_counter()
        load_start = load()
        root = args.work / f"n{size}"
        print(f"{size} pages: generating into {root}", flush=True)
        t = time.perf_counter()
        generate_corpus(root, size, seed=0)
        report.step_seconds[f"{size:,}: generate"] = time.perf_counter() - t
        roots[size] = root
        repeat = args.repeat if size <= 2000 else 1
        for name, action in (
            # check is quick at every size, and its 10,000/2,000 ratio is a target: fastest of all runs.
            ("check", lambda: step_check(report, root, size, args.repeat)),
            ("index", lambda: step_index(report, root, size, available)),
            ("build", lambda: step_build(report, root, size, 1 if size > 200 else repeat, available, with_pdfs=size == sizes[0] and "print" not in skip) if size <= args.build_max else report.add(Result("handbook build", size, None, None, f"skipped (--build-max {args.build_max})"))),
            ("search", lambda: step_search_bytes(report, root, size)),
        ):
            if name in skip:
                continue
            t = time.perf_counter()
            try:
                action()
            except Exception as exc:  # noqa: BLE001 - one broken step must not lose the others
                report.add(Result(name, size, None, None, f"crashed: {type(exc).__name__}: {exc}"))
            report.step_seconds[f"{size:,}: {name}"] = time.perf_counter() - t
        loads.append(f"{size:,} pages: {load_start} -> {load()} ({time.perf_counter() - began:.0f} s)")
        # Written after every size, so a long run that is stopped still leaves its figures.
        write_results(report, sizes, info, args, started, loads, args.out, _findings())
    if "print" not in skip:
        t = time.perf_counter()
        try:
            step_print(report, roots, available)
        except Exception as exc:  # noqa: BLE001
            report.add(Result("handbook print (theme)", None, None, None, f"crashed: {type(exc).__name__}: {exc}"))
        report.step_seconds["print"] = time.perf_counter() - t
    if "worst" not in skip:
        t = time.perf_counter()
        step_worst_pages(report, args.work)
        report.step_seconds["worst pages"] = time.perf_counter() - t
    write_results(report, sizes, info, args, started, loads, args.out, _findings())
    print(f"wrote {args.out}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
