"""The site's own stylesheets parse: balanced braces and no merge leftovers (a lost '}' once hid
every rule after it without any error)."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHEETS = sorted((REPO / "overrides").rglob("*.css")) + sorted((REPO / "tools" / "handbook" / "printing" / "templates").glob("*.css"))


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda p: p.name)
def test_stylesheet_is_balanced(sheet):
    text = sheet.read_text(encoding="utf-8")
    depth = 0
    for number, line in enumerate(text.splitlines(), 1):
        assert not line.startswith(("<<<<<<<", "=======", ">>>>>>>")), f"{sheet.name}:{number}: merge leftover"
        for char in line:
            depth += {"{": 1, "}": -1}.get(char, 0)
            assert depth >= 0, f"{sheet.name}:{number}: '}}' without '{{'"
        # a top-level rule opens inside another rule only in @media/@page/@supports blocks
    assert depth == 0, f"{sheet.name}: {depth} unclosed block(s)"
