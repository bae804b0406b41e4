"""A page that is nearly the same text as another one is likely a duplicate contribution.

Cheap enough for every check: each body is read once into a set of five-word
shingles, keeping only those that start at an 'anchor' word (a fixed fifth of the
vocabulary, chosen by a checksum, so the sample is the same in every run and two
copies of a text keep the same shingles). Pages are paired through an inverted index
of those shingles, skipping shingles that many pages share (boilerplate such as a
standard source line), and a pair is reported when the Jaccard overlap of their
shingle sets reaches ``THRESHOLD``.
"""

from __future__ import annotations

import weakref
import zlib
from collections import Counter
from itertools import chain, combinations, compress

from handbook.content.problems import warning

ID = "similar"
THRESHOLD = 0.7  # share of the sampled shingles two pages have in common
SHINGLE = 5  # words per shingle
ANCHOR_EVERY = 5  # keep shingles starting at about one word in five
MIN_SHINGLES = 8  # shorter texts are too small to call duplicates
COMMON = 8  # a shingle on more pages than this is boilerplate, not evidence


def check(page, corpus):
    found = _pairs(corpus).get(page.path)
    if not found:
        return
    others = " en ".join(f"{path} ({round(share * 100)}% dezelfde tekst)" for path, share in found[:3])
    line, column = page.position(("title",))
    yield warning(
        page.path,
        line,
        column,
        f"deze pagina lijkt sterk op {others}; is het dezelfde bijdrage? "
        "Voeg ze dan samen, of maak duidelijk waarin ze verschillen",
        ID,
    )


_anchors: dict[str, bool] = {}
_anchor_words: set[str] = set()  # the words seen so far that are anchors


def _is_anchor(word: str) -> bool:
    found = _anchors.get(word)
    if found is None:
        found = _anchors[word] = zlib.crc32(word.encode()) % ANCHOR_EVERY == 0
        if found:
            _anchor_words.add(word)
    return found


def shingles(text: str) -> frozenset:
    # Split on white space only: a copied text keeps its accents and punctuation too,
    # and str.split is several times faster than a word pattern. Only words not seen
    # before pass through Python.
    words = text.lower().split()
    distinct = set(words)
    for word in distinct.difference(_anchors):
        _is_anchor(word)
    anchors = distinct & _anchor_words
    # The positions of anchor words are picked in C; only their shingles are built.
    starts = compress(range(len(words) - SHINGLE + 1), map(anchors.__contains__, words))
    return frozenset([tuple(words[i : i + SHINGLE]) for i in starts])


# Shingles of pages whose file has not changed, handed over by the check cache.
_known: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def page_shingles(page) -> frozenset:
    found = _known.get(page)
    return found if found is not None else shingles(page.body)


def remember(page, found: frozenset) -> None:
    _known[page] = found


def similar_pairs(pages) -> dict[str, list[tuple[str, float]]]:
    """path -> [(other path, overlap)] for every pair at or above THRESHOLD."""
    sets = []
    for page in pages:
        found = page_shingles(page)
        if len(found) >= MIN_SHINGLES:
            sets.append((page.path, found))
    # Count first (in C), then index only the shingles that two or more pages share:
    # in a corpus without copies that is a small fraction.
    frequency = Counter(chain.from_iterable(found for _, found in sets))
    evidence = {shingle for shingle, n in frequency.items() if 1 < n <= COMMON}
    postings: dict[tuple, list[int]] = {}
    for number, (_, found) in enumerate(sets):
        for shingle in found & evidence if evidence else ():
            postings.setdefault(shingle, []).append(number)
    shared = Counter()
    for members in postings.values():
        shared.update(combinations(members, 2))
    pairs: dict[str, list[tuple[str, float]]] = {}
    for (a, b), common in shared.items():
        size_a, size_b = len(sets[a][1]), len(sets[b][1])
        # Cheap bound first: the overlap cannot exceed the smaller set over the larger.
        if min(size_a, size_b) < THRESHOLD * max(size_a, size_b):
            continue
        share = common / (size_a + size_b - common)
        if share >= THRESHOLD:
            pairs.setdefault(sets[a][0], []).append((sets[b][0], share))
            pairs.setdefault(sets[b][0], []).append((sets[a][0], share))
    return {path: sorted(found, key=lambda t: (-t[1], t[0])) for path, found in pairs.items()}


_cache: dict[int, tuple] = {}


def _pairs(corpus) -> dict:
    """Computed once per corpus: the check calls this rule for every page."""
    entry = _cache.get(id(corpus))
    if entry is not None and entry[0]() is corpus:
        return entry[1]
    _cache.clear()
    found = similar_pairs(p for p in corpus.pages if p.readable)
    _cache[id(corpus)] = (weakref.ref(corpus), found)
    return found
