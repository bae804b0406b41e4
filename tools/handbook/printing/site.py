"""Print versions for the site: every theme as PDF and as HTML, in ``print/``.

The site's theme pages link to ``print/<theme-slug>.pdf`` and
``print/<theme-slug>.html``. A theme with no pages yet gets no print (its page
has nothing to offer on paper either).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from handbook.printing.pdf import atomic_write, quiet_weasyprint, render_pdf
from handbook.printing.document import render_document
from handbook.printing.selection import PrintError, by_theme, themes

PRINT_DIR = "print"


def print_paths(slug: str) -> dict[str, str]:
    """Site-relative addresses of a theme's print versions."""
    return {"pdf": f"{PRINT_DIR}/{slug}.pdf", "html": f"{PRINT_DIR}/{slug}.html"}


def _weasyprint_version() -> str:
    import weasyprint

    return weasyprint.__version__


def write_theme_prints(corpus, site_dir, cache_dir=None) -> dict[str, dict[str, str]]:
    """Write ``print/<slug>.pdf`` and ``print/<slug>.html`` for every theme with pages.

    ``cache_dir``: where finished PDFs are kept by the hash of their HTML, so a
    rebuild renders only the themes whose pages changed. Returns {slug: paths}.
    """
    quiet_weasyprint()
    site_dir = Path(site_dir)
    cache = Path(cache_dir) if cache_dir else None
    written = {}
    for theme in themes(corpus):
        try:
            selection = by_theme(corpus, theme.slug)
        except PrintError:
            continue
        paths = print_paths(theme.slug)
        html = render_document(selection, corpus)
        atomic_write(site_dir / paths["html"], html.encode("utf-8"))
        key = hashlib.sha256(f"{_weasyprint_version()}\n{html}".encode("utf-8")).hexdigest()
        cached = cache / f"{key}.pdf" if cache else None
        if cached is not None and cached.is_file():
            target = site_dir / paths["pdf"]
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached, target)
        else:
            pdf = render_pdf(selection, corpus)[1]
            atomic_write(site_dir / paths["pdf"], pdf)
            if cached is not None:
                atomic_write(cached, pdf)
        written[theme.slug] = paths
    return written
