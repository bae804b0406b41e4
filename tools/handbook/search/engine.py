"""Every call into Whoosh (whoosh-ng 5.x) lives here, so the engine can be swapped.

The rest of the package talks to this module in plain values: documents are dicts,
results are ``EngineHit`` records, errors are ``EngineError``. The Dutch analysis
itself is plain Python in ``analysis``; this module only adapts it to Whoosh.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import formats, qparser, query
from whoosh.analysis import Token, Tokenizer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.lang import stemmer_for_language

from handbook.search import analysis, ranking
from handbook.search.postings import Postings, decode_all, text_of
from handbook.search.ranking import SaturatedTfIdf

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
        paths = decode_all(segment.column_reader("path", translate=False))
        digests = decode_all(segment.column_reader("digest", translate=False))
        live = segment.all_doc_ids() if segment.has_deletions() else range(len(paths))
        for docnum in live:
            yield paths[docnum], digests[docnum]


def indexed(ix) -> dict[str, str]:
    """path -> digest of every page in the index (read from columns, not stored fields)."""
    with ix.reader() as reader:
        return dict(_live_paths(reader))


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
        self._postings = Postings(self._searcher)
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
                docs &= self._postings.docs(restrict)
            hits = [self._hit(docnum, score) for docnum, score in ranking.top(scores, docs, limit, self._postings.paths)]
        by_type, by_theme = self._postings.facets()
        return EngineResults(
            hits=hits,
            total=len(docs),
            by_type={name: n for name, members in by_type.items() if (n := len(members & docs))},
            by_theme={name: n for name, members in by_theme.items() if (n := len(members & docs))},
        )

    def _scores(self, q) -> dict | None:
        """docnum -> score from whole posting lists, or None where Whoosh must search (``ranking``)."""
        return ranking.query_scores(q, self._postings)

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
        docs = self._postings.docs(parsed)
        if restrict is not None:
            docs &= self._postings.docs(restrict)
        return hits, docs

    def matched_terms(self, parsed) -> frozenset[str]:
        """The index terms a query matches (wildcards expanded), for highlighting."""
        reader = self._searcher.reader()
        found = set()
        for field, text in parsed.existing_terms(reader, expand=True):
            if field == "content":
                found.update(text_of(text).split(" "))  # a pair term highlights both words
        return frozenset(found)

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
        total = self._postings.live_count()
        if total < 2:
            return []
        counts: dict[str, int] = {}
        for term, *_ in analysis.tokens(text):
            counts[term] = counts.get(term, 0) + 1
        weights = []
        for term, tf in counts.items():
            df = len(self._postings.term_docs(term))
            if 1 < df <= total // 2:
                weights.append((-(tf * 3 / (tf + 2)) * math.log(total / df), term))
        scores: dict[int, float] = {}
        for weight, term in sorted(weights)[:numterms]:
            for docnum in self._postings.term_docs(term):
                scores[docnum] = scores.get(docnum, 0.0) - weight
        paths = self._postings.paths()
        found = sorted((-round(score, 6), paths[docnum]) for docnum, score in scores.items())
        return [(other, -negative) for negative, other in found if other != path][:limit]

def searcher(ix) -> Searcher:
    return Searcher(ix)
