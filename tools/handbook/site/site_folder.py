"""The site folder: a build writes into a fresh folder next to ``site/`` and swaps it into
place in one step (F11 of #12).

- The fresh folder gets the usual permissions (``mkdir``: 0777 less the umask), not the
  0700 of ``tempfile.mkdtemp``, so a web server running as another user can read the site.
- Its name holds the build's process id (``.site-new-<pid>-<random>``): a later build
  removes the folders of builds that are gone (killed), and leaves a running one alone.
- The swap exchanges the two folders in one system call where Linux offers it
  (``renameat2`` with ``RENAME_EXCHANGE``), so there is no moment without ``site/``;
  elsewhere it falls back to two renames.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import secrets
import shutil
import sys
import time
from pathlib import Path

NEW_PREFIX = ".site-new-"
OLD_PREFIX = ".site-old-"
_OURS = re.compile(r"\.site-(?:new|old)-(\d+)-[0-9a-f]+")
# A folder named by an older version (mkdtemp, no process id) counts as left behind once
# nothing has changed in it for this long: no build takes that long.
LEGACY_STALE_SECONDS = 3600

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def new_folder(parent: Path) -> Path:
    """A fresh, empty folder for the next site, next to it (same file system: the swap is a rename)."""
    parent.mkdir(parents=True, exist_ok=True)
    while True:
        path = parent / f"{NEW_PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
        try:
            path.mkdir()  # 0o777 & ~umask
            return path
        except FileExistsError:
            continue


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it runs
        return True
    return True


def clean_stale(parent: Path) -> list[str]:
    """Remove the ``.site-new-*`` and ``.site-old-*`` folders that builds which are gone left
    in ``parent``; return their names. Never raises: cleaning up is no reason to fail a build."""
    removed = []
    try:
        with os.scandir(parent) as found:
            entries = [e for e in found if e.name.startswith((NEW_PREFIX, OLD_PREFIX))]
    except OSError:
        return removed
    for entry in entries:
        try:
            if entry.is_symlink() or not entry.is_dir(follow_symlinks=False):
                continue
            ours = _OURS.fullmatch(entry.name)
            if ours is not None:
                pid = int(ours.group(1))
                if pid == os.getpid() or _running(pid):
                    continue
            elif time.time() - entry.stat(follow_symlinks=False).st_mtime < LEGACY_STALE_SECONDS:
                continue
        except OSError:
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed.append(entry.name)
    return removed


def _exchange(a: Path, b: Path) -> bool:
    """Exchange two paths atomically (Linux ``renameat2(RENAME_EXCHANGE)``); False where that is
    not available (another system, an old kernel or C library, a file system without it)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def swap(new: Path, site: Path) -> None:
    """Put the finished folder ``new`` in the place of ``site``; the old site is removed last.
    Where the exchange is possible ``site`` is there at every moment, old or new."""
    if site.is_dir() and not site.is_symlink() and _exchange(new, site):
        shutil.rmtree(new, ignore_errors=True)  # now the old site; if killed here, a later build removes it
        return
    old = None
    if os.path.lexists(site):
        old = site.parent / f"{OLD_PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
        site.rename(old)
    new.rename(site)
    if old is not None:
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)
