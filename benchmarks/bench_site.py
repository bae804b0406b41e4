"""Benchmark for the site build (not a timed test): mkdocs build --strict of synthetic
handbooks of growing size, printed side by side with the ratio to the smallest, so
quadratic behaviour (a flat or fully expanded navigation) shows at once.

    .venv/bin/python benchmarks/bench_site.py                  # 250, 500, 1000 pages
    .venv/bin/python benchmarks/bench_site.py --pages 500 2000

Linear means: time ratio close to page ratio. The index is built before timing
(``handbook build`` does that step apart), and every page gets its "Zie ook".
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate_corpus  # noqa: E402


def build_once(root: Path) -> float:
    from handbook.site.mkdocs_plugin import _Collect, mkdocs_build
    from handbook.search.indexing import update_index
    from handbook.content.loader import load_corpus

    update_index(load_corpus(root))
    collect = _Collect()
    started = time.perf_counter()
    try:
        mkdocs_build(root / "mkdocs.yml", root / "site", collect)
    except SystemExit as exc:  # strict mode: report, but the time still says how it scales
        print(f"    (mkdocs: {exc}; {'; '.join(collect.lines[:2])})", flush=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[250, 500, 1000])
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        for n in sorted(args.pages):
            root = Path(tmp) / f"corpus-{n}"
            generate_corpus(root, n)
            seconds = build_once(root)
            rows.append((n, seconds))
            print(f"  {n:>6} pages  {seconds:7.2f} s", flush=True)
    base_n, base_s = rows[0]
    print(f"\n  {'pages':>6}  {'seconds':>8}  {'page ratio':>10}  {'time ratio':>10}")
    for n, seconds in rows:
        print(f"  {n:>6}  {seconds:8.2f}  {n / base_n:10.1f}  {seconds / base_s:10.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
