"""What ``handbook check --cache`` keeps between runs, like ruff's or eslint's cache.

For every page file: the SHA-1 of its bytes, what the loader read from it (front-matter
values and their positions, schema errors, problems found while reading) and what the
page's own rules found (``rules.LOCAL_RULES``). A later run still reads every file, but
a file with the same hash is neither parsed, validated nor scanned again. Rules that look
at other pages (references, links, drafts, unique titles, similar text) and the date rule
always run over every page.

The whole cache is thrown away when anything it depends on may have changed: the
handbook's own code, schemas and data (the allow-list), Python, PyYAML, jsonschema.
It is JSON (never pickle: a cache file in a checked-out pull request must not be able to
run code) in ``.handbook/check-cache.json``, written atomically; an unreadable or
damaged cache counts as empty, and a cache that cannot be written is skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

from handbook.content import loader, yamlreader

from handbook.check import body_html, markdown_scan
from handbook.content.problems import Problem
from handbook.check.rules import LOCAL_RULES, similar
from handbook.content.schemas import SchemaError

CACHE_FILE = os.path.join(".handbook", "check-cache.json")
FORMAT = 1


def fingerprint() -> str:
    """A hash of everything besides a page's own bytes that what is cached depends on."""
    import importlib.util

    import yaml

    digest = hashlib.sha1(f"{FORMAT}\n{sys.version}\n{yaml.__version__} {yaml.__with_libyaml__}\n".encode())
    package = os.path.dirname(os.path.dirname(loader.__file__))  # the whole handbook package
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            file = os.path.join(folder, name)
            digest.update(os.path.relpath(file, package).encode() + b"\0")
            with open(file, "rb") as handle:
                digest.update(hashlib.sha1(handle.read()).digest())
    # Validation messages come from jsonschema, and its 'uri' format from whichever library is there;
    # the personal-data rule reads the word lists of deduce; the HTML rules render bodies with
    # Markdown and its extensions and decide with nh3.
    for name in ("jsonschema", "referencing", "rfc3987", "rfc3986_validator", "deduce", "markdown", "nh3", "pymdownx"):
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec else None
        if origin and os.path.exists(origin):
            info = os.stat(origin)
            digest.update(f"{name} {origin} {info.st_size} {info.st_mtime_ns}\n".encode())
        else:
            digest.update(f"{name} -\n".encode())
    return digest.hexdigest()


def _read_cache(file: str, key: str) -> dict:
    try:
        with open(file, encoding="utf-8") as handle:
            data = json.load(handle)
        if isinstance(data, dict) and data.get("fingerprint") == key and isinstance(data.get("pages"), dict):
            return data["pages"]
    except (OSError, ValueError, UnicodeDecodeError):
        pass  # missing or damaged: start afresh
    return {}


def _write_cache(file: str, key: str, pages: dict) -> None:
    try:
        os.makedirs(os.path.dirname(file), exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".check-cache-", dir=os.path.dirname(file))
        try:
            text = json.dumps({"fingerprint": key, "pages": pages}, separators=(",", ":"))  # in C, unlike json.dump
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, file)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, ValueError):
        pass  # a read-only checkout (or a value JSON cannot hold): check without keeping the cache


def _positions(table: dict) -> list:
    return [[*path, line, column] for path, (line, column) in table.items()]


def _table(entries: list) -> dict:
    return {tuple(entry[:-2]): (entry[-2], entry[-1]) for entry in entries}


def _problem_rows(problems) -> list:
    return [[p.line, p.column, p.level, p.message, p.rule] for p in problems]


def _problems(path: str, rows: list) -> list[Problem]:
    found = [Problem(path, line, column, level, message, rule) for line, column, level, message, rule in rows]
    if not all(type(p.line) is int and type(p.column) is int and isinstance(p.message, str) and isinstance(p.rule, str) for p in found):
        raise ValueError("damaged cache entry")
    return found


class _Reader:
    """Stands in for the loader's reading of one file: from the cache when its hash is known."""

    def __init__(self, stored: dict):
        self.stored = stored
        self.kept: dict = {}  # path -> cache entry, for every page that can be kept
        self.known: dict = {}  # path -> problems of the local rules, for pages taken from the cache
        self.fresh: list = []  # paths read afresh: their local rules still have to run

    def __call__(self, path: str, rel: str, data: bytes):
        digest = hashlib.sha1(data).hexdigest()
        entry = self.stored.get(path)
        if isinstance(entry, dict) and entry.get("digest") == digest:
            try:
                page, problems = self._rebuild(path, rel, data, digest, entry)
                known = _problems(path, entry["local"])
                # What the rules across pages need of the body, so that it is not scanned again.
                links = [markdown_scan.Link(*link) for link in entry["links"]]
                shingles = frozenset(map(tuple, entry["shingles"]))
            except (KeyError, TypeError, ValueError, IndexError):
                page = None  # a damaged entry: read the file
            if page is not None:
                self.kept[path] = entry
                self.known[path] = known
                markdown_scan.remember_links(page, links)
                similar.remember(page, shingles)
                return page, problems
        page, problems = loader._read(path, rel, data)
        if page is not None and page.head is not None:
            self.fresh.append((page, problems))
        return page, problems

    @staticmethod
    def _rebuild(path: str, rel: str, data: bytes, digest: str, entry: dict):
        body_line, meta = entry["body_line"], entry["meta"]
        if type(body_line) is not int or body_line < 2 or not isinstance(meta, dict) or type(entry["readable"]) is not bool:
            raise ValueError("damaged cache entry")
        text, _ = yamlreader.decode(data)
        lines = text.split("\n")
        type_name, slug = loader._type_and_slug(rel)
        if type_name != entry["type"]:
            return None, []
        page = loader.Page(
            path=path,
            rel=rel,
            slug=slug,
            type=type_name,
            meta=meta,
            body="\n".join(lines[body_line - 1 :]),
            body_line=body_line,
            values=_table(entry["values"]),
            keys=_table(entry["keys"]),
            digest=digest,
            readable=entry["readable"],
            schema_errors=tuple(SchemaError(tuple(p), on_key, message, rule) for p, on_key, message, rule in entry["schema_errors"]),
            head="\n".join(lines[: body_line - 1]),
        )
        return page, _problems(path, entry["load"])


def load(root) -> tuple[loader.Corpus, dict]:
    """The corpus, and for each page taken from the cache the problems of its local rules.

    Pages read afresh get their local rules run here, so that the cache can keep them; they
    are returned in the same table. The cache file is rewritten when anything changed.
    """
    root = Path(root).resolve()
    file = os.path.join(root, CACHE_FILE)
    # What the site's Markdown extensions (mkdocs.yml) make of a body changes what the HTML rules find.
    key = fingerprint() + body_html.fingerprint(root)
    stored = _read_cache(file, key)
    reader = _Reader(stored)
    corpus = loader.load_corpus(root, read=reader)
    known = reader.known
    for page, load_problems in reader.fresh:
        local = [p for rule in LOCAL_RULES for p in rule.check(page, corpus)]
        known[page.path] = local
        reader.kept[page.path] = {
            "digest": page.digest,
            "type": page.type,
            "meta": page.meta,
            "body_line": page.body_line,
            "values": _positions(page.values),
            "keys": _positions(page.keys),
            "readable": page.readable,
            "schema_errors": [[list(e.path), e.on_key, e.message, e.rule] for e in page.schema_errors],
            "load": _problem_rows(load_problems),
            "local": _problem_rows(local),
            "links": [[k.line, k.column, k.is_image, k.text, k.target] for k in markdown_scan.links(page)],
            "shingles": [list(shingle) for shingle in similar.page_shingles(page)],
        }
    if reader.fresh or set(stored) != set(reader.kept):
        _write_cache(file, key, reader.kept)
    return corpus, known
