"""The one loader: every tool (check, index, site, print) reads pages through it.

A page is read once: its path, slug, type, metadata, body, and the position of
every key and value. Problems found while reading (no front-matter, broken YAML,
schema errors, ...) are kept with the page, never raised.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath

from handbook.content import schemas, walk, yamlreader
from handbook.content.problems import Problem, error
from handbook.content.walk import CONTENT_DIR


# eq=False: pages compare and hash by identity (their metadata dicts are unhashable).
@dataclass(frozen=True, eq=False)
class Page:
    path: str  # from the repository root, with '/', e.g. "content/tips/x.md"
    rel: str  # from the content folder, e.g. "tips/x.md"
    slug: str
    type: str  # a name from schemas.page_types()
    meta: dict
    body: str
    body_line: int  # the file line on which the body starts
    values: dict = field(repr=False, compare=False)
    keys: dict = field(repr=False, compare=False)
    digest: str = ""  # sha1 of the file's bytes: changes when the file does
    readable: bool = True  # False: front-matter could not be read at all
    schema_errors: tuple = ()
    # The file's text before the body, as read (None without a closed front-matter): rules
    # that search the whole file (personal data, HTML) need it and need not read the file again.
    head: str | None = field(default=None, repr=False, compare=False)

    @property
    def valid(self) -> bool:
        return self.readable and not self.schema_errors

    @property
    def title(self) -> str:
        title = self.meta.get("title")
        return title if isinstance(title, str) else self.slug

    @property
    def description(self) -> str:
        text = self.meta.get("description")
        return text if isinstance(text, str) else ""

    @property
    def status(self) -> str:
        # Free pages (home, about) have no status key: they are always published.
        return self.meta.get("status", "published")

    @property
    def published(self) -> bool:
        return self.valid and self.status == "published"

    @property
    def url(self) -> str:
        """The page's address within the site, as mkdocs makes it (directory URLs)."""
        stem = PurePosixPath(self.rel).with_suffix("")
        if stem.name in ("index", "README"):
            stem = stem.parent
        return "" if str(stem) == "." else f"{stem}/"

    def slugs(self, key: str) -> list[str]:
        """A list-of-slugs key, ignoring values of the wrong shape (the schema rule reports those)."""
        value = self.meta.get(key)
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return []
        return [v for v in value if isinstance(v, str)]

    def position(self, key_path: tuple = (), on_key: bool = False) -> tuple[int, int]:
        """The file position of a key or value; falls back to its parent, then line 1."""
        table = self.keys if on_key else self.values
        path = tuple(key_path)
        while path:
            if path in table:
                return table[path]
            if not on_key and path in self.keys:
                return self.keys[path]
            path = path[:-1]
        return self.values.get((), (1, 1)) if not on_key else (1, 1)

    def body_lines(self):
        """(file line, text) of every body line."""
        for n, line in enumerate(self.body.split("\n")):
            yield self.body_line + n, line


def title_key(title: str) -> str:
    """A title as the unique rule compares it: case and spacing do not count."""
    return " ".join(title.casefold().split())


def page_type_for(rel: str) -> str:
    parts = PurePosixPath(rel).parts
    if len(parts) > 1 and parts[0] in schemas.type_by_folder():
        return schemas.type_by_folder()[parts[0]].name
    return "page"


def slug_for(rel: str) -> str:
    path = PurePosixPath(rel)
    if page_type_for(rel) != "page":
        return path.stem
    # Free pages can sit in sub folders: their slug is their path, joined by '-'.
    return "-".join(path.with_suffix("").parts)


def _type_and_slug(rel: str) -> tuple[str, str]:
    """page_type_for and slug_for in one, with string operations for the usual clean path."""
    parts = rel.split("/")
    if "" in parts or "." in parts:
        return page_type_for(rel), slug_for(rel)  # not a plain path: let pathlib read it
    page_type = schemas.type_by_folder().get(parts[0]) if len(parts) > 1 else None
    if page_type is not None:
        return page_type.name, name_stem(parts[-1])
    parts[-1] = name_stem(parts[-1])
    return "page", "-".join(parts)


def name_stem(name: str) -> str:
    # As PurePosixPath.stem: a leading or trailing dot is no suffix.
    i = name.rfind(".")
    return name[:i] if 0 < i < len(name) - 1 else name


def load_page(root: Path, file: Path) -> tuple[Page | None, list[Problem]]:
    """Read one page. Returns the page (None if the file cannot be read at all) and its problems."""
    root = Path(root)
    path = file.relative_to(root).as_posix() if file.is_absolute() else file.as_posix()
    rel = PurePosixPath(path).relative_to(CONTENT_DIR).as_posix() if path.startswith(CONTENT_DIR + "/") else path
    return _load(str(root), path, rel)


def _load(root: str, path: str, rel: str, read=None) -> tuple[Page | None, list[Problem]]:
    # os.open and fstat instead of pathlib: a few microseconds a page, which a big handbook notices.
    # O_NOFOLLOW: a page that is a symbolic link is never read (it could point anywhere);
    # O_NONBLOCK: a pipe named *.md does not hang the run.
    full = os.path.join(root, path)
    try:
        fd = os.open(full, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                return None, [error(path, 1, 1, "dit is een map, geen bestand; een pagina is een bestand dat eindigt op .md", "not-a-file")]
            if not stat.S_ISREG(info.st_mode):
                return None, [error(path, 1, 1, "dit is geen gewoon bestand (maar een pipe, socket of apparaat); haal het weg", "not-a-file")]
            size = info.st_size
            if size > yamlreader.MAX_BYTES:
                return None, [
                    error(
                        path,
                        1,
                        1,
                        f"het bestand is te groot ({size // 1000} kB, hoogstens {yamlreader.MAX_BYTES // 1000} kB); "
                        "splits de pagina of haal ingeplakte inhoud weg",
                        "file-size",
                    )
                ]
            data = _read_all(fd, size)
        finally:
            os.close(fd)
    except OSError as exc:
        return None, [error(path, 1, 1, f"het bestand kan niet gelezen worden ({walk.reason(exc)})", walk.UNREADABLE)]

    try:
        return (read or _read)(path, rel, data)
    except Exception as exc:  # noqa: BLE001 - a last guard: a contributor never sees a traceback
        return None, [
            error(path, 1, 1, f"interne fout bij het lezen van deze pagina ({type(exc).__name__}: {exc}); meld dit aan de beheerders", "internal-error")
        ]


def _read_all(fd: int, size: int) -> bytes:
    data = os.read(fd, size + 1)
    if len(data) <= size:
        return data
    # The file grew since fstat: read the rest (the size limit is the yamlreader's to enforce).
    chunks = [data]
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def _read(path: str, rel: str, data: bytes) -> tuple[Page | None, list[Problem]]:
    text, findings = yamlreader.decode(data)
    if text is None:
        return None, [error(path, f.line, f.column, f.message, f.rule) for f in findings]
    fm = yamlreader.split(text)
    problems = [error(path, f.line, f.column, f.message, f.rule) for f in fm.findings]
    type_name, slug = _type_and_slug(rel)
    errors = tuple(schemas.validate(type_name, fm.meta)) if fm.ok else ()
    page = Page(
        path=path,
        rel=rel,
        slug=slug,
        type=type_name,
        meta=fm.meta,
        body=fm.body,
        body_line=fm.body_line,
        values=fm.values,
        keys=fm.keys,
        digest=hashlib.sha1(data).hexdigest(),
        readable=fm.ok,
        schema_errors=errors,
        head=fm.head,
    )
    return page, problems


@dataclass
class Corpus:
    root: Path
    pages: list[Page]
    problems: list[Problem]  # found while reading
    files: list[str]  # every page file's path, readable or not
    # What else the walk found under content/ (see ``walk``): allowed images (content-relative),
    # entries that must not be published (the content-file rule reports them), and folders that
    # could not be read (what is in them is unknown, not missing).
    images: list[str] = field(default_factory=list)
    refused: list[walk.Refused] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)

    @cached_property
    def incomplete(self) -> bool:
        """Some folders or page files could not be read: a page's absence proves nothing
        (the rules that look pages up stay quiet; the loader reports what it could not read)."""
        return bool(self.unreadable) or any(p.rule == walk.UNREADABLE for p in self.problems)

    @cached_property
    def by_slug(self) -> dict[str, list[Page]]:
        table: dict[str, list[Page]] = {}
        for page in self.pages:
            table.setdefault(page.slug, []).append(page)
        return table

    @cached_property
    def by_path(self) -> dict[str, Page]:
        return {page.path: page for page in self.pages}

    @cached_property
    def by_title(self) -> dict[str, list[Page]]:
        """Pages by title, case and spacing folded; one lookup instead of a scan (check stays linear)."""
        table: dict[str, list[Page]] = {}
        for page in self.pages:
            title = page.meta.get("title")
            if isinstance(title, str):
                table.setdefault(title_key(title), []).append(page)
        return table

    def get(self, slug: str) -> Page | None:
        found = self.by_slug.get(slug)
        return found[0] if found else None

    def of_type(self, type_name: str, published_only: bool = True) -> list[Page]:
        return sorted(
            (p for p in self.pages if p.type == type_name and (p.published or not published_only)),
            key=lambda p: p.title.casefold(),
        )

    def published(self) -> list[Page]:
        return [p for p in self.pages if p.published]

    @property
    def content_dir(self) -> Path:
        return self.root / CONTENT_DIR


def page_files(root: Path) -> list[Path]:
    """Every Markdown page under content/, sorted; hidden folders and symbolic links are skipped."""
    content = Path(root) / CONTENT_DIR
    return [content / rel for rel in walk.scan(str(content)).pages]


def load_corpus(root: Path | str = ".", read=None) -> Corpus:
    """Every page under content/. ``read(path, rel, data)`` may stand in for reading a
    file's bytes into a page (the check cache hands back pages it read before)."""
    root = Path(root).resolve()
    pages, files = [], []
    base = str(root)
    listing = walk.scan(os.path.join(base, CONTENT_DIR))
    problems = list(listing.problems)
    for rel in listing.pages:
        path = f"{CONTENT_DIR}/{rel}"
        page, found = _load(base, path, rel, read)
        files.append(path)
        problems.extend(found)
        if page is not None:
            pages.append(page)
    return Corpus(
        root=root, pages=pages, problems=problems, files=files,
        images=listing.images, refused=listing.refused, unreadable=listing.unreadable,
    )
