"""A problem found in a page: a small frozen record, sorted by position."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int  # from 1
    column: int  # from 1
    level: str
    message: str
    rule: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.level}: {self.message} ({self.rule})"


def error(path: str, line: int, column: int, message: str, rule: str) -> Problem:
    return Problem(path, max(1, line), max(1, column), ERROR, message, rule)


def warning(path: str, line: int, column: int, message: str, rule: str) -> Problem:
    return Problem(path, max(1, line), max(1, column), WARNING, message, rule)
