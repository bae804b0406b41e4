"""Dutch first names and street names, for the personal-data rule.

Both lists come from the ``deduce`` package (de-identification of Dutch text, UMC Utrecht;
LGPL): its first names and its street names from the BAG, the Dutch register of addresses and
buildings. Only its data files are read, never the package itself (which would import numpy
and more). Words that are also ordinary Dutch words in this handbook ('Groep 7', 'Deel 2', a
name like 'Roos' at the start of a sentence) are taken out by the reviewed lists in
``data/not_streets.txt`` and ``data/not_first_names.txt``, and by deduce's own exceptions.

Everything is read once per process, and only when a rule asks: a page without a candidate
(a capitalised word before a number or an age) never reads it.
"""

from __future__ import annotations

import os
from functools import cache
from importlib.util import find_spec

_DATA = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data")


def _deduce_lists() -> str | None:
    """The folder of deduce's word lists, or None when the package is not installed."""
    try:
        spec = find_spec("deduce")  # finds the package without running it
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    folder = os.path.join(os.path.dirname(spec.origin), "data", "lookup", "src")
    return folder if os.path.isdir(folder) else None


def _lines(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError:
        return []
    return [line.strip() for line in text.split("\n") if line.strip() and not line.startswith("#")]


def _ours(name: str) -> frozenset[str]:
    return frozenset(word.lower() for word in _lines(os.path.join(_DATA, name)))


@cache
def not_streets() -> frozenset[str]:
    """Lower-case words that are no street, even when a number follows them."""
    return _ours("not_streets.txt")


@cache
def _streets() -> frozenset[str]:
    folder = _deduce_lists()
    if folder is None:
        return frozenset()
    street = os.path.join(folder, "locations", "lst_street")
    left_out = {word.lower() for word in _lines(os.path.join(street, "exceptions.txt"))} | not_streets()
    return frozenset(name for name in _lines(os.path.join(street, "streets_bag.txt")) if name.lower() not in left_out)


@cache
def _first_names() -> frozenset[str]:
    folder = _deduce_lists()
    if folder is None:
        return frozenset()
    names = os.path.join(folder, "names", "lst_first_name")
    left_out = {word.lower() for word in _lines(os.path.join(names, "exceptions.txt"))} | _ours("not_first_names.txt")
    return frozenset(name for name in _lines(os.path.join(names, "items.txt")) if name.lower() not in left_out)


def is_street(name: str) -> bool:
    """Whether a name, as written (capitals count), is a street in the Dutch address register."""
    return name in _streets()


def is_first_name(word: str) -> bool:
    """Whether a capitalised word is a first name ('Fatima', 'Daan'), not a word that is also a name."""
    return word in _first_names()


def available() -> bool:
    """Whether the lists of the deduce package were found (tests assert it; the rule works without them)."""
    return bool(_streets()) and bool(_first_names())
