"""The copy of the handbook for use without internet, as one zip on the published site.

A trainer in a room without wifi downloads ``handboek-offline.zip`` from the site ("Offline
gebruiken"), unzips it and opens ``index.html`` from disk: that copy is ``handbook build
--offline`` (Material's lunr search works from file://, Pagefind does not), for readers only.

- Readers only: the contributor guide (``bijdragen/``) and the published JSON Schemas are not in
  the copy; links to them lead to the published site instead (``contributor_links``).
- The zip holds only regular files of the built copy, under one folder, in a fixed order with
  fixed dates and permissions: two builds of the same content give the same zip, and nothing in
  it is a link, a device or a path outside that folder. Sitemaps (for search engines) stay out.
"""

from __future__ import annotations

import os
import stat
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from handbook.content import schemas

ZIP_NAME = "handboek-offline.zip"
TOP_FOLDER = "handboek-samen-leren-in-de-wijk"  # what unzipping makes: one folder, index.html in it
SCHEMAS_FOLDER = "schemas"  # the published JSON Schemas (the adapter's schemas_dir): for contributors
LEFT_OUT = frozenset({"sitemap.xml", "sitemap.xml.gz"})


class OfflineCopyError(Exception):
    """The built copy holds something that must not go into the zip; the message is Dutch."""


@dataclass(frozen=True)
class OfflineZip:
    path: Path
    files: int
    size: int  # bytes of the zip

    @property
    def size_label(self) -> str:
        return size_label(self.size)


def size_label(size: int) -> str:
    """A file's size as a reader reads it: '2,9 MB', '840 kB'."""
    return f"{size / 1_000_000:.1f} MB".replace(".", ",") if size >= 1_000_000 else f"{max(1, round(size / 1000))} kB"


def for_readers_only(src_uri: str) -> bool:
    """Whether a file of the site stays out of the offline copy (the contributor guide)."""
    return schemas.for_contributors(src_uri) or src_uri.split("/")[0] == SCHEMAS_FOLDER


def contributor_links(html: str, links: dict[str, str]) -> str:
    """Point the links mkdocs wrote to pages left out of the copy (``links``: the href as mkdocs
    wrote it, relative to this page -> the page's address on the published site) at the site."""
    for href, absolute in links.items():
        for end in ('"', "#"):
            html = html.replace(f'href="{href}{end}', f'href="{absolute}{end}')
    return html


def newest_date(corpus) -> date:
    """The zip's file dates: the newest 'updated' of the content, so a rebuild of the same
    content gives the same zip (and unzipped files do not say 1980)."""
    found = [p.meta.get("updated") for p in corpus.pages]
    dates = [d for d in found if isinstance(d, date)]
    return max(dates) if dates else date(2026, 1, 1)


def write_zip(folder: Path, target: Path, when: date) -> OfflineZip:
    """Zip the built copy in ``folder`` into ``target`` (written whole or not at all)."""
    folder = Path(folder)
    members = _members(folder)
    stamp = (when.year, when.month, when.day, 0, 0, 0)
    partial = target.with_name(target.name + ".part")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            for rel in members:
                info = zipfile.ZipInfo(f"{TOP_FOLDER}/{rel}", date_time=stamp)
                info.create_system = 3  # unix: the permissions below apply
                info.external_attr = (stat.S_IFREG | 0o644) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, (folder / rel).read_bytes())
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return OfflineZip(target, len(members), target.stat().st_size)


def _members(folder: Path) -> list[str]:
    """The files of the copy, relative and sorted; refuses anything but folders and regular files."""
    found = []
    for here, dirs, files in os.walk(folder, followlinks=False):
        rel_here = Path(here).relative_to(folder)
        for name in dirs + files:
            path = Path(here) / name
            mode = os.lstat(path).st_mode
            rel = (rel_here / name).as_posix()
            if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
                raise OfflineCopyError(f"{rel} in de offline kopie is geen gewoon bestand of map (een link?); de zip is niet gemaakt")
            if stat.S_ISREG(mode) and not (rel_here == Path(".") and name in LEFT_OUT):
                found.append(rel)
        dirs.sort()
    return sorted(found)
