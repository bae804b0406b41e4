"""``handbook print``: a theme, a type, a search or chosen pages as a booklet or method cards."""

from __future__ import annotations

import sys
from pathlib import Path

# Only what argparse needs is imported here: the cli imports every command's
# module to build its parser, and WeasyPrint is slow to import.
FORMATS = ("pdf", "html")


def add_arguments(parser):
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--theme", metavar="THEMA", help="alle pagina's van dit thema (de bestandsnaam in content/themas/)")
    choice.add_argument("--type", metavar="TYPE", help="alle pagina's van dit type, bijvoorbeeld methoden of tips")
    choice.add_argument("--query", metavar="ZOEKTERM", help="de pagina's die bij deze zoekopdracht horen")
    parser.add_argument("pages", nargs="*", metavar="PAGINA", help="of: deze pagina's (bestandsnaam zonder .md, of het pad)")
    parser.add_argument("-o", "--output", metavar="BESTAND", help="waar het resultaat komt (standaard: <naam>.pdf in de huidige map)")
    parser.add_argument("--handout", action="store_true", help="methodekaarten: elke methode op één A4 voor op tafel")
    parser.add_argument("--format", choices=FORMATS, default=None, help="pdf (standaard) of html")


# A search print takes at most this many pages, best first: a booklet, not the whole handbook.
QUERY_LIMIT = 60


def index_search(corpus, query: str) -> list:
    """The pages the handbook's search index finds for a query, best first."""
    from handbook.search import queries as searching
    from handbook.printing.selection import PrintError

    try:
        outcome = searching.search(corpus.root, query, limit=QUERY_LIMIT)
    except searching.QueryProblem as exc:
        raise PrintError(str(exc)) from exc
    return [corpus.by_path[r.path] for r in outcome.results if r.path in corpus.by_path]


def _format(args) -> str:
    if args.format:
        return args.format
    if args.output and Path(args.output).suffix.lower() in (".html", ".htm"):
        return "html"
    return "pdf"


def _refusal(out: Path) -> str | None:
    """Why the print may not be written to ``out`` (Dutch), or None. Only a file that a
    print made is replaced, and no folder is made on the way (F13)."""
    from handbook.printing.pdf import made_by_handbook

    folder = out.parent
    if not folder.is_dir():
        return f"de map '{folder}' bestaat niet; maak die eerst, of kies met -o een bestand in een map die er is"
    if out.is_symlink() or out.exists():
        if not out.is_file() or out.is_symlink():
            return f"'{out}' is geen gewoon bestand; kies met -o een ander bestand"
        if not made_by_handbook(out):
            return (
                f"'{out}' bestaat al en is geen print van het handboek; het wordt niet overschreven. "
                "Kies met -o een andere naam, of haal het bestand eerst zelf weg"
            )
    return None


def run(args) -> int:
    chosen = [bool(args.theme), bool(args.type), args.query is not None, bool(args.pages)]
    if sum(chosen) != 1:
        print(
            "handbook print: fout: kies precies één van --theme, --type, --query of pagina's, "
            "bijvoorbeeld: handbook print --theme casusbespreking",
            file=sys.stderr,
        )
        return 2
    from handbook.content import walk
    from handbook.content.oserrors import describe
    from handbook.content.terminal import printable
    from handbook.content.loader import load_corpus
    from handbook.printing.pdf import write_print
    from handbook.printing.selection import PrintError, select

    corpus = load_corpus(args.root)
    # Folders and files that could not be read, names that are not UTF-8: said, not skipped silently.
    unread = [p for p in corpus.problems if p.rule in (walk.UNREADABLE, walk.BAD_NAME)]
    for problem in unread:
        print(printable(str(problem)), file=sys.stderr)
    fmt = _format(args)
    try:
        selection = select(corpus, theme=args.theme, type=args.type, query=args.query, pages=args.pages, search=index_search)
        stem = selection.name + ("-kaarten" if args.handout else "")
        out = Path(args.output) if args.output else Path(f"{stem}.{fmt}")
        if out.is_dir():
            out = out / f"{stem}.{fmt}"
        refusal = _refusal(out)
        if refusal:
            print(f"handbook print: fout in de opdracht: {printable(refusal)}", file=sys.stderr)
            return 2
        written = write_print(selection, corpus, out, fmt=fmt, handout=args.handout)
    except PrintError as exc:
        print(f"handbook print: fout: {printable(str(exc))}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"handbook print: fout: kan niet schrijven: {printable(describe(exc))}", file=sys.stderr)
        return 1
    what = "methodekaarten" if args.handout else "boekje"
    count = sum(p.type == "method" for p in selection.pages) if args.handout else len(selection.pages)
    print(f"{printable(str(written))}: {what} '{printable(selection.title)}' met {count} {'pagina' if count == 1 else 'pagina' + chr(39) + 's'}")
    return 1 if unread else 0
