from __future__ import annotations

import sys

from handbook.check import run_check
from handbook.formats import FORMATS
from handbook.problems import ERROR


def add_arguments(parser):
    parser.add_argument("paths", nargs="*", metavar="PAD", help="alleen deze bestanden of mappen (standaard: alles)")
    parser.add_argument("--format", choices=sorted(FORMATS), default="text", help="uitvoer: text, github of json")


def run(args) -> int:
    problems = run_check(args.root, args.paths)
    output = FORMATS[args.format](problems)
    if output:
        print(output)
    if any(p.rule == "usage" for p in problems):
        return 2
    return 1 if any(p.level == ERROR for p in problems) else 0
