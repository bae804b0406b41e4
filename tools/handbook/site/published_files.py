"""Which files of content/ the site may publish: the corpus's pages and allowed images, each
a regular file reached through real folders, and nothing else (F2, F5 of #12).

``handbook check`` reports every other file (the content-file rule); this is the build's own
guard, for a site built without that check (``mkdocs build``, ``mkdocs serve``) and for a
file that changed after it. Plain Python: the mkdocs adapter asks, per file, and refuses.
"""

from __future__ import annotations

import os

from handbook.check.rules import content_files
from handbook.content import walk

SHOWN = 5  # paths named in the build's message; the check lists them all


def refused(corpus) -> list:
    """The content-file problems of the corpus: files that must not be published."""
    return sorted(content_files.check_files(corpus))


def refusal(problems: list) -> str:
    """Why the site is not built, in Dutch."""
    paths = ", ".join(p.path for p in problems[:SHOWN]) + (f" en nog {len(problems) - SHOWN}" if len(problems) > SHOWN else "")
    what = "1 bestand dat niet gepubliceerd mag" if len(problems) == 1 else f"{len(problems)} bestanden die niet gepubliceerd mogen"
    return (
        f"content/ bevat {what} worden "
        f"(geen pagina of toegestane afbeelding, of een symbolische koppeling): {paths}; "
        "'handbook check' zegt per bestand waarom. De site is niet gebouwd."
    )


def allowed(corpus) -> frozenset:
    """Content-relative paths that may be published: readable pages and allowed images
    (not under assets/, which belongs to the theme)."""
    images = (rel for rel in corpus.images if not rel.startswith(content_files.THEME_FOLDER))
    return frozenset({page.rel for page in corpus.pages}.union(images))


def not_published(src_uri: str, abs_src_path: str | None, docs_dir: str, allowed_paths: frozenset, generated_by=None, folders=None) -> str | None:
    """Why a file the site engine found must not be published (Dutch), or None when it may.
    Files made by the build itself (generated, or from the theme) are not from content/."""
    if generated_by is not None or abs_src_path is None:
        return None
    docs = os.path.abspath(docs_dir)
    if os.path.commonpath([docs, os.path.abspath(abs_src_path)]) != docs:
        return None  # the theme's own files
    if src_uri not in allowed_paths:
        return f"content/{walk.shown(src_uri)} wordt niet gepubliceerd: het is geen gecontroleerde pagina of toegestane afbeelding"
    if not walk.is_plain_file(docs, src_uri, folders):
        return f"content/{walk.shown(src_uri)} wordt niet gepubliceerd: het is (of ligt in) een symbolische koppeling of is geen gewoon bestand"
    return None
