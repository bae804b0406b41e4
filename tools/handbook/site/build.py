"""``handbook build``: check, update the search index, then build the site.

The site is built with ``mkdocs build --strict`` into a fresh folder next to
``site/`` and swapped into place only when everything succeeded, so a failed
build leaves the previous site as it was. Theme booklets (print/<theme>.html and
.pdf) are written into the new folder before the swap.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from handbook.check.runner import check_corpus
from handbook.content.loader import load_corpus
from handbook.content.oserrors import describe
from handbook.content.problems import ERROR, Problem
from handbook.site import offline_copy, site_folder


PRINT_CACHE = ".handbook/print-cache"  # finished theme PDFs by the hash of their HTML
PRINT_DIR = "print"  # the theme booklets in the site (handbook.printing.site)
OFFLINE_COPY = "kopie"  # the offline copy's folder in its build folder (see _offline_zip)


@dataclass(frozen=True)
class BuildResult:
    ok: bool
    site_dir: Path
    problems: list[Problem] = field(default_factory=list)  # from the check, warnings included
    message: str = ""  # why the build failed, in Dutch


def build_site(root: Path | str, site_dir: Path | str | None = None, prints: bool = True,
               offline: bool = False, offline_zip: bool = False) -> BuildResult:
    """The published site (searched with Pagefind), or with ``offline`` the copy that works
    opened from disk (file://), which keeps Material's lunr search and leaves out the
    contributor guide. With ``offline_zip`` the published site also offers that copy as a zip
    (handbook.site.offline_copy; ``handbook build`` does, unless --no-offline-zip)."""
    root = Path(root).resolve()
    site = Path(site_dir).resolve() if site_dir else root / "site"
    site_folder.clean_stale(site.parent)  # what killed builds left (F11 of #12)
    corpus = load_corpus(root)
    problems = check_corpus(corpus)
    errors = [p for p in problems if p.level == ERROR]
    if errors:
        return BuildResult(False, site, problems, f"de controle vond {len(errors)} {'fout' if len(errors) == 1 else 'fouten'}; "
                           "herstel die eerst (zie hierboven), de vorige site blijft staan")

    from handbook.search.indexing import update_index

    try:
        # First: a repository or parent folder that is read-only or full fails here, before
        # any work is started (it gave a traceback, F9 of #12).
        new = site_folder.new_folder(site.parent)
    except OSError as exc:
        return BuildResult(False, site, problems, f"de site kon niet gebouwd worden: {_describe(exc)}; de vorige site blijft staan")

    # The search index is needed only when pages are rendered ("Zie ook"); a second process
    # updates it while mkdocs converts the Markdown, and the plugin waits for it then.
    updating = _start_index_update(corpus)
    index_done = False

    def index_ready(stop: bool = False):
        nonlocal index_done
        if index_done:
            return
        index_done = True
        if updating is not None:
            if stop:
                updating.terminate()  # an update is atomic: stopped, it leaves the previous index
            updating.join()
            if stop or updating.exitcode == 0:
                return
        update_index(corpus)  # no second process, or it failed: here, so its error is reported

    from handbook.site.mkdocs_plugin import _Collect, mkdocs_build  # the engine, only when building

    collect = _Collect()
    zipped = None
    try:
        if offline_zip and not offline:
            # First, so the published pages can say how big the zip is; mkdocs empties the folder it
            # builds into, so the zip waits next to it until the published site is built.
            zipped = _offline_zip(root, corpus, new, collect, index_ready, prints)
        offered = {"href": offline_copy.ZIP_NAME, "size": zipped.size_label} if zipped else None
        mkdocs_build(root / "mkdocs.yml", new, collect, corpus=corpus, index_ready=index_ready, site_search=not offline,
                     readers_only=offline, offline_zip=offered)
        index_ready()  # in case the plugin did not ask (a mkdocs.yml without it)
        if zipped is not None:
            os.replace(zipped.path, new / offline_copy.ZIP_NAME)
        if not offline:
            from handbook.site.site_search import build_site_search

            build_site_search(new, corpus)
        booklets = zipped.path.parent / OFFLINE_COPY / PRINT_DIR if zipped is not None else None
        if prints and booklets is not None and booklets.is_dir():
            os.replace(booklets, new / PRINT_DIR)  # the same booklets the offline copy has
        elif prints:
            from handbook.printing import write_theme_prints

            write_theme_prints(corpus, new, cache_dir=root / PRINT_CACHE)
        if zipped is not None:
            shutil.rmtree(zipped.path.parent, ignore_errors=True)
    except BaseException as exc:  # noqa: BLE001 - any failure must leave the previous site in place
        if updating is not None and not index_done:  # as before, the index is updated all the same
            try:
                index_ready(stop=isinstance(exc, KeyboardInterrupt))
            except Exception:  # noqa: BLE001 - the site's failure is the one to report
                pass
        shutil.rmtree(new, ignore_errors=True)
        if zipped is not None:
            shutil.rmtree(zipped.path.parent, ignore_errors=True)
        if isinstance(exc, KeyboardInterrupt):
            raise
        said = "".join(f"\n  mkdocs: {line}" for line in collect.lines)
        return BuildResult(
            False, site, problems, f"de site kon niet gebouwd worden: {_describe(exc)}; de vorige site blijft staan{said}"
        )
    try:
        site_folder.swap(new, site)
    except OSError as exc:
        if site.exists():
            shutil.rmtree(new, ignore_errors=True)
        return BuildResult(False, site, problems, f"de nieuwe site kon niet op de plaats van {site} gezet worden: {_describe(exc)}")
    return BuildResult(True, site, problems)


def _offline_zip(root: Path, corpus, new: Path, collect, index_ready, prints: bool) -> offline_copy.OfflineZip:
    """Build the offline copy (with the theme booklets) and zip it, in a build folder of its own
    next to ``new`` (same file system: the zip and the booklets move in with a rename; a killed
    build's folder is cleaned up by the next)."""
    from handbook.site.mkdocs_plugin import mkdocs_build

    holder = site_folder.new_folder(new.parent)
    try:
        copy = holder / OFFLINE_COPY
        mkdocs_build(root / "mkdocs.yml", copy, collect, corpus=corpus, index_ready=index_ready, readers_only=True)
        if prints:
            from handbook.printing import write_theme_prints

            write_theme_prints(corpus, copy, cache_dir=root / PRINT_CACHE)
        return offline_copy.write_zip(copy, holder / offline_copy.ZIP_NAME, offline_copy.newest_date(corpus))
    except BaseException:
        shutil.rmtree(holder, ignore_errors=True)
        raise


def _update_index_quietly(corpus) -> None:
    from handbook.search.indexing import update_index

    try:
        update_index(corpus)
    except BaseException:  # noqa: BLE001 - the build runs the update again and reports why it failed
        os._exit(1)


def _start_index_update(corpus):
    """A forked process running ``update_index(corpus)``, or None where processes cannot be
    forked (the caller then updates in-process)."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    process = multiprocessing.get_context("fork").Process(target=_update_index_quietly, args=(corpus,), daemon=True)
    process.start()
    return process


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return describe(exc)  # Dutch, with the path: a full disk, a read-only folder
    text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return text.strip()
