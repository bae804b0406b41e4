"""Output formats for problems, apart from the checks: text, github, json."""

from __future__ import annotations

import json

from handbook.content.problems import ERROR, Problem
from handbook.content.terminal import printable


def text(problems: list[Problem]) -> str:
    # One problem, one line: a value's CR, LF or ESC is shown escaped, never obeyed (F14).
    lines = [printable(str(p)) for p in problems]
    errors = sum(p.level == ERROR for p in problems)
    warnings = len(problems) - errors
    if problems:
        lines.append(f"{errors} {'fout' if errors == 1 else 'fouten'}, {warnings} {'waarschuwing' if warnings == 1 else 'waarschuwingen'}")
    return "\n".join(lines)


def _escape(value: str, prop: bool = False) -> str:
    # GitHub's workflow-command escaping; properties also escape ':' and ','.
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return printable(value)  # ESC and the other controls the log would obey (F14)


def github(problems: list[Problem]) -> str:
    return "\n".join(
        f"::{p.level} file={_escape(p.path, True)},line={p.line},col={p.column},title={_escape(p.rule, True)}::{_escape(p.message)}"
        for p in problems
    )


def as_json(problems: list[Problem]) -> str:
    return json.dumps(
        [
            {"path": p.path, "line": p.line, "column": p.column, "level": p.level, "message": p.message, "rule": p.rule}
            for p in problems
        ],
        ensure_ascii=False,
        indent=2,
    )


FORMATS = {"text": text, "github": github, "json": as_json}
