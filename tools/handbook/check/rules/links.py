"""Internal Markdown links and images point at files that exist."""

from handbook.check import markdown_scan
from handbook.content import schemas
from handbook.content.links import resolve
from handbook.content.problems import error

ID = "link"


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
    # So is the front-matter reference (authoring.schema_docs).
    return rel == schemas.REFERENCE_PAGE


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
