"""``handbook index [--rebuild]``: bring the search index up to date."""

from __future__ import annotations

import sys

from handbook.loader import load_corpus


def add_arguments(parser):
    parser.add_argument("--rebuild", action="store_true", help="bouw de index helemaal opnieuw op in plaats van alleen wat veranderde")


def run(args) -> int:
    from handbook import indexing  # not at import time: `handbook check` need not load the engine

    try:
        stats = indexing.update_index(load_corpus(args.root), rebuild=args.rebuild)
    except indexing.IndexUnavailable as exc:
        print(f"handbook index: fout: {exc}", file=sys.stderr)
        return 1
    if stats.notice:
        print(f"handbook index: {stats.notice}", file=sys.stderr)
    print(stats.summary())
    return 0
