"""Posting lists of a Whoosh index, read whole and block by block (the engine's hot path)."""

from __future__ import annotations

import itertools

from whoosh import query
from whoosh.codec.whoosh3 import W3LeafMatcher


def decode_all(column) -> list[str]:
    values = list(column)
    if any(b"\0" in value for value in values):
        return [value.decode("utf-8") for value in values]
    return b"\0".join(values).decode("utf-8").split("\0") if values else []


def text_of(value) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


class Postings:
    """The posting lists of one open Whoosh searcher, read a block at a time and kept for
    its lifetime: which documents a term or a query of terms matches, their paths, the
    live-document count and the type and theme facets. Scoring, facet counting and
    "Zie ook" are set operations on what this returns."""

    def __init__(self, searcher):
        self._searcher = searcher
        self._facet_cache = None
        self._term_cache: dict[str, frozenset] = {}
        # A few posting lists of this searcher: a query's words are read once though
        # the scores, the total and the snippet terms all need them.
        self._posting_cache: dict = {}
        self._path_list = None
        self._live = None

    def postings(self, fieldname: str, text) -> dict:
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

    def paths(self) -> list[str]:
        """The path of every docnum (deleted ones too), read once per searcher."""
        if self._path_list is None:
            found = []
            for leaf, _offset in self._searcher.reader().leaf_readers():
                found.extend(decode_all(leaf.column_reader("path", translate=False)))
            self._path_list = found
        return self._path_list

    def docs(self, q) -> set:
        """Every document a query matches. And/Or/Not over terms are done as set
        operations on posting lists (in C); anything else asks Whoosh."""
        if isinstance(q, query.Term):
            return set(self.postings(q.fieldname, q.text))
        if isinstance(q, query.And):
            found = None
            for part in sorted(q.subqueries, key=lambda p: isinstance(p, query.Not)):
                if isinstance(part, query.Not):
                    found = (found if found is not None else self.all()) - self.docs(part.query)
                else:
                    found = self.docs(part) if found is None else found & self.docs(part)
                if not found:
                    return set()
            return found if found is not None else set()
        if isinstance(q, query.Or):
            found = set()
            for part in q.subqueries:
                found |= self.docs(part)
            return found
        if isinstance(q, query.Not):
            return self.all() - self.docs(q.query)
        return set(self._searcher.docs_for_query(q))

    def all(self) -> set:
        return set(self._searcher.reader().all_doc_ids())

    def live_count(self) -> int:
        if self._live is None:
            self._live = len(self.all())
        return self._live

    def facets(self):
        """Type and theme -> set of docnums, read from the facets column once per
        searcher; counting is then a set intersection per facet value."""
        if self._facet_cache is None:
            reader = self._searcher.reader()
            column = reader.column_reader("facets")
            by_type, by_theme = {}, {}
            for docnum in reader.all_doc_ids():
                type_name, _, themes = text_of(column[docnum]).partition("\t")
                by_type.setdefault(type_name, set()).add(docnum)
                for theme in themes.split(","):
                    if theme:
                        by_theme.setdefault(theme, set()).add(docnum)
            by_type.pop("", None)
            self._facet_cache = (by_type, by_theme)
        return self._facet_cache

    def term_docs(self, term: str) -> frozenset:
        cache = self._term_cache
        found = cache.get(term)
        if found is None:
            found = cache[term] = frozenset(self.docs(query.Term("content", term)))
        return found


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
