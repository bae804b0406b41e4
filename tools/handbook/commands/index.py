"""``handbook index [--rebuild]``: bring the search index up to date."""

from __future__ import annotations

import sys

from handbook.check.formats import text
from handbook.content.terminal import printable


def add_arguments(parser):
    parser.add_argument("--rebuild", action="store_true", help="bouw de index helemaal opnieuw op in plaats van alleen wat veranderde")


def run(args) -> int:
    from handbook.search import indexing  # not at import time: `handbook check` need not load the engine

    try:
        # Only the files that changed are read (see indexing.refresh).
        stats = indexing.refresh(args.root, rebuild=args.rebuild)
    except indexing.IndexUnavailable as exc:
        print(f"handbook index: fout: {printable(str(exc))}", file=sys.stderr)
        return 1
    if stats.notice:
        print(f"handbook index: {printable(stats.notice)}", file=sys.stderr)
    if stats.problems:
        print(text(stats.problems), file=sys.stderr)
    print(stats.summary())
    return 1 if stats.problems else 0
