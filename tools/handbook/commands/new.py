"""``handbook new TYPE "Titel"``: a new page from its type's template, as a draft."""

from __future__ import annotations

import datetime
import sys

from handbook.authoring import new_page


def add_arguments(parser):
    parser.add_argument(
        "type",
        metavar="TYPE",
        help="het soort pagina: methode, tip, roadshow, praktijk, thema, bron of wijk",
    )
    parser.add_argument("title", metavar="TITEL", help='de titel, tussen aanhalingstekens: "Mijn nieuwe tip"')
    parser.add_argument("--slug", help="een eigen bestandsnaam (zonder .md); standaard gemaakt van de titel")


def run(args) -> int:
    try:
        new_page.resolve_type(args.type)
    except new_page.Refusal as refusal:
        print(f"handbook new: fout in de opdracht: {refusal}", file=sys.stderr)
        return 2
    try:
        # The one place the clock is read: the new page's 'updated' date.
        page = new_page.create(args.root, args.type, args.title, today=datetime.date.today(), slug=args.slug)
    except new_page.Refusal as refusal:
        print(f"handbook new: fout: {refusal}", file=sys.stderr)
        return 1
    print(f"Nieuwe pagina gemaakt: {page.rel} (concept, status: draft)")
    print("Vul de velden en de tekst in; de uitleg staat erbij achter een #.")
    print(f"Controleer daarna met: handbook check {page.rel}")
    return 0
