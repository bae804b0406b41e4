"""``handbook search QUERY``: search the handbook from the command line."""

from __future__ import annotations

import json
import sys

from handbook.content import schemas


def add_arguments(parser):
    parser.add_argument("query", nargs="*", metavar="ZOEKVRAAG", help='woorden om op te zoeken; "woordgroep" tussen aanhalingstekens')
    parser.add_argument("--type", choices=list(schemas.page_types()), help="alleen pagina's van dit type")
    parser.add_argument("--theme", metavar="THEMA", help="alleen pagina's met dit thema (de bestandsnaam, zoals casusbespreking)")
    parser.add_argument("--audience", metavar="DOELGROEP", help="alleen pagina's voor deze doelgroep, zoals vrijwilligers")
    parser.add_argument("--limit", type=_positive, default=10, help="hoeveel resultaten hoogstens (standaard 10)")
    parser.add_argument("--format", choices=["text", "json"], default="text", help="uitvoer: text of json")


def _positive(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen getal") from None
    if value < 1:
        raise argparse.ArgumentTypeError("gebruik een getal van 1 of meer")
    return value


def run(args) -> int:
    # Imported here: every command module is imported to build the parser, and the
    # search engine need not load for `handbook check`.
    from handbook.content.terminal import printable
    from handbook.search import indexing, queries as searching

    try:
        outcome = searching.search(
            args.root, " ".join(args.query), type=args.type, theme=args.theme, audience=args.audience, limit=args.limit
        )
    except searching.QueryProblem as exc:
        print(f"handbook search: {exc}", file=sys.stderr)
        return 2
    except indexing.IndexUnavailable as exc:
        print(f"handbook search: fout: {printable(str(exc))}; probeer handbook index --rebuild", file=sys.stderr)
        return 1
    for notice in outcome.notices:
        print(f"handbook search: {printable(notice)}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps([r.as_dict() for r in outcome.results], ensure_ascii=False, indent=2))
        if outcome.did_you_mean:
            print(f"handbook search: bedoelde je: {printable(outcome.did_you_mean)}?", file=sys.stderr)
        return 0
    print(render_text(outcome))
    return 0


def render_text(outcome) -> str:
    # Titles, paths and snippets come from pages: their control characters are shown
    # escaped, and a line feed in a title cannot start a line of its own (F14).
    from handbook.content.terminal import printable as p

    types = schemas.page_types()
    lines = []
    if outcome.did_you_mean:
        lines.append(f"Bedoelde je: {p(outcome.did_you_mean)}?")
    if not outcome.total:
        lines.append(f"Niets gevonden voor '{p(outcome.query)}'. Probeer een ander of algemener woord.")
        return "\n".join(lines)
    word = "resultaat" if outcome.total == 1 else "resultaten"
    shown = f", de beste {len(outcome.results)} hieronder" if len(outcome.results) < outcome.total else ""
    lines.append(f"{outcome.total} {word} voor '{p(outcome.query)}'{shown}.")
    per_type = ", ".join(f"{_label(types, t, n)} {n}" for t, n in outcome.by_type.items())
    lines.append(f"Per soort: {per_type}")
    if outcome.by_theme:
        lines.append("Per thema: " + ", ".join(f"{p(t)} {n}" for t, n in outcome.by_theme.items()))
    for number, result in enumerate(outcome.results, 1):
        label = types[result.type].label if result.type in types else result.type
        lines.append("")
        lines.append(f"{number}. {p(result.title)} ({label})")
        lines.append(f"   {p(result.path)}")
        if result.snippet:
            lines.append(f"   {p(result.snippet)}")
    return "\n".join(lines)


def _label(types, type_name: str, count: int) -> str:
    page_type = types.get(type_name)
    if page_type is None:
        return type_name
    return (page_type.label if count == 1 else page_type.plural).lower()
