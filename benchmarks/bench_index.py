"""Benchmark the search index on synthetic corpora (not a test: it prints numbers).

    .venv/bin/python benchmarks/bench_index.py            # 2,000 and 10,000 pages
    .venv/bin/python benchmarks/bench_index.py 2000       # one size

For each size: load the corpus, build the index from nothing, change one page and
update, then run a fixed set of queries through an open searcher (p50/p95), and
also time the things the index feeds: "Zie ook" for every page and the similar
check against a bare YAML parse of the same files. Targets (issue 5): one-file
update at 10,000 pages within 0.5 s; query p95 within 20 ms.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate_corpus  # noqa: E402

from handbook.search import indexing, engine as search_engine, queries as searching  # noqa: E402
from handbook.content.loader import load_corpus, page_files  # noqa: E402
from handbook.search.related import related_pages  # noqa: E402
from handbook.check.rules import similar  # noqa: E402

QUERIES = [
    "ouders", "gezinnen", "vrijwilligers wijkteam", "casusbespreking", "ondersteuning", "netwerk",
    "kinderen school", '"samen leren"', "bijeenkomst", "ideeen", "intervisie", "laaggeletterheid",
    "moeders buurt", "opvoeden NOT school", "jongeren", "leernetwerk",
]
ROUNDS = 5
TARGETS = {"one-file update": 0.5, "query p95": 0.020}


def clock(fn, *args, **kwargs):
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return time.perf_counter() - start, value


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def bare_yaml(root: Path) -> float:
    """Read every file and parse its front-matter with PyYAML's C loader (if there)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    start = time.perf_counter()
    for file in page_files(root):
        text = file.read_text(encoding="utf-8")
        if text.startswith("---"):
            yaml.load(text.split("---", 2)[1], Loader=loader)
    return time.perf_counter() - start


def bench(size: int, work: Path) -> dict:
    root = work / f"n{size}"
    if not (root / "content").is_dir():
        print(f"  generating {size} pages in {root} ...", flush=True)
        generate_corpus(root, size, seed=0)
    row = {"pages": size}
    row["load"], corpus = clock(load_corpus, root)
    row["full index"], stats = clock(indexing.refresh, root, rebuild=True)
    row["indexed"] = stats.total
    row["no-change update"], _ = clock(indexing.refresh, root)

    tips = sorted((root / "content" / "tips").glob("*.md"))
    page = tips[len(tips) // 2]
    original = page.read_text(encoding="utf-8")
    try:
        page.write_text(original + "\nDe buurtvader nodigt ouders uit voor een wandeling.\n", encoding="utf-8")
        # As 'handbook index' does it: stat every file, read the changed one.
        row["one-file update"], stats = clock(indexing.refresh, root)
        row["reindexed"] = stats.reindexed
    finally:
        page.write_text(original, encoding="utf-8")
        indexing.refresh(root)
        corpus = load_corpus(root)

    times = []
    with search_engine.searcher(indexing.open_current(root)) as opened:
        for _ in range(ROUNDS):
            for query in QUERIES:
                elapsed, _ = clock(searching.search, root, query, searcher=opened)
                times.append(elapsed)
    row["query p50"] = statistics.median(times)
    row["query p95"] = percentile(times, 0.95)
    row["query (cold, CLI path)"], _ = clock(searching.search, root, "ouders in de wijk")

    sample = corpus.published()[:: max(1, len(corpus.published()) // 200)]
    elapsed, _ = clock(lambda: [related_pages(corpus, p) for p in sample])
    row["related per page"] = elapsed / len(sample)

    row["bare yaml parse"] = bare_yaml(root)
    row["similar rule"], _ = clock(similar.similar_pairs, [p for p in corpus.pages if p.readable])
    return row


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [2000, 10000]
    work = HERE / "corpus"
    rows = [bench(size, work) for size in sizes]
    keys = [k for k in rows[0] if k != "pages"]
    print()
    print(f"{'':28}" + "".join(f"{r['pages']:>14,}" for r in rows))
    for key in keys:
        cells = []
        for r in rows:
            value = r[key]
            cells.append(f"{value:>14,}" if isinstance(value, int) else f"{value * 1000:>11.1f} ms")
        target = TARGETS.get(key)
        note = f"   target {target * 1000:.0f} ms" if target else ""
        print(f"{key:28}" + "".join(cells) + note)
    largest = rows[-1]
    print()
    for key, limit in TARGETS.items():
        verdict = "met" if largest[key] <= limit else "MISSED"
        print(f"{key} at {largest['pages']:,} pages: {largest[key] * 1000:.1f} ms (target {limit * 1000:.0f} ms): {verdict}")
    for r in rows:
        print(f"similar rule at {r['pages']:,} pages: {r['similar rule'] / r['bare yaml parse']:.2f}x a bare YAML parse")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
