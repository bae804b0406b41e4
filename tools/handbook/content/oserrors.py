"""Operating-system errors (full disk, read-only folder, no permission) in Dutch, for people.

A command never shows a traceback for them: ``cli.main`` turns any ``OSError`` that a
command does not handle itself into one line with the path and the reason, exit code 1.
"""

from __future__ import annotations

import errno

# The reasons people meet; anything else keeps the system's own (English) text.
REASONS = {
    errno.ENOSPC: "de schijf is vol; maak ruimte vrij en probeer het opnieuw",
    errno.EDQUOT: "je schijfruimte (quotum) is op; maak ruimte vrij en probeer het opnieuw",
    errno.EROFS: "het bestandssysteem is alleen-lezen",
    errno.EACCES: "geen toestemming",
    errno.EPERM: "geen toestemming",
    errno.ENOENT: "bestaat niet",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EISDIR: "is een map, geen bestand",
    errno.EEXIST: "bestaat al",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EIO: "de schijf gaf een lees- of schrijffout",
    errno.EMFILE: "er staan te veel bestanden tegelijk open",
    errno.ENFILE: "er staan te veel bestanden tegelijk open",
    errno.ETXTBSY: "het bestand is in gebruik",
    errno.EBUSY: "het bestand of de map is in gebruik",
    errno.ELOOP: "het is een symbolische koppeling, en die wordt niet gevolgd",
}


def reason(exc: OSError) -> str:
    """Why it failed, in Dutch where we know the error."""
    return REASONS.get(exc.errno) or exc.strerror or str(exc) or type(exc).__name__


def describe(exc: OSError) -> str:
    """'<path>': <reason> (or only the reason when the error names no path)."""
    path = exc.filename
    if isinstance(path, bytes):
        path = path.decode("utf-8", "backslashreplace")
    return f"'{path}': {reason(exc)}" if path not in (None, "") else reason(exc)
