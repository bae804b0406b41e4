"""Every call into Whoosh (whoosh-ng 5.x) lives here, so the engine can be swapped.

The rest of the package talks to this module in plain values: documents are dicts,
results are ``EngineHit`` records, errors are ``EngineError``. The Dutch analysis
itself is plain Python in ``analysis``; this module only adapts it to Whoosh.
"""

from __future__ import annotations

import heapq
import itertools
import math
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import formats, qparser, query, scoring
from whoosh.analysis import Token, Tokenizer
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.lang import stemmer_for_language

from handbook.search import analysis

SCHEMA_VERSION = "3"  # bump when the schema below changes: older indexes are rebuilt
# How often title and description are repeated in the searched text: a word in the
# title weighs as three uses in the body.
REPEAT = {"title": 3, "description": 2, "body": 1}


def _read_varints(valuestring: bytes, per_posting: int) -> list[int] | None:
    """The varints of one whoosh-ng 5 posting value (a count, then count * per_posting
    varints), or None when the bytes are not exactly that."""
    size = formats._INT_SIZE
    if len(valuestring) < size:
        return None
    count = formats.unpack_uint(valuestring[:size])[0]
    values, pos, end = [], size, len(valuestring)
    for _ in range(count * per_posting):
        value, shift = 0, 0
        while True:
            if pos >= end:
                return None
            byte = valuestring[pos]
            pos += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        values.append(value)
    return values if pos == end else None


def _positions(values: list[int], step: int) -> list[int]:
    out, position = [], 0
    for delta in values[::step]:
        position += delta
        out.append(position)
    return out


def _characters(values: list[int]) -> list[tuple[int, int, int]]:
    out, position, endchar = [], 0, 0
    for i in range(0, len(values), 3):
        position += values[i]
        startchar = values[i + 1] + endchar
        endchar = values[i + 2] + startchar
        out.append((position, startchar, endchar))
    return out


def _patch_legacy_detection() -> None:
    """whoosh-ng 5.4 takes any posting value ending in b'.' for Whoosh 2's pickled
    format (a pickle ends with '.'). Its own varint encoding ends in b'.' whenever the
    last delta is 46, and such a posting then fails with 'invalid load key': a phrase
    query over a common word crashed. Decode as the new format whenever the bytes are
    a well-formed new value; only otherwise fall back to the old reading."""

    def guarded(original, per_posting, convert):
        def decode(self, valuestring):
            if valuestring.endswith(b"."):
                values = _read_varints(valuestring, per_posting)
                if values is not None:
                    return convert(values)
            return original(self, valuestring)

        decode.__wrapped__ = original
        return decode

    for cls, name, per_posting, convert in (
        (formats.Positions, "decode_positions", 1, lambda v: _positions(v, 1)),
        (formats.Characters, "decode_positions", 3, lambda v: _positions(v, 3)),
        (formats.Characters, "decode_characters", 3, _characters),
    ):
        original = cls.__dict__[name]
        if not hasattr(original, "__wrapped__"):
            setattr(cls, name, guarded(original, per_posting, convert))


_patch_legacy_detection()


class EngineError(Exception):
    """The index cannot be opened or read."""


class DutchTokenizer(Tokenizer):
    """The analysis pipeline as one Whoosh tokenizer. ``is_morph``: Whoosh then keeps
    a separate field of unstemmed words for spelling suggestions."""

    is_morph = True

    def __eq__(self, other):
        return self.__class__ is other.__class__

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", no_morph=False, **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        mode = "query" if mode == "query" else "index"
        if tokenize:
            found = analysis.tokens(value, mode=mode, morph=not no_morph)
        else:  # one word, as for a wildcard or a spelling lookup
            word = analysis.fold(value)
            found = [(t, 0, 0, len(value)) for t in ((word,) if no_morph else analysis.terms(word, mode) or (word,))]
        for text, pos, start, end in found:
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = text
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


def schema() -> Schema:
    dutch = DutchTokenizer()
    return Schema(
        path=ID(stored=True, unique=True, sortable=True),
        digest=ID(sortable=True),
        slug=ID(stored=True),
        # One searched field: title, description and body together (see ``document``).
        # Three separately searched fields made every query word three matchers, and
        # queries three to five times slower.
        content=TEXT(analyzer=dutch, spelling=True),
        title=STORED(),
        description=STORED(),
        body=STORED(),
        type=ID(stored=True),
        themes=KEYWORD(stored=True, commas=True),
        audience=KEYWORD(stored=True, commas=True),
        neighbourhood=KEYWORD(stored=True, commas=True),
        updated=ID(stored=True),
        # "type<TAB>theme,theme" in a column: counting facets over thousands of matches
        # reads this instead of Whoosh's per-query facet tables (see Searcher.search).
        facets=ID(sortable=True),
    )


class SaturatedTfIdf(scoring.WeightingModel):
    """BM25 without length normalisation: idf * tf(k1 + 1) / (tf + k1). A word's tenth
    use counts less than its first; no per-document length is read, and Whoosh can
    skip blocks that cannot reach the top hits, which BM25F here could not."""

    K1 = 2.0

    def scorer(self, searcher, fieldname, text, qf=1):
        idf = searcher.get_parent().idf(fieldname, text)
        return _SaturatedScorer(idf, searcher.term_info(fieldname, text).max_weight())


class _SaturatedScorer(scoring.BaseScorer):
    def __init__(self, idf: float, maxweight: float):
        self.idf = idf
        self._max = self._of(maxweight)

    def _of(self, weight: float) -> float:
        k1 = SaturatedTfIdf.K1
        return self.idf * weight * (k1 + 1) / (weight + k1)

    def supports_block_quality(self):
        return True

    def score(self, matcher):
        return self._of(matcher.weight())

    def max_quality(self):
        return self._max

    def block_quality(self, matcher):
        return self._of(matcher.block_max_weight())


def whoosh_dutch_stem(word: str) -> str:
    """Whoosh's own Dutch stemmer (the old Porter variant), for the stemmer comparison."""
    return stemmer_for_language("nl")(word)


# -- the index ---------------------------------------------------------------------


def create(directory: Path):
    Path(directory).mkdir(parents=True, exist_ok=True)
    return whoosh_index.create_in(str(directory), schema())


def open_index(directory: Path):
    """Open an index and read it once through, so a damaged one fails here, not later."""
    try:
        ix = whoosh_index.open_dir(str(directory))
        with ix.reader() as reader:
            for docnum in reader.all_doc_ids():  # read one document's columns
                reader.column_reader("path")[docnum]
                break
        return ix
    except Exception as exc:  # Whoosh raises many kinds on damaged files
        raise EngineError(f"{type(exc).__name__}: {exc}") from exc


def _live_paths(reader):
    """(path, digest) of every live document. Whole raw columns per segment, decoded
    in one go: a column reader per document costs 30 µs, translating each value
    and asking a multi-segment reader whether it is deleted several more."""
    for leaf in reader.leaf_readers():
        segment = leaf[0] if isinstance(leaf, tuple) else leaf
        paths = _decode_all(segment.column_reader("path", translate=False))
        digests = _decode_all(segment.column_reader("digest", translate=False))
        live = segment.all_doc_ids() if segment.has_deletions() else range(len(paths))
        for docnum in live:
            yield paths[docnum], digests[docnum]


def _decode_all(column) -> list[str]:
    values = list(column)
    if any(b"\0" in value for value in values):
        return [value.decode("utf-8") for value in values]
    return b"\0".join(values).decode("utf-8").split("\0") if values else []


def indexed(ix) -> dict[str, str]:
    """path -> digest of every page in the index (read from columns, not stored fields)."""
    with ix.reader() as reader:
        return dict(_live_paths(reader))


def _text(value) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def write(ix, documents, delete_paths=(), clear: bool = False, pause=None) -> None:
    """Delete, add, commit. Whoosh writes the new segment first and switches to it by
    renaming its table of contents last, so a killed writer leaves the old one."""
    writer = ix.writer(limitmb=128)
    try:
        for path in delete_paths:
            writer.delete_by_term("path", path)
        for document in documents:
            writer.add_document(**document)
            if pause:
                pause()
        if clear:
            from whoosh.writing import CLEAR

            writer.commit(mergetype=CLEAR)
        else:
            writer.commit()
    except BaseException:
        writer.cancel()
        raise


def document(page_values: dict) -> dict:
    """Turn a plain page record into a Whoosh document (lists become comma-joined keywords)."""
    out = {}
    for key, value in page_values.items():
        out[key] = ",".join(value) if isinstance(value, (list, tuple)) else value
    out["facets"] = f"{out.get('type', '')}\t{out.get('themes', '')}"
    out["content"] = "\n".join(
        "\n".join([out.get(field, "")] * times) for field, times in REPEAT.items()
    )
    return out


# -- searching ---------------------------------------------------------------------


@dataclass(frozen=True)
class EngineHit:
    path: str
    title: str
    type: str
    score: float
    snippet: str
    fields: dict


@dataclass(frozen=True)
class EngineResults:
    hits: list
    total: int
    by_type: dict
    by_theme: dict


def _pairs_for_phrases(q):
    """A phrase becomes an And of the pair terms the analysis indexes ('samen leer'):
    a few posting lookups instead of Whoosh comparing positions in every document
    that has all the words (60 ms for a common phrase at 2,000 pages)."""
    if isinstance(q, query.Phrase) and q.slop <= 1 and q.fieldname == "content":
        words = list(q.words)
        if len(words) == 1:
            return query.Term(q.fieldname, words[0], boost=q.boost)
        if len(words) > 1:
            return query.And([query.Term(q.fieldname, f"{a} {b}") for a, b in zip(words, words[1:])], boost=q.boost)
        return q
    return q.apply(_pairs_for_phrases)  # rebuilds And, Or, Not, AndNot... around their parts


class QueryError(Exception):
    pass


class Searcher:
    """An open searcher; use as a context manager, or keep it open for many queries."""

    def __init__(self, ix):
        self._ix = ix
        self._searcher = ix.searcher(weighting=SaturatedTfIdf())
        self._facet_cache = None
        self._term_cache: dict[str, frozenset] = {}
        # A few posting lists of this searcher: a query's words are read once though
        # the scores, the total and the snippet terms all need them.
        self._posting_cache: dict = {}
        self._path_list = None
        self._live = None
        self._parser = qparser.QueryParser("content", ix.schema, group=qparser.AndGroup)
        self._parser.remove_plugin_class(qparser.FieldsPlugin)  # 'a:b' is text, not a field name

    def close(self):
        self._searcher.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def doc_count(self) -> int:
        return self._searcher.doc_count()

    def parse(self, text: str):
        try:
            return _pairs_for_phrases(self._parser.parse(text))
        except Exception as exc:
            raise QueryError(str(exc)) from exc

    @staticmethod
    def is_empty(parsed) -> bool:
        return parsed is None or isinstance(parsed, type(query.NullQuery))

    def search(self, parsed, filters: dict, limit: int) -> EngineResults:
        wanted = [query.Term(field, value) for field, value in filters.items() if value]
        restrict = query.And(wanted) if wanted else None
        scores = self._scores(parsed)
        if scores is None:
            hits, docs = self._whoosh_search(parsed, restrict, limit)
        else:
            # Scored here from whole posting lists: every match is scored once, and the
            # same pass gives the total and the counts. Whoosh's collector walked the
            # posting lists document by document (~6 µs each); with words that most
            # pages use, its block skipping seldom skips (40-250 ms at 10,000 pages).
            docs = set(scores)
            if restrict is not None:
                docs &= self._docs(restrict)
            hits = [self._hit(docnum, score) for docnum, score in _top(scores, docs, limit, self._paths)]
        by_type, by_theme = self._facets()
        return EngineResults(
            hits=hits,
            total=len(docs),
            by_type={name: n for name, members in by_type.items() if (n := len(members & docs))},
            by_theme={name: n for name, members in by_theme.items() if (n := len(members & docs))},
        )

    def _hit(self, docnum: int, score: float) -> EngineHit:
        stored = self._searcher.stored_fields(docnum)
        return EngineHit(
            path=stored["path"],
            title=stored.get("title", ""),
            type=stored.get("type", ""),
            score=round(float(score), 4),
            snippet="",
            fields=stored,
        )

    def _whoosh_search(self, parsed, restrict, limit):
        """Queries ``_scores`` does not know (wildcards, near phrases...): Whoosh's own
        scored search for the top hits, an unscored pass for the total and the counts."""
        results = self._searcher.search(parsed, limit=limit, filter=restrict)
        hits = [self._hit(hit.docnum, hit.score) for hit in results]
        docs = self._docs(parsed)
        if restrict is not None:
            docs &= self._docs(restrict)
        return hits, docs

    def _scores(self, q) -> dict | None:
        """docnum -> score of every live document a query of terms, And, Or and Not
        matches, scored as Whoosh scores them with ``SaturatedTfIdf`` (a sum over the
        matched terms, boosts applied where Whoosh applies them); None for any other
        query. The idf counts live documents only, so an updated index scores as a
        rebuilt one (Whoosh counts deleted documents until their segment merges)."""
        if isinstance(q, query.Term):
            postings = self._postings(q.fieldname, q.text)
            if not postings:
                return {}
            idf = math.log(self._live_count() / (len(postings) + 1)) + 1
            k1 = SaturatedTfIdf.K1
            table = {w: idf * w * (k1 + 1) / (w + k1) for w in set(postings.values())}
            scores = {docnum: table[w] for docnum, w in postings.items()}
            return _boosted(scores, q.boost)
        if isinstance(q, query.And) and type(q) is query.And:
            positive = [part for part in q.subqueries if not isinstance(part, query.Not)]
            negative = [part.query for part in q.subqueries if isinstance(part, query.Not)]
            # Whoosh sums two parts in either order alike; three or more it sums in a
            # tree of its own order, which a float sum can tell apart: not done here.
            # A NOT part counts as a part that scores 1.0 (Whoosh's InverseMatcher).
            if not positive or len(q.subqueries) > 2:
                return None
            scored = []
            for part in positive:
                found = self._scores(part)
                if found is None:
                    return None
                scored.append(found)
            common = set(scored[0]).intersection(*scored[1:])
            for part in negative:
                if common:
                    common -= self._docs(part)
            if len(scored) == 2:
                a, b = scored
                scores = {docnum: a[docnum] + b[docnum] for docnum in common}
            elif negative:
                a = scored[0]
                scores = {docnum: a[docnum] + 1.0 for docnum in common}
            else:
                a = scored[0]
                scores = {docnum: a[docnum] for docnum in common}
            return _boosted(scores, q.boost)
        if isinstance(q, query.Or) and type(q) is query.Or and not q.minmatch and not q.scale:
            scored = []
            for part in q.subqueries:
                found = self._scores(part)
                if found is None:
                    return None
                scored.append(found)
            if len(scored) == 1:
                scores = scored[0]
            elif len(scored) == 2:
                a, b = scored
                scores = dict(a)
                for docnum, score in b.items():
                    scores[docnum] = scores[docnum] + score if docnum in scores else score
            else:
                return None
            return _boosted(scores, q.boost)
        return None

    def _postings(self, fieldname: str, text) -> dict:
        """Global docnum -> weight of a term's live postings, read a block at a time."""
        key = (fieldname, text)
        found = self._posting_cache.get(key)
        if found is not None:
            return found
        reader = self._searcher.reader()
        found = {}
        if key in reader:
            for leaf, offset in reader.leaf_readers():
                if key not in leaf:
                    continue
                matcher = leaf.postings(fieldname, text)
                deleted = leaf.deleted_docs_set if leaf.has_deletions() else ()
                matcher = getattr(matcher, "child", matcher) if deleted else matcher
                for docnum, weight in _all_postings(matcher):
                    if docnum not in deleted:
                        found[docnum + offset] = weight
        if len(self._posting_cache) > 64:
            self._posting_cache.clear()
        self._posting_cache[key] = found
        return found

    def _paths(self) -> list[str]:
        """The path of every docnum (deleted ones too), read once per searcher."""
        if self._path_list is None:
            found = []
            for leaf, _offset in self._searcher.reader().leaf_readers():
                found.extend(_decode_all(leaf.column_reader("path", translate=False)))
            self._path_list = found
        return self._path_list

    def _live_count(self) -> int:
        return self._searcher.doc_count()

    def _docs(self, q) -> set:
        """Every document a query matches. And/Or/Not over terms are done as set
        operations on posting lists (in C); anything else asks Whoosh."""
        if isinstance(q, query.Term):
            return set(self._postings(q.fieldname, q.text))
        if isinstance(q, query.And):
            found = None
            for part in sorted(q.subqueries, key=lambda p: isinstance(p, query.Not)):
                if isinstance(part, query.Not):
                    found = (found if found is not None else self._all()) - self._docs(part.query)
                else:
                    found = self._docs(part) if found is None else found & self._docs(part)
                if not found:
                    return set()
            return found if found is not None else set()
        if isinstance(q, query.Or):
            found = set()
            for part in q.subqueries:
                found |= self._docs(part)
            return found
        if isinstance(q, query.Not):
            return self._all() - self._docs(q.query)
        return set(self._searcher.docs_for_query(q))

    def _all(self) -> set:
        return set(self._searcher.reader().all_doc_ids())

    def _live_count(self) -> int:
        if self._live is None:
            self._live = len(self._all())
        return self._live

    def matched_terms(self, parsed) -> frozenset[str]:
        """The index terms a query matches (wildcards expanded), for highlighting."""
        reader = self._searcher.reader()
        found = set()
        for field, text in parsed.existing_terms(reader, expand=True):
            if field == "content":
                found.update(_text(text).split(" "))  # a pair term highlights both words
        return frozenset(found)

    def _facets(self):
        """Type and theme -> set of docnums, read from the facets column once per
        searcher; counting is then a set intersection per facet value."""
        if self._facet_cache is None:
            reader = self._searcher.reader()
            column = reader.column_reader("facets")
            by_type, by_theme = {}, {}
            for docnum in reader.all_doc_ids():
                type_name, _, themes = _text(column[docnum]).partition("\t")
                by_type.setdefault(type_name, set()).add(docnum)
                for theme in themes.split(","):
                    if theme:
                        by_theme.setdefault(theme, set()).add(docnum)
            by_type.pop("", None)
            self._facet_cache = (by_type, by_theme)
        return self._facet_cache

    def term_known(self, term: str) -> bool:
        """Whether an analysed term occurs in any text field."""
        return ("content", term) in self._searcher.reader()

    def word_known(self, word: str) -> bool:
        """Whether a folded, unstemmed word is written in any title or body."""
        return ("spell_content", word) in self._searcher.reader()

    def suggest(self, word: str, limit: int = 3) -> list[str]:
        # prefix=1: a misspelling rarely starts with a wrong letter, and the lookup is
        # several times faster than over the whole vocabulary.
        return list(self._searcher.corrector("content").suggest(word, limit=limit, maxdist=2, prefix=1))

    def more_like(self, path: str, text: str, limit: int, numterms: int = 15) -> list[tuple[str, float]]:
        """Pages that share the most telling terms of ``text`` (the page at ``path``).

        Not Whoosh's more_like: its term statistics still count deleted documents
        until segments merge, so an index that was updated and one that was rebuilt
        ranked differently. Here every statistic comes from live documents only, and
        ties are broken by path: the same pages give the same answer."""
        # Live documents only, as the term statistics below; counted once per searcher,
        # since "Zie ook" asks this for every page of a build.
        total = self._live_count()
        if total < 2:
            return []
        counts: dict[str, int] = {}
        for term, *_ in analysis.tokens(text):
            counts[term] = counts.get(term, 0) + 1
        weights = []
        for term, tf in counts.items():
            df = len(self._term_docs(term))
            if 1 < df <= total // 2:
                weights.append((-(tf * 3 / (tf + 2)) * math.log(total / df), term))
        scores: dict[int, float] = {}
        for weight, term in sorted(weights)[:numterms]:
            for docnum in self._term_docs(term):
                scores[docnum] = scores.get(docnum, 0.0) - weight
        paths = self._paths()
        found = sorted((-round(score, 6), paths[docnum]) for docnum, score in scores.items())
        return [(other, -negative) for negative, other in found if other != path][:limit]

    def _term_docs(self, term: str) -> frozenset:
        cache = self._term_cache
        found = cache.get(term)
        if found is None:
            found = cache[term] = frozenset(self._docs(query.Term("content", term)))
        return found


def _boosted(scores: dict, boost: float) -> dict:
    if boost == 1.0:
        return scores
    return {docnum: score * boost for docnum, score in scores.items()}


def _top(scores: dict, docs: set, limit: int, paths) -> list[tuple[int, float]]:
    """The ``limit`` best (docnum, score) of ``docs``: higher score first, equal
    scores by path. A rebuild numbers documents in path order, so this is the order
    of Whoosh's collector (lower docnum first); an updated index, whose changed pages
    have new numbers, then ranks as a rebuilt one."""
    if len(docs) != len(scores):
        scores = {docnum: scores[docnum] for docnum in docs}
    if not scores:
        return []
    floor = heapq.nlargest(limit, scores.values())[-1]
    best = sorted((-score, paths()[docnum], docnum) for docnum, score in scores.items() if score >= floor)[:limit]
    return [(docnum, -negative) for negative, _path, docnum in best]


def _all_postings(matcher):
    """(docnum, weight) of every posting of a segment's matcher. A Whoosh 3 posting
    list is read block by block (ids and weights as arrays); any other matcher one
    posting at a time."""
    if isinstance(matcher, W3LeafMatcher) and hasattr(matcher, "_read_weights"):
        while matcher.is_active():
            if matcher._data is None:
                matcher._read_data()
            ids = matcher._data[0]
            # Whoosh's delta_decode, as a running sum in C.
            ids = ids if matcher._byteids else itertools.accumulate(ids)
            matcher._read_weights()
            yield from zip(ids, matcher._weights)
            matcher._next_block()
        return
    while matcher.is_active():
        yield matcher.id(), matcher.weight()
        matcher.next()


def searcher(ix) -> Searcher:
    return Searcher(ix)
