"""The search evaluation set and its scorer (issue 14).

``tests/search_eval/queries.yaml`` lists queries as readers type them, each with the
pages that answer it. Whatever searches (``handbook search``, the site's search in
Chromium, lunr or Pagefind in the benchmarks) hands this module its ranked results per
query as page paths or URLs, and gets the same figures back: success@3 (a right page
among the first three), MRR (mean of 1/rank of the first right page) and the queries
that found nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence
from urllib.parse import urlsplit

import yaml

from handbook.content import schemas



@dataclass(frozen=True)
class Query:
    text: str
    kind: str
    pages: tuple[str, ...]  # page keys (see ``page_key``)


@dataclass
class Report:
    k: int
    success_at_k: float
    mrr: float
    no_result: list[str]
    contributor_in_top: list[str]  # queries with a contributor page among the first k
    ranks: dict[str, int | None] = field(default_factory=dict)  # rank of the first right page

    @property
    def failures(self) -> list[str]:
        return [q for q, r in self.ranks.items() if r is None or r > self.k]

    def summary(self) -> str:
        return (
            f"success@{self.k} {self.success_at_k:.2f}, MRR {self.mrr:.2f}, "
            f"{len(self.no_result)} zonder resultaat, {len(self.contributor_in_top)} met een bijdragerspagina in de top {self.k}"
        )


def page_key(ref: str) -> str:
    """One name for a page however it is written: 'content/tips/x.md', 'tips/x.md',
    '/tips/x/', 'http://host/base/tips/x/?highlight=y#top' and 'tips/x/index.html' all
    give 'tips/x'; a folder's index page is the folder ('' for the home page)."""
    path = urlsplit(ref).path if "://" in ref or ref.startswith("/") or "?" in ref or "#" in ref else ref
    path = path.strip("/")
    for prefix in ("content/",):
        if path.startswith(prefix):
            path = path[len(prefix):]
    for suffix in ("index.html", "index.md", ".html", ".md"):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
            break
    return path.strip("/")


def strip_base(key: str, base: str) -> str:
    """A URL path's key without the site's base path ('handboek/tips/x' -> 'tips/x')."""
    base = base.strip("/")
    return key[len(base):].strip("/") if base and (key == base or key.startswith(base + "/")) else key


def load(path: Path | str) -> list[Query]:
    entries = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return [Query(str(e["query"]), str(e.get("kind", "")), tuple(page_key(p) for p in e["pages"])) for e in entries]


def score(queries: Sequence[Query], ranked: Mapping[str, Sequence[str]], k: int = 3) -> Report:
    """Figures for ``ranked``: query text -> result pages (paths or URLs) best first.
    A query missing from ``ranked`` counts as one without results."""
    ranks: dict[str, int | None] = {}
    no_result, contributor = [], []
    reciprocal = 0.0
    for query in queries:
        results = [page_key(r) for r in ranked.get(query.text, ())]
        if not results:
            no_result.append(query.text)
        if any(schemas.for_contributors(r) for r in results[:k]):
            contributor.append(query.text)
        wanted = set(query.pages)
        rank = next((i for i, r in enumerate(results, 1) if r in wanted), None)
        ranks[query.text] = rank
        reciprocal += 1 / rank if rank else 0.0
    n = max(1, len(queries))
    hits = sum(1 for r in ranks.values() if r is not None and r <= k)
    return Report(k, hits / n, reciprocal / n, no_result, contributor, ranks)


def agreement(queries: Sequence[Query], a: Mapping[str, Sequence[str]], b: Mapping[str, Sequence[str]]) -> float:
    """Share of queries for which two searches put the same page first."""
    same = 0
    for query in queries:
        first_a = [page_key(r) for r in a.get(query.text, ())[:1]]
        first_b = [page_key(r) for r in b.get(query.text, ())[:1]]
        same += bool(first_a) and first_a == first_b
    return same / max(1, len(queries))
