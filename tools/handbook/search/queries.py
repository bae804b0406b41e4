"""Search the handbook: a query in, ranked results with snippets, counts and
did-you-mean suggestions out. Plain values only; the engine stays in search_engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from handbook.search import analysis, indexing, engine as search_engine, order

OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
MARK = "**"  # matched words in a snippet are wrapped in this, as in Markdown
FRAGMENT = 160  # characters per snippet fragment
BEFORE = 50  # characters of context before the first match in a fragment
# Whoosh matches a query of n words with a tree of matchers walked recursively: about
# 1,000 words ran out of Python's stack (RecursionError). No question needs more than this.
MAX_WORDS = 100


_NO_WORDS = (
    "de zoekvraag bevat geen woorden om op te zoeken (alleen leestekens of woordjes als 'de' en 'het'); "
    "probeer een ander woord"
)


class QueryProblem(Exception):
    """A query that cannot be searched; the message is Dutch and says how to fix it."""


@dataclass(frozen=True)
class Result:
    path: str
    title: str
    type: str
    score: float
    snippet: str
    themes: tuple = ()

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "title": self.title,
            "type": self.type,
            "score": self.score,
            "snippet": self.snippet,
            "themes": list(self.themes),
        }


@dataclass(frozen=True)
class Outcome:
    query: str
    results: list
    total: int
    by_type: dict
    by_theme: dict
    did_you_mean: str | None = None
    notices: list = field(default_factory=list)


def check_query(text: str) -> str:
    """The query, stripped; or a QueryProblem saying in Dutch what is wrong with it."""
    text = (text or "").strip()
    if not text:
        raise QueryProblem("de zoekvraag is leeg; typ een of meer woorden, bijvoorbeeld: handbook search gezinnen")
    if text.count('"') % 2:
        raise QueryProblem(
            'de zoekvraag heeft een aanhalingsteken (") zonder tweede; zet een woordgroep tussen twee '
            'aanhalingstekens, zoals "collegiale consultatie", of laat ze weg'
        )
    if not analysis.WORD.search(text):
        raise QueryProblem(_NO_WORDS)
    count = sum(1 for _ in analysis.WORD.finditer(text))
    if count > MAX_WORDS:
        raise QueryProblem(
            f"de zoekvraag is te lang ({count} woorden, hoogstens {MAX_WORDS}); zoek op de paar woorden die er het meest toe doen"
        )
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            break
    if depth:
        raise QueryProblem("de haakjes in de zoekvraag kloppen niet: elk '(' heeft een ')' nodig; of laat ze weg")
    return text


def ensure_index(root: Path) -> list[str]:
    """Update the index when content/ changed since the last update; Dutch notices."""
    if indexing.is_fresh(root):
        return []
    try:
        stats = indexing.refresh(root)
    except indexing.IndexNotWritable as exc:
        # A read-only .handbook/ (a shared or mounted copy): searching needs no write, so
        # the index as it is answers, if there is one; open_current says so otherwise.
        return [f"de zoekindex kan niet worden bijgewerkt ({exc.detail}); gezocht is in de zoekindex zoals die er is"]
    return [n for n in (stats.notice, *map(str, stats.problems), stats.summary()) if n]


def search(root: Path, text: str, type: str | None = None, theme: str | None = None,
           audience: str | None = None, limit: int = 10, searcher=None) -> Outcome:
    """Search the handbook at ``root``. Pass an open ``searcher`` to reuse it across
    queries (as the benchmarks do); otherwise the index is checked, updated if the
    pages changed, and opened for this one query."""
    text = check_query(text)
    notices = []
    if searcher is None:
        notices = ensure_index(Path(root))
        try:
            ix = indexing.open_current(root)
        except indexing.IndexUnavailable:  # damaged since the last update: rebuild it
            stats = indexing.refresh(root)
            notices += [n for n in (stats.notice, stats.summary()) if n]
            ix = indexing.open_current(root)
        with search_engine.searcher(ix) as opened:
            return _search(opened, text, type, theme, audience, limit, notices)
    return _search(searcher, text, type, theme, audience, limit, notices)


def _search(searcher, text, type, theme, audience, limit, notices) -> Outcome:
    try:
        parsed = searcher.parse(analysis.expand_synonyms(text))
    except search_engine.QueryError as exc:
        raise QueryProblem(f"de zoekvraag kan niet gelezen worden ({exc}); gebruik gewone woorden") from exc
    if searcher.is_empty(parsed):
        raise QueryProblem(_NO_WORDS)
    found = searcher.search(parsed, {"type": type, "themes": theme, "audience": audience}, limit=max(1, limit))
    terms = searcher.matched_terms(parsed)
    # The handbook's order on top of the engine's, the same as on the site (search/order.py).
    hits = order.handbook_order(found.hits, text, lambda h: h.title, lambda h: h.fields.get("description", ""))
    results = [
        Result(
            path=hit.path,
            title=hit.title,
            type=hit.type,
            score=hit.score,
            snippet=snippet(hit.fields.get("body", ""), terms) or snippet(hit.fields.get("description", ""), terms)
            or hit.fields.get("description", ""),
            themes=tuple(t for t in hit.fields.get("themes", "").split(",") if t),
        )
        for hit in hits
    ]
    return Outcome(
        query=text,
        results=results,
        total=found.total,
        by_type=dict(sorted(found.by_type.items(), key=lambda kv: (-kv[1], kv[0]))),
        by_theme=dict(sorted(found.by_theme.items(), key=lambda kv: (-kv[1], kv[0]))),
        did_you_mean=_did_you_mean(searcher, text),
        notices=notices,
    )


def snippet(text: str, terms, fragments: int = 2) -> str:
    """Up to two pieces of ``text`` around the words that match ``terms`` (index
    terms), those words wrapped in ** ... **; '' when no word matches."""
    spans = _matching_words(text, terms)
    pieces = []
    pending = next(spans, None)
    while pending is not None and len(pieces) < fragments:
        begin = _word_start(text, max(0, pending[0] - BEFORE))
        stop = _word_end(text, min(len(text), begin + FRAGMENT))
        inside = []
        while pending is not None and pending[1] <= stop:
            inside.append(pending)
            pending = next(spans, None)
        if not inside:  # a word longer than a fragment: shown without marks, then passed
            pending = next(spans, None)
        out, at = [], begin
        for start, end in inside:
            out.append(text[at:start])
            out.append(f"{MARK}{text[start:end]}{MARK}")
            at = end
        out.append(text[at:stop])
        pieces.append(" ".join("".join(out).split()))
    return " … ".join(pieces)


def _matching_words(text: str, terms):
    """(start, end) of every word of ``text`` with an index term in ``terms``, in
    order, found lazily: a snippet needs the first few, not a long page analysed
    whole (that was a third of a query's time)."""
    word_terms = analysis.word_terms
    for match in analysis.WORD.finditer(text):
        if not terms.isdisjoint(word_terms(match.group())):
            yield match.span()


def _word_start(text: str, at: int) -> int:
    while 0 < at < len(text) and not text[at - 1].isspace():
        at -= 1
    return at


def _word_end(text: str, at: int) -> int:
    while at < len(text) and not text[at].isspace():
        at += 1
    return at


def _did_you_mean(searcher, text: str) -> str | None:
    """The query with each word the handbook does not use replaced by the closest word
    it does use ('laaggeletterheid' -> 'laaggeletterdheid'); None when nothing changed.
    When the word still found pages through its stem, only a correction that is more
    than another inflection of it is offered ('ouders' does not suggest 'ouder')."""
    corrected, changed = text, False
    for match in reversed(list(analysis.WORD.finditer(text))):
        raw = match.group()
        word = analysis.fold(raw)
        if raw in OPERATORS or word in analysis.stopwords() or searcher.word_known(word):
            continue
        terms = analysis.terms(word, "query")
        found_anyway = bool(terms) and searcher.term_known(terms[0])
        for suggestion in searcher.suggest(word):
            if found_anyway and _inflection(word, suggestion):
                continue
            corrected = corrected[: match.start()] + suggestion + corrected[match.end() :]
            changed = True
            break
    return corrected if changed else None


def _inflection(a: str, b: str) -> bool:
    """Whether two words differ only at their end, as 'ouder' and 'ouders' do."""
    same = 0
    for x, y in zip(a, b):
        if x != y:
            break
        same += 1
    return same >= min(len(a), len(b)) - 2
