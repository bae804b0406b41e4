"""What is under content/: the one walk the loader (and so check, index, site and print) shares.

Nothing is followed: a symbolic link, to a file or a folder, dangling or not, inside the
repository or out of it, is never read or entered, only listed as refused. Whether an entry
is a page, an image or neither is decided on what it is (``lstat``, and for an image its
first bytes), never on its name alone. Hidden entries (a leading '.') are skipped: mkdocs
does not publish them either.

A name that is not UTF-8 or holds a control character, and a folder or image that cannot
be read, become problems (never a traceback); such names are shown with escapes
(``bad\\xff.md``), so a name can not write to the terminal.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field

from handbook.content import oserrors
from handbook.content.problems import Problem, error

CONTENT_DIR = "content"
PAGE_SUFFIX = ".md"
# Image types a page may show: formats browsers only ever draw. No SVG: it can carry script.
IMAGE_SUFFIXES = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".gif": "gif", ".webp": "webp"}
HEAD_BYTES = 12  # enough for every signature in image_format

# Kinds of refused entries (the content-file rule words them for people).
SYMLINK = "symlink"
OTHER = "other"  # a plain file that is neither a page nor an allowed image
SPECIAL = "special"  # a pipe, socket or device
NOT_IMAGE = "not-image"  # named as an image, but its bytes are not that image

UNREADABLE = "unreadable"  # the rule of problems for folders and files that cannot be read
BAD_NAME = "file-name"


@dataclass(frozen=True)
class Refused:
    rel: str  # from content/, '/'-separated, shown safely (see ``shown``)
    kind: str  # SYMLINK, OTHER, SPECIAL or NOT_IMAGE
    detail: str = ""  # OTHER: the name's suffix; NOT_IMAGE: the format the name promises

    @property
    def path(self) -> str:
        return f"{CONTENT_DIR}/{self.rel}" if self.rel else CONTENT_DIR


@dataclass
class Listing:
    pages: list[str] = field(default_factory=list)  # *.md files (and folders named so: the loader reports those)
    images: list[str] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # names and folders that cannot be read
    unreadable: list[str] = field(default_factory=list)  # folders whose entries are unknown
    errors: dict[str, OSError] = field(default_factory=dict)  # rel -> why it could not be read (folders, page stats)
    stats: dict[str, os.stat_result] = field(default_factory=dict)  # page rel -> lstat, when asked for


def reason(exc: OSError) -> str:
    """Why a file or folder could not be read, in Dutch."""
    return oserrors.reason(exc)


def is_plain_name(name: str) -> bool:
    """UTF-8 (no surrogate escapes from undecodable bytes) and only printable characters."""
    return name.isprintable() and not any("\udc80" <= ch <= "\udcff" for ch in name)


def shown(name: str) -> str:
    """A name as it may be printed: undecodable bytes as \\xff, other unprintables as \\x1b or \\u200b."""
    text = os.fsencode(name).decode("utf-8", "backslashreplace")
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}") for ch in text)


def image_format(head: bytes) -> str | None:
    """The image format the first bytes of a file announce, if it is one of the allowed ones."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def read_head(path: str, size: int = HEAD_BYTES) -> bytes:
    """The first bytes of a regular file, never through a symbolic link (raises OSError)."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        return os.read(fd, size)
    finally:
        os.close(fd)


def image_suffix(name: str) -> str:
    i = name.rfind(".")
    return name[i:].lower() if i > 0 else ""


def scan(content: str, stats: bool = False) -> Listing:
    """Everything under the folder ``content`` (a path on disk), sorted as paths sort (part by part).

    ``stats``: keep each page's ``lstat`` in ``Listing.stats`` (the index compares them)."""
    listing = Listing()
    try:
        root_info = os.lstat(content)
    except OSError:
        return listing
    if stat.S_ISLNK(root_info.st_mode) or not stat.S_ISDIR(root_info.st_mode):
        # content/ itself a link: nothing in it is read (the rule has no file to point at but this one).
        if stat.S_ISLNK(root_info.st_mode):
            listing.refused.append(Refused("", SYMLINK))
        return listing
    _walk(content, "", listing, stats)
    key = _path_key
    listing.pages.sort(key=key)
    listing.images.sort(key=key)
    listing.refused.sort(key=lambda r: _path_key(r.rel))
    return listing


def _path_key(rel: str) -> list[str]:
    return rel.split("/")


def _walk(folder: str, prefix: str, listing: Listing, stats: bool) -> None:
    try:
        with os.scandir(folder) as found:
            entries = list(found)
    except OSError as exc:
        where = f"{CONTENT_DIR}/{prefix.rstrip('/')}" if prefix else CONTENT_DIR
        listing.unreadable.append(prefix.rstrip("/"))
        listing.errors[prefix.rstrip("/")] = exc
        listing.problems.append(
            error(where, 1, 1, f"de map kan niet gelezen worden ({reason(exc)}); de pagina's erin worden niet gecontroleerd "
                  "of gepubliceerd. Geef iedereen leesrechten (chmod a+rX) of haal de map weg", UNREADABLE)
        )
        return
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        if not is_plain_name(name):
            listing.problems.append(
                error(f"{CONTENT_DIR}/{prefix}{shown(name)}", 1, 1,
                      "de naam is geen geldige UTF-8 of bevat een onzichtbaar teken of stuurteken; hernoem het "
                      "met alleen kleine letters, cijfers en streepjes (zoals 'handbook new' doet)", BAD_NAME)
            )
            continue
        rel = prefix + name
        try:
            if entry.is_symlink():
                listing.refused.append(Refused(rel, SYMLINK))
                continue
            is_dir = entry.is_dir(follow_symlinks=False)
            is_file = entry.is_file(follow_symlinks=False)
        except OSError as exc:
            listing.problems.append(_unreadable(rel, exc))
            continue
        if is_dir:
            if name.endswith(PAGE_SUFFIX):
                listing.pages.append(rel)  # a folder named *.md: the loader says that it is no page
            _walk(entry.path, rel + "/", listing, stats)
        elif not is_file:
            listing.refused.append(Refused(rel, SPECIAL))
        elif name.endswith(PAGE_SUFFIX):
            listing.pages.append(rel)
            if stats:
                try:
                    listing.stats[rel] = entry.stat(follow_symlinks=False)
                except OSError as exc:
                    listing.errors[rel] = exc  # the loader reports it too, when it reads the page
        else:
            _classify_file(entry.path, rel, name, listing)


def _unreadable(rel: str, exc: OSError) -> Problem:
    return error(f"{CONTENT_DIR}/{rel}", 1, 1, f"dit kan niet gelezen worden ({reason(exc)}); "
                 "geef iedereen leesrechten (chmod a+rX) of haal het weg", UNREADABLE)


def _classify_file(full: str, rel: str, name: str, listing: Listing) -> None:
    suffix = image_suffix(name)
    expected = IMAGE_SUFFIXES.get(suffix)
    if expected is None:
        listing.refused.append(Refused(rel, OTHER, suffix))
        return
    try:
        head = read_head(full)
    except OSError as exc:
        listing.problems.append(_unreadable(rel, exc))
        return
    if image_format(head) != expected:
        listing.refused.append(Refused(rel, NOT_IMAGE, suffix))
        return
    listing.images.append(rel)


def is_plain_file(content: str, rel: str, folders: dict | None = None) -> bool:
    """Whether ``rel`` is, right now, a regular file under the folder ``content`` reached
    through real folders only: no part of the way is a symbolic link (``lstat`` of each).
    ``folders`` caches the answer for folders across calls (the site asks for every file)."""
    folders = {} if folders is None else folders
    parts = rel.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return False
    path = content
    for i, part in enumerate(parts):
        path = os.path.join(path, part)
        last = i == len(parts) - 1
        if not last and path in folders:
            if not folders[path]:
                return False
            continue
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            mode = 0
        ok = stat.S_ISREG(mode) if last else stat.S_ISDIR(mode)
        if last:
            return ok
        folders[path] = ok
        if not ok:
            return False
    return False
