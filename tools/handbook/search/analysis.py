"""Dutch text analysis for the index: words -> the terms a page is found under.

Plain Python, no search engine in here: ``search_engine`` wraps ``tokens`` for
Whoosh, and the similarity check uses ``words`` directly.

The pipeline for one word:
  1. fold: lower case, accents removed ('ideeën' -> 'ideeen'), a trailing 's
     dropped ("thema's" -> 'thema');
  2. stop words are skipped (data/stopwords.txt);
  3. stem: the exception list first (data/stem_exceptions.txt: 'kinderen' ->
     'kind'), then Snowball 3's Dutch stemmer with a guard against its 'ge-'
     removal (see ``_restore_prefix``);
  4. at index time only, a compound is also indexed under its known parts
     (data/compound_parts.txt): 'opvoedondersteuning' -> 'opvoed', 'ondersteun';
     and every two neighbouring words as a pair term ('samen leer'), for phrases.

Synonyms (data/synonyms.txt) are applied to the query, not the index, so the list
can change without rebuilding (``expand_synonyms``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache
from importlib import resources
from typing import Iterator

import snowballstemmer

DATA_FILES = ("stopwords.txt", "stem_exceptions.txt", "compound_parts.txt", "synonyms.txt")
# Bump when the pipeline's code changes; data-file changes are noticed by their digest.
PIPELINE_VERSION = "3"  # 3: compounds the field list does not know are split by wordfreq

# A word: letters (any script), optionally followed by an apostrophe-s ("thema's");
# or a run of digits. Hyphens, slashes and punctuation separate words.
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+")

MIN_STEM_LENGTH = 4  # shorter words are kept as they are: 'zin', 'kind', 'wijk'
MIN_TAIL, MIN_HEAD = 4, 3  # smallest parts a compound is split into
LINKERS = ("en", "s", "e")  # 'gezinsondersteuning': gezin + s + ondersteuning


def _data(name: str) -> list[str]:
    text = (resources.files("handbook") / "data" / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@cache
def fingerprint() -> str:
    """Changes whenever the analysis would index a text differently: an index built
    with another fingerprint must be rebuilt."""
    digest = hashlib.sha1(PIPELINE_VERSION.encode())
    for name in DATA_FILES:
        digest.update((resources.files("handbook") / "data" / name).read_bytes())
    return digest.hexdigest()[:16]


class _FoldTable(dict):
    """str.translate table that works out each character's folded form once."""

    def __missing__(self, code: int):
        char = chr(code)
        if char.isascii():
            folded = char
        else:
            folded = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lower case without accents: 'Ideeën' -> 'ideeen', 'café' -> 'cafe'."""
    text = text.casefold()
    return text if text.isascii() else text.translate(_FOLD)


def _drop_apostrophe_s(word: str) -> str:
    for mark in ("'s", "’s"):
        if word.endswith(mark):
            return word[: -len(mark)]
    return word.replace("’", "'")


@cache
def stopwords() -> frozenset[str]:
    return frozenset(_data("stopwords.txt"))


@cache
def exceptions() -> dict[str, str]:
    table = {}
    for line in _data("stem_exceptions.txt"):
        form, base = line.split()
        table[form] = base
    return table


_snowball = snowballstemmer.stemmer("dutch")  # Snowball 3's Dutch; fast when PyStemmer is installed


def _restore_prefix(word: str, stem: str) -> str:
    """Snowball 3 removes a 'ge-' prefix ('gemaakt' -> 'maak'), which also cuts
    nouns: 'gezin' -> 'zin', 'begeleiding' -> 'beleid', 'gezondheid' -> 'zon'.
    Put the removed 'ge' back: the stem then only ever differs from the word at its
    end, so 'gezin' and 'gezinnen' still meet (on 'gezin') and never meet 'zin'."""
    same = 0
    for a, b in zip(word, stem):
        if a != b:
            break
        same += 1
    if same < len(stem) and word[same : same + 2] == "ge" and word[same + 2 :].startswith(stem[same : same + 2]):
        return word[: same + 2] + stem[same:]
    return stem


def snowball_stem(word: str) -> str:
    """Snowball 3 Dutch as it is, for comparison in the tests."""
    return _snowball.stemWord(word)


@cache
def stem(word: str) -> str:
    """The stem of a folded word."""
    word = _drop_apostrophe_s(word)
    if word in exceptions():
        return exceptions()[word]
    if len(word) < MIN_STEM_LENGTH or not word.isalpha():
        return word
    return _restore_prefix(word, _snowball.stemWord(word))


@cache
def _part_stems() -> frozenset[str]:
    return frozenset(stem(fold(w)) for w in _data("compound_parts.txt") if not w.startswith("!"))


@cache
def _false_tails() -> tuple[str, ...]:
    """Word endings that look like a part but are not: '!houder' keeps 'budgethouder'
    from being indexed under 'ouder'."""
    return tuple(stem(fold(w[1:])) for w in _data("compound_parts.txt") if w.startswith("!"))


def _as_part(head: str) -> str | None:
    """A compound's first part as a known stem, allowing a linking 's', 'e' or 'en'."""
    parts = _part_stems()
    for candidate in (head, *(head[: -len(k)] for k in LINKERS if head.endswith(k))):
        if len(candidate) < MIN_HEAD:
            continue
        base = exceptions().get(candidate, candidate)
        for form in (base, stem(base)):
            if form in parts:
                return form
    return None


@cache
def split_compound(word_stem: str) -> tuple[str, ...]:
    """The known parts of a stemmed compound, longest last part first:
    'opvoedondersteun' -> ('ondersteun', 'opvoed'). Empty when it is no compound."""
    parts = _part_stems()
    for cut in range(MIN_HEAD, len(word_stem) - MIN_TAIL + 1):
        tail = word_stem[cut:]
        if tail not in parts or any(len(f) > len(tail) and word_stem.endswith(f) for f in _false_tails()):
            continue
        head = word_stem[:cut]
        known = _as_part(head)
        if known:
            return (tail, known, *split_compound(known))
        inner = split_compound(head)
        if inner:
            return (tail, *inner)
        if len(head) >= MIN_TAIL:
            # An unknown first part ('gespreks' in 'gespreksleider' is known, 'buurtvader'...):
            # the last part alone still says what the compound is about.
            return (tail,)
    return ()


# A compound the field's list does not split is split where both halves are common Dutch
# words (wordfreq's Zipf scale: 3 is about once per million words): 'groepsdynamiek' ->
# 'dynamiek', 'groep'. Measured in benchmarks/FINDINGS.md (issue 14).
MIN_ZIPF, MIN_SPLIT_LENGTH, MIN_COMMON_HEAD, MIN_COMMON_TAIL = 3.0, 9, 4, 5


@cache
def _zipf():
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - a dependency; without it compounds are split by the list only
        return None
    return lambda word: zipf_frequency(word, "nl")


@cache
def common_parts(word: str) -> tuple[str, ...]:
    """(last part, first part) of a folded compound whose halves are both common Dutch words,
    the first without its linking 's', 'e' or 'en'; () when there is no such split or the
    word is common itself ('samenwerking')."""
    zipf = _zipf()
    if zipf is None or len(word) < MIN_SPLIT_LENGTH or not word.isalpha() or zipf(word) >= MIN_ZIPF + 1:
        return ()
    best = None
    for cut in range(MIN_COMMON_HEAD, len(word) - MIN_COMMON_TAIL + 1):
        head, tail = word[:cut], word[cut:]
        heads = [head] + [head[: -len(k)] for k in LINKERS if head.endswith(k) and len(head) - len(k) >= MIN_COMMON_HEAD]
        head_score, head_word = max((zipf(h), h) for h in heads)
        score = min(head_score, zipf(tail))
        if score >= MIN_ZIPF and (best is None or score > best[0]):
            best = (score, tail, head_word)
    return best[1:] if best else ()


@cache
def terms(word: str, mode: str = "index") -> tuple[str, ...]:
    """The index terms of one folded word: its stem, and at index time its parts (the
    field's list first, else common Dutch words, see ``common_parts``)."""
    word = _drop_apostrophe_s(word)
    if word in stopwords():
        return ()
    base = stem(word)
    if mode != "index":
        return (base,)
    parts = tuple(p for p in split_compound(base) if p != base)
    if len(parts) < 2:  # no split, or the last part only ('bijeenkomst' of 'huiskamerbijeenkomst')
        parts += tuple(stem(p) for p in common_parts(word) if stem(p) != base)
    return (base, *dict.fromkeys(parts))


def words(text: str) -> Iterator[tuple[str, int, int]]:
    """Every folded word of a text with its start and end offset in the text."""
    for match in WORD.finditer(text):
        yield fold(match.group()), match.start(), match.end()


_WORD_TERMS: dict[tuple[str, str], tuple[str, ...]] = {}


def word_terms(raw: str, mode: str = "index") -> tuple[str, ...]:
    """``terms`` of a word as written in the text: one dict lookup once seen (the
    analysis of a word never changes while the program runs)."""
    key = (raw, mode)
    found = _WORD_TERMS.get(key)
    if found is None:
        if mode == "words":
            word = _drop_apostrophe_s(fold(raw))
            found = () if word in stopwords() else (word,)
        else:
            found = terms(fold(raw), mode)
        if len(_WORD_TERMS) < 500_000:  # a bound for long-running processes
            _WORD_TERMS[key] = found
    return found


def tokens(text: str, mode: str = "index", morph: bool = True) -> Iterator[tuple[str, int, int, int]]:
    """(term, position, start, end) of every index term of a text. Compound parts
    share the position and offsets of their compound, so phrases and highlights
    still line up. With ``morph=False``: the folded words themselves (for
    spelling suggestions)."""
    pos = 0
    mode = mode if morph else "words"
    pairs = mode == "index"
    previous = None
    for match in WORD.finditer(text):
        found = word_terms(match.group(), mode)
        if found:
            start, end = match.span()
            if pairs and previous is not None:
                # Two neighbours as one term ('samen leren'): a phrase query becomes a
                # lookup of pairs instead of comparing positions document by document.
                yield f"{previous[0]} {found[0]}", pos - 1, previous[1], end
            for term in found:
                yield term, pos, start, end
            previous = (found[0], start)
            pos += 1


@cache
def synonym_lines() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """Each line of data/synonyms.txt as (words that are searched, words they also find):
    'a | b' gives (a, b) -> (a, b); 'x, y -> t' gives (x, y) -> (t,)."""
    lines = []
    for line in _data("synonyms.txt"):
        if "->" in line:
            left, right = line.split("->", 1)
            lines.append((_members(left, ","), _members(right, ",")))
        else:
            group = _members(line, "|")
            lines.append((group, group))
    return tuple(lines)


def _members(text: str, sep: str) -> tuple[str, ...]:
    return tuple(m.strip() for m in text.split(sep) if m.strip())


@cache
def synonym_groups() -> tuple[tuple[str, ...], ...]:
    """The groups of words that mean the same (both ways)."""
    return tuple(searched for searched, found in synonym_lines() if searched is found)


@cache
def _alternatives() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """(a searched member's folded words, what a query for it becomes), longest members first."""
    out = {}
    for searched, found in synonym_lines():
        for member in searched:
            key = tuple(w for w, _, _ in words(member))
            if key:
                alternatives = found if searched is found else tuple(dict.fromkeys((member, *found)))
                out[key] = tuple(dict.fromkeys(out.get(key, ()) + alternatives))
    return tuple(sorted(out.items(), key=lambda kv: -len(kv[0])))


_QUOTED = re.compile(r'"[^"]*"')


def expand_synonyms(query: str) -> str:
    """Rewrite every synonym or lay word in a query (outside quotes) to an OR of what it
    finds: 'intervisie' -> '(intervisie OR "collegiale consultatie")', 'schulden' ->
    '(schulden OR armoede)'."""
    quoted = [m.span() for m in _QUOTED.finditer(query)]
    found = [(fold(w), s, e) for w, s, e in ((m.group(), m.start(), m.end()) for m in WORD.finditer(query))]
    found = [(w, s, e) for w, s, e in found if not any(a <= s < b for a, b in quoted)]
    replacements = []  # (start, end, text)
    i = 0
    while i < len(found):
        match = None
        for member_words, alternatives in _alternatives():
            n = len(member_words)
            window = found[i : i + n]
            if [w for w, _, _ in window] == list(member_words) and _adjacent(query, window):
                match = (n, alternatives)
                break
        if match is None:
            i += 1
            continue
        n, alternatives = match
        text = " OR ".join(f'"{m}"' if len(list(words(m))) > 1 else m for m in alternatives)
        replacements.append((found[i][1], found[i + n - 1][2], f"({text})"))
        i += n
    for start, end, text in reversed(replacements):
        query = query[:start] + text + query[end:]
    return query


def _adjacent(query: str, window) -> bool:
    """The words of a multi-word synonym must follow each other with only spaces or hyphens between."""
    return all(not query[a[2] : b[1]].strip(" -") for a, b in zip(window, window[1:]))
