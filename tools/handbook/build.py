"""``handbook build``: check, update the search index, then build the site.

The site is built with ``mkdocs build --strict`` into a fresh folder next to
``site/`` and swapped into place only when everything succeeded, so a failed
build leaves the previous site as it was. Theme booklets (print/<theme>.html and
.pdf) are written into the new folder before the swap.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from handbook.check import check_corpus
from handbook.loader import load_corpus
from handbook.problems import ERROR, Problem


PRINT_CACHE = ".handbook/print-cache"  # finished theme PDFs by the hash of their HTML


@dataclass(frozen=True)
class BuildResult:
    ok: bool
    site_dir: Path
    problems: list[Problem] = field(default_factory=list)  # from the check, warnings included
    message: str = ""  # why the build failed, in Dutch


class _Collect(logging.Handler):
    """Keeps mkdocs' warnings and errors, to report them in the build's message."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(record.getMessage())


def mkdocs_build(config_file: Path, site_dir: Path, collect: _Collect | None = None) -> None:
    """Run ``mkdocs build --strict`` in-process into ``site_dir``; mkdocs' warnings go to
    ``collect``. Raises mkdocs' exceptions when the build fails."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner: known to the team
    collect = collect or _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        logger.removeHandler(collect)


def swap(new: Path, site: Path) -> None:
    """Put the finished folder ``new`` in the place of ``site``; the old site is removed last."""
    old = None
    if site.exists():
        old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=site.parent))
        old.rmdir()
        site.rename(old)
    new.rename(site)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build_site(root: Path | str, site_dir: Path | str | None = None, prints: bool = True) -> BuildResult:
    root = Path(root).resolve()
    site = Path(site_dir).resolve() if site_dir else root / "site"
    corpus = load_corpus(root)
    problems = check_corpus(corpus)
    errors = [p for p in problems if p.level == ERROR]
    if errors:
        return BuildResult(False, site, problems, f"de controle vond {len(errors)} {'fout' if len(errors) == 1 else 'fouten'}; "
                           "herstel die eerst (zie hierboven), de vorige site blijft staan")

    from handbook.indexing import update_index

    update_index(corpus)

    site.parent.mkdir(parents=True, exist_ok=True)
    new = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site.parent))
    collect = _Collect()
    try:
        mkdocs_build(root / "mkdocs.yml", new, collect)
        if prints:
            from handbook.printing import write_theme_prints

            write_theme_prints(corpus, new, cache_dir=root / PRINT_CACHE)
    except BaseException as exc:  # noqa: BLE001 - any failure must leave the previous site in place
        shutil.rmtree(new, ignore_errors=True)
        if isinstance(exc, KeyboardInterrupt):
            raise
        said = "".join(f"\n  mkdocs: {line}" for line in collect.lines)
        return BuildResult(
            False, site, problems, f"de site kon niet gebouwd worden: {_describe(exc)}; de vorige site blijft staan{said}"
        )
    swap(new, site)
    return BuildResult(True, site, problems)


def _describe(exc: BaseException) -> str:
    text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return text.strip()
