"""Extra search terms for a page on the site, from the handbook's own Dutch analysis.

The site's search engine (Pagefind) stems Dutch but knows nothing of this field: it does
not split 'casusbespreking' into 'casus' and 'bespreking', does not know that 'kinderen'
belongs to 'kind', and treats 'enquete' and 'enquête' as different words. At build time
each page therefore gets the words that should also find it, in a metadata field the
search matches but never shows (see handbook.site.search_view):

  - the parts of its compounds, as written in data/compound_parts.txt ('bespreking');
  - base forms the stemmer misses (data/stem_exceptions.txt: 'kinderen' -> 'kind');
  - its words without accents ('enquête' -> 'enquete');
  - synonyms from data/synonyms.txt that the page uses anywhere, and lay words whose target
    the page is about (in its title or description: 'armoede' -> 'geldzorgen', 'schulden'),
    so a lay word leads to the pages about the subject, not to every page that mentions it.

``handbook search`` uses the same analysis and the same data files, so both find a page
for the same reasons.
"""

from __future__ import annotations

from functools import cache

from handbook.search import analysis

MAX_TERMS = 400  # a bound per page: the terms are loaded with each result shown

@cache
def _part_words() -> dict[str, str]:
    """Stem of a compound part -> the part as readers write it ('bespreek' -> 'bespreking')."""
    out = {}
    for word in analysis._data("compound_parts.txt"):
        if not word.startswith("!"):
            out.setdefault(analysis.stem(analysis.fold(word)), analysis.fold(word))
    return out


@cache
def _lines() -> tuple[tuple[bool, tuple[tuple[str, ...], ...], tuple[str, ...]], ...]:
    """Each synonym line as (is it lay words, its targets as stem sequences, the words a page
    with a target gets)."""
    out = []
    for searched, found in analysis.synonym_lines():
        targets = tuple(tuple(analysis.stem(w) for w, _, _ in analysis.words(t)) for t in found)
        extra = tuple(dict.fromkeys((*searched, *found)))
        out.append((searched is not found, targets, extra))
    return tuple(out)


@cache
def word_terms(word: str) -> tuple[str, ...]:
    """The extra terms of one folded word (accents already removed)."""
    out = []
    for part_stem in analysis.split_compound(analysis.stem(word)):
        part = _part_words().get(part_stem)
        if part and part != word:
            out.append(part)
    if len(out) < 2:  # as the index: common Dutch halves where the field's list has none or one
        out += [p for p in analysis.common_parts(word) if p != word and p not in out]
    base = analysis.exceptions().get(word)
    if base:
        out.append(base)
    return tuple(out)


def common_tail(word: str) -> str | None:
    """The last part of a compound of two common Dutch words (see analysis.common_parts)."""
    parts = analysis.common_parts(word)
    return parts[0] if parts else None


def _contains(stems: list[str], sequence: tuple[str, ...]) -> bool:
    """Whether a run of stems holds ``sequence``; a one-word target also matches as the start
    of a compound ('migrant' in 'migrantenorganisaties')."""
    n = len(sequence)
    if n == 1:
        return any(s == sequence[0] or s.startswith(sequence[0]) and len(sequence[0]) >= 5 for s in stems)
    return any(stems[i : i + n] == list(sequence) for i in range(len(stems) - n + 1))


def page_terms(title: str, description: str = "", body: str = "") -> list[str]:
    """The extra search terms of a page, without the words it already has; in a fixed order."""
    key, rest = weighed_terms(title, description, body)
    return key + [t for t in rest if t not in key]


def weighed_terms(title: str, description: str = "", body: str = "") -> tuple[list[str], list[str]]:
    """(key terms, other terms): the synonyms and lay words of what the page's title names
    are its key terms (the site ranks them as high as the title); the rest come from
    anywhere in the page."""
    seen_raw: set[str] = set()
    stems: list[str] = []
    extra: dict[str, None] = {}
    key: dict[str, None] = {}
    about = titled = 0  # stems[:about] are the title's and description's, stems[:titled] the title's
    for number, text in enumerate((title, description, body)):
        if number == 1:
            titled = len(stems)
        if number == 2:
            about = len(stems)
        for match in analysis.WORD.finditer(text):
            raw = match.group()
            lower = raw.casefold()
            seen_raw.add(lower)
            word = analysis.fold(raw)
            stems.append(analysis.stem(word))
            if word != lower:
                extra[word] = None  # 'enquête' is also found as 'enquete'
            for term in word_terms(word):
                extra[term] = None
    for lay, targets, words in _lines():
        scope = stems[:about] if lay else stems
        if any(_contains(scope, t) for t in targets):
            into = key if any(_contains(stems[:titled], t) for t in targets) else extra
            for w in words:
                into[analysis.fold(w)] = None
    key_terms = [t for t in key if t not in seen_raw]
    return key_terms, [t for t in extra if t not in seen_raw and t not in key][: MAX_TERMS - len(key_terms)]
