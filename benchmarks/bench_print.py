"""Benchmark for handbook print (not a timed test): a 50-page theme from the
synthetic corpus, stage by stage, against the 15 s target; and the cost of the
site's theme prints, per theme booklet, serial, parallel and cached.

    .venv/bin/python benchmarks/bench_print.py               # 500-page corpus
    .venv/bin/python benchmarks/bench_print.py --pages 2000 --skip-site

Wall time and CPU time are printed side by side: other work on the machine
shows as wall time well above CPU time.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate_corpus  # noqa: E402

TARGET_SECONDS = 15.0
BOOKLET_PAGES = 50


class Clock:
    def __init__(self):
        self.rows = []

    @staticmethod
    def cpu() -> float:
        """CPU seconds of this process and of the children it waited for (the CLI run)."""
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return time.process_time() + children.ru_utime + children.ru_stime

    def measure(self, label, fn, note=""):
        wall, cpu = time.perf_counter(), self.cpu()
        result = fn()
        self.rows.append((label, time.perf_counter() - wall, self.cpu() - cpu, note))
        print(f"  {label:<44} {self.rows[-1][1]:7.2f} s wall {self.rows[-1][2]:7.2f} s cpu  {note}", flush=True)
        return result


def fifty_page_theme(corpus):
    """The theme with at least 50 pages that is nearest to 50, cut to exactly 50 pages."""
    from handbook.printing.selection import PrintError, by_theme, themes

    best = None
    for theme in themes(corpus):
        try:
            selection = by_theme(corpus, theme.slug)
        except PrintError:
            continue
        if len(selection.pages) >= BOOKLET_PAGES and (best is None or len(selection.pages) < len(best.pages)):
            best = selection
    if best is None:
        raise SystemExit("no theme with 50 pages in this corpus; use a larger --pages")
    return dataclasses.replace(best, pages=best.pages[:BOOKLET_PAGES])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=500, help="size of the synthetic corpus (default 500)")
    parser.add_argument("--site-pages", type=int, default=200, help="corpus size for the site prints (default 200)")
    parser.add_argument("--skip-site", action="store_true")
    args = parser.parse_args(argv)

    from handbook.content.loader import load_corpus
    from handbook.printing.document import render_document
    from handbook.printing.pdf import _document, _write, quiet_weasyprint, render_pdf
    from handbook.printing.site import write_theme_prints

    quiet_weasyprint()
    clock = Clock()
    with tempfile.TemporaryDirectory(prefix="bench-print-") as temp:
        temp = Path(temp)
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}", flush=True)
        root = generate_corpus(temp / f"n{args.pages}", args.pages)
        corpus = clock.measure("load corpus", lambda: load_corpus(root), f"{args.pages} pages")
        selection = fifty_page_theme(corpus)
        print(f"theme '{selection.key}', {len(selection.pages)} pages", flush=True)

        # Warm up once (font loading, imports), as a second print in the same process would be.
        html = clock.measure("HTML (Markdown, cards, QR codes)", lambda: render_document(selection, corpus))
        document = clock.measure("layout (WeasyPrint)", lambda: _document(html, corpus.content_dir.as_uri() + "/"))
        pdf = clock.measure("PDF write (draw, fonts)", lambda: _write(document, html))
        total = sum(row[1] for row in clock.rows[1:4])
        print(f"  {'= booklet in process':<44} {total:7.2f} s wall   ({len(pdf) / 1e6:.2f} MB, {len(document.pages)} sheets)")

        clock.measure("handout cards (methods of the same 50)", lambda: render_pdf(selection, corpus, handout=True)[1],
                      f"{sum(p.type == 'method' for p in selection.pages)} cards")

        # The command as a trainer runs it: a fresh process, whole theme (may be a little over 50 pages).
        out = temp / "theme.pdf"
        cli = [str(Path(sys.executable).parent / "handbook"), "--root", str(root), "print", *[p.slug for p in selection.pages], "-o", str(out)]
        clock.measure("handbook print (50 pages, new process)", lambda: subprocess.run(cli, check=True, capture_output=True))
        cli_seconds = clock.rows[-1][1]

        if not args.skip_site:
            site_root = generate_corpus(temp / f"n{args.site_pages}", args.site_pages)
            site_corpus = load_corpus(site_root)
            from handbook.printing.selection import themes

            count = len(themes(site_corpus))
            pages = sum(1 for p in site_corpus.published() if p.type in ("method", "tip", "roadshow", "practice"))
            serial = clock.measure("site prints, 1 process", lambda: write_theme_prints(site_corpus, temp / "s1", workers=1),
                                   f"{count} themes, {args.site_pages}-page corpus")
            clock.measure("site prints, all cores", lambda: write_theme_prints(site_corpus, temp / "s2", workers=os.cpu_count(), cache_dir=temp / "cache"))
            clock.measure("site prints, rebuild with cache", lambda: write_theme_prints(site_corpus, temp / "s3", cache_dir=temp / "cache"))
            per_theme = clock.rows[-3][1] / max(1, len(serial))
            print(f"  per theme booklet (serial): {per_theme:.2f} s; themes hold {pages} content pages in all (a page has several themes)")

    ratio = cli_seconds / TARGET_SECONDS
    verdict = "within" if cli_seconds <= TARGET_SECONDS else "OVER"
    print(f"\nprint a 50-page theme: {cli_seconds:.2f} s vs target {TARGET_SECONDS:.0f} s (ratio {ratio:.2f}): {verdict} target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
