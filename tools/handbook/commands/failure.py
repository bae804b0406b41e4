"""What a command says when the operating system refuses (full disk, read-only folder)."""

from __future__ import annotations

from handbook.content.oserrors import describe
from handbook.content.terminal import printable


def os_error_line(command: str, exc: OSError) -> str:
    """One Dutch line with the path and the reason, for stderr."""
    return f"handbook {command}: fout: {printable(describe(exc))}"
