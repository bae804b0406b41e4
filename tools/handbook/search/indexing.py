"""Keep the search index in ``<root>/.handbook/index/`` up to date with the pages.

Layout::

    .handbook/index/lock        held (flock) by the one run that writes
    .handbook/index/CURRENT     {"generation": "gen-3", "fingerprint": ...}, replaced atomically
    .handbook/index/gen-3/      the Whoosh index of that generation
    .handbook/index/state.json  what the last update saw of content/: a signature of
                                all files, and each file's size, times and digest

An update is incremental: pages whose file digest is not in the index are (re)added,
pages that are gone or no longer published are deleted; the cost follows the change.
``refresh`` (``handbook index``, ``handbook search``) also reads only the files whose
size or times changed since the last update, so a one-file edit costs a stat of every
file, not a read of every page.
A rebuild writes a new generation next to the old one and only then points CURRENT
at it, so a run killed half-way leaves the previous index in place. A missing,
damaged or outdated index (other analysis) is rebuilt, with a Dutch notice.
"""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import json
import os
import re
import shutil
import time
from contextlib import contextmanager
from functools import cache
from dataclasses import dataclass
from pathlib import Path

from handbook.search import analysis, engine as search_engine

from handbook.content import loader, schemas, walk, yamlreader
from handbook.content.loader import CONTENT_DIR, Corpus, load_page
from handbook.content.oserrors import describe, reason
from handbook.content.problems import error

INDEX_DIR = Path(".handbook") / "index"
LOCK_TIMEOUT = 600.0  # seconds to wait for another run before giving up
# Test hook: seconds to sleep after every document written, so a test can kill a run mid-write.
PAUSE_ENV = "HANDBOOK_INDEX_PAUSE"


class IndexUnavailable(Exception):
    """The index cannot be used; the message is Dutch and meant for people."""


class IndexNotWritable(IndexUnavailable):
    """The index could not be written (read-only folder, full disk); the previous one,
    if there is one, is untouched and can still be searched. ``detail``: the path and
    the reason, in Dutch."""

    def __init__(self, detail: str):
        super().__init__(f"de zoekindex kon niet worden bijgewerkt ({detail}); de vorige blijft zoals hij was")
        self.detail = detail


@contextmanager
def _writing(directory: Path):
    """OSErrors while updating the index become IndexNotWritable, in Dutch, with the path."""
    try:
        yield
    except OSError as exc:
        detail = describe(exc) if exc.filename else f"'{directory}': {describe(exc)}"
        raise IndexNotWritable(detail) from exc


@dataclass(frozen=True)
class IndexStats:
    added: int
    changed: int
    removed: int
    unchanged: int
    total: int  # pages in the index afterwards
    rebuilt: bool
    seconds: float
    notice: str | None = None  # Dutch: why the index was rebuilt, if it was not asked for
    # Pages and folders that could not be read (Problems, rule 'unreadable'): an error, not
    # a page that is gone; an update keeps what the index had of them.
    problems: tuple = ()

    @property
    def reindexed(self) -> int:
        return self.added + self.changed

    def summary(self) -> str:
        if self.rebuilt:
            return f"zoekindex opgebouwd: {self.total} pagina's in {self.seconds:.1f} s"
        if not (self.added or self.changed or self.removed):
            return f"zoekindex is bij: {self.total} pagina's, niets veranderd"
        return (
            f"zoekindex bijgewerkt in {self.seconds:.2f} s: {self.added} nieuw, {self.changed} gewijzigd, "
            f"{self.removed} verwijderd ({self.total} pagina's)"
        )


def fingerprint() -> str:
    """What an index must have been made with to be used: the analysis and the schema."""
    return f"{analysis.fingerprint()}-{search_engine.SCHEMA_VERSION}"


def index_dir(root: Path) -> Path:
    return Path(root) / INDEX_DIR


# -- what goes into the index --------------------------------------------------------

_FENCE = re.compile(r"^\s*(```|~~~).*$", re.M)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_TAG = re.compile(r"<[^>\n]+>")
_LINE_MARK = re.compile(r"^\s*(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+|!!!\s+\w+|\?\?\?\+?\s+\w+|\|)", re.M)
_EMPHASIS = re.compile(r"(\*\*|__|\*|`|~~|==|\|)")


def plain_text(markdown: str) -> str:
    """The readable text of a Markdown body, for indexing and snippets."""
    text = _FENCE.sub("", markdown)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _TAG.sub(" ", text)
    text = _LINE_MARK.sub("", text)
    text = _EMPHASIS.sub("", text)
    return text


def page_record(page) -> dict:
    """The values of one page the index keeps, in plain Python."""
    neighbourhoods = page.slugs("neighbourhoods") + page.slugs("neighbourhood")
    if page.type == "neighbourhood":
        neighbourhoods.append(page.slug)
    return {
        "path": page.path,
        "digest": page.digest,
        "slug": page.slug,
        "title": page.title,
        "description": page.description,
        "body": plain_text(page.body),
        "type": page.type,
        "themes": page.slugs("themes") + ([page.slug] if page.type == "theme" else []),
        "audience": page.slugs("audience"),
        "neighbourhood": list(dict.fromkeys(neighbourhoods)),
        "updated": str(page.meta.get("updated") or ""),
    }


# -- the lock and the generations ------------------------------------------------------


@contextmanager
def _locked(directory: Path, timeout: float = LOCK_TIMEOUT):
    """One writer at a time. flock is released by the kernel when a run dies, so a
    killed run never leaves a stale lock behind."""
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / "lock", "a+") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise IndexUnavailable(
                        f"de zoekindex wordt al {int(timeout)} s door een andere opdracht bijgewerkt; "
                        "wacht tot die klaar is en probeer het opnieuw"
                    ) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _read_current(directory: Path) -> dict | None:
    try:
        data = json.loads((directory / "CURRENT").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("generation"), str):
        return None
    if not re.fullmatch(r"gen-\d+", data["generation"]):
        return None
    return data


def _write_atomic(path: Path, text: str) -> None:
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temp, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _generations(directory: Path) -> list[int]:
    found = []
    for entry in directory.iterdir() if directory.is_dir() else ():
        match = re.fullmatch(r"gen-(\d+)", entry.name)
        if match and entry.is_dir():
            found.append(int(match.group(1)))
    return sorted(found)


def _clean(directory: Path, keep: set[str]) -> None:
    """Remove generations left by killed rebuilds and those older than the previous one
    (a reader that opened the previous one a moment ago can still finish)."""
    for number in _generations(directory):
        name = f"gen-{number}"
        if name not in keep:
            shutil.rmtree(directory / name, ignore_errors=True)
    for temp in directory.glob(".*.tmp"):
        temp.unlink(missing_ok=True)
    # Whoosh's scratch folders (``<random>.tmp``) of writers that were killed (F11 of #12): a
    # writer that is alive holds the lock this run holds, so none of them is in use now.
    for name in keep:
        for temp in (directory / name).glob("*.tmp"):
            if temp.is_dir() and not temp.is_symlink():
                shutil.rmtree(temp, ignore_errors=True)
            else:
                temp.unlink(missing_ok=True)


def _current_and_previous(directory: Path, generation: str) -> set[str]:
    """Higher numbers than the current one are left by killed rebuilds: not kept."""
    number = int(generation.split("-")[1])
    older = [n for n in _generations(directory) if n < number]
    return {generation} | ({f"gen-{max(older)}"} if older else set())


def open_current(root: Path):
    """The current index for reading. Raises IndexUnavailable (Dutch) if there is none
    or it cannot be read; ``update_index`` then rebuilds it."""
    directory = index_dir(root)
    current = _read_current(directory)
    if current is None:
        raise IndexUnavailable("er is nog geen zoekindex")
    if current.get("fingerprint") != fingerprint():
        raise IndexUnavailable("de zoekindex is gemaakt met een andere taalverwerking")
    try:
        return search_engine.open_index(directory / current["generation"])
    except search_engine.EngineError as exc:
        raise IndexUnavailable(f"de zoekindex is beschadigd ({exc})") from exc


# -- the update ---------------------------------------------------------------------


def _pause():
    seconds = float(os.environ.get(PAUSE_ENV) or 0)
    if seconds > 0:
        return lambda: time.sleep(seconds)
    return None


def refresh(root: Path, rebuild: bool = False) -> IndexStats:
    """Bring the index in line with content/ reading only the files that changed.

    What ``handbook index`` and ``handbook search`` use. Every page file is stat'ed;
    a file whose size, modification and change time are as at the last update is
    not read again (its page is in the index as it was, or was not published).
    Changed and new files are read with ``loader.load_page``, files that are gone
    are dropped. An index document depends on its own page only (``page_record``:
    theme and audience are slugs, never another page's title), so a changed theme
    or source page needs no other page read again. The result equals a rebuild."""
    root = Path(root).resolve()
    started = time.perf_counter()
    directory = index_dir(root)
    with _writing(directory), _locked(directory):
        current = _read_current(directory)
        scanned_at = time.time_ns()
        failed: dict[str, OSError] = {}  # folders and files that could not be read
        named: list = []  # names that cannot be pages (not UTF-8): errors, as in check
        on_disk = _scan(root, failed, named)
        ix, notice = (None, None) if rebuild else _open_for_update(root, current)
        known = _known_files(directory, current) if ix is not None else {}
        have = search_engine.indexed(ix) if ix is not None else {}
        read: dict[str, object] = {}  # path -> Page, or None when not a valid page
        for path, stat in on_disk.items():
            entry = known.get(path)
            if _recorded(entry, stat) and _agrees(entry, have.get(path)):
                continue
            page, found = load_page(root, Path(path))
            if page is None and _unreadable(root, path, found, failed):
                continue  # neither read nor gone: the index keeps what it had
            read[path] = page
        if ix is None:
            wanted = {path: page for path, page in read.items() if page is not None and page.published}
            stats = _rebuild(directory, current, wanted, started, notice)
        else:
            stats = _update_files(ix, have, on_disk, read, started, failed)
            _clean(directory, keep=_current_and_previous(directory, current["generation"]))
        files = {}
        for path, stat in on_disk.items():
            if path in failed:
                continue  # not recorded: read again next time
            if path in read:
                page = read[path]
                entry = [*stat, page.digest if page is not None else "", int(page is not None and page.published)]
            else:
                entry = known[path]
            if stat[0] < scanned_at - RACY_NS:  # see RACY_NS
                files[path] = entry
        _write_state(directory, _signature(on_disk), files)
        if failed or named:
            stats = dataclasses.replace(stats, problems=tuple(sorted((*_unreadable_problems(failed, stats.rebuilt), *named))))
        return stats


def _unreadable(root: Path, path: str, found: list, failed: dict) -> bool:
    """Whether ``load_page`` gave no page because the file could not be read (an OSError,
    which the loader reports as 'unreadable'), rather than because it is no valid page."""
    if not any(p.rule == walk.UNREADABLE for p in found):
        return False
    try:
        # As the loader opens it: never through a link, never waiting on a pipe.
        os.close(os.open(os.path.join(root, path), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK))
    except OSError as exc:
        failed[path] = exc
        return True
    return False


def _unreadable_problems(failed: dict, rebuilt: bool) -> tuple:
    problems = []
    for path, exc in sorted(failed.items()):
        folder = path.endswith("/")
        what = "de map" if folder else "het bestand"
        if rebuilt:
            kept = "de pagina's erin staan niet in de zoekindex" if folder else "de pagina staat niet in de zoekindex"
        else:
            kept = "de pagina's erin blijven in de zoekindex zoals ze waren" if folder else "de pagina blijft in de zoekindex zoals hij was"
        problems.append(
            error(path.rstrip("/"), 1, 1, f"{what} kan niet gelezen worden ({reason(exc)}); {kept}", "unreadable")
        )
    return tuple(problems)


def update_index(corpus: Corpus, rebuild: bool = False) -> IndexStats:
    """Bring the index in line with an already loaded corpus's published pages (for
    the site build, which has loaded every page anyway); see also ``refresh``."""
    started = time.perf_counter()
    directory = index_dir(corpus.root)
    wanted = {page.path: page for page in corpus.published()}
    with _writing(directory), _locked(directory):
        current = _read_current(directory)
        on_disk = _scan(corpus.root)
        notice = None
        ix = None
        if not rebuild:
            ix, notice = _open_for_update(corpus.root, current)
        # The corpus was read before this run took the lock, at no known moment: keep
        # only what the last refresh recorded and this corpus confirms (same digest,
        # file not touched since); everything else is read again by the next refresh.
        known = _known_files(directory, current) if ix is not None else {}
        if ix is None:
            stats = _rebuild(directory, current, wanted, started, notice)
        else:
            stats = _update(ix, wanted, started)
            _clean(directory, keep=_current_and_previous(directory, current["generation"]))
        files = {}
        for path, entry in known.items():
            page = corpus.by_path.get(path)
            if page is not None and _recorded(entry, on_disk.get(path)) and entry[3] == page.digest and bool(entry[4]) == page.published:
                files[path] = entry
        _write_state(directory, _signature(on_disk), files)
        return stats


def _open_for_update(root: Path, current: dict | None):
    """(the open index, None), or (None, Dutch notice why it is rebuilt)."""
    try:
        return open_current(root), None
    except IndexUnavailable as exc:
        return None, (f"{exc}; de zoekindex wordt opnieuw opgebouwd" if current else "er was nog geen zoekindex; die wordt nu opgebouwd")


def _recorded(entry, stat) -> bool:
    """Whether the last update recorded this file with these stat values."""
    return (
        type(entry) is list and len(entry) == 5 and stat is not None
        and entry[0] == stat[0] and entry[1] == stat[1] and entry[2] == stat[2]
    )


def _agrees(entry: list, digest: str | None) -> bool:
    """Whether a recorded file still matches the index: published pages are in it
    with their digest, others are not (a check against a state file that lies)."""
    return digest == entry[3] if entry[4] else digest is None


def _rebuild(directory: Path, current: dict | None, wanted: dict, started: float, notice: str | None) -> IndexStats:
    numbers = _generations(directory)
    if current:
        numbers.append(int(current["generation"].split("-")[1]))
    name = f"gen-{max(numbers, default=0) + 1}"
    target = directory / name
    shutil.rmtree(target, ignore_errors=True)
    try:
        ix = search_engine.create(target)
        documents = (search_engine.document(page_record(wanted[path])) for path in sorted(wanted))
        search_engine.write(ix, documents, pause=_pause())
        ix.close()
        _write_atomic(directory / "CURRENT", json.dumps({"generation": name, "fingerprint": fingerprint()}))
    except OSError:
        # Full disk: the half-written generation goes, so the disk is not fuller than before;
        # CURRENT still names the previous one.
        shutil.rmtree(target, ignore_errors=True)
        raise
    _clean(directory, keep={name, current["generation"] if current else name})
    return IndexStats(
        added=len(wanted), changed=0, removed=0, unchanged=0, total=len(wanted), rebuilt=True,
        seconds=time.perf_counter() - started, notice=notice,
    )


def _update(ix, wanted: dict, started: float) -> IndexStats:
    have = search_engine.indexed(ix)
    removed = sorted(set(have) - set(wanted))
    added = sorted(path for path in wanted if path not in have)
    changed = sorted(path for path in wanted if path in have and have[path] != wanted[path].digest)
    return _write_changes(ix, wanted, added, changed, removed, len(wanted), started)


def _update_files(ix, have: dict, on_disk: dict, read: dict, started: float, failed: dict) -> IndexStats:
    """``_update`` for a refresh: ``read`` holds only the files that changed. Pages in
    folders that could not be listed (``failed``) are not on disk, yet not gone."""
    wanted = {path: page for path, page in read.items() if page is not None and page.published}
    hidden = tuple(path for path in failed if path.endswith("/"))
    removed = sorted(
        path for path in have
        if (path not in on_disk and not (hidden and path.startswith(hidden))) or (path in read and path not in wanted)
    )
    added = sorted(path for path in wanted if path not in have)
    changed = sorted(path for path in wanted if path in have and have[path] != wanted[path].digest)
    total = len(have) - len(removed) + len(added)
    return _write_changes(ix, wanted, added, changed, removed, total, started)


def _write_changes(ix, wanted, added, changed, removed, total, started) -> IndexStats:
    if removed or added or changed:
        documents = [search_engine.document(page_record(wanted[path])) for path in added + changed]
        search_engine.write(ix, documents, delete_paths=removed + changed, pause=_pause())
    ix.close()
    return IndexStats(
        added=len(added), changed=len(changed), removed=len(removed),
        unchanged=total - len(added) - len(changed), total=total, rebuilt=False,
        seconds=time.perf_counter() - started,
    )


# -- what the last update saw -----------------------------------------------------------

# A file written in the same clock tick as the scan, after it, would keep its recorded
# size and times (git's "racily clean" entries): files changed this recently before a
# scan are not recorded, so the next refresh reads them again.
RACY_NS = 2_000_000_000


def _scan(root: Path, failed: dict | None = None, problems: list | None = None) -> dict[str, tuple[int, int, int]]:
    """path (as ``Page.path``) -> (mtime_ns, size, ctime_ns) of every page file:
    lstat only, no reading, through the loader's walk (``walk.scan``): hidden entries,
    symbolic links and names that are not UTF-8 are no pages here either.
    Folders (path with a trailing '/') and files that cannot be read go into ``failed``;
    names that cannot be pages (not UTF-8) into ``problems``."""
    failed = {} if failed is None else failed
    listing = walk.scan(os.path.join(root, CONTENT_DIR), stats=True)
    for rel, exc in listing.errors.items():
        if rel in listing.unreadable:
            failed[f"{CONTENT_DIR}/{rel}/" if rel else f"{CONTENT_DIR}/"] = exc
        else:
            failed[f"{CONTENT_DIR}/{rel}"] = exc
    if problems is not None:
        problems.extend(p for p in listing.problems if p.rule == walk.BAD_NAME)
    found = {}
    for rel, info in listing.stats.items():
        found[f"{CONTENT_DIR}/{rel}"] = (info.st_mtime_ns, info.st_size, info.st_ctime_ns)
    return dict(sorted(found.items()))


def _signature(on_disk: dict) -> str:
    digest = hashlib.sha1()
    for path, (mtime, size, _ctime) in on_disk.items():
        digest.update(f"{path}\0{mtime}\0{size}\n".encode())
    return digest.hexdigest()


def content_signature(root: Path) -> str:
    """Changes when a page file is added, removed, or written."""
    return _signature(_scan(root))


@cache
def _reader_fingerprint() -> str:
    """What a page's reading depends on besides its file: the schemas (a page valid
    today may not be tomorrow) and the loader's code. Recorded files are read again
    when it changes."""
    digest = hashlib.sha1()
    for name, data in sorted(schemas._raw().items()):
        digest.update(name.encode() + json.dumps(data, sort_keys=True).encode())
    for module in (loader, yamlreader, schemas):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()


def _known_files(directory: Path, current: dict | None) -> dict[str, list]:
    """The files the last update recorded, if that record belongs to the current index."""
    try:
        state = json.loads((directory / "state.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(state, dict) or current is None:
        return {}
    if state.get("generation") != current.get("generation") or state.get("reader") != _reader_fingerprint():
        return {}
    files = state.get("files")
    # Entries are checked where they are used (``_recorded``): 10,000 of them here
    # would cost as much as reading the file.
    return files if isinstance(files, dict) else {}


def _write_state(directory: Path, signature: str, files: dict) -> None:
    current = _read_current(directory)
    state = {
        "content": signature,
        "generation": current["generation"] if current else None,
        "reader": _reader_fingerprint(),
        "files": files,
    }
    _write_atomic(directory / "state.json", json.dumps(state, separators=(",", ":")))


def is_fresh(root: Path) -> bool:
    """Whether the last update saw content/ as it is now (and an index is there)."""
    directory = index_dir(root)
    try:
        state = json.loads((directory / "state.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    current = _read_current(directory)
    return (
        current is not None
        and current.get("fingerprint") == fingerprint()
        and state.get("content") == content_signature(root)
    )
