from __future__ import annotations

import sys

from handbook.site.build import build_site
from handbook.check.formats import text
from handbook.content.terminal import printable


def add_arguments(parser):
    parser.add_argument("--site-dir", default=None, metavar="MAP", help="waar de site komt (standaard: site/ in het handboek)")
    parser.add_argument("--offline", action="store_true",
                        help="maak de kopie die ook zonder internet werkt, geopend van schijf (zoeken met lunr in plaats van Pagefind)")
    parser.add_argument("--no-offline-zip", action="store_true",
                        help="laat de zip met de offline kopie weg (sneller; de site biedt dan geen download aan)")
    parser.add_argument("--no-print", action="store_true", help="maak geen printversies (PDF) van de thema's")


def run(args) -> int:
    result = build_site(args.root, args.site_dir, prints=not args.no_print, offline=args.offline,
                        offline_zip=not (args.offline or args.no_offline_zip))
    if result.problems:
        print(text(result.problems))
    if not result.ok:
        print(f"handbook build: {printable(result.message)}", file=sys.stderr)
        return 1
    print(f"De site staat klaar in {printable(str(result.site_dir))}")
    return 0
