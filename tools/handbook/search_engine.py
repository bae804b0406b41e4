"""Every call into Whoosh (whoosh-ng 5.x) lives here, so the engine can be swapped.

The rest of the package talks to this module in plain values: documents are dicts,
results are ``EngineHit`` records, errors are ``EngineError``. The Dutch analysis
itself is plain Python in ``analysis``; this module only adapts it to Whoosh.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import formats, qparser, query
from whoosh.analysis import Token, Tokenizer
from whoosh.fields import ID, KEYWORD, TEXT, Schema
from whoosh.highlight import ContextFragmenter, Formatter, get_text
from whoosh.lang import stemmer_for_language
from whoosh.sorting import FieldFacet

from handbook import analysis

TEXT_FIELDS = ("title", "description", "body")
FIELD_BOOSTS = {"title": 3.0, "description": 1.5, "body": 1.0}
MARK = "**"  # matched words in a snippet are wrapped in this, as in Markdown


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
        title=TEXT(analyzer=dutch, stored=True, field_boost=FIELD_BOOSTS["title"], spelling=True),
        description=TEXT(analyzer=dutch, stored=True, field_boost=FIELD_BOOSTS["description"]),
        body=TEXT(analyzer=dutch, stored=True, spelling=True),
        type=ID(stored=True),
        themes=KEYWORD(stored=True, commas=True),
        audience=KEYWORD(stored=True, commas=True),
        neighbourhood=KEYWORD(stored=True, commas=True),
        updated=ID(stored=True),
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
            reader.doc_count()
            if reader.doc_count():
                list(_live_paths(reader))
        return ix
    except Exception as exc:  # Whoosh raises many kinds on damaged files
        raise EngineError(f"{type(exc).__name__}: {exc}") from exc


def _live_paths(reader):
    paths = reader.column_reader("path")
    digests = reader.column_reader("digest")
    for docnum in reader.all_doc_ids():
        yield paths[docnum], digests[docnum]


def indexed(ix) -> dict[str, str]:
    """path -> digest of every page in the index (read from columns, not stored fields)."""
    with ix.reader() as reader:
        return {_text(p): _text(d) for p, d in _live_paths(reader)}


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


class _MarkFormatter(Formatter):
    between = " … "

    def format_token(self, text, token, replace=False):
        return f"{MARK}{get_text(text, token, replace)}{MARK}"


class QueryError(Exception):
    pass


class Searcher:
    """An open searcher; use as a context manager, or keep it open for many queries."""

    def __init__(self, ix):
        self._ix = ix
        self._searcher = ix.searcher()
        self._parser = qparser.MultifieldParser(list(TEXT_FIELDS), ix.schema, group=qparser.AndGroup)
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
            return self._parser.parse(text)
        except Exception as exc:
            raise QueryError(str(exc)) from exc

    @staticmethod
    def is_empty(parsed) -> bool:
        return parsed is None or isinstance(parsed, type(query.NullQuery))

    def search(self, parsed, filters: dict, limit: int) -> EngineResults:
        wanted = [query.Term(field, value) for field, value in filters.items() if value]
        facets = {"type": FieldFacet("type"), "themes": FieldFacet("themes", allow_overlap=True)}
        results = self._searcher.search(
            parsed, limit=limit, filter=query.And(wanted) if wanted else None, groupedby=facets, terms=True
        )
        results.fragmenter = ContextFragmenter(maxchars=160, surround=50)
        results.formatter = _MarkFormatter()
        hits = []
        for hit in list(results)[:limit]:
            stored = dict(hit.fields())
            snippet = hit.highlights("body", top=2) or hit.highlights("description") or stored.get("description", "")
            hits.append(
                EngineHit(
                    path=stored["path"],
                    title=stored.get("title", ""),
                    type=stored.get("type", ""),
                    score=round(float(hit.score), 4),
                    snippet=" ".join(snippet.split()),
                    fields=stored,
                )
            )
        by_type = {_text(k): len(v) for k, v in results.groups("type").items() if k}
        by_theme = {_text(k): len(v) for k, v in results.groups("themes").items() if k}
        return EngineResults(hits=hits, total=len(results), by_type=by_type, by_theme=by_theme)

    def term_known(self, term: str) -> bool:
        """Whether an analysed term occurs in any text field."""
        reader = self._searcher.reader()
        return any((field, term) in reader for field in TEXT_FIELDS)

    def word_known(self, word: str) -> bool:
        """Whether a folded, unstemmed word is written in any title or body."""
        reader = self._searcher.reader()
        return any((f"spell_{field}", word) in reader for field in ("title", "body"))

    def suggest(self, word: str, limit: int = 3) -> list[str]:
        seen = []
        for field in ("title", "body"):
            for found in self._searcher.corrector(field).suggest(word, limit=limit, maxdist=2):
                if found not in seen:
                    seen.append(found)
        return seen[:limit]

    def more_like(self, path: str, text: str, limit: int, numterms: int = 12) -> list[tuple[str, float]]:
        docnum = self._searcher.document_number(path=path)
        if docnum is None:
            return []
        results = self._searcher.more_like(docnum, "body", text=text, top=limit, numterms=numterms)
        return [(hit["path"], float(hit.score)) for hit in results]


def searcher(ix) -> Searcher:
    return Searcher(ix)
