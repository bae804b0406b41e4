"""Internal Markdown links and images point at files that exist."""

import weakref

from handbook.check import markdown_scan
from handbook.content import schemas
from handbook.content.links import resolve
from handbook.content.problems import error

ID = "link"


def exists(corpus, rel: str) -> bool:
    if f"content/{rel}" in corpus.by_path:  # a page that was read exists: no need to ask the disk
        return True
    if rel in _images(corpus) or f"content/{rel}/index.md" in corpus.by_path:
        return True
    content = corpus.content_dir
    if _is_file(content / rel):
        return True
    # Overview pages of each type folder are generated at build time.
    folder = rel.rstrip("/").removesuffix("/index.md")
    if folder in schemas.type_by_folder() or _is_file(content / rel / "index.md"):
        return True
    # So is the front-matter reference (authoring.schema_docs).
    # Where files could not be read, nothing is known to be missing (the loader reports them).
    return rel == schemas.REFERENCE_PAGE or corpus.incomplete


def _is_file(path) -> bool:
    try:
        return path.is_file()
    except OSError:  # e.g. a folder without read rights: the loader reports it
        return False


_image_sets: tuple = (None, frozenset())  # (weak reference to a corpus, its images)


def _images(corpus) -> frozenset:
    """The corpus's images as a set, made once per corpus."""
    global _image_sets
    ref, images = _image_sets
    if ref is None or ref() is not corpus:
        images = frozenset(corpus.images)
        _image_sets = (weakref.ref(corpus), images)
    return images


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
