"""The vocabulary behind the site's "Bedoelde je ...?": every word of the reader pages
(folded, as the analysis sees it) with the number of pages that use it, written by the
build in small shards so that a query downloads only the shard of its own first letters.

``correct`` is the reference for the browser's correction (overrides/assets/javascripts/
hb-search.js does the same): the closest known word by Damerau-Levenshtein distance (one
edit for short words, two for longer ones), then the word more pages use.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Iterable, Mapping

from handbook.search import analysis
from handbook.search.site_terms import page_terms

SHARD_PREFIX = 2  # letters that name a word's shard: 'laaggeletterdheid' -> 'la'
MIN_LENGTH = 3  # shorter words are not corrected (and not kept)
_SAFE = re.compile(r"[a-z0-9]")


def shard_key(word: str) -> str:
    """The shard a folded word lives in: its first two letters, other characters as '_'."""
    return "".join(c if _SAFE.fullmatch(c) else "_" for c in word[:SHARD_PREFIX])


def build(pages: Iterable) -> Counter:
    """Word -> number of pages, over ``pages`` (loader pages), with their extra search terms."""
    counts: Counter = Counter()
    for page in pages:
        seen = set()
        texts = (page.title, page.description or "", page.body or "")
        for text in texts:
            for word, _, _ in analysis.words(text):
                word = analysis._drop_apostrophe_s(word)
                if len(word) >= MIN_LENGTH and word.isalpha():
                    seen.add(word)
        for term in page_terms(*texts):
            for word, _, _ in analysis.words(term):
                if len(word) >= MIN_LENGTH and word.isalpha():
                    seen.add(word)
        counts.update(seen)
    return counts


def shards(vocabulary: Mapping[str, int]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for word in sorted(vocabulary):
        out.setdefault(shard_key(word), {})[word] = vocabulary[word]
    return out


def write(vocabulary: Mapping[str, int], folder: Path) -> list[str]:
    """Write the shards as ``folder/<key>.json``; returns their keys."""
    folder.mkdir(parents=True, exist_ok=True)
    written = shards(vocabulary)
    for key, words in written.items():
        (folder / f"{key}.json").write_text(json.dumps(words, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return sorted(written)


def max_distance(word: str) -> int:
    return 1 if len(word) <= 5 else 2


def distance(a: str, b: str, limit: int = 2) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count once), cut off above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def correct(word: str, vocabulary: Mapping[str, int]) -> str | None:
    """The best known word for an unknown ``word`` (folded); None when it is known, begins a
    known word (the search finds that one as typed: 'huiskam'), or nothing is close enough.
    Only the word's own shard is looked at."""
    if word in vocabulary or len(word) < MIN_LENGTH or not word.isalpha():
        return None
    key = shard_key(word)
    own = {w: c for w, c in vocabulary.items() if shard_key(w) == key}
    if any(w.startswith(word) for w in own):
        return None
    limit = max_distance(word)
    best = None
    for candidate, count in own.items():
        d = distance(word, candidate, limit)
        if d <= limit and (best is None or (d, -count, candidate) < best):
            best = (d, -count, candidate)
    return best[2] if best else None
