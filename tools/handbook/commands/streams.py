"""The output streams of a command: nothing it prints can steer the terminal (F14)."""

from __future__ import annotations

import sys
from contextlib import contextmanager

from handbook.content.terminal import SafeStream


@contextmanager
def safe_output():
    """stdout and stderr write control characters as visible escapes while a command runs."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
