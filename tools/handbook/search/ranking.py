"""How the handbook scores a query: ``SaturatedTfIdf`` for Whoosh's own searches, and the same
sums computed from whole posting lists (``scores``) for queries of terms, And, Or and Not.

Plain sets and dicts over ``Postings``; the only Whoosh here is the weighting model and the
query classes it reads.
"""

from __future__ import annotations

import heapq
import math

from whoosh import query, scoring


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


def query_scores(q, postings) -> dict | None:
    """docnum -> score of every live document a query of terms, And, Or and Not
    matches, scored as Whoosh scores them with ``SaturatedTfIdf`` (a sum over the
    matched terms, boosts applied where Whoosh applies them); None for any other
    query. The idf counts live documents only, so an updated index scores as a
    rebuilt one (Whoosh counts deleted documents until their segment merges)."""
    if isinstance(q, query.Term):
        found = postings.postings(q.fieldname, q.text)
        if not found:
            return {}
        idf = math.log(postings.live_count() / (len(found) + 1)) + 1
        k1 = SaturatedTfIdf.K1
        table = {w: idf * w * (k1 + 1) / (w + k1) for w in set(found.values())}
        scores = {docnum: table[w] for docnum, w in found.items()}
        return boosted(scores, q.boost)
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
            found = query_scores(part, postings)
            if found is None:
                return None
            scored.append(found)
        common = set(scored[0]).intersection(*scored[1:])
        for part in negative:
            if common:
                common -= postings.docs(part)
        if len(scored) == 2:
            a, b = scored
            scores = {docnum: a[docnum] + b[docnum] for docnum in common}
        elif negative:
            a = scored[0]
            scores = {docnum: a[docnum] + 1.0 for docnum in common}
        else:
            a = scored[0]
            scores = {docnum: a[docnum] for docnum in common}
        return boosted(scores, q.boost)
    if isinstance(q, query.Or) and type(q) is query.Or and not q.minmatch and not q.scale:
        scored = []
        for part in q.subqueries:
            found = query_scores(part, postings)
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
        return boosted(scores, q.boost)
    return None


def boosted(scores: dict, boost: float) -> dict:
    if boost == 1.0:
        return scores
    return {docnum: score * boost for docnum, score in scores.items()}


def top(scores: dict, docs: set, limit: int, paths) -> list[tuple[int, float]]:
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
