"""The package shows the pipeline: imports between its stages point one way only.

content <- check, search <- authoring, printing <- site <- commands, cli. Parsed with ``ast``,
so an import inside a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "tools" / "handbook"

# stage -> the stages it may import (besides itself)
ALLOWED = {
    "content": set(),
    "check": {"content"},
    "search": {"content"},
    "authoring": {"content", "check"},
    "printing": {"content", "search"},
    "site": {"content", "check", "search", "authoring", "printing"},
    "commands": {"content", "check", "search", "authoring", "printing", "site"},
    "cli": {"commands"},
}
STAGES = set(ALLOWED) - {"cli"}
# The site engine is reached through one adapter, so it can be swapped (Material's end of life).
MKDOCS_ADAPTER = "site/mkdocs_plugin.py"


def stage_of(rel: str) -> str:
    """The stage of a module, from its path inside the package ('check/rules/x.py' -> 'check')."""
    first = rel.split("/")[0]
    return first if first in STAGES else "cli"  # cli.py, __main__.py, __init__.py


def imported(source: str) -> list[tuple[int, str]]:
    """(line, dotted name) of every module an import statement names."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            if node.module == "handbook":  # from handbook import check -> the stage itself
                found += [(node.lineno, f"handbook.{alias.name}") for alias in node.names]
    return found


def crossings(rel: str, source: str) -> list[str]:
    """Every import in a module that goes against the stage order, as 'path:line: message'."""
    stage, wrong = stage_of(rel), []
    for line, name in imported(source):
        parts = name.split(".")
        if parts[0] == "mkdocs" and rel != MKDOCS_ADAPTER:
            wrong.append(f"{rel}:{line}: imports {name}; only {MKDOCS_ADAPTER} may import mkdocs")
        if parts[0] != "handbook" or len(parts) < 2:
            continue
        target = parts[1] if parts[1] in STAGES else "cli"
        if target != stage and target not in ALLOWED[stage]:
            wrong.append(f"{rel}:{line}: stage '{stage}' imports {name} (stage '{target}')")
    return wrong


def test_imports_follow_the_pipeline():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        wrong += crossings(rel, path.read_text(encoding="utf-8"))
    assert wrong == []


def test_every_stage_says_what_it_does_and_may_import():
    for stage in STAGES - {"commands"}:
        doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "import" in doc.lower(), stage


def test_a_crossing_import_is_found():
    assert crossings("content/loader.py", "from handbook.check import runner\n") == [
        "content/loader.py:1: stage 'content' imports handbook.check (stage 'check')"
    ]
    assert crossings("check/rules/x.py", "def f():\n    from handbook.site.generated import pages\n") == [
        "check/rules/x.py:2: stage 'check' imports handbook.site.generated (stage 'site')"
    ]
    assert crossings("search/x.py", "from handbook import printing\n") == [
        "search/x.py:1: stage 'search' imports handbook.printing (stage 'printing')"
    ]
    assert crossings("printing/x.py", "import mkdocs.plugins\n") == [
        "printing/x.py:1: imports mkdocs.plugins; only site/mkdocs_plugin.py may import mkdocs"
    ]
    assert crossings("site/build.py", "from handbook.check.runner import check_corpus\n") == []
