"""Internal Markdown links and images point at files that exist."""

import posixpath
import weakref
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from handbook import markdown_scan, schemas
from handbook.problems import error

ID = "link"


def is_external(target: str) -> bool:
    return bool(urlsplit(target).scheme) or target.startswith("//")


def resolve(page, target: str) -> str | None:
    """The content-relative path a relative link points at, or None for anchors and external links."""
    return _resolve(posixpath.dirname(page.rel), target)


# Pages of one folder link to the same few pages, and two rules (links, drafts) ask for each link.
@lru_cache(maxsize=65536)
def _resolve(base: str, target: str) -> str | None:
    if not target or target.startswith("#") or is_external(target):
        return None
    path = unquote(urlsplit(target).path)
    if not path:
        return None
    return posixpath.normpath(posixpath.join(base, path)) if not path.startswith("/") else path.lstrip("/")


def exists(corpus, rel: str) -> bool:
    if f"content/{rel}" in corpus.by_path:  # a page that was read exists: no need to ask the disk
        return True
    content = corpus.content_dir
    if (content / rel).is_file():
        return True
    # Overview pages of each type folder are generated at build time.
    folder = rel.rstrip("/").removesuffix("/index.md")
    if folder in schemas.type_by_folder() or (content / rel / "index.md").is_file():
        return True
    # So are the pages of generated.PRODUCERS (such as the front-matter reference).
    return rel in generated_paths(corpus)


_generated: tuple = (None, frozenset())  # (weak reference to a corpus, its generated paths)


def generated_paths(corpus) -> frozenset:
    """The content-relative paths of the generated pages, made once per corpus and only when needed."""
    global _generated
    ref, paths = _generated
    if ref is None or ref() is not corpus:
        from handbook.generated import generated_pages  # imported late: most checks never need it

        try:
            paths = frozenset(generated_pages(corpus))
        except Exception:  # a failing producer is the build's to report; here the link just counts as missing
            paths = frozenset()
        _generated = (weakref.ref(corpus), paths)
    return paths


def check(page, corpus):
    for link in markdown_scan.links(page):
        rel = resolve(page, link.target)
        if rel is None or exists(corpus, rel):
            continue
        what = "afbeelding" if link.is_image else "link"
        hint = ""
        if rel.startswith(".."):
            hint = "; de link gaat buiten de map content/"
        elif not link.is_image and not rel.endswith(".md"):
            hint = "; link naar het .md-bestand, bijvoorbeeld ../methoden/incidentmethode.md"
        yield error(page.path, link.line, link.column, f"{what} naar '{link.target}' wijst naar een bestand dat niet bestaat{hint}", ID)
