"""The ``handbook`` command. The exit code is decided here, once:
0 without errors (warnings allowed), 1 with errors, 2 on wrong usage."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

# (command, module, Dutch help). Each module has add_arguments(parser) and run(args) -> int.
# Modules are imported only when their command runs, so `check` stays quick.
COMMANDS = [
    ("check", "handbook.commands.check", "controleer de pagina's en meld elk probleem met bestand en regel"),
    ("new", "handbook.commands.new", "maak een nieuwe pagina (als concept) uit het sjabloon van een paginatype"),
    ("index", "handbook.commands.index", "werk de zoekindex bij (alleen wat veranderde), of bouw hem opnieuw met --rebuild"),
    ("search", "handbook.commands.search", "zoek in het handboek, met fragmenten en aantallen per soort en thema"),
    ("print", "handbook.commands.print", "print een thema of gekozen pagina's als boekje (PDF) of als methodekaarten"),
    ("forms", "handbook.commands.forms", "schrijf de formulieren voor bijdragen (GitHub) opnieuw uit de schema's en de inhoud"),
    ("from-issue", "handbook.commands.from_issue", "maak van een ingevuld formulier (issue) een pagina en controleer die"),
    ("build", "handbook.commands.build", "controleer, werk de zoekindex bij en bouw de site in site/ (de vorige blijft staan bij een fout)"),
]

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


class DutchParser(argparse.ArgumentParser):
    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: fout in de opdracht: {message}\n")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``only``, only that command's module is imported for its arguments."""
    parser = DutchParser(prog="handbook", description="Het handboek van het leernetwerk: controleren, zoeken, bouwen en printen.")
    parser.add_argument("--root", default=".", help="de map van het handboek (standaard: de huidige map)")
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT", parser_class=DutchParser)
    for name, module, help_text in COMMANDS:
        command = sub.add_parser(name, help=help_text, description=help_text)
        command.set_defaults(module=module)
        if only is None or name == only:
            importlib.import_module(module).add_arguments(command)
    return parser


class _ProbeFailed(Exception):
    pass


class _ProbeParser(argparse.ArgumentParser):
    def error(self, message: str):
        raise _ProbeFailed(message)


def chosen_command(argv: list[str] | None) -> str | None:
    """The command that argv names, from a first parse that knows no command's arguments.

    The modules of the other commands (site build, print, search) are then never imported:
    a check starts sooner. None when in doubt; then every command's arguments are added,
    and the real parse gives the same result and messages as always.
    """
    probe = _ProbeParser(prog="handbook", add_help=False)
    probe.add_argument("--root", default=".")
    sub = probe.add_subparsers(dest="command", parser_class=_ProbeParser)
    for name, _, _ in COMMANDS:
        sub.add_parser(name, add_help=False)
    try:
        args, _ = probe.parse_known_args(argv)
    except (_ProbeFailed, SystemExit):
        return None
    return args.command


def main(argv: list[str] | None = None) -> int:
    from handbook.commands.streams import safe_output

    with safe_output():
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    parser = build_parser(only=chosen_command(argv))
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    root = Path(args.root)
    if not (root / "content").is_dir():
        print(f"handbook: fout: '{root.resolve()}' is geen handboek (er is geen map content/); gebruik --root", file=sys.stderr)
        return EXIT_USAGE
    args.root = root.resolve()
    try:
        code = importlib.import_module(args.module).run(args)
        sys.stdout.flush()  # a reader that went away (| head -1) shows here, not at exit
        return code
    except BrokenPipeError:
        _stdout_to_devnull()
        return EXIT_ERRORS
    except KeyboardInterrupt:
        print("handbook: afgebroken", file=sys.stderr)
        return 130
    except OSError as exc:
        # Full disk, read-only folder, no permission: one Dutch line with the path, never a
        # traceback. Commands that can say more (what was kept, what to do) catch it first.
        from handbook.commands.failure import os_error_line

        print(os_error_line(args.command, exc), file=sys.stderr)
        return EXIT_ERRORS


def _stdout_to_devnull() -> None:
    """The Python documentation's answer to SIGPIPE (library/signal.html, "Note on SIGPIPE"):
    output already buffered goes to /dev/null, so the flush at exit raises no second error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout without a file descriptor (tests): nothing to flush
        pass
