"""Where a link in a page points: shared by the check (does it exist?) and print (is it in the booklet?)."""

import posixpath
from functools import lru_cache
from urllib.parse import unquote, urlsplit


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
