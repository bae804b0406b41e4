from __future__ import annotations

import gc
import sys

from handbook.check.runner import run_check
from handbook.check.formats import FORMATS
from handbook.content.problems import ERROR


def add_arguments(parser):
    parser.add_argument("paths", nargs="*", metavar="PAD", help="alleen deze bestanden of mappen (standaard: alles)")
    parser.add_argument("--format", choices=sorted(FORMATS), default="text", help="uitvoer: text, github of json")
    parser.add_argument(
        "--cache",
        action="store_true",
        help="onthoud in .handbook/ wat per pagina gevonden is; een volgende keer worden alleen gewijzigde "
        "pagina's opnieuw gelezen (controles tussen pagina's lopen altijd over alles)",
    )


def run(args) -> int:
    # A check makes a few hundred thousand small objects and no cycles worth collecting; the
    # collector would walk all of them again and again, a tenth of the time at 10,000 pages.
    # Afterwards they are frozen (left out of later collections, such as the one at exit).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        problems = run_check(args.root, args.paths, cache=args.cache)
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
    output = FORMATS[args.format](problems)
    if output:
        print(output)
    if any(p.rule == "usage" for p in problems):
        return 2
    return 1 if any(p.level == ERROR for p in problems) else 0
